"""One-line summaries of bodies for listings: chair, cadence and quorum in words (`rules.words`)."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Agency, Body
from ..rules.words import describe_cadence, describe_chair, quorum_in_brief


def body_summary(body: Body, agencies: Mapping[str, Agency]) -> dict[str, object]:
    return {
        "id": body.id,
        "name": body.name,
        "short_name": body.short_name,
        "status": body.status,
        "partnership": body.partnership,
        "members": len(body.members),
        "chair": describe_chair(body),
        "chair_short": describe_chair(body, short=True),
        "cadence": describe_cadence(body.meetings.cadence),
        "quorum": quorum_in_brief(body, agencies),
    }
