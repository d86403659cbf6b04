"""Shared fixtures: the real bodies, a scratch copy to break, and a CLI runner."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from torctl.data.load import load_tree
from torctl.data.tree import Tree

ROOT = Path(__file__).resolve().parent.parent
BODIES = ROOT / "bodies"
# The eight real bodies, by the ids issue 3 fixes.
BODY_IDS = frozenset(
    {
        "solihull-strategic-quartet",
        "solihull-sscp-executive",
        "sefton-improvement-board",
        "solihull-lscp",
        "solihull-arg",
        "solihull-rdg",
        "solihull-elrag",
        "plymouth-improvement-board",
    }
)


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache directory for the session (torctl writes no cache; a test that plants files there sets its own)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _shared_cache: Path
) -> None:
    """No test may read or write the real home directory, or inherit a bodies setting."""
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_shared_cache))
    monkeypatch.delenv("TORCTL_BODIES", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="session")
def tree() -> Tree:
    """The real bodies, loaded once."""
    loaded = load_tree(BODIES)
    assert not [f for f in loaded.findings if f.severity == "error"], loaded.findings
    return loaded


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A writable copy of the real bodies directory."""
    target = tmp_path / "bodies"
    shutil.copytree(BODIES, target)
    return target


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `torctl ARGS...` in-process through the real entry point; returns exit code and output."""
    from torctl.cli import main

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(["--bodies", str(BODIES), *args] if cwd is None and "--bodies" not in args else list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A writable copy of the example bodies and their meeting records (docs/examples/bodies)."""
    target = tmp_path / "bodies"
    shutil.copytree(ROOT / "docs" / "examples" / "bodies", target)
    return target
