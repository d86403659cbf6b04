"""Template overrides (--templates, then templates/ beside the bodies, then built-in) and template errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from torctl.render.env import BUILTIN_DIR, Templates, template_dirs

REPO = Path(__file__).resolve().parent.parent


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_templates_ship_in_the_package_and_the_repository_links_to_them():
    assert (BUILTIN_DIR / "tor.typ.j2").is_file()
    assert BUILTIN_DIR.parent.name == "torctl"  # inside the package, installed or not
    assert (REPO / "templates").resolve() == (REPO / "src" / "torctl" / "templates").resolve()


def test_search_order(tmp_path):
    bodies = tmp_path / "repo" / "bodies"
    bodies.mkdir(parents=True)
    beside = tmp_path / "repo" / "templates"
    beside.mkdir()
    option = tmp_path / "mine"
    option.mkdir()
    assert template_dirs(option, bodies) == [option, beside.resolve(), BUILTIN_DIR]
    assert template_dirs(None, bodies) == [beside.resolve(), BUILTIN_DIR]
    # In this repository templates/ is the built-in set (installed or editable, the same files).
    in_repo = template_dirs(None, REPO / "bodies")
    assert in_repo[-1] == BUILTIN_DIR
    assert {d.resolve() for d in in_repo} <= {BUILTIN_DIR, (REPO / "src" / "torctl" / "templates").resolve()}


def test_templates_beside_the_bodies_override_the_builtin_ones(cli, scratch):
    write(scratch.parent / "templates", "tor.md.j2", "beside: {{ doc.name }}\n")
    result = cli("--bodies", str(scratch), "render", "solihull-arg", "-f", "md", "-o", "-")
    assert result.stdout == "beside: Assurance and Review Group\n"
    # Other formats still come from the built-in templates.
    assert cli("--bodies", str(scratch), "render", "solihull-arg", "-f", "html", "-o", "-").stdout.startswith(
        "<!DOCTYPE html>"
    )


def test_templates_option_comes_first(cli, scratch, tmp_path):
    write(scratch.parent / "templates", "tor.md.j2", "beside\n")
    mine = tmp_path / "mine"
    write(mine, "tor.md.j2", "option: {{ doc.short_name }}\n")
    result = cli("--bodies", str(scratch), "render", "solihull-arg", "-f", "md", "-o", "-", "--templates", str(mine))
    assert result.stdout == "option: ARG\n"


def test_a_user_partial_changes_every_document_that_includes_it(cli, tmp_path):
    mine = tmp_path / "mine"
    write(mine, "_style.html.j2", "<style>body { color: rebeccapurple; }</style>\n")
    result = cli("render", "solihull-arg", "-f", "html", "-o", "-", "--templates", str(mine))
    assert "rebeccapurple" in result.stdout and "@media print" not in result.stdout


def test_a_user_template_can_extend_the_builtin_one(cli, tmp_path):
    mine = tmp_path / "mine"
    write(
        mine,
        "tor.html.j2",
        '{% extends "builtin/tor.html.j2" %}{% block title %}Custom {{ doc.short_name }}{% endblock %}',
    )
    result = cli("render", "solihull-arg", "-f", "html", "-o", "-", "--templates", str(mine))
    assert "<title>Custom ARG</title>" in result.stdout
    assert "1. Purpose" in result.stdout


def test_missing_templates_directory(cli, tmp_path):
    result = cli("render", "solihull-arg", "-f", "md", "-o", "-", "--templates", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f"error: no templates directory at '{tmp_path / 'nowhere'}' (from --templates)\n"


@pytest.mark.parametrize(
    "name, text, line, message",
    [
        (
            "tor.md.j2",
            "# {{ doc.name }}\n\n{% for x in doc.members %}\n{{ x.post }\n{% endfor %}\n",
            4,
            "unexpected '}'",
        ),
        ("tor.md.j2", "ok\nok\n{{ doc.nmae }}\n", 3, "has no attribute 'nmae'"),
        ("tor.md.j2", "ok\n{{ doc.name.__class__ }}\n", 2, "__class__"),
        ("tor.md.j2", "{% include '_part.md.j2' %}\n", 2, "'missing' is undefined"),
        ("tor.typ.j2", "{{ doc.name|tojson }}\n", 1, "not available in Typst templates"),
    ],
)
def test_template_errors_name_the_file_and_line(cli, tmp_path, name, text, line, message):
    mine = tmp_path / "mine"
    write(mine, "_part.md.j2", "fine\n{{ missing }}\n")
    path = write(mine, name, text)
    failing = mine / "_part.md.j2" if "include" in text else path
    fmt = name.split(".")[1]
    result = cli("render", "solihull-arg", "-f", fmt, "-o", "-", "--templates", str(mine))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: template error in ")
    assert f"{failing.name}:{line}: " in result.stderr
    assert message in result.stderr


def test_unknown_template(tmp_path):
    from torctl.errors import UsageError

    with pytest.raises(UsageError, match=r"template 'nope\.md\.j2' not found"):
        Templates.find(tmp_path).render("nope.md.j2")


def test_typst_errors_point_at_the_generated_source(cli, tmp_path):
    mine = tmp_path / "mine"
    write(mine, "tor.typ.j2", "= {{ doc.name }}\n\n#unknown-function()\n")
    result = cli("render", "solihull-arg", "-f", "pdf", "-o", f"{tmp_path / 'out'}/", "--templates", str(mine))
    assert result.exit_code == 2
    assert "Typst could not typeset the terms of reference of solihull-arg at line 3" in result.stderr
    assert "--format typ" in result.stderr
