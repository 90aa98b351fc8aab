"""``bench.same_index`` tells two full builds that wrote the same rows from two that did not."""

from __future__ import annotations

import shutil
import sqlite3

from bench.same_index import main
from syria_reader.config import load_settings
from syria_reader.index.build import build_index


def test_two_builds_are_the_same_index_until_a_row_changes(two_articles, tmp_path, capsys):
    corpus = two_articles
    first = build_index(corpus, load_settings()).path
    old = tmp_path / "old.sqlite3"
    shutil.copyfile(first, old)
    new = build_index(corpus, load_settings(), rebuild=True).path

    assert main([str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "mentions: " in out and " 0 only in old, 0 only in new" in out
    assert out.rstrip().endswith("the same index")

    db = sqlite3.connect(old)
    with db:  # another build time: not a difference of the index
        db.execute("UPDATE meta SET value = '2000-01-01T00:00:00+00:00' WHERE key = 'built_at'")
    assert main([str(old), str(new)]) == 0
    assert "1 only in old, 1 only in new (volatile)" in capsys.readouterr().out
    with db:
        db.execute("UPDATE mentions SET start = start + 1 WHERE rowid = 1")
    db.close()
    assert main([str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "1 only in old, 1 only in new DIFFERS" in out
    assert out.rstrip().endswith("1 tables differ")
