"""hooks/figure_forks.py, the build's figure runner: each script runs as ``python
SCRIPT`` would, in a child forked from a process that has imported NumPy and
Matplotlib and done nothing else, so that no script sees what another one did.
(That it draws the same SVG as a fresh interpreter: tests/test_snippets.py.)"""

from __future__ import annotations

import sys
import textwrap

import pytest

import figures  # hooks/figures.py


@pytest.fixture
def forks():
    runner = figures.Forks()
    yield runner
    runner.close()


def script(tmp_path, name: str, body: str):
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    workdir = tmp_path / f"run-{name}"
    workdir.mkdir()
    return path, workdir


def test_a_script_runs_as_python_runs_it(forks, tmp_path):
    path, workdir = script(tmp_path, "main", """
        import os, sys
        print(__name__, sys.argv == [__file__], os.getcwd(), sys.path[0] == os.path.dirname(__file__))
        open("out.txt", "w").write("written here")
        print("to stderr", file=sys.stderr)
    """)
    result = forks.run(path, workdir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["__main__", "True", str(workdir), "True"]
    assert result.stderr.strip() == "to stderr"
    assert (workdir / "out.txt").read_text() == "written here"
    assert sorted(p.name for p in workdir.iterdir()) == ["out.txt"]  # its own output files are gone


def test_errors_and_exit_codes_are_reported_as_python_reports_them(forks, tmp_path):
    path, workdir = script(tmp_path, "raises", "raise ValueError('broken on purpose')\n")
    result = forks.run(path, workdir)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "ValueError: broken on purpose" in result.stderr
    assert "raises.py" in result.stderr
    for body, code in (("import sys; sys.exit(3)", 3), ("import sys; sys.exit('no data')", 1),
                       ("import sys; sys.exit()", 0)):
        path, workdir = script(tmp_path, f"exits{code}", body)
        assert forks.run(path, workdir).returncode == code, body
    assert "no data" in forks.run(*script(tmp_path, "message", "import sys; sys.exit('no data')")).stderr


def test_no_script_sees_what_another_did(forks, tmp_path):
    first = script(tmp_path, "first", """
        import matplotlib, numpy as np, matplotlib.pyplot as plt
        matplotlib.rcParams["lines.linewidth"] = 9
        np.random.seed(1)
        plt.figure()
        import json; json.leftover = True
    """)
    second = script(tmp_path, "second", """
        import matplotlib, numpy as np, matplotlib.pyplot as plt, json, sys
        print(matplotlib.rcParams["lines.linewidth"], plt.get_fignums(), hasattr(json, "leftover"),
              matplotlib.get_backend(), "first" in sys.modules)
    """)
    assert forks.run(*first).returncode == 0
    fresh = figures.run_snippet(second[0], second[1])
    forked = forks.run(*second)
    assert forked.returncode == 0, forked.stderr
    assert forked.stdout == fresh.stdout, "a forked script starts from another state than a fresh interpreter"
    assert forked.stdout.split()[:3] == ["1.8", "[]", "False"]  # snippets/matplotlibrc: lines.linewidth 1.8


def test_a_script_that_runs_too_long_is_stopped(forks, tmp_path, monkeypatch):
    forks.run(*script(tmp_path, "first", "pass"))  # the runner has imported NumPy (slow machines: > 1 s)
    monkeypatch.setattr(figures, "TIMEOUT_S", 1)
    path, workdir = script(tmp_path, "sleeps", "import time; time.sleep(60)\n")
    result = forks.run(path, workdir)
    assert result.returncode < 0 and "stopped after 1 s" in result.stderr
    assert forks.run(*script(tmp_path, "after", "print('still serving')")).stdout.strip() == "still serving"


def test_the_runner_imports_nothing_but_numpy_matplotlib_and_the_standard_library():
    import ast

    tree = ast.parse(figures.Forks.PROGRAM.read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 and node.module and node.module != "__future__"}
    assert imported <= {"numpy", "matplotlib"} | set(sys.stdlib_module_names)


def test_a_script_ends_as_python_ends(forks, tmp_path):
    path, workdir = script(tmp_path, "ends", """
        import atexit, os, threading, time
        from concurrent.futures import ThreadPoolExecutor
        atexit.register(lambda: open("at-exit.txt", "w").write("ran"))
        print(repr(os.read(0, 10)))  # stdin is empty, as with python NAME.py < /dev/null
        left_open = open("left-open.txt", "w")  # a global file, never closed
        left_open.write("flushed")
        threading.Thread(target=lambda: (time.sleep(0.2), open("thread.txt", "w").write("joined"))).start()
        ThreadPoolExecutor(1).submit(lambda: (time.sleep(0.2), open("pool.txt", "w").write("done")))
        def broken():
            raise RuntimeError("late")
        broken()
    """)
    result = forks.run(path, workdir)
    assert result.returncode == 1 and result.stdout.strip() == "b''"
    assert (workdir / "at-exit.txt").read_text() == "ran"
    assert (workdir / "left-open.txt").read_text() == "flushed"
    assert (workdir / "thread.txt").read_text() == "joined" and (workdir / "pool.txt").read_text() == "done"
    fresh = figures.run_snippet(path, tmp_path / "run-ends")
    assert result.stderr == fresh.stderr, "the traceback differs from python's own"
    assert "runpy" not in result.stderr


def test_a_half_written_cache_entry_is_drawn_again(tmp_path, monkeypatch):
    monkeypatch.setenv("FIGURE_CACHE_DIR", str(tmp_path / "cache"))
    name = "float_range_depth"
    try:
        folder = figures.render(name)
        dark = folder / "figures" / f"{name}.dark.svg"
        assert dark.is_file() and figures.is_cached(name)
        dark.unlink()  # as if a build had stopped between the two files
        assert not figures.is_cached(name)
        assert figures.render(name) == folder and dark.is_file()
        assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [name]  # no staging left
    finally:
        figures.close_forks()


def test_figures_leave_a_core_to_each_notebook_run(monkeypatch):
    """While hooks/notebooks.py runs a notebook (a thread named as figures.py expects),
    the figures are drawn on the cores left; never on none."""
    import ast
    import threading
    from pathlib import Path

    source = Path(figures.__file__).with_name("notebooks.py")
    prefixes = [keyword.value.value for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
                if isinstance(node, ast.Call) for keyword in node.keywords if keyword.arg == "thread_name_prefix"]
    assert prefixes == [figures.NOTEBOOK_RUN_THREAD], f"hooks/notebooks.py names its run threads {prefixes}"
    assert "workers = min(len(missing), _cores_free())" in Path(figures.__file__).read_text(encoding="utf-8")
    monkeypatch.setattr(figures.os, "cpu_count", lambda: 2)
    assert figures._cores_free() == 2
    release = threading.Event()
    runs = [threading.Thread(target=release.wait, name=f"{figures.NOTEBOOK_RUN_THREAD}_{i}") for i in range(2)]
    try:
        runs[0].start()
        assert figures._cores_free() == 1
        runs[1].start()
        assert figures._cores_free() == 1
    finally:
        release.set()
        for run in runs:
            run.join()
    assert figures._cores_free() == 2
