"""What is read from a text to decide whether it is about the same happening as another: its terms (field-weighted),
its anchors (periods and cut-offs, dates, figures, ordinals, subject places), its near-duplicate shingles, and
the regions an event is about."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pipeline.match.gazetteer import NATIONAL, Gazetteer, Place, Region
from pipeline.match.periods import DATE_RE, DateResolver, Endpoint, blank, cn_number, find_periods
from pipeline.match.records import BEIJING, MatchConfig
from pipeline.match.tokenize import Tokenizer, normalize

_FIGURE_RE = re.compile(r"(?=\d)(?<![\d.])(\d+(?:\.\d+)?)(万|亿)?(?![\d.])")
_ORDINAL_RE = re.compile(r"第\s*([0-9]+|[零〇一二两三四五六七八九十百千]+)\s*(场|期|次|号|批|届|轮|周|季度)")
_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")



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


def _province_or_country(region: Region) -> Region:
    """What a roundup counts: the province of a Chinese place (a province's bulletin lists its cities), a country."""
    return region[:2] if region[0] == "国外" else region[:1]


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
    endpoints, _ = find_periods(lead, DateResolver(ref))
    all_endpoints, spans = find_periods(text, DateResolver(ref))
    lead_mentions = list(DATE_RE.finditer(lead))
    event_date = DateResolver(ref).resolve(lead_mentions[0], "a") if lead_mentions else None
    if event_date is None and dated_by_publication and ref is not None and not DATE_RE.search(text):
        event_date = (ref.month, ref.day)
    # An official post that names a date is also about the day it appears: a notice of an investigation's result
    # names the day of the happening, the news about the notice names the day it was published.
    published = {(ref.month, ref.day)} if ref is not None and not dated_by_publication else set()
    resolver = DateResolver(ref)
    lead_dates = {d for m in lead_mentions if (d := resolver.resolve(m, "a")) is not None}
    places = gazetteer.find(text)
    spans += [(p.start, p.start + len(p.name)) for p in places]
    blanked = DATE_RE.sub(lambda m: " " * len(m.group(0)), blank(text, spans))
    figures, title_figures, lead_figures = numbers_within(blanked, len(title), len(lead))
    ordinals = _shared((unit, cn_number(n)) for n, unit in _ORDINAL_RE.findall(text))
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
        is_roundup=len({_province_or_country(r) for r in _subjects(text, places, 0, len(lead)) if r != NATIONAL})
        >= ROUNDUP_PLACES,
        ordinals=ordinals,
        subject=subject,
        subject_is_fallback=is_fallback,
        key_figures=_distinctive_or_same(figures),
        lead_key_figures=_distinctive_or_same(lead_figures),
    )


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

