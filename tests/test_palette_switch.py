"""hooks/palette_switch.py: Material's palette.css is served without the one rule,
and its script bundle without the one line, that made every page load restyle the
whole page, and with nothing else changed."""

from __future__ import annotations

import logging
from pathlib import Path

import material
from mkdocs.structure.files import File, Files

import palette_switch  # hooks/palette_switch.py

MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
MATERIAL_SCRIPTS = MATERIAL_STYLESHEETS.parent / "javascripts"


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


def test_the_served_bundle_is_materials_without_the_color_scheme_tag(site):
    [original] = MATERIAL_SCRIPTS.glob("bundle.*.min.js")
    js = original.read_text(encoding="utf-8")
    served = (site / "assets" / "javascripts" / original.name).read_text(encoding="utf-8")
    [append] = palette_switch.SCHEME_META.finditer(js)
    line = append.group(1)  # the tag is still made, not added
    assert 'name:"color-scheme"' in line
    assert served == js[:append.start()] + line + js[append.end():]
    assert len(js) - len(served) == len(append.group(0)) - len(line) < 40


def test_a_material_bundle_without_the_line_is_reported(tmp_path, caplog):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.0123abcd.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text('let o=x("meta",{name:"theme-color"});document.head.appendChild(o);', encoding="utf-8")
    files = Files([File("assets/javascripts/bundle.0123abcd.min.js", str(tmp_path), str(tmp_path / "site"), True)])
    with caplog.at_level(logging.WARNING):
        palette_switch.on_files(files, {})
    assert "hooks/palette_switch.py" in caplog.text and "bundle.0123abcd.min.js" in caplog.text
    assert "color-scheme" in caplog.text
    assert files.get_file_from_path("assets/javascripts/bundle.0123abcd.min.js").abs_src_path == str(bundle)
