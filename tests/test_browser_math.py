"""Punctuation keeps to the inline formula it follows or precedes, at every width.

Chromium may break a line before or after any inline-block, and KaTeX builds an
inline formula of inline-blocks, so without hooks/math_typeset.py's glue a line
could start with the "。" or "," after a formula, or end with the "（" before it.
hooks/math_typeset.py draws such punctuation inside the formula, in the unbreakable
box of its first or last stretch. Each paragraph that holds such punctuation is laid
out at widths from 280 px (the text column of a 320 px phone) to its own, and at each
one the punctuation must sit on the line of the formula's first (or last) stretch,
and no stretch that fits in the column may run past its edge (the formula still
breaks where KaTeX lets it). The same sweep with the punctuation put back outside
its formula, as the Markdown has it, must find such breaks: the check can fail.
"""

from __future__ import annotations

import pytest

PAGES = ["/weight-initialization/", "/zh/weight-initialization/", "/zh/vanishing-exploding-gradients/",
         "/zh/lab/"]

# Returns [checked, broken, outside]: how many (punctuation mark, width) pairs were
# checked; those with the mark on another line than its formula's stretch; and the
# stretches that fit in the column but ran past its edge. With `unglue`, each mark is
# first put back outside its formula, where the Markdown has it.
SWEEP = """(unglue) => {
  document.querySelectorAll('.md-content details').forEach(d => { d.open = true; });  // folded answers too
  const pairs = [...document.querySelectorAll('.md-content .math-punct')].map(mark => {
    const base = mark.parentNode, lead = mark.previousSibling === null;
    if (unglue) {
      const formula = base.closest('.arithmatex') || base.closest('.katex');
      const text = document.createTextNode(mark.textContent);
      formula.parentNode.insertBefore(text, lead ? formula : formula.nextSibling);
      mark.remove();
      const range = document.createRange();
      range.selectNodeContents(text);
      return [range, base];
    }
    return [mark, base];
  });
  const blocks = [...new Set(pairs.map(([, base]) => base.closest('p, li, td, th, dd, figcaption')))];
  const middle = r => (r.top + r.bottom) / 2;
  const apart = (a, b) => middle(a) < b.top || middle(a) > b.bottom;
  let checked = 0, broken = [], outside = [];
  for (const block of blocks) {
    const full = block.getBoundingClientRect().width, saved = block.style.width;
    const here = pairs.filter(([, base]) => block.contains(base));
    for (let w = 280; w <= full; w += 3) {
      block.style.width = w + 'px';
      const edge = block.getBoundingClientRect().right;
      for (const [mark, base] of here) {
        const tex = () => base.closest('.katex').querySelector('annotation').textContent;
        const box = base.getBoundingClientRect();
        // the formula still breaks where KaTeX lets it: a stretch that fits stays inside
        if (box.width <= w && box.right > edge + 1) outside.push(`${w} px: ${tex()}`);
        checked++;
        if (apart(mark.getBoundingClientRect(), box)) broken.push(`${w} px: ${mark.toString() || mark.textContent} apart from ${tex()}`);
      }
    }
    block.style.width = saved;
  }
  return [checked, broken, outside];
}"""


@pytest.mark.parametrize("url", PAGES)
def test_punctuation_stays_on_the_line_of_its_formula(visit, url):
    page = visit(viewport={"width": 1280, "height": 900}).open(url)
    count = page.evaluate("document.querySelectorAll('.md-content .math-punct').length")
    assert count >= 10, f"{url}: only {count} formulas with punctuation next to them are glued"
    checked, broken, outside = page.evaluate(SWEEP, False)
    assert checked > 1000, f"{url}: the sweep checked only {checked} placements"
    assert not broken, f"{url}: punctuation on another line than its formula: {broken[:5]}"
    assert not outside, f"{url}: a formula's stretch runs past the text column: {outside[:5]}"
    # screen readers get each drawn punctuation mark once, from the text
    drawn = page.evaluate("[...document.querySelectorAll('.md-content .math-punct')].map(e => e.textContent).join('')")
    read = page.evaluate("[...document.querySelectorAll('.md-content .math-punct-read')].map(e => e.textContent).join('')")
    assert drawn == read and drawn, f"{url}: drawn punctuation {drawn[:20]!r}, read {read[:20]!r}"
    hidden = page.evaluate("""[...document.querySelectorAll('.md-content .math-punct')]
        .every(e => e.closest('[aria-hidden=true]'))""")
    assert hidden, f"{url}: drawn punctuation that screen readers would also read"
    _, unglued, _ = page.evaluate(SWEEP, True)
    assert unglued, f"{url}: with the punctuation outside its formula, as written, no mark was ever parted " \
                    "from it: the sweep checks nothing"
