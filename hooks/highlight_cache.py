"""Highlighted code cached on disk: a warm build does not run Pygments on unchanged code.

pymdownx.highlight colours every code block with Pygments: the site's 31 code blocks,
in both languages, took about 0.5 s of each build and each `mkdocs serve` rebuild
(0.1 s of it compiling the Python lexer's patterns, once per process). The HTML
Pygments makes depends only on the code, the lexer and its options, and the
formatter and its options, so this hook wraps the ``highlight`` call of
pymdownx.highlight: the result is kept in ``.cache/highlight/`` (or
``$HIGHLIGHT_CACHE_DIR``), one file per block, named by a hash of all of these, in a
folder named after the versions of Pygments, pymdownx and this file. The page is
byte for byte what Pygments makes. A build of the whole site (not ``--dirty``, not
one language only) removes the files it did not use, and the folders of other
versions.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority
from pymdownx import highlight as pymdownx_highlight

import cache_file  # hooks/cache_file.py

ROOT = Path(__file__).resolve().parent.parent
_pygments = getattr(pymdownx_highlight.highlight, "uncached", pymdownx_highlight.highlight)
_used: set[Path] = set()
_whole_site = True  # False when mkdocs-static-i18n builds one language only
_partial = False  # `mkdocs build --dirty` / `serve --dirty`


def cache_dir() -> Path:
    return _cache_dir(os.environ.get("HIGHLIGHT_CACHE_DIR", str(ROOT / ".cache" / "highlight")))


@functools.cache
def _cache_dir(root: str) -> Path:
    shape = hashlib.sha256(repr((cache_file.version("Pygments"), cache_file.version("pymdown-extensions"),
                                 Path(__file__).read_bytes())).encode()).hexdigest()[:16]
    return Path(root) / shape


def _options(thing) -> str:
    """A lexer or formatter: its class and the options it was made with."""
    kind = type(thing)
    filters = [type(f).__qualname__ for f in getattr(thing, "filters", [])]
    return repr((kind.__module__, kind.__qualname__, sorted(thing.options.items()), filters))


def cached_highlight(code, lexer, formatter, outfile=None):
    """pygments.highlight, looked up first (as pymdownx.highlight calls it: no outfile)."""
    if outfile is not None:
        return _pygments(code, lexer, formatter, outfile)
    key = hashlib.sha256("\0".join((code, _options(lexer), _options(formatter))).encode()).hexdigest()
    path = cache_dir() / f"{key[:32]}.html"
    _used.add(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    html = _pygments(code, lexer, formatter)
    cache_file.write(path, html)
    return html


cached_highlight.uncached = _pygments
pymdownx_highlight.highlight = cached_highlight


def on_config(config):
    global _whole_site
    _whole_site = not cache_file.one_language(config)
    return config


def on_startup(command, dirty):
    global _partial
    _partial = dirty
    _used.clear()


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages (-100)
def on_post_build(config):
    """A build of the whole site keeps only the blocks highlighted since ``mkdocs``
    started (under ``mkdocs serve``, across its rebuilds)."""
    if not (_whole_site and not _partial and _used):
        return
    folder = cache_dir()
    for other in folder.parent.glob("*"):
        if other != folder:
            shutil.rmtree(other, ignore_errors=True)
    for path in folder.glob("*.html"):
        if path not in _used:
            path.unlink(missing_ok=True)
