"""Notes belong to their corpus, and an export can be cited: ``notes export --corpus`` lists
the open corpus's notes, then the other corpora's apart (never as orphans), each with its
sentence and the article's title, source, date and file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from syria_reader import paths
from syria_reader.cli import main
from syria_reader.config import Settings
from syria_reader.index.build import build_index
from syria_reader.index.query import Index
from syria_reader.notes.anchors import capture
from syria_reader.notes.export import corpus_key
from syria_reader.notes.store import NotesStore

RULES = Settings(model="no-such-model")
STORY = (
    "Talks resume in Geneva\n\n"
    "GENEVA, March 5 2016 - Sergei Lavrov and John Kerry met in Geneva on Saturday to discuss "
    "the ceasefire in Syria. Kerry said more than 250,000 people had been killed.\n"
)


def corpus(root: Path, files: dict[str, str]) -> Path:
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    build_index(root, RULES)
    return root


@pytest.fixture
def two_corpora(tmp_path: Path) -> tuple[Path, Path]:
    config = paths.config_dir()
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")
    first = corpus(tmp_path / "first", {"geneva.txt": STORY})
    second = corpus(tmp_path / "second", {"geneva.txt": "Another story\n\nNothing here.\n"})
    from syria_reader.index.build import index_path_for

    with Index(index_path_for(first)) as index, NotesStore() as store:
        article = index.article("geneva")
        assert article is not None
        start = article.text.index("John Kerry")
        anchor = capture(article, start, start + len("John Kerry"), corpus=corpus_key(first))
        store.add_note(anchor, "Kerry's first meeting with Lavrov this year")
        store.add_bookmark(anchor)
    return first, second


def test_export_of_the_corpus_cites_the_sentence_title_source_date_and_file(
    two_corpora, capsys
) -> None:
    first, _ = two_corpora
    assert main(["notes", "export", "--corpus", str(first)]) == 0
    out = capsys.readouterr().out
    assert "## Talks resume in Geneva" in out
    assert "2016-03-05" in out and "file `geneva.txt`" in out
    assert "> GENEVA, March 5 2016 - Sergei Lavrov and John Kerry met in Geneva" in out
    assert "*On* “John Kerry”" in out
    assert "Other corpora" not in out and "Orphans" not in out

    assert main(["notes", "export", "--format", "json", "--corpus", str(first)]) == 0
    data = json.loads(capsys.readouterr().out)
    [note] = data["notes"]
    assert note["sentence"].startswith("GENEVA, March 5 2016 - Sergei Lavrov and John Kerry")
    assert (note["title"], note["date"], note["path"]) == (
        "Talks resume in Geneva",
        "2016-03-05",
        "geneva.txt",
    )
    assert note["corpus"] == corpus_key(first) and note["anchored"] is True


def test_another_corpus_lists_them_apart_never_as_orphans(two_corpora, capsys) -> None:
    first, second = two_corpora
    assert main(["notes", "export", "--corpus", str(second)]) == 0
    out = capsys.readouterr().out
    assert "Orphans" not in out and "no longer found" not in out
    other = out.index("## Other corpora")
    assert out.index(f"### `{corpus_key(first)}`") > other
    assert out.index("Kerry's first meeting with Lavrov this year") > other
    assert main(["notes", "export", "--format", "json", "--corpus", str(second)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["notes"][0]["status"] is None  # not checked against the other corpus
    assert data["notes"][0]["corpus"] == corpus_key(first)
