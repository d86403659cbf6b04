"""One `Finding` type for every problem torctl reports, and the reporters that print them.

Checks yield findings and never print; commands choose a reporter. Codes are
stable so that users can grep for them and CI can key on them:

- `Y` YAML and file problems (syntax, duplicate keys, aliases, encoding, empty);
- `S` schema problems (unknown field, missing field, wrong type or value);
- `R` references that do not resolve, duplicate or mismatched ids;
- `Q` quorum rules that the body's own membership can never meet;
- `D` dates that contradict each other;
- `A` attendance records whose names, posts or substitutes do not resolve.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal
from collections.abc import Iterable

Severity = Literal["error", "warning"]

CODES: dict[str, str] = {
    "Y001": "YAML syntax error",
    "Y002": "duplicate key",
    "Y003": "anchors and aliases are not allowed",
    "Y004": "file is not UTF-8 text",
    "Y005": "file is empty",
    "Y006": "document is not a mapping",
    "Y007": "file is too large",
    "Y008": "file cannot be read",
    "S001": "unknown field",
    "S002": "missing field",
    "S003": "invalid value",
    "R001": "unknown agency",
    "R002": "unknown post",
    "R003": "unknown body",
    "R004": "duplicate id",
    "R005": "id does not match file name",
    "R006": "membership class not defined",
    "R007": "reporting lines disagree",
    "R008": "more than one term calendar for a body",
    "R009": "term dates for a body that does not meet in term time",
    "Q001": "quorum can never be met",
    "Q002": "quorum is met with nobody present",
    "D001": "dates out of order",
    "A001": "attendance names an unknown body or agency",
    "A002": "attendance names an unknown or ambiguous person",
    "A003": "attendance names a vacant post",
    "A004": "attendance lists a person twice",
    "A005": "two records of one meeting",
    "T001": "TODO marker left in a value",
}


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at a place in a file. `line` and `column` are 1-based, or None for the whole file."""

    path: str
    line: int | None
    column: int | None
    code: str
    message: str
    severity: Severity = "error"

    def location(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["title"] = CODES.get(self.code, "")
        return data


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.column or 0, f.code, f.message))


def format_text(findings: list[Finding]) -> str:
    """`file:line:col: error S001 message`, one per line, the form editors and grep understand."""
    return "\n".join(f"{f.location()}: {f.severity} {f.code} {f.message}" for f in findings)


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
        title = f"{f.code} {CODES.get(f.code, '')}".strip()
        props.append(f"title={_gh_escape(title, prop=True)}")
        lines.append(f"::{f.severity} {','.join(props)}::{_gh_escape(f.message)}")
    return "\n".join(lines)


def format_json(findings: list[Finding], **extra: object) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    payload = {
        **extra,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [f.to_dict() for f in findings],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


# --- CI reporters: SARIF for code scanning, JUnit for other CI systems, a GitHub step summary -------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
GITHUB_ANNOTATIONS_PER_TYPE = 10  # GitHub shows at most this many annotations of each severity per step


def format_sarif(findings: list[Finding], *, version: str) -> str:
    """SARIF 2.1.0: one rule per code (stable ids, so code scanning keeps alerts matched across runs), paths
    relative to the repository as torctl displays them."""
    codes = sorted({f.code for f in findings} | set(CODES))
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {"id": code, "name": CODES.get(code, code), "shortDescription": {"text": CODES.get(code, code)}}
        for code in codes
    ]
    results = []
    for f in findings:
        location: dict[str, object] = {"artifactLocation": {"uri": f.path.replace("\\", "/")}}
        if f.line is not None:
            location["region"] = {"startLine": f.line, "startColumn": f.column or 1}
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": "error" if f.severity == "error" else "warning",
                "message": {"text": f.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "torctl", "version": version, "rules": rules}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def format_junit(findings: list[Finding], *, files: list[str]) -> str:
    """JUnit XML: one test case per file checked, failing with its findings (warnings fail only when `strict`
    is applied by the caller's exit code; they are listed as system-out)."""
    from xml.sax.saxutils import escape, quoteattr

    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    names = list(dict.fromkeys([*files, *by_file]))
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
        f"{errors} error{'s' if errors != 1 else ''}, {len(findings) - errors} warning{'s' if len(findings) - errors != 1 else ''}"
        f" (GitHub shows at most {GITHUB_ANNOTATIONS_PER_TYPE} annotations of each kind; all are listed here).",
        "",
        "| where | severity | code | message |",
        "|---|---|---|---|",
    ]
    for f in findings:
        cells = [f.location(), f.severity, f.code, f.message]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"
