#!/usr/bin/env python3
"""Writes the hostile-input corpus under Tests/Fixtures/hostile with h5py (issue 10): files a user's jobs really
produce when they go wrong, each small on disk (the whole corpus is well under 1 MB).

Run: .venv/bin/python scripts/make_hostile_corpus.py   (any Python with numpy + h5py)

Variants, one per class of defect the CLI must survive with exit 1 and one line naming the file:
  * good_*.h5          valid bases (dump, point cloud, reference weights+batch), also used for bad option values;
  * trunc_*.h5         good_dump.h5 cut at several offsets (killed writer);
  * flip_*.h5          bits flipped in the superblock, B-tree, local heap, symbol node and object headers (found by
                       their signatures, so the flips land in the structure named, whatever h5py's layout);
  * huge_*.h5          datasets declared huge and never written (chunked: no storage is allocated);
  * cycle_*.h5         groups that contain themselves through hard links;
  * dump_float16.h5    half-precision activations (must be read as float32);
  * ref_nan_vel.h5     reference weights+batch whose velocities hold NaN;
  * dump_outside_box.h5 a box that no sample falls into.
Deterministic (fixed seeds, fixed libver), so re-running leaves the files byte-identical apart from h5py's
timestamps, which are disabled (track_times=False).
"""
import os

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "hostile")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(10)


def path(name):
    return os.path.join(OUT, name)


def write_dump(name, t=400, n=6, libver="earliest", act_dtype="float32", box=(1.0, 1.0), origin=None):
    """A small valid dump: a walk in a 1 m box, units tuned to position. Every dump is the same walk and units (its
    own generator, fixed seed), so the float16 dump is good_dump.h5's activations rounded to half precision."""
    rng = np.random.default_rng(7)
    xy = np.cumsum(rng.normal(0, 0.03, size=(t, 2)), axis=0)
    xy = 0.5 + 0.45 * np.tanh(xy)            # stays inside [0.05, 0.95]
    centres = rng.uniform(0.1, 0.9, size=(n, 2))
    act = np.exp(-((xy[:, None, :] - centres[None]) ** 2).sum(-1) / 0.02)
    with h5py.File(path(name), "w", libver=libver) as f:
        f.create_dataset("positions", data=xy, track_times=False)
        f.create_dataset("activations", data=act.astype(act_dtype), track_times=False)
        f.create_dataset("velocities", data=np.diff(xy, axis=0, prepend=xy[:1]), track_times=False)
        f.attrs["box_size_m"] = np.array(box, dtype=np.float64)
        if origin is not None:
            f.attrs["box_origin_m"] = np.array(origin, dtype=np.float64)


def write_reference(name, n=4, h=3, t=5, b=2, nan_velocity=False):
    """Weights and one batch in the reference layout `repanalyze loss` / `rollout` read."""
    with h5py.File(path(name), "w") as f:
        shapes = {"W0": (2, h), "b0": (h,), "W1": (h, h), "b1": (h,), "W2": (h, n * n), "b2": (n * n,), "g0_raw": (n,)}
        for k, s in shapes.items():
            f.create_dataset(f"params/{k}", data=rng.normal(0, 0.3, size=s).astype(np.float32), track_times=False)
        vel = rng.uniform(-0.1, 0.1, size=(t, 2)).astype(np.float32)
        if nan_velocity:
            vel[2, 1] = np.nan
        f.create_dataset("batch/base_vel", data=vel, track_times=False)
        f.create_dataset("batch/perm", data=np.stack([rng.permutation(t) for _ in range(b)]).astype(np.int32),
                         track_times=False)


# --- valid bases --------------------------------------------------------------------------------------------
write_dump("good_dump.h5")
write_dump("good_dump_latest.h5", libver="latest")
with h5py.File(path("good_cloud.h5"), "w") as f:
    a = np.linspace(0, 2 * np.pi, 40, endpoint=False)
    f.create_dataset("points", data=np.stack([np.cos(a), np.sin(a), 0.1 * np.cos(3 * a)], 1), track_times=False)
write_reference("good_ref.h5")

# --- class 7: float16 activations, readable --------------------------------------------------------------------
write_dump("dump_float16.h5", act_dtype="float16")

# --- class 5: NaN velocities in a loss file; class 6: a box no sample falls into ---------------------------------
write_reference("ref_nan_vel.h5", nan_velocity=True)
write_dump("dump_outside_box.h5", box=(1.0, 1.0), origin=(5.0, 5.0))

# --- class 1 and 2: declared huge, never written -------------------------------------------------------------------
with h5py.File(path("huge_points.h5"), "w") as f:          # 10^9 x 3 float64: 24 GB declared
    f.create_dataset("points", shape=(10 ** 9, 3), dtype="f8", chunks=(4096, 3), track_times=False)
with h5py.File(path("huge_units.h5"), "w") as f:           # a dump of 10^6 units, 100 samples
    xy = rng.uniform(0, 1, size=(100, 2))
    f.create_dataset("positions", data=xy, track_times=False)
    f.create_dataset("activations", shape=(100, 10 ** 6), dtype="f4", chunks=(10, 4096), track_times=False)
with h5py.File(path("huge_w2.h5"), "w") as f:              # W2 [32, 10^12]: N = 10^6 units, 128 TB declared
    h = 32
    f.create_dataset("params/W0", data=np.zeros((2, h), np.float32), track_times=False)
    f.create_dataset("params/W2", shape=(h, 10 ** 12), dtype="f4", chunks=(1, 65536), track_times=False)
    f.create_dataset("batch/base_vel", data=np.zeros((5, 2), np.float32), track_times=False)
    f.create_dataset("batch/perm", data=np.zeros((1, 5), np.int32), track_times=False)
with h5py.File(path("huge_rows.h5"), "w") as f:            # 2^62 rows x 4: the element count overflows Int64
    f.create_dataset("rows", shape=(2 ** 62, 4), dtype="f8", chunks=(1024, 4), track_times=False)
with h5py.File(path("huge_row_length.h5"), "w") as f:      # one row of 4·10^9 values: rows cannot be the block
    f.create_dataset("wide", shape=(2, 4 * 10 ** 9), dtype="f4", chunks=(1, 1 << 20), track_times=False)

# --- class 3: cycles and depth ---------------------------------------------------------------------------------------
with h5py.File(path("cycle_group.h5"), "w") as f:
    g = f.create_group("a/b")
    g["loop"] = f["a"]                                     # /a/b/loop is /a again: 2^depth paths
    g["loop2"] = f["a"]
    f.create_dataset("a/data", data=np.arange(3.0), track_times=False)
with h5py.File(path("cycle_root.h5"), "w") as f:
    f["again"] = f["/"]                                    # the root inside itself
    f.create_dataset("positions", data=np.zeros((4, 2)), track_times=False)
with h5py.File(path("deep_groups.h5"), "w") as f:
    f.create_group("/".join(["d"] * 300))                  # far deeper than any real file


# --- class 3 and 5: structural damage --------------------------------------------------------------------------------
def mutate(src, dst, edit):
    data = bytearray(open(path(src), "rb").read())
    edit(data)
    open(path(dst), "wb").write(bytes(data))


size = os.path.getsize(path("good_dump.h5"))
for cut in [8, 96, 800, 2048, size // 2, size - 100]:
    mutate("good_dump.h5", f"trunc_{cut}.h5", lambda d, c=cut: d.__delitem__(slice(c, None)))


def flip_at_signature(sig, skip, occurrence=0, bits=0xFF):
    """Flips byte `skip` after the n-th occurrence of signature `sig` (so the flip lands in that structure)."""
    def edit(d):
        at = -1
        for _ in range(occurrence + 1):
            at = d.index(sig, at + 1)
        d[at + skip] ^= bits
    return edit


mutate("good_dump.h5", "flip_superblock.h5", lambda d: d.__setitem__(slice(40, 48), b"\xff" * 8))   # root addresses
mutate("good_dump.h5", "flip_btree.h5", flip_at_signature(b"TREE", 35))         # first child pointer of the group B-tree
mutate("good_dump.h5", "flip_heap.h5", flip_at_signature(b"HEAP", 24))          # local heap's data address
mutate("good_dump.h5", "flip_snod.h5", flip_at_signature(b"SNOD", 16))          # a symbol-table entry's header address
mutate("good_dump_latest.h5", "flip_root_ohdr.h5", flip_at_signature(b"OHDR", 6))   # root object header: bad checksum
mutate("good_dump_latest.h5", "flip_dataset_ohdr.h5", flip_at_signature(b"OHDR", 6, occurrence=1))
mutate("good_dump_latest.h5", "flip_superblock_v2.h5", lambda d: d.__setitem__(12, d[12] ^ 0x40))  # checksummed

for name in sorted(os.listdir(OUT)):
    print(f"{os.path.getsize(path(name)):>8}  {name}")
