"""Claims about snippets/variance_multiplier.py (initialization page, the multiplier)."""

import numpy as np
import pytest

from conftest import SEEDS

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


@pytest.mark.parametrize("seed", SEEDS)
def test_k_from_a_half_to_2_multiplies_the_spread_by_4_to_the_10(run_snippet_seeded, seed):
    """The page states the law, (2 / (1/2))^(L/2) = 4^10 ~ 10^6, and that a single
    draw lands within a factor of 3 of it."""
    ns = run_snippet_seeded("variance_multiplier", seed)
    k = ns["multipliers"]
    assert k[0] == 0.5 and k[-1] == 2.0
    law = (k[-1] / k[0]) ** (ns["depth"] / 2)
    ratio = ns["last_std"][-1] / ns["last_std"][0]
    assert law == 4 ** 10 and 1 / 3 < ratio / law < 3, f"seed {seed}: {ratio:.3g} against {law:.3g}"
    assert_stated("weight-initialization", f"L = {ns['depth']}", "4^{10} \\approx 10^{6}",
                  f"{latex_sci(law, 0)}".replace("1 \\times ", ""))
