#!/usr/bin/env bash
# Your own network's activations. Write the dump with h5py (see write_dump.py), then:
#   examples/analyse-your-dump.sh run.h5
# Without an argument a simulated dump stands in for yours.
set -euo pipefail
R=${REPANALYZE:-repanalyze}; OUT=${OUT:-example-output}; STEPS=${STEPS:-60000}; LANDMARKS=${LANDMARKS:-800}
mkdir -p "$OUT"
DUMP=${1:-}
if [ -z "$DUMP" ]; then
  DUMP="$OUT/your-dump.h5"
  "$R" simulate -o "$DUMP" --steps "$STEPS" --seed 4 > /dev/null
fi
"$R" inspect "$DUMP" --dump                                   # is it a dump every command can read?
"$R" ratemaps "$DUMP" -o "$OUT/maps.h5" --bins 32             # rate maps [unit, y, x] + occupancy
"$R" gridness "$OUT/maps.h5" --json "$OUT/scores.json"        # scores from the maps just written
"$R" modules "$OUT/maps.h5" --json "$OUT/modules.json"
"$R" report "$DUMP" --scores "$OUT/scores.json" --modules "$OUT/modules.json" -o "$OUT/report.html" \
    --landmarks "$LANDMARKS"
echo "open $OUT/report.html"
