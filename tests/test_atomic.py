"""Atomic writes: a failure part-way leaves the original file intact and no temporary file behind."""

from __future__ import annotations

import os

import pytest

from torctl.atomic import write_text_atomic
from torctl.errors import UsageError


def test_writes_and_keeps_permissions(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_new_files_get_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "new.pdf", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.pdf").stat().st_mode & 0o777 == 0o644


def test_failure_part_way_leaves_the_original(tmp_path, monkeypatch):
    target = tmp_path / "a.yaml"
    target.write_text("# keep me\nid: a\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UsageError, match="No space left on device"):
        write_text_atomic(target, "truncated")
    assert target.read_text(encoding="utf-8") == "# keep me\nid: a\n"
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_missing_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        write_text_atomic(tmp_path / "nowhere" / "a.yaml", "x")


def test_schema_output_is_written_atomically(cli, tmp_path):
    result = cli("schema", "--output", str(tmp_path / "s.json"))
    assert result.exit_code == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8").startswith("{")
    assert cli("schema", "--output", str(tmp_path / "no" / "s.json")).exit_code == 2
