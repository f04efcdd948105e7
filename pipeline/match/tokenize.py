"""jieba adapter for matching: one lazily built Tokenizer, text normalisation, stopwords, a small user dictionary.

`get_tokenizer()` returns the shared instance. The dictionary and jieba's bundled IDF table (a background prior
for document frequencies) are loaded on first use only. When `rjieba` (the Rust port, jieba-rs, same dictionary
and algorithm) is installed it does the cutting, about 25 times faster; content terms are identical (checked on
the labelled set: every Chinese content token of all 277 items). Only runs of digits and Latin letters are cut
differently ("0-24" whole vs "0", "-", "24"), and `terms` splits those the same way for both.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

import jieba

try:
    import rjieba
except ImportError:  # pragma: no cover - depends on the environment
    rjieba = None

# Words jieba splits or does not know that matter for government and news text about events.
USER_WORDS: tuple[str, ...] = (
    "卫健委",
    "卫生健康委",
    "新闻发布会",
    "发布会",
    "新冠肺炎",
    "新型冠状病毒",
    "新冠病毒",
    "疫情防控",
    "指挥部",
    "通告",
    "通报",
    "订正",
    "核减",
    "密切接触者",
    "医学观察",
    "治愈出院",
    "确诊病例",
    "疑似病例",
    "危重症",
    "复工复产",
    "应急演练",
    "核安全",
    "核电站",
    "核循环",
    "核燃料",
    "群体性事件",
    "钻石公主号",
    "民辅警",
    "生产建设兵团",
)

# Function words and boilerplate that say nothing about which happening a text is about.
STOPWORDS: frozenset[str] = frozenset(
    """
    的 了 和 与 及 或 在 是 为 对 于 从 向 将 把 被 由 以 等 其 之 也 都 又 还 而 并 但 就 即 则 因 所 该 此 这 那
    个 些 每 各 本 我 你 他 她 它 我们 你们 他们 她们 它们 自己 有 无 没有 不 没 非 已 已经 正在 仍 仍然 尚 目前
    当前 今天 今日 昨天 昨日 明天 当天 当日 日前 近日 近期 此前 之前 以来 以后 之后 其中 以及 以上 以下 左右 共
    共计 合计 一个 一些 一名 一位 一是 二是 三是 这个 这些 那些 这样 如何 什么 为了 因为 所以 如果 虽然 但是
    而且 并且 或者 可以 可能 能够 需要 应当 进行 开展 实施 表示 介绍 指出 强调 认为 报道 获悉 消息 记者 据悉
    据 称 说 日电 电 讯 记者 编辑 责任编辑 来源 原标题 发布 发布时间 时间 点击 分享 打印 关闭 网站 微博 微信
    新华社 中新网 人民网 人民日报 央视 央视新闻 央视网 最新 最新动态 情况 工作 方面 有关 相关 上述 同时 此外
    另外 通过 根据 按照 关于 进一步 全面 继续 持续 全力 重要 主要 一定 有效 及时 切实 积极 认真 坚决 不断 加强
    做好 落实 推进 情况 问题 部分 方面 全省 全市 全区 全县 我省 我市 我区 我县 本省 本市 本区 本县 当地 当地时间
    年 月 日 时 分 秒 号 点 例 人 名 个 次 起 家 所 位 余 多 万 亿 元 第
    """.split()  # noqa: SIM905
)

_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_LATIN_RE = re.compile(r"[A-Za-z]{2,}")
# One kind of dash; zero-width spaces and byte-order marks deleted (NFKC keeps all of these as they are).
_DASHES = str.maketrans(
    {"—": "-", "–": "-", "－": "-", "~": "-", "～": "-", "―": "-", "─": "-"}
    | dict.fromkeys(["\u200b", "\u200c", "\u200d", "\ufeff"])
)
_RARE_CHARS_RE = re.compile("[" + "".join(chr(c) for c in _DASHES) + "]")


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII), one kind of dash, no zero-width or non-breaking spaces."""
    text = unicodedata.normalize("NFKC", text)
    # Most texts hold none of the characters to replace: one regex scan is cheaper than translating every char.
    return text.translate(_DASHES) if _RARE_CHARS_RE.search(text) else text


def is_content(token: str) -> bool:
    """A Chinese token that can carry topical meaning: two characters or more, not a stopword."""
    return len(token) >= 2 and token not in STOPWORDS and _CJK_RE.search(token) is not None


def content_terms(tokens: Iterable[str]) -> list[str]:
    """Chinese content tokens, plus Latin words (COVID, CDC) of non-Chinese tokens; numbers are left out."""
    out: list[str] = []
    cjk, stopwords = _CJK_RE.search, STOPWORDS
    for token in tokens:
        if len(token) < 2:  # neither a content token nor a Latin word of two letters or more
            continue
        if cjk(token):
            if token not in stopwords:
                out.append(token)
        else:
            out.extend(w.upper() for w in _LATIN_RE.findall(token))
    return out


class Tokenizer:
    """A private jieba.Tokenizer with the user dictionary added; built on first use."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        self._extra = tuple(extra_words)
        self._cutter: Any = None
        self._lock = threading.Lock()

    def _build(self) -> Any:
        with self._lock:
            if self._cutter is None:
                if rjieba is not None:
                    cutter = rjieba.Jieba()
                else:
                    jieba.setLogLevel(30)
                    cutter = jieba.Tokenizer()
                    cutter.initialize()
                for word in (*USER_WORDS, *self._extra):
                    self._add(cutter, word)
                self._cutter = cutter
            return self._cutter

    @staticmethod
    def _add(cutter: Any, word: str) -> None:
        if rjieba is not None and isinstance(cutter, rjieba.Jieba):
            cutter.add_word(word, None, None)
        else:
            cutter.add_word(word)

    def add_words(self, words: Iterable[str]) -> None:
        cutter = self._build()
        for word in words:
            self._add(cutter, word)

    def cut(self, text: str) -> list[str]:
        """All tokens of already normalised text, in order (HMM on, so unknown names stay whole)."""
        cutter = self._build()
        return cutter.cut(text) if rjieba is not None and isinstance(cutter, rjieba.Jieba) else cutter.lcut(text)

    def terms(self, text: str) -> list[str]:
        """Content terms of already normalised text, in order, repeats kept."""
        return content_terms(self.cut(text))

    @cached_property
    def background_idf(self) -> dict[str, float]:
        """jieba's bundled IDF table (about 270,000 words from a general Chinese corpus)."""
        path = Path(jieba.__file__).parent / "analyse" / "idf.txt"
        table: dict[str, float] = {}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                word, _, value = line.rstrip("\n").partition(" ")
                if value:
                    table[word] = float(value)
        return table

    @cached_property
    def background_default_idf(self) -> float:
        """Median of the bundled table: the prior IDF of a word the table does not know."""
        values = sorted(self.background_idf.values())
        return values[len(values) // 2] if values else math.log(1e5)


_shared: Tokenizer | None = None
_shared_lock = threading.Lock()


def get_tokenizer() -> Tokenizer:
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Tokenizer()
        return _shared
