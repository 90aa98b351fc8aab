"""``meta show/set/export`` and ``articles --source/--since/--until/--mentions``."""

from __future__ import annotations

import json

import pytest

from syria_reader.cli import main
from syria_reader.corpus.corrections import corrections_path

STORY = (
    "The army said on Monday that its forces had retaken three villages north of the city after "
    "heavy fighting. Rebel commanders denied the claim and said their fighters held the road."
)


@pytest.fixture
def corpus(write_corpus):
    return write_corpus(
        {
            "a.txt": f"Army retakes villages\n\nPublished 12 October 2015\n\n{STORY}\n",
            "b.txt": f"Rebels hold the road\n\nBy Jane Smith | (The Weekly)\n\n{STORY}\n",
            "c.txt": f"Talks resume\n\n(MENAFN- The Daily) Published 3 June 2016 {STORY}\n",
        }
    )


def ids(capsys) -> list[str]:
    return [row["id"] for row in json.loads(capsys.readouterr().out)]


def test_meta_set_is_kept_apart_applied_and_shown(corpus, capsys) -> None:
    assert main(["meta", "set", "b", "--date", "2015-11-02", "--corpus", str(corpus)]) == 0
    assert "b: date set to 2015-11-02" in capsys.readouterr().out
    assert corrections_path(corpus).is_file()
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.txt", "c.txt"]
    assert main(["articles", "--json", "--corpus", str(corpus)]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["b"]["date"] == "2015-11-02" and "date" not in rows["b"]["inferred"]
    assert rows["a"]["date"] == "2015-10-12" and "date" in rows["a"]["inferred"]
    assert main(["meta", "show", "b", "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "from your correction" in out and "inferred from the byline: By Jane Smith" in out


def test_meta_set_rejects_bad_input(corpus, capsys) -> None:
    assert main(["meta", "set", "b", "--date", "2015-02-30", "--corpus", str(corpus)]) == 2
    assert "not a calendar date" in capsys.readouterr().err
    assert main(["meta", "set", "b", "--corpus", str(corpus)]) == 2
    assert main(["meta", "set", "zzz", "--date", "2015", "--corpus", str(corpus)]) == 1
    assert "no article with id 'zzz'" in capsys.readouterr().err
    assert not corrections_path(corpus).exists()


def test_meta_export_writes_corpus_toml_once(corpus, capsys) -> None:
    assert main(["meta", "export", "--corpus", str(corpus)]) == 1  # nothing to export yet
    main(["meta", "set", "a", "--source", "The Example Eye", "--corpus", str(corpus)])
    assert main(["meta", "export", "--corpus", str(corpus)]) == 0
    written = (corpus / "corpus.toml").read_text(encoding="utf-8")
    assert '[files."a.txt"]\nsource = "The Example Eye"' in written
    (corpus / "corpus.toml").write_text("# mine\n", encoding="utf-8")
    assert main(["meta", "export", "--corpus", str(corpus)]) == 1
    assert "not overwritten" in capsys.readouterr().err
    assert (corpus / "corpus.toml").read_text(encoding="utf-8") == "# mine\n"
    assert main(["meta", "export", "--all", "--output", "-", "--corpus", str(corpus)]) == 0
    assert 'author = "Jane Smith"' in capsys.readouterr().out


def test_articles_filters(corpus, capsys) -> None:
    assert main(["articles", "--json", "--source", "the weekly", "--corpus", str(corpus)]) == 0
    assert ids(capsys) == ["b"]
    assert main(["articles", "--json", "--since", "2016", "--corpus", str(corpus)]) == 0
    assert ids(capsys) == ["c"]
    assert main(["articles", "--json", "--until", "2015-10", "--corpus", str(corpus)]) == 0
    assert ids(capsys) == ["a"]
    assert main(["articles", "--since", "2017", "--corpus", str(corpus)]) == 1
    assert "none of the 3 articles matches" in capsys.readouterr().err
    assert main(["articles", "--since", "last week", "--corpus", str(corpus)]) == 1
    assert "expected a date" in capsys.readouterr().err


def test_articles_mentioning_an_entity(seeds_index_cached, seeds_dir, capsys) -> None:
    assert main(["articles", "--json", "--mentions", "Lavrov", "--corpus", str(seeds_dir)]) == 0
    captured = capsys.readouterr()
    found = [row["id"] for row in json.loads(captured.out)]
    assert "Sergei Lavrov" in captured.err
    assert found and "001_4089cd0367db9c7b" not in found  # Informed Comment never names him
    assert (
        main(["articles", "--mentions", "Lavrov", "--since", "2016", "--corpus", str(seeds_dir)])
        == 0
    )
    assert capsys.readouterr().out.count("\n") == 2  # the header and 003 (June 2016)
