"""Claims about snippets/sigmoid_relu_gradients.py (backpropagation page)."""

import numpy as np
import pytest

from mdtools import assert_stated, latex_sci


def cross_entropy(ns, kind, Ws):
    p = ns["forward"](kind, Ws)[-1]
    Y = ns["Y"]
    return float(-np.mean(Y * np.log(p) + (1 - Y) * np.log(1 - p)))


@pytest.mark.parametrize("kind", ["sigmoid", "relu"])
def test_backpropagation_matches_finite_differences(run_snippet, kind):
    ns = run_snippet("sigmoid_relu_gradients")
    rng = np.random.default_rng(6)
    # at the network's own initialization; the sigmoid weights are scaled up so that the
    # early layers' gradients are large enough for finite differences to resolve
    Ws = [W * (4.0 if kind == "sigmoid" else 1.0) for W in ns["init"](kind)]
    grads = ns["backward"](kind, Ws, ns["forward"](kind, Ws))
    eps = 1e-6
    for layer in (0, 5, ns["L"] - 1):
        for index in [tuple(rng.integers(0, s) for s in Ws[layer].shape) for _ in range(8)]:
            plus = [W.copy() for W in Ws]
            minus = [W.copy() for W in Ws]
            plus[layer][index] += eps
            minus[layer][index] -= eps
            numeric = (cross_entropy(ns, kind, plus) - cross_entropy(ns, kind, minus)) / (2 * eps)
            assert grads[layer][index] == pytest.approx(numeric, rel=1e-4, abs=1e-9), \
                f"{kind}: layer {layer + 1}, entry {index}"


def test_sigmoid_gradients_vanish_towards_the_first_layer(run_snippet):
    ns = run_snippet("sigmoid_relu_gradients")
    sig, relu = ns["grad_norms"]["sigmoid"], ns["grad_norms"]["relu"]
    assert ns["L"] - 1 >= 10, "at least 10 hidden layers"
    assert all(np.diff(sig) > 0), "sigmoid: every layer's gradient is smaller than the next one's"
    assert sig[0] / sig[-1] < 1e-6 and 0.05 < relu[0] / relu[-1] < 1
    assert_stated("backpropagation-view", latex_sci(sig[0] / sig[-1], 0), f"{relu[0] / relu[-1]:.2f}")


def test_early_sigmoid_layers_barely_move(run_snippet):
    ns = run_snippet("sigmoid_relu_gradients")
    sig, relu = ns["moved"]["sigmoid"], ns["moved"]["relu"]
    assert sig[0] < 1e-5 < 0.01 < min(relu)
    assert_stated("backpropagation-view", latex_sci(sig[0], 1), latex_sci(min(relu), 1))


def test_the_alt_text_describes_the_relu_curve_as_drawn(run_snippet):
    """The figure's alt text gives the ReLU network's relative change after training:
    the hidden layers' range and the output layer's value, as drawn."""
    moved = run_snippet("sigmoid_relu_gradients")["moved"]["relu"]
    hidden, output = moved[:-1], moved[-1]
    from mdtools import DOCS
    lo, hi, out = f"{min(hidden):.2f}", f"{max(hidden):.2f}", f"{output:.2f}"
    assert f"between about {lo} and {hi} in the hidden layers and reaches {out}" in \
        (DOCS / "backpropagation-view.md").read_text(encoding="utf-8")
    assert f"在约 {lo} 到 {hi} 之间，输出层达到 {out}" in \
        (DOCS / "backpropagation-view.zh.md").read_text(encoding="utf-8")
    assert output > 3 * max(hidden)
