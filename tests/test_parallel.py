"""中英对照 (hooks/parallel.py): every page in a third reading mode, made from the two
built pages, aligned block for block; a page that cannot be aligned fails the build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import mkdocs
from mdtools import DOCS, english_pages
from sandbox import copy_project

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def urls() -> list[str]:
    out = []
    for page in english_pages():
        stem = page.relative_to(DOCS).with_suffix("").as_posix()
        out.append("" if stem == "index" else stem + "/")
    return out


def article(site: Path, path: str) -> str:
    return ARTICLE.search((site / path / "index.html").read_text(encoding="utf-8")).group(1)


@pytest.mark.parametrize("url", urls())
def test_every_page_has_an_aligned_parallel_version(site, url):
    page = (site / "zh-en" / url / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in page
    zh, en, both = article(site, "zh/" + url), article(site, url), article(site, "zh-en/" + url)
    rows = re.findall(r'<div class="parallel-row"><div class="parallel-zh" lang="zh">(.*?)</div>'
                      r'<div class="parallel-en" lang="en">', both, re.S)
    assert rows, f"zh-en/{url}: no Chinese–English rows"
    # every formula, code block and figure once; every heading with the single-language id
    for pattern in (r'<div class="arithmatex"', r'<div class="language-\w+ highlight"', r"<figure",
                    r'<nav class="lecture-timeline'):
        assert len(re.findall(pattern, both)) == len(re.findall(pattern, zh)), f"zh-en/{url}: {pattern} count"
    for heading_id in re.findall(r'<h[1-6] id="([^"]+)"', zh):
        assert f'id="{heading_id}"' in both, f"zh-en/{url}: the section anchor #{heading_id} is missing"
    if "jp-Notebook" not in both:  # (a notebook's headings are inside its side-by-side cells)
        headings = len(re.findall(r"<h[1-6] id=", zh))
        assert both.count('class="parallel-heading-en" lang="en"') == headings, \
            f"zh-en/{url}: a heading lacks its English title"
    # figures carry both captions and both alt texts
    for figure in re.findall(r"<figure.*?</figure>", both, re.S):
        assert 'class="parallel-caption-en" lang="en"' in figure, f"zh-en/{url}: a figure lacks its English caption"
    en_alts = re.findall(r'<img [^>]*alt="([^"]*)"', en)
    for alt in en_alts:
        assert alt in both, f"zh-en/{url}: the English alt text {alt[:40]!r} is missing"
    # no prose lost: every paragraph of both languages is in the parallel page
    text = lambda fragment: " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
    all_text = text(both)
    for source in (zh, en):
        for paragraph in re.findall(r"<p>(.*?)</p>", source, re.S):
            assert text(paragraph) in all_text, f"zh-en/{url}: a paragraph is missing: {text(paragraph)[:60]!r}"


def test_parallel_pages_are_not_in_the_search_index(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("zh-en/")]


def test_a_page_that_cannot_be_aligned_fails_the_build_naming_both_files(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "references.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\\[\n x = 1\n\\]\n", encoding="utf-8")
    result = mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode != 0
    assert "docs/references.zh.md and docs/references.md" in result.stderr
