"""Date expressions: the patterns that find them and the rules that resolve them.

Each :class:`Rule` pairs one compiled pattern with a resolver that turns a
match into ``(value, precision)`` against the publication date, following
the TimeML/news conventions: a bare weekday is the last one (the next one in a
future clause), "last night" is the day before, "this year" is the year,
weeks are reported at the precision of their month, fiscal quarters, seasons
and decades are not calendar values (value None).  Patterns are built from
``data/dates/lexicon.json`` once per process.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Callable, Optional

from dragoman.dates import calendar_math as cm
from dragoman.dates.tense import clause_direction

Resolution = Optional[tuple[Optional[str], str]]  # (value, precision); None rejects the match


def load_lexicon() -> dict:
    path = resources.files("dragoman") / "data" / "dates" / "lexicon.json"
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Context:
    """What resolving one article needs: its date, parse and the years seen so far."""

    published: Optional[date]
    parsed: object
    lexicon: dict
    text: str
    last_year: Optional[int] = None  # latest explicit year, for "the following year"
    extra: dict = field(default_factory=dict)

    def direction(self, start: int, default: str = cm.PAST) -> str:
        return clause_direction(self.parsed, start, self.lexicon, default)


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Context], Resolution]


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def build_rules(lex: dict) -> list[Rule]:
    """Every pattern, compiled once; longer matches win over shorter ones later."""
    months = lex["months"]
    full = [w for w in months if len(w) > 4 or w in ("May", "June", "July")]
    short = [w for w in months if w not in full]
    month_re = (rf"(?<!\w)(?:{_alternation(full)}|(?:{_alternation(short)})\.?"
                rf"|{_alternation(w.upper() for w in full if len(w) > 3)})(?!\w)")
    weekday_re = rf"\b(?:{_alternation(lex['weekdays'])}|{_alternation(w.upper() for w in lex['weekdays'])})(?!\w)"
    ordinal_re = _alternation(lex["ordinals"])
    day_re = rf"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])|(?i:{ordinal_re})\b"
    year_re = r"(?:1[5-9]\d\d|20\d\d)(?![\d,]\d)"
    number_re = _alternation(lex["numbers"])
    rel_re = r"(?i:this\s+coming|this\s+past|last|next|this|coming|past)"
    pod_re = r"(?i:morning|afternoon|evening|night)"
    edge_re = r"(?i:early|late|mid|the\s+(?:beginning|start|end|middle)\s+of|around|earlier|later)"

    def m(pattern: str) -> re.Pattern:
        return re.compile(pattern)

    rules = [
        Rule("full_date", m(
            rf"(?:(?:{rel_re}\s+)?{weekday_re},?\s+(?:(?i:the)\s+)?)?"
            rf"(?P<mon>{month_re})\s+(?P<day>{day_re})(?:,?\s+(?P<year>{year_re})\b)?"), _full_date),
        Rule("day_month", m(
            rf"(?:{weekday_re},?\s+)?(?:(?i:the)\s+)?(?P<day>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|(?i:{ordinal_re}))"
            rf"\s+(?:(?i:of)\s+)?(?P<mon>{month_re})(?:,?\s+(?P<year>{year_re})\b)?"), _full_date),
        Rule("iso_date", m(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"), _iso_date),
        Rule("month_year", m(
            rf"(?:(?P<edge>{edge_re})[\s-]+)?(?P<mon>{month_re})(?:\s+(?i:of))?,?\s+(?P<year>{year_re})\b"), _month_year),
        Rule("month", m(
            rf"(?:(?P<rel>{rel_re})\s+|(?P<edge>{edge_re})[\s-]+)?(?P<mon>{month_re})(?![\s.]*\d)"), _month),
        Rule("decade", m(r"(?:(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?(?:1[5-9]|20)\d0(?:s|’s|'s)\b|(?i:the\s+)?['’]\d0s\b"),
             _not_calendar),
        Rule("quarter", m(
            rf"(?i:(?:the\s+|this\s+year['’]s\s+|last\s+year['’]s\s+)?(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
            rf"[\s-]+(?:fiscal[\s-]+)?quarter)(?:\s+(?i:of)\s+(?:{year_re}))?|\b(?:Q[1-4]|H[12])(?:\s+{year_re})?\b"), _not_calendar),
        Rule("season", m(rf"(?i:(?:(?:this|last|next|this\s+past|this\s+coming)\s+)?(?:spring|summer|autumn|fall|winter))(?:\s+(?:of\s+)?{year_re})?"),
             _season),
        Rule("year_words", m(r"(?i:the\s+year\s+two\s+thousand(?:\s+and\s+(?P<unit>one|two|three|four|five|six|seven|eight|nine|ten))?)"),
             _year_words),
        Rule("year", m(rf"(?:(?P<edge>{edge_re})[\s-]+|(?<![\w$£€.,/-]))(?P<year>{year_re})\b(?!\s*(?:%|-\d|/\d|\.\d))"), _year),
        Rule("relative_day", m(
            rf"(?:(?P<edge>(?i:early|late|later|earlier|(?:mid-?)?(?:morning|afternoon|evening)))\s+)?"
            rf"(?P<word>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|overnight|last\s+night|this\s+(?:morning|afternoon|evening)))"
            rf"(?:\s+(?P<pod>{pod_re}))?\b"), _relative_day),
        Rule("weekday", m(
            rf"(?:(?i:early|late)\s+)?(?:(?i:on)\s+)?(?:(?P<rel>{rel_re})\s+)?(?P<wd>{weekday_re})(?:['’]s)?"
            rf"(?:\s+(?P<pod>{pod_re}))?(?:\s+(?P<week>(?i:last|next|this))\s+(?i:week))?\b"), _weekday),
        Rule("relative_unit", m(
            rf"(?:(?P<edge>{edge_re})\s+)?(?:(?i:in)\s+)?(?P<rel>(?i:last|this|next|the\s+past|the\s+previous|the\s+prior|the\s+coming|the\s+following|the\s+next|that|the\s+same|the\s+current))"
            rf"\s+(?P<unit>(?i:week|month|year))(?!-)\b"), _relative_unit),
        Rule("year_end", m(r"(?i:(?:around\s+)?(?:the\s+)?(?:year['’]s[\s-]+end|year[\s-]end|end\s+of\s+the\s+year)\b)"), _year_end),
        Rule("ago", m(
            rf"(?P<n>\d+|(?i:{number_re}|several|a\s+few|few))[\s-]+(?P<unit>(?i:day|week|month|year))s?"
            rf"[\s-]+(?P<dir>(?i:ago|earlier|before|later|from\s+now))"), _ago),
        Rule("year_earlier", m(r"(?i:(?:a\s+)?year[\s-](?:earlier|ago))"), _year_earlier),
    ]
    return rules


# ---------------------------------------------------------------- resolvers


def _month_number(ctx: Context, word: str) -> int:
    word = word.rstrip(".")
    months = ctx.lexicon["months"]
    return months.get(word) or months.get(word.capitalize()) or months[word.title()]


def _day_number(ctx: Context, word: str) -> int:
    word = word.lower()
    if word in ctx.lexicon["ordinals"]:
        return ctx.lexicon["ordinals"][word]
    return int(re.match(r"\d+", word).group())


def _full_date(match: re.Match, ctx: Context) -> Resolution:
    month = _month_number(ctx, match["mon"])
    day = _day_number(ctx, match["day"])
    if match["year"]:
        d = cm.safe_date(int(match["year"]), month, day)
        if d:
            ctx.last_year = d.year
        return cm.day_value(d) if d else None
    if ctx.published is None:
        return (None, "day")
    d = cm.month_day_date(ctx.published, month, day, ctx.direction(match.start(), cm.NEAREST))
    return cm.day_value(d) if d else None


def _iso_date(match: re.Match, ctx: Context) -> Resolution:
    d = cm.safe_date(int(match["year"]), int(match["mon"]), int(match["day"]))
    return cm.day_value(d) if d else None


def _month_year(match: re.Match, ctx: Context) -> Resolution:
    ctx.last_year = int(match["year"])
    return cm.month_value(int(match["year"]), _month_number(ctx, match["mon"]))


def _month(match: re.Match, ctx: Context) -> Resolution:
    word = match["mon"]
    rel = (match["rel"] or "").lower().split()
    if len(word) <= 4 and not word.endswith(".") and word not in ("May", "June", "July"):
        return None  # "Mar", "Dec" without a day: too often a word or a name
    if word == "May" and not (match["rel"] or match["edge"]):
        before = ctx.text[max(0, match.start() - 12):match.start()].lower().split()
        if not before or before[-1] not in ("in", "since", "by", "until", "through", "during", "from", "of", "before", "after", "to"):
            return None  # "May" the name or the verb
    if word.isupper() and len(word) > 3 and not (match["rel"] or match["edge"]):
        return None  # a month in a headline in capitals: too often a name
    month = _month_number(ctx, word)
    if ctx.published is None:
        return (None, "month")
    if rel and rel[0] == "last" or rel[-1:] == ["past"]:
        year = cm.month_year(ctx.published, month, cm.PAST, strict=True)
    elif rel and rel[0] == "next" or rel[-1:] == ["coming"]:
        year = cm.month_year(ctx.published, month, cm.FUTURE, strict=True)
    elif rel == ["this"]:
        year = ctx.published.year
    else:
        year = cm.month_year(ctx.published, month, ctx.direction(match.start(), cm.NEAREST))
    return cm.month_value(year, month)


def _not_calendar(match: re.Match, ctx: Context) -> Resolution:
    return (None, "unknown")


def _season(match: re.Match, ctx: Context) -> Resolution:
    text = match.group().lower()
    if text.split()[0] in ("fall", "spring") and not re.search(r"\d|this|last|next", text):
        return None  # "the fall of the city", "spring" as a verb or noun
    return (None, "unknown")


def _year_words(match: re.Match, ctx: Context) -> Resolution:
    extra = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10}
    return cm.year_value(2000 + extra.get((match["unit"] or "").lower(), 0))


def _year(match: re.Match, ctx: Context) -> Resolution:
    if not _looks_like_year(match, ctx):
        return None
    year = int(match["year"])
    ctx.last_year = year
    return cm.year_value(year)


def _looks_like_year(match: re.Match, ctx: Context) -> bool:
    """A four-digit number that is a year: not a count of things, money or a score."""
    after = ctx.text[match.end():match.end() + 30]
    if re.match(r"\s*(?:[-–]\s*\d|\d)", after):
        return False
    parsed = ctx.parsed
    if parsed is None:
        return True
    span = parsed.char_span(match.start("year"), match.end("year"), alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    token = span[-1]
    if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") and token.ent_type_ != "DATE":
        nxt = token.nbor(1) if token.i + 1 < len(parsed) else None
        if nxt is not None and nxt.tag_ == "NNS":
            return False
        if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
            return False
    nxt = token.nbor(1) if token.i + 1 < len(parsed) else None
    if nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in ("elections", "talks", "games", "olympics"):
        return False
    return True


def _relative_day(match: re.Match, ctx: Context) -> Resolution:
    if ctx.published is None:
        return (None, "day")
    word = " ".join(match["word"].lower().split())
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}.get(word, 0)
    return cm.day_value(ctx.published + timedelta(days=offset))


def _weekday(match: re.Match, ctx: Context) -> Resolution:
    text = ctx.text
    before = text[max(0, match.start() - 8):match.start()]
    if re.search(r"(?i:\b(?:good|black|super|ash|holy|maundy|cyber|bloody|easter))\s+$|\b(?:Mr|Mrs|Ms|Dr)\.?\s+$", before):
        return None  # named days (Good Friday, Black Monday) and people (Mr. Sunday)
    weekday = ctx.lexicon["weekdays"][match["wd"].capitalize()]
    if ctx.published is None:
        return (None, "day")
    rel = " ".join((match["rel"] or "").lower().split())
    pub = ctx.published
    if match["week"]:
        weeks = {"last": -1, "next": 1, "this": 0}[match["week"].lower()]
        return cm.day_value(cm.weekday_in_week(pub, weekday, weeks))
    if rel in ("last", "this past", "past"):
        return cm.day_value(cm.weekday_date(pub, weekday, cm.PAST, strict=True))
    if rel in ("next", "this coming", "coming"):
        return cm.day_value(cm.weekday_date(pub, weekday, cm.FUTURE, strict=True))
    if rel == "this":
        return cm.day_value(cm.weekday_date(pub, weekday, ctx.direction(match.start("wd"), cm.FUTURE)))
    return cm.day_value(cm.weekday_date(pub, weekday, ctx.direction(match.start("wd"), cm.PAST)))


def _relative_unit(match: re.Match, ctx: Context) -> Resolution:
    rel = " ".join(match["rel"].lower().split())
    unit = match["unit"].lower()
    anaphoric = rel in ("the previous", "the prior", "the following", "the next", "that", "the same")
    if anaphoric and unit == "year" and ctx.last_year is not None:
        delta = {"the previous": -1, "the prior": -1, "the following": 1, "the next": 1}.get(rel, 0)
        return cm.year_value(ctx.last_year + delta)
    if ctx.published is None:
        return (None, unit if unit != "week" else "month")
    if rel in ("that", "the same"):
        return None
    delta = {"last": -1, "the past": -1, "the previous": -1, "the prior": -1,
             "next": 1, "the coming": 1, "the following": 1, "the next": 1}.get(rel, 0)
    pub = ctx.published
    if unit == "week":
        day = pub + timedelta(days=7 * delta)
        return cm.month_value(day.year, day.month)
    if unit == "month":
        return cm.month_value(*cm.add_months(pub.year, pub.month, delta))
    return cm.year_value(pub.year + delta)


def _year_end(match: re.Match, ctx: Context) -> Resolution:
    if ctx.published is None:
        return (None, "year")
    return cm.year_value(ctx.published.year)


def _ago(match: re.Match, ctx: Context) -> Resolution:
    n_text = " ".join(match["n"].lower().split())
    if n_text.isdigit():
        n = int(n_text)
    else:
        n = ctx.lexicon["numbers"].get(n_text)
    direction = match["dir"].lower()
    if n is None or ctx.published is None:
        return (None, "unknown")
    sign = 1 if direction in ("later", "from now") else -1
    if direction in ("earlier", "before", "later") and match["unit"].lower() == "day":
        return None  # "two days earlier" counts from another event, not from publication
    return cm.shift(ctx.published, sign * n, match["unit"].lower())


def _year_earlier(match: re.Match, ctx: Context) -> Resolution:
    if ctx.published is None:
        return (None, "year")
    return cm.year_value(ctx.published.year - 1)
