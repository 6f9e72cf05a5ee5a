"""Page weight and stability, as structure (the numbers are measured by `make bench`):
every image has its size reserved, notebook pages share one small stylesheet that
holds only the rules they use, and nothing in <head> blocks rendering but CSS."""

from __future__ import annotations

import re
from pathlib import Path

IMG = re.compile(r"<img\b[^>]*>")
NOTEBOOK_CSS = "assets/stylesheets/notebook.css"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_image_has_its_size_reserved(site):
    count = 0
    for page in pages(site):
        for img in IMG.findall(page.read_text(encoding="utf-8")):
            count += 1
            assert re.search(r'\bwidth="\d+"', img) and re.search(r'\bheight="\d+"', img), \
                f"{page.relative_to(site)}: no width/height on {img[:160]}"
    assert count > 20


def test_notebook_pages_share_one_small_stylesheet(site):
    css = site / NOTEBOOK_CSS
    assert css.is_file() and css.stat().st_size <= 60_000, f"{NOTEBOOK_CSS}: {css.stat().st_size} bytes"
    assert not [p for p in site.rglob("notebook.css") if p != css], "one notebook stylesheet for all pages"
    notebooks = [p for p in pages(site) if "jupyter-wrapper" in p.read_text(encoding="utf-8")]
    assert len(notebooks) >= 2
    for page in notebooks:
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert f'{NOTEBOOK_CSS}">' in head, f"{page.relative_to(site)} does not link {NOTEBOOK_CSS} in <head>"
        assert "<style" not in page.read_text(encoding="utf-8"), f"{page.relative_to(site)} inlines CSS"
    text = css.read_text(encoding="utf-8")
    for needed in (".jp-Cell", ".highlight-ipynb", ".jp-OutputArea"):  # the rules notebook pages need
        assert needed in text, f"{NOTEBOOK_CSS} lost the {needed} rules"
    assert ".jp-FileBrowser" not in text and ".jp-Toolbar" not in text, "unused JupyterLab rules are shipped"


def test_no_script_blocks_rendering(site):
    for page in pages(site):
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        blocking = [s for s in re.findall(r"<script\b[^>]*>", head) if "src=" in s and not re.search(r"\b(defer|async)\b", s)]
        assert not blocking, f"{page.relative_to(site)}: render-blocking scripts in <head>: {blocking}"


LINK = re.compile(r"<link\b[^>]*>")
HREF = re.compile(r'\bhref="([^"]+)"')


def test_each_page_links_only_the_stylesheets_it_needs(site):
    """Every stylesheet in <head> holds up the first paint and, on a phone, is a request
    of its own: Material's two, the site's one (extra.css), KaTeX's on pages with math,
    the notebook rules on notebook pages; nothing else."""
    count = 0
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        if "<head>" not in text or 'http-equiv="refresh"' in text:
            continue  # a redirect page
        head = text.split("</head>", 1)[0]
        assert "<style" not in head, f"{page.relative_to(site)}: CSS inlined in <head>"
        links = [Path(HREF.search(tag).group(1)).name for tag in LINK.findall(head)
                 if re.search(r'\brel="stylesheet"|\bas="style"', tag)]
        material = [name for name in links if re.fullmatch(r"(main|palette)\.[0-9a-f]+\.min\.css", name)]
        expected = {"extra.css"} | ({"katex.min.css"} if 'class="katex"' in text else set()) \
            | ({"notebook.css"} if "jupyter-wrapper" in text else set())
        assert len(material) == 2 and sorted(set(links) - set(material)) == sorted(expected) \
            and len(links) == len(set(links)), f"{page.relative_to(site)}: stylesheets {links}"
        count += 1
    assert count > 20
    own = (site / "assets" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert "@import" not in own, "extra.css imports another stylesheet"
