#!/usr/bin/env python3
"""The other direction of HDF5 interop: h5py opens a file written by repanalyze's writer and checks dtypes,
shapes, values and attributes.

Run from the package root (needs h5py in a virtualenv):
  REPANALYZE_INTEROP_OUT=$PWD/interop.h5 swift test --filter HDF5InteropFileTests
  .venv/bin/python scripts/check_h5py_reads_ours.py interop.h5
"""
import sys

import h5py
import numpy as np

path = sys.argv[1]
with h5py.File(path, "r") as f:
    for r in range(5):
        shape = (2, 3, 4, 5)[:r]
        n = int(np.prod(shape)) if shape else 1
        idx = np.arange(n)
        want = {"float32": (idx * 0.5).astype(np.float32), "float64": idx * 0.25,
                "int32": (idx - 3).astype(np.int32), "int64": (idx - 3).astype(np.int64),
                "uint8": (idx % 256).astype(np.uint8), "bool": idx % 3 == 0}
        for dtype, values in want.items():
            d = f[f"{dtype}/rank{r}"]
            assert d.dtype == np.dtype(dtype), (d.name, d.dtype)
            assert d.shape == shape, (d.name, d.shape)
            assert np.array_equal(np.asarray(d[()]).ravel(), values), d.name
    g = f["chunked/gzip"]
    assert g.compression == "gzip" and g.compression_opts == 4 and g.chunks is not None
    assert np.array_equal(g[()], np.arange(300, dtype=np.float32).reshape(100, 3))
    assert list(f["strings"].asstr()[()]) == ["grid", "cell"]
    assert list(f.attrs["box_size_m"]) == [1.0, 1.0]
    assert f.attrs["title"] == "written by repanalyze"
    assert g.attrs["count"] == 300
print(f"h5py {h5py.__version__} (HDF5 {h5py.version.hdf5_version}) read {path}: all dtypes, ranks, gzip, strings and attributes as expected")
