"""The JSON Schema of torctl's files, generated from the models (the single source of truth)."""

from __future__ import annotations

import json

from pydantic import BaseModel

from ..model import AgencyRegistry, Body

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: str) -> dict[str, object]:
    models: dict[str, type[BaseModel]] = {"body": Body, "agencies": AgencyRegistry}
    model = models[kind]
    data = model.model_json_schema(by_alias=True, mode="validation")
    title = "torctl terms of reference" if kind == "body" else "torctl agency registry"
    return {"$schema": SCHEMA_URL, "title": title, **{k: v for k, v in data.items() if k != "title"}}


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
