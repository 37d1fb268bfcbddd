"""Makes the IO fixtures of tests/LowRank.Tests/IO (run from this folder: /usr/bin/python3 make_fixtures.py).

numpy only: the PNG files are written byte by byte (signature, IHDR, one zlib IDAT whose rows use each of the five row
filters in turn, IEND; rgb16-interlaced.png the same pixels as rgb16.png in Adam7 order), so no imaging library
decides anything. The reference values printed at the end (numpy's largest singular value of each
matrix, as the tests read it) are the ones the C# tests assert; they are also written to reference.txt.
"""
import struct
import zlib

import numpy as np


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def filtered_rows(image, bpp, first_filter):
    """The rows of image (uint16, H×W×samples) as PNG filtered scanlines, the filter type cycling 0..4 (PNG §9.2)."""
    out = b""
    previous = bytes(image.shape[1] * bpp)
    for y, row in enumerate(image.reshape(image.shape[0], -1).astype(">u2")):
        raw = row.tobytes()
        kind = (first_filter + y) % 5
        line = bytearray()
        for i, x in enumerate(raw):
            a = raw[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            predictor = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
            line.append((x - predictor) % 256)
        out += bytes([kind]) + bytes(line)
        previous = raw
    return out


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def write_png16(path, pixels, interlaced=False):
    """pixels: uint16 array H×W (grey) or H×W×3 (RGB), written as a 16-bit PNG, big-endian samples, every row filter
    used in turn; interlaced: Adam7 (PNG §8.2), each pass filtered on its own."""
    height, width = pixels.shape[:2]
    image = pixels.reshape(height, width, -1)
    colour_type = 0 if image.shape[2] == 1 else 2
    bpp = 2 * image.shape[2]
    if interlaced:
        raw = b"".join(filtered_rows(image[y0::dy, x0::dx], bpp, p) for p, (x0, y0, dx, dy) in enumerate(ADAM7)
                       if image[y0::dy, x0::dx].size)
    else:
        raw = filtered_rows(image, bpp, 0)
    ihdr = struct.pack(">IIBBBBB", width, height, 16, colour_type, 0, 0, 1 if interlaced else 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def sigma1(m):
    return np.linalg.svd(np.asarray(m, dtype=np.float64), compute_uv=False)[0]


rng = np.random.default_rng(12)
lines = []

# A 16-bit grey image, 24 rows × 40 columns: a smooth ramp over the full 16-bit range plus noise, so that almost no
# value is a multiple of 257 (an 8-bit reading cannot reproduce it).
y, x = np.mgrid[0:24, 0:40]
grey = np.clip(600 * x + 900 * y + rng.integers(0, 4000, size=(24, 40)), 0, 65535).astype(np.uint16)
write_png16("grey16.png", grey)
lines.append(f"grey16.png sigma1 {sigma1(grey):.17g}")

# A 16-bit RGB image, 12 rows × 20 columns, three different channels.
rgb = rng.integers(0, 65536, size=(12, 20, 3)).astype(np.uint16)
write_png16("rgb16.png", rgb)
write_png16("rgb16-interlaced.png", rgb, interlaced=True)
for c, name in enumerate("RGB"):
    lines.append(f"rgb16.png {name} sigma1 {sigma1(rgb[:, :, c]):.17g}")

# The layout pandas' DataFrame.to_csv() writes with its default index: an empty first header cell, then 0..n-1.
data = np.round(rng.normal(size=(6, 3)), 4)
with open("pandas-index.csv", "w") as f:
    f.write(",a,b,c\n")
    for i, row in enumerate(data):
        f.write(f"{i}," + ",".join(repr(float(v)) for v in row) + "\n")
lines.append(f"pandas-index.csv sigma1 {sigma1(data):.17g}")
lines.append(f"pandas-index.csv with-index sigma1 {sigma1(np.column_stack([np.arange(6), data])):.17g}")

# A semicolon-separated, decimal-comma CSV (as a German or French spreadsheet exports it), with a header.
semi = np.round(rng.uniform(-100, 100, size=(5, 9)), 3)
with open("semicolon-decimal-comma.csv", "w") as f:
    f.write(";".join(f"x{j + 1}" for j in range(9)) + "\n")
    for row in semi:
        f.write(";".join(repr(float(v)).replace(".", ",") for v in row) + "\n")
lines.append(f"semicolon-decimal-comma.csv sigma1 {sigma1(semi):.17g}")

with open("reference.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
