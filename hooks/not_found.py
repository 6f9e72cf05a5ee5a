"""Keep one 404 page per language.

mkdocs-static-i18n builds the Chinese site last and writes its 404.html over the
English one at the root of the site. The root 404.html, which GitHub Pages serves
for every missing address, should be the default language's: this hook keeps the
English page there and moves the Chinese one to zh/404.html. Both pages carry
both languages' text (overrides/404.html).
"""

from __future__ import annotations

from pathlib import Path

_english: bytes | None = None


def on_post_build(config) -> None:
    global _english
    site = Path(config["site_dir"])
    if config["theme"]["language"] == "en":
        _english = (site / "404.html").read_bytes() if (site / "404.html").is_file() else None
        return
    root = site.parent if site.name == config["theme"]["language"] else site
    written = root / "404.html"
    if _english is not None and written.is_file() and written.read_bytes() != _english:
        (root / config["theme"]["language"]).mkdir(exist_ok=True)
        written.replace(root / config["theme"]["language"] / "404.html")
        written.write_bytes(_english)
