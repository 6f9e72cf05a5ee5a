"""`mkdocs serve` (what `make serve` runs) redraws a figure when its script changes.
(How fast is measured by `make bench`, not here.)"""

from sandbox import copy_project, snippet_edit_shown_after


def test_serve_redraws_a_figure_when_its_script_changes(tmp_path):
    snippet_edit_shown_after(copy_project(tmp_path / "project"))
