"""Dates printed in the page's text, and what their labels say they are: the dateline under the heading,
labelled publish dates elsewhere, 成文日期, and dates labelled as something else (updates, page clocks)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from pipeline.core.records import ParsedTime
from pipeline.extract.dates import is_implausible, iter_datetimes, normalise_text
from pipeline.extract.page import Found, Line, window_end

FINE = frozenset({"second", "minute", "hour"})
DAY_OR_FINER = frozenset({"second", "minute", "hour", "day"})
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
# What may follow a dateline date: end of line, punctuation, or another dateline field.
_AFTER_OK = re.compile(
    r"\s|$|[|丨｜/\\()（）\[\]【】<>《》,，。.;；:：!！?？·•\-—_~\"'“”]|"
    r"来源|来自|作者|编辑|责任|点击|浏览|阅读|访问|更新|发布|星期|周[一二三四五六日]|字号|出处|稿源|"
    r"记者|通讯员|分享|打印|评论|[（(]?京港台|北京时间"
)
_MAYBE_DATE = re.compile(r"(?:19|20|１９|２０)[\d０-９]{2}|[〇○]")
_MAYBE_RELATIVE = re.compile(r"前|昨|今天|今日|刚|ago|today|yesterday", re.IGNORECASE)
_WRITTEN_HINT = re.compile(r"成文|印发|签发|签署|制发|发文(?:日期|时间)")
_CLOCK_START = re.compile(r"\s*\d{1,2}[:：]\d\d")
# A date that opens a sentence of the body ("2016年8月6日，连云港市…") is not a dateline.
# (晚 and 在 as in 8月6日晚 / 在京召开, not 晚报 / 在线 in a source name: ``2003-7-24 钱江晚报`` is a dateline.)
_OPENS_SENTENCE = re.compile(
    r"\s*[，,]\s*[\u4e00-\u9fff]{2}|\s*[\u4e00-\u9fff]{0,8}(?:召开|举行|发布|发生|上午|下午|晚(?!报)|在(?!线))"
)
_PROSE_CHARS = 60
# A post footer's clock without a date: ``发表于 13:22``, ``Posted by 某某 at 01:22 PM``.
_POSTED_CLOCK = re.compile(
    r"(?:发表于|发布于|发表时间|发布时间|posted\s+(?:by\s+\S{1,30}\s+)?at|\bat)\s*[:：]?\s*"
    r"(?P<h>[0-2]?\d)[:：](?P<m>[0-5]\d)(?:[:：](?P<s>[0-5]\d))?\s*(?P<ap>[AaPp]\.?[Mm]\.?)?(?![\d:])",
    re.IGNORECASE,
)
_HEADER_CHARS = 40
# The fields of a post's own meta line (blog entry footer, forum post header): its author, or a counter with
# its number (阅读(120), 评论：3), or its category or tags. Not 相关阅读 (a related link) or 网站访问量 (a site footer).
_POST_META = re.compile(
    r"(?:作者|发帖人|发贴人|发布人|发布者|分类|标签)\s*[:：]|楼主|博主|posted\s+by"
    r"|(?<!相关)(?:阅读|浏览|点击|评论|回复)(?:数|次数|量)?\s*[:：(（\[]?\s*\d",
    re.IGNORECASE,
)
_META_LINE_CHARS = 100
# The title of a page's comment section (网友评论, 回复, 3 条评论, Trackback ...), alone on its line: times
# below it are readers', not the post's. A counter such as 评论(3) is not one.
_COMMENTS = re.compile(
    r"[\W_]*(?:\d+\s*条)?(?:网友|读者|最新|相关|全部|精彩|发表)?"
    r"(?:评论|回复|留言|跟帖|回帖|comments?|trackbacks?|引用通告)(?:列表|区)?[\W_]*",
    re.IGNORECASE,
)
_COMMENTS_LINE_CHARS = 16


@dataclass(frozen=True)
class Candidate:
    """A date seen in the page text."""

    parsed: ParsedTime
    line: int
    labelled: bool
    written: bool
    standalone: bool
    other: bool  # labelled as something else: update time, page clock, event date
    prose: bool  # inside a sentence of running text rather than on a dateline
    in_link: bool  # the date is link text on a line that is mostly link text


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
        for begin, end, found in iter_datetimes(text, tz, now=fetched_at, normalised=True, relative=relative):
            parsed = _with_next_line_clock(found, text, begin, end, lines, index, tz)
            if parsed.precision not in DAY_OR_FINER:
                continue
            if fetched_at is not None and not plausible(parsed, fetched_at):
                continue
            prefix = text[max(0, begin - 16) : begin]
            if not prefix.strip():
                prefix = normalise_text(before_line[-16:])
            written = bool(_WRITTEN_LABEL.search(prefix))
            other = not written and bool(_OTHER_LABEL.search(prefix))
            labelled = not written and not other and bool(_PUBLISH_LABEL.search(prefix))
            after_ok = bool(_AFTER_OK.match(text, end)) or (
                parsed.precision in FINE and not text[end : end + 1].isdigit()
            )
            standalone = after_ok and not _in_intro(text, begin, end)
            prose = bool(_OPENS_SENTENCE.match(text, end)) or (len(text) > _PROSE_CHARS and "。" in text)
            in_link = line.linky and text[begin:end] not in normalise_text(line.plain)
            yield Candidate(parsed, index, labelled, written, standalone, other, prose, in_link)


def _with_next_line_clock(
    parsed: ParsedTime, text: str, begin: int, end: int, lines: list[Line], index: int, tz: str
) -> ParsedTime:
    """A day whose clock was drawn in the next cell or line (``<td>2005-03-06</td><td>16:17:00</td>``)."""
    if parsed.precision != "day" or text[end:].strip() or index + 1 >= len(lines):
        return parsed
    following = normalise_text(lines[index + 1].text)
    if not _CLOCK_START.match(following):
        return parsed
    joined = f"{text[begin:end]} {following}"
    for start, _stop, combined in iter_datetimes(joined, tz, normalised=True, relative=False):
        if start == 0 and combined.precision in FINE:
            return combined
    return parsed


def _in_intro(text: str, begin: int, end: int) -> bool:
    """True for 【XX网2005年07月03日报道】-style openings and 新华社北京8月9日电 datelines."""
    opener = text.rfind("【", 0, begin)
    closer = text.find("】", end)
    if opener != -1 and closer != -1 and closer - end < 12 and begin - opener < 20:
        return True
    return bool(re.match(r"\s*(?:报道|电|讯|消息)", text[end : end + 4]))


def dateline_date(
    lines: list[Line], heading_at: int | None, tz: str, fetched_at: datetime, text_from: int | None = None
) -> Found | None:
    """The date printed just after the heading (or just above it), labelled dates first, except that a
    date with its clock between the heading and the article text (``text_from``, the first line of the
    content block) beats a labelled date inside that text: a blog or forum post that reprints an article
    shows its own time in the post header, the reprinted article's ``发布时间：`` sits in the text."""
    if heading_at is None:
        return None
    stop = window_end(lines, heading_at)
    after = [
        c for c in _candidates(lines, heading_at, stop, tz, fetched_at, relative=True) if not c.written and not c.other
    ]
    labelled = [c for c in after if c.labelled]
    standalone = [c for c in after if c.standalone and not c.prose and _link_free(lines, c)]
    if labelled and standalone and _header_over_text(standalone[0], labelled[0], text_from):
        return Found(standalone[0].parsed, "dateline:beside-heading", standalone[0].line)
    if labelled:
        return Found(labelled[0].parsed, "dateline:labelled", labelled[0].line)
    if standalone:
        return Found(standalone[0].parsed, "dateline:beside-heading", standalone[0].line)
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
        return Found(before[-1].parsed, "dateline:above-heading", before[-1].line)
    return None


def _header_over_text(header: Candidate, labelled: Candidate, text_from: int | None) -> bool:
    return text_from is not None and header.parsed.precision in FINE and header.line < text_from <= labelled.line


def _link_free(lines: list[Line], candidate: Candidate) -> bool:
    """A date that is not link text and not one item of a list: on a line without links, or on a line
    whose links (a source site's address, 打印/关闭 tools; they may be longer than the date) leave the date
    itself outside them, when no neighbouring line also holds a link and a date."""
    if candidate.in_link:
        return False
    return not lines[candidate.line].link_chars or _link_free_neighbours(lines, candidate.line)


def _link_free_neighbours(lines: list[Line], index: int) -> bool:
    """True unless a neighbouring line also holds a link and a date (the line is one item of a list)."""
    return not any(_dated_link_line(lines, near) for near in (index - 1, index + 1))


def _dated_link_line(lines: list[Line], index: int) -> bool:
    return 0 <= index < len(lines) and lines[index].link_chars > 0 and bool(_MAYBE_DATE.search(lines[index].text))


def date_header_with_clock(lines: list[Line], heading_at: int | None, tz: str, fetched_at: datetime) -> Found | None:
    """Blog templates (Movable Type, 博客中国 and their kin): the day in a date header above the post title,
    the clock in the post's footer (``发表于 13:22``)."""
    if heading_at is None:
        return None
    header = [
        c
        for c in _candidates(lines, heading_at - 3, heading_at, tz, fetched_at)
        if c.parsed.precision == "day"
        and c.standalone
        and not (c.other or c.written or c.prose)
        and len(lines[c.line].text) < _HEADER_CHARS
        and not lines[c.line].linky
    ]
    if not header:
        return None
    day = header[-1].parsed
    for line in lines[heading_at + 1 :]:
        match = _POSTED_CLOCK.search(normalise_text(line.text))
        if match is None or line.linky:
            continue
        hour = int(match["h"]) % 12 + (12 if (match["ap"] or "").lower().startswith("p") else 0)
        hour = hour if match["ap"] else int(match["h"])
        if hour > 23:
            return None
        at = day.at.replace(hour=hour, minute=int(match["m"]), second=int(match["s"] or 0))
        precision = "second" if match["s"] else "minute"
        parsed = ParsedTime(at=at, precision=precision, raw=f"{day.raw} {match.group(0)}")
        return Found(parsed, "dateline:date-header+posted-clock")
    return None


def post_time(
    lines: list[Line],
    heading_at: int | None,
    tz: str,
    fetched_at: datetime,
    not_before: date | None = None,
    *,
    skip: int | None = None,
) -> Found | None:
    """The post's own clock time after the heading and before any comment section: labelled as a publish
    time (``发布于：2015-11-05 11:34`` after the body), or on the post's meta line beside its author or
    counters (``作者：流泉 访问统计：… 2005年08月30日, 星期二 13:22``). On such a short line the time may be a
    link (a permalink). A time before ``not_before`` (the day of the dateline under the heading) is not
    the post's: a reprint is posted after the article it copies. ``skip``: a line not to read (a reprinted
    article's dateline)."""
    start = heading_at or 0
    stop = next(
        (
            index
            for index in range(start + 1, len(lines))
            if len(lines[index].text) <= _COMMENTS_LINE_CHARS
            and not lines[index].linky
            and _COMMENTS.fullmatch(lines[index].text)
        ),
        len(lines),
    )
    for candidate in _candidates(lines, start, stop, tz, fetched_at):
        if candidate.parsed.precision not in FINE or candidate.other or candidate.written or candidate.line == skip:
            continue
        line = lines[candidate.line]
        short = len(line.text) <= _META_LINE_CHARS
        if line.linky and not (short and _link_free_neighbours(lines, candidate.line)):
            continue
        if candidate.labelled:
            method = "text:labelled"
        elif short and candidate.standalone and not candidate.prose and _POST_META.search(line.text):
            method = "text:post-meta"
        else:
            continue
        if not_before is not None and candidate.parsed.at.date() < not_before:
            continue
        return Found(candidate.parsed, method, candidate.line)
    return None


def first_labelled(
    lines: list[Line], tz: str, fetched_at: datetime, *, start: int = 0, fine: bool = False
) -> Found | None:
    """The first date labelled as a publish time from line ``start`` on (only clock times when ``fine``)."""
    for candidate in _candidates(lines, start, len(lines), tz, fetched_at):
        if candidate.labelled and not lines[candidate.line].linky and (candidate.parsed.precision in FINE or not fine):
            return Found(candidate.parsed, "text:labelled")
    return None


def first_standalone(lines: list[Line], tz: str, fetched_at: datetime) -> Found | None:
    for candidate in _candidates(lines, 0, len(lines), tz, fetched_at):
        if (
            candidate.standalone
            and candidate.parsed.precision in FINE
            and not lines[candidate.line].linky
            and not candidate.written
            and not candidate.other
            and not candidate.prose
        ):
            return Found(candidate.parsed, "text:first-datetime")
    return None


def clock_on_day(lines: list[Line], tz: str, fetched_at: datetime, day: date) -> Found | None:
    """The first clock time the page prints on ``day`` (a day found elsewhere), outside links and labels
    of other dates."""
    for candidate in _candidates(lines, 0, len(lines), tz, fetched_at):
        parsed = candidate.parsed
        if (
            parsed.precision in FINE
            and parsed.at.date() == day
            and not lines[candidate.line].linky
            and not candidate.written
            and not candidate.other
        ):
            return Found(parsed, "text:clock-on-day")
    return None


def plausible(parsed: ParsedTime, fetched_at: datetime) -> bool:
    return is_implausible(parsed.at, now=fetched_at) is None
