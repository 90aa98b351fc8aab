"""From corpus files to :class:`~syria_reader.models.Article` objects: the corpus stage's entry
point.

Article ids are stable across runs and machines: the file's path relative to the corpus
folder, in posix form and without its extension (``reports/002_mee``), and for the second and
later articles of a file that holds several, ``.2``, ``.3``... (``000_page.2``). The extension
stays in the id (``a.txt``, ``a.html``) only when two article files differ by extension alone.

Metadata precedence, strongest first: the user's corrections, corpus.toml's per-article
entry, its per-file entry, a metadata table beside the texts, what the text (or the HTML
page, the PDF, Word or EPUB file) says, the other articles of the same file (a newspaper
page shares its source and date), a date in the file's or its folders' names, corpus.toml's
``[defaults]``, and for the title, the opening words of the first sentence (marked so).
See :mod:`syria_reader.corpus.catalogue`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from syria_reader.corpus.catalogue import Candidate, choose, path_date, stated
from syria_reader.corpus.clean import CleanArticle, clean_document
from syria_reader.corpus.document import Document, UnreadableDocument
from syria_reader.corpus.markdown import markdown_to_text
from syria_reader.corpus.metadata import (
    METADATA_FILE,
    CorpusMetadata,
    first_sentence_candidate,
    load_corpus_metadata,
    text_candidates,
)
from syria_reader.corpus.sources import ARTICLE_SUFFIXES, relative_path, scan_corpus
from syria_reader.models import Article, Block, SourceFile


@dataclass
class CorpusLoad:
    """A whole corpus read into articles, with every problem met on the way."""

    articles: list[Article] = field(default_factory=list)
    sources: list[SourceFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    metadata: CorpusMetadata = field(default_factory=CorpusMetadata)


def article_id_base(path: str, root: Path) -> str:
    """The id of a file's first article: its relative path without the extension.

    The extension stays when another article file differs from this one by extension alone.
    """
    pure = Path(path)
    stem = pure.with_suffix("").as_posix()
    if pure.suffix.lower() not in ARTICLE_SUFFIXES:
        return pure.as_posix()
    root = Path(root)
    folder = (root.parent if root.is_file() else root) / pure.parent
    for suffix in ARTICLE_SUFFIXES:
        for variant in (suffix, suffix.upper()):
            if variant != pure.suffix and (folder / (pure.stem + variant)).is_file():
                return pure.as_posix()
    return stem


def article_id(base: str, position: int) -> str:
    """The id of the ``position``-th (0-based) article of a file whose first article is ``base``."""
    return base if position == 0 else f"{base}.{position + 1}"


def read_documents(source: SourceFile) -> list[Document]:
    """The documents of one source file, by its format (raises UnreadableDocument)."""
    suffix = source.path.suffix.lower()
    if suffix in (".html", ".htm"):
        from syria_reader.corpus.html import read_html

        return [read_html(source.text)]
    if suffix == ".md":
        return [Document(markdown_to_text(source.text))]
    if suffix == ".pdf":
        from syria_reader.corpus.pdf_reader import read_pdf

        return [read_pdf(source.path)]
    if suffix == ".docx":
        from syria_reader.corpus.docx_reader import read_docx

        return [read_docx(source.path)]
    if suffix == ".epub":
        from syria_reader.corpus.epub_reader import read_epub

        return read_epub(source.path)
    return [Document(source.text)]


def _same_page(candidates: list[Candidate]) -> list[Candidate]:
    """Source and date candidates another article of the same file gives (a shared page)."""
    return [
        replace(c, how=f"{c.how}, same page") for c in candidates if c.field in ("source", "date")
    ]


def articles_from_source(
    source: SourceFile,
    root: Path,
    metadata: CorpusMetadata,
    *,
    problems: list[str] | None = None,
) -> list[Article]:
    """The cleaned articles of one source file, with ids and catalogue metadata.

    A file with no article text left after cleaning gives no article; the problem is added
    to ``problems`` when a list is given. The metadata of each article is decided by
    :func:`syria_reader.corpus.catalogue.choose` from every candidate, strongest first.
    """
    path = relative_path(source, root)
    try:
        documents = read_documents(source)
        cleaned: list[tuple[CleanArticle, Document]] = []
        for document in documents:
            for article in clean_document(
                document.text,
                title=document.title,
                comments=document.comments,
                footnotes=document.footnotes,
            ):
                cleaned.append((article, document))
    except UnreadableDocument as error:
        if problems is not None:
            problems.append(f"{source.path}: {error}; skipped")
        return []
    except Exception as error:  # a parser bug must not stop the whole corpus
        if problems is not None:
            problems.append(
                f"{source.path}: could not be cleaned ({type(error).__name__}: {error}); skipped"
            )
        return []
    if not cleaned:
        if problems is not None:
            problems.append(f"{source.path}: no article text found; skipped")
        return []
    found = [text_candidates(article) for article, _ in cleaned]
    base = article_id_base(path, root)
    where = metadata.path.name if metadata.path else METADATA_FILE
    table_row = metadata.table.lookup(path)
    named_in_path = path_date(path)
    articles: list[Article] = []
    for position, (article, document) in enumerate(cleaned):
        identifier = article_id(base, position)
        candidates: list[Candidate] = []
        candidates += stated(
            metadata.corrections.get(identifier, {}), "your correction", "syria-reader meta set"
        )
        candidates += stated(
            metadata.overrides(path, position), "corpus.toml", f'{where} [files."{path}"]'
        )
        if table_row is not None:
            row, evidence = table_row
            candidates += stated(row, "metadata table", evidence)
        own = found[position]
        if document.facts_first:
            candidates += document.facts + own
        else:
            candidates += own + document.facts
        for other, others in enumerate(found):
            if other != position:
                candidates += _same_page(others)
        if named_in_path is not None:
            candidates.append(named_in_path)
        candidates += stated(metadata.defaults, "corpus.toml", f"{where} [defaults]")
        candidates.append(first_sentence_candidate(article))
        values, origins = choose(candidates)
        articles.append(
            _article(
                article,
                id=identifier,
                title=values["title"] or "(untitled)",
                source=values["source"],
                author=values["author"],
                date=values["date"],
                path=path,
                sha256=source.sha256,
                provenance=origins,
            )
        )
    return articles


def _article(cleaned: CleanArticle, **fields: Any) -> Article:
    blocks: list[Block] = []
    offset = 0
    for block in cleaned.blocks:
        if blocks:
            offset += 2  # the blank line between blocks
        blocks.append(Block(kind=block.kind, start=offset, end=offset + len(block.text)))
        offset += len(block.text)
    return Article(text=cleaned.text, blocks=tuple(blocks), **fields)


def load_corpus(root: Path, max_bytes: int | None = None) -> CorpusLoad:
    """Read, clean and describe every article of a corpus (a folder or a single file); files
    over ``max_bytes`` are skipped."""
    root = Path(root)
    sources, problems = scan_corpus(root, max_bytes)
    metadata, metadata_problems = load_corpus_metadata(root)
    problems += metadata_problems
    articles: list[Article] = []
    for source in sources:
        articles += articles_from_source(source, root, metadata, problems=problems)
    return CorpusLoad(articles=articles, sources=sources, problems=problems, metadata=metadata)
