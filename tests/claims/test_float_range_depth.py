"""Claims about snippets/float_range_depth.py (lecture page, floating point)."""

import math

import numpy as np

from mdtools import DOCS, assert_stated, latex_sci


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


def test_the_inequalities_on_the_lecture_page(run_snippet):
    """The page: the depths agree with L - 1 > log(max) / log c for 1.5^(L-1), and with
    L - 1 >= log(limit) / log c for 0.5^(L-1), the limit being half the smallest
    positive number. With c = 0.5 that bound is an integer, and exactly half already
    rounds to 0 (to even), so a strict > would give one layer too many."""
    ns = run_snippet("float_range_depth")
    for t in (np.float16, np.float32, np.float64):
        info, name = np.finfo(t), t.__name__
        bound = math.log(float(info.max)) / math.log(1.5)
        assert ns["overflow"][name] - 1 > bound >= ns["overflow"][name] - 2
        bound = (math.log(float(info.smallest_subnormal)) - math.log(2)) / math.log(0.5)  # log(half)
        assert abs(bound - round(bound)) < 1e-9
        assert ns["underflow"][name] - 1 == round(bound)            # L - 1 >= bound, first L
        wide = np.longdouble if t is np.float64 else np.float64
        if np.finfo(wide).smallest_subnormal < info.smallest_subnormal / 2:  # half is representable
            half = wide(info.smallest_subnormal) / 2
            assert t(half) == 0 and t(half * wide(1 + 2 ** -20)) == info.smallest_subnormal
    assert_stated("vanishing-exploding-gradients",
                  "\\(L - 1 > \\log(\\text{", "\\(L - 1 \\ge \\log(\\text{")


def test_rounding_to_inf_above_the_largest_value():
    """The page: a result above the largest value rounds down to it if it exceeds it by
    less than half the gap between the two largest numbers, and becomes inf otherwise."""
    for t in (np.float16, np.float32):
        info = np.finfo(t)
        largest = float(info.max)
        gap = largest - float(np.nextafter(info.max, t(0)))
        wide = np.float64 if t is np.float16 else np.longdouble
        with np.errstate(over="ignore"):
            assert t(wide(largest) + wide(gap) / 2 * wide(0.99)) == info.max
            assert np.isinf(t(wide(largest) + wide(gap) / 2))


def to_bfloat16(values):
    """Round float32 values to bfloat16 (8 significant bits), to nearest, ties to even:
    the upper 16 bits of the float32, after adding half of the lower 16 bits' range."""
    bits = np.asarray(values, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return rounded.astype(np.uint32).view(np.float32)


def test_bfloat16_overflows_within_one_layer_of_float32(run_snippet):
    """The page: bfloat16 has float32's exponent range (largest value also about
    3.4e38) and, multiplied out layer by layer, gives inf one layer later or earlier at
    most: from L = 221, by a simulation of bfloat16's rounding."""
    assert to_bfloat16(1 + 2 ** -8) == 1 and to_bfloat16(1 + 3 * 2 ** -8) == 1 + 2 ** -6  # ties to even
    assert to_bfloat16(1 + 2 ** -7) == 1 + 2 ** -7
    largest = np.array(0x7F7F0000, dtype=np.uint32).view(np.float32)        # bfloat16's largest value
    assert np.isinf(to_bfloat16(largest * np.float32(1 + 2 ** -8)))
    assert latex_sci(float(largest)) == latex_sci(float(np.finfo(np.float32).max))
    value, L = to_bfloat16(1.0), 1
    with np.errstate(over="ignore"):
        while not np.isinf(value):
            value, L = to_bfloat16(value * np.float32(1.5)), L + 1   # exact in float32, then rounded
    float32 = run_snippet("float_range_depth")["overflow"]["float32"]
    assert abs(L - float32) <= 1 and L != float32
    assert_stated("vanishing-exploding-gradients", f"\\(L = {L}\\)")
    en = " ".join((DOCS / "vanishing-exploding-gradients.md").read_text(encoding="utf-8").split())
    zh = (DOCS / "vanishing-exploding-gradients.zh.md").read_text(encoding="utf-8")
    assert f"to within one layer (repeated multiplication in `bfloat16` gives `inf` from \\(L = {L}\\))" in en
    assert f"最多相差一层（在 `bfloat16` 中逐层相乘，从 \\(L = {L}\\) 起得到 `inf`）" in zh
