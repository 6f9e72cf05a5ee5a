"""Builds that depend only on the sources.

MkDocs stamps the build date into the sitemap (lastmod) unless SOURCE_DATE_EPOCH
is set. If it is not set, use the time of the last commit, so that two builds of
the same commit give identical files on any day.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def on_startup(command, dirty) -> None:
    if "SOURCE_DATE_EPOCH" in os.environ:
        return
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True,
                               cwd=Path(__file__).resolve().parent.parent, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return
    if stamp.isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = stamp
