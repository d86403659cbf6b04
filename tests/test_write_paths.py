"""Issue 30: every write path leaves the old bytes or the new bytes, on SIGKILL, a full disk or a racing program.

The paths: the usual one (a temporary file renamed over the target), and the in-place
one used for a file with other hard links and for a file owned by another user (its
new text is first kept whole beside it in `.NAME.torctl-new`). Each is killed at every
write, fsync, truncate, rename and unlink it makes, and fails with ENOSPC at every write;
the file, the kept copy and the next edit are checked after each.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from conftest import BODIES
from hostile_corpus import count_calls

from torctl import atomic
from torctl.atomic import ChangedWhileEditing, InterruptedWrite, kept_copy, pending_write, replace_contents
from torctl.errors import UsageError

OLD = b"# a ToR\nquorum: a member's behalf is read as representing their agency\n"
NEW = b"# a ToR\nquorum: a member's behalf is read as representing the agency that appointed them, in full\n"
PATHS = ["normal", "hard-link", "other-owner"]
BODY = "solihull-sscp-executive"


def _setup(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "tor.yaml"
    path.write_bytes(OLD)
    if kind == "hard-link":
        os.link(path, tmp_path / "elsewhere.yaml")
    return path


def _as_other_owner(monkeypatch: pytest.MonkeyPatch | None = None) -> None:
    """Make the file look someone else's: this user cannot give a new file its owner."""
    me = os.geteuid()

    def refuse(*_args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    if monkeypatch is None:
        os.geteuid = lambda: me + 1  # type: ignore[assignment]
        os.fchown = refuse  # type: ignore[assignment]
    else:
        monkeypatch.setattr(os, "geteuid", lambda: me + 1)
        monkeypatch.setattr(os, "fchown", refuse)


def _child(path: str, kind: str, step: int) -> None:
    """In a forked child: edit the file, killing this process just before its `step`-th call."""
    if kind == "other-owner":
        _as_other_owner()

    def maybe_kill(_name: str, n: int) -> None:
        if n == step:
            os.kill(os.getpid(), signal.SIGKILL)

    count_calls(maybe_kill)
    replace_contents(Path(path), NEW, expected=OLD)
    os._exit(0)


def _check_after_kill(path: Path, kind: str) -> str:
    """The file is the old or the new text, or its new text is kept whole and the next edit refuses."""
    if kind == "hard-link":
        assert os.path.samefile(path, path.parent / "elsewhere.yaml"), "the hard link was broken"
    keep = pending_write(path)
    if keep is None:
        assert path.read_bytes() in (OLD, NEW), path.read_bytes()
        result = "old" if path.read_bytes() == OLD else "new"
        notes = replace_contents(path, path.read_bytes() + b"# next\n", expected=path.read_bytes())  # the next edit
        assert not [n for n in os.listdir(path.parent) if n.endswith(".tmp")], notes
        return result
    assert keep.read_bytes() == NEW, "the kept copy is not the whole new text"
    with pytest.raises(InterruptedWrite, match="restore it with"):
        replace_contents(path, b"x", expected=path.read_bytes())
    assert keep.read_bytes() == NEW, "a later edit deleted or changed the kept copy"
    shutil.copyfile(keep, path)  # what the message tells the user to do
    keep.unlink()
    assert path.read_bytes() == NEW
    return "kept"


@pytest.mark.parametrize("kind", PATHS)
def test_a_sigkill_at_any_step_leaves_old_or_new_bytes(tmp_path: Path, kind: str):
    seen = set()
    context = multiprocessing.get_context("fork")
    for step in range(200):
        path = _setup(tmp_path, kind)
        process = context.Process(target=_child, args=(str(path), kind, step))
        process.start()
        process.join(20)
        assert process.exitcode is not None, "a write hung"
        if process.exitcode == 0:  # the write finished before reaching the step: every step has been tried
            assert path.read_bytes() == NEW and not kept_copy(path).exists()
            break
        assert process.exitcode == -signal.SIGKILL, process.exitcode
        seen.add(_check_after_kill(path, kind))
        for name in os.listdir(tmp_path):
            os.unlink(tmp_path / name)
    else:  # pragma: no cover
        pytest.fail("the write never finished")
    assert {"old", "new"} <= seen | {"new"}
    if kind != "normal":  # in place, a kill inside the copy leaves the kept copy to restore
        assert "kept" in seen
    else:
        assert "kept" not in seen


@pytest.mark.parametrize("kind", PATHS)
@pytest.mark.parametrize("persistent", [False, True], ids=["one-failure", "disk-stays-full"])
def test_a_full_disk_at_any_write_leaves_old_bytes_or_a_kept_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, persistent: bool
):
    real_write = os.write
    for step in range(100):
        path = _setup(tmp_path, kind)
        calls = [0]

        def full(fd, data, _step=step, calls=calls):
            n = calls[0]
            calls[0] += 1
            if n == _step or (persistent and n > _step):
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, bytes(data[:16]))

        with monkeypatch.context() as patch:
            if kind == "other-owner":
                _as_other_owner(patch)
            patch.setattr(os, "write", full)
            try:
                replace_contents(path, NEW, expected=OLD)
            except UsageError as exc:
                failed = str(exc)
            else:
                assert path.read_bytes() == NEW
                break
        assert "No space left on device" in failed
        keep = pending_write(path)
        if keep is None:
            assert path.read_bytes() == OLD and "it is unchanged" in failed, failed
        else:  # the disk stayed full while the old bytes were being put back
            assert persistent and kind != "normal"
            assert keep.read_bytes() == NEW and str(keep) in failed and "restore it with" in failed
        hidden = [n for n in os.listdir(tmp_path) if n.startswith(".")]
        assert hidden == ([keep.name] if keep else []), hidden  # no temporary file left behind
        for name in os.listdir(tmp_path):
            os.unlink(tmp_path / name)
    else:  # pragma: no cover
        pytest.fail("the write never finished")


def test_a_full_disk_when_space_is_claimed_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    if not hasattr(os, "posix_fallocate"):
        pytest.skip("no posix_fallocate here")
    path = _setup(tmp_path, "hard-link")

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "posix_fallocate", full)
    with pytest.raises(UsageError, match="No space left on device; it is unchanged"):
        replace_contents(path, NEW, expected=OLD)
    assert path.read_bytes() == OLD and sorted(os.listdir(tmp_path)) == ["elsewhere.yaml", "tor.yaml"]


def test_a_program_writing_the_file_as_it_is_renamed_keeps_its_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The last instant: another program writes the file after torctl's final check, before the rename."""
    path = _setup(tmp_path, "normal")
    theirs = OLD + b"# their edit\n"
    real_replace = os.replace

    def racing_replace(src, dst):
        with open(path, "r+b") as handle:  # another program, writing in place
            handle.write(theirs)
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", racing_replace)
    with pytest.raises(ChangedWhileEditing, match="another program wrote it as it was replaced; its version is kept"):
        replace_contents(path, NEW, expected=OLD)
    assert path.read_bytes() == theirs


def test_a_program_replacing_the_file_before_the_last_check_is_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = _setup(tmp_path, "normal")
    real_temporary = atomic._temporary

    def then_race(*args, **kwargs):
        made = real_temporary(*args, **kwargs)
        other = tmp_path / "editor-save"
        other.write_bytes(OLD)  # same bytes, another inode: an editor's save by rename
        os.replace(other, path)
        return made

    monkeypatch.setattr(atomic, "_temporary", then_race)
    with pytest.raises(ChangedWhileEditing):
        replace_contents(path, NEW, expected=OLD)
    assert path.read_bytes() == OLD and os.listdir(tmp_path) == ["tor.yaml"]


# ---------------------------------------------------------------- through the command line


@pytest.fixture
def bodies(tmp_path: Path) -> Path:
    root = tmp_path / "bodies"
    shutil.copytree(BODIES, root)
    return root


def _edit(cli, root: Path, holder: str = "Jane Smith", *extra: str):
    return cli("--bodies", str(root), *extra, "member", "update", BODY, "dcs", "--holder", holder)


def test_the_next_edit_removes_and_reports_a_killed_writes_temporary_file(cli, bodies: Path):
    left = bodies / f".{BODY}.yaml.k1ll3d.tmp"
    left.write_bytes(b"half of a n")
    result = _edit(cli, bodies)
    assert result.exit_code == 0, result.stderr
    assert f"note: removed .{BODY}.yaml.k1ll3d.tmp, a temporary file left by an interrupted write" in result.stderr
    assert not left.exists()


def test_an_interrupted_in_place_write_is_reported_and_never_overwritten(cli, bodies: Path):
    path = bodies / f"{BODY}.yaml"
    whole = path.read_bytes()
    cut = whole.replace(b"Director of Children's Services", b"Director of Chil", 1)
    assert cut != whole
    keep = kept_copy(path)
    keep.write_bytes(whole)
    path.write_bytes(cut)  # the state a kill during the copy-in leaves

    checked = cli("--bodies", str(bodies), "validate", "--format", "json")
    assert checked.exit_code == 1 and '"code": "Y009"' in checked.stdout
    refused = _edit(cli, bodies)
    assert refused.exit_code == 2 and "may be half-written" in refused.stderr and "restore it with" in refused.stderr
    assert keep.read_bytes() == whole and path.read_bytes() == cut
    shown = cli("--bodies", str(bodies), "check-quorum", BODY, "-p", "dcs")
    assert shown.exit_code == 2 and "Traceback" not in shown.stderr  # a half-written ToR answers no question

    shutil.copyfile(keep, path)
    keep.unlink()
    assert _edit(cli, bodies).exit_code == 0
    assert cli("--bodies", str(bodies), "validate").exit_code == 0


def test_a_kept_copy_equal_to_the_file_is_a_finished_write(cli, bodies: Path):
    path = bodies / f"{BODY}.yaml"
    kept_copy(path).write_bytes(path.read_bytes())
    assert cli("--bodies", str(bodies), "validate").exit_code == 0
    result = _edit(cli, bodies)
    assert result.exit_code == 0 and "the copy of a finished write" in result.stderr
    assert not kept_copy(path).exists()


def _run_cli(args: list[str]) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    from torctl.cli import main

    os._exit(main(args))


def test_concurrent_edits_of_a_hard_linked_body_lose_nothing(bodies: Path, tmp_path: Path):
    """The in-place path under the lock: every edit that reported success is in the file, and the link holds."""
    from torctl.data.load import load_tree

    path = bodies / f"{BODY}.yaml"
    os.link(path, tmp_path / "linked.yaml")
    context = multiprocessing.get_context("fork")
    ids = [f"extra-{k}" for k in range(4)]
    processes = {
        post: context.Process(
            target=_run_cli,
            args=(["--bodies", str(bodies), "member", "add", BODY, post, "--role", f"Role {post}", "--class", "core"],),
        )
        for post in ids
    }
    for process in processes.values():
        process.start()
    for process in processes.values():
        process.join(30)
    assert all(p.exitcode == 0 for p in processes.values()), [p.exitcode for p in processes.values()]
    posts = [m.id for m in load_tree(bodies).bodies[BODY].members]
    assert all(post in posts for post in ids)
    assert os.path.samefile(path, tmp_path / "linked.yaml")
    assert not [n for n in os.listdir(bodies) if n.startswith(".")]


def _hold(root: str, ready, seconds: float) -> None:
    from torctl.change.lock import edit_lock

    with edit_lock(Path(root), command="torctl member add (a long one)"):
        ready.set()
        time.sleep(seconds)
    os._exit(0)


def test_a_waiting_edit_says_who_holds_the_lock_and_gives_up_when_told(
    cli, bodies: Path, monkeypatch: pytest.MonkeyPatch
):
    from torctl.change import lock

    monkeypatch.setattr(lock, "NOTICE_AFTER", 0.1)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    holder = context.Process(target=_hold, args=(str(bodies), ready, 1.0))
    holder.start()
    try:
        assert ready.wait(10)
        gave_up = _edit(cli, bodies, "X", "--lock-wait", "0.3")
        waited = _edit(cli, bodies, "Y", "--lock-wait", "20")
    finally:
        holder.join(10)
    assert gave_up.exit_code == 2
    assert f"held by process {holder.pid} on " in gave_up.stderr
    assert "(torctl member add (a long one))" in gave_up.stderr
    assert "gave up after waiting 0.3 s and wrote nothing" in gave_up.stderr
    assert waited.exit_code == 0 and "note: waiting for the edit lock" in waited.stderr
    assert not lock.holder_file(lock.lock_file(bodies)).exists()  # the sidecar goes with the lock
