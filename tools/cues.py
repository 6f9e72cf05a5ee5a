"""Read cue times out of an SRT subtitle file: numbers and times only, never words.

The lectures' subtitles are copyrighted, so the repository keeps only their cue
numbers and times (data/lectures/NAME.yml). This module is how those times were
taken from the subtitle files, and how the tests check them again when the
subtitles are at hand (../shared/seeds/ beside the repository):

    python tools/cues.py ../shared/seeds/002_*.txt    # prints the YAML cue list

Both layouts found in the seeds are read: one cue per block (number, time line,
text lines) and SRT flattened onto one line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CUE = re.compile(
    r"(?:^|\s)(\d+)\s+(\d\d):(\d\d):(\d\d)[,.](\d\d\d)\s+-->\s+(\d\d):(\d\d):(\d\d)[,.](\d\d\d)"
)


def seconds(h: str, m: str, s: str, ms: str) -> float:
    return round(int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000, 3)


def read_cues(path: Path) -> list[tuple[int, float, float]]:
    """[(number, start, end)] of every cue in an SRT file (either layout)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    cues = []
    for match in CUE.finditer(text):
        number, *times = match.groups()
        cues.append((int(number), seconds(*times[:4]), seconds(*times[4:])))
    return cues


def as_yaml(cues: list[tuple[int, float, float]]) -> str:
    return "cues:  # [number, start s, end s]\n" + "".join(
        f"  - [{n}, {start:.3f}, {end:.3f}]\n" for n, start, end in cues
    )


if __name__ == "__main__":
    for name in sys.argv[1:]:
        sys.stdout.write(as_yaml(read_cues(Path(name))))
