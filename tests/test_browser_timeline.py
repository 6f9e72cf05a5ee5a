"""The lecture timeline in Chromium, in both languages and in 中英对照: visible,
its links jump to their section, the highlight follows scrolling, keyboard focus
shows a label, and it works (links and all) with JavaScript turned off.
Screenshots of both languages, light and dark, at 1280 and 375 px go to
artifacts/screenshots/."""

from __future__ import annotations

import pytest

from browser import SCREENSHOTS

LECTURES = ["vanishing-exploding-gradients/", "weight-initialization/", "backpropagation-view/"]
URLS = [prefix + page for page in LECTURES for prefix in ("/", "/zh/", "/zh-en/")]


def segments(page):
    return page.evaluate("""() => [...document.querySelectorAll('.lecture-timeline__segment a')]
        .map(a => ({id: decodeURIComponent(a.hash.slice(1)), label: a.innerText.trim(),
                    width: a.getBoundingClientRect().width,
                    current: a.parentNode.classList.contains('is-current')}))""")


@pytest.mark.parametrize("url", URLS)
def test_timeline_links_jump_and_the_highlight_follows_scrolling(visit, url):
    v = visit(viewport={"width": 1280, "height": 900})
    page = v.open(url)
    bar = page.locator(".lecture-timeline")
    assert bar.is_visible(), f"{url}: no visible timeline"
    items = segments(page)
    assert len(items) >= 5 and all(i["width"] > 10 for i in items), f"{url}: segments missing or invisible"

    target = items[3]["id"]
    page.click(f'.lecture-timeline a[href="#{target}"]')
    page.wait_for_function(f"location.hash === '#{target}'")
    page.wait_for_timeout(300)
    top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
    bottom = page.evaluate("document.querySelector('.lecture-timeline').getBoundingClientRect().bottom")
    assert bottom <= top < 900, f"{url}: heading #{target} not shown below the timeline (top {top})"
    assert [i["id"] for i in segments(page) if i["current"]] == [target], f"{url}: highlight not on #{target}"

    last = items[-1]["id"]
    # twice: blocks far from the screen are laid out only when reached (content-visibility),
    # so the first jump can land a little off
    for _ in range(2):
        page.evaluate(f"document.getElementById('{last}').scrollIntoView()")
        page.wait_for_timeout(300)
    assert [i["id"] for i in segments(page) if i["current"]] == [last], f"{url}: highlight did not follow"
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    assert not [i for i in segments(page) if i["current"]], f"{url}: a section is highlighted at the top"

    # keyboard focus shows the label (title, and time range where there is one)
    page.focus(f'.lecture-timeline a[href="#{items[1]["id"]}"]')
    label = page.locator(f'.lecture-timeline a[href="#{items[1]["id"]}"] .lecture-timeline__label')
    box = label.bounding_box()
    clipped = label.evaluate("e => getComputedStyle(e).clipPath")
    assert box and box["width"] > 100 and clipped == "none", f"{url}: focus does not show the label"
    assert not v.errors and not v.outside_requests()


@pytest.mark.parametrize("url", URLS)
def test_timeline_works_without_javascript_and_at_phone_width(visit, url):
    v = visit(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = v.page
    page.goto(v.origin + url)
    items = segments(page)
    assert all(i["width"] >= 20 for i in items), f"{url}: a segment is too narrow to tap at 375 px"
    # (Material's own language menu overflows at 375 px without JavaScript, so the
    # timeline's box is measured, not the page's.)
    right = page.evaluate("Math.max(...[...document.querySelectorAll('.lecture-timeline, .lecture-timeline li, "
                          ".lecture-timeline__label, .lecture-timeline__caption')]"
                          ".map(e => e.getBoundingClientRect().right))")
    assert right <= 375, f"{url}: the timeline is wider than the screen ({right} px)"
    target = items[-1]["id"]
    page.click(f'.lecture-timeline a[href="#{target}"]')
    page.wait_for_function(f"location.hash === '#{target}'")
    top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
    assert 0 <= top < 800, f"{url}: without JavaScript the link does not reach #{target}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 375])
def test_timeline_screenshots(visit, lang, scheme, width):
    v = visit(viewport={"width": width, "height": 700})
    url = ("/" if lang == "en" else "/zh/") + LECTURES[0]
    page = v.open(url)
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    for _ in range(2):
        page.evaluate("document.getElementById('larger-than-identity').scrollIntoView()")
        page.wait_for_timeout(300)
    assert [i["id"] for i in segments(page) if i["current"]] == ["larger-than-identity"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"timeline-{lang}-{scheme}-{width}.png")
