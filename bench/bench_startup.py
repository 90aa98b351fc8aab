"""Reader start-up with a warm index, as a ratio to a bare Textual app started the same way.

    python bench/bench_startup.py [--corpus PATH] [--repeat N] [--size 140x40]

Method: each run is a fresh ``python -c`` process attached to a pseudo-terminal of the given
size (so Textual uses its real Linux driver, not the headless one), with a temporary cache,
data and config dir. The clock starts just before the process is spawned and stops when the
child reports, through a pipe, that the first frame has been written: the first
``call_after_refresh`` callback after mount, i.e. after the compositor's first full refresh.
For the reader a second time is reported, "content": when the first article and its
entities are on screen (after the index worker found the index current and the panes
filled). The bare app is an ``App`` with a ``Static`` and a ``Footer``, timed the same way.
Python start-up and imports are inside both times, since the user waits for them too.

The index is built once beforehand (not timed). Medians of ``--repeat`` runs; timings, not
assertions: machines are noisy.
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

CHILD_PRELUDE = """
import os, sys, time
_report = os.fdopen(int(os.environ["BENCH_FD"]), "w", buffering=1)
def report(label):
    _report.write(f"{label} {time.perf_counter()}\\n")
"""

READER_CHILD = (
    CHILD_PRELUDE
    + """
from pathlib import Path
from syria_reader.config import Settings
from syria_reader.ui.app import ReaderApp

class TimedReader(ReaderApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(report, "paint")

    async def on_index_ready(self, message):
        await super().on_index_ready(message)
        self.call_after_refresh(self._done)

    def _done(self):
        report("content")
        self.exit(0)

TimedReader(Path(sys.argv[1]), Settings()).run()
"""
)

BARE_CHILD = (
    CHILD_PRELUDE
    + """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self._done)

    def _done(self):
        report("paint")
        self.exit(0)

Bare().run()
"""
)


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


def main() -> None:
    """Build the index, then time both apps and print medians and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="default: the bundled seeds")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--size", default="140x40", help="terminal size, COLSxROWS")
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
        bare: list[float] = []
        paint: list[float] = []
        content: list[float] = []
        for _ in range(options.repeat):  # interleaved, so drifts in machine load hit both alike
            bare.append(run_once(BARE_CHILD, [], env, (columns, rows))["paint"])
            reader = run_once(READER_CHILD, [str(corpus)], env, (columns, rows))
            paint.append(reader["paint"])
            content.append(reader["content"])
    bare_median = statistics.median(bare)
    paint_median = statistics.median(paint)
    content_median = statistics.median(content)
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


if __name__ == "__main__":
    main()
