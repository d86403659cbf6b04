"""Atomic file writes: a reader, a crash, a power cut or a full disk never leaves half a file.

`write_bytes_atomic` creates or replaces an output (a PDF, a calendar, a schema);
`write_output` does so for a command's `--output`, refusing to write over a file
torctl did not write there (`OutputGuard`); `replace_contents` is an edit of an
existing file: compare-and-swap, keeping the file's identity (symlink target, hard
links, mode, owner), refusing a read-only one.

Every path leaves the old bytes or the new bytes:

- the usual one writes a temporary file beside the target (`.NAME.XXXX.tmp`),
  fsyncs it, renames it over the target and fsyncs the directory;
- a file with other hard links, or owned by another user, cannot be renamed over
  without breaking the link or the owner, so its own inode is rewritten. The new
  bytes are first written in full to a kept copy beside it (`.NAME.torctl-new`),
  fsynced with its directory, and only then copied in; the copy is removed once the
  file holds them (fsynced). If the copy-in is cut short (SIGKILL, power loss) the
  kept copy is the complete new text: every reader reports the file as an
  interrupted write (`pending_write`), and no later edit touches the file, or
  deletes the copy, until the user has restored it.

A temporary file left by a killed write is reported and removed by the next edit
of that file (`replace_contents` returns the notes).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import EXIT_NO, Message, TorctlError, UsageError

KEPT_SUFFIX = ".torctl-new"
TMP_SUFFIX = ".tmp"
MANIFEST = ".torctl-written"
"""The file in an output directory listing what torctl wrote there (name -> sha256), so it may write it again."""


def _write_all(fd: int, data: bytes) -> None:
    """All of `data` to `fd` through `os.write` (short writes continued; an error such as ENOSPC raised)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _new_mode() -> int:
    """The mode a new file gets from the umask, not mkstemp's private 0600."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temporary(directory: Path, name: str, data: bytes, mode: int, owner: os.stat_result | None = None) -> str:
    """A fsynced temporary file holding `data` beside `name`, with `mode` (and `owner`'s owner where given).

    Raises `_NotOwner` where the owner cannot be given; removes the file on any failure.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TMP_SUFFIX, dir=directory)
    try:
        try:
            if owner is not None and not _give_owner(fd, owner):
                raise _NotOwner
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)  # by path: os.fchmod is Unix-only before Python 3.13
    except BaseException:
        _remove_quietly(tmp)
        raise
    return tmp


class _NotOwner(Exception):
    """This user cannot give a new file the owner of the one it replaces."""


def write_bytes_atomic(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write to a temporary file in the same directory, fsync, rename over `path`, fsync the directory.

    With `replace=False` an existing `path` is refused (`FileExistsError`), and the check is the write itself:
    the finished file is linked in under its name, which fails if another process has made one meanwhile.
    """
    path = Path(path)
    if path.is_dir():  # `--output ""` is `.`: say so rather than "Device or resource busy"
        raise UsageError(f"cannot write '{path}': it is a directory; give a file name")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise UsageError(f"cannot write {path}: directory {directory} does not exist")
    tmp = None
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_mode()
        tmp = _temporary(directory, path.name, data, mode)
        if replace:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
            _remove_quietly(tmp)
        tmp = None
        _fsync_directory(directory)
    except FileExistsError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}; it is unchanged") from None
    finally:
        if tmp is not None:
            _remove_quietly(tmp)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


# ------------------------------------------------------------------------------------- outputs


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(directory: Path) -> dict[str, str]:
    try:
        data = json.loads((directory / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


class OutputGuard:
    """Writes a command's output files, refusing to write over one torctl did not write (unless `force`).

    A file may be written over when it is absent, or listed in its directory's
    manifest (`MANIFEST`) with the digest of the bytes it holds now: torctl wrote
    it and no one has changed it since. `protected(path)` names the bodies
    directory a path is in, if any: nothing there is written over without `force`
    (not a body, record, registry or calendar), and no YAML file is added to it.
    Each file written is added to its directory's manifest when the guard is closed
    (`with OutputGuard(...) as guard:`).
    """

    def __init__(self, *, force: bool = False, protected: Callable[[Path], Path | None] | None = None):
        self.force, self.protected = force, protected
        self._written: dict[Path, dict[str, str]] = {}

    def refusal(self, path: Path) -> Message | None:
        """Why `path` may not be written (over), or None."""
        if self.force:
            return None
        exists = os.path.lexists(path)
        bodies = self.protected(path) if self.protected is not None else None
        if bodies is not None and (exists or path.suffix in (".yaml", ".yml")):
            return Message(
                "refusing to write {path}: it is in the bodies directory {bodies}, where torctl's files are "
                "bodies, records, the registry and calendars; write the output elsewhere (or add {force})",
                path=path,
                bodies=bodies,
            )
        if not exists:
            return None
        if os.path.islink(path) or not os.path.isfile(path):
            return Message(
                "refusing to write over {path}: it is not a regular file torctl wrote; add {force} to replace it",
                path=path,
            )
        try:
            current = _digest(Path(path).read_bytes())
        except OSError as exc:
            return Message("cannot read {path} to check it before writing over it: {why}", path=path, why=exc.strerror)
        if _read_manifest(path.parent).get(path.name) != current:
            return Message(
                "refusing to write over {path}: torctl did not write it, or it has changed since; "
                "add {force} to replace it",
                path=path,
            )
        return None

    def check(self, path: Path) -> None:
        if (why := self.refusal(Path(path))) is not None:
            raise UsageError(why)

    def write(self, path: Path, data: bytes) -> Path:
        """Check, then write `path` atomically; noted for the manifest."""
        path = Path(path)
        self.check(path)
        write_bytes_atomic(path, data)
        self._written.setdefault(path.parent, {})[path.name] = _digest(data)
        return path

    def close(self) -> None:
        """Add what was written to each directory's manifest (a failure to do so is not the output's failure)."""
        for directory, names in self._written.items():
            listed = _read_manifest(directory)
            listed.update(names)
            text = json.dumps(dict(sorted(listed.items())), indent=1) + "\n"
            with contextlib.suppress(UsageError):
                write_bytes_atomic(directory / MANIFEST, text.encode("utf-8"))
        self._written.clear()

    def __enter__(self) -> OutputGuard:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_output(
    path: Path, data: bytes, *, force: bool = False, protected: Callable[[Path], Path | None] | None = None
) -> Path:
    """One output file, through an `OutputGuard`."""
    with OutputGuard(force=force, protected=protected) as guard:
        return guard.write(path, data)


# ------------------------------------------------------------------------------------- edits


class ChangedWhileEditing(TorctlError):
    """The file's bytes are no longer those the edit was made from; nothing was written (exit 1)."""

    exit_code = EXIT_NO


class InterruptedWrite(TorctlError):
    """An earlier in-place write of this file was cut short; its new text waits in the kept copy (exit 2)."""


def kept_copy(path: Path) -> Path:
    """Where an in-place write keeps the complete new text of `path` until the file holds it."""
    return Path(path).with_name(f".{Path(path).name}{KEPT_SUFFIX}")


def pending_write(path: Path) -> Path | None:
    """The kept copy of an interrupted in-place write of `path`, if there is one that differs from the file.

    A kept copy equal to the file is a write that completed but was stopped before
    removing the copy: nothing is pending.
    """
    keep = kept_copy(path)
    try:
        kept = keep.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:  # there, but unreadable: never taken for a finished write
        return keep
    try:
        return None if Path(path).read_bytes() == kept else keep
    except OSError:
        return keep


def interrupted_message(path: Path, keep: Path) -> str:
    """What to do about an interrupted write of `path` whose new text is in `keep`."""
    return (
        f"{path} may be half-written: an earlier edit was interrupted while rewriting it in place, and its complete "
        f"new text is kept in {keep}. Check it, then restore it with `cp '{keep}' '{path}' && rm '{keep}'` (cp keeps "
        f"the file's hard links and owner), or delete {keep} to keep {path} as it is"
    )


def _refuse_read_only(path: Path, st: os.stat_result) -> None:
    """A read-only file stays unedited: its mode says someone meant it not to change (root included)."""
    if not st.st_mode & 0o222:
        raise UsageError(
            f"{path} is read-only (mode {st.st_mode & 0o777:04o}); nothing was written. "
            f"Make it writable (chmod u+w {path}) if it should be edited"
        )
    if not os.access(path, os.W_OK):
        raise UsageError(f"{path} is not writable by you; nothing was written")


def _changed(shown: Path, why: str = "") -> ChangedWhileEditing:
    return ChangedWhileEditing(f"{shown} changed while editing{why}; nothing written. Run the command again")


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    """The same inode with the same size and modification time: no one has written it in between."""
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns)


def _read_fd(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def clean_leftovers(target: Path) -> list[str]:
    """Remove the temporary files a killed write of `target` left beside it; one note per file removed.

    Called under the edit lock, so no torctl edit of the file is writing one now.
    """
    prefix = f".{target.name}."
    notes = []
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(prefix) and name.endswith(TMP_SUFFIX) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    notes.append(f"removed {name}, a temporary file left by an interrupted write of {target.name}")
    return notes


def replace_contents(path: Path, data: bytes, *, expected: bytes) -> list[str]:
    """Replace an existing file's contents if its bytes are still `expected` (compare-and-swap); return notes.

    The file keeps its identity: through a symlink the target is edited (the link
    stays a link), and the mode, owner and group are kept. See the module's
    docstring for the two ways it is written. A read-only file is refused, and so is
    a file with an interrupted in-place write pending. Callers hold the edit lock,
    so the comparison races only with programs that do not take it: the file is
    compared (bytes and stat) just before the rename, and after it the replaced
    inode is checked again; a write another program made to it in between is put
    back and the edit refused.
    """
    shown = Path(path)
    target = Path(os.path.realpath(path))
    if (keep := pending_write(target)) is not None:
        raise InterruptedWrite(interrupted_message(shown, keep) + "; nothing was written")
    notes = clean_leftovers(target)
    if os.path.lexists(kept_copy(target)):  # equal to the file: a finished write stopped before removing it
        _remove_quietly(str(kept_copy(target)))
        notes.append(f"removed {kept_copy(target).name}, the copy of a finished write of {target.name}")
    try:
        fd = os.open(target, os.O_RDONLY)
    except OSError as exc:
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"cannot write {shown}: it is not a regular file")
        _refuse_read_only(shown, st)
        if _read_fd(fd) != expected:
            raise _changed(shown)
        if st.st_nlink > 1:
            _rewrite_in_place(target, data, expected, shown)
            return notes
        try:
            _rename_over(target, fd, st, data, expected, shown)
        except _NotOwner:
            _rewrite_in_place(target, data, expected, shown)
    finally:
        os.close(fd)
    return notes


def _rename_over(target: Path, fd: int, st: os.stat_result, data: bytes, expected: bytes, shown: Path) -> None:
    """The usual path: a fsynced temporary file renamed over `target`, whose inode `fd` holds open."""
    try:
        tmp: str | None = _temporary(target.parent, target.name, data, stat.S_IMODE(st.st_mode), owner=st)
    except OSError as exc:
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}; it is unchanged") from None
    try:
        try:
            now = os.stat(target)
        except OSError:
            raise _changed(shown, " (it was removed or renamed)") from None
        if not _same_file(now, st) or _read_fd(fd) != expected:
            raise _changed(shown)
        assert tmp is not None
        os.replace(tmp, target)
        tmp = None
        _fsync_directory(target.parent)
    except OSError as exc:
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}; it is unchanged") from None
    finally:
        if tmp is not None:
            _remove_quietly(tmp)
    after = os.fstat(fd)  # the inode just replaced: did another program write it in the last instant?
    if not _same_file(after, st):
        theirs = _read_fd(fd)
        write_bytes_atomic(target, theirs)
        raise _changed(shown, " (another program wrote it as it was replaced; its version is kept)")


def _rewrite_in_place(target: Path, data: bytes, expected: bytes, shown: Path) -> None:
    """Overwrite the file's own inode (its hard links and owner stay), from a complete kept copy of the new text."""
    keep = kept_copy(target)
    made = None
    try:  # the kept copy appears whole or not at all: written as a temporary file, then renamed
        made = _temporary(target.parent, keep.name.removeprefix("."), data, 0o600)
        os.replace(made, keep)
        made = None
        _fsync_directory(target.parent)
    except OSError as exc:
        _remove_quietly(str(keep))
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}; it is unchanged") from None
    finally:
        if made is not None:
            _remove_quietly(made)
    try:
        _copy_in(target, data, expected, shown)
    except (ChangedWhileEditing, _Unchanged) as exc:
        _remove_quietly(str(keep))
        if isinstance(exc, _Unchanged):
            raise UsageError(f"cannot write {shown}: {exc}; it is unchanged") from None
        raise
    except OSError as exc:  # the file may be part old, part new: the kept copy is the new text
        raise UsageError(f"cannot write {shown}: {exc.strerror or exc}. {interrupted_message(shown, keep)}") from None
    os.unlink(keep)
    _fsync_directory(target.parent)


class _Unchanged(Exception):
    """The copy-in failed before any byte of the file changed, or the old bytes were put back."""


def _copy_in(target: Path, data: bytes, expected: bytes, shown: Path) -> None:
    fd = os.open(target, os.O_RDWR)
    try:
        if _read_fd(fd) != expected:
            raise _changed(shown)
        if len(data) > len(expected) and hasattr(os, "posix_fallocate"):
            try:  # claim the space first, so a full disk fails here, with nothing written
                os.posix_fallocate(fd, 0, len(data))
            except OSError as exc:
                if exc.errno not in (errno.EINVAL, errno.EOPNOTSUPP):  # a filesystem without it: go on
                    raise _Unchanged(exc.strerror or str(exc)) from None
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            _write_all(fd, data)
            os.ftruncate(fd, len(data))
            os.fsync(fd)
        except OSError as exc:
            try:  # put the old bytes back: they fitted before
                os.lseek(fd, 0, os.SEEK_SET)
                _write_all(fd, expected)
                os.ftruncate(fd, len(expected))
                os.fsync(fd)
            except OSError:
                raise exc from None
            raise _Unchanged(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _give_owner(fd: int, st: os.stat_result) -> bool:
    """Give the new file the owner and group of the one it replaces; False where this user may not.

    Windows files have no POSIX owner to keep (and no `os.fchown`): nothing to do there.
    """
    fchown = getattr(os, "fchown", None)
    geteuid, getegid = getattr(os, "geteuid", None), getattr(os, "getegid", None)
    if fchown is None or geteuid is None or getegid is None or (st.st_uid, st.st_gid) == (geteuid(), getegid()):
        return True
    try:
        fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:
        return False
    return True


def _fsync_directory(directory: Path) -> None:
    """Make a rename, creation or removal in `directory` durable (where the platform can open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # Windows cannot open a directory; its renames are durable on their own
        return
    try:
        with contextlib.suppress(OSError):  # some filesystems refuse fsync on a directory
            os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
