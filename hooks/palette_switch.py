"""Page load without two full restyles: Material's palette-switch rule left out.

Material's palette.css has one rule for palette switches: while the body carries
``data-md-color-switching``, every element's transitions are off
(``[data-md-color-switching] *``), so that the colours change at once. Material's
script sets and removes that attribute on every page load as well, when it applies
the stored palette, and since the rule's subject is ``*``, each change makes the
browser restyle every element of the page. On a lecture page (about 2,000 styled
elements near the screen, most of them typeset math) these two restyles cost about
130 ms of Lighthouse's total blocking time on a phone.

This hook serves palette.css without that rule and changes nothing else. What a
reader notices: on a palette switch, the few elements with a colour transition
(links, tabs, buttons: 125-250 ms) fade to their new colour instead of jumping to
it. If a Material release changes the rule, the build warns (``--strict`` fails),
naming this file, so that the hook is looked at again.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import cache_file  # hooks/cache_file.py

ROOT = Path(__file__).resolve().parent.parent
TRIMMED = ROOT / ".cache" / "material-palette"
log = logging.getLogger("mkdocs.hooks.palette_switch")

PALETTE = re.compile(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css")
SWITCHING_RULE = ("[data-md-color-switching] *,[data-md-color-switching] :after,"
                  "[data-md-color-switching] :before{transition-duration:0s!important}")


def on_files(files, config):
    palettes = [file for file in files if PALETTE.fullmatch(file.src_uri)]
    if not palettes:
        log.warning("hooks/palette_switch.py: no Material palette stylesheet (assets/stylesheets/"
                    "palette.*.min.css) among the files; see the hook's docstring")
    for file in palettes:
        css = file.content_string
        if SWITCHING_RULE not in css:
            log.warning(f"hooks/palette_switch.py: {file.src_uri} no longer has the rule "
                        f"{SWITCHING_RULE!r}; see the hook's docstring")
            continue
        target = TRIMMED / Path(file.src_uri).name  # a file, as mkdocs-static-i18n expects
        cache_file.write(target, css.replace(SWITCHING_RULE, ""), alone=True)  # alone: older Materials' go
        file.abs_src_path = str(target)
    return files
