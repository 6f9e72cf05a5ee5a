"""Serve KaTeX's stylesheet and fonts from the site itself, never from a CDN.

The math is typeset at build time (hooks/math_typeset.py); the browser needs only
KaTeX's stylesheet and fonts, no KaTeX JavaScript. `make setup` installs KaTeX from
the npm registry (exact version in package.json and package-lock.json) into
node_modules/. This hook adds the stylesheet, trimmed to the WOFF2 fonts (every
browser the site supports reads WOFF2; the WOFF and TTF fallbacks are dropped),
and the WOFF2 fonts to the build as ``assets/vendor/katex/...``. The browser
fetches a font only when a formula on the page uses it. Nothing from node_modules
is committed.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import cache_file  # hooks/cache_file.py

ROOT = Path(__file__).resolve().parent.parent
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
TRIMMED = ROOT / ".cache" / "katex-css"
# url(fonts/X.woff) format("woff") and url(fonts/X.ttf) format("truetype") in src lists
OLD_FORMATS = re.compile(r',url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)')


def _file(rel: str, src_dir: Path, config) -> File:
    return File(rel, src_dir=str(src_dir), dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"], dest_uri=f"assets/vendor/katex/{rel}")


def on_files(files: Files, config) -> Files:
    css = KATEX_DIST / "katex.min.css"
    if not css.is_file():
        raise PluginError(f"KaTeX is missing from {KATEX_DIST.relative_to(ROOT)}: run `make setup` first.")
    trimmed = OLD_FORMATS.sub("", css.read_text(encoding="utf-8"))
    cache_file.write(TRIMMED / "katex.min.css", trimmed)
    files.append(_file("katex.min.css", TRIMMED, config))
    for path in sorted(KATEX_DIST.glob("fonts/*.woff2")):
        files.append(_file(path.relative_to(KATEX_DIST).as_posix(), KATEX_DIST, config))
    return files
