"""hooks/search_weight.py: the figure scripts and the lab's code cells are not in the
search index; the prose around them, the lab's Markdown cells and the code cells'
printed output are."""

from __future__ import annotations

import json
import re

import jupytext

import search_weight  # hooks/search_weight.py
from mdtools import DOCS, SNIPPETS


def index_text(site) -> str:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return "\n".join(doc["title"] + "\n" + doc["text"] for doc in docs).replace("\u200b", "")


def code_lines(source: str) -> list[str]:
    """Lines of code long enough to be unmistakable, without comments."""
    lines = [line.split("#")[0].strip() for line in source.splitlines()]
    return [line for line in lines if len(line) > 30 and "=" in line]


def test_no_figure_script_is_indexed(site):
    text = index_text(site)
    for script in sorted(SNIPPETS.glob("*.py")):
        for line in code_lines(script.read_text(encoding="utf-8")):
            assert line not in text, f"the search index holds snippets/{script.name}: {line!r}"


def test_the_labs_code_is_not_indexed_but_its_text_and_output_are(site):
    text = index_text(site)
    for page in ("lab.md", "lab.zh.md"):
        notebook = jupytext.read(DOCS / page)
        code = [line for cell in notebook.cells if cell.cell_type == "code" for line in code_lines(cell.source)]
        assert len(code) > 20, page
        indexed = [line for line in code if line in text]
        assert not indexed, f"the search index holds docs/{page}'s code: {indexed[:3]}"
        headings = [line.lstrip("# ").strip() for cell in notebook.cells if cell.cell_type == "markdown"
                    for line in cell.source.splitlines() if line.startswith("## ")]
        assert len(headings) >= 6, page
        for heading in headings:  # (jieba puts zero-width spaces between Chinese words: removed above)
            assert heading in text, f"docs/{page}: section {heading!r} is not searchable"
    assert "400 points in the plane" in text
    assert re.search(r"glorot\s+std\(a\[1\]\)", text), "the lab's printed output is not searchable"


def test_excluded_blocks_are_cut_whole_with_their_nested_blocks():
    html = ('<p>a</p><div class="x" data-search-exclude><div><div>code</div></div><p>more</p></div>'
            '<p>b</p><div data-search-exclude>c</div><div class="kept"><div>d</div></div>')
    assert search_weight.without_excluded(html) == '<p>a</p><p>b</p><div class="kept"><div>d</div></div>'
