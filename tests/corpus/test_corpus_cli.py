"""The ``articles`` and ``show`` commands: their output contract."""

from __future__ import annotations

import json

import pytest

from syria_reader.cli import main
from syria_reader.commands.corpus_commands import render_article
from syria_reader.corpus.load import load_corpus

PARA = (
    "The army said on Monday that its forces had retaken three villages north of the city "
    "after heavy fighting."
)
PARA2 = (
    "Rebel commanders denied the claim and said their fighters still held the main road into "
    "the province."
)


@pytest.fixture
def corpus(write_corpus):
    return write_corpus(
        {
            "a.txt": (
                f"Army retakes villages\n\nBy Jane Smith | (Example Comment)\n\n{PARA}\n\n"
                "A video grab made on October 12, 2015 [AFP/Defence Ministry]\n\n"
                f"{PARA2}\n\n2 Responses\n\n1. A reader comment.\n\n2. Another [bold]one[/bold].\n"
            ),
            "b/c.txt": f"Second story\n\n{PARA2}\n",
            "corpus.toml": '[files."b/c.txt"]\ndate = 2016-06-08\nsource = "The Weekly"\n',
        }
    )


def test_articles_json_contract(corpus, capsys) -> None:
    assert main(["articles", "--json", "--corpus", str(corpus)]) == 0
    rows = json.loads(capsys.readouterr().out)
    provenance = [row.pop("provenance") for row in rows]
    assert rows == [
        {
            "id": "a",
            "title": "Army retakes villages",
            "source": "Example Comment",
            "author": "Jane Smith",
            # Only the photo caption dates it: inferred, and said so.
            "date": "2015-10-12",
            "path": "a.txt",
            "words": 3 + len(PARA.split()) + len(PARA2.split()),
            "inferred": ["title", "source", "author", "date"],
        },
        {
            "id": "b/c",
            "title": "Second story",
            "source": "The Weekly",
            "author": None,
            "date": "2016-06-08",
            "path": "b/c.txt",
            "words": 2 + len(PARA2.split()),
            "inferred": ["title"],
        },
    ]
    assert provenance[0]["date"]["how"] == "photo caption"
    assert "October 12, 2015" in provenance[0]["date"]["evidence"]
    assert provenance[0]["author"] == {
        "how": "byline",
        "evidence": "By Jane Smith | (Example Comment)",
        "inferred": True,
    }
    assert provenance[1]["source"]["how"] == "corpus.toml"
    assert provenance[1]["source"]["inferred"] is False


def test_articles_table(corpus, capsys) -> None:
    assert main(["articles", "--corpus", str(corpus)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "DATE", "SOURCE", "TITLE"]
    # An inferred date is marked with "~".
    assert lines[1].split()[:2] == ["a", "~2015-10-12"]
    assert lines[1].endswith("Army retakes villages")
    assert lines[2].startswith("b/c") and "2016-06-08" in lines[2] and "The Weekly" in lines[2]


def test_show_prints_the_body_one_paragraph_per_line(corpus, capsys) -> None:
    assert main(["show", "a", "--body-only", "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out == f"Army retakes villages\n\n{PARA}\n\n{PARA2}\n"


def test_show_prints_a_header_with_title_source_author_and_date(corpus, capsys) -> None:
    assert main(["show", "a", "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out == (
        "Army retakes villages\nExample Comment \u00b7 by Jane Smith \u00b7 2015-10-12 "
        f"(inferred from the photo caption)\n\n{PARA}\n\n{PARA2}\n"
    )
    # The title is not in this article's text (it comes from the file name): still shown.
    assert main(["show", "b/c", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Second story\nThe Weekly \u00b7 2016-06-08\n\n")
    assert out.count("Second story") == 1


def test_show_header_says_when_nothing_is_known(write_corpus, capsys) -> None:
    root = write_corpus({"001_long_name.txt": PARA})
    assert main(["show", "001", "--corpus", str(root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "(no source, author or date)" and lines[3] == PARA


def test_show_all_marks_asides_and_comments(corpus, capsys) -> None:
    assert main(["show", "a", "--all", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "[Caption] A video grab made on October 12, 2015 [AFP/Defence Ministry]" in out
    assert "Reader comments (not part of the article)" in out
    assert "[Comment] 2. Another [bold]one[/bold]." in out
    assert out.index(PARA2) < out.index("Reader comments")


def test_show_unknown_id_is_a_one_line_error_with_suggestions(corpus, capsys) -> None:
    assert main(["show", "b/cc", "--corpus", str(corpus)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "no article with id 'b/cc'" in err and "b/c" in err


def test_show_accepts_a_unique_prefix(write_corpus, capsys) -> None:
    root = write_corpus({"001_long_name.txt": PARA, "002_other.txt": PARA2})
    assert main(["show", "001", "--body-only", "--corpus", str(root)]) == 0
    assert capsys.readouterr().out == PARA + "\n"


def test_problems_go_to_stderr_as_warnings(write_corpus, capsys) -> None:
    root = write_corpus({"ok.txt": PARA, "bin.txt": b"\x00\x01\x02binary"})
    assert main(["articles", "--json", "--corpus", str(root)]) == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 1
    assert "warning" in captured.err and "bin.txt" in captured.err


def test_render_wraps_only_when_given_a_width(corpus) -> None:
    article = next(a for a in load_corpus(corpus).articles if a.id == "a")
    wrapped = render_article(article, width=40)
    assert all(len(line) <= 40 for line in wrapped.splitlines())
    assert wrapped.replace("\n\n", "\0").replace("\n", " ").replace("\0", "\n\n") == render_article(
        article
    )


def test_articles_and_show_answer_from_a_current_index_without_cleaning(
    corpus, capsys, monkeypatch
) -> None:
    from syria_reader.config import Settings
    from syria_reader.index.build import build_index

    assert main(["articles", "--json", "--corpus", str(corpus)]) == 0
    from_files = capsys.readouterr().out
    assert main(["show", "a", "--all", "--corpus", str(corpus)]) == 0
    shown_from_files = capsys.readouterr().out

    rules = Settings(model="no-such-model")  # no model to load: the index builds from rules
    build_index(corpus, rules)
    monkeypatch.setattr("syria_reader.cli.load_settings", lambda: rules)

    def no_cleaning(*args: object, **kwargs: object) -> None:
        raise AssertionError("the files were cleaned again although the index is current")

    monkeypatch.setattr("syria_reader.corpus.load.load_corpus", no_cleaning)
    assert main(["articles", "--json", "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out == from_files
    assert main(["show", "a", "--all", "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out == shown_from_files


def test_corpus_that_is_a_file(write_corpus, capsys) -> None:
    root = write_corpus({"a.txt": PARA, "corpus.toml": '[files."a.txt"]\nsource = "X"\n'})
    with pytest.raises(SystemExit) as exit_info:
        main(["articles", "--corpus", str(root / "corpus.toml")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "corpus.toml is a file" in err and f"e.g. {root}" in err
    assert main(["articles", "--json", "--corpus", str(root / "a.txt")]) == 0
    captured = capsys.readouterr()
    assert f"is an article file: opening its folder {root}" in captured.err
    assert [a["id"] for a in json.loads(captured.out)] == ["a"]
