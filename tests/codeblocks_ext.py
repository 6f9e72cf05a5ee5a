"""pytest plugin (loaded with ``-p codeblocks_ext`` in pytest.ini): pytest-codeblocks, widened.

Out of the box pytest-codeblocks collects a fence only when its info string is
exactly ``python``, ``sh`` or ``bash``, and it reads a ``--8<-- "NAME.py"``
include as Python (and fails). Here every Markdown file is first shown to it the
way a reader sees the page: includes from snippets/ are expanded, and every Python
fence (``python title="..."``, ``py``, ...) becomes a plain ``python`` fence. Only
Python blocks are run: shell blocks (``make test`` in the README) are commands for
people, not tests. tests/test_codeblocks.py checks that nothing was left out.

Each block runs in an empty temporary directory (figure scripts write their SVG
to the current directory), with the figures' matplotlibrc, on Agg.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import pytest_codeblocks.main as codeblocks_main
import pytest_codeblocks.plugin as codeblocks_plugin

from mdtools import FENCE, INCLUDE, PYTHON_LANGS, SNIPPETS, fence_language, is_notebook, rel

os.environ.update(MPLBACKEND="Agg", MATPLOTLIBRC=str(SNIPPETS / "matplotlibrc"))


# --- 1. pytest-codeblocks sees pages as readers do -----------------------------

def expand_markdown(path: Path) -> str:
    """Expand snippet includes and normalise Python fences, as the site does.

    An include is expanded outside fences and inside Python fences; inside any
    other fence (a Markdown example in the README, say) it is literal text.
    """
    lines: list[str] = []
    open_fence: tuple[str, str] | None = None  # (fence, language) of the block we are in
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fence = FENCE.match(line)
        if open_fence is None and fence:
            language = fence_language(fence["info"])
            open_fence = (fence["fence"], language)
            if language in PYTHON_LANGS:
                line = f"{fence['indent']}{fence['fence']}python"
        elif open_fence and fence and not fence["info"].strip() \
                and fence["fence"][0] == open_fence[0][0] and len(fence["fence"]) >= len(open_fence[0]):
            open_fence = None
        elif (include := INCLUDE.match(line)) and (open_fence is None or open_fence[1] in PYTHON_LANGS):
            target = SNIPPETS / include["path"]
            if not target.is_file():
                raise FileNotFoundError(
                    f"{rel(path)}, line {number}: included file snippets/{include['path']} does not exist"
                )
            lines += [include["indent"] + code for code in target.read_text(encoding="utf-8").splitlines()]
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def extract_python_blocks(path, *args, **kwargs):
    blocks = codeblocks_main.extract_from_buffer(io.StringIO(expand_markdown(Path(path))))
    blocks = [block for block in blocks if block.syntax == "python"]
    if blocks and is_notebook(Path(path).read_text(encoding="utf-8")):
        # A notebook's cells share one namespace: run them as one block, in order.
        for block in blocks[1:]:
            blocks[0].code += block.code
        blocks = blocks[:1]
    return blocks


codeblocks_plugin.extract_from_file = extract_python_blocks


# --- 2. each code block runs in a clean, empty directory -----------------------

@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    if not isinstance(item, codeblocks_plugin.TestBlock):
        return (yield)
    import matplotlib.pyplot as plt

    cwd = os.getcwd()
    workdir = Path(item.config._tmp_path_factory.mktemp("codeblock"))
    os.chdir(workdir)
    try:
        return (yield)
    finally:
        os.chdir(cwd)
        plt.close("all")
