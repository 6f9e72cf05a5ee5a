"""Every figure script in snippets/ runs on its own, draws NAME.svg
deterministically, imports nothing but NumPy, Matplotlib and the standard
library, is shown in both languages, and has a test of its claims.

Adding snippets/NAME.py is enough for these tests to pick it up.
"""

import ast
import re
import runpy
import sys

import pytest

import figures  # hooks/figures.py: the build's own runner (pytest.ini puts hooks/ on the path)
from mdtools import ROOT, SNIPPETS, english_pages, chinese_twin, rel, structure

SCRIPTS = sorted(SNIPPETS.glob("*.py"))
ALLOWED = {"numpy", "matplotlib"} | set(sys.stdlib_module_names)


def test_there_are_figure_scripts():
    assert SCRIPTS, "snippets/ holds no figure script"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_runs_standalone_and_draws_the_same_svg_twice(script, tmp_path, site):
    """As a reader runs it (``python NAME.py``, a fresh interpreter), and as the build
    runs it (forked, hooks/figure_forks.py): the same SVG, which is the site's."""
    drawings = []
    forks = figures.Forks()
    for attempt, run in (("fresh", figures.run_snippet), ("forked", forks.run)):
        workdir = tmp_path / attempt
        workdir.mkdir()
        result = run(script, workdir)
        assert result.returncode == 0, f"python snippets/{script.name} ({attempt}) failed:\n{result.stderr}"
        svg = workdir / f"{script.stem}.svg"
        assert svg.is_file(), f"snippets/{script.name} must write {script.stem}.svg to the current directory"
        drawings.append(svg.read_bytes())
    assert drawings[0].lstrip().startswith(b"<?xml") and b"<svg" in drawings[0]
    forks.close()
    assert drawings[0] == drawings[1], f"snippets/{script.name} draws another SVG when forked than when run alone"
    built = site / "figures" / f"{script.stem}.svg"
    assert built.read_bytes() == drawings[0], \
        f"figures/{script.stem}.svg on the site differs from what python snippets/{script.name} draws"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_imports_only_numpy_matplotlib_and_stdlib(script):
    tree = ast.parse(script.read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= ALLOWED, f"snippets/{script.name} imports {sorted(imported - ALLOWED)}: readers copy it alone"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_is_shown_with_its_figure_in_both_languages(script):
    shown = [page for page in english_pages()
             if script.name in structure(page).includes and script.stem in structure(page).figures]
    assert shown, f"no page in docs/ both includes snippets/{script.name} and shows figures/{script.stem}.svg"
    for page in shown:
        twin = chinese_twin(page)
        assert twin.is_file() and script.name in structure(twin).includes, \
            f"{rel(page)} shows snippets/{script.name}, {rel(twin)} does not"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_has_a_test_of_its_claims(script):
    claims = ROOT / "tests" / "claims" / f"test_{script.stem}.py"
    assert claims.is_file(), f"snippets/{script.name} has no test of the numbers its page states ({rel(claims)})"


def words_outside_math(text: str) -> list[str]:
    prose = re.sub(r"(?<!\\)\$.*?(?<!\\)\$", " ", text)  # drop $...$ math
    return re.findall(r"[^\W\d_]{2,}", prose)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_figure_text_is_language_neutral(script, tmp_path, monkeypatch):
    """Every text in the figure (titles, labels, legends, annotations) is math
    notation: the same SVG serves both languages."""
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    monkeypatch.chdir(tmp_path)
    plt.close("all")
    runpy.run_path(str(script), run_name="__main__")
    try:
        texts = [t.get_text() for number in plt.get_fignums()
                 for t in plt.figure(number).findobj(Text) if t.get_text().strip()]
    finally:
        plt.close("all")
    assert texts, f"snippets/{script.name} draws no text at all"
    for text in texts:
        words = words_outside_math(text)
        assert not words, f"snippets/{script.name}: words {words} in figure text {text!r}; use math notation"
