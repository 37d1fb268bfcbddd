"""Writes the matrices of bench/anchors.py as .npy files, drawn from the same generator in the same order,
so that LowRank and numpy/scikit-learn time the very same inputs.
Usage: python3 bench/make_inputs.py OUTDIR"""
import sys, os, numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(0)
for n in (500, 1000, 2000):
    np.save(os.path.join(out, f"gauss{n}.npy"), rng.standard_normal((n, n)))
m = n = 4000
U, _ = np.linalg.qr(rng.standard_normal((m, 200)))
V, _ = np.linalg.qr(rng.standard_normal((n, 200)))
s = 1.0 / np.arange(1, 201)
A = (U * s) @ V.T + 1e-4 * rng.standard_normal((m, n))
np.save(os.path.join(out, "lowrank4000.npy"), A)
np.save(os.path.join(out, "lowrank4000_sv.npy"), np.linalg.svd(A, compute_uv=False))
