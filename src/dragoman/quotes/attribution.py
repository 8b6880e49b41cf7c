"""Find the quotes of one article: direct, indirect and mixed, with speakers.

The order of work:

1. quotation marks give the direct *segments* (``marks.find_segments``);
2. every speech verb outside the marks with a reported clause (its ccomp)
   gives a quote: indirect when the clause has no quoted words, direct when
   it is nothing but quoted words, mixed otherwise; "according to X, …" the
   same way;
3. segments no clause claimed are attributed by the attribution next to them
   ("“…,” X said", "X said: “…”", "X boomed: “…”", "“…” ― Jane Doe"), by the
   verb that governs a quoted fragment ("called the plan “unworkable”"), or by
   the quote before them (the second half of a split quote, a continuation
   paragraph); quoted words nobody is said to have spoken are left out;
4. speakers are resolved in text order: the actor the actors stage recorded
   at the speaker's head word, else the quote before for a pronoun or "the
   statement said".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Token

from dragoman.model import Document, Quote
from dragoman.quotes import speakers
from dragoman.quotes.cues import Cues
from dragoman.quotes.marks import Segment, find_segments, paragraph_of, paragraphs

_WORD = re.compile(r"\w+")
_SENTENCE_END = frozenset({".", "!", "?"})

#: A quoted fragment under a verb that is not a cue is a quote only from this
#: many words on; shorter ones are mostly terms in scare quotes ("super PACs").
MIN_WORDS_OF_UNCUED_FRAGMENT = 3

#: Quoted words shorter than this are a quote only with a speech cue nearby: scare
#: quotes, titles and slogans ("the “reset”", “Winds of change”) are not quotations.
MIN_WORDS_WITHOUT_CUE = 4

#: Priorities when two candidate quotes overlap: the lower number wins.
CLAUSE, FRAME, ACCORDING, INHERITED = 0, 1, 2, 3


@dataclass
class Candidate:
    """A quote before ids are given and inherited speakers are filled in."""

    start: int
    end: int
    kind: str
    cue: Optional[str]
    speaker_head: Optional[Token] = None
    priority: int = CLAUSE
    inherit: bool = False  # take the speaker of the quote before
    speaker_bounds: Optional[tuple[int, int]] = None  # where the speaker's words may lie
    governed_by: Optional[int] = None  # token index of the verb a quoted fragment hangs from
    from_document: bool = False  # "the statement said": the previous speaker, unless named

    @property
    def length(self) -> int:
        return self.end - self.start


class Article:
    """One parsed article with the lookups the extraction needs."""

    def __init__(self, doc: Document, parsed: Doc, cues: Cues):
        self.doc = doc
        self.parsed = parsed
        self.cues = cues
        self.text = doc.text
        self.paragraphs = paragraphs(self.text)
        self.segments = find_segments(self.text)
        self._outer_starts = [s.outer_start for s in self.segments]
        self.used_cues: set[int] = set()

    # --- positions ---------------------------------------------------------

    def segment_at(self, offset: int) -> Optional[Segment]:
        """The segment whose marks enclose ``offset``."""
        k = bisect_right(self._outer_starts, offset) - 1
        if k >= 0:
            seg = self.segments[k]
            if seg.outer_start <= offset < max(seg.outer_end, seg.end):
                return seg
        return None

    def in_segment(self, token: Token) -> bool:
        return self.segment_at(token.idx) is not None

    def paragraph(self, offset: int) -> int:
        return paragraph_of(self.paragraphs, offset)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        span = self.parsed.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def words_outside_segments(self, start: int, end: int) -> int:
        """How many words of [start, end) are not inside quotation marks."""
        count = 0
        for match in _WORD.finditer(self.text, start, end):
            if self.segment_at(match.start()) is None:
                count += 1
        return count

    def segments_within(self, start: int, end: int) -> list[Segment]:
        return [s for s in self.segments if s.start < end and start < s.end]

    # --- cues ----------------------------------------------------------------

    def is_speech_verb(self, token: Token) -> bool:
        if token.text in ("Said", "Says") and speakers.opens_sentence(token):
            return True  # "Said Jane Doe: “…”", whatever the tagger made of the capital
        return token.pos_ in ("VERB", "AUX") and (
            token.lemma_.lower() in self.cues.speech or _as_one_put_it(token))

    def is_fragment_verb(self, token: Token) -> bool:
        return token.pos_ == "VERB" and (
            token.lemma_.lower() in self.cues.speech or token.lemma_.lower() in self.cues.fragment
        )

    def cue_text(self, verb: Token) -> str:
        """The cue as written, with a particle that belongs to it ("pointed out")."""
        particle = next((c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1), None)
        if particle is not None:
            return self.text[verb.idx: particle.idx + len(particle)]
        return verb.text


def _as_one_put_it(verb: Token) -> bool:
    """"…, as one official put it": "put it" under "as" reports the words before it."""
    return verb.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _trim(parsed: Doc, left: int, right: int) -> Optional[tuple[int, int]]:
    """Token range [left, right] without leading "that"/punctuation and trailing punctuation."""
    while left <= right and (
        parsed[left].is_punct or parsed[left].is_space
        or (parsed[left].dep_ == "mark" and parsed[left].lower_ == "that")
        or parsed[left].dep_ == "cc"
    ):
        left += 1
    while right >= left and (parsed[right].is_punct or parsed[right].is_space) \
            and not _is_mark(parsed[right]):
        right -= 1
    if right < left:
        return None
    return left, right


_MARK_TOKENS = frozenset({"“", "”", '"', "«", "»", "„", "''"})


def _is_mark(token: Token) -> bool:
    return token.text in _MARK_TOKENS


def _char_span(parsed: Doc, left: int, right: int) -> tuple[int, int]:
    return parsed[left].idx, parsed[right].idx + len(parsed[right])


# --- step 2: reported clauses ---------------------------------------------------


def clause_candidates(art: Article) -> list[Candidate]:
    """Quotes whose content is the clause of a speech verb."""
    found: list[Candidate] = []
    for token in art.parsed:
        if not art.is_speech_verb(token) or art.in_segment(token):
            continue
        for content in _contents_of(art, token):
            candidate = _classify(art, content, token)
            if candidate is not None:
                found.append(candidate)
                art.used_cues.add(token.i)
    return _outermost(found)


def _contents_of(art: Article, verb: Token) -> list[tuple[int, int]]:
    """Character spans of what the verb reports: its ccomp clauses, or the clause
    before it when it closes the sentence ("…, the ministry said.")."""
    spans = []
    for child in verb.children:
        if child.dep_ != "ccomp":
            continue
        left = child.left_edge.i
        if child.i > verb.i:
            # "The dam, engineers said, would hold …": the stray subject opens the content
            left = min([left] + [s.left_edge.i for s in speakers.stray_subjects(verb) if s.i < verb.i])
        trimmed = _trim(art.parsed, left, child.right_edge.i)
        if trimmed is not None and trimmed[1] - trimmed[0] >= 1:
            spans.append(_char_span(art.parsed, *trimmed))
    if not spans and verb.dep_ in ("parataxis", "ccomp", "conj") and verb.head.i < verb.i:
        span = _clause_before(art, verb)
        if span is not None:
            spans.append(span)
    if not spans and verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i != verb.i:
        span = _clause_around(art, verb)
        if span is not None:
            spans.append(span)
    return spans


def _clause_around(art: Article, verb: Token) -> Optional[tuple[int, int]]:
    """"Lenox, Mr. Clarke said, was a juggernaut …": an attribution set off by commas
    inside the reported sentence.  The content is the clause around it, or its
    longer side when both sides are long."""
    parsed = art.parsed
    own = sorted(t.i for t in verb.subtree if not (t.is_punct and t.text == ","))
    first, last = own[0], own[-1]
    if first == 0 or last + 1 >= len(parsed):
        return None
    if parsed[first - 1].text != "," or parsed[last + 1].text != ",":
        return None
    head = verb.head
    if head.i in own or not (first < head.i or head.i < last):
        return None
    left = _trim(parsed, head.left_edge.i, first - 2) if head.left_edge.i < first - 1 else None
    right = _trim(parsed, last + 2, head.right_edge.i) if last + 2 <= head.right_edge.i else None
    size = lambda r: (r[1] - r[0] + 1) if r else 0  # noqa: E731
    if left and right and min(size(left), size(right)) <= 6:
        # "The plan, officials said, would cost …": the short side is the clause's
        # subject, so the content is the whole clause, attribution and all
        return _char_span(parsed, left[0], right[1])
    chosen = right if size(right) > size(left) else left
    if chosen is None or size(chosen) < 3:
        return None
    return _char_span(parsed, *chosen)


def _clause_before(art: Article, verb: Token) -> Optional[tuple[int, int]]:
    """"CONTENT, X said." parsed with the content as the head of the sentence."""
    parsed = art.parsed
    own = sorted(t.i for t in verb.subtree)
    first = own[0]
    # the attribution must close the sentence
    after = own[-1] + 1
    while after < len(parsed) and (parsed[after].is_punct or parsed[after].is_space):
        if parsed[after].text in _SENTENCE_END or parsed[after].is_space and "\n" in parsed[after].text:
            break
        after += 1
    if after < len(parsed) and parsed[after].text not in _SENTENCE_END and not (
        parsed[after].is_space and "\n" in parsed[after].text
    ):
        return None
    if first == 0 or parsed[first - 1].text not in (",", "”", "\"", "—", "–"):
        return None
    head_start = verb.head.left_edge.i
    if head_start >= first:
        return None
    trimmed = _trim(parsed, head_start, first - 1)
    return _char_span(parsed, *trimmed) if trimmed else None


def _classify(art: Article, content: tuple[int, int], verb: Token) -> Optional[Candidate]:
    # reported words stay in the cue's paragraph, whatever the parser joined
    p_start, p_end = art.paragraphs[art.paragraph(verb.idx)]
    start, end = max(content[0], p_start), min(content[1], p_end)
    if end <= start:
        return None
    start, end = _strip_span(art.text, start, end)
    if len(_WORD.findall(art.text, start, end)) < 2 and not art.segments_within(start, end):
        return None
    head = speaker_of(art, verb)
    if head is None:
        return None
    left, right = speakers.phrase_span(head)
    if start <= head.idx < end and right >= end - 2:
        # the parser hung the speaker at the end of the content ("…, X's staff said"): cut it off
        cut = art.parsed.char_span(start, left, alignment_mode="contract")
        if cut is None or len(cut) == 0:
            return None
        trimmed = _trim(art.parsed, cut[0].i, cut[-1].i)
        if trimmed is None:
            return None
        start, end = _char_span(art.parsed, *trimmed)
    inside = art.segments_within(start, end)
    cue = art.cue_text(verb)
    closer = _closer_cue(art, verb, inside) if inside else None
    if closer is not None and (closer_head := speaker_of(art, closer)) is not None:
        head, cue = closer_head, art.cue_text(closer)
    if inside and art.words_outside_segments(start, end) == 0:
        # nothing but quoted words: one direct quote per segment
        return Candidate(inside[0].start, inside[-1].end, "direct", cue, head,
                         from_document=_is_document(art, head))
    if inside:
        start = min(start, min(s.outer_start for s in inside))
        end = max(end, max(s.outer_end for s in inside))
        return Candidate(start, end, "mixed", cue, head, from_document=_is_document(art, head))
    return Candidate(start, end, "indirect", cue, head, from_document=_is_document(art, head))


#: Words that may stand between a speech verb and the quoted words it governs, or between
#: the closing mark and the verb of a trailing attribution (the speaker's name, adverbs).
_ATTRIBUTION_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "PRON", "ADV", "PUNCT", "ADP", "NUM", "PART", "SPACE"})


def _closer_cue(art: Article, verb: Token, inside: list[Segment]) -> Optional[Token]:
    """A speech verb nearer the quoted words than ``verb``: the words belong to it.

    "The ad ends with footage of X saying, “…”" (a speech verb between ``verb`` and
    the opening mark) and "Nothing the president said “…,” the senator said." (a
    trailing attribution right after the closing mark): the quote is the nearer
    speaker's (issue 11: both went to the farther one).
    """
    parsed = art.parsed
    first = art.tokens_between(inside[0].start, inside[0].end)
    if first and first[0].i > verb.i:
        k = first[0].i - 1
        while k > verb.i and (parsed[k].idx >= inside[0].outer_start or parsed[k].is_space):
            k -= 1
        # back over the verb's own modifiers ("saying during the debate last week,")
        j = k
        while j > verb.i and not art.is_speech_verb(parsed[j]) and parsed[j].pos_ in _ATTRIBUTION_POS \
                and parsed[j].text not in _SENTENCE_END and k - j < 8:
            j -= 1
        near = parsed[j]
        if j > verb.i and art.is_speech_verb(near) and not art.in_segment(near) \
                and near.dep_ != "relcl" and parsed[k].text in (",", ":") \
                and all(parsed[t].is_punct or parsed[t].is_space or near.is_ancestor(parsed[t])
                        for t in range(j + 1, k + 1)):
            return near
    for seg in inside:
        trailing = _attribution_after(art, seg)
        if trailing is not None and trailing.i != verb.i:
            return trailing if trailing.i > verb.i else None
    return None


def _attribution_after(art: Article, seg: Segment) -> Optional[Token]:
    """The verb of "“…,” X said" / "“…,” said X" right after a segment that closes on a comma,
    with its own subject there (not "“…,” explaining …", whose subject is borrowed)."""
    if not seg.closed or not art.text[seg.start:seg.outer_end].rstrip("”\"» ").endswith(","):
        return None
    tail = art.tokens_between(seg.outer_end, min(len(art.text), seg.outer_end + 120))
    for token in tail[:9]:
        if art.is_speech_verb(token):
            subject = speakers.subject_of(token)
            own = subject is not None and subject.head.i == token.i and subject.idx >= seg.outer_end
            return token if own or speakers.subject_after(token) is not None else None
        if token.pos_ not in _ATTRIBUTION_POS or token.text in _SENTENCE_END or art.in_segment(token):
            return None
    return None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def speaker_of(art: Article, verb: Token) -> Optional[Token]:
    """The head word of who speaks through ``verb``: its subject, or, when the parser
    put the subject inside the quoted words or lost it, the name right after the
    verb ("…,” said Jane Doe) or right before it (…, the agency's staff said)."""
    head = speakers.subject_of(verb)
    if head is not None and not art.in_segment(head):
        return head
    for candidate in (speakers.subject_after(verb), speakers.subject_before(verb)):
        if candidate is not None and not art.in_segment(candidate):
            return candidate
    return None


def _is_document(art: Article, head: Token) -> bool:
    return head.lemma_.lower() in art.cues.documents or head.lower_ in art.cues.documents


def _outermost(found: list[Candidate]) -> list[Candidate]:
    """Drop quotes reported inside another quote's content (flattened, as annotators do)."""
    kept: list[Candidate] = []
    for cand in sorted(found, key=lambda c: -c.length):
        if any(k.start <= cand.start and cand.end <= k.end for k in kept):
            continue
        kept.append(cand)
    return kept


def split_direct(art: Article, cand: Candidate) -> list[Candidate]:
    """A direct candidate over several segments becomes one quote per segment."""
    if cand.kind != "direct":
        return [cand]
    segs = art.segments_within(cand.start, cand.end)
    return [Candidate(s.start, s.end, "direct", cand.cue, cand.speaker_head, cand.priority,
                      from_document=cand.from_document) for s in segs] or [cand]


# --- "according to X" -----------------------------------------------------------


def according_candidates(art: Article) -> list[Candidate]:
    """Quotes introduced by a cue phrase that names the speaker after it ("according to X")."""
    found = []
    parsed = art.parsed
    lowered = [t.lower_ for t in parsed]
    firsts = {phrase[0] for phrase in art.cues.phrases}
    for i, word in enumerate(lowered):
        if word not in firsts:
            continue
        for phrase in art.cues.phrases:
            n = len(phrase)
            if tuple(lowered[i:i + n]) != phrase or art.in_segment(parsed[i]):
                continue
            first, last = parsed[i], parsed[i + n - 1]
            cand = _according(art, first, last, art.text[first.idx:last.idx + len(last)])
            if cand is not None:
                found.append(cand)
    return found


def _according(art: Article, first: Token, last: Token, cue: str) -> Optional[Candidate]:
    speaker = next((c for c in last.children if c.dep_ == "pobj"), None)
    if speaker is None:
        following = [t for t in art.parsed[last.i + 1: last.i + 6] if t.pos_ in ("NOUN", "PROPN")]
        speaker = following[0] if following else None
    if speaker is None:
        return None
    # the phrase attached to a speech verb only adds a source for that verb's quote
    head = first.head
    if art.is_speech_verb(head) and head.i in art.used_cues:
        return None
    sent = first.sent
    phrase_tokens = sorted({t.i for t in first.subtree} | {t.i for t in last.subtree} | {first.i, last.i})
    p_left, p_right = phrase_tokens[0], phrase_tokens[-1]
    before = _trim(art.parsed, sent.start, p_left - 1) if p_left > sent.start else None
    after = _trim(art.parsed, p_right + 1, sent.end - 1) if p_right + 1 < sent.end else None
    size = lambda r: (r[1] - r[0] + 1) if r else 0  # noqa: E731
    chosen = before if size(before) >= size(after) else after
    if chosen is None or size(chosen) < 3:
        return None
    start, end = _char_span(art.parsed, *chosen)
    inside = art.segments_within(start, end)
    if inside and art.words_outside_segments(start, end) == 0:
        kind = "direct"
    else:
        kind = "mixed" if inside else "indirect"
    return Candidate(start, end, kind, cue, speaker, priority=ACCORDING,
                     from_document=_is_document(art, speaker))


# --- step 3: segments no clause claimed -------------------------------------------


def segment_candidates(art: Article, claimed: list[Candidate]) -> list[Candidate]:
    found: list[Candidate] = []
    for seg in art.segments:
        if any(c.start <= seg.start and seg.end <= c.end for c in claimed):
            continue
        cand = _attribute_segment(art, seg)
        if cand is not None:
            found.append(cand)
    return _merge_fragments(art, found)


def _merge_fragments(art: Article, found: list[Candidate]) -> list[Candidate]:
    """Fragments hanging from one verb are one mixed quote: called X a “liar,” a “bully”."""
    by_verb: dict[int, list[Candidate]] = {}
    for cand in found:
        if cand.governed_by is not None:
            by_verb.setdefault(cand.governed_by, []).append(cand)
    merged: list[Candidate] = [c for c in found if c.governed_by is None or len(by_verb[c.governed_by]) == 1]
    for verb_i, group in by_verb.items():
        if len(group) < 2:
            continue
        verb = art.parsed[verb_i]
        first = min(group, key=lambda c: c.start)
        start = min(art.segment_at(c.start).outer_start for c in group)
        if verb.i + 1 < len(art.parsed) and verb.idx < start and verb.sent == art.parsed[verb.i + 1].sent:
            start = art.parsed[verb.i + 1].idx
        end = max(art.segment_at(c.start).outer_end for c in group)
        merged.append(Candidate(start, end, "mixed", first.cue, first.speaker_head, FRAME,
                                from_document=first.from_document, governed_by=verb_i))
    return sorted(merged, key=lambda c: c.start)


_TITLE_SMALL_WORDS = frozenset("a an and at by for from in of on or the to with".split())


def looks_like_title(text: str) -> bool:
    """Names of shows, books, handles or dates in marks ("Meet the Press", "@handle"):
    short, capitalised, no sentence punctuation; they are not quotations."""
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    words = text.split()
    if not words or len(words) > 6 or text.rstrip()[-1:] in ".!?," or text.startswith("@"):
        return bool(words) and text.startswith("@")
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words)


def _segment_tokens(art: Article, seg: Segment) -> list[Token]:
    return art.tokens_between(seg.start, seg.end)


def _attribute_segment(art: Article, seg: Segment) -> Optional[Candidate]:
    tokens = _segment_tokens(art, seg)
    if not tokens:
        return None
    dashed = _dash_speaker(art, seg)
    if dashed is not None:
        head, dash, name_end = dashed
        bounds = (seg.outer_end, name_end)
        return Candidate(seg.start, seg.end, "direct", dash, head, FRAME, speaker_bounds=bounds)
    title = looks_like_title(art.text[seg.start:seg.end])
    verb = _trailing_cue(art, seg, tokens[-1]) or (None if title else _leading_cue(art, seg, tokens[0]))
    if verb is not None:
        head = speaker_of(art, verb)
        if head is not None:
            art.used_cues.add(verb.i)
            return Candidate(seg.start, seg.end, "direct", art.cue_text(verb), head, FRAME,
                             from_document=_is_document(art, head))
    governing = None if title else _governing_verb(art, seg, tokens)
    if governing is not None:
        head = speaker_of(art, governing)
        if head is not None:
            return Candidate(seg.start, seg.end, "direct", art.cue_text(governing), head, FRAME,
                             from_document=_is_document(art, head), governed_by=governing.i)
    return Candidate(seg.start, seg.end, "direct", None, None, INHERITED, inherit=True)


def _is_boundary(art: Article, token: Token) -> bool:
    return (token.text in _SENTENCE_END and not art.in_segment(token)) or (
        token.is_space and "\n" in token.text
    )


def _trailing_cue(art: Article, seg: Segment, last: Token) -> Optional[Token]:
    """"“…,” X said" / "“…,” said X": a speech verb in the words after the closing mark.

    A verb that already reports a clause still counts: in "“A,” X said, “B.”" the
    verb's clause is the second half, and the first half is X's too (issue 11: it
    went to the speaker of the quote before)."""
    inner = art.text[seg.start:seg.end + 1].rstrip("”\"» ")
    after = art.text[seg.outer_end:seg.outer_end + 3].lstrip()
    if inner.endswith(".") and not after.startswith(","):
        if not (after[:1].islower()):
            return None
    if not seg.closed:
        return None
    paragraph_end = art.paragraphs[art.paragraph(seg.start)][1]
    split = _opens_split_quote(art, seg, inner, after)
    i = last.i + 1
    parsed = art.parsed
    while i < len(parsed) and parsed[i].idx < seg.outer_end:
        i += 1
    steps = 0
    while i < len(parsed) and parsed[i].idx < paragraph_end and steps < 40:
        token = parsed[i]
        if _is_boundary(art, token) or art.in_segment(token):
            break
        if art.is_speech_verb(token) and (token.i not in art.used_cues or split):
            return token
        i += 1
        steps += 1
    return None


def _opens_split_quote(art: Article, seg: Segment, inner: str, after: str) -> bool:
    """The segment opens its sentence and stops at a comma: the first half of
    "“A,” X said, “B.”" (not a name in marks inside a sentence: "on “Meet the Press,”")."""
    if not (inner.endswith(",") or after.startswith(",")):
        return False
    paragraph_start = art.paragraphs[art.paragraph(seg.start)][0]
    before = art.text[paragraph_start:seg.outer_start].rstrip()
    return not before or re.search(r"[.!?][”\"»’']?$", before) is not None


def _leading_cue(art: Article, seg: Segment, first: Token) -> Optional[Token]:
    """"X said: “…”" / "X said that “…”": a speech verb right before the opening mark,
    or at the end of the paragraph before when that one ends with a colon."""
    parsed = art.parsed
    number = art.paragraph(seg.start)
    paragraph_start = art.paragraphs[number][0]
    i = first.i - 1
    while i >= 0 and parsed[i].idx >= seg.outer_start:
        i -= 1
    if not re.search(r"\w", art.text[paragraph_start:seg.outer_start]) and number > 0:
        prev_start, prev_end = art.paragraphs[number - 1]
        if not art.text[prev_start:prev_end].endswith(":"):
            return None
        paragraph_start = prev_start
        while i >= 0 and parsed[i].idx >= prev_end:
            i -= 1
    # the words just before the mark must hand over to the quote
    while i >= 0 and parsed[i].is_space and "\n" not in parsed[i].text:
        i -= 1
    if i < 0:
        return None
    last = parsed[i]
    if not (last.text in (":", ",", "—", "–") or last.lower_ == "that" or art.is_speech_verb(last)):
        return None
    colon = last.text == ":"
    any_verb: Optional[Token] = None
    steps = 0
    while i >= 0 and parsed[i].idx >= paragraph_start and steps < 40:
        token = parsed[i]
        if _is_boundary(art, token) or art.in_segment(token):
            break
        if art.is_speech_verb(token) and token.i not in art.used_cues:
            return token
        if colon and any_verb is None and token.pos_ == "VERB" and token.i not in art.used_cues:
            any_verb = token
        i -= 1
        steps += 1
    # "Trump boomed: “…”": a colon hands any verb's subject the quotation
    return any_verb


def _dash_speaker(art: Article, seg: Segment) -> Optional[tuple[Token, str, int]]:
    """"“…” ― Jane Doe": a short name after a dash, up to the paragraph's end or
    the next quotation (head word, dash, end of the name)."""
    if not seg.closed:
        return None
    end = art.paragraphs[art.paragraph(seg.start)][1]
    following = [s.outer_start for s in art.segments if s.outer_start >= seg.outer_end]
    if following and following[0] < end:
        end = following[0]
    tail = art.text[seg.outer_end:end]
    match = re.match(r"\s*([―—–]|-{1,2})\s*(\S.{0,80}?)[\s.]*$", tail)
    if not match or len(match.group(2).split()) > 8 or not match.group(2)[:1].isupper():
        return None
    start = seg.outer_end + match.start(2)
    name_end = seg.outer_end + match.end(2)
    span = art.parsed.char_span(start, name_end, alignment_mode="expand")
    if span is None or not any(t.pos_ == "PROPN" for t in span):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return None  # a clause, not a name: "— the balloons came down"
    return span.root, match.group(1), name_end


def _governing_verb(art: Article, seg: Segment, tokens: list[Token]) -> Optional[Token]:
    """The cue verb a quoted fragment hangs from ("ordered the army to do “whatever …”")."""
    first = tokens[0]
    # a fragment sits inside a sentence: some word outside the marks comes before it
    sent_start = first.sent.start
    if not any(not t.is_punct and not t.is_space and not art.in_segment(t)
               for t in art.parsed[sent_start:first.i]):
        return None
    inside = {t.i for t in tokens}
    long_enough = sum(t.is_alpha for t in tokens) >= MIN_WORDS_OF_UNCUED_FRAGMENT
    roots = [t for t in tokens if t.head.i not in inside]
    for root in roots:
        current = root.head
        for _ in range(6):
            if current.i in inside or art.in_segment(current):
                if current.head.i == current.i:
                    break
                current = current.head
                continue
            if current.pos_ == "VERB":
                if art.is_fragment_verb(current):
                    return current
                subject = speakers.subject_of(current)
                if subject is not None and current.dep_ not in ("xcomp", "conj"):
                    # any verb of a named or pronoun subject takes a phrase quoted at
                    # length ("Trump vowed to “open up” our libel laws" does not,
                    # "X lamented the “missed chances to win the state”" does)
                    if subject.pos_ in ("PROPN", "PRON") and long_enough:
                        return current
                    break  # another clause: the fragment is not reported
            if current.head.i == current.i:
                break
            current = current.head
    return None


# --- assembling -------------------------------------------------------------------


def find_quotes(doc: Document, parsed: Doc, cues: Cues) -> list[Quote]:
    """All quotes of the article, in text order, with ids q1, q2 …"""
    art = Article(doc, parsed, cues)
    claimed = [piece for cand in clause_candidates(art) for piece in split_direct(art, cand)]
    according = according_candidates(art)
    segment_based = segment_candidates(art, claimed + according)
    chosen = _without_overlaps(claimed + segment_based + according)
    return _finish(art, [c for c in chosen if not _short_and_uncued(art, c)])


def _short_and_uncued(art: Article, cand: Candidate) -> bool:
    """Fewer than MIN_WORDS_WITHOUT_CUE quoted words that no speech cue reports:
    a name after a label word ("so-called", "her memoir", "banners reading"),
    or words in marks inside an unquoted sentence that has no speech or fragment
    verb of the cues and no longer quotation ("Analysts doubt the “reset” will last")."""
    if cand.kind != "direct" or len(_WORD.findall(art.text, cand.start, cand.end)) >= MIN_WORDS_WITHOUT_CUE:
        return False
    seg = art.segment_at(cand.start)
    if seg is None:
        return False
    if _after_label(art, seg.outer_start):
        return True
    if not cand.inherit:
        return False
    span = art.parsed.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is None:
        return False
    sent = span[0].sent
    outside = [t for t in sent if not t.is_punct and not t.is_space and not art.in_segment(t)]
    if not outside or any(art.is_speech_verb(t) or art.is_fragment_verb(t) for t in outside):
        return False
    # one of a list of quoted words whose longer item is a quote ("as a “leech who …” and a “brat”")
    return not any(other is not seg and sent.start_char <= other.start < sent.end_char
                   and len(_WORD.findall(art.text, other.start, other.end)) >= MIN_WORDS_WITHOUT_CUE
                   for other in art.segments)


def _after_label(art: Article, outer_start: int) -> bool:
    """The words right before the opening mark are a label word of the cues ("so-called")."""
    before = [w.lower() for w in re.findall(r"[\w’'-]+", art.text[max(0, outer_start - 60):outer_start])]
    return any(tuple(before[-len(label):]) == label for label in art.cues.labels if len(before) >= len(label))


def _without_overlaps(cands: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.priority, -c.length)):
        if any(k.start < cand.end and cand.start < k.end for k in kept):
            continue
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _pronoun_keeps_last_speaker(art: Article, head: Token, actor_id: str, previous: Quote) -> str:
    """"“…,” Xi told Blinken. He said …": a he/she that opens the next report goes on
    with the last quote's speaker, unless the actor the actors stage chose was itself
    a subject since that quote (then the story has moved on to it)."""
    if head.lower_ not in ("he", "she") or previous.speaker in (None, actor_id):
        return actor_id
    last = art.doc.actor(previous.speaker)
    if last is None or last.kind != "person":
        return actor_id
    chosen = art.doc.actor(actor_id)
    for m in (chosen.mentions if chosen else []):
        if previous.start <= m.start < head.idx:
            span = art.parsed.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return actor_id
    return previous.speaker


def _finish(art: Article, cands: list[Candidate]) -> list[Quote]:
    """Resolve speakers in text order (inherited ones from the quote before) and number them."""
    quotes: list[Quote] = []
    last_paragraph = -10
    for cand in cands:
        paragraph = art.paragraph(cand.start)
        speaker_id, speaker_text = None, None
        document = False  # the speaker is a document nobody is named as issuing
        if cand.speaker_head is not None:
            head = cand.speaker_head
            if cand.from_document:
                owner = speakers.owner_of_document(head)
                if owner is not None:
                    head = owner
            start, end = speakers.phrase_span(head, cand.speaker_bounds)
            speaker_text = art.text[start:end]
            speaker_id = speakers.actor_id_for(art.doc, head)
            if speaker_id is not None and quotes and paragraph - last_paragraph <= 1:
                speaker_id = _pronoun_keeps_last_speaker(art, head, speaker_id, quotes[-1])
            document = cand.from_document and head.i == cand.speaker_head.i
            needs_previous = speaker_id is None and (document or speakers.is_pronoun_text(speaker_text))
        else:
            needs_previous = True
        if needs_previous:
            previous = quotes[-1] if quotes else None
            near = previous is not None and paragraph - last_paragraph <= 2
            if cand.inherit:
                lead = art.text[art.paragraphs[paragraph][0]:cand.start]
                starts_paragraph = not re.search(r"\w", lead)
                if not near or (paragraph != last_paragraph and not starts_paragraph):
                    continue  # quoted words nobody is said to have spoken
            if near and previous.speaker_text:
                # "the statement said": the issuer is the speaker before, but the words that name
                # the speaker here stay the document's own (issue 11: "The memo called it …" was
                # written as the last person quoted)
                speaker_id = previous.speaker
                speaker_text = speaker_text if document else previous.speaker_text
                if cand.inherit and paragraph == last_paragraph and cand.cue is None:
                    cand.cue = previous.cue  # the second half of a split quote shares its cue
        quotes.append(Quote(
            id=f"q{len(quotes) + 1}", text=art.text[cand.start:cand.end], kind=cand.kind,
            speaker=speaker_id, speaker_text=speaker_text, cue=cand.cue,
            start=cand.start, end=cand.end,
        ))
        last_paragraph = paragraph
    return quotes
