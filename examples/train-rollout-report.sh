#!/usr/bin/env bash
# Train the paper's network (fast CPU settings), run it along a rat trajectory, and look at what emerged.
#   examples/train-rollout-report.sh [RUN_DIR]
# TRAIN_STEPS sets the length of the run (grid cells need hours of training; the default only shows the path);
# TRAIN_SET adds config overrides, e.g. TRAIN_SET="hidden=64 batch=16".
set -euo pipefail
R=${REPANALYZE:-repanalyze}; OUT=${OUT:-example-output}; STEPS=${STEPS:-100000}; LANDMARKS=${LANDMARKS:-800}
HERE=$(cd "$(dirname "$0")" && pwd)
RUN=${1:-$OUT/run}
sets=(); for kv in ${TRAIN_SET:-}; do sets+=(--set "$kv"); done
"$R" train --config "$HERE/trainer/fast.json" --steps "${TRAIN_STEPS:-2000}" "${sets[@]}" -o "$RUN" --quiet
"$R" rollout "$RUN/checkpoint.h5" -o "$RUN/rollout.h5" --box 2 --steps "$STEPS"
"$R" report "$RUN/rollout.h5" --run "$RUN" -o "$OUT/report.html" --landmarks "$LANDMARKS"   # loss curves + analyses
echo "open $OUT/report.html"
