#!/usr/bin/env python3
"""Mean distance between two population states as a function of the distance between their positions, from an
activation dump (positions [T,2], activations [T,N]); 4000 random samples. A code that path-integrates has a
distance near 0 for nearby positions; a place-like code rises monotonically and saturates; a grid module comes back
down at multiples of its period; a code that is not spatial is flat.
Usage: scripts/spatial_kernel.py DUMP.h5   (needs numpy and h5py, e.g. in .venv)"""
import sys
import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as d:
    X = d["positions"][...]
    A = d["activations"][...]
idx = np.random.default_rng(0).choice(len(X), min(4000, len(X)), replace=False)
x, g = X[idx], A[idx]
D = np.linalg.norm(x[:, None] - x[None], axis=-1)
G = np.linalg.norm(g[:, None] - g[None], axis=-1)
edges = [0, .02, .05, .1, .15, .2, .3, .4, .5, .6, .8, 1.0, 1.4]
for a, b in zip(edges[:-1], edges[1:]):
    m = (D >= a) & (D < b) & ~np.eye(len(x), dtype=bool)
    print(f"{a:.2f}-{b:.2f} m  mean |g_i - g_j| {G[m].mean():.3f}  ({m.sum()} pairs)")
