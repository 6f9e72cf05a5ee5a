"""Notebook pages (mkdocs-jupyter) that work under mkdocs-static-i18n, offline.

Notebooks are Jupytext-Markdown files in docs/ (``lab.md`` + ``lab.zh.md``, with a
``kernelspec`` in the front matter); mkdocs-jupyter executes and renders them.

1. One cache for both languages. i18n runs the whole build once per language and
   mkdocs-jupyter evicts, after each build, the cache entries that build did not
   use: each language evicted the other's, so every build re-executed every
   notebook. Before mkdocs-jupyter's clean-up (priority 50) this hook marks the
   entries of all notebooks in docs/ as used, whichever language is being built.
2. Nothing from outside the site. nbconvert's template loads MathJax (with an empty
   URL here) and imports Mermaid from a CDN; both are removed. Math in notebook
   cells is typeset by the site's own KaTeX (assets/javascripts/katex-init.js).
3. A real .ipynb to download. Next to each notebook page the hook writes
   ``NAME.ipynb`` (for lab.zh.md too: ``zh/lab/lab.ipynb``), converted by Jupytext,
   with stable cell ids; the page's cell ids are renumbered the same way, so that
   two clean builds are byte-identical.
4. Folded solutions. Code cells tagged ``solution`` (Jupytext:
   ```` ```python tags=["solution"] jupyter={"source_hidden": true} ````) are
   wrapped in a collapsed <details> block, titled in the page's language. In
   JupyterLab, ``source_hidden`` folds them the same way.
   Output images get an alt text in the page's language (nbconvert gives none,
   or an English placeholder).
5. A notebook page that was not rendered fails the build, naming the notebook.
6. Deterministic outputs. Whether two prints of one cell arrive as one output or
   two depends on timing; nbclient can merge them (``coalesce_streams``), but
   mkdocs-jupyter replaces the ExecutePreprocessor configuration, so every
   ExecutePreprocessor switches it on after its own set-up (changing the trait's
   default does not work: traitlets reads defaults once, when the class is made).
7. A cache that knows what made it. mkdocs-jupyter keys its cache by notebook and
   options only; the cache directory is therefore keyed here by this file and by
   the versions of the packages that shape a notebook's output, and older
   directories are removed.
8. Descriptions. A notebook's page description is read from its front matter's
   ``jupyter.description`` (any other top-level key would become a raw cell).
9. Styles in one small file. nbconvert inlines ~590 KB of CSS in every notebook
   page; only the rules the notebook pages use (hooks/notebook_css.py, ~25 KB) go
   to one stylesheet, assets/stylesheets/notebook.css, shared by both languages.
10. Parallel execution. mkdocs-jupyter executes notebooks one after the other, while
   pages render. Before the first build, this hook executes every notebook that
   has no cache entry yet, all at once (each in its own kernel process), and
   stores the results exactly where and how mkdocs-jupyter looks for them.
   Notebooks whose code cells are the same but for comments and docstrings (the
   English and the Chinese lab) run once and share the outputs.
11. Faults under `mkdocs serve`: a cell that raises shows an error box (notebook
   name, end of the traceback) above its traceback in the page, and in the terminal;
   the build goes on. `mkdocs build` fails, naming the notebook.
12. Figures as files. Each SVG output figure becomes ``output-HASH.svg`` beside the
   page, shown by a sized ``<img loading="lazy">`` (``_svg_image``).
"""

from __future__ import annotations

import base64
import logging
import re
import hashlib
import io
import json
import os
import shutil
import tempfile
import tokenize
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
import cache_file  # hooks/cache_file.py
import error_box  # hooks/error_box.py
import notebook_css  # hooks/notebook_css.py
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.utils import get_relative_url
from mkdocs_jupyter import convert
from nbconvert.preprocessors import ExecutePreprocessor
from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path, _get_nb_toc_tokens

NBCONVERT_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
if not getattr(ExecutePreprocessor.__init__, "coalescing", False):  # see 6. above
    _plain_init = ExecutePreprocessor.__init__

    def _coalescing_init(self, *args, **kwargs):
        _plain_init(self, *args, **kwargs)
        self.coalesce_streams = True

    _coalescing_init.coalescing = True
    ExecutePreprocessor.__init__ = _coalescing_init

CELL_ID = re.compile(r'id="cell-id=[^"]*"')
# each code cell's copy button (written whole: the template's label is English, and a
# stray comma in it becomes an attribute named ",") and the text it copies
COPY_BUTTON = re.compile(r'<clipboard-copy\b[^>]*\bfor="cell-\d+"[^>]*>')
COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt" id="cell-\d+"')
COPY_LABEL = {"en": "Copy to clipboard", "zh": "复制"}  # Material's own words for its copy buttons
COPIED = re.compile(r'(<span class="notice" hidden(?:="")?>)Copied!</span>')
COPIED_NOTICE = {"en": "Copied!", "zh": "已复制"}
SOLUTION_CELL = '<div class="jp-Cell jp-CodeCell jp-Notebook-cell celltag_solution">'
SOLUTION_TITLE = {"en": "Solution", "zh": "参考答案"}
OUTPUT_IMAGE = re.compile(r'<img (?![^>]*\balt=)([^>]*src="data:image/)')
NBCONVERT_ALT = 'alt="No description has been provided for this image"'
OUTPUT_ALT = {"en": "Figure drawn by the code cell above; the text around it describes what it shows.",
              "zh": "上方代码单元格绘制的图；周围的正文说明了图中的内容。"}
# a Markdown cell with a heading (up to the next cell, or the article's end)
HEADING_CELL = re.compile(r'<div class="jp-Cell (?=jp-MarkdownCell)(?=(?:(?!<div class="jp-Cell |</article>).)*?<h[1-6] id=)',
                          re.S)
MERMAID_LOADER = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*?</script>', re.S)


log = logging.getLogger("mkdocs.hooks.notebooks")
CACHE_ROOT = Path(__file__).resolve().parent.parent / ".cache" / "mkdocs-jupyter"
SHAPES_OUTPUT = ["mkdocs-jupyter", "nbconvert", "nbclient", "jupytext", "ipykernel", "numpy", "matplotlib"]


def _jupyter(config):
    return config.plugins["mkdocs-jupyter"]


# The kernels' IPython configuration (written to .cache/ipython/): figures as SVG
# (text, so gzip shrinks them; sized in the markup, so the page keeps their
# place while it loads), byte-identical from one run to the next.
KERNEL_CONFIG = """\
c.InlineBackend.figure_formats = {"svg"}
c.InlineBackend.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Date": None}}
c.InlineBackend.rc = {"svg.hashsalt": "notebook", "svg.fonttype": "path"}
"""


def _isolated_ipython() -> None:
    folder = CACHE_ROOT.parent / "ipython"
    config = folder / "profile_default" / "ipython_kernel_config.py"
    if not config.is_file() or config.read_text(encoding="utf-8") != KERNEL_CONFIG:
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(KERNEL_CONFIG, encoding="utf-8")
    os.environ["IPYTHONDIR"] = str(folder)  # kernels inherit it


def on_config(config):
    _isolated_ipython()
    _cheap_should_include(_jupyter(config))
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in SHAPES_OUTPUT:
        digest.update(f"{package}=={cache_file.version(package)}".encode())
    # several NumPy processes run side by side (the kernel, the figure scripts): one
    # BLAS thread each, so that idle BLAS threads do not spin on the cores the others need
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    for variable in ("MPLBACKEND", "MATPLOTLIBRC", "OPENBLAS_NUM_THREADS"):  # kernels inherit these
        value = os.environ.get(variable, "")
        digest.update(f"{variable}={value}".encode())
        if variable == "MATPLOTLIBRC" and Path(value).is_file():
            digest.update(Path(value).read_bytes())
    _jupyter(config).config["cache_dir"] = str(CACHE_ROOT / digest.hexdigest()[:16])
    return config


FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _has_kernelspec(path: Path) -> bool:
    """A Jupytext-Markdown notebook: a kernelspec in the front matter (cheap check;
    parsing every page with Jupytext, several times per build, was slow)."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    return bool(match and "kernelspec:" in match.group(1))


def _cheap_should_include(plugin) -> None:
    """mkdocs-jupyter parses every .md page with Jupytext, several times per build,
    to find its kernelspec (~0.5 s a build); a page without one in its front matter
    is not a notebook, which a look at the front matter tells."""
    if getattr(plugin.should_include, "cheap", False):
        return
    full_check = plugin.should_include

    answers = {}  # mkdocs-jupyter parses the notebook (Jupytext): once per file version

    def should_include(file):
        if file.abs_src_path and file.abs_src_path.endswith(".md") and not _has_kernelspec(Path(file.abs_src_path)):
            return False
        if not file.abs_src_path or os.path.splitext(file.abs_src_path)[1] not in (".md", ".ipynb", ".py"):
            return full_check(file)  # cheap: no notebook (the theme's ~14,000 files, twice a build)
        stat = os.stat(file.abs_src_path)
        key = (file.abs_src_path, stat.st_mtime_ns, stat.st_size)
        if key not in answers:
            answers[key] = full_check(file)
        return answers[key]

    should_include.cheap = True
    plugin.should_include = should_include


def _is_notebook(file, config) -> bool:
    return file.src_uri.endswith(".md") and _has_kernelspec(Path(file.abs_src_path)) \
        and _jupyter(config).should_include(file)


def _download_name(src_uri: str) -> str:
    stem = Path(src_uri).name.removesuffix(".md")
    return re.sub(r"\.[a-z]{2}$", "", stem) + ".ipynb"  # lab.zh.md -> lab.ipynb


def fold_solutions(html: str, title: str) -> str:
    """Wrap each solution cell (mkdocs-jupyter's outer cell <div>) in <details>."""
    start = html.find(SOLUTION_CELL)
    while start != -1:
        depth, position = 0, start
        for tag in re.finditer(r"<div\b|</div>", html[start:]):
            depth += 1 if tag.group() == "<div" else -1
            if depth == 0:
                position = start + tag.end()
                break
        else:
            raise PluginError("unbalanced <div> in a notebook solution cell")
        opening = f'<details class="example"><summary>{title}</summary>'
        html = html[:start] + opening + html[start:position] + "</details>" + html[position:]
        start = html.find(SOLUTION_CELL, position + len(opening) + len("</details>"))
    return html


SVG_OUTPUT = re.compile(r'<img ([^>]*)src="data:image/svg\+xml;base64,([^"]*)"')
SVG_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt" height="([\d.]+)pt"')
SVG_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)


def _svg_image(match, folder: Path) -> str:
    """An output figure as a sized, lazily loaded <img> of an SVG file beside the page,
    named by its content. Inline (as data URLs) the lab's figures were four fifths of
    its HTML, and the browser loaded every one of them while it parsed the page
    (data URLs load at once, on screen or not); as files, a figure far down the page
    is fetched only when the reader nears it. The width and height keep its place."""
    svg = base64.b64decode(match.group(2)).decode("utf-8")
    svg = SVG_METADATA.sub("", svg[svg.index("<svg"):])  # no XML declaration, DOCTYPE, metadata
    size = SVG_SIZE.search(svg)
    if size is None:
        raise PluginError("a notebook figure (SVG) has no width and height in pt")
    width, height = (round(float(value) * 4 / 3) for value in size.groups())
    name = f"output-{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:12]}.svg"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(svg, encoding="utf-8")
    return f'<img {match.group(1)}width="{width}" height="{height}" loading="lazy" src="{name}"'


STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)


NOTEBOOK_CSS = "assets/stylesheets/notebook.css"
_styles: dict[Path, tuple[set[str], set[str]]] = {}  # site folder -> (nbconvert CSS, words used)


def on_page_content(html: str, page, config, files) -> str:
    if not _is_notebook(page.file, config):
        return html
    sources, _ = _styles.setdefault(_site_of(page), (set(), set()))
    sources.update(STYLE.findall(html))
    return STYLE.sub("", html)


def _site_of(page) -> Path:
    return Path(page.file.abs_dest_path).parents[len(Path(page.file.dest_uri).parts) - 1]


def _write_notebook_css() -> None:
    """One stylesheet for the notebook pages of both languages: the rules they use."""
    for site, (sources, used) in _styles.items():
        digest = hashlib.sha256(repr((sorted(sources), sorted(used))).encode())
        digest.update(Path(notebook_css.__file__).read_bytes())
        cached = CACHE_ROOT.parent / "notebook-css" / f"{digest.hexdigest()[:16]}.css"
        if not cached.is_file():  # purging takes ~0.7 s: once per content
            if not _purged:  # the first purge of this process drops older results
                shutil.rmtree(cached.parent, ignore_errors=True)
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(notebook_css.purge("\n".join(sorted(sources)), used) + "\n", encoding="utf-8")
        _purged.add(cached)
        target = site / NOTEBOOK_CSS
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)


_purged: set[Path] = set()  # cache files of this process (older ones are removed once)


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A notebook's page description lives in its notebook metadata (jupyter.description):
    a top-level key would become a raw cell in the notebook."""
    description = (page.meta.get("jupyter") or {}).get("description")
    if description and _is_notebook(page.file, config):
        page.meta["description"] = description
    return markdown


def on_post_page(output: str, page, config) -> str:
    if not _is_notebook(page.file, config):
        return output
    if "jupyter-wrapper" not in output:
        raise PluginError(f"Notebook docs/{page.file.src_uri} was not rendered by mkdocs-jupyter")
    if 'class="build-error"' in output and not error_box.SERVING:  # a rendering kept from a serve
        raise PluginError(f"Notebook docs/{page.file.src_uri} failed to execute (see mkdocs serve's message)")
    output = NBCONVERT_MATHJAX.sub("", output)
    # the words of the whole page (theme and palette included) decide which rules stay
    _styles.setdefault(_site_of(page), (set(), set()))[1].update(notebook_css.vocabulary(output))
    stylesheet = f'<link rel="stylesheet" href="{get_relative_url(NOTEBOOK_CSS, page.url)}">'
    output = output.replace("</head>", stylesheet + "\n</head>", 1)
    output = MERMAID_LOADER.sub("", output)
    # Jupytext gives cells random ids on every read: number them, as in the download
    numbers = iter(range(10**6))
    output = CELL_ID.sub(lambda match: f'id="cell-id=cell-{next(numbers)}"', output)
    # mkdocs-jupyter numbers each cell's copy button and the text it copies from a
    # counter shared by all notebooks of the process (and by threads): number them
    # by position, so that the k-th button copies the k-th cell on every build
    language = config["theme"]["language"]
    label = COPY_LABEL.get(language, COPY_LABEL["en"])
    buttons, texts = iter(range(10**6)), iter(range(10**6))
    output = COPY_BUTTON.sub(lambda m: f'<clipboard-copy for="cell-{next(buttons)}" role="button" tabindex="0" '
                                       f'aria-label="{label}">', output)
    output = COPY_TEXT.sub(lambda m: f'<div class="clipboard-copy-txt" id="cell-{next(texts)}"', output)
    output = COPIED.sub(lambda m: m.group(1) + COPIED_NOTICE.get(language, COPIED_NOTICE["en"]) + "</span>", output)
    output = fold_solutions(output, SOLUTION_TITLE.get(language, SOLUTION_TITLE["en"]))
    # Material's table of contents reads the position of every heading at load; read
    # inside a block that content-visibility skips, a position lays the block out, one
    # block after another: the cells with a heading are never skipped (extra.css)
    output = HEADING_CELL.sub('<div class="jp-Cell holds-heading ', output)
    # scrollable code cells must be reachable by keyboard (as Material's own code blocks are)
    output = output.replace('<div class="highlight-ipynb hl-python">', '<div class="highlight-ipynb hl-python" tabindex="0">')
    alt = OUTPUT_ALT.get(language, OUTPUT_ALT["en"])
    output = output.replace(NBCONVERT_ALT, f'alt="{alt}"')  # nbconvert's placeholder
    output = OUTPUT_IMAGE.sub(lambda match: f'<img alt="{alt}" {match.group(1)}', output)
    output = SVG_OUTPUT.sub(lambda match: _svg_image(match, Path(page.file.abs_dest_path).parent), output)
    notebook = jupytext.read(page.file.abs_src_path)
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
    target = Path(page.file.abs_dest_path).parent / _download_name(page.file.src_uri)
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(notebook, target, fmt="ipynb")
    return output


def _notebooks(config) -> list[Path]:
    return sorted(p for p in Path(config["docs_dir"]).rglob("*.md") if _has_kernelspec(p))


def _cache_path(path: Path, plugin) -> Path:
    key = _compute_cache_key(str(path), plugin.config, plugin.config["execute"])
    return _get_cache_path(plugin.config["cache_dir"], key)


def _nb2html(path: Path, options, allow_errors: bool) -> str:
    return convert.nb2html(
        str(path), execute=options["execute"], kernel_name=options["kernel_name"],
        theme=options["theme"], allow_errors=allow_errors,
        show_input=options["show_input"], no_input=options["no_input"],
        no_prompt=options["no_prompt"], remove_tag_config=options["remove_tag_config"],
        highlight_extra_classes=options["highlight_extra_classes"],
        include_requirejs=options["include_requirejs"],
        custom_mathjax_url=options["custom_mathjax_url"],
    )


def _code_tokens(source: str) -> list[tuple[int, str]]:
    """The tokens of a cell without comments and docstrings (statements that are a
    bare string), which do not change what the cell computes or prints. A bare
    string that ends the cell is kept: Jupyter shows the value of a cell's last line."""
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source + "\n").readline)
              if t.type not in (tokenize.COMMENT, tokenize.NL)]
    statement_start = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
    kept, depth = [], 0
    for i, token in enumerate(tokens):
        depth += {tokenize.INDENT: 1, tokenize.DEDENT: -1}.get(token.type, 0)
        before = tokens[i - 1].type if i else tokenize.NEWLINE
        after = tokens[i + 1].type if i + 1 < len(tokens) else tokenize.NEWLINE
        rest = [t.type for t in tokens[i + 2:] if t.type != tokenize.DEDENT]
        last_line = depth == 0 and rest in ([], [tokenize.ENDMARKER])
        if not (token.type == tokenize.STRING and before in statement_start and after == tokenize.NEWLINE
                and not last_line):
            kept.append((token.type, token.string))
    return kept


def _code_key(path: Path) -> str:
    """What a notebook's outputs depend on: its code cells without comments and
    docstrings (the Chinese lab's code differs from the English one only there)."""
    digest = hashlib.sha256()
    for cell in jupytext.read(path).cells:
        if cell.cell_type == "code":
            digest.update(repr(_code_tokens(cell.source)).encode())
    return digest.hexdigest()


def _execute(path: Path, options):
    """Run a notebook once; returns it with its outputs, or the exception it raised."""
    notebook = jupytext.read(path)
    client = NotebookClient(notebook, kernel_name=options["kernel_name"] or "python3",
                            allow_errors=options["allow_errors"], store_widget_state=True,
                            coalesce_streams=True, resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except Exception as error:  # noqa: BLE001 (reported per notebook below)
        return error
    return notebook


def _execute_into_cache(path: Path, plugin, docs: Path, executed) -> None:
    """What mkdocs-jupyter 0.26.3 does on a cache miss (plugin.py, new_render), with
    the outputs of a run shared by the notebooks whose code is the same.
    Under `mkdocs serve`, a cell that raises is rendered with its traceback and an
    error box before it; that rendering is dropped from the cache after the build."""
    options = plugin.config
    target = _cache_path(path, plugin)
    if isinstance(executed, Exception):
        where = f"Notebook docs/{path.relative_to(docs).as_posix()} failed to execute"
        if not error_box.SERVING:
            raise PluginError(f"{where}:\n{executed}") from executed
        box = error_box.report(where, ANSI.sub("", str(executed)))
        body = _nb2html(path, options, allow_errors=True)
        position = body.find(ERROR_OUTPUT)
        position = body.rfind("<div", 0, position) if position != -1 else 0
        body = body[:position] + box + body[position:]
        _shown_errors.add(target)
    else:
        notebook = jupytext.read(path)
        code = [cell for cell in notebook.cells if cell.cell_type == "code"]
        ran = [cell for cell in executed.cells if cell.cell_type == "code"]
        for cell, run in zip(code, ran):
            cell.outputs, cell.execution_count = run.outputs, run.execution_count
        with tempfile.TemporaryDirectory(prefix="notebook-") as tmp:
            executed_file = Path(tmp) / (path.stem + ".ipynb")
            nbformat.write(notebook, executed_file)
            body = _nb2html(executed_file, {**options, "execute": False}, options["allow_errors"])
    toc_tokens, title = _get_nb_toc_tokens(str(path), options["toc_depth"])
    cache_file.write(target, json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}))


ANSI = re.compile(r"\x1b\[[0-9;]*m")
ERROR_OUTPUT = 'data-mime-type="application/vnd.jupyter.stderr"'
_shown_errors: set[Path] = set()  # cache entries that hold an error box (mkdocs serve)


def on_pre_build(config) -> None:
    _join_leftovers()  # a failed `mkdocs serve` rebuild may have left a run going
    plugin = _jupyter(config)
    if not (plugin.config["cache"] and plugin.config["execute"]):
        return
    pending = [p for p in _notebooks(config) if not _cache_path(p, plugin).exists()]
    groups: dict[str, list[Path]] = {}  # notebooks with the same code run once
    for path in pending:
        groups.setdefault(_code_key(path), []).append(path)
    docs = Path(config["docs_dir"])

    def run(paths: list[Path]) -> None:
        executed = _execute(paths[0], plugin.config)
        for path in paths:
            _execute_into_cache(path, plugin, docs, executed)

    # Runs in the background while the figures are drawn and the other pages are
    # rendered; a notebook page waits for its own run (on_pre_page), and the build
    # for all runs before it ends (on_env).
    # hooks/figures.py counts these threads (by name) to leave their cores to the kernels.
    pool = ThreadPoolExecutor(max_workers=max(1, len(groups)), thread_name_prefix="notebook-run")
    for paths in groups.values():
        future = pool.submit(run, paths)
        _running.update((path, future) for path in paths)
    pool.shutdown(wait=False)


_running: dict = {}  # notebook (Path) -> the Future of its run


def _join(paths) -> None:
    for path in paths:
        future = _running.pop(path, None)
        if future is not None:
            future.result()  # re-raises a notebook's PluginError here


def on_pre_page(page, config, files):
    if page.file.abs_src_path:
        _join([Path(page.file.abs_src_path)])
    return page


def on_env(env, config, files):
    _join(list(_running))
    return env


def on_build_error(error):
    _join_leftovers()


def _join_leftovers() -> None:
    """Wait for runs a failed build left going; their errors are reported, not raised."""
    running = set(_running.values())
    _running.clear()
    for future in running:
        if future.exception() is not None:
            log.warning(f"hooks/notebooks.py: an earlier build's notebook run failed: {future.exception()}")


@event_priority(50)  # before mkdocs-jupyter's own post_build drops the cache entries no build used
def _keep_cache_entries(config) -> None:
    while _shown_errors:  # re-run on the next build: the fix may have been saved
        _shown_errors.pop().unlink(missing_ok=True)
    plugin = _jupyter(config)
    if plugin.config["cache"]:
        plugin._used_cache_paths.update(_cache_path(p, plugin) for p in _notebooks(config))
        for old in CACHE_ROOT.iterdir() if CACHE_ROOT.is_dir() else []:
            if old != Path(plugin.config["cache_dir"]):
                shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()


@event_priority(-200)  # after mkdocs-static-i18n has built the other language (-100): purged once
def _write_stylesheet(config) -> None:
    _write_notebook_css()


on_post_build = CombinedEvent(_keep_cache_entries, _write_stylesheet)
