"""The query parameters of the explorer and the API.

Filter values are checked by the store's own validation
(:func:`dragoman.store.queries.check`), the one the CLI uses, so a bad
value is a 422 here with the same message as the CLI's exit 2.  Paging and
sorting, which only the explorer has, are checked by pydantic.  Blank form
fields (``?type=``) count as absent, so the HTML filter form can submit
every field.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from dragoman.store import queries as store
from dragoman.store.queries import FREQS, PLOVER_TYPES, STATUSES, EventFilter, FilterError

__all__ = ["PLOVER_TYPES", "STATUSES", "FREQS", "EventQuery", "DyadQuery", "DyadPageQuery", "ScopeParams",
           "KEY_PATTERN"]


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


#: Actor keys in a URL path: a CAMEO code, a country code or a name; no control characters.
KEY_PATTERN = r"^[^\x00-\x1f\x7f]+$"

STATUS_HELP = (f"comma-separated statuses ({', '.join(STATUSES)}) or 'all'; "
               "default: asserted only")


def blank_to_none(data: Any) -> Any:
    """Drop empty and whitespace-only fields, so an untouched form field means 'any'."""
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
    return data


def _checked(field: str, value: Any) -> Any:
    """The store's check of one filter field; its message becomes the 422's message."""
    try:
        return store.check(field, value)
    except FilterError as exc:
        raise PydanticCustomError("invalid_filter", "{message}", {"message": str(exc)})


class FilterParams(BaseModel):
    """The event filter, as query parameters: one field per EventFilter field."""

    model_config = ConfigDict(extra="ignore")

    type: Optional[str] = Field(None, description="PLOVER event type (any case)",
                                json_schema_extra={"examples": ["CONSULT"]})
    actor: Optional[str] = Field(None, description="actor key: CAMEO code (ISRGOV), country (ISR) or name")
    recipient: Optional[str] = Field(None, description="recipient key")
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-3 country of the event's location")
    since: Optional[str] = Field(None, description="first day, YYYY-MM-DD")
    until: Optional[str] = Field(None, description="last day, YYYY-MM-DD")
    status: Optional[str] = Field(None, description=STATUS_HELP)
    quad_class: Optional[str] = Field(None, description="QuadClass 1-4")
    q: Optional[str] = Field(None, description="words in the evidence or the article title")
    place: Optional[str] = Field(None, description="the event's location name")
    reports: bool = Field(False, description="every report, not one row per deduplicated event")
    undated: bool = Field(False, description="only events with no day (background events, dates coarser than a day)")

    @model_validator(mode="before")
    @classmethod
    def _drop_blank(cls, data: Any) -> Any:
        return blank_to_none(data)

    @field_validator("type", "actor", "recipient", "country", "since", "until", "status", "quad_class", "q",
                     "place", mode="before")
    @classmethod
    def _check(cls, value: Any, info: ValidationInfo) -> Any:
        checked = _checked(info.field_name, value)
        if info.field_name == "status":
            return None if checked == store.DEFAULT_STATUSES else ",".join(checked)
        if isinstance(checked, dt.date):
            return checked.isoformat()
        return None if checked is None else str(checked)

    def to_filter(self) -> EventFilter:
        return EventFilter(actor=self.actor, recipient=self.recipient, type=self.type, since=self.since,
                           until=self.until, status=self.status, country=self.country,
                           quad_class=self.quad_class, q=self.q, place=self.place, reports=self.reports,
                           undated=self.undated)

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

    @property
    def statuses(self) -> tuple[str, ...]:
        return store.check("status", self.status)


class ScopeParams(BaseModel):
    """Which events a page counts when it takes no other filter (an actor's page): status and unit."""

    model_config = ConfigDict(extra="ignore")

    status: Optional[str] = Field(None, description=STATUS_HELP)
    reports: bool = Field(False, description="every report, not one row per deduplicated event")

    @model_validator(mode="before")
    @classmethod
    def _drop_blank(cls, data: Any) -> Any:
        return blank_to_none(data)

    @field_validator("status", mode="before")
    @classmethod
    def _check(cls, value: Any) -> Optional[str]:
        checked = _checked("status", value)
        return None if checked == store.DEFAULT_STATUSES else ",".join(checked)

    def to_filter(self) -> EventFilter:
        return EventFilter(status=self.status, reports=self.reports)

    @property
    def statuses(self) -> tuple[str, ...]:
        return store.check("status", self.status)


class EventQuery(FilterParams):
    """Filters, sorting and paging of /events, /map and /api/events."""

    sort: SortKey = SortKey.date
    order: Order = Order.desc
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(50, ge=1, le=500)


def _side_value(field: str, value: Any, required: bool) -> Optional[str]:
    """A dyad's side, checked by the store; absent is an error only where the side is required."""
    if not required and (value is None or (isinstance(value, str) and not value.strip())):
        return None
    try:
        return store.check_key(field, value)
    except FilterError as exc:
        raise PydanticCustomError("invalid_filter", "{message}", {"message": str(exc)})


class DyadQuery(FilterParams):
    """The two sides, the bucket size and the event filter of a dyad."""

    a: str = Field(..., description="first actor key (ISR)")
    b: str = Field(..., description="second actor key (TUR)")
    freq: str = Field("month", description=f"bucket: {', '.join(FREQS)}")
    per_period: int = Field(20, ge=0, le=200, description="event keys listed per period (the first by day)")

    @field_validator("a", "b", mode="before")
    @classmethod
    def _side(cls, value: Any, info: ValidationInfo) -> Optional[str]:
        return _side_value(info.field_name, value, required=True)

    @field_validator("freq", mode="before")
    @classmethod
    def _freq(cls, value: Any) -> str:
        try:
            return store.check_freq(value)
        except FilterError as exc:
            raise PydanticCustomError("invalid_filter", "{message}", {"message": str(exc)})


class DyadPageQuery(DyadQuery):
    """The dyad page: the sides may be absent (an empty form), and one period may be asked for."""

    a: Optional[str] = None  # type: ignore[assignment]
    b: Optional[str] = None  # type: ignore[assignment]
    period: Optional[dt.date] = None

    @field_validator("a", "b", mode="before")
    @classmethod
    def _side(cls, value: Any, info: ValidationInfo) -> Optional[str]:
        return _side_value(info.field_name, value, required=False)

    @property
    def complete(self) -> bool:
        return bool(self.a and self.b)
