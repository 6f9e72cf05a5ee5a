"""Remove the <link rel="alternate" hreflang> tags from each page's <head>.

Material's JavaScript fetches sitemap.xml relative to every such link, expecting
them to point at language roots; mkdocs-static-i18n points them at the page's
translations instead, so every page logged 404 errors in the console. The
language selector's own links (which stay on the same page) are untouched, and
the sitemap keeps the per-page hreflang alternates for search engines.
"""

from __future__ import annotations

import re

HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output: str, page, config) -> str:
    head, separator, body = output.partition("</head>")
    return HEAD_ALTERNATE.sub("", head) + separator + body
