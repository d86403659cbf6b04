"""The CLI's shared behaviour: help, version, list, show, schema, usage errors."""

from __future__ import annotations

import json

from torctl import __version__


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"torctl {__version__}"


def test_help_lists_commands(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("validate", "list", "show", "schema"):
        assert command in result.stdout


def test_list_json_has_every_body(cli):
    result = cli("list", "--format", "json")
    assert result.exit_code == 0
    from conftest import BODY_IDS

    ids = [row["id"] for row in json.loads(result.stdout)]
    assert ids == sorted(BODY_IDS)


def test_list_text_is_plain_when_piped(cli):
    result = cli("list")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["id", "name", "status", "members", "chair", "meets"]
    assert "solihull-lscp" in result.stdout


def test_show_json_round_trips_the_model(cli, tree):
    from torctl.model import Body

    result = cli("show", "solihull-rdg", "--format", "json")
    assert result.exit_code == 0
    assert Body.model_validate(json.loads(result.stdout)) == tree.bodies["solihull-rdg"]


def test_show_yaml(cli):
    result = cli("show", "solihull-lscp")
    assert result.exit_code == 0
    assert result.stdout.startswith("id: solihull-lscp")


def test_unknown_body_suggests(cli):
    result = cli("show", "solihull-lscpp")
    assert result.exit_code == 2
    assert "did you mean 'solihull-lscp'" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_bodies_directory(cli, tmp_path):
    result = cli("--bodies", str(tmp_path / "nowhere"), "list", cwd=tmp_path)
    assert result.exit_code == 2
    assert "no bodies directory" in result.stderr


def test_bodies_from_environment(cli, monkeypatch, tmp_path):
    from conftest import BODIES

    monkeypatch.setenv("TORCTL_BODIES", str(BODIES))
    result = cli("list", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 8


def test_unknown_option_is_a_usage_error(cli):
    result = cli("list", "--colour")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_schema_is_valid_json_schema(cli):
    import jsonschema

    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_command_is_mapped_to_its_module():
    """main() registers only the running command's module; the map must name every command."""
    from torctl.cli import COMMAND_MODULES, app, register_commands

    register_commands(["--help"])
    names = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    names |= {g.name for g in app.registered_groups}
    assert names == set(COMMAND_MODULES)


def test_command_name_skips_global_options():
    from torctl.cli import _command_name

    assert _command_name(["--bodies", "x", "validate", "-q"]) == "validate"
    assert _command_name(["--version"]) is None


def test_a_broken_body_is_named_as_broken_not_unknown(cli, scratch):
    path = scratch / "solihull-lscp.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("frequency: per-year", "frequency: yearly"), encoding="utf-8"
    )
    for args in (["show", "solihull-lscp"], ["check-quorum", "solihull-lscp", "-p", "dcs"]):
        result = cli("--bodies", str(scratch), *args, cwd=scratch.parent)
        assert result.exit_code == 2
        assert "bodies/solihull-lscp.yaml has 1 error(s)" in result.stderr and "torctl validate" in result.stderr
