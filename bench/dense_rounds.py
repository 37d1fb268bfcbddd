"""Alternating rounds of the dense randomized SVD against scikit-learn on the 4000 × 4000 matrix of bench/anchors.py
(σᵢ = 1/i + 1e-4 noise, written by bench/make_inputs.py), for ratios robust to a machine whose speed drifts: each
round runs LowRank (`lowrank svd --repeat 5`, best in process) and scikit-learn (`randomized_svd`, best of 5, in a
process of its own), the order alternating, both under `flock /tmp/lowrank-bench.lock nice -n -15` when available.

Run from the repository root:  /usr/bin/python3 bench/dense_rounds.py INPUTS_DIR [ROUNDS=6] [K ...=10 50 100]
"""
import json, os, shutil, statistics, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"
SKLEARN = """import sys, time, numpy as np
from sklearn.utils.extmath import randomized_svd
a = np.load(sys.argv[1]); k = int(sys.argv[2]); ts = []
for _ in range(5):
    t = time.perf_counter(); randomized_svd(a, k, n_oversamples=10, n_iter=4, random_state=0); ts.append(time.perf_counter() - t)
print(min(ts))"""


def held(command):
    prefix = ["flock", "/tmp/lowrank-bench.lock", "nice", "-n", "-15"] if shutil.which("flock") and os.geteuid() == 0 else []
    env = dict(os.environ, OPENBLAS_THREAD_TIMEOUT=os.environ.get("OPENBLAS_THREAD_TIMEOUT", "18"))
    return subprocess.run(prefix + command, capture_output=True, text=True, check=True, env=env).stdout


def ours(path, k):
    out = held([os.path.join(ROOT, "lowrank"), "svd", path, "--rank", str(k), "--method", "randomized",
                "--power-iterations", "4", "--repeat", "5", "--json"])
    return json.loads(out)["seconds"]


def theirs(path, k):
    return float(held([PY, "-c", SKLEARN, path, str(k)]))


def main():
    path = os.path.join(sys.argv[1], "lowrank4000.npy")
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    ks = [int(k) for k in sys.argv[3:]] or [10, 50, 100]
    for k in ks:
        ratios = []
        for r in range(rounds):
            a, b = (ours(path, k), theirs(path, k)) if r % 2 == 0 else tuple(reversed((theirs(path, k), ours(path, k))))
            ratios.append(a / b)
            print(f"k={k} round {r + 1}: LowRank {a * 1000:.0f} ms, scikit-learn {b * 1000:.0f} ms, ratio {a / b:.3f}", flush=True)
        print(f"k={k} median ratio {statistics.median(ratios):.3f} (range {min(ratios):.3f}–{max(ratios):.3f})", flush=True)


if __name__ == "__main__":
    main()
