#!/bin/bash
# Regenerates the sample documents in this folder with the repanalyze binary given as $1 (default
# .build/debug/repanalyze), run from the package root. Timings (seconds, eval_seconds, time) differ between runs;
# everything else repeats for the same binary.
set -eu
BIN=${1:-.build/debug/repanalyze}
OUT=Tests/Fixtures/documents
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
$BIN simulate -o $T/sim.h5 --steps 6000 --modules 2 --periods 0.35,0.5 --cells-per-module 8 --place-cells 2 --band-cells 1 --random-fields 1 --noise-units 1 --seed 3 > /dev/null
$BIN gridness $T/sim.h5 --bins 20 --json $OUT/gridness.json -o $T/gridness.h5 > /dev/null
cp $T/gridness.h5 $OUT/gridness.h5
$BIN gridness $T/sim.h5 --bins 20 --shuffles 3 --min-shift 5 --json $OUT/gridness-shuffles.json > /dev/null
$BIN modules $T/sim.h5 --bins 20 --json $OUT/modules.json > /dev/null
$BIN barcode $T/sim.h5 --modules $OUT/modules.json --module 0 --pca 6 --landmarks 60 --maxdim 1 --threads 1 --quiet --json $OUT/barcode.json -o $T/barcode.h5 > /dev/null
cp $T/barcode.h5 $OUT/barcode.h5
$BIN barcode $T/sim.h5 --modules $OUT/modules.json --module 0 --pca 6 --n-perm 40 --maxdim 1 --threads 1 --cocycles --shuffles 2 --quiet --json $OUT/barcode-cocycles.json > /dev/null
# A torus needs one clean module and more samples.
$BIN simulate -o $T/one.h5 --steps 30000 --modules 1 --periods 0.5 --cells-per-module 20 --place-cells 0 --band-cells 0 --random-fields 0 --noise-units 0 --seed 3 > /dev/null
$BIN modules $T/one.h5 --bins 20 --json $T/one.json > /dev/null
$BIN torus $T/one.h5 --modules $T/one.json --module 0 --landmarks 200 --json $OUT/torus.json -o $T/torus.h5 > /dev/null
$BIN batch $T/runs --bins 20 --no-progress -o $OUT/batch-shard.h5 --shard 0/2 > /dev/null 2>&1
mkdir -p $T/runs && cp $T/sim.h5 $T/runs/a.h5 && printf 'x' > $T/runs/b.h5
$BIN batch $T/runs --bins 20 --no-progress -o $T/batch.h5 --json $OUT/batch.json > /dev/null 2>&1
$BIN loss ../shared/reference/trainer/tiny.h5 --json $OUT/loss.json > /dev/null
$BIN inspect $T/sim.h5 --json > $OUT/inspect.json
cat > $T/cfg.json <<'CFG'
{"hidden": 16, "mlp_width": 16, "batch": 8, "seq": 10, "steps": 4, "log_every": 2, "checkpoint_every": 2, "seed": 1}
CFG
$BIN train --config $T/cfg.json -o $T/run --eval-every 2 > /dev/null 2>&1
cp $T/run/log.jsonl $OUT/log.jsonl
cat > $T/sweep.json <<CFG
{"base": "$T/cfg.json", "grid": {"lr": [0.001, 0.0003]}, "seeds": [1], "eval_every": 2}
CFG
$BIN sweep $T/sweep.json -o $T/sw --jobs 1 > /dev/null 2>&1
sed "s|$T|/tmp/capture|g" $T/sw/sweep.json > $OUT/sweep-manifest.json
$BIN sweep $T/sw --summary > /dev/null
cp $T/sw/summary.json $OUT/sweep-summary.json
sed -i "s|$T|/tmp/capture|g" $OUT/*.json
