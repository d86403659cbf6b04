"""The items a user adds to an agenda and when it starts: `--item`, `--items FILE` and `--start`, parsed here.

`TITLE[:PRESENTER[:MINUTES]]` is the command line's syntax (a text file of items
uses it a line), so it is read here and `torctl.render.agenda` receives
`ItemSpec`s and a time. A problem names the value it is about: the option, or the
file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import UsageError
from ..render.agenda import MAX_MINUTES, ItemsFile, ItemSpec

_SPLIT = re.compile(r"(?<!\\):")


def parse_item(spec: str, where: str = "--item") -> ItemSpec:
    """`TITLE[:PRESENTER[:MINUTES]]`; write `\\:` for a colon inside the title or presenter."""
    parts = [p.replace("\\:", ":").strip() for p in _SPLIT.split(spec)]
    if len(parts) > 3:
        raise UsageError(f"{where} '{spec}': expected TITLE[:PRESENTER[:MINUTES]] (write \\: for a colon in a title)")
    title = parts[0]
    presenter = parts[1] if len(parts) > 1 and parts[1] else None
    minutes = None
    if len(parts) == 3 and parts[2]:
        if not parts[2].isdigit() or not 1 <= int(parts[2]) <= MAX_MINUTES:
            raise UsageError(
                f"{where} '{spec}': minutes must be a whole number from 1 to {MAX_MINUTES}, not '{parts[2]}'"
            )
        minutes = int(parts[2])
    if not title:
        raise UsageError(f"{where} '{spec}': the item has no title")
    return ItemSpec(title=title, presenter=presenter, minutes=minutes)


def load_items(path: Path) -> list[ItemSpec]:
    """Items from a YAML file (an `items:` list) or a text file (`TITLE[:PRESENTER[:MINUTES]]` a line, `#` comments)."""
    from ..data.paths import display_path

    shown = display_path(path)
    if path.suffix in (".yaml", ".yml"):
        from ..data.reader import read

        result = read(path, ItemsFile)
        if result.model is None:  # every problem, each at its place: `file:line:column: message`
            raise UsageError("\n".join(f"{f.location()}: {f.text()}" for f in result.findings))
        return result.model.items
    from ..data.yamlio import YamlProblem, read_regular

    try:
        lines = read_regular(path).decode("utf-8").splitlines()
    except YamlProblem as problem:
        raise UsageError(f"cannot read agenda items from {shown}: {problem.message}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read agenda items from {shown}: {exc}") from None
    items = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):  # a comment; `\#` starts a title with a #
            continue
        items.append(parse_item(text[1:] if text.startswith("\\#") else text, f"{shown}:{number}"))
    return items


def parse_time(value: str) -> dt.time:
    """`--start`: a time of day, `14:00` or `9:05`."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        raise UsageError(f"--start '{value}': expected a time like 14:00")
    return dt.time(int(match[1]), int(match[2]))
