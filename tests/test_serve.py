"""`mkdocs serve` (what `make serve` runs) redraws a figure when its script changes."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


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


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"mkdocs serve: timed out waiting for {what}")


def test_serve_redraws_a_figure_when_its_script_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    url = f"http://127.0.0.1:{port}/figures/deep_linear_activations.svg"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=dict(os.environ),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        before = wait_for(lambda: fetch(url), 120, "the first build")
        script = project / "snippets" / "deep_linear_activations.py"
        script.write_text(script.read_text().replace("depth = 50 ", "depth = 20 "))
        after = wait_for(lambda: (svg := fetch(url)) and svg != before and svg, 120, "the redrawn figure")
        assert after.startswith(b"<?xml")
    finally:
        server.terminate()
        server.wait(timeout=30)
