"""The initialization explorer's controls, rendered in the page's language.

A page places the explorer with a line ``{explorer}``, right before the figure of
``snippets/initialization_explorer.py`` (whose "Figure" tab shows the default
setting, drawn at build time, for readers without JavaScript). This hook replaces
the line with a form (activation, initialization, multiplier k, depth) and a live
region, hidden until ``assets/javascripts/init-explorer.js`` runs; the script then
draws the chosen setting in place of the static figure.

The choices and the default setting are read from the snippet itself (its
``ACTIVATIONS``, ``INITIALIZATIONS`` and ``DEFAULT`` literals, without running it),
so they exist once; only their labels are here, in both languages. A choice
without a label, or ``{explorer}`` on a page without the figure, fails the build
with the page named.
"""

from __future__ import annotations

import ast
import html
import math
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "snippets" / "initialization_explorer.py"
MARKER = re.compile(r"^\{explorer\}[ \t]*$", re.M)
SCRIPT = "assets/javascripts/init-explorer.js"
# The explorer's script is fetched only when its section nears the screen, or at once
# when the URL holds a setting: most readers never download it. (`data-src`, not a
# string in the script, so that hooks/parallel.py rebases it like any src.)
LOADER = ("(function (tag) { function load() { if (load.done) return; load.done = true;"
          " var script = document.createElement('script'); script.src = tag.dataset.src;"
          " document.head.appendChild(script); }"
          " var section = document.getElementById('explorer');"
          " if (/[?&]act=/.test(location.search) || !section || !('IntersectionObserver' in window)) return load();"
          " new IntersectionObserver(function (entries, observer) {"
          " if (entries.some(function (e) { return e.isIntersecting; })) { observer.disconnect(); load(); } },"
          " { rootMargin: '1500px 0px' }).observe(section); })(document.currentScript);")
K_RANGE = (-2, 2, 0.25)     # log2 of the multiplier k: 1/4 to 4
DEPTH_RANGE = (2, 100, 1)

TEXT = {
    "en": {
        "form": "Explorer settings",
        "act": "Activation function g",
        "init": "Initialization",
        "k": "Multiplier k of the variance",
        "depth": "Depth L (layers)",
        "acts": {"linear": "linear, g(z) = z", "tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"},
        "inits": {"zeros": "zeros", "normal": "N(0, 1)", "small": "N(0, 0.01²)",
                  "lecun": "LeCun, Var = 1/n", "glorot": "Glorot/Xavier, Var = 2/(n_in + n_out)",
                  "he": "He, Var = 2/n"},
        "status": "{depth} layers. Spread of the activations, last layer against the first: {act}. "
                  "Spread of the gradients, first layer against the last: {grad}.",
        "zero": "undefined (a spread is 0)",
        "chart": "Spread of the activations and of the gradients per layer, on a logarithmic "
                 "scale, and histograms at the first, middle and last layer.",
        "noscript": "With JavaScript turned off, the figure below shows the default setting "
                    "and the controls are not available.",
    },
    "zh": {
        "form": "探索器设置",
        "act": "激活函数 g",
        "init": "初始化方法",
        "k": "方差乘数 k",
        "depth": "深度 L（层数）",
        "acts": {"linear": "线性，g(z) = z", "tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"},
        "inits": {"zeros": "全零", "normal": "N(0, 1)", "small": "N(0, 0.01²)",
                  "lecun": "LeCun，Var = 1/n", "glorot": "Glorot/Xavier，Var = 2/(n_in + n_out)",
                  "he": "He，Var = 2/n"},
        "status": "共 {depth} 层。激活值的标准差，最后一层相对于第一层：{act}。"
                  "梯度的标准差，第一层相对于最后一层：{grad}。",
        "zero": "无定义（有一个标准差为 0）",
        "chart": "各层激活值与梯度的标准差（对数刻度），以及第一层、中间一层和最后一层的直方图。",
        "noscript": "关闭 JavaScript 时，下图显示默认设置，调节控件不可用。",
    },
}


def snippet_choices() -> dict:
    """ACTIVATIONS and INITIALIZATIONS keys and DEFAULT, read from the snippet's source."""
    found = {}
    for node in ast.parse(SNIPPET.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in ("ACTIVATIONS", "INITIALIZATIONS"):
                    found[target.id] = [ast.literal_eval(key) for key in node.value.keys]
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "DEFAULT" for t in node.targets):
            found["DEFAULT"] = ast.literal_eval(node.value)
    missing = {"ACTIVATIONS", "INITIALIZATIONS", "DEFAULT"} - set(found)
    if missing:
        raise PluginError(f"snippets/{SNIPPET.name}: no {', '.join(sorted(missing))} literal for the explorer")
    return found


def language(src_uri: str) -> str:
    return "zh" if src_uri.endswith(".zh.md") else "en"


def select(name: str, label: str, options: list[str], labels: dict, default: str, where: str) -> str:
    items = []
    for value in options:
        if value not in labels:
            raise PluginError(f"{where}: the explorer has no label for '{value}' (hooks/explorer.py, TEXT)")
        chosen = " selected" if value == default else ""
        items.append(f'<option value="{value}"{chosen}>{html.escape(labels[value])}</option>')
    return (f'<label class="init-explorer__control" for="ie-{name}">{html.escape(label)}</label>'
            f'<select id="ie-{name}" name="{name}">{"".join(items)}</select>')


def slider(name: str, label: str, bounds: tuple, value: float, shown: str) -> str:
    low, high, step = bounds
    return (f'<label class="init-explorer__control" for="ie-{name}">{html.escape(label)}</label>'
            f'<span class="init-explorer__range"><input type="range" id="ie-{name}" name="{name}" '
            f'min="{low}" max="{high}" step="{step}" value="{value:g}">'
            f'<output for="ie-{name}">{shown}</output></span>')


def explorer(lang: str, where: str, script_url: str) -> str:
    text, choices = TEXT[lang], snippet_choices()
    default = choices["DEFAULT"]
    controls = "".join([
        select("act", text["act"], choices["ACTIVATIONS"], text["acts"], default["activation"], where),
        select("init", text["init"], choices["INITIALIZATIONS"], text["inits"], default["init"], where),
        slider("k", text["k"], K_RANGE, math.log2(default["k"]), f'{default["k"]:g}'),
        slider("depth", text["depth"], DEPTH_RANGE, default["depth"], str(default["depth"])),
    ])
    attrs = " ".join(f'data-{key}="{html.escape(text[key])}"' for key in ("status", "zero", "chart"))
    return (
        f'<noscript><p class="init-explorer__noscript">{html.escape(text["noscript"])}</p></noscript>\n'
        f'<div class="init-explorer" hidden {attrs}>'
        f'<form class="init-explorer__controls" aria-label="{html.escape(text["form"])}">{controls}</form>'
        f'<p class="init-explorer__status" role="status" aria-live="polite"></p></div>\n'
        f'<script data-src="{script_url}">{LOADER}</script>\n'
    )


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not MARKER.search(markdown):
        return markdown
    where = f"docs/{page.file.src_uri}"
    if f"figures/{SNIPPET.stem}.svg" not in markdown:
        raise PluginError(f"{where}: {{explorer}} needs the figure figures/{SNIPPET.stem}.svg on the same page")
    if len(MARKER.findall(markdown)) > 1:
        raise PluginError(f"{where}: {{explorer}} appears more than once")
    script_url = get_relative_url(SCRIPT, page.url)
    return MARKER.sub(lambda m: explorer(language(page.file.src_uri), where, script_url), markdown)
