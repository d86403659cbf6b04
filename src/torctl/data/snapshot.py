"""A snapshot of the loaded bodies, so `torctl check-quorum` answers at the door of the meeting room.

A full load parses and validates every file and builds pydantic's validators:
tens of milliseconds on top of Python and its libraries starting, which is
already most of the quarter second a user will wait. After a full load, the
validated bodies and agencies are pickled to the user's cache directory
together with the exact bytes of every file they came from and a stamp of
torctl's model code. A later run uses the snapshot only when every file is
byte-for-byte the same and the stamp matches, so it can never answer for data it
was not made from; any problem reading or writing the cache means a full load.
Set TORCTL_NO_CACHE=1 to always load in full.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import NamedTuple

from ..model import Agency, Body

FORMAT = 1
SUFFIXES = (".yaml", ".yml")  # the files load_tree reads at the top of a bodies directory


class Snapshot(NamedTuple):
    """What a quorum check needs from a bodies directory."""

    bodies: dict[str, Body]
    agencies: dict[str, Agency]
    errors: dict[str, tuple[str, int]]  # body id -> (absolute file path, errors in it)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "torctl"


def _stamp() -> tuple[object, ...]:
    """What a pickled model depends on besides the data: the versions and torctl's model source."""
    import pydantic.version

    model = Path(__file__).parent / "model"
    sources = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in model.glob("*.py"))
    return FORMAT, sys.version, pydantic.version.VERSION, sources


def _sources(root: Path) -> list[tuple[str, bytes]]:
    with os.scandir(root) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(SUFFIXES) and not e.name.startswith(".") and e.is_file())
    return [(name, (root / name).read_bytes()) for name in names]


def bodies_root(option: str | Path | None) -> Path:
    """The bodies directory, as `torctl.data.paths.resolve_bodies_dir` finds it, without importing the loader."""
    chosen = Path(option or os.environ.get("TORCTL_BODIES") or "bodies")
    if chosen.is_dir():
        return chosen
    from .paths import resolve_bodies_dir

    return resolve_bodies_dir(option)  # raises the usual usage error


def load_snapshot(root: Path) -> Snapshot:
    """The bodies and agencies of `root`, from the cache when it was made from these very files."""
    root = Path(root)
    try:
        key = (_stamp(), str(root.resolve()), _sources(root))
    except OSError:
        return _full_load(root)
    path = cache_dir() / f"bodies-{zlib.crc32(key[1].encode()):08x}.pickle"
    if not os.environ.get("TORCTL_NO_CACHE"):
        try:
            with open(path, "rb") as handle:
                stored, snapshot = pickle.load(handle)
            if stored == key and isinstance(snapshot, Snapshot):
                return snapshot
        except Exception:  # noqa: BLE001 - a missing, stale or unreadable cache is just a miss
            pass
    snapshot = _full_load(root)
    try:
        from ..atomic import write_bytes_atomic

        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_bytes_atomic(path, pickle.dumps((key, snapshot), protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # noqa: BLE001 - a cache that cannot be written costs only speed
        pass
    return snapshot


def _full_load(root: Path) -> Snapshot:
    from .load import load_tree

    tree = load_tree(root)
    errors = {}
    for body_id in tree.bodies:
        doc = tree.document_for(body_id)
        count = sum(1 for f in tree.findings if doc is not None and f.path == doc.display and f.severity == "error")
        if doc is not None and count:
            errors[body_id] = (str(doc.path.resolve()), count)
    return Snapshot(tree.bodies, tree.agencies, errors)
