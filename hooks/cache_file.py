"""Writing a file under .cache/ that another build may be reading or writing at the same time.

Shared by the hooks that keep a cache or a trimmed copy of a vendor file
(math_typeset.py, jieba_cache.py, palette_switch.py, vendor_assets.py, and
figures.py and notebooks.py for package versions). Not a hook
itself; the hooks import it as they import error_box.py.
"""

from __future__ import annotations

import functools
import os
from importlib import metadata
from pathlib import Path


@functools.cache
def version(package: str) -> str:
    """An installed package's version, for a cache key. Read once per process:
    importlib.metadata parses the package's METADATA file at every call (about 6 ms
    each, and the figure keys asked for two versions per figure and language)."""
    return metadata.version(package)


def one_language(config) -> bool:
    """Whether this build makes one language only (``make serve LANG=zh``: the i18n
    plugin's ``build_only_locale``); a cache is then not pruned of the other's entries."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(i18n.config.get("build_only_locale"))


def write(path: Path, text: str, *, alone: bool = False) -> None:
    """Write ``text`` to ``path`` unless it already holds it, through a temporary file
    of this process, so that a build running beside this one (``make serve`` and
    ``make test``) never reads half a file nor replaces one half written. With
    ``alone``, the other files of ``path``'s suffix in its folder (the cache of another
    version) are removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if alone:
        for other in path.parent.glob(f"*{path.suffix}"):
            if other != path:
                other.unlink(missing_ok=True)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
