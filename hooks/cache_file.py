"""Writing a file under .cache/ that another build may be reading or writing at the same time.

Shared by the hooks that keep a cache or a trimmed copy of a vendor file
(math_typeset.py, jieba_cache.py, highlight_cache.py, search_cache.py,
palette_switch.py, vendor_assets.py, and figures.py and notebooks.py for package
versions), with what a build used of a cache (``Uses``). Not a hook
itself; the hooks import it as they import error_box.py.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from importlib import metadata
from pathlib import Path


@functools.cache
def version(package: str) -> str:
    """An installed package's version, for a cache key. Read once per process:
    importlib.metadata parses the package's METADATA file at every call (about 6 ms
    each, and the figure keys asked for two versions per figure and language). So a
    running `mkdocs serve` does not see a package upgraded under it: restart it."""
    return metadata.version(package)


def one_language(config) -> bool:
    """Whether this build makes one language only (``make serve LANG=zh``: the i18n
    plugin's ``build_only_locale``); a cache is then not pruned of the other's entries."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and bool(i18n.config.get("build_only_locale"))


ROOT = Path(__file__).resolve().parent.parent


def versioned_folder(variable: str, name: str, packages: tuple[str, ...], code: Path, *more: str) -> Path:
    """A cache's folder: in ``.cache/NAME`` (or ``$VARIABLE``), the folder named after
    the versions of ``packages``, the hook's own ``code`` and ``more``, read once per
    process. (Give each cache a root of its own: pruning removes the other folders.)"""
    return _versioned_folder(os.environ.get(variable, str(ROOT / ".cache" / name)), packages, code, more)


@functools.cache
def _versioned_folder(root: str, packages: tuple[str, ...], code: Path, more: tuple[str, ...]) -> Path:
    shape = repr(([version(package) for package in packages], code.read_bytes(), more))
    return Path(root) / hashlib.sha256(shape.encode()).hexdigest()[:16]


class Uses:
    """What a build read from a cache (files, or keys), and whether it may remove the
    rest: only a build of the whole site may, not a ``--dirty`` one (``on_startup``)
    nor one of one language only (``on_config``). Under ``mkdocs serve`` the uses add up
    across rebuilds, from the start of ``mkdocs``."""

    def __init__(self) -> None:
        self.used: set = set()
        self.whole_site = True
        self.partial = False

    def on_config(self, config) -> None:
        self.whole_site = not one_language(config)

    def on_startup(self, dirty: bool) -> None:
        self.partial = dirty
        self.used.clear()

    @property
    def may_prune(self) -> bool:
        return self.whole_site and not self.partial

    def events(self, folder, pattern: str) -> tuple:
        """A cache hook's ``on_config``, ``on_startup`` and ``on_post_build``: the last
        prunes ``folder()`` of the ``pattern`` files not used, once mkdocs-static-i18n
        has built the other languages inside the first one's post-build (-100)."""
        from mkdocs.plugins import event_priority

        def on_config(config):
            self.on_config(config)
            return config

        def on_startup(command, dirty):
            self.on_startup(dirty)

        @event_priority(-200)
        def on_post_build(config):
            self.prune(folder(), pattern)

        return on_config, on_startup, on_post_build

    def prune(self, folder: Path, pattern: str) -> None:
        """Remove the files of ``folder`` matching ``pattern`` that were not used, and
        the other folders beside it (the caches of other versions)."""
        if not (self.may_prune and self.used):
            return
        for other in folder.parent.glob("?" * 16):  # named as versioned_folder names them
            if other != folder and other.is_dir() and all(c in "0123456789abcdef" for c in other.name):
                shutil.rmtree(other, ignore_errors=True)
        for path in folder.glob(pattern):
            if path not in self.used:
                path.unlink(missing_ok=True)


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
