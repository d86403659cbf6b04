"""The project keeps its promises: schemas match the model, the README's commands are CI's."""

from __future__ import annotations

import json
import re

from conftest import ROOT

from torctl.data.schema import schema_text


def test_committed_schemas_match_the_model():
    for kind in ("body", "agencies", "record", "calendar"):
        committed = (ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"regenerate: torctl schema --kind {kind} -o schema/{kind}.schema.json"


def test_every_field_has_a_description():
    def walk(node, path):
        if isinstance(node, dict):
            props = node.get("properties", {})
            for name, spec in props.items():
                assert "description" in spec or "$ref" in spec or "allOf" in spec, f"{path}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for item in node:
                walk(item, path)

    walk(json.loads(schema_text("body")), "body")
    for kind in ("agencies", "record", "calendar"):
        walk(json.loads(schema_text(kind)), kind)


def test_quick_start_is_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n+```sh\n(.*?)```", readme, re.S)
    assert block, "README.md must open with a Quick start code block"
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_bodies_carry_the_schema_modeline():
    for path in (ROOT / "bodies").glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../schema/"), path
