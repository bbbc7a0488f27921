#!/usr/bin/env bash
# Gridness and modules for every dump in a folder (in parallel), into one results file with each input's path.
#   examples/batch-score-a-folder.sh runs/
# Without an argument, a folder of three simulated dumps (different seeds) stands in for yours.
set -euo pipefail
R=${REPANALYZE:-repanalyze}; OUT=${OUT:-example-output}; STEPS=${STEPS:-30000}
mkdir -p "$OUT"
DIR=${1:-}
if [ -z "$DIR" ]; then
  DIR="$OUT/dumps"; mkdir -p "$DIR"
  for seed in 1 2 3; do "$R" simulate -o "$DIR/run$seed.h5" --steps "$STEPS" --seed "$seed" > /dev/null; done
fi
"$R" batch "$DIR" -o "$OUT/results.h5" --json "$OUT/results.json"
echo "results: $OUT/results.h5 and $OUT/results.json (see: $R inspect $OUT/results.h5)"
