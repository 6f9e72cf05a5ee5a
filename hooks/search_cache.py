"""The search index's entries for a page, cached: a warm build does not parse unchanged pages again.

Material's search plugin parses every page's HTML (``SearchIndex.add_entry_from_context``)
to cut it into sections, each an entry of the index: about 0.05 s a page, 0.35 s of a
`make serve LANG=zh` rebuild and more of a whole build, for pages that did not change.
A page's entries depend only on what the plugin reads: the page's content (as
hooks/search_weight.py hands it over, without the blocks not indexed), its URL,
title, table of contents and front matter (title, tags, search), and jieba's
segmentation of Chinese (its dictionaries), itself cached by hooks/jieba_cache.py. So this hook wraps that
method: the entries are kept in ``.cache/search/`` (or ``$SEARCH_CACHE_DIR``), one
file per page, named by a hash of all of these, in a folder named after the versions
of Python, Material, jieba, backrefs and this file. The Chinese text a cached page had cut is reported
to jieba_cache.py as used (through the jieba object both hand to the plugin), so that
its cache keeps those cuts. The index is byte for byte what the plugin makes. A build
of the whole site (not ``--dirty``, not one language only) removes the files it did
not use, and the folders of other versions.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from material.plugins.search import plugin as search_plugin

import cache_file  # hooks/cache_file.py

_parse = getattr(search_plugin.SearchIndex.add_entry_from_context, "uncached",
                 search_plugin.SearchIndex.add_entry_from_context)
_uses = cache_file.Uses()  # the files read since mkdocs started


def cache_dir() -> Path:
    # backrefs: the plugin's pattern for Han characters; Python: its HTML parser
    return cache_file.versioned_folder("SEARCH_CACHE_DIR", "search", ("mkdocs-material", "jieba", "backrefs"),
                                       Path(__file__), sys.version)


def _toc(items) -> list:
    """What the plugin takes from the table of contents: each heading's id and URL."""
    return [[item.id, item.url, _toc(item.children)] for item in items]


def key(page) -> str:
    meta = {name: page.meta.get(name) for name in ("title", "tags", "search")}
    jieba = search_plugin.jieba
    dictionaries = getattr(jieba, "dictionaries", None)  # hooks/jieba_cache.py's: its dictionaries' hash
    read = [page.content or "", page.url, str(page.title), _toc(page.toc), meta, jieba is not None,
            dictionaries() if dictionaries else None]
    return hashlib.sha256(json.dumps(read, default=str, ensure_ascii=False).encode()).hexdigest()[:32]


class _Recording:
    """The plugin's jieba, noting the text it cuts."""

    def __init__(self, jieba):
        self.jieba, self.texts = jieba, []

    def __getattr__(self, name):
        return getattr(self.jieba, name)

    def cut(self, sentence, *args, **kwargs):
        self.texts.append(sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence)
        return self.jieba.cut(sentence, *args, **kwargs)


def cached_add_entry(self, page):
    """SearchIndex.add_entry_from_context, looked up first."""
    path = cache_dir() / f"{key(page)}.json"
    _uses.used.add(path)
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        stored = None
    jieba = search_plugin.jieba
    if stored is not None:
        self.entries.extend(stored["entries"])
        if stored["cut"] and hasattr(jieba, "mark_used"):  # hooks/jieba_cache.py's jieba
            jieba.mark_used(stored["cut"])
        return
    first = len(self.entries)
    recording = search_plugin.jieba = _Recording(jieba) if jieba is not None else None
    try:
        _parse(self, page)
    finally:
        search_plugin.jieba = jieba
    stored = {"entries": self.entries[first:], "cut": recording.texts if recording else []}
    cache_file.write(path, json.dumps(stored, default=str, ensure_ascii=False, separators=(",", ":")))


cached_add_entry.uncached = _parse
search_plugin.SearchIndex.add_entry_from_context = cached_add_entry


# A build of the whole site keeps only the pages' entries read since mkdocs started
# (under `mkdocs serve`, across its rebuilds).
on_config, on_startup, on_post_build = _uses.events(cache_dir, "*.json")
