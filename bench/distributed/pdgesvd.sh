#!/usr/bin/env bash
# The exact-SVD target of docs/distributed.md: the distributed exact SVD on P processes of one BLAS thread each against
# one process's LAPACK dgesdd on 2 threads, on an N × N standard normal matrix (numpy, seed 2026), vectors included
# unless VALUES_ONLY=1. The distributed driver is DRIVER (dc: pdgebrd + dbdsdc + pdormbr, the default; qr: pdgesvd).
# Compare the "seconds" fields (compute only, reading and writing excluded) of runs made back to back:
#   bench/distributed/pdgesvd.sh make DIR N          # DIR/aN.npy
#   bench/distributed/pdgesvd.sh single DIR N        # dgesdd, 1 process, --threads 2
#   bench/distributed/pdgesvd.sh mpi DIR N NB [P]    # DRIVER, P (default 2) processes, 1 thread each, block size NB
#   bench/distributed/pdgesvd.sh pair DIR N NB [P]   # single, then mpi, then single again (one hold of the lock)
# Hold the benchmark lock around the timed runs: flock /tmp/lowrank-bench.lock timeout 590 bench/distributed/pdgesvd.sh ...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
dir="$2" n="$3" driver="${DRIVER:-dc}"
dll=src/LowRank.Cli/bin/Release/net10.0/launcher/LowRank.Cli.dll
if [ "${VALUES_ONLY:-0}" = 1 ]; then single=(--values-only --json) mpi=(--json)
else single=(--out-u "$dir/u.npy" --out-v "$dir/v.npy" --json) mpi=("${single[@]}"); fi
timed=(/usr/bin/time -f "%e s wall, %U s user, %S s sys")
run_single() { echo "dgesdd, load $(cut -d' ' -f1-3 /proc/loadavg)"; "${timed[@]}" dotnet "$dll" svd "$dir/a$n.npy" --method exact --threads 2 "${single[@]}" | grep -E '"(seconds|threads)"'; }
run_mpi() {
  echo "driver $driver, NB $1, P ${2:-2}, load $(cut -d' ' -f1-3 /proc/loadavg)"
  mpirun --allow-run-as-root --oversubscribe --bind-to none --mca btl self,vader --mca mpi_yield_when_idle 1 -x TERM=dumb -n "${2:-2}" "${timed[@]}" \
    dotnet "$dll" svd "$dir/a$n.npy" --method exact --threads 1 --block-size "$1" --driver "$driver" "${mpi[@]}" | grep -E '"(seconds|threads|grid|block_size|driver)"'
}
case "$1" in
  make) /usr/bin/python3 -c "import numpy as np; np.save('$dir/a$n.npy', np.random.default_rng(2026).standard_normal(($n, $n)))" ;;
  single) run_single ;;
  mpi) run_mpi "$4" "${5:-2}" ;;
  pair) run_single; run_mpi "$4" "${5:-2}"; run_single ;;
  *) echo "usage: [DRIVER=dc|qr] [VALUES_ONLY=1] $0 make|single|mpi|pair DIR N [NB [P]]" >&2; exit 2 ;;
esac
