"""Notes on a real index through the real CLI: they survive deleting the cache and rebuilding,
follow edits of the article file, and become orphans (still exported) when their passage goes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from syria_reader import paths
from syria_reader.cli import main
from syria_reader.config import config_file
from syria_reader.index.build import index_path_for
from syria_reader.index.query import Index
from syria_reader.notes.anchors import capture
from syria_reader.notes.store import NotesStore

HEADLINE = "Convoy reaches the besieged town after weeks of talks"
CONVOY = (
    "A convoy of thirty lorries carrying flour, medicine and blankets reached the town on Sunday "
    "after local commanders agreed to open the road for six hours."
)
WAIT = (
    "Residents said the last delivery had arrived in early spring and that families had been "
    "living on lentils and rice since the market closed."
)
TALKS = (
    "Negotiators for both sides are expected to meet again on Thursday to discuss a longer "
    "truce and the release of detainees held since last year."
)


def report(*paragraphs: str) -> str:
    return "\n\n".join((HEADLINE, *paragraphs)) + "\n"


@pytest.fixture
def corpus(write_corpus) -> Path:
    """One article file, indexed with the rule-based extractor (fast; no model loaded)."""
    config = config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('model = "no-such-model"\n', encoding="utf-8")
    root = write_corpus({"wires/convoy.txt": report(CONVOY, WAIT, TALKS)})
    assert main(["index", "--corpus", str(root)]) == 0
    return root


def exported(corpus: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["notes", "export", "--format", "json", "--corpus", str(corpus)]) == 0
    return json.loads(capsys.readouterr().out)


def test_notes_survive_the_cache_and_follow_the_text(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index = Index(index_path_for(corpus))
    try:
        (row,) = index.articles()
        article = index.article(row.id)
    finally:
        index.close()
    assert article is not None
    with NotesStore() as store:
        convoy_start = article.text.index("A convoy of thirty")
        wait_start = article.text.index("Residents said")
        note = store.add_note(
            capture(article, convoy_start, convoy_start + len(CONVOY)), "Check the lorry count"
        )
        wait_note = store.add_note(
            capture(article, wait_start, wait_start + len(WAIT)), "Compare with spring"
        )
        bookmark = store.add_bookmark(capture(article, convoy_start, convoy_start + 40))
        assert paths.cache_dir() not in store.path.parents

    data = exported(corpus, capsys)
    assert {n["id"]: n["anchored"] for n in data["notes"]} == {note.id: True, wait_note.id: True}
    assert [b["id"] for b in data["bookmarks"]] == [bookmark.id]
    assert data["notes"][0]["title"] == article.title

    # Deleting the cache and rebuilding the index never touches the notes.
    shutil.rmtree(paths.cache_dir())
    assert main(["index", "--rebuild", "--corpus", str(corpus)]) == 0
    data = exported(corpus, capsys)
    assert {n["id"]: (n["anchored"], n["status"]) for n in data["notes"]} == {
        note.id: (True, "exact"),
        wait_note.id: (True, "exact"),
    }

    # The file is edited: a paragraph inserted before, words changed in the other passage.
    inserted = "Editor's note: this report was updated on Monday with figures from the council."
    changed = WAIT.replace("early spring", "late March").replace("lentils and rice", "bread")
    (corpus / "wires" / "convoy.txt").write_text(
        report(inserted, CONVOY, changed, TALKS), encoding="utf-8"
    )
    assert main(["index", "--corpus", str(corpus)]) == 0
    data = exported(corpus, capsys)
    by_id = {n["id"]: n for n in data["notes"]}
    assert (by_id[note.id]["anchored"], by_id[note.id]["status"]) == (True, "moved")
    assert (by_id[wait_note.id]["anchored"], by_id[wait_note.id]["status"]) == (True, "fuzzy")

    # The passage is deleted: the note is an orphan, exported with its quote, never dropped.
    (corpus / "wires" / "convoy.txt").write_text(report(CONVOY, TALKS), encoding="utf-8")
    assert main(["index", "--corpus", str(corpus)]) == 0
    data = exported(corpus, capsys)
    orphan = {n["id"]: n for n in data["notes"]}[wait_note.id]
    assert (
        orphan["anchored"] is False
        and orphan["quote"] == WAIT
        and orphan["text"] == "Compare with spring"
    )

    capsys.readouterr()
    assert main(["notes", "export", "--corpus", str(corpus)]) == 0
    markdown = capsys.readouterr().out
    assert markdown.index("## Orphans") < markdown.index("Compare with spring")
    assert markdown.index("Check the lorry count") < markdown.index("## Orphans")
