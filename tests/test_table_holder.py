"""hooks/table_holder.py: every plain table of the built site stands in a box of its
own, and nothing else is wrapped (the box's effect at load: test_browser_load_restyles.py)."""

from __future__ import annotations

import re

import table_holder  # hooks/table_holder.py


def test_plain_tables_are_wrapped_and_nothing_else():
    html = ('<p>a</p><table>\n<tr><td>1</td></tr>\n</table>'
            '<table class="highlighttable"><tr><td>2</td></tr></table><table><tr><td>3</td></tr></table>')
    assert table_holder.on_page_content(html, None, None, None) == (
        '<p>a</p><div class="table-holder"><table>\n<tr><td>1</td></tr>\n</table></div>'
        '<table class="highlighttable"><tr><td>2</td></tr></table>'
        '<div class="table-holder"><table><tr><td>3</td></tr></table></div>')


def test_every_plain_table_of_the_site_is_in_a_holder(site):
    pages = sorted(site.rglob("*.html"))
    total = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        plain = html.count("<table>")
        held = len(re.findall(r'<div class="table-holder"><table>', html))
        assert held == plain, f"{page.relative_to(site)}: {plain - held} of {plain} plain tables not in a holder"
        total += plain
    assert total >= 10, f"only {total} plain tables in the whole site"
