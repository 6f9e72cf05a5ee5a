"""Numbers the pages state in prose that no figure script computes."""

from mdtools import assert_stated, latex_sci


def test_growth_of_one_point_five_to_the_l_minus_one():
    assert_stated("vanishing-exploding-gradients",
                  f"\\(1.5^{{9}} \\approx {round(1.5 ** 9)}\\)",
                  f"\\(1.5^{{49}} \\approx {latex_sci(1.5 ** 49)}\\)")


def test_factors_for_the_152_layer_network():
    L = 152
    assert_stated("vanishing-exploding-gradients", latex_sci(0.9 ** (L - 1)), latex_sci(1.5 ** (L - 1)))
