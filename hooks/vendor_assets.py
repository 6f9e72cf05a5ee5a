"""Serve KaTeX from the site itself, never from a CDN.

`make setup` installs KaTeX from the npm registry (exact version in package.json
and package-lock.json) into node_modules/. This hook adds the files the pages need
(the library, its auto-render extension, its stylesheet and WOFF2 fonts) to the
build as ``assets/vendor/katex/...``. Nothing from node_modules is committed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
WANTED = ["katex.min.js", "katex.min.css", "contrib/auto-render.min.js", "fonts/*.woff2"]


def on_files(files: Files, config) -> Files:
    if not (KATEX_DIST / "katex.min.js").is_file():
        raise PluginError(
            f"KaTeX is missing from {KATEX_DIST.relative_to(ROOT)}: run `make setup` (npm ci) first."
        )
    for pattern in WANTED:
        for path in sorted(KATEX_DIST.glob(pattern)):
            rel = path.relative_to(KATEX_DIST).as_posix()
            files.append(
                File(
                    rel,
                    src_dir=str(KATEX_DIST),
                    dest_dir=config["site_dir"],
                    use_directory_urls=config["use_directory_urls"],
                    dest_uri=f"assets/vendor/katex/{rel}",
                )
            )
    return files
