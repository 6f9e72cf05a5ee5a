"""What can be checked mechanically of STYLE.zh.md, the Chinese style guide: banned
term variants (including 课 for one lecture), half-width punctuation between Chinese
characters, spaces next to full-width punctuation and between Chinese and Latin
letters, digits, inline math or code, number ranges and lists, italics used for
emphasis, author lists and "et al.", the page-top labels, full-width punctuation in
Chinese code comments, ReLU's full name, and English quotations kept in English.
(Spaces around glossary terms are checked on the built pages in tests/test_glossary.py.)"""

from __future__ import annotations

import re

import pytest
import yaml

from mdtools import DOCS, ROOT

PAGES = sorted(DOCS.glob("*.zh.md"))
HAN = r"[\u3400-\u9fff]"
# The variants the guide rules out (with the term it chooses), as regular expressions
# when a plain string would also catch a good word (本课程, 整流线性单元, 专项课程中的).
BANNED = {"梯度弥散": "梯度消失", "梯度膨胀": "梯度爆炸", "激励函数": "激活函数", "离散程度": "标准差",
          "单位阵": "单位矩阵", "反向传递": "反向传播", "修正线性单元": "整流线性单元",
          r"(?<!线性)整流单元": "整流线性单元", "经验做法": "标准初始化",
          # one lecture is 讲; 课程 is the whole specialization or one of its courses
          r"本课(?!程)": "本讲", "上一课": "上一讲", "下一课": "下一讲", "第一课": "第一讲",
          r"(?<![上下第])一课(?!程)": "一讲", r"该课(?!程)": "该讲", r"某课(?!程)": "某一讲", r"整课(?!程)": "整讲",
          "每段课程": "每一讲", "各段课程": "各讲", "三段课程": "三讲", "课程页面": "讲解页", r"(?<!专项)课程中的": "本讲中的、视频中的",
          "课程顺序": "讲授顺序", "本节任务": "本页任务"}


def shown(pattern: str) -> str:
    """The banned word as a reader would type it: 本课(?!程) -> 本课."""
    return re.sub(r"\(\?<?[!=][^)]*\)|[\\]", "", pattern)


def prose(text: str, stand_in: str = "") -> str:
    """The text without code blocks, link targets and HTML tags, and with inline code
    and math replaced by stand_in (nothing by default; "X" where the spacing next to
    them matters)."""
    text = re.sub(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2", "", text, flags=re.M | re.S)
    text = re.sub(r"`[^`\n]*`", stand_in, text)
    text = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$|\$[^$\n]*\$", stand_in, text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]+>", "", text)


def chinese_texts(stand_in: str = ""):
    for page in PAGES:
        yield page.relative_to(ROOT).as_posix(), prose(page.read_text(encoding="utf-8"), stand_in)
    glossary = yaml.safe_load((DOCS / "glossary.yml").read_text(encoding="utf-8"))
    for key, entry in glossary.items():
        yield f"docs/glossary.yml:{key}", f"{entry['zh']}\n{entry['zh_def']}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    yield "README.md (中文说明)", prose(readme[readme.index("## 中文说明"):], stand_in)


TEXTS = list(chinese_texts())
SPACED_TEXTS = list(chinese_texts(stand_in="X"))  # inline math and code kept as a Latin letter


def banned(text: str) -> list[str]:
    return [f"{shown(bad)} (use {good})" for bad, good in BANNED.items() if re.search(bad, text)]


FULL_WIDTH = "，。、；：？！（）《》“”"
# A half-width space right after a full-width mark (or after bold that ends on one,
# "**练习 1：** 对称性"), or right before one; except after the list marker "- " and
# the {cue:N} time marker, which stand before a quotation, and before the table and
# heading-id syntax (" |", " { #id }").
SPACE_AFTER = re.compile(rf"[{FULL_WIDTH}]\*{{0,2}}[ \t]+(?![|{{ \t])")
SPACE_BEFORE = re.compile(rf"(?<![\s|}}-])[ \t]+\*{{0,2}}[{FULL_WIDTH}]")


def stray_spaces(text: str) -> list[str]:
    text = re.sub(r"^\s*(?:[-*+]|\d+\.) ", "", text, flags=re.M)
    return [m.group(0) for m in SPACE_AFTER.finditer(text)] + \
        [text[max(0, m.start() - 1):m.end()] for m in SPACE_BEFORE.finditer(text)]


def unspaced(text: str) -> list[str]:
    """Chinese characters touching a Latin letter, a digit, inline math or code (both
    shown as X). Subtitles quoted after their {cue:N} keep their own spacing."""
    text = re.sub(r"\{cue:[^}]*\}\s*“[^”]*”", "", text)
    return re.findall(rf"(?=({HAN}[A-Za-z0-9]|[A-Za-z0-9]{HAN}))", text)  # overlapping pairs


def number_style(text: str) -> list[str]:
    """Ranges with a hyphen (6.4-6.7; an ISO date is not a range), numbers listed with
    half-width commas (1.5, 0, 0), a space before %, and "et al." or 等人 for 等."""
    found = re.findall(r"(?<![\w.:/-])\d+(?:\.\d+)?-\d+(?:\.\d+)?(?![\w./-])", text)
    found += re.findall(r"\d, \d", text) + re.findall(r"\d[ \t]%", text)
    return found + re.findall(r"et al\b\.?|等人", text)


def half_width(text: str) -> list[str]:
    return re.findall(rf"{HAN}[,;:?!()]{HAN}", text)


def test_the_checks_catch_what_they_should():
    assert banned("本课的离散程度") == ["离散程度 (use 标准差)", "本课 (use 本讲)"]
    assert banned("ReLU（整流线性单元）") == [] and banned("本课程、该课程、深度学习专项课程中的约定") == []
    assert banned("吴恩达“梯度消失与梯度爆炸”一课") == ["一课 (use 一讲)"]
    assert banned("另一课的字幕；整课，按原顺序") == ["一课 (use 一讲)", "整课 (use 整讲)"]
    assert banned("各段课程与课程页面；这就是课程中的那行代码；按课程顺序排列") == [
        "各段课程 (use 各讲)", "课程页面 (use 讲解页)", "课程中的 (use 本讲中的、视频中的)",
        "课程顺序 (use 讲授顺序)"]
    assert banned("**本节任务：**") == ["本节任务 (use 本页任务)"]
    assert half_width("梯度,消失") == ["度,消"] and half_width("梯度，消失 `a,b`") == []
    assert prose("见 `x,y` 与 \\(a,b\\)") == "见  与 " and prose("见 `x` 与 \\(a\\)", "X") == "见 X 与 X"
    assert prose("甲\n\n```python\nx = 1, 2\n```\n\n乙\n\n```\n3, 4\n```\n") == "甲\n\n\n\n乙\n\n\n"
    assert stray_spaces("下载。 只需要") == ["。 "] and stray_spaces("“标准初始化” X（X）") == ["” "]
    assert stray_spaces("得到 ，然后") == ["到 ，"] and stray_spaces("**练习 1：** 对称性") == ["：** "]
    assert stray_spaces("| 否 | 对称性。 |\n## 小结（He 等，2015） { #relu }\n- “ways”：{cue:2} “is”") == []
    assert unspaced("取X层，第1层") == ["取X", "X层", "第1", "1层"] and unspaced("取 X 层，ReLU（整流线性单元）") == []
    assert unspaced("{cue:87} “梯度与L相差指数级”应译为：梯度随 X 变小") == []
    assert number_style("6.4-6.7 秒；读作 1.5, 0；小 10 %；He et al.；He 等人") == \
        ["6.4-6.7", "5, 0", "0 %", "et al.", "等人"]
    assert number_style("6.4–6.7 秒；依次为 1.5、0；小 10%；实测 2026-11-25；（He 等，2015）") == []


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
    """In the corrections lists of every box a quoted slip is the English words,
    glossed in Chinese; a Chinese sentence in quotation marks would read as a
    quotation of a Chinese source that does not exist (the Chinese subtitles are
    quoted only in the note about them, which names them). The gloss after an
    English quotation holds the translation only, with no quotation marks of its own
    (“…”（译文，指……）)."""
    text = page.read_text(encoding="utf-8")
    for item in quoted_items(text):
        assert not re.search(HAN, item), f"{page.name}: a transcript quote translated into Chinese: “{item}”"
    glosses = re.findall(r"“[^”\u3400-\u9fff]*”（([^）]*“[^）]*)）", prose(text))
    assert not glosses, f"{page.name}: a gloss in parentheses holds only the translation: {glosses[:3]}"


def quoted_items(text: str) -> list[str]:
    """The quotation that opens each list item of every admonition (!!! or ???, any
    type) except the note on the Chinese subtitles."""
    found = []
    boxes = re.findall(r'^(?:!!!|\?\?\?\+?) \w+(?: "([^"]*)")?\n((?:\n|    .*\n)*)', text, flags=re.M)
    for title, body in boxes:
        if "中文字幕" in title:
            continue
        for item in re.findall(r"^    - (.*)$", body, flags=re.M):
            quoted = re.match(r"(?:\{cue:\d+\} )?“([^”]*)”", item)
            if quoted:
                found.append(quoted.group(1))
    return found


def test_the_quotation_check_catches_what_it_should():
    box = '!!! warning "命名"\n\n    - “Yoshua Bengio 及其同事”：见上。\n    - {cue:2} “is *data*”：没有数据。\n'
    assert quoted_items(box) == ["Yoshua Bengio 及其同事", "is *data*"]
    assert quoted_items('!!! note "中文字幕"\n\n    - {cue:9} “从而避免这个问题”：不对。\n') == []
    assert quoted_items('??? success "答案"\n\n    - “the lecture”：原话。\n') == ["the lecture"]


@pytest.mark.parametrize("name, text", SPACED_TEXTS, ids=[name for name, _ in SPACED_TEXTS])
def test_no_half_width_space_next_to_full_width_punctuation(name, text):
    found = stray_spaces(text)
    assert not found, f"{name}: a half-width space next to full-width punctuation: {found[:5]}"


@pytest.mark.parametrize("name, text", SPACED_TEXTS, ids=[name for name, _ in SPACED_TEXTS])
def test_a_space_between_chinese_and_latin_letters_digits_math_and_code(name, text):
    found = unspaced(text)
    assert not found, f"{name}: Chinese touching Latin letters, digits, math or code (X): {found[:5]}"


@pytest.mark.parametrize("name, text", TEXTS, ids=[name for name, _ in TEXTS])
def test_number_ranges_lists_percentages_and_et_al(name, text):
    found = number_style(text)
    assert not found, f"{name}: write ranges with –, lists with 、, 10%, and 等 for et al.: {found[:5]}"


LABELS = ("本页任务", "学习目标", "预备知识")


def is_notebook(text: str) -> bool:
    return bool(re.match(r"---\n(?:.*\n)*?jupyter:", text))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_top_labels_and_bold_labels(page):
    """The lecture pages and the lab open with 本页任务 / 学习目标 / 预备知识, as the
    English twins open with What you will do / learn / need. On a Markdown page a bold
    label carries its colon inside the bold (**本页任务：**, **练习 1：**). A notebook
    is rendered by CommonMark, where bold that ends on a full-width mark only closes
    before a space or punctuation: there the mark goes after the bold (**本页任务**：),
    and bold never ends on a full-width mark right before a character."""
    text = page.read_text(encoding="utf-8")
    english = page.with_name(page.name.replace(".zh.md", ".md")).read_text(encoding="utf-8")
    notebook = is_notebook(text)
    if "**What you will do:**" in english:
        for label in LABELS:
            written = f"**{label}**：" if notebook else f"**{label}：**"
            assert written in text, f"{page.name}: no {written} label"
    if notebook:
        found = unrendered_bold(prose(text))
        assert not found, f"{page.name}: this bold does not render in a notebook: {found[:3]}"
    else:
        found = re.findall(r"\*\*[^*\n]{1,12}\*\*[：:]|\*\*练习 \d+[.．:]?\*\*", text)
        found = [f for f in found if any(label in f for label in LABELS) or "练习" in f or "notebook" in f]
        assert not found, f"{page.name}: put the colon inside the bold label (**本页任务：**, **练习 1：**): {found}"


def unrendered_bold(text: str) -> list[str]:
    """Bold, paired from the left, that ends on a full-width mark and is followed by a
    character that is neither a space nor punctuation: CommonMark leaves it as **."""
    return [m.group(0) for m in re.finditer(r"\*\*([^*\n]+?)\*\*", text)
            if m.group(1)[-1] in FULL_WIDTH and re.match(rf"[^\s\[(*{FULL_WIDTH}]", text[m.end():m.end() + 1])]


def test_the_notebook_bold_check_catches_what_it_should():
    assert unrendered_bold("**本页任务：**用 NumPy。**学习目标**：观察。**练习 1：** 对称性") == ["**本页任务：**"]
    assert unrendered_bold("**全零：对称性。**如果；**下载本 notebook：**[lab.ipynb]") == ["**全零：对称性。**"]


def chinese_comments(text: str) -> list[str]:
    """The # comments with Chinese in the fenced code blocks of a page."""
    comments = []
    for block in re.findall(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n(.*?)^\1\2", text, flags=re.M | re.S):
        comments += [c for c in re.findall(r"#(.*)$", block[2], flags=re.M) if re.search(HAN, c)]
    return comments


def comment_punctuation(comment: str) -> list[str]:
    return re.findall(rf"{HAN}[,;:?!()]|[,;:?!(][ ]?{HAN}", comment)


def test_the_comment_check_catches_what_it_should():
    page = "```python\nx = {}  # 名称: (权重, 方差)\ny = 1  # 形状 (2, m)，方差为 1\n```\n"
    assert chinese_comments(page) == [" 名称: (权重, 方差)", " 形状 (2, m)，方差为 1"]
    assert [c for c in chinese_comments(page) if comment_punctuation(c)] == [" 名称: (权重, 方差)"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_chinese_code_comments_use_full_width_punctuation(page):
    found = [c.strip() for c in chinese_comments(page.read_text(encoding="utf-8")) if comment_punctuation(c)]
    assert not found, f"{page.name}: Chinese comments with half-width punctuation: {found[:3]}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_page_that_uses_relu_gives_its_full_name(page):
    """ReLU（整流线性单元）at least once on every page that uses the term, either
    written out or by the unaliased [[relu]] mark, which shows the glossary's zh."""
    text = prose(page.read_text(encoding="utf-8"))
    if "ReLU" in text:
        assert "ReLU（整流线性单元）" in text or "[[relu]]" in text, \
            f"{page.name}: ReLU is never given its full name, ReLU（整流线性单元）"
