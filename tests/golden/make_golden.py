#!/usr/bin/python3
"""Independent reference for the golden run: reads the seeded inputs the core wrote into
spiral-2-8-8-1.json (data, initial parameters, batch orders) and computes the first 20 mini-batch
losses with NumPy in float64, straight from the equations (Nielsen's notation shifted as the seed's):
  z^l = W^l a^l + b^l,  a^{l+1} = tanh(z^l),  C = 1/(2m) sum ||a^L - y||^2,
  delta^{L-1} = (a^L - y)/m * (1 - (a^L)^2),  delta^{l-1} = (W^l)^T delta^l * (1 - (a^l)^2),
  dW^l = delta^l (a^l)^T,  db^l = sum over the batch of delta^l,  theta -= eta * gradient.
Run with Debian's python3-numpy: /usr/bin/python3 tests/golden/make_golden.py
"""
import json
import pathlib

import numpy as np

path = pathlib.Path(__file__).with_name("spiral-2-8-8-1.json")
g = json.loads(path.read_text())
opts = g["options"]
sizes = opts["layers"]
assert opts["activations"] == ["tanh"] * 3 and opts["cost"] == "quadratic"
assert opts["optimizer"] == "sgd" and opts["features"] == ["x1", "x2"]
eta, batch = opts["learningRate"], opts["batchSize"]

n = g["data"]["numSamples"]
X = np.array(g["x"], dtype=np.float64).reshape(n, 2).T  # column-major 2 x n
labels = np.array(g["labels"])
Y = np.where(labels == 1, 1.0, -1.0).reshape(1, n)  # tanh output: labels 0/1 -> -1/+1

theta = np.array(g["initialParameters"], dtype=np.float64)
W, b, off = [], [], 0
for l in range(len(sizes) - 1):
    n_in, n_out = sizes[l], sizes[l + 1]
    W.append((off, n_out, n_in)); off += n_in * n_out
    b.append((off, n_out)); off += n_out
assert off == theta.size


def params():
    Ws = [theta[o:o + r * c].reshape(c, r).T for (o, r, c) in W]  # column-major
    bs = [theta[o:o + r].reshape(r, 1) for (o, r) in b]
    return Ws, bs


losses = []
orders = g["batchOrders"]
for step in range(20):
    epoch, k = divmod(step, n // batch)
    cols = orders[epoch][k * batch:(k + 1) * batch]
    a = [X[:, cols]]
    y = Y[:, cols]
    Ws, bs = params()
    for l in range(len(Ws)):
        a.append(np.tanh(Ws[l] @ a[-1] + bs[l]))
    m = len(cols)
    losses.append(float(0.5 * np.sum((a[-1] - y) ** 2) / m))
    delta = (a[-1] - y) / m * (1 - a[-1] ** 2)
    grad = np.zeros_like(theta)
    for l in reversed(range(len(Ws))):
        o, r, c = W[l]
        grad[o:o + r * c] = (delta @ a[l].T).T.reshape(-1)
        ob, rb = b[l]
        grad[ob:ob + rb] = delta.sum(axis=1)
        if l > 0:
            delta = (Ws[l].T @ delta) * (1 - a[l] ** 2)
    theta -= eta * grad

g["losses"] = losses
path.write_text(json.dumps(g, indent=1) + "\n")
print("losses:", ", ".join(f"{v:.6f}" for v in losses))
