"""hooks/notebooks.py runs notebooks whose code differs only in comments and
docstrings once, and shares the outputs (the English and the Chinese lab)."""

from __future__ import annotations

import notebooks  # hooks/notebooks.py
from mdtools import DOCS


def test_the_two_labs_share_one_run():
    assert notebooks._code_key(DOCS / "lab.md") == notebooks._code_key(DOCS / "lab.zh.md")


def test_code_that_computes_differently_runs_on_its_own():
    same = notebooks._code_tokens('def f(x):\n    """Doc."""\n    return x  # comment\n')
    assert same == notebooks._code_tokens('def f(x):\n    """文档。"""\n    return x  # 注释\n')
    assert same != notebooks._code_tokens('def f(x):\n    """Doc."""\n    return x + 1\n')
    assert notebooks._code_tokens('print("a")\n') != notebooks._code_tokens('print("b")\n')
    # a bare string computes nothing, unless it ends the cell (Jupyter shows its value)
    assert notebooks._code_tokens('"a"\nx = 1\n') == notebooks._code_tokens('"b"\nx = 1\n')
    assert notebooks._code_tokens('x = 1\n"a"\n') != notebooks._code_tokens('x = 1\n"b"\n')
