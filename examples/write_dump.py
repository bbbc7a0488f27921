"""The activation-dump layout repanalyze reads, written from PyTorch / JAX / NumPy with h5py.

    python3 write_dump.py run.h5        # writes a tiny random example; replace pos / hidden with your arrays
"""
import sys
import h5py
import numpy as np

T, N = 10_000, 64
pos = np.random.rand(T, 2) * 2.2 - 1.1          # x, y in metres, one row per time step: [T, 2]
hidden = np.random.rand(T, N).astype("float32")  # one column per unit: [T, N] (e.g. rnn_states.reshape(-1, N))

with h5py.File(sys.argv[1] if len(sys.argv) > 1 else "run.h5", "w") as f:
    f["positions"] = pos
    f["activations"] = hidden
    f.attrs["box_size_m"] = [2.2, 2.2]            # the arena: width, height
    f.attrs["box_origin_m"] = [-1.1, -1.1]        # its lower-left corner
