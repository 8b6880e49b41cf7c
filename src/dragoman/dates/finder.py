"""Finding and resolving the date expressions of one article."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Optional

from dragoman.dates import grammar
from dragoman.model import Timex

#: Rules whose value may depend on a year named earlier ("the following year").
ANAPHORIC = {"relative_unit"}
#: Rules whose value names a year that later anaphora refer to.
YEAR_SETTING = {"full_date", "day_month", "month_year", "year"}
#: Characters around a trigger word that a date expression may reach.
SEGMENT_MARGIN = 45


class DateFinder:
    """Holds the compiled rules; ``find`` is called once per article."""

    def __init__(self) -> None:
        self.lexicon = grammar.load_lexicon()
        self.rules = grammar.build_rules(self.lexicon)
        self._entity_words = re.compile(
            r"\b(?:" + "|".join(w for w in list(self.lexicon["months"]) if len(w) > 3)
            + "|" + "|".join(self.lexicon["weekdays"]) + r")\b"
        )
        self._dateparser = None
        self._anchors = re.compile(
            r"(?i)\b(?:" + "|".join(sorted(self.lexicon["months"], key=len, reverse=True))
            + "|" + "|".join(self.lexicon["weekdays"])
            + r"|\d{4}|\d0s|today|tonight|yesterday|tomorrow|overnight|night|morning|afternoon"
            r"|evening|weeks?|months?|years?|quarter|q[1-4]|h[12]|spring|summer|autumn|fall|winter"
            r"|ago|earlier|later|thousand)\b"
        )

    def find(self, text: str, published: Optional[date], parsed=None) -> list[Timex]:
        ctx = grammar.Context(published, parsed, self.lexicon, text)
        chosen = self._choose(text, ctx)
        timexes = self._resolve_in_order(chosen, ctx)
        timexes += self._entities_missed(parsed, timexes, published)
        timexes.sort(key=lambda t: t.start)
        return timexes

    def _segments(self, text: str) -> list[tuple[int, int]]:
        """Stretches of text around words that can start or end a date.

        The rules run only there: scanning whole articles with every pattern
        would cost several milliseconds each.
        """
        segments: list[list[int]] = []
        for anchor in self._anchors.finditer(text):
            start = max(0, anchor.start() - SEGMENT_MARGIN)
            end = min(len(text), anchor.end() + SEGMENT_MARGIN)
            while end < len(text) and not text[end].isspace():
                end += 1  # never cut a word in two
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            if segments and start <= segments[-1][1]:
                segments[-1][1] = max(segments[-1][1], end)
            else:
                segments.append([start, end])
        return [(s, e) for s, e in segments]

    def _candidates(self, text: str):
        segments = self._segments(text)
        seen = set()
        for order, rule in enumerate(self.rules):
            for start, end in segments:
                for match in rule.pattern.finditer(text, start, end):
                    if match.end() > match.start() and (order, match.span()) not in seen:
                        seen.add((order, match.span()))
                        yield match.end() - match.start(), order, rule, match

    def _choose(self, text: str, ctx) -> list[tuple]:
        """Non-overlapping matches, longest first, each one that its rule accepts."""
        taken: list[tuple[int, int]] = []
        chosen = []
        for _length, _order, rule, match in sorted(self._candidates(text), key=lambda c: (-c[0], c[1])):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            resolution = rule.resolve(match, ctx)
            if resolution is None:
                continue
            taken.append((start, end))
            chosen.append((rule, match, resolution))
        return chosen

    def _resolve_in_order(self, chosen: list[tuple], ctx) -> list[Timex]:
        """Timexes in text order; anaphoric ones see the year named before them."""
        out = []
        last_year = None
        for rule, match, (value, precision) in sorted(chosen, key=lambda c: c[1].start()):
            if rule.name in ANAPHORIC:
                ctx.last_year = last_year
                again = rule.resolve(match, ctx)
                if again is not None:
                    value, precision = again
            elif rule.name in YEAR_SETTING and value:
                last_year = int(value[:4])
            out.append(Timex(match.group(), match.start(), match.end(), value, precision))
        return out

    def _entities_missed(self, parsed, found: list[Timex], published: Optional[date]) -> list[Timex]:
        """spaCy DATE/TIME entities no rule covered that name a month or weekday."""
        if parsed is None:
            return []
        out = []
        for ent in parsed.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            if any(t.start < ent.end_char and ent.start_char < t.end for t in found):
                continue
            if not self._entity_words.search(ent.text):
                continue
            resolved = self._dateparser_value(ent.text, published)
            if resolved is not None:
                out.append(Timex(ent.text, ent.start_char, ent.end_char, *resolved))
        return out

    def _dateparser_value(self, text: str, published: Optional[date]) -> Optional[tuple[str, str]]:
        """dateparser for an expression the rules do not know; None when it cannot tell."""
        if published is None and not re.search(r"\b(?:1[5-9]|20)\d\d\b", text):
            return None
        if self._dateparser is None:
            import dateparser.date

            self._dateparser = dateparser.date
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if published is not None:
            settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
        try:
            data = self._dateparser.DateDataParser(languages=["en"], settings=settings).get_date_data(text)
        except Exception:  # dateparser raises on odd input; such text is simply unresolved
            return None
        if data is None or data.date_obj is None:
            return None
        d = data.date_obj
        period = data.period or "day"
        if period == "year":
            return f"{d.year:04d}", "year"
        if period == "month":
            return f"{d.year:04d}-{d.month:02d}", "month"
        if period in ("day", "time", "week"):
            return d.date().isoformat(), "day"
        return None
