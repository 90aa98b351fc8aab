"""The place table when its cache folder cannot be made: built in memory, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from syria_reader.nlp import places


def test_a_cache_folder_under_a_file_gives_a_table_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    places.place_table.cache_clear()
    try:
        table = places.place_table()
        assert len(table) > 1000 and table.get(places.name_key("Paris")) is not None
    finally:
        places.place_table.cache_clear()
