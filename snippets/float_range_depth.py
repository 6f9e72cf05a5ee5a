"""At which depth does c**(L-1) leave the range of float16, float32, float64?

A deep linear network with W[l] = c·I multiplies its input by c once per layer.
We do exactly that in each floating-point type and record the first depth L at
which 1.5**(L-1) overflows to inf and 0.5**(L-1) underflows to 0.
"""
import matplotlib.pyplot as plt
import numpy as np

dtypes = [np.float16, np.float32, np.float64]


def first_depth(c, dtype, reached):
    """Smallest L for which c**(L-1), multiplied out in `dtype`, satisfies `reached`."""
    value, L = dtype(1.0), 1
    with np.errstate(over="ignore", under="ignore"):
        while not reached(value):
            value, L = value * dtype(c), L + 1
    return L


overflow = {t.__name__: first_depth(1.5, t, np.isinf) for t in dtypes}
underflow = {t.__name__: first_depth(0.5, t, lambda v: v == 0) for t in dtypes}

L = np.arange(1, 241)
fig, ax = plt.subplots()
ax.plot(L, (L - 1) * np.log10(1.5), color="C3", label=r"$1.5^{L-1}$")
ax.plot(L, (L - 1) * np.log10(0.5), color="C0", label=r"$0.5^{L-1}$")
for t, style in [(np.float16, ":"), (np.float32, "--")]:
    info = np.finfo(t)
    ax.axhline(np.log10(float(info.max)), color="gray", ls=style)
    ax.axhline(np.log10(float(info.smallest_subnormal)), color="gray", ls=style)
    name = rf"$\mathtt{{{t.__name__}}}$"
    ax.plot(overflow[t.__name__], np.log10(float(info.max)), "o", color="C3")
    ax.plot(underflow[t.__name__], np.log10(float(info.smallest_subnormal)), "o", color="C0")
    ax.annotate(name, (120, np.log10(float(info.max))), ha="center", va="bottom")
ax.set_xlabel("$L$")
ax.set_ylabel(r"$\log_{10} c^{\,L-1}$")
ax.legend(loc="lower left")
fig.savefig("float_range_depth.svg")
