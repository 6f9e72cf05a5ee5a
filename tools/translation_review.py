"""Guard against translation drift: English is the source, Chinese follows it.

For every English page ``docs/NAME.md`` and every glossary entry, this records a
fingerprint of the English text, section by section, at the moment the Chinese
twin was last reviewed. The record is ``data/translation-review.yml``.
``tests/test_translation_review.py`` recomputes the fingerprints: when the
English text of a section (or of a glossary entry) has changed since its review,
the test fails and names the page and the section.

The workflow, after changing English text:

1. update the Chinese twin (``docs/NAME.zh.md``, or ``zh``/``zh_def`` in
   ``docs/glossary.yml``);
2. run ``make translations-reviewed``, which records the new fingerprints and
   lists the sections it marks as reviewed;
3. commit the page, its translation and the record together.

A section is the text under a second-level heading (``## ...``), up to the next
one; its key is the heading's ``{ #id }``, or the slug of the English heading when
there is none; the text before the first such heading is ``(top)``. Whitespace is
normalised, so reflowing a paragraph is not a change.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GLOSSARY = DOCS / "glossary.yml"
RECORD = ROOT / "data" / "translation-review.yml"
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^##\s+(.*?)\s*(?:\{\s*#([\w-]+)\s*\})?\s*$")
TOP = "(top)"


def fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def sections(markdown: str) -> dict[str, str]:
    """Section key -> the section's text (its heading line included)."""
    out: dict[str, list[str]] = {TOP: []}
    key, fence = TOP, None
    for line in markdown.splitlines():
        match = FENCE.match(line)
        if match and (fence is None or match.group(1)[0] == fence[0]):
            fence = match.group(1) if fence is None else None
        elif fence is None and (heading := HEADING.match(line)):
            key = heading.group(2) or slug(heading.group(1))
            if key in out:
                raise ValueError(f"two sections named '{key}'")
            out[key] = []
        out[key].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


def english_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".zh.md"))


def current() -> dict:
    """The fingerprints of today's English text."""
    pages = {}
    for path in english_pages():
        name = path.relative_to(DOCS).as_posix()
        pages[name] = {k: fingerprint(v) for k, v in sections(path.read_text(encoding="utf-8")).items()}
    entries = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    glossary = {key: fingerprint(f"{e['en']}\n{e['en_def']}") for key, e in sorted(entries.items())}
    return {"pages": pages, "glossary": glossary}


def recorded() -> dict:
    if not RECORD.is_file():
        return {"pages": {}, "glossary": {}}
    return yaml.safe_load(RECORD.read_text(encoding="utf-8")) or {"pages": {}, "glossary": {}}


def drift(now: dict, then: dict) -> list[str]:
    """One line per English section (or glossary entry) whose text differs from the
    reviewed one, or that was added or removed since the review."""
    problems = []
    for page, secs in now["pages"].items():
        twin = page[: -len(".md")] + ".zh.md"
        old = then.get("pages", {}).get(page, {})
        for key, digest in secs.items():
            if key not in old:
                problems.append(f"docs/{page}: section '{key}' is new since docs/{twin} was reviewed")
            elif old[key] != digest:
                problems.append(f"docs/{page}: section '{key}' changed since docs/{twin} was reviewed")
        for key in old:
            if key not in secs:
                problems.append(f"docs/{page}: section '{key}' was removed since docs/{twin} was reviewed")
    for page in then.get("pages", {}):
        if page not in now["pages"]:
            problems.append(f"docs/{page}: the page was removed since its review")
    old = then.get("glossary", {})
    for key, digest in now["glossary"].items():
        if old.get(key) != digest:
            state = "is new" if key not in old else "changed"
            problems.append(f"docs/glossary.yml: entry '{key}' {state} since its Chinese was reviewed")
    for key in old:
        if key not in now["glossary"]:
            problems.append(f"docs/glossary.yml: entry '{key}' was removed since its review")
    return problems


HEADER = """\
# Fingerprints of the English text at the last review of its Chinese translation,
# per page section and per glossary entry. Written by `make translations-reviewed`
# (tools/translation_review.py), checked by tests/test_translation_review.py.
# Do not edit by hand: update the Chinese, then run the command.
"""


def record() -> list[str]:
    """Mark every English section as reviewed; return what changed."""
    now, then = current(), recorded()
    changes = drift(now, then)
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    RECORD.write_text(HEADER + yaml.safe_dump(now, sort_keys=True, allow_unicode=True), encoding="utf-8")
    return changes


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        problems = drift(current(), recorded())
        print("\n".join(problems) or "every English section's translation has been reviewed")
        sys.exit(1 if problems else 0)
    changes = record()
    print("\n".join(f"reviewed: {c}" for c in changes) or "nothing changed since the last review")
    print(f"wrote {RECORD.relative_to(ROOT)}")
