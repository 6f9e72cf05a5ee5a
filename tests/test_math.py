"""Math is typeset at build time (hooks/math_typeset.py): no math JavaScript is
shipped, every formula of every page (notebook Markdown cells and Chinese pages
too) is KaTeX HTML in the built page, the search index keeps the TeX, and a
formula that does not parse fails the build naming the page and the formula."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

from conftest import mkdocs
from sandbox import copy_project

import math_typeset  # hooks/math_typeset.py

ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
SCRIPT_SRC = re.compile(r'<script[^>]*\bsrc="([^"]+)"')
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html"))


def visible_text(html: str) -> str:
    """The page text a reader sees, without code, scripts and KaTeX's MathML copy."""
    html = re.sub(r"<(script|style|code|pre|annotation)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<div class="clipboard-copy-txt".*?</div>', " ", html, flags=re.S)  # notebook copy buttons
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def test_no_math_javascript_is_shipped(site):
    assert not list(site.rglob("katex*.js")) and not list(site.rglob("auto-render*.js"))
    for page in pages(site):
        scripts = SCRIPT_SRC.findall(page.read_text(encoding="utf-8"))
        assert not [s for s in scripts if re.search(r"katex|mathjax|auto-render", s, re.I)], \
            f"{page.relative_to(site)} loads math JavaScript: {scripts}"


def test_every_formula_is_typeset_in_the_built_page(site):
    seen = {"arithmatex": 0, "notebook": 0, "zh": 0}
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site)
        for tag, body in ARITHMATEX.findall(html):
            assert body.lstrip().startswith('<span class="katex'), f"{where}: formula left untypeset: {body[:80]!r}"
            seen["arithmatex"] += 1
        text = visible_text(html)
        assert "\\(" not in text and "\\[" not in text, f"{where}: raw math delimiters in the page"
        if "jupyter-wrapper" in html:
            leftover = re.findall(r"\$[^$\s][^$]*\$", text)
            assert not leftover, f"{where}: notebook math left as TeX: {leftover[:3]}"
            seen["notebook"] += html.count('class="katex"')
        if where.parts[0] == "zh":
            seen["zh"] += html.count('class="katex"')
        # a page with math links KaTeX's stylesheet; a page without does not
        links = STYLESHEET.findall(html)
        has_katex_css = any(link.endswith("assets/vendor/katex/katex.min.css") for link in links)
        assert has_katex_css == ('class="katex"' in html), f"{where}: KaTeX stylesheet {links}"
    assert all(seen.values()), f"some kind of page has no typeset math: {seen}"


def test_katex_stylesheet_names_only_woff2_fonts_that_exist(site):
    css = (site / "assets/vendor/katex/katex.min.css").read_text(encoding="utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert fonts and all(f.endswith(".woff2") for f in fonts), fonts
    assert all((site / "assets/vendor/katex" / f).is_file() for f in fonts)
    assert not [p for p in (site / "assets/vendor/katex").rglob("*") if p.suffix in (".woff", ".ttf", ".js")]


def test_search_index_holds_tex_not_glyphs(site):
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "katex" not in text and "<math" not in text, "rendered math in the search index"
    assert "\\frac{\\partial L}" in text, "the TeX of the formulas should stay searchable"


def test_the_cache_holds_every_formula_of_the_build(site):
    """A warm build finds every formula in the cache and starts no Node process."""
    cache = json.loads(math_typeset._cache_file_for(math_typeset.ROOT / ".cache" / "katex").read_text(encoding="utf-8"))
    rendered = set()
    for page in pages(site):
        rendered |= set(re.findall(r'<annotation encoding="application/x-tex">(.*?)</annotation>',
                                   page.read_text(encoding="utf-8"), flags=re.S))
    assert len(cache) >= len(rendered) > 50


def test_the_notebook_scanner_skips_code_and_finds_both_kinds_of_dollars():
    cell = ('<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">'
            '<p>Layer $z^{[l]} = W a$ costs</p><p>$$\\sum_i x_i &lt; 1$$</p><code>"$x$"</code></div>')
    spans = math_typeset._math_spans("<p>$not a cell$</p>" + cell)
    assert [(tex, display) for _, _, tex, display, _ in spans] == [("z^{[l]} = W a", False), ("\\sum_i x_i < 1", True)]


class Page:
    """What on_post_page reads of a page."""
    url = "p/"
    file = type("File", (), {"src_uri": "p.md", "dest_uri": "p/index.html", "abs_dest_path": "/nonexistent/p/index.html"})


def typeset_page(body: str) -> str:
    math_typeset.on_config({})
    return math_typeset.on_post_page(f"<html><head></head><body>{body}</body></html>", Page, {})


def marks(html: str) -> list[tuple[str, str]]:
    """(drawn, read) punctuation of each glued formula, in order."""
    return re.findall(r'<span class="math-punct">([^<]*)</span>', html), \
        re.findall(r'<span class="math-punct-read">([^<]*)</span>', html)


def test_punctuation_next_to_an_inline_formula_is_glued_to_it():
    arith = lambda tex: f'<span class="arithmatex">\\({tex}\\)</span>'
    out = typeset_page(f"<p>{arith('a')},{arith('b')}（{arith('c = 1')}）。 and {arith('d')} x</p>"
                       f'<div class="arithmatex">\\[e,\\]</div>.')
    drawn, read = marks(out)
    assert drawn == read == [",", "（", "）。"], (drawn, read)
    assert "</span>,<" not in out and "）。</p>" not in out and "（<span" not in out
    assert 'class="katex-display"' in out and "</div>." in out  # display math is left alone
    # each mark sits in the box of the formula's first or last stretch
    for box in re.findall(r'<span class="katex-base">.*?(?=<span class="katex-base">|</span></span></span>)', out, re.S):
        if "math-punct" in box:
            assert box.count('class="math-punct"') == 1
    # "\(b\)" takes nothing: the "," is \(a\)'s and the "（" is \(c\)'s
    b = out[out.index('x-tex">b</annotation>'):out.index('x-tex">c = 1</annotation>')]
    assert b.count("math-punct") == 1 and "math-punct-read\">（" in b, "between b and c lies only c's read copy of （"


def test_no_punctuation_next_to_a_formula_is_left_outside_it(site):
    """In the built pages, no inline formula is followed, across closing tags, by
    punctuation that may not start a line, or preceded, across opening tags, by
    punctuation that may not end one: such a mark would not be glued (only marks right
    next to the formula are)."""
    closing = "".join(sorted(math_typeset.CLOSING)).replace("]", r"\]")
    opening = "".join(sorted(math_typeset.OPENING)).replace("]", r"\]")
    after = re.compile(rf"^(?:</(?:strong|em|b|i|a|abbr|span)>)+[{closing}]")
    before = re.compile(rf"[{opening}](?:<(?:strong|em|b|i|a|abbr)\b[^>]*>)+$")
    formulas = 0
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<span class="arithmatex">|<span class="katex">', html):
            if html.startswith('<span class="katex">', match.start()) and html[match.start() - 25:match.start()] \
                    .endswith('<span class="arithmatex">'):
                continue  # the KaTeX box of a Markdown formula: its arithmatex wrapper is checked
            end = math_typeset._span_end(html, match.start())
            formulas += 1
            where = f"{page.relative_to(site)}: {html[match.start():end][-120:]!r}"
            assert not after.match(html[end:end + 60]), f"{where} is followed by {html[end:end + 30]!r}"
            assert not before.search(html[max(0, match.start() - 60):match.start()]), where
    assert formulas > 1000


def test_a_formula_that_does_not_parse_fails_the_build_naming_page_and_formula(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "weight-initialization.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n坏公式 \\(\\frac{1}{\\nosuchmacro}\\)。\n", encoding="utf-8")
    result = mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode != 0
    assert "docs/weight-initialization.zh.md" in result.stderr and "\\frac{1}{\\nosuchmacro}" in result.stderr, \
        result.stderr[-2000:]


def test_fonts_are_cut_to_the_glyphs_the_math_uses_and_keep_them_all(site):
    """Each served KaTeX font keeps every character of the site's typeset math that
    the original font has, and is smaller than the original."""
    from fontTools.ttLib import TTFont

    used = set()
    for page in pages(site):
        # punctuation drawn inside a formula is in the text's font, not KaTeX's
        text = re.sub(r'<span class="math-punct">[^<]*</span>', "", page.read_text(encoding="utf-8"))
        for body in re.findall(r'<span class="katex-html"[^>]*>(.*?)</span></span></span>', text, flags=re.S):
            used |= {ord(c) for c in html_lib.unescape(re.sub(r"<[^>]+>", "", body))}
    assert len(used) > 40
    originals = sorted((math_typeset.KATEX / "dist" / "fonts").glob("*.woff2"))
    smaller = 0
    for original in originals:
        served = site / "assets/vendor/katex/fonts" / original.name
        needed = set(TTFont(original).getBestCmap()) & used
        kept = set(TTFont(served).getBestCmap())
        assert needed <= kept, f"{original.name} lost {sorted(chr(c) for c in needed - kept)}"
        smaller += served.stat().st_size < original.stat().st_size
    assert smaller >= len(originals) - 2, "the fonts were not cut down"
