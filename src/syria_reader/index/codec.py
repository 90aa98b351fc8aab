"""How articles and analyses are stored in an index: JSON for blocks and cached analyses, and
the content hash that says whether an article must be analysed again."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from collections.abc import Sequence
from typing import Any

from syria_reader.models import (
    Analysis,
    Article,
    Block,
    DateRef,
    FieldOrigin,
    Figure,
    RawMention,
)


def blocks_to_json(blocks: tuple[Block, ...]) -> str:
    """An article's blocks as compact JSON: ``[[kind, start, end], ...]``."""
    return json.dumps([[b.kind, b.start, b.end] for b in blocks], separators=(",", ":"))


def blocks_from_json(data: str) -> tuple[Block, ...]:
    """The blocks stored by ``blocks_to_json``."""
    return tuple(Block(kind=kind, start=start, end=end) for kind, start, end in json.loads(data))


def provenance_to_json(provenance: dict[str, FieldOrigin]) -> str:
    """An article's provenance as JSON: ``{field: [how, evidence, inferred]}``."""
    return json.dumps(
        {name: [o.how, o.evidence, o.inferred] for name, o in sorted(provenance.items())},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def provenance_from_json(data: str | None) -> dict[str, FieldOrigin]:
    """The provenance stored by ``provenance_to_json`` (empty for none or unreadable JSON)."""
    try:
        raw = json.loads(data or "{}")
        return {
            str(name): FieldOrigin(str(how), str(evidence), bool(inferred))
            for name, (how, evidence, inferred) in raw.items()
        }
    except (json.JSONDecodeError, ValueError, TypeError, AttributeError):
        return {}


#: The ``articles`` columns ``article_from_row`` reads, in its order.
ARTICLE_COLUMNS = "id, title, source, author, date, path, text, blocks, sha256, provenance"


def article_from_row(row: Sequence[Any]) -> Article:
    """An article from a row of ``ARTICLE_COLUMNS``."""
    return Article(
        id=row[0],
        title=row[1],
        source=row[2],
        author=row[3],
        date=row[4],
        path=row[5],
        text=row[6],
        blocks=blocks_from_json(row[7]),
        sha256=row[8],
        provenance=provenance_from_json(row[9]),
    )


def article_content_hash(article: Article) -> str:
    """A hash of everything extraction may read from an article (not where its file lives).

    Two builds that produce the same hash for an article produce the same analysis for it,
    given the same extraction key, so its cached analysis can be reused.
    """
    payload = [
        article.id,
        article.title,
        article.source,
        article.author,
        article.date,
        article.text,
        [[b.kind, b.start, b.end] for b in article.blocks],
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


def analysis_cache_key(content_hash: str, extraction_key: str) -> str:
    """The key under which an article's analysis is cached."""
    return hashlib.sha256(f"{content_hash}\0{extraction_key}".encode()).hexdigest()


def _records(items: tuple[Any, ...]) -> list[dict[str, Any]]:
    # The fields of these flat records hold plain values: ``dataclasses.asdict``'s deep copy
    # (a fifth of a rules build's time at 1,000 articles) gives the same dicts.
    if not items:
        return []
    names = [f.name for f in dataclasses.fields(items[0])]
    return [{name: getattr(item, name) for name in names} for item in items]


def analysis_to_blob(analysis: Analysis) -> bytes:
    """An analysis as compressed JSON, field names kept so a changed model fails loudly."""
    data = {
        "article_id": analysis.article_id,
        "mentions": _records(analysis.mentions),
        "dates": _records(analysis.dates),
        "figures": _records(analysis.figures),
        "sentences": [list(span) for span in analysis.sentences],
        "extractor": analysis.extractor,
    }
    return zlib.compress(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    )


def analysis_from_blob(blob: bytes) -> Analysis:
    """The analysis stored by ``analysis_to_blob``; raises ValueError if it cannot be read back."""
    try:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        return Analysis(
            article_id=data["article_id"],
            mentions=tuple(RawMention(**m) for m in data["mentions"]),
            dates=tuple(DateRef(**d) for d in data["dates"]),
            figures=tuple(Figure(**f) for f in data["figures"]),
            sentences=tuple((int(s), int(e)) for s, e in data["sentences"]),
            extractor=data["extractor"],
        )
    except (
        zlib.error,
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
    ) as error:
        raise ValueError(f"cached analysis unreadable: {error}") from error
