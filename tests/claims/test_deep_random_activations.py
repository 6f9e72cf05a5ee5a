"""Claims about snippets/deep_random_activations.py (lecture page, random weights)."""

import numpy as np


def test_random_layer_multiplies_the_squared_size_by_s_squared():
    """E||W a||² = s² ||a||² for W_ij ~ N(0, s²/n): Monte Carlo, 2000 matrices."""
    rng = np.random.default_rng(2)
    n, s = 64, 1.3
    a = rng.standard_normal(n)
    squared = [np.sum((rng.normal(0, s / np.sqrt(n), (n, n)) @ a) ** 2) for _ in range(2000)]
    # the relative standard error of the mean is sqrt(2/n/2000) ≈ 0.4 %: allow 2 %
    assert abs(np.mean(squared) / (s**2 * a @ a) - 1) < 0.02


def test_measured_size_stays_within_a_factor_two_of_s_to_the_l(run_snippet):
    ns = run_snippet("deep_random_activations")
    assert ns["n"] == 256 and ns["depth"] == 50
    layers = np.arange(1, ns["depth"] + 1)
    for s in ns["scales"]:
        ratio = ns["ratios"][s] / s**layers
        assert np.abs(np.log(ratio)).max() < np.log(2), f"s = {s}: off by more than a factor 2"
        slope = np.polyfit(layers, np.log(ns["ratios"][s]), 1)[0]
        assert abs(slope - np.log(s)) < 0.02, f"s = {s}: growth rate {slope:.3f} per layer, not log s"


def test_the_script_is_seeded(run_snippet):
    first = run_snippet("deep_random_activations")["ratios"]
    second = run_snippet("deep_random_activations")["ratios"]
    assert all(np.array_equal(first[s], second[s]) for s in first)
