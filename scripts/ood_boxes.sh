#!/bin/bash
# Out of distribution: the shipped network (or WEIGHTS) rolled out in square boxes of 1, 2, 3 and 4 m — longer
# walks for larger boxes (30·side² steps, at least 20: the walks must reach the walls), 240,000 steps per box, bins of
# 6.25 cm — then gridness and modules. Prints a Markdown table (the one in Sources/Trainer/README.md).
# usage: scripts/ood_boxes.sh [WEIGHTS.h5] [REPANALYZE]
set -euo pipefail
W=${1:-examples/trained/checkpoint.h5}
R=${2:-.build/release/repanalyze}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
echo "| box | walks × steps | units score_60 > 0.3 | median score_60 | modules: period (units) | ratio | pair |"
echo "|---|---|---|---|---|---|---|"
for box in 1 2 3 4; do
  seq=$(( 30 * box * box )); [ $seq -lt 20 ] && seq=20
  walks=$(( 240000 / seq )); bins=$(( 16 * box ))
  $R rollout "$W" -o "$T/w.h5" --walk training --walks $walks --seq $seq --box $box --seed 5 > /dev/null
  $R gridness "$T/w.h5" --bins $bins --json "$T/g.json" > /dev/null
  $R modules "$T/w.h5" --bins $bins --json "$T/m.json" > /dev/null
  python3 - "$T/g.json" "$T/m.json" $box $walks $seq <<'PY'
import json, sys
g, m = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
s = sorted(u["score_60"] for u in g["units"] if u["score_60"] is not None)
above = sum(v > 0.3 for v in s)
mods = ", ".join(f'{x["period_m"]:.3f} m ({len(x["units"])})' for x in m["modules"]) or "none"
ratio = ", ".join(f"{r:.2f}" for r in m["period_ratios"]) or "—"
pair = "; ".join(("superlattice, index %d" % p["index"]) if p["superlattice"] else "independent" for p in m.get("module_pairs", [])) or "—"
print(f'| {sys.argv[3]} m | {sys.argv[4]} × {sys.argv[5]} | {above} of {len(g["units"])} | {s[len(s)//2]:.2f} | {mods} | {ratio} | {pair} |')
PY
done
