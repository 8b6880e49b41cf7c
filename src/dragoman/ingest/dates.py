"""Publication dates as YYYY-MM-DD, whatever form the input gives them in."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from typing import Optional

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT_DAY = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def normalise_date(value: object) -> Optional[str]:
    """YYYY-MM-DD for a date given as ISO text, RFC 2822, or a free form; else None."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    for pattern in (_ISO_DAY, _COMPACT_DAY):
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*map(int, match.groups())).isoformat()
            except ValueError:
                return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _free_form(text)


def _free_form(text: str) -> Optional[str]:
    """Last resort for forms like '27 October 2022' (dateparser, loaded lazily)."""
    if len(text) > 60 or not re.search(r"\d", text):
        return None
    try:
        import dateparser

        parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date().isoformat() if parsed else None
