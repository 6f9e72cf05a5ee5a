"""Size of the activations of a deep linear network whose weights are c·I.

Set-up of Ng's lecture: two units per layer, g(z) = z, all biases zero and every
weight matrix W[l] = c·I. Each layer then multiplies by c, so a[l] = c**l · x.
"""
import matplotlib.pyplot as plt
import numpy as np

depth = 50                          # layers drawn
x = np.array([1.0, 1.0])            # the lecture's input x = (1, 1)
scales = [0.5, 0.9, 1.0, 1.1, 1.5]  # W[l] = c·I for each c

norms = {}                          # c -> ||a[l]|| for l = 1..depth
for c in scales:
    W = c * np.eye(2)
    a = x
    sizes = []
    for layer in range(depth):
        z = W @ a                   # z[l] = W[l] a[l-1]  (b[l] = 0)
        a = z                       # a[l] = g(z[l]) = z[l]
        sizes.append(np.linalg.norm(a))
    norms[c] = np.array(sizes)

layers = np.arange(1, depth + 1)
fig, ax = plt.subplots()
for c in scales:
    ax.semilogy(layers, norms[c], label=f"$c = {c}$")
ax.set_xlabel("$l$")
ax.set_ylabel(r"$\|a^{[l]}\|_2$")
ax.set_title(r"$W^{[l]} = c\,I,\quad x = (1, 1)$")
ax.legend(loc="upper left", ncols=2)
fig.savefig("deep_linear_activations.svg")
