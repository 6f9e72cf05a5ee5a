"""Claims about snippets/deep_linear_gradients.py (lecture page, gradients section)."""

import numpy as np
import pytest

from mdtools import DOCS, assert_stated, latex_sci


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


def test_right_panel_as_the_alt_text_describes_it(run_snippet):
    """The alt text: curves that become straight lines for deep networks, falling for
    c below 1 (for c = 0.9 after a rise up to about 8 layers) and rising for c above 1.
    The plotted value is c^(L-2) |c^(L-1) - 1|: its slope on the log axis tends to
    log c for c < 1 and to 2 log c for c > 1, but is far from it at small L."""
    ns = run_snippet("deep_linear_gradients")
    depths = ns["depths"]
    assert depths[0] == 3 and depths[-1] == 60
    peak = {}
    for c in ns["scales"]:
        first_layer = np.array([ns["gradient_norms"](c, d)[1][0] for d in depths])
        np.testing.assert_allclose(first_layer, c ** (depths - 2) * abs(c ** (depths - 1) - ns["y"]), rtol=1e-10)
        slopes = np.diff(np.log(first_layer))
        limit = np.log(c) if c < 1 else 2 * np.log(c)
        assert abs(slopes[-10:] / limit - 1).max() < 0.01, f"c = {c}: not straight for deep networks"
        assert abs(slopes[0] / limit - 1) > 0.2, f"c = {c}: already straight at L = 3 (not a curve)"
        peak[c] = depths[np.argmax(first_layer)]
        if c > 1:
            assert (slopes > 0).all(), f"c = {c} must rise"
        else:
            top = np.argmax(first_layer)
            assert (slopes[:top] > 0).all() and (slopes[top:] < 0).all(), f"c = {c}: rise, then fall"
    assert peak[0.5] == 3 and peak[0.9] == 8
    en = (DOCS / "vanishing-exploding-gradients.md").read_text(encoding="utf-8")
    zh = (DOCS / "vanishing-exploding-gradients.zh.md").read_text(encoding="utf-8")
    assert f"for c equal to 0.9 after a rise up to about {peak[0.9]} layers" in en
    assert f"c 为 0.9 时先上升，到约 {peak[0.9]} 层之后才下降" in zh
