"""Metadata: what the text says (bylines, tags, bios, datelines) and corpus.toml overrides."""

from __future__ import annotations

from pathlib import Path

from syria_reader.corpus.bylines import (
    find_date,
    parse_bio,
    parse_byline,
    split_syndication,
)
from syria_reader.corpus.clean import clean_document
from syria_reader.corpus.load import load_corpus
from syria_reader.corpus.metadata import (
    fallback_title,
    infer_metadata,
    load_corpus_metadata,
)

PARA = (
    "The army said on Monday that its forces had retaken three villages north of the city "
    "after heavy fighting."
)


def test_byline_with_publication() -> None:
    byline = parse_byline("By Juan Cole | (Informed Comment) | – –")
    assert byline and (byline.author, byline.source) == ("Juan Cole", "Informed Comment")
    assert parse_byline("By Jane Smith").author == "Jane Smith"
    assert parse_byline("By the time the army arrived, the town was empty.") is None
    assert parse_byline("By reading the report, we learned a lot") is None


def test_syndication_tag() -> None:
    assert split_syndication("(MENAFN- The Journal Of Turkish Weekly) Russian President") == (
        "The Journal Of Turkish Weekly",
        "Russian President",
    )
    assert split_syndication("(AFP) said") is None


def test_author_bio() -> None:
    bio = parse_bio(
        "Ed Blanche is the Analysis section editor of The Arab Weekly. He has covered the Middle "
        "East since"
    )
    assert bio and (bio.author, bio.source) == ("Ed Blanche", "The Arab Weekly")
    assert (
        parse_bio("Mary Jones is a senior correspondent for Middle East Eye.").source
        == "Middle East Eye"
    )
    assert parse_bio("The army is the last line of defence for the regime.") is None


def test_dates_in_many_spellings() -> None:
    assert find_date("Monitor AFP Sunday 1 Feb 2015 At least") == "2015-02-01"
    assert find_date("Thu Jul 30 2015 Al-Nusra") == "2015-07-30"
    assert find_date("made on October 12, 2015 from") == "2015-10-12"
    assert find_date("15-02-2016 Dozens") == "2016-02-15"
    assert find_date("2016-07-10") == "2016-07-10"
    assert find_date("on 31 February 2016") is None
    assert find_date("on October 23rd") is None


def test_inference_from_text() -> None:
    (article,) = clean_document(
        f"Army retakes villages\n\nBy Jane Smith | (Example Comment)\n\n{PARA}\n\n{PARA[:-1]} "
        "again.\n"
    )
    inferred = infer_metadata(article)
    assert (inferred.title, inferred.author, inferred.source, inferred.date) == (
        "Army retakes villages",
        "Jane Smith",
        "Example Comment",
        None,
    )
    (article,) = clean_document(f"Monitor AFP Sunday 1 Feb 2015 {PARA}")
    assert infer_metadata(article).date == "2015-02-01"
    assert fallback_title(article) == "Monitor AFP Sunday 1 Feb 2015 The army said on Monday that…"
    (article,) = clean_document(f"Friday 17 June 2016 Civilians killed in air strikes. {PARA}")
    assert fallback_title(article) == "Civilians killed in air strikes"


def test_corpus_toml_overrides_per_file_and_per_article(write_corpus) -> None:
    page = (
        " I \n\nn one of the strangest episodes \nof the war, rebel groups fight \neach other as "
        "well as the army.\n\n"
        "Officials said the strikes had hit \nthe area north of the city late \non Sunday, "
        "killing several \n"
        "fighters and wounding others.\n\n"
        " T \n\nhere was little sign of \nagreement in Vienna after the \nministers met to "
        "discuss the war.\n"
    )
    root = write_corpus(
        {
            "page.txt": page,
            "sub/b.txt": f"Headline from text\n\nBy Jane Smith\n\n{PARA}\n",
            "corpus.toml": (
                '[defaults]\nsource = "Fallback Source"\nauthor = "Nobody"\n'
                '[files."page.txt"]\nsource = "The Weekly"\ndate = 2015-10-30\n'
                '[[files."page.txt".articles]]\ntitle = "First headline"\nauthor = "Ed Writer"\n'
                '[[files."page.txt".articles]]\n'
                '[files."sub/b.txt"]\ntitle = "Better headline"\ndate = "2016-06"\n'
            ),
        }
    )
    load = load_corpus(root)
    assert load.problems == []
    rows = {a.id: (a.title, a.source, a.author, a.date) for a in load.articles}
    assert rows["page"] == ("First headline", "The Weekly", "Ed Writer", "2015-10-30")
    assert rows["page.2"][1:] == ("The Weekly", "Nobody", "2015-10-30")
    assert rows["page.2"][0].startswith("There was little sign of agreement")
    assert rows["sub/b"] == ("Better headline", "Fallback Source", "Jane Smith", "2016-06")


def test_broken_corpus_toml_is_reported_and_ignored(write_corpus) -> None:
    root = write_corpus(
        {"a.txt": f"Headline\n\n{PARA}\n", "corpus.toml": '[files."a.txt"\ntitle = 3\n'}
    )
    load = load_corpus(root)
    assert [a.title for a in load.articles] == ["Headline"]
    assert (
        len(load.problems) == 1
        and "corpus.toml" in load.problems[0]
        and "not read" in load.problems[0]
    )


def test_bad_keys_and_values_are_reported_by_name(write_corpus) -> None:
    root = write_corpus(
        {
            "a.txt": f"Headline\n\n{PARA}\n",
            "corpus.toml": (
                '[files."a.txt"]\ntitle = 3\ndate = "last week"\nsubtitle = "x"\nsource = "Good '
                'Source"\n'
                '[files."missing.txt"]\ntitle = "x"\n[extra]\nkey = 1\n'
            ),
        }
    )
    metadata, problems = load_corpus_metadata(root)
    text = "\n".join(problems)
    assert (
        'files."a.txt".title' in text
        and 'files."a.txt".date' in text
        and 'files."a.txt".subtitle' in text
    )
    assert 'files."missing.txt"' in text and "'extra'" in text
    assert all("corpus.toml" in p for p in problems)
    assert metadata.overrides("a.txt", 0) == {"source": "Good Source"}


def test_fingerprint_follows_content_not_comments(write_corpus, tmp_path: Path) -> None:
    root = write_corpus({"a.txt": "x", "corpus.toml": '[files."a.txt"]\ntitle = "One"\n'})
    first, _ = load_corpus_metadata(root)
    (root / "corpus.toml").write_text('# a comment\n[files."a.txt"]\ntitle = "One"\n')
    same, _ = load_corpus_metadata(root)
    (root / "corpus.toml").write_text('[files."a.txt"]\ntitle = "Two"\n')
    other, _ = load_corpus_metadata(root)
    assert first.fingerprint == same.fingerprint != other.fingerprint
    empty, problems = load_corpus_metadata(tmp_path / "nothing-here")
    assert problems == [] and len(empty.fingerprint) == 64


def test_toml_text_is_sanitised(write_corpus) -> None:
    root = write_corpus(
        {
            "a.txt": f"Headline\n\n{PARA}\n",
            "corpus.toml": '[files."a.txt"]\ntitle = "Bad \\u001b[31mred"\n',
        }
    )
    assert load_corpus(root).articles[0].title == "Bad red"
