"""Claims about snippets/deep_linear_gradients.py (lecture page, gradients section)."""

import numpy as np
import pytest

from mdtools import assert_stated, latex_sci


def cost(ns, weights):
    return 0.5 * ((ns["forward"](weights)[-1] - ns["y"]) ** 2).item()


def finite_difference(ns, weights, layer, eps=1e-6):
    grad = np.zeros_like(weights[layer])
    for index in np.ndindex(grad.shape):
        plus = [W.copy() for W in weights]
        minus = [W.copy() for W in weights]
        plus[layer][index] += eps
        minus[layer][index] -= eps
        grad[index] = (cost(ns, plus) - cost(ns, minus)) / (2 * eps)
    return grad


@pytest.mark.parametrize("kind", ["c*I, c=0.9", "c*I, c=1.1", "random"])
def test_backpropagation_matches_finite_differences(run_snippet, kind):
    ns = run_snippet("deep_linear_gradients")
    L = 6
    if kind == "random":
        rng = np.random.default_rng(1)
        weights = [rng.normal(0, 0.8, (2, 2)) for _ in range(L - 1)] + [ns["w_out"]]
    else:
        c = float(kind.split("=")[1])
        weights = [c * np.eye(2)] * (L - 1) + [ns["w_out"]]
    _, dWs = ns["backward"](weights, ns["forward"](weights))
    for layer in range(L):
        numeric = finite_difference(ns, weights, layer)
        np.testing.assert_allclose(dWs[layer], numeric, rtol=1e-6, atol=1e-9,
                                   err_msg=f"layer {layer + 1} ({kind})")


def test_closed_form_for_every_layer(run_snippet):
    ns = run_snippet("deep_linear_gradients")
    L, y = 30, ns["y"]
    for c in ns["scales"]:
        dz_norms, dW_norms = ns["gradient_norms"](c, L)
        delta = abs(c ** (L - 1) - y)
        layers = np.arange(1, L)
        # dJ/dz[l] = c^(L-1-l) W[L]^T (ŷ - y) for l < L, and ||W[L]|| = 1/sqrt(2)
        np.testing.assert_allclose(dz_norms[:-1], c ** (L - 1 - layers) * delta / np.sqrt(2), rtol=1e-10)
        # ||dJ/dW[l]||_F = c^(L-2) |c^(L-1) - y| for every hidden layer
        np.testing.assert_allclose(dW_norms[:-1], c ** (L - 2) * delta, rtol=1e-10)
        # the signal vanishes towards layer 1 for c < 1 and explodes for c > 1
        assert (np.diff(dz_norms[:-1]) > 0).all() == (c < 1)


def test_numbers_on_the_lecture_page(run_snippet):
    ns = run_snippet("deep_linear_gradients")
    hidden = {c: ns["gradient_norms"](c, 30)[1][0] for c in (0.5, 1.5)}
    assert_stated("vanishing-exploding-gradients", latex_sci(hidden[0.5]), latex_sci(hidden[1.5]))
