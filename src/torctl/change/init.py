"""`torctl init DIR`: start a governance repository for a partnership.

What a business manager needs on day one, and nothing guessed: `bodies/` with an
`agencies.yaml` of the statutory partners they name, one body scaffolded by
`torctl new` (valid at once, TODO markers for `validate --strict`),
`bodies/calendars/` for term dates, the JSON Schemas the body files' modeline
points at, a GitHub Actions workflow that validates every pull request (with
annotations) and comments the plain-English `torctl diff`, a pre-commit config
using the hook torctl ships, and a short README. Never writes over a file.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import __version__
from ..atomic import write_text_atomic
from ..data.paths import display_path
from ..data.schema import schema_text
from ..errors import UsageError
from .scaffold import plain_name, scaffold_text

# The statutory safeguarding partners of a children's safeguarding partnership, as option -> agency kind.
PARTNER_KINDS = {
    "local_authority": "statutory-local-authority",
    "health": "statutory-health",
    "police": "statutory-police",
}
_SHORT = re.compile(r"^(?P<name>.*?)\s*\((?P<short>[^()]+)\)\s*$")


@dataclass(frozen=True)
class Partner:
    """One statutory partner: `NAME` or `NAME (SHORT)` as given, and its kind."""

    id: str
    name: str
    short_name: str | None
    kind: str

    @classmethod
    def parse(cls, text: str, kind: str) -> Partner:
        text = plain_name(text, "an agency name")
        match = _SHORT.match(text)
        name, short = (match["name"], match["short"].strip()) if match else (text, None)
        ident = slug(name)
        if not name or not ident:
            raise UsageError(
                f"'{text}' is not an agency name: give its full name, optionally with a short name, "
                "e.g. 'Solihull Metropolitan Borough Council (SMBC)'"
            )
        return cls(ident, name, short, kind)


def yaml_scalar(value: str) -> str:
    """`value` as one YAML double-quoted scalar, written by the YAML emitter (never by string formatting)."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30).removesuffix("\n")


_URL = re.compile(r"(?:https?|ssh|git|file)://[A-Za-z0-9._~:/?#\[\]@!&'()*+,;=%-]+|[\w.-]+@[\w.-]+:[\w./~-]+")


@dataclass(frozen=True)
class TorctlSource:
    """Where CI installs torctl from (a pip requirement) and where pre-commit fetches its hook (a git URL)."""

    requirement: str
    hook_repo: str | None


def torctl_source(value: str | None, version: str) -> TorctlSource:
    """`--torctl-repo`: a git URL (https://..., ssh://..., git@host:path) or a PEP 508 requirement
    (`torctl @ git+https://...`); anything else, a shell or workflow expression included, is refused."""
    if value is None:
        return TorctlSource(f"torctl=={version}", None)
    refused = UsageError(
        f"'{value}' is not a git URL (https://host/path, ssh://..., git@host:path) or a PEP 508 requirement "
        "(torctl @ git+https://host/path)"
    )
    if any(ch in value for ch in '$`"\\|{}\t\r\n') or not value.isprintable():
        raise refused
    if _URL.fullmatch(value):
        return TorctlSource(f"git+{value}@v{version}", value)
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        requirement = Requirement(value)
    except InvalidRequirement:
        raise refused from None
    if requirement.name.lower() != "torctl":
        raise UsageError(f"'{value}' is a requirement for {requirement.name}, not for torctl")
    url = requirement.url
    hook = url.removeprefix("git+").rsplit("@", 1)[0] if url and url.startswith("git+") else None
    return TorctlSource(str(requirement), hook if hook and _URL.fullmatch(hook) else None)


def slug(text: str) -> str:
    """`Solihull Metropolitan Borough Council` -> `solihull-metropolitan-borough-council`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def agencies_yaml(partners: list[Partner]) -> str:
    lines = [
        "# yaml-language-server: $schema=../schema/agencies.schema.json",
        "# The agencies that bodies refer to by id, started with `torctl init`: the statutory partners as given.",
        "# Add relevant agencies (schools, trusts, probation...) with kind relevant-agency, and so on.",
        "agencies:",
    ]
    for p in partners:
        lines.append(f"  - id: {yaml_scalar(p.id)}")
        lines.append(f"    name: {yaml_scalar(p.name)}")
        if p.short_name:
            lines.append(f"    short_name: {yaml_scalar(p.short_name)}")
        lines.append(f"    kind: {yaml_scalar(p.kind)}")
    return "\n".join(lines) + "\n"


def workflow_yaml(install: str) -> str:
    """The CI workflow; the install step's command is shell-quoted, then written by the YAML emitter."""
    command = yaml_scalar(f"python -m pip install --quiet {shlex.quote(install)}")
    return f"""\
# torctl: check the terms of reference on every pull request, and say in plain English what it changes.
name: torctl
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  pull-requests: write
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install torctl   # from a package index, or git+URL of torctl's repository (torctl init --torctl-repo URL)
        run: {command}
      - name: Validate (each finding is an annotation on its line; all of them in the job summary when there are many)
        run: torctl validate
      - name: Summarise the changes for the board
        if: github.event_name == 'pull_request'
        run: torctl diff --git "origin/${{{{ github.base_ref }}}}" --format md > torctl-diff.md
      - name: Comment the summary on the pull request
        if: github.event_name == 'pull_request'
        env:
          GH_TOKEN: ${{{{ github.token }}}}
          PR: ${{{{ github.event.pull_request.number }}}}
        run: gh pr comment "$PR" --body-file torctl-diff.md --edit-last || gh pr comment "$PR" --body-file torctl-diff.md
"""  # noqa: E501 -- the workflow as the user reads it


def precommit_yaml(repo: str | None) -> str:
    if repo:
        return f"""\
# pre-commit: `pip install pre-commit && pre-commit install`, then every commit is validated.
repos:
  - repo: {yaml_scalar(repo)}
    rev: {yaml_scalar("v" + __version__)}
    hooks:
      - id: torctl-validate   # the hook torctl ships in its .pre-commit-hooks.yaml
        files: ^bodies/
"""
    return """\
# pre-commit: `pip install pre-commit && pre-commit install`, then every commit is validated.
# This runs the torctl installed on your machine, as the hook torctl ships does (`torctl init
# --torctl-repo URL` writes the form that fetches torctl's own hook from its repository instead).
repos:
  - repo: local
    hooks:
      - id: torctl-validate
        name: torctl validate
        entry: torctl validate
        language: system
        files: ^bodies/.*\\.ya?ml$
        pass_filenames: true
        require_serial: true
"""


def readme_md(partnership: str, body_id: str, partners: list[Partner]) -> str:
    names = "\n".join(
        f"- {p.name}" + (f" ({p.short_name})" if p.short_name else "") + f": `{p.id}`, {p.kind}" for p in partners
    )
    return f"""\
# {partnership}: terms of reference

The terms of reference of {partnership}'s boards, kept as YAML and checked by torctl {__version__}.

- `bodies/` holds one file per body and `agencies.yaml`, the agencies they refer to. The statutory partners:
{names}
- `bodies/{body_id}.yaml` was started with `torctl new`: replace each TODO with what the ToR says
  (`torctl validate --strict` lists those left). Add more bodies with `torctl new ID`.
- `bodies/calendars/` is for term dates and closure days, where a body meets in term time.
- `schema/` holds the JSON Schemas the files' first line points editors at.

Every pull request is validated, and the plain-English summary of what it changes is posted on it
(`.github/workflows/torctl.yml`). Locally:

```sh
torctl validate            # every file, with file:line:column
torctl diff                # what the working tree changes, against the last commit
torctl review-due          # which ToRs are due for review
```
"""


def init_repository(
    directory: Path,
    *,
    partnership: str,
    body_id: str | None,
    body_name: str | None,
    short_name: str | None,
    partners: list[Partner],
    torctl_repo: str | None = None,
    install: str | None = None,
) -> list[Path]:
    """Write the new repository's files into `directory`; return them. Refuses to write over any file.

    `partners` names at least one statutory partner (the CLI asks for them by kind).
    """
    if not partners:
        raise ValueError("a partnership's repository starts with at least one statutory partner")
    partnership = plain_name(partnership, "the partnership's name")
    if not slug(partnership):
        raise UsageError(f"'{partnership}' is not a partnership's name: give its full name")
    body_name = None if body_name is None else plain_name(body_name, "the body's name")
    short_name = None if short_name is None else plain_name(short_name, "the body's short name")
    seen: dict[str, Partner] = {}
    for p in partners:
        if p.id in seen:
            raise UsageError(f"two partners would share the id '{p.id}': '{seen[p.id].name}' and '{p.name}'")
        seen[p.id] = p
    body = body_id or slug(partnership)
    source = torctl_source(torctl_repo, __version__)
    spec = install or source.requirement
    files = {
        "bodies/agencies.yaml": agencies_yaml(partners),
        f"bodies/{body}.yaml": scaffold_text(body, name=body_name, short_name=short_name, partnership=partnership),
        "bodies/calendars/README.md": (
            "Term dates and closure days, one YAML file each (see torctl's docs/calendar.md). "
            "torctl never invents them:\n"
            "a body that meets in term time only is not scheduled until its term dates are here.\n"
        ),
        "schema/body.schema.json": schema_text("body"),
        "schema/agencies.schema.json": schema_text("agencies"),
        "schema/record.schema.json": schema_text("record"),
        "schema/calendar.schema.json": schema_text("calendar"),
        ".github/workflows/torctl.yml": workflow_yaml(spec),
        ".pre-commit-config.yaml": precommit_yaml(source.hook_repo),
        "README.md": readme_md(partnership, body, partners),
    }
    existing = [name for name in files if os.path.lexists(directory / name)]  # a dangling link is a file too
    if existing:
        raise UsageError(
            f"{display_path(directory)} already has {', '.join(existing)}; torctl init never overwrites a file"
        )
    folders = sorted({str(Path(name).parent) for name in files} - {"."})
    for folder in (f for name in folders for f in _parts(name)):
        if os.path.islink(directory / folder):
            raise UsageError(
                f"{display_path(directory / folder)} is a symbolic link; torctl init writes only into folders of "
                f"{display_path(directory)} itself"
            )
    written = []
    for name, text in files.items():
        path = directory / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create {display_path(path.parent)}: {exc.strerror or exc}") from None
        write_text_atomic(path, text)
        written.append(path)
    return written


def _parts(folder: str) -> list[str]:
    """`a/b/c` -> `a`, `a/b`, `a/b/c`."""
    parts = Path(folder).parts
    return [str(Path(*parts[: i + 1])) for i in range(len(parts))]
