"""A small, independent reader of the project's Markdown, for the tests.

It deliberately does not reuse pytest-codeblocks' parser, so that counting the
Python blocks here and comparing with what pytest collected is a real check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

PYTHON_LANGS = {"python", "py", "python3"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*)$")
HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)--8<--[ \t]+"(?P<path>[^"]+)"[ \t]*$')
FIGURE = re.compile(r"figures/([A-Za-z0-9_-]+)\.svg")
CONT = re.compile(r"^[ \t]*<!--[-\s]*pytest-codeblocks:cont[-\s]*-->[ \t]*$")
TEST_MARK = re.compile(r"<!--[-\s]*(pytest\.mark\.\w+|pytest-codeblocks:(skip\w*|expect-\w+))")


def fence_language(info: str) -> str:
    """'python title="x.py"' -> 'python'; '{.python}' is not used here."""
    return info.split()[0].lower() if info.split() else ""


@dataclass
class Block:
    language: str
    line: int  # 1-based line of the opening fence
    continued: bool  # preceded by <!--pytest-codeblocks:cont-->


@dataclass
class Structure:
    """What must match between a page and its translation."""

    sections: list[int] = field(default_factory=list)  # heading levels, in order
    formulas: int = 0  # display formulas
    figures: list[str] = field(default_factory=list)  # figure names, in order
    includes: list[str] = field(default_factory=list)  # included snippet files, in order
    code_blocks: list[str] = field(default_factory=list)  # fence languages, in order
    admonitions: int = 0  # admonitions, collapsible blocks and captions


def scan(text: str) -> tuple[list[Block], list[str]]:
    """Split text into fenced blocks and the lines outside any fence."""
    blocks: list[Block] = []
    outside: list[str] = []
    open_fence: str | None = None
    previous_nonblank = ""
    for number, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if open_fence is None:
            if match:
                open_fence = match["fence"]
                blocks.append(
                    Block(fence_language(match["info"]), number, bool(CONT.match(previous_nonblank)))
                )
            else:
                outside.append(line)
        elif match and match["fence"][0] == open_fence[0] and len(match["fence"]) >= len(open_fence) \
                and not match["info"].strip():
            open_fence = None
        if line.strip():
            previous_nonblank = line
    if open_fence is not None:
        raise ValueError(f"unclosed code fence {open_fence!r}")
    return blocks, outside


def is_notebook(text: str) -> bool:
    """A Jupytext-Markdown notebook: a kernelspec in the front matter."""
    match = re.match(r"\A---\n(.*?)\n---\n", text, flags=re.S)
    return bool(match and "kernelspec:" in match.group(1))


def python_blocks(path: Path) -> list[Block]:
    """Python fences; in a notebook every cell after the first continues the first."""
    text = path.read_text(encoding="utf-8")
    blocks = [b for b in scan(text)[0] if b.language in PYTHON_LANGS]
    if is_notebook(text):
        for block in blocks[1:]:
            block.continued = True
    return blocks


def structure(path: Path) -> Structure:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    blocks, outside = scan(text)
    result = Structure(code_blocks=[b.language for b in blocks])
    dollar_lines = 0
    for line in outside:
        stripped = line.strip()
        if HEADING.match(line):
            result.sections.append(len(line) - len(line.lstrip("#")))
        if stripped.startswith("\\["):
            result.formulas += 1
        if stripped.startswith("$$"):
            dollar_lines += 1
        if re.match(r"^(!!!|\?\?\?\+?|///)[ \t]*\w", stripped):
            result.admonitions += 1
        result.figures += FIGURE.findall(line)
    result.formulas += (dollar_lines + 1) // 2  # $$ opens and closes a formula
    # Includes are counted wherever they are (they usually sit inside a fence).
    result.includes = [m["path"] for m in map(INCLUDE.match, text.splitlines()) if m]
    return result


def english_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".zh.md"))


def chinese_twin(page: Path) -> Path:
    return page.with_name(page.name[: -len(".md")] + ".zh.md")


def markdown_files() -> list[Path]:
    """Every Markdown file whose Python blocks the test suite runs."""
    return sorted(DOCS.rglob("*.md")) + [ROOT / "README.md"]


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --- numbers stated in prose ------------------------------------------------------

def latex_sci(value: float, digits: int = 1) -> str:
    """9.017e8 -> '9.0 \\times 10^{8}', the way pages write numbers in math."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def assert_stated(page: str, *texts: str) -> None:
    """Each text (computed by a test) must appear in both languages of docs/PAGE.md."""
    for path in (DOCS / f"{page}.md", DOCS / f"{page}.zh.md"):
        content = path.read_text(encoding="utf-8")
        for text in texts:
            assert text in content, f"{rel(path)} does not state {text!r}, which the code computes"
