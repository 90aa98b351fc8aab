"""A 0-byte notes file is reported and left as it is, unless the user asks for a new store
in it (``notes init``)."""

from __future__ import annotations

import pytest

from syria_reader import cli
from syria_reader.notes.store import NotesStore, NotesStoreError, default_path


def test_an_empty_notes_file_is_reported_not_reused() -> None:
    path = default_path()
    path.write_bytes(b"")
    with pytest.raises(NotesStoreError, match="empty file"):
        NotesStore()
    assert path.read_bytes() == b""
    assert not path.with_name(path.name + "-wal").exists()


def test_the_cli_says_so_in_one_line_and_notes_init_starts_a_new_store(capsys) -> None:
    path = default_path()
    path.write_bytes(b"")
    assert cli.main(["notes", "trash"]) == 1
    err = capsys.readouterr().err
    assert "empty file (0 bytes)" in err and "notes init" in err and "Traceback" not in err
    assert path.read_bytes() == b""
    assert cli.main(["notes", "init"]) == 0
    assert "new notes store" in capsys.readouterr().out
    with NotesStore() as store:
        assert store.notes() == []
    assert cli.main(["notes", "init"]) == 1  # never over a store that has content
    assert "not empty" in capsys.readouterr().err
