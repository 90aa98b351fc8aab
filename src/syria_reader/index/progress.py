"""A one-line progress bar on stderr for long index builds: count, rate and time left.

Drawn only when the stream is a terminal, redrawn in place with ``\\r`` at most ten times a
second, and only once a build has run for a moment (short builds print nothing). Between
updates the line is redrawn every second, so its clock keeps time through a long step that
reports nothing (linking, writing the index): a bar that stops moving looks like a hang.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import TextIO

from syria_reader.safe_text import printable, write_control


def _clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ProgressBar:
    """Draws ``update(done, total, label)`` calls as a single self-overwriting line."""

    DELAY = 0.5  # seconds before the bar first appears
    INTERVAL = 0.1  # seconds between redraws
    TICK = 1.0  # seconds between redraws when no update comes

    def __init__(
        self, stream: TextIO | None = None, unit: str = "articles", *, ticking: bool = True
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.unit = unit
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._started = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False
        self._first_count: tuple[float, int] | None = None
        self._rate: float | None = None  # frozen once every item is done
        self._last: tuple[int, int, str] | None = None
        # The ticker and the caller both draw: one line at a time.
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        if self.enabled and ticking:
            self._ticker = threading.Thread(target=self._tick_until_closed, daemon=True)
            self._ticker.start()

    def update(self, done: int, total: int, label: str = "") -> None:
        """Record progress; redraw if the bar is due."""
        if not self.enabled:
            return
        with self._lock:
            self._last = (done, total, label)
            self._update(done, total, label)

    def tick(self) -> None:
        """Redraw the last update with the time now, if nothing was drawn for ``TICK`` seconds."""
        with self._lock:
            if self._last is None or self._stop.is_set():
                return
            now = time.monotonic()
            if now - self._started >= self.DELAY and now - self._last_draw >= self.TICK:
                self._last_draw = now
                self._draw(self._line(*self._last, now))

    def _tick_until_closed(self) -> None:
        while not self._stop.wait(self.TICK):
            self.tick()

    def _update(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if self._first_count is None and done > 0:
            # The rate is measured from the first finished item, so model loading is not counted.
            self._first_count = (now, done)
        if now - self._started < self.DELAY or (
            now - self._last_draw < self.INTERVAL and done < total
        ):
            return
        self._last_draw = now
        self._draw(self._line(done, total, label, now))

    def _line(self, done: int, total: int, label: str, now: float) -> str:
        parts = [f"{done}/{total} {self.unit}"] if total else []
        rate = self._rate
        if rate is None and self._first_count is not None and done > self._first_count[1]:
            since, first = self._first_count
            rate = (done - first) / max(now - since, 1e-6)
            if done >= total:
                self._rate = rate  # later phases (linking, writing) do not count
        if rate is not None:
            parts.append(f"{rate:.1f}/s")
            if total > done:
                parts.append(f"{_clock((total - done) / rate)} left")
        parts.append(_clock(now - self._started))
        if label:
            parts.append(printable(label))
        width = shutil.get_terminal_size((80, 24)).columns
        bar_width = max(10, min(30, width // 4))
        filled = int(bar_width * done / total) if total else 0
        bar = "[" + "#" * filled + "-" * (bar_width - filled) + "]"
        line = f"indexing {bar} " + "  ".join(parts)
        return line[: max(1, width - 1)]

    def _draw(self, line: str) -> None:
        write_control(self.stream, "\r\x1b[K")
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Stop redrawing and erase the bar, leaving the cursor at the start of a clean line."""
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        with self._lock:
            if self._drawn:
                write_control(self.stream, "\r\x1b[K")
                self.stream.flush()
                self._drawn = False
