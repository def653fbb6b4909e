"""NumPy's side of `benches/dmatrix.rs` (and, later, of the PCA groups): the median and the
minimum time of the seed's products on the same inputs (`dynamic_input` in
`benches/src/lib.rs`, rebuilt here bit for bit), one thread:

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 python3 benches/numpy_dmatrix.py

The script refuses to run with more than one BLAS thread, so its figures compare with the
single-threaded Rust rows.
"""

import os
import statistics
import timeit

import numpy as np

M, K, N = 1000, 1536, 128
REPEATS = 31


def dynamic_input(rows, cols, seed):
    i = np.arange(rows).reshape(-1, 1)
    j = np.arange(cols).reshape(1, -1)
    return ((i * 31 + j * 17 + seed * 7) % 1009) / 1009.0 - 0.5


def timed(stmt, number=1):
    times = [t / number for t in timeit.repeat(stmt, repeat=REPEATS, number=number)]
    return statistics.median(times) * 1e3, min(times) * 1e3


def main():
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if os.environ.get(var) != "1":
            raise SystemExit(f"set {var}=1 (one thread, as the Rust rows)")
    a, b = dynamic_input(M, K, 1), dynamic_input(K, N, 2)
    # The first value, as the Rust side computes it.
    assert a[0, 0] == (7 % 1009) / 1009.0 - 0.5
    a32, b32 = a.astype(np.float32), b.astype(np.float32)
    rows = [
        ("dmatrix_matmul_f64_1000x1536x128", lambda: a @ b),
        ("dmatrix_matmul_f32_1000x1536x128", lambda: a32 @ b32),
        ("dmatrix_gram_f64_1000x1536", lambda: a.T @ a),
    ]
    print(f"numpy {np.__version__}, one thread; median / min of {REPEATS} runs")
    for name, stmt in rows:
        median, best = timed(stmt)
        print(f"{name}: {median:.3f} ms / {best:.3f} ms")


if __name__ == "__main__":
    main()
