"""What can be checked mechanically of STYLE.zh.md, the Chinese style guide: banned
term variants, half-width punctuation between Chinese characters, italics used for
emphasis, author lists, and English quotations kept in English. (Spaces around
glossary terms are checked on the built pages in tests/test_glossary.py.)"""

from __future__ import annotations

import re

import pytest
import yaml

from mdtools import DOCS, ROOT

PAGES = sorted(DOCS.glob("*.zh.md"))
HAN = r"[\u3400-\u9fff]"
# The variants the guide rules out (with the term it chooses).
BANNED = {"梯度弥散": "梯度消失", "梯度膨胀": "梯度爆炸", "激励函数": "激活函数", "离散程度": "标准差",
          "单位阵": "单位矩阵", "反向传递": "反向传播", "修正线性单元": "整流线性单元", "整流单元": "整流线性单元",
          "经验做法": "标准初始化", "本课": "本讲", "上一课": "上一讲", "下一课": "下一讲", "第一课": "第一讲"}


def prose(text: str) -> str:
    """The text without code blocks, inline code, math, link targets and HTML tags."""
    text = re.sub(r"^(\s*)(`{3,}|~{3,}).*?^\1\2", "", text, flags=re.M | re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$|\$[^$\n]*\$", "", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]+>", "", text)


def chinese_texts():
    for page in PAGES:
        yield page.relative_to(ROOT).as_posix(), prose(page.read_text(encoding="utf-8"))
    glossary = yaml.safe_load((DOCS / "glossary.yml").read_text(encoding="utf-8"))
    for key, entry in glossary.items():
        yield f"docs/glossary.yml:{key}", f"{entry['zh']}\n{entry['zh_def']}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    yield "README.md (中文说明)", prose(readme[readme.index("## 中文说明"):])


TEXTS = list(chinese_texts())


def banned(text: str) -> list[str]:
    # 整流单元 is banned on its own, not inside 整流线性单元
    return [f"{bad} (use {good})" for bad, good in BANNED.items()
            if re.search(bad if bad != "整流单元" else r"(?<!线性)整流单元", text)]


def half_width(text: str) -> list[str]:
    return re.findall(rf"{HAN}[,;:?!()]{HAN}", text)


def test_the_checks_catch_what_they_should():
    assert banned("本课的离散程度") == ["离散程度 (use 标准差)", "本课 (use 本讲)"]
    assert banned("ReLU（整流线性单元）") == []
    assert half_width("梯度,消失") == ["度,消"] and half_width("梯度，消失 `a,b`") == []
    assert prose("见 `x,y` 与 \\(a,b\\)") == "见  与 "


@pytest.mark.parametrize("name, text", TEXTS, ids=[name for name, _ in TEXTS])
def test_no_banned_term_variant(name, text):
    found = banned(text)
    assert not found, f"{name}: {found}"


@pytest.mark.parametrize("name, text", TEXTS, ids=[name for name, _ in TEXTS])
def test_no_half_width_punctuation_between_chinese_characters(name, text):
    found = half_width(text)
    assert not found, f"{name}: half-width punctuation between Chinese characters: {found[:5]}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_italics_for_emphasis_in_chinese(page):
    found = re.findall(rf"(?<![*\w])\*(?=[^\s*])[^*\n]*?{HAN}[^*\n]*?(?<=\S)\*(?!\*)",
                       prose(page.read_text(encoding="utf-8")))
    assert not found, f"{page.name}: italics around Chinese text (use bold or quotation marks): {found[:3]}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_author_lists_end_with_yu(page):
    text = prose(page.read_text(encoding="utf-8"))
    found = re.findall(r"[A-Z][\w ü]*、[A-Z][\w ü]*(?:、[A-Z][\w ü]*)* 和 [A-Z][\wü]+\s*(?:[（，]\d{4}|在|的)", text)
    found += re.findall(r"\b[A-Z][a-zü]+ 和 [A-Z][a-zü]+[，,（(]\s*\d{4}", text)
    assert not found, f"{page.name}: author lists are joined with 与: {found[:3]}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_quotations_of_the_transcripts_stay_in_english(page):
    """In the corrections notes a quoted slip is the English words, glossed in
    Chinese; a Chinese sentence in quotation marks would read as a quotation of a
    Chinese source that does not exist (the Chinese subtitles are quoted only in
    the note about them, which names them)."""
    text = page.read_text(encoding="utf-8")
    notes = re.findall(r'^!!! note "([^"]*)"\n((?:\n|    .*\n)*)', text, flags=re.M)
    for title, body in notes:
        if "中文字幕" in title:
            continue
        for item in re.findall(r"^    - (.*)$", body, flags=re.M):
            quoted = re.match(r"(?:\{cue:\d+\} )?“([^”]*)”", item)
            if quoted:
                assert not re.search(HAN, quoted.group(1)), \
                    f"{page.name}: a transcript quote translated into Chinese: “{quoted.group(1)}”"
