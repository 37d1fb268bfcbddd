#!/usr/bin/python3
"""The α–β–γ model of docs/distributed.md: predicted seconds of the distributed randomized SVD and Lanczos
bidiagonalisation per process (reading excluded, as the `seconds` of `lowrank svd --json` excludes it).

  model.py                      the cases measured on this machine at P = 1, 2 (parameters below, measured here)
  model.py project              8 and 64 nodes for the Netflix shape and sparse-m, on a cluster network

Parameters (this machine, 2026-11-30, shared and loaded — see docs/distributed.md for the probes):
  ALPHA       latency of an Allreduce step (Allreduce of 1 double, 2 processes, shared memory)
  BETA        seconds per byte of an Allreduce at P = 2 (t = α + 8N·β), for messages in cache (≤ 4 MB) and beyond
  GAMMA       dgemm flop rate of one OpenBLAS thread (tall n×ℓ by ℓ×ℓ and the ℓ×ℓ Gram)
  GAMMA_A     flop rate of the products with a block of the matrix (2·nnz flops per vector), one thread, from the
              run's own seconds_products at P = 1: CSR times a block of ℓ vectors (randomized), CSR times one
              vector (Lanczos), dense dgemm (tall)
  MEMORY      bytes per second of a one-thread streaming vector operation (daxpy) and of a Gram–Schmidt pass (dgemv)
"""
import math, sys

ALPHA = 0.36e-6                           # allreduce_probe, 1 double
BETA_CACHED, BETA_STREAMED = 3.4e-10, 4.0e-9  # allreduce_probe, 262,144 and 6,000,000 doubles
GAMMA = 15e9                              # gemm_probe, OPENBLAS_NUM_THREADS=1 (14–17 GFlop/s)
MEMORY_VECTOR, MEMORY_BASIS = 18.7e9, 12.5e9  # vector_probe: daxpy, Gram–Schmidt pass
CASES = {  # name: (m, n, nnz, kind, k, q | operator_products, restarts, gamma_a from seconds_products at P = 1)
    "sparse-m randomized k=50": (1_000_000, 100_000, 43_271_496, "randomized", 50, 4, 0, 600 * 2 * 43_271_496 / 118.50),
    "tall randomized k=50": (100_000, 4_000, 400_000_000, "randomized", 50, 4, 0, 600 * 2 * 400_000_000 / 32.46),
    "sparse-m lanczos k=10": (1_000_000, 100_000, 43_271_496, "lanczos", 10, 80, 4, 80 * 2 * 43_271_496 / 12.00),
}


def allreduce(values, p, alpha, beta_of):
    """α⌈log₂P⌉ + 2·8N·β·(P−1)/P: recursive doubling's latency, a ring's (reduce-scatter + allgather) volume."""
    if p == 1:
        return 0.0
    return alpha * math.ceil(math.log2(p)) + 2 * 8 * values * beta_of(8 * values) * (p - 1) / p


def local_beta(bytes_):
    return BETA_CACHED if bytes_ <= 4 << 20 else BETA_STREAMED


def randomized(m, n, nnz, k, q, p, gamma_a, gamma=GAMMA, alpha=ALPHA, beta_of=local_beta, oversampling=10):
    l = k + oversampling
    rows = m / p
    parts = {
        "products": 2 * (2 * q + 2) * l * nnz / p / gamma_a,
        "CholeskyQR2": 8 * (q + 1) * rows * l * l / gamma + 2 * rows * l * l / gamma,
        "replicated": (8 * q + 10) * n * l * l / gamma,
        "Allreduce": (q + 1) * allreduce(n * l, p, alpha, beta_of) + 2 * (q + 1) * allreduce(l * l, p, alpha, beta_of),
    }
    return parts


def lanczos(m, n, nnz, k, products, restarts, p, gamma_a, gamma=GAMMA, alpha=ALPHA, beta_of=local_beta):
    """products: the products with A and Aᵀ the run made (operator_products); restarts: its iterations."""
    w = max(k + 7, 2 * k)
    steps = (products - 2 * k) / 2          # Aᵀ products, one per step
    rows = m / p
    long_side, short_side = (rows, n) if n <= m else (n, rows)  # full reorthogonalisation on the shorter side
    mean_basis = (w + k) / 2
    short_work = steps * (16 * short_side * mean_basis / MEMORY_BASIS + 80 * short_side / MEMORY_VECTOR)
    long_work = steps * 80 * long_side / MEMORY_VECTOR
    parts = {
        "products": products * 2 * nnz / p / gamma_a,
        "vectors (rows, ÷P)": short_work if n > m else long_work,
        "vectors (n, replicated)": long_work if n > m else short_work,
        "restarts": restarts * 2 * (n + rows) * w * k / gamma,
        "Allreduce": steps * (allreduce(n, p, alpha, beta_of) + 3 * allreduce(1, p, alpha, beta_of)),
    }
    return parts


def show(name, parts):
    total = sum(parts.values())
    detail = ", ".join(f"{key} {value:.3g}" for key, value in parts.items())
    print(f"  {name}: {total:.3g} s  ({detail})")
    return total


def measured_cases():
    for name, (m, n, nnz, kind, k, q, restarts, gamma_a) in CASES.items():
        print(name)
        for p in (1, 2):
            parts = randomized(m, n, nnz, k, q, p, gamma_a) if kind == "randomized" else lanczos(m, n, nnz, k, q, restarts, p, gamma_a)
            show(f"P = {p}", parts)


def project():
    """Markdown rows: one process per node, one thread, this machine's rates, an InfiniBand-class network."""
    network = dict(alpha=2e-6, beta_of=lambda b: 1e-10)
    shapes = {"Netflix 480,189 × 17,770, 100.5M nnz": (480_189, 17_770, 100_480_507),
              "sparse-m 1M × 100k, 43.3M nnz": (1_000_000, 100_000, 43_271_496)}
    lanczos_products, lanczos_restarts = CASES["sparse-m lanczos k=10"][5:7]
    for name, (m, n, nnz) in shapes.items():
        runs = {"randomized k=50": lambda p: randomized(m, n, nnz, 50, 4, p, CASES["sparse-m randomized k=50"][7], **network),
                "Lanczos k=10": lambda p: lanczos(m, n, nnz, 10, lanczos_products, lanczos_restarts, p, CASES["sparse-m lanczos k=10"][7], **network)}
        for method, model in runs.items():
            times = [sum(model(p).values()) for p in (1, 8, 64)]
            parts = model(64)
            bound = max(parts, key=parts.get)
            print(f"| {name}, {method} | {times[0]:.3g} s | {times[1]:.3g} s ({times[0] / times[1]:.1f}×) | "
                  f"{times[2]:.3g} s ({times[0] / times[2]:.0f}×) | {bound} ({parts[bound]:.2g} s of {times[2]:.2g}) |")


if __name__ == "__main__":
    project() if sys.argv[1:] == ["project"] else measured_cases()
