"""Notebook pages (mkdocs-jupyter): rendered with outputs in both languages, a real
.ipynb to download, folded solutions, no re-execution when unchanged, and a cell
that raises fails the build. The cells themselves run under pytest-codeblocks
(tests/codeblocks_ext.py runs a notebook's cells as one block), including the
cell that asserts the lab's closing table."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import jupytext
import nbformat
import pytest

from conftest import mkdocs
from sandbox import copy_project
from mdtools import DOCS, english_pages, is_notebook, rel

NOTEBOOKS = [p for p in english_pages() if is_notebook(p.read_text(encoding="utf-8"))]
CJK = re.compile(r"[\u4e00-\u9fff]")


def built(site, page, chinese):
    folder = page.relative_to(DOCS).with_suffix("").as_posix()
    return site / ("zh" if chinese else "") / folder


def test_there_is_a_notebook():
    assert NOTEBOOKS, "docs/ holds no notebook page"


@pytest.mark.parametrize("page", NOTEBOOKS, ids=rel)
@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh"])
def test_rendered_with_outputs_and_folded_solutions(site, page, chinese):
    html = (built(site, page, chinese) / "index.html").read_text(encoding="utf-8")
    assert "jupyter-wrapper" in html, f"{rel(page)} ({'zh' if chinese else 'en'}) was not rendered"
    # figures as SVG files beside the page, in sized lazy <img> (hooks/notebooks.py), not inline
    figures = re.findall(r'<img [^>]*width="\d+" height="\d+" loading="lazy" src="(output-[0-9a-f]{12}\.svg)"', html)
    assert len(figures) >= 5, "figures of the executed notebook are missing"
    for name in figures:
        svg = (built(site, page, chinese) / name).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>"), f"{name} is not an SVG figure"
        ElementTree.fromstring(svg)
    assert "data:image/" not in html, "a notebook figure is still inline"
    assert "all claims hold" in html, "the claims cell did not run at build time"
    source = page if not chinese else page.with_name(page.name.replace(".md", ".zh.md"))
    solutions = source.read_text(encoding="utf-8").count('tags=["solution"]')
    title = "参考答案" if chinese else "Solution"
    assert solutions >= 3 and html.count(f'<details class="example"><summary>{title}</summary>') == solutions
    assert "cdnjs" not in html and "mathjax" not in html.lower()
    alts = re.findall(r'<img alt="([^"]*)"[^>]*src="output-', html)
    assert len(alts) == len(figures), "a notebook output image has no alt text"
    assert all(bool(CJK.search(alt)) == chinese for alt in alts), "output alt text in the wrong language"


@pytest.mark.parametrize("page", NOTEBOOKS, ids=rel)
@pytest.mark.parametrize("chinese", [False, True], ids=["en", "zh"])
def test_download_is_a_valid_notebook_with_the_pages_code(site, page, chinese):
    source = page if not chinese else page.with_name(page.name.replace(".md", ".zh.md"))
    download = built(site, page, chinese) / (page.stem + ".ipynb")
    html = (built(site, page, chinese) / "index.html").read_text(encoding="utf-8")
    assert f'href="{download.name}"' in html, "the page does not link its .ipynb"
    notebook = nbformat.read(download, as_version=4)
    nbformat.validate(notebook)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    assert code == [c.source for c in jupytext.read(source).cells if c.cell_type == "code"]
    prose = " ".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert bool(CJK.search(prose)) == chinese


def test_unchanged_notebooks_are_not_executed_again(site):
    # the session's build filled the cache; a second build must hit it in both languages
    result = mkdocs("build", "--strict", "--site-dir", str(site.parent / "again"))
    assert result.returncode == 0, result.stderr
    for page in NOTEBOOKS:
        for name in (page.name, page.name.replace(".md", ".zh.md")):
            assert f"Cache hit: {DOCS / name}" in result.stderr, f"docs/{name} was executed again"
    assert "Cache miss" not in result.stderr


def test_a_cell_that_raises_fails_the_build_naming_the_notebook(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / NOTEBOOKS[0].name.replace(".md", ".zh.md")
    text = page.read_text(encoding="utf-8")
    front, body = re.match(r"(\A---\n.*?\n---\n)(.*)", text, re.S).groups()
    page.write_text(front + "\n```python\nraise RuntimeError('broken on purpose')\n```\n" + body, encoding="utf-8")
    result = mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode != 0
    assert page.name in result.stderr and "broken on purpose" in result.stderr
