"""Declared sources: normalising 来源 values and telling media from official names."""

from __future__ import annotations

import pytest

from pipeline.extract.outlets import classify_source_name, normalise_source_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("连云港日报社", "连云港日报"),
        ("来源：新华日报", "新华日报"),
        ("信息来源: 内蒙古日报", "内蒙古日报"),
        ("《理财周刊》", "理财周刊"),
        ("新华网 记者 王五", "新华网"),
        ("人民日报（2022年02月13日 02版）", "人民日报"),
        ("河南日报客户端 编辑：张三", "河南日报客户端"),
        ("光明网 ", "光明网"),
        ("央广网。", "央广网"),
        ("新华通讯社", "新华社"),
        ("新华社、人民日报", "新华社"),
        ("本站", "本站"),
        ("本网", "本网"),
        ("省发改委", "省发改委"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise_source_name(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "   ", "记者 张三", "责任编辑：孔德明", "编辑：李四", "作者：", "转载文章", "互联网", "2022-02-13"]
)
def test_normalise_gives_none_for_credits_and_noise(raw: str) -> None:
    assert normalise_source_name(raw) is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("新华社", "media"),
        ("人民网", "media"),
        ("央视新闻", "media"),
        ("中新网", "media"),
        ("澎湃新闻", "media"),
        ("连云港日报社", "media"),
        ("扬子晚报", "media"),
        ("苍南县融媒体中心", "media"),
        ("连云港广播电视台", "media"),
        ("某某都市报", "media"),
        ("某某新闻网", "media"),
        ("连云港市人民政府", "official"),
        ("连云港市人民政府办公室", "official"),
        ("江苏省生态环境厅", "official"),
        ("连云港市生态环境局", "official"),
        ("省发改委", "official"),
        ("连云港市卫生健康委员会", "official"),
        ("中国政府网", "official"),
        ("某某市政府网", "official"),
        ("市委宣传部", "official"),
        ("本站", "unknown"),
        ("张三", "unknown"),
        ("", "unknown"),
    ],
)
def test_classify(name: str, kind: str) -> None:
    assert classify_source_name(name) == kind


def test_registry_wins() -> None:
    registry = {"连云港发布": "official", "某某日报": "official"}
    assert classify_source_name("连云港发布", registry) == "official"
    assert classify_source_name("某某日报", registry) == "official"


def test_extra_outlets() -> None:
    assert classify_source_name("今日连云港") == "unknown"
    assert classify_source_name("今日连云港", extra_outlets=["今日连云港"]) == "media"
