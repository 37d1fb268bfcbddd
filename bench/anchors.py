"""Reference timings with numpy/scipy/scikit-learn on OpenBLAS, for side-by-side ratios.
Set-up (Debian/Ubuntu, as root): apt-get install -y python3-numpy python3-scipy python3-sklearn libopenblas0-pthread
Run from the repository root: /usr/bin/python3 bench/anchors.py"""
import time, numpy as np, sys
from sklearn.utils.extmath import randomized_svd

def best(f, reps=3):
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); r = f(); ts.append(time.perf_counter() - t)
    return min(ts), r

rng = np.random.default_rng(0)
print("## exact thin SVD (gesdd)")
for n in (500, 1000, 2000):
    a = rng.standard_normal((n, n))
    t, _ = best(lambda: np.linalg.svd(a, full_matrices=False))
    tv, _ = best(lambda: np.linalg.svd(a, compute_uv=False))
    print(f"n={n} svd={t*1000:.0f}ms svdvals={tv*1000:.0f}ms")

print("## randomized SVD, 4000x4000, sigma_i = i^-1 + noise")
m = n = 4000
U, _ = np.linalg.qr(rng.standard_normal((m, 200)))
V, _ = np.linalg.qr(rng.standard_normal((n, 200)))
s = 1.0 / np.arange(1, 201)
A = (U * s) @ V.T + 1e-4 * rng.standard_normal((m, n))
sv = np.linalg.svd(A, compute_uv=False)
for k in (10, 50, 100):
    opt = np.sqrt(np.sum(sv[k:] ** 2))
    t, (Uk, Sk, VTk) = best(lambda: randomized_svd(A, k, n_oversamples=10, n_iter=4, random_state=0))
    err = np.linalg.norm(A - (Uk * Sk) @ VTk)
    print(f"k={k} time={t*1000:.0f}ms frob_err/optimal={err/opt:.5f}")

print("## batched singular values of 32x32 windows (SV-Learn labels)")
X = rng.standard_normal((123363, 32, 32))
t, _ = best(lambda: np.linalg.svd(X, compute_uv=False), reps=1)
print(f"N=123363 svdvals={t:.2f}s  ({123363/t:.0f} matrices/s)")
