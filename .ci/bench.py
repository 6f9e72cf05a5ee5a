#!/usr/bin/env python3
"""The site's performance budget, measured (`make bench`).

Prints the cold build time (no caches), the warm rebuild time, how long
`mkdocs serve` takes to show an edited figure script (both languages, and one
language as `make serve LANG=zh` serves), how long each notebook takes to execute,
the total size of the site, and for every page of the built site (both languages,
found in the site, not listed here):
- the bytes a reader's browser downloads (HTML, CSS, JS, fonts, images), measured in
  headless Chromium: raw, and as transferred with gzip, the way GitHub Pages serves
  text (HTML, CSS, JS, JSON, SVG); fonts (WOFF2) are already compressed;
- Lighthouse (npm, exact version in .ci/lighthouse/package-lock.json, installed on
  first use) with its mobile defaults, against the same Chromium ($CHROME_PATH,
  headless, no sandbox), the site served with gzip: performance score, total
  blocking time, cumulative layout shift, each the median of $LIGHTHOUSE_RUNS runs
  (default 5) per page, as Lighthouse's variability guide advises;
- the same Lighthouse numbers for a plain Material page on the same host (one page of
  text, this site's theme settings, nothing of its own), for reference, and the
  host's CPU as Lighthouse measures it (benchmarkIndex; its 4x slowdown is meant for
  a host of 1500-2000 and it warns at 1000 or below: a slower host can miss budgets that a
  usual one meets);
- the initialization explorer (weight-initialization page, both languages): the time
  from a change of a control to the new chart on screen, with the CPU slowed 4x as
  Lighthouse slows it, for the slowest settings (100 layers, each activation).
Exits non-zero if a number is over its budget (the README's table), naming the page
and the number.

Work happens in a temporary copy of the project, so the project's own caches are
neither used nor disturbed.
"""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from sandbox import SNIPPET, copy_project, snippet_edit_shown_after  # noqa: E402
BUDGET = {"cold build (s)": 15.0, "warm rebuild (s)": 3.0, "notebook run (s)": 20.0,
          "serve, one language: edited snippet shown (s)": 2.0,
          "lecture page (bytes)": 250_000, "notebook page (bytes)": 350_000,
          "performance": 95, "total blocking time (ms)": 150, "cumulative layout shift": 0.01,
          "explorer update, CPU 4x slowed (ms)": 100}
LECTURE_PAGES = ["vanishing-exploding-gradients/", "weight-initialization/", "backpropagation-view/"]
CHROMIUM = os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM") or shutil.which("chromium") \
    or "/usr/bin/chromium"
LIGHTHOUSE_DIR = ROOT / ".ci" / "lighthouse"
SLOW_HOST = 1000  # Lighthouse warns at this benchmarkIndex or below (core/gather/driver/environment.js)
LIGHTHOUSE_RUNS = max(1, int(os.environ.get("LIGHTHOUSE_RUNS", "5")))  # per page; the median is judged
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
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


def serve_with_gzip(site: Path):
    """The built site over HTTP, text gzipped as GitHub Pages sends it, over connections
    kept open between requests (Pages serves HTTP/2, one connection for all requests;
    http.server's default, HTTP/1.0, opened a connection per request, and Lighthouse
    simulated a phone's set-up of each one). Returns the server."""
    import functools
    import http.server
    import threading

    class GzipHandler(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # every response has its Content-Length

        def log_message(self, *args):
            pass

        def send_head(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                if not self.path.split("?")[0].endswith("/"):
                    return super().send_head()  # redirect to the folder
                path = path / "index.html"
            content_type = self.guess_type(str(path))
            if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") \
                    or not content_type.startswith(COMPRESSED_BY_SERVER):
                return super().send_head()
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io
            return io.BytesIO(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def site_pages(site: Path) -> list[str]:
    """Every page of the built site (both languages), as paths below the site root."""
    pages = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))
    return [p.removeprefix("./") for p in pages]


def plain_material_site(where: Path) -> Path:
    """A site that is nothing but Material, for reference: one page of text (the
    README's English half, headings, tables and code), this site's theme settings
    (system fonts, both palettes, the same features) without its overrides, hooks,
    styles or scripts; search is the only plugin. Lighthouse on it shows what this host
    gives a plain Material page, the floor under every page of the site. Returns the
    built site."""
    project = where / "plain-material"
    (project / "docs").mkdir(parents=True)
    readme = (ROOT / "README.md").read_text("utf-8")
    (project / "docs" / "index.md").write_text(readme.split("\n## 中文说明")[0], "utf-8")
    lines = (ROOT / "mkdocs.yml").read_text("utf-8").splitlines()
    start = lines.index("theme:")
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "#"))
    theme = [line for line in lines[start:end] if not line.strip().startswith("custom_dir:")]
    (project / "mkdocs.yml").write_text("\n".join(["site_name: Plain Material", *theme, "plugins:", "  - search", ""]),
                                        "utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=project, env=ENV, check=True,
                   capture_output=True)
    return project / "site"


def lighthouse(site: Path, runs: int = LIGHTHOUSE_RUNS) -> dict[str, dict[str, float]]:
    """Lighthouse (mobile defaults) for every page: score, blocking time, layout shift,
    each the median of ``runs`` runs (Lighthouse's variability guide, docs/variability.md:
    one run is too noisy to judge; the median of five is twice as stable as one run). Each page's runs of
    blocking time are kept too, under "total blocking time, each run (ms)"."""
    import json

    npm = Path(sys.executable).with_name("npm")
    cli = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        subprocess.run([str(npm), "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                       cwd=LIGHTHOUSE_DIR, check=True)
    node = Path(sys.executable).with_name("node")
    server = serve_with_gzip(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    results = {}
    try:
        for page_path in site_pages(site):
            each, host_cpu = [], []
            for _ in range(runs):
                with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
                    run = subprocess.run(
                        [str(node), str(cli), origin + page_path, "--quiet", "--output=json", "--output-path=stdout",
                         "--only-categories=performance", f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}"],
                        env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
                if run.returncode != 0:
                    raise RuntimeError(f"Lighthouse failed on {page_path or '/'}:\n{run.stderr[-2000:]}")
                report = json.loads(run.stdout)
                audits = report["audits"]
                each.append({
                    "performance": round(100 * (report["categories"]["performance"]["score"] or 0)),
                    "total blocking time (ms)": audits["total-blocking-time"]["numericValue"],
                    "cumulative layout shift": audits["cumulative-layout-shift"]["numericValue"],
                    "first contentful paint (ms)": audits["first-contentful-paint"]["numericValue"],
                    "largest contentful paint (ms)": audits["largest-contentful-paint"]["numericValue"],
                })
                # Lighthouse's measure of this host's CPU: its 4x slowdown is meant for a
                # host of 1500-2000 (docs/throttling.md); it warns at 1000 or below
                host_cpu.append(report["environment"]["benchmarkIndex"])
            results[page_path or "/"] = {name: statistics.median(run[name] for run in each) for name in each[0]}
            results[page_path or "/"]["total blocking time, each run (ms)"] = \
                [run["total blocking time (ms)"] for run in each]
            results[page_path or "/"]["host CPU, each run"] = host_cpu
    finally:
        server.shutdown()
    return results


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
    pages = site_pages(site)
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


EXPLORER_CHANGES = [("depth", "100"), ("act", "tanh"), ("act", "sigmoid"), ("act", "linear"), ("act", "relu"),
                    ("init", "normal"), ("k", "1"), ("k", "-1"), ("init", "zeros"), ("init", "he")]


def explorer_update_times(site: Path) -> dict[str, float]:
    """The slowest change of a control to its chart on screen, per explorer page, CPU 4x slowed."""
    from playwright.sync_api import sync_playwright

    server = serve_with_gzip(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = [p for p in site_pages(site) if "init-explorer" in (site / p / "index.html").read_text("utf-8")]
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS.split()[1:])
        for page_path in pages:
            tab = browser.new_page(viewport={"width": 412, "height": 823})
            tab.goto(origin + page_path + "?act=relu&init=he&k=1&depth=50", wait_until="networkidle")
            tab.locator("#explorer").scroll_into_view_if_needed()  # a setting in the URL: drawn when near
            tab.wait_for_selector("figure canvas.ie-chart", state="attached", timeout=30000)
            cdp = tab.context.new_cdp_session(tab)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            times = [tab.evaluate("""async ([name, value]) => {
                const control = document.getElementById('ie-' + name);
                const chart = document.querySelector('figure canvas.ie-chart');
                const start = performance.now();
                control.value = value;
                control.dispatchEvent(new Event('input', {bubbles: true}));
                // the new chart is on screen once the frame that paints it has run:
                // a task queued from that frame's animation callbacks runs after its paint
                await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
                const ms = performance.now() - start;
                // the chart shows the new setting (k's slider holds log2 k)
                const shown = new URLSearchParams(chart.dataset.setting).get(name);
                const want = name === 'k' ? initExplorer.number(2 ** Number(value)) : value;
                if (shown !== want) throw new Error(`the chart shows ${name} = ${shown}, not ${want}`);
                return ms;
            }""", [name, value]) for name, value in EXPLORER_CHANGES]
            results[page_path] = max(times)
            print(f"  {page_path}: each change (ms): " + ", ".join(f"{name} {value} {ms:.0f}"
                                                          for (name, value), ms in zip(EXPLORER_CHANGES, times)))
            tab.close()
        browser.close()
    server.shutdown()
    return results


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # each line as it comes, also into a file
    over = []

    def report(name: str, value: float, unit: str = "s", budget_key: str | None = None) -> None:
        limit = BUDGET.get(budget_key or name)
        verdict = "" if limit is None else ("  ok" if value <= limit else f"  OVER the budget of {limit}")
        if limit is not None and value > limit:
            over.append(f"{name} = {value:.1f} (budget {limit})")
        print(f"{name:48s} {value:10.1f} {unit}{verdict}" if unit == "s" else f"{name:48s} {value:10,.0f} {unit}{verdict}")

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        project = copy_project(Path(tmp) / "project", caches=False)
        site = project / "site"
        report("cold build (s)", timed_build(project, site))
        report("warm rebuild (s)", timed_build(project, site))
        for name, seconds in notebook_times(project).items():
            report(f"notebook run: {name} (s)", seconds, budget_key="notebook run (s)")
        script = project / "snippets" / f"{SNIPPET}.py"
        original = script.read_text()
        report("serve, both languages: edited snippet shown (s)", snippet_edit_shown_after(project, ENV))
        script.write_text(original)
        report("serve, one language: edited snippet shown (s)",
               snippet_edit_shown_after(project, {**ENV, "SERVE_LANGUAGE": "zh"}))
        script.write_text(original)
        timed_build(project, site)  # the site as it is, after the serve runs edited a script
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        report("site size (bytes)", total, unit="bytes")
        if not Path(CHROMIUM).exists():
            print("per-page bytes and Lighthouse: skipped, Chromium is not installed (apt-get install chromium)")
            return 1
        notebooks = {p for p in site_pages(site) if "jupyter-wrapper" in (site / p / "index.html").read_text("utf-8")}
        print("\nbytes per page, first visit (raw by type; 'sent' = with gzip, as GitHub Pages serves)")
        print(f"{'page':36s} {'document':>9s} {'css':>8s} {'js':>8s} {'fonts':>8s} {'images':>8s} "
              f"{'other':>8s} {'raw':>10s} {'sent':>9s}")
        for page_path, sizes in page_bytes(site).items():
            sent = sizes.pop("transferred")
            raw = sum(sizes.values())
            verdict = ""
            kind = ("notebook page (bytes)" if page_path in notebooks else
                    "lecture page (bytes)" if any(page_path.endswith(p) for p in LECTURE_PAGES) else None)
            if kind:
                ok = sent <= BUDGET[kind]
                verdict = "  ok" if ok else f"  OVER the budget of {BUDGET[kind]:,}"
                over += [] if ok else [f"{page_path}: {sent:,} bytes sent (budget {BUDGET[kind]:,})"]
            print(f"{page_path:36s} {sizes.get('document', 0):9,d} {sizes.get('stylesheet', 0):8,d} "
                  f"{sizes.get('script', 0):8,d} {sizes.get('font', 0):8,d} {sizes.get('image', 0):8,d} "
                  f"{sizes.get('other', 0):8,d} {raw:10,d} {sent:9,d}{verdict}")
        print(f"\nLighthouse, mobile defaults (site served with gzip), median of {LIGHTHOUSE_RUNS} runs per page")
        print(f"{'page':36s} {'score':>6s} {'TBT ms':>7s} {'CLS':>6s} {'FCP ms':>7s} {'LCP ms':>7s}  TBT of each run")
        host_cpu = []

        def row(page_path: str, numbers: dict, verdict: str) -> None:
            host_cpu.extend(numbers["host CPU, each run"])
            print(f"{page_path:36s} {numbers['performance']:6.0f} {numbers['total blocking time (ms)']:7.0f} "
                  f"{numbers['cumulative layout shift']:6.3f} {numbers['first contentful paint (ms)']:7.0f} "
                  f"{numbers['largest contentful paint (ms)']:7.0f}  "
                  f"{' '.join(f'{ms:.0f}' for ms in numbers['total blocking time, each run (ms)']):16s}{verdict}")

        for page_path, numbers in lighthouse(site).items():
            misses = []
            for name in ("performance", "total blocking time (ms)", "cumulative layout shift"):
                value, limit = numbers[name], BUDGET[name]
                if (value < limit) if name == "performance" else (value > limit):
                    misses.append(f"{page_path}: {name} {value:g} (budget {limit})")
            over += misses
            row(page_path, numbers, "  OVER" if misses else "  ok")
        for numbers in lighthouse(plain_material_site(Path(tmp))).values():
            row("(plain Material page, for reference)", numbers, "  no budget")
        host = statistics.median(host_cpu)
        print(f"host CPU, Lighthouse's benchmarkIndex: median {host:.0f} "
              f"(runs {min(host_cpu):.0f}-{max(host_cpu):.0f}); its 4x CPU slowdown is meant for a host of 1500-2000")
        if host <= SLOW_HOST:
            print(f"  Lighthouse calls a host at {SLOW_HOST} or below slower than it expects: on this one its mobile "
                  "numbers (and the build's seconds) come out worse than the budgets were set for")
        print("\ninitialization explorer, slowest update (control changed to chart on screen), CPU 4x slowed")
        for page_path, ms in explorer_update_times(site).items():
            report(f"explorer update: {page_path} (ms)", ms, unit="ms",
                   budget_key="explorer update, CPU 4x slowed (ms)")
    print("\nwithin budget" if not over else "\nover budget:\n  " + "\n  ".join(over))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
