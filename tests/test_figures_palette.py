"""Figures that follow the palette (hooks/figures.py): every figure has a version
for the dark palette, drawn from the same script, and the pages show the one that
fits; in Chromium, a figure's pixels are dark in dark mode and light in light mode."""

from __future__ import annotations

import colorsys
import io
import re

import pytest

from browser import SCREENSHOTS
from figures import dark_colour, dark_svg


def lightness(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return colorsys.rgb_to_hls(r, g, b)[1]


def test_dark_colours_invert_greys_and_lighten_colours():
    assert lightness(dark_colour("ffffff")) < 0.2 < 0.8 < lightness(dark_colour("000000"))
    assert lightness(dark_colour("b0b0b0")) < 0.5          # the grid stays discreet
    for colour in ("1f77b4", "ff7f0e", "2ca02c", "d62728", "9467bd"):   # Matplotlib's first colours
        hue = colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)))[0]
        dark = dark_colour(colour)
        turn = abs(colorsys.rgb_to_hls(*(int(dark[i:i + 2], 16) / 255 for i in (0, 2, 4)))[0] - hue)
        assert min(turn, 1 - turn) < 0.02, f"#{colour} changes hue"
        assert lightness(dark) >= 0.6, f"#{colour} is too dark on the dark page once mapped ({dark})"
    svg = b'<svg width="1pt"><path style="fill: #ffffff"/><use style="fill: #000000"/></svg>'
    assert dark_svg(svg) == dark_svg(svg) and b"#ffffff" not in dark_svg(svg) and b"#000000" not in dark_svg(svg)


def test_every_figure_has_a_dark_version_shown_only_in_dark_mode(site):
    figures = sorted(p.name for p in (site / "figures").glob("*.svg") if not p.name.endswith(".dark.svg"))
    assert figures
    for name in figures:
        assert (site / "figures" / name.replace(".svg", ".dark.svg")).is_file(), f"no dark version of {name}"
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        light = re.findall(r'src="[^"]*figures/([\w-]+)\.svg#only-light"', html)
        dark = re.findall(r'src="[^"]*figures/([\w-]+)\.dark\.svg#only-dark"', html)
        assert light == dark, f"{page.relative_to(site)}: figures without their dark twin"
        assert not re.search(r'src="[^"]*figures/[\w-]+\.svg"', html), f"{page.relative_to(site)}: a figure without palette"


def mean_lightness(png: bytes) -> float:
    import matplotlib.image

    pixels = matplotlib.image.imread(io.BytesIO(png), format="png")[..., :3]
    return float(pixels.mean())


@pytest.mark.parametrize("url", ["/weight-initialization/", "/zh/vanishing-exploding-gradients/"])
def test_a_figure_is_dark_in_dark_mode_and_light_in_light_mode(visit, url):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.open(url)
    measured = {}
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        figure = page.locator(".md-typeset figure img:visible").first
        figure.scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=figure.element_handle())
        png = figure.screenshot()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"figure-{url.strip('/').replace('/', '-')}-{scheme}.png").write_bytes(png)
        measured[scheme] = mean_lightness(png)
    assert measured["default"] > 0.85, f"{url}: the light figure is not light ({measured})"
    assert measured["slate"] < 0.3, f"{url}: the dark figure is not dark ({measured})"
    assert not v.errors and not v.outside_requests()
