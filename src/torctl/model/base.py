"""Shared building blocks of the ToR model: the strict base class, ids, and dates.

Dates in terms of reference are often only as precise as a month ("Last Review
Date: September 2023"). `PartialDate` keeps that precision instead of inventing
a day, and compares as the period it stands for.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    PlainValidator,
    Strict,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema


class StrictModel(BaseModel):
    """Every model forbids unknown fields, so a misspelt key is an error, never ignored."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        defer_build=True,  # validators are built on first use: a command that never validates a model never pays for it
    )


def empty_list() -> list[Any]:
    """The default of a list field, in place of `list`.

    Building a validator, pydantic asks each default factory's signature (does it
    take the validated data?); `inspect.signature(list)` takes about 70 µs to fail,
    a plain function's about 4. Building the body and registry validators meets
    some 120 such defaults: 5 ms off every command that validates a body.
    """
    return []


# Numbers and booleans must be the YAML types they claim, never coerced: `count: yes`
# (a boolean), `count: "3"` (text) and `count: 3.0` (a float) are not whole numbers, and
# `votes: 'yes'` in quotes is text, not a boolean. Strict per field rather than
# model-wide, because a strict model would also refuse text for its enums.
WholeNumber = Annotated[int, Strict()]
TrueOrFalse = Annotated[bool, Strict()]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
POST_REF_PATTERN = r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=80,
        description="A safe identifier: lower-case letters, digits and single hyphens.",
    ),
]
PostRef = Annotated[
    str,
    Field(
        pattern=POST_REF_PATTERN,
        max_length=161,
        description="A post id in this body, or `body-id/post-id` for a post of another body.",
    ),
]


def split_post_ref(ref: str, own_body: str) -> tuple[str, str]:
    """`post` -> (own_body, post); `body/post` -> (body, post)."""
    body, sep, post = ref.partition("/")
    return (body, post) if sep else (own_body, ref)


# The years a ToR date can be in. Python's dates end at 9999, so a review due in
# 9999-12 plus a cadence, or a meeting on 9999-12-31 plus its minutes deadline,
# would overflow; within these years every later calculation stays in range.
YEARS = range(1900, 3000)


def year_problem(year: int) -> str | None:
    """Why a year is unusable (outside `YEARS`), or None."""
    if year in YEARS:
        return None
    return f"year {year} is outside the years torctl works with ({YEARS.start} to {YEARS.stop - 1})"


def _in_years(day: dt.date) -> dt.date:
    if (problem := year_problem(day.year)) is not None:
        raise PydanticCustomError("date_year", problem)
    return day


CalendarDate = Annotated[dt.date, AfterValidator(_in_years)]

_PARTIAL = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date or a whole month (`2023-09`), never a day the source did not give."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise PydanticCustomError("partial_date", "expected a date without a time of day")
        if isinstance(value, dt.date):
            if (problem := year_problem(value.year)) is not None:
                raise PydanticCustomError("partial_date", problem)
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise PydanticCustomError("partial_date", "expected a date (YYYY-MM-DD) or a month (YYYY-MM)")
        match = _PARTIAL.match(value.strip())
        if not match:
            raise PydanticCustomError("partial_date", "expected a date (YYYY-MM-DD) or a month (YYYY-MM)")
        year, month = int(match[1]), int(match[2])
        day = int(match[3]) if match[3] else None
        if (problem := year_problem(year)) is not None:
            raise PydanticCustomError("partial_date", problem)
        try:
            dt.date(year, month, day or 1)
        except ValueError as exc:
            raise PydanticCustomError("partial_date", "not a real date: {why}", {"why": str(exc)}) from None
        return cls(year, month, day)

    @property
    def is_month(self) -> bool:
        return self.day is None

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The last day the value could mean: the date itself, or the month's last day."""
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        nxt = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)

    def add_months(self, months: int) -> "PartialDate":
        """Shift by whole months, keeping the precision (a day is clamped to the month's end)."""
        index = self.year * 12 + (self.month - 1) + months
        year, month = divmod(index, 12)
        if self.day is None:
            return PartialDate(year, month + 1)
        last = PartialDate(year, month + 1).last_day.day
        return PartialDate(year, month + 1, min(self.day, last))

    def __str__(self) -> str:
        base = f"{self.year:04d}-{self.month:02d}"
        return base if self.day is None else f"{base}-{self.day:02d}"

    def human(self) -> str:
        """`September 2023` or `5 January 2027`, as a ToR would write it."""
        if self.day is None:
            return self.first_day.strftime("%B %Y")
        return f"{self.day} {self.first_day.strftime('%B %Y')}"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
            "description": "A date (YYYY-MM-DD) or, where the source gives only a month, YYYY-MM.",
        }


UNITS = ("working_days", "days", "weeks", "months", "clear_days", "hours", "minutes")


# Numbers as ToRs and people write them ("five working days", "one third").
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "twenty-four": 24,
    "thirty": 30,
}

# The unit words of a period, as written, and the field each is.
PERIOD_UNITS = {
    "working day": "working_days",
    "business day": "working_days",
    "clear day": "clear_days",
    "calendar day": "days",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "calendar month": "months",
    "hour": "hours",
    "minute": "minutes",
    "year": "months",  # a year is held as 12 months, the unit review cadences use
}


class Period(StrictModel):
    """A length of time in one unit, as a ToR states it ("two weeks", "five working days")."""

    working_days: WholeNumber | None = Field(
        None, ge=0, le=366, description="Working days: Monday to Friday less bank holidays."
    )
    days: WholeNumber | None = Field(None, ge=0, le=3660, description="Calendar days.")
    weeks: WholeNumber | None = Field(None, ge=0, le=520, description="Calendar weeks.")
    months: WholeNumber | None = Field(None, ge=0, le=120, description="Calendar months.")
    clear_days: WholeNumber | None = Field(
        None,
        ge=0,
        le=366,
        description="Clear days: whole days between, excluding the day of sending and the day of the meeting; "
        "whether weekends and bank holidays count is the body's `procedure.clear_days` policy.",
    )
    hours: WholeNumber | None = Field(
        None, ge=0, le=8784, description="Hours (e.g. papers 24 hours before the meeting starts)."
    )
    minutes: WholeNumber | None = Field(
        None, ge=0, le=1440, description="Minutes (e.g. adjourned if inquorate 15 minutes after the start)."
    )

    @model_validator(mode="after")
    def _one_unit(self) -> Self:
        set_units = [name for name in UNITS if getattr(self, name) is not None]
        if len(set_units) > 1:
            raise ValueError(f"give one unit, not {' and '.join(set_units)}")
        # an empty or zero period would be read as some default, or loop forever in a schedule
        if not set_units:
            raise ValueError("a period needs a length, e.g. {months: 12} or {working_days: 5}")
        if getattr(self, set_units[0]) == 0:
            raise ValueError(f"a period of 0 {set_units[0].replace('_', ' ')} is no length; give at least 1")
        return self

    @property
    def unit(self) -> str | None:
        for name in UNITS:
            if getattr(self, name) is not None:
                return name
        return None

    @property
    def amount(self) -> int | None:
        unit = self.unit
        return getattr(self, unit) if unit else None

    def human(self) -> str:
        unit, amount = self.unit, self.amount
        if unit is None or amount is None:
            return "unspecified"
        words = {
            "working_days": "working day",
            "days": "day",
            "weeks": "week",
            "months": "month",
            "clear_days": "clear day",
            "hours": "hour",
            "minutes": "minute",
        }[unit]
        return f"{amount} {words}{'' if amount == 1 else 's'}"


_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _time_of_day(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        raise PydanticCustomError(
            "time_of_day",
            "expected a time of day in quotes, like '12:00' (unquoted, YAML reads 12:00 as the number {value})",
            {"value": value},
        )
    if not isinstance(value, str) or not _TIME.match(value.strip()):
        raise PydanticCustomError("time_of_day", "expected a time of day like '12:00' or '09:30' (24-hour clock)")
    hour, minute = value.strip().split(":")
    return dt.time(int(hour), int(minute))


TimeOfDay = Annotated[
    dt.time,
    PlainValidator(_time_of_day),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01]\d|2[0-3]):[0-5]\d$",
            "description": "A time of day, 24-hour clock, in quotes: '12:00' for noon.",
        }
    ),
]
"""A time of day written 'HH:MM' ("by noon": '12:00'); an unquoted 12:00 is refused, not read as 720."""
