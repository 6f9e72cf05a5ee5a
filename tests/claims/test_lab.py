"""Claims of the lab (docs/lab.md, docs/lab.zh.md) checked beyond the one run the
notebook shows: the lab's own code (its data, network and training settings, read
from the page) is run with several initialization seeds, and each number the prose
states must hold for every seed, with the tolerance the prose implies ("about" a
power of ten: within half a decade). The notebook's cells assert the same for the
run they print; tests/test_notebooks.py and the code-block tests run those."""

from __future__ import annotations

import re
from fractions import Fraction

import jupytext
import numpy as np
import pytest

from conftest import SEEDS
from mdtools import DOCS, assert_stated, latex_sci

HALF_DECADE = 0.5
GLOROT_SEEDS = range(20)  # "about one run in four" needs more runs than SEEDS


def _lab() -> dict:
    """The lab's namespace after the cells up to the gradients at initialization,
    plus the training settings of its training cell."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cells = [c.source for c in jupytext.read(DOCS / "lab.md").cells if c.cell_type == "code"]
    ns: dict = {}
    try:
        for source in cells:
            exec(source, ns)
            if "ranges = {" in source:
                break
        else:
            raise AssertionError("docs/lab.md: no cell defines the stated ranges")
        training = next(c for c in cells if c.startswith("steps, learning_rate, checkpoints ="))
        exec(training.splitlines()[0], ns)
    finally:
        plt.close("all")
    return ns


LAB = _lab()


def says(english: str, chinese: str) -> None:
    """The lab states a number in words, each language in its own phrasing (line
    breaks in the source do not count)."""
    for name, text in (("lab.md", english), ("lab.zh.md", chinese)):
        page = " ".join((DOCS / name).read_text(encoding="utf-8").split())
        assert " ".join(text.split()) in page, f"docs/{name} does not say {text!r}"


def power(k: int) -> str:
    return "1" if k == 0 else f"$10^{{{k}}}$"


_runs: dict[tuple[str, int], dict] = {}


def train(scheme: str, seed: int) -> dict:
    """The lab's training loop (cell "4. Training") for one initialization seed."""
    if (scheme, seed) not in _runs:
        forward, backward, cost = LAB["forward"], LAB["backward"], LAB["cost"]
        X, Y, lr = LAB["X"], LAB["Y"], LAB["learning_rate"]
        Ws, bs = LAB["initialize"](scheme, seed)
        history, norms = [], []
        with np.errstate(all="ignore"):
            for step in range(LAB["steps"]):
                a = forward(Ws, bs, X)
                history.append(cost(a[-1], Y))
                dWs, dbs = backward(Ws, a, Y)
                if scheme == "small":                 # the only run whose gradients are checked
                    norms.append([np.linalg.norm(dW) for dW in dWs])
                Ws = [W - lr * dW for W, dW in zip(Ws, dWs)]
                bs = [b - lr * db for b, db in zip(bs, dbs)]
                if not np.isfinite(history[-1]):
                    break
            p = forward(Ws, bs, X)[-1]
        below = [t for t, J in enumerate(history) if J < 0.1]
        _runs[scheme, seed] = dict(history=np.array(history), norms=np.array(norms),
                                   accuracy=float(np.mean((p > 0.5) == Y)),
                                   below=below[0] if below else None)
    return _runs[scheme, seed]


@pytest.mark.parametrize("seed", SEEDS)
def test_gradients_at_initialization_lie_in_the_stated_ranges(seed):
    at_init = {s: LAB["gradient_norms"](*LAB["initialize"](s, seed)) for s in LAB["schemes"]}
    assert not at_init["zeros"].any()
    for s, (low, high) in LAB["ranges"].items():
        powers = np.log10(at_init[s])
        assert low - HALF_DECADE < powers.min() and powers.max() < high + HALF_DECADE, \
            f"seed {seed}, {s}: gradients {at_init[s].min():.1e} to {at_init[s].max():.1e}"
    ranges = LAB["ranges"]
    for s in ("large", "small", "glorot", "he"):
        low, high = ranges[s]
        says(f"between about {power(low)} and {power(high)}", f"约在 {power(low)} 到 {power(high)} 之间")
    says(f"the gradients are between about {power(ranges['large'][0])} and {power(ranges['large'][1])}",
         f"梯度约在 {power(ranges['large'][0])} 到 {power(ranges['large'][1])} 之间")
    says(f"the updates are {power(ranges['large'][0])} to {power(ranges['large'][1])} times the learning rate",
         f"每次更新是学习率的 {power(ranges['large'][0])} 到 {power(ranges['large'][1])} 倍")
    says(f"the gradients start between about {power(ranges['small'][0])} and {power(ranges['small'][1])}",
         f"梯度起初约在 {power(ranges['small'][0])} 到 {power(ranges['small'][1])} 之间")


@pytest.mark.parametrize("seed", SEEDS)
def test_the_large_initialization_blows_up_in_the_first_steps(seed):
    history = train("large", seed)["history"]
    assert not np.isfinite(history[:4]).all(), f"seed {seed}: the cost is still finite after 3 steps"
    says("it becomes `nan` in the first steps", "它在最初几步就变成了 `nan`")


@pytest.mark.parametrize("seed", SEEDS)
def test_the_small_initialization_never_gets_gradients_that_move_the_weights(seed):
    """Section 4 and the table: at step 100 the largest gradients are the last two
    layers', below about 10⁻¹³; layers 1-14 lie between about 10⁻³³ and 10⁻³¹, by step 999
    the last layer's has fallen by 10⁴ to 10⁵; no gradient ever exceeds about 10⁻¹²;
    the cost stays at ln 2."""
    run = train("small", seed)
    norms, history = run["norms"], run["history"]
    at_100, at_999 = norms[100], norms[999]
    assert at_100.argmax() >= LAB["L"] - 2 and np.log10(at_100.max()) < -12 + HALF_DECADE, f"seed {seed}"
    early = np.log10(at_100[:14])
    assert -33 - HALF_DECADE < early.min() and early.max() < -30 + HALF_DECADE, f"seed {seed}"
    assert 2 - HALF_DECADE < np.log10(at_100[-1] / at_999[-1]) < 5 + HALF_DECADE, f"seed {seed}"
    assert np.log10(norms.max()) < -12 + HALF_DECADE, f"seed {seed}: a gradient reached {norms.max():.1e}"
    assert np.abs(history - np.log(2)).max() < 1e-3 and run["accuracy"] < 0.6
    says("the largest, those of the last two layers, are below about $10^{-12}$",
         "第 100 步时最大的是最后两层的梯度，约在 $10^{-12}$ 以下")
    says("layers 1 to 14 lie between about $10^{-33}$ and $10^{-30}$", "第 1 到第 14 层的梯度约在 $10^{-33}$ 到 $10^{-30}$ 之间")
    says("fallen by a factor of $10^{2}$ to $10^{5}$", "比第 100 步时缩小到原来的 $10^{-5}$ 到 $10^{-2}$")
    says("never exceed about $10^{-12}$", "从未超过约 $10^{-12}$")


def test_glorot_learns_with_most_seeds_and_he_with_almost_every_seed():
    """"Glorot's success depends on the seed: with other initialization seeds it
    fails in about one run in four, its cost staying near ln 2 for most of the 1000
    steps (within 0.05 for at least 80 % of them), while He learns with almost every
    seed" ("learns": the lab's criterion, accuracy above 0.95), and
    "He much faster" (in at most half the steps to J < 0.1)."""
    glorot = {seed: train("glorot", seed) for seed in GLOROT_SEEDS}
    failed = [seed for seed, run in glorot.items() if run["accuracy"] <= 0.95]
    assert abs(len(failed) / len(glorot) - 1 / 4) <= 0.1, f"Glorot fails with seeds {failed}"
    for seed in failed:
        near = np.abs(glorot[seed]["history"] - np.log(2)) < 0.05
        assert near.mean() >= 0.8, f"Glorot, seed {seed}: near ln 2 for {near.mean():.0%} of the steps"
    he = {seed: train("he", seed) for seed in SEEDS}
    assert sum(run["accuracy"] > 0.95 for run in he.values()) >= 0.8 * len(he)
    for seed, run in he.items():
        if seed in glorot and glorot[seed]["below"] is not None:
            assert run["below"] is not None and run["below"] <= glorot[seed]["below"] / 2, f"seed {seed}"
    assert LAB["steps"] == 1000
    says("it fails in about one run in four, its cost staying near $\\ln 2$ for most of the 1000 steps",
         "大约每四次就有一次学不会，代价在 1000 步中的大部分时间都停留在 $\\ln 2$ 附近")
    says("with about one seed in four, no", "约四分之一的种子学不会")
    says("He learns with almost every seed", "He 则几乎换用任何种子都能学会")


def test_the_per_layer_factors_and_their_powers():
    """Section 7 and the table: nσ²/2 for n = 16, its square root for σ = 1, the
    powers over the 19 hidden layers (the first has 2 inputs and factor σ²)."""
    width, L = LAB["width"], LAB["L"]
    assert LAB["sizes"][:2] == [2, width] and len(LAB["sizes"]) == L + 1
    large, small = width * 1.0 ** 2 / 2, width * 0.01 ** 2 / 2
    hidden_after_first = L - 2
    assert_stated("lab", f"\\sqrt{{n/2}} \\approx {np.sqrt(large):.1f}", f"${small:g}$",
                  f"2/(n_{{l-1}}+n_l) = {Fraction(2, 2 * width)}",
                  f"\\ln 2 \\approx {np.log(2):.3f}",
                  f"{large:g}^{{{hidden_after_first}}} \\approx {latex_sci(large ** hidden_after_first)}",
                  f"10^{{-4}} \\cdot {small:g}^{{{hidden_after_first}}} \\approx "
                  f"{latex_sci(0.01 ** 2 * small ** hidden_after_first)}")
    says(f"that is {large:g} for $\\sigma = 1$", f"$\\sigma = 1$ 对应 {large:g}")
    says(f"over the {L - 1} hidden layers", f"经过 {L - 1} 个隐藏层")
