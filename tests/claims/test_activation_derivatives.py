"""Claims about snippets/activation_derivatives.py (backpropagation page)."""

import numpy as np

from mdtools import assert_stated, latex_sci


def test_sigmoid_derivative_never_exceeds_one_quarter(run_snippet):
    ns = run_snippet("activation_derivatives")
    s_prime = ns["functions"][r"$\sigma(z)$"][1]
    assert s_prime.max() == 0.25 and ns["z"][s_prime.argmax()] == 0.0
    # analytically sigma(1 - sigma) = p(1 - p) <= 1/4; check far beyond the plotted range too
    z = np.random.default_rng(5).normal(0, 20, 100_000)
    p = 1 / (1 + np.exp(-z))
    assert (p * (1 - p) <= 0.25).all()


def test_tanh_and_relu_derivatives(run_snippet):
    ns = run_snippet("activation_derivatives")
    tanh_prime = ns["functions"][r"$\tanh(z)$"][1]
    relu_prime = ns["functions"][r"$\max(0, z)$"][1]
    assert tanh_prime.max() == 1.0
    assert set(np.unique(relu_prime)) == {0.0, 1.0}


def test_ten_sigmoid_layers_bound_on_the_page():
    assert_stated("backpropagation-view", f"(1/4)^{{10}} \\approx {latex_sci(0.25 ** 10)}")
