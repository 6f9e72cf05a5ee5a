"""Standard deviation of the activations, layer by layer, in a deep ReLU network.

50 layers of width 256, no biases, a batch of 256 Gaussian inputs; the same
network initialized four ways.
"""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(seed=0)
n, depth, batch = 256, 50, 256
schemes = {                                   # standard deviation of W[l]_ij
    r"$\mathcal{N}(0, 1)$": lambda n: 1.0,
    r"$\mathcal{N}(0, 0.01^2)$": lambda n: 0.01,
    r"$\mathrm{Var} = 1/n$": lambda n: np.sqrt(1 / n),
    r"$\mathrm{Var} = 2/n$": lambda n: np.sqrt(2 / n),
}


def activation_stds(std, x, rng):
    """std of a[l], l = 1..depth, for weights W[l]_ij ~ N(0, std²) and input x."""
    a, per_layer = x, []
    for layer in range(depth):
        W = rng.standard_normal((n, n)) * std
        a = np.maximum(0, W @ a)              # a[l] = ReLU(W[l] a[l-1])
        per_layer.append(a.std())
    return np.array(per_layer)


x = rng.standard_normal((n, batch))           # columns are examples
stds = {name: activation_stds(std_of(n), x, rng) for name, std_of in schemes.items()}

fig, ax = plt.subplots()
for name in schemes:
    ax.semilogy(np.arange(1, depth + 1), stds[name], label=name)
ax.set_xlabel("$l$")
ax.set_ylabel(r"$\mathrm{std}(a^{[l]})$")
ax.legend(loc="upper left")
fig.savefig("relu_activation_scale.svg")
