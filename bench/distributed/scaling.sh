#!/usr/bin/env bash
# Issue 17's scaling figures: one lowrank svd on P processes of one BLAS thread each, under Open MPI on this machine,
# for each P given; per process the wall time, CPU time (user + sys) and peak memory from /usr/bin/time, and rank 0's
# --json report (seconds = the computation; seconds_products, seconds_collectives and seconds_read beside it).
#   bench/distributed/scaling.sh INPUT "P1 P2 ..." SVD-OPTIONS...
# e.g. flock /tmp/lowrank-bench.lock bench/distributed/scaling.sh /tmp/dl/sparse-m.npz "1 2" --rank 50 --power-iterations 4
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$root/lowrank" info >/dev/null   # build first, outside the timing
dll="$root/src/LowRank.Cli/bin/Release/net10.0/launcher/LowRank.Cli.dll"
input="$1"; processes="$2"; shift 2
mpirun=(mpirun --oversubscribe --bind-to none --mca btl self,vader --mca mpi_yield_when_idle 1 -x TERM=dumb)  # as lowrank mpi
[[ "$(id -un)" == root ]] && mpirun+=(--allow-run-as-root)
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
for p in $processes; do
    start=$(date +%s.%N)
    "${mpirun[@]}" -n "$p" /usr/bin/time -f "time: rank wall %e s, cpu %U+%S s, peak %M KB" \
        dotnet "$dll" svd "$input" --threads 1 --json "$@"
    echo "P=$p job wall $(echo "$(date +%s.%N) - $start" | bc) s, load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
