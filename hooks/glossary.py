"""The glossary, from one source of truth: docs/glossary.yml.

Pages mark a term up as [[key]] (shown as the term in the page's language) or
[[key|words as they read in the sentence]]. On each page, the first use of a term
becomes <abbr class="glossary" title="definition" tabindex="0">, which Material's
tooltips (feature content.tooltips) show on hover, on keyboard focus and on tap;
later uses are plain text. A key that is not in the glossary fails the build,
naming the page. Marks inside code fences are left alone.

The glossary pages hold the line <!-- glossary -->, which becomes the table of all
terms (English, Chinese, both definitions) with links to the pages that use each
term, in the page's language.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

DOCS = Path(__file__).resolve().parent.parent / "docs"
GLOSSARY = DOCS / "glossary.yml"
MARK = re.compile(r"\[\[([a-z][a-z0-9-]+)(?:\|([^\]|]+))?\]\]")
# A mark with the spaces typed around it (Chinese pages only, see spaced()).
SPACED_MARK = re.compile(r"(?P<lead> *)" + MARK.pattern + r"(?P<trail> *)")
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
FULLWIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef]")  # full-width punctuation
LATIN = re.compile(r"[A-Za-z0-9]")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
PLACEHOLDER = "<!-- glossary -->"
HOME = {"en": "Home", "zh": "首页"}  # the home page's heading is the site's name
HEADERS = {"en": "| English | Chinese | Definition | Used on |",
           "zh": "| 英文 | 中文 | 定义 | 出现于 |"}


def load() -> dict[str, dict[str, str]]:
    """The glossary, parsed once per version of the file (every page asks for it)."""
    return parse(GLOSSARY.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=2)
def parse(text: str) -> dict[str, dict[str, str]]:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def language(src_uri: str) -> str:
    return "zh" if src_uri.endswith(".zh.md") else "en"


def outside_fences(markdown: str):
    """Yield (line, inside_fence) for each line."""
    fence = None
    for line in markdown.splitlines(keepends=True):
        match = FENCE.match(line)
        if match and (fence is None or match.group(1)[0] == fence[0]):
            fence = match.group(1) if fence is None else None
            yield line, True
        else:
            yield line, fence is not None


def usage(lang: str) -> dict[str, list[tuple[str, str]]]:
    """key -> [(page source path, page title)] for the pages of one language."""
    used: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(DOCS.rglob("*.md")):
        if language(path.name) != lang or path.stem.split(".")[0] == "glossary":
            continue
        text = path.read_text(encoding="utf-8")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        link = path.relative_to(DOCS).as_posix().replace(".zh.md", ".md")
        title = HOME[lang] if link == "index.md" else title
        for key in dict.fromkeys(k for line, fenced in outside_fences(text) if not fenced
                                 for k, _ in MARK.findall(line)):
            used.setdefault(key, []).append((link, title))
    return used


def table(terms: dict[str, dict[str, str]], lang: str) -> str:
    other = "zh" if lang == "en" else "en"
    used = usage(lang)
    rows = [HEADERS[lang], "| --- | --- | --- | --- |"]
    for key, term in sorted(terms.items(), key=lambda item: item[1]["en"].lower()):
        pages = ", ".join(f"[{title}]({link})" for link, title in used.get(key, [])) or "—"
        rows.append(f'| <span id="{key}"></span>**{term["en"]}** | **{term["zh"]}** | '
                    f'{term[lang + "_def"]}<br><small>{term[other + "_def"]}</small> | {pages} |')
    return "\n".join(rows)


def gap(left: str, right: str, written: str) -> str:
    """The space between two characters on a Chinese page: one space between a
    Chinese character and a Latin letter or digit, none between Chinese characters
    or next to full-width punctuation. Anything else (Markdown syntax, the line's
    start or end) keeps what the author typed."""
    text = lambda c: bool(IDEOGRAPH.match(c) or FULLWIDTH.match(c) or LATIN.match(c))
    if not (left and right and text(left) and text(right)):
        return written
    if FULLWIDTH.match(left) or FULLWIDTH.match(right):
        return ""
    if IDEOGRAPH.match(left) and IDEOGRAPH.match(right):
        return ""
    if IDEOGRAPH.match(left) or IDEOGRAPH.match(right):
        return " "
    return written


def on_page_markdown(markdown: str, page, config, files) -> str:
    terms = load()
    lang = language(page.file.src_uri)
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        key, text = match.group(1), match.group(2)
        if key not in terms:
            raise PluginError(f"docs/{page.file.src_uri}: glossary term [[{key}]] is not in docs/glossary.yml")
        text = text or terms[key][lang]
        if key in seen:
            return text
        seen.add(key)
        definition = html.escape(terms[key][lang + "_def"], quote=True)
        return f'<abbr class="glossary" title="{definition}" tabindex="0">{text}</abbr>'

    def spaced(match: re.Match) -> str:
        """Chinese pages: the spaces around a term follow from the characters on either
        side once the term is shown (双曲正切函数（tanh）, sigmoid 函数, ...), not from
        how the mark was typed, so no stray space can appear around a Chinese term."""
        key, text = match.group(2), match.group(3)  # (group 1 is the leading spaces)
        shown = text or terms.get(key, {}).get(lang, "")
        source = match.string
        before = source[match.start() - 1] if match.start() > 0 else ""
        after = source[match.end()] if match.end() < len(source) else ""
        inner = MARK.sub(replace, source[match.start("lead") + len(match.group("lead")):match.end("trail")
                                         - len(match.group("trail"))])
        if not shown:
            return inner
        return gap(before, shown[0], match.group("lead")) + inner + gap(shown[-1], after, match.group("trail"))

    pattern, substitute = (SPACED_MARK, spaced) if lang == "zh" else (MARK, replace)
    lines = [line if fenced else pattern.sub(substitute, line) for line, fenced in outside_fences(markdown)]
    markdown = "".join(lines)
    if PLACEHOLDER in markdown:
        markdown = markdown.replace(PLACEHOLDER, table(terms, lang))
    return markdown
