"""The browser the browser tests share: Debian's Chromium driven by Playwright, the
built site served on 127.0.0.1, and a tab that records requests and console errors.

One module, imported by conftest.py, so that all browser test files use a single
browser (Playwright allows one sync instance per process).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from mdtools import DOCS, ROOT, english_pages

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CJK = re.compile(r"[\u4e00-\u9fff]")


def page_urls() -> list[str]:
    urls = []
    for page in english_pages():
        stem = page.relative_to(DOCS).with_suffix("").as_posix()
        folder = "" if stem == "index" else stem.removesuffix("/index") + "/"
        urls += [f"/{folder}", f"/zh/{folder}"]
    return urls


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = ("Chromium is not installed: `apt-get install chromium fonts-noto-cjk` "
                   "(Debian), then run the tests again")
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def origin(site):
    """The built site, served on 127.0.0.1 (port chosen by the system)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Visit:
    """One browser tab that records every request and every console error."""

    def __init__(self, browser, origin: str, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.origin = origin
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, url: str):
        self.page.goto(self.origin + url, wait_until="networkidle")
        self.page.wait_for_function("() => !document.querySelector('.arithmatex') || "
                                    "document.querySelector('.arithmatex .katex')")
        return self.page

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests
                if not url.startswith(self.origin + "/") and not url.startswith("data:")]

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, origin):
    visits = []

    def make(**context):
        visits.append(Visit(browser, origin, **context))
        return visits[-1]

    yield make
    for v in visits:
        v.close()
