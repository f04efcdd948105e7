"""周报: preview of the weekly digest for the chosen week, and downloads of its Markdown, HTML and PDF."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import db
from dashboard import data
from pipeline.report import digest, sections, week


@st.cache_data(ttl=data.CACHE_TTL_SECONDS, show_spinner="正在生成周报……")
def rendered(path: str, stamp: int, label: str) -> digest.Rendered:
    return digest.render_all(sections.build_digest(Path(path), week.parse_week(label), data.LOCK_WAIT_SECONDS))


def main() -> None:
    scope = data.current_scope()
    if scope.week is None:
        st.info("请在左侧选择一周。")
        return
    path = data.db_path()
    try:
        files = rendered(str(path), data.stamp(path), scope.week)
    except data.DataUnavailable as exc:
        data.show_unavailable(exc)
        return
    except (OSError, db.DatabaseBusy):
        data.show_unavailable(data.DataUnavailable("数据库暂时无法读取（可能正在加载），请稍后刷新。"))
        return
    name = f"digest-{scope.week}"
    columns = st.columns(3)
    columns[0].download_button("下载 Markdown", files.markdown.encode("utf-8"), f"{name}.md", "text/markdown")
    columns[1].download_button("下载 HTML", files.html.encode("utf-8"), f"{name}.html", "text/html")
    if files.pdf is not None:
        columns[2].download_button("下载 PDF", files.pdf, f"{name}.pdf", "application/pdf")
    else:
        columns[2].caption("未安装中文字体（fonts-noto-cjk），无法生成 PDF。")
    st.caption("周报覆盖全部地区。预览为 Markdown，所有抓取文本均已转义；图表见下方和 PDF、HTML。")
    with st.container(border=True):
        st.markdown(files.markdown.split("\n## ", 1)[0])
        for name_, png in files.charts.items():
            st.image(png, caption=name_)
        st.markdown("## " + files.markdown.split("\n## ", 1)[1] if "\n## " in files.markdown else "")


main()
