"""Compiled page templates cached on disk: a warm build does not compile Material's templates.

MkDocs makes a new Jinja environment for every build, and mkdocs-static-i18n one for
each language, so Material's templates (base.html and its partials, about 27 files)
were compiled anew for each language of every build: about 1 s of a warm rebuild.
Jinja's own bytecode cache stores each compiled template in ``.cache/jinja/`` (or
``$JINJA_CACHE_DIR``), keyed by the template's name and a checksum of its source, so
an edited override is compiled again and nothing else is. The folder is named after
Jinja's version and the environment's extensions, which also shape the compiled code.
(Material's search plugin renders one partial in an environment of its own, which
this hook does not see; it stays uncached.)
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache

ROOT = Path(__file__).resolve().parent.parent


def on_env(env, config, files):
    shape = hashlib.sha256(repr((jinja2.__version__, sorted(env.extensions))).encode()).hexdigest()[:16]
    folder = Path(os.environ.get("JINJA_CACHE_DIR", ROOT / ".cache" / "jinja")) / shape
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
