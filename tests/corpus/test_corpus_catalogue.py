"""Catalogue metadata: tables beside the texts, evidence, inferred marks, corrections, dates."""

from __future__ import annotations

from syria_reader.corpus.catalogue import path_date
from syria_reader.corpus.corrections import corrections_path, load_corrections, set_correction
from syria_reader.corpus.load import load_corpus
from syria_reader.corpus.metadata import load_corpus_metadata
from syria_reader.corpus.metadata_table import date_order, parse_date

STORY = (
    "The army said on Monday that its forces had retaken three villages north of the city after "
    "heavy fighting. Rebel commanders denied the claim and said their fighters still held the road."
)


def by_id(root):
    return {a.id: a for a in load_corpus(root).articles}


def test_metadata_csv_beside_the_texts_gives_title_source_and_date(write_corpus) -> None:
    root = write_corpus(
        {
            "101.txt": f"Sun 10 Jul 2016 {STORY} SANA reporter in Aleppo said so.",
            "102.txt": f"Fighting goes on. {STORY}",
            "103.txt": STORY,
            # cp1252, CRLF, month-first dates (a day over 12 says so), an extra column.
            "_metadata.csv": (
                "unit_id,article_title,source,date,label,file\r\n"
                "101,Army retakes villages,sana,7/10/16,1,101.txt\r\n"
                "102,Rebels deny “claim”,dailysabah,7/20/16,0,102.txt\r\n"
            ).encode("cp1252"),
        }
    )
    articles = by_id(root)
    first, second, third = articles["101"], articles["102"], articles["103"]
    assert (first.title, first.source, first.date) == (
        "Army retakes villages",
        "sana",  # the table's own spelling, whatever case the text uses
        "2016-07-10",
    )
    assert first.provenance["date"].how == "metadata table"
    assert first.provenance["date"].evidence == "_metadata.csv row 2"
    assert not first.inferred("date") and not first.inferred("title")
    assert (second.title, second.source, second.date) == (
        "Rebels deny “claim”",
        "dailysabah",
        "2016-07-20",
    )
    # A file the table does not name keeps what its text says.
    assert third.provenance["title"].how == "first sentence"


def test_a_table_named_in_corpus_toml_with_a_column_mapping(write_corpus) -> None:
    root = write_corpus(
        {
            "docs/a.txt": STORY,
            "catalogue.csv": "filename,headline,outlet,writer,published\n"
            "docs/a.txt,Villages retaken,The Weekly,Jane Doe,12/10/2015\n",
            "corpus.toml": '[table]\nfile = "catalogue.csv"\ncolumns = { source = "outlet" }\n'
            'date_format = "%d/%m/%Y"\n',
        }
    )
    (article,) = load_corpus(root).articles
    assert (article.title, article.source, article.author, article.date) == (
        "Villages retaken",
        "The Weekly",
        "Jane Doe",
        "2015-10-12",
    )


def test_table_problems_name_the_table(write_corpus) -> None:
    root = write_corpus({"a.txt": STORY, "metadata.csv": "title,date\nSomething,1/2/15\n"})
    _, problems = load_corpus_metadata(root)
    assert any("metadata.csv" in p and "no column names the files" in p for p in problems)
    root = write_corpus({"metadata.csv": "file,date\na.txt,1/2/15\n", "corpus.toml": ""})
    _, problems = load_corpus_metadata(root)
    assert any("day and month order" in p for p in problems)


def test_date_order_and_cells() -> None:
    assert date_order(["7/10/16", "7/20/16"]) == "mdy"
    assert date_order(["20/7/16"]) == "dmy"
    assert date_order(["1/2/15"]) is None
    assert parse_date("7/10/16", "mdy", None) == "2016-07-10"
    assert parse_date("2016-07-10T10:00:00Z", None, None) == "2016-07-10"
    assert parse_date("2016-02", None, None) == "2016-02"
    assert parse_date("12 October 2015", None, None) == "2015-10-12"
    assert parse_date("soon", None, None) is None


def test_dates_in_file_and_folder_names() -> None:
    assert path_date("2015-10-12_report.txt").value == "2015-10-12"  # type: ignore[union-attr]
    assert path_date("news/20151012.txt").value == "2015-10-12"  # type: ignore[union-attr]
    found = path_date("blog/2015/12/regime-strikes-back.html")
    assert found is not None and (found.value, found.how) == ("2015-12", "folder name")
    assert path_date("1914947535.txt") is None  # an id, not a date
    assert path_date("2015-13-40.txt") is None


def test_a_file_name_date_is_inferred_and_weaker_than_the_text(write_corpus) -> None:
    root = write_corpus(
        {"2015/10/a.txt": STORY, "b-2016-06-08.txt": f"Published 7 June 2016 {STORY}"}
    )
    articles = by_id(root)
    assert articles["2015/10/a"].date == "2015-10"
    assert articles["2015/10/a"].inferred("date")
    assert articles["b-2016-06-08"].date == "2016-06-07"  # the dateline beats the name
    assert articles["b-2016-06-08"].provenance["date"].how == "dateline"


def test_a_site_notice_names_the_source_in_its_own_case(write_corpus) -> None:
    root = write_corpus(
        {
            "a.txt": f"Army retakes villages\n\n{STORY}\n\n"
            "Example Eye delivers independent coverage of the region. To learn more about "
            "republishing this content, please fill out this form.\n",
            "b.txt": f"Villages retaken\n\n(MENAFN- The Journal Of Example Weekly) {STORY}\n",
        }
    )
    articles = by_id(root)
    assert articles["a"].source == "Example Eye"
    assert articles["a"].provenance["source"].how == "site notice"
    assert articles["b"].source == "The Journal of Example Weekly"


def test_a_footer_copyright_year_is_not_a_date(write_corpus) -> None:
    page = (
        "<html><head><title>Army retakes villages</title></head><body><article>"
        f"<h1>Army retakes villages</h1><p>{STORY}</p><p>{STORY}</p></article>"
        "<footer>© 2015 Example News. All rights reserved.</footer></body></html>"
    )
    dated = page.replace(
        "<head>", '<head><meta property="article:published_time" content="2016-03-04T10:00:00Z">'
    )
    root = write_corpus({"a.html": page, "b.html": dated})
    articles = by_id(root)
    assert articles["a"].date is None
    assert articles["b"].date == "2016-03-04"
    assert articles["b"].provenance["date"].how.startswith("page metadata")


def test_corrections_live_in_the_data_dir_and_win(write_corpus, isolated_user_dirs) -> None:
    root = write_corpus({"a.txt": f"Published 7 June 2016 {STORY}"})
    before = load_corpus_metadata(root)[0].fingerprint
    path = set_correction(root, "a", {"date": "2016-06-08", "source": "Middle East Eye"})
    assert str(path).startswith(str(isolated_user_dirs))
    assert path == corrections_path(root)
    assert sorted(p.name for p in root.iterdir()) == ["a.txt"]  # nothing written beside the texts
    (article,) = load_corpus(root).articles
    assert (article.date, article.source) == ("2016-06-08", "Middle East Eye")
    assert article.provenance["date"].how == "your correction"
    assert not article.inferred("date")
    assert load_corpus_metadata(root)[0].fingerprint != before  # the index is rebuilt
    set_correction(root, "a", {"date": ""})
    assert load_corrections(root) == {"a": {"source": "Middle East Eye"}}


def test_unreadable_corrections_are_reported_and_kept(write_corpus) -> None:
    root = write_corpus({"a.txt": STORY})
    path = corrections_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[articles\nbroken", encoding="utf-8")
    _, problems = load_corpus_metadata(root)
    assert any(str(path) in p and "not applied" in p for p in problems)
    assert path.read_text(encoding="utf-8") == "[articles\nbroken"
