"""Exploding gradients and gradient-norm clipping (Pascanu et al., 2013).

A deep linear network (10 layers of width 8) whose weights are 1.5 times too large,
W_ij ~ N(0, 1.5²/n), fitted by gradient descent to a linear target. Without
clipping the first steps overshoot and the loss overflows; clipping rescales the
gradient g to g * min(1, tau / ||g||), and the loss stays finite and falls, slowly.
"""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(seed=0)
n, L, m = 8, 10, 64
X = rng.standard_normal((n, m))
Y = rng.standard_normal((n, n)) @ X / np.sqrt(n)       # target: a random linear map
W_start = [rng.standard_normal((n, n)) * 1.5 / np.sqrt(n) for _ in range(L)]
learning_rate, tau, steps = 0.01, 1.0, 3000
baseline = 0.5 * np.sum(Y ** 2) / m                    # the loss of always predicting 0


def loss_and_gradients(Ws):
    a = [X]
    for W in Ws:
        a.append(W @ a[-1])
    dz = (a[-1] - Y) / m                               # J = ||ŷ - y||² / (2m)
    loss = 0.5 * np.sum((a[-1] - Y) ** 2) / m
    grads = [None] * L
    for l in range(L, 0, -1):
        grads[l - 1] = dz @ a[l - 1].T
        dz = Ws[l - 1].T @ dz
    return loss, grads


def clip(grads, tau):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    return [g * min(1.0, tau / norm) for g in grads]


losses = {"plain": [], "clipped": []}                  # losses[mode][t]: the loss after t steps
for mode in losses:
    Ws = [W.copy() for W in W_start]
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(steps + 1):
            loss, grads = loss_and_gradients(Ws)
            losses[mode].append(loss)
            if step < steps:
                if mode == "clipped":
                    grads = clip(grads, tau)
                Ws = [W - learning_rate * g for W, g in zip(Ws, grads)]

t = np.arange(steps + 1)
fig, ax = plt.subplots()
ax.plot(t, losses["plain"], "x-", label=r"$g$")
ax.plot(t, losses["clipped"], label=r"$g \cdot \min(1, \tau/\|g\|),\ \tau = 1$")
ax.axhline(baseline, color="gray", ls=":", label=r"$\hat y = 0$")
ax.set_xscale("symlog", linthresh=1)                   # linear from 0 to 1, logarithmic beyond
ax.set_yscale("log")
ax.set_xlim(0, steps)
ax.set_ylim(0.1, 1e6)                                  # the plain run leaves the chart
ax.annotate(r"$\to \infty$", xy=(0.1, 1e6), xytext=(0.4, 1e5), arrowprops=dict(arrowstyle="->"))
ax.set_xlabel("$t$")
ax.set_ylabel("$J$")
ax.legend()
fig.savefig("gradient_clipping.svg")
