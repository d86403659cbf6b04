"""Edits are transactions: locked, resolved by id, compare-and-swap, and they keep the file's identity."""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from pathlib import Path

import pytest
from conftest import BODIES

from torctl.atomic import ChangedWhileEditing, replace_contents
from torctl.change import engine
from torctl.change.engine import apply_edit
from torctl.change import lock
from torctl.change.lock import EditLockTimeout, edit_lock
from torctl.change.operations import PostFields, member_update
from torctl.data.load import load_tree
from torctl.errors import UsageError

BODY = "solihull-sscp-executive"


def _run_cli(args: list[str]) -> None:
    """In a forked child: run torctl and exit with its code (output discarded)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    from torctl.cli import main

    os._exit(main(args))


def _spawn(args: list[str]) -> multiprocessing.Process:
    process = multiprocessing.get_context("fork").Process(target=_run_cli, args=(args,))
    process.start()
    return process


def _posts(root: Path) -> list[str]:
    tree = load_tree(root)
    return [m.id for m in tree.bodies[BODY].members]


def test_concurrent_adds_each_reported_success_is_in_the_file(scratch: Path):
    """Item 1: edits racing in parallel processes; every one that exited 0 left its post in the file."""
    deadline = time.monotonic() + 20
    succeeded: list[str] = []
    for round_ in range(3):
        ids = [f"extra-{round_}-{k}" for k in range(4)]
        processes = {
            post: _spawn(
                ["--bodies", str(scratch), "member", "add", BODY, post, "--role", f"Extra {post}", "--class", "core"]
            )
            for post in ids
        }
        for post, process in processes.items():
            process.join(max(1.0, deadline - time.monotonic()))
            assert process.exitcode is not None, "an edit hung"
            assert process.exitcode in (0, 1), process.exitcode
            if process.exitcode == 0:
                succeeded.append(post)
    posts = _posts(scratch)
    assert succeeded and all(post in posts for post in succeeded), (succeeded, posts)
    assert len(succeeded) == 12  # the lock serialises them, so none is refused either


def test_concurrent_remove_and_update_land_on_the_named_posts(scratch: Path):
    """Item 2: a removal racing an update never moves the update onto another post."""
    remove = _spawn(["--bodies", str(scratch), "member", "remove", BODY, "headteacher-primary"])
    update = _spawn(
        ["--bodies", str(scratch), "member", "update", BODY, "headteacher-secondary", "--holder", "X. Holder"]
    )
    for process in (remove, update):
        process.join(20)
        assert process.exitcode == 0
    body = load_tree(scratch).bodies[BODY]
    assert body.member("headteacher-primary") is None
    assert body.member("headteacher-secondary").holder == "X. Holder"
    assert body.member("director-public-health").holder != "X. Holder"


def _hold_lock(root: str, ready, seconds: float) -> None:
    """In a forked child: hold the edit lock for `seconds`, as a long edit would."""
    with edit_lock(Path(root)):
        ready.set()
        time.sleep(seconds)
    os._exit(0)


def _holder(root: Path, seconds: float) -> multiprocessing.Process:
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    process = context.Process(target=_hold_lock, args=(str(root), ready, seconds))
    process.start()
    assert ready.wait(10)
    return process


def test_an_edit_waits_for_the_lock(scratch: Path):
    """While another edit holds the lock, an edit does not read or write; it goes ahead once released."""
    holder = _holder(scratch, 1.0)
    child = _spawn(["--bodies", str(scratch), "member", "remove", BODY, "headteacher-primary"])
    time.sleep(0.5)
    assert child.exitcode is None  # still waiting
    assert "headteacher-primary" in _posts(scratch)
    holder.join(10)
    child.join(20)
    assert child.exitcode == 0
    assert "headteacher-primary" not in _posts(scratch)


def test_a_lock_held_too_long_is_a_clear_error(scratch: Path):
    holder = _holder(scratch, 0.5)
    try:
        with (
            pytest.raises(EditLockTimeout, match="another torctl edit holds the lock") as caught,
            edit_lock(scratch, wait=0.2),
        ):
            pass
        assert caught.value.exit_code == 2
    finally:
        holder.join(10)


def test_a_cli_edit_that_cannot_get_the_lock_exits_2_and_writes_nothing(
    scratch: Path, cli, monkeypatch: pytest.MonkeyPatch
):
    before = (scratch / f"{BODY}.yaml").read_bytes()
    holder = _holder(scratch, 1.0)
    try:
        monkeypatch.setattr(lock, "LOCK_WAIT_SECONDS", 0.2)
        result = _edit(cli, scratch)
    finally:
        holder.join(10)
    assert result.exit_code == 2
    assert f"another torctl edit holds the lock on {scratch} (process {holder.pid} on " in result.stderr
    assert "gave up after waiting 0.2 s and wrote nothing" in result.stderr
    assert "or wait longer with --lock-wait SECONDS" in result.stderr
    assert "Traceback" not in result.stderr
    assert (scratch / f"{BODY}.yaml").read_bytes() == before


def test_the_lock_is_kept_out_of_the_bodies_directory(scratch: Path, tmp_path: Path):
    """No lock file in the bodies directory, so none in `git status`; outside git, one in the temp directory."""
    with edit_lock(scratch):
        assert sorted(os.listdir(scratch)) == sorted(os.listdir(BODIES))
        path = lock.lock_file(scratch)
        assert path.parent == Path(tempfile.gettempdir()) and path.exists()
    # every name of the directory takes the same lock
    alias = tmp_path / "alias"
    alias.symlink_to(scratch)
    assert lock.lock_file(alias) == lock.lock_file(scratch) == lock.lock_file(scratch / ".." / "bodies")
    assert lock.lock_file(tmp_path / "other") != lock.lock_file(scratch)


def test_in_a_git_work_tree_the_lock_is_in_the_git_directory(tmp_path: Path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "bodies").mkdir()
    assert lock.lock_file(repo / "bodies") == (repo / ".git" / "torctl-edit.lock").resolve()
    # a linked worktree (or a submodule): `.git` is a file naming the git directory, relative or absolute
    linked = tmp_path / "linked"
    (linked / "bodies").mkdir(parents=True)
    (repo / ".git" / "worktrees" / "linked").mkdir(parents=True)
    (linked / ".git").write_text("gitdir: ../repo/.git/worktrees/linked\n")
    assert (
        lock.lock_file(linked / "bodies").resolve()
        == (repo / ".git" / "worktrees" / "linked" / "torctl-edit.lock").resolve()
    )
    (linked / ".git").write_text(f"gitdir: {repo / '.git' / 'worktrees' / 'linked'}\n")
    assert (
        lock.lock_file(linked / "bodies").resolve()
        == (repo / ".git" / "worktrees" / "linked" / "torctl-edit.lock").resolve()
    )
    with edit_lock(repo / "bodies"):
        assert (repo / ".git" / "torctl-edit.lock").exists() and os.listdir(repo / "bodies") == []


def test_a_lock_that_cannot_be_taken_is_a_usage_error(tmp_path: Path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "torctl-edit.lock").mkdir()  # not a file: the lock cannot be opened
    with pytest.raises(UsageError, match=r"cannot lock .*repo for editing \(.*torctl-edit.lock\)"), edit_lock(repo):
        pass


def test_a_change_between_check_and_write_is_not_overwritten(scratch: Path, monkeypatch: pytest.MonkeyPatch):
    """Compare-and-swap: another program writes the file while the edit is being checked."""
    tree = load_tree(scratch)
    path = scratch / f"{BODY}.yaml"
    real_check = engine._check

    def check_then_race(*args):
        result = real_check(*args)
        path.write_text(path.read_text() + "# someone else's edit\n")
        return result

    monkeypatch.setattr(engine, "_check", check_then_race)
    plan = member_update(tree.body(BODY), "dcs", PostFields(holder="Jane Smith"))
    with pytest.raises(ChangedWhileEditing, match="changed while editing; nothing written") as caught:
        apply_edit(tree, BODY, plan.ops, summary=plan.summary)
    assert caught.value.exit_code == 1
    assert path.read_text().endswith("# someone else's edit\n")
    assert "Jane Smith" not in path.read_text()


def test_cli_refuses_a_raced_edit_with_exit_1(scratch: Path, cli, monkeypatch: pytest.MonkeyPatch):
    path = scratch / f"{BODY}.yaml"
    real_check = engine._check

    def check_then_race(*args):
        result = real_check(*args)
        path.write_text(path.read_text() + "# meanwhile\n")
        return result

    monkeypatch.setattr(engine, "_check", check_then_race)
    result = cli("--bodies", str(scratch), "member", "update", BODY, "dcs", "--holder", "Jane Smith")
    assert result.exit_code == 1
    assert "changed while editing; nothing written" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- item 3: file identity


def _edit(cli, root: Path, holder: str = "Jane Smith"):
    return cli("--bodies", str(root), "member", "update", BODY, "dcs", "--holder", holder)


def test_a_symlinked_body_edits_its_target(scratch: Path, cli):
    elsewhere = scratch / "kept"  # a folder of the bodies directory torctl does not read as bodies
    elsewhere.mkdir()
    target = elsewhere / f"{BODY}.yaml"
    link = scratch / f"{BODY}.yaml"
    link.rename(target)
    link.symlink_to(target)
    assert _edit(cli, scratch).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "Jane Smith" in target.read_text()
    assert os.listdir(elsewhere) == [target.name]  # no temporary file left


def test_a_body_linked_from_outside_the_bodies_directory_is_neither_read_nor_edited(scratch: Path, tmp_path: Path, cli):
    """Issue 30: a link out of the bodies directory (outside git: the directory itself) is refused, Y010."""
    elsewhere = tmp_path / "real"
    elsewhere.mkdir()
    target = elsewhere / f"{BODY}.yaml"
    link = scratch / f"{BODY}.yaml"
    link.rename(target)
    link.symlink_to(target)
    before = target.read_bytes()
    result = _edit(cli, scratch)
    assert result.exit_code == 2 and "does not validate" in result.stderr
    assert target.read_bytes() == before
    checked = cli("--bodies", str(scratch), "validate")
    assert checked.exit_code == 1 and "Y010 a symbolic link to" in checked.stdout


def test_hard_links_mode_and_owner_are_kept(scratch: Path, tmp_path: Path, cli):
    path = scratch / f"{BODY}.yaml"
    other = tmp_path / "hardlink.yaml"
    os.link(path, other)
    path.chmod(0o640)
    inode = path.stat().st_ino
    assert _edit(cli, scratch).exit_code == 0
    assert path.stat().st_ino == inode and "Jane Smith" in other.read_text()
    assert path.stat().st_mode & 0o777 == 0o640
    assert not [n for n in os.listdir(scratch) if n.startswith(".")]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_owner_is_kept(scratch: Path, cli):
    path = scratch / f"{BODY}.yaml"
    os.chown(path, 4321, 4321)
    assert _edit(cli, scratch).exit_code == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)
    assert "Jane Smith" in path.read_text()


def test_an_owner_that_cannot_be_given_is_kept_by_writing_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: a\n")
    me = os.geteuid()

    def refuse(*_args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "geteuid", lambda: me + 1)  # the file is someone else's, as this user sees it
    monkeypatch.setattr(os, "fchown", refuse)
    inode = os.stat(path).st_ino
    replace_contents(path, b"id: b\n", expected=b"id: a\n")
    assert path.read_bytes() == b"id: b\n" and os.stat(path).st_ino == inode
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_replace_contents_needs_no_unix_only_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """On Windows there is no os.fchmod (before Python 3.13), os.fchown, os.geteuid or os.getegid."""
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: a\n")
    path.chmod(0o640)
    for name in ("fchmod", "fchown", "geteuid", "getegid"):
        monkeypatch.delattr(os, name, raising=False)
    replace_contents(path, b"id: b\n", expected=b"id: a\n")
    assert path.read_bytes() == b"id: b\n" and path.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_a_read_only_body_is_refused(scratch: Path, cli):
    path = scratch / f"{BODY}.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    result = _edit(cli, scratch)
    assert result.exit_code == 2
    assert "is read-only (mode 0444); nothing was written" in result.stderr
    assert path.read_bytes() == before


def test_replace_contents_refuses_changed_bytes(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: a\n")
    with pytest.raises(ChangedWhileEditing):
        replace_contents(path, b"id: b\n", expected=b"id: old\n")
    assert path.read_bytes() == b"id: a\n"
    with pytest.raises(UsageError, match="not a regular file"):
        replace_contents(tmp_path, b"x", expected=b"")


def test_output_to_an_empty_name_is_refused_clearly(cli, tmp_path: Path):
    """Item 13: `--output ""` gets a plain refusal, not "Device or resource busy", and nothing is written."""
    result = cli("schema", "--output", "", cwd=tmp_path)
    assert result.exit_code == 2
    assert "--output is empty; give a file, a directory (ending in /), or - to print" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_killed_edit_leaves_a_whole_file_and_no_lock(scratch: Path):
    """SIGKILL at random points: the file is always the old or the new text, and the next edit is not blocked."""
    import random
    import signal

    rng = random.Random(13)
    before = load_tree(scratch).bodies[BODY].member("dcs").holder
    for k in range(6):
        child = _spawn(["--bodies", str(scratch), "member", "update", BODY, "dcs", "--holder", f"Holder {k}"])
        time.sleep(rng.uniform(0.0, 0.5))
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        tree = load_tree(scratch)
        assert BODY in tree.bodies, [f for f in tree.findings if f.severity == "error"]
        holder = tree.bodies[BODY].member("dcs").holder
        assert holder in (before, f"Holder {k}")
        before = holder
    done = _spawn(["--bodies", str(scratch), "member", "update", BODY, "dcs", "--holder", "Last Holder"])
    done.join(20)
    assert done.exitcode == 0 and load_tree(scratch).bodies[BODY].member("dcs").holder == "Last Holder"


# ---------------------------------------------------------------- portability: Linux, macOS and Windows


def test_no_module_imports_fcntl():
    """Edits lock through filelock, which works on Windows too; `fcntl` exists only on Unix."""
    import ast

    src = Path(__file__).resolve().parent.parent / "src"
    found = []
    for path in sorted(src.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [node.value]
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
                else []
            )
            found += [f"{path.relative_to(src)}:{node.lineno}" for name in names if name.split(".")[0] == "fcntl"]
    assert not found, f"fcntl is Unix-only; lock through filelock instead: {found}"
