"""`torctl import moderngov`: meeting records from a council's ModernGov web service (one GetMeeting response,
a saved file or an address, or a committee's meetings between two dates).

The command is mounted under `torctl import` by `cli.imports`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .app import state
from .options import DATE_HELP, TEXT_OR_JSON, TextOrJson, complete_body, date_option
from .output import echo, echo_err

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Mapping

    from ..meetings.moderngov import Imported
    from ..meetings.moderngov_service import Service
    from ..model import Agency, Body


def import_moderngov(
    ctx: typer.Context,
    body_id: str = typer.Option(
        ...,
        "--body",
        metavar="ID",
        help="The body the meetings are of (its id or short name); ModernGov's committee title must name it.",
        autocompletion=complete_body,
        show_default=False,
    ),
    meeting: str | None = typer.Option(
        None,
        "--meeting",
        metavar="FILE|URL",
        help="One GetMeeting response: a saved file, or its address "
        "(<site>/mgWebService.asmx/GetMeeting?lMeetingId=N).",
        show_default=False,
    ),
    committee: str | None = typer.Option(
        None,
        "--committee",
        metavar="ID",
        help="Fetch the committee's meetings from --from to --to (ModernGov's committee id; -1: every committee, "
        "keeping those of the body).",
        show_default=False,
    ),
    start: str | None = typer.Option(None, "--from", metavar="DATE", help=f"With --committee: {DATE_HELP}."),
    end: str | None = typer.Option(None, "--to", metavar="DATE", help=f"With --committee: {DATE_HELP}."),
    base_url: str | None = typer.Option(
        None,
        "--base-url",
        metavar="URL",
        help="With --committee: the council's ModernGov site, e.g. https://democracy.example.gov.uk.",
        show_default=False,
    ),
    timeout: float = typer.Option(30.0, "--timeout", min=1, max=600, metavar="SECONDS", help="Per request."),
    force: bool = typer.Option(False, "--force", help="Write over a record that exists already."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the records; write nothing."),
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """Import meeting records from ModernGov: attendance, and decisions with their text.

    Writes <bodies>/attendance/<body>/<date>.yaml for each meeting. People are matched to the body's posts by
    holder name and role; one who matches none, or an attendance value torctl does not map, is a finding, kept
    in the record's notes. ModernGov holds no votes or declarations, so the record says so and `meeting check`
    answers 'cannot tell' until they are added from the minutes.
    Exit 0 written, 1 written with findings, 2 bad input (nothing written).

    Example: torctl import moderngov --body licensing-committee --meeting getmeeting.xml --dry-run
    """
    from ..errors import UsageError
    from .loading import meeting_body, resolve_bodies_dir

    if (meeting is None) == (committee is None):
        raise UsageError("give --meeting FILE|URL (one meeting) or --committee ID with --from and --to (several)")
    if meeting is not None and (start or end or base_url):
        raise UsageError("--from, --to and --base-url go with --committee, not --meeting")
    root = resolve_bodies_dir(state(ctx).bodies)
    body, agencies = meeting_body(ctx, body_id)
    if meeting is not None:
        responses = [_one(meeting, timeout)]
        asked = None
    else:
        assert committee is not None
        responses = _committee(body, _service(base_url, timeout), committee, start, end)
        asked = None if committee.strip() == "-1" else committee.strip()
    imported = [_record(body, agencies, data, source, asked) for data, source in responses]
    targets = [root / "attendance" / body.id / f"{i.record['date']}.yaml" for i in imported]
    _report(imported, targets, _write(root, imported, targets, force) if not dry_run else [], format, dry_run)
    raise typer.Exit(1 if any(i.findings for i in imported) else 0)


def _one(meeting: str, timeout: float) -> tuple[bytes, str]:
    """The bytes of one GetMeeting response, from an address or a file."""
    from ..errors import UsageError
    from ..meetings.moderngov import MAX_RESPONSE
    from ..meetings.moderngov_service import fetch

    if meeting.lower().startswith(("http://", "https://")):
        return fetch(meeting, timeout), meeting
    path = Path(meeting)
    if not path.is_file():
        raise UsageError(f"--meeting: no file at '{meeting}' (or give an http(s) address)")
    with path.open("rb") as handle:
        return handle.read(MAX_RESPONSE + 1), meeting


def _service(base_url: str | None, timeout: float) -> Service:
    from ..errors import UsageError
    from ..meetings.moderngov_service import Service, service_url

    if base_url is None:
        raise UsageError("--committee fetches from the council's site: give --base-url URL")
    return Service(service_url(base_url), timeout)


def _committee(
    body: Body, service: Service, committee: str, start_text: str | None, end_text: str | None
) -> list[tuple[bytes, str]]:
    """Each meeting of the committee in the dates, fetched; those of other committees left out under -1."""
    from ..errors import UsageError
    from ..meetings.moderngov import names_committee

    if start_text is None or end_text is None:
        raise UsageError("--committee needs --from DATE and --to DATE (ModernGov is asked for those dates only)")
    start, end = date_option(start_text, "--from"), date_option(end_text, "--to")
    if end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    listed = service.meeting_ids(committee, start, end)
    mine = [(mid, title) for mid, title in listed if names_committee(body, title)]
    others = sorted({title for _, title in listed if not names_committee(body, title)})
    if others and committee.strip() != "-1":
        raise UsageError(
            f"committee {committee} is '{others[0]}' to ModernGov, which does not name {body.id} ({body.name}); "
            "import it for the body it belongs to, or give the body the committee's title as its short_name"
        )
    if others:
        echo_err(f"left out {len(listed) - len(mine)} meeting(s) of other committees: {', '.join(others[:5])}")
    return [service.meeting(mid) for mid, _ in mine]


def _record(body: Body, agencies: Mapping[str, Agency], data: bytes, source: str, committee: str | None) -> Imported:
    """One response as a record, refused (exit 2) if it is no meeting of the body or the record would not read."""
    from pydantic import ValidationError

    from ..errors import UsageError
    from ..meetings.moderngov import check_committee, parse_xml, read_meeting, to_record
    from ..model.records import AttendanceRecord
    from ..rules.meeting import meeting_items

    meeting = read_meeting(parse_xml(data, source), source)
    check_committee(body, meeting, source, committee)
    imported = to_record(body, meeting, source)
    try:
        model = AttendanceRecord.model_validate(imported.record)
    except ValidationError as exc:
        raise UsageError(f"{source}: the meeting does not make a record: {exc.errors()[0]['msg']}") from None
    problems = meeting_items(body, agencies, model).problems
    if problems:
        listed = "\n  ".join(p.message for p in problems)
        raise UsageError(f"{source}: the meeting does not make a record torctl can read:\n  {listed}")
    return imported


def _write(root: Path, imported: list[Imported], targets: list[Path], force: bool) -> list[Path]:
    """Write every record, or none: under the bodies directory's lock, refusing to replace one without --force."""
    from ..atomic import write_text_atomic
    from ..change.lock import edit_lock
    from ..errors import UsageError
    from ..meetings.moderngov import record_text

    if len(set(targets)) != len(targets):
        raise UsageError("two of the meetings are on one date; import them one at a time with --meeting")
    with edit_lock(root):
        existing = [t for t in targets if t.exists()]
        if existing and not force:
            raise UsageError(
                f"{existing[0]} exists already"
                + (f" (and {len(existing) - 1} more)" if len(existing) > 1 else "")
                + "; nothing written; give --force to replace it"
            )
        for target, record in zip(targets, imported, strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, record_text(record))
    return targets


def _report(imported: list[Imported], targets: list[Path], written: list[Path], format: TextOrJson, dry: bool) -> None:
    from ..meetings.moderngov import record_text

    if format is TextOrJson.json:
        from .output import emit_json

        emit_json(
            {
                "records": [
                    {
                        "file": str(target),
                        "written": target in written,
                        "record": record.record,
                        "findings": [f.to_dict() for f in record.findings],
                    }
                    for record, target in zip(imported, targets, strict=True)
                ]
            }
        )
        return
    for record, target in zip(imported, targets, strict=True):
        if dry:
            echo(f"# {target} (not written: --dry-run)")
            echo(record_text(record).rstrip("\n"))
        else:
            echo(f"wrote {target}")
        for found in record.findings:
            echo_err(f"{found.severity} {found.code} {found.message}")
    if not imported:
        echo("no meetings in those dates")
