"""中英对照: a third reading mode, Chinese and English side by side, made from the
two built pages (no third source, nothing fetched at run time).

After both languages are built, every page ``/zh/PAGE/`` and its English twin
``/PAGE/`` are merged into ``/zh-en/PAGE/``. The Chinese page is the frame (header,
navigation, search); its article is rebuilt from both articles, cut into the same
sequence of blocks (a notebook page, such as the lab, into its cells):

- headings: the Chinese heading (with its id, the single-language pages' anchor),
  followed by the English one as a subtitle;
- shared blocks, which appear once: display formulas, code blocks, the lecture
  timeline, and figures (the Chinese figure, with the English caption and alt
  text added);
- prose: everything between two of the above, Chinese beside English (Chinese
  first) on wide screens, one after the other on narrow ones (extra.css).

The sequences of both pages must match block for block (the parity tests keep the
sources aligned); a page that cannot be aligned fails the build, naming both source
files. The lab is a notebook, executed separately in each language; its parallel
page says so and links to both languages. The language selector of every page
gains a third entry, 中英对照, which leads to the same page in that mode. The
parallel pages are not in the search index (the same passage would be listed
three times) nor in the sitemap.

A merged page depends only on its two built pages, the set of pages and this file:
it is kept in ``.cache/parallel/`` (or ``$PARALLEL_CACHE_DIR``) under a hash of these,
so that a rebuild merges only the pages that changed (merging all took about 0.5 s of
every warm build and `mkdocs serve` rebuild); the entries a build did not use are removed.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

import cache_file  # hooks/cache_file.py
import error_box  # hooks/error_box.py

ROOT = Path(__file__).resolve().parent.parent

PREFIX = "zh-en"
LABEL = "中英对照"
ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)
URL_ATTR = re.compile(r'\b(href|src)="([^"#][^"]*|)(#[^"]*)?"')
SELECT_LIST = re.compile(r'(<ul class="md-select__list">)(.*?)(</ul>)', re.S)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


TAG = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|<(/?)([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/?)>",
                 re.S | re.I)
ATTR = re.compile(r'([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+)))?')


class Blocks:
    """Cut an HTML fragment into its top-level elements: [(tag, attrs, html)].

    A regular-expression scan that only counts nesting (comments, scripts and
    styles are skipped whole): the pages are long and full of KaTeX markup, and a
    full HTML parser costs a second per build."""

    def __init__(self, fragment: str):
        self.fragment = fragment
        self.blocks: list[tuple[str, dict, str]] = []
        depth, start, top = 0, 0, None
        for match in TAG.finditer(fragment):
            raw, closing, name, attrs, selfclosing = match.groups()
            if raw or name is None:               # a script, style or comment
                if depth == 0 and raw:
                    self.blocks.append((raw.lower(), {}, match.group(0)))
                continue
            name = name.lower()
            if closing:
                depth -= 1
                if depth == 0 and top is not None:
                    self.blocks.append((top[0], top[1], fragment[start:match.end()]))
                    top = None
                continue
            if depth == 0:
                start, top = match.start(), (name, {k.lower(): (a or b or c or "") for k, a, b, c in ATTR.findall(attrs)})
            if selfclosing or name in VOID:
                if depth == 0:
                    self.blocks.append((top[0], top[1], fragment[start:match.end()]))
                    top = None
                continue
            depth += 1


def kind(tag: str, attrs: dict, block: str) -> str:
    """heading, shared (appears once), figure, or prose."""
    classes = (attrs.get("class") or "").split()
    if re.fullmatch(r"h[1-6]", tag):
        return "heading"
    if tag == "nav" and "lecture-timeline" in classes or tag in ("script", "noscript"):
        return "shared"
    if "init-explorer" in classes:  # the explorer's controls (hooks/explorer.py), once
        return "shared"
    if "tabbed-set" in classes and "<figure" in block or tag == "figure":
        return "figure"
    if {"arithmatex", "highlight", "katex-display", "math"} & set(classes) or any(
        c.startswith("language-") for c in classes
    ):
        return "shared"
    return "prose"


def rebase(fragment: str, source_dir: str, target_dir: str, pages: set[str], to_parallel) -> str:
    """Rewrite relative URLs of a fragment written for ``source_dir`` so that they work
    from ``target_dir``; links to pages that have a parallel version go to it."""

    def fix(match: re.Match) -> str:
        attr, url, fragment_id = match.group(1), match.group(2), match.group(3) or ""
        if not url or re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", url):
            return match.group(0)
        absolute = posixpath.normpath(posixpath.join(source_dir, url))
        if url.endswith("/") or url in ("", "."):
            absolute += "/"
        if attr == "href" and absolute in pages:
            absolute = to_parallel(absolute)
        relative = posixpath.relpath(absolute, target_dir)
        if absolute.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return f'{attr}="{relative}{fragment_id}"'

    return URL_ATTR.sub(fix, fragment)


def english_caption(figure_en: str) -> tuple[str, str]:
    alt = re.search(r'<img [^>]*alt="([^"]*)"', figure_en)
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", figure_en, re.S)
    return (alt.group(1) if alt else "", caption.group(1).strip() if caption else "")


def merge_figure(zh: str, en: str) -> str:
    alt_en, caption_en = english_caption(en)
    out = re.sub(r'(<img [^>]*alt=")([^"]*)(")', lambda m: f"{m.group(1)}{m.group(2)} / {alt_en}{m.group(3)}",
                 zh)  # every variant of the image (light and dark palette)
    return re.sub(r"(<figcaption[^>]*>)(.*?)(</figcaption>)",
                  lambda m: (f'{m.group(1)}<span lang="zh">{m.group(2).strip()}</span>'
                             f'<span class="parallel-caption-en" lang="en">{caption_en}</span>{m.group(3)}'),
                  out, count=1, flags=re.S)


def heading(zh: str, en: str, tag: str) -> str:
    inner_en = re.sub(r'<a class="headerlink".*?</a>', "", en.split(">", 1)[1].rsplit("</", 1)[0], flags=re.S)
    inner_en = re.sub(r"\s+id=\"[^\"]*\"", "", inner_en)
    inner_en = re.sub(r'\s*<span class="timerange">.*?</span>', "", inner_en)  # shown once, in Chinese
    return zh.replace(f"</{tag}>", f'<span class="parallel-heading-en" lang="en">{inner_en}</span></{tag}>', 1)


def align(zh_html: str, en_html: str, files: str) -> str:
    zh_blocks, en_blocks = Blocks(zh_html).blocks, Blocks(en_html).blocks

    def skeleton(blocks):
        out, prose = [], []
        for tag, attrs, block in blocks:
            k = kind(tag, attrs, block)
            if k == "prose":
                prose.append(block)
                continue
            out.append(("prose", prose))
            prose = []
            out.append((k, (tag, block)))
        out.append(("prose", prose))
        return out

    zh_seq, en_seq = skeleton(zh_blocks), skeleton(en_blocks)
    shape = lambda seq: [k if k == "prose" else f"{k}:{v[0]}" for k, v in seq]
    if shape(zh_seq) != shape(en_seq):
        for i, (a, b) in enumerate(zip(shape(zh_seq), shape(en_seq))):
            if a != b:
                break
        else:
            i = min(len(zh_seq), len(en_seq))
        raise PluginError(
            f"中英对照: {files} cannot be aligned: block {i // 2 + 1} is "
            f"{shape(zh_seq)[i] if i < len(zh_seq) else 'missing'} in Chinese but "
            f"{shape(en_seq)[i] if i < len(en_seq) else 'missing'} in English")
    parts = []
    for (k, zh), (_, en) in zip(zh_seq, en_seq):
        if k == "prose":
            if zh or en:
                parts.append('<div class="parallel-row">'
                             f'<div class="parallel-zh" lang="zh">{"".join(zh)}</div>'
                             f'<div class="parallel-en" lang="en">{"".join(en)}</div></div>')
        elif k == "heading":
            parts.append(heading(zh[1], en[1], zh[0]))
        elif k == "figure":
            parts.append(merge_figure(zh[1], en[1]))
        else:
            parts.append(zh[1])
    return "\n".join(parts)


def cells(article: str) -> tuple[int, int, list]:
    """Where the notebook's cells are in the article: (start, end, cells)."""
    offset = 0
    for cls in ("jupyter-wrapper", "jp-Notebook"):
        parser = Blocks(article[offset:])
        found = [(b, parser.fragment.index(b[2])) for b in parser.blocks if cls in (b[1].get("class") or "")]
        if not found:
            return 0, 0, []
        (tag, attrs, block), at = found[0]
        offset += at + block.index(">") + 1
        article_end = offset + len(block) - block.index(">") - 1 - len(f"</{tag}>")
        article = article[:article_end]
    return offset, len(article), Blocks(article[offset:]).blocks


def align_notebook(zh_html: str, en_html: str, files: str) -> str:
    """A notebook page, cell by cell: Markdown cells side by side, code cells (with
    their outputs) once, from the Chinese notebook."""
    start, end, zh_cells = cells(zh_html)
    _, _, en_cells = cells(en_html)
    if not zh_cells or not en_cells:
        raise PluginError(f"中英对照: {files}: no notebook cells found")
    cell_kind = lambda cell: "markdown" if "jp-MarkdownCell" in (cell[1].get("class") or "") else "code"
    if [cell_kind(c) for c in zh_cells] != [cell_kind(c) for c in en_cells]:
        raise PluginError(f"中英对照: {files} cannot be aligned: the notebooks' cells differ "
                          f"({len(zh_cells)} cells in Chinese, {len(en_cells)} in English, or in another order)")
    parts = []
    for zh, en in zip(zh_cells, en_cells):
        if cell_kind(zh) == "markdown":
            has_heading = any("holds-heading" in (cell[1].get("class") or "") for cell in (zh, en))
            parts.append(f'<div class="parallel-row{" holds-heading" if has_heading else ""}">'
                         f'<div class="parallel-zh" lang="zh">{zh[2]}</div>'
                         f'<div class="parallel-en" lang="en">{en[2]}</div></div>')
        else:  # the code and its output once; output images get both alt texts
            alts = iter(re.findall(r'<img [^>]*alt="([^"]*)"', en[2]))
            parts.append(re.sub(r'(<img [^>]*alt=")([^"]*)(")',
                                lambda m: f"{m.group(1)}{m.group(2)} / {next(alts, '')}{m.group(3)}", zh[2]))
    return zh_html[:start] + "\n".join(parts) + zh_html[end:]


def selector_entries(current: str, page: str) -> str:
    """The three entries of the language selector, as seen from ``current`` (a URL
    directory) for the page whose English URL is ``page``."""
    targets = [(page, "en", "English"), (f"/zh{page}", "zh", "简体中文"), (f"/{PREFIX}{page}", None, LABEL)]
    items = []
    for url, hreflang, name in targets:
        rel = posixpath.relpath(url, current)
        rel = "./" if rel == "." else rel + "/"
        lang = f'hreflang="{hreflang}"' if hreflang else 'hreflang="zh-x-parallel" lang="zh"'
        items.append(f'<li class="md-select__item"><a href="{rel}" {lang} class="md-select__link">'
                     f"{name}</a></li>")
    return "".join(items)


def page_url(site: Path, index: Path) -> str:
    rel = index.parent.relative_to(site).as_posix()
    return "/" if rel == "." else f"/{rel}/"


def build_parallel(site: Path, config) -> None:
    english = {}
    for index in sorted(site.rglob("index.html")):
        url = page_url(site, index)
        if url.startswith(("/zh/", f"/{PREFIX}/", "/assets/", "/search/")) or url == "/zh/":
            continue
        if (site / "zh" / url.lstrip("/") / "index.html").is_file():
            english[url] = index
    cache = Path(os.environ.get("PARALLEL_CACHE_DIR", ROOT / ".cache" / "parallel"))
    shape = repr((sorted(english), config["site_url"], Path(__file__).read_bytes()))
    used = set()
    for url, en_index in english.items():
        zh_page = (site / "zh" / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        en_page = en_index.read_text(encoding="utf-8")
        dest = site / PREFIX / url.lstrip("/") / "index.html"
        dest.parent.mkdir(parents=True, exist_ok=True)
        cached = cache / f"{hashlib.sha256(chr(0).join((shape, url, zh_page, en_page)).encode()).hexdigest()[:32]}.html"
        used.add(cached)
        try:
            dest.write_bytes(cached.read_bytes())
            continue
        except FileNotFoundError:  # not merged yet, or just removed by a build beside this one
            pass
        out, whole = merge(url, zh_page, en_page, set(english), config)
        if whole:  # not a page with an error box in its place (mkdocs serve)
            cache_file.write(cached, out)
        dest.write_text(out, encoding="utf-8")
    for stale in cache.glob("*.html"):
        if stale not in used:
            stale.unlink(missing_ok=True)


def merge(url: str, zh_page: str, en_page: str, pages_en: set[str], config) -> tuple[str, bool]:
    """The 中英对照 page of ``url``, from its two built pages, and whether it is whole
    (under `mkdocs serve`, a page that cannot be aligned gets an error box instead)."""
    pages_zh = {f"/zh{u}" for u in pages_en}
    to_parallel_zh = lambda u: f"/{PREFIX}{u[len('/zh'):]}"
    to_parallel_en = lambda u: f"/{PREFIX}{u}"
    target_dir = f"/{PREFIX}{url}"
    zh_match, en_match = ARTICLE.search(zh_page), ARTICLE.search(en_page)
    name = "index" if url == "/" else url.strip("/")
    files = f"docs/{name}.zh.md and docs/{name}.md"
    if not zh_match or not en_match:
        raise PluginError(f"中英对照: no article in the built pages of {files}")
    zh_article = rebase(zh_match.group(2), f"/zh{url}", target_dir, pages_zh, to_parallel_zh)
    en_article = rebase(en_match.group(2), url, target_dir, pages_en, to_parallel_en)
    whole = True
    try:
        if "jp-Notebook" in en_article or "jp-Notebook" in zh_article:
            article = align_notebook(zh_article, en_article, files)
        else:
            article = align(zh_article, en_article, files)
    except PluginError as error:
        # under `mkdocs serve` a page whose other language shows an error box (a
        # failing figure or cell) cannot be aligned: say so in its place, keep serving
        if not error_box.SERVING:
            raise
        article, whole = error_box.report(str(error), str(error)), False
    head, _, tail = zh_page.partition(zh_match.group(0))
    frame = rebase(head, f"/zh{url}", target_dir, pages_zh, to_parallel_zh)
    tail = rebase(tail, f"/zh{url}", target_dir, pages_zh, to_parallel_zh)
    out = f'{frame}{zh_match.group(1)}<div class="parallel">{article}</div>{zh_match.group(3)}{tail}'
    out = SELECT_LIST.sub(lambda m: m.group(1) + selector_entries(target_dir, url) + m.group(3),
                          out)
    out = re.sub(r'<link rel="canonical" href="[^"]*">',
                 f'<link rel="canonical" href="{config["site_url"].rstrip("/")}{target_dir}">', out, count=1)
    return out.replace('<body dir="ltr"', '<body dir="ltr" data-reading-mode="parallel"', 1), whole


def on_post_page(output: str, page, config) -> str:
    """Every single-language page: the selector gains the 中英对照 entry."""
    url = "/" + page.url if not page.url.startswith("/") else page.url
    url = url if url.endswith("/") else posixpath.dirname(url) + "/"
    english = url[len("/zh"):] if url.startswith("/zh/") else url
    if page.url.endswith("404.html"):
        return output
    return SELECT_LIST.sub(lambda m: m.group(1) + selector_entries(url, english) + m.group(3),
                           output, count=1)


def on_post_build(config) -> None:
    # mkdocs-static-i18n builds English, then Chinese from English's post_build:
    # once the Chinese build ends, both languages are in the site.
    # A one-language build (`make serve LANG=zh`) has no pages to merge, and keeps the cache.
    if config["theme"]["language"] == "zh" and not cache_file.one_language(config):
        build_parallel(Path(config["site_dir"]), config)
