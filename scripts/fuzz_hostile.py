#!/usr/bin/env python3
"""Randomised corruption run (`make fuzz`, issue 10): damages the valid files of the hostile corpus at random
(truncations, bit flips, overwritten runs of bytes) and runs every reading command on each, checking the contract:

  * no crash and no hang (a signal or the timeout is a failure);
  * exit 0 or 1 (a damaged file is bad input, never a usage error);
  * on exit 1: exactly one stderr line, "repanalyze: error: ...", naming the file;
  * on any exit != 0: the sentinel outputs at the target paths are byte-identical and no temporary file is left.

Standard library only. Failing inputs are kept under out/fuzz-failures/ with the command that failed.
Not part of `make test` (CI): a few hundred cases take minutes.

Usage: python3 scripts/fuzz_hostile.py [--binary .build/debug/repanalyze] [--cases 200] [--seed 1] [--timeout 120]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Tests", "Fixtures", "hostile")
BASES = ["good_dump.h5", "good_dump_latest.h5", "good_cloud.h5", "good_ref.h5", "dump_float16.h5"]
SENTINEL = b"a good result from an earlier run\n"


def commands(f, d):
    h5, js, html = (os.path.join(d, n) for n in ("out.h5", "out.json", "out.html"))
    return [["inspect", f], ["inspect", f, "--stats"], ["inspect", f, "--dump"], ["ratemaps", f, "-o", h5],
            ["gridness", f, "--json", js, "-o", h5], ["modules", f, "--json", js], ["barcode", f, "--json", js, "-o", h5, "--quiet"],
            ["loss", f, "--json", js, "--gradients", h5], ["rollout", f, "-o", h5, "--steps", "200"],
            ["report", f, "--no-topology", "-o", html], ["batch", f, "-o", h5, "--json", js, "--no-progress"]]


def corrupt(data, rng):
    data = bytearray(data)
    kind = rng.choice(["truncate", "flip", "overwrite", "flip-many"])
    if kind == "truncate":
        return bytes(data[: rng.randrange(0, len(data))]), kind
    if kind == "flip":
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
    elif kind == "flip-many":
        for _ in range(rng.randint(2, 32)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    else:
        i = rng.randrange(len(data))
        for k in range(i, min(len(data), i + rng.randint(1, 16))):
            data[k] = rng.choice([0x00, 0xFF, rng.randrange(256)])
    return bytes(data), kind


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "repanalyze"))
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=120)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="repanalyze-fuzz-")
    keep = os.path.join(ROOT, "out", "fuzz-failures")
    failures = runs = 0
    for case in range(a.cases):
        base = rng.choice(BASES)
        data, kind = corrupt(open(os.path.join(CORPUS, base), "rb").read(), rng)
        f = os.path.join(work, f"case{case:05d}_{kind}_{base}")
        open(f, "wb").write(data)
        for cmd in commands(f, work + "/outs"):
            shutil.rmtree(work + "/outs", ignore_errors=True)
            os.makedirs(work + "/outs")
            for n in ("out.h5", "out.json", "out.html"):
                open(os.path.join(work, "outs", n), "wb").write(SENTINEL)
            runs += 1
            try:
                p = subprocess.run([a.binary] + cmd, capture_output=True, timeout=a.timeout, cwd=ROOT)
                rc, err = p.returncode, p.stderr.decode(errors="replace")
            except subprocess.TimeoutExpired:
                rc, err = "timeout", ""
            problems = []
            if rc not in (0, 1):
                problems.append(f"exit {rc}")
            lines = err.strip("\n").split("\n") if err else []
            if rc == 1 and not (len(lines) == 1 and lines[0].startswith("repanalyze: error: ") and os.path.basename(f) in lines[0]):
                problems.append(f"stderr not one line naming the file: {err[:300]!r}")
            if rc != 0:
                left = sorted(os.listdir(work + "/outs"))
                same = all(open(os.path.join(work, "outs", n), "rb").read() == SENTINEL for n in ("out.h5", "out.json", "out.html"))
                if not same or left != ["out.h5", "out.html", "out.json"]:
                    problems.append(f"outputs changed by a failed run: {left}")
            if problems:
                failures += 1
                os.makedirs(keep, exist_ok=True)
                shutil.copy(f, keep)
                print(f"FAIL {os.path.basename(f)}: {' '.join(cmd[:1] + cmd[2:])}: {'; '.join(problems)}", flush=True)
        os.remove(f)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{runs} runs on {a.cases} corrupted files: {failures} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
