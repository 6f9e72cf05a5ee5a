"""Claims about snippets/variance_multiplier.py (initialization page, the multiplier)."""

import numpy as np

from mdtools import assert_stated, latex_sci


def test_spread_scales_like_k_to_the_half_depth(run_snippet):
    ns = run_snippet("variance_multiplier")
    slope = np.polyfit(np.log(ns["multipliers"]), np.log(ns["last_std"]), 1)[0]
    assert abs(slope - ns["depth"] / 2) < 0.5, f"log-log slope {slope:.2f}, expected L/2 = {ns['depth'] / 2}"


def test_k_equal_one_keeps_the_input_scale(run_snippet):
    ns = run_snippet("variance_multiplier")
    k1 = np.argmin(abs(ns["multipliers"] - 1))
    assert ns["multipliers"][k1] == 1.0
    # ReLU halves the mean square once more at the end: std(a) ~ sqrt(1/2 - 1/(2 pi)) ~ 0.58
    assert 0.3 < ns["last_std"][k1] < 1.2


def test_numbers_on_the_initialization_page(run_snippet):
    ns = run_snippet("variance_multiplier")
    ratio = ns["last_std"][-1] / ns["last_std"][0]      # k = 2 against k = 1/2
    assert_stated("weight-initialization", f"L = {ns['depth']}", f"\\approx {latex_sci(ratio, 0)}")
