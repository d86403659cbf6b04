"""Recorded meetings as Popolo open data: an event per meeting with its attendees, and for each decision a motion
and, where the record holds the vote, a vote event with its counts and result (Popolo's Event, Motion, VoteEvent
and Count). Whether each decision was validly taken under the ToR, which Popolo has no term for, is under the
`torctl` key of its motion, in the words of `torctl meeting check --all`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..meetings.audit import MeetingAudit

EXTENSION = "torctl"


def _person(body_id: str, seat: Any) -> dict[str, Any]:
    """A Popolo person for someone at the meeting: the post's holder keeps the export's id for them."""
    if seat.capacity == "member" and seat.member is not None and seat.member.holder:
        return {"id": f"person:{body_id}/{seat.member.id}", "name": seat.member.holder}
    return {"name": seat.person}


def recorded_meetings(
    meetings: Sequence[MeetingAudit], base_url: str | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(events, motions, vote events) of the recorded meetings."""
    events, motions, vote_events = [], [], []
    for meeting in meetings:
        body, record = meeting.body, meeting.record
        event_id = f"{body.id}/{record.date.isoformat()}/meeting"
        event: dict[str, Any] = {
            "id": event_id,
            "name": f"{body.short_name or body.name} meeting, {record.date.isoformat()}",
            "classification": "meeting",
            "start_date": record.date.isoformat(),
            "status": "held",
            "organization_id": body.id,
            "attendees": [_person(body.id, seat) for seat in meeting.there.attendance.seats],
        }
        if record.place:
            event["location"] = record.place
        if base_url:
            event["sources"] = [{"url": f"{base_url}bodies/{body.id}-meetings.html", "note": "meetings page"}]
        event[EXTENSION] = {
            "record": meeting.file,
            "quorate": meeting.there.quorate,
            "apologies": meeting.apologies(),
            "not_recorded": list(record.not_recorded),
        }
        events.append(event)
        for index, decision in enumerate(meeting.decisions):
            verdict = meeting.verdict.items[int(decision.loc[1])]
            motion_id = f"{event_id}/item-{decision.number}"
            outcome = verdict.outcome
            motion: dict[str, Any] = {
                "id": motion_id,
                "organization_id": body.id,
                "legislative_session_id": event_id,
                "text": decision.text,
                "identifier": f"{decision.number}. {decision.title}",
            }
            if outcome is not None:
                motion["result"] = "pass" if outcome.carried else "fail"
            motion[EXTENSION] = {
                "valid": decision.to_dict()["valid"],
                "answer": decision.answer,
                "reasons": decision.reasons,
            }
            motions.append(motion)
            vote = verdict.item.decision.vote if verdict.item.decision else None
            if vote is None or outcome is None:
                continue
            votes_for, against, abstain = vote.tally()
            counts = [{"option": "yes", "value": votes_for}, {"option": "no", "value": against}]
            if abstain:
                counts.append({"option": "abstain", "value": abstain})
            vote_event: dict[str, Any] = {
                "id": f"{motion_id}/vote-{index + 1}",
                "organization_id": body.id,
                "legislative_session_id": event_id,
                "motion_id": motion_id,
                "result": "pass" if outcome.carried else "fail",
                "counts": counts,
            }
            vote_event[EXTENSION] = {"casting": vote.casting, "summary": outcome.summary}
            vote_events.append(vote_event)
    return events, motions, vote_events
