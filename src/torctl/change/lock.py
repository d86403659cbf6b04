"""One edit at a time per bodies directory, with the same guarantee on Linux, macOS and Windows.

An edit is checked against every body in the directory, so the whole directory is
locked, not one file: a concurrent edit of any body could change the answer. The
lock is `filelock`'s (`flock` on Linux and macOS, `LockFileEx` on Windows), which the
operating system drops when the process ends, however it ends: a killed edit never
blocks the next one, and a lock file left behind is not a held lock.

The lock file is kept out of the bodies directory, so it never shows in `git status`,
never reaches a commit and no one has to clean it up:

- in the git directory of the work tree the bodies directory is in
  (`.git/torctl-edit.lock`), which git ignores and a clone or worktree always has;
- otherwise in the system's temporary directory, named by a digest of the bodies
  directory's real path, so every way of naming the directory takes the same lock.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..atomic import write_bytes_atomic
from ..errors import Message, TorctlError, UsageError

LOCK_WAIT_SECONDS = 30.0
NOTICE_AFTER = 1.0  # a waiter says who it waits for after this long
LOCK_NAME = "torctl-edit.lock"


class EditLockTimeout(TorctlError):
    """Another edit held the lock for longer than an edit waits; nothing was read or written (exit 2)."""


def git_dir(directory: Path) -> Path | None:
    """The git directory of the work tree holding `directory`, as git finds it: the nearest `.git`
    above it, a directory or a file naming one (`gitdir: ...`, in a linked worktree or a submodule)."""
    for folder in (directory, *directory.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return dot_git
        if dot_git.is_file():
            try:
                text = dot_git.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                return None
            if not text.startswith("gitdir:"):
                return None
            named = folder / text.removeprefix("gitdir:").strip()  # a relative path is from the `.git` file's folder
            return named if named.is_dir() else None
    return None


def lock_file(root: Path) -> Path:
    """Where the lock of the bodies directory `root` is kept (see the module's docstring for why)."""
    real = Path(os.path.realpath(root))
    git = git_dir(real)
    if git is not None:
        return git / LOCK_NAME
    digest = hashlib.sha256(os.fsencode(real)).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"torctl-edit-{digest}.lock"


def holder_file(lock: Path) -> Path:
    """The lock's sidecar: who holds it (pid, host, command, since), written by the holder, read by a waiter."""
    return lock.with_name(lock.name + ".holder")


def _note_holder(sidecar: Path, command: str) -> None:
    import datetime as dt
    import json
    import socket

    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": command,
        "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    with contextlib.suppress(UsageError):  # who holds it is a courtesy to a waiter; the lock itself is held
        write_bytes_atomic(sidecar, json.dumps(info).encode("utf-8"))


def holder(lock: Path) -> str | None:
    """Who holds the lock, in words, from its sidecar; None where it says nothing readable."""
    import json

    try:
        info = json.loads(holder_file(lock).read_text(encoding="utf-8"))
        pid, host, since = int(info["pid"]), str(info["host"]), str(info["since"])
        command = str(info.get("command") or "")
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return f"process {pid} on {host}" + (f" ({command})" if command else "") + f", since {since}"


@contextmanager
def edit_lock(
    root: Path,
    wait: float | None = None,
    *,
    command: str = "",
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the exclusive lock on the bodies directory `root` for one edit (read, check, write).

    Another torctl edit waits its turn, up to `wait` seconds (`LOCK_WAIT_SECONDS`),
    then fails with a clear error (exit 2) naming who holds the lock, having read and
    written nothing. The holder notes who it is (pid, host, `command`) in the lock's
    sidecar; after `NOTICE_AFTER` seconds of waiting `on_wait` is told who that is.
    """
    from filelock import FileLock, Timeout

    wait = LOCK_WAIT_SECONDS if wait is None else wait
    path = lock_file(root)
    lock = FileLock(path, timeout=min(wait, NOTICE_AFTER), poll_interval=0.01)
    try:
        try:
            lock.acquire()
        except Timeout:
            if wait <= NOTICE_AFTER:
                raise
            if on_wait is not None:
                on_wait(
                    f"waiting for the edit lock on {root}, held by {holder(path) or 'another torctl edit'} "
                    f"(giving up after {wait:g} s)"
                )
            lock.acquire(timeout=wait - NOTICE_AFTER)
    except Timeout:
        who = holder(path)
        raise EditLockTimeout(
            Message(
                "another torctl edit holds the lock on {root} ({who}); gave up after waiting {waited} s and wrote "
                "nothing: try again when it has finished, or wait longer with {lock_wait} SECONDS",
                root=root,
                who=who or "it did not say who it is",
                waited=f"{wait:g}",
            )
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot lock {root} for editing ({path}): {exc.strerror or exc}") from None
    sidecar = holder_file(path)
    _note_holder(sidecar, command)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(sidecar)
        lock.release()
