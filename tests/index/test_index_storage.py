"""What the index file stores, and that it gives it back exactly: article text compressed
once, cached analyses in their compact form, words and scores not stored twice, and the
indexes only corrections need made only when there are corrections."""

from __future__ import annotations

import dataclasses
import sqlite3
import zlib
from pathlib import Path

import pytest

from syria_reader.index.build import build_index, index_path_for
from syria_reader.index.codec import (
    analysis_from_blob,
    analysis_to_blob,
    pack_json,
    pack_text,
    score_from_int,
    score_to_int,
    text_dictionary,
    unpack_json,
    unpack_text,
)
from syria_reader.index.query import Index
from syria_reader.models import Analysis, DateRef, Figure, RawMention

TEXT = (
    "GENEVA - Sergei Lavrov met John Kerry on 3 March, and nearly 1,000 air strikes hit "
    "Raqqa; 55-65 km away, ISIS held its ground. Caption: Lavrov in Geneva."
)


def _analysis() -> Analysis:
    lavrov = TEXT.index("Sergei Lavrov")
    caption = TEXT.rindex("Lavrov")
    first = TEXT.index(";") + 1
    return Analysis(
        article_id="a1",
        mentions=(
            RawMention(lavrov, lavrov + 13, "Sergei Lavrov", "PERSON", 0, first),
            # Words that are not the text at their offsets are kept as they are.
            RawMention(lavrov + 18, lavrov + 28, "JOHN KERRY", "PERSON", 0, first),
            # A sentence span that is none of the analysis's sentences.
            RawMention(caption, caption + 6, "Lavrov", "PERSON", caption - 9, len(TEXT), True),
        ),
        dates=(
            DateRef(
                TEXT.index("3 March"),
                TEXT.index("3 March") + 7,
                "3 March",
                "2016-03-03",
                "day",
                "2016-03-03",
            ),
            DateRef(0, 6, "GENEVA", None, None, None),
        ),
        figures=(
            Figure(
                TEXT.index("nearly"),
                TEXT.index("strikes") + 7,
                "nearly 1,000 air strikes",
                1000.0,
                "air strikes",
                "nearly",
                1000.0,
            ),
            Figure(TEXT.index("55"), TEXT.index("km") + 2, "55-65 km", 55.0, "km", None, 65.0),
            Figure(0, 1, "G", 7.0, None, None, None),
        ),
        sentences=((0, first), (first + 1, len(TEXT))),
        extractor="rules",
    )


def test_a_cached_analysis_round_trips_exactly_with_its_article_text() -> None:
    analysis = _analysis()
    blob = analysis_to_blob(analysis, TEXT)
    back = analysis_from_blob(blob, TEXT)
    assert back == analysis
    assert [type(m.in_aside) for m in back.mentions] == [bool, bool, bool]
    assert [type(f.value_end) for f in back.figures] == [float, float, type(None)]
    # The words that are the text where they stand are not in the blob.
    assert len(blob) < len(analysis_to_blob(analysis))
    assert analysis_from_blob(analysis_to_blob(analysis)) == analysis
    names = analysis_from_blob(blob, TEXT, names_only=True)  # what linking reads
    assert names == dataclasses.replace(analysis, dates=(), figures=())


def test_a_cached_analysis_that_cannot_be_read_back_says_so() -> None:
    blob = analysis_to_blob(_analysis(), TEXT)
    with pytest.raises(ValueError):
        analysis_from_blob(blob)  # the words left out need the article's text
    with pytest.raises(ValueError):
        analysis_from_blob(b"not zlib", TEXT)


def test_article_text_round_trips_with_the_corpus_dictionary() -> None:
    texts = [TEXT, "Aid convoy reaches eastern Aleppo. " * 20, "é ü 中文 — ok"]
    assert text_dictionary(texts) == b""  # a small corpus: not worth storing one
    dictionary = text_dictionary(texts * 2000)
    assert 0 < len(dictionary) <= 32 * 1024
    for text in texts:
        assert unpack_text(pack_text(text, dictionary), dictionary) == text
        assert unpack_text(pack_text(text)) == text
    assert len(pack_text(TEXT, dictionary)) < len(pack_text(TEXT))
    with pytest.raises(ValueError):
        unpack_text(pack_text(TEXT, dictionary)[:-4], dictionary)


def test_scores_are_stored_as_integers_and_read_back_as_rounded() -> None:
    for score in (0.0, 1.23456, 443.47549999, 12.00005, 3.3333333):
        assert score_from_int(score_to_int(score)) == round(score, 4)


def _built(corpus: Path, settings) -> Path:
    build_index(corpus, settings)
    return index_path_for(corpus)


def test_the_article_text_is_stored_compressed_and_read_back(small_corpus, rules_settings):
    path = _built(small_corpus, rules_settings)
    sentence = b"The Islamic State group still holds Raqqa, and nearly 1,000 air strikes hit"
    assert sentence not in path.read_bytes()
    with Index(path) as index:
        article = next(a for a in index.articles() if "Geneva" in a.title)
        text = index.article(article.id).text
        assert sentence.decode() in text
        hits = index.search("Raqqa")
        assert hits and "still holds Raqqa" in hits[0].snippet
        mentions = index.article_mentions(article.id)
        assert mentions and all(text[m.start : m.end] == m.text for m in mentions)
        assert all(m.context_start <= m.start and m.text in m.context for m in mentions)
        assert [d.text for d in index.dates(article.id)] == [
            text[d.start : d.end] for d in index.dates(article.id)
        ]


def test_words_that_are_the_article_text_are_not_stored_again(small_corpus, rules_settings):
    path = _built(small_corpus, rules_settings)
    db = sqlite3.connect(path)
    try:
        columns = {row[1] for row in db.execute("PRAGMA table_info(mentions)")}
        assert "text" not in columns and "kind" not in columns
        for table in ("dates", "figures", "quotes", "timeline"):
            _, kept = db.execute(f"SELECT count(*), count(text) FROM {table}").fetchone()
            assert kept == 0, table
        assert db.execute("SELECT count(*) FROM dates").fetchone()[0] > 0
        assert db.execute("SELECT typeof(score) FROM related LIMIT 1").fetchone() in (
            None,
            ("integer",),
        )
    finally:
        db.close()


def test_indexes_for_corrections_are_made_only_when_there_are_some(
    small_corpus, rules_settings, tmp_path
):
    from syria_reader.index.curate import apply_file

    path = _built(small_corpus, rules_settings)

    def indexes() -> set[str]:
        db = sqlite3.connect(path)
        try:
            return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        finally:
            db.close()

    assert not {"mentions_auto", "mentions_sentence"} & indexes()
    corrections = tmp_path / "corrections.toml"
    corrections.write_text('[[correction]]\nop = "rename"\nname = "Geneva"\nto = "Genf"\n')
    apply_file(path, corrections)
    assert {"mentions_auto", "mentions_sentence"} <= indexes()
    with Index(path) as index:
        assert any(e.name == "Genf" for e in index.entities())


def test_the_linker_entities_are_copied_only_when_corrections_are_first_applied(
    small_corpus, rules_settings, tmp_path
):
    from syria_reader.index.curate import apply_file

    path = _built(small_corpus, rules_settings)

    def counts() -> tuple[int, int, int]:
        db = sqlite3.connect(path)
        try:
            return (
                db.execute("SELECT count(*) FROM auto_entities").fetchone()[0],
                db.execute("SELECT count(*) FROM auto_aliases").fetchone()[0],
                db.execute("SELECT count(auto_entity) FROM mentions").fetchone()[0],
            )
        finally:
            db.close()

    with Index(path) as index:
        linker = [(e.id, e.name, e.kind, e.mentions, e.articles) for e in index.entities()]
    assert counts() == (0, 0, 0)
    corrections = tmp_path / "corrections.toml"
    apply_file(path, corrections)  # no file, no corrections: still nothing copied
    assert counts() == (0, 0, 0)
    corrections.write_text('[[correction]]\nop = "rename"\nname = "Geneva"\nto = "Genf"\n')
    apply_file(path, corrections)
    entities, _, mentions = counts()
    assert entities == len(linker) and mentions > 0
    corrections.write_text("")
    apply_file(path, corrections)  # undone: the linker's entities again, from the copy
    with Index(path) as index:
        assert [(e.id, e.name, e.kind, e.mentions, e.articles) for e in index.entities()] == linker


def test_entity_evidence_is_stored_compressed_and_read_back() -> None:
    from syria_reader.index.codec import pack_json, unpack_json

    evidence = {"aliases": {"Nusra": "spelling variant of 'nusra front'"}, "kind": ["PERSON", 3]}
    assert unpack_json(pack_json(evidence)) == evidence
    assert isinstance(pack_json(evidence), bytes)
    assert unpack_json('{"a": 1}') == {"a": 1}  # plain JSON text reads as it is
    assert unpack_json(b"damaged") is None


def test_evidence_compresses_with_the_corpus_dictionary_and_reads_back_with_it() -> None:
    from syria_reader.index.codec import json_dictionary, pack_json, unpack_json

    values = [
        {
            "kind": {"cues": [f"model label -> ORG x{n}", "place preposition before -> GPE x1"]},
            "mentions": {"the same name": n, f"spelling variant of 'name {n}'": 1},
        }
        for n in range(3000)
    ]
    assert json_dictionary(values[:5]) == b""  # a few values: not worth storing one
    dictionary = json_dictionary(values)
    assert 0 < len(dictionary) <= 32 * 1024
    packed = [pack_json(v, dictionary) for v in values]
    assert [unpack_json(p, dictionary) for p in packed] == values
    assert sum(map(len, packed)) < sum(len(pack_json(v)) for v in values) / 2
    assert unpack_json(packed[7]) is None  # it needs its dictionary


def test_a_cached_analysis_of_the_encoding_before_is_not_read_as_this_one() -> None:
    import json
    import zlib

    old = zlib.compress(json.dumps({"v": 2, "article_id": "a1"}).encode(), 9)
    with pytest.raises(ValueError, match="another encoding"):
        analysis_from_blob(old, TEXT)


def test_values_packed_with_a_shared_dictionary_are_those_a_fresh_compressor_makes() -> None:
    # The packers copy one compressor per dictionary; the stored bytes must not depend on
    # how many values were packed before (an index built twice is the same file).
    texts = [TEXT * (20 + i % 3) + str(i) for i in range(60)]
    dictionary = text_dictionary(texts * 20)
    assert dictionary
    for text in texts:
        fresh = zlib.compressobj(9, zdict=dictionary)
        assert pack_text(text, dictionary) == fresh.compress(text.encode()) + fresh.flush()
        assert unpack_text(pack_text(text, dictionary), dictionary) == text
    values = [{"kind": "PERSON", "n": i, "why": ["title before"] * (i % 4)} for i in range(50)]
    for value in values:
        assert unpack_json(pack_json(value, dictionary), dictionary) == value
        assert pack_json(value, dictionary) == pack_json(value, dictionary)


def _stored(blob: bytes) -> dict:
    import json

    from syria_reader.index import codec

    unpacker = zlib.decompressobj(zdict=codec._ANALYSIS_DICTIONARY)
    return json.loads(unpacker.decompress(blob) + unpacker.flush())


def _restored(data: dict) -> bytes:
    import json

    return zlib.compress(json.dumps(data).encode(), 9)


def test_a_cached_analysis_with_a_column_missing_is_not_read() -> None:
    data = _stored(analysis_to_blob(_analysis(), TEXT))
    assert analysis_from_blob(_restored(data), TEXT) == _analysis()
    data["figures"]["columns"][data["figures"]["fields"].index("unit")] = None
    with pytest.raises(ValueError):
        analysis_from_blob(_restored(data), TEXT)
    # Linking does not read the figures, so it is not stopped by them.
    assert analysis_from_blob(_restored(data), TEXT, names_only=True).mentions


def test_an_analysis_with_no_records_round_trips() -> None:
    empty = Analysis(
        article_id="a2",
        mentions=(),
        dates=(),
        figures=(),
        sentences=((0, 5),),
        extractor="rules",
    )
    assert analysis_from_blob(analysis_to_blob(empty, TEXT), TEXT) == empty
    data = _stored(analysis_to_blob(empty, TEXT))
    data["dates"]["columns"] = [None] * len(data["dates"]["fields"])  # no rows: nothing missed
    assert analysis_from_blob(_restored(data), TEXT) == empty


def test_words_stored_as_zero_are_the_text_and_stored_words_are_kept() -> None:
    data = _stored(analysis_to_blob(_analysis(), TEXT))
    texts = data["mentions"]["columns"][data["mentions"]["fields"].index("text")]
    assert texts == [0, "JOHN KERRY", 0]
    texts[0] = "0"  # a word that is the digit zero, not the marker
    back = analysis_from_blob(_restored(data), TEXT)
    assert [m.text for m in back.mentions] == ["0", "JOHN KERRY", "Lavrov"]
