"""The digest's charts as PNG bytes, and the CJK font they and the PDF are drawn with."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

# Charts: matplotlib's object API (no pyplot state), a CJK font, mathtext off so a `$` in a label stays a `$`.
CJK_FAMILIES: tuple[str, ...] = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei")
CHART_DPI = 110
# Readable when printed in black and white: two greys far apart, the second also hatched.
DARK, LIGHT, INK = "#404040", "#d9d9d9", "#000000"
HATCH = "////"
LABEL_WIDTH = 20
_TITLE_CUTS = re.compile(r"[ ，,：:；;｜|—]")
_TITLE_PREFIX = re.compile(r"^关于")
_TITLE_SUFFIX = re.compile(r"的(通报|通知|公告|情况说明|说明)$")


class MissingFont(RuntimeError):
    """No font with Chinese glyphs is installed (Debian: fonts-noto-cjk)."""


def short(text: str, width: int = LABEL_WIDTH) -> str:
    """A title shortened for a chart label: 关于…的通知 trimmed, cut at its first break if the head says enough."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    text = _TITLE_SUFFIX.sub("", _TITLE_PREFIX.sub("", text))
    if len(text) <= width:
        return text
    cut = _TITLE_CUTS.search(text)
    if cut is not None and 6 <= cut.start() <= width:
        return text[: cut.start()]
    return text[: width - 1] + "…"


def _chart_style() -> dict[str, Any]:
    learn_new_fonts()
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [*CJK_FAMILIES, "DejaVu Sans"],
        "text.parse_math": False,
        "axes.unicode_minus": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "font.size": 9,
    }


def _png(figure: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _figure(n_rows: int) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(7.5, 1.2 + 0.32 * max(n_rows, 1)), layout="constrained")


def bar_chart(labels: Sequence[str], values: Sequence[float], axis_label: str) -> bytes:
    """Horizontal bars, first label on top, each bar's value written beside it."""
    import matplotlib

    with matplotlib.rc_context(_chart_style()):
        figure = _figure(len(labels))
        axes = figure.add_subplot()
        positions = range(len(labels))
        bars = axes.barh(list(positions), list(values), color=DARK)
        counts = all(v == int(v) for v in values)
        axes.bar_label(bars, fmt="%d" if counts else "%.2f", padding=2)
        if counts:
            axes.xaxis.get_major_locator().set_params(integer=True)
        axes.set_yticks(list(positions), [short(label) for label in labels])
        axes.invert_yaxis()
        axes.set_xlabel(axis_label)
        return _png(figure)


def stacked_chart(labels: Sequence[str], first: Sequence[int], second: Sequence[int], names: tuple[str, str]) -> bytes:
    import matplotlib

    with matplotlib.rc_context(_chart_style()):
        figure = _figure(len(labels))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        axes.barh(positions, list(first), color=DARK, edgecolor=INK, label=names[0])
        axes.barh(positions, list(second), left=list(first), color="white", edgecolor=INK, hatch=HATCH, label=names[1])
        axes.set_yticks(positions, [short(label) for label in labels])
        axes.invert_yaxis()
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=2, frameon=False)
        return _png(figure)


def trend_chart(rows: list[dict[str, Any]], current: str) -> bytes | None:
    """Events per week (bars; this week dark) and the weekly median lag (dashed line with points, right axis)."""
    if not rows:
        return None
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_chart_style()):
        figure = Figure(figsize=(7.5, 2.8), layout="constrained")
        axes = figure.add_subplot()
        weeks = [r["week"] for r in rows]
        colours = [DARK if w == current else LIGHT for w in weeks]
        axes.bar(weeks, [r["n_events"] for r in rows], color=colours, edgecolor=INK, label="事件数（柱，本周深色）")
        axes.set_ylabel("事件数")
        axes.yaxis.get_major_locator().set_params(integer=True)
        lag = axes.twinx()
        lag.plot(weeks, [r["median_lag_hours"] for r in rows], marker="o", color=INK, linestyle="--",
                 label="滞后中位数（折线）")  # fmt: skip
        lag.set_ylabel("滞后中位数（小时）")
        lag.spines["right"].set_visible(True)
        figure.legend(loc="outside upper right", ncols=2, frameon=False)
        axes.tick_params(axis="x", labelrotation=30)
        return _png(figure)


def cjk_font() -> tuple[Path, int]:
    """A font file with Chinese glyphs and its index in a collection; TRACKER_CJK_FONT overrides the search."""
    from matplotlib import font_manager

    override = os.environ.get("TRACKER_CJK_FONT")
    candidates = [(Path(override), None)] if override else []
    learn_new_fonts()
    for family in CJK_FAMILIES:
        found = _find(font_manager.fontManager, family)
        if found is not None:
            candidates.append((Path(found), family))
    for path, family in candidates:
        if path.is_file():
            return path, _collection_index(path, family)
    raise MissingFont("no CJK font installed for the PDF digest: install Debian's fonts-noto-cjk")


def learn_new_fonts() -> None:
    """matplotlib lists the system's fonts once, in a cache it never renews: fonts installed after its first run
    (fonts-noto-cjk after a first digest) stay unknown to it. When it knows no CJK family, it is shown the system
    fonts it has not seen."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    if not any(_find(manager, family) for family in CJK_FAMILIES):
        _show_unseen_fonts(manager)


@lru_cache(maxsize=1)
def _show_unseen_fonts(manager: Any) -> None:
    """Once per font list: on a machine with no CJK font at all, every chart would scan the system's fonts again."""
    from matplotlib import font_manager

    known = {os.path.realpath(font.fname) for font in manager.ttflist}
    for path in font_manager.findSystemFonts():
        if os.path.realpath(path) not in known:
            try:
                manager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # a font file FreeType cannot read
                continue


def _find(manager: Any, family: str) -> str | None:
    from matplotlib import font_manager

    try:
        return str(manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False))
    except ValueError:
        return None


def _collection_index(path: Path, family: str | None) -> int:
    if path.suffix.lower() != ".ttc" or family is None:
        return 0
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as collection:
        names = [font["name"].getDebugName(1) for font in collection.fonts]
    return names.index(family) if family in names else 0
