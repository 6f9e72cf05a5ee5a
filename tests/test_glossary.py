"""The glossary: one source (docs/glossary.yml), at least 30 complete entries, every
term the pages mark up is in it, both languages mark the same terms, the first use
on a page carries the definition in the page's language, and an unknown term fails
the build naming the page. (test_browser.py checks the tooltip on hover and tap.)"""

from __future__ import annotations

import html
import re

import pytest
import yaml

from conftest import mkdocs
from sandbox import copy_project
from mdtools import DOCS, chinese_twin, english_pages, rel

import glossary  # hooks/glossary.py

CJK = re.compile(r"[\u4e00-\u9fff]")
TERMS = yaml.safe_load((DOCS / "glossary.yml").read_text(encoding="utf-8"))
ABBR = re.compile(r'<abbr class="glossary" title="([^"]*)" tabindex="0">')


def marked(path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [key for line, fenced in glossary.outside_fences(text) if not fenced
            for key, _ in glossary.MARK.findall(line)]


def test_at_least_30_complete_entries_in_both_languages():
    assert len(TERMS) >= 30
    for key, term in TERMS.items():
        assert set(term) == {"en", "zh", "en_def", "zh_def"}, f"glossary.yml: {key} is incomplete"
        assert CJK.search(term["zh"]) and CJK.search(term["zh_def"]), f"glossary.yml: {key} has no Chinese"
        assert not CJK.search(term["en"] + term["en_def"]), f"glossary.yml: {key}'s English has Chinese"
    for required in ("vanishing-gradient", "exploding-gradient", "activation", "activation-function",
                     "weight-initialization", "variance", "identity-matrix", "backpropagation",
                     "learning-rate", "fan-in", "fan-out"):
        assert required in TERMS


def test_every_marked_term_is_in_the_glossary_and_both_languages_mark_the_same():
    for page in english_pages():
        twin = chinese_twin(page)
        for path in (page, twin):
            unknown = set(marked(path)) - set(TERMS)
            assert not unknown, f"{rel(path)} marks terms that are not in docs/glossary.yml: {unknown}"
        assert sorted(set(marked(page))) == sorted(set(marked(twin))), \
            f"{rel(page)} and {rel(twin)} mark different glossary terms"


def test_first_use_carries_the_definition_in_the_page_language(site):
    pages_with_terms = 0
    for page in site.rglob("index.html"):
        titles = [html.unescape(t) for t in ABBR.findall(page.read_text(encoding="utf-8"))]
        mode = page.relative_to(site).parts[0]
        languages = {"zh": ["zh_def"], "zh-en": ["zh_def", "en_def"]}.get(mode, ["en_def"])
        definitions = {term[language] for term in TERMS.values() for language in languages}
        assert len(titles) == len(set(titles)), f"{page.relative_to(site)}: a term is explained twice"
        assert all(title in definitions for title in titles), f"{page.relative_to(site)}: wrong definitions"
        pages_with_terms += bool(titles)
    assert pages_with_terms >= 8


def test_glossary_pages_list_every_term_with_both_definitions(site):
    for folder in ("glossary", "zh/glossary"):
        text = html.unescape((site / folder / "index.html").read_text(encoding="utf-8"))
        for key, term in TERMS.items():
            assert f'id="{key}"' in text
            for field in term.values():
                assert field in text, f"{folder}: {key} lacks {field!r}"


def test_used_on_links_have_distinct_titles(site):
    for folder in ("glossary", "zh/glossary"):
        text = (site / folder / "index.html").read_text(encoding="utf-8")
        for cell in re.findall(r"<td>((?:<a [^>]*>[^<]*</a>,? ?)+)</td>", text):
            titles = re.findall(r">([^<]*)</a>", cell)
            assert len(titles) == len(set(titles)), f"{folder}: two pages with one title: {titles}"


def test_an_unknown_term_fails_the_build_naming_the_page(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "weight-initialization.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[[no-such-term]]\n", encoding="utf-8")
    result = mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode != 0
    assert "weight-initialization.zh.md" in result.stderr and "no-such-term" in result.stderr


CJK_TEXT = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"


def test_no_stray_space_around_a_chinese_term_on_the_built_pages(site):
    """A term shown in Chinese sits between Chinese characters without spaces
    ("对双曲正切函数（tanh）不需要", "对 sigmoid 函数而言"), however the mark was typed."""
    before = re.compile(rf"{CJK_TEXT} <abbr class=\"glossary\"[^>]*>{CJK_TEXT}")
    after = re.compile(rf"{CJK_TEXT}</abbr> {CJK_TEXT}")
    checked = 0
    for page in sorted((site / "zh").rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        for pattern in (before, after):
            found = pattern.findall(text)
            assert not found, f"{page.relative_to(site)}: a space around a Chinese term: {found[:3]}"
        checked += text.count('<abbr class="glossary"')
    assert checked >= 30


@pytest.mark.parametrize("typed, shown", [
    ("对 [[tanh]] 不需要", "对<abbr"),
    ("[[sigmoid|sigmoid 函数]] 而言", "sigmoid 函数</abbr>而言"),
    ("一个 [[epoch|轮次（epoch）]] 中", "一个<abbr"),
    ("用[[relu|ReLU]]激活", "用 <abbr"),
    ("用[[relu|ReLU]]激活", "ReLU</abbr> 激活"),
])
def test_spacing_follows_the_shown_term_not_the_typing(typed, shown):
    import glossary

    page = type("Page", (), {"file": type("File", (), {"src_uri": "x.zh.md"})()})()
    assert shown in glossary.on_page_markdown(typed + "\n", page, None, None)
