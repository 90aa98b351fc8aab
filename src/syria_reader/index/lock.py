"""A lock file so that two processes never build the same index at once.

The index itself is always replaced atomically, so a reader never needs the lock; it only
keeps a second builder from doing the same work twice (it waits, then finds the index
current). Where ``fcntl`` is missing (Windows) builds are not serialised, which is still safe:
the last finished build wins.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # no fcntl on Windows: callers test for None


class LockedByParent(RuntimeError):
    """The lock is held by this process's parent, which is waiting for this process."""


class BuildLock:
    """An exclusive advisory lock on ``<index>.lock``, held for the length of a build.

    ``on_wait`` is called once if another process holds the lock, before blocking on it.
    The holder writes its pid into the file, so that a worker process that would wait for its
    own parent (a script without ``if __name__ == "__main__":`` re-run by multiprocessing's
    spawn) fails at once instead of waiting forever. The lock file is left in place:
    removing it would let two builders lock different files.
    """

    def __init__(self, path: Path, on_wait: Callable[[], None] | None = None) -> None:
        self.path = path
        self.on_wait = on_wait
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is not None:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if self._holder(self._fd) == os.getppid():
                    os.close(self._fd)
                    self._fd = None
                    raise LockedByParent(
                        f"{self.path}: held by this process's parent; a script that builds the "
                        "index "
                        "with workers must guard its code with if __name__ == '__main__':"
                    ) from None
                if self.on_wait is not None:
                    self.on_wait()
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, str(os.getpid()).encode(), 0)
        return self

    @staticmethod
    def _holder(fd: int) -> int | None:
        """The pid the current holder wrote in the lock file open as ``fd``, if any."""
        try:
            return int(os.pread(fd, 32, 0).decode().strip() or 0) or None
        except (OSError, ValueError):
            return None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
