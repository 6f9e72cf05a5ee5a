"""Every plain table in a box of its own (``<div class="table-holder">``), for a faster page load.

Material's script takes each table without a class out of the page and puts it
back inside its scroll wrapper, after the first paint. A table that stands directly
in the article is one of the article's children, and the site's stylesheets pick
the article's children by position (``.md-typeset > :nth-child(n+5)``, extra.css):
taking one out and putting one back makes the browser restyle the whole article,
typeset math included, twice per table. Inside a box of its own, the table is the
box's only child and the move restyles nothing else.

The box is ``display: contents`` (extra.css): it makes no box of its own, so the
page looks exactly as before, with JavaScript and without.
"""

from __future__ import annotations

import re

PLAIN_TABLE = re.compile(r"<table>(?:(?!<table\b).)*?</table>", re.S)  # no class, not nested


def on_page_content(html: str, page, config, files) -> str:
    return PLAIN_TABLE.sub(lambda match: f'<div class="table-holder">{match.group(0)}</div>', html)
