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
_WORDS = re.compile(r"[A-Za-z]+\d?|\d+s?")
#: Trigger words (lower case) of each kind, besides months, weekdays and numbers.
TRIGGERS = {
    "relday": "today tonight yesterday tomorrow overnight night morning afternoon evening",
    "unit": "week month year",
    "ago": "ago earlier later before now",
    "quarter": "quarter q1 q2 q3 q4 h1 h2",
    "season": "spring summer autumn fall winter",
    "thousand": "thousand",
    "end": "end",
}
#: Which rules each kind of trigger word can start.
KIND_RULES = {
    "month": ("full_date", "day_month", "month_year", "month"),
    "weekday": ("weekday", "full_date", "day_month"),
    "year": ("iso_date", "year", "month_year", "full_date", "day_month", "quarter", "season"),
    "decade": ("decade",),
    "relday": ("relative_day", "weekday"),
    "unit": ("relative_unit", "year_end", "year_earlier", "ago"),
    "ago": ("ago", "year_earlier", "relative_unit"),
    "quarter": ("quarter",),
    "season": ("season",),
    "thousand": ("year_words",),
    "end": ("year_end",),
}


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
        self._triggers = self._trigger_words()

    def find(self, text: str, published: Optional[date], parsed=None) -> list[Timex]:
        ctx = grammar.Context(published, parsed, self.lexicon, text)
        chosen = self._choose(text, ctx)
        timexes = self._resolve_in_order(chosen, ctx)
        timexes += self._entities_missed(parsed, timexes, published)
        timexes.sort(key=lambda t: t.start)
        return timexes

    def _trigger_words(self) -> dict[str, str]:
        """Word → the kind of rule it can trigger; months and weekdays as written, the rest lower-case."""
        triggers = {}
        for word in self.lexicon["months"]:
            triggers[word] = triggers[word.upper()] = "month"
        for word in self.lexicon["weekdays"]:
            triggers[word] = triggers[word.upper()] = triggers[word.lower()] = "weekday"
        for kind, words in TRIGGERS.items():
            for word in words.split():
                triggers[word] = kind
        return triggers

    def _segments(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """For each kind of rule, the stretches of text around words that can trigger it.

        The rules run only there: scanning whole articles with every pattern
        would cost several milliseconds each.
        """
        segments: dict[str, list[list[int]]] = {}
        triggers = self._triggers
        for word in _WORDS.finditer(text):
            w = word.group()
            kind = triggers.get(w) or triggers.get(w.lower())
            if kind is None and w[0].isdigit():
                kind = "decade" if w.endswith("s") else "year" if len(w) == 4 else None
            if kind is None:
                continue
            start = max(0, word.start() - SEGMENT_MARGIN)
            end = min(len(text), word.end() + SEGMENT_MARGIN)
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start > 0 else 0  # never cut a word in two
            space = text.find(" ", end)
            end = space if space >= 0 else len(text)
            for rule_kind in KIND_RULES.get(kind, ()):
                spans = segments.setdefault(rule_kind, [])
                if spans and start <= spans[-1][1]:
                    spans[-1][1] = max(spans[-1][1], end)
                else:
                    spans.append([start, end])
        return {k: [(a, b) for a, b in v] for k, v in segments.items()}

    def _candidates(self, text: str):
        segments = self._segments(text)
        for order, rule in enumerate(self.rules):
            for start, end in segments.get(rule.name, ()):
                for match in rule.pattern.finditer(text, start, end):
                    if match.end() > match.start():
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
            out.append(Timex(match.group(), match.start(), match.end(), value, precision if value else "unknown"))
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
