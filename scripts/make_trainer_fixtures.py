#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/trainer/*.h5: small reference dumps for the trainer, computed by the independent JAX
implementation in scripts/bench_trainer_jax.py (float64), in the layout of ../shared/reference/trainer
(/params, /batch, /f64/loss, /f64/grads, root attribute `config`).

They cover what the shared dumps do not: reduction "sum", a different σ_g / σ_x and loss weights, the
no-permutation ablation, and the dense isometry term (`l_iso`, not the paper's; written here from its definition in
../shared/reference/trainer/probe_iso.py) with a near-identity W(v). Run from the repository root:  .venv/bin/python scripts/make_trainer_fixtures.py
"""
import json
import os

import h5py
import jax
import jax.numpy as jnp
import numpy as np

jax.config.update("jax_enable_x64", True)

import sys  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_trainer_jax as ref  # noqa: E402  (same folder)


def loss_terms(params, base_vel, perm, pos, cfg):
    """The reference objective with a choice of reduction."""
    total, t = ref.loss_terms(params, base_vel, perm, pos, cfg)
    if cfg["reduction"] == "sum":
        sep = t["sep"] * jnp.maximum(t["n_sep"], 1)
        inv = t["inv"] * jnp.maximum(t["n_inv"], 1)
        total = cfg["l_sep"] * sep + cfg["l_inv"] * inv + cfg["l_cap"] * t["cap"] + cfg["l_ci"] * t["ci"]
        t = dict(t, sep=sep, inv=inv, total=total)
    if cfg.get("l_iso", 0) > 0:
        iso = isometry(params, base_vel, perm, pos, cfg)
        total = total + cfg["l_iso"] * iso
        t = dict(t, iso=iso, total=total)
    return total, t


def isometry(params, base_vel, perm, pos, cfg):
    """Mean over ordered pairs i != j of exp(-|dx|^2/(2 sigma_e^2)) (sqrt(|dg|^2 + 1e-12) - rho sqrt(|dx|^2 + 1e-12))^2."""
    n = params["g0_raw"].shape[0]
    h = jax.nn.relu(jax.nn.relu(base_vel @ params["W0"] + params["b0"]) @ params["W1"] + params["b1"])
    ws = (h @ params["W2"] + params["b2"]).reshape(-1, n, n)
    g = ref.normrelu(params["g0_raw"], cfg["eps"])
    g = jnp.broadcast_to(g, (perm.shape[0], n))
    states = []
    for t in range(perm.shape[1]):
        g = ref.normrelu(jnp.einsum("bij,bj->bi", ws[perm[:, t]], g), cfg["eps"])
        states.append(g)
    g = jnp.stack(states, axis=1).reshape(-1, n)
    x = pos.reshape(-1, 2)
    p = g.shape[0]
    dg2 = jnp.sum((g[:, None, :] - g[None, :, :]) ** 2, -1)
    dx2 = jnp.sum((x[:, None, :] - x[None, :, :]) ** 2, -1)
    w = jnp.where(~jnp.eye(p, dtype=bool), jnp.exp(-dx2 / (2 * cfg["sigma_e"] ** 2)), 0.0)
    r = jnp.sqrt(dg2 + 1e-12) - cfg["rho"] * jnp.sqrt(dx2 + 1e-12)
    return jnp.sum(w * r * r) / (p * (p - 1))


def make(path, n, h, b, t, seed, permute, cfg, identity=False):
    rng = np.random.default_rng(seed)
    sv = cfg["vmax"] / np.sqrt(3)
    p32 = dict(
        W0=rng.normal(size=(2, h)) / (np.sqrt(2) * sv), b0=rng.normal(size=h) * 0.1,
        W1=rng.normal(size=(h, h)) * np.sqrt(2 / h), b1=rng.normal(size=h) * 0.1,
        W2=rng.normal(size=(h, n * n)) / np.sqrt(h * n), b2=rng.normal(size=n * n) / np.sqrt(n),
        g0_raw=rng.uniform(size=n))
    if identity:  # a near-identity W(v): b2 = I plus noise, small W2
        p32["W2"] = rng.normal(size=(h, n * n)) * 0.3 / np.sqrt(h)
        p32["b2"] = np.eye(n).reshape(-1) + rng.normal(size=n * n) * 0.1
    p32 = {k: v.astype(np.float32) for k, v in p32.items()}
    base = rng.uniform(-cfg["vmax"], cfg["vmax"], size=(t, 2)).astype(np.float32)
    perm = np.stack([rng.permutation(t) if permute else np.arange(t) for _ in range(b)]).astype(np.int32)
    pos = np.cumsum(base[perm], axis=1, dtype=np.float32)
    p64 = {k: jnp.asarray(v, dtype=jnp.float64) for k, v in p32.items()}
    args = (jnp.asarray(base, jnp.float64), jnp.asarray(perm), jnp.asarray(pos, jnp.float64))
    (_, terms), grads = jax.value_and_grad(lambda p: loss_terms(p, *args, cfg), has_aux=True)(p64)
    config = dict(cfg, hidden=n, mlp_width=h, batch=b, seq=t, permute=permute)
    with h5py.File(path, "w") as f:
        f.attrs["config"] = json.dumps(config)
        f.attrs["source"] = "scripts/make_trainer_fixtures.py (JAX float64, scripts/bench_trainer_jax.py objective)"
        for k, v in p32.items():
            f[f"params/{k}"] = v
        f["batch/base_vel"] = base
        f["batch/perm"] = perm
        f["batch/pos"] = pos
        for k, v in terms.items():
            f[f"f64/loss/{k}"] = np.asarray(v)
        for k, v in grads.items():
            f[f"f64/grads/{k}"] = np.asarray(v)
    print(path, {k: float(v) for k, v in terms.items()})


if __name__ == "__main__":
    out = "Tests/Fixtures/trainer"
    os.makedirs(out, exist_ok=True)
    base = dict(ref.CFG)
    make(f"{out}/sum_reduction.h5", 6, 10, 5, 9, 1, True,
         dict(base, reduction="sum", sigma_g=0.3, sigma_x=0.08, l_sep=0.7, l_inv=0.2, l_cap=0.4, l_ci=0.9))
    make(f"{out}/no_permutation.h5", 5, 8, 3, 12, 2, False, dict(base, reduction="mean", sigma_x=0.1))
    make(f"{out}/isometry.h5", 7, 12, 6, 10, 3, True,
         dict(base, reduction="mean", l_inv=0.0, l_cap=0.1, l_ci=0.0, l_iso=1.3, sigma_e=0.12, rho=6.0), identity=True)
