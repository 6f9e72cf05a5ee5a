"""While Material's script starts, it changes nothing that makes Chromium restyle the
whole page: the root element's class, a color-scheme meta tag, or the article's own
children (each a full restyle of about 2,000 elements on a lecture page).

overrides/main.html sets the root classes in the head, hooks/palette_switch.py
serves Material's bundle without the color-scheme tag (extra.css gives the root
element the palette's colour scheme instead), and hooks/table_holder.py puts each
table in a box of its own, so that Material's wrapping of it stays inside the box.
"""

from __future__ import annotations

import pytest

# Installed before any of the page's own scripts runs: records every change from
# the first parsed element on.
RECORDER = """
window.__changes = {rootClasses: [], schemeTags: 0, articleRemovals: 0};
new MutationObserver(records => {
  const article = document.querySelector('.md-content__inner');
  for (const r of records) {
    if (r.type === 'attributes' && r.target === document.documentElement && r.attributeName === 'class')
      window.__changes.rootClasses.push(r.oldValue);
    for (const node of r.addedNodes)
      if (node.nodeName === 'META' && node.getAttribute('name') === 'color-scheme') window.__changes.schemeTags++;
    if (r.type === 'childList' && article && r.target === article && r.removedNodes.length)
      window.__changes.articleRemovals++;
  }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true});
"""

PAGES = ["/weight-initialization/", "/zh/weight-initialization/", "/zh-en/vanishing-exploding-gradients/",
         "/zh/lab/"]


@pytest.mark.parametrize("url", PAGES)
def test_materials_script_starts_without_restyling_the_whole_page(visit, url):
    v = visit(viewport={"width": 412, "height": 823})
    v.page.add_init_script(RECORDER)
    page = v.open(url)
    page.wait_for_timeout(500)  # Material mounts its components just after load
    changes = page.evaluate("window.__changes")
    final = page.evaluate("document.documentElement.className")
    assert set(final.split()) == {"js", "js-focus-visible"}, f"{url}: root classes {final!r}"
    # the head script's change is the only one that changes the value: later ones
    # (Material's, once it has loaded) find the classes already there
    values = changes["rootClasses"][1:] + [final]
    assert len(set(values)) == 1, f"{url}: the root element's classes changed after the head: {values}"
    assert changes["schemeTags"] == 0 and not page.query_selector("meta[name=color-scheme]"), \
        f"{url}: a color-scheme meta tag was added"
    tables = page.evaluate("document.querySelectorAll('.md-content table').length")
    held = page.evaluate("document.querySelectorAll('.md-content .table-holder > .md-typeset__scrollwrap table').length")
    assert held == tables, f"{url}: {tables - held} of {tables} tables are not wrapped inside a .table-holder"
    assert changes["articleRemovals"] == 0, \
        f"{url}: Material's script took {changes['articleRemovals']} children out of the article"


def test_the_root_element_takes_the_palettes_colour_scheme(visit):
    """What Material's color-scheme tag did (the page's scroll bar), done by extra.css."""
    page = visit().open("/zh/weight-initialization/")
    scheme = "getComputedStyle(document.documentElement).colorScheme"
    assert page.evaluate(scheme) == "light"
    page.click("form[data-md-component=palette] label:visible")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate(scheme) == "dark"
    assert page.evaluate("getComputedStyle(document.body).colorScheme") == "dark"


@pytest.mark.parametrize("url", ["/lab/", "/zh/lab/", "/zh-en/lab/", "/zh/weight-initialization/",
                                 "/zh-en/vanishing-exploding-gradients/"])
def test_no_heading_of_the_table_of_contents_is_inside_a_skipped_block(visit, url):
    """Material's table of contents reads every heading's position at load; a heading
    inside a block that content-visibility skips would lay that block out, one block
    after another (hooks/notebooks.py marks the notebook cells with a heading)."""
    page = visit(viewport={"width": 412, "height": 823}).open(url)
    headings = page.evaluate("""() => [...document.querySelectorAll('[data-md-component=toc] .md-nav__link')]
        .map(link => decodeURIComponent(link.hash.slice(1))).filter(Boolean).map(id => {
            const heading = document.getElementById(id);
            let skipped = null;
            for (let e = heading && heading.parentElement; e; e = e.parentElement)
                if (getComputedStyle(e).contentVisibility === 'auto') { skipped = e.className; break; }
            return [id, !!heading, skipped];
        })""")
    assert len(headings) >= 6, f"{url}: {len(headings)} headings in the table of contents"
    for id_, found, skipped in headings:
        assert found, f"{url}: the table of contents links to #{id_}, which is not on the page"
        assert skipped is None, f"{url}: heading #{id_} is inside a block content-visibility can skip ({skipped})"


def test_without_materials_script_the_page_is_as_without_javascript(visit):
    """The head sets the root classes of a page whose script runs; should Material's
    bundle fail to load, the page goes back to "no-js" (search and tabs without it)."""
    v = visit()
    v.page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    v.page.goto(v.origin + "/zh/weight-initialization/", wait_until="load")
    assert v.page.evaluate("document.documentElement.className") == "no-js"
