#!/usr/bin/env python3
"""One timed persistent-homology run of a reference tool, for scripts/bench_tda.sh.
Usage: bench_tda_tool.py TOOL FILE MAXDIM COEFF THRESHOLD|none [--distance-matrix]
TOOL: ripser (ripser.py), giotto (giotto-ph ripser_parallel, 1 thread, no collapse), giotto-collapse
(collapse_edges=True), gudhi (gudhi.sklearn RipsPersistence, n_jobs=1, its automatic edge collapse).
Prints the wall and CPU seconds of the computation itself (data loading and imports excluded) and the bar counts."""
import sys, time
import h5py, numpy as np

tool, path, maxdim, coeff, thresh = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
is_dm = "--distance-matrix" in sys.argv
with h5py.File(path, "r") as f:
    X = f["distances"][()] if is_dm else f["points"][()]
X = np.asarray(X, dtype=np.float64)
from scipy.spatial.distance import pdist, squareform
D = X if is_dm else squareform(pdist(X))
enclosing = float(D.max(axis=1).min())
t = enclosing if thresh == "none" else min(float(thresh), enclosing)

if tool == "ripser":
    from ripser import ripser
elif tool.startswith("giotto"):
    from gph import ripser_parallel
elif tool == "gudhi":
    from gudhi.sklearn.rips_persistence import RipsPersistence
t0, c0 = time.perf_counter(), time.process_time()
if tool == "ripser":
    kw = {} if thresh == "none" else {"thresh": float(thresh)}
    dgms = ripser(X, maxdim=maxdim, coeff=coeff, distance_matrix=is_dm, **kw)["dgms"]
elif tool.startswith("giotto"):
    kw = {} if thresh == "none" else {"thresh": float(thresh)}
    dgms = ripser_parallel(X, maxdim=maxdim, coeff=coeff, metric="precomputed" if is_dm else "euclidean",
                           collapse_edges=(tool == "giotto-collapse"), n_threads=1, **kw)["dgms"]
elif tool == "gudhi":
    rp = RipsPersistence(homology_dimensions=list(range(maxdim + 1)), threshold=t,
                         input_type="full distance matrix" if is_dm else "point cloud",
                         homology_coeff_field=coeff, n_jobs=1)
    dgms = rp.fit_transform([X])[0]
else:
    sys.exit("unknown tool " + tool)
dt, dc = time.perf_counter() - t0, time.process_time() - c0
print(f"{dt:.3f} {dc:.3f} {' '.join(str(len(d)) for d in dgms)}")
