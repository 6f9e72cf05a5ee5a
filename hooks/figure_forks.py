"""Draws figures by forking: a process that has imported NumPy and Matplotlib, once.

Started by hooks/figures.py as ``python hooks/figure_forks.py``, in the environment a
figure script runs in (``figures.snippet_env()``). Not a hook; mkdocs.yml does not
list it.

Each line read on stdin is a request, ``SCRIPT<tab>WORKDIR``. For each, the process
forks a child that runs SCRIPT as ``python SCRIPT`` would (as ``__main__``, in
WORKDIR, with ``sys.argv == [SCRIPT]``, SCRIPT's folder first on ``sys.path`` and
stdin empty), its output going to ``WORKDIR/.stdout`` and ``WORKDIR/.stderr``, and
ending as Python ends (threads waited for, exit handlers run; an error prints the
script's traceback), less the teardown of the interpreter (``end``). It
answers with two lines on stdout: the child's process id when it starts, its exit
status when it ends (negative: killed by that signal).

Every child starts from the same state: this process has imported NumPy and
Matplotlib (with pyplot) and done nothing else, so no figure sees anything another
one did. What it saves: starting Python and importing NumPy and Matplotlib costs
about 0.9 s of CPU per figure; a fork costs a few milliseconds. The process runs at
a lower priority (``nice``), so that the notebook's kernel, which runs beside the
figures and takes longer, goes first.
"""

from __future__ import annotations

import os
import sys

os.nice(10)  # before the imports, which are CPU work too

import gc  # noqa: E402
import runpy  # noqa: E402
import traceback  # noqa: E402

import matplotlib.pyplot  # noqa: E402,F401 (imported once, for the children)
import numpy  # noqa: E402,F401

WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def report(error: BaseException, script: str) -> None:
    """The traceback as ``python script`` prints it: from the script's own frame on."""
    frames = error.__traceback__
    while frames is not None and frames.tb_frame.f_code.co_filename != script:
        frames = frames.tb_next
    traceback.print_exception(type(error), error, frames or error.__traceback__)


def child(script: str, workdir: str) -> int:
    """Run ``script`` as ``python script`` would; return its exit status."""
    os.chdir(workdir)
    for fd, name, flags in ((0, os.devnull, os.O_RDONLY), (1, ".stdout", WRITE), (2, ".stderr", WRITE)):
        os.dup2(os.open(name, flags, 0o644), fd)  # (fd 0: nothing the script starts reads the requests)
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
    except BaseException as error:  # noqa: BLE001 (reported as Python reports it)
        report(error, script)
        return 1


def end(status: int) -> None:
    """End the child as Python ends, without tearing the interpreter down: wait for the
    script's threads (and tell thread pools to finish), run its exit handlers, flush
    its output, exit. (Python's own teardown frees every object, inherited from this
    process or not, and so writes to every page of memory the child shares with it: a
    copy of each, 0.4 s per figure.) The script's own objects are freed, as at
    Python's exit, so that a file it left open is flushed and closed; the objects of
    this process are not looked at (``gc.freeze`` in ``main``)."""
    import atexit
    import threading

    try:
        threading._shutdown()  # what Python's exit does first (not public API)
        atexit._run_exitfuncs()  # then the exit handlers (as Python runs them)
        gc.collect()  # the script's objects in cycles (its globals, with its functions): files close
        for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                status = status or 120  # as Python exits when it cannot flush its output
    finally:
        os._exit(status)


def main() -> None:
    answers = sys.stdout
    gc.freeze()  # what the imports made: never collected, so never written to, in a child
    for line in sys.stdin:
        script, workdir = line.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                status = child(script, workdir)
            finally:  # the child ends here and never serves a request
                end(status)
        print(pid, file=answers, flush=True)
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), file=answers, flush=True)


if __name__ == "__main__":
    main()
