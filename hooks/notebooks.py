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
   with stable cell ids so that builds stay byte-identical.
4. Folded solutions. Code cells tagged ``solution`` (Jupytext:
   ```` ```python tags=["solution"] jupyter={"source_hidden": true} ````) are
   wrapped in a collapsed <details> block, titled in the page's language. In
   JupyterLab, ``source_hidden`` folds them the same way.
5. A notebook page that was not rendered fails the build, naming the notebook.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

NBCONVERT_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
SOLUTION_CELL = '<div class="jp-Cell jp-CodeCell jp-Notebook-cell celltag_solution">'
SOLUTION_TITLE = {"en": "Solution", "zh": "参考答案"}
MERMAID_LOADER = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*?</script>', re.S)


def _jupyter(config):
    return config.plugins["mkdocs-jupyter"]


def _is_notebook(file, config) -> bool:
    return file.src_uri.endswith(".md") and _jupyter(config).should_include(file)


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


def on_post_page(output: str, page, config) -> str:
    if not _is_notebook(page.file, config):
        return output
    if "jupyter-wrapper" not in output:
        raise PluginError(f"Notebook docs/{page.file.src_uri} was not rendered by mkdocs-jupyter")
    output = NBCONVERT_MATHJAX.sub("", output)
    output = MERMAID_LOADER.sub("", output)
    output = fold_solutions(output, SOLUTION_TITLE.get(config["theme"]["language"], "Solution"))
    notebook = jupytext.read(page.file.abs_src_path)
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
    target = Path(page.file.abs_dest_path).parent / _download_name(page.file.src_uri)
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(notebook, target, fmt="ipynb")
    return output


@event_priority(50)
def on_post_build(config) -> None:
    plugin = _jupyter(config)
    if not plugin.config["cache"]:
        return
    for path in Path(config["docs_dir"]).rglob("*.md"):
        if jupytext.read(path).metadata.get("kernelspec"):
            key = _compute_cache_key(str(path), plugin.config, plugin.config["execute"])
            plugin._used_cache_paths.add(_get_cache_path(plugin.config["cache_dir"], key))
