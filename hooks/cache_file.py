"""Writing a file under .cache/ that another build may be reading or writing at the same time.

Shared by the hooks that keep a cache or a trimmed copy of a vendor file
(math_typeset.py, jieba_cache.py, palette_switch.py, vendor_assets.py). Not a hook
itself; the hooks import it as they import error_box.py.
"""

from __future__ import annotations

import os
from pathlib import Path


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
