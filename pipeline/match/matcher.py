"""Event linking: decide, document by document and in time order, which real-world happening a post is about.

Each new document is compared with the documents indexed in the last `window_hours` that share one of its rare
terms (an inverted index, so the cost does not grow with history). The score of a pair is the larger of two text
similarities plus a bonus for shared anchors:

* TF-IDF cosine over jieba terms, with title and lead weighted up; document frequencies are learned from what is
  indexed and start from jieba's bundled IDF table as a prior worth `prior_docs` documents;
* containment: how much of the shorter text's (IDF-weighted) terms the longer text's title and lead hold, which is
  what links a two-line notice to a long article about it;
* anchors: shared distinctive figures (新增12例, 1175例), a shared reporting period or cut-off time;
* event containment (weighted `event_weight`): how much of the new text's title and lead the titles and leads of
  an event's compatible candidate documents hold together. An event told by many outlets links a two-line
  notice or a police statement titled only 警情通报 that no single article contains.

Evidence against a link is a veto, not a penalty (`conflict`): different subject places (the title's, else the
lead's first; an official text naming none is about its source's region), different reporting periods or cut-offs
(0-24时 of the 19th vs of the 20th), different ordinals (第5场 vs 第6场 发布会), dates two or more days apart,
a correction notice vs anything else, a roundup of many places vs a single one, headline figures the other text
does not contain, distinctive figures on both sides of which none is shared (when one side has some in its title
or lead), and a periodic report (a period in the lead, and figures) vs a text that states neither its period nor
any of its distinctive figures. Dates conflict when no date named in one text's title and lead (an official post
that names one: also its publication day) is within a day of one named in the other's: a press conference two
days later names the day of the happening too. These are what separate one issuer's successive bulletins, whose
texts are otherwise near-identical. Two texts that state the same cut-off to the hour are exempt from the figure
checks: they are about the same report even when they quote different figures from it.

The document joins the event of the best-scoring document if that score reaches `threshold`, otherwise it seeds
a new event ("ev-" + its id). Documents older than the window (plus `retention_hours`) behind the newest one are
dropped from memory; their document frequencies stay (`Matcher._evict`). pipeline/match_partition.py runs the same
matching on several processes.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

import numpy as np

from pipeline.match.gazetteer import NATIONAL, Gazetteer, Place, Region, compatible
from pipeline.match.tokenize import Tokenizer, get_tokenizer, normalize

BEIJING = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class MatchDoc:
    doc_id: str
    source_id: str
    kind: str  # "official" | "media"
    region: str | None  # the source's region, e.g. "江苏省连云港市"
    title: str
    body: str
    at: datetime | None  # aware publish time (or first-seen time when unknown)


@dataclass(frozen=True)
class Link:
    doc_id: str
    event_id: str
    score: float  # similarity to the best matching doc of the event; 1.0 for a new event's seed
    matched_doc_id: str | None  # the doc in the event it matched best; None for a seed
    shared_terms: tuple[str, ...]  # the top shared keywords, for explanations


@dataclass(frozen=True)
class MatchConfig:
    # Documents further apart than this cannot link. Four days covers a government repost two or three days
    # after the media (the Lianyungang case) and stays short of a weekly cycle.
    window_hours: float = 96.0
    # Extra time documents are kept in memory behind the newest one, for late arrivals; None means window_hours.
    retention_hours: float | None = None
    # Minimum score to join an event. On the labelled DEV set (IDF of the whole set), same-event pairs that
    # survive the vetoes score 0.45 and up and different-event ones 0.39 and down, apart from two near-misses at
    # 0.51 and 0.61; 0.42 sits in the gap. 0.5 loses recall for no precision (F1 0.75); 0.40 adds a false link.
    threshold: float = 0.42
    title_weight: float = 3.0
    lead_weight: float = 2.0
    lead_chars: int = 120
    # Containment counts a little less than cosine: a short text is contained by chance more easily.
    containment_weight: float = 0.85
    # Containment needs this much IDF mass in the shorter text, so that three common words cannot link.
    min_containment_mass: float = 18.0
    # Weight of event containment: the new text's title and lead against the titles and leads of an event's
    # documents taken together (what links a short notice to an event told by many outlets).
    event_weight: float = 0.65
    # Added per shared distinctive figure (at most two count) and for a shared reporting period or cut-off.
    figure_bonus: float = 0.1
    period_bonus: float = 0.1
    # Weight, in documents, of jieba's bundled IDF table as a prior on document frequencies.
    prior_docs: float = 200.0
    # Retrieval: rarest terms of the new document looked up, newest postings scanned, candidates scored.
    query_terms: int = 16
    max_postings: int = 5000
    max_candidates: int = 50
    # Terms kept per document (by weight x IDF at indexing time); bounds memory for long texts.
    max_doc_terms: int = 120

    @property
    def kept_hours(self) -> float:
        """How long documents stay in memory behind the newest one: the window plus the retention."""
        return self.window_hours + (self.retention_hours if self.retention_hours is not None else self.window_hours)


def new_event_id(seed_doc_id: str) -> str:
    return "ev-" + seed_doc_id


# ---------------------------------------------------------------------------------------------------------------
# Reading anchors out of text: periods and cut-off times, dates, figures, ordinals, places.

Endpoint = tuple[int, int, int]  # (month or 0 when unknown, day, hour or -1 when unknown)

_DAY = (
    r"(?:(?:(?P<{p}y>\d{{4}})年)?(?:(?P<{p}m>\d{{1,2}})月)?(?P<{p}d>\d{{1,2}})[日号]"
    r"|(?P<{p}rel>今天|今日|本日|当天|当日|昨天|昨日))"
)
_AMPM = r"(?P<{p}ap>凌晨|早上|上午|中午|下午|傍晚|晚上|晚间|晚)?"
# The characters a match can start with, as a lookahead in front: the regex engine then skips every other position
# at once instead of trying the whole pattern there (three times faster on news text; the matches are the same).
_DAY_FIRST = r"(?=[\d今本当昨])"
_PERIOD_FIRST = r"(?=[\d\s今本当昨凌早上中下傍晚零〇一二两三四五六七八九十])"  # a day, space, 当地时间, a time of day, an hour
_PERIOD_RE = re.compile(
    _PERIOD_FIRST
    + _DAY.format(p="a")
    + r"?\s*(?:当地时间)?\s*"
    + _AMPM.format(p="a")
    + r"(?P<sh>\d{1,2}|[零〇一二两三四五六七八九十]{1,3})(?:时|点)?\s*(?:-|至|到)\s*"
    + _DAY.format(p="b")
    + r"?\s*"
    + _AMPM.format(p="b")
    + r"(?P<eh>\d{1,2}|[零〇一二两三四五六七八九十]{1,3})(?:时|点)(?!\d)"
)
_ASOF_RE = re.compile(
    r"(?:截至|截止|截止到|截至到)\s*(?:当地时间|北京时间)?\s*"
    + _DAY.format(p="a")
    + r"?\s*"
    + _AMPM.format(p="a")
    + r"(?:(?P<eh>\d{1,2}|[零〇一二两三四五六七八九十]{1,3})(?:时|点))?"
)
_DATE_RE = re.compile(_DAY_FIRST + _DAY.format(p="a"))
_FIGURE_RE = re.compile(r"(?=\d)(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?(?![\d.])")
_ORDINAL_RE = re.compile(r"第\s*([0-9]+|[零〇一二两三四五六七八九十百千]+)\s*(场|期|次|号|批|届|轮|周|季度)")
_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    return total + digit


def _shift_hour(ampm: str | None, hour: int) -> int:
    return hour + 12 if ampm in {"下午", "傍晚", "晚上", "晚间", "晚"} and hour < 12 else hour


class _DateResolver:
    """Turns day expressions into calendar dates, relative to the publish date and the last date mentioned."""

    def __init__(self, ref: date | None) -> None:
        self.ref = ref
        self.year = ref.year if ref is not None else 2001
        self.last: tuple[int, int] | None = None

    def resolve(self, m: re.Match[str], p: str) -> tuple[int, int] | None:
        rel = m.group(p + "rel")
        if rel in {"当天", "当日"}:
            return self.last or self.from_ref(0)
        if rel is not None:
            return self.from_ref(-1 if rel.startswith("昨") else 0)
        day_text = m.group(p + "d")
        if day_text is None:
            return None
        day = int(day_text)
        month_text = m.group(p + "m")
        if not 1 <= day <= 31:
            return None
        if month_text is not None:
            month = int(month_text)
        elif self.ref is None:
            month = 0
        else:
            month = self.ref.month if day <= self.ref.day + 1 else (self.ref.month - 2) % 12 + 1
        if not 0 <= month <= 12:
            return None
        self.last = (month, day)
        return self.last

    def from_ref(self, offset: int) -> tuple[int, int] | None:
        if self.ref is None:
            return None
        d = self.ref + timedelta(days=offset)
        return (d.month, d.day)


def _endpoint(day: tuple[int, int] | None, hour: int | None, year: int) -> Endpoint | None:
    """A cut-off time; 24时 of one day is 0时 of the next."""
    if day is None:
        return None
    month, dom = day
    if hour is None:
        return (month, dom, -1)
    if hour == 24:
        if not month:
            return (0, dom + 1, 0)
        try:
            nxt = date(year, month, dom) + timedelta(days=1)
        except ValueError:
            return None
        return (nxt.month, nxt.day, 0)
    return (month, dom, hour) if 0 <= hour < 24 else None


def endpoints_compatible(a: Endpoint, b: Endpoint) -> bool:
    return (a[0] == b[0] or 0 in (a[0], b[0])) and a[1] == b[1] and (a[2] == b[2] or -1 in (a[2], b[2]))


def days_apart(a: tuple[int, int], b: tuple[int, int], year: int = 2001) -> int:
    """Calendar days between two (month, day) dates of unknown year; month 0 means unknown."""
    if 0 in (a[0], b[0]):
        return abs(a[1] - b[1])
    try:
        gap = abs((date(year, *a) - date(year, *b)).days)
    except ValueError:
        return 0
    return min(gap, 365 - gap)


@dataclass(frozen=True, slots=True)
class Anchors:
    endpoints: frozenset[Endpoint]
    lead_endpoints: frozenset[Endpoint]  # stated in the title or first sentence, as a periodic report does
    event_date: tuple[int, int] | None  # (month or 0, day) of the first date in title + first sentence
    lead_dates: frozenset[tuple[int, int]]  # every date named in title + first sentence
    figures: frozenset[str]  # all figures (not durations, not years)
    title_figures: frozenset[str]
    lead_figures: frozenset[str]  # figures in the title and the first sentence
    is_correction: bool  # a correction notice (订正, 更正 ...) is its own event
    is_roundup: bool  # title and lead name many provinces or countries: an aggregate of many reports
    ordinals: frozenset[tuple[str, int]]  # ("场", 27) for 第二十七场
    subject: tuple[Region, ...]  # places the text is about (title, else lead)
    subject_is_fallback: bool  # subject taken from the source's region, not from the text
    key_figures: frozenset[str]  # the distinctive ones of `figures`
    lead_key_figures: frozenset[str]  # the distinctive ones of `lead_figures`


# What every match of _PERIOD_RE holds (an hour, maybe 时/点, then a dash, 至 or 到) and of _ASOF_RE: most texts have
# neither, and these are found much faster than the full patterns, which are tried at every position.
_PERIOD_HINT_RE = re.compile(r"[\d零〇一二两三四五六七八九十][时点]?\s*[-至到]")
_ASOF_HINTS = ("截至", "截止")


def _periods(text: str, resolver: _DateResolver) -> tuple[set[Endpoint], list[tuple[int, int]]]:
    found: set[Endpoint] = set()
    spans: list[tuple[int, int]] = []
    has_period = _PERIOD_HINT_RE.search(text) is not None
    has_asof = any(hint in text for hint in _ASOF_HINTS)
    if not (has_period or has_asof):
        return found, spans
    mentions: list[re.Match[str]] = []
    read_mentions = False

    def recall_date_before(pos: int) -> None:
        """当天 means the day last named before it."""
        nonlocal read_mentions
        if not read_mentions:
            mentions.extend(m for m in _DATE_RE.finditer(text) if m.group("ad"))
            read_mentions = True
        before = [m for m in mentions if m.end() <= pos]
        if before:
            resolver.resolve(before[-1], "a")

    for m in _PERIOD_RE.finditer(text) if has_period else ():
        recall_date_before(m.start())
        start_day = resolver.resolve(m, "a")
        end_day = resolver.resolve(m, "b") or start_day or resolver.last or resolver.from_ref(0)
        end = _endpoint(end_day, _shift_hour(m.group("bap"), _cn_number(m.group("eh"))), resolver.year)
        if end is not None:
            found.add(end)
        spans.append(m.span())
    for m in _ASOF_RE.finditer(text) if has_asof else ():
        recall_date_before(m.start())
        day = resolver.resolve(m, "a")
        hour = m.group("eh")
        if day is None and hour is None:
            continue
        if day is None:
            day = resolver.last or resolver.from_ref(0)
        end = _endpoint(day, None if hour is None else _shift_hour(m.group("aap"), _cn_number(hour)), resolver.year)
        if end is not None:
            found.add(end)
        spans.append(m.span())
    return found, spans


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_TIME_UNITS = ("年", "月", "日", "号", "时", "点", "天", "周", "小时", "分钟", "秒", "个月")
ROUNDUP_PLACES = 5
_CORRECTION_RE = re.compile(r"订正|更正|纠正|勘误|撤回")


def numbers(text: str) -> frozenset[str]:
    """Figures in text whose dates, periods and place names are blanked; durations and years left out."""
    out: set[str] = set()
    for m in _FIGURE_RE.finditer(text):
        number, unit = m.group(1), m.group(2) or ""
        follow = text[m.end() : m.end() + 2]
        if not unit and follow.startswith(_TIME_UNITS):
            continue
        out.add(number + unit)
    return frozenset(out)


def numbers_within(text: str, title_end: int, lead_end: int) -> tuple[frozenset[str], ...]:
    """`numbers` of the whole text, of text[:title_end] and of text[:lead_end], in one pass."""
    everything: set[str] = set()
    title: set[str] = set()
    lead: set[str] = set()
    for m in _FIGURE_RE.finditer(text):
        number, unit = m.group(1), m.group(2) or ""
        if not unit and text[m.end() : m.end() + 2].startswith(_TIME_UNITS):
            continue
        figure = number + unit
        everything.add(figure)
        if m.end() <= lead_end:
            lead.add(figure)
            if m.end() <= title_end:
                title.add(figure)
    # Often some of the three are equal (the title's figure is the only one): one set for them, as they are kept.
    every = _frozen(everything)
    lead_set = every if lead == everything else _frozen(lead)
    title_set = lead_set if title == lead else _frozen(title)
    return every, title_set, lead_set


_NOTHING: frozenset = frozenset()
_shared_sets: dict[frozenset, frozenset] = {}


def _frozen(items: Iterable[object]) -> frozenset:
    """frozenset(items), the one empty set when empty: documents in memory hold a dozen sets, most of them empty."""
    return frozenset(items) or _NOTHING


def _shared(items: Iterable[object]) -> frozenset:
    """frozenset(items), the same object as an equal set made before: for the dates, periods and ordinals that many
    documents in memory share. (Up to 100,000 sets are remembered.)"""
    key = frozenset(items)
    if not key:
        return _NOTHING
    found = _shared_sets.get(key)
    if found is None:
        if len(_shared_sets) >= 100_000:
            _shared_sets.clear()
        found = _shared_sets[key] = key
    return found


def distinctive(figures: Iterable[str]) -> frozenset[str]:
    """Figures unlikely to match by chance: 100 or more, or with three significant digits."""
    return frozenset(f for f in figures if "." in f or not f.isdigit() or int(f) >= 100)


def _distinctive_or_same(figures: frozenset[str]) -> frozenset[str]:
    """`distinctive(figures)`, as the same object when that is all of them (one set less per indexed document)."""
    key = distinctive(figures)
    return figures if len(key) == len(figures) else key


def lead_of(body: str, chars: int) -> str:
    """First sentence of the body, at most `chars` characters."""
    head = body[:chars]
    m = _SENTENCE_END_RE.search(head, 8)
    return head[: m.end()] if m else head


def subject_places(text: str, gazetteer: Gazetteer) -> list[Region]:
    """Places named as what the text is about: "湖北以外" and "除湖北" name what it is not about."""
    return _subjects(text, gazetteer.find(text), 0, len(text))


def _subjects(text: str, places: Sequence[Place], start: int, end: int) -> list[Region]:
    """Subject places among `places` (found in `text`) that start in text[start:end]."""
    out: list[Region] = []
    for place in places:
        if not start <= place.start < end:
            continue
        stop = place.start + len(place.name)
        if text[stop : stop + 2] in {"以外", "之外"} or text[max(0, place.start - 1) : place.start] == "除":
            continue
        out.append(place.region)
    return list(dict.fromkeys(out))


def read_anchors(
    title: str,
    body: str,
    at: datetime | None,
    gazetteer: Gazetteer,
    fallback: Region | None,
    lead_chars: int,
    dated_by_publication: bool,
) -> Anchors:
    ref = at.astimezone(BEIJING).date() if at is not None else None
    lead = title + "\n" + lead_of(body, lead_chars)
    text = title + "\n" + body
    endpoints, _ = _periods(lead, _DateResolver(ref))
    all_endpoints, spans = _periods(text, _DateResolver(ref))
    lead_mentions = list(_DATE_RE.finditer(lead))
    event_date = _DateResolver(ref).resolve(lead_mentions[0], "a") if lead_mentions else None
    if event_date is None and dated_by_publication and ref is not None and not _DATE_RE.search(text):
        event_date = (ref.month, ref.day)
    # An official post that names a date is also about the day it appears: a notice of an investigation's result
    # names the day of the happening, the news about the notice names the day it was published.
    published = {(ref.month, ref.day)} if ref is not None and not dated_by_publication else set()
    resolver = _DateResolver(ref)
    lead_dates = {d for m in lead_mentions if (d := resolver.resolve(m, "a")) is not None}
    places = gazetteer.find(text)
    spans += [(p.start, p.start + len(p.name)) for p in places]
    blanked = _DATE_RE.sub(lambda m: " " * len(m.group(0)), _blank(text, spans))
    figures, title_figures, lead_figures = numbers_within(blanked, len(title), len(lead))
    ordinals = _shared((unit, _cn_number(n)) for n, unit in _ORDINAL_RE.findall(text))
    subject = tuple(_subjects(text, places, 0, len(title)))
    if not subject:
        subject = tuple(_subjects(text, places, len(title) + 1, len(lead))[:1])
    is_fallback = False
    if not subject and fallback is not None:
        subject, is_fallback = (fallback,), True
    return Anchors(
        endpoints=_shared(endpoints or all_endpoints),
        lead_endpoints=_shared(endpoints),
        event_date=event_date,
        lead_dates=_shared(lead_dates | published if lead_dates else ({event_date} if event_date else ())),
        figures=figures,
        title_figures=title_figures,
        lead_figures=lead_figures,
        is_correction=bool(_CORRECTION_RE.search(lead)),
        is_roundup=len({r[:2] for r in _subjects(text, places, 0, len(lead)) if r != NATIONAL}) >= ROUNDUP_PLACES,
        ordinals=ordinals,
        subject=subject,
        subject_is_fallback=is_fallback,
        key_figures=_distinctive_or_same(figures),
        lead_key_figures=_distinctive_or_same(lead_figures),
    )


def shared_cutoff(a: Anchors, b: Anchors) -> bool:
    """Both texts state the same cut-off to the hour."""
    return any(x == y and x[0] and x[2] >= 0 for x in a.endpoints for y in b.endpoints)


def places_conflict(a: Anchors, b: Anchors) -> bool:
    if not a.subject or not b.subject:
        return False
    return _places_conflict(a.subject, a.subject_is_fallback, b.subject, b.subject_is_fallback)


def _places_conflict(a: tuple[Region, ...], a_fallback: bool, b: tuple[Region, ...], b_fallback: bool) -> bool:
    """Not cached here: `Matcher` keeps the answers for pairs of subject keys."""
    if (a_fallback and b == (NATIONAL,)) or (b_fallback and a == (NATIONAL,)):
        return False
    return not any(compatible(x, y) for x in a for y in b)


# Postings of dropped documents are cut off once there are this many, and 20 per document in memory.
_COMPACT_AFTER = 1_000_000
_MAX_PLACE_PAIRS = 1 << 19  # the per-matcher cache of place checks between subject keys is cleared beyond this


def conflict(a: Anchors, b: Anchors) -> str | None:
    """The reason two documents cannot be about the same happening, or None."""
    if places_conflict(a, b):
        return "place"
    return _conflict_beyond_places(a, b)


@lru_cache(maxsize=1 << 16)
def _days_apart(a: frozenset[tuple[int, int]], b: frozenset[tuple[int, int]]) -> int:
    """Fewest days between a date of `a` and one of `b` (cached: the same few hundred dates meet again and again)."""
    return min(days_apart(x, y) for x in a for y in b)


def _conflict_beyond_places(a: Anchors, b: Anchors) -> str | None:
    """`conflict` after the place check."""
    if a.endpoints and b.endpoints and not any(endpoints_compatible(x, y) for x in a.endpoints for y in b.endpoints):
        return "period"
    if a.ordinals and b.ordinals:
        units = {u for u, _ in a.ordinals} & {u for u, _ in b.ordinals}
        if any(not ({o for o in a.ordinals if o[0] == u} & {o for o in b.ordinals if o[0] == u}) for u in units):
            return "ordinal"
    if a.lead_dates and b.lead_dates and _days_apart(a.lead_dates, b.lead_dates) >= 2:
        return "date"
    if a.is_correction != b.is_correction:
        return "correction"
    if a.is_roundup != b.is_roundup:
        return "roundup"
    if a.endpoints and b.endpoints and shared_cutoff(a, b):
        # The period names the report; texts about it may quote different figures from it.
        return None
    if a.title_figures and b.title_figures and not (a.title_figures & b.figures or b.title_figures & a.figures):
        return "headline figures"
    key_a, key_b = a.key_figures, b.key_figures
    if (a.lead_key_figures or b.lead_key_figures) and key_a and key_b and not (key_a & key_b):
        return "figures"
    # A periodic report (it states a period or cut-off in its lead, and distinctive figures) is joined by texts
    # that state the same period or repeat one of its distinctive figures; a text with neither is about something
    # else. A time range with no figures (交通管制 8时至12时) is not a report.
    if bool(a.lead_endpoints and key_a) != bool(b.lead_endpoints and key_b) and not (key_a & key_b):
        return "unanchored"
    return None


# ---------------------------------------------------------------------------------------------------------------
# Terms and weights.


@dataclass(frozen=True)
class TermVector:
    weights: dict[str, float]  # field-weighted, sublinear term frequency (no IDF: that changes as we learn)
    head: frozenset[str]  # terms of title + lead


def term_vector(tokenizer: Tokenizer, gazetteer: Gazetteer, title: str, body: str, config: MatchConfig) -> TermVector:
    lead = lead_of(body, config.lead_chars)
    fields = ((title, config.title_weight), (lead, config.lead_weight), (body[len(lead) :], 1.0))
    weights: dict[str, float] = {}
    head: set[str] = set()
    for index, (text, field_weight) in enumerate(fields):
        # Place names map to one term per region, so 湖北 and 湖北省 count as the same word.
        counts = Counter(gazetteer.tag_places(tokenizer.terms(text)))
        for term, count in counts.items():
            weights[term] = weights.get(term, 0.0) + field_weight * (1.0 + math.log(count))
        if index < 2:
            head.update(counts)
    return TermVector(weights, frozenset(head))


# ---------------------------------------------------------------------------------------------------------------
# The index.


@dataclass(slots=True)
class _Entry:
    doc_id: str
    event_id: str
    kind: str
    ts: float | None
    term_ids: array
    weights: array
    n_head: int  # the first n_head of term_ids are title and lead terms
    anchors: Anchors
    place_key: int  # the same for documents with the same subject places (and fallback flag)


@dataclass
class _Stats:
    """Document frequencies with jieba's IDF table as a prior: idf = ln((N + P + 1) / (df + P·p0 + 1))."""

    tokenizer: Tokenizer
    prior_docs: float
    n_docs: int = 0
    vocab: dict[str, int] = field(default_factory=dict)
    terms: list[str] = field(default_factory=list)
    df: list[int] = field(default_factory=list)
    prior: list[float] = field(default_factory=list)

    def ids(self, terms: Iterable[str], grow: bool) -> list[int]:
        out: list[int] = []
        for term in terms:
            tid = self.vocab.get(term)
            if tid is None:
                if not grow:
                    continue
                tid = len(self.terms)
                self.vocab[term] = tid
                self.terms.append(term)
                self.df.append(0)
                self.prior.append(self._prior_rate(term))
            out.append(tid)
        return out

    def _prior_rate(self, term: str) -> float:
        table = self.tokenizer.background_idf
        idf = table.get(term.lstrip("@"), self.tokenizer.background_default_idf)
        return math.exp(-idf)

    def idf(self, tid: int) -> float:
        p = self.prior_docs
        return math.log((self.n_docs + p + 1.0) / (self.df[tid] + p * self.prior[tid] + 1.0))

    def idfs(self, tids: Iterable[int]) -> list[float]:
        """`idf` of each of `tids` (the same arithmetic, without a call per term)."""
        p = self.prior_docs
        top = self.n_docs + p + 1.0
        df, prior, log = self.df, self.prior, math.log
        return [log(top / (df[tid] + p * prior[tid] + 1.0)) for tid in tids]

    def idf_of(self, term: str) -> float:
        tid = self.vocab.get(term)
        if tid is not None:
            return self.idf(tid)
        p = self.prior_docs
        return math.log((self.n_docs + p + 1.0) / (p * self._prior_rate(term) + 1.0))

    def count(self, tids: Iterable[int]) -> None:
        self.n_docs += 1
        for tid in tids:
            self.df[tid] += 1


@dataclass(frozen=True)
class TermCounts:
    """What indexing a run of documents teaches a matcher besides the documents themselves: their terms in order of
    first appearance, in how many of the documents each appears, and how many documents there were."""

    terms: tuple[str, ...]
    df: tuple[int, ...]
    n_docs: int

    def then(self, later: TermCounts) -> TermCounts:
        """These counts followed by `later`'s (the counts of the two runs one after the other)."""
        df = dict(zip(self.terms, self.df, strict=True))
        for term, n in zip(later.terms, later.df, strict=True):
            df[term] = df.get(term, 0) + n
        return TermCounts(tuple(df), tuple(df.values()), self.n_docs + later.n_docs)


NO_TERMS = TermCounts((), (), 0)


@dataclass(frozen=True)
class _Scored:
    score: float
    entry: _Entry
    shared: tuple[str, ...]


class Matcher:
    """Incremental, deterministic event linker; see the module docstring."""

    def __init__(self, config: MatchConfig | None = None, regions: Iterable[str] = ()) -> None:
        self.config = config or MatchConfig()
        self.tokenizer = get_tokenizer()
        self.gazetteer = Gazetteer(regions)
        self._stats = _Stats(self.tokenizer, self.config.prior_docs)
        self._entries: dict[int, _Entry] = {}
        self._postings: dict[int, array] = {}
        # Per sequence number: the newest publish time seen up to it. It never decreases, so bisecting it finds
        # where a time window starts even when documents arrive slightly out of order.
        self._clock = array("d")
        self._clock_base = 0  # the sequence number of _clock[0]: the clock of dropped documents is let go too
        self._first_live = 0  # sequence numbers below this have been dropped from memory
        self._dead_postings = 0
        self._newest: float | None = None
        # Subject places (and fallback flag) -> a small number, so that the place check between two subjects is
        # computed once and then looked up by an int: (new document's key << 32 | candidate's key) -> conflict.
        self._place_keys: dict[tuple[tuple[Region, ...], bool], int] = {}
        self._place_conflicts: dict[int, bool] = {}

    def _place_key(self, anchors: Anchors) -> int:
        return self._place_keys.setdefault((anchors.subject, anchors.subject_is_fallback), len(self._place_keys))

    # -- public interface --------------------------------------------------------------------------------------

    def restore(self, doc: MatchDoc, event_id: str) -> None:
        """Index an already-linked document (history) without scoring it."""
        self._index(self._prepare(doc), event_id)

    def add(self, doc: MatchDoc, forbid: frozenset[str] = frozenset()) -> Link:
        """Link a new document to an existing event or start one; never into an event of `forbid` (events an
        analyst took it out of)."""
        prepared = self._prepare(doc)
        best = self._best_match(prepared, forbid)
        if best is None or best.score < self.config.threshold:
            event_id = new_event_id(doc.doc_id)
            self._index(prepared, event_id)
            return Link(doc.doc_id, event_id, 1.0, None, ())
        self._index(prepared, best.entry.event_id)
        return Link(doc.doc_id, best.entry.event_id, round(best.score, 4), best.entry.doc_id, best.shared)

    def documents_held(self) -> int:
        """Documents in memory: those of the last `kept_hours` (see `_evict`)."""
        return len(self._entries)

    def count_terms(self, doc: MatchDoc) -> None:
        """Learn what indexing `doc` would teach (its terms' document frequencies, its source's region) without
        indexing it: for a matcher that only counts, see `term_counts`."""
        prepared = self._prepare(doc)
        self._stats.count(self._stats.ids(prepared.weights, grow=True))

    def term_counts(self) -> TermCounts:
        """The document frequencies learned so far."""
        stats = self._stats
        return TermCounts(tuple(stats.terms), tuple(stats.df), stats.n_docs)

    def start_after(self, counts: TermCounts, newest: float | None, official_regions: Iterable[str]) -> None:
        """Make this new, empty matcher stand where one would after documents it has not seen: `counts` of their
        terms, their newest publish time (a POSIX timestamp) and the regions of their official sources in order. It
        then links the documents that follow as that one would, as far as they do not reach back to the ones it
        has not seen (see `pipeline.match.partition`)."""
        stats = self._stats
        if stats.n_docs or self._entries:
            raise ValueError("start_after needs a matcher that has seen nothing")
        for region in official_regions:
            self.gazetteer.region_of(region)
        stats.ids(counts.terms, grow=True)
        stats.df[:] = counts.df
        stats.n_docs = counts.n_docs
        self._newest = newest

    def subject_regions(self, doc: MatchDoc) -> tuple[Region, ...]:
        """Places the document names as what it is about (title, else the lead's first); none when it names none."""
        anchors = self._prepare(doc).anchors
        return () if anchors.subject_is_fallback else anchors.subject

    def copies(self, doc: MatchDoc, earlier: MatchDoc) -> float:
        """Share of `doc`'s text (character 4-grams) found in `earlier`: 1.0 for a verbatim repost."""
        return copy_score(doc.title + doc.body, earlier.title + earlier.body)

    # -- internals ---------------------------------------------------------------------------------------------

    def _prepare(self, doc: MatchDoc) -> _Prepared:
        title, body = normalize(doc.title or ""), normalize(doc.body or "")
        fallback = self.gazetteer.region_of(doc.region) if doc.kind == "official" else None
        # News is about the day it appears; an official post may repost days later, so only media get dated
        # by publication when the text names no date.
        anchors = read_anchors(
            title,
            body,
            doc.at,
            self.gazetteer,
            fallback,
            self.config.lead_chars,
            dated_by_publication=doc.kind == "media",
        )
        vector = term_vector(self.tokenizer, self.gazetteer, title, body, self.config)
        weights = dict(vector.weights)
        for figure in sorted(anchors.key_figures):  # sorted: term ids must not follow the hash seed
            weights["#" + figure] = weights.get("#" + figure, 0.0) + 1.0
        ts = doc.at.timestamp() if doc.at is not None else None
        return _Prepared(doc, weights, vector.head | {"#" + f for f in anchors.key_figures}, anchors, ts)

    def _index(self, prepared: _Prepared, event_id: str) -> None:
        stats = self._stats
        all_ids = stats.ids(prepared.weights, grow=True)
        stats.count(all_ids)
        tf = prepared.weights.values()
        # The `max_doc_terms` of most weight x IDF (term ids are unique: no ties), title and lead terms first.
        ranked = sorted(zip([-w * idf for w, idf in zip(tf, stats.idfs(all_ids), strict=True)], all_ids, tf, strict=True))
        head = set(stats.ids(prepared.head, grow=False))
        kept = sorted(ranked[: self.config.max_doc_terms], key=lambda r: r[1] not in head)
        term_ids = array("i", [tid for _, tid, _ in kept])
        weights = array("f", [w for _, _, w in kept])
        n_head = sum(1 for tid in term_ids if tid in head)
        if prepared.ts is not None and (self._newest is None or prepared.ts > self._newest):
            self._newest = prepared.ts
        place_key = self._place_key(prepared.anchors)
        seq = self._clock_base + len(self._clock)
        self._clock.append(self._newest if self._newest is not None else 0.0)
        doc = prepared.doc
        self._entries[seq] = _Entry(
            doc.doc_id, event_id, doc.kind, prepared.ts, term_ids, weights, n_head, prepared.anchors, place_key
        )
        for tid in term_ids:
            postings = self._postings.get(tid)
            if postings is None:
                postings = self._postings[tid] = array("i")
            postings.append(seq)
        self._evict()

    def _evict(self) -> None:
        """Drop documents that no later document can reach; their document frequencies stay.

        A timed document is compared only with documents within `window_hours` of it (`_candidates` looks no
        further back, `_best_match` skips the others), and event scores sum over those same documents, so dropping
        documents `kept_hours` behind the newest changes no link of a document published at most `retention_hours`
        before the newest. (Untimed documents are compared with whatever is still in memory, and stay candidates
        of any document only while they are.) Postings are cut off in batches (`_compact`): memory follows the
        documents of the last `kept_hours` and the vocabulary, not every document seen."""
        if self._newest is None:
            return
        cutoff = self._newest - self.config.kept_hours * 3600.0
        clock, base = self._clock, self._clock_base
        end = base + len(clock)
        while self._first_live < end and clock[self._first_live - base] < cutoff:
            entry = self._entries.pop(self._first_live)
            self._dead_postings += len(entry.term_ids)
            self._first_live += 1
        if self._dead_postings > _COMPACT_AFTER and self._dead_postings > len(self._entries) * 20:
            self._compact()

    def _compact(self) -> None:
        for tid in list(self._postings):
            postings = self._postings[tid]
            cut = bisect_left(postings, self._first_live)
            if cut == len(postings):
                del self._postings[tid]
            elif cut:
                del postings[:cut]
        del self._clock[: self._first_live - self._clock_base]
        self._clock_base = self._first_live
        self._dead_postings = 0

    def _candidates(self, query: _Query) -> list[_Entry]:
        """Live documents sharing the new one's rarest terms, most shared IDF first (ties: the newest first).

        Votes are summed in numpy over the postings slices: the cost per new document is a few microseconds per
        posting scanned and one pass over the window, not a Python loop step; see `_most_voted`."""
        config = self.config
        known = sorted((-idf, tid) for tid, idf in query.idf.items())
        lo = self._first_live
        if query.prepared.ts is not None:
            since = query.prepared.ts - config.window_hours * 3600.0
            lo = max(lo, self._clock_base + bisect_left(self._clock, since))
        runs: list[np.ndarray] = []
        idfs: list[float] = []
        for neg_idf, tid in known[: config.query_terms]:
            postings = self._postings.get(tid)
            if not postings:
                continue
            start = max(bisect_left(postings, lo), len(postings) - config.max_postings)
            if start < len(postings):
                runs.append(np.frombuffer(postings, dtype=np.int32, offset=start * postings.itemsize))
                idfs.append(-neg_idf)
        if not runs:
            return []
        lengths = [len(run) for run in runs]
        seqs = np.concatenate(runs)  # a copy: the views are let go at once, for the postings arrays to grow again
        del runs
        seqs -= lo
        weights = np.repeat(idfs, lengths)
        votes = np.bincount(seqs, weights=weights)
        hit = _most_voted(seqs, weights, votes, config.max_candidates)
        hit += lo
        entries = self._entries
        return [entries[seq] for seq in hit.tolist()]

    def _best_match(self, prepared: _Prepared, forbid: frozenset[str] = frozenset()) -> _Scored | None:
        """The best-scoring candidate; an event's score is also the share of the new text's title and lead
        (IDF-weighted) that the titles and leads of the event's compatible documents hold together."""
        query = build_query(prepared, self._stats)
        best: tuple[float, _Entry] | None = None
        window = self.config.window_hours * 3600.0
        heads: dict[str, set[int]] = {}
        firsts: dict[str, _Entry] = {}
        anchors = prepared.anchors
        ts = prepared.ts
        place_conflicts = self._place_conflicts
        if len(place_conflicts) > _MAX_PLACE_PAIRS:
            place_conflicts.clear()
        mine = self._place_key(anchors) << 32
        for entry in self._candidates(query):
            if ts is not None and entry.ts is not None and abs(ts - entry.ts) > window:
                continue
            if entry.event_id in forbid:
                continue
            pair = mine | entry.place_key
            places = place_conflicts.get(pair)
            if places is None:
                places = place_conflicts[pair] = places_conflict(anchors, entry.anchors)
            if places or _conflict_beyond_places(anchors, entry.anchors) is not None:
                continue
            heads.setdefault(entry.event_id, set()).update(entry.term_ids[: entry.n_head])
            firsts.setdefault(entry.event_id, entry)
            score = pair_score(query, entry, self._stats, self.config)
            if best is None or score > best[0]:
                best = (score, entry)
        for event_id, terms in sorted(heads.items()):
            score = self.config.event_weight * event_containment(query, terms, self.config)
            if best is None or score > best[0]:
                best = (score, firsts[event_id])
        if best is None:
            return None
        return _Scored(best[0], best[1], shared_terms(query, best[1], self._stats))


def _most_voted(seqs: np.ndarray, weights: np.ndarray, votes: np.ndarray, keep: int) -> np.ndarray:
    """The `keep` distinct values of `seqs` with the most votes (ties: the largest values first), in increasing order.

    `seqs` holds one run of documents per query term, `weights` the term's (positive) weight beside each, and
    `votes[s]` the sum of the weights beside `s`. A document whose vote is the weight beside it is in one run only,
    or counts as such: its vote is that run's weight. So when the others number `keep` or more and the `keep`-th
    most voted of them has `floor` votes, every document of the top is among them or in a run weighing `floor` or
    more: the top is picked among these few instead of among every document voted for (a pass over the window)."""
    shared = seqs[votes[seqs] != weights]
    multi = _distinct(shared) if len(shared) >= keep else shared
    if len(multi) >= keep:
        cut = len(multi) - keep
        floor = np.partition(votes[multi], cut)[cut]
        heavy = seqs[weights >= floor]
        hit = _distinct(np.concatenate((multi, heavy))) if len(heavy) else multi
    else:
        hit = np.flatnonzero(votes != 0)  # a boolean scan: much cheaper than nonzero over the floats
    if len(hit) <= keep:
        return hit
    # The `keep` most voted, ties broken by the newest (largest sequence number) first, as
    # np.lexsort((-hit, -votes)) would order them, but by partition instead of a full sort.
    hit_votes = votes[hit]
    cut = len(hit_votes) - keep
    kth = np.partition(hit_votes, cut)[cut]  # the keep-th largest vote
    chosen = hit_votes > kth
    tied = np.flatnonzero(hit_votes == kth)
    chosen[tied[len(tied) - (keep - int(np.count_nonzero(chosen))) :]] = True
    return hit[chosen]  # still in sequence order


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, in increasing order (np.unique, without its overhead on a few hundred integers)."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) > 1 else values


def event_containment(query: _Query, terms: set[int], config: MatchConfig) -> float:
    """Share of the new text's title-and-lead IDF mass found in `terms`."""
    mass = sum(query.idf[tid] for tid in query.head)
    if mass < config.min_containment_mass:
        return 0.0
    return sum(query.idf[tid] for tid in query.head if tid in terms) / mass


@dataclass(frozen=True)
class _Prepared:
    doc: MatchDoc
    weights: dict[str, float]
    head: frozenset[str]
    anchors: Anchors
    ts: float | None


@dataclass(frozen=True)
class _Query:
    """The new document's side of every comparison, computed once per `add`."""

    prepared: _Prepared
    weights: dict[int, float]  # known term id -> weight
    idf: dict[int, float]
    norm: float
    mass: float  # sum of IDF over its terms
    head: frozenset[int]


def build_query(prepared: _Prepared, stats: _Stats) -> _Query:
    vocab = stats.vocab
    weights: dict[int, float] = {}
    # Terms the index has never seen are rare by definition: they count in the norm with the prior IDF.
    unseen: list[tuple[float, float]] = []
    for term, w in prepared.weights.items():
        tid = vocab.get(term)
        if tid is None:
            unseen.append((w, stats.idf_of(term)))
        else:
            weights[tid] = w
    idf = dict(zip(weights, stats.idfs(weights), strict=True))
    norm = math.sqrt(sum((w * idf[tid]) ** 2 for tid, w in weights.items()) + sum((w * i) ** 2 for w, i in unseen))
    mass = sum(idf.values()) + sum(i for _, i in unseen)
    head = frozenset(stats.vocab[t] for t in prepared.head if t in stats.vocab)
    return _Query(prepared, weights, idf, norm, mass, head)


def pair_score(query: _Query, entry: _Entry, stats: _Stats, config: MatchConfig) -> float:
    """max(cosine, weighted containment) + anchor bonus, capped at 1."""
    dot = norm_sq = mass = 0.0
    contained_in_new_head = 0.0
    for tid, w, idf in zip(entry.term_ids, entry.weights, stats.idfs(entry.term_ids), strict=True):
        norm_sq += (w * idf) ** 2
        mass += idf
        if tid in query.weights:
            dot += w * query.weights[tid] * idf * idf
        if tid in query.head:
            contained_in_new_head += idf
    cosine = dot / (query.norm * math.sqrt(norm_sq)) if query.norm and norm_sq else 0.0
    if query.mass <= mass:
        short_mass = query.mass
        contained = sum(query.idf[tid] for tid in entry.term_ids[: entry.n_head] if tid in query.weights)
    else:
        short_mass, contained = mass, contained_in_new_head
    containment = contained / short_mass if short_mass >= config.min_containment_mass else 0.0

    anchors, other = query.prepared.anchors, entry.anchors
    shared_figures = len(anchors.key_figures & other.key_figures)
    bonus = config.figure_bonus * min(2, shared_figures) + (
        config.period_bonus if shared_cutoff(anchors, other) else 0.0
    )
    return min(1.0, max(cosine, config.containment_weight * containment) + bonus)


def shared_terms(query: _Query, entry: _Entry, stats: _Stats, limit: int = 6) -> tuple[str, ...]:
    """The shared terms that contribute most to the cosine, for explanations."""
    old = dict(zip(entry.term_ids, entry.weights, strict=True))
    common = sorted(
        (tid for tid in query.weights if tid in old),
        # Ties go by the term itself: term ids follow set order, which changes with the hash seed.
        key=lambda tid: (-query.weights[tid] * old[tid] * query.idf[tid] ** 2, stats.terms[tid]),
    )
    return tuple(stats.terms[tid].lstrip("@#") for tid in common[:limit])


# ---------------------------------------------------------------------------------------------------------------
# Jurisdiction.


def event_regions(doc_regions: Sequence[Sequence[Region]], min_share: float = 0.2) -> list[str]:
    """Full region strings an event is about, from the subject places of its documents.

    A region counts when at least `min_share` of the documents that name a place name it or a place inside it
    (so one stray mention does not make an event two places); of those, only the most specific are kept
    (青河县 rather than 临江市 and 江南省). The national scope and foreign countries are left out: no local
    government is responsible for them.
    """
    naming = [{r for r in regions if r[0] not in (NATIONAL[0], "国外")} for regions in doc_regions]
    naming = [regions for regions in naming if regions]
    if not naming:
        return []
    support: dict[Region, int] = {}
    for regions in naming:
        covered = {r[:n] for r in regions for n in range(1, len(r) + 1)}
        for region in covered:
            support[region] = support.get(region, 0) + 1
    needed = max(1, math.ceil(min_share * len(naming)))
    kept = [r for r, n in support.items() if n >= needed]
    leaves = [r for r in kept if not any(len(o) > len(r) and o[: len(r)] == r for o in kept)]
    return sorted("".join(r) for r in leaves)


# ---------------------------------------------------------------------------------------------------------------
# Near-duplicates.

_NON_TEXT_RE = re.compile(r"[\W_]+")


def _shingles(text: str, n: int = 4) -> set[str]:
    clean = _NON_TEXT_RE.sub("", normalize(text))
    if len(clean) <= n:
        return {clean} if clean else set()
    return {clean[i : i + n] for i in range(len(clean) - n + 1)}


def copy_score(text: str, earlier: str) -> float:
    mine = _shingles(text)
    if not mine:
        return 0.0
    return len(mine & _shingles(earlier)) / len(mine)


# ---------------------------------------------------------------------------------------------------------------
# The plain baseline: jieba TF-IDF cosine over title + body, one threshold, greedy single-link.


class BaselineMatcher:
    """TF-IDF cosine (smoothed IDF learned from what is indexed) over title + body; joins the event of the most
    similar earlier document within the time window if the cosine reaches the threshold. Exact: every indexed
    document sharing a term is scored, through an inverted index over all terms. A document's norm is fixed when
    it is indexed."""

    def __init__(self, threshold: float = 0.5, window_hours: float = 96.0) -> None:
        self.threshold = threshold
        self.window = window_hours * 3600.0
        self.tokenizer = get_tokenizer()
        self._df: dict[str, int] = {}
        self._n = 0
        self._docs: list[tuple[str, str, float | None, dict[str, float], float]] = []
        self._postings: dict[str, list[int]] = {}

    def _tf(self, doc: MatchDoc) -> dict[str, float]:
        counts: dict[str, float] = {}
        for term in self.tokenizer.terms(normalize(doc.title + "\n" + doc.body)):
            counts[term] = counts.get(term, 0.0) + 1.0
        return counts

    def _idf(self, term: str) -> float:
        return math.log((self._n + 1) / (self._df.get(term, 0) + 1)) + 1.0

    def _index(self, doc: MatchDoc, tf: dict[str, float], event_id: str) -> None:
        self._n += 1
        index = len(self._docs)
        for term in tf:
            self._df[term] = self._df.get(term, 0) + 1
            self._postings.setdefault(term, []).append(index)
        norm = math.sqrt(sum((w * self._idf(t)) ** 2 for t, w in tf.items()))
        self._docs.append((doc.doc_id, event_id, doc.at.timestamp() if doc.at else None, tf, norm))

    def restore(self, doc: MatchDoc, event_id: str) -> None:
        self._index(doc, self._tf(doc), event_id)

    def add(self, doc: MatchDoc) -> Link:
        tf = self._tf(doc)
        ts = doc.at.timestamp() if doc.at else None
        idf = {t: self._idf(t) for t in tf}
        norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in tf.items()))
        dots: dict[int, float] = {}
        for term, w in tf.items():
            for index in self._postings.get(term, ()):
                other_ts = self._docs[index][2]
                if ts is not None and other_ts is not None and abs(ts - other_ts) > self.window:
                    continue
                dots[index] = dots.get(index, 0.0) + w * self._docs[index][3][term] * idf[term] ** 2
        best_index, best = -1, 0.0
        for index, dot in sorted(dots.items()):
            other_norm = self._docs[index][4]
            score = dot / (norm * other_norm) if norm and other_norm else 0.0
            if score > best:
                best_index, best = index, score
        if best_index < 0 or best < self.threshold:
            event_id = new_event_id(doc.doc_id)
            self._index(doc, tf, event_id)
            return Link(doc.doc_id, event_id, 1.0, None, ())
        other_id, event_id = self._docs[best_index][0], self._docs[best_index][1]
        self._index(doc, tf, event_id)
        return Link(doc.doc_id, event_id, round(best, 4), other_id, ())


def link_all(matcher: Matcher | BaselineMatcher, docs: Sequence[MatchDoc]) -> list[Link]:
    return [matcher.add(doc) for doc in docs]
