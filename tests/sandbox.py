"""Throw-away copies of the project, and `mkdocs serve` running on one.

Used by the tests (faults, serve) and by .ci/bench.py, so that both work on the
same kind of copy and measure the same thing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = "deep_linear_activations"  # the figure whose script gets edited


def copy_project(dest: Path, caches: bool = True) -> Path:
    """A copy of what the build reads; the build caches come along unless caches=False
    (they are keyed by content, so whatever is changed in the copy is rebuilt)."""
    for name in ("docs", "snippets", "hooks", "overrides", "data"):
        shutil.copytree(ROOT / name, dest / name)
    if caches and (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", dest / ".cache")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def snippet_edit_shown_after(project: Path, env: dict | None = None, timeout: float = 180) -> float:
    """Start `mkdocs serve` on the copy, edit a figure script so that its figure
    changes, and return the seconds until the server sends the new figure."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/figures/{SNIPPET}.svg"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env or dict(os.environ),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while (before := fetch(url)) is None:
            if time.monotonic() > deadline:
                raise AssertionError("mkdocs serve: the first build never finished")
            time.sleep(0.2)
        script = project / "snippets" / f"{SNIPPET}.py"
        edited = script.read_text().replace("depth = 50 ", "depth = 49 ")
        assert edited != script.read_text(), f"snippets/{SNIPPET}.py no longer has 'depth = 50 '"
        script.write_text(edited)
        start = time.perf_counter()
        while time.monotonic() < deadline:
            after = fetch(url)
            if after and after != before and after.startswith(b"<?xml"):
                return time.perf_counter() - start
            time.sleep(0.1)
        raise AssertionError("mkdocs serve did not show the edited figure")
    finally:
        server.terminate()
        server.wait(timeout=30)
