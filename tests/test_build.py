"""The built site: strict build, figures in pages, nothing loaded from outside,
language selector, search in both languages, and clear failures when broken."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from conftest import mkdocs
from sandbox import copy_project
from mdtools import DOCS, ROOT, english_pages

# --- helpers ----------------------------------------------------------------------

RESOURCE_ATTRS = {  # tag -> attributes whose URL the browser fetches by itself
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",), "embed": ("src",),
    "object": ("data",), "link": ("href",),
}
FETCHED_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                     "modulepreload", "manifest", "apple-touch-icon"}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.resources: list[str] = []
        self.images: list[dict] = []
        self.lang_links: dict[str, str] = {}
        self.html_lang = None
        self.inline_scripts: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src"):
            self._in_inline_script = True
            self.inline_scripts.append("")
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "link" and not FETCHED_LINK_RELS & set((attrs.get("rel") or "").split()):
            return
        for name in RESOURCE_ATTRS.get(tag, ()):
            if attrs.get(name):
                self.resources += [part.split()[0] for part in attrs[name].split(",")]
        if tag == "img":
            self.images.append(attrs)
        if tag == "a" and "md-select__link" in (attrs.get("class") or ""):
            self.lang_links[attrs["hreflang"]] = attrs["href"]


    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False

    def handle_data(self, data):
        if self._in_inline_script:
            self.inline_scripts[-1] += data


URL_IN_CODE = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*""")


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def url_of(site: Path, page: Path) -> str:
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


def leaves_origin(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in ("data", "blob")) or url.startswith("//")


# --- the build ----------------------------------------------------------------------

def test_both_languages_are_built(site):
    for page in english_pages():
        stem = page.relative_to(DOCS).with_suffix("").as_posix()
        folder = "" if stem == "index" else stem.removesuffix("/index") + "/"
        for prefix, lang in (("", "en"), ("zh/", "zh")):
            html = site / prefix / folder / "index.html"
            assert html.is_file(), f"{html.relative_to(site)} was not built from docs/{stem}"
            assert parse(html).html_lang == lang, f"{html.relative_to(site)} is not marked lang={lang}"


def test_figures_are_in_the_pages_as_valid_svg(site):
    shown = 0
    for page in built_pages(site):
        for image in parse(page).images:
            if "/figures/" not in urljoin(url_of(site, page), image["src"]):
                continue
            # (#only-light / #only-dark pick the palette, see hooks/figures.py)
            target = site / urljoin(url_of(site, page), image["src"].split("#")[0]).lstrip("/")
            assert target.is_file(), f"{page.relative_to(site)} shows {image['src']}, which was not built"
            assert ElementTree.parse(target).getroot().tag.endswith("svg")
            assert image.get("alt"), f"{page.relative_to(site)}: figure {image['src']} has no alt text"
            shown += 1
    assert shown > 0, "no page shows a figure"
    assert not any(p.suffix in (".svg", ".png") for p in (ROOT / "docs").rglob("*")), \
        "generated images must not be committed under docs/"


def test_no_request_leaves_the_origin(site):
    for page in built_pages(site):
        parsed = parse(page)
        outside = [url for url in parsed.resources if leaves_origin(url)]
        assert not outside, f"{page.relative_to(site)} loads from outside the site: {outside}"
        in_scripts = [url for script in parsed.inline_scripts for url in URL_IN_CODE.findall(script)]
        assert not in_scripts, f"{page.relative_to(site)} has inline scripts that name outside URLs: {in_scripts}"
    for css in site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        urls += re.findall(r"@import\s+['\"]([^'\"]+)", css.read_text(encoding="utf-8"))
        outside = [url for url in urls if leaves_origin(url)]
        assert not outside, f"{css.relative_to(site)} loads from outside the site: {outside}"


def test_language_selector_leads_to_the_same_page(site):
    for page in built_pages(site):
        url = url_of(site, page)
        english_url = url.removeprefix("/zh-en").removeprefix("/zh")
        links = parse(page).lang_links
        assert set(links) == {"en", "zh", "zh-x-parallel"}, f"{url}: language selector has {sorted(links)}"
        assert urljoin(url, links["zh-x-parallel"]) == "/zh-en" + english_url, f"{url}: 中英对照 link"
        assert urljoin(url, links["en"]) == english_url, f"{url}: English link goes to {links['en']}"
        assert urljoin(url, links["zh"]) == "/zh" + english_url, f"{url}: Chinese link goes to {links['zh']}"


# --- search -------------------------------------------------------------------------

def search(site: Path, query: str) -> set[str]:
    """Pages whose indexed words contain every word of the query, as lunr splits them."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    terms = [t for t in separator.split(query.lower()) if t]
    found = set()
    for doc in index["docs"]:
        words = set(separator.split(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()))
        if all(term in words for term in terms):
            found.add(doc["location"].split("#")[0])
    return found


@pytest.mark.parametrize("query, language", [("gradients", "en"), ("梯度", "zh"), ("方差", "zh")])
def test_search_finds_every_page_that_contains_the_word(site, query, language):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    containing = {doc["location"].split("#")[0] for doc in index["docs"]
                  if query in doc["text"].replace("\u200b", "") and
                  doc["location"].startswith("zh/") == (language == "zh")}
    if query == "方差" and not containing:
        pytest.fail("no Chinese page mentions 方差 yet: the search test needs a page that does")
    assert containing, f"no {language} page contains {query!r}"
    assert containing <= search(site, query), f"search for {query!r} misses {containing - search(site, query)}"


# --- failures name the file ---------------------------------------------------------

@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def build_copy(project: Path):
    return mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project)


def test_a_figure_script_that_raises_fails_the_build_naming_it(project):
    script = project / "snippets" / "deep_linear_activations.py"
    script.write_text(script.read_text() + "\nraise ValueError('broken on purpose')\n")
    result = build_copy(project)
    assert result.returncode != 0
    assert "snippets/deep_linear_activations.py" in result.stderr and "broken on purpose" in result.stderr


def test_a_missing_include_fails_the_build_naming_it(project):
    page = project / "docs" / "index.md"
    page.write_text(page.read_text().replace('--8<-- "deep_linear_activations.py"', '--8<-- "no_such_script.py"'))
    result = build_copy(project)
    assert result.returncode != 0 and "no_such_script.py" in result.stderr


def test_a_figure_without_a_script_fails_the_build_naming_both(project):
    page = project / "docs" / "index.zh.md"
    page.write_text(page.read_text() + "\n![图](figures/no_such_figure.svg)\n")
    result = build_copy(project)
    assert result.returncode != 0
    assert "snippets/no_such_figure.py" in result.stderr and "index.zh.md" in result.stderr


def test_a_broken_link_fails_the_build_naming_the_page(project):
    page = project / "docs" / "index.zh.md"
    page.write_text(page.read_text() + "\n[断开的链接](no-such-page.md)\n")
    result = build_copy(project)
    assert result.returncode != 0 and "index.zh.md" in result.stderr and "no-such-page.md" in result.stderr


# Modules of hooks/ that the hooks import, not hooks themselves.
HOOK_HELPERS = {"cache_file.py", "error_box.py", "figure_forks.py", "notebook_css.py"}


def test_every_hook_is_in_mkdocs_yml():
    """A hook file not listed under ``hooks:`` would not run: its caches or patches
    (highlight_cache.py, search_cache.py, theme_files.py apply theirs at import) would
    silently be gone, while the tests, which import it, still pass."""
    listed = re.findall(r"^  - hooks/(\S+\.py)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nhooks:\n")[1]
                        .split("\n\n")[0], re.M)
    files = {path.name for path in (ROOT / "hooks").glob("*.py")}
    assert sorted(files - HOOK_HELPERS - set(listed)) == [], "hooks/ files not listed under hooks: in mkdocs.yml"
    assert not HOOK_HELPERS & set(listed) and set(listed) <= files
