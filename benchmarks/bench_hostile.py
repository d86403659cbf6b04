"""Issue 30's figures, before and after: the hostile corpus and the write-path faults, on this tree and on `main`.

    .venv/bin/python benchmarks/bench_hostile.py [--base main]

1. Runs: every command of tests/hostile_corpus.py (the tests/hostile/ files, links out of the tree, a file name
   that is not UTF-8, an interrupted in-place write, arguments that are not UTF-8) in-process under an audit
   hook; counts exits 3, tracebacks, reads outside the tree (or its secret printed) and writes outside the
   named output.
2. Write paths: the usual rename, a hard-linked file and a file of another owner, each killed (SIGKILL) before
   every write, fsync, truncate, rename and unlink it makes, and given ENOSPC at every write (once, and a disk
   that stays full); then the next edit. Counts outcomes where the file is neither the old nor the new bytes and
   no complete copy of the new bytes is kept (corrupt), and where bytes were lost: a kept copy deleted by the
   next edit, or a next edit that went ahead on a half-written file.

The base revision is exported with `git archive` into a temporary folder and run with the same corpus.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OLD = b"# a ToR\nquorum: a member's behalf is read as representing their agency\n" * 3
NEW = b"# a ToR\nquorum: a member's behalf is read as representing the agency that appointed them\n" * 3
KINDS = ("normal", "hard-link", "other-owner")


def _corpus() -> dict[str, int]:
    sys.path.insert(0, str(REPO / "tests"))
    import hostile_corpus
    from torctl.cli import main

    counts = dict(runs=0, exit3=0, tracebacks=0, reads_outside=0, secret_printed=0, writes_outside=0)
    with tempfile.TemporaryDirectory() as tmp:
        for o in hostile_corpus.run_corpus(main, Path(tmp)):
            counts["runs"] += 1
            counts["exit3"] += o.code not in (0, 1, 2)
            counts["tracebacks"] += o.traceback or "internal error" in o.stderr
            counts["reads_outside"] += bool(o.reads_outside)
            counts["secret_printed"] += o.leaked
            counts["writes_outside"] += bool(o.writes_outside)
    return counts


def _patch(kind: str, on_call) -> None:
    """Count the write calls (short writes of 16 bytes, so a fault can land inside a copy); fake another owner."""
    if kind == "other-owner":
        me = os.geteuid()
        os.geteuid = lambda: me + 1  # type: ignore[assignment]

        def refuse(*_a):
            raise PermissionError(errno.EPERM, "not permitted")

        os.fchown = refuse  # type: ignore[assignment]
    sys.path.insert(0, str(REPO / "tests"))
    from hostile_corpus import count_calls

    count_calls(on_call)
    import builtins

    real_open, real_fdopen = builtins.open, os.fdopen

    class Chunked:
        """A file object whose writes go through os.write (counted, 16 bytes at a time), as the other code's do."""

        def __init__(self, handle):
            self._h = handle

        def write(self, data):
            self._h.flush()
            fd = self._h.fileno()
            view = memoryview(bytes(data))
            while view:
                view = view[os.write(fd, view) :]
            self._h.seek(os.lseek(fd, 0, os.SEEK_CUR))
            return len(data)

        def __getattr__(self, name):
            return getattr(self._h, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self._h.__exit__(*exc)

    def wrap(opener):
        def opened(*args, **kwargs):
            handle = opener(*args, **kwargs)
            mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
            return (
                Chunked(handle) if isinstance(mode, str) and "b" in mode and any(c in mode for c in "wa+") else handle
            )

        return opened

    builtins.open = wrap(real_open)
    os.fdopen = wrap(real_fdopen)


def _setup(folder: Path, kind: str) -> Path:
    for child in folder.iterdir():
        child.unlink()
    path = folder / "tor.yaml"
    path.write_bytes(OLD)
    if kind == "hard-link":
        os.link(path, folder / "link.yaml")
    return path


def _judge(path: Path, counts: dict[str, int]) -> None:
    """After a fault: is the file old, new, or recoverable from a complete kept copy? And the next edit?"""
    from torctl.atomic import replace_contents

    keep = path.with_name(f".{path.name}.torctl-new")
    now = path.read_bytes()
    kept = keep.read_bytes() if keep.exists() else None
    whole = now in (OLD, NEW)
    counts["corrupt"] += not whole and kept != NEW  # no whole copy of either text anywhere
    if not whole and kept != NEW:
        counts["corrupt_bytes"] += sum(a != b for a, b in zip(now, NEW, strict=False)) + abs(len(now) - len(NEW))
    try:  # the next edit, as a user would run it after the failure
        replace_contents(path, now + b"# next\n", expected=now)
        went_ahead = True
    except Exception:
        went_ahead = False
    # Lost: the next edit went ahead on a half-written file, or the whole new text kept beside it is gone.
    counts["lost"] += not whole and (went_ahead or (kept is not None and not keep.exists()))


def _faults() -> dict[str, int]:
    from torctl.atomic import replace_contents

    counts = dict(faults=0, corrupt=0, corrupt_bytes=0, lost=0)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in KINDS:
            for step in range(400):  # SIGKILL before the step-th call
                path = _setup(folder, kind)
                pid = os.fork()
                if pid == 0:

                    def kill(_name, n, _step=step):
                        if n == _step:
                            os.kill(os.getpid(), signal.SIGKILL)

                    _patch(kind, kill)
                    try:
                        replace_contents(path, NEW, expected=OLD)
                    finally:
                        os._exit(0)
                _, status = os.waitpid(pid, 0)
                if os.WIFEXITED(status):
                    break
                counts["faults"] += 1
                _judge(path, counts)
            for persistent in (False, True):  # ENOSPC at the step-th write
                for step in range(400):
                    path = _setup(folder, kind)
                    pid = os.fork()
                    if pid == 0:
                        seen = [0]

                        def full(name, _n, _step=step, _persistent=persistent, _seen=seen):
                            if name != "write":
                                return
                            _seen[0] += 1
                            if _seen[0] - 1 == _step or (_persistent and _seen[0] - 1 > _step):
                                raise OSError(errno.ENOSPC, "No space left on device")

                        _patch(kind, full)
                        try:
                            replace_contents(path, NEW, expected=OLD)
                            os._exit(0)
                        except BaseException:
                            os._exit(1)
                    _, status = os.waitpid(pid, 0)
                    if os.WEXITSTATUS(status) == 0:
                        break
                    counts["faults"] += 1
                    _judge(path, counts)
    return counts


def _side() -> None:
    print(json.dumps({**_corpus(), **_faults()}))


def _measure(src: Path) -> dict[str, int]:
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, __file__, "--side"], env=env, capture_output=True, text=True, check=True, cwd=REPO
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="main")
    parser.add_argument("--side", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        _side()
        return
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "base.tar"
        subprocess.run(["git", "archive", "-o", str(archive), args.base, "src"], cwd=REPO, check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        before = _measure(Path(tmp) / "src")
    after = _measure(REPO / "src")
    print(f"{'figure':<16}{args.base:>10}{'this tree':>12}")
    for key in before:
        print(f"{key:<16}{before[key]:>10}{after[key]:>12}")


if __name__ == "__main__":
    main()
