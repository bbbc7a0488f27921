#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/grid/scorer_small.h5: small maps and what SciPy / DeepMind's scorer give for them.

The scorer below restates, with NumPy/SciPy, the formulas of DeepMind grid-cells `scores.py`
(https://github.com/deepmind/grid-cells, GridScorer.calculate_sac / rotated_sacs / get_grid_scores_for_mask /
circle_mask; Apache-2.0): masks 0.2*nb < r <= e*nb for e in linspace(0.4, 1, 10), rotation with
scipy.ndimage.rotate(sac, angle, reshape=False), correlation (sum M(S-mu)(R-mu)/A) / (sum M(S-mu)^2/A + 1e-5).
As in the original, NaN bins are zero-filled *and counted* in the SAC (np.nan_to_num runs before the NaN mask).

Usage: python3 -m venv .venv && .venv/bin/pip install numpy scipy h5py && .venv/bin/python scripts/make_grid_fixtures.py
"""
import os
import numpy as np
import scipy
import scipy.ndimage
import scipy.signal
import h5py

ANGLES = [30, 45, 60, 90, 120, 135, 150]
MASKS = [(0.2, e) for e in np.linspace(0.4, 1.0, 10)]


def circle_mask(size, radius):
    sz = [np.floor(size[0] / 2), np.floor(size[1] / 2)]
    x = np.repeat(np.expand_dims(np.linspace(-sz[0], sz[1], size[1]), 0), size[0], 0)
    y = np.repeat(np.expand_dims(np.linspace(-sz[0], sz[1], size[1]), 1), size[1], 1)
    return (np.sqrt(x ** 2 + y ** 2) <= radius).astype(float)


def calculate_sac(seq1):
    def filter2(b, x):
        return scipy.signal.convolve2d(x, np.rot90(b, 2), mode='full')
    seq1 = np.nan_to_num(seq1.astype(np.float64))
    seq2 = seq1
    ones = np.ones(seq1.shape)
    with np.errstate(divide='ignore', invalid='ignore'):
        prod = filter2(seq1, seq2)
        s1 = filter2(seq1, ones)
        s2 = filter2(ones, seq2)
        q1 = filter2(np.square(seq1), ones)
        q2 = filter2(ones, np.square(seq2))
        n = filter2(ones, ones)
        std1 = np.power(q1 / n - np.square(s1) / np.square(n), 0.5)
        std2 = np.power(q2 / n - np.square(s2) / np.square(n), 0.5)
        cov = prod / n - s1 * s2 / np.square(n)
        return np.nan_to_num(cov / (std1 * std2))


def scores(rate_map):
    nb = rate_map.shape[0]
    sac = calculate_sac(rate_map)
    rots = [scipy.ndimage.rotate(sac, a, reshape=False) for a in ANGLES]
    size = [2 * nb - 1, 2 * nb - 1]
    s60, s60mm, s90 = [], [], []
    for lo, hi in MASKS:
        mask = circle_mask(size, hi * nb) * (1 - circle_mask(size, lo * nb))
        area = np.sum(mask)
        mean = np.sum(sac * mask) / area
        centred = (sac * mask - mean) * mask
        var = np.sum(centred ** 2) / area + 1e-5
        c = {a: np.sum(centred * (r - mean) * mask) / area / var for a, r in zip(ANGLES, rots)}
        s60.append((c[60] + c[120]) / 2 - (c[30] + c[90] + c[150]) / 3)
        s60mm.append(min(c[60], c[120]) - max(c[30], c[90], c[150]))
        s90.append(c[90] - (c[45] + c[135]) / 2)
    i60, i60mm, i90 = int(np.argmax(s60)), int(np.argmax(s60mm)), int(np.argmax(s90))
    return sac, (s60[i60], s60mm[i60mm], s90[i90]), (i60, i60mm, i90)


def lattice(n, period, theta_deg, kind, rng):
    """Maps on a 1 m box of n x n bins (rows = y): sums of plane waves."""
    c = (np.arange(n) + 0.5) / n
    x, y = np.meshgrid(c, c)
    if kind == 'hex':
        k = 4 * np.pi / (np.sqrt(3) * period)
        dirs = [np.deg2rad(theta_deg + 30 + 60 * j) for j in range(3)]
    elif kind == 'square':
        k = 2 * np.pi / period
        dirs = [np.deg2rad(theta_deg + 90 * j) for j in range(2)]
    else:  # band
        k = 2 * np.pi / period
        dirs = [np.deg2rad(theta_deg)]
    return sum(np.cos(k * (np.cos(d) * x + np.sin(d) * y)) for d in dirs)


def main():
    rng = np.random.default_rng(20261127)
    out = os.path.join(os.path.dirname(__file__), '..', 'Tests', 'Fixtures', 'grid', 'scorer_small.h5')
    n = 20
    hexmap = lattice(n, 0.35, 12, 'hex', rng)
    holes = hexmap.copy()
    holes[rng.random((n, n)) < 0.15] = np.nan
    maps = np.stack([
        hexmap,
        holes,
        lattice(n, 0.3, 20, 'square', rng),
        lattice(n, 0.4, 35, 'band', rng),
        rng.normal(size=(n, n)),
        np.exp(-((np.arange(n)[:, None] - 7.0) ** 2 + (np.arange(n)[None, :] - 12.0) ** 2) / 8.0),
    ])
    names = ['hex_0.35m_12deg', 'hex_with_nan', 'square_0.3m_20deg', 'band_0.4m_35deg', 'noise', 'place_field']
    sacs, sc, idx = [], [], []
    for m in maps:
        s, v, i = scores(m)
        sacs.append(s); sc.append(v); idx.append(i)
    rot_in = rng.normal(size=(9, 11))
    rot_angles = np.array([30, 45, 60, 90, 120, 135, 150, 17.5, -40.0, 200.0])
    rot_out = np.stack([scipy.ndimage.rotate(rot_in, a, reshape=False) for a in rot_angles])
    with h5py.File(out, 'w') as f:
        f['maps'] = maps
        f['names'] = np.array(names, dtype=h5py.string_dtype())
        f['sac'] = np.stack(sacs)
        f['scores'] = np.array(sc)            # [n, 3]: score_60, score_60_minmax, score_90
        f['mask_index'] = np.array(idx)       # [n, 3]: index into the 10 masks
        f['rotation/input'] = rot_in
        f['rotation/angles'] = rot_angles
        f['rotation/output'] = rot_out
        f.attrs['source'] = ('scripts/make_grid_fixtures.py: DeepMind grid-cells scores.py formulas restated with '
                             'NumPy/SciPy; rotation = scipy.ndimage.rotate(reshape=False)')

        f.attrs['scipy'] = scipy.__version__
        f.attrs['numpy'] = np.__version__
    print('wrote', out)
    for nm, v in zip(names, sc):
        print(f'{nm:20s} score_60 {v[0]: .6f} minmax {v[1]: .6f} score_90 {v[2]: .6f}')


if __name__ == '__main__':
    main()
