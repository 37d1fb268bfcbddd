#!/usr/bin/env bash
# MovieLens 100k with the `lowrank` CLI, three tables (docs/recommendation.md, docs/benchmarks.md):
# 1. the 5-fold cross-validation of als, sgd and baseline (Surprise's protocol): RMSE/MAE, the `seconds` the CLI
#    reports (fit + test over all folds) and the process wall time, median over RUNS processes (default 5);
# 2. every method, 5-fold, seed 0, once with its defaults fixed before the run and once with --tune (each method's
#    grid searched on a validation split carved from each training fold only, then refitted on the whole fold);
# 3. top-N as implicit feedback (ratings >= 4), 80/20 per-user random hold-out, NDCG@10 over all unseen items:
#    popularity and every rating predictor.
# MovieLens is never bundled: the script skips cleanly when ../shared/data/movielens-100k/u.data (or $MOVIELENS) is
# absent. Tables 2 and 3 take minutes (run them under flock /tmp/lowrank-bench.lock on a shared machine).
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

echo
echo "| method | RMSE, defaults | RMSE, tuned | MAE, tuned | NDCG@10, tuned | tuned setting per fold | grid |"
echo "|---|---:|---:|---:|---:|---|---|"
defaults="$("$root/lowrank" evaluate "$data" --method all --folds 5 --seed 0 --json)"
tuned="$("$root/lowrank" evaluate "$data" --method all --folds 5 --seed 0 --tune --json)"
python3 -c '
import collections, json, sys
d = {m["method"]: m for m in json.loads(sys.argv[1])["methods"]}
t = json.loads(sys.argv[2])
for m in t["methods"]:
    chosen = collections.Counter(f["chosen"] for f in m["tuning_per_fold"])
    setting = "; ".join(k if n == 1 else f"{k} (x{n})" for k, n in chosen.items())
    print("| {0} | {1:.4f} | {2:.4f} | {3:.4f} | {4:.4f} | {5} | {6} |".format(m["method"], d[m["method"]]["rmse"], m["rmse"], m["mae"],
        m["ndcg_at_n"], setting, m["tuning_per_fold"][0]["grid"]))
print()
print("Protocol (tuned):", t["protocol"]["text"])
' "$defaults" "$tuned"

echo
echo "| method | precision@10 | recall@10 | MAP@10 | NDCG@10 | hit rate@10 | coverage | NDCG / popularity |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
topn="$("$root/lowrank" evaluate "$data" --implicit 4 --split random:0.2 --split-by user --seed 0 --method all --json)"
python3 -c '
import json, sys
r = json.loads(sys.argv[1])
floor = next(m["ndcg_at_n"] for m in r["methods"] if m["method"] == "popularity")
for m in sorted(r["methods"], key=lambda m: -m["ndcg_at_n"]):
    print("| {0} | {1:.4f} | {2:.4f} | {3:.4f} | {4:.4f} | {5:.4f} | {6:.1f} % | {7:.2f}x |".format(m["method"], m["precision_at_n"], m["recall_at_n"],
        m["map_at_n"], m["ndcg_at_n"], m["hit_rate_at_n"], 100 * m["coverage"], m["ndcg_at_n"] / floor))
print()
print("Protocol:", r["protocol"]["text"])
' "$topn"
