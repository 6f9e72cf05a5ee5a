"""Keep the search index light: the figure scripts and the notebook code cells are
not indexed.

Every page downloads the search index (both languages) on a reader's first visit,
and a third of its text was code: the scripts under every figure and the lab's
code cells. Searching finds the prose that explains each script, and the script
is right there; the index loses ~25 % of its weight. Other code blocks (the short
examples in the prose) stay searchable. Material's search plugin skips any element
marked ``data-search-exclude``; this hook marks those blocks before the plugin reads
the page (``on_page_content`` runs before its ``on_page_context``).

The search plugin still parses every tag of what it skips, and the highlighted code
is most of a page's tags: while the plugin reads a page, its ``page.content`` is the
page without the marked blocks (``on_page_context``, around the plugin's own), so a
build parses about half as much. This is also what makes the marks hold in the lab:
in the notebook's markup the plugin's parser loses track of the element it skips, and
it had indexed the code cells all the same.

The index is also written again as plain UTF-8 (the plugin escapes every Chinese
character as \\uXXXX, six bytes instead of three) and without spaces between
tokens: about a quarter smaller raw, a few KB less sent with gzip.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

FIGURE_SCRIPT = re.compile(r'<div class="language-python highlight">(?=<span class="filename">snippets/)')
# the input area of a code cell (a Markdown cell's input area holds its text, which stays)
CODE_INPUT = re.compile(r'(<div class="jp-Cell jp-CodeCell[^>]*>\s*<div class="jp-Cell-inputWrapper"[^>]*>\s*'
                        r'<div class="jp-Collapser[^>]*>\s*</div>\s*<div class="jp-InputArea jp-Cell-inputArea")>')


def on_page_content(html: str, page, config, files) -> str:
    html = FIGURE_SCRIPT.sub('<div class="language-python highlight" data-search-exclude>', html)
    return CODE_INPUT.sub(r"\1 data-search-exclude>", html)


EXCLUDED = re.compile(r"<div\b[^>]*\sdata-search-exclude[\s>]")
DIV = re.compile(r"<div\b|</div>")
SEARCH_ATTRIBUTE = re.compile(r'\s?data-search-\w+="[^"]+"')  # what the plugin strips (plugin.py)


def without_excluded(html: str) -> str:
    """``html`` without the ``<div data-search-exclude>`` blocks (nested divs included)."""
    pieces, last = [], 0
    for start in EXCLUDED.finditer(html):
        if start.start() < last:
            continue  # inside a block already dropped
        depth = 0
        for tag in DIV.finditer(html, start.start()):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                pieces.append(html[last:start.start()])
                last = tag.end()
                break
    return "".join(pieces) + html[last:]


_full: dict[int, tuple[str, str]] = {}  # id(page) -> (its content, the content the plugin read)


@event_priority(10)  # before the search plugin (0) reads page.content
def _lighten(context, page, config, nav):
    light = without_excluded(page.content or "")
    _full[id(page)] = (page.content, light)
    page.content = light
    return context


@event_priority(-10)  # after it: the page gets all of its content back
def _restore(context, page, config, nav):
    full, light = _full.pop(id(page), (None, None))
    if full is not None:
        page.content = full if page.content == light else SEARCH_ATTRIBUTE.sub("", full)
    return context


on_page_context = CombinedEvent(_lighten, _restore)


@event_priority(-1000)  # after the search plugin and mkdocs-static-i18n have written it
def on_post_build(config) -> None:
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
