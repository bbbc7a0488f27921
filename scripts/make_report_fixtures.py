#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/report/: display inputs for the report's browser test (scripts/browser_test.sh).

These are inputs to draw, not reference values: ideal grid-cell rate maps of two modules computed here with numpy
(sum of three cosines, field spacing 0.3 m and 0.5 m, some unvisited bins set to NaN), gridness/modules/barcode JSON
in the layouts of `repanalyze gridness|modules|barcode --json` (issues 3 and 6) with made-up plausible numbers, and
a training run folder (log.jsonl with exponentially decaying loss terms, config.json).
Usage: python3 -m venv .venv && .venv/bin/pip install numpy h5py && .venv/bin/python scripts/make_report_fixtures.py
"""
import json, math, os
import numpy as np, h5py

out = "Tests/Fixtures/report"
os.makedirs(out + "/run", exist_ok=True)
rng = np.random.default_rng(5)
nb, units = 24, 12
centres = (np.arange(nb) + 0.5) / nb
X, Y = np.meshgrid(centres, centres)           # rows = y, columns = x
maps, truth = [], []
for u in range(units):
    period = 0.3 if u < 6 else 0.5
    o = math.radians(7 if u < 6 else 22)
    px, py = rng.uniform(0, period, 2)
    k = 4 * math.pi / (math.sqrt(3) * period)
    s = sum(np.cos(k * (math.cos(o + math.radians(a)) * (X - px) + math.sin(o + math.radians(a)) * (Y - py)))
            for a in (30, 150, 270))
    m = (s + 1.5) / 4.5 + rng.normal(0, 0.05, s.shape)
    m[rng.random(s.shape) < 0.03] = np.nan
    maps.append(m.astype(np.float32))
with h5py.File(out + "/maps.h5", "w") as f:
    f["ratemaps"] = np.stack(maps)
    f.attrs["box_size_m"] = [1.0, 1.0]
    f.attrs["box_origin_m"] = [0.0, 0.0]
    f.attrs["description"] = "ideal grid maps, 2 modules (0.3 m, 0.5 m), display input for the report tests"
scores = {"units": [{"unit": u, "score_60": round(float(rng.uniform(0.6, 1.5)), 4), "score_60_minmax": None,
                     "score_90": round(float(rng.uniform(-0.3, 0.3)), 4), "spacing_m": 0.3 if u < 6 else 0.5,
                     "orientation_deg": 7.0 if u < 6 else 22.0} for u in range(units)]}
json.dump(scores, open(out + "/scores.json", "w"), indent=1)
modules = {"units": [{"unit": u, "period_m": 0.3 if u < 6 else 0.5, "orientation_deg": 7.0 if u < 6 else 22.0,
                      "grid_like": True, "module": 0 if u < 6 else 1} for u in range(units)],
           "modules": [{"module": 0, "period_m": 0.3, "orientation_deg": 7.0, "units": list(range(6))},
                       {"module": 1, "period_m": 0.5, "orientation_deg": 22.0, "units": list(range(6, 12))}],
           "period_ratios": [0.5 / 0.3]}
json.dump(modules, open(out + "/modules.json", "w"), indent=1)
h0 = [[0.0, round(float(d), 4)] for d in np.sort(rng.uniform(0.05, 0.3, 30))] + [[0.0, None]]
h1 = [[0.4, 1.6], [0.45, 1.5]] + [[round(float(b), 4), round(float(b + rng.uniform(0.02, 0.2)), 4)] for b in rng.uniform(0.3, 0.8, 15)]
h2 = [[1.1, 1.9]] + [[round(float(b), 4), round(float(b + rng.uniform(0.01, 0.1)), 4)] for b in rng.uniform(1.0, 1.5, 6)]
json.dump({"dgms": [h0, h1, h2], "betti": [1, 2, 1], "n_points": 400, "threshold": 2.0, "coeff": 2},
          open(out + "/bars.json", "w"), indent=1)
with open(out + "/run/log.jsonl", "w") as f:
    for s in range(0, 3001, 50):
        f.write(json.dumps({"step": s, "time": round(s * 0.05, 2), "total": 4 * math.exp(-s / 700) + 0.3,
                            "sep": 2.5 * math.exp(-s / 600) + 0.15, "inv": 1.0 * math.exp(-s / 400) + 0.1,
                            "cap": 0.5 * math.exp(-s / 900) + 0.05, "ci": 0.2, "grad_norm": 1.0, "lr": 1e-3}) + "\n")
json.dump({"steps": 3000, "batch_size": 64, "lr": 1e-3, "note": "synthetic run folder for the report tests"},
          open(out + "/run/config.json", "w"), indent=1)
print("wrote", out)
