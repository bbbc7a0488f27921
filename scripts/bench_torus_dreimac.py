#!/usr/bin/env python3
"""Toroidal coordinates of one grid module: `repanalyze torus` against DREiMac's ToroidalCoords (pip `dreimac`) on
the same cloud — the module's units of a `repanalyze simulate` dump projected on 6 principal components — with the
same landmark count. Prints wall times (whole process for ours, the Python calls for DREiMac) and how well each
recovers the true lattice phases of the positions (median circular error after the best torus symmetry). `torus`
whitens the components (divides each by its standard deviation) by default; DREiMac is timed on the components as
they are and its error is also given on the whitened ones (`dreimac_whitened_median_error_deg`), the same cloud ours
decodes.
usage: .venv/bin/python scripts/bench_torus_dreimac.py [REPANALYZE] [--landmarks 500] [--steps 30000]"""
import argparse, itertools, json, os, subprocess, tempfile, time
import h5py
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("repanalyze", nargs="?", default=".build/release/repanalyze")
ap.add_argument("--landmarks", type=int, default=500)
ap.add_argument("--steps", type=int, default=30000)
a = ap.parse_args()
R = a.repanalyze
d = tempfile.mkdtemp()
sim, mods, coords = f"{d}/sim.h5", f"{d}/m.json", f"{d}/c.h5"
subprocess.run([R, "simulate", "-o", sim, "--steps", str(a.steps), "--seed", "3"], check=True, capture_output=True)
subprocess.run([R, "modules", sim, "--json", mods], check=True, capture_output=True)
f = h5py.File(sim, "r")
units = json.load(open(mods))["modules"][0]["units"]
period, orient = f["truth/module_period_m"][0], np.radians(f["truth/module_orientation_deg"][0])
P, A = f["positions"][()], f["activations"][()][:, units].astype(np.float64)


def fit(angles):
    """Median circular error (turns) of decoded angles against the true phases, best over integer bases."""
    B = period * np.array([[np.cos(orient), np.cos(orient + np.pi / 3)], [np.sin(orient), np.sin(orient + np.pi / 3)]])
    st = np.linalg.solve(B, P.T).T
    ok = np.isfinite(angles).all(1)
    c, st = angles[ok] / (2 * np.pi), st[ok]
    best = 1.0
    for M in itertools.product([-1, 0, 1], repeat=4):
        M = np.array(M).reshape(2, 2)
        if abs(round(np.linalg.det(M))) != 1:
            continue
        r = c - st @ M.T
        sh = np.angle(np.exp(2j * np.pi * r).mean(0)) / (2 * np.pi)
        best = min(best, np.median(np.abs(((r - sh) + 0.5) % 1 - 0.5).max(1)))
    return best


t0 = time.perf_counter()
subprocess.run([R, "torus", sim, "--modules", mods, "--module", "0", "-o", coords, "--landmarks", str(a.landmarks)],
               check=True, capture_output=True)
ours_s = time.perf_counter() - t0
ours = h5py.File(coords, "r")["coords"][()]

from dreimac import ToroidalCoords  # noqa: E402

t0 = time.perf_counter()
X = A - A.mean(0)
U, S, Vt = np.linalg.svd(X, full_matrices=False)
X6 = X @ Vt[:6].T
tc = ToroidalCoords(X6, n_landmarks=a.landmarks, prime=41)
theirs = np.stack(tc.get_coordinates(perc=0.5, cocycle_idxs=[0, 1]), 1)
dreimac_s = time.perf_counter() - t0
tw = ToroidalCoords(X6 / X6.std(0), n_landmarks=a.landmarks, prime=41)
whitened = np.stack(tw.get_coordinates(perc=0.5, cocycle_idxs=[0, 1]), 1)
print(json.dumps({"samples": len(P), "units": len(units), "landmarks": a.landmarks,
                  "repanalyze_s": round(ours_s, 2), "dreimac_s": round(dreimac_s, 2), "ratio": round(dreimac_s / ours_s, 2),
                  "repanalyze_median_error_deg": round(360 * fit(ours), 1), "dreimac_median_error_deg": round(360 * fit(theirs), 1),
                  "dreimac_whitened_median_error_deg": round(360 * fit(whitened), 1)}))
