"""Read title, publish time, 成文日期, declared source and body text from one article page.

Evidence is layered, most reliable first: government-CMS and Open Graph meta tags, then the
dateline printed beside the heading, then htmldate (fast mode) and dates in the URL.

Returned times are expressed in the page's own local time: ``tz`` unless the page prints its
own wall-clock time for an instant that a meta tag gives with an explicit offset (a Paris
page showing 13:48 for ``12:48+00:00`` is returned as 13:48+01:00).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone

import lxml.html
from lxml import etree

from pipeline.core.records import Extracted, ParsedTime
from pipeline.extract.dates import is_implausible, iter_datetimes, normalise_text, parse_datetime, zone
from pipeline.extract.encoding import decode_html
from pipeline.extract.outlets import classify_source_name, normalise_source_name

PUBLISH_META: tuple[str, ...] = (
    "pubdate",
    "publishdate",
    "pubtime",
    "publishtime",
    "publish_time",
    "publish-date",
    "firstpublishedtime",
    "releasedate",
    "article:published_time",
    "og:published_time",
    "og:release_date",
    "og:article:published_time",
    "datepublished",
    "article:published",
    "weibo:article:create_at",
    "bytedance:published_time",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate_time",
    "date",
)
MODIFIED_META: tuple[str, ...] = (
    "datemodified",
    "article:modified_time",
    "og:updated_time",
    "lastmodified",
    "last-modified",
    "maketime",
    "页面生成时间",
    "dateupdate",
    "dc.date.modified",
    "dcterms.modified",
    "revised",
)
TITLE_META: tuple[str, ...] = ("articletitle", "og:title", "twitter:title")
SOURCE_META: tuple[str, ...] = ("contentsource", "source", "articlesource", "copysource")
# Government-CMS names as the 政府网站发展指引 spells them, for the methods map.
_DISPLAY = {"pubdate": "PubDate", "contentsource": "ContentSource", "articletitle": "ArticleTitle"}
FINE = frozenset({"second", "minute", "hour"})
DAY_OR_FINER = frozenset({"second", "minute", "hour", "day"})

_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "select",
        "option",
        "textarea",
        "head",
        "title",
        "iframe",
        "object",
        "svg",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "center",
        "title",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3"})
_WS = re.compile(r"[\s\u3000\xa0]+")
_TITLE_SPLIT = re.compile(r"\s*(?:_{1,2}|\|| - | – | — |--+|－|»|«|&raquo;|›|::|：：)\s*|(?<=\S)-(?=\S)")
_WRITTEN_LABEL = re.compile(r"(?:成文|印发|签发|签署|制发|发文)(?:日期|时间)\s*[:：]?\s*$")
_PUBLISH_LABEL = re.compile(
    r"(?:(?<![\u4e00-\u9fff])(?:信息|文章|新闻|稿件)?"
    r"(?:发布|发表|发稿|刊发|刊登|上传|录入|添加|提交|出版|公开|创建|上线|播发)?(?:时间|日期)"
    r"|发布于|发表于|发布|发表|Posted(?:\s+on)?|Published(?:\s+on)?|Date)\s*[:：]?\s*$",
    re.IGNORECASE,
)
# Labels of dates that are not the publish time: updates, page clocks, event dates.
_OTHER_LABEL = re.compile(
    r"(?:更新|修改|修订|生成|打印|访问|当前|截止|活动|报名|开始|结束|举办|会议|有效|施行|实施)"
    r"(?:时间|日期|于)\s*[:：]?\s*$|今天是\s*$|现在是\s*$|最后更新\s*[:：]?\s*$"
)
_SOURCE_LABEL = re.compile(
    r"(?P<label>信息来源|文章来源|新闻来源|稿件来源|来源|稿源|出处|转自|转载自|来自|作者)\s*[:：]\s*"
    r"(?P<value>[^\s|丨｜/]{0,40})"
)
# What may follow a dateline date: end of line, punctuation, or another dateline field.
_AFTER_OK = re.compile(
    r"\s|$|[|丨｜/\\()（）\[\]【】<>《》,，。.;；:：!！?？·•\-—_~\"'“”]|"
    r"来源|来自|作者|编辑|责任|点击|浏览|阅读|访问|更新|发布|星期|周[一二三四五六日]|字号|出处|稿源|"
    r"记者|通讯员|分享|打印|评论|[（(]?京港台|北京时间"
)
_FOOTER = re.compile(
    r"版权所有|Copyright|©|ICP备|关闭窗口|打印本页|【打印】|相关新闻|相关阅读|相关链接|责任编辑|上一篇|下一篇|扫一扫"
)
_URL_DATES = (
    re.compile(r"/t((?:19|20)\d\d)(\d\d)(\d\d)_\d+"),
    re.compile(r"/((?:19|20)\d\d)[-_/]?(\d{1,2})[-_/](\d{1,2})(?:/|[_-]\d|$)"),
    re.compile(r"/((?:19|20)\d\d)(\d\d)/(\d\d)/"),
    re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)/"),
    re.compile(r"[/_-]((?:19|20)\d\d)(\d\d)(\d\d)[_-]?\d*\.s?html?"),
)
_MAYBE_DATE = re.compile(r"(?:19|20|１９|２０)[\d０-９]{2}|[〇○]")
_MAYBE_RELATIVE = re.compile(r"前|昨|今天|今日|刚|ago|today|yesterday", re.IGNORECASE)
_WRITTEN_HINT = re.compile(r"成文|印发|签发|签署|制发|发文(?:日期|时间)")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_TAGS = re.compile(r"<[^>]*>?")
_DATELINE_WINDOW = 12  # lines after the heading searched for its dateline
_DATELINE_CHARS = 600
_MIN_TITLE = 4
_SHORT_BODY = 40
_PARAGRAPH_CHARS = 40
_SENTENCE_END = ("。", "！", "？", "；", "…", "”", "」", ".", "!", "?")
_BLANK_LINES = re.compile(r"\n{2,}")
_MAX_META_CHARS = 300


@dataclass(frozen=True)
class Line:
    """One visual line of the page: its text and how much of it is link text."""

    text: str
    heading: bool
    link_chars: int

    @property
    def linky(self) -> bool:
        return self.link_chars * 2 > len(self.text)


@dataclass(frozen=True)
class Found:
    """A value and how it was found."""

    value: ParsedTime
    method: str


def extract_article(
    body: bytes,
    url: str,
    *,
    header_charset: str | None = None,
    fetched_at: datetime,
    tz: str = "Asia/Shanghai",
    with_body: bool = True,
) -> Extracted:
    """Extract one page; never raises: unreadable input gives an Extracted with empty fields.

    ``with_body=False`` skips the main-text extraction (the slow part) when only dates are needed.
    """
    encoding = "utf-8"
    try:
        text, encoding = decode_html(body or b"", header_charset)
        return _extract(text, encoding, url or "", fetched_at, tz, with_body)
    except Exception as error:  # noqa: BLE001 - garbage in must not stop a crawl
        return Extracted("", "", None, None, None, encoding, {"error": type(error).__name__})


def _extract(text: str, encoding: str, url: str, fetched_at: datetime, tz: str, with_body: bool) -> Extracted:
    tree = _parse(text)
    if tree is None:
        return Extracted("", "", None, None, None, encoding, {})
    methods: dict[str, str] = {}
    metas = read_meta(tree)
    lines = linearise(tree)
    title, title_method, heading_at = find_title(tree, metas, lines)
    if title:
        methods["title"] = title_method
    published = find_published(tree, metas, lines, heading_at, url, fetched_at, tz)
    if published is not None:
        methods["published"] = published.method
    written = find_written(lines, heading_at, tz)
    if written is not None:
        methods["written"] = written.method
    source = find_source(metas, lines, heading_at)
    if source is not None:
        methods["declared_source"] = source[1]
    body_text, body_method = extract_body(tree, lines, heading_at, url) if with_body else ("", "")
    if body_text:
        methods["body"] = body_method
    return Extracted(
        title=title,
        body=body_text,
        published=published.value if published else None,
        written=written.value if written else None,
        declared_source=source[0] if source else None,
        encoding=encoding,
        methods=methods,
    )


def _parse(text: str) -> lxml.html.HtmlElement | None:
    text = _XML_DECL.sub("", text.replace("\x00", ""))
    if not text.strip():
        return None
    try:
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    return tree


# --- meta tags -------------------------------------------------------------------------------


def read_meta(tree: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Meta values by lower-cased name/property/itemprop, in page order; JSON-LD dates included."""
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop") or ""
        value = meta.get("content")
        if key and value is not None:
            metas.setdefault(key.strip().lower(), []).append(_clean(value)[:_MAX_META_CHARS])
    for element in tree.xpath("//*[@itemprop='datePublished' or @pubdate][not(self::meta)]"):
        value = element.get("content") or element.get("datetime") or element.text_content()
        metas.setdefault("datepublished", []).append(_clean(value)[:_MAX_META_CHARS])
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            for match in _JSONLD_DATE.finditer(script.text):
                metas.setdefault("datepublished", []).append(match.group(1))
    return metas


def _meta_published(metas: dict[str, list[str]], tz: str, fetched_at: datetime) -> Found | None:
    for name in PUBLISH_META:
        for value in metas.get(name, ()):
            parsed = parse_datetime(value, tz, now=fetched_at)
            if parsed is not None and _plausible(parsed, fetched_at):
                return Found(parsed, f"meta:{_DISPLAY.get(name, name)}")
    return None


def _clean(value: str) -> str:
    return _WS.sub(" ", _TAGS.sub(" ", value)).strip()


# --- page text as lines ----------------------------------------------------------------------


def linearise(tree: lxml.html.HtmlElement) -> list[Line]:
    """The visible text of the body as lines broken at block elements."""
    lines: list[Line] = []
    parts: list[str] = []
    state = {"link": 0, "heading": 0, "skip": 0}
    link_chars = 0
    heading_seen = False

    def flush() -> None:
        nonlocal link_chars, heading_seen
        if not parts:
            return
        line = _WS.sub(" ", "".join(parts)).strip()
        if line:
            lines.append(Line(line, heading_seen, min(link_chars, len(line))))
        parts.clear()
        link_chars = 0
        heading_seen = False

    def add(chunk: str | None) -> None:
        nonlocal link_chars, heading_seen
        if not chunk or state["skip"]:
            return
        parts.append(chunk)
        if state["link"]:
            link_chars += len(chunk.strip())
        if state["heading"] and chunk.strip():
            heading_seen = True

    body = tree.find("body")
    root = body if body is not None else tree
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if tag in _SKIP_TAGS or not tag:
                state["skip"] += 1
                continue
            if tag in _BLOCK_TAGS:
                flush()
            if tag == "a":
                state["link"] += 1
            if tag in _HEADINGS:
                state["heading"] += 1
            add(element.text)
        else:
            if tag in _SKIP_TAGS or not tag:
                state["skip"] -= 1
            else:
                if tag == "a":
                    state["link"] -= 1
                if tag in _HEADINGS:
                    state["heading"] -= 1
                if tag in _BLOCK_TAGS:
                    flush()
            add(element.tail)
    flush()
    return lines


# --- title -----------------------------------------------------------------------------------


def find_title(
    tree: lxml.html.HtmlElement, metas: dict[str, list[str]], lines: list[Line]
) -> tuple[str, str, int | None]:
    """(title, method, index of the heading line or None)."""
    page_title = _clean(tree.findtext(".//title") or "")
    meta_titles = [(name, value) for name in TITLE_META for value in metas.get(name, ()) if value]
    wanted = [value for _, value in meta_titles] + [page_title]
    heading_at = _heading_line(lines, wanted)
    if meta_titles and meta_titles[0][0] == "articletitle":
        return meta_titles[0][1], "meta:ArticleTitle", heading_at
    if heading_at is not None:
        line = lines[heading_at]
        return line.text, ("h1" if line.heading else "heading-text"), heading_at
    for name, value in meta_titles:
        return _strip_site(value), f"meta:{name}", heading_at
    if page_title:
        return _strip_site(page_title), "title", heading_at
    first = next((i for i, line in enumerate(lines) if line.heading and not line.linky), None)
    if first is not None:
        return lines[first].text, "h1", first
    return "", "", heading_at


def _segments(title: str) -> list[str]:
    parts = [part.strip() for part in _TITLE_SPLIT.split(title) if part and part.strip()]
    whole = title.strip()
    found = [whole] + [part for part in parts if part != whole]
    return [part for part in found if len(part) >= _MIN_TITLE]


def _strip_site(title: str) -> str:
    parts = _segments(title)[1:] or [title.strip()]
    return parts[0] if len(parts[0]) >= _MIN_TITLE else max(parts, key=len)


def _heading_line(lines: list[Line], titles: list[str]) -> int | None:
    """Index of the line that shows the article's title, preferring headings and non-links."""
    segments: list[str] = []
    for title in titles:
        for segment in _segments(title):
            key = _key(segment)
            if len(key) >= _MIN_TITLE and key not in segments:
                segments.append(key)
    if not segments:
        return None
    segments.sort(key=len, reverse=True)
    best: tuple[int, int] | None = None
    for index, line in enumerate(lines):
        key = _key(line.text)
        if len(key) < _MIN_TITLE or len(key) > 3 * max(len(s) for s in segments) + 40:
            continue
        for rank, segment in enumerate(segments):
            if _matches(key, segment):
                score = rank * 4 + (0 if line.heading else 2) + (1 if line.linky else 0)
                if best is None or score < best[0]:
                    best = (score, index)
                break
        if best is not None and best[0] == 0:
            break
    return best[1] if best else None


def _key(text: str) -> str:
    return _WS.sub("", text).lower()


def _matches(line: str, segment: str) -> bool:
    if line == segment:
        return True
    shorter, longer = sorted((line, segment), key=len)
    return len(shorter) >= max(_MIN_TITLE + 2, 0.6 * len(longer)) and shorter in longer


# --- dates -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A date seen in the page text."""

    parsed: ParsedTime
    line: int
    labelled: bool
    written: bool
    standalone: bool
    other: bool  # labelled as something else: update time, page clock, event date


def find_published(
    tree: lxml.html.HtmlElement,
    metas: dict[str, list[str]],
    lines: list[Line],
    heading_at: int | None,
    url: str,
    fetched_at: datetime,
    tz: str,
) -> Found | None:
    """The publish time: meta tags (refined by the dateline), dateline, htmldate, URL."""
    meta = _meta_published(metas, tz, fetched_at)
    dateline = _dateline_date(lines, heading_at, tz, fetched_at)
    if meta is not None:
        return _local(_reconcile(meta, dateline), tz)
    if dateline is not None:
        return dateline
    labelled = _first_labelled(lines, tz, fetched_at)
    if labelled is not None:
        return labelled
    first = _first_standalone(lines, tz, fetched_at)
    for finder in (_htmldate, _url_date):
        found = finder(tree, url, tz, fetched_at)
        if found is not None and not _is_modified_day(found, metas, tz):
            return _refine(found, first)
    return first


def _is_modified_day(found: Found, metas: dict[str, list[str]], tz: str) -> bool:
    """True when a fallback's day is only the page's modified or build time (htmldate reads those)."""
    day = found.value.at.date()
    for name in MODIFIED_META:
        for value in metas.get(name, ()):
            parsed = parse_datetime(value, tz)
            if parsed is not None and parsed.at.astimezone(zone(tz)).date() == day:
                return True
    return False


def _refine(day: Found, shown: Found | None) -> Found:
    """Add the time of day from the page text when it shows a time on the same day."""
    if shown is not None and shown.value.at.date() == day.value.at.date():
        return Found(shown.value, f"{day.method}+{shown.method}")
    return day


def find_written(lines: list[Line], heading_at: int | None, tz: str) -> Found | None:
    """成文日期 (the date a document was signed), when the page prints one."""
    if not any(_WRITTEN_HINT.search(line.text) for line in lines):
        return None
    for candidate in _candidates(lines, 0, len(lines), tz, None):
        if candidate.written:
            return Found(candidate.parsed, "dateline:成文日期")
    return None


def _candidates(
    lines: list[Line],
    start: int,
    stop: int,
    tz: str,
    fetched_at: datetime | None,
    *,
    relative: bool = False,
) -> Iterator[Candidate]:
    for index in range(max(start, 0), min(stop, len(lines))):
        line = lines[index]
        if not _MAYBE_DATE.search(line.text) and not (relative and _MAYBE_RELATIVE.search(line.text)):
            continue
        text = normalise_text(line.text)
        before_line = lines[index - 1].text if index > 0 else ""
        for begin, end, parsed in iter_datetimes(text, tz, now=fetched_at, normalised=True, relative=relative):
            if parsed.precision not in DAY_OR_FINER:
                continue
            if fetched_at is not None and not _plausible(parsed, fetched_at):
                continue
            prefix = text[max(0, begin - 16) : begin]
            if not prefix.strip():
                prefix = normalise_text(before_line[-16:])
            written = bool(_WRITTEN_LABEL.search(prefix))
            other = not written and bool(_OTHER_LABEL.search(prefix))
            labelled = not written and not other and bool(_PUBLISH_LABEL.search(prefix))
            standalone = bool(_AFTER_OK.match(text, end)) and not _in_intro(text, begin, end)
            yield Candidate(parsed, index, labelled, written, standalone, other)


def _in_intro(text: str, begin: int, end: int) -> bool:
    """True for 【XX网2005年07月03日报道】-style openings and 新华社北京8月9日电 datelines."""
    opener = text.rfind("【", 0, begin)
    closer = text.find("】", end)
    if opener != -1 and closer != -1 and closer - end < 12 and begin - opener < 20:
        return True
    return bool(re.match(r"\s*(?:报道|电|讯|消息)", text[end : end + 4]))


def _dateline_date(lines: list[Line], heading_at: int | None, tz: str, fetched_at: datetime) -> Found | None:
    """The date printed just after the heading (or just above it), labelled dates first."""
    if heading_at is None:
        return None
    stop = _window_end(lines, heading_at)
    after = [
        c for c in _candidates(lines, heading_at, stop, tz, fetched_at, relative=True) if not c.written and not c.other
    ]
    labelled = [c for c in after if c.labelled]
    if labelled:
        return Found(labelled[0].parsed, "dateline:labelled")
    standalone = [c for c in after if c.standalone and not lines[c.line].linky]
    if standalone:
        return Found(standalone[0].parsed, "dateline:beside-heading")
    before = [
        c
        for c in _candidates(lines, heading_at - 3, heading_at, tz, fetched_at)
        if c.standalone
        and not c.written
        and not c.other
        and c.parsed.precision in FINE
        and not lines[c.line].linky
        and len(lines[c.line].text) < 80
    ]
    if before:
        return Found(before[-1].parsed, "dateline:above-heading")
    return None


def _window_end(lines: list[Line], heading_at: int) -> int:
    chars = 0
    for index in range(heading_at, min(len(lines), heading_at + _DATELINE_WINDOW)):
        chars += len(lines[index].text)
        if chars > _DATELINE_CHARS:
            return index + 1
    return min(len(lines), heading_at + _DATELINE_WINDOW)


def _first_labelled(lines: list[Line], tz: str, fetched_at: datetime) -> Found | None:
    for candidate in _candidates(lines, 0, len(lines), tz, fetched_at):
        if candidate.labelled and not lines[candidate.line].linky:
            return Found(candidate.parsed, "text:labelled")
    return None


def _first_standalone(lines: list[Line], tz: str, fetched_at: datetime) -> Found | None:
    for candidate in _candidates(lines, 0, len(lines), tz, fetched_at):
        if (
            candidate.standalone
            and candidate.parsed.precision in FINE
            and not lines[candidate.line].linky
            and not candidate.written
            and not candidate.other
        ):
            return Found(candidate.parsed, "text:first-datetime")
    return None


def _htmldate(tree: lxml.html.HtmlElement, url: str, tz: str, fetched_at: datetime) -> Found | None:
    from htmldate import find_date

    try:
        value = find_date(
            tree, extensive_search=False, original_date=True, url=url or None, max_date=fetched_at.strftime("%Y-%m-%d")
        )
    except Exception:  # noqa: BLE001 - a fallback must not break extraction
        return None
    parsed = parse_datetime(value, tz) if value else None
    if parsed is None or not _plausible(parsed, fetched_at):
        return None
    return Found(replace(parsed, precision="day"), "htmldate-fast")


def _url_date(tree: lxml.html.HtmlElement, url: str, tz: str, fetched_at: datetime) -> Found | None:
    for pattern in _URL_DATES:
        match = pattern.search(url)
        if match is None:
            continue
        try:
            at = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=zone(tz))
        except ValueError:
            continue
        parsed = ParsedTime(at=at, precision="day", raw=match.group(0))
        if _plausible(parsed, fetched_at):
            return Found(parsed, "url")
    return None


def _plausible(parsed: ParsedTime, fetched_at: datetime) -> bool:
    return is_implausible(parsed.at, now=fetched_at) is None


def _reconcile(meta: Found, dateline: Found | None) -> Found:
    """Refine a meta time with the dateline: finer precision on the same day, or the page's zone."""
    if dateline is None:
        return meta
    shown, claimed = dateline.value, meta.value
    if _zone_given(claimed) and not _zone_given(shown) and shown.precision in FINE:
        utc_wall = claimed.at.astimezone(UTC).replace(tzinfo=None, second=0)
        gap = shown.at.replace(tzinfo=None, second=0) - utc_wall
        if abs(gap) <= timedelta(hours=14) and gap % timedelta(minutes=15) == timedelta(0):
            at = claimed.at.astimezone(timezone(gap))
            return Found(replace(claimed, at=at), f"{meta.method}+dateline-zone")
    same_day = shown.at.date() == claimed.at.astimezone(shown.at.tzinfo).date()
    if same_day and _finer(shown.precision, claimed.precision):
        return Found(shown, f"{meta.method}+{dateline.method}")
    return meta


def _zone_given(parsed: ParsedTime) -> bool:
    return not hasattr(parsed.at.tzinfo, "key")


def _finer(first: str, second: str) -> bool:
    order = ("second", "minute", "hour", "day", "month", "year")
    return order.index(first) < order.index(second)


def _local(found: Found, tz: str) -> Found:
    """Express a time given with an explicit offset in ``tz`` unless the page showed its own zone."""
    if _zone_given(found.value) and not found.method.endswith("dateline-zone"):
        return Found(replace(found.value, at=found.value.at.astimezone(zone(tz))), found.method)
    return found


# --- declared source -------------------------------------------------------------------------


def find_source(metas: dict[str, list[str]], lines: list[Line], heading_at: int | None) -> tuple[str, str] | None:
    """(normalised declared source, method) from ContentSource meta or the dateline."""
    for name in SOURCE_META:
        for value in metas.get(name, ()):
            cleaned = normalise_source_name(value)
            if cleaned:
                return cleaned, f"meta:{_DISPLAY.get(name, name)}"
    start = heading_at if heading_at is not None else 0
    stop = _window_end(lines, start) if heading_at is not None else len(lines)
    authors: list[tuple[str, str]] = []
    for index in range(start, stop):
        for match in _SOURCE_LABEL.finditer(lines[index].text):
            value = match["value"] or _next_short(lines, index)
            cleaned = normalise_source_name(value)
            if not cleaned or not re.search(r"[\u4e00-\u9fff]", cleaned):
                continue
            if match["label"] == "作者":
                if classify_source_name(cleaned) != "unknown":
                    authors.append((cleaned, "dateline:作者"))
                continue
            return cleaned, f"dateline:{match['label']}"
    if authors:
        return authors[0]
    if heading_at is not None:
        return _bare_source(lines, heading_at, stop)
    return None


def _next_short(lines: list[Line], index: int) -> str:
    if index + 1 < len(lines) and len(lines[index + 1].text) <= 20:
        return lines[index + 1].text
    return ""


def _bare_source(lines: list[Line], start: int, stop: int) -> tuple[str, str] | None:
    """An outlet name printed beside the dateline date without a label (``2005年03月21日 11:21 《理财周刊》``)."""
    for index in range(start + 1, stop):
        text = normalise_text(lines[index].text)
        for _begin, end, _parsed in iter_datetimes(text, relative=False, normalised=True):
            rest = text[end:].strip()
            if not rest and index + 1 < stop:
                rest = lines[index + 1].text.strip()
            name = normalise_source_name(rest.split(" ")[0] if rest else "")
            if name and classify_source_name(name) != "unknown":
                return name, "dateline:bare"
            return None
    return None


# --- body ------------------------------------------------------------------------------------


def extract_body(tree: lxml.html.HtmlElement, lines: list[Line], heading_at: int | None, url: str) -> tuple[str, str]:
    """Main text: trafilatura (precision mode), or the paragraphs under the heading when
    trafilatura keeps much less (short notices) or dumps a layout table."""
    fallback = _lines_body(lines, heading_at)
    try:
        from trafilatura import extract

        text = (
            extract(
                tree,
                url=url or None,
                favor_precision=True,
                include_comments=False,
                fast=True,
                include_tables=True,
                deduplicate=False,
            )
            or ""
        )
    except Exception:  # noqa: BLE001 - fall back to our own lines
        text = ""
    text = _BLANK_LINES.sub("\n", "\n".join(line.strip() for line in text.splitlines())).strip()
    if len(fallback) > max(_SHORT_BODY, 2 * len(text)) or (_table_dump(text) and len(fallback) >= _PARAGRAPH_CHARS * 5):
        return fallback, "lines-after-heading"
    return text, "trafilatura"


def _table_dump(text: str) -> bool:
    """trafilatura's output for layout tables: most lines are table rows with navigation."""
    rows = text.splitlines()
    return bool(rows) and sum(row.startswith("|") for row in rows) * 10 >= len(rows) * 3


def _lines_body(lines: list[Line], heading_at: int | None) -> str:
    """Paragraphs after the heading: from the first sentence-like line to the footer."""
    start = heading_at + 1 if heading_at is not None else 0
    kept: list[str] = []
    for line in lines[start:]:
        if kept and _FOOTER.search(line.text):
            break
        if line.linky:
            continue
        if kept or _is_paragraph(line.text):
            kept.append(line.text)
    while kept and not _is_paragraph(kept[-1]):
        kept.pop()
    return "\n".join(kept)


def _is_paragraph(text: str) -> bool:
    if _SOURCE_LABEL.search(text) or _FOOTER.search(text):
        return False
    return len(text) >= _PARAGRAPH_CHARS or text.endswith(_SENTENCE_END)
