"""A deep sigmoid network against the same network with ReLU and He initialization:
gradient size per layer at initialization, and how far each layer's weights move
in 300 steps of gradient descent. Data: 200 points in the plane, class 0 in the
disk of radius 1, class 1 in the ring of radii 1.5 to 2.5.
"""
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(seed=0)
m = 200
radius = np.r_[rng.uniform(0, 1, m // 2), rng.uniform(1.5, 2.5, m // 2)]
angle = rng.uniform(0, 2 * np.pi, m)
X = np.vstack([radius * np.cos(angle), radius * np.sin(angle)])   # (2, m)
Y = np.r_[np.zeros(m // 2), np.ones(m // 2)][None, :]              # inner 0, outer 1
sizes = [2] + [32] * 10 + [1]                                      # 10 hidden layers
L = len(sizes) - 1


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


hidden = {  # g, g' written with a = g(z), Var(W) * n_in
    "sigmoid": (sigmoid, lambda a: a * (1 - a), 1.0),
    "relu": (lambda z: np.maximum(0, z), lambda a: (a > 0) * 1.0, 2.0),
}


def init(kind):
    return [rng.standard_normal((k, n)) * np.sqrt(hidden[kind][2] / n)
            for n, k in zip(sizes[:-1], sizes[1:])]


def forward(kind, Ws):
    a = [X]
    for l, W in enumerate(Ws, start=1):           # biases omitted for brevity
        z = W @ a[-1]
        a.append(sigmoid(z) if l == L else hidden[kind][0](z))
    return a


def backward(kind, Ws, a):
    """dJ/dW[l] for the cross-entropy cost J averaged over the m examples."""
    dz, dWs = (a[-1] - Y) / m, [None] * L         # output: sigmoid + cross-entropy
    for l in range(L, 0, -1):
        dWs[l - 1] = dz @ a[l - 1].T
        if l > 1:
            dz = (Ws[l - 1].T @ dz) * hidden[kind][1](a[l - 1])
    return dWs


grad_norms, moved = {}, {}
for kind in hidden:
    Ws = init(kind)
    W0 = [W.copy() for W in Ws]
    grad_norms[kind] = [np.linalg.norm(g) for g in backward(kind, Ws, forward(kind, Ws))]
    for step in range(300):                       # gradient descent, learning rate 0.5
        Ws = [W - 0.5 * g for W, g in zip(Ws, backward(kind, Ws, forward(kind, Ws)))]
    moved[kind] = [np.linalg.norm(W - V) / np.linalg.norm(V) for W, V in zip(Ws, W0)]

layers = np.arange(1, L + 1)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4), layout="constrained")
for kind, label in [("sigmoid", r"$\sigma$"), ("relu", r"$\mathrm{ReLU},\ 2/n$")]:
    left.semilogy(layers, grad_norms[kind], "o-", label=label)
    right.semilogy(layers, moved[kind], "o-", label=label)
left.set(xlabel="$l$", ylabel=r"$\|\partial J/\partial W^{[l]}\|_F$")
right.set(xlabel="$l$", ylabel=r"$\|W^{[l]}_{300} - W^{[l]}_0\|_F \,/\, \|W^{[l]}_0\|_F$")
left.legend()
fig.savefig("sigmoid_relu_gradients.svg")
