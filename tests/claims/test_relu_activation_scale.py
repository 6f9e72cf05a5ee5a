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


@pytest.mark.parametrize("seed", SEEDS)
def test_he_stays_within_a_factor_of_3_at_every_layer_whatever_the_draw(run_snippet_seeded, seed):
    """The page: 'at every one of the 50 layers it stays within a factor of 3 of its
    value at the first layer, whatever the random draw'."""
    he = run_snippet_seeded("relu_activation_scale", seed)["stds"][HE]
    ratio = he / he[0]
    assert len(he) == 50
    assert (ratio < 3).all() and (ratio > 1 / 3).all(), f"seed {seed}: {ratio.min():.2f}..{ratio.max():.2f}"


def test_the_page_states_the_factor():
    from mdtools import DOCS
    assert "within a factor of 3 of its value at the\nfirst layer" in (DOCS / "weight-initialization.md").read_text()
    assert "都与第一层相差不到 3 倍" in (DOCS / "weight-initialization.zh.md").read_text(encoding="utf-8")
