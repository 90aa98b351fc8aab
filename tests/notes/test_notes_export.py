"""Export (JSON contract, Markdown) and import (merge without duplicates, lossless round trip)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from notes_testkit import PARAGRAPHS, FakeIndex, build_article

from syria_reader.models import Article
from syria_reader.notes.anchors import capture
from syria_reader.notes.export import ImportReport, export_json, export_markdown, import_json
from syria_reader.notes.importer import ImportFormatError
from syria_reader.notes.store import NotesStore

NOTE_KEYS = {"id", "article", "title", "quote", "text", "entity", "created", "updated", "anchored"}
BOOKMARK_KEYS = {"id", "article", "title", "quote", "created"}
HOSTILE = (
    "# not a heading\n- not a list\n1. not numbered\n**not bold** [not a link](http://x) "
    "<b>no html</b> `code` |a|b|"
)


def span(article: Article, passage: str) -> tuple[int, int]:
    start = article.text.index(passage)
    return start, start + len(passage)


@pytest.fixture
def store(tmp_path: Path):
    with NotesStore(tmp_path / "notes.sqlite") as opened:
        yield opened


@pytest.fixture
def filled(store: NotesStore, article: Article) -> NotesStore:
    """A store with an anchored note, a note whose passage was later deleted, a note on an
    entity, a note on an article gone from the corpus, and two bookmarks."""
    store.add_note(
        capture(article, *span(article, PARAGRAPHS[3])), "Ceasefire terms: check the Geneva text."
    )
    store.add_note(capture(article, *span(article, PARAGRAPHS[4])), HOSTILE)
    store.add_note(None, "Who is this envoy?", entity_id="PERSON:farid-haddad")
    gone = build_article(["A removed report", "Nothing here survives."], article_id="removed#0")
    store.add_note(capture(gone, *span(gone, "Nothing here")), "this article was removed")
    store.add_bookmark(capture(article, *span(article, PARAGRAPHS[1])))
    store.add_bookmark(capture(article, *span(article, PARAGRAPHS[4])))
    return store


@pytest.fixture
def index() -> FakeIndex:
    """The corpus now: paragraph 4 was deleted and a paragraph inserted before paragraph 3."""
    edited = build_article(
        [*PARAGRAPHS[:2], "A correction was added.", *PARAGRAPHS[2:4], *PARAGRAPHS[5:]]
    )
    return FakeIndex([edited], entities={"PERSON:farid-haddad": "Farid Haddad"})


def test_json_export_has_the_contract_keys(filled: NotesStore, index: FakeIndex) -> None:
    data = export_json(filled, index)
    assert len(data["notes"]) == 4 and len(data["bookmarks"]) == 2
    for note in data["notes"]:
        assert set(note) >= NOTE_KEYS
        assert isinstance(note["anchored"], bool)
    for bookmark in data["bookmarks"]:
        assert set(bookmark) >= BOOKMARK_KEYS
    json.dumps(data)  # plain JSON types only

    by_text = {n["text"]: n for n in data["notes"]}
    kept = by_text["Ceasefire terms: check the Geneva text."]
    assert kept["anchored"] is True and kept["status"] == "moved"
    assert kept["title"] == PARAGRAPHS[0] and kept["article"] == "town-report#0"
    assert kept["quote"] == PARAGRAPHS[3]
    assert by_text[HOSTILE]["anchored"] is False and by_text[HOSTILE]["status"] == "orphan"
    removed = by_text["this article was removed"]
    assert removed["anchored"] is False and removed["title"] == "A removed report"
    entity = by_text["Who is this envoy?"]
    assert (
        entity["entity"] == "PERSON:farid-haddad"
        and entity["article"] is None
        and entity["quote"] is None
    )
    assert sorted(b["anchored"] for b in data["bookmarks"]) == [False, True]


def test_json_export_without_an_index_still_exports_everything(filled: NotesStore) -> None:
    data = export_json(filled, None)
    assert len(data["notes"]) == 4
    assert all(n["anchored"] is False for n in data["notes"])


def _render(markdown: str) -> tuple[list, str]:
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    return parser.parse(markdown), parser.render(markdown)


def test_markdown_groups_by_article_with_notes_under_their_quote(
    filled: NotesStore, index: FakeIndex
) -> None:
    markdown = export_markdown(filled, index)
    tokens, _html = _render(markdown)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:2] == ["Notes and bookmarks", PARAGRAPHS[0]]
    assert "Notes on entities" in headings and "Farid Haddad (PERSON:farid-haddad)" in headings
    assert "Orphans" in headings and "A removed report" in headings
    # The anchored note follows its quoted passage.
    quote_at = markdown.index("> The foreign minister told reporters in Geneva")
    assert (
        quote_at
        < markdown.index("Ceasefire terms: check the Geneva text.")
        < markdown.index("## Notes on entities")
    )
    # The orphaned note keeps its quote, in the orphans section.
    assert markdown.index("## Orphans") < markdown.index("> Aid agencies warned")
    assert "Bookmarks" in markdown and "Residents of the eastern quarter" in markdown


def test_markdown_keeps_hostile_note_text_literal(filled: NotesStore, index: FakeIndex) -> None:
    tokens, html = _render(export_markdown(filled, index))
    structural = {t.type for t in tokens}
    assert "ordered_list_open" not in structural and "table_open" not in structural
    # The only list is the bookmarks' list of quotes.
    items = [tokens[i + 2].content for i, t in enumerate(tokens) if t.type == "list_item_open"]
    assert len(items) == 1 and items[0].startswith("“Residents")
    # The note is one paragraph of plain text and line breaks, nothing else.
    note = [t for t in tokens if t.type == "inline" and "not a heading" in t.content]
    assert len(note) == 1
    assert {child.type for child in note[0].children or []} <= {"text", "hardbreak", "softbreak"}
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "not a heading" not in headings
    # Every character of the note reaches the reader.
    for line in HOSTILE.split("\n"):
        assert line.replace("<", "&lt;").replace(">", "&gt;") in html.replace("&quot;", '"')


def test_markdown_quote_cannot_break_out_of_its_block(store: NotesStore) -> None:
    article = build_article(["Title", "Line one\n\n# Heading inside\n    indented code?\n> nested"])
    store.add_note(capture(article, 7, len(article.text)), "note")
    tokens, _ = _render(export_markdown(store, FakeIndex([article])))
    types = [t.type for t in tokens]
    assert "code_block" not in types
    assert [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"] == [
        "Notes and bookmarks",
        "Title",
    ]


def test_import_round_trips_into_an_empty_store(
    filled: NotesStore, index: FakeIndex, tmp_path: Path
) -> None:
    data = json.loads(json.dumps(export_json(filled, index)))
    with NotesStore(tmp_path / "other.sqlite") as fresh:
        report = import_json(fresh, data)
        assert report == ImportReport(added=6, skipped_duplicates=0, problems=[])
        assert fresh.notes() == filled.notes()
        assert fresh.bookmarks() == filled.bookmarks()


def test_import_twice_adds_nothing(filled: NotesStore, index: FakeIndex) -> None:
    data = export_json(filled, index)
    report = import_json(filled, data)
    assert (report.added, report.skipped_duplicates, report.problems) == (0, 6, [])
    assert len(filled.notes()) == 4 and len(filled.bookmarks()) == 2


def test_import_merges_and_skips_the_same_note_under_another_id(
    filled: NotesStore, index: FakeIndex, tmp_path: Path, article: Article
) -> None:
    with NotesStore(tmp_path / "laptop.sqlite") as laptop:
        laptop.add_note(
            capture(article, *span(article, PARAGRAPHS[3])),
            "Ceasefire terms: check the Geneva text.",
        )
        laptop.add_note(capture(article, *span(article, PARAGRAPHS[5])), "Written on the laptop")
        report = import_json(filled, export_json(laptop, index))
    assert (report.added, report.skipped_duplicates) == (1, 1)
    assert "Written on the laptop" in {n.text for n in filled.notes()}


def test_import_reports_and_skips_bad_entries(store: NotesStore) -> None:
    good = {
        "id": "6f1c2b1e-8a4f-4a53-9a57-4f2d59b1b0c1",
        "article": "a#0",
        "quote": "some words",
        "text": "fine",
    }
    data = {
        "notes": [
            good,
            "not an object",
            {"article": "a#0", "quote": "q", "text": ""},
            {"article": "a#0", "quote": "", "text": "no quote"},
            {"id": "not-a-uuid", "article": "a#0", "quote": "q", "text": "x"},
            {"article": "a#0", "quote": "q", "text": "x", "start": "3", "end": 9},
            {"article": "a#0", "quote": "q", "text": "x", "created": "yesterday"},
            {"text": "on nothing"},
        ],
        "bookmarks": [{"article": "a#0"}, {"article": "a#0", "quote": "marked"}],
    }
    report = import_json(store, data)
    assert report.added == 2 and report.skipped_duplicates == 0
    assert len(report.problems) == 8
    assert report.problems[0].startswith("notes[1]: ")
    assert report.problems[-1].startswith("bookmarks[0]: ")
    note = store.notes()[0]
    assert note.id == good["id"] and note.anchor is not None and note.anchor.quote == "some words"


@pytest.mark.parametrize(
    "data",
    [[], "text", {"something": []}, {"notes": {}}, {"format": "other-app", "notes": []}],
)
def test_import_refuses_what_is_not_an_export(store: NotesStore, data: object) -> None:
    with pytest.raises(ImportFormatError):
        import_json(store, data)
