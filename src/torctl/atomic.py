"""Atomic file writes: a reader (or a crash) never sees a half-written file.

`write_bytes_atomic` creates or replaces an output (a PDF, a calendar, a schema);
`replace_contents` is an edit of an existing file: compare-and-swap, keeping the
file's identity (symlink target, hard links, mode, owner), refusing a read-only one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import EXIT_NO, TorctlError, UsageError


def write_bytes_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write to a temporary file in the same directory, fsync, then rename over `path`.

    With `replace=False` an existing `path` is refused (`FileExistsError`), and the check is the write itself:
    the finished file is linked in under its name, which fails if another process has made one meanwhile.
    """
    path = Path(path)
    if path.is_dir():  # `--output ""` is `.`: say so rather than "Device or resource busy"
        raise UsageError(f"cannot write '{path}': it is a directory; give a file name")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {path}: directory {directory} does not exist")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:  # a new file gets the usual permissions, not mkstemp's private 0600
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
            _remove_quietly(tmp)
    except FileExistsError:
        _remove_quietly(tmp)
        raise
    except OSError as exc:
        _remove_quietly(tmp)
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


class ChangedWhileEditing(TorctlError):
    """The file's bytes are no longer those the edit was made from; nothing was written (exit 1)."""

    exit_code = EXIT_NO


def _refuse_read_only(path: Path, st: os.stat_result) -> None:
    """A read-only file stays unedited: its mode says someone meant it not to change (root included)."""
    if not st.st_mode & 0o222:
        raise UsageError(
            f"{path} is read-only (mode {st.st_mode & 0o777:04o}); nothing was written. "
            f"Make it writable (chmod u+w {path}) if it should be edited"
        )
    if not os.access(path, os.W_OK):
        raise UsageError(f"{path} is not writable by you; nothing was written")


def _check_unchanged(target: Path, expected: bytes, shown: Path) -> None:
    try:
        current = target.read_bytes()
    except OSError as exc:
        raise ChangedWhileEditing(
            f"{shown} changed while editing (cannot read it: {exc.strerror or exc}); nothing written"
        ) from None
    if current != expected:
        raise ChangedWhileEditing(f"{shown} changed while editing; nothing written. Run the command again")


def replace_contents(path: Path, data: bytes, *, expected: bytes) -> None:
    """Replace an existing file's contents if its bytes are still `expected` (compare-and-swap).

    The file keeps its identity: through a symlink the target is edited (the link
    stays a link), and the mode, owner and group are kept. Normally the new bytes
    are written to a temporary file beside the target and renamed over it, so a
    reader or a crash sees the old file or the new one, never half of each. A file
    with other hard links, or whose owner this user cannot give a new file, is
    rewritten in place instead (after an fsynced copy of the new text is kept beside
    it until the write completes), because a rename would break the link or the owner.
    A read-only file is refused. Callers hold the edit lock, so the comparison races
    only with programs that do not take it.
    """
    shown = Path(path)
    target = Path(os.path.realpath(path))
    try:
        st = target.stat()
    except OSError as exc:
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(f"cannot write {shown}: it is not a regular file")
    _refuse_read_only(shown, st)
    _check_unchanged(target, expected, shown)
    if st.st_nlink > 1:
        _rewrite_in_place(target, data, expected, shown)
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            same_owner = _give_owner(handle.fileno(), st)
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))  # by path: os.fchmod is Unix-only before Python 3.13
        if not same_owner:
            os.unlink(tmp)
            _rewrite_in_place(target, data, expected, shown)
            return
        _check_unchanged(target, expected, shown)
        os.replace(tmp, target)
        _fsync_directory(target.parent)
    except OSError as exc:
        _remove_quietly(tmp)
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def _give_owner(fd: int, st: os.stat_result) -> bool:
    """Give the new file the owner and group of the one it replaces; False where this user may not.

    Windows files have no POSIX owner to keep (and no `os.fchown`): nothing to do there.
    """
    fchown = getattr(os, "fchown", None)
    if fchown is None or (st.st_uid, st.st_gid) == (os.geteuid(), os.getegid()):
        return True
    try:
        fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:
        return False
    return True


def _rewrite_in_place(target: Path, data: bytes, expected: bytes, shown: Path) -> None:
    """Overwrite the file's own inode (its hard links and owner stay); the new text waits beside it until done."""
    keep = target.with_name(f".{target.name}.torctl-new")
    try:
        with open(keep, "wb") as copy:
            copy.write(data)
            copy.flush()
            os.fsync(copy.fileno())
        with open(target, "r+b") as handle:
            if handle.read() != expected:
                raise ChangedWhileEditing(f"{shown} changed while editing; nothing written. Run the command again")
            handle.seek(0)
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise UsageError(
            f"cannot write {shown}: {exc.strerror or exc}"
            + (f"; the new text is kept in {keep}" if keep.exists() else "")
        ) from None
    os.unlink(keep)


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - a directory we just renamed into is readable
        return
    try:
        with contextlib.suppress(OSError):  # some filesystems refuse fsync on a directory
            os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
