#!/usr/bin/env bash
# Benchmark of `repanalyze barcode` against ripser.py, giotto-ph and GUDHI on the shared reference clouds, all run
# here in the same session: wall time of the computation and peak RSS of the whole process (/usr/bin/time -v).
# Usage: scripts/bench_tda.sh [--quick] [--tools "ripser giotto gudhi"] [--threads "1 2"] [--timeout SECONDS]
# --threads: our runs, one column group per thread count (`barcode --threads N`; 1 = the single-thread engine).
# Installs the Python tools in .venv (git-ignored) on first use; builds the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
REF=${TDA_REFERENCE:-../shared/reference/tda}
TOOLS="ripser giotto gudhi"
QUICK=0
LIMIT=600
THREADS="1 2"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --tools) TOOLS="$2"; shift ;;
    --timeout) LIMIT="$2"; shift ;;
    --threads) THREADS="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ -d "$REF" ] || { echo "reference data not found at $REF (set TDA_REFERENCE)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -c "import ripser, gph, gudhi, h5py, scipy" 2>/dev/null || .venv/bin/pip install -q ripser giotto-ph gudhi h5py scipy
swift build -c release >/dev/null
BIN=.build/release/repanalyze

# name  file  maxdim  coeff  threshold(none)  extra
CASES=(
  "circle_300/H1 circle_300.h5 1 2 none"
  "cube3_800/H1 cube3_800.h5 1 2 none"
  "flattorus4_600/H1 flattorus4_600.h5 1 2 none"
  "flattorus4_600/H2@1.2 flattorus4_600.h5 2 2 1.2"
  "gridmodule_1000/H1,Z47 gridmodule_1000.h5 1 47 none"
  "gridmodule_1000/H2@2.5 gridmodule_1000.h5 2 2 2.5"
  "torus3_400/H2 torus3_400.h5 2 2 none"
  "o3_512/H2@1.8,Z47 o3_512.h5 2 47 1.8"
  "ripser_o3_1024/H2@1.4 ripser_o3_1024.h5 2 2 1.4"
  "sphere_3_192/H2(dm) ripser_sphere_3_192.h5 2 2 none dm"
  "sphere2_400/H2 sphere2_400.h5 2 2 none"
)
[ "$QUICK" = 1 ] && CASES=("${CASES[@]:0:4}")

measure() {  # prints "wall cpu MB" of one command; wall and CPU seconds from the tool itself when it prints them
  local log; log=$(mktemp)
  if ! timeout "$LIMIT" /usr/bin/time -v "$@" >"$log.out" 2>"$log"; then echo "fail fail -"; rm -f "$log" "$log.out"; return; fi
  local kb; kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  local wall; wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  local cpu; cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$log")
  local own; own=$(head -n 1 "$log.out" | awk '$1 ~ /^[0-9.]+$/ && $2 ~ /^[0-9.]+$/ {print $1, $2}')
  printf "%s %d\n" "${own:-$wall $cpu}" $((kb / 1024))
  rm -f "$log" "$log.out"
}

echo "load at start: $(uptime)"
printf "%-24s" "case"
for th in $THREADS; do printf " %24s %9s" "ours t=$th wall/cpu s, MB" "compute"; done
for t in $TOOLS; do printf " %22s" "$t wall/cpu s, MB"; done
printf "   ratio tool CPU / ours compute, per thread count (tool wall / ours compute for t>1)\n"
for c in "${CASES[@]}"; do
  set -- $c
  name=$1 file=$2 maxdim=$3 coeff=$4 thr=$5 extra=${6:-}
  args=(barcode "$REF/$file" --maxdim "$maxdim" --coeff "$coeff" --quiet)
  pyargs=()
  [ "$thr" != none ] && args+=(--threshold "$thr")
  [ "$extra" = dm ] && { args+=(--distance-matrix --dataset distances); pyargs+=(--distance-matrix); }
  printf "%-24s" "$name"
  comps=()
  for th in $THREADS; do
    jsonout=$(mktemp --suffix .json)
    read -r ow oc om < <(measure "$BIN" "${args[@]}" --threads "$th" --json "$jsonout")
    ocomp=$(.venv/bin/python -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['compute_seconds'])" "$jsonout" 2>/dev/null || echo fail)
    rm -f "$jsonout"
    printf " %9s/%6s, %5s %9s" "$ow" "$oc" "$om" "$ocomp"
    comps+=("$th:$ocomp")
  done
  tws=() tcs=()
  for t in $TOOLS; do
    read -r tw tc tm < <(measure .venv/bin/python scripts/bench_tda_tool.py "$t" "$REF/$file" "$maxdim" "$coeff" "$thr" "${pyargs[@]}")
    printf " %7s/%6s, %5s" "$tw" "$tc" "$tm"
    tws+=("$tw") tcs+=("$tc")
  done
  ratios=""
  for tc in "${comps[@]}"; do
    th=${tc%%:*} oc=${tc#*:}
    ratios="$ratios t=$th:"
    i=0
    for t in $TOOLS; do
      ref=${tcs[$i]}; [ "$th" != 1 ] && ref=${tws[$i]}
      if [ "$ref" != fail ] && [ "$oc" != fail ]; then ratios="$ratios $(awk -v a="$ref" -v b="$oc" 'BEGIN{ if (b < 0.001) b = 0.001; printf "%.1fx", a/b}')"; else ratios="$ratios -"; fi
      i=$((i + 1))
    done
  done
  printf " %s\n" "$ratios"
done
echo "ours: wall and CPU (user+sys) time of the whole process (start-up and HDF5 reading included)."
echo "compute: wall seconds of the library call alone (PersistentCohomology.barcode: threshold, collapse, reduction;"
echo "HDF5 reading and the point-cloud distances excluded; with t=1 about its CPU time), from the JSON's"
echo "compute_seconds. Tools: wall and CPU time of the computation inside Python (imports, loading excluded; their"
echo "distances from points included). MB: peak RSS of the whole process (the Python interpreter with numpy/scipy is ~60-100 MB of the tools' figures). Tools on one thread; ours on t threads (--threads t)."
echo "load: $(uptime)"
