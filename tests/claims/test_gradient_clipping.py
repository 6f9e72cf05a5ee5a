"""Claims about snippets/gradient_clipping.py (backpropagation page)."""

import numpy as np
import pytest

from mdtools import assert_stated, latex_sci


def test_backpropagation_matches_finite_differences(run_snippet):
    ns = run_snippet("gradient_clipping")
    rng = np.random.default_rng(7)
    Ws = [W.copy() for W in ns["W_start"]]
    _, grads = ns["loss_and_gradients"](Ws)
    eps = 1e-6
    for layer in (0, ns["L"] - 1):
        for index in [tuple(rng.integers(0, ns["n"], 2)) for _ in range(6)]:
            plus = [W.copy() for W in Ws]
            minus = [W.copy() for W in Ws]
            plus[layer][index] += eps
            minus[layer][index] -= eps
            numeric = (ns["loss_and_gradients"](plus)[0] - ns["loss_and_gradients"](minus)[0]) / (2 * eps)
            assert grads[layer][index] == pytest.approx(numeric, rel=1e-5)


def test_clipping_keeps_the_update_norm_at_the_threshold(run_snippet):
    ns = run_snippet("gradient_clipping")
    Ws, tau, lr = [W.copy() for W in ns["W_start"]], ns["tau"], ns["learning_rate"]
    clipped_steps = 0
    for step in range(ns["steps"]):
        _, grads = ns["loss_and_gradients"](Ws)
        raw = np.sqrt(sum(np.sum(g ** 2) for g in grads))
        clipped = ns["clip"](grads, tau)
        update = np.sqrt(sum(np.sum((lr * g) ** 2) for g in clipped))
        if raw > tau:
            assert update == pytest.approx(lr * tau, rel=1e-12)
            clipped_steps += 1
        else:
            assert all(np.array_equal(a, b) for a, b in zip(grads, clipped))
        Ws = [W - lr * g for W, g in zip(Ws, clipped)]
    assert clipped_steps > 0


def test_without_clipping_the_loss_explodes_and_with_it_training_settles(run_snippet):
    ns = run_snippet("gradient_clipping")
    plain, clipped = ns["losses"]["plain"], ns["losses"]["clipped"]
    assert plain[1] > 1e30 and not np.isfinite(plain[2])
    assert np.isfinite(clipped).all() and clipped[-1] < clipped[0] / 100
    assert_stated("backpropagation-view", latex_sci(plain[0], 1), latex_sci(plain[1], 0),
                  f"{clipped[-1]:.1f}")
