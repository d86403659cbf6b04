"""Shared building blocks of the ToR model: the strict base class, ids, and dates.

Dates in terms of reference are often only as precise as a month ("Last Review
Date: September 2023"). `PartialDate` keeps that precision instead of inventing
a day, and compares as the period it stands for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, model_validator
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


_PARTIAL = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date or a whole month (`2023-09`), never a day the source did not give."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise PydanticCustomError("partial_date", "expected a date without a time of day")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise PydanticCustomError("partial_date", "expected a date (YYYY-MM-DD) or a month (YYYY-MM)")
        match = _PARTIAL.match(value.strip())
        if not match:
            raise PydanticCustomError("partial_date", "expected a date (YYYY-MM-DD) or a month (YYYY-MM)")
        year, month = int(match[1]), int(match[2])
        day = int(match[3]) if match[3] else None
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

    def add_months(self, months: int) -> PartialDate:
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


class Period(StrictModel):
    """A length of time in one unit, as a ToR states it ("two weeks", "five working days")."""

    working_days: int | None = Field(None, ge=0, le=366, description="Working days: Monday to Friday less bank holidays.")
    days: int | None = Field(None, ge=0, le=3660, description="Calendar days.")
    weeks: int | None = Field(None, ge=0, le=520, description="Calendar weeks.")
    months: int | None = Field(None, ge=0, le=120, description="Calendar months.")

    @model_validator(mode="after")
    def _one_unit(self) -> Period:
        set_units = [name for name in ("working_days", "days", "weeks", "months") if getattr(self, name) is not None]
        if len(set_units) > 1:
            raise ValueError(f"give one unit, not {' and '.join(set_units)}")
        return self

    @property
    def unit(self) -> str | None:
        for name in ("working_days", "days", "weeks", "months"):
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
        words = {"working_days": "working day", "days": "day", "weeks": "week", "months": "month"}[unit]
        return f"{amount} {words}{'' if amount == 1 else 's'}"
