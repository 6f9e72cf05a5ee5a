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
import sys
from pathlib import Path

from pymdownx import highlight as pymdownx_highlight

import cache_file  # hooks/cache_file.py

_pygments = getattr(pymdownx_highlight.highlight, "uncached", pymdownx_highlight.highlight)
_uses = cache_file.Uses()  # the files read since mkdocs started


def cache_dir() -> Path:
    return cache_file.versioned_folder("HIGHLIGHT_CACHE_DIR", "highlight", ("Pygments", "pymdown-extensions"),
                                       Path(__file__))


def _options(thing) -> str:
    """A lexer or formatter: its class, the source of the module it comes from (a lexer
    may come from a plugin package, of any version), the options it was made with, and
    its other plain settings (pymdownx's formatter keeps its ``pymdownx-inline`` line
    numbers outside Pygments' options), the classes it holds (the style) by name."""
    kind = type(thing)
    filters = [type(f).__qualname__ for f in getattr(thing, "filters", [])]
    settings = sorted((name, f"{value.__module__}.{value.__qualname__}" if isinstance(value, type) else value)
                      for name, value in vars(thing).items()
                      if isinstance(value, (str, int, float, bool, type(None), type)))
    return repr((kind.__module__, kind.__qualname__, _source(kind.__module__), sorted(thing.options.items()),
                 settings, filters))


@functools.cache
def _source(module: str) -> str:
    """A hash of a module's source file, read once per process."""
    path = getattr(sys.modules.get(module), "__file__", None)
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16] if path else "-"


def cached_highlight(code, lexer, formatter, outfile=None):
    """pygments.highlight, looked up first (as pymdownx.highlight calls it: no outfile)."""
    if outfile is not None:
        return _pygments(code, lexer, formatter, outfile)
    key = hashlib.sha256("\0".join((code, _options(lexer), _options(formatter))).encode()).hexdigest()
    path = cache_dir() / f"{key[:32]}.html"
    _uses.used.add(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    html = _pygments(code, lexer, formatter)
    cache_file.write(path, html)
    return html


cached_highlight.uncached = _pygments
pymdownx_highlight.highlight = cached_highlight


# A build of the whole site keeps only the blocks highlighted since mkdocs started
# (under `mkdocs serve`, across its rebuilds).
on_config, on_startup, on_post_build = _uses.events(cache_dir, "*.html")
