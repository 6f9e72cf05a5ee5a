"""Backpropagation through the deep linear network with W[l] = c·I.

Layers 1..L-1 are c·I (2×2); the output layer W[L] = (1/2, 1/2) makes ŷ = c**(L-1).
Cost J = (ŷ - y)² / 2. With g(z) = z, backpropagation is dz[l-1] = W[l]ᵀ dz[l]
and dW[l] = dz[l] a[l-1]ᵀ.
"""
import matplotlib.pyplot as plt
import numpy as np

x = np.array([[1.0], [1.0]])        # input (column vector)
w_out = np.array([[0.5, 0.5]])      # W[L]
y = 1.0                             # target
scales = [0.5, 0.9, 1.1, 1.5]
colors = {0.5: "C0", 0.9: "C1", 1.1: "C3", 1.5: "C4"}   # as in the activations figure


def forward(weights):
    a = [x]                                      # a[0] = x
    for W in weights:
        a.append(W @ a[-1])                      # a[l] = z[l] = W[l] a[l-1]
    return a


def backward(weights, a):
    """Lists dJ/dz[l] and dJ/dW[l] for l = 1..L."""
    dz, dzs, dWs = a[-1] - y, [], []             # dJ/dz[L] = ŷ - y
    for l in range(len(weights), 0, -1):         # from layer L down to 1
        dzs.append(dz)
        dWs.append(dz @ a[l - 1].T)              # dJ/dW[l] = dz[l] a[l-1]ᵀ
        dz = weights[l - 1].T @ dz               # dJ/dz[l-1] (g' = 1)
    return dzs[::-1], dWs[::-1]


def gradient_norms(c, L):
    weights = [c * np.eye(2)] * (L - 1) + [w_out]
    dzs, dWs = backward(weights, forward(weights))
    return np.array([np.linalg.norm(d) for d in dzs]), np.array([np.linalg.norm(d) for d in dWs])


L = 30
depths = np.arange(3, 61)
fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), layout="constrained")
for c in scales:
    dz_norms, dW_norms = gradient_norms(c, L)
    style = dict(color=colors[c], label=f"$c = {c}$")
    axes[0].semilogy(range(1, L + 1), dz_norms, **style)
    axes[1].semilogy(range(1, L + 1), dW_norms, **style)
    axes[2].semilogy(depths, [gradient_norms(c, d)[1][0] for d in depths], **style)
axes[0].set(xlabel="$l$", ylabel=r"$\|\partial J / \partial z^{[l]}\|$", title=f"$L = {L}$")
axes[1].set(xlabel="$l$", ylabel=r"$\|\partial J / \partial W^{[l]}\|_F$", title=f"$L = {L}$")
axes[2].set(xlabel="$L$", ylabel=r"$\|\partial J / \partial W^{[1]}\|_F$")
axes[2].legend()
fig.savefig("deep_linear_gradients.svg")
