"""Claims about snippets/relu_activation_scale.py (initialization page, ReLU)."""

import numpy as np
import pytest

from conftest import SEEDS

HE, LECUN = r"$\mathrm{Var} = 2/n$", r"$\mathrm{Var} = 1/n$"


def test_he_keeps_the_scale_across_50_layers_and_one_over_n_does_not(run_snippet):
    ns = run_snippet("relu_activation_scale")
    assert ns["depth"] >= 50 and ns["n"] >= 256
    he, lecun = ns["stds"][HE], ns["stds"][LECUN]
    # 1/n: each ReLU layer halves the mean square, so the std shrinks by 1/sqrt(2) per layer
    per_layer = (lecun[-1] / lecun[0]) ** (1 / (ns["depth"] - 1))
    assert abs(per_layer - 1 / np.sqrt(2)) < 0.01
    assert lecun[-1] / lecun[0] < 1e-6


def test_fixed_variances_explode_or_vanish(run_snippet):
    ns = run_snippet("relu_activation_scale")
    big, small = ns["stds"][r"$\mathcal{N}(0, 1)$"], ns["stds"][r"$\mathcal{N}(0, 0.01^2)$"]
    # per layer the std is multiplied by about sigma * sqrt(n / 2): 11.3 and 0.113
    for stds, sigma in ((big, 1.0), (small, 0.01)):
        per_layer = (stds[-1] / stds[0]) ** (1 / (ns["depth"] - 1))
        assert abs(per_layer / (sigma * np.sqrt(ns["n"] / 2)) - 1) < 0.05
    assert big[-1] > 1e40 and small[-1] < 1e-40


DRAWS = 50  # enough to tell "about 95 %" from "always" or from 85 %, in about 5 s


def he_draws(ns, draws=DRAWS):
    """std of a[l] / std of a[1] under He's rule, l = 1..50, for `draws` random draws
    of the snippet's network (input and weights), one per seed."""
    n, batch = ns["n"], ns["batch"]
    ratios = []
    for seed in range(draws):
        rng = np.random.default_rng(seed)
        stds = ns["activation_stds"](np.sqrt(2 / n), rng.standard_normal((n, batch)), rng)
        ratios.append(stds / stds[0])
    return np.array(ratios)


def test_he_stays_within_a_factor_of_3_at_every_layer_in_about_95_percent_of_draws(run_snippet):
    """The page: "in most draws (about 95 %) it stays within a factor of 3 of its value
    at the first layer at every one of the 50 layers". Over 50 draws, "about 95 %"
    means 1 to 7 draws that leave the factor somewhere (0 would say "always", more
    would say 85 % or less); and "in a typical draw it drifts slightly downward"
    while "the mean square is kept on average"."""
    ns = run_snippet("relu_activation_scale")
    ratios = he_draws(ns)
    assert ratios.shape == (DRAWS, 50)
    within = ((ratios < 3) & (ratios > 1 / 3)).all(axis=1)   # every one of the 50 layers
    assert 0.85 <= within.mean() <= 0.98, f"{within.mean():.0%} of draws stay within a factor of 3"
    last = ratios[:, -1]
    assert np.median(last) < 1, "in the median draw the spread ends below its first-layer value"
    assert 0.7 < np.mean(last ** 2) < 1.3, "the mean square is kept on average"


def test_the_page_states_the_factor_and_the_fraction():
    from mdtools import DOCS
    en = " ".join((DOCS / "weight-initialization.md").read_text(encoding="utf-8").split())
    zh = (DOCS / "weight-initialization.zh.md").read_text(encoding="utf-8")
    assert "in most draws (about 95 %) it stays within a factor of 3 of its value at the first layer " \
           "at every one of the 50 layers" in en
    assert "在大多数抽样中（约 95%），50 层中每一层的标准差都与第一层相差不到 3 倍" in zh


def in_words(value):
    """3.7e-48 -> ("4 times 10 to the minus 48", "4 乘以 10 的 −48 次方"), as the alt text reads."""
    mantissa, exponent = f"{value:.0e}".split("e")
    exponent = int(exponent)
    english = f"{mantissa} times 10 to the {'minus ' if exponent < 0 else ''}{abs(exponent)}"
    return english, f"{mantissa} 乘以 10 的 {str(exponent).replace('-', '−')} 次方"


def test_the_alt_text_describes_the_figure(run_snippet):
    """The figure's own draw: where each curve ends, and the range of the He curve."""
    from mdtools import DOCS
    ns = run_snippet("relu_activation_scale")
    en = (DOCS / "weight-initialization.md").read_text(encoding="utf-8")
    zh = (DOCS / "weight-initialization.zh.md").read_text(encoding="utf-8")
    for name in (r"$\mathcal{N}(0, 1)$", r"$\mathcal{N}(0, 0.01^2)$", LECUN):
        english, chinese = in_words(ns["stds"][name][-1])
        assert f"about {english};" in en and f"约 {chinese}；" in zh, (name, english, chinese)
    he = ns["stds"][HE]
    assert round(he.min(), 1) == 0.6 and 0.8 < he.max() <= 0.85
    assert "between about 0.6 and 0.85" in en and "在约 0.6 到 0.85 之间" in zh
