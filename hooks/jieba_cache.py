"""Chinese word segmentation for the search index, cached: a warm build loads no jieba model.

Material's search plugin cuts every run of Han characters into words with jieba
(``jieba.cut``) so that Chinese can be searched word by word. It does so on every
build and every ``mkdocs serve`` rebuild: loading jieba's model (about 1 s) and
cutting the site's Chinese (about 1 s) was a third of a warm rebuild. A cut depends
only on the text, jieba's version and its dictionaries, so this hook hands the plugin
a jieba whose ``cut`` remembers its results, in ``.cache/jieba/`` (or
``$JIEBA_CACHE_DIR``), in a file named after jieba's version and dictionaries (the
file of another version or dictionary set is removed). jieba's model is loaded only
when some text is new; the index is byte for byte the same. The file is written
whole (hooks/cache_file.py), even with another build running.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

import jieba
from material.plugins.search import plugin as search_plugin
from mkdocs.plugins import event_priority

import cache_file  # hooks/cache_file.py

ROOT = Path(__file__).resolve().parent.parent

_cache: dict[str, list[str]] = {}
_uses = cache_file.Uses()  # the text cut (or looked up) since mkdocs started
_cache_file: Path | None = None
_dirty = False


class CachedJieba:
    """jieba as Material's search plugin uses it, with ``cut`` looked up first."""

    def __getattr__(self, name):
        return getattr(jieba, name)

    @staticmethod
    def cut(sentence, *args, **kwargs):
        global _dirty
        if args or kwargs:  # not how the plugin calls it: no caching
            return jieba.cut(sentence, *args, **kwargs)
        text = sentence.decode("utf-8") if isinstance(sentence, bytes) else sentence
        if text not in _cache:
            _cache[text] = list(jieba.cut(text))
            _dirty = True
        _uses.used.add(text)
        return iter(_cache[text])

    @staticmethod
    def dictionaries() -> str:
        """The name of the cache file: jieba's version and dictionaries (for hooks/search_cache.py's key)."""
        return _cache_file.name if _cache_file is not None else "-"

    @staticmethod
    def mark_used(texts) -> None:
        """Text whose cut a page's cached search entries hold (hooks/search_cache.py):
        kept in the cache, as if it had been cut."""
        _uses.used.update(text for text in texts if text in _cache)


def _cache_file_for(search_config) -> Path:
    """One file per jieba version and dictionaries (``jieba_dict``, ``jieba_dict_user``)."""
    digest = hashlib.sha256(jieba.__version__.encode())
    for option in ("jieba_dict", "jieba_dict_user"):
        path = search_config.get(option)
        digest.update(Path(path).read_bytes() if path and os.path.isfile(path) else b"-")
    folder = Path(os.environ.get("JIEBA_CACHE_DIR", ROOT / ".cache" / "jieba"))
    return folder / f"{digest.hexdigest()[:16]}.json"


def on_config(config):
    global _cache, _cache_file
    _uses.on_config(config)
    search = config.plugins.get("material/search")
    if search is None:
        return config
    search_plugin.jieba = CachedJieba()
    wanted = _cache_file_for(search.config)
    if wanted != _cache_file:
        _cache_file = wanted
        _cache = json.loads(wanted.read_text(encoding="utf-8")) if wanted.is_file() else {}
        _uses.used.clear()  # text used with the previous file's cuts
    return config


def on_pre_build(config):
    """Nothing cut yet (a cold build): jieba's model is loaded in the background, while
    the build waits for figures and the notebook, rather than when the index needs it."""
    if _cache_file is not None and not _cache and not jieba.dt.initialized:
        threading.Thread(target=jieba.initialize, daemon=True).start()


def on_startup(command, dirty):
    _uses.on_startup(dirty)


@event_priority(-200)  # after mkdocs-static-i18n has built the other languages (-100)
def on_post_build(config):
    """Write the cache when it gained text. A build of the whole site keeps only the
    text cut since ``mkdocs`` started; a one-language build (``make serve LANG=zh``)
    or a ``--dirty`` one keeps the text of the pages it did not build too.

    mkdocs-static-i18n builds each other language inside the first one's
    ``on_post_build``, and this event runs at the end of each of those builds too, so
    the text used is collected across all of them (and across ``mkdocs serve``
    rebuilds); the last write holds the whole site's.
    """
    global _dirty
    prune = _uses.may_prune
    if _cache_file is None or not (_dirty or (prune and set(_cache) - _uses.used)):
        return
    kept = {text: _cache[text] for text in sorted(_uses.used & set(_cache) if prune else _cache)}
    # alone: the file of other jieba versions or dictionaries goes
    cache_file.write(_cache_file, json.dumps(kept, ensure_ascii=False, separators=(",", ":")), alone=True)
    _dirty = False
