"""numpy's exact batched values-only SVD on the SV-Learn Spambase windows, for the throughput ratios in
docs/benchmarks.md (run it in the same session as `lowrank experiment svlearn --data spambase`, which prints our own
figures). Same data as ours: the first 4,600 rows, every column z-scored (ddof 0), all 32x32 windows at stride 1.
Run: /usr/bin/python3 bench/svlearn_numpy.py"""
import time, numpy as np
from numpy.lib.stride_tricks import sliding_window_view

d = np.genfromtxt("samples/spambase.csv", delimiter=",", skip_header=1)[:4600]
d = (d - d.mean(0)) / d.std(0)
w = sliding_window_view(d, (32, 32)).reshape(-1, 32, 32).astype(np.float32).astype(np.float64)
test = w[np.random.default_rng(0).permutation(len(w))[:18505]].copy()
for name, x in (("18,505 test windows", test), ("all 123,363 windows", w)):
    best = min((lambda t: (np.linalg.svd(x, compute_uv=False), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(3))
    print(f"{name}: {best:.3f} s, {len(x) / best:,.0f} matrices/s (np.linalg.svd(compute_uv=False), best of 3)")
