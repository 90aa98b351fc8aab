"""An incremental build says exactly what a full rebuild of the same corpus says, table by
table, after a file is changed, added or removed (names shared across articles, so linking
one changed article moves mentions in the others)."""

from __future__ import annotations

import shutil
from pathlib import Path

from syria_reader.index.build import build_index

from .tables import differences, dump

ARTICLES = {
    "wires/geneva.txt": (
        "Lavrov meets Kerry in Geneva\n\n"
        "GENEVA, March 3 2016 - Russian Foreign Minister Sergei Lavrov met John Kerry in Geneva "
        "on Thursday. Lavrov said the ceasefire in Syria would hold. Daesh was not covered.\n\n"
        '"We will not give up," Kerry said. The Islamic State group still holds Raqqa.\n'
    ),
    "wires/aleppo.txt": (
        "Aid reaches Aleppo\n\n"
        "ALEPPO, April 12 2016 - A United Nations convoy of 40 trucks reached eastern Aleppo on "
        "Tuesday. The Syrian Red Crescent said ISIS shelling had delayed it for two days.\n"
    ),
    "wires/moscow.txt": (
        "Moscow answers\n\n"
        "MOSCOW, April 20 2016 - Lavrov told reporters that Russia would keep its jets in "
        "Syria. Kerry called him on Tuesday.\n"
    ),
    "notes/border.md": (
        "# Turkey shuts a border crossing\n\n"
        "ANKARA, May 2 2016 - Turkey closed the Oncupinar crossing on Monday after shelling near "
        "Kilis. About 4,000 refugees waited on the Syrian side, the Red Crescent said.\n"
    ),
}


def rebuilt_copy(corpus: Path, settings, folder: Path) -> Path:
    """A full rebuild of the corpus as it is now, kept beside the incremental one."""
    report = build_index(corpus, settings, rebuild=True)
    folder.mkdir(exist_ok=True)
    target = folder / f"rebuilt-{len(list(folder.iterdir()))}.sqlite3"
    shutil.copyfile(report.path, target)
    return target


def incremental_copy(corpus: Path, settings, folder: Path, processed: int) -> Path:
    report = build_index(corpus, settings)
    assert report.built and report.processed == processed
    folder.mkdir(exist_ok=True)
    target = folder / f"incremental-{len(list(folder.iterdir()))}.sqlite3"
    shutil.copyfile(report.path, target)
    return target


def test_changed_added_removed_file_give_the_full_rebuild(write_corpus, rules_settings, tmp_path):
    corpus = write_corpus(dict(ARTICLES))
    out = tmp_path / "copies"
    build_index(corpus, rules_settings)

    # Changed: a full name where the other articles only say "Lavrov" and "Kerry".
    (corpus / "wires" / "aleppo.txt").write_text(
        ARTICLES["wires/aleppo.txt"]
        + "\nSecretary of State John Kerry and Sergei Lavrov welcomed the convoy in Aleppo.\n",
        encoding="utf-8",
    )
    steps = [incremental_copy(corpus, rules_settings, out, processed=1)]
    steps.append(rebuilt_copy(corpus, rules_settings, out))

    # Added, then removed.
    (corpus / "wires" / "kilis.txt").write_text(
        "Shelling near Kilis\n\nKILIS, May 3 2016 - Turkey said shells from Syria hit Kilis.\n",
        encoding="utf-8",
    )
    steps.append(incremental_copy(corpus, rules_settings, out, processed=1))
    steps.append(rebuilt_copy(corpus, rules_settings, out))
    (corpus / "wires" / "moscow.txt").unlink()
    steps.append(incremental_copy(corpus, rules_settings, out, processed=0))
    steps.append(rebuilt_copy(corpus, rules_settings, out))

    for incremental, rebuilt in zip(steps[::2], steps[1::2], strict=True):
        assert differences(incremental, rebuilt) == []
    # The comparison sees what linking made of the change: the surname in the other articles.
    tables = dump(steps[0])
    assert any("Lavrov" in row for row in tables["mentions"])
    assert tables["entities"] and tables["sentences"]


def test_the_comparison_sees_a_difference(write_corpus, rules_settings, tmp_path):
    corpus = write_corpus(dict(ARTICLES))
    first = rebuilt_copy(corpus, rules_settings, tmp_path / "copies")
    (corpus / "wires" / "moscow.txt").write_text(
        ARTICLES["wires/moscow.txt"].replace("Kerry", "Zarif"), encoding="utf-8"
    )
    second = rebuilt_copy(corpus, rules_settings, tmp_path / "copies")
    found = differences(first, second)
    assert any(line.startswith("entities") for line in found)
    assert any(line.startswith("mentions") for line in found)
