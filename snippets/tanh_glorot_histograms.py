"""Glorot & Bengio (2010), figures 6 and 7, redone: a 5-layer tanh network.

Histograms of the activations a[l] (forward) and of the back-propagated
gradients dJ/dz[l] (backward) per layer, for the "standard" initialization
U[-1/sqrt(n), 1/sqrt(n)] and for the normalized (Glorot) initialization
U[-sqrt(6/(n_in + n_out)), sqrt(6/(n_in + n_out))]. Width 256, 512 examples,
cost J = |W_out a[5] - y|^2 / 2 with 10 random targets.
"""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(seed=0)
n, depth, batch = 256, 5, 512
limits = {"standard": lambda n_in, n_out: 1 / np.sqrt(n_in),
          "normalized": lambda n_in, n_out: np.sqrt(6 / (n_in + n_out))}
x = rng.standard_normal((n, batch))
y = rng.standard_normal((10, batch))

acts, grads = {}, {}                          # scheme -> list over layers 1..depth
for scheme, limit in limits.items():
    Ws = [rng.uniform(-limit(n, n), limit(n, n), (n, n)) for _ in range(depth)]
    W_out = rng.uniform(-limit(n, 10), limit(n, 10), (10, n))
    a = [x]
    for W in Ws:                              # forward: a[l] = tanh(W[l] a[l-1])
        a.append(np.tanh(W @ a[-1]))
    da = W_out.T @ (W_out @ a[-1] - y)        # dJ/da[5]
    dz = [None] * depth
    for l in range(depth, 0, -1):             # backward: dz[l] = da[l] * tanh'(z[l])
        dz[l - 1] = da * (1 - a[l] ** 2)
        da = Ws[l - 1].T @ dz[l - 1]
    acts[scheme], grads[scheme] = a[1:], dz

fig, axes = plt.subplots(2, 2, figsize=(9, 5.6), layout="constrained", sharex="row", sharey="row")
g_range = 4 * max(g.std() for scheme in grads for g in grads[scheme])
for col, scheme in enumerate(limits):
    for l in range(depth):
        kw = dict(bins=80, histtype="step", density=True, label=f"$l = {l + 1}$")
        axes[0, col].hist(acts[scheme][l].ravel(), range=(-1, 1), **kw)
        axes[1, col].hist(grads[scheme][l].ravel(), range=(-g_range, g_range), **kw)
    axes[0, col].set_xlabel("$a^{[l]}$")
    axes[1, col].set_xlabel(r"$\partial J/\partial z^{[l]}$")
axes[0, 0].set_title(r"$U[-1/\sqrt{n},\, 1/\sqrt{n}]$")
axes[0, 1].set_title(r"$U[-\sqrt{6/(n_{l-1}+n_l)},\, \sqrt{6/(n_{l-1}+n_l)}]$")
axes[0, 1].legend()
fig.savefig("tanh_glorot_histograms.svg")
