"""hooks/palette_switch.py: Material's palette.css is served without the one rule,
and its script bundle without the one line, that made every page load restyle the
whole page, and with nothing else changed."""

from __future__ import annotations

import logging
from pathlib import Path

import material
import pytest
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


@pytest.mark.parametrize("src_uri, text, what", [
    ("assets/stylesheets/palette.0123abcd.min.css", "[data-md-color-scheme=slate]{--md-hue:232}", "switching"),
    ("assets/javascripts/bundle.0123abcd.min.js",
     'let o=x("meta",{name:"theme-color"});document.head.appendChild(o);', "color-scheme"),
])
def test_a_material_release_without_what_is_left_out_is_reported(tmp_path, caplog, src_uri, text, what):
    source = tmp_path / src_uri
    source.parent.mkdir(parents=True)
    source.write_text(text, encoding="utf-8")
    files = Files([File(src_uri, str(tmp_path), str(tmp_path / "site"), True)])
    with caplog.at_level(logging.WARNING):
        palette_switch.on_files(files, {})
    assert "hooks/palette_switch.py" in caplog.text and Path(src_uri).name in caplog.text
    assert what in caplog.text
    assert files.get_file_from_path(src_uri).abs_src_path == str(source)


def test_the_served_bundle_is_materials_without_the_color_scheme_tag(site):
    [original] = MATERIAL_SCRIPTS.glob("bundle.*.min.js")
    js = original.read_text(encoding="utf-8")
    served = (site / "assets" / "javascripts" / original.name).read_text(encoding="utf-8")
    [append] = palette_switch.SCHEME_META.finditer(js)
    line = append.group(1)  # the tag is still made, not added
    assert 'name:"color-scheme"' in line
    assert served == js[:append.start()] + line + js[append.end():]
    assert len(js) - len(served) == len(append.group(0)) - len(line) < 40
