"""The build's progress bar and the terminal-safety helper."""

from __future__ import annotations

import io

from syria_reader.index.progress import ProgressBar, printable


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_shows_count_rate_and_time_left_on_one_line(monkeypatch):
    clock = iter(float(t) for t in range(100))
    monkeypatch.setattr("syria_reader.index.progress.time.monotonic", lambda: next(clock))
    stream = FakeTerminal()
    bar = ProgressBar(stream, ticking=False)
    bar.update(0, 10, "loading the model")
    for done in range(1, 6):
        bar.update(done, 10, "wires/a\x1b[31m.txt")
    out = stream.getvalue()
    assert out.startswith("\r") and "\n" not in out
    last = out.rsplit("\r", 1)[-1]
    assert "5/10 articles" in last and "/s" in last and "left" in last
    assert "\x1b[31m" not in out  # a file name cannot style the terminal
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_a_long_silent_step_keeps_the_clock_running(monkeypatch):
    now = [0.0]
    monkeypatch.setattr("syria_reader.index.progress.time.monotonic", lambda: now[0])
    stream = FakeTerminal()
    bar = ProgressBar(stream, ticking=False)
    now[0] = 5.0
    bar.update(10, 10, "linking 3/8: grouping")
    assert stream.getvalue().rsplit("\r", 1)[-1].count("0:05") == 1
    now[0] = 5.5
    bar.tick()  # drawn less than a tick ago: left alone
    assert "0:06" not in stream.getvalue()
    now[0] = 65.0
    bar.tick()
    last = stream.getvalue().rsplit("\r", 1)[-1]
    assert "1:05" in last and "linking 3/8: grouping" in last and "10/10 articles" in last
    bar.close()
    drawn = stream.getvalue()
    bar.tick()  # closed: nothing more is drawn
    assert stream.getvalue() == drawn


def test_the_ticker_stops_when_the_bar_closes():
    bar = ProgressBar(FakeTerminal())
    ticker = bar._ticker
    assert ticker is not None and ticker.is_alive()
    bar.close()
    assert not ticker.is_alive()
    assert ProgressBar(io.StringIO())._ticker is None  # off a terminal there is no thread


def test_bar_is_silent_off_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar.update(1, 2, "x")
    bar.update(2, 2, "x")
    bar.close()
    assert stream.getvalue() == ""


def test_short_builds_draw_nothing():
    stream = FakeTerminal()
    bar = ProgressBar(stream)
    bar.update(1, 2)
    bar.close()
    assert stream.getvalue() == ""


def test_printable_removes_every_control_and_bidi_character():
    assert printable("a\x1b[2Jb\x9bc\u202ed\u200be\tf\ng") == "a [2Jb c d e f g"
