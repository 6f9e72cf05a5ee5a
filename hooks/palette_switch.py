"""Page load without full restyles: Material's palette, applied without touching every element.

Material's script applies the stored palette on every page load, and two things it
does there make the browser restyle every element of the page. On a lecture page
(about 2,000 styled elements near the screen, most of them typeset math) each such
restyle costs tens of milliseconds of Lighthouse's blocking time on a phone.

1. **The palette-switch rule.** palette.css turns all transitions off while the body
   carries ``data-md-color-switching`` (``[data-md-color-switching] *``), so that a
   switch changes the colours at once. The script sets and removes that attribute
   at load as well, and since the rule's subject is ``*``, each change restyles every
   element. This hook serves palette.css without the rule. What a reader notices:
   on a palette switch, the few elements with a colour transition (links, tabs,
   buttons: 125-250 ms) fade to their new colour instead of jumping to it.
2. **The ``color-scheme`` meta tag.** The script appends ``<meta name="color-scheme">``
   to the head and then fills it in; Chromium restyles the whole page each time such
   a tag is added or changed, even to the value it already has. The tag gives the
   root element the palette's colour scheme (the page's scroll bar, for one). This
   hook serves Material's bundle without the line that adds the tag; extra.css gives
   the root element the body's colour scheme instead (``:root:has(> body[...])``),
   which costs nothing at load and follows a palette switch as the tag did.

If a Material release changes either, the build warns (``--strict`` fails), naming
this file, so that the hook is looked at again. The trimmed copies keep Material's
file names (they live in ``.cache/material-palette/``), and their source maps are
Material's (the bundle's map is off by the one line left out).
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
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
# minified: let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);
SCHEME_META = re.compile(r'(\b(?P<tag>[\w$]+)=[\w$]+\("meta",\{name:"color-scheme"\}\);)'
                         r'document\.head\.appendChild\((?P=tag)\);')


def trimmed(file, pattern, replacement: str, what: str) -> None:
    """Serve ``file`` with ``pattern`` replaced, once, or warn that it is not there."""
    text, count = re.subn(pattern, replacement, file.content_string)
    if count != 1:
        log.warning(f"hooks/palette_switch.py: {file.src_uri} has {count} times, not once, {what}; "
                    "see the hook's docstring")
        return
    target = TRIMMED / Path(file.src_uri).name  # a file, as mkdocs-static-i18n expects
    cache_file.write(target, text, alone=True)  # alone: older Materials' copies go
    file.abs_src_path = str(target)


def on_files(files, config):
    for kind, name, pattern, replacement, what in (
            ("palette stylesheet", PALETTE, re.escape(SWITCHING_RULE), "", f"the rule {SWITCHING_RULE!r}"),
            ("script bundle", BUNDLE, SCHEME_META, r"\1", "the line that appends the color-scheme meta tag")):
        found = [file for file in files if name.fullmatch(file.src_uri)]
        if not found:
            log.warning(f"hooks/palette_switch.py: no Material {kind} ({name.pattern}) among the files; "
                        "see the hook's docstring")
        for file in found:
            trimmed(file, pattern, replacement, what)
    return files
