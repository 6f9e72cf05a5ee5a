"""The sigmoid, tanh and ReLU, and their derivatives.

sigma'(z) = sigma(z) (1 - sigma(z)) is at most 1/4 (at z = 0); tanh'(z) = 1 - tanh(z)²
is at most 1; ReLU'(z) is 0 or 1.
"""
import matplotlib.pyplot as plt
import numpy as np

z = np.linspace(-6, 6, 1201)
sigmoid = 1 / (1 + np.exp(-z))
functions = {
    r"$\sigma(z)$": (sigmoid, sigmoid * (1 - sigmoid)),
    r"$\tanh(z)$": (np.tanh(z), 1 - np.tanh(z) ** 2),
    r"$\max(0, z)$": (np.maximum(0, z), (z > 0).astype(float)),
}

fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
for name, (g, g_prime) in functions.items():
    left.plot(z, g, label=name)
    right.plot(z, g_prime, label=name.replace("(z)", "'(z)").replace(r"\max(0, z)", r"\max(0, z)'"))
right.axhline(0.25, color="gray", ls=":", lw=1)
right.annotate("$1/4$", (-6, 0.25), va="bottom")
left.set(xlabel="$z$", ylabel="$g(z)$", ylim=(-1.2, 2.2))
right.set(xlabel="$z$", ylabel="$g'(z)$")
left.legend()
right.legend()
fig.savefig("activation_derivatives.svg")
