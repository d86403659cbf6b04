"""One edit at a time per bodies directory: an exclusive `flock` on the directory itself."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError
from .ops import EditRefused

LOCK_WAIT_SECONDS = 30.0


@contextmanager
def edit_lock(root: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive `flock` on the bodies directory for one edit (read, check, write).

    The lock is on the directory itself, not a lock file, so it leaves nothing in
    the repository and works in a directory the user may not create files in. The
    whole directory is locked, not one file: an edit is checked against every other
    body, so a concurrent edit of any of them could change the answer. Another
    torctl edit waits its turn (up to `wait` seconds, then a clear error).
    """
    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise UsageError(f"cannot lock {root} for editing: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise EditRefused(
                        f"another torctl edit has held the lock on {root} for {wait:.0f} s; nothing was written, try again"
                    ) from None
                time.sleep(0.01)
            except OSError as exc:  # pragma: no cover - a filesystem without flock
                raise UsageError(f"cannot lock {root} for editing: {exc.strerror or exc}") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
