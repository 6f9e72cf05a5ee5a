"""Claims about snippets/float_range_depth.py (lecture page, floating point)."""

import math

import numpy as np

from mdtools import assert_stated, latex_sci


def test_depths_match_the_limits_of_each_type(run_snippet):
    ns = run_snippet("float_range_depth")
    for t in (np.float16, np.float32, np.float64):
        info = np.finfo(t)
        # 1.5**k first exceeds the largest value at k = floor(log(max) / log 1.5) + 1; L = k + 1
        assert ns["overflow"][t.__name__] == math.floor(math.log(float(info.max)) / math.log(1.5)) + 2
        # 0.5**k first rounds to 0 one step below the smallest subnormal 2**-m; L = k + 1
        m = -math.log2(float(info.smallest_subnormal))
        assert ns["underflow"][t.__name__] == int(m) + 2


def test_the_table_on_the_lecture_page(run_snippet):
    ns = run_snippet("float_range_depth")
    rows = []
    for t in (np.float16, np.float32, np.float64):
        info, name = np.finfo(t), t.__name__
        rows.append(f"| `{name}` | \\({latex_sci(float(info.max))}\\) | "
                    f"\\({latex_sci(float(info.smallest_subnormal))}\\) | "
                    f"{ns['overflow'][name]} | {ns['underflow'][name]} |")
    assert_stated("vanishing-exploding-gradients", *rows)


def test_sentences_on_the_lecture_page(run_snippet):
    ns = run_snippet("float_range_depth")
    assert ns["overflow"]["float16"] < 30          # "overflows after fewer than 30 layers"
    assert np.float32(0.5) ** np.float32(151) == 0  # "0.5^151 is already exactly 0 in float32"
    assert ns["underflow"]["float32"] <= 152
