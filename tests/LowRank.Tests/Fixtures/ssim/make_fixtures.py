"""Reference PSNR and SSIM values by scikit-image 0.19 for the pairs of small 8-bit images in this folder.

SSIM with the settings that LowRank's ImageQuality.Ssim follows (Wang et al. 2004): 11×11 Gaussian window of
σ = 1.5 (scikit-image: gaussian_weights=True, sigma=1.5, its truncate 3.5 giving radius 5), population (not sample)
covariances, C1 = (0.01·255)², C2 = (0.03·255)², mean over the windows inside the image. PSNR with peak 255.

    /usr/bin/python3 tests/LowRank.Tests/Fixtures/ssim/make_fixtures.py     (rewrites *.csv and reference.json here)
"""
import json, os

import numpy as np
import skimage
from skimage import io
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def pairs():
    rng = np.random.default_rng(20261130)
    x = rng.integers(0, 256, (16, 20))
    yield "random-16x20", x, np.round(0.6 * x + 0.4 * rng.integers(0, 256, x.shape))
    r, c = np.mgrid[0:24, 0:24]
    smooth = np.round(127 + 100 * np.sin(r / 5.0) * np.cos(c / 7.0))
    yield "smooth-24x24", smooth, np.clip(np.round(smooth + 12 * rng.standard_normal(smooth.shape)), 0, 255)
    x = rng.integers(0, 256, (11, 13))
    yield "window-11x13", x, np.clip(x + rng.integers(-40, 41, x.shape), 0, 255)
    camera = io.imread(os.path.join(ROOT, "samples", "camera.png"))[200:240, 220:252].astype(np.int64)
    yield "camera-40x32", camera, np.clip(np.round(camera + 25 * rng.standard_normal(camera.shape)), 0, 255)


def main():
    reference = {"scikit_image": skimage.__version__, "pairs": []}
    for name, x, y in pairs():
        x, y = x.astype(np.float64), y.astype(np.float64)
        for suffix, image in (("x", x), ("y", y)):
            np.savetxt(os.path.join(HERE, f"{name}-{suffix}.csv"), image, fmt="%d", delimiter=",")
        ssim = structural_similarity(x, y, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)
        psnr = peak_signal_noise_ratio(x, y, data_range=255)
        reference["pairs"].append({"name": name, "ssim": float(ssim), "psnr_db": float(psnr)})
    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(reference, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
