"""Draw every figure at build time, from the script in snippets/ that the page shows.

A page refers to a figure by the path ``figures/NAME.svg`` and shows its code with
``--8<-- "NAME.py"``. For every figure a page refers to, this hook runs
``snippets/NAME.py`` in a fresh interpreter, inside an empty directory, with the
project's ``snippets/matplotlibrc`` and ``SOURCE_DATE_EPOCH`` set (so the SVG is
byte-identical from one build to the next), and adds the ``NAME.svg`` the script
writes to the site as ``figures/NAME.svg``.

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
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

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


def cache_key(script: Path) -> str:
    digest = hashlib.sha256()
    for path in (script, MATPLOTLIBRC, Path(__file__)):
        digest.update(path.read_bytes())
    for dist in ("numpy", "matplotlib"):
        digest.update(f"{dist}=={metadata.version(dist)}".encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def render(name: str, users: list[str] | None = None) -> Path:
    """Return the cache folder that holds ``figures/NAME.svg``, drawing it if needed."""
    script = SNIPPETS / f"{name}.py"
    used_by = f" (used by {', '.join(users)})" if users else ""
    if not script.is_file():
        raise PluginError(f"Figure 'figures/{name}.svg'{used_by}: no script snippets/{name}.py")
    key = cache_key(script)
    folder = cache_dir() / name / key
    target = folder / "figures" / f"{name}.svg"
    if target.is_file():
        return folder
    with tempfile.TemporaryDirectory(prefix=f"figure-{name}-") as tmp:
        result = run_snippet(script, Path(tmp))
        produced = Path(tmp) / f"{name}.svg"
        if result.returncode != 0:
            raise PluginError(
                f"Figure script snippets/{name}.py{used_by} failed "
                f"(exit {result.returncode}):\n{result.stderr.strip()[-3000:]}"
            )
        if not produced.is_file():
            raise PluginError(f"Figure script snippets/{name}.py{used_by} ran but wrote no {name}.svg")
        # Drop stale versions of this figure, then store the new one.
        shutil.rmtree(cache_dir() / name, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(produced, target)
        target.with_suffix(".dark.svg").write_bytes(dark_svg(produced.read_bytes()))
    return folder


def figures_used(files: Files) -> dict[str, list[str]]:
    """Map each figure name to the pages (source paths) that refer to it."""
    used: dict[str, list[str]] = {}
    for file in files.documentation_pages():
        if not file.src_uri.endswith(".md"):
            continue
        for name in FIGURE_REF.findall(file.content_string):
            used.setdefault(name, []).append(file.src_uri)
    return dict(sorted(used.items()))


def on_files(files: Files, config) -> Files:
    used = figures_used(files)
    # Two cores: draw missing figures in parallel (each is its own process).
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        folders = dict(zip(used, pool.map(lambda item: _render_or_report(*item), used.items())))
    for name, folder in folders.items():
        _sizes[name] = svg_size(folder / "figures" / f"{name}.svg")
        for variant in (f"{name}.svg", f"{name}.dark.svg"):
            if (folder / "figures" / variant).is_file():
                files.append(
                    File(
                        f"figures/{variant}",
                        src_dir=str(folder),
                        dest_dir=config["site_dir"],
                        use_directory_urls=config["use_directory_urls"],
                    )
                )
    return files


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


def _render_or_report(name: str, users: list[str]) -> Path:
    _failed.pop(name, None)
    try:
        return render(name, users)
    except PluginError as error:
        if not error_box.SERVING:
            raise
        title, _, detail = str(error).partition("\n")
        _failed[name] = error_box.report(title, detail or title)
        # a stand-in file, so that the page's link to the figure stays valid
        folder = cache_dir().parent / "figure-errors" / name
        (folder / "figures").mkdir(parents=True, exist_ok=True)
        (folder / "figures" / f"{name}.svg").write_text(
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


def on_page_content(html: str, page, config, files) -> str:
    return FIGURE_IMG.sub(_sized_or_error, html)


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
