#!/usr/bin/env python3
"""Random cases of issue 12's ripser.py-parity inputs, `repanalyze barcode` against ripser.py (0.6.15): edge lists
with vertex births (some negative, Z/2…Z/7, cocycles), dense matrices with a diagonal, random +inf patterns,
lower-star images (with ties: rounded values; 1×k and k×1 images too),
n_perm on clouds and matrices, thresholds above and below the enclosing radius (num_edges). Bars are compared bit for
bit in Float32, num_edges / idx_perm / cocycle rows exactly.
Usage: .venv/bin/python scripts/fuzz_tda_parity.py SEED [BINARY]   (BINARY default .build/release/repanalyze)"""
import json, os, subprocess, sys, tempfile, warnings
import h5py, numpy as np, ripser
from scipy import sparse

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
binary = sys.argv[2] if len(sys.argv) > 2 else ".build/release/repanalyze"
rng = np.random.default_rng(seed)
warnings.simplefilter("ignore")


def key(dgms):
    return [sorted((float(np.float32(b)), float(np.float32(np.inf if d is None else d))) for b, d in dg) for dg in dgms]


bad = 0
kinds = {}
for trial in range(40):
    kind = str(rng.choice(["edges", "dense_births", "inf", "nperm_points", "nperm_matrix", "threshold", "image"]))
    kinds[kind] = kinds.get(kind, 0) + 1
    n = int(rng.integers(3, 35)); p = int(rng.choice([2, 3, 5, 7])); maxdim = int(rng.integers(0, 3))
    x = rng.normal(size=(n, int(rng.integers(1, 4))))
    D = np.round(np.linalg.norm(x[:, None] - x[None], axis=2), int(rng.choice([1, 4])))   # rounding 1: many ties
    args, kw, cocycles = [], dict(maxdim=maxdim, coeff=p), False
    with tempfile.TemporaryDirectory() as t:
        f = os.path.join(t, "in.h5")
        h = h5py.File(f, "w")
        if kind == "image":
            img = np.round(rng.normal(size=(int(rng.integers(1, 12)), int(rng.integers(1, 12)))), int(rng.choice([0, 1, 3])))
            h["img"] = img
            maxdim, args = 0, ["--lower-star"]
        elif kind == "edges":
            b = np.round(rng.uniform(-1 if rng.random() < 0.5 else 0, 1, n), 2); b[rng.random(n) < 0.3] = 0
            rows = [(i, i, b[i]) for i in range(n) if b[i] != 0]
            rows += [(i, j, max(D[i, j], b[i], b[j])) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.4]
            rng.shuffle(rows)
            cocycles = maxdim >= 1
            h["edges"] = np.array(rows, dtype=float).reshape(-1, 3)
            I = [r[0] for r in rows] + [r[1] for r in rows if r[0] != r[1]]
            J = [r[1] for r in rows] + [r[0] for r in rows if r[0] != r[1]]
            V = [r[2] for r in rows] + [r[2] for r in rows if r[0] != r[1]]
            X, kw["distance_matrix"] = sparse.coo_matrix((V, (I, J)), shape=(n, n)), True
            args = ["--edge-list", "--vertices", str(n)]   # a vertex in no row exists only through the shape
        elif kind in ("dense_births", "inf", "nperm_matrix"):
            if kind == "dense_births":
                b = np.round(rng.uniform(0, 1, n), 2); b[rng.random(n) < 0.3] = 0
                D = np.maximum(D, np.maximum(b[:, None], b[None, :])) + 0.001   # no zero off-diagonal entry (scipy drops them)
                D[np.arange(n), np.arange(n)] = b
            if kind == "inf":
                m = np.triu(rng.random((n, n)) < rng.uniform(0.05, 0.5), 1); D[m | m.T] = np.inf
            if kind == "nperm_matrix" or (kind == "dense_births" and rng.random() < 0.4):
                kw["n_perm"] = int(rng.integers(1, n + 1)); args = ["--n-perm", str(kw["n_perm"])]
            h["distances"] = D
            X, kw["distance_matrix"] = D, True
            args += ["--distance-matrix"]
        else:
            X = np.round(x, 6); h["points"] = X
            if kind == "nperm_points":
                kw["n_perm"] = int(rng.integers(1, n + 1)); args = ["--n-perm", str(kw["n_perm"])]; cocycles = maxdim >= 1
            else:
                kw["thresh"] = float(np.round(rng.uniform(0.1, 4), 2)); args = ["--threshold", str(kw["thresh"])]
        h.close()
        if cocycles:
            kw["do_cocycles"] = True; args.append("--cocycles")
        if kind == "image":
            ref = {"dgms": [ripser.lower_star_img(img)], "num_edges": None}
        else:
            ref = ripser.ripser(X, **kw)
        out = os.path.join(t, "o.json")
        # --lower-star goes before the file, as a user types it (`barcode --lower-star IMAGE.h5`); any order parses.
        r = subprocess.run([binary, "barcode"] + args + [f, "--maxdim", str(maxdim), "--coeff", str(p), "--json", out, "--quiet"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            keep = os.path.join(tempfile.gettempdir(), f"fuzz_parity_{seed}_{trial}.h5")
            os.replace(f, keep)
            print("FAIL", trial, kind, "--maxdim", maxdim, "--coeff", p, " ".join(args), keep, r.stderr.strip()[:300]); bad += 1; continue
        ours = json.load(open(out))
    problems = []
    if key(ours["dgms"]) != key([[[b, None if np.isinf(d) else d] for b, d in dg] for dg in ref["dgms"]]):
        problems.append("dgms")
    if kind != "image" and ours["n_edges"] != ref["num_edges"]:   # lower_star_img gives no num_edges
        problems.append(f"n_edges {ours['n_edges']} vs {ref['num_edges']}")
    if "n_perm" in kw and kw["n_perm"] < n and ours.get("idx_perm") != [int(i) for i in ref["idx_perm"]]:
        problems.append("idx_perm")
    if cocycles and ours["cocycles"] != [[np.asarray(c).astype(int).tolist() for c in dim] for dim in ref["cocycles"]]:
        problems.append("cocycles")
    if problems:
        bad += 1
        print(f"DIFF trial {trial} {kind} n={n} maxdim={maxdim} p={p} {kw.get('thresh', '')}: {', '.join(problems)}")
        if n <= 6:
            print("  input:", json.dumps(rows if kind == "edges" else np.asarray(X).tolist()), "\n  ours:", ours["dgms"], "\n  ripser.py:", [dg.tolist() for dg in ref["dgms"]])
print("bad", bad, "of 40:", ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
