"""The lectures' timeline as data (data/lectures/, hooks/timeline.py).

The sections of each timed lecture are checked here directly from the data (in
lecture order, contiguous, without overlap, from the first cue to the last), the
cue times against the subtitle files when those are at hand, the rendered ranges
of both languages against the data, and the build's failures on bad data.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import PluginError

from conftest import mkdocs
from cues import read_cues
from mdtools import DOCS, ROOT
from sandbox import copy_project
from timeline import Lecture, load_all

DATA = ROOT / "data" / "lectures"
SEEDS = ROOT.parent / "shared" / "seeds"
LECTURES = sorted(DATA.glob("*.yml"))
TIMED = [p for p in LECTURES if yaml.safe_load(p.read_text(encoding="utf-8")).get("cues")]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def mmss(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def test_there_is_data_for_every_lecture_page():
    assert {load(p)["page"] for p in LECTURES} == {
        "vanishing-exploding-gradients.md", "weight-initialization.md", "backpropagation-view.md"}
    assert [p.stem for p in TIMED] == ["vanishing-exploding-gradients"]


@pytest.mark.parametrize("path", TIMED, ids=lambda p: p.stem)
def test_sections_are_in_order_contiguous_and_cover_every_cue(path):
    data = load(path)
    numbers = [n for n, _, _ in data["cues"]]
    assert numbers == list(range(1, len(numbers) + 1)), f"{path.name}: cues not numbered 1..N"
    for n, start, end in data["cues"]:
        assert start < end, f"{path.name}: cue {n} ends before it starts"
    starts = [start for _, start, _ in data["cues"]]
    assert starts == sorted(starts), f"{path.name}: cues out of time order"
    sections = data["sections"]
    assert sections[0]["first"] == 1, f"{path.name}: the first section does not start at cue 1"
    assert sections[-1]["last"] == numbers[-1], f"{path.name}: the last section does not end at the last cue"
    for before, after in zip(sections, sections[1:]):
        assert after["first"] == before["last"] + 1, (
            f"{path.name} (docs/{data['page']}): '{after['id']}' does not start at the cue right after "
            f"'{before['id']}' ends")
    for section in sections:
        assert section["first"] <= section["last"], f"{path.name}: '{section['id']}' runs backwards"
    assert data["length"] >= data["cues"][-1][2]


@pytest.mark.parametrize("path", TIMED, ids=lambda p: p.stem)
def test_cue_times_are_those_of_the_subtitles(path):
    """The data holds the cue times of the subtitle file it names, exactly; the video
    length is where the English subtitles (the cross-check) end."""
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the subtitles are expected beside the repository, in {SEEDS}")
        pytest.skip(f"no subtitles at {SEEDS} (they are not part of the repository)")
    data = load(path)
    cues = [tuple(c) for c in data["cues"]]
    assert cues == read_cues(SEEDS / data["source"]), f"{path.name}: cue times differ from {data['source']}"
    english = read_cues(SEEDS / data["cross_check"])
    assert english[-1][2] == pytest.approx(data["length"], abs=0.001)
    assert cues[-1][2] == pytest.approx(data["length"], abs=0.001)


def rendered(site: Path, page: str) -> dict:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    heads = dict(re.findall(r'<h2 id="([^"]+)"[^>]*>.*?<span class="timerange">([^<]+)</span>', html))
    nav = re.search(r'<nav class="lecture-timeline[^"]*"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, f"{page}: no lecture timeline"
    segments = re.findall(r'<li class="lecture-timeline__segment" style="flex-grow:([0-9.]+)">'
                          r'<a href="#([^"]+)">(.*?)</a></li>', nav.group(1), re.S)
    return {"heads": heads, "segments": segments, "nav": nav.group(0), "html": html}


@pytest.mark.parametrize("prefix", ["", "zh/"], ids=["en", "zh"])
@pytest.mark.parametrize("path", LECTURES, ids=lambda p: p.stem)
def test_rendered_ranges_and_timeline_equal_the_data(site, path, prefix):
    data = load(path)
    page = prefix + data["page"][: -len(".md")]
    out = rendered(site, page)
    ids = [s["id"] for s in data["sections"]]
    assert [sid for _, sid, _ in out["segments"]] == ids, f"{page}: timeline segments differ from the data"
    if not data.get("cues"):
        assert out["heads"] == {}, f"{page}: a lecture without time codes shows times"
        assert len({w for w, _, _ in out["segments"]}) == 1, f"{page}: untimed segments differ in width"
        assert "time codes" in out["nav"] or "时间码" in out["nav"]
        return
    cue = {n: (s, e) for n, s, e in data["cues"]}
    want = {s["id"]: f"{mmss(cue[s['first']][0])}–{mmss(cue[s['last']][1])}" for s in data["sections"]}
    assert out["heads"] == want, f"{page}: heading time ranges differ from {path.name}"
    for (width, sid, label), nxt in zip(out["segments"], ids[1:] + [None]):
        assert want[sid] in label, f"{page}: the timeline label of '{sid}' lacks its range"
        start = 0 if sid == ids[0] else cue[next(s for s in data["sections"] if s["id"] == sid)["first"]][0]
        end = data["length"] if nxt is None else cue[next(s for s in data["sections"] if s["id"] == nxt)["first"]][0]
        assert float(width) == pytest.approx(end - start, abs=0.001), f"{page}: segment '{sid}' not proportional"


def test_no_citation_is_left_unrendered_and_no_time_is_typed(site):
    """Every time comes from the data: pages cite cues ({cue:N}) and lengths
    ({length:LECTURE}), never a typed m:ss."""
    typed = re.compile(r"(?<![\d:.])\d{1,2}:\d{2}(?![\d:])")
    fence = re.compile(r"^\s*(`{3,}|~{3,})")
    for source in sorted(DOCS.rglob("*.md")):
        inside = False
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if fence.match(line):
                inside = not inside
            elif not inside:
                assert not typed.search(line), f"{source.relative_to(ROOT)}:{number}: a typed time: {line.strip()}"
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"\{(cue|length):", text), f"{html}: an unrendered time citation"


def test_the_corrections_cite_the_cue_they_correct(site):
    """The mis-heard "protocol" is in cue 37, at 2:23 (not 1:23)."""
    data = load(DATA / "vanishing-exploding-gradients.yml")
    at = mmss(data["cues"][36][1])
    assert at == "2:23"
    for prefix in ("", "zh/"):
        html = (site / prefix / "vanishing-exploding-gradients" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf"<li>{at} \S+the <em>protocol</em>", html), f"{prefix or 'en'}: 'protocol' not at {at}"


@pytest.mark.parametrize("prefix", ["", "zh/"], ids=["en", "zh"])
def test_the_home_page_map_shows_the_lengths_from_the_data(site, prefix):
    html = (site / prefix / "index.html").read_text(encoding="utf-8")
    for name in ("vanishing-exploding-gradients", "backpropagation-view"):
        length = mmss(load(DATA / f"{name}.yml")["length"])
        assert html.count(length) >= 2, f"{prefix}index.html: the length {length} of {name} is not in both tables"


# --- bad data fails, naming the page -----------------------------------------------------

def broken(tmp_path: Path, change) -> Path:
    data = load(DATA / "vanishing-exploding-gradients.yml")
    change(data)
    path = tmp_path / "vanishing-exploding-gradients.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def overlap(d): d["sections"][3]["first"] -= 1
def gap(d): d["sections"][3]["first"] += 1
def missing_end(d): d["sections"][-1]["last"] -= 2
def out_of_order(d): d["sections"][2], d["sections"][3] = d["sections"][3], d["sections"][2]
def no_such_cue(d): d["sections"][-1]["last"] = 960
def short_video(d): d["length"] = 300.0


@pytest.mark.parametrize("change", [overlap, gap, missing_end, out_of_order, no_such_cue, short_video])
def test_wrong_ranges_fail_naming_the_page(tmp_path, change):
    with pytest.raises(PluginError, match=r"docs/vanishing-exploding-gradients\.md"):
        Lecture(broken(tmp_path, change))


def test_the_data_as_it_stands_loads():
    assert set(load_all()) == {p.stem for p in LECTURES}


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def build(project: Path):
    return mkdocs("build", "--strict", "--site-dir", str(project / "site"), cwd=project)


def test_a_section_missing_from_the_page_or_an_unknown_cue_fails_the_build(project):
    data = project / "data" / "lectures" / "vanishing-exploding-gradients.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("id: the-setup,", "id: the-set-up,"),
                    encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "docs/vanishing-exploding-gradients" in result.stderr and "the-set-up" in result.stderr

    data.write_text(data.read_text(encoding="utf-8").replace("id: the-set-up,", "id: the-setup,"),
                    encoding="utf-8")
    page = project / "docs" / "vanishing-exploding-gradients.zh.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{cue:37}", "{cue:370}"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "docs/vanishing-exploding-gradients.zh.md" in result.stderr and "cue 370" in result.stderr
