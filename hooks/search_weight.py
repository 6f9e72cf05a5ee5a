"""Keep the search index light: the figure scripts and the notebook code cells are
not indexed.

Every page downloads the search index (both languages) on a reader's first visit,
and a third of its text was code: the scripts under every figure and the lab's
code cells. Searching finds the prose that explains each script, and the script
is right there; the index loses ~25 % of its weight. Other code blocks (the short
examples in the prose) stay searchable. Material's search plugin skips any element
marked ``data-search-exclude``; this hook marks those blocks before the plugin reads
the page (``on_page_content`` runs before its ``on_page_context``).

The index is also written again as plain UTF-8 (the plugin escapes every Chinese
character as \\uXXXX, six bytes instead of three) and without spaces between
tokens: about a quarter smaller raw, a few KB less sent with gzip.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

FIGURE_SCRIPT = re.compile(r'<div class="language-python highlight">(?=<span class="filename">snippets/)')
NOTEBOOK_INPUT = '<div class="jp-InputArea jp-Cell-inputArea">'


def on_page_content(html: str, page, config, files) -> str:
    html = FIGURE_SCRIPT.sub('<div class="language-python highlight" data-search-exclude>', html)
    return html.replace(NOTEBOOK_INPUT, '<div class="jp-InputArea jp-Cell-inputArea" data-search-exclude>')


@event_priority(-1000)  # after the search plugin and mkdocs-static-i18n have written it
def on_post_build(config) -> None:
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
