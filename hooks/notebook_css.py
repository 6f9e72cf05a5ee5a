"""Keep only the notebook CSS rules that the notebook pages use (for hooks/notebooks.py).

nbconvert puts ~590 KB of JupyterLab CSS into every notebook page, written for
every widget JupyterLab has. A rule is kept when one of its selectors can match
the built notebook HTML: every class, id and element name it names (outside
``:not()`` and other functional pseudo-classes) occurs in the pages. Custom
properties (``--jp-...``) are kept only when a kept rule reads them (directly or
through another kept property), ``@keyframes`` only when a kept rule names them.
Not a hook itself: hooks/notebooks.py imports it.
"""

from __future__ import annotations

import re

import tinycss2

CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
ID_ATTR = re.compile(r'\bid="([^"]*)"')
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


def vocabulary(html: str) -> set[str]:
    """Classes (``.x``), ids (``#x``) and element names of a page."""
    words = {f".{c}" for value in CLASS_ATTR.findall(html) for c in value.split()}
    words |= {f"#{i}" for i in ID_ATTR.findall(html)}
    words |= {t.lower() for t in TAG.findall(html)}
    return words


def _selectors(prelude) -> list[list]:
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    return selectors + [current]


def _needs(selector) -> set[str]:
    needed, previous = set(), None
    for token in selector:
        if token.type == "ident" and previous is not None and previous.type == "literal" and previous.value == ".":
            needed.add(f".{token.value}")
        elif token.type == "hash":
            needed.add(f"#{token.value}")
        elif token.type == "ident" and not (previous is not None and previous.type == "literal"
                                            and previous.value in (".", ":", "::", "|")):
            needed.add(token.value.lower())
        previous = token
    return needed


def _keep_rules(rules, used: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude) if _needs(s) <= used]
            if selectors:
                prelude = ",".join(tinycss2.serialize(s).strip() for s in selectors)
                kept.append((prelude, rule.content))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            inner = _keep_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                kept.append((f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", inner))
        elif rule.type == "at-rule" and rule.lower_at_keyword.endswith("keyframes"):
            kept.append((f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}", tinycss2.serialize(rule.content)))
    return kept


def _declarations(content) -> list[tuple[str, str]]:
    out = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            value = " ".join(tinycss2.serialize(item.value).split())
            out.append((item.name, value + (" !important" if item.important else "")))
    return out


def purge(css: str, used: set[str]) -> str:
    """The rules of ``css`` that can apply to a page made of the words in ``used``."""
    kept = _keep_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)

    tree = [(p, b if isinstance(b, str) or p.startswith("@") else _declarations(b))
            for p, b in kept]
    tree = [(p, _nested(b) if p.startswith(("@media", "@supports")) else b) for p, b in tree]
    # custom properties and keyframes that kept declarations refer to, to a fixed point
    plain = [d for _, b in _walk(tree) for d in b if not d[0].startswith("--")]
    wanted = set(VAR.findall(" ".join(v for _, v in plain)))
    custom = {}
    for _, body in _walk(tree):
        for name, value in body:
            if name.startswith("--"):
                custom.setdefault(name, []).append(value)
    frontier = set(wanted)
    while frontier:
        found = {ref for name in frontier for value in custom.get(name, []) for ref in VAR.findall(value)}
        frontier = found - wanted
        wanted |= found
    animations = " ".join(v for n, v in plain if n.startswith(("animation", "-webkit-animation")))
    return _serialize(tree, wanted, animations)


def _nested(rules):
    return [(p, b if isinstance(b, str) or p.startswith("@") else _declarations(b)) for p, b in rules]


def _walk(tree):
    for prelude, body in tree:
        if isinstance(body, str):
            continue
        if prelude.startswith("@"):
            yield from _walk(body)
        else:
            yield prelude, body


def _serialize(tree, wanted: set[str], animations: str) -> str:
    out = []
    for prelude, body in tree:
        if isinstance(body, str):  # @keyframes NAME
            name = prelude.split(None, 1)[-1].strip()
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", animations):
                out.append(f"{prelude.strip()}{{{' '.join(body.split())}}}")
        elif prelude.startswith("@"):
            inner = _serialize(body, wanted, animations)
            if inner:
                out.append(f"{prelude.strip()}{{{inner}}}")
        else:
            declarations = [f"{n}:{v}" for n, v in body if not n.startswith("--") or n in wanted]
            if declarations:
                out.append(f"{prelude}{{{';'.join(declarations)}}}")
    return "\n".join(out)
