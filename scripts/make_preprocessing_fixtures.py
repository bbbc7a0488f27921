#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/preprocessing/pca_small.json: a small anisotropic point cloud and its principal
components from NumPy's SVD (numpy.linalg.svd of the centred cloud), the reference for TopologyTDA's
PrincipalComponents (a Jacobi eigen-solver on the covariance, written independently).

    python3 -m venv .venv && .venv/bin/pip install numpy
    .venv/bin/python scripts/make_preprocessing_fixtures.py

The JSON holds: description, provenance (numpy version, seed), "points" [n][d], and from the SVD X_c = U S Vt of
the centred cloud X_c = X - mean: "mean" [d], "variances" [d] = S**2 / (n - 1) (decreasing), "axes" [d][d] = the rows
of Vt and "projection" [n][d] = U S. Each axis' sign is fixed as PrincipalComponents fixes it (its coordinate of
largest magnitude positive), the projection's columns flipped with it."""
import json, os
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Fixtures", "preprocessing")
os.makedirs(OUT, exist_ok=True)

SEED = 11
rng = np.random.default_rng(SEED)
n, d = 40, 5
# Well-separated variances (9, 4, 1, 0.25, 0.04) along a random rotation, shifted off the origin: every axis is
# determined up to sign, so the comparison is meaningful to rounding.
q, _ = np.linalg.qr(rng.standard_normal((d, d)))
points = (rng.standard_normal((n, d)) * np.array([3.0, 2.0, 1.0, 0.5, 0.2])) @ q.T + np.array([1.0, -2.0, 0.5, 3.0, 0.0])

mean = points.mean(axis=0)
u, s, vt = np.linalg.svd(points - mean, full_matrices=False)
projection = u * s
for r in range(d):
    if vt[r, np.argmax(np.abs(vt[r]))] < 0:
        vt[r] = -vt[r]
        projection[:, r] = -projection[:, r]

doc = {
    "description": "40 points in R^5, standard deviations 3, 2, 1, 0.5, 0.2 along a random rotation; PCA by numpy.linalg.svd",
    "provenance": {"numpy": np.__version__, "seed": SEED, "script": "scripts/make_preprocessing_fixtures.py"},
    "points": points.tolist(),
    "mean": mean.tolist(),
    "variances": (s ** 2 / (n - 1)).tolist(),
    "axes": vt.tolist(),
    "projection": projection.tolist(),
}
# One line per key, one row per line: small diffs when regenerated.
lines = []
for k, v in doc.items():
    if isinstance(v, list) and v and isinstance(v[0], list):
        body = ",\n  ".join(json.dumps(row) for row in v)
        lines.append(f'"{k}": [\n  {body}\n ]')
    else:
        lines.append(f'"{k}": {json.dumps(v)}')
with open(os.path.join(OUT, "pca_small.json"), "w") as f:
    f.write("{\n " + ",\n ".join(lines) + "\n}\n")
print("wrote", os.path.join(OUT, "pca_small.json"))
