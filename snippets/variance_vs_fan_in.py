"""Var(z) for z = w_1 x_1 + ... + w_n x_n, against the number of inputs n.

Monte Carlo with independent zero-mean weights and inputs, Var(x) = 1, for
weights with Var(w) = 1 and with Var(w) = 1/n. Theory: Var(z) = n Var(w) Var(x).
"""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(seed=0)
fan_ins = 2 ** np.arange(0, 11)          # n = 1, 2, 4, ..., 1024
trials = 4000                            # neurons sampled for each n

measured = {"fixed": [], "scaled": []}   # sample variance of z
for n in fan_ins:
    x = rng.standard_normal((trials, n))               # Var(x) = 1
    w = rng.standard_normal((trials, n))               # Var(w) = 1
    measured["fixed"].append(np.var(np.sum(w * x, axis=1)))
    w_scaled = w * np.sqrt(1 / n)                      # Var(w) = 1/n
    measured["scaled"].append(np.var(np.sum(w_scaled * x, axis=1)))

fig, ax = plt.subplots()
ax.loglog(fan_ins, fan_ins * 1.0, color="C3", lw=1)
ax.loglog(fan_ins, measured["fixed"], "o", color="C3", label=r"$\mathrm{Var}(w) = 1$")
ax.loglog(fan_ins, np.ones(len(fan_ins)), color="C0", lw=1)
ax.loglog(fan_ins, measured["scaled"], "s", color="C0", label=r"$\mathrm{Var}(w) = 1/n$")
ax.set_xlabel("$n$")
ax.set_ylabel(r"$\mathrm{Var}(z)$")
ax.legend(loc="upper left")
fig.savefig("variance_vs_fan_in.svg")
