"""The theme's files listed without the folders MkDocs drops: Material's 13,000 icons are not walked.

At the start of every build (and of each language's build under mkdocs-static-i18n),
MkDocs lists every file of the theme through Jinja's loader to copy its assets
(``Files.add_files_from_theme``), then drops, by name, whatever lies in a folder whose
name starts with a dot and the top-level ``locales/``. Material keeps its icons in
``.icons/``: 13,000 of the 14,500 files listed, each walked and then matched against
MkDocs' patterns, about 0.3 s per listing. The site's icons reach the pages through
the Markdown extensions, which read ``.icons/`` themselves. This hook gives the
build's Jinja loader a listing that does not descend into those folders: the files it
lists that MkDocs keeps are the same (tests/test_build_caches.py compares the two).
"""

from __future__ import annotations

import os

from mkdocs.theme import Theme


def listing_without_dropped_folders(loader):
    """``loader.list_templates`` (jinja2.FileSystemLoader's), without descending into the
    folders whose files MkDocs drops by name (patterns ``.*``, ``*/.*``, ``locales/*``)."""

    def list_templates() -> list[str]:
        found = set()
        for searchpath in loader.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=loader.followlinks):
                top = dirpath == searchpath  # os.walk yields the top folder as given
                dirnames[:] = [name for name in dirnames
                               if not name.startswith(".") and not (top and name.lower() == "locales")]
                for filename in filenames:
                    template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep)
                    template = template.replace(os.path.sep, "/")
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)

    return list_templates


_get_env = getattr(Theme.get_env, "original", Theme.get_env)


def get_env(self):
    """Theme.get_env, its loader listing less (every build's theme, each language's)."""
    env = _get_env(self)
    if hasattr(env.loader, "searchpath") and hasattr(env.loader, "followlinks"):
        env.loader.list_templates = listing_without_dropped_folders(env.loader)
    return env


get_env.original = _get_env
Theme.get_env = get_env
