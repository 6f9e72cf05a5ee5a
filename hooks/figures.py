"""Draw every figure at build time, from the script in snippets/ that the page shows.

A page refers to a figure by the path ``figures/NAME.svg`` and shows its code with
``--8<-- "NAME.py"``. For every figure a page refers to, this hook runs
``snippets/NAME.py`` as ``python NAME.py`` would, inside an empty directory, with the
project's ``snippets/matplotlibrc`` and ``SOURCE_DATE_EPOCH`` set (so the SVG is
byte-identical from one build to the next), and adds the ``NAME.svg`` the script
writes to the site as ``figures/NAME.svg``.

Each script runs in a process of its own, forked from one that has imported NumPy
and Matplotlib and done nothing else (hooks/figure_forks.py): the same start as a
fresh interpreter, without paying 0.9 s of CPU per figure for it. Under ``mkdocs
serve`` those processes stay up between rebuilds, so an edited script is drawn at
once. The tests run every script in a fresh interpreter (``run_snippet``) and check
that it draws the very SVG the build put on the site.

Results are cached in ``.cache/figures/`` (or ``$FIGURE_CACHE_DIR``), keyed by the
content of the script, of matplotlibrc, of this file and by the versions of Python,
NumPy and Matplotlib: an unchanged figure is not redrawn, an edited one is (also
under ``mkdocs serve``, which watches snippets/).

A script that raises, or that does not write ``NAME.svg``, fails the build with a
message that names the script and the pages that use it.

Each figure also gets a dark version, ``figures/NAME.dark.svg``, for Material's
dark palette: the same drawing with its colours mapped for a dark background
(``dark_svg``: white becomes the page's dark grey, black becomes light text, data
colours keep their hue and get lighter so they keep their contrast). The page shows
one or the other with Material's ``#only-light`` / ``#only-dark`` images; both load
lazily, so the hidden one is not downloaded. The scripts know nothing of it.
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import cache_file  # hooks/cache_file.py
import error_box  # hooks/error_box.py

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
MATPLOTLIBRC = SNIPPETS / "matplotlibrc"
FIGURE_REF = re.compile(r"figures/([A-Za-z0-9_-]+)\.svg")
TIMEOUT_S = 300


def cache_dir() -> Path:
    return Path(os.environ.get("FIGURE_CACHE_DIR", ROOT / ".cache" / "figures"))


def snippet_env() -> dict[str, str]:
    """The environment a figure script runs in (shared with the tests)."""
    env = dict(os.environ)
    env.update(
        MPLBACKEND="Agg",
        MATPLOTLIBRC=str(MATPLOTLIBRC),
        SOURCE_DATE_EPOCH="0",
        PYTHONHASHSEED="0",
        OPENBLAS_NUM_THREADS="1",  # scripts run side by side (and beside the notebook)
    )
    return env


def run_snippet(script: Path, workdir: Path) -> subprocess.CompletedProcess:
    """Run one script the way a reader would (``python NAME.py``), in ``workdir``."""
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=workdir,
        env=snippet_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )


class Forks:
    """One hooks/figure_forks.py process: runs a script in a child forked from it."""

    PROGRAM = Path(__file__).with_name("figure_forks.py")

    def __init__(self):
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen([sys.executable, str(self.PROGRAM)], cwd=SNIPPETS, env=snippet_env(),
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors)
        self.buffer = b""

    def _line(self, timeout: float) -> str | None:
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.process.stdout], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                self.errors.seek(0)
                raise PluginError(f"hooks/figure_forks.py stopped:\n{self.errors.read().decode(errors='replace')}")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def run(self, script: Path, workdir: Path) -> subprocess.CompletedProcess:
        """What ``run_snippet`` returns, for a run in a forked child."""
        self.process.stdin.write(f"{script}\t{workdir}\n".encode())
        self.process.stdin.flush()
        pid = self._line(TIMEOUT_S)
        if pid is None:
            raise PluginError(f"hooks/figure_forks.py did not start snippets/{script.name} within {TIMEOUT_S} s")
        pid = int(pid)
        status = self._line(TIMEOUT_S)
        if status is None:  # as subprocess.run's timeout: the script is stopped
            os.kill(pid, signal.SIGKILL)
            status = self._line(TIMEOUT_S)
            (workdir / ".stderr").open("a").write(f"\nstopped after {TIMEOUT_S} s")
        output = {name: (workdir / f".{name}").read_text(encoding="utf-8", errors="replace")
                  for name in ("stdout", "stderr")}
        for name in output:
            (workdir / f".{name}").unlink()
        return subprocess.CompletedProcess([sys.executable, str(script)], int(status), **output)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()
        self.errors.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self.errors.close()


_forks: queue.SimpleQueue = queue.SimpleQueue()  # idle Forks processes
_forks_key = ""  # what they were started with (matplotlibrc, their program)


def _forks_current() -> None:
    """Stop the idle Forks processes if matplotlibrc (read at their start) has changed."""
    global _forks_key
    key = hashlib.sha256(MATPLOTLIBRC.read_bytes() + Forks.PROGRAM.read_bytes()).hexdigest()
    if key != _forks_key:
        close_forks()
        _forks_key = key


def forks_ready(count: int) -> None:
    """Start Forks processes up to ``count`` idle ones (they import NumPy side by side)."""
    _forks_current()
    for _ in range(count - _forks.qsize()):
        _forks.put(Forks())


def close_forks() -> None:
    while not _forks.empty():
        _forks.get().close()


def run_forked(script: Path, workdir: Path) -> subprocess.CompletedProcess:
    _forks_current()
    try:
        forks = _forks.get_nowait()
    except queue.Empty:
        forks = Forks()
    try:
        result = forks.run(script, workdir)
    except BaseException:
        forks.kill()  # not reused: its state is unknown
        raise
    _forks.put(forks)
    return result


def cache_key(script: Path) -> str:
    digest = hashlib.sha256()
    for path in (script, MATPLOTLIBRC, Path(__file__), Forks.PROGRAM):
        digest.update(path.read_bytes())
    for dist in ("numpy", "matplotlib"):
        digest.update(f"{dist}=={cache_file.version(dist)}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def cached_svg(name: str) -> Path:
    """Where the cache keeps ``figures/NAME.svg`` for the script as it is now."""
    return cache_dir() / name / cache_key(SNIPPETS / f"{name}.py") / "figures" / f"{name}.svg"


def is_cached(name: str) -> bool:
    target = cached_svg(name)
    return target.is_file() and target.with_suffix(".dark.svg").is_file()


def render(name: str, users: list[str] | None = None) -> Path:
    """Return the cache folder that holds ``figures/NAME.svg``, drawing it if needed."""
    script = SNIPPETS / f"{name}.py"
    used_by = f" (used by {', '.join(users)})" if users else ""
    if not script.is_file():
        raise PluginError(f"Figure 'figures/{name}.svg'{used_by}: no script snippets/{name}.py")
    target = cached_svg(name)
    folder = target.parent.parent
    if is_cached(name):
        return folder
    with tempfile.TemporaryDirectory(prefix=f"figure-{name}-") as tmp:
        result = run_forked(script, Path(tmp))
        produced = Path(tmp) / f"{name}.svg"
        if result.returncode != 0:
            raise PluginError(
                f"Figure script snippets/{name}.py{used_by} failed "
                f"(exit {result.returncode}):\n{result.stderr.strip()[-3000:]}"
            )
        if not produced.is_file():
            raise PluginError(f"Figure script snippets/{name}.py{used_by} ran but wrote no {name}.svg")
        # Both versions are written aside, then put in place whole; stale versions go.
        staging = cache_dir() / f".{name}-{folder.name}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "figures").mkdir(parents=True)
        shutil.copyfile(produced, staging / "figures" / target.name)
        (staging / "figures" / f"{name}.dark.svg").write_bytes(dark_svg(produced.read_bytes()))
        shutil.rmtree(cache_dir() / name, ignore_errors=True)
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(staging, folder)
        except OSError:  # another build (make serve beside make test) put it there first
            shutil.rmtree(staging, ignore_errors=True)
            if not is_cached(name):
                raise
    return folder


def figures_used(files: Files) -> dict[str, list[str]]:
    """Map each figure name to the pages (source paths) that refer to it, in the
    order the pages are built."""
    used: dict[str, list[str]] = {}
    for file in files.documentation_pages():
        if not file.src_uri.endswith(".md"):
            continue
        for name in FIGURE_REF.findall(file.content_string):
            used.setdefault(name, []).append(file.src_uri)
    return used


_drawing: dict = {}  # figure name -> the Future of its drawing
_files: dict[str, list[File]] = {}  # figure name -> its two files (light and dark palette)


def _cores_free() -> int:
    """Cores left for drawing. A notebook run started by hooks/notebooks.py (in
    pre_build, which MkDocs runs before this hook's files event) keeps a kernel busy on
    one core until it ends; a third process on two cores slowed that run, the longest
    part of a cold build, by about a second. Counted once per build: a core freed by a
    notebook that ends first is not taken up again."""
    running = sum(thread.name.startswith(NOTEBOOK_RUN_THREAD) for thread in threading.enumerate())
    return max(1, (os.cpu_count() or 2) - running)


NOTEBOOK_RUN_THREAD = "notebook-run"  # the name hooks/notebooks.py gives its threads


def on_files(files: Files, config) -> Files:
    used = figures_used(files)
    missing = [name for name in used if (SNIPPETS / f"{name}.py").is_file() and not is_cached(name)]
    workers = min(len(missing), _cores_free())
    if workers or error_box.SERVING:  # serving: one waits for the first edited script
        forks_ready(max(workers, 1))
    # Missing figures are drawn in parallel, each in a process of its own. The build goes
    # on meanwhile, through the Markdown of every page; it waits for all of them before
    # it writes the pages (on_env), whose <img> tags then get the figures' sizes
    # (on_post_page). Under `mkdocs serve`, an edited script is drawn while the pages
    # are converted, and a failed figure gets a stand-in folder, its files pointed there.
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    _drawing.update({name: pool.submit(_render_or_report, name, users) for name, users in used.items()})
    pool.shutdown(wait=False)
    _files.clear()
    for name in sorted(used):
        if (SNIPPETS / f"{name}.py").is_file():
            folder = cached_svg(name).parent.parent  # where render() puts them
        elif error_box.SERVING:
            folder = stand_in(name)  # what _render_or_report puts there
        else:
            continue  # the build fails, naming the script, in on_env
        for variant in (f"{name}.svg", f"{name}.dark.svg"):
            file = File(f"figures/{variant}", src_dir=str(folder), dest_dir=config["site_dir"],
                        use_directory_urls=config["use_directory_urls"])
            _files.setdefault(name, []).append(file)
            files.append(file)
    return files


def _drawn(names) -> None:
    """Wait for the figures ``names`` (re-raising a failed script's error), and take their sizes."""
    for name in names:
        future = _drawing.pop(name, None)
        if future is not None:
            folder = future.result()
            _sizes[name] = svg_size(folder / "figures" / f"{name}.svg")
            for file in _files.get(name, ()):
                if file.src_dir != str(folder):  # a failed script's stand-in (mkdocs serve)
                    file.src_dir, file.abs_src_path = str(folder), str(folder / file.src_uri)


def on_env(env, config, files):
    try:
        _drawn(list(_drawing))
    finally:
        _stop_drawing()
    return env


def on_build_error(error):
    _stop_drawing()


def _stop_drawing() -> None:
    """Wait for the drawings still running (a failure is the build's error already),
    then stop the Forks processes, except under `mkdocs serve`."""
    while _drawing:
        _drawing.popitem()[1].exception()
    if not error_box.SERVING:
        close_forks()


# --- Reserved sizes and serve-time error boxes -------------------------------------
# Every figure <img> gets the width and height of its SVG, so the page keeps the
# figure's place while it loads (no layout shift), and loads lazily. Under `mkdocs serve`, a script
# that fails shows an error box in place of its figure (and in the terminal), and
# the rest of the site keeps serving; `mkdocs build` still fails, naming the script.

FIGURE_IMG = re.compile(r'<img\b([^>]*?)\bsrc="((?:[^"]*/)?figures/([A-Za-z0-9_-]+)\.svg)"([^>]*)>')
SVG_SIZE = re.compile(rb'<svg\b[^>]*?\bwidth="([\d.]+)pt" height="([\d.]+)pt"')
_sizes: dict[str, tuple[int, int]] = {}  # figure name -> (width, height) in CSS px
_failed: dict[str, str] = {}  # figure name -> error message (mkdocs serve only)


def svg_size(path: Path) -> tuple[int, int]:
    """Matplotlib writes the size in pt; 1 pt = 4/3 CSS px."""
    match = SVG_SIZE.search(path.read_bytes()[:2000])
    if match is None:
        raise PluginError(f"{path.name}: no width and height in pt on its <svg> element")
    return tuple(round(float(value) * 4 / 3) for value in match.groups())


def stand_in(name: str) -> Path:
    """The folder of a failed figure's stand-in files (mkdocs serve)."""
    return cache_dir().parent / "figure-errors" / name


def _render_or_report(name: str, users: list[str]) -> Path:
    failed_before = _failed.pop(name, None) is not None
    try:
        folder = render(name, users)
        if failed_before:  # newer than the stand-in a `serve --dirty` copied: copied again
            for variant in (f"{name}.svg", f"{name}.dark.svg"):
                os.utime(folder / "figures" / variant)
        return folder
    except PluginError as error:
        if not error_box.SERVING:
            raise
        title, _, detail = str(error).partition("\n")
        _failed[name] = error_box.report(title, detail or title)
        # a stand-in file, so that the page's link to the figure stays valid
        folder = stand_in(name)
        (folder / "figures").mkdir(parents=True, exist_ok=True)
        for variant in (f"{name}.svg", f"{name}.dark.svg"):
            (folder / "figures" / variant).write_text(
                '<svg xmlns="http://www.w3.org/2000/svg" width="8pt" height="8pt"/>', encoding="utf-8")
        return folder


def _sized_or_error(match: re.Match) -> str:
    before, src, name, after = match.groups()
    if name in _failed:
        return _failed[name]
    if name not in _sizes or " width=" in f" {before}{after}":
        return match.group(0)
    width, height = _sizes[name]
    # below the first screen (most figures), the browser fetches a figure when it nears the screen;
    # the variant for the other palette is hidden (display: none) and so never fetched
    dark = src[: -len(".svg")] + ".dark.svg"
    return "".join(f'<img{before}src="{url}" width="{width}" height="{height}" loading="lazy" '
                   f'decoding="async"{after}>' for url in (f"{src}#only-light", f"{dark}#only-dark"))


def on_post_page(output: str, page, config) -> str:
    """The page as written, its figures sized (on_env has waited for every drawing)."""
    return FIGURE_IMG.sub(_sized_or_error, output)


# --- Dark palette ------------------------------------------------------------------
# Material's dark palette ("slate") has a background of hsl(232, 15%, 14%) and text
# of about 90 % lightness. Greys (black, white, the grid) are mapped onto that range,
# inverted; coloured strokes keep their hue and saturation and get lighter, so that
# they stand out from the dark background as they do from white.

HEX = re.compile(rb"#([0-9a-fA-F]{6})\b")
SLATE_HUE, SLATE_SATURATION, BACKGROUND, TEXT = 232 / 360, 0.15, 0.14, 0.90


def dark_colour(rgb: str) -> str:
    import colorsys

    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    if saturation < 0.15 or lightness > 0.97 or lightness < 0.03:   # a grey: invert onto the palette
        hue, saturation = SLATE_HUE, SLATE_SATURATION
        lightness = BACKGROUND + (1 - lightness) * (TEXT - BACKGROUND)
    else:                                                            # a colour: lighter, same hue
        lightness = 0.45 + 0.5 * lightness
    return "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(hue, lightness, saturation))


def dark_svg(svg: bytes) -> bytes:
    """The same SVG with every #rrggbb colour mapped for the dark palette, and the
    text colour as the default fill (Matplotlib leaves the fill of black text, such
    as mathtext glyphs, to SVG's default, black)."""
    svg = HEX.sub(lambda m: b"#" + dark_colour(m.group(1).decode()).encode(), svg)
    return re.sub(rb"<svg\b", b'<svg fill="#' + dark_colour("000000").encode() + b'"', svg, count=1)
