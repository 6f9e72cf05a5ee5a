"""Claims about snippets/variance_vs_fan_in.py (initialization page, single neuron)."""

import numpy as np


def test_monte_carlo_matches_n_var_w_var_x(run_snippet):
    ns = run_snippet("variance_vs_fan_in")
    n = ns["fan_ins"]
    # Var(z) = n Var(w) Var(x): n for Var(w) = 1, and 1 for Var(w) = 1/n; page: "within 5 %"
    np.testing.assert_allclose(ns["measured"]["fixed"], n * 1.0, rtol=0.05)
    np.testing.assert_allclose(ns["measured"]["scaled"], 1.0, rtol=0.05)
    assert n[0] == 1 and n[-1] == 1024


def test_variance_of_a_product_of_independent_zero_mean_variables():
    """Var(w x) = Var(w) Var(x): the step the derivation rests on (Monte Carlo)."""
    rng = np.random.default_rng(3)
    w = rng.normal(0, 0.7, 1_000_000)
    x = rng.uniform(-2, 2, 1_000_000)          # Var = 16/12
    assert abs(np.var(w * x) / (0.49 * 16 / 12) - 1) < 0.01
