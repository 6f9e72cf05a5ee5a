"""The built site: strict build, figures in pages, nothing loaded from outside,
language selector, search in both languages, and clear failures when broken."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from conftest import copy_project, mkdocs
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

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
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
            target = site / urljoin(url_of(site, page), image["src"]).lstrip("/")
            assert target.is_file(), f"{page.relative_to(site)} shows {image['src']}, which was not built"
            assert ElementTree.parse(target).getroot().tag.endswith("svg")
            assert image.get("alt"), f"{page.relative_to(site)}: figure {image['src']} has no alt text"
            shown += 1
    assert shown > 0, "no page shows a figure"
    assert not any(p.suffix in (".svg", ".png") for p in (ROOT / "docs").rglob("*")), \
        "generated images must not be committed under docs/"


def test_no_request_leaves_the_origin(site):
    for page in built_pages(site):
        outside = [url for url in parse(page).resources if leaves_origin(url)]
        assert not outside, f"{page.relative_to(site)} loads from outside the site: {outside}"
    for css in site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        urls += re.findall(r"@import\s+['\"]([^'\"]+)", css.read_text(encoding="utf-8"))
        outside = [url for url in urls if leaves_origin(url)]
        assert not outside, f"{css.relative_to(site)} loads from outside the site: {outside}"


def test_math_is_served_by_the_site(site):
    page = parse(site / "index.html")
    for needed in ("assets/vendor/katex/katex.min.js", "assets/vendor/katex/contrib/auto-render.min.js"):
        assert needed in page.resources and (site / needed).is_file()
    css = (site / "assets/vendor/katex/katex.min.css").read_text(encoding="utf-8")
    fonts = set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", css))
    assert fonts and all((site / "assets/vendor/katex" / font).is_file() for font in fonts)
    assert not (ROOT / "docs" / "assets" / "vendor").exists(), "KaTeX must not be committed into docs/"


def test_language_selector_leads_to_the_same_page(site):
    for page in built_pages(site):
        url = url_of(site, page)
        english_url = url.removeprefix("/zh")
        links = parse(page).lang_links
        assert set(links) == {"en", "zh"}, f"{url}: language selector has {sorted(links)}"
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
    copy = copy_project(tmp_path / "project")
    cache = ROOT / ".cache" / "figures"
    if cache.is_dir():  # reuse figures already drawn (keys are content hashes)
        shutil.copytree(cache, tmp_path / "cache")
    return copy


def build_copy(project: Path):
    return mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project,
                  env={"FIGURE_CACHE_DIR": str(project.parent / "cache")})


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


# --- math -----------------------------------------------------------------------------

ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)


def test_every_formula_renders_with_katex(site):
    import html as html_lib
    import subprocess

    formulas = []
    for page in built_pages(site):
        for tag, body in ARITHMATEX.findall(page.read_text(encoding="utf-8")):
            tex = html_lib.unescape(body).strip()
            display = tex.startswith("\\[")
            formulas.append([str(page.relative_to(site)), tex[2:-2], display])
    assert formulas, "no formula found in the built pages"
    result = subprocess.run(["node", str(ROOT / "tests" / "katex_check.js")], input=json.dumps(formulas),
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    failures = json.loads(result.stdout)
    assert not failures, "KaTeX cannot render:\n" + "\n".join(
        f"  {f['where']}: {f['tex']!r}: {f['error']}" for f in failures)
