"""What `parallax batch` shows while it runs (stderr) and when it ends (stdout)."""

from __future__ import annotations

import time
from typing import TextIO

PROG = "parallax batch"


class Progress:
    """One line on stderr redrawn in place on a terminal; elsewhere a line every tenth."""

    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.done = self.failed = 0
        self.started = time.monotonic()
        self.tty = enabled and stream.isatty()
        self._last_tenth = 0

    def advance(self, failed: bool) -> None:
        self.done += 1
        self.failed += failed
        if self.tty:
            self.draw()
        elif self.enabled and self.total and (10 * self.done) // self.total > self._last_tenth:
            self._last_tenth = (10 * self.done) // self.total
            print(f"{PROG}: {self.line()}", file=self.stream, flush=True)

    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        text = f"{self.done}/{self.total} clusters"
        if self.failed:
            text += f", {self.failed} failed"
        text += f", {_clock(elapsed)} elapsed"
        if 0 < self.done < self.total:
            text += f", about {_clock(elapsed / self.done * (self.total - self.done))} left"
        return text

    def draw(self) -> None:
        if not self.tty:
            return
        width = 24
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r\x1b[K[{bar}] {self.line()}")
        self.stream.flush()

    def message(self, text: str) -> None:
        """A line of its own (an error), above the bar."""
        if self.tty:
            self.stream.write("\r\x1b[K")
        print(text, file=self.stream, flush=True)
        self.draw()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return (
        f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"
        if minutes >= 60
        else f"{minutes}:{secs:02d}"
    )


COLUMNS = ("articles", "sentences", "links", "shared claims")


def summary_table(rows: list[tuple[str, dict[str, int], float | None, str]]) -> str:
    """The table printed at the end: one row per cluster, in the order given."""
    width = max([len("cluster"), *(len(r[0]) for r in rows)])
    head = f"{'cluster':<{width}}  " + "  ".join(f"{c:>{len(c)}}" for c in COLUMNS)
    lines = [head + "  seconds  result"]
    for name, counts, seconds, result in rows:
        cells = "  ".join(f"{counts.get(c, '-')!s:>{len(c)}}" for c in COLUMNS)
        took = f"{seconds:7.1f}" if seconds is not None else f"{'-':>7}"
        lines.append(f"{name:<{width}}  {cells}  {took}  {result}")
    return "\n".join(lines)
