#!/usr/bin/env python3
"""JAX (jit, CPU) implementation of the trainer's optimiser step, for the speed comparison with `repanalyze bench-train`.

The same objective as Sources/Trainer (see its README and ../shared/reference/trainer/README.md): hyper-MLP W(v) for
the T distinct velocities, g_t = NormReLU(W(v_t) g_{t-1}) over B permutations, separation / invariance (means over
the qualifying ordered pairs), capacity, conformal isometry; one optimiser step = `accumulation` fresh batches,
averaged gradients, global-norm clipping, Adam. Written the way a JAX user would write it: the full B·T × B·T
pairwise matrices, lax.scan over time, jax.value_and_grad.

  python scripts/bench_trainer_jax.py --check ../shared/reference/trainer/small.h5   # same numbers as the reference?
  python scripts/bench_trainer_jax.py --units 128 --steps 3 --json                  # steps/s at the paper's shapes
"""
import argparse
import json
import os
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

jax.config.update("jax_platform_name", "cpu")

CFG = dict(sigma_x=0.05, sigma_g=0.4, l_sep=1.0, l_inv=0.1, l_cap=0.5, l_ci=1.0, eps=1e-8, vmax=0.15)


def normrelu(z, eps):
    a = jax.nn.relu(z)
    n = jnp.sqrt(jnp.sum(a * a, axis=-1, keepdims=True))
    return a / jnp.maximum(n, eps)


def loss_terms(params, base_vel, perm, pos, cfg=CFG):
    n = params["g0_raw"].shape[0]
    h = jax.nn.relu(base_vel @ params["W0"] + params["b0"])
    h = jax.nn.relu(h @ params["W1"] + params["b1"])
    ws = (h @ params["W2"] + params["b2"]).reshape(-1, n, n)        # T distinct matrices
    g0 = normrelu(params["g0_raw"], cfg["eps"])
    b, t = perm.shape

    def step(g, k):
        g = normrelu(jnp.einsum("bij,bj->bi", ws[k], g), cfg["eps"])
        return g, g

    _, states = jax.lax.scan(step, jnp.broadcast_to(g0, (b, n)), perm.T)
    states = jnp.transpose(states, (1, 0, 2))                          # [B,T,N]
    g = states.reshape(-1, n)
    x = pos.reshape(-1, 2)
    sq = jnp.sum(g * g, axis=1)
    d = jnp.maximum(sq[:, None] + sq[None, :] - 2 * g @ g.T, 0.0)
    dx = x[:, None, :] - x[None, :, :]
    dx2 = jnp.sum(dx * dx, axis=-1)
    off = ~jnp.eye(g.shape[0], dtype=bool)
    s2 = cfg["sigma_x"] ** 2
    sep_m = (dx2 > s2) & off
    inv_m = (dx2 < s2) & off
    n_sep = jnp.sum(sep_m)
    n_inv = jnp.sum(inv_m)
    sep = jnp.sum(jnp.where(sep_m, jnp.exp(-d / (2 * cfg["sigma_g"] ** 2)), 0.0)) / jnp.maximum(n_sep, 1)
    inv = jnp.sum(jnp.where(inv_m, d, 0.0)) / jnp.maximum(n_inv, 1)
    cap = -jnp.sum(jnp.mean(g, axis=0) ** 2)
    prev = jnp.concatenate([jnp.broadcast_to(g0, (b, 1, n)), states[:, :-1]], axis=1)
    vel = base_vel[perm]
    speed = jnp.sqrt(jnp.sum(vel * vel, axis=-1))
    m = (speed > 0) & (speed < cfg["sigma_x"])
    r = jnp.sqrt(jnp.sum((states - prev) ** 2, axis=-1) + 1e-20) / jnp.where(m, speed, 1.0)
    n_ci = jnp.sum(m)
    rbar = jnp.sum(jnp.where(m, r, 0.0)) / jnp.maximum(n_ci, 1)
    ci = jnp.sum(jnp.where(m, (r - rbar) ** 2, 0.0)) / jnp.maximum(n_ci, 1)
    total = cfg["l_sep"] * sep + cfg["l_inv"] * inv + cfg["l_cap"] * cap + cfg["l_ci"] * ci
    return total, dict(total=total, sep=sep, inv=inv, cap=cap, ci=ci, n_sep=n_sep, n_inv=n_inv, n_ci=n_ci)


def sample_batch(key, b, t, vmax):
    kv, kp = jax.random.split(key)
    base = jax.random.uniform(kv, (t, 2), minval=-vmax, maxval=vmax)
    perm = jax.vmap(lambda k: jax.random.permutation(k, t))(jax.random.split(kp, b)).astype(jnp.int32)
    pos = jnp.cumsum(base[perm], axis=1)
    return base, perm, pos


def make_step(b, t, accumulation=2, lr=2e-5, clip=0.1, b1=0.9, b2=0.999, eps=1e-8):
    grad_fn = jax.value_and_grad(lambda p, v, q, x: loss_terms(p, v, q, x)[0])

    @jax.jit
    def step(params, m, v, count, key):
        keys = jax.random.split(key, accumulation + 1)
        grads = jax.tree_util.tree_map(jnp.zeros_like, params)
        total = 0.0
        for i in range(accumulation):
            base, perm, pos = sample_batch(keys[i], b, t, CFG["vmax"])
            l, g = grad_fn(params, base, perm, pos)
            grads = jax.tree_util.tree_map(lambda a, c: a + c / accumulation, grads, g)
            total = total + l / accumulation
        norm = jnp.sqrt(sum(jnp.sum(x * x) for x in jax.tree_util.tree_leaves(grads)))
        scale = jnp.minimum(1.0, clip / jnp.maximum(norm, 1e-30))
        grads = jax.tree_util.tree_map(lambda x: x * scale, grads)
        count = count + 1
        m = jax.tree_util.tree_map(lambda a, g: b1 * a + (1 - b1) * g, m, grads)
        v = jax.tree_util.tree_map(lambda a, g: b2 * a + (1 - b2) * g * g, v, grads)
        bc1 = 1 - b1 ** count
        bc2 = 1 - b2 ** count
        params = jax.tree_util.tree_map(lambda p, a, c: p - lr * (a / bc1) / (jnp.sqrt(c / bc2) + eps), params, m, v)
        return params, m, v, count, keys[-1], total

    return step


def init_params(key, n, h):
    ks = jax.random.split(key, 5)
    sv = CFG["vmax"] / np.sqrt(3)
    return dict(
        W0=jax.random.normal(ks[0], (2, h)) / (np.sqrt(2) * sv), b0=jnp.zeros(h),
        W1=jax.random.normal(ks[1], (h, h)) * np.sqrt(2 / h), b1=jnp.zeros(h),
        W2=jax.random.normal(ks[2], (h, n * n)) / np.sqrt(h * n), b2=jax.random.normal(ks[3], (n * n,)) / np.sqrt(n),
        g0_raw=jax.random.uniform(ks[4], (n,)))


def check(path):
    import h5py
    f = h5py.File(path, "r")
    params = {k: jnp.asarray(f["params"][k][()]) for k in f["params"]}
    args = [jnp.asarray(f["batch"][k][()]) for k in ("base_vel", "perm", "pos")]
    (_, terms), grads = jax.value_and_grad(lambda p: loss_terms(p, *args), has_aux=True)(params)
    worst = 0.0
    for k in ("total", "sep", "inv", "cap", "ci"):
        ref = float(f["f64/loss"][k][()])
        worst = max(worst, abs(float(terms[k]) - ref) / abs(ref))
    for k, g in grads.items():
        ref = f["f64/grads"][k][()]
        worst = max(worst, float(np.abs(np.asarray(g) - ref).max() / np.abs(ref).max()))
    print(json.dumps({"file": path, "max_rel_err_vs_reference_f64": worst}))
    return worst < 1e-4


def bench(n, h, b, t, steps):
    step = make_step(b, t)
    params = init_params(jax.random.PRNGKey(0), n, h)
    m = jax.tree_util.tree_map(jnp.zeros_like, params)
    v = jax.tree_util.tree_map(jnp.zeros_like, params)
    count = jnp.zeros((), jnp.float32)
    key = jax.random.PRNGKey(1)
    t0 = time.perf_counter()
    params, m, v, count, key, total = step(params, m, v, count, key)   # compile + first step
    jax.block_until_ready(params)
    compile_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(steps):
        params, m, v, count, key, total = step(params, m, v, count, key)
    jax.block_until_ready(params)
    dt = (time.perf_counter() - t0) / steps
    return dict(impl="jax", jax_version=jax.__version__, units=n, width=h, batch=b, seq=t, accumulation=2,
                steps_timed=steps, seconds_per_step=dt, steps_per_second=1 / dt, compile_and_first_step_s=compile_s,
                last_total=float(total))


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", metavar="DUMP.h5", help="compare loss and gradients with a reference dump and exit")
    ap.add_argument("--units", type=int, nargs="+", default=[128])
    ap.add_argument("--width", type=int, default=256)
    ap.add_argument("--batch", type=int, default=130)
    ap.add_argument("--seq", type=int, default=60)
    ap.add_argument("--steps", type=int, default=3, help="timed optimiser steps (after one compile step)")
    ap.add_argument("--json", action="store_true", help="one JSON object per line")
    a = ap.parse_args()
    if a.check:
        sys.exit(0 if check(a.check) else 1)
    for n in a.units:
        r = bench(n, a.width, a.batch, a.seq, a.steps)
        print(json.dumps(r) if a.json else
              f"JAX {r['jax_version']}  N={n}: {r['steps_per_second']:.3f} steps/s ({r['seconds_per_step']:.2f} s/step, compile {r['compile_and_first_step_s']:.1f} s)")
        sys.stdout.flush()
