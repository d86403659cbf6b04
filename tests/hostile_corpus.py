"""The hostile corpus as runs: files (tests/hostile/*.yaml and file-system cases) and argv cases, each command
that reads bodies or records run in-process, watched by an audit hook (`sys.addaudithook`).

Used by tests/test_hostile_run.py (which asserts every run is clean) and by benchmarks/bench_hostile.py (which
counts what is not, on this tree and on another checkout, for the before/after figures).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "hostile"
BODIES = HERE.parent / "bodies"
RECORDS = HERE.parent / "docs" / "examples" / "records" / "attendance"
SECRET = b"TOP-SECRET-OUTSIDE-THE-TREE"


def build(tmp: Path) -> Path:
    """A bodies directory holding the real bodies, every file of the corpus and the file-system cases."""
    root = tmp / "bodies"
    shutil.copytree(BODIES, root)
    shutil.copytree(RECORDS, root / "attendance")
    for path in sorted(HOSTILE.glob("*.yaml")):
        shutil.copy(path, root / path.name)
    outside = tmp / "outside"
    outside.mkdir()
    secret = outside / "secret.yaml"
    secret.write_bytes(b"API_KEY: " + SECRET + b"\nid: leak-body\nname: Leaked Board\n")
    (root / "leak-body.yaml").symlink_to(secret)  # a link out of the tree: never read
    (outside / "records").mkdir()
    shutil.copy(secret, outside / "records" / "2024-01-01.yaml")
    (root / "attendance" / "leaked").symlink_to(outside / "records", target_is_directory=True)
    (root / "calendars" / "outside.yaml").symlink_to(secret)
    with contextlib.suppress(OSError):  # a file system that refuses a name that is not UTF-8 skips the case
        Path(os.fsdecode(os.fsencode(root) + b"/\xff-not-utf8.yaml")).write_bytes(
            (BODIES / "solihull-rdg.yaml").read_bytes()
        )
    rdg = root / "solihull-arg.yaml"  # an interrupted in-place write: the file half old, its new text kept
    whole = rdg.read_bytes()
    (root / ".solihull-arg.yaml.torctl-new").write_bytes(whole)
    rdg.write_bytes(whole[: len(whole) // 2] + whole[len(whole) // 2 + 40 :])
    (root / ".plymouth-improvement-board.yaml.k1ll3d.tmp").write_bytes(
        b"half of a n"
    )  # a killed write's temporary file
    return root


def build_clean(tmp: Path) -> Path:
    """The real bodies, valid, with hostile file-system cases beside them that are valid YAML: a copy of a body
    under a name that is not UTF-8, and a link to a valid body outside the tree."""
    root = tmp / "clean"
    shutil.copytree(BODIES, root)
    outside = tmp / "outside"
    outside.mkdir(exist_ok=True)
    text = (BODIES / "solihull-rdg.yaml").read_text(encoding="utf-8")
    leaked = text.replace("id: solihull-rdg", "id: leak-body", 1).replace(
        "name: Response and Delivery Group", f"name: Leaked {SECRET.decode()}", 1
    )
    (outside / "leak-body.yaml").write_text(leaked, encoding="utf-8")
    (root / "leak-body.yaml").symlink_to(outside / "leak-body.yaml")
    with contextlib.suppress(OSError):
        Path(os.fsdecode(os.fsencode(root) + b"/\xff.yaml")).write_text(text, encoding="utf-8")
    return root


def _linked_site(out: Path) -> Path:
    """A site folder holding a link to a folder elsewhere, where its body pages would go."""
    site, elsewhere = out / "linked-site", out.parent / "elsewhere"
    site.mkdir()
    elsewhere.mkdir()
    (site / "bodies").symlink_to(elsewhere, target_is_directory=True)
    return site


def commands(root: Path, out: Path) -> list[tuple[list[str], Path | None]]:
    """(argv, the output it may write under or None) for every command that reads bodies or records."""
    b = ["--bodies", str(root)]
    record = str(root / "attendance" / "solihull-sscp-executive" / "2024-01-16.yaml")
    readers: list[list[str]] = [
        ["validate"],
        ["validate", "-f", "json"],
        ["validate", "-f", "sarif"],
        ["validate", "-f", "github"],
        ["validate", str(root / "count-octal.yaml"), str(root / "bidi-text.yaml")],
        ["validate", str(root / "leak-body.yaml")],
        ["list"],
        ["show", "solihull-rdg"],
        ["show", "leak-body"],
        ["show", "bidi-text", "-f", "json"],
        ["check-quorum", "solihull-rdg", "-p", "chair"],
        ["check-quorum", "bidi-text", "-p", "chair", "-p", "member-two"],
        ["check-quorum", "solihull-arg", "-p", "chair"],
        ["attendance", "solihull-sscp-executive"],
        ["meeting", "check", record],
        ["review-due", "--as-of", "2026-11-23", "-f", "csv"],
        ["schedule", "--all", "--first", "2027-01-05", "-n", "1"],
        ["deadlines", "plymouth-improvement-board", "--meeting", "2027-01-05"],
        ["map", "-f", "svg"],
        ["diff", str(BODIES), str(root), "--format", "md"],
        ["member", "update", "bidi-text", "chair", "--holder", "A. Holder", "--dry-run"],
        ["export", "-f", "popolo", "--as-of", "2026-12-04"],
        ["export", "-f", "popolo", "--as-of", "9999-12-31"],
    ]
    runs: list[tuple[list[str], Path | None]] = [([*b, *args], None) for args in readers]
    runs += [
        ([*b, "render", "--all", "-f", "md", "-o", f"{out / 'docs'}/"], out / "docs"),
        ([*b, "render", "solihull-lscp", "-f", "md", "-o", str(root / "solihull-rdg.yaml")], out / "none"),
        ([*b, "site", "-o", str(out / "site"), "--as-of", "2026-12-04", "--no-pdf"], out / "site"),
        ([*b, "handbook", "-f", "html", "-o", str(out / "handbook.html")], out),
        ([*b, "member", "update", "plymouth-improvement-board", "independent-chair", "--holder", "B. Holder"], root),
        ([*b, "member", "update", "solihull-arg", "chair", "--holder", "C. Holder"], root),
    ]
    argv_cases = [  # arguments that are not UTF-8 text (as Python receives them: lone surrogates)
        ["check-quorum", "solihull-rdg", "-s", os.fsdecode(b"\xff for chair")],
        ["agenda", "solihull-rdg", "--date", "2026-12-08", "--item", os.fsdecode(b"\xff")],
        ["show", os.fsdecode(b"solihull-\xff")],
        ["validate", os.fsdecode(os.fsencode(root) + b"/\xff-not-utf8.yaml")],
    ]
    runs += [([*b, *args], None) for args in argv_cases]
    clean = build_clean(out.parent)
    c = ["--bodies", str(clean)]
    runs += [
        ([*c, "site", "-o", str(out / "clean-site"), "--as-of", "2026-12-04", "--no-pdf"], out / "clean-site"),
        ([*c, "export", "-f", "popolo", "--as-of", "2026-12-04"], None),
        ([*c, "list"], None),
        ([*c, "show", "leak-body"], None),
    ]
    pristine = out.parent / "pristine"  # the real bodies alone: nothing stops an output command before it writes
    shutil.copytree(BODIES, pristine)
    p = ["--bodies", str(pristine)]
    runs += [
        ([*p, "render", "solihull-lscp", "-f", "md", "-o", str(pristine / "solihull-rdg.yaml")], out / "none"),
        ([*p, "site", "-o", str(_linked_site(out)), "--as-of", "2026-12-04", "--no-pdf"], out / "linked-site"),
    ]
    summary = out.parent / "summary"
    for target in ("/dev/full", str(summary / "missing" / "s.md"), str(out.parent)):  # GITHUB_STEP_SUMMARY
        runs.append(([*b, "validate", "-f", "github", "--summary-to", target], Path(target)))  # its one output
    return runs


@dataclass
class Watch:
    """What the audit hook saw during one run: files opened for reading and for writing, and other writes."""

    reads: list[str] = field(default_factory=list)
    writes: list[str] = field(default_factory=list)
    on: bool = False


WATCH = Watch()
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _hook(event: str, args: tuple[object, ...]) -> None:
    if not WATCH.on:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path, mode, flags = os.fsdecode(args[0]), args[1], args[2] if len(args) > 2 else 0
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & _WRITE_FLAGS
        )
        (WATCH.writes if writing else WATCH.reads).append(os.path.abspath(path))
    elif event in ("os.rename", "os.replace", "os.remove", "os.unlink", "os.mkdir", "os.symlink", "os.link"):
        for arg in args[:2]:
            if isinstance(arg, (str, bytes, os.PathLike)):
                WATCH.writes.append(os.path.abspath(os.fsdecode(arg)))


_installed = False


def install() -> None:
    """Add the audit hook once per process (hooks cannot be removed; it records only while `WATCH.on`)."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


@dataclass
class Outcome:
    argv: list[str]
    code: int
    stdout: str
    stderr: str
    reads_outside: list[str]
    writes_outside: list[str]
    seconds: float

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.stdout + self.stderr

    @property
    def leaked(self) -> bool:
        return SECRET.decode() in self.stdout + self.stderr


def _bookkeeping(path: str) -> bool:
    """Python's bytecode cache, and the edit lock and its sidecar (kept out of the bodies directory on purpose)."""
    import tempfile

    name = os.path.basename(path)
    return path.endswith(".pyc") or "torctl-edit" in name or path == os.path.realpath(tempfile.gettempdir())


def _inside(path: str, roots: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def run(main: Callable[[list[str]], int], tmp: Path, argv: list[str], out: Path | None, outside: Path) -> Outcome:
    """Run `main(argv)` with output captured and the hook on; what it read outside the tree and wrote outside
    the named output. Reads are allowed in the bodies tree (not through links out), Python's own files and
    the system's; never in `outside`."""
    import time

    install()
    env: dict[str, str] = {}
    if "--summary-to" in argv:  # the runner's own: set GITHUB_STEP_SUMMARY (and GITHUB_ACTIONS) for this run
        at = argv.index("--summary-to")
        env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": argv[at + 1]}
        argv = argv[:at] + argv[at + 2 :]
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    WATCH.reads.clear()
    WATCH.writes.clear()
    stdout, stderr = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    WATCH.on = True
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException as exc:
                import traceback

                stderr.write("Traceback (uncaught)\n" + "".join(traceback.format_exception(exc)))
                code = 3
    finally:
        WATCH.on = False
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    seconds = time.perf_counter() - start
    secret = [os.path.realpath(outside)]
    allowed_writes = [os.path.realpath(out)] if out is not None else []
    reads_outside = [p for p in WATCH.reads if _inside(p, secret)]
    writes_outside = [p for p in WATCH.writes if not _inside(p, allowed_writes) and not _bookkeeping(p)]
    return Outcome(argv, code, stdout.getvalue(), stderr.getvalue(), reads_outside, writes_outside, seconds)


def run_corpus(main: Callable[[list[str]], int], tmp: Path) -> Iterator[Outcome]:
    root = build(tmp)
    out = tmp / "out"
    out.mkdir()
    for argv, allowed in commands(root, out):
        yield run(main, tmp, argv, allowed, tmp / "outside")


COUNTED = ("write", "fsync", "ftruncate", "replace", "unlink", "posix_fallocate")


def count_calls(on_call: Callable[[str, int], None]) -> None:
    """Wrap the calls a write makes (`COUNTED`) in this process; `on_call(name, n)` runs before the n-th
    (0-based), so a test can kill the process or fail the call there. Writes go 16 bytes at a time, so a fault
    can land inside a copy."""
    calls = [0]
    for name in COUNTED:
        real = getattr(os, name, None)
        if real is None:
            continue

        def wrapped(*args: object, _real: Callable[..., object] = real, _name: str = name, **kwargs: object) -> object:
            n = calls[0]
            calls[0] += 1
            on_call(_name, n)
            if _name == "write":
                fd, data = args
                return _real(fd, bytes(data[:16]))  # type: ignore[index]
            return _real(*args, **kwargs)

        setattr(os, name, wrapped)
