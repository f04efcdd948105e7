"""周报: preview of the weekly digest for the chosen week, and downloads of its Word, PDF, HTML and Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

import db
from dashboard import data
from pipeline.report import digest, mail, sections, week

CHART_LINE = re.compile(r"^!\[[^\n]*\]\((digest-[0-9A-Za-z-]+\.png)\)$", re.MULTILINE)


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
    columns = st.columns(4)
    columns[0].download_button("下载 Word", files.docx, f"{name}.docx", mail.MIME_TYPES[".docx"])
    if files.pdf is not None:
        columns[1].download_button("下载 PDF", files.pdf, f"{name}.pdf", "application/pdf")
    else:
        columns[1].caption("未安装中文字体（fonts-noto-cjk），无法生成 PDF。")
    columns[2].download_button("下载 HTML", files.html.encode("utf-8"), f"{name}.html", "text/html")
    columns[3].download_button("下载 Markdown", files.markdown.encode("utf-8"), f"{name}.md", "text/markdown")
    st.caption("周报覆盖全部地区。预览为 Markdown，所有抓取文本均已转义。")
    with st.container(border=True):
        preview(files)


def preview(files: digest.Rendered) -> None:
    """The Markdown with each chart shown where the digest places it."""
    parts = CHART_LINE.split(files.markdown)
    for n, part in enumerate(parts):
        if n % 2 == 0:
            if part.strip():
                st.markdown(part)
        elif part in files.charts:
            st.image(files.charts[part])


main()
