"""Claims about snippets/tanh_glorot_histograms.py (initialization page, tanh)."""

import numpy as np


def test_uniform_limits_give_the_stated_variances():
    """U[-r, r] has variance r²/3: 1/(3n) for the standard and 2/(n_in + n_out) for Glorot."""
    rng = np.random.default_rng(4)
    n_in, n_out = 300, 100
    standard = rng.uniform(-1 / np.sqrt(n_in), 1 / np.sqrt(n_in), 2_000_000)
    glorot_r = np.sqrt(6 / (n_in + n_out))
    glorot = rng.uniform(-glorot_r, glorot_r, 2_000_000)
    assert abs(standard.var() * 3 * n_in - 1) < 0.01
    assert abs(glorot.var() * (n_in + n_out) / 2 - 1) < 0.01


def test_standard_initialization_shrinks_activations_and_lower_gradients(run_snippet):
    ns = run_snippet("tanh_glorot_histograms")
    assert ns["depth"] >= 5
    act = [a.std() for a in ns["acts"]["standard"]]
    grad = [g.std() for g in ns["grads"]["standard"]]
    assert all(np.diff(act) < 0), "activations must narrow layer after layer"
    # Var(W) = 1/(3n): in the near-linear regime the std shrinks by about 1/sqrt(3) per layer
    per_layer = (act[-1] / act[1]) ** (1 / (len(act) - 2))
    assert abs(per_layer - 1 / np.sqrt(3)) < 0.05
    assert all(np.diff(grad) > 0) and grad[-1] / grad[0] > 10


def gradient_ratio(ns, scheme):
    """std of dJ/dz at the top hidden layer over std at the first: sigma_5 / sigma_1."""
    grads = ns["grads"][scheme]
    return grads[-1].std() / grads[0].std()


def test_normalized_initialization_keeps_layers_alike(run_snippet):
    ns = run_snippet("tanh_glorot_histograms")
    act = [a.std() for a in ns["acts"]["normalized"]]
    std_act = [a.std() for a in ns["acts"]["standard"]]
    assert act[-1] / act[0] > 0.45 and std_act[-1] / std_act[0] < 0.15
    assert gradient_ratio(ns, "normalized") < 3 < 10 < gradient_ratio(ns, "standard")


def test_numbers_on_the_initialization_page(run_snippet):
    from mdtools import assert_stated
    ns = run_snippet("tanh_glorot_histograms")
    assert_stated("weight-initialization",
                  f"\\sigma_5 / \\sigma_1 \\approx {gradient_ratio(ns, 'standard'):.0f}",
                  f"\\sigma_5 / \\sigma_1 \\approx {gradient_ratio(ns, 'normalized'):.1f}")
