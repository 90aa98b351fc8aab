"""From corpus files to :class:`~syria_reader.models.Article` objects: the corpus stage's entry
point.

Article ids are stable across runs and machines: the file's path relative to the corpus
folder, in posix form and without its extension (``reports/002_mee``), and for the second and
later articles of a file that holds several, ``.2``, ``.3``... (``000_page.2``). The extension
stays in the id (``a.txt``, ``a.html``) only when two article files differ by extension alone.

Metadata precedence, strongest first: corpus.toml's per-article entry, its per-file entry,
what the text (or the HTML page) says, the other articles of the same file (a newspaper
page shares its source and date), corpus.toml's ``[defaults]``, and for the title, the
opening words of the first sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from syria_reader.corpus.clean import CleanArticle, clean_document
from syria_reader.corpus.html import extract_html
from syria_reader.corpus.markdown import markdown_to_text
from syria_reader.corpus.metadata import (
    CorpusMetadata,
    Inferred,
    fallback_title,
    infer_metadata,
    load_corpus_metadata,
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


def _clean_source(source: SourceFile) -> tuple[list[CleanArticle], Inferred | None]:
    """Clean one file's text by its kind; HTML also gives page-level metadata."""
    suffix = source.path.suffix.lower()
    if suffix in (".html", ".htm"):
        page = extract_html(source.text)
        articles = clean_document(page.text, title=page.title, comments=page.comments)
        return articles, Inferred(
            title=page.title, source=page.source, author=page.author, date=page.date
        )
    if suffix == ".md":
        return clean_document(markdown_to_text(source.text)), None
    return clean_document(source.text), None


def articles_from_source(
    source: SourceFile,
    root: Path,
    metadata: CorpusMetadata,
    *,
    problems: list[str] | None = None,
) -> list[Article]:
    """The cleaned articles of one source file, with ids and metadata.

    A file with no article text left after cleaning gives no article; the problem is added
    to ``problems`` when a list is given.
    """
    path = relative_path(source, root)
    try:
        cleaned, page = _clean_source(source)
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
    inferred = [infer_metadata(article) for article in cleaned]
    shared_source = next((i.source for i in inferred if i.source), None)
    shared_date = next((i.date for i in inferred if i.date), None)
    if page is not None:
        shared_source = page.source or shared_source
        shared_date = page.date or shared_date
    base = article_id_base(path, root)
    articles: list[Article] = []
    for position, (article, found) in enumerate(zip(cleaned, inferred, strict=True)):
        if page is not None and position == 0:
            found = replace(
                found,
                author=page.author or found.author,
                source=page.source or found.source,
                date=page.date or found.date,
            )
        given = metadata.overrides(path, position)
        defaults = metadata.defaults
        title = (
            given.get("title") or found.title or defaults.get("title") or fallback_title(article)
        )
        articles.append(
            _article(
                article,
                id=article_id(base, position),
                title=title,
                source=given.get("source")
                or found.source
                or shared_source
                or defaults.get("source"),
                author=given.get("author") or found.author or defaults.get("author"),
                date=given.get("date") or found.date or shared_date or defaults.get("date"),
                path=path,
                sha256=source.sha256,
            )
        )
    return articles


def _article(cleaned: CleanArticle, **fields: str | None) -> Article:
    blocks: list[Block] = []
    offset = 0
    for block in cleaned.blocks:
        if blocks:
            offset += 2  # the blank line between blocks
        blocks.append(Block(kind=block.kind, start=offset, end=offset + len(block.text)))
        offset += len(block.text)
    # ``fields`` are Article's metadata (id, title, source...), named by the one caller above.
    return Article(text=cleaned.text, blocks=tuple(blocks), **fields)  # type: ignore[arg-type]


def load_corpus(root: Path) -> CorpusLoad:
    """Read, clean and describe every article of a corpus (a folder or a single file)."""
    root = Path(root)
    sources, problems = scan_corpus(root)
    metadata, metadata_problems = load_corpus_metadata(root)
    problems += metadata_problems
    articles: list[Article] = []
    for source in sources:
        articles += articles_from_source(source, root, metadata, problems=problems)
    return CorpusLoad(articles=articles, sources=sources, problems=problems, metadata=metadata)
