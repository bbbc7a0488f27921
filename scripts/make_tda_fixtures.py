#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/tda/*.json: small point clouds (or distance matrices) with the diagrams ripser.py
computes for them. Independent reference for TopologyTDATests (no Python needed to run the tests).

    python3 -m venv .venv && .venv/bin/pip install ripser numpy scikit-learn
    .venv/bin/python scripts/make_tda_fixtures.py

Each JSON holds: name, description, provenance (ripser and numpy versions, seed), metric, maxdim, coeff,
threshold (null = ripser's default), and either "points" [n][d] or "distances" [n][n], plus "dgms" in ripser.py's
layout (death null = infinite bar)."""
import json, os
import numpy as np
import ripser

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Fixtures", "tda")
os.makedirs(OUT, exist_ok=True)


def dgms_json(dgms):
    return [[[float(b), None if not np.isfinite(d) else float(d)] for b, d in dg] for dg in dgms]


def save(name, description, seed, maxdim=1, coeff=2, thresh=None, metric="euclidean", points=None, distances=None):
    kw = dict(maxdim=maxdim, coeff=coeff)
    if thresh is not None:
        kw["thresh"] = thresh
    if distances is not None:
        res = ripser.ripser(distances, distance_matrix=True, **kw)
    else:
        res = ripser.ripser(points, metric=metric, **kw)
    doc = {
        "name": name, "description": description,
        "provenance": f"ripser.py {ripser.__version__} (numpy {np.__version__}), seed {seed}, scripts/make_tda_fixtures.py",
        "metric": "precomputed" if distances is not None else metric, "maxdim": maxdim, "coeff": coeff,
        "threshold": thresh, "dgms": dgms_json(res["dgms"]),
    }
    if distances is not None:
        doc["distances"] = np.round(distances, 6).tolist()
    else:
        doc["points"] = points.tolist()
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f)
    print(name, [len(d) for d in res["dgms"]])


# Points are rounded to 6 decimals before ripser sees them, so the JSON holds exactly the input ripser used.
rng = np.random.default_rng(1)
t = rng.uniform(0, 2 * np.pi, 80)
circle = np.round(np.c_[np.cos(t), np.sin(t)] + 0.05 * rng.normal(size=(80, 2)), 6)
save("noisy_circle_80", "80 points on the unit circle + Gaussian noise 0.05", 1, maxdim=1, coeff=2, points=circle)
save("noisy_circle_80_p3", "the same circle in Z/3", 1, maxdim=1, coeff=3, points=circle)

rng = np.random.default_rng(2)
u, v = rng.uniform(0, 2 * np.pi, (2, 150))
torus = np.round(np.c_[(2 + np.cos(v)) * np.cos(u), (2 + np.cos(v)) * np.sin(u), np.sin(v)], 6)
save("torus_150", "150 random points on a torus R=2 r=1 in R^3, H0-H2", 2, maxdim=2, coeff=2, points=torus)
save("torus_150_t1", "the same torus, threshold 1.0 (sparse complex), Z/47", 2, maxdim=2, coeff=47, thresh=1.0, points=torus)

# The real projective plane (Veronese surface in R^6): Z/2 sees H1 and H2, Z/3 does not.
rng = np.random.default_rng(3)
x = rng.normal(size=(120, 3)); x /= np.linalg.norm(x, axis=1, keepdims=True)
ver = np.round(np.c_[x[:, 0] ** 2, x[:, 1] ** 2, x[:, 2] ** 2, np.sqrt(2) * x[:, 0] * x[:, 1],
                     np.sqrt(2) * x[:, 0] * x[:, 2], np.sqrt(2) * x[:, 1] * x[:, 2]], 6)
save("rp2_120_p2", "120 points on the Veronese RP^2 in R^6, Z/2 (H1 and H2 bars)", 3, maxdim=2, coeff=2, points=ver)
save("rp2_120_p3", "the same RP^2 in Z/3 (no H1/H2 bars of note)", 3, maxdim=2, coeff=3, points=ver)

# Cosine and correlation metrics on a population-like code: 60 "units" tuned to an angle.
rng = np.random.default_rng(4)
theta = rng.uniform(0, 2 * np.pi, 100)
pref = np.linspace(0, 2 * np.pi, 12, endpoint=False)
pop = np.round(np.exp(2 * np.cos(theta[:, None] - pref[None, :])) + 0.05 * rng.random((100, 12)), 6)
save("ring_code_cosine", "100 samples of 12 angle-tuned units, cosine distance", 4, maxdim=1, metric="cosine", points=pop)
save("ring_code_correlation", "the same samples, correlation distance", 4, maxdim=1, metric="correlation", points=pop)

# A random metric given as a distance matrix (ripser's distance_matrix=True path), H0-H2.
rng = np.random.default_rng(5)
p = rng.normal(size=(40, 4))
d = np.round(np.sqrt(((p[:, None, :] - p[None, :, :]) ** 2).sum(-1)), 6)
save("random4d_40_matrix", "distance matrix of 40 Gaussian points in R^4, H0-H2", 5, maxdim=2, distances=d)
