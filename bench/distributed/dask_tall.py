#!/usr/bin/python3
"""Peer of `lowrank mpi -n 2 -- svd tall.npy --rank 50` (issue 17's tall target): Dask's svd_compressed on a
distributed.LocalCluster of W worker processes with one thread each, q = 4 power iterations, p = 10 oversamples.

  dask_tall.py TALL.npy [K=50] [WORKERS=2]          JSON on stdout

The matrix is loaded into the workers' memory first (row chunks of 10,000, read by the workers from the .npy; the
load is timed apart), so `seconds` is the call alone, as LowRank's `seconds` excludes reading. `peak_rss_mb` is the
sum of the workers' peak resident sets (VmHWM) plus this process's, read from /proc.
Needs Debian's python3-dask python3-distributed (apt-get install -y python3-distributed).
"""
import json, os, sys, time

import numpy as np
import dask, dask.array as da
from distributed import Client, LocalCluster, wait


def load(path, start, stop):
    return np.array(np.load(path, mmap_mode="r")[start:stop])


def peak_rss_mb():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024


def main():
    path = os.path.abspath(sys.argv[1])
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    m, n = np.load(path, mmap_mode="r").shape
    chunk = 10_000
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        t = time.perf_counter()
        blocks = [da.from_delayed(dask.delayed(load)(path, i, min(i + chunk, m)), shape=(min(chunk, m - i), n), dtype=np.float64)
                  for i in range(0, m, chunk)]
        x = da.concatenate(blocks).persist()
        wait(x)
        load_seconds = time.perf_counter() - t
        t = time.perf_counter()
        u, s, v = da.linalg.svd_compressed(x, k, n_power_iter=4, n_oversamples=10, seed=0, compute=True)
        u, s, v = dask.persist(u, s, v)
        wait([u, s, v])
        s = s.compute()
        seconds = time.perf_counter() - t
        worker_peaks = client.run(peak_rss_mb)
    print(json.dumps({"peer": f"dask {dask.__version__} svd_compressed, LocalCluster {workers}×1 thread", "rows": int(m), "cols": int(n),
                      "k": k, "seconds": seconds, "seconds_load": load_seconds,
                      "peak_rss_mb": sum(worker_peaks.values()) + peak_rss_mb(),
                      "worker_peak_rss_mb": sorted(worker_peaks.values()), "singular_values_top3": [float(x) for x in s[:3]]}))


if __name__ == "__main__":
    main()
