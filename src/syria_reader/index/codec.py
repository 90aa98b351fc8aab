"""How articles and analyses are stored in an index: JSON for blocks and cached analyses, and
the content hash that says whether an article must be analysed again."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import sqlite3
import threading
import zlib
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from syria_reader.models import (
    ENTITY_KINDS,
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


#: The most of a preset dictionary zlib uses (its window).
_DICTIONARY_BYTES = 32 * 1024
#: A corpus gets a dictionary when its text is at least this many times the dictionary.
_DICTIONARY_WORTH = 16
#: How much of each sampled article goes into the dictionary, and how many are sampled.
_SAMPLE_BYTES, _SAMPLES = 1500, 40


@functools.lru_cache(maxsize=8)
def _compressor(dictionary: bytes) -> zlib._Compress:
    """A compressor with ``dictionary`` loaded and nothing fed yet, to be copied for each
    value: loading a 32 kB dictionary cost more than compressing a small value with it (a
    copy gives the same bytes)."""
    return zlib.compressobj(9, zdict=dictionary) if dictionary else zlib.compressobj(9)


def text_dictionary(texts: Sequence[str]) -> bytes:
    """A preset dictionary for compressing a corpus's articles: the openings of articles
    spread through it (what news articles share: bylines, stock phrases, names). An article of
    a few kilobytes then compresses to a third of its size instead of a half."""
    if sum(len(text) for text in texts) < _DICTIONARY_WORTH * _DICTIONARY_BYTES:
        return b""  # stored once beside the texts, it would cost a small corpus more than it saves
    step = max(1, len(texts) // _SAMPLES)
    sample = b"".join(text.encode("utf-8")[:_SAMPLE_BYTES] for text in texts[::step])
    return sample[-_DICTIONARY_BYTES:]


def pack_text(text: str, dictionary: bytes = b"") -> bytes:
    """An article's text as stored in ``articles.body``: UTF-8, zlib-compressed with the
    index's preset dictionary (``text_dictionary``)."""
    packer = _compressor(dictionary).copy()
    return packer.compress(text.encode("utf-8")) + packer.flush()


def unpack_text(body: bytes, dictionary: bytes = b"") -> str:
    """The text ``pack_text`` stored (with the same dictionary); raises ValueError if it is
    damaged."""
    try:
        unpacker = zlib.decompressobj(zdict=dictionary) if dictionary else zlib.decompressobj()
        data = unpacker.decompress(body) + unpacker.flush()
        if not unpacker.eof:
            raise zlib.error("incomplete stream")
        return data.decode("utf-8")
    except (zlib.error, UnicodeDecodeError, TypeError, ValueError) as error:
        raise ValueError(f"article text unreadable: {error}") from error


#: The rows of ``text_dictionary``: the article texts' preset dictionary, and the evidence's.
TEXT_DICTIONARY, EVIDENCE_DICTIONARY = 1, 2


def stored_dictionary(connection: sqlite3.Connection, which: int = TEXT_DICTIONARY) -> bytes:
    """The preset dictionary an index's article texts (or, given ``EVIDENCE_DICTIONARY``, its
    entities' evidence) were compressed with (b"" if none)."""
    try:
        row = connection.execute(
            "SELECT data FROM text_dictionary WHERE rowid = ?", (which,)
        ).fetchone()
    except sqlite3.Error:
        return b""  # not an index of this schema: its own queries will say so
    return bytes(row[0]) if row else b""


_INTERRUPTED = threading.Event()


def reraise_interrupt() -> None:
    """Raise ``KeyboardInterrupt`` if Ctrl-C came while SQLite ran ``article_text`` (SQLite
    reported it as an ``OperationalError``); call it where such errors are caught."""
    if _INTERRUPTED.is_set():
        _INTERRUPTED.clear()
        raise KeyboardInterrupt


def register_functions(connection: sqlite3.Connection, dictionary: bytes | None = None) -> None:
    """Give a connection to an index the SQL function ``article_text(body)``: the article's
    text, which queries cut sentences and snippets from (and the full-text index reads).
    ``dictionary`` is the one its texts are compressed with; by default the index's own.

    Rows are read article by article, so the last text decompressed is kept: a list of 100,000
    mentions decompresses each of its articles once."""
    preset = stored_dictionary(connection) if dictionary is None else dictionary
    last: list[Any] = [None, ""]

    def article_text(body: bytes | None) -> str | None:
        if body is None:
            return None
        if body != last[0]:
            try:
                last[:] = [body, unpack_text(body, preset)]
            except KeyboardInterrupt:
                # SQLite reports any exception of a SQL function as OperationalError, which
                # would turn Ctrl-C into "cannot write the index"; remember it for the caller.
                _INTERRUPTED.set()
                raise
        return str(last[1])

    connection.create_function("article_text", 1, article_text, deterministic=True)


#: A corpus's JSON values get a dictionary when they are at least this many times its size.
_JSON_DICTIONARY_WORTH = 4
#: How many values are sampled into it.
_JSON_SAMPLES = 200


def _json_bytes(value: Any) -> bytes:
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return encoded.encode("utf-8")


def json_dictionary(values: Sequence[Any]) -> bytes:
    """A preset dictionary for compressing many small JSON values (``entity_details.evidence``):
    values spread through the list, whose keys and rule descriptions every value repeats. A
    value of a few hundred bytes then compresses to a quarter of what it does alone."""
    encoded = [_json_bytes(value) for value in values]
    if sum(len(e) for e in encoded) < _JSON_DICTIONARY_WORTH * _DICTIONARY_BYTES:
        return b""  # stored once beside the values, it would cost a small corpus more than it saves
    step = max(1, len(encoded) // _JSON_SAMPLES)
    return b"".join(encoded[::step])[-_DICTIONARY_BYTES:]


def pack_json(value: Any, dictionary: bytes = b"") -> bytes:
    """A JSON value compressed (``entity_details.evidence``: a paragraph per entity), with the
    index's preset dictionary for it (``json_dictionary``)."""
    packer = _compressor(dictionary).copy()
    return packer.compress(_json_bytes(value)) + packer.flush()


def unpack_json(data: bytes | str | None, dictionary: bytes = b"") -> Any:
    """The value ``pack_json`` stored with the same dictionary (plain JSON text is read as it
    is); None if unreadable."""
    try:
        if isinstance(data, bytes):
            unpacker = zlib.decompressobj(zdict=dictionary) if dictionary else zlib.decompressobj()
            text: str | None = (unpacker.decompress(data) + unpacker.flush()).decode("utf-8")
        else:
            text = data
        return json.loads(text or "null")
    except (zlib.error, UnicodeDecodeError, ValueError, TypeError):
        return None


#: ``related.score`` is the G2 score to four decimals, stored as an integer (3 bytes, not 8).
SCORE_SCALE = 10_000


def score_to_int(score: float) -> int:
    """A score as ``related.score`` stores it; ``score_from_int`` gives ``round(score, 4)``."""
    return round(round(score, 4) * SCORE_SCALE)


def score_from_int(stored: int) -> float:
    """The score ``score_to_int`` stored: exactly ``round(score, 4)``."""
    return stored / SCORE_SCALE


#: The ``articles`` columns ``article_from_row`` reads, in its order.
ARTICLE_COLUMNS = (
    "id, title, source, author, date, path, article_text(body), blocks, sha256, provenance"
)


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


#: The encoding of cached analyses: each record kind stores its field names, so a model that
#: changed its fields no longer matches and its cached analyses are extracted again.
#: 3: compressed with ``_analysis_dictionary``.
_BLOB_VERSION = 3


def _fields(kind: type) -> list[str]:
    return [f.name for f in dataclasses.fields(kind)]


def _analysis_dictionary() -> bytes:
    """The preset dictionary of cached analyses: the keys, field names and labels every blob
    spells out (a blob is a few hundred bytes compressed, so they would be a third of it).
    Built from the records' fields: a changed field changes it, and old blobs then fail to
    decompress, as they would fail to match their fields."""
    skeleton = {
        "v": _BLOB_VERSION,
        "article_id": "",
        "extractor": "spacy:en_core_web_sm@",
        "sentences": [],
        "mentions": {
            "fields": _fields(RawMention),
            "columns": [[], [], [0, 0], list(ENTITY_KINDS), [], None, [False, True]],
        },
        "dates": {"fields": _fields(DateRef), "columns": [["day", "month", "year"], [True]]},
        "figures": {"fields": _fields(Figure), "columns": [[True]]},
    }
    return json.dumps(skeleton, separators=(",", ":")).encode("utf-8")


_ANALYSIS_DICTIONARY = _analysis_dictionary()


#: Fields stored as ``true`` when they equal another field of the record (a single date's
#: last date is the date, a single number's upper end is the number).
_SAME_AS = {"iso_end": "iso", "value_end": "value"}


def _same(value: Any, other: Any) -> bool:
    return value is not None and type(value) is type(other) and value == other


def _columns(
    items: Sequence[Any],
    fields: list[str],
    text: str | None,
    sentence_of: dict[tuple[int, int], int] | None = None,
) -> list[list[Any]]:
    """Records as columns: ``start`` as the gap from the previous record's, ``end`` as the
    length, ``text`` as 0 when it is the article's text there, and for mentions the sentence
    span as its place in the analysis's sentences (a ``[start, end]`` pair when it is none of
    them). Small repeated numbers compress well."""
    columns: list[list[Any]] = [[] for _ in fields]
    previous = 0
    for item in items:
        for column, name in zip(columns, fields, strict=True):
            value = getattr(item, name)
            if name == "start":
                column.append(value - previous)
                previous = value
            elif name == "end":
                column.append(value - item.start)
            elif name == "text" and text is not None and value == text[item.start : item.end]:
                column.append(0)
            elif name in _SAME_AS and _same(value, getattr(item, _SAME_AS[name])):
                column.append(True)
            elif name == "sentence_start" and sentence_of is not None:
                span = (item.sentence_start, item.sentence_end)
                column.append(sentence_of.get(span, list(span)))
            elif name == "sentence_end" and sentence_of is not None:
                continue
            else:
                column.append(value)
    return columns


def _rows(
    kind: type,
    stored: dict[str, Any],
    text: str | None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> tuple[Any, ...]:
    """The records ``_columns`` stored, rebuilt a column at a time: a build decodes every
    cached analysis, some twice (for the writer, and names only for linking)."""
    fields = _fields(kind)
    if stored["fields"] != fields:
        raise ValueError(f"{kind.__name__} fields changed: {stored['fields']} -> {fields}")
    columns = stored["columns"]
    if len(columns) != len(fields) or len({len(c) for c in columns if c is not None}) > 1:
        raise ValueError(f"{kind.__name__} columns do not line up")
    count = next((len(c) for c in columns if c is not None), 0)
    decoded: dict[str, list[Any]] = {}
    for name, column in zip(fields, columns, strict=True):
        if name == "sentence_end" and sentences is not None:
            continue  # decoded with sentence_start
        if column is None:
            if count:
                raise ValueError(f"{kind.__name__} column {name} is missing")
            column = []
        if name == "start":
            decoded[name] = list(accumulate(column))
        elif name == "end":
            starts = decoded["start"]
            decoded[name] = [s + length for s, length in zip(starts, column, strict=True)]
        elif name == "text":
            decoded[name] = _texts(column, decoded["start"], decoded["end"], text)
        elif name in _SAME_AS:
            other = decoded[_SAME_AS[name]]
            decoded[name] = [o if v is True else v for v, o in zip(column, other, strict=True)]
        elif name == "sentence_start" and sentences is not None:
            spans = [sentences[v] if isinstance(v, int) else v for v in column]
            decoded[name] = [int(span[0]) for span in spans]
            decoded["sentence_end"] = [int(span[1]) for span in spans]
        elif name == "in_aside":
            decoded[name] = [bool(v) for v in column]
        else:
            decoded[name] = column
    return tuple(map(kind, *(decoded[name] for name in fields)))


def _texts(column: list[Any], starts: list[int], ends: list[int], text: str | None) -> list[Any]:
    """The ``text`` column: 0 (never ``False``) stands for the article's text there."""
    out = []
    for value, start, end in zip(column, starts, ends, strict=True):
        if value == 0 and not isinstance(value, bool):
            if text is None:
                raise ValueError("the analysis needs its article's text")
            value = text[start:end]
        out.append(value)
    return out


def analysis_to_blob(analysis: Analysis, text: str | None = None) -> bytes:
    """An analysis compactly encoded (records as columns, offsets as gaps, without the words
    that are ``text``, its article's, where they stand) and compressed, field names kept so a
    changed model fails loudly. ``analysis_from_blob`` with the same text gives it back
    exactly."""
    sentence_of: dict[tuple[int, int], int] = {}
    for position, span in enumerate(analysis.sentences):
        sentence_of.setdefault((span[0], span[1]), position)
    flat: list[int] = []
    previous = 0
    for start, end in analysis.sentences:
        flat += [start - previous, end - start]
        previous = end
    mention_fields = _fields(RawMention)
    data = {
        "v": _BLOB_VERSION,
        "article_id": analysis.article_id,
        "extractor": analysis.extractor,
        "sentences": flat,
        "mentions": {
            "fields": mention_fields,
            "columns": [
                None if name == "sentence_end" else column
                for name, column in zip(
                    mention_fields,
                    _columns(analysis.mentions, mention_fields, text, sentence_of),
                    strict=True,
                )
            ],
        },
        "dates": _table(DateRef, analysis.dates, text),
        "figures": _table(Figure, analysis.figures, text),
    }
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packer = _compressor(_ANALYSIS_DICTIONARY).copy()
    return packer.compress(encoded) + packer.flush()


def _table(kind: type, items: Sequence[Any], text: str | None) -> dict[str, Any]:
    fields = _fields(kind)
    return {"fields": fields, "columns": _columns(items, fields, text)}


def analysis_from_blob(
    blob: bytes, text: str | None = None, *, names_only: bool = False
) -> Analysis:
    """The analysis ``analysis_to_blob`` stored with the article's ``text`` (the same text:
    the cache key holds its hash); raises ValueError if it cannot be read back. With
    ``names_only``, its dates and figures are left out (what linking reads)."""
    try:
        unpacker = zlib.decompressobj(zdict=_ANALYSIS_DICTIONARY)
        data = json.loads((unpacker.decompress(blob) + unpacker.flush()).decode("utf-8"))
        if data.get("v") != _BLOB_VERSION:
            raise ValueError(f"cached analysis of another encoding ({data.get('v')})")
        flat = data["sentences"]
        sentences: list[tuple[int, int]] = []
        end = 0
        for gap, length in zip(flat[::2], flat[1::2], strict=True):
            start = end + int(gap)
            end = start + int(length)
            sentences.append((start, end))
        return Analysis(
            article_id=data["article_id"],
            mentions=_rows(RawMention, data["mentions"], text, sentences),
            dates=() if names_only else _rows(DateRef, data["dates"], text),
            figures=() if names_only else _rows(Figure, data["figures"], text),
            sentences=tuple(sentences),
            extractor=data["extractor"],
        )
    except (
        zlib.error,
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
        IndexError,
        AttributeError,
    ) as error:
        raise ValueError(f"cached analysis unreadable: {error}") from error


def json_strings(value: object) -> tuple[str, ...]:
    """A JSON list of strings from the index, as a tuple (empty when unreadable)."""
    if value == "[]":  # most entities' (no parse: every entity's are read for a lookup)
        return ()
    try:
        data = json.loads(value) if isinstance(value, str) else []
    except ValueError:
        return ()
    return tuple(str(item) for item in data) if isinstance(data, list) else ()
