"""NumPy's side of `benches/random.rs`: the median time of `rng.random((1000, 1000))` and
`rng.standard_normal((1000, 1000))` from `np.random.default_rng(42)`, a fresh generator per
call as in the Rust bench, over 31 repetitions. Standard library and NumPy only:

    python3 benches/numpy_random.py
"""

import statistics
import timeit

import numpy as np

N = 1000
REPEATS = 31


def median_ms(stmt):
    times = timeit.repeat(stmt, repeat=REPEATS, number=1)
    return statistics.median(times) * 1e3


def main():
    rng = np.random.default_rng(42)
    # The same first values the Rust bench checks.
    assert rng.random(3).tolist() == [0.7739560485559633, 0.4388784397520523, 0.8585979199113825]
    uniform = median_ms(lambda: np.random.default_rng(42).random((N, N)))
    normal = median_ms(lambda: np.random.default_rng(42).standard_normal((N, N)))
    print(f"numpy {np.__version__}: random((1000, 1000)) {uniform:.2f} ms, "
          f"standard_normal((1000, 1000)) {normal:.2f} ms (median of {REPEATS})")


if __name__ == "__main__":
    main()
