"""Build faults under `mkdocs serve`: shown in the page instead of a stuck server.

Not a hook itself; hooks/figures.py, hooks/notebooks.py and hooks/math_typeset.py
import it. ``mkdocs build`` (and so ``make test``) keeps failing on the same fault
with the file named; only ``mkdocs serve`` (``SERVING``, set by math_typeset's
``on_startup``) turns a fault into an error box in the page, where the figure,
notebook or formula would have been, and prints the same message in the terminal.
Saving a fix rebuilds the page without the box.
"""

from __future__ import annotations

import html
import sys

SERVING = False
LAST_LINES = 12
STYLE = ("border:2px solid #c62828;border-radius:4px;padding:.6em .8em;margin:1em 0;"
         "background:#fdecea;color:#1a1a1a;font-size:.8rem;overflow-x:auto")


def last_lines(text: str, count: int = LAST_LINES) -> str:
    return "\n".join(text.strip().splitlines()[-count:])


def report(title: str, detail: str) -> str:
    """Print the fault in the terminal and return the error box that takes its place."""
    print(f"\nERROR (shown in the page) {title}\n{last_lines(detail)}\n", file=sys.stderr, flush=True)
    return box(title, detail)


def box(title: str, detail: str) -> str:
    """The error box: what failed, and the last lines of its traceback."""
    detail = last_lines(detail)
    return (f'<div class="build-error" role="alert" style="{STYLE}">'
            f"<p><strong>{html.escape(title)}</strong></p>"
            f"<pre style=\"white-space:pre-wrap;margin:0\"><code>{html.escape(detail)}</code></pre></div>")
