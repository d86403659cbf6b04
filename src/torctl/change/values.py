"""Values as people write them ("5 working days", "every 2 months in term time", "2024-03", "chair decides"),
read by the type of the field they are for, into the data a ToR file holds.

`parse_value(kind, text)` reads one value for a field whose annotation is `kind`.
A structured part (a quorum rule, a voting rule, a deadline) may be given as a
YAML or JSON fragment, validated against that part of the schema, with each
problem placed at its line and column within the value. A value that cannot be
read is a `ValueProblem` (exit 2) naming the forms accepted and, where one is
close, the nearest valid value.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from ..data.messages import allowed_values
from ..errors import UsageError
from ..model import Cadence, Deadline, PartialDate, Period
from ..model.base import NUMBER_WORDS, PERIOD_UNITS
from ..suggest import closest

NOT_STATED_WORDS = frozenset({"not stated", "not-stated", "not_stated", "null", "~", "none stated", "unknown"})
YES = frozenset({"yes", "y", "true", "on"})
NO = frozenset({"no", "n", "false", "off"})
CHAIR_DECIDES = frozenset({"chair decides", "chair-decides", "the chair decides", "chair's discretion"})


PERIOD_FORMS = '"5 working days", "two weeks", "10 clear days", "3 months", "a year", "24 hours", "15 minutes"'
CADENCE_FORMS = (
    '"weekly", "fortnightly", "every 6 weeks", "monthly", "bi-monthly", "every 2 months", "quarterly", '
    '"six times a year", "annually", with "in term time" or "unless agreed otherwise" after any of them'
)
DEADLINE_FORMS = (
    '"at least 5 working days before", "within two weeks", "one week after", "10 clear days" '
    "(at least, within or exactly, then a period)"
)
DATE_FORMS = '"2027-03" (a month), "2027-03-12", "March 2027", "12 March 2027", "12/03/2027", "today"'
YES_NO_FORMS = '"yes" or "no" (also "true" or "false")'
NOT_STATED_FORM = '"not stated"'


class ValueProblem(UsageError):
    """A value that cannot be read for its field: the forms accepted and the nearest valid one, where one is close."""


@dataclass
class Value:
    """A value read for a field: the data to write, and what to tell the user about how it was read."""

    data: Any
    notes: list[str] = field(default_factory=list)


def _words(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split()).rstrip(".")


def _refuse(text: str, what: str, forms: str, nearest: str | None = None) -> ValueProblem:
    near = f"; the nearest valid value: '{nearest}'" if nearest else ""
    return ValueProblem(f"cannot read '{text.strip()}' as {what}: write {forms}{near}")


# ---------------------------------------------------------------- types


def unwrap(kind: Any) -> tuple[Any, bool]:
    """The type that matters under Annotated, and whether None (not stated) is allowed."""
    nullable = False
    while True:
        origin = typing.get_origin(kind)
        if origin is typing.Annotated:
            kind = typing.get_args(kind)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(kind) if a is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(kind))
            if len(args) == 1:
                kind = args[0]
            else:
                return kind, nullable
        else:
            return kind, nullable


def is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _union_args(kind: Any) -> list[Any]:
    if typing.get_origin(kind) in (Union, types.UnionType):
        return [unwrap(a)[0] for a in typing.get_args(kind) if a is not type(None)]
    return [kind]


def is_structured(kind: Any) -> bool:
    """Whether a value of this type is a mapping or a list of mappings (written as a fragment)."""
    bare, _ = unwrap(kind)
    if typing.get_origin(bare) in (list, dict):
        return any(is_structured(a) for a in typing.get_args(bare))
    return any(is_model(a) for a in _union_args(bare))


# ---------------------------------------------------------------- the value forms


def parse_value(kind: Any, text: str) -> Value:
    """`text` read as a value of `kind` (a field's annotation, constraints included); a ValueProblem if it cannot be."""
    bare, _ = unwrap(kind)
    words = _words(text)
    choices = allowed_values(bare)
    if words in NOT_STATED_WORDS:
        found = not_stated(kind)
        if found is None:
            listed = f" (one of: {', '.join(choices)})" if choices else ""
            raise ValueProblem(f"this field cannot be left not stated; give a value{listed}")
        return Value(found.data)
    if _looks_like_fragment(text) and (is_structured(bare) or typing.get_origin(bare) is list):
        return Value(read_fragment(kind, text))
    value = _by_type(bare, text, words, choices)
    check_value(kind, value.data, text)
    return value


def not_stated(kind: Any) -> Value | None:
    """How a field of `kind` says "the ToR does not state it": null, `not-stated`, or a part whose tag is
    `not-stated` (`{rule: not-stated}` for a quorum, `{method: not-stated}` for voting); None if it cannot."""
    bare, nullable = unwrap(kind)
    if "not-stated" in allowed_values(bare):
        return Value("not-stated")
    if nullable:
        return Value(None)
    for member in _union_args(bare):
        if not is_model(member):
            continue
        for name, info in member.model_fields.items():
            if typing.get_origin(info.annotation) is typing.Literal and "not-stated" in typing.get_args(
                info.annotation
            ):
                candidate = {info.alias or name: "not-stated"}
                try:
                    _wrapper(kind).model_validate({"value": candidate})
                except ValidationError:
                    continue
                return Value(candidate)
    return None


def _by_type(bare: Any, text: str, words: str, choices: list[str]) -> Value:
    """A value of one of the forms people write, by the type of the field."""
    special = _special(bare, text)
    if special is not None:
        return special
    args = _union_args(bare)
    if bool in args and (words in YES or words in NO):
        return Value(words in YES)
    lists = [a for a in args if typing.get_origin(a) is list]
    if choices and lists and words.replace(" ", "-") not in choices:
        return _list_value(lists[0], text)  # `purpose`: a list of points, or `not-stated`
    if choices:
        return Value(_choice(text, words, choices, yes_no=bool in args))
    if bare is bool:
        raise _refuse(text, "yes or no", YES_NO_FORMS, "yes" if words.startswith("y") else None)
    if bare is int:
        return Value(parse_count(text))
    if typing.get_origin(bare) is list:
        return _list_value(bare, text)
    if is_structured(bare):
        raise ValueProblem(
            f"'{text.strip()}' is not a value for this part of the ToR: give it as a YAML or JSON mapping, "
            "e.g. '{rule: at-least, count: 3}' for a quorum rule (see `torctl schema`)"
        )
    return Value(text.strip())


def _special(bare: Any, text: str) -> Value | None:
    """The types with forms of their own: periods, cadences, deadlines, dates, times of day."""
    if bare is Period:
        return Value(parse_period(text))
    if bare is Cadence:
        return parse_cadence(text)
    if bare is Deadline:
        return Value(parse_deadline(text))
    if bare is PartialDate:
        return Value(parse_partial_date(text))
    if bare is dt.date:
        return Value(parse_full_date(text))
    if bare is dt.time:
        return Value(parse_time(text))
    return None


def _choice(text: str, words: str, choices: list[str], *, yes_no: bool) -> str:
    """One of a field's words, written with spaces or hyphens, in any case."""
    wanted = words.replace(" ", "-")
    if wanted in CHAIR_DECIDES and "chair-decides" in choices:
        return "chair-decides"
    for choice in choices:
        if choice.lower() == wanted or choice.lower().replace("-", " ") == words:
            return choice
    forms = ", ".join(f'"{c}"' for c in choices)
    if yes_no:
        forms = f"{YES_NO_FORMS}, {forms}"
    raise _refuse(text, "a value of this field", f"one of {forms}", closest(wanted, choices))


def _looks_like_fragment(text: str) -> bool:
    stripped = text.strip()
    return stripped.startswith(("{", "[", "- ")) or "\n" in stripped or bool(re.match(r"^[a-z_]+:\s", stripped))


def _list_value(bare: Any, text: str) -> Value:
    """A list of ids or choices written with commas (`dcs, icb-dsp`); a list of prose is one item."""
    (item,) = typing.get_args(bare)
    item_bare, _ = unwrap(item)
    if item_bare is str and not allowed_values(item_bare) and not _is_id(item):
        return Value([text.strip()])
    parts = [part.strip() for part in text.split(",") if part.strip()]
    choices = allowed_values(item_bare)
    if choices:
        parts = [_choice(part, _words(part), choices, yes_no=False) for part in parts]
    return Value(parts)


def _is_id(kind: Any) -> bool:
    """Whether a text type is an id (a slug or a post reference): its metadata carries a pattern."""
    return typing.get_origin(kind) is typing.Annotated and any(
        getattr(meta, "pattern", None) for arg in typing.get_args(kind)[1:] for meta in getattr(arg, "metadata", [arg])
    )


def parse_count(text: str) -> int:
    words = _words(text)
    if words.isdigit():
        return int(words)
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    raise _refuse(text, "a whole number", 'a number: "3" or "three"', closest(words, list(NUMBER_WORDS)))


def _amount(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


_PERIOD = re.compile(r"^(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>[a-z' ]+?)s?$")


def parse_period(text: str) -> dict[str, int]:
    """`5 working days` -> {working_days: 5}; `a year` -> {months: 12}; `a fortnight` -> {weeks: 2}."""
    words = _words(text).removeprefix("every ").removeprefix("at least ").removeprefix("within ")
    words = {"annually": "a year", "yearly": "a year", "a fortnight": "2 weeks", "fortnight": "2 weeks"}.get(
        words, words
    )
    match = _PERIOD.match(words)
    amount = _amount(match["n"]) if match else None
    if match is None or amount is None:
        raise _refuse(text, "a period", PERIOD_FORMS, _nearest_period(words))
    unit = match["unit"].strip().removesuffix("s")
    field_name = PERIOD_UNITS.get(unit)
    if field_name is None:
        near = closest(unit, list(PERIOD_UNITS))
        raise _refuse(text, "a period", PERIOD_FORMS, f"{match['n']} {near}s" if near else None)
    if unit == "year":
        amount *= 12
    if amount == 0:
        raise _refuse(text, "a period", PERIOD_FORMS + " (a period of 0 is no length)")
    return {field_name: amount}


def _nearest_period(words: str) -> str | None:
    parts = words.split(maxsplit=1)
    if len(parts) == 2 and _amount(parts[0]) is None:
        near = closest(parts[0], list(NUMBER_WORDS))
        if near:
            return f"{near} {parts[1]}"
    return None


_TERM_TIME = re.compile(
    r"\s*,?\s*\(?(?:only\s+)?(?:in|during)\s+(?:school\s+)?term[- ]time(?:\s+only)?\)?|"
    r"\s*,?\s*\(?(?:school\s+)?term[- ]time only\)?"
)
_UNLESS = re.compile(r"\s*,?\s*\(?unless (?:agreed otherwise|otherwise agreed)\)?")
_EVERY_N = re.compile(r"^every (?P<n>\S+) (?P<unit>weeks?|months?)$")
_TIMES = re.compile(r"^(?P<n>\S+) times (?:a|per|each) year$|^(?P<m>\S+) meetings (?:a|per|each) year$")
_FIXED: dict[str, dict[str, Any]] = {
    "weekly": {"frequency": "weekly"},
    "every week": {"frequency": "weekly"},
    "fortnightly": {"frequency": "every-n-weeks", "weeks": 2},
    "monthly": {"frequency": "monthly"},
    "every month": {"frequency": "monthly"},
    "bi-monthly": {"frequency": "bi-monthly"},
    "bimonthly": {"frequency": "bi-monthly"},
    "every other month": {"frequency": "bi-monthly"},
    "quarterly": {"frequency": "quarterly"},
    "annually": {"frequency": "per-year", "times_per_year": 1},
    "yearly": {"frequency": "per-year", "times_per_year": 1},
    "once a year": {"frequency": "per-year", "times_per_year": 1},
    "twice a year": {"frequency": "per-year", "times_per_year": 2},
}


def parse_cadence(text: str) -> Value:
    """`every 2 months in term time` -> {frequency: bi-monthly, term_time_only: true}."""
    words = _words(text)
    flags: dict[str, Any] = {}
    if _TERM_TIME.search(words):
        words, flags["term_time_only"] = _TERM_TIME.sub("", words).strip(" ,"), True
    if _UNLESS.search(words):
        words, flags["unless_agreed_otherwise"] = _UNLESS.sub("", words).strip(" ,"), True
    notes = []
    if words in ("bi-monthly", "bimonthly"):
        notes.append("'bi-monthly' is read as every two months (not twice a month)")
    core: dict[str, Any] | None = _FIXED.get(words) or _cadence_counted(words)
    if core is None:
        near = closest(words, [*_FIXED, "every 2 months", "six times a year", "every 6 weeks"])
        raise _refuse(text, "how often the body meets", CADENCE_FORMS, near)
    return Value({**core, **flags}, notes)


def _cadence_counted(words: str) -> dict[str, Any] | None:
    """`every 6 weeks`, `every 2 months`, `six times a year`."""
    if match := _EVERY_N.match(words):
        n = _amount(match["n"])
        if not n:
            return None
        if match["unit"].startswith("week"):
            return {"frequency": "weekly"} if n == 1 else {"frequency": "every-n-weeks", "weeks": n}
        named = {1: "monthly", 2: "bi-monthly", 3: "quarterly"}
        if n in named:
            return {"frequency": named[n]}
        return {"frequency": "per-year", "times_per_year": 12 // n} if 12 % n == 0 else None
    if match := _TIMES.match(words):
        n = _amount(match["n"] or match["m"])
        return {"frequency": "per-year", "times_per_year": n} if n else None
    return None


_BOUNDS = (("at least ", "at-least"), ("no later than ", "at-least"), ("within ", "within"), ("exactly ", "exactly"))
_SIDE = re.compile(r"\s+(?:before|after|ahead of|of)(?:\s+the)?(?:\s+(?:meeting|start))?$|\s+(?:before|after|ahead)$")


def parse_deadline(text: str) -> dict[str, Any]:
    """`at least 5 working days before` -> {period: {working_days: 5}, bound: at-least}."""
    words = _words(text)
    bound = "exactly"
    for prefix, name in _BOUNDS:
        if words.startswith(prefix):
            words, bound = words.removeprefix(prefix), name
            break
    words = _SIDE.sub("", words)
    try:
        period = parse_period(words)
    except ValueProblem as exc:
        near = exc.message.rpartition("the nearest valid value: ")[2].strip("'") if "nearest" in exc.message else None
        shown = {"at-least": "at least ", "within": "within ", "exactly": ""}[bound]
        raise _refuse(text, "a deadline", DEADLINE_FORMS, f"{shown}{near}" if near else None) from None
    return {"period": period, "bound": bound}


_MONTH_NAME = re.compile(r"^(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>[a-z]+)\s+(?P<year>\d{4})$")


def parse_partial_date(text: str) -> PartialDate:
    """A month (`2024-03`, `March 2024`) stays a month; a day (`2024-03-12`, `12 March 2024`) is a day."""
    words = _words(text)
    if re.fullmatch(r"\d{4}-\d{1,2}", words):
        year, month = (int(p) for p in words.split("-"))
        return _partial(text, year, month, None)
    if match := _MONTH_NAME.match(words):
        named = _month_number(match["month"])
        if named is None:
            months = [dt.date(2000, m, 1).strftime("%B").lower() for m in range(1, 13)]
            near = closest(match["month"], months)
            fixed = f"{match['day'] + ' ' if match['day'] else ''}{near.title()} {match['year']}" if near else None
            raise _refuse(text, "a date or a month", DATE_FORMS, fixed)
        return _partial(text, int(match["year"]), named, int(match["day"]) if match["day"] else None)
    day = parse_full_date(text, forms=DATE_FORMS)
    return PartialDate(day.year, day.month, day.day)


def _month_number(word: str) -> int | None:
    for m in range(1, 13):
        name = dt.date(2000, m, 1)
        if word in (name.strftime("%B").lower(), name.strftime("%b").lower()):
            return m
    return None


def _partial(text: str, year: int, month: int, day: int | None) -> PartialDate:
    try:
        return PartialDate.parse(f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else ""))
    except ValueError as exc:  # PydanticCustomError is a ValueError: a month 13, a 30 February, a year 0001
        raise ValueProblem(f"cannot read '{text.strip()}' as a date or a month: {exc}") from None


def parse_full_date(text: str, *, forms: str | None = None) -> dt.date:
    from ..calendar.dates import DateInputError, read_date
    from ..model.base import year_problem

    try:
        day = read_date(text).date
    except DateInputError as exc:
        raise ValueProblem(exc.message if forms is None else f"{exc.message}; or {forms}") from None
    if (problem := year_problem(day.year)) is not None:
        raise ValueProblem(f"{text.strip()}: {problem}")
    return day


def parse_time(text: str) -> str:
    words = _words(text)
    named = {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}
    if words in named:
        return named[words]
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", words)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return f"{int(match[1]):02d}:{match[2]}"
    raise _refuse(text, "a time of day", '"10:00", "14:30" (24-hour clock) or "noon"')


# ---------------------------------------------------------------- fragments and checks


_SHOWN = "VALUE"


def _wrapper(kind: Any) -> type[BaseModel]:
    """A model with one field, `value`, of `kind`: so a value is read and worded as a file's field is."""
    model: type[BaseModel] = create_model("Value", __config__=ConfigDict(extra="forbid"), value=(kind, ...))
    return model


def read_fragment(kind: Any, text: str) -> Any:
    """A YAML or JSON fragment read and validated as `kind`; each problem at its line and column in the value."""
    from ..data.reader import Text, read
    from ..data.reporters import format_text

    body = text.strip("\n")
    lines = body.splitlines() or [""]
    wrapped = "value:\n" + "\n".join("  " + line for line in lines) + "\n"
    result = read(Text(_SHOWN, wrapped), _wrapper(kind))
    if result.model is not None and result.parsed is not None and result.parsed.data is not None:
        return result.parsed.data["value"]
    placed = [
        f.at(_SHOWN, max(1, (f.line or 2) - 1), max(1, (f.column or 3) - 2)) if f.line is not None else f
        for f in result.findings
    ]
    raise ValueProblem("the value does not fit this part of the ToR:\n" + _indent(format_text(placed)))


def check_value(kind: Any, value: Any, text: str) -> None:
    """`value` (as a file would hold it) must be valid for `kind`, with its constraints (e.g. at least 1)."""
    from ..data.messages import describe

    if isinstance(value, PartialDate):
        value = str(value)
    wrapper = _wrapper(kind)
    try:
        wrapper.model_validate({"value": value})
    except ValidationError as exc:
        messages = [describe(error, wrapper)[1] for error in exc.errors(include_url=False)]
        shown = "; ".join(m.replace("'value'", "the value") for m in messages)
        raise ValueProblem(f"'{text.strip()}' does not fit this field: {shown}") from None


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def words_for(kind: Any) -> str:
    """The forms a field of `kind` accepts, for help and messages."""
    bare, _ = unwrap(kind)
    tail = f", or {NOT_STATED_FORM}" if not_stated(kind) is not None else ""
    special = {Period: PERIOD_FORMS, Cadence: CADENCE_FORMS, Deadline: DEADLINE_FORMS, PartialDate: DATE_FORMS}
    if bare in special:
        return special[bare] + ", or a YAML mapping" * is_model(bare) + tail
    choices = allowed_values(bare)
    args = _union_args(bare)
    if choices:
        yes_no = f"{YES_NO_FORMS}, " if bool in args else ""
        return yes_no + ", ".join(f'"{c}"' for c in choices) + tail
    if bare is bool:
        return YES_NO_FORMS + tail
    if bare is int:
        return 'a whole number ("3" or "three")' + tail
    if bare is dt.date:
        return '"2027-01-12", "12/01/2027" or "today"' + tail
    if bare is dt.time:
        return '"10:00" (24-hour clock)' + tail
    if is_structured(bare):
        return "a YAML or JSON fragment, e.g. '{rule: at-least, count: 3}'" + tail
    if typing.get_origin(bare) is list:
        return "a comma-separated list, or a YAML list '[a, b]'" + tail
    if isinstance(bare, type) and issubclass(bare, Enum):
        return ", ".join(f'"{m.value}"' for m in bare) + tail
    return "text" + tail
