"""The JSON Schema of torctl's files, generated from the models (the single source of truth)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from ..model import AgencyRegistry, Body
from ..model.records import AttendanceRecord, CalendarRecord

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"

# Each kind of file torctl reads, the model it is read as, and its schema's title.
MODELS: dict[str, type[BaseModel]] = {
    "body": Body,
    "agencies": AgencyRegistry,
    "record": AttendanceRecord,
    "calendar": CalendarRecord,
}
TITLES = {
    "body": "torctl terms of reference",
    "agencies": "torctl agency registry",
    "record": "torctl meeting record",
    "calendar": "torctl term dates or closures calendar",
}


def schema_for(kind: str) -> dict[str, object]:
    model = MODELS[kind]
    data = model.model_json_schema(by_alias=True, mode="validation")
    title = TITLES[kind]
    return {"$schema": SCHEMA_URL, "title": title, **{k: v for k, v in data.items() if k != "title"}}


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
