"""NumPy's side of `benches/dmatrix.rs`: the median and the minimum time of the seed's
products and of its `pca()` (on `default_rng(42).standard_normal((1000, 1536))`, the data
the Rust PCA group draws), the products on the same inputs (`dynamic_input` in
`benches/src/lib.rs`, rebuilt here bit for bit), on the given number of BLAS threads:

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 benches/numpy_dmatrix.py
    OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 python3 benches/numpy_dmatrix.py   # two threads

The script refuses to run unless both variables are set to the same count (the Rust rows
are timed with `RAYON_NUM_THREADS` set to it), and prints the count.
"""

import os
import statistics
import timeit

import numpy as np

M, K, N = 1000, 1536, 128
REPEATS = 31
PCA_REPEATS = 7


def dynamic_input(rows, cols, seed):
    i = np.arange(rows).reshape(-1, 1)
    j = np.arange(cols).reshape(1, -1)
    return ((i * 31 + j * 17 + seed * 7) % 1009) / 1009.0 - 0.5


def timed(stmt, repeats):
    times = timeit.repeat(stmt, repeat=repeats, number=1)
    return statistics.median(times) * 1e3, min(times) * 1e3


def main():
    threads = os.environ.get("OPENBLAS_NUM_THREADS")
    if threads is None or os.environ.get("OMP_NUM_THREADS") != threads:
        raise SystemExit("set OPENBLAS_NUM_THREADS and OMP_NUM_THREADS to the same thread count")
    a, b = dynamic_input(M, K, 1), dynamic_input(K, N, 2)
    # The first value, as the Rust side computes it.
    assert a[0, 0] == (7 % 1009) / 1009.0 - 0.5
    a32, b32 = a.astype(np.float32), b.astype(np.float32)
    features = np.random.default_rng(42).standard_normal((M, K))

    def pca(x, n_components):
        """The seed's pca()."""
        x_centered = x - x.mean(axis=0)
        _, _, vt = np.linalg.svd(x_centered, full_matrices=False)
        return x_centered @ vt[:n_components].T

    rows = [
        ("dmatrix_matmul_f64_1000x1536x128", lambda: a @ b),
        ("dmatrix_matmul_f32_1000x1536x128", lambda: a32 @ b32),
        ("dmatrix_gram_f64_1000x1536", lambda: a.T @ a),
        ("pca_f64_1000x1536x128", lambda: pca(features, N)),
    ]
    print(f"numpy {np.__version__}, {threads} thread(s); median / min of {REPEATS} runs ({PCA_REPEATS} for the PCA)")
    for name, stmt in rows:
        median, best = timed(stmt, PCA_REPEATS if name.startswith("pca") else REPEATS)
        print(f"{name}: {median:.3f} ms / {best:.3f} ms")


if __name__ == "__main__":
    main()
