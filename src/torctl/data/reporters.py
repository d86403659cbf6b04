"""The reporters that print findings: text, GitHub annotations, JSON, SARIF, JUnit and a job summary.

Checks yield `torctl.findings.Finding`s and never print; a command picks a reporter
by name from `REPORTERS` (as check-jsonschema does). Titles and SARIF rule names
come from the codes themselves (`torctl.findings.Code`), so none can drift.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..findings import Code, Finding


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


@dataclass(frozen=True)
class Run:
    """What a report says besides its findings: the files checked, how many bodies, torctl's version."""

    files: list[str] = field(default_factory=list)
    bodies: int = 0
    version: str = ""


def format_text(findings: list[Finding]) -> str:
    """`file:line:col: error S001 message`, one per line, the form editors and grep understand."""
    return "\n".join(f"{f.location()}: {f.severity} {f.code} {f.text()}" for f in findings)


def _gh_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(findings: list[Finding]) -> str:
    """GitHub Actions workflow commands, so a pull request shows each finding on its line."""
    lines = []
    for f in findings:
        props = [f"file={_gh_escape(f.path, prop=True)}"]
        if f.line is not None:
            props.append(f"line={f.line}")
            props.append(f"col={f.column or 1}")
        title = f"{f.code.value} {f.code.summary}"
        props.append(f"title={_gh_escape(title, prop=True)}")
        lines.append(f"::{f.severity} {','.join(props)}::{_gh_escape(f.text())}")
    return "\n".join(lines)


def format_json(findings: list[Finding], run: Run) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    payload = {
        "files": len(run.files),
        "bodies": run.bodies,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [f.to_dict() for f in findings],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


# --- CI reporters: SARIF for code scanning, JUnit for other CI systems, a GitHub step summary -------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
GITHUB_ANNOTATIONS_PER_TYPE = 10  # GitHub shows at most this many annotations of each severity per step


URI_BASE = "SRCROOT"


def sarif_uri(path: str) -> str:
    """A displayed path as an RFC 3986 relative reference (to `URI_BASE`): `/` separators, and every character
    that is not unreserved or a sub-delimiter percent-encoded from UTF-8 (a space, `#`, `?`, a newline, `%`)."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/").encode("utf-8", "surrogateescape"), safe="/-._~!$&'()*+,;=@")


def format_sarif(findings: list[Finding], run: Run) -> str:
    """SARIF 2.1.0: one rule per code (stable ids, so code scanning keeps alerts matched across runs), paths
    relative to the repository as torctl displays them."""
    codes = sorted(Code)
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code.value,
            "name": code.summary,
            "shortDescription": {"text": code.summary},
            "fullDescription": {"text": code.meaning},
            "help": {"text": f"{code.why} {code.fix}"},
            "defaultConfiguration": {"level": code.severity},
        }
        for code in codes
    ]
    results = []
    for f in findings:
        location: dict[str, object] = {"artifactLocation": {"uri": sarif_uri(f.path), "uriBaseId": URI_BASE}}
        if f.line is not None:
            location["region"] = {"startLine": f.line, "startColumn": f.column or 1}
        results.append(
            {
                "ruleId": f.code.value,
                "ruleIndex": index[f.code],
                "level": "error" if f.severity == "error" else "warning",
                "message": {"text": f.text()},
                "locations": [{"physicalLocation": location}],
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "torctl", "version": run.version, "rules": rules}},
                "originalUriBaseIds": {
                    URI_BASE: {
                        "description": {"text": "The directory torctl was run in (the repository's root in CI)."}
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def format_junit(findings: list[Finding], run: Run) -> str:
    """JUnit XML: one test case per file checked, failing with its findings (warnings fail only when `strict`
    is applied by the caller's exit code; they are listed as system-out)."""
    from xml.sax.saxutils import escape, quoteattr

    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    names = list(dict.fromkeys([*run.files, *by_file]))
    failures = sum(1 for n in names if any(f.severity == "error" for f in by_file.get(n, [])))
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="torctl validate" tests="{len(names)}" failures="{failures}" errors="0">',
        f'  <testsuite name="torctl validate" tests="{len(names)}" failures="{failures}" errors="0" skipped="0">',
    ]
    for name in names:
        found = by_file.get(name, [])
        errors = [f for f in found if f.severity == "error"]
        warnings = [f for f in found if f.severity != "error"]
        lines.append(f'    <testcase classname="torctl.validate" name={quoteattr(name)}>')
        if errors:
            summary = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
            lines.append(
                f'      <failure message={quoteattr(summary)} type="error">{escape(format_text(errors))}</failure>'
            )
        if warnings:
            lines.append(f"      <system-out>{escape(format_text(warnings))}</system-out>")
        lines.append("    </testcase>")
    lines += ["  </testsuite>", "</testsuites>"]
    return "\n".join(lines)


def needs_step_summary(findings: list[Finding]) -> bool:
    """Whether GitHub would hide some annotations: more than it shows of one severity in a step."""
    errors = sum(1 for f in findings if f.severity == "error")
    return max(errors, len(findings) - errors) > GITHUB_ANNOTATIONS_PER_TYPE


def format_step_summary(findings: list[Finding]) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`: every finding, since annotations stop at ten of each kind."""
    errors = sum(1 for f in findings if f.severity == "error")
    lines = [
        "## torctl validate",
        "",
        f"{errors} error{'s' if errors != 1 else ''}, {len(findings) - errors} "
        f"warning{'s' if len(findings) - errors != 1 else ''}"
        f" (GitHub shows at most {GITHUB_ANNOTATIONS_PER_TYPE} annotations of each kind; all are listed here).",
        "",
        "| where | severity | code | message |",
        "|---|---|---|---|",
    ]
    for f in findings:
        cells = [f.location(), f.severity, f.code.value, f.text()]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


Reporter = Callable[[list[Finding], Run], str]

REPORTERS: dict[str, Reporter] = {
    "text": lambda findings, run: format_text(findings),
    "github": lambda findings, run: format_github(findings),
    "json": format_json,
    "sarif": format_sarif,
    "junit": format_junit,
}
"""Every output format of `torctl validate`, by the name `--format` takes."""
