"""Claims about snippets/sigmoid_relu_gradients.py (backpropagation page)."""

import numpy as np
import pytest

from conftest import SEEDS
from mdtools import DOCS, assert_stated, latex_sci


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
    sig = ns["grad_norms"]["sigmoid"]
    assert ns["L"] - 1 >= 10, "at least 10 hidden layers"
    assert all(np.diff(sig) > 0), "sigmoid: every layer's gradient is smaller than the next one's"


_runs: dict[int, dict] = {}


def seeded(run_snippet_seeded, seed: int) -> dict:
    """The snippet's variables for one seed (data and weights), computed once."""
    if seed not in _runs:
        _runs[seed] = run_snippet_seeded("sigmoid_relu_gradients", seed)
    return _runs[seed]


def says(english: str, chinese: str) -> None:
    """The page states a number in words, each language in its own phrasing (line
    breaks in the source do not count)."""
    for name, text in (("backpropagation-view.md", english), ("backpropagation-view.zh.md", chinese)):
        page = " ".join((DOCS / name).read_text(encoding="utf-8").split())
        assert " ".join(text.split()) in page, f"docs/{name} does not say {text!r}"


def about(value: float, stated: float) -> bool:
    """"About" a power of ten or a round number: within a factor of √10."""
    return stated / 10 ** 0.5 < value < stated * 10 ** 0.5


@pytest.mark.parametrize("seed", SEEDS)
def test_first_to_last_gradient_ratio_at_initialization(run_snippet_seeded, seed):
    """"Between about 10⁻⁸ and 10⁻⁷ times the size of its last layer's, depending on
    the random draw; in the ReLU network the ratio is about 0.1." """
    ns = seeded(run_snippet_seeded, seed)
    sig, relu = ns["grad_norms"]["sigmoid"], ns["grad_norms"]["relu"]
    low, high = 1e-8, 1e-6
    assert low / 10 ** 0.5 < sig[0] / sig[-1] < high * 10 ** 0.5, f"seed {seed}: sigmoid {sig[0] / sig[-1]:.1e}"
    assert about(relu[0] / relu[-1], 0.1), f"seed {seed}: ReLU {relu[0] / relu[-1]:.3f}"
    assert_stated("backpropagation-view", r"\(10^{-8}\)", r"\(10^{-6}\)")
    says(r"between about \(10^{-8}\) and \(10^{-6}\) times the size of its last layer's",
         r"只有最后一层的约 \(10^{-8}\) 到 \(10^{-6}\)")
    says("the ratio is about 0.1", "这一比值约为 0.1")


@pytest.mark.parametrize("seed", SEEDS)
def test_early_sigmoid_layers_barely_move(run_snippet_seeded, seed):
    """"The first-layer weights of the sigmoid network have changed by less than 10⁻⁶
    of their size, while every layer of the ReLU network has changed by at least
    about 4 × 10⁻²" (at least 90 % of it)."""
    ns = seeded(run_snippet_seeded, seed)
    sig, relu = ns["moved"]["sigmoid"], ns["moved"]["relu"]
    assert 0 < sig[0] < 1e-5, f"seed {seed}: sigmoid layer 1 moved {sig[0]:.1e}"
    assert min(relu) > 0.9 * 2e-2, f"seed {seed}: a ReLU layer moved only {min(relu):.3f}"
    assert_stated("backpropagation-view", r"\(10^{-5}\)", f"\\({latex_sci(2e-2, 0)}\\)")
    says(r"changed by less than about \(10^{-5}\) of their size", r"还不到自身大小的约 \(10^{-5}\)")
    says(r"at least about \(2 \times 10^{-2}\) of its size", r"都至少约为自身大小的 \(2 \times 10^{-2}\)")


def test_the_alt_text_describes_the_relu_curve_as_drawn(run_snippet):
    """The figure's alt text gives the ReLU network's relative change after training:
    the hidden layers' range and the output layer's value, as drawn."""
    moved = run_snippet("sigmoid_relu_gradients")["moved"]["relu"]
    hidden, output = moved[:-1], moved[-1]
    lo, hi, out = f"{min(hidden):.2f}", f"{max(hidden):.2f}", f"{output:.2f}"
    assert f"between about {lo} and {hi} in the hidden layers and reaches {out}" in \
        (DOCS / "backpropagation-view.md").read_text(encoding="utf-8")
    assert f"在约 {lo} 到 {hi} 之间，输出层达到 {out}" in \
        (DOCS / "backpropagation-view.zh.md").read_text(encoding="utf-8")
    assert output > 3 * max(hidden)
