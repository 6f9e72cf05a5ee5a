"""The initialization explorer: activations and gradients of a deep network, layer by layer.

A network of `depth` square layers (width 100, no bias) gets 4 Gaussian inputs.
Forward: z[l] = W[l] a[l-1], a[l] = g(z[l]). Backward, from a random gradient
dJ/da[L]: dJ/dz[l] = dJ/da[l] * g'(z[l]), dJ/da[l-1] = W[l].T dJ/dz[l]. The
weights are sqrt(k Var) times standard normal numbers.

The page's JavaScript (assets/javascripts/init-explorer.js) runs this same
computation for any setting; this script draws the default one. For the two to
agree bit for bit, even where the network is chaotic, both use only + - * / and
square roots, in the same order: the normal numbers are sums of 12 hashed uniform
numbers minus 6 (mean 0, variance 1), exp is a short series, and each product
W a is summed term by term.
"""
import matplotlib.pyplot as plt
import numpy as np

WIDTH, BATCH, BINS = 100, 4, 30
DEFAULT = {"activation": "relu", "init": "he", "k": 1.0, "depth": 50}
TAYLOR = np.cumprod([1.0] + [1 / i for i in range(1, 14)])  # 1/i!, i = 0..13
LN2 = 0.6931471805599453


def series(x, first):  # sum of x^i / i! for i = first..13 (Horner)
    p = TAYLOR[13]
    for c in TAYLOR[first:13][::-1]:
        p = p * x + c
    return p * x if first else p


def exp(x):
    x = np.clip(x, -708.0, 709.0)
    k = np.floor(x / LN2 + 0.5)                 # e^x = 2^k e^r, |r| <= ln(2) / 2
    return series(x - k * LN2, 0) * np.ldexp(1.0, k.astype(int))


def tanh(x):
    y = 2 * np.minimum(np.abs(x), 20.0)
    e = np.where(y < 0.5, series(y, 1), exp(y) - 1)   # e^y - 1 without cancellation
    return np.where(x < 0, -(e / (e + 2)), e / (e + 2))


ACTIVATIONS = {  # name: (g, g'(z, a))
    "linear": (lambda z: z, lambda z, a: np.ones_like(z)),
    "tanh": (tanh, lambda z, a: 1 - a * a),
    "sigmoid": (lambda z: 1 / (1 + exp(-z)), lambda z, a: a * (1 - a)),
    "relu": (lambda z: np.where(z > 0, z, 0.0), lambda z, a: np.where(z > 0, 1.0, 0.0)),
}
INITIALIZATIONS = {  # name: Var(W_ij) for a layer with n inputs and m outputs
    "zeros": lambda n, m: 0.0,
    "normal": lambda n, m: 1.0,          # N(0, 1)
    "small": lambda n, m: 0.01 * 0.01,   # N(0, 0.01^2)
    "lecun": lambda n, m: 1 / n,
    "glorot": lambda n, m: 2 / (n + m),  # equals LeCun's 1/n here: the layers are square
    "he": lambda n, m: 2 / n,
}


def gaussians(stream, count, seed=1):
    """`count` standard normal numbers from a 32-bit integer hash of (seed, stream, index)."""
    def mix(x):
        x = x ^ (x >> np.uint32(16))
        x = x * np.uint32(0x7FEB352D)
        x = x ^ (x >> np.uint32(15))
        x = x * np.uint32(0x846CA68B)
        return x ^ (x >> np.uint32(16))

    index = np.uint32(stream << 17) + np.arange(12 * count, dtype=np.uint32)
    u = (mix(index ^ mix(np.array([seed], dtype=np.uint32))) + 0.5) / 2**32
    return u.reshape(count, 12).sum(axis=1) - 6                # exact, in any order


def matmul(W, x):  # W @ x, each sum taken term by term, like the browser
    out = np.zeros((W.shape[0], x.shape[1]))
    for j in range(W.shape[1]):
        out += W[:, j : j + 1] * x[j]
    return out


def histogram(values, lo, hi):
    """Fraction of `values` in each of BINS equal bins between lo and hi."""
    index = np.clip(np.floor((values.ravel() - lo) / (hi - lo) * BINS), 0, BINS - 1)
    return np.bincount(index.astype(int), minlength=BINS) / values.size


def explore(activation="relu", init="he", k=1.0, depth=50, seed=1):
    g, dg = ACTIVATIONS[activation]
    sigma = np.sqrt(k * INITIALIZATIONS[init](WIDTH, WIDTH))
    a = [gaussians(0, WIDTH * BATCH, seed).reshape(WIDTH, BATCH)]   # a[0] = x
    Ws, zs = [], []
    for l in range(1, depth + 1):                                    # forward
        Ws.append(sigma * gaussians(l + 1, WIDTH * WIDTH, seed).reshape(WIDTH, WIDTH))
        zs.append(matmul(Ws[-1], a[-1]))
        a.append(g(zs[-1]))
    da = gaussians(1, WIDTH * BATCH, seed).reshape(WIDTH, BATCH)     # dJ/da[L]
    dz = [None] * depth
    for l in range(depth, 0, -1):                                    # backward
        dz[l - 1] = da * dg(zs[l - 1], a[l])
        da = matmul(Ws[l - 1].T, dz[l - 1])
    shown = sorted({1, (depth + 1) // 2, depth})                     # first, middle, last
    result = {"layers": shown,
              "act_std": np.array([x.std() for x in a[1:]]),
              "grad_std": np.array([x.std() for x in dz])}
    for name, values in ("act", [a[l] for l in shown]), ("grad", [dz[l - 1] for l in shown]):
        lo, hi = min(v.min() for v in values), max(v.max() for v in values)
        lo, hi = (lo - 0.5, hi + 0.5) if hi == lo else (lo, hi)
        result[name + "_range"] = (lo, hi)
        result[name + "_hist"] = [histogram(v, lo, hi) for v in values]
    return result


if __name__ == "__main__":
    data = explore(**DEFAULT)
    fig, axes = plt.subplot_mosaic([["spread", "spread"], ["act", "grad"]],
                                   figsize=(8, 6), layout="constrained")
    layers = np.arange(1, DEFAULT["depth"] + 1)
    axes["spread"].semilogy(layers, data["act_std"], label=r"$\sigma(a^{[l]})$")
    axes["spread"].semilogy(layers, data["grad_std"], "--", label=r"$\sigma(\partial J/\partial z^{[l]})$")
    axes["spread"].set_xlabel("$l$")
    axes["spread"].legend()
    for name, label in ("act", "$a^{[l]}$"), ("grad", r"$\partial J/\partial z^{[l]}$"):
        edges = np.linspace(*data[name + "_range"], BINS + 1)
        for l, counts in zip(data["layers"], data[name + "_hist"]):
            axes[name].stairs(counts, edges, label=f"$l = {l}$")
        axes[name].set_xlabel(label)
    axes["act"].legend()
    fig.savefig("initialization_explorer.svg")
