"""The query parameters of the explorer and the API, validated by pydantic.

Every parameter has a type, an enum or a bound, so a bad value is a 422
before any query runs.  Blank form fields (``?type=``) count as absent, so
the HTML filter form can submit every field.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from dragoman.serve.queries import EventFilter

PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]

EventType = Enum("EventType", {t: t for t in PLOVER_TYPES}, type=str)


class Status(str, Enum):
    asserted = "asserted"
    future = "future"
    hypothetical = "hypothetical"
    negated = "negated"


class SortKey(str, Enum):
    date = "date"
    type = "type"
    goldstein = "goldstein"
    plover_score = "plover_score"
    quad_class = "quad_class"
    status = "status"
    country = "country"
    source = "source"
    confidence = "confidence"


class Order(str, Enum):
    asc = "asc"
    desc = "desc"


class Freq(str, Enum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


#: Actor keys: a CAMEO code, a country code or a name; no control characters.
KEY_PATTERN = r"^[^\x00-\x1f\x7f]+$"
#: Free text: any printable text.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def blank_to_none(data: Any) -> Any:
    """Drop empty and whitespace-only fields, so an untouched form field means 'any'."""
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
    return data


class EventQuery(BaseModel):
    """Filters, sorting and paging of /events, /map and /api/events."""

    model_config = ConfigDict(extra="ignore")

    type: Optional[EventType] = Field(None, description="PLOVER event type")
    actor: Optional[str] = Field(None, max_length=120, pattern=KEY_PATTERN,
                                 description="actor key: CAMEO code (ISRGOV), country (ISR) or name")
    recipient: Optional[str] = Field(None, max_length=120, pattern=KEY_PATTERN, description="recipient key")
    country: Optional[str] = Field(None, pattern=r"^[A-Za-z]{3}$",
                                   description="ISO 3166-1 alpha-3 country of the event's location")
    since: Optional[dt.date] = Field(None, description="first day, YYYY-MM-DD")
    until: Optional[dt.date] = Field(None, description="last day, YYYY-MM-DD")
    status: Optional[Status] = None
    quad_class: Optional[int] = Field(None, ge=1, le=4)
    q: Optional[str] = Field(None, max_length=200, pattern=TEXT_PATTERN,
                             description="words in the evidence or the article title")
    place: Optional[str] = Field(None, max_length=120, pattern=KEY_PATTERN, description="the event's location name")
    dedup: bool = Field(False, description="only one report per cross-article event cluster")
    sort: SortKey = SortKey.date
    order: Order = Order.desc
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=500)

    @model_validator(mode="before")
    @classmethod
    def _drop_blank(cls, data: Any) -> Any:
        return blank_to_none(data)

    @field_validator("since", "until", mode="before")
    @classmethod
    def _iso_date_only(cls, value: Any) -> Any:
        """Only YYYY-MM-DD, not the timestamps pydantic would also take."""
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError("a date is written YYYY-MM-DD")
        return value

    @field_validator("actor", "recipient", "q", "place", mode="after")
    @classmethod
    def _strip(cls, value: Optional[str]) -> Optional[str]:
        return value.strip() if value else value

    @field_validator("country", mode="after")
    @classmethod
    def _upper(cls, value: Optional[str]) -> Optional[str]:
        return value.upper() if value else value

    def to_filter(self) -> EventFilter:
        return EventFilter(type=self.type.value if self.type else None, actor=self.actor,
                           recipient=self.recipient, country=self.country, since=self.since,
                           until=self.until, status=self.status.value if self.status else None,
                           quad_class=self.quad_class, q=self.q, place=self.place, dedup=self.dedup)

    def as_params(self) -> dict[str, str]:
        """The query as URL parameters (for pager and sort links), defaults left out."""
        out = {}
        for name, value in self.model_dump(exclude_defaults=True).items():
            if value is None:
                continue
            if isinstance(value, bool):
                value = "true" if value else "false"
            out[name] = value.value if isinstance(value, Enum) else str(value)
        return out


class DyadQuery(BaseModel):
    """The two sides and the bucket size of a dyad."""

    model_config = ConfigDict(extra="ignore")

    a: str = Field(..., min_length=1, max_length=120, pattern=KEY_PATTERN, description="first actor key (ISR)")
    b: str = Field(..., min_length=1, max_length=120, pattern=KEY_PATTERN, description="second actor key (TUR)")
    freq: Freq = Freq.month
    dedup: bool = Field(False, description="count each cross-article event cluster once")
    per_period: int = Field(20, ge=0, le=200, description="event keys listed per period (the first by day)")

    @model_validator(mode="before")
    @classmethod
    def _drop_blank(cls, data: Any) -> Any:
        return blank_to_none(data)

    @field_validator("a", "b", mode="after")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()
