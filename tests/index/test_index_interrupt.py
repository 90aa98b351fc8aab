"""Ctrl-C while SQLite runs the index's SQL function stays an interrupt, not an index error."""

from __future__ import annotations

import sqlite3

import pytest

from syria_reader.index import codec


def test_ctrl_c_inside_article_text_is_raised_again_as_an_interrupt(monkeypatch) -> None:
    def interrupted(body: bytes, preset: bytes | None) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(codec, "unpack_text", interrupted)
    db = sqlite3.connect(":memory:")
    codec.register_functions(db, dictionary=b"")
    with pytest.raises(sqlite3.OperationalError):  # what SQLite makes of it
        db.execute("SELECT article_text(x'00')").fetchone()
    with pytest.raises(KeyboardInterrupt):
        codec.reraise_interrupt()
    codec.reraise_interrupt()  # said once: a later, unrelated error is not an interrupt


def test_an_ordinary_sql_error_is_not_an_interrupt() -> None:
    db = sqlite3.connect(":memory:")
    codec.register_functions(db, dictionary=b"")
    with pytest.raises(sqlite3.OperationalError):
        db.execute("SELECT no_such_function(1)")
    codec.reraise_interrupt()
