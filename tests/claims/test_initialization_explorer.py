"""Claims about snippets/initialization_explorer.py (initialization page, the explorer):
the predict-first answer, the three suggested experiments and the default figure.

Each number from a random network is checked against the law the page states, for
the seeds in conftest.SEEDS (the explorer's `seed`), with the tolerance of the prose.
"""

import numpy as np
import pytest

from conftest import SEEDS
from mdtools import DOCS, assert_stated

PAGE = "weight-initialization"


@pytest.fixture
def explorer(initialization_explorer):
    return initialization_explorer


def ratios(explorer, activation, init, k=1.0, depth=50, seed=1):
    r = explorer["explore"](activation, init, k, depth, seed=seed)
    return r["act_std"][-1] / r["act_std"][0], r["grad_std"][0] / r["grad_std"][-1], r


def test_normal_numbers_have_mean_0_and_variance_1(explorer):
    z = explorer["gaussians"](7, 200_000)
    assert abs(z.mean()) < 0.01 and abs(z.var() - 1) < 0.01 and np.abs(z).max() <= 6


def test_the_series_exp_and_tanh_match_numpy(explorer):
    x = np.linspace(-30, 30, 60001)
    assert np.allclose(explorer["exp"](x), np.exp(x), rtol=1e-13, atol=0)
    assert np.allclose(explorer["tanh"](x), np.tanh(x), rtol=1e-13, atol=1e-300)
    tiny = np.array([1e-50, -1e-20, 3e-8])
    assert np.allclose(explorer["tanh"](tiny), tiny, rtol=1e-13)


def tanh_mean_field(depth=50):
    """Mean field for tanh with Var(W) = 2/n and inputs of variance 1: the variance q of
    z[l] (q[1] = 2), the spread it settles at, and each layer's factor on the gradient's
    mean square, 2 E[tanh'(z)^2]."""
    xi, w = np.polynomial.hermite_e.hermegauss(120)
    w = w / w.sum()
    q, factors = 2.0, []
    for _ in range(1, depth):
        t = np.tanh(np.sqrt(q) * xi)
        factors.append(2 * np.sum(w * (1 - t**2) ** 2))
        q = 2 * np.sum(w * t**2)
    for _ in range(300):  # the fixed point
        q = 2 * np.sum(w * np.tanh(np.sqrt(q) * xi) ** 2)
    t = np.tanh(np.sqrt(q) * xi)
    return np.sqrt(np.sum(w * t**2)), 2 * np.sum(w * (1 - t**2) ** 2), np.array(factors)


def test_answer_states_the_mean_field_law():
    spread, growth, factors = tanh_mean_field()
    assert round(spread, 2) == 0.56 and round(growth, 1) == 1.1 and round(factors[0], 1) == 0.7
    assert abs(np.sqrt(np.prod(factors)) / 7 - 1) < 0.15, np.sqrt(np.prod(factors))
    assert_stated(PAGE, "0.56", r"\approx 1.1", "0.7")
    for path, text in ((f"{PAGE}.md", "a factor of about 7"), (f"{PAGE}.zh.md", "增大约 7 倍")):
        page = " ".join((DOCS / path).read_text(encoding="utf-8").split())
        assert text in page, f"docs/{path} does not state {text!r}"


@pytest.mark.parametrize("seed", SEEDS)
def test_answer_tanh_with_he_settles_and_its_gradients_grow_slowly(explorer, seed):
    spread, _, factors = tanh_mean_field()
    _, grad, r = ratios(explorer, "tanh", "he", seed=seed)
    settled = r["act_std"][9:]
    assert np.all(abs(settled / spread - 1) < 0.1), f"seed {seed}: {settled.min():.3f}..{settled.max():.3f}"
    assert 1.5 < grad < 30, f"seed {seed}: gradients grow by {grad:.3g} (page: about 2 to about 20)"


def test_answer_the_typical_growth_is_the_mean_field_one(explorer):
    """"about 7": the median over draws, within 30 % of the mean-field product."""
    law = np.sqrt(np.prod(tanh_mean_field()[2]))
    measured = np.median([ratios(explorer, "tanh", "he", seed=seed)[1] for seed in range(1, 13)])
    assert abs(measured / law - 1) < 0.3, f"median {measured:.2f} against {law:.2f}"


@pytest.mark.parametrize("seed", SEEDS)
def test_experiment_linear_spread_moves_by_k_to_the_half_depth(explorer, seed):
    law = 2 ** 24.5
    assert f"{law:.0e}" == "2e+07"
    assert_stated(PAGE, r"k^{(L-1)/2}", r"2^{24.5} \approx 2 \times 10^{7}")
    up, _, _ = ratios(explorer, "linear", "lecun", k=2.0, seed=seed)
    down, _, _ = ratios(explorer, "linear", "lecun", k=0.5, seed=seed)
    assert 1 / 3 < up / law < 3 and 1 / 3 < down * law < 3, f"seed {seed}: {up:.3g}, {down:.3g}"


@pytest.mark.parametrize("seed", SEEDS)
def test_experiment_relu_lecun_halves_the_mean_square_he_holds(explorer, seed):
    law = 2 ** -24.5
    assert f"{law:.0e}" == "4e-08"
    assert_stated(PAGE, r"2^{-24.5} \approx 4 \times 10^{-8}")
    lecun, _, _ = ratios(explorer, "relu", "lecun", seed=seed)
    he, _, _ = ratios(explorer, "relu", "he", seed=seed)
    assert 0.1 < lecun / law < 10, f"seed {seed}: LeCun {lecun:.3g} against {law:.3g}"
    assert 0.1 < he < 10, f"seed {seed}: He {he:.3g} (page: within a factor of 10)"


@pytest.mark.parametrize("seed", SEEDS)
def test_experiment_sigmoid_gradients_shrink_at_least_fourfold_per_layer(explorer, seed):
    bound = 4.0 ** -49
    assert f"{bound:.0e}" == "3e-30"
    assert_stated(PAGE, r"4^{-49} \approx 3 \times 10^{-30}")
    _, grad, _ = ratios(explorer, "sigmoid", "lecun", seed=seed)
    assert grad < bound, f"seed {seed}: {grad:.3g}"


def test_glorot_equals_lecun_on_square_layers(explorer):
    a, b = (explorer["explore"]("tanh", init, 1.0, 10) for init in ("glorot", "lecun"))
    assert np.array_equal(a["act_std"], b["act_std"])


def test_zeros_pass_nothing_back(explorer):
    r = explorer["explore"]("tanh", "zeros", 1.0, 10)
    assert np.all(r["act_std"] == 0) and np.all(r["grad_std"][:-1] == 0)


def test_default_figure_as_the_alt_text_describes_it(run_snippet):
    ns = run_snippet("initialization_explorer")
    r = ns["explore"](**ns["DEFAULT"])
    assert ns["DEFAULT"] == {"activation": "relu", "init": "he", "k": 1.0, "depth": 50}
    assert r["layers"] == [1, 25, 50]
    assert 0.75 <= r["act_std"].min() and r["act_std"].max() <= 3.5, r["act_std"]
    assert 0.3 <= r["grad_std"].min() and r["grad_std"].max() <= 0.7, r["grad_std"]
    assert all(h[0] > 0.5 for h in r["act_hist"])  # more than half exactly 0
    assert_stated(PAGE, "50", "100")
