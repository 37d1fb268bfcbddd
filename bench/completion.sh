#!/usr/bin/env bash
# Times the 5-fold cross-validation of als and sgd on MovieLens 100k (Surprise's benchmark protocol) with the
# `lowrank` CLI: RMSE/MAE, the `seconds` the CLI reports (fit + test over all folds) and the process wall time,
# median over RUNS processes (default 5). MovieLens is never bundled: the script skips cleanly when
# ../shared/data/movielens-100k/u.data (or $MOVIELENS) is absent.
# Usage: bench/completion.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${MOVIELENS:-$root/../shared/data/movielens-100k/u.data}"
runs="${1:-5}"
if [[ ! -f "$data" ]]; then
    echo "skipped: MovieLens 100k not found at $data (run: ./lowrank data fetch movielens-100k, then MOVIELENS=data/movielens-100k/u.data $0)"
    exit 0
fi
"$root/lowrank" info >/dev/null  # build once, outside the timings
echo "| method | RMSE | MAE | CLI seconds, median of $runs | wall seconds, median of $runs | Surprise RMSE / MAE |"
echo "|---|---:|---:|---:|---:|---:|"
for method in als sgd baseline; do
    results=()
    for ((r = 0; r < runs; r++)); do
        start=$(date +%s.%N)
        json="$("$root/lowrank" evaluate "$data" --method "$method" --folds 5 --seed 0 --json)"
        end=$(date +%s.%N)
        results+=("$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["rmse"], d["mae"], d["seconds"], float(sys.argv[3]) - float(sys.argv[2]))' "$json" "$start" "$end")")
    done
    printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
method = sys.argv[1]
surprise = {"sgd": "0.934 / 0.737 (SVD)", "baseline": "0.944 / 0.748 (BaselineOnly)"}.get(method, "")
print(f"| {method} | {rows[0][0]:.4f} | {rows[0][1]:.4f} | {statistics.median(r[2] for r in rows):.2f} | {statistics.median(r[3] for r in rows):.2f} | {surprise} |")
' "$method"
done
