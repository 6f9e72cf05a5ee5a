"""Fixtures shared by the tests: a built site, figure scripts, a project copy.

(The code-block collection lives in codeblocks_ext.py, a plugin loaded by pytest.ini.)
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from mdtools import ROOT, SNIPPETS
from browser import browser, origin, visit  # noqa: F401  (fixtures of the browser tests)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# --- 3. fixtures ------------------------------------------------------------------

def source_date_epoch() -> str:
    """The commit time the build stamps into the sitemap (see hooks/reproducible.py)."""
    stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    return os.environ.get("SOURCE_DATE_EPOCH", stamp or "0")


def mkdocs(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run MkDocs from this environment; output is captured for the assertions.

    Copies of the project are not git checkouts, so every build gets the same
    SOURCE_DATE_EPOCH explicitly. The Matplotlib settings the code-block tests use
    are not passed on: a build under pytest is the build a reader makes."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("MATPLOTLIBRC", "MPLBACKEND")}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        env={**inherited, "SOURCE_DATE_EPOCH": source_date_epoch(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built once per test session with ``mkdocs build --strict``."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs("build", "--strict", "--site-dir", str(out))
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return out


@pytest.fixture
def run_snippet(tmp_path, monkeypatch):
    """Run snippets/NAME.py in an empty directory and return its global variables."""
    import matplotlib.pyplot as plt

    def run(name: str) -> dict:
        monkeypatch.chdir(tmp_path)
        try:
            return runpy.run_path(str(SNIPPETS / f"{name}.py"), run_name="__main__")
        finally:
            plt.close("all")

    return run


@pytest.fixture(scope="session")
def initialization_explorer() -> dict:
    """The explorer's script as a module (not drawn), its normal numbers drawn once per
    (stream, count, seed): they do not depend on the setting."""
    import functools

    ns = runpy.run_path(str(SNIPPETS / "initialization_explorer.py"), run_name="initialization_explorer")
    ns["explore"].__globals__["gaussians"] = functools.cache(ns["gaussians"])
    return ns


SEEDS = range(6)  # a random experiment's stated number must hold for each of these


@pytest.fixture
def run_snippet_seeded(run_snippet, monkeypatch):
    """Run snippets/NAME.py with its generator seeded by ``seed`` instead of its own
    seed, so that a test checks a stated law over several draws, not one."""
    import numpy as np

    real = np.random.default_rng

    def run(name: str, seed: int) -> dict:
        monkeypatch.setattr(np.random, "default_rng", lambda *args, **kwargs: real(seed))
        try:
            return run_snippet(name)
        finally:
            monkeypatch.setattr(np.random, "default_rng", real)

    return run
