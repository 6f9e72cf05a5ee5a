"""hooks/theme_files.py: the theme's files MkDocs copies are the same when the listing
skips the folders whose files MkDocs drops (Material's .icons/, locales/)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files

import theme_files  # hooks/theme_files.py

ROOT = Path(__file__).resolve().parent.parent


def _theme_files(config, env) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_the_theme_files_copied_are_those_of_the_full_listing(monkeypatch):
    monkeypatch.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"))
    patched = type(config.theme).get_env  # by the hook that load_config loaded
    assert hasattr(patched, "original"), "hooks/theme_files.py did not patch Theme.get_env"
    full = patched.original(config.theme)
    light = config.theme.get_env()
    assert len(full.loader.list_templates()) > 10_000 > len(light.loader.list_templates())  # .icons/ is skipped
    copied = _theme_files(config, light)
    assert copied == _theme_files(config, full)
    assert any(uri.startswith("assets/javascripts/bundle.") for uri, _ in copied)
    assert any(uri.startswith("assets/stylesheets/main.") for uri, _ in copied)


def test_the_patch_wraps_mkdocs_own_get_env():  # (that the hook is listed: tests/test_build.py)
    assert theme_files.get_env.original.__qualname__ == "Theme.get_env"  # not a wrapper of itself
