//! What the benchmarks `matmul`, `faer` and `linalg` share: the element types, the
//! products' inputs and agreement check, conversions of row-major arrays to each library's
//! types, and the criterion group settings.

use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, measurement::WallTime};
use nalgebra::SMatrix;

/// An element type of the benchmarks: built from, and compared as, `f64`.
pub trait Elem: Copy + Into<f64> {
    /// Machine epsilon of the type, as `f64`.
    const EPS: f64;
    fn from_f64(x: f64) -> Self;
}

impl Elem for f32 {
    const EPS: f64 = f32::EPSILON as f64;
    fn from_f64(x: f64) -> Self {
        x as f32
    }
}

impl Elem for f64 {
    const EPS: f64 = f64::EPSILON;
    fn from_f64(x: f64) -> Self {
        x
    }
}

/// Row-major `[[T; C]; R]` to its transpose; used to give glam its column arrays.
pub fn transpose_arr<T: Copy, const R: usize, const C: usize>(a: &[[T; C]; R]) -> [[T; R]; C] {
    core::array::from_fn(|j| core::array::from_fn(|i| a[i][j]))
}

/// Widens every element to `f64`.
pub fn lift<T: Elem, const R: usize, const C: usize>(a: &[[T; C]; R]) -> [[f64; C]; R] {
    a.map(|row| row.map(Into::into))
}

/// A nalgebra matrix holding the same logical elements as the row-major array.
pub fn na_from<T: Elem + nalgebra::Scalar, const R: usize, const C: usize>(
    a: &[[T; C]; R],
) -> SMatrix<T, R, C> {
    SMatrix::from_fn(|i, j| a[i][j])
}

/// A numeris matrix (column-major storage) holding the same logical elements as the
/// row-major array.
pub fn nu_from<T: Copy, const R: usize, const C: usize>(
    a: &[[T; C]; R],
) -> numeris::Matrix<T, R, C> {
    numeris::Matrix::new(*a)
}

/// A numeris matrix read back as a row-major array.
pub fn nu_rows<T: Copy, const R: usize, const C: usize>(
    m: &numeris::Matrix<T, R, C>,
) -> [[T; C]; R] {
    core::array::from_fn(|i| core::array::from_fn(|j| m[(i, j)]))
}

/// A deterministic `R x C` array of row-major inputs in `[-1, 1)`: fractional parts of
/// multiples of the golden ratio, different for each `seed`, with no symmetry and no
/// exactly representable products. The inputs of every group of `matmul` and `faer`.
pub fn input<T: Elem, const R: usize, const C: usize>(seed: usize) -> [[T; C]; R] {
    core::array::from_fn(|i| {
        core::array::from_fn(|j| {
            let k = (seed * 97 + i * 31 + j * 7 + 1) as f64;
            T::from_f64((k * 0.618_033_988_749_894_9).fract() * 2.0 - 1.0)
        })
    })
}

/// Asserts that `got` (library `lib`) agrees with statrix's `want` for the product `a @ b`,
/// plus the row `bias` broadcast over the rows when one is given (the linear layer).
///
/// Bound without a bias: `|got_ij - want_ij| <= K * eps * (|A| |B|)_ij`. Each library's
/// product is within `gamma_K ~ K * eps / 2` times `(|A| |B|)_ij` of the exact one whatever
/// its summation order and with or without FMA (Higham, Thm. 3.5, unit roundoff `eps / 2`),
/// so two correct products are within `K * eps` of that scale: at most 2, 3, 4 ... 16 ulps
/// of the magnitude of the terms for K = 2, 3, 4 ... 16. With a bias, `(K + 2) * eps *
/// ((|A| |B|)_ij + |bias_j|)`: adding the bias (after the sum, or as its first term) rounds
/// once more, `eps / 2` of `|A B|_ij + |bias_j|` for each library, and the extra `eps`
/// covers that and the second-order terms. A single wrong or transposed term
/// (`O(|a| |b|)`) or a missing bias fails it. The same bound covers the matrix-vector
/// product (`C = 1`).
#[allow(clippy::too_many_arguments)] // the operands, the result pair and their labels
pub fn check_product<const R: usize, const K: usize, const C: usize>(
    group: &str,
    lib: &str,
    a: &[[f64; K]; R],
    b: &[[f64; C]; K],
    bias: Option<&[f64; C]>,
    want: &[[f64; C]; R],
    got: &[[f64; C]; R],
    eps: f64,
) {
    for i in 0..R {
        for j in 0..C {
            let scale: f64 = (0..K).map(|k| (a[i][k] * b[k][j]).abs()).sum::<f64>()
                + bias.map_or(0.0, |b| b[j].abs());
            let terms = if bias.is_some() { K + 2 } else { K };
            let tol = terms as f64 * eps * scale;
            let diff = (got[i][j] - want[i][j]).abs();
            assert!(
                diff <= tol,
                "{group}: {lib} disagrees with statrix at ({i}, {j}): {} vs {} \
                 (|diff| {diff:e} > bound {tol:e})",
                got[i][j],
                want[i][j],
            );
        }
    }
}

/// A group of `sample_size` samples, after `warm_up_ms` milliseconds of warm-up, measured
/// for `measurement_ms` milliseconds.
pub fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    sample_size: usize,
    warm_up_ms: u64,
    measurement_ms: u64,
) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(sample_size)
        .warm_up_time(Duration::from_millis(warm_up_ms))
        .measurement_time(Duration::from_millis(measurement_ms));
    g
}

/// The `rows x cols` row-major input of the dynamic groups: `((i * 31 + j * 17 + seed * 7)
/// % 1009) / 1009 - 0.5`, every operation exact but the division, which is correctly
/// rounded, so `benches/numpy_dmatrix.py` builds the same array bit for bit.
pub fn dynamic_input(rows: usize, cols: usize, seed: usize) -> Vec<f64> {
    (0..rows * cols)
        .map(|idx| {
            let (i, j) = (idx / cols, idx % cols);
            ((i * 31 + j * 17 + seed * 7) % 1009) as f64 / 1009.0 - 0.5
        })
        .collect()
}

/// Panics unless `got` (row-major `m x n`) is within `k eps sum_p |a_ip b_pj|` of `want` in
/// every element, the bound any ordering of the `k`-term sums meets (Higham, eq. 3.5), for
/// `a` of `m x k` and `b` of `k x n`, both row-major.
#[allow(clippy::too_many_arguments)] // The group, the library, the shape, the operands and both results.
pub fn check_dynamic_product(
    group: &str,
    lib: &str,
    (m, k, n): (usize, usize, usize),
    a: &[f64],
    b: &[f64],
    want: &[f64],
    got: &[f64],
    eps: f64,
) {
    assert_eq!((a.len(), b.len()), (m * k, k * n));
    assert_eq!((want.len(), got.len()), (m * n, m * n));
    for i in 0..m {
        for j in 0..n {
            let scale: f64 = (0..k).map(|p| (a[i * k + p] * b[p * n + j]).abs()).sum();
            let tol = k as f64 * eps * scale;
            let diff = (got[i * n + j] - want[i * n + j]).abs();
            assert!(
                diff <= tol,
                "{group}: {lib} disagrees with statrix at ({i}, {j}): {} vs {} \
                 (|diff| {diff:e} > bound {tol:e})",
                got[i * n + j],
                want[i * n + j],
            );
        }
    }
}
