"""hooks/palette_switch.py: Material's palette.css is served without the one rule
that made every page load restyle the whole page twice, and with nothing else changed."""

from __future__ import annotations

import logging
from pathlib import Path

import material
from mkdocs.structure.files import File, Files

import palette_switch  # hooks/palette_switch.py

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def test_the_served_palette_is_materials_without_the_switching_rule(site):
    [original] = MATERIAL_STYLESHEETS.glob("palette.*.min.css")
    served = site / "assets" / "stylesheets" / original.name
    css = original.read_text(encoding="utf-8")
    assert palette_switch.SWITCHING_RULE in css
    assert served.read_text(encoding="utf-8") == css.replace(palette_switch.SWITCHING_RULE, "")
    assert "data-md-color-switching" not in served.read_text(encoding="utf-8")


def test_a_material_release_without_the_rule_is_reported(tmp_path, caplog):
    stylesheet = tmp_path / "assets" / "stylesheets" / "palette.0123abcd.min.css"
    stylesheet.parent.mkdir(parents=True)
    stylesheet.write_text("[data-md-color-scheme=slate]{--md-hue:232}", encoding="utf-8")
    files = Files([File("assets/stylesheets/palette.0123abcd.min.css", str(tmp_path), str(tmp_path / "site"), True)])
    with caplog.at_level(logging.WARNING):
        palette_switch.on_files(files, {})
    assert "hooks/palette_switch.py" in caplog.text and "palette.0123abcd.min.css" in caplog.text
    assert files.get_file_from_path("assets/stylesheets/palette.0123abcd.min.css").abs_src_path == str(stylesheet)
