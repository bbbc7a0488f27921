#!/usr/bin/env python3
"""Writes the HDF5 interop fixtures under Tests/Fixtures/hdf5 with h5py (the reference our reader must agree with).

Run: python3 -m venv .venv && .venv/bin/pip install h5py numpy && .venv/bin/python scripts/make_hdf5_fixtures.py
Every value is a deterministic function of the index, so the Swift tests can restate it independently; the
expected values are also written to h5py_types.json by numpy (the independent reference).
"""
import json
import os

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "hdf5")
os.makedirs(OUT, exist_ok=True)


def ramp(shape, dtype):
    n = int(np.prod(shape)) if shape else 1
    v = (np.arange(n) * 0.5 - 3).astype(np.float64)
    if np.dtype(dtype).kind in "iu":
        v = np.arange(n) - (0 if np.dtype(dtype).kind == "u" else 3)
    if np.dtype(dtype) == np.bool_:
        v = np.arange(n) % 3 == 0
    return v.astype(dtype).reshape(shape)


expected = {"datasets": {}, "attributes": {}}
with h5py.File(os.path.join(OUT, "h5py_types.h5"), "w") as f:
    for dtype in ["float32", "float64", "int32", "int64", "uint8", "bool"]:
        for rank, shape in enumerate([(), (5,), (3, 4), (2, 3, 4), (2, 2, 3, 2)]):
            name = f"types/{dtype}/rank{rank}"
            data = ramp(shape, dtype)
            f.create_dataset(name, data=data)
            expected["datasets"][name] = {"dtype": dtype, "shape": list(shape),
                                          "values": np.asarray(data).astype(np.float64).ravel().tolist()}
    big = np.arange(1000 * 7, dtype=np.float32).reshape(1000, 7) / 7.0
    f.create_dataset("chunked/gzip", data=big, chunks=(64, 7), compression="gzip", compression_opts=6, shuffle=True)
    f.create_dataset("chunked/plain", data=big.astype(np.float64), chunks=(100, 7))
    f.create_dataset("chunked/int64_gzip", data=np.arange(300, dtype=np.int64).reshape(100, 3) - 150,
                     chunks=(10, 3), compression="gzip")
    f.create_dataset("chunked/bool_gzip", data=(np.arange(64) % 5 == 0).reshape(8, 8), chunks=(4, 4), compression="gzip")
    f.create_dataset("strings/vlen", data=np.array(["alpha", "βeta", ""], dtype=object), dtype=h5py.string_dtype())
    f.create_dataset("strings/fixed", data=np.array([b"ab", b"cde"], dtype="S4"))
    f.create_dataset("empty", data=np.zeros((0, 3), dtype=np.float32))
    f.attrs["vlen_string"] = "hello from h5py"
    f.attrs["fixed_string"] = np.bytes_("fixed")
    f.attrs["float_scalar"] = 2.5
    f.attrs["int_scalar"] = np.int64(-7)
    f.attrs["float_array"] = np.array([1.0, 0.5], dtype=np.float32)
    f.attrs["int_array"] = np.array([1, 2, 3], dtype=np.int32)
    f.attrs["bool_scalar"] = np.bool_(True)
    f["chunked/gzip"].attrs["units"] = "Hz"
    f["types"].attrs["note"] = "nested group attribute"
    expected["chunked_gzip_first_row"] = (big[0]).astype(np.float64).tolist()
    expected["chunked_gzip_row_500"] = (big[500]).astype(np.float64).tolist()

# Activation dumps in the layouts users write.
rng = np.random.default_rng(7)
T, N = 200, 5
pos = rng.uniform(0, 1, size=(T, 2))
act = rng.standard_normal((T, N)).astype(np.float32)
with h5py.File(os.path.join(OUT, "dump_time_major.h5"), "w") as f:
    f["positions"] = pos
    f["activations"] = act
    f["velocities"] = np.diff(pos, axis=0, prepend=pos[:1])
    f.attrs["box_size_m"] = [1.0, 1.0]
    f.attrs["box_origin_m"] = [0.0, 0.0]
with h5py.File(os.path.join(OUT, "dump_renamed_unit_major.h5"), "w") as f:
    f["pos"] = pos.astype(np.float32)
    f.create_group("rnn")["h"] = act.T.copy()
with h5py.File(os.path.join(OUT, "dump_batched.h5"), "w") as f:
    f["positions"] = pos.reshape(4, 50, 2)
    f["activations"] = act.reshape(4, 50, N)
with h5py.File(os.path.join(OUT, "dump_nan.h5"), "w") as f:
    bad = act.copy()
    bad[17, 2] = np.nan
    bad[30, 0] = np.inf
    f["positions"] = pos
    f["activations"] = bad
with h5py.File(os.path.join(OUT, "dump_wrong_rank.h5"), "w") as f:
    f["positions"] = pos[:, 0]
    f["activations"] = act
with h5py.File(os.path.join(OUT, "dump_empty.h5"), "w") as f:
    f["positions"] = np.zeros((0, 2))
    f["activations"] = np.zeros((0, N), dtype=np.float32)
with h5py.File(os.path.join(OUT, "dump_mismatch.h5"), "w") as f:
    f["positions"] = pos
    f["activations"] = act[:-1]
expected["dump"] = {"positions_row_3": pos[3].tolist(), "activations_row_3": act[3].astype(np.float64).tolist(),
                    "T": T, "N": N}

# Broken files: a truncated copy and random bytes.
with open(os.path.join(OUT, "dump_time_major.h5"), "rb") as f:
    whole = f.read()
with open(os.path.join(OUT, "truncated.h5"), "wb") as f:
    f.write(whole[: len(whole) // 3])
with open(os.path.join(OUT, "random_bytes.h5"), "wb") as f:
    f.write(np.random.default_rng(3).integers(0, 256, 4096, dtype=np.uint8).tobytes())

with open(os.path.join(OUT, "h5py_types.json"), "w") as f:
    json.dump(expected, f, indent=1)
print("wrote", sorted(os.listdir(OUT)))
