"""中英对照 in Chromium: side by side at 1280 px, one after the other at 375 px, no
sideways scrolling, axe clean, and the selector round trip English → 中英对照 →
简体中文 staying on the same section. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import pytest

from browser import AXE, SCREENSHOTS, page_urls

PARALLEL = sorted({"/zh-en" + u.removeprefix("/zh") for u in page_urls()})


def rows(page):
    return page.evaluate("""() => [...document.querySelectorAll('.parallel-row')]
        .filter(r => r.offsetParent !== null).slice(0, 12).map(r => {
          const zh = r.querySelector('.parallel-zh').getBoundingClientRect();
          const en = r.querySelector('.parallel-en').getBoundingClientRect();
          return {zh: [zh.left, zh.top, zh.bottom, zh.width], en: [en.left, en.top, en.bottom, en.width],
                  table: !!r.querySelector('table')};
        })""")


@pytest.mark.parametrize("url", PARALLEL)
def test_side_by_side_on_wide_screens_and_stacked_on_phones(visit, url):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.open(url)
    assert page.evaluate("document.documentElement.lang") == "zh"
    wide = rows(page)
    assert wide, f"{url}: no rows"
    for row in wide:
        if row["table"]:  # rows with a table keep the full width, Chinese above English
            assert row["zh"][2] <= row["en"][1] + 1, f"{url}: a table row is not stacked"
            continue
        assert row["zh"][0] < row["en"][0] and row["zh"][1] == row["en"][1], f"{url}: Chinese not beside English"
    name = url.strip("/").replace("/", "-") or "zh-en"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-1280.png", full_page=True)
    # axe reads colours from rendered boxes: render the blocks that content-visibility
    # skips far from the screen first (as tests/test_browser.py does)
    page.add_style_tag(content=".md-typeset * { content-visibility: visible !important; }")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`)""")
    assert not violations, f"{url}: axe-core reports\n" + "\n".join(violations)
    assert not v.errors, f"{url}: console errors {v.errors}"
    assert not v.outside_requests(), f"{url}: requests outside the site {v.outside_requests()}"

    phone = visit(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page = phone.open(url)
    for row in rows(page):
        assert row["zh"][2] <= row["en"][1] + 1, f"{url}: at 375 px Chinese does not come before English"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{url}: the page scrolls sideways by {overflow}px at 375px"
    page.screenshot(path=SCREENSHOTS / f"{name}-375.png", full_page=True)


def test_selector_round_trip_stays_on_the_section(visit):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.open("/vanishing-exploding-gradients/#larger-than-identity")
    page.wait_for_timeout(200)
    for mode, url in (("zh-x-parallel", "/zh-en/vanishing-exploding-gradients/#larger-than-identity"),
                      ("zh", "/zh/vanishing-exploding-gradients/#larger-than-identity"),
                      ("en", "/vanishing-exploding-gradients/#larger-than-identity")):
        page.hover(".md-header__option .md-select")
        page.click(f'.md-select a[hreflang="{mode}"]')
        page.wait_for_url(v.origin + url)
        page.wait_for_timeout(200)
        top = page.evaluate("document.getElementById('larger-than-identity').getBoundingClientRect().top")
        assert 0 <= top < 400, f"{url}: the section is not in view (top {top})"
    assert not v.errors and not v.outside_requests()
