"""Side-by-side timings: LowRank's CLI against numpy/scipy/scikit-learn on the same machine, in one run.

Reference: bench/anchors.py, run before and after LowRank's runs (the faster of the two is kept, which
favours the reference). Inputs: the anchors' own matrices, regenerated bit for bit by bench/make_inputs.py.
Writes its block of docs/benchmarks.md (or the path given with --out; other sections are kept) and prints it.

Set-up (Debian/Ubuntu, as root): apt-get install -y python3-numpy python3-scipy python3-sklearn libopenblas0-pthread
Run from the repository root:  /usr/bin/python3 bench/compare.py [--quick] [--out docs/benchmarks.md]
"""
import argparse, datetime, json, os, platform, re, statistics, subprocess, sys, tempfile, time
from markdown_block import write_block

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ANCHORS = os.path.join(ROOT, "bench", "anchors.py")
PY = "/usr/bin/python3"


def run_anchors():
    out = subprocess.run([PY, ANCHORS], capture_output=True, text=True, check=True).stdout
    svd = {int(n): (float(a) / 1000, float(b) / 1000) for n, a, b in re.findall(r"n=(\d+) svd=(\d+)ms svdvals=(\d+)ms", out)}
    rnd = {int(k): float(t) / 1000 for k, t, _ in re.findall(r"k=(\d+) time=(\d+)ms frob_err/optimal=([\d.]+)", out)}
    rnd_err = {int(k): float(e) for k, _, e in re.findall(r"k=(\d+) time=(\d+)ms frob_err/optimal=([\d.]+)", out)}
    batch = re.search(r"\((\d+) matrices/s\)", out)
    return svd, rnd, rnd_err, (int(batch.group(1)) if batch else None), out


def lowrank(args, env=None):
    e = dict(os.environ, **(env or {}))
    r = subprocess.run([os.path.join(ROOT, "lowrank"), *args, "--json"], capture_output=True, text=True, env=e)
    if r.returncode != 0:
        sys.exit(f"lowrank {' '.join(args)} failed: {r.stderr}")
    return json.loads(r.stdout)


def repeat(f, reps):
    return [f() for _ in range(reps)]


def wall(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--quick", action="store_true", help="skip the managed backend and the second anchors run")
    a = p.parse_args()
    data = tempfile.mkdtemp(prefix="lowrank-bench-")
    subprocess.run([PY, os.path.join(ROOT, "bench", "make_inputs.py"), data], check=True)
    subprocess.run([os.path.join(ROOT, "lowrank"), "info"], check=True, capture_output=True)  # build first
    info = lowrank(["info"])

    svd_ref, rnd_ref, rnd_err_ref, batch_ref, anchors_text = run_anchors()
    rows_svd, rows_rnd, rows_e2e, rows_managed = [], [], [], []

    def timed(args):
        """(fastest of 3 in-process runs, first run) per process, as anchors.py takes the best of 3 in one process."""
        runs = repeat(lambda: lowrank(args + ["--repeat", "3"]), a.reps)
        return min(r["seconds"] for r in runs), [r["seconds_first_run"] for r in runs]

    for n in (500, 1000, 2000):
        f = os.path.join(data, f"gauss{n}.npy")
        rows_svd.append((n, timed(["svd", f]), timed(["svd", f, "--values-only"])))

    sv = None
    import numpy as np
    sv = np.load(os.path.join(data, "lowrank4000_sv.npy"))
    big = os.path.join(data, "lowrank4000.npy")
    for k in (10, 50, 100):
        ts = timed(["svd", big, "--rank", str(k), "--method", "randomized", "--power-iterations", "4", "--oversampling", "10"])
        ap = lowrank(["approx", big, "--rank", str(k), "--method", "randomized", "--power-iterations", "4", "--oversampling", "10"])
        default = lowrank(["approx", big, "--rank", str(k), "--method", "randomized"])
        opt = float(np.sqrt(np.sum(sv[k:] ** 2)) / np.sqrt(np.sum(sv ** 2)))
        rows_rnd.append((k, ts, ap["rel_error_frobenius"] / opt, default["rel_error_frobenius"] / opt))

    g2000 = os.path.join(data, "gauss2000.npy")
    script = os.path.join(data, "e2e.py")
    with open(script, "w") as fh:
        fh.write("import sys, numpy as np\nfrom sklearn.utils.extmath import randomized_svd\n"
                 "A = np.load(sys.argv[1])\nU, S, VT = randomized_svd(A, 50, n_oversamples=10, n_iter=7, random_state=0)\n"
                 "np.save(sys.argv[2], (U * S) @ VT)\n")
    ours, theirs = [], []
    for _ in range(a.reps):  # interleaved, so that both see the same machine load
        ours.append(wall([os.path.join(ROOT, "lowrank"), "approx", g2000, "--rank", "50", "-o", os.path.join(data, "ours.npy")]))
        theirs.append(wall([PY, script, g2000, os.path.join(data, "theirs.npy")]))
    rows_e2e.append((ours, theirs))

    if not a.quick:
        managed = {"LOWRANK_BACKEND": "managed"}
        for n in (500, 1000):
            f = os.path.join(data, f"gauss{n}.npy")
            rows_managed.append((f"exact SVD n={n}", lowrank(["svd", f, "--repeat", "2"], managed)["seconds"], svd_ref[n][0]))
        rows_managed.append(("randomized k=10, 4000×4000",
                             lowrank(["svd", big, "--rank", "10", "--method", "randomized", "--power-iterations", "4", "--repeat", "2"], managed)["seconds"],
                             rnd_ref[10]))
        svd2, rnd2, _, batch2, _ = run_anchors()
        svd_ref = {n: (min(svd_ref[n][0], svd2[n][0]), min(svd_ref[n][1], svd2[n][1])) for n in svd_ref}
        rnd_ref = {k: min(rnd_ref[k], rnd2[k]) for k in rnd_ref}

    md = []
    md.append("# Benchmarks\n")
    md.append(f"Measured {datetime.date.today().isoformat()} on {platform.node()}: {os.cpu_count()} cores, "
              f"{info['library']} ({info['openblas_config']}), {info['threads']} threads; LowRank {info['version']}.\n")
    md.append("Command: `/usr/bin/python3 bench/compare.py` (regenerates this block of the file). The reference is "
              "`bench/anchors.py` (numpy/scipy/scikit-learn on the same OpenBLAS), run in the same session"
              + ("" if a.quick else " before and after LowRank, keeping its faster figure") + ". "
              "LowRank's time is the `seconds` its CLI reports (`--json`): as anchors.py takes the best of 3 calls in one "
              f"process, `--repeat 3` does the same, over {a.reps} processes; the ratio compares these best times. The median "
              "of each process's first (cold) call is shown too. The machine is shared, so only ratios are meaningful.\n")
    md.append("## Exact thin SVD of n×n Gaussian matrices (LAPACK dgesdd on both sides)\n")
    md.append("| n | LowRank best (cold median) | numpy.linalg.svd best | ratio | values only: LowRank best (cold median) | numpy best | ratio |")
    md.append("|---:|---:|---:|---:|---:|---:|---:|")
    for n, (ts, cold), (tv, coldv) in rows_svd:
        r, rv = svd_ref[n]
        md.append(f"| {n} | {ts*1000:.0f} ms ({statistics.median(cold)*1000:.0f}) | {r*1000:.0f} ms | **{ts/r:.2f}×** "
                  f"| {tv*1000:.0f} ms ({statistics.median(coldv)*1000:.0f}) | {rv*1000:.0f} ms | {tv/rv:.2f}× |")
    md.append("\nCommand: `./lowrank svd gaussN.npy --repeat 3 --json` (and `--values-only`).\n")
    md.append("## Randomized SVD of the 4000×4000 matrix σᵢ = 1/i + 1e-4 noise (p = 10, q = 4)\n")
    md.append("| k | LowRank best (cold median) | scikit-learn randomized_svd best | ratio | Frobenius error / optimal: LowRank | scikit-learn | LowRank, default q = 7 |")
    md.append("|---:|---:|---:|---:|---:|---:|---:|")
    for k, (ts, cold), err, err_default in rows_rnd:
        md.append(f"| {k} | {ts*1000:.0f} ms ({statistics.median(cold)*1000:.0f}) | {rnd_ref[k]*1000:.0f} ms | **{ts/rnd_ref[k]:.2f}×** "
                  f"| {err:.5f} | {rnd_err_ref[k]:.5f} | {err_default:.5f} |")
    md.append("\nCommand: `./lowrank svd lowrank4000.npy --rank k --method randomized --power-iterations 4 --repeat 3 --json`; the error is "
              "`rel_error_frobenius` of `./lowrank approx` with the same options, divided by the optimum √(Σ_{i>k}σᵢ²)/‖A‖_F from numpy's singular values. At q = 4 both "
              "implementations land at the same error, the algorithm's own; the last column is LowRank's default, q = 7 for k < 0.1·min(m, n) "
              "(scikit-learn's n_iter='auto' rule too), without `--power-iterations`.\n")
    md.append("## End to end: `lowrank approx` on a 2000×2000 .npy at rank 50, written to .npy\n")
    ours, theirs = rows_e2e[0]
    md.append("| LowRank process wall time best (median) | numpy + scikit-learn script best (median) | ratio |")
    md.append("|---:|---:|---:|")
    md.append(f"| {min(ours):.2f} s ({statistics.median(ours):.2f}) | {min(theirs):.2f} s ({statistics.median(theirs):.2f}) | **{min(ours)/min(theirs):.2f}×** |")
    md.append("\nLowRank: `./lowrank approx gauss2000.npy --rank 50 -o out.npy` (auto picks randomized, q = 7, and also reports the "
              "spectral error by power iteration and the exact Frobenius error). The script: `np.load`, "
              "`randomized_svd(A, 50, n_oversamples=10, n_iter=7)`, `np.save((U*S)@VT)`. Both are whole processes, interleaved.\n")
    if rows_managed:
        md.append("## Managed fallback (Math.NET, `LOWRANK_BACKEND=managed`): correct, not fast\n")
        md.append("| case | LowRank managed best | reference (numpy/scikit-learn) | ratio |")
        md.append("|---|---:|---:|---:|")
        for name, t, r in rows_managed:
            md.append(f"| {name} | {t*1000:.0f} ms | {r*1000:.0f} ms | {t/r:.1f}× |")
        md.append("")
    md.append("## Reference output (anchors.py, first run)\n")
    md.append("```\n" + anchors_text.strip() + "\n```\n")
    text = "\n".join(md)
    write_block(a.out, "compare.py", text)
    print(text)


if __name__ == "__main__":
    main()
