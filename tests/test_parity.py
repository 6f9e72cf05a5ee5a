"""Translation parity: every English page has a Chinese twin with the same
structure, and every navigation entry exists in both languages."""

import re
from dataclasses import fields

import pytest
from mkdocs.config import load_config

from mdtools import DOCS, ROOT, Structure, chinese_twin, english_pages, rel, structure

CJK = re.compile(r"[\u4e00-\u9fff]")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")


def test_there_are_pages():
    assert english_pages(), "docs/ holds no page"


@pytest.mark.parametrize("page", english_pages(), ids=rel)
def test_chinese_twin_exists_with_the_same_structure(page):
    twin = chinese_twin(page)
    assert twin.is_file(), f"{rel(page)} has no Chinese translation: {rel(twin)} is missing"
    en, zh = structure(page), structure(twin)
    for field in fields(Structure):
        a, b = getattr(en, field.name), getattr(zh, field.name)
        assert a == b, f"{rel(page)} and {rel(twin)} differ in {field.name}: English {a}, Chinese {b}"


@pytest.mark.parametrize("page", english_pages(), ids=rel)
def test_chinese_twin_is_written_in_chinese(page):
    twin = chinese_twin(page)
    prose = re.sub(r"```.*?```", "", twin.read_text(encoding="utf-8"), flags=re.S)
    assert len(CJK.findall(prose)) > 0.2 * len(re.findall(r"[A-Za-z]+", prose)), \
        f"{rel(twin)} is mostly not Chinese: is it an untranslated copy of {rel(page)}?"


@pytest.mark.parametrize("page", english_pages(), ids=rel)
def test_every_image_has_alt_text_in_the_page_language(page):
    twin = chinese_twin(page)
    for path, chinese in ((page, False), (twin, True)):
        for image in IMAGE.finditer(path.read_text(encoding="utf-8")):
            alt = image["alt"].strip()
            assert alt, f"{rel(path)}: image {image['src']} has no alt text"
            assert bool(CJK.search(alt)) == chinese, \
                f"{rel(path)}: alt text of {image['src']} is not in the page's language: {alt[:60]!r}"


def test_no_chinese_page_without_an_english_one():
    for twin in sorted(DOCS.rglob("*.zh.md")):
        english = twin.with_name(twin.name.replace(".zh.md", ".md"))
        assert english.is_file(), f"{rel(twin)} has no English original {rel(english)}"


def nav_entries(nav):
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                yield title, value if isinstance(value, str) else None
                if isinstance(value, list):
                    yield from nav_entries(value)
        else:
            yield None, item


def test_every_nav_entry_exists_in_both_languages():
    config = load_config(str(ROOT / "mkdocs.yml"))
    i18n = config.plugins["i18n"].config
    zh = next(lang for lang in i18n.languages if lang.locale == "zh")
    translations = zh.nav_translations or {}
    for title, target in nav_entries(config.nav):
        if target and not target.startswith(("http://", "https://")):
            page = DOCS / target
            assert page.is_file(), f"mkdocs.yml nav: {target} does not exist"
            assert chinese_twin(page).is_file(), f"mkdocs.yml nav: {target} has no {rel(chinese_twin(page))}"
        if title:
            assert title in translations, \
                f"mkdocs.yml nav: title {title!r} has no Chinese title in the i18n plugin's nav_translations"
