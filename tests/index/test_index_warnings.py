"""The build's warnings (the model fallback, a bad gazetteer) reach every command, --json ones
too, on stderr with a stable prefix, however stderr is attached, and on warm runs as well."""

from __future__ import annotations

import json
from pathlib import Path

from syria_reader import cli

PREFIX = "syria-reader: warning: "


def test_json_commands_repeat_the_builds_warnings_on_stderr(
    small_corpus: Path, isolated_user_dirs: Path, capsys
) -> None:
    config = isolated_user_dirs / "xdg_config_home" / "syria-reader"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('model = "no-such-model"\n', encoding="utf-8")
    (config / "gazetteer.toml").write_text("[[entity]]\nname = 5\n", encoding="utf-8")
    for _ in range(2):  # the build, then a warm run on the current index
        for argv in (["entities", "--json"], ["dates", "--json"], ["mentions", "Geneva", "--json"]):
            assert cli.main([*argv, "--corpus", str(small_corpus)]) == 0
            out, err = capsys.readouterr()
            json.loads(out)  # stdout stays pure JSON
            warnings = [line for line in err.splitlines() if line.startswith(PREFIX)]
            assert any("no-such-model" in w for w in warnings), err
            assert any("gazetteer.toml" in w and "entity 1" in w for w in warnings), err
