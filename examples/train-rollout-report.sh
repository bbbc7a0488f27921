#!/usr/bin/env bash
# Train the paper's network (fast CPU settings), run it on walks like its training batches and along a rat
# trajectory, and look at what emerged.
#   examples/train-rollout-report.sh [RUN_DIR]
# TRAIN_STEPS sets the length of the run (a place-like spatial code appears after about 10000 steps, 15–20 minutes
# on one core; grid cells did not appear in our CPU runs so far; the default 2000 only shows the path);
# TRAIN_SET adds config overrides, e.g. TRAIN_SET="hidden=64 batch=16".
set -euo pipefail
R=${REPANALYZE:-repanalyze}; OUT=${OUT:-example-output}; STEPS=${STEPS:-100000}; LANDMARKS=${LANDMARKS:-800}
HERE=$(cd "$(dirname "$0")" && pwd)
RUN=${1:-$OUT/run}
sets=(); for kv in ${TRAIN_SET:-}; do sets+=(--set "$kv"); done
"$R" train --config "$HERE/trainer/fast.json" --steps "${TRAIN_STEPS:-2000}" "${sets[@]}" -o "$RUN" --quiet
"$R" rollout "$RUN/checkpoint.h5" -o "$RUN/walks.h5" --walk training --walks "${WALKS:-3000}"  # where it was trained
"$R" rollout "$RUN/checkpoint.h5" -o "$RUN/rollout.h5" --box 2 --steps "$STEPS"                # one long rat walk
"$R" report "$RUN/walks.h5" --run "$RUN" -o "$OUT/report.html" --landmarks "$LANDMARKS"   # loss curves + analyses
"$R" gridness "$RUN/rollout.h5"                                                           # does the code survive?
echo "open $OUT/report.html"
