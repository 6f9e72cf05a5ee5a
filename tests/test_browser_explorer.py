"""The initialization explorer (weight-initialization page) in Chromium, both languages.

Its numbers are NumPy's: the browser's explore() and snippets/initialization_explorer.py
run on the same settings give the same spreads (to 1e-12, the order of the final
sums aside) and the same histograms. Each control changes the chart, the setting
round-trips through the URL, the live region announces the key ratios, the page is
axe-clean and requests nothing outside the site, and without JavaScript the static
figure of the default setting is shown. Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import numpy as np
import pytest

from browser import AXE, SCREENSHOTS

URLS = ["/weight-initialization/", "/zh/weight-initialization/"]


@pytest.fixture
def numpy_explorer(initialization_explorer):
    return initialization_explorer


def open_explorer(visit, url, **context):
    v = visit(viewport={"width": 1280, "height": 900}, **context)
    page = v.open(url)
    page.locator("#explorer").scroll_into_view_if_needed()
    page.wait_for_function("window.initExplorer !== undefined")  # fetched when the section is near
    page.locator(".init-explorer").scroll_into_view_if_needed()
    if "?" in url:  # a setting in the URL is drawn as soon as the explorer is near
        page.wait_for_selector(CHART, state="attached", timeout=20000)
    return v, page


CHART = "figure canvas.ie-chart"
PIXELS = f"() => {{ const c = document.querySelector('{CHART}'); return c ? c.toDataURL() : ''; }}"


def chart(page) -> str:
    """The chart's pixels (a PNG data URL), or '' while it has not been drawn."""
    return page.evaluate(PIXELS)


def settle(page, before: str) -> str:
    page.wait_for_function(f"(old) => {{ const now = ({PIXELS})(); return now && now !== old; }}",
                           arg=before, timeout=10000)
    return chart(page)


# Pixels of the chart at least half opaque, by luminance: [dark (< 60), light (> 150)].
INK = f"""() => {{
    const c = document.querySelector('{CHART}'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let dark = 0, light = 0;
    for (let i = 0; i < d.length; i += 4) {{
        if (d[i + 3] < 128) continue;
        const y = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
        if (y < 60) dark++; else if (y > 150) light++;
    }}
    return [dark, light];
}}"""

# Opaque pixels of the chart within 24 of a CSS colour on each channel (the colour as the
# browser resolves it on an element of the page, system colours included).
INKED_IN = f"""(colour) => {{
    const probe = document.createElement('span');
    probe.style.cssText = 'forced-color-adjust: none; color: ' + colour;
    document.querySelector('{CHART}').parentNode.appendChild(probe);
    const rgb = getComputedStyle(probe).color.match(/[\\d.]+/g).slice(0, 3).map(Number);
    probe.remove();
    const c = document.querySelector('{CHART}'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let count = 0;
    for (let i = 0; i < d.length; i += 4)
        if (d[i + 3] > 200 && rgb.every((v, k) => Math.abs(d[i + k] - v) <= 24)) count++;
    return count;
}}"""


def chart_property(page, name: str) -> str:
    """A custom property of the chart (extra.css), as the script reads it."""
    return page.evaluate(f"getComputedStyle(document.querySelector('{CHART}')).getPropertyValue('{name}').trim()")



SETTINGS = ([(act, init, 1.0, 12) for act in ("linear", "tanh", "sigmoid", "relu")
             for init in ("zeros", "normal", "small", "lecun", "glorot", "he")]
            + [("tanh", "normal", 4.0, 100), ("sigmoid", "small", 0.25, 100), ("relu", "he", 2.0, 100),
               ("linear", "normal", 4.0, 100), ("tanh", "he", 1.0, 2),
               # the same forward pass cut and extended again (its arrays are reused)
               ("relu", "he", 1.0, 100), ("relu", "he", 1.0, 10), ("relu", "he", 1.0, 60)])


def test_the_browser_computes_what_numpy_computes(visit, numpy_explorer):
    v, page = open_explorer(visit, URLS[0])
    assert page.evaluate("() => Object.keys(initExplorer)").count("explore") == 1
    for act, init, k, depth in SETTINGS:
        js = page.evaluate("([a, i, k, d]) => initExplorer.explore(a, i, k, d)", [act, init, k, depth])
        py = numpy_explorer["explore"](act, init, k, depth)
        where = f"{act}, {init}, k={k}, depth {depth}"
        assert js["layers"] == py["layers"], where
        for key in ("act_std", "grad_std"):
            assert np.allclose(js[key], py[key], rtol=1e-12, atol=0), f"{where}: {key} differs"
        for key in ("act_range", "grad_range"):
            assert js[key] == list(py[key]), f"{where}: {key} differs"
        for key in ("act_hist", "grad_hist"):
            assert np.allclose(js[key], py[key], rtol=0, atol=1e-15), f"{where}: {key} differs"
    assert not v.errors, v.errors


def test_the_choices_are_the_scripts(visit, numpy_explorer):
    v, page = open_explorer(visit, URLS[1])
    options = page.evaluate("""() => ({
        act: [...document.querySelectorAll('#ie-act option')].map(o => o.value),
        init: [...document.querySelectorAll('#ie-init option')].map(o => o.value),
        k: [document.querySelector('#ie-k').min, document.querySelector('#ie-k').max],
        depth: [document.querySelector('#ie-depth').min, document.querySelector('#ie-depth').max]})""")
    assert options["act"] == list(numpy_explorer["ACTIVATIONS"])
    assert options["init"] == list(numpy_explorer["INITIALIZATIONS"])
    assert options["k"] == ["-2", "2"] and options["depth"] == ["2", "100"]  # k from 1/4 to 4, 2 to 100 layers


@pytest.mark.parametrize("url", URLS)
def test_each_control_changes_the_chart_and_the_url_round_trips(visit, url):
    v, page = open_explorer(visit, url)
    page.wait_for_timeout(500)
    pixels = chart(page)  # nothing computed yet: the build's figure of the default setting
    assert pixels == "" and page.locator("img[src*='initialization_explorer.svg#only-light']").is_visible()
    assert page.evaluate("document.querySelector('.init-explorer [role=status]').textContent") == ""
    page.select_option("#ie-act", "tanh")
    pixels = settle(page, pixels)
    page.select_option("#ie-init", "normal")
    pixels = settle(page, pixels)
    page.focus("#ie-k")
    page.keyboard.press("ArrowLeft")                      # keyboard: one step of 2^0.25 down
    pixels = settle(page, pixels)
    page.fill("#ie-depth", "30")
    page.dispatch_event("#ie-depth", "input")
    pixels = settle(page, pixels)
    # the address is rewritten once the reader stops changing the controls
    want = "?act=tanh&init=normal&k=0.841&depth=30"
    try:
        page.wait_for_function("(want) => location.search === want", arg=want, timeout=5000)
    finally:
        query = page.evaluate("location.search")
    assert query == want, query
    assert page.evaluate("document.querySelector('#ie-k').getAttribute('aria-valuetext')") == "k = 0.841"
    # announced once the reader stops changing the controls
    page.wait_for_function("document.querySelector('.init-explorer [role=status]').textContent.includes('30')")
    status = page.evaluate("document.querySelector('.init-explorer [role=status]').textContent")
    assert "30" in status and "×" in status, status
    shared = page.url
    v2 = visit(viewport={"width": 1280, "height": 900})
    page2 = v2.open(shared.replace(v.origin, ""))
    page2.locator("#explorer").scroll_into_view_if_needed()
    page2.wait_for_function("window.initExplorer !== undefined")
    page2.locator(".init-explorer").scroll_into_view_if_needed()
    page2.wait_for_selector(CHART, state="attached", timeout=20000)  # restored, drawn
    restored = page2.evaluate("""() => ['act', 'init', 'k', 'depth'].map(n =>
        document.querySelector('#ie-' + n).value)""")
    assert restored == ["tanh", "normal", "-0.25", "30"], restored
    page2.wait_for_function(f"(old) => ({PIXELS})() === old",
                            arg=pixels, timeout=10000)  # the same setting draws the same pixels
    # the language selector keeps the setting (and the section being read)
    other = "zh" if not url.startswith("/zh/") else "en"
    with page2.expect_navigation():
        page2.evaluate(f"document.querySelector('.md-select__link[hreflang={other}]').click()")
    assert page2.url.split("?", 1)[1].startswith("act=tanh&init=normal&k=0.841&depth=30"), page2.url
    assert "#explorer" in page2.url, page2.url
    assert not v.errors and not v2.errors, v.errors + v2.errors
    assert not v.outside_requests() and not v2.outside_requests()


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("scheme,width", [("light", 1280), ("dark", 1280), ("light", 375)])
def test_explorer_as_a_reader_sees_it(visit, url, scheme, width):
    v = visit(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = v.open(url + "?act=relu&init=lecun&k=1&depth=50")
    page.locator("#explorer").scroll_into_view_if_needed()
    page.wait_for_function("window.initExplorer !== undefined")
    page.locator(".init-explorer").scroll_into_view_if_needed()
    page.wait_for_selector(CHART, state="attached", timeout=20000)
    assert page.locator(".init-explorer form").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{url}: horizontal scroll"
    hidden = page.evaluate("""() => [...document.querySelectorAll("img[src*='initialization_explorer.']")]
        .every(i => getComputedStyle(i).display === 'none')""")
    assert hidden, f"{url}: the static figure is still shown beside the live one"
    ratio = float(page.evaluate("document.querySelector('.init-explorer').dataset.ratioAct"))
    assert 1e-9 < ratio < 1e-6, f"{url}: ReLU with LeCun should shrink the activations (ratio {ratio})"
    dark, light = page.evaluate(INK)  # the chart's text, frames and lines follow the palette
    if scheme == "dark":
        assert dark == 0 and light > 500, f"{url}: dark ink on the dark palette ({dark} dark, {light} light pixels)"
    else:
        assert dark > 500, f"{url}: too little dark ink on the light palette ({dark} dark pixels)"
    for n in range(3):  # each layer's line in the palette's colour for it
        colour = chart_property(page, f'--ie-layer{n}')
        assert page.evaluate(INKED_IN, colour) > 100, f"{url}: no line drawn in {colour} (--ie-layer{n})"
    page.locator(CHART).scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    lang = "zh" if url.startswith("/zh/") else "en"
    page.screenshot(path=SCREENSHOTS / f"{lang}-explorer-{scheme}-{width}.png")
    page.add_style_tag(content=".md-typeset * { content-visibility: visible !important; }")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run({include: [['.init-explorer'], ['figure:has(canvas.ie-chart)']]},
            {resultTypes: ['violations']}))
        .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`)""")
    assert not violations, f"{url}: axe-core reports\n" + "\n".join(violations)
    assert not v.errors and not v.outside_requests(), v.errors + v.outside_requests()


@pytest.mark.parametrize("url", URLS)
def test_switching_the_palette_redraws_the_chart_in_its_colours(visit, url):
    v, page = open_explorer(visit, url + "?act=tanh&init=glorot&k=1&depth=20")
    page.wait_for_function(f"(old) => ({PIXELS})() !== old", arg="", timeout=10000)
    before = chart(page)
    light_colour = chart_property(page, '--ie-layer0')
    dark, light = page.evaluate(INK)
    assert dark > 500, f"{url}: the light palette's chart has too little dark ink ({dark} pixels)"
    page.click("form[data-md-component=palette] label:visible")
    after = settle(page, before)
    dark, light = page.evaluate(INK)
    assert dark == 0 and light > 500, f"{url}: after switching to dark, {dark} dark and {light} light pixels"
    colour = chart_property(page, '--ie-layer0')
    assert colour != light_colour and page.evaluate(INKED_IN, colour) > 100, f"{url}: no line in {colour} after the switch"
    page.click("form[data-md-component=palette] label:visible")
    assert settle(page, after) == before, f"{url}: switching back does not draw the same chart"
    assert not v.errors, v.errors


def test_in_forced_colours_the_chart_takes_the_systems_colours(visit):
    v, page = open_explorer(visit, URLS[0] + "?act=tanh&init=glorot&k=1&depth=20", forced_colors="active")
    for name, system in (("text", "CanvasText"), ("layer0", "LinkText"), ("layer1", "Highlight")):
        value = chart_property(page, f"--ie-{name}")
        assert value == system, f"--ie-{name} is {value} in forced colours"
        assert page.evaluate(INKED_IN, system) > 100, f"forced colours: nothing drawn in {system} (--ie-{name})"
    assert not v.errors, v.errors


@pytest.mark.parametrize("url", URLS)
def test_without_javascript_the_default_figure_is_shown(visit, url):
    v = visit(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = v.page
    page.goto(v.origin + url, wait_until="networkidle")
    assert not page.locator(".init-explorer form").is_visible()
    assert page.locator(".init-explorer__noscript").is_visible()
    image = page.locator("img[src*='initialization_explorer.svg#only-light']")
    image.scroll_into_view_if_needed()
    page.wait_for_function("""() => { const i = document.querySelector("img[src*='initialization_explorer.svg']");
        return i.complete && i.naturalWidth > 0; }""")
    assert image.is_visible()
