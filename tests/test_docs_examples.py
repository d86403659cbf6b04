"""Every console example in README.md and docs/ runs as shown (issue 15, item 1).

Each `$ ` line of a ```console block is run, file by file in document order, in a fresh copy of the
repository (its tracked files, committed to a new git repository so `torctl diff --git HEAD` has a HEAD),
as a reader following that page would; the lines after it, up to the next `$ ` line or the end of the
block, must be exactly what it prints (stdout and stderr, in that order). Dates are pinned by the
examples' own flags (`--from`, `--as-of`, `--meeting`...). `torctl` runs in-process; `echo $?` prints
the last exit code; other commands (`git`, `sed`, `head`) run as processes.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

PAGES = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def examples(page: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs, in page order."""
    pairs: list[tuple[str, str]] = []
    for block in _BLOCK.findall((ROOT / page).read_text(encoding="utf-8")):
        command, lines = None, []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    pairs.append((command, "\n".join(lines)))
                command, lines = line[2:], []
            else:
                lines.append(line)
        if command is not None:
            pairs.append((command, "\n".join(lines)))
    return pairs


def matches(expected: str, got: str) -> bool:
    """Equal line for line, where a line `...` in the example stands for any number of lines left out."""
    pattern = "".join(r"(?:[^\n]*\n)*?" if line == "..." else re.escape(line) + r"\n" for line in expected.split("\n"))
    return re.fullmatch(pattern, got + "\n") is not None


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=False)
    if listed.returncode == 0:
        names = list(filter(None, listed.stdout.split("\0")))
    else:  # not a git checkout (an unpacked source archive): every file but the virtual environment
        names = [
            str(p.relative_to(ROOT))
            for p in ROOT.rglob("*")
            if not p.is_dir() and not {".venv", ".git"} & set(p.relative_to(ROOT).parts)
        ]
    source = tmp_path_factory.mktemp("source")
    for name in names:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_symlink():
            target.symlink_to(os.readlink(ROOT / name))
        elif (ROOT / name).is_file():
            shutil.copyfile(ROOT / name, target)
    return source


@pytest.mark.parametrize("page", PAGES)
def test_console_examples_run_as_shown(page, fresh_copy, tmp_path, capsys, monkeypatch):
    from torctl.cli import main

    repo = tmp_path / "repo"
    shutil.copytree(fresh_copy, repo, symlinks=True)
    git = ["git", "-c", "user.name=docs", "-c", "user.email=docs@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "fresh copy"], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    last = 0
    failures = []
    for command, expected in examples(page):
        words = shlex.split(command)
        if words[0] == "torctl":
            buffer = io.StringIO()  # one stream for both, interleaved as on a terminal
            with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
                last = main(words[1:])
            got = buffer.getvalue().rstrip("\n")
        elif words == ["echo", "$?"]:
            got = str(last)
        else:
            run = subprocess.run(command, shell=True, cwd=repo, capture_output=True, text=True, timeout=60, check=False)
            last, got = run.returncode, (run.stdout + run.stderr).rstrip("\n")
        if not matches(expected.rstrip("\n"), got):
            failures.append(f"$ {command}\n--- expected\n{expected}\n--- got\n{got}")
    assert not failures, f"{page}: {len(failures)} example(s) differ:\n\n" + "\n\n".join(failures)
