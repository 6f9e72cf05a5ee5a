"""Every lecture time on the site, rendered from the cue data in data/lectures/.

``data/lectures/NAME.yml`` describes the lecture that ``docs/NAME.md`` (and its
translation) mirrors: the subtitle cues' numbers and times, the video's length, and
for each section of the page (by its heading id) the first and last cue it covers.
Nothing in a page types a time; this hook writes them, identically in both
languages:

- each timed section heading (``## Title { #id }``) gets its time range;
- a lecture timeline goes under the page title: one bar for the video, one linked
  segment per section, proportional to its duration (equal widths when the
  transcript has no time codes), labelled with the section's title and time range
  on hover and keyboard focus. The bar and its links are plain HTML;
  ``timeline.js`` only highlights the section being read;
- in prose, ``{cue:N}`` becomes the start time of cue N of the page's own lecture,
  ``{cue:LECTURE/N}`` that of another lecture's cue, and ``{length:LECTURE}`` the
  length of a lecture's video (LECTURE is the data file's name).

The build fails, naming the page (or data file) and the id, when the data's
sections are not contiguous, overlap, leave cues out or are out of order, when a
section id in the data is missing from the page, when a section of the page is
missing from the data, or when a cited cue or lecture does not exist.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "lectures"
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^##\s+(.*?)\s*(?:\{\s*#([\w-]+)\s*\})?\s*$")
CITATION = re.compile(r"\{(cue|length):(?:([a-z0-9-]+)/)?([a-z0-9-]+)\}")
H2 = re.compile(r'(<h2 id="([^"]+)"[^>]*>)(.*?)(<a class="headerlink")', re.S)
H1_END = re.compile(r"</h1>")

TEXT = {
    "en": {
        "nav": "Lecture timeline",
        "timed": "Lecture timeline · {length} · one segment per section",
        "untimed": "Sections in lecture order · the transcript has no time codes",
    },
    "zh": {
        "nav": "本讲时间轴",
        "timed": "本讲时间轴 · {length} · 每段对应一节",
        "untimed": "各节按讲授顺序排列 · 文字稿没有时间码",
    },
}


def clock(seconds: float) -> str:
    """m:ss, the way a video player shows a time (seconds rounded down)."""
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def time_range(start: float, end: float) -> str:
    return f"{clock(start)}–{clock(end)}"


class Lecture:
    """One data/lectures/NAME.yml file, checked on load."""

    def __init__(self, path: Path):
        self.path = path
        self.name = path.stem
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.page = data["page"]
        self.length = data.get("length")
        self.cues = {n: (start, end) for n, start, end in data.get("cues", [])}
        self.sections = data["sections"]
        self.extra = data.get("extra", [])
        self.timed = bool(self.cues)
        self.check()

    def where(self) -> str:
        return (self.path.relative_to(ROOT).as_posix() if self.path.is_relative_to(ROOT)
                else str(self.path))

    def fail(self, message: str) -> PluginError:
        return PluginError(f"{self.where()} (page docs/{self.page}): {message}")

    def check(self) -> None:
        """Sections in order, contiguous, without overlap, covering every cue."""
        if not self.timed:
            return
        numbers = sorted(self.cues)
        if numbers != list(range(1, len(numbers) + 1)):
            raise self.fail("the cues are not numbered 1, 2, 3, ... without gaps")
        expected = numbers[0]
        for section in self.sections:
            sid, first, last = section["id"], section.get("first"), section.get("last")
            for n in (first, last):
                if n not in self.cues:
                    raise self.fail(f"section '{sid}' cites cue {n}, which does not exist")
            if first > last:
                raise self.fail(f"section '{sid}' runs backwards (cues {first}..{last})")
            if first < expected:
                raise self.fail(f"section '{sid}' (cues {first}..{last}) overlaps the section "
                                f"before it or is out of lecture order (expected cue {expected})")
            if first > expected:
                raise self.fail(f"section '{sid}' starts at cue {first}: cues "
                                f"{expected}..{first - 1} belong to no section")
            expected = last + 1
        if expected != numbers[-1] + 1:
            raise self.fail(f"cues {expected}..{numbers[-1]} after the last section belong to no section")
        if self.length is None or self.length < self.cues[numbers[-1]][1]:
            raise self.fail("the video's length is missing or ends before the last cue")

    def cue_start(self, n: int, where: str) -> float:
        if n not in self.cues:
            raise PluginError(f"{where}: cites cue {n} of lecture '{self.name}', which does not exist "
                              f"(see {self.where()})")
        return self.cues[n][0]

    def spans(self) -> list[tuple[str, float, float]]:
        """(id, start, end) of each section: from its first cue's start (0 for the
        first section) to the next section's start (the video's end for the last)."""
        out = []
        for i, section in enumerate(self.sections):
            start = 0.0 if i == 0 else self.cues[section["first"]][0]
            end = (self.cues[self.sections[i + 1]["first"]][0] if i + 1 < len(self.sections)
                   else self.length)
            out.append((section["id"], start, end))
        return out

    def ranges(self) -> dict[str, str]:
        """The time range shown for each section: its first cue's start to its last
        cue's end."""
        if not self.timed:
            return {}
        return {s["id"]: time_range(self.cues[s["first"]][0], self.cues[s["last"]][1])
                for s in self.sections}


def load_all() -> dict[str, Lecture]:
    return {path.stem: Lecture(path) for path in sorted(DATA.glob("*.yml"))}


def language(src_uri: str) -> str:
    return "zh" if src_uri.endswith(".zh.md") else "en"


def base_page(src_uri: str) -> str:
    return src_uri[: -len(".zh.md")] + ".md" if src_uri.endswith(".zh.md") else src_uri


def page_sections(markdown: str) -> list[str | None]:
    """The ids of the page's second-level headings (None for a heading without one)."""
    ids, fence = [], None
    for line in markdown.splitlines():
        match = FENCE.match(line)
        if match and (fence is None or match.group(1)[0] == fence[0]):
            fence = match.group(1) if fence is None else None
            continue
        if fence is None and (heading := HEADING.match(line)):
            ids.append(heading.group(2))
    return ids


# --- MkDocs events ----------------------------------------------------------------

LECTURES: dict[str, Lecture] = {}


def on_config(config):
    LECTURES.clear()
    LECTURES.update(load_all())
    pages = [lecture.page for lecture in LECTURES.values()]
    for page in pages:
        if not (Path(config["docs_dir"]) / page).is_file():
            raise PluginError(f"data/lectures: no page docs/{page}")
    return config


def lecture_of(page) -> Lecture | None:
    src = base_page(page.file.src_uri)
    return next((lec for lec in LECTURES.values() if lec.page == src), None)


def cite(match: re.Match, own: Lecture | None, where: str) -> str:
    kind, name, ref = match.groups()
    if kind == "length":
        lecture = LECTURES.get(ref)
        if lecture is None or lecture.length is None:
            raise PluginError(f"{where}: {match.group(0)}: no lecture '{ref}' with a length in data/lectures/")
        return clock(lecture.length)
    lecture = LECTURES.get(name) if name else own
    if lecture is None:
        raise PluginError(f"{where}: {match.group(0)}: no such lecture in data/lectures/")
    if not ref.isdigit():
        raise PluginError(f"{where}: {match.group(0)}: a cue is cited by its number")
    return clock(lecture.cue_start(int(ref), where))


def on_page_markdown(markdown: str, page, config, files) -> str:
    where = f"docs/{page.file.src_uri}"
    lecture = lecture_of(page)
    if lecture is not None:
        found = page_sections(markdown)
        wanted = [s["id"] for s in lecture.sections] + list(lecture.extra)
        for sid in wanted:
            if sid not in found:
                raise PluginError(f"{where}: data/lectures/{lecture.name}.yml names section '{sid}', "
                                  "which the page does not have")
        for sid in found:
            if sid is None:
                raise PluginError(f"{where}: a section heading has no {{ #id }}; lecture pages "
                                  f"need one on every '##' heading (see data/lectures/{lecture.name}.yml)")
            if sid not in wanted:
                raise PluginError(f"{where}: section '{sid}' is not in data/lectures/{lecture.name}.yml "
                                  "(add it to 'sections' with its cues, or to 'extra')")
        timed = [sid for sid in found if sid in {s["id"] for s in lecture.sections}]
        if timed != [s["id"] for s in lecture.sections]:
            raise PluginError(f"{where}: the lecture's sections are not in the order of "
                              f"data/lectures/{lecture.name}.yml")
    return CITATION.sub(lambda m: cite(m, lecture, where), markdown)


def timeline(lecture: Lecture, titles: dict[str, str], lang: str) -> str:
    text = TEXT[lang]
    ranges = lecture.ranges()
    items = []
    for number, (sid, start, end) in enumerate(
        lecture.spans() if lecture.timed else [(s["id"], 0, 1) for s in lecture.sections], 1
    ):
        title = html.escape(titles.get(sid, sid))
        when = f' <span class="timerange">{ranges[sid]}</span>' if sid in ranges else ""
        items.append(
            f'<li class="lecture-timeline__segment" style="flex-grow:{end - start:.3f}">'
            f'<a href="#{sid}"><span class="lecture-timeline__number" aria-hidden="true">{number}</span>'
            f'<span class="lecture-timeline__label">{number}. {title}{when}</span></a></li>'
        )
    caption = (text["timed"].format(length=clock(lecture.length)) if lecture.timed
               else text["untimed"])
    kind = "timed" if lecture.timed else "untimed"
    return (
        f'<nav class="lecture-timeline lecture-timeline--{kind}" aria-label="{text["nav"]}">'
        f'<ol class="lecture-timeline__bar">{"".join(items)}</ol>'
        f'<p class="lecture-timeline__caption">{caption}</p></nav>'
    )


def section_titles(page) -> dict[str, str]:
    titles = {}
    for top in page.toc:
        for item in [top, *top.children]:
            titles[item.id] = html.unescape(re.sub(r"<[^>]+>", "", item.title)).strip()
    return titles


def on_page_content(content: str, page, config, files) -> str:
    lecture = lecture_of(page)
    if lecture is None:
        return content
    ranges = lecture.ranges()

    def add_range(match: re.Match) -> str:
        open_tag, sid, inner, link = match.groups()
        if sid not in ranges:
            return match.group(0)
        return f'{open_tag}{inner} <span class="timerange">{ranges[sid]}</span>{link}'

    content = H2.sub(add_range, content)
    nav = timeline(lecture, section_titles(page), language(page.file.src_uri))
    content, found = H1_END.subn(f"</h1>\n{nav}", content, count=1)
    if not found:
        raise PluginError(f"docs/{page.file.src_uri}: a lecture page needs a '# title' for its timeline")
    return content
