"""PDF, Word and EPUB files read as cleanly as text: built in the test, read by the loader."""

from __future__ import annotations

from pathlib import Path

from corpus_documents import (
    CHAPTERS,
    FIRST_PARAGRAPH,
    HEADLINE,
    REPORT_PARAGRAPHS,
    epub_collection,
    two_column_pdf,
    word_report,
)

from syria_reader.corpus.load import load_corpus
from syria_reader.corpus.pdf_reader import Segment, drop_furniture, page_text
from syria_reader.corpus.sources import scan_corpus


def kinds(article):
    return [(b.kind, article.block_text(b)) for b in article.blocks]


def test_a_two_column_pdf_page_reads_in_order(tmp_path: Path) -> None:
    two_column_pdf(tmp_path / "page.pdf")
    loaded = load_corpus(tmp_path)
    assert loaded.problems == []
    (article,) = loaded.articles
    blocks = kinds(article)
    assert blocks[0] == ("title", HEADLINE)
    # The drop capital is rejoined, the hyphenated words too; the left column comes first,
    # and neither the running head nor the page number is in the text.
    assert blocks[1] == ("paragraph", FIRST_PARAGRAPH)
    assert blocks[2][1].startswith("The deadly irony") and "president fears" in blocks[2][1]
    assert blocks[3][1].startswith("Officials said") and "described as constructive" in blocks[3][1]
    assert blocks[4][1] == "Analysts said the fighting would continue through the winter."
    assert "EXAMPLE WEEKLY" not in article.text and "\n1" not in article.text
    # The masthead and the running head's date are the catalogue's, inferred; the PDF's
    # Title field holds a layout file's name, not a title.
    assert (article.source, article.date, article.author) == (
        "The Example Weekly",
        "2015-10-30",
        "Jane Doe",
    )
    assert article.provenance["source"].how == "masthead"
    assert article.provenance["date"].how == "running head" and article.inferred("date")
    assert article.provenance["author"].how == "PDF metadata (Author)"


def test_running_heads_repeated_on_every_page_are_dropped(tmp_path: Path) -> None:
    two_column_pdf(tmp_path / "pages.pdf", pages=3)
    articles = load_corpus(tmp_path).articles
    # One article a page (each opens with a drop capital), each with its own headline: the
    # headline before a drop capital starts the new article instead of ending the last one.
    assert [a.title for a in articles] == [HEADLINE] * 3
    for article in articles:
        assert "EXAMPLE WEEKLY" not in article.text and "October 30, 2015" not in article.text
        assert article.block_text(article.blocks[-1]).endswith("through the winter.")


def test_reading_order_from_positions() -> None:
    # Drawn right column first: the order comes from where the text is, not when it was drawn.
    right = [Segment(300, 700 - 14 * i, 450, 710 - 14 * i, f"right {i}") for i in range(3)]
    left = [Segment(40, 700 - 14 * i, 190, 710 - 14 * i, f"left {i}") for i in range(3)]
    folio = Segment(290, 20, 300, 30, "7")
    (kept,) = drop_furniture([(842.0, [*right, *left, folio])])
    text = page_text(kept)
    assert text.split("\n") == ["left 0", "left 1", "left 2", "", "right 0", "right 1", "right 2"]


def test_a_pdf_without_a_text_layer_is_reported(tmp_path: Path) -> None:
    two_column_pdf(tmp_path / "scan.pdf", text_layer=False)
    (tmp_path / "note.txt").write_text("The army said on Monday that it held the road.\n")
    loaded = load_corpus(tmp_path)
    assert [a.id for a in loaded.articles] == ["note"]
    assert any(
        "scan.pdf" in p and "no text layer" in p and "OCR is not supported" in p
        for p in loaded.problems
    )


def test_a_broken_document_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "bad.docx").write_bytes(b"PK not a zip")
    (tmp_path / "bad.epub").write_bytes(b"nothing")
    (tmp_path / "note.txt").write_text("The army said on Monday that it held the road.\n")
    loaded = load_corpus(tmp_path)
    assert [a.id for a in loaded.articles] == ["note"]
    for name in ("bad.pdf", "bad.docx", "bad.epub"):
        assert any(name in p and "skipped" in p for p in loaded.problems), name


def test_documents_are_hashed_not_parsed_when_scanned(tmp_path: Path) -> None:
    two_column_pdf(tmp_path / "page.pdf")
    (source,) = scan_corpus(tmp_path)[0]
    assert source.text == "" and source.encoding == "pdf" and len(source.sha256) == 64


def test_a_word_report(tmp_path: Path) -> None:
    word_report(tmp_path / "report.docx")
    loaded = load_corpus(tmp_path)
    assert loaded.problems == []
    (article,) = loaded.articles
    assert kinds(article) == [
        ("title", "Aid reaches the northern towns"),
        ("heading", "Findings"),
        ("paragraph", REPORT_PARAGRAPHS[0]),
        ("heading", "Prices"),
        ("paragraph", REPORT_PARAGRAPHS[1]),
        ("footnote", "Prices were collected in Idlib."),
    ]
    # The byline beats the file's author property; the "Draft" title property loses to the
    # document's Title paragraph.
    assert (article.title, article.author) == ("Aid reaches the northern towns", "Jane Doe")
    assert article.provenance["author"].how == "byline"


def test_an_epub_collection_gives_one_article_per_chapter(tmp_path: Path) -> None:
    epub_collection(tmp_path / "dispatches.epub")
    loaded = load_corpus(tmp_path)
    assert loaded.problems == []
    assert [a.id for a in loaded.articles] == ["dispatches", "dispatches.2"]
    first, second = loaded.articles
    assert [first.title, second.title] == [title for title, _ in CHAPTERS]
    assert kinds(first)[-1] == ("footnote", "Officials spoke on condition of anonymity.")
    assert "anonymity" not in " ".join(t for k, t in kinds(first) if k == "paragraph")
    assert (first.source, first.date) == ("The Example Weekly", "2015-10-30")
    assert first.provenance["source"].how == "EPUB metadata (publisher)"


def test_a_single_chapter_epub_is_one_article(tmp_path: Path) -> None:
    epub_collection(tmp_path / "one.epub", chapters=CHAPTERS[:1])
    (article,) = load_corpus(tmp_path).articles
    assert article.title == CHAPTERS[0][0]
    assert article.author == "Various"
