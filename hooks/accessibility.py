"""Small accessibility repairs to Material's markup (most found by axe-core).

The search overlay is a `role="dialog"` without an accessible name. It gets one:
the search field's own placeholder, which Material has already translated into the
page's language ("Search", "搜索").

Code blocks are focusable from the start (`tabindex="0"`), so that a keyboard can
scroll a wide one. Material gives that to a block only once it has mounted it, and
with its `content.lazy` feature (mkdocs.yml) it mounts a block only when it comes
into view; once mounted, Material itself takes the tabindex off a block that is not
wider than the page.

Each heading's permalink (the "¶" of the toc extension, which mkdocs.yml gives no
title, and nbconvert's in the notebook pages) is named for screen readers in the
page's language. A title would be the same English on every page, and Material's
`content.tooltips` would mount a tooltip for each one while the page loads (about
0.6 ms each on a 2-core machine, 2.5 ms with the CPU slowed 4x as Lighthouse does:
the references page has 14).
"""

from __future__ import annotations

import re

SEARCH_DIALOG = re.compile(r'(<div class="md-search"[^>]*role="dialog")(?![^>]*aria-label)')
CODE_BLOCK = re.compile(r'(<pre[^>]*>(?:<span></span>)?<code)(?![^>]*\btabindex=)')
PERMALINK = re.compile(r'<a class="(headerlink|anchor-link)"(?![^>]*\baria-label=)')
PERMALINK_LABEL = {"en": "Permanent link", "zh": "永久链接"}
PLACEHOLDER = re.compile(r'<input[^>]*data-md-component="search-query"[^>]*placeholder="([^"]+)"'
                         r'|<input[^>]*placeholder="([^"]+)"[^>]*data-md-component="search-query"')


def on_post_page(output: str, page, config) -> str:
    placeholder = PLACEHOLDER.search(output)
    if placeholder:
        label = placeholder.group(1) or placeholder.group(2)
        output = SEARCH_DIALOG.sub(rf'\1 aria-label="{label}"', output, count=1)
    label = PERMALINK_LABEL.get(config.theme["language"], PERMALINK_LABEL["en"])
    output = PERMALINK.sub(lambda m: f'<a class="{m.group(1)}" aria-label="{label}"', output)
    return CODE_BLOCK.sub(r'\1 tabindex="0"', output)
