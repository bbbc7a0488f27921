#!/usr/bin/env bash
# Does one grid module's population activity lie on a torus? Modules first, then persistent homology of one module
# (the Gardner et al. 2022 pipeline: PCA to 6, furthest-point landmarks, Vietoris–Rips H0–H2).
#   examples/torus-of-one-module.sh run.h5 [MODULE]
# Without an argument a simulated dump stands in for yours.
set -euo pipefail
R=${REPANALYZE:-repanalyze}; OUT=${OUT:-example-output}; STEPS=${STEPS:-60000}; LANDMARKS=${LANDMARKS:-1000}
mkdir -p "$OUT"
DUMP=${1:-}; MODULE=${2:-0}
if [ -z "$DUMP" ]; then
  DUMP="$OUT/sim.h5"
  "$R" simulate -o "$DUMP" --steps "$STEPS" --seed 5 > /dev/null
fi
"$R" modules "$DUMP" --json "$OUT/modules.json"
"$R" barcode "$DUMP" --modules "$OUT/modules.json" --module "$MODULE" --pca 6 --landmarks "$LANDMARKS" \
    --maxdim 2 --json "$OUT/bars.json"                       # ends with e.g. "betti (1, 2, 1) — consistent with a torus"
"$R" report "$DUMP" --modules "$OUT/modules.json" --barcode "$OUT/bars.json" -o "$OUT/report.html"
echo "open $OUT/report.html"
