"""Keep the search index light: the figure scripts and the notebook code cells are
not indexed.

Every page downloads the search index (both languages) on a reader's first visit,
and a third of its text was code: the scripts under every figure and the lab's
code cells. Searching finds the prose that explains each script, and the script
is right there; the index loses ~25 % of its weight. Other code blocks (the short
examples in the prose) stay searchable. Material's search plugin skips any element
marked ``data-search-exclude``; this hook marks those blocks before the plugin reads
the page (``on_page_content`` runs before its ``on_page_context``).
"""

from __future__ import annotations

import re

FIGURE_SCRIPT = re.compile(r'<div class="language-python highlight">(?=<span class="filename">snippets/)')
NOTEBOOK_INPUT = '<div class="jp-InputArea jp-Cell-inputArea">'


def on_page_content(html: str, page, config, files) -> str:
    html = FIGURE_SCRIPT.sub('<div class="language-python highlight" data-search-exclude>', html)
    return html.replace(NOTEBOOK_INPUT, '<div class="jp-InputArea jp-Cell-inputArea" data-search-exclude>')
