"""Draws figures by forking: a process that has imported NumPy and Matplotlib, once.

Started by hooks/figures.py as ``python hooks/figure_forks.py``, in the environment a
figure script runs in (``figures.snippet_env()``). Not a hook; mkdocs.yml does not
list it.

Each line read on stdin is a request, ``SCRIPT<tab>WORKDIR``. For each, the process
forks a child that runs SCRIPT as ``python SCRIPT`` would (as ``__main__``, in
WORKDIR, with ``sys.argv == [SCRIPT]`` and SCRIPT's folder first on ``sys.path``),
its output going to ``WORKDIR/.stdout`` and ``WORKDIR/.stderr``. It answers with two
lines on stdout: the child's process id when it starts, its exit status when it ends
(negative: killed by that signal).

Every child starts from the same state: this process has imported NumPy and
Matplotlib (with pyplot) and done nothing else, so no figure sees anything another
one did. What it saves: starting Python and importing NumPy and Matplotlib costs
about 0.9 s of CPU per figure; a fork costs a few milliseconds.
"""

from __future__ import annotations

import os
import runpy
import sys
import traceback

import matplotlib.pyplot  # noqa: F401 (imported once, for the children)
import numpy  # noqa: F401


def child(script: str, workdir: str) -> int:
    """Run ``script`` as ``python script`` would; return its exit status."""
    os.chdir(workdir)
    for fd, name in ((1, ".stdout"), (2, ".stderr")):
        os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), fd)
    sys.stdin = open(os.devnull, encoding="utf-8")
    sys.argv = [script]
    sys.path[0] = os.path.dirname(script)
    try:
        runpy.run_path(script, run_name="__main__")
        return 0
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            return exit_.code or 0
        print(exit_.code, file=sys.stderr)
        return 1
    except BaseException:  # noqa: BLE001 (reported as Python reports it)
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def main() -> None:
    # The notebook's kernel, which runs beside the figures and takes longer, goes first.
    os.nice(10)
    answers = sys.stdout
    for line in sys.stdin:
        script, workdir = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                status = child(script, workdir)
            finally:
                os._exit(status)
        print(pid, file=answers, flush=True)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), file=answers, flush=True)


if __name__ == "__main__":
    main()
