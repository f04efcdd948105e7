from pathlib import Path

import pytest

from pipeline.core.sources import SourceError, load_sources

GOOD = """
[[source]]
id = "lyg-gov"
name = "连云港市人民政府"
kind = "official"
channel = "website"
region = "江苏省连云港市"
level = "city"
list_urls = ["https://www.lyg.gov.cn/xwzx/index.html"]

[[source]]
id = "lyg-daily"
name = "连云港日报"
kind = "media"
channel = "news"
feeds = ["http://example.com/rss.xml"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_registry_loads_with_defaults(tmp_path: Path) -> None:
    sources = load_sources(write(tmp_path, GOOD))
    assert [s.source_id for s in sources] == ["lyg-gov", "lyg-daily"]
    assert sources[0].list_urls == ("https://www.lyg.gov.cn/xwzx/index.html",)
    assert sources[1].timezone == "Asia/Shanghai"
    assert sources[1].feeds == ("http://example.com/rss.xml",)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kind = "official"', 'kind = "goverment"'), "source 'lyg-gov': unknown kind 'goverment'"),
        (('id = "lyg-daily"', 'id = "lyg-gov"'), "source 'lyg-gov': duplicate id"),
        (('"https://www.lyg.gov.cn/xwzx/index.html"', '"file:///etc/passwd"'), "is not http or https"),
        (('"https://www.lyg.gov.cn/xwzx/index.html"', '"javascript:alert(1)"'), "is not http or https"),
        (('name = "连云港市人民政府"\n', ""), "source 'lyg-gov': missing name"),
        (('id = "lyg-gov"', 'id = "LYG Gov"'), "id must be lowercase"),
        (('level = "city"', 'level = "town"'), "unknown level 'town'"),
        (('channel = "news"', 'channel = "news"\ntimezone = "Mars/Olympus"'), "unknown timezone"),
    ],
)
def test_each_mistake_gives_one_clear_line(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    with pytest.raises(SourceError) as error:
        load_sources(write(tmp_path, GOOD.replace(*change, 1)))
    text = str(error.value)
    assert message in text
    assert "\n" not in text


def test_bad_toml_and_missing_file_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not valid TOML"):
        load_sources(write(tmp_path, "[[source]\nid="))
    with pytest.raises(SourceError, match="no such file"):
        load_sources(tmp_path / "absent.toml")
