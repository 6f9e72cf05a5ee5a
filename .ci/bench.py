#!/usr/bin/env python3
"""The site's performance budget, measured (`make bench`).

Prints the cold build time (no caches), the warm rebuild time, how long
`mkdocs serve` takes to show an edited figure script, how long each notebook takes
to execute, the total size of the site, and for every page the bytes a reader's
browser downloads (HTML, CSS, JS, fonts, images), measured in headless Chromium:
raw, and as transferred with gzip, the way GitHub Pages serves text (HTML, CSS,
JS, JSON, SVG); fonts (WOFF2) and PNGs are already compressed and count as they
are. The per-page budget applies to the transferred bytes.
Exits non-zero if a number is over the budget written in the README.

Work happens in a temporary copy of the project, so the project's own caches are
neither used nor disturbed.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from sandbox import copy_project, snippet_edit_shown_after  # noqa: E402
BUDGET = {"cold build (s)": 30.0, "warm rebuild (s)": 5.0, "notebook run (s)": 20.0,
          "lecture page (bytes)": 1_000_000}
LECTURE_PAGES = ["vanishing-exploding-gradients/", "weight-initialization/", "backpropagation-view/"]
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ENV = {k: v for k, v in os.environ.items() if k not in ("MATPLOTLIBRC", "MPLBACKEND")}
ENV.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=ENV.get("SOURCE_DATE_EPOCH", "0"))


def timed_build(project: Path, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=project, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - start


def notebook_times(project: Path) -> dict[str, float]:
    import jupytext
    from nbclient import NotebookClient

    times = {}
    for path in sorted((project / "docs").rglob("*.md")):
        notebook = jupytext.read(path)
        if not notebook.metadata.get("kernelspec"):
            continue
        start = time.perf_counter()
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        times[path.name] = time.perf_counter() - start
    return times


COMPRESSED_BY_SERVER = ("text/", "application/javascript", "application/json", "image/svg+xml")


def transferred(body: bytes, content_type: str) -> int:
    """Bytes on the wire when the server gzips text, as GitHub Pages does."""
    if content_type.startswith(COMPRESSED_BY_SERVER):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


def page_bytes(site: Path) -> dict[str, dict[str, int]]:
    """Bytes downloaded per page and resource type (raw, and 'transferred' with gzip)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))
    pages = [p.removeprefix("./") for p in pages]
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        for page_path in pages:
            context = browser.new_context()  # empty cache: a first visit
            responses = []
            context.on("response", lambda response: responses.append(response))  # page and workers
            tab = context.new_page()
            tab.goto(origin + page_path, wait_until="networkidle")
            tab.wait_for_timeout(500)
            sizes: dict[str, int] = defaultdict(int)
            for response in responses:
                if response.url.startswith(origin) and response.ok:
                    kind = response.request.resource_type
                    body = response.body()
                    sizes[kind if kind in ("document", "stylesheet", "script", "font", "image") else "other"] \
                        += len(body)
                    sizes["transferred"] += transferred(body, response.headers.get("content-type", ""))
            context.close()
            results[page_path or "/"] = dict(sizes)
        browser.close()
    server.shutdown()
    return results


def main() -> int:
    over = []

    def report(name: str, value: float, unit: str = "s", budget_key: str | None = None) -> None:
        limit = BUDGET.get(budget_key or name)
        verdict = "" if limit is None else ("  ok" if value <= limit else f"  OVER the budget of {limit}")
        if limit is not None and value > limit:
            over.append(name)
        print(f"{name:38s} {value:10.1f} {unit}{verdict}" if unit == "s" else f"{name:38s} {value:10,.0f} {unit}{verdict}")

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        project = copy_project(Path(tmp) / "project", caches=False)
        site = project / "site"
        report("cold build (s)", timed_build(project, site))
        report("warm rebuild (s)", timed_build(project, site))
        for name, seconds in notebook_times(project).items():
            report(f"notebook run: {name} (s)", seconds, budget_key="notebook run (s)")
        report("serve: edited snippet shown (s)", snippet_edit_shown_after(project, ENV))
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        report("site size (bytes)", total, unit="bytes")
        if not Path(CHROMIUM).exists():
            print("per-page bytes: skipped, Chromium is not installed (apt-get install chromium)")
            return 1 if over else 0
        print("\nbytes per page, first visit (raw by type; 'sent' = with gzip, as GitHub Pages serves)")
        print(f"{'page':36s} {'document':>9s} {'css':>8s} {'js':>8s} {'fonts':>8s} {'images':>8s} "
              f"{'other':>8s} {'raw':>10s} {'sent':>9s}")
        for page_path, sizes in page_bytes(site).items():
            sent = sizes.pop("transferred")
            raw = sum(sizes.values())
            verdict = ""
            if any(page_path.endswith(p) for p in LECTURE_PAGES):
                ok = sent <= BUDGET["lecture page (bytes)"]
                verdict = "  ok" if ok else "  OVER 1 MB"
                over += [] if ok else [page_path]
            print(f"{page_path:36s} {sizes.get('document', 0):9,d} {sizes.get('stylesheet', 0):8,d} "
                  f"{sizes.get('script', 0):8,d} {sizes.get('font', 0):8,d} {sizes.get('image', 0):8,d} "
                  f"{sizes.get('other', 0):8,d} {raw:10,d} {sent:9,d}{verdict}")
    print("\nwithin budget" if not over else f"\nover budget: {', '.join(over)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
