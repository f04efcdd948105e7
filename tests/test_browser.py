"""The dashboard in a real browser: Debian's headless Chromium opens every view served on 127.0.0.1, finds the key
Chinese text, saves screenshots to tests/artifacts/, and shows scraped HTML markup as text that runs nothing.

Chromium comes from scripts/install-browser.sh (run by `make test`); without it this test fails, it does not skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dbfactory
import pytest

from dashboard.browser import Dashboard, Page, chromium, chromium_binary, serve_dashboard

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
VIEWS: dict[str, tuple[str, ...]] = {
    "": ("政府来源排行", "政府先发占比", "趋势（按周）"),
    "events": ("选择事件查看详情", "谁先发声", "打开事件详情", "时间（北京时间）"),
    "event?event=ev-6": ("事件标签：南京 网传", "审核操作", "转载证据"),
    "sources": ("政府来源", "最近的抓取失败", "两周未更新的政府来源"),
    "press": ("责任地区", "发布会时间（北京时间）", "责任网站"),
    "digest": ("下载 PDF", "政务舆情回应时效周报 2024-W10"),
}
CHOOSER = "事件（标题 · 日期 · 地区）"
TIMELINE_HEIGHT = """(() => {
    const c = document.querySelector('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg');
    return c ? c.getBoundingClientRect().height : 0;
})()"""
NO_INJECTED_MARKUP = """(() => ({
    xss: typeof window.__xss,
    imgs: Array.from(document.querySelectorAll('img')).filter(i => i.getAttribute('src') === 'x').length,
    bold: document.querySelectorAll('.stMarkdown b, [data-testid="stText"] b').length,
}))()"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Dashboard, Page]]:
    chromium_binary()  # fails the test, with the install hint, when Chromium is missing
    folder = tmp_path_factory.mktemp("browser")
    database = dbfactory.build(folder / "tracker.duckdb")
    with serve_dashboard(database, folder) as dashboard, chromium() as page:
        yield dashboard, page


@pytest.mark.parametrize("view", list(VIEWS))
def test_view_renders_in_chromium(served: tuple[Dashboard, Page], view: str) -> None:
    dashboard, page = served
    page.goto(f"{dashboard.url}/{view}")
    page.wait_for_text(*VIEWS[view], timeout=60)
    page.settle(1.5)
    name = view.split("?")[0] or "overview"
    shot = page.screenshot(ARTIFACTS / f"browser-{name}.png")
    assert shot.stat().st_size > 20_000
    body = page.evaluate("document.body.innerText")
    assert "Traceback" not in body and "Page not found" not in body
    assert page.evaluate(NO_INJECTED_MARKUP) == {"xss": "undefined", "imgs": 0, "bold": 0}
    assert page.dialogs == []


def test_scraped_markup_is_literal_text(served: tuple[Dashboard, Page]) -> None:
    dashboard, page = served
    page.goto(f"{dashboard.url}/event?event=ev-6")
    page.wait_for_text(f"标题：{dbfactory.XSS_TITLE}", timeout=60)
    page.evaluate("document.querySelectorAll('[data-testid=\"stExpander\"] summary').forEach(s => s.click())")
    page.wait_for_text("<script>window.__xss = 2</script>", "网传信息原文", timeout=60)
    page.settle(1.0)
    page.screenshot(ARTIFACTS / "browser-event-xss.png")
    assert page.evaluate(NO_INJECTED_MARKUP) == {"xss": "undefined", "imgs": 0, "bold": 0}
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').length") == 0
    assert page.dialogs == []  # alert(1) never ran


def test_event_chosen_by_title_searched_across_weeks_with_its_timeline(served: tuple[Dashboard, Page]) -> None:
    dashboard, page = served
    page.goto(f"{dashboard.url}/event?event=ev-1")
    page.wait_for_text("时间轴", "审核操作", timeout=60)
    page.wait_for_value(CHOOSER, "连云港 核循环项目 聚集 · 2024-03-04 · 江苏省连云港市")
    page.settle(2.0)
    chart = page.evaluate(TIMELINE_HEIGHT)
    assert chart > 100  # the timeline is drawn, not an empty frame
    timeline_top, documents_top = page.top_of("时间轴"), page.top_of("稿件")
    assert timeline_top is not None and documents_top is not None and timeline_top < documents_top
    assert not (page.input_value(CHOOSER) or "").startswith("ev-")  # chosen by title, not by id
    page.screenshot(ARTIFACTS / "browser-event-timeline.png")

    page.fill("按标题搜索事件（空格分隔；默认搜索全部周）", "旧城改造")  # the sidebar shows 2024-W10; this is W09
    page.wait_for_value(CHOOSER, "连云港 旧城改造 · 2024-02-28 · 江苏省连云港市")
    page.wait_for_text("事件标签：连云港 旧城改造", "时间轴", timeout=60)
    page.settle(1.5)
    page.screenshot(ARTIFACTS / "browser-event-search.png")
    assert page.dialogs == []
