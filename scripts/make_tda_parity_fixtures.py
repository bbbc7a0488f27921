#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/tda/parity/*.json: differential cases against ripser.py (issue 12, items 2-7) —
vertex births (edge lists, dense matrices with a diagonal, lower triangles with births), lower-star images, inf
entries, negative values, a single point, greedy permutations (n_perm), cocycles in Z/2 and Z/p, num_edges.

    python3 -m venv .venv && .venv/bin/pip install ripser==0.6.15
    .venv/bin/python scripts/make_tda_parity_fixtures.py

Reference tool: ripser.py (version recorded in every file's "provenance"), run on exactly the input stored. Layout:
"input" {"kind": points|distances|lower|edges|image, the data; +inf written as null}, "options" (ripser.py's
keyword arguments; for an image: lower_star_img), "ripser" {dgms (death null = infinite), num_edges, cocycles,
idx_perm, r_cover, warnings}. Where our input differs from what ripser.py was given, "ripser_input" holds what it got
and "note" says why (an edge below its vertices' births is lifted to them by us; ripser.py takes it as given, which is
not a filtration)."""
import json, os, warnings
import numpy as np
from scipy import sparse
import ripser

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Fixtures", "tda", "parity")
os.makedirs(OUT, exist_ok=True)
PROV = f"ripser.py {ripser.__version__} (numpy {np.__version__}), scripts/make_tda_parity_fixtures.py"


def num(x):
    return None if not np.isfinite(x) else float(x)


def mat(a):
    return [[num(v) for v in row] for row in np.asarray(a, dtype=float)]


def run(X, **kw):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        res = ripser.ripser(X, **kw)
    out = {"dgms": [[[float(b), num(d)] for b, d in dg] for dg in res["dgms"]], "num_edges": int(res["num_edges"]),
           "warnings": [str(x.message) for x in w]}
    if kw.get("do_cocycles"):
        out["cocycles"] = [[np.asarray(c).astype(int).tolist() for c in dim] for dim in res["cocycles"]]
    if kw.get("n_perm"):
        out["idx_perm"] = [int(i) for i in res["idx_perm"]]
        out["r_cover"] = float(res["r_cover"])
    return out


def save(name, description, seed, inp, options, ref, note=None, ripser_input=None):
    doc = {"name": name, "description": description, "provenance": f"{PROV}, seed {seed}", "input": inp,
           "options": options, "ripser": ref}
    if note:
        doc["note"] = note
    if ripser_input is not None:
        doc["ripser_input"] = ripser_input
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f)
    print(name, [len(d) for d in ref["dgms"]], "num_edges", ref["num_edges"])


def edges_to_coo(rows, n):
    """An edge list (i, j, v) as the symmetric sparse matrix a ripser.py user builds (both directions; (i, i, b) once)."""
    I, J, V = [], [], []
    for i, j, v in rows:
        I.append(i); J.append(j); V.append(v)
        if i != j:
            I.append(j); J.append(i); V.append(v)
    return sparse.coo_matrix((V, (I, J)), shape=(n, n))


def lift(rows):
    births = {i: v for i, j, v in rows if i == j}
    return [(i, j, v if i == j else max(v, births.get(i, 0.0), births.get(j, 0.0))) for i, j, v in rows]


# --- item 2: vertex births -------------------------------------------------------------------------------------
rows = [(0, 0, 1.0), (1, 1, 2.0), (0, 1, 3.0)]
save("births_issue_example", "issue 12's example: two vertices born at 1 and 2, joined at 3", 0,
     {"kind": "edges", "edges": rows}, {"maxdim": 1, "coeff": 2, "distance_matrix": True},
     run(edges_to_coo(rows, 2), distance_matrix=True, maxdim=1))

for seed, (n, p, coeff, negative) in enumerate([(30, 0.25, 2, False), (40, 0.2, 3, True), (25, 0.35, 2, True),
                                                   (35, 0.3, 5, False)], start=10):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2))
    births = np.round(rng.uniform(-1.0 if negative else 0.0, 1.0, n), 4)
    births[rng.random(n) < 0.3] = 0.0                      # some vertices have no diagonal entry
    rows = [(i, i, float(births[i])) for i in range(n) if births[i] != 0]
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < p:
                d = float(np.round(np.linalg.norm(x[i] - x[j]), 4))
                # About one edge in ten below a vertex's birth: ours lifts it, ripser.py is given it lifted.
                if rng.random() < 0.9:
                    d = max(d, births[i], births[j])
                rows.append((i, j, d))
    rng.shuffle(rows)
    lifted = lift(rows)
    save(f"births_edges_{seed}", f"random edge list on {n} vertices, random vertex births"
         f"{' (some negative)' if negative else ''}, Z/{coeff}, H0-H1 with cocycles", seed,
         {"kind": "edges", "edges": [list(r) for r in rows], "n": n},
         {"maxdim": 1, "coeff": coeff, "distance_matrix": True, "do_cocycles": True},
         run(edges_to_coo(lifted, n), distance_matrix=True, maxdim=1, coeff=coeff, do_cocycles=True),
         note="edges below a vertex birth are lifted to it; ripser.py was given the lifted list",
         ripser_input=[list(r) for r in lifted])

for seed, (n, coeff, maxdim) in enumerate([(20, 2, 2), (24, 3, 1)], start=20):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    D = np.round(np.linalg.norm(x[:, None] - x[None], axis=2), 4)
    b = np.round(rng.uniform(0, 0.8, n), 4)
    b[rng.random(n) < 0.3] = 0.0
    D[np.arange(n), np.arange(n)] = b
    L = np.maximum(D, np.maximum(b[:, None], b[None, :]))
    L[np.arange(n), np.arange(n)] = b
    save(f"births_dense_{seed}", f"{n} points in R^3 as a dense matrix with vertex births on the diagonal, Z/{coeff}",
         seed, {"kind": "distances", "distances": mat(D)}, {"maxdim": maxdim, "coeff": coeff, "distance_matrix": True},
         run(L, distance_matrix=True, maxdim=maxdim, coeff=coeff),
         note="entries below a vertex birth are lifted; ripser.py was given the lifted matrix", ripser_input=mat(L))
    tri = [float(D[i, j]) for i in range(n) for j in range(i)]
    save(f"births_lower_{seed}", "the same matrix as a lower triangle plus a births vector", seed,
         {"kind": "lower", "lower": tri, "births": [float(v) for v in b]},
         {"maxdim": maxdim, "coeff": coeff, "distance_matrix": True}, run(L, distance_matrix=True, maxdim=maxdim, coeff=coeff),
         note="ripser.py has no lower-triangle input; it was given the equivalent dense matrix (lifted)")

# --- item 3: lower-star images ---------------------------------------------------------------------------------
for seed, (h, w) in [(30, (12, 15)), (31, (20, 9))]:
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w))
    for _ in range(5):
        cy, cx, s = rng.uniform(0, h), rng.uniform(0, w), rng.uniform(1, 3)
        img -= np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * s * s))
    img = np.round(img + 0.05 * rng.normal(size=(h, w)), 4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dg = ripser.lower_star_img(img)
    save(f"lower_star_{seed}", f"{h}x{w} image: five dark blobs plus noise (negative values), lower_star_img", seed,
         {"kind": "image", "image": img.tolist()}, {"lower_star_img": True},
         {"dgms": [[[float(b), num(d)] for b, d in dg]], "num_edges": None, "warnings": []})

# --- item 4: inf entries, negative values, one point -----------------------------------------------------------
for seed, (n, frac, maxdim, coeff, allrows) in enumerate([(25, 0.2, 1, 2, False), (30, 0.1, 2, 3, False),
                                                           (22, 0.15, 1, 2, True)], start=40):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 2))
    D = np.round(np.linalg.norm(x[:, None] - x[None], axis=2), 4)
    mask = np.triu(rng.random((n, n)) < frac, 1)
    if allrows:                                             # every row has an inf: enclosing radius +inf
        for i in range(n):
            mask[min(i, (i + 1) % n), max(i, (i + 1) % n)] = True
    mask = mask | mask.T
    D[mask] = np.inf
    save(f"inf_matrix_{seed}", f"{n} random points, {int(mask.sum() // 2)} distances set to inf (no edge)"
         f"{', one in every row' if allrows else ''}, Z/{coeff}", seed, {"kind": "distances", "distances": mat(D)},
         {"maxdim": maxdim, "coeff": coeff, "distance_matrix": True},
         run(D, distance_matrix=True, maxdim=maxdim, coeff=coeff))

save("one_point", "a single point in R^2 (ripser.py warns: more columns than rows)", 0,
     {"kind": "points", "points": [[0.5, -1.25]]}, {"maxdim": 1}, run(np.array([[0.5, -1.25]]), maxdim=1))

rows = [(i, i, -float(i)) for i in range(4)] + [(0, 1, -0.5), (1, 2, -1.0), (2, 3, -1.5), (3, 0, 0.0), (0, 2, 0.5)]
save("negative_values", "four vertices born at 0, -1, -2, -3 on a square with a diagonal: negative births and edges", 0,
     {"kind": "edges", "edges": [list(r) for r in rows]}, {"maxdim": 1, "distance_matrix": True},
     run(edges_to_coo(rows, 4), distance_matrix=True, maxdim=1))

# --- item 5: greedy permutations (n_perm) ----------------------------------------------------------------------
rng = np.random.default_rng(50)
t = rng.uniform(0, 2 * np.pi, 120)
circle = np.round(np.c_[np.cos(t), np.sin(t)] + 0.1 * rng.normal(size=(120, 2)), 6)
save("nperm_circle", "120 noisy circle points, n_perm 30, H0-H1 with cocycles (indices of the original cloud)", 50,
     {"kind": "points", "points": circle.tolist()}, {"maxdim": 1, "n_perm": 30, "do_cocycles": True},
     run(circle, maxdim=1, n_perm=30, do_cocycles=True))
rng = np.random.default_rng(51)
x = np.round(rng.normal(size=(50, 4)), 6)
D = np.linalg.norm(x[:, None] - x[None], axis=2)
save("nperm_matrix", "50 random points in R^4 as a distance matrix, n_perm 20, Z/3, H0-H2", 51,
     {"kind": "distances", "distances": mat(D)}, {"maxdim": 2, "coeff": 3, "n_perm": 20, "distance_matrix": True},
     run(D, distance_matrix=True, maxdim=2, coeff=3, n_perm=20))
save("nperm_cosine", "the same 50 points, cosine metric, n_perm 25", 51,
     {"kind": "points", "points": x.tolist()}, {"maxdim": 1, "n_perm": 25, "metric": "cosine"},
     run(x, maxdim=1, n_perm=25, metric="cosine"))

# --- item 6: cocycles (Z/2 and Z/p), point clouds --------------------------------------------------------------
for seed, coeff in [(60, 2), (61, 3), (62, 7)]:
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, 2 * np.pi, 40)
    pts = np.round(np.c_[np.cos(t), np.sin(t), 0.3 * np.cos(2 * t)] + 0.08 * rng.normal(size=(40, 3)), 6)
    save(f"cocycles_p{coeff}", f"40 points on a noisy loop in R^3, Z/{coeff}, cocycles in ripser.py's layout", seed,
         {"kind": "points", "points": pts.tolist()}, {"maxdim": 1, "coeff": coeff, "do_cocycles": True},
         run(pts, maxdim=1, coeff=coeff, do_cocycles=True))

# --- item 7: num_edges with thresholds above and below the enclosing radius ------------------------------------
line = np.array([[0.0], [1.0], [2.0], [3.0]])
save("num_edges_line", "4 points on a line (enclosing radius 2), threshold 3: ripser.py counts 6 edges", 0,
     {"kind": "points", "points": line.tolist()}, {"maxdim": 1, "thresh": 3.0}, run(line, maxdim=1, thresh=3.0))
rng = np.random.default_rng(70)
x = np.round(rng.uniform(size=(40, 3)), 6)
for k, th in enumerate([0.3, 1.2, 5.0]):
    save(f"num_edges_cube_{k}", f"40 points in the unit cube, threshold {th}", 70, {"kind": "points", "points": x.tolist()},
         {"maxdim": 1, "thresh": th}, run(x, maxdim=1, thresh=th))

# --- found by scripts/fuzz_tda_parity.py: fewer points than the homology asks for (maxdim + 2 > n / 2) -------------
D = np.array([[0., 5.4955, 4.5177, 4.8177], [5.4955, 0, 4.5828, 3.0279], [4.5177, 4.5828, 0, 5.1725],
              [4.8177, 3.0279, 5.1725, 0]])
for coeff, maxdim in [(3, 2), (2, 3)]:
    save(f"few_points_p{coeff}_h{maxdim}", f"4 points, H0-H{maxdim} in Z/{coeff}: triangle indices above C(4, {maxdim + 2})", 0,
         {"kind": "distances", "distances": mat(D)}, {"maxdim": maxdim, "coeff": coeff, "distance_matrix": True},
         run(D, distance_matrix=True, maxdim=maxdim, coeff=coeff))
