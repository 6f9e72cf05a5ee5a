"""Spread of the last layer's activations against the variance multiplier k.

ReLU network, 20 layers of width 256, Var(W[l]_ij) = k * 2/n. Each layer
multiplies the mean square of the activations by about k, so after L layers
the spread scales like k**(L/2).
"""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(seed=0)
n, depth, batch = 256, 20, 256
multipliers = np.geomspace(0.5, 2.0, 13)      # k from 1/2 to 2
x = rng.standard_normal((n, batch))

last_std = []                                 # std of a[L] for each k
for k in multipliers:
    a = x
    for layer in range(depth):
        W = rng.standard_normal((n, n)) * np.sqrt(k * 2 / n)
        a = np.maximum(0, W @ a)
    last_std.append(a.std())
last_std = np.array(last_std)

reference = last_std[np.argmin(abs(multipliers - 1))]   # the He value, k = 1
fig, ax = plt.subplots()
ax.loglog(multipliers, last_std, "o", label="$\\mathrm{std}(a^{[L]})$")
ax.loglog(multipliers, reference * multipliers ** (depth / 2), color="gray", lw=1,
          label=f"$\\propto k^{{L/2}},\\ L = {depth}$")
ax.set_xlabel(r"$k \quad (\mathrm{Var}(W_{ij}) = 2k/n)$")
ax.set_ylabel(r"$\mathrm{std}(a^{[L]})$")
ax.legend()
fig.savefig("variance_multiplier.svg")
