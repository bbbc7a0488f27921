#!/usr/bin/env python3
"""Times the reference grid scorers on this machine, for the ratio against `repanalyze bench-grid`.

- DeepMind grid-cells `scores.py` (https://github.com/deepmind/grid-cells, Apache-2.0): its GridScorer restated
  with NumPy/SciPy in the same structure (ring masks built once; per map: calculate_sac with six
  scipy.signal.convolve2d, seven scipy.ndimage.rotate, the ten masks) — see scripts/make_grid_fixtures.py for
  the formulas, checked there to reproduce ../shared/reference/grid/ref/deepmind.json exactly.
- opexebo (pip install opexebo), if importable: analysis.autocorrelation + analysis.grid_score per map.

Both run on one core (as the Python tools do). With --swift PATH the Swift benchmark runs in the same
invocation and the ratios are printed.

Usage:
  .venv/bin/python scripts/bench_grid_reference.py --swift .build/release/repanalyze

opexebo 0.7.2 fails under NumPy >= 2 (int() of a 1-element array in grid_score); time it from an environment
with NumPy < 2: python3 -m venv .venv-opexebo && .venv-opexebo/bin/pip install opexebo 'numpy<2' scipy h5py.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import scipy.ndimage
import scipy.signal

sys.path.insert(0, os.path.dirname(__file__))
from make_grid_fixtures import calculate_sac, circle_mask, ANGLES, MASKS  # noqa: E402


class DeepMindScorer:
    """The structure of scores.GridScorer: masks once, then get_scores per map."""

    def __init__(self, nbins):
        self.nbins = nbins
        size = [2 * nbins - 1, 2 * nbins - 1]
        self.masks = [circle_mask(size, hi * nbins) * (1 - circle_mask(size, lo * nbins)) for lo, hi in MASKS]

    def get_scores(self, rate_map):
        sac = calculate_sac(rate_map)
        rots = [scipy.ndimage.rotate(sac, a, reshape=False) for a in ANGLES]
        s60, s90 = [], []
        for mask in self.masks:
            area = np.sum(mask)
            mean = np.sum(sac * mask) / area
            centred = (sac * mask - mean) * mask
            var = np.sum(centred ** 2) / area + 1e-5
            c = {a: np.sum(centred * (r - mean) * mask) / area / var for a, r in zip(ANGLES, rots)}
            s60.append((c[60] + c[120]) / 2 - (c[30] + c[90] + c[150]) / 3)
            s90.append(c[90] - (c[45] + c[135]) / 2)
        return max(s60), max(s90)


def synthetic_maps(n, nb, rng):
    c = (np.arange(nb) + 0.5) / nb
    out = []
    for _ in range(n):
        period, theta = 0.25 + 0.4 * rng.random(), 60 * rng.random()
        k = 4 * np.pi / (np.sqrt(3) * period)
        x, y = np.meshgrid(c - rng.random(), c - rng.random())
        s = sum(np.cos(k * (np.cos(np.deg2rad(theta + 30 + 60 * j)) * x + np.sin(np.deg2rad(theta + 30 + 60 * j)) * y))
                for j in range(3))
        m = np.maximum(s, 0) + 0.3 * (rng.random((nb, nb)) - 0.5)
        m[rng.random((nb, nb)) < 0.1] = np.nan
        out.append(m)
    return out


def rate(fn, maps, repeats):
    best = float('inf')
    for _ in range(repeats):
        t0 = time.perf_counter()
        for m in maps:
            fn(m)
        best = min(best, time.perf_counter() - t0)
    return len(maps) / best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--units', type=int, default=60, help='maps per timing run (Python is slow)')
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--swift', help='path of a release-built repanalyze to run bench-grid in the same invocation')
    ap.add_argument('--json', help='write the figures here')
    a = ap.parse_args()
    rng = np.random.default_rng(7)
    res = {'numpy': np.__version__, 'scipy': scipy.__version__}
    try:
        import opexebo
        res['opexebo_version'] = getattr(opexebo, '__version__', 'unknown')
    except Exception as e:  # noqa: BLE001
        opexebo = None
        res['opexebo_error'] = str(e)
    for nb in (32, 44):
        maps = synthetic_maps(a.units, nb, rng)
        dm = DeepMindScorer(nb)
        res[f'deepmind_{nb}_units_per_s'] = rate(dm.get_scores, maps, a.repeats)
        print(f'DeepMind scorer (NumPy/SciPy) {nb}x{nb}: {res[f"deepmind_{nb}_units_per_s"]:.1f} units/s')
        if opexebo is not None:
            def ox(m):
                ac = opexebo.analysis.autocorrelation(m)
                return opexebo.analysis.grid_score(ac)
            try:
                res[f'opexebo_{nb}_units_per_s'] = rate(ox, maps[: max(5, a.units // 4)], 1)
                print(f'opexebo {nb}x{nb}: {res[f"opexebo_{nb}_units_per_s"]:.1f} units/s')
            except Exception as e:  # noqa: BLE001
                res[f'opexebo_{nb}_error'] = str(e)
                print(f'opexebo {nb}x{nb}: failed: {e}')
    if a.swift:
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, 'swift.json')
            out = subprocess.run([a.swift, 'bench-grid', '--json', path], capture_output=True, text=True, check=True)
            print(out.stdout, end='')
            with open(path) as f:
                swift = json.load(f)
        res['swift'] = swift
        for nb in (32, 44):
            row = swift[f'gridness_{nb}x{nb}']
            one = row['threads_1_units_per_s']['best']
            allc = row[f"threads_{swift['cores']}_units_per_s"]['best']
            print(f'repanalyze {nb}x{nb}: {one:.0f} units/s one core ({one / res[f"deepmind_{nb}_units_per_s"]:.0f}x DeepMind'
                  + (f', {one / res[f"opexebo_{nb}_units_per_s"]:.0f}x opexebo' if f'opexebo_{nb}_units_per_s' in res else '')
                  + f'), {allc:.0f} units/s on all {swift["cores"]} cores')
        print(f'repanalyze rate maps 112x100000: {swift["ratemaps_112x100000_s"]["best"]:.4f} s')
    if a.json:
        with open(a.json, 'w') as f:
            json.dump(res, f, indent=2)


if __name__ == '__main__':
    main()
