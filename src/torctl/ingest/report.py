"""What an import read and what is left to do, as data (for `--format json`) and as lines of text."""

from __future__ import annotations

from typing import Any

from .draft import ImportResult


def as_data(result: ImportResult, files: list[str] | None, dry_run: bool) -> dict[str, Any]:
    outline = result.outline
    kinds: dict[str, int] = {}
    for block in outline.blocks:
        kinds[block.kind] = kinds.get(block.kind, 0) + 1
    bodies = []
    for index, draft in enumerate(result.drafts):
        questions = draft.questions
        bodies.append(
            {
                "id": draft.body_id,
                "name": draft.name,
                "file": files[index] if files else None,
                "members": len(draft.data["members"]),
                "sections": draft.sections,
                "to_do": sum(1 for q in questions if q["kind"] == "to-do"),
                "to_confirm": sum(1 for q in questions if q["kind"] == "confirm"),
                "open_questions": questions,
            }
        )
    return {
        "source": outline.source,
        "format": outline.format,
        "pages": outline.pages,
        "read": {
            "headings": kinds.get("heading", 0),
            "paragraphs": kinds.get("paragraph", 0) + kinds.get("line", 0),
            "list_items": kinds.get("item", 0),
            "table_rows": kinds.get("row", 0),
        },
        "blocks_before_first_tor": result.skipped_blocks,
        "not_imported": result.refused,
        "dry_run": dry_run,
        "bodies": bodies,
    }


def as_lines(data: dict[str, Any]) -> list[str]:
    read = data["read"]
    pages = f", {data['pages']} pages" if data["pages"] else ""
    lines = [
        f"read {data['source']} ({data['format']}{pages}): {read['headings']} headings, {read['paragraphs']} "
        f"paragraphs, {read['list_items']} list items, {read['table_rows']} table rows"
    ]
    if data["blocks_before_first_tor"]:
        lines.append(f"  left out {data['blocks_before_first_tor']} blocks before the first terms of reference")
    lines += [f"  not imported: {why}" for why in data["not_imported"]]
    for body in data["bodies"]:
        target = body["file"] or "(not written)"
        lines.append(f"{body['id']}: {body['name']} -> {target}")
        lines.append(f"  {body['members']} posts; {body['to_do']} to do, {body['to_confirm']} to confirm")
        for section in body["sections"]:
            heading = f" ('{section['heading']}')" if section["heading"] else ""
            lines.append(f"  - {section['section']}{heading}: {section['status']}")
    return lines
