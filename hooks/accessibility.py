"""Small accessibility repairs to Material's markup (found by axe-core).

The search overlay is a `role="dialog"` without an accessible name. It gets one:
the search field's own placeholder, which Material has already translated into the
page's language ("Search", "搜索").

Code blocks are focusable from the start (`tabindex="0"`), so that a keyboard can
scroll a wide one. Material gives that to a block only once it has mounted it, and
with its `content.lazy` feature (mkdocs.yml) it mounts a block only when it comes
into view; once mounted, Material itself takes the tabindex off a block that is not
wider than the page.
"""

from __future__ import annotations

import re

SEARCH_DIALOG = re.compile(r'(<div class="md-search"[^>]*role="dialog")(?![^>]*aria-label)')
CODE_BLOCK = re.compile(r'(<pre[^>]*>(?:<span></span>)?<code)(?![^>]*\btabindex=)')
PLACEHOLDER = re.compile(r'<input[^>]*data-md-component="search-query"[^>]*placeholder="([^"]+)"'
                         r'|<input[^>]*placeholder="([^"]+)"[^>]*data-md-component="search-query"')


def on_post_page(output: str, page, config) -> str:
    placeholder = PLACEHOLDER.search(output)
    if placeholder:
        label = placeholder.group(1) or placeholder.group(2)
        output = SEARCH_DIALOG.sub(rf'\1 aria-label="{label}"', output, count=1)
    return CODE_BLOCK.sub(r'\1 tabindex="0"', output)
