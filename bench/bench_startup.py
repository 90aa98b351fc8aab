"""Reader start-up with a warm index, as a ratio to a bare Textual app started the same way.

    python bench/bench_startup.py [--corpus PATH] [--repeat N] [--size 140x40]

Method: each run is a fresh ``python -c`` process attached to a pseudo-terminal of the given
size (so Textual uses its real Linux driver, not the headless one), with a temporary cache,
data and config dir. The clock starts just before the process is spawned and stops when the
child reports, through a pipe, that its first full frame has been written to the terminal
("paint"). For the reader a second time is reported, "content": the first refresh after the
first article and its entities are on screen (the index opened and the panes filled). The
bare app is an ``App`` with a ``Static`` and a ``Footer``, timed the same way. Python start-up
and imports are inside both times, since the user waits for them too; both read compiled
bytecode, as an installed program does (``child_env``: one untimed run of each fills the
cache first).

The index is built once beforehand (not timed). Medians of ``--repeat`` runs; timings, not
assertions: machines are noisy. ``bench.run`` times its corpora with the same children
(``time_starts``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CHILD_PRELUDE = """
import os, sys, time
_report = os.fdopen(int(os.environ["BENCH_FD"]), "w", buffering=1)
def report(label):
    _report.write(f"{label} {time.perf_counter()}\\n")
"""

#: The first full frame written to the terminal: what "first paint" means for both apps.
#: (Textual has no public hook for it; ``_display`` is where a screen's update is written.)
FIRST_FRAME = """
from textual._compositor import CompositorUpdate

class FirstFrame:
    _painted = False

    def _display(self, screen, renderable):
        writes = (
            not self._painted
            and not self._batch_count
            and isinstance(renderable, CompositorUpdate)
        )
        super()._display(screen, renderable)
        if writes:
            self._painted = True
            report("paint")
"""

#: The bare Textual app every start-up figure is a ratio to (also what ``bench.run``'s memory
#: baseline runs): a Static and a Footer.
BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("hello")
        yield Footer()
"""

# Textual calls a message handler of every class in the MRO, so the timed subclasses define
# none that the reader has (calling super() from one would run the reader's twice).
READER_CHILD = (
    CHILD_PRELUDE
    + FIRST_FRAME
    + """
from pathlib import Path
from syria_reader.config import load_settings
from syria_reader.ui.app import ReaderApp

class TimedReader(FirstFrame, ReaderApp):
    def index_opened(self):
        super().index_opened()  # a plain method, called once the first article is shown
        self.call_after_refresh(self._done)

    def _done(self):
        report("content")
        if "spacy" in sys.modules:
            report("spacy_imported")
        self.exit(0)

TimedReader(Path(sys.argv[1]), load_settings()).run()
"""
)

BARE_CHILD = (
    CHILD_PRELUDE
    + FIRST_FRAME
    + BARE_APP
    + """
class TimedBare(FirstFrame, Bare):
    def on_mount(self):
        self.call_after_refresh(self.exit, 0)

TimedBare().run()
"""
)


def child_env(env: dict[str, str], cache: Path) -> dict[str, str]:
    """``env`` for the timed children, with their bytecode cached under ``cache``.

    An installed program has its modules compiled (pip does it on install), as Textual's
    are in site-packages; a source checkout run with ``PYTHONDONTWRITEBYTECODE`` would
    recompile the reader's every start and time the compiler, not the reader.
    """
    out = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out["PYTHONPYCACHEPREFIX"] = str(cache)
    return out


def time_starts(
    corpus: Path, env: dict[str, str], repeat: int, size: tuple[int, int]
) -> dict[str, Any]:
    """Median first paint of the bare app and first paint and first article of the reader on
    ``corpus``, over ``repeat`` interleaved runs (after one untimed run of each, which fills
    the bytecode cache), and whether spaCy was imported."""
    bare: list[float] = []
    paint: list[float] = []
    content: list[float] = []
    spacy = False
    run_once(BARE_CHILD, [], env, size)
    run_once(READER_CHILD, [str(corpus)], env, size)
    for _ in range(repeat):  # interleaved, so drifts in machine load hit both alike
        bare.append(run_once(BARE_CHILD, [], env, size)["paint"])
        times = run_once(READER_CHILD, [str(corpus)], env, size)
        paint.append(times["paint"])
        content.append(times["content"])
        spacy = spacy or "spacy_imported" in times
    return {
        "bare": statistics.median(bare),
        "paint": statistics.median(paint),
        "content": statistics.median(content),
        "spacy_imported": spacy,
        "repeat": repeat,
    }


def run_once(
    code: str, args: list[str], env: dict[str, str], size: tuple[int, int]
) -> dict[str, float]:
    """Spawn one child on a pty; return seconds from spawn to each label it reports."""
    read_end, write_end = os.pipe()
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    child_env = dict(
        env,
        BENCH_FD=str(write_end),
        TERM="xterm-256color",
        COLUMNS=str(size[0]),
        LINES=str(size[1]),
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=child_env,
        pass_fds=(write_end,),
        start_new_session=True,
    )
    os.close(slave)
    os.close(write_end)
    times: dict[str, float] = {}
    buffer = b""
    screen = b""
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master, read_end], [], [], 0.5)
        if master in ready:
            # Drain the terminal, so the child never blocks on a full pty.
            with contextlib.suppress(OSError):
                screen = (screen + os.read(master, 65536))[-4000:]
        if read_end in ready:
            chunk = os.read(read_end, 4096)
            buffer += chunk
    process.wait(timeout=30)
    with contextlib.suppress(OSError):
        buffer += os.read(read_end, 4096)
    os.close(read_end)
    os.close(master)
    for line in buffer.decode().splitlines():
        label, stamp = line.split()
        times[label] = float(stamp) - started
    if not times:
        raise RuntimeError(
            f"the child reported nothing; its last output:\n{screen.decode(errors='replace')}"
        )
    return times


def build_index(corpus: Path, env: dict[str, str]) -> None:
    """Index the corpus with the default settings in the dirs of ``env`` (not timed)."""
    print(f"building the index of {corpus} (not timed)...", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from syria_reader.config import Settings; "
            "from syria_reader.index.build import ensure_index; "
            "ensure_index(Path(sys.argv[1]), Settings())",
            str(corpus),
        ],
        env=env,
        check=True,
    )


def main() -> None:
    """Build the index, then time both apps and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="default: the bundled seeds")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--size", default="140x40", help="terminal size, COLSxROWS")
    parser.add_argument(
        "--index-from-env",
        action="store_true",
        help="use this shell's XDG_CACHE_HOME and XDG_CONFIG_HOME, where the corpus's index is"
        " already built (with the extractor that config names): nothing is built",
    )
    options = parser.parse_args()
    columns, rows = (int(part) for part in options.size.split("x"))

    from syria_reader import paths

    corpus = (options.corpus or paths.bundled_seeds()).resolve()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as scratch:
        env = dict(os.environ)
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            folder = Path(scratch) / name.lower()
            folder.mkdir()
            env[name] = str(folder)
        if options.index_from_env:
            for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
                env[name] = os.environ[name]
        else:
            build_index(corpus, env)
        times = time_starts(
            corpus, child_env(env, Path(scratch) / "pycache"), options.repeat, (columns, rows)
        )
    bare_median, paint_median, content_median = times["bare"], times["paint"], times["content"]
    print(f"terminal {columns}x{rows}, corpus {corpus}, median of {options.repeat} runs")
    print(f"bare Textual app, first paint:       {bare_median * 1000:7.0f} ms")
    print(
        f"reader, first paint (warm index):    {paint_median * 1000:7.0f} ms   ratio "
        f"{paint_median / bare_median:.2f}"
    )
    print(
        f"reader, first article and entities:  {content_median * 1000:7.0f} ms   ratio "
        f"{content_median / bare_median:.2f}"
    )
    print(f"spaCy imported: {'yes' if times['spacy_imported'] else 'no'}")


if __name__ == "__main__":
    main()
