"""Claims about snippets/deep_linear_activations.py (home page, lecture page)."""

import numpy as np

from mdtools import assert_stated, latex_sci


def test_activations_are_c_to_the_l_times_x(run_snippet):
    ns = run_snippet("deep_linear_activations")
    layers = np.arange(1, ns["depth"] + 1)
    assert ns["scales"] == [0.5, 0.9, 1.0, 1.1, 1.5]
    for c in ns["scales"]:
        np.testing.assert_allclose(ns["norms"][c], c ** layers * np.linalg.norm(ns["x"]), rtol=1e-13)


def test_halving_gives_exactly_one_half_one_quarter_one_eighth(run_snippet):
    ns = run_snippet("deep_linear_activations")
    # With x = (1, 1) and W = 0.5 I: a[l] = (2**-l, 2**-l), exactly (powers of two).
    assert list(ns["x"]) == [1.0, 1.0]
    for layer in (1, 2, 3, 50):
        assert ns["norms"][0.5][layer - 1] == np.hypot(2.0**-layer, 2.0**-layer)


def test_numbers_on_the_home_page(run_snippet):
    ns = run_snippet("deep_linear_activations")
    assert ns["depth"] == 50
    assert_stated(
        "index",
        f"\\|a^{{[50]}}\\|_2 \\approx {latex_sci(ns['norms'][1.5][49])}",
        f"\\|a^{{[50]}}\\|_2 \\approx {latex_sci(ns['norms'][0.5][49])}",
    )
