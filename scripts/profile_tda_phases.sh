#!/usr/bin/env bash
# Per-phase CPU share of one `repanalyze barcode` run, from perf samples grouped by function (issue 12, "speed and
# memory at scale"; table in Sources/TopologyTDA/README.md). Phases: neighbour graph (distances), sorts (the
# collapse's key sort, the rank sort), collapse, reduction (complex, heap, pivots, union–find), other (start-up,
# HDF5, JSON, memmove).
# Usage: scripts/profile_tda_phases.sh BINARY FILE.h5 [barcode options…]   (pinned to CPU $CPU, default 1)
set -euo pipefail
bin=$1; file=$2; shift 2
data=$(mktemp /tmp/tda_phases.XXXXXX)
trap 'rm -f "$data"' EXIT
/usr/bin/time -f "wall %e s, user %U s, sys %S s, peak %M KB" taskset -c "${CPU:-1}" \
    perf record -q -F 999 -o "$data" "$bin" barcode "$file" --threads 1 --quiet "$@" > /dev/null
perf report -i "$data" --no-children --sort symbol --stdio 2>/dev/null | awk '
    /^ +[0-9.]+%/ {
        p = $1 + 0; s = $0
        # Order matters: collapse symbols name the NeighbourGraph they take, the key sort names CollapseOrder.
        if (s ~ /CollapseOrder|sortLongestFirst|stableSort|_merge|mergeTopRuns|insertionSort/) g["sorts"] += p
        else if (s ~ /EdgeCollapse|DominationScratch|CollapseGraph/) g["collapse"] += p
        else if (s ~ /NeighbourGraph|PointKernel|DistanceMatrix/) g["neighbour graph"] += p
        else if (s ~ /CohomologyReducer|WorkingColumn|RipsComplex|PivotIndex|DiameterRanks|UnionFind|SparseCofacets|DAryHeap|ParallelAssembly/) g["reduction"] += p
        else g["other"] += p
    }
    END { for (k in g) printf "%-16s %5.1f %%\n", k, g[k] }' | sort -k2 -rn
