#!/usr/bin/env bash
# The whole path on synthetic data with known truth: simulate three grid modules, score every unit, find the
# modules, and write one HTML page (the simulated truth is in the same file, so the page compares with it).
set -euo pipefail
R=${REPANALYZE:-repanalyze}; OUT=${OUT:-example-output}; STEPS=${STEPS:-60000}; LANDMARKS=${LANDMARKS:-800}
mkdir -p "$OUT"
"$R" simulate -o "$OUT/sim.h5" --steps "$STEPS" --seed 3
"$R" gridness "$OUT/sim.h5" --json "$OUT/scores.json"       # per-unit score_60, score_90, spacing, orientation
"$R" modules "$OUT/sim.h5" --json "$OUT/modules.json"       # grid modules: periods, orientations, members
"$R" report "$OUT/sim.h5" --scores "$OUT/scores.json" --modules "$OUT/modules.json" \
    -o "$OUT/report.html" --png "$OUT/figures" --landmarks "$LANDMARKS"   # + the torus check of the largest module
echo "open $OUT/report.html"
