"""Denoising bench: camera.png + seeded Gaussian noise (σ = 10, 25, 50; rounded and clipped to 8 bits), denoised by
`lowrank image` with the Gavish–Donoho hard threshold and optimal shrinkage, each with the noise level estimated
(--rank auto-denoise|shrink) and given (--noise-sigma σ), and at the best fixed rank k (searched over every k);
PSNR in dB against the clean image. Also checks the unknown-noise threshold's rank against numpy (the same rule in a
few lines). Prints a Markdown table.

    /usr/bin/python3 bench/denoise.py [--out DIR]      (DIR default: a temporary directory, removed afterwards)
"""
import argparse, json, os, subprocess, sys, tempfile

import numpy as np
from skimage import io

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOWRANK = os.path.join(ROOT, "lowrank")


def noisy(clean, sigma, seed):
    rng = np.random.default_rng(seed)
    return np.clip(np.round(clean + sigma * rng.standard_normal(clean.shape)), 0, 255).astype(np.uint8)


def psnr(a, b):
    return 10 * np.log10(255.0 ** 2 / np.mean((a.astype(float) - b.astype(float)) ** 2))


def lowrank(*args):
    out = subprocess.run([LOWRANK, *args, "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def mp_median(beta):
    # Marchenko–Pastur median by quadrature and bisection, as the 2014 paper defines μ_β.
    from scipy.integrate import quad
    a, b = (1 - np.sqrt(beta)) ** 2, (1 + np.sqrt(beta)) ** 2
    dens = lambda x: np.sqrt((b - x) * (x - a)) / (2 * np.pi * beta * x)
    lo, hi = a, b
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if quad(dens, a, mid)[0] < 0.5 else (lo, mid)
    return (lo + hi) / 2


def numpy_gd_rank(y):
    m, n = sorted(y.shape)
    beta = m / n
    s = np.linalg.svd(y.astype(float), compute_uv=False)
    lam = np.sqrt(2 * (beta + 1) + 8 * beta / (beta + 1 + np.sqrt(beta ** 2 + 14 * beta + 1)))
    return int(np.sum(s > lam / np.sqrt(mp_median(beta)) * np.median(s)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out")
    args = parser.parse_args()
    clean = io.imread(os.path.join(ROOT, "samples", "camera.png"))
    work = args.out or tempfile.mkdtemp()
    ref = os.path.join(ROOT, "samples", "camera.png")
    print("| noise σ | noisy | hard threshold, σ estimated (k) | hard, σ given (k) | best fixed k | shrinkage, σ estimated (kept) "
          "| shrinkage, σ given (kept) | hard-threshold k: numpy / LowRank |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for i, sigma in enumerate([10, 25, 50]):
        path = os.path.join(work, f"camera-noise{sigma}.png")
        y = noisy(clean, sigma, seed=12 + i)
        io.imsave(path, y, check_contrast=False)
        hard = lowrank("image", path, "--rank", "auto-denoise", "--reference", ref)
        shrink = lowrank("image", path, "--rank", "shrink", "--reference", ref)
        known = ["--noise-sigma", str(sigma), "--reference", ref]
        hard_known = lowrank("image", path, "--rank", "auto-denoise", *known)
        shrink_known = lowrank("image", path, "--rank", "shrink", *known)
        sweep = lowrank("image", path, "--sweep", ",".join(str(k) for k in range(1, min(y.shape) + 1)), "--reference", ref)
        best = max(sweep["sweep"], key=lambda e: e["reference"]["psnr_db"])
        cell = lambda j: f"{j['reference']['psnr_db']:.2f} ({j['rank']})"
        print(f"| {sigma} | {psnr(clean, y):.2f} | {cell(hard)} | {cell(hard_known)} | {best['reference']['psnr_db']:.2f} (k = {best['rank']}) "
              f"| {cell(shrink)} | {cell(shrink_known)} | {numpy_gd_rank(y)} / {hard['rank']} |", flush=True)
    if not args.out:
        for f in os.listdir(work):
            os.remove(os.path.join(work, f))
        os.rmdir(work)


if __name__ == "__main__":
    sys.exit(main())
