"""Checks over the built site as a whole: every internal link and anchor resolves
(both languages, offline), and a build from nothing gives the same bytes as the
cached build."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import mkdocs
from sandbox import copy_project


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if tag in ("a", "link", "script", "img", "source", "iframe") and attrs.get(name):
                self.targets.append(attrs[name])


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_every_internal_link_and_anchor_resolves(site):
    pages = {p: parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        url = "/" + page.relative_to(site).as_posix()
        for target in links.targets:
            parts = urlsplit(urljoin(url, target))
            if parts.scheme or target.startswith(("data:", "mailto:", "javascript:")):
                continue  # outside the site: not fetched by the reader's browser unless clicked
            path = site / unquote(parts.path).lstrip("/")
            if parts.path.endswith("/") or path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{url}: {target} (no file {path.relative_to(site)})")
            elif parts.fragment and path.suffix == ".html":
                if unquote(parts.fragment) not in pages[path].ids:
                    broken.append(f"{url}: {target} (no anchor #{parts.fragment})")
    assert not broken, "broken internal links:\n" + "\n".join(sorted(set(broken))[:40])


def test_a_build_from_nothing_equals_the_cached_build(site, tmp_path):
    project = copy_project(tmp_path / "project", caches=False)
    result = mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stderr
    clean = project / "site"
    files = lambda root: sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())
    assert files(clean) == files(site), "the two builds produced different files"
    differ = [str(p) for p in files(site) if (site / p).read_bytes() != (clean / p).read_bytes()]
    assert not differ, f"files that differ between a clean and a cached build: {differ}"


def test_every_code_block_can_be_reached_by_keyboard_before_material_sets_it_up(site):
    """With content.lazy (mkdocs.yml) Material mounts a code block only when it comes into
    view; hooks/accessibility.py makes each one focusable from the start, so that a wide
    block can be scrolled by keyboard (axe: scrollable-region-focusable)."""
    import re

    blocks = missing = 0
    for page in site.rglob("*.html"):
        for code in re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>", page.read_text(encoding="utf-8")):
            blocks += 1
            if 'tabindex="0"' not in code:
                missing += 1
                print(f"{page.relative_to(site)}: {code}")
    assert blocks > 50, f"only {blocks} code blocks found: has the markup changed?"
    assert missing == 0, f"{missing} of {blocks} code blocks are not focusable"
