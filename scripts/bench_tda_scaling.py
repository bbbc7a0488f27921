#!/usr/bin/env python3
"""Scaling of H0–H2 at a threshold: n → wall / CPU seconds and peak RSS of whole processes, ours against GUDHI,
giotto-ph and ripser.py (issue 12, "speed and memory at scale"; table in Sources/TopologyTDA/README.md).

Usage: bench_tda_scaling.py --swift .build/release/repanalyze [--sizes 1000 2000 4000 8000 16000]
       [--tools ours gudhi giotto ripser] [--cpu 1] [--timeout 900] [--ripser-max 2000] [--threads 1]

The cloud (generated here, seeded): a torus of revolution (radii 2 and 1; angles uniform) in R^3, turned into R^6 by
a fixed random orthogonal map, plus N(0, 0.1²) noise in all six coordinates; threshold 1.0, Z/2, H0–H2.
Each tool runs as its own process pinned to one CPU (`taskset -c CPU`) under `/usr/bin/time -v` (wall, user + sys,
maximum resident set size), imports and file reading included, one run per cell. The Python tools run this script
with `--run TOOL FILE`: GUDHI 3.x `RipsPersistence` (n_jobs=1, its automatic edge collapse), giotto-ph
`ripser_parallel` (n_threads=1, collapse_edges=True), ripser.py (no collapse; skipped above --ripser-max points, default 2000:
it takes minutes and gigabytes there). The ratio column divides CPU seconds (user + sys), not wall: on a shared
machine wall time also counts waiting for the CPU. The last column checks that every tool found the same number of bars in
H1 and H2 (GUDHI drops zero-length bars, so H0 counts can differ by duplicates only).
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

import numpy as np


def torus_cloud(n, seed=12):
    rng = np.random.default_rng(seed)
    a, b = rng.uniform(0, 2 * np.pi, n), rng.uniform(0, 2 * np.pi, n)
    ring = 2 + np.cos(b)
    torus = np.stack([ring * np.cos(a), ring * np.sin(a), np.sin(b)], 1)
    q, _ = np.linalg.qr(np.random.default_rng(7).normal(size=(6, 6)))
    return torus @ q[:3] + 0.1 * rng.normal(size=(n, 6))


def run_tool(tool, path, threshold, maxdim):
    """One computation inside this process (the --run mode); prints the bar counts per dimension."""
    import h5py
    with h5py.File(path, "r") as f:
        x = np.asarray(f["points"][()], dtype=np.float64)
    if tool == "gudhi":
        from gudhi.sklearn.rips_persistence import RipsPersistence
        rp = RipsPersistence(homology_dimensions=list(range(maxdim + 1)), threshold=threshold,
                             input_type="point cloud", homology_coeff_field=2, n_jobs=1)
        dgms = rp.fit_transform([x])[0]
    elif tool == "giotto":
        from gph import ripser_parallel
        dgms = ripser_parallel(x, maxdim=maxdim, thresh=threshold, collapse_edges=True, n_threads=1)["dgms"]
    elif tool == "ripser":
        from ripser import ripser
        dgms = ripser(x, maxdim=maxdim, thresh=threshold)["dgms"]
    else:
        sys.exit("unknown tool " + tool)
    print("bars", " ".join(str(len(d)) for d in dgms))


def timed(cmd, cpu, timeout):
    """(wall s, CPU s, peak MB, stdout) of one process under /usr/bin/time -v, or None when it ran out of time."""
    full = ["/usr/bin/time", "-v", "taskset", "-c", str(cpu)] + cmd
    try:
        p = subprocess.run(full, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-2000:]}")
    def field(name):
        return re.search(re.escape(name) + r": (.*)", p.stderr).group(1).strip()
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
    seconds = sum(float(v) * 60 ** (len(wall) - 1 - i) for i, v in enumerate(wall))
    cpu_s = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return seconds, cpu_s, int(field("Maximum resident set size (kbytes)")) / 1024, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", nargs=2, metavar=("TOOL", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--swift", default=".build/release/repanalyze")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 16000])
    ap.add_argument("--tools", nargs="+", default=["ours", "gudhi", "giotto", "ripser"])
    ap.add_argument("--threshold", type=float, default=1.0)
    ap.add_argument("--maxdim", type=int, default=2)
    ap.add_argument("--cpu", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1, help="our --threads (1: the single-core comparison)")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--ripser-max", type=int, default=2000)
    args = ap.parse_args()
    if args.run:
        return run_tool(args.run[0], args.run[1], args.threshold, args.maxdim)
    import h5py
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load {os.getloadavg()[0]:.2f}, CPU {args.cpu}, "
          f"threshold {args.threshold}, H0–H{args.maxdim}, Z/2; cells: wall s / CPU s, peak MB")
    print("| n | " + " | ".join(args.tools) + " | ours / GUDHI (CPU, peak) | H1, H2 bars (per tool) |")
    print("|---" * (len(args.tools) + 3) + "|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = os.path.join(tmp, f"torus6_{n}.h5")
            with h5py.File(path, "w") as f:
                f["points"] = torus_cloud(n)
            cells, results, bars = [], {}, []
            for tool in args.tools:
                if tool == "ripser" and n > args.ripser_max:
                    cells.append("skipped"); continue
                if tool == "ours":
                    out = os.path.join(tmp, "ours.json")
                    cmd = [args.swift, "barcode", path, "--maxdim", str(args.maxdim), "--threshold", str(args.threshold),
                           "--threads", str(args.threads), "--quiet", "--json", out]
                else:
                    cmd = [sys.executable, os.path.abspath(__file__), "--run", tool, path,
                           "--threshold", str(args.threshold), "--maxdim", str(args.maxdim)]
                r = timed(cmd, args.cpu, args.timeout)
                if r is None:
                    cells.append(f"> {args.timeout:.0f} s"); continue
                wall, cpu_s, mb, stdout = r
                results[tool] = (cpu_s, mb)
                cells.append(f"{wall:.2f} / {cpu_s:.2f}, {mb:.0f}")
                if tool == "ours":
                    with open(out) as f:
                        counts = [len(d) for d in json.load(f)["dgms"]]
                else:
                    counts = [int(v) for v in stdout.split("bars", 1)[1].split()]
                bars.append(f"{tool} {counts[1]}, {counts[2]}" if len(counts) > 2 else tool)
            ratio = ""
            if "ours" in results and "gudhi" in results:
                (oc, om), (gc, gm) = results["ours"], results["gudhi"]
                ratio = f"{oc / gc:.2f}×, {om / gm:.2f}×"
            print(f"| {n} | " + " | ".join(cells) + f" | {ratio} | {'; '.join(bars)} |", flush=True)


if __name__ == "__main__":
    main()
