"""What a reader experiences, checked in a real headless Chromium.

Debian's `chromium`, driven by Playwright (browsers cannot be downloaded here), opens
every page of both languages from the built site served on 127.0.0.1. Screenshots
of each page, light and dark, go to artifacts/screenshots/.

Without Chromium these tests skip locally with a message saying how to install it;
in CI (CI=true) a missing browser is a failure.
"""

from __future__ import annotations

import re

import pytest

from browser import AXE, CJK, SCREENSHOTS, page_urls  # the shared browser (fixtures in conftest.py)


def screenshot_name(url: str, scheme: str) -> str:
    parts = [p for p in url.strip("/").split("/") if p] or ["index"]
    if parts[0] != "zh":
        parts.insert(0, "en")
    if len(parts) == 1:
        parts.append("index")
    return "-".join(parts) + f"-{scheme}.png"


@pytest.mark.parametrize("url", page_urls())
def test_page_as_a_reader_sees_it(visit, url):
    chinese = url.startswith("/zh/")
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.open(url)

    # math: every formula typeset by KaTeX, no raw delimiters left in the text
    unrendered = page.evaluate("""() => [...document.querySelectorAll('.arithmatex')]
        .filter(e => !e.querySelector('.katex')).length""")
    assert unrendered == 0, f"{url}: {unrendered} formulas were not typeset"
    text = page.evaluate("document.querySelector('.md-content').innerText")
    assert "\\(" not in text and "\\[" not in text, f"{url}: raw math delimiters in the text"
    notebook_text = page.evaluate("""() => [...document.querySelectorAll('.jp-MarkdownOutput')]
        .map(e => e.innerText).join(' ')""")
    assert not re.search(r"\$[^$\s][^$]*\$", notebook_text), f"{url}: raw $...$ math in a notebook cell"

    # images: loaded, non-empty, with alt text in the page's language (figures load
    # lazily, as a reader scrolls to them: load them all now)
    page.evaluate("""() => Promise.all([...document.querySelectorAll('.md-content img')].map(i => {
        i.loading = 'eager';
        return i.complete ? null : new Promise(done => { i.onload = i.onerror = done; });
    }))""")
    images = page.evaluate("""() => [...document.querySelectorAll('.md-content img')].map(i => ({
        src: i.getAttribute('src').slice(0, 60), alt: i.getAttribute('alt') || '',
        ok: i.complete && i.naturalWidth > 0 && (i.getBoundingClientRect().width > 0
            || /#only-(dark|light)$/.test(i.getAttribute('src')) && getComputedStyle(i).display === 'none')}))""")
    for image in images:
        assert image["ok"], f"{url}: image {image['src']} did not load or has no size"
        assert image["alt"].strip(), f"{url}: image {image['src']} has no alt text"
        assert bool(CJK.search(image["alt"])) == chinese, f"{url}: alt text in the wrong language"

    # light and dark, with screenshots for people to look at
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / screenshot_name(url, "light"), full_page=True)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.click("form[data-md-component=palette] label:visible")
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{scheme}'")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.screenshot(path=SCREENSHOTS / screenshot_name(url, "dark"), full_page=True)

    # accessibility: no serious or critical axe-core violation. axe reads colours from
    # rendered boxes, and blocks far from the screen are not rendered (content-visibility
    # in extra.css): render them all first, as a reader scrolling through would.
    page.add_style_tag(content=".md-typeset * { content-visibility: visible !important; }")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`)""")
    assert not violations, f"{url}: axe-core reports\n" + "\n".join(violations)

    assert not v.errors, f"{url}: console errors {v.errors}"
    assert not v.outside_requests(), f"{url}: requests outside the site {v.outside_requests()}"


@pytest.mark.parametrize("url", page_urls())
def test_language_selector_leads_to_the_same_page_and_back(visit, url):
    v = visit()
    page = v.open(url)
    chinese = url.startswith("/zh/")
    other, counterpart = ("en", url.removeprefix("/zh")) if chinese else ("zh", "/zh" + url)
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select a[hreflang="{other}"]')
    # (the selector may carry the section being read: section-links.js)
    page.wait_for_url(re.compile(re.escape(v.origin + counterpart) + r"(#[^/]*)?$"))
    assert page.evaluate("document.documentElement.lang") == other
    page.hover(".md-header__option .md-select")
    page.click(f'.md-select a[hreflang="{"zh" if other == "en" else "en"}"]')
    page.wait_for_url(re.compile(re.escape(v.origin + url) + r"(#[^/]*)?$"))
    assert not v.errors and not v.outside_requests()


@pytest.mark.parametrize("url", page_urls())
def test_usable_at_phone_width(visit, url):
    v = visit(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page = v.open(url)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url}: the page scrolls sideways by {overflow}px at 375px"


@pytest.mark.parametrize("url", ["/weight-initialization/", "/zh-en/vanishing-exploding-gradients/"])
def test_tab_sets_wait_by_their_panels_not_as_a_whole(visit, url):
    """Material's script measures every tab set's labels at load. A set inside a block
    that content-visibility skips would be laid out whole (figure and code) for that
    measurement, so only the panels are skipped (extra.css)."""
    page = visit(viewport={"width": 412, "height": 823}).open(url)
    sets = page.evaluate("""() => [...document.querySelectorAll('.md-typeset .tabbed-set')].map(set => [
        getComputedStyle(set).contentVisibility,
        getComputedStyle(set.querySelector(':scope > .tabbed-content')).contentVisibility])""")
    assert len(sets) >= 4, f"{url}: {len(sets)} tab sets"
    for number, (whole, panels) in enumerate(sets):
        assert whole == "visible" and panels == "auto", \
            f"{url}: tab set {number}: the set is {whole!r}, its panels {panels!r}"
    outer = page.evaluate("""() => [...document.querySelectorAll('.md-typeset .tabbed-set')].filter(set =>
        [...(function* () { for (let e = set.parentElement; e; e = e.parentElement) yield e; })()]
            .some(e => getComputedStyle(e).contentVisibility === 'auto')).length""")
    assert outer == 0, f"{url}: {outer} tab sets sit inside a block that content-visibility can skip"


@pytest.mark.parametrize("start, query, expected, language", [
    ("/zh/", "梯度", "/zh/vanishing-exploding-gradients/", "zh"),
    ("/", "initialization", "/weight-initialization/", "en"),
])
def test_search_finds_the_right_pages(visit, site, start, query, expected, language):
    v = visit()
    page = v.open(start)
    field = "input[data-md-component=search-query]"
    page.click(field)
    # Material searches on key events; Chinese text arrives through an input method,
    # so put the text in and finish with a key press, as an IME commit does.
    page.fill(field, query)
    page.press(field, "End")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=15000)
    links = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item > a')]
        .map(a => new URL(a.href).pathname)""")
    assert any(link.startswith(expected) for link in links), f"search for {query!r} found {links}"
    for link in set(links):  # every result really contains the word
        text = (site / link.lstrip("/") / "index.html").read_text(encoding="utf-8").lower()
        assert query.lower() in text, f"search for {query!r} returned {link}, which does not contain it"
    if language == "zh":
        assert sum(link.startswith("/zh/") for link in links) > len(links) / 2
    assert not v.errors and not v.outside_requests()


@pytest.mark.parametrize("url, touch", [("/weight-initialization/", False), ("/zh/weight-initialization/", True)])
def test_glossary_definition_shows_on_hover_and_on_tap(visit, url, touch):
    context = {"has_touch": True, "is_mobile": True, "viewport": {"width": 390, "height": 800}} if touch else {}
    v = visit(**context)
    page = v.open(url)
    term = page.locator("abbr.glossary").first
    definition = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap() if touch else term.hover()
    page.wait_for_selector(".md-tooltip2--active")
    shown = page.evaluate("document.querySelector('.md-tooltip2--active').innerText")
    assert shown.strip() == definition and bool(CJK.search(shown)) == url.startswith("/zh/")
