//! The checks of a thin SVD and of a symmetric eigendecomposition, shared by the static
//! targets (`svd`, `eigen`) and the `DMatrix` one (`dmatrix`): LAPACK's test ratios with its
//! pass thresholds, in `f64` ([`Dense`]), and the `Err` kinds their inputs allow.

use statrix::Error;

use crate::Float;
use crate::dense::{
    Dense, F64_U, assert_le, assert_orthonormal_columns, f64_residual, gamma, scale_pow2,
    times_pow2,
};

/// LAPACK's pass threshold for its SVD test ratios (`TESTING/svd.in`).
pub const THRESH_SVD: f64 = 35.0;
/// LAPACK's pass threshold for the symmetric eigenproblem (`TESTING/sep.in`).
pub const THRESH_SEP: f64 = 60.0;

/// The absolute allowance for underflow in the residual of an `r x c` decomposition.
pub fn svd_underflow<T: Float>(r: usize, c: usize) -> f64 {
    (r * c) as f64 * T::smallest_subnormal()
}

/// Checks a thin SVD `(U, S, V^T)` of the `m x c` matrix `a` (tall or wide) with `s.len()`
/// singular values (all of them, or the leading ones): LAPACK's `xDRVBD` ratios
/// `||A V - U S||_F / (n ||A||_F eps)` (which for all `min(m, c)` values bounds `||A - U S
/// V^T||_F` as well, `V` being orthonormal), `||I - U^T U||_max / (m eps)`, `||I - V V^T||_max
/// / (c eps)`, plus an absolute allowance for underflow; the values non-negative, finite and
/// descending.
pub fn check_thin_svd<T: Float>(what: &str, a: &Dense, u: &Dense, s: &[f64], vt: &Dense) {
    let (m, c, k) = (a.rows, a.cols, s.len());
    let n = m.max(c);
    let e = T::epsilon().wide();
    assert_eq!(
        (u.rows, u.cols, vt.rows, vt.cols),
        (m, k, k, c),
        "{what}: shapes"
    );
    for w in s.windows(2) {
        assert!(
            w[0] >= w[1],
            "{what}: singular values not descending: {s:?}"
        );
    }
    assert!(
        s.iter().all(|x| *x >= 0.0 && x.is_finite()),
        "{what}: {s:?}"
    );
    // A and S scaled by one power of two (exactly) to largest magnitude about 1, so that
    // the f64 products of a matrix near the largest float do not overflow; the underflow
    // allowance is scaled with them.
    let scale = unit_scale(a);
    let a = &scale_pow2(a, -scale);
    let s: Vec<f64> = s.iter().map(|&x| times_pow2(x, -scale)).collect();
    let us = Dense::from_fn(m, k, |i, j| u.at(i, j) * s[j]);
    let bound = THRESH_SVD * n as f64 * e * a.fro() + times_pow2(svd_underflow::<T>(m, c), -scale);
    if k == m.min(c) {
        let residual = a.sub(&us.mul(vt));
        // The f64 residual's own rounding: gamma_(k+1) |U||S||V^T| elementwise.
        let rounding = us.abs().mul(&vt.abs()).scale(f64_residual(k)).fro();
        assert_le(
            &format!("{what}: ||A - U S V^T||_F"),
            residual.fro(),
            bound + rounding,
        );
    } else {
        let v = vt.t();
        let residual = a.mul(&v).sub(&us);
        let rounding = a.abs().mul(&v.abs()).scale(f64_residual(c)).fro();
        assert_le(
            &format!("{what}: ||A V - U S||_F"),
            residual.fro(),
            bound + rounding,
        );
    }
    assert_orthonormal_columns(
        &format!("{what}: ||I - U^T U||"),
        u,
        THRESH_SVD * m as f64 * e + gamma(m, F64_U),
    );
    assert_orthonormal_columns(
        &format!("{what}: ||I - V V^T||"),
        &vt.t(),
        THRESH_SVD * c as f64 * e + gamma(c, F64_U),
    );
}

/// An `Err` of an SVD-based entry point must match its input `a`: `NonFinite` exactly for
/// non-finite input, `Overflow` only when `||A||_F` reaches the largest float (`sigma_max <=
/// ||A||_F`, up to the backward error's relative `THRESH_SVD n eps`).
pub fn expect_svd_error<T: Float>(what: &str, finite: bool, a: &Dense, e: Error) {
    expect_spectral_error::<T>(what, finite, a, e, THRESH_SVD);
}

/// An `Err` of an eigensolver must match its input `a` (for the symmetric ones, the
/// symmetric matrix they read): as [`expect_svd_error`], with the threshold [`THRESH_SEP`].
pub fn expect_eigen_error<T: Float>(what: &str, finite: bool, a: &Dense, e: Error) {
    expect_spectral_error::<T>(what, finite, a, e, THRESH_SEP);
}

fn expect_spectral_error<T: Float>(what: &str, finite: bool, a: &Dense, e: Error, thresh: f64) {
    match e {
        Error::NonFinite => assert!(!finite, "{what}: NonFinite on finite input"),
        Error::Overflow => {
            assert!(finite, "{what}: Overflow on non-finite input");
            let n = a.rows.max(a.cols) as f64;
            let reach = a.fro() * (1.0 + thresh * n * T::epsilon().wide());
            assert_le(
                &format!("{what}: Overflow below the edge"),
                T::max_value().wide(),
                reach,
            );
        }
        e => panic!("{what}: unexpected {e:?}"),
    }
}

/// The absolute allowance for underflow in a residual of order `n` whose factors are at
/// most `scale` in size.
pub fn eigen_underflow<T: Float>(n: usize, scale: f64) -> f64 {
    (n * n) as f64 * T::smallest_subnormal() * (1.0 + scale)
}

/// Checks eigenpairs `(w, V)` (`V` is `n x k`, column `j` for `w[j]`, all `n` of them or some)
/// of the symmetric `n x n` matrix `a`: LAPACK's `xDRVST` ratios `||A V - V W||_F / (n
/// ||A||_F eps)` and `||I - V^T V||_max / (n eps)` with the threshold [`THRESH_SEP`], plus
/// an absolute allowance for underflow; the eigenvalues ascending.
pub fn check_symmetric_pairs<T: Float>(what: &str, a: &Dense, w: &[f64], v: &Dense) {
    let (n, k) = (a.rows, w.len());
    assert_eq!((v.rows, v.cols), (n, k), "{what}: shapes");
    assert!(
        w.windows(2).all(|p| p[0] <= p[1]),
        "{what}: not ascending: {w:?}"
    );
    let e = T::epsilon().wide();
    // Scaled by a power of two as in `check_thin_svd`.
    let scale = unit_scale(a);
    let a = &scale_pow2(a, -scale);
    let w: Vec<f64> = w.iter().map(|&x| times_pow2(x, -scale)).collect();
    let backward =
        THRESH_SEP * n as f64 * e * a.fro() + times_pow2(eigen_underflow::<T>(n, 1.0), -scale);
    let vw = Dense::from_fn(n, k, |i, j| v.at(i, j) * w[j]);
    let residual = a.mul(v).sub(&vw).fro();
    let rounding = a
        .abs()
        .mul(&v.abs())
        .add(&vw.abs())
        .scale(f64_residual(n))
        .fro();
    assert_le(
        &format!("{what}: ||A V - V W||_F"),
        residual,
        backward + rounding,
    );
    assert_orthonormal_columns(
        &format!("{what}: ||I - V^T V||"),
        v,
        THRESH_SEP * n as f64 * e + gamma(n, F64_U),
    );
}

/// The exponent `e` with `2^e <= max |a| < 2^(e+1)`; 0 for a zero or non-finite `a`.
fn unit_scale(a: &Dense) -> i32 {
    let top = a.max_abs();
    if top > 0.0 && top.is_finite() {
        top.log2().floor() as i32
    } else {
        0
    }
}
