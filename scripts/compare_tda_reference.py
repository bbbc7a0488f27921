#!/usr/bin/env python3
"""Runs `repanalyze barcode` (release build) on every case of ../shared/reference/tda/manifest.json and compares the
diagrams with ripser.py's stored ones: bar counts per dimension, bars of non-zero persistence, and the bottleneck
distance (GUDHI) relative to the largest finite death. Usage: .venv/bin/python scripts/compare_tda_reference.py [--skip NAME...]"""
import json, math, os, subprocess, sys, tempfile, time
import gudhi

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ref = os.path.join(os.path.dirname(root), "shared", "reference", "tda")
exe = os.path.join(root, ".build", "release", "repanalyze")
skip = set(sys.argv[1:])
worst = 0.0
for case in json.load(open(os.path.join(ref, "manifest.json"))):
    if case["file"] in skip or case["cloud"] in skip:
        continue
    cloud = os.path.join(ref, case["cloud"] + ".h5")
    args = [exe, "barcode", cloud, "--maxdim", str(case["maxdim"]), "--coeff", str(case["coeff"]), "--quiet"]
    if case.get("threshold") is not None:
        args += ["--threshold", str(case["threshold"])]
    if case["cloud"] == "ripser_sphere_3_192":
        args += ["--distance-matrix", "--dataset", "distances"]
    with tempfile.TemporaryDirectory() as t:
        out = os.path.join(t, "bars.json")
        t0 = time.time()
        p = subprocess.run(args + ["--json", out], capture_output=True, text=True)
        dt = time.time() - t0
        if p.returncode != 0:
            print(case["file"], "FAILED", p.stderr.strip()); continue
        ours = json.load(open(out))
    theirs = json.load(open(os.path.join(ref, case["file"])))
    big = max(d for dg in theirs["dgms"] for _, d in dg if d is not None)
    msgs = []
    ok = True
    for k, (a, b) in enumerate(zip(ours["dgms"], theirs["dgms"])):
        fa = [(x, math.inf if y is None else y) for x, y in a]
        fb = [(x, math.inf if y is None else y) for x, y in b]
        nz = lambda L: sum(1 for x, y in L if y > x)
        bd = gudhi.bottleneck_distance(fa, fb)
        rel = bd / big
        worst = max(worst, rel)
        same = len(fa) == len(fb) and nz(fa) == nz(fb) and rel <= 1e-5
        ok &= same
        msgs.append(f"H{k} {len(fa)}/{len(fb)} bars, bottleneck {bd:.2g} ({rel:.1e} of max death)")
    print(f"{'OK  ' if ok else 'DIFF'} {case['file']:45s} {dt:6.2f}s betti {ours['betti']} (expected {case.get('expected_betti')}) | " + "; ".join(msgs))
print("worst relative bottleneck", worst)
