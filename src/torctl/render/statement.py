"""The site's publisher settings (`site.toml` beside the bodies) and its accessibility statement.

English public bodies must publish an accessibility statement for their websites (the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018). The
statement `torctl site` writes (`accessibility.html`) follows the sections of GOV.UK's model
statement: who runs the site and how accessible it is, what is not accessible and why, how to ask
for another format, how to report a problem, the enforcement procedure, the compliance status and
when the statement was prepared. What torctl knows about its own output (no scripts, tagged PDF/UA-1
documents, tables that scroll in their own region, calendars and data files that are not for reading)
comes from torctl; what only the publisher knows (who runs the site, how to contact them, when they last
tested it and what they found) comes from the settings. A setting that is missing is shown on the
statement as a gap, in words that say what to give; it is never filled with a guess.

`site.toml` (TOML, so it is never read as a body) may hold, all optional:

    [site]
    title = "Solihull Safeguarding Children Partnership: terms of reference"
    base_url = "https://example.org/partnership/"
    publisher = "Solihull Safeguarding Children Partnership"
    contact = "partnership@example.org"      # an email address, or an https:// page
    phone = "0121 000 0000"
    response_days = 10                       # how soon a request for another format is answered
    last_tested = 2026-11-20                 # the publisher's last accessibility test of the site
    tested_by = "the partnership's web team"
    compliance = "partial"                   # full, partial or not: the publisher's own judgement
    non_compliant = ["..."]                  # with partial or not: what fails and why, one item each
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..rules.words import plain_date

SETTINGS_FILE = "site.toml"
COMPLIANCE = {
    "full": "fully compliant",
    "partial": "partially compliant",
    "not": "not compliant",
}


@dataclass(frozen=True)
class SiteSettings:
    """What the publisher tells `torctl site`, from `site.toml` and the command's options."""

    title: str | None = None
    base_url: str | None = None
    publisher: str | None = None
    contact: str | None = None
    phone: str | None = None
    response_days: int | None = None
    last_tested: dt.date | None = None
    tested_by: str | None = None
    compliance: str | None = None
    non_compliant: tuple[str, ...] = field(default_factory=tuple)
    source: str | None = None  # where the settings file is (or would be), as the user would type it

    def merged(self, **given: Any) -> SiteSettings:
        """These settings with each value of `given` that is not None in its place (a command's options)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update({k: v for k, v in given.items() if v is not None})
        return SiteSettings(**values)


_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "base_url": (str,),
    "publisher": (str,),
    "contact": (str,),
    "phone": (str,),
    "response_days": (int,),
    "last_tested": (dt.date,),
    "tested_by": (str,),
    "compliance": (str,),
    "non_compliant": (list,),
}


def _check(shown: str, key: str, value: Any) -> Any:
    """`value` for `key`, or a DataError naming the file and key: nothing is coerced or dropped."""
    expected = _TYPES.get(key)
    if expected is None:
        known = ", ".join(sorted(_TYPES))
        raise DataError(f"{shown}: [site] has an unknown setting '{key}'; the settings are {known}")
    if isinstance(value, bool) or not isinstance(value, expected) or isinstance(value, dt.datetime):
        kind = {str: "text", int: "a whole number", dt.date: "a date like 2026-11-20", list: "a list of text"}
        raise DataError(f"{shown}: [site] {key} must be {kind[expected[0]]}, not {value!r}")
    value = _as_any(value)
    if isinstance(value, str) and not value.strip():
        raise DataError(f"{shown}: [site] {key} is empty; give a value or leave the line out")
    if key == "response_days" and value < 1:
        raise DataError(f"{shown}: [site] response_days must be 1 or more, not {value}")
    if key == "compliance" and value not in COMPLIANCE:
        raise DataError(f"{shown}: [site] compliance must be one of {', '.join(COMPLIANCE)}, not '{value}'")
    if key == "non_compliant":
        if not all(isinstance(item, str) and item.strip() for item in value):
            raise DataError(f"{shown}: [site] non_compliant must be a list of text, one failure an item")
        return tuple(value)
    return value


def _as_any(value: object) -> Any:
    return value


def load_settings(root: Path, shown_root: str) -> SiteSettings:
    """The settings in `<root>/site.toml`, or none where there is no such file."""
    path = root / SETTINGS_FILE
    shown = f"{shown_root.rstrip('/')}/{SETTINGS_FILE}"
    if not path.is_file():
        return SiteSettings(source=shown)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:  # its message ends "(at line L, column C)"
        raise DataError(f"{shown}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{shown}: cannot be read: {exc}") from None
    extra = sorted(set(data) - {"site"})
    if extra:
        raise DataError(f"{shown}: unknown table or key '{extra[0]}'; the settings go under [site]")
    table = data.get("site", {})
    if not isinstance(table, dict):
        raise DataError(f"{shown}: 'site' must be a table ([site])")
    values = {key: _check(shown, key, value) for key, value in table.items()}
    if values.get("non_compliant") and values.get("compliance") == "full":
        raise DataError(f'{shown}: [site] lists non_compliant content but says compliance = "full"')
    return SiteSettings(**values, source=shown)


@dataclass(frozen=True)
class Statement:
    """The accessibility statement's content; the template lays it out. A gap is a missing setting, in words."""

    site_name: str
    publisher: str | None
    contact: str | None
    contact_href: str | None
    phone: str | None
    response_days: int | None
    compliance: str | None
    non_compliant: tuple[str, ...]
    last_tested: str | None
    tested_by: str | None
    prepared: str
    pdf: bool
    gaps: dict[str, str]  # each missing setting, and the sentence the statement shows for it


def contact_href(contact: str) -> str | None:
    """A link for the contact: mailto: for an email address, the address itself for a web page."""
    if contact.startswith(("https://", "http://")):
        return contact
    if "@" in contact and " " not in contact:
        return f"mailto:{contact}"
    return None


def build_statement(settings: SiteSettings, site_name: str, prepared: str, *, pdf: bool) -> Statement:
    """The statement from the settings; each missing setting the regulations need becomes a gap to show."""
    where = f"{SETTINGS_FILE} beside the bodies"  # the page names no local path: it is published
    gaps: dict[str, str] = {}  # the missing setting -> what the statement says about it
    if not settings.contact:
        gaps["contact"] = (
            f"No contact is given for requests and complaints: set contact in {where}. "
            "The regulations require one before the site is published."
        )
    if not settings.publisher:
        gaps["publisher"] = f"The site does not say who runs it: set publisher in {where}."
    if not settings.last_tested:
        gaps["last_tested"] = (
            f"No accessibility test by the publisher is recorded: set last_tested in {where} "
            "once the site has been tested."
        )
    if not settings.compliance:
        gaps["compliance"] = (
            f"The publisher has not stated how far the site complies with WCAG 2.2 AA: set compliance "
            f'("full", "partial" or "not") in {where} after testing it.'
        )
    elif settings.compliance != "full" and not settings.non_compliant:
        gaps["non_compliant"] = (
            f"The site is stated to be {COMPLIANCE[settings.compliance]}, but non_compliant lists nothing."
        )
    return Statement(
        site_name=site_name,
        publisher=settings.publisher,
        contact=settings.contact,
        contact_href=contact_href(settings.contact) if settings.contact else None,
        phone=settings.phone,
        response_days=settings.response_days,
        compliance=COMPLIANCE.get(settings.compliance or ""),
        non_compliant=settings.non_compliant,
        last_tested=plain_date(settings.last_tested) if settings.last_tested else None,
        tested_by=settings.tested_by,
        prepared=prepared,
        pdf=pdf,
        gaps=gaps,
    )
