"""Every Python block in the Markdown (both languages and the README) is run.

The count here comes from tests/mdtools.py, a reader independent of
pytest-codeblocks; the collected count comes from pytest itself.
"""

import subprocess
import sys
from collections import Counter

import pytest

from mdtools import ROOT, TEST_MARK, markdown_files, python_blocks, rel


def collected_blocks() -> Counter:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         *[rel(p) for p in markdown_files()]],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, f"collecting the Markdown code blocks failed:\n{result.stdout}\n{result.stderr}"
    return Counter(line.split("::")[0] for line in result.stdout.splitlines() if "::line " in line)


def test_every_python_block_is_collected():
    collected = collected_blocks()
    total = 0
    for path in markdown_files():
        blocks = python_blocks(path)
        # A block marked <!--pytest-codeblocks:cont--> runs as part of the one before it.
        expected = sum(not block.continued for block in blocks)
        total += expected
        assert collected[rel(path)] == expected, (
            f"{rel(path)}: {len(blocks)} Python blocks in the Markdown "
            f"({expected} tests expected), but pytest collected {collected[rel(path)]}"
        )
    assert total > 0 and sum(collected.values()) == total


@pytest.mark.parametrize("path", markdown_files(), ids=rel)
def test_no_block_is_skipped_or_expected_to_fail(path):
    marks = TEST_MARK.findall(path.read_text(encoding="utf-8"))
    assert not marks, f"{rel(path)} marks code blocks as {marks}: every block must run and pass"
