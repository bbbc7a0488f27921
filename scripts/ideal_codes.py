#!/usr/bin/env python3
"""Which code does the SSL objective prefer? Evaluates the separation, invariance and capacity terms (mean
reduction, sigma_x 0.05 m, sigma_g 0.4, as Sources/Trainer) on hand-made codes at the positions of training-like
batches (B permutations of T steps, components Uniform(-vmax, vmax)), no network involved:
  place codes: n Gaussian fields of width w, centres uniform in [-1, 1]^2, the vector normalised;
  grid codes:  M modules (periods lam0 * 1.42^m), n/M units each, relu(sum of three plane waves at 60 deg - sharp)
               with random phases, each module normalised, then the whole vector.
Prints each term and the weighted total for l_inv = 1.0 and 0.1 (l_sep 1, l_cap 0.5; the conformal-isometry term
is left out: both families can be near conformal). Usage: scripts/ideal_codes.py [B T vmax n]  (numpy only)"""
import sys
import numpy as np

B, T, VMAX, N = (int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 4 else (64, 40, 0.15, 72)
rng = np.random.default_rng(0)


def batch():
    v = rng.uniform(-VMAX, VMAX, (T, 2))
    return np.concatenate([np.cumsum(v[rng.permutation(T)], 0) for _ in range(B)])


def terms(G, X, sx=0.05, sg=0.4):
    D2 = ((X[:, None] - X[None]) ** 2).sum(-1)
    off = ~np.eye(len(X), dtype=bool)
    g2 = ((G[:, None] - G[None]) ** 2).sum(-1)
    sep = np.exp(-g2[(D2 > sx * sx) & off] / (2 * sg * sg)).mean()
    inv = g2[(D2 < sx * sx) & off].mean()
    return sep, inv, -(G.mean(0) ** 2).sum()


def unit(R):
    return R / np.maximum(np.linalg.norm(R, axis=1, keepdims=True), 1e-8)


def place(X, w):
    c = rng.uniform(-1, 1, (N, 2))
    return unit(np.exp(-((X[:, None] - c[None]) ** 2).sum(-1) / (2 * w * w)))


def grid(X, M, lam0, sharp):
    parts = []
    for m in range(M):
        lam, th = lam0 * 1.42 ** m, 0.3 * m
        ks = [np.array([np.cos(th + a), np.sin(th + a)]) * 4 * np.pi / (np.sqrt(3) * lam) for a in (0, np.pi / 3, 2 * np.pi / 3)]
        ph = rng.uniform(-5, 5, (N // M, 2))
        parts.append(unit(np.maximum(sum(np.cos((X[:, None] - ph[None]) @ k) for k in ks) - sharp, 0)))
    return unit(np.concatenate(parts, 1))


Xs = [batch() for _ in range(2)]


def report(name, make):
    s, i, c = np.array([terms(make(X), X) for X in Xs]).mean(0)
    print(f"{name:32s} sep {s:.3f} inv {i:.3f} cap {c:.3f}   total l_inv=1: {s + i + 0.5 * c:+.3f}   l_inv=0.1: {s + 0.1 * i + 0.5 * c:+.3f}")


for w in (0.1, 0.2, 0.3, 0.4):
    report(f"place w {w:.2f} m", lambda X: place(X, w))
for M in (1, 2, 3):
    for lam0 in (0.3, 0.5, 0.8):
        report(f"grid {M} module(s), lam0 {lam0:.1f} m", lambda X: grid(X, M, lam0, 0.0))
