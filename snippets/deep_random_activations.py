"""Deep linear network with random Gaussian weights W[l]_ij ~ N(0, s²/n).

No weight matrix is anywhere near s·I, yet E||W a||² = s² ||a||²: on average the
activations follow s**l, exactly like the network with W[l] = s·I.
"""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(seed=0)
n, depth = 256, 50                  # width and number of layers
x = rng.standard_normal(n)          # one input vector
scales = [0.5, 0.9, 1.0, 1.1, 1.5]  # s: standard deviation of W times sqrt(n)

ratios = {}                         # s -> ||a[l]|| / ||x|| for l = 1..depth
for s in scales:
    a = x
    sizes = []
    for layer in range(depth):
        W = rng.normal(0.0, s / np.sqrt(n), size=(n, n))
        a = W @ a                   # linear activation, no bias
        sizes.append(np.linalg.norm(a) / np.linalg.norm(x))
    ratios[s] = np.array(sizes)

layers = np.arange(1, depth + 1)
fig, ax = plt.subplots()
for s in scales:
    line, = ax.semilogy(layers, ratios[s], label=f"$s = {s}$")
    ax.semilogy(layers, s ** layers, ls="--", lw=1, color=line.get_color())
ax.set_xlabel("$l$")
ax.set_ylabel(r"$\|a^{[l]}\|_2 \,/\, \|x\|_2$")
ax.set_title(r"$W^{[l]}_{ij} \sim \mathcal{N}(0,\, s^2/n),\quad n = 256$")
ax.legend(loc="upper left", ncols=2)
fig.savefig("deep_random_activations.svg")
