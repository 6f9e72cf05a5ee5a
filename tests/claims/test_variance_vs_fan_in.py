"""Claims about snippets/variance_vs_fan_in.py (initialization page, single neuron)."""

import math

import numpy as np
import pytest

from conftest import SEEDS
from mdtools import assert_stated


def relative_standard_error(n, trials):
    """Of a variance estimated from `trials` samples of z = w_1 x_1 + ... + w_n x_n
    (w, x standard normal): sqrt((kappa - 1) / trials), with kappa the kurtosis of z.
    w x has kurtosis E[w^4] E[x^4] = 9; a sum of n of them has kurtosis 3 + 6/n."""
    kurtosis = 3 + 6 / np.asarray(n)
    return np.sqrt((kurtosis - 1) / trials)


@pytest.mark.parametrize("seed", SEEDS)
def test_monte_carlo_matches_n_var_w_var_x_to_within_sampling_error(run_snippet_seeded, seed):
    """Var(z) = n Var(w) Var(x): n for Var(w) = 1, and 1 for Var(w) = 1/n. The page: the
    points scatter about their lines by the sampling error, a few per cent. Each point
    lies within 4 standard errors of its line, and the errors are of the size the
    standard error says (their root mean square, in standard errors, is about 1)."""
    ns = run_snippet_seeded("variance_vs_fan_in", seed)
    n, trials = ns["fan_ins"], ns["trials"]
    assert n[0] == 1 and n[-1] == 1024 and trials == 4000
    se = relative_standard_error(n, trials)
    for kind, line in (("fixed", n * 1.0), ("scaled", np.ones(len(n)))):
        z_scores = (np.array(ns["measured"][kind]) / line - 1) / se
        assert np.abs(z_scores).max() < 4, f"seed {seed}, {kind}: {np.round(z_scores, 1)}"
        assert 0.4 < np.sqrt(np.mean(z_scores ** 2)) < 1.8, f"seed {seed}, {kind}: {np.round(z_scores, 1)}"


def test_the_standard_errors_on_the_page(run_snippet):
    trials = run_snippet("variance_vs_fan_in")["trials"]
    large_n, one = relative_standard_error(10 ** 9, trials), relative_standard_error(1, trials)
    assert math.isclose(large_n, math.sqrt(2 / trials), rel_tol=1e-6) and one == math.sqrt(8 / trials)
    assert_stated("weight-initialization",
                  f"\\(\\sqrt{{2/{trials}}} \\approx {100 * large_n:.1f}\\%\\)",
                  f"\\(\\sqrt{{8/{trials}}} \\approx {100 * one:.1f}\\%\\)",
                  f"\\(\\sqrt{{(\\kappa - 1)/{trials}}}\\)")


def test_kurtosis_of_a_product_of_independent_standard_normals():
    """z = w_1 x_1 has kurtosis 9 (the page), hence the larger error at n = 1."""
    rng = np.random.default_rng(5)
    z = rng.standard_normal(4_000_000) * rng.standard_normal(4_000_000)
    assert abs(np.mean(z ** 4) / np.mean(z ** 2) ** 2 / 9 - 1) < 0.03


def test_variance_of_a_product_of_independent_zero_mean_variables():
    """Var(w x) = Var(w) Var(x): the step the derivation rests on (Monte Carlo)."""
    rng = np.random.default_rng(3)
    w = rng.normal(0, 0.7, 1_000_000)
    x = rng.uniform(-2, 2, 1_000_000)          # Var = 16/12
    assert abs(np.var(w * x) / (0.49 * 16 / 12) - 1) < 0.01
