//! The symmetric eigendecomposition and the thin SVD of `DMatrix`: the same bits as the
//! static side's `TridiagonalQl` and `BidiagonalQr` methods (one implementation, whose
//! NumPy fixtures run in `tests/symmetric_eigen.rs` and `tests/svd.rs`), and at 50, 200 and
//! 200 x 100 LAPACK's pass criteria; the `k` largest eigenpairs at 50, 200 and 1000 (the last
//! in release builds), with clusters, repeated, graded and zero eigenvalues.
//!
//! # Bounds
//!
//! `THRESH` is LAPACK's pass threshold (`TESTING/sep.in` 60, `svd.in` 35) on the ratios of
//! `xDRVST`/`xDRVBD`, `n` the largest dimension:
//! - symmetric residuals `|A v_i - w_i v_i|_2 <= THRESH n eps |A|_2` (`|A|_F` used for
//!   `|A|_2`, which it bounds), orthogonality `|V^T V - I|_1 <= THRESH n eps`;
//! - SVD backward error `|A - U S V^T|_1 <= THRESH n eps |A|_1`, orthogonality of `U` and
//!   `V` as above.
//!
//! The f32 decompositions are checked in f64, whose own rounding (below `n eps_f64` relative)
//! is negligible against the f32 bounds; the f64 ones add the evaluation's rounding, at most
//! `2 n eps` times the bounded quantity (Higham eq. 3.5 for the products and sums formed).
#![cfg(feature = "alloc")]

mod support;

use statrix::{DMatrix, Error, Matrix, SvdMethod, SymmetricEigenMethod};
use support::dynamic::irregular as filled;

fn symmetric(n: usize, seed: u64) -> DMatrix<f64> {
    let a = filled(n, n, seed);
    &a + &a.transpose()
}

fn fro(a: &DMatrix<f64>) -> f64 {
    a.as_slice().iter().map(|x| x * x).sum::<f64>().sqrt()
}

fn norm1(a: &DMatrix<f64>) -> f64 {
    (0..a.cols())
        .map(|j| (0..a.rows()).map(|i| a[(i, j)].abs()).sum::<f64>())
        .fold(0.0, f64::max)
}

/// `|Q^T Q - I|_1` for the columns of `q`.
fn orthogonality(q: &DMatrix<f64>) -> f64 {
    let k = q.cols();
    norm1(&(&(&q.transpose() * q) - &DMatrix::identity(k)))
}

#[test]
fn the_same_bits_as_the_static_methods() {
    fn check<const N: usize>(seed: u64) {
        let d = symmetric(N, seed);
        let m = Matrix::<f64, N, N>::try_from(&d).unwrap();
        let s = m
            .symmetric_eigen_by(SymmetricEigenMethod::TridiagonalQl)
            .unwrap();
        let e = d.symmetric_eigen().unwrap();
        assert_eq!(e.eigenvalues, s.eigenvalues.as_slice().to_vec(), "{N}");
        assert_eq!(Matrix::try_from(&e.eigenvectors), Ok(s.eigenvectors), "{N}");
        assert_eq!(d.symmetric_eigenvalues().unwrap(), e.eigenvalues);
        let svd = d.svd().unwrap();
        let t = m.svd_by(SvdMethod::BidiagonalQr).unwrap();
        assert_eq!(
            svd.singular_values,
            t.singular_values.as_slice().to_vec(),
            "{N}"
        );
        assert_eq!(Matrix::try_from(&svd.u), Ok(t.u), "{N}");
        assert_eq!(Matrix::try_from(&svd.v_t), Ok(t.v_t), "{N}");
    }
    check::<1>(1);
    check::<2>(2);
    check::<3>(3);
    check::<7>(4);
    check::<16>(5);
    // Tall and wide.
    let d = filled(9, 4, 6);
    let m = Matrix::<f64, 9, 4>::try_from(&d).unwrap();
    let (got, want) = (d.svd().unwrap(), m.svd_by(SvdMethod::BidiagonalQr).unwrap());
    assert_eq!(Matrix::try_from(&got.u), Ok(want.u));
    assert_eq!(
        got.singular_values,
        want.singular_values.as_slice().to_vec()
    );
    let (dw, mw) = (d.transpose(), m.transpose());
    let (got, want) = (
        dw.svd().unwrap(),
        mw.svd_wide_by(SvdMethod::BidiagonalQr).unwrap(),
    );
    assert_eq!(Matrix::try_from(&got.v_t), Ok(want.v_t));
    assert_eq!(dw.singular_values().unwrap(), got.singular_values);
}

const THRESH_EIG: f64 = 60.0;
const THRESH_SVD: f64 = 35.0;

fn check_symmetric(n: usize, seed: u64) {
    let a = symmetric(n, seed);
    let e = a.symmetric_eigen().unwrap();
    assert!(e.eigenvalues.windows(2).all(|p| p[0] <= p[1]), "ascending");
    let (eps, nf) = (f64::EPSILON, n as f64);
    let av = &a * &e.eigenvectors;
    for i in 0..n {
        let r: f64 = (0..n)
            .map(|k| (av[(k, i)] - e.eigenvalues[i] * e.eigenvectors[(k, i)]).powi(2))
            .sum::<f64>()
            .sqrt();
        let bound = (THRESH_EIG + 2.0) * nf * eps * fro(&a);
        assert!(r <= bound, "n = {n}: residual {i} = {r:e} > {bound:e}");
    }
    let orth = orthogonality(&e.eigenvectors);
    assert!(
        orth <= (THRESH_EIG + 2.0) * nf * eps,
        "n = {n}: |V^T V - I|_1 = {orth:e}"
    );
    // f32, checked in f64.
    let a32 = a.map(|x| x as f32);
    let e32 = a32.symmetric_eigen().unwrap();
    let a64 = a32.map(f64::from);
    let v64 = e32.eigenvectors.map(f64::from);
    let av = &a64 * &v64;
    for i in 0..n {
        let w = f64::from(e32.eigenvalues[i]);
        let r: f64 = (0..n)
            .map(|k| (av[(k, i)] - w * v64[(k, i)]).powi(2))
            .sum::<f64>()
            .sqrt();
        let bound = THRESH_EIG * nf * f64::from(f32::EPSILON) * fro(&a64);
        assert!(r <= bound, "f32 n = {n}: residual {i} = {r:e} > {bound:e}");
    }
}

#[test]
fn symmetric_eigen_at_50_and_200() {
    check_symmetric(50, 11);
    check_symmetric(200, 12);
}

/// The `k` largest eigenpairs against LAPACK's pass criteria (residual and orthogonality as
/// above, with `THRESH`), and the eigenvalues against the full solver's (the same QL code on
/// the same tridiagonal matrix: equal bits).
fn check_largest(a: &DMatrix<f64>, k: usize) {
    let n = a.rows();
    let top = a.symmetric_eigen_largest(k).unwrap();
    let all = a.symmetric_eigenvalues().unwrap();
    assert_eq!(
        top.eigenvalues,
        all[n - k..],
        "n = {n}: the k largest eigenvalues"
    );
    assert_eq!(top.eigenvectors.shape(), (n, k));
    let (eps, nf) = (f64::EPSILON, n as f64);
    let av = a.matmul(&top.eigenvectors);
    for i in 0..k {
        let r: f64 = (0..n)
            .map(|p| (av[(p, i)] - top.eigenvalues[i] * top.eigenvectors[(p, i)]).powi(2))
            .sum::<f64>()
            .sqrt();
        let bound = (THRESH_EIG + 2.0) * nf * eps * fro(a);
        assert!(
            r <= bound,
            "n = {n}, k = {k}: residual {i} = {r:e} > {bound:e}"
        );
    }
    let orth = orthogonality(&top.eigenvectors);
    assert!(
        orth <= (THRESH_EIG + 2.0) * nf * eps,
        "n = {n}, k = {k}: |V^T V - I|_1 = {orth:e}"
    );
}

/// `Q diag(w) Qᵀ` with `Q` the orthonormal factor of a random matrix's SVD: a symmetric
/// matrix with the eigenvalues `w`, which may repeat (clusters).
fn with_eigenvalues(w: &[f64], seed: u64) -> DMatrix<f64> {
    let n = w.len();
    let q = filled(n, n, seed).svd().unwrap().u;
    let qw = DMatrix::from_fn(n, n, |i, j| q[(i, j)] * w[j]);
    let a = qw.matmul_transpose(&q);
    // Exactly symmetric: the lower triangle is what the solvers read.
    DMatrix::from_fn(n, n, |i, j| if j <= i { a[(i, j)] } else { a[(j, i)] })
}

#[test]
fn largest_eigenpairs_at_50_and_200() {
    check_largest(&symmetric(50, 21), 1);
    check_largest(&symmetric(50, 21), 50);
    check_largest(&symmetric(200, 22), 20);
    // Clusters and exactly repeated eigenvalues among the leading ones.
    let w: Vec<f64> = (0..80)
        .map(|i| match i {
            70..=79 => 5.0,
            60..=69 => 5.0 - 1e-9 * i as f64,
            _ => i as f64 / 80.0,
        })
        .collect();
    check_largest(&with_eigenvalues(&w, 23), 25);
    // Graded magnitudes, and a rank-deficient matrix (zero eigenvalues among the k).
    let graded: Vec<f64> = (0..60).map(|i| 2f64.powi(i - 30)).collect();
    check_largest(&with_eigenvalues(&graded, 24), 15);
    let rank_3 = filled(40, 3, 25).matmul_transpose(&filled(40, 3, 25));
    check_largest(&rank_3, 6);
}

/// The `k` largest singular triplets against LAPACK's criteria (`|A v - s u|`, `|Aᵀ u - s v|`
/// within `THRESH n eps |A|`, orthogonality of both factors) and the values against
/// `singular_values` (the same code: equal bits), in both orientations.
fn check_svd_largest(a: &DMatrix<f64>, k: usize) {
    let (m, n) = a.shape();
    let top = a.svd_largest(k).unwrap();
    let all = a.singular_values().unwrap();
    assert_eq!(
        top.singular_values,
        all[..k],
        "{m}x{n}: the k largest values"
    );
    assert_eq!((top.u.shape(), top.v_t.shape()), ((m, k), (k, n)));
    let (eps, p) = (f64::EPSILON, m.max(n) as f64);
    let bound = (THRESH_SVD + 2.0) * p * eps * fro(a);
    let av = a.matmul_transpose(&top.v_t);
    let atu = a.transpose_matmul(&top.u);
    for j in 0..k {
        let s = top.singular_values[j];
        let r1: f64 = (0..m)
            .map(|i| (av[(i, j)] - s * top.u[(i, j)]).powi(2))
            .sum::<f64>()
            .sqrt();
        let r2: f64 = (0..n)
            .map(|i| (atu[(i, j)] - s * top.v_t[(j, i)]).powi(2))
            .sum::<f64>()
            .sqrt();
        assert!(
            r1 <= bound && r2 <= bound,
            "{m}x{n}, k = {k}: residuals {r1:e} {r2:e} > {bound:e}"
        );
    }
    assert!(
        orthogonality(&top.u) <= (THRESH_SVD + 2.0) * p * eps,
        "{m}x{n}: U"
    );
    assert!(
        orthogonality(&top.v_t.transpose()) <= (THRESH_SVD + 2.0) * p * eps,
        "{m}x{n}: V"
    );
}

#[test]
fn largest_singular_triplets_at_50_and_200x100() {
    check_svd_largest(&filled(50, 50, 31), 1);
    check_svd_largest(&filled(50, 50, 31), 50);
    check_svd_largest(&filled(200, 100, 32), 10);
    check_svd_largest(&filled(100, 200, 33), 10);
    // Clustered and repeated singular values, graded ones, and a zero one among the k (the
    // full decomposition's fallback).
    let w: Vec<f64> = (0..60)
        .map(|i| match i {
            50..=59 => 3.0,
            40..=49 => 3.0 - 1e-9 * i as f64,
            _ => i as f64 / 60.0,
        })
        .collect();
    check_svd_largest(&with_eigenvalues(&w, 34), 20);
    let graded: Vec<f64> = (0..40).map(|i| 2f64.powi(i - 20)).collect();
    check_svd_largest(&with_eigenvalues(&graded, 35), 12);
    let rank_2 = filled(30, 2, 36).matmul_transpose(&filled(25, 2, 37));
    check_svd_largest(&rank_2, 4);
    // Columns of subnormal size beside ordinary ones: the bidiagonalisation's reflectors for
    // them take LAPACK's rescaling path (and the fused pass its fallback).
    let tiny = DMatrix::from_fn(40, 12, |i, j| {
        let x = filled(40, 12, 38)[(i, j)];
        if j % 3 == 1 { x * 1e-310 } else { x }
    });
    check_svd_largest(&tiny, 4);
    check_svd_largest(&tiny, 12);
    assert_eq!(
        filled(5, 3, 1).svd_largest(4),
        Err(Error::TooManyComponents {
            requested: 4,
            available: 3
        })
    );
}

/// The tall shapes that go through a blocked QR first (`m >= 1.2 n`, `n >= 32`): LAPACK's
/// bounds on the full SVD and the k largest triplets, the values of both equal, the wide
/// transpose, scaling near the ends of the range (exact by powers of two, so the singular
/// values scale exactly), a zero matrix, and a NaN.
#[test]
fn tall_matrices_through_qr() {
    check_svd(150, 70, 41);
    check_svd(70, 150, 42);
    let a = filled(150, 70, 41);
    check_svd_largest(&a, 9);
    check_svd_largest(&a.transpose(), 9);
    let s = a.singular_values().unwrap();
    for scale in [2f64.powi(990), 2f64.powi(-900)] {
        let scaled = a.map(|x| x * scale);
        let t = scaled.singular_values().unwrap();
        assert!(
            t.iter().zip(&s).all(|(&x, &y)| x == y * scale),
            "2^k scaling"
        );
    }
    let zero = DMatrix::<f64>::zeros(90, 40);
    let svd = zero.svd().unwrap();
    assert!(svd.singular_values.iter().all(|&x| x == 0.0));
    assert!(orthogonality(&svd.u) <= (THRESH_SVD + 2.0) * 90.0 * f64::EPSILON);
    let mut bad = a.clone();
    bad[(100, 3)] = f64::NAN;
    assert_eq!(bad.svd_largest(3), Err(Error::NonFinite));
    assert_eq!(bad.singular_values(), Err(Error::NonFinite));
}

/// At the size of a PCA's Gram matrix, in release builds (`.ci/run` runs them with
/// `--release`): minutes unoptimised.
#[test]
#[cfg_attr(debug_assertions, ignore = "n = 1000: run with --release")]
fn largest_eigenpairs_at_1000() {
    check_largest(&symmetric(1000, 26), 128);
    check_svd_largest(&filled(1000, 600, 27), 64);
}

#[test]
fn largest_eigenpairs_reject_bad_input() {
    let a = symmetric(5, 1);
    assert_eq!(
        a.symmetric_eigen_largest(6),
        Err(Error::TooManyComponents {
            requested: 6,
            available: 5
        })
    );
    assert_eq!(
        DMatrix::<f64>::zeros(2, 3).symmetric_eigen_largest(1),
        Err(Error::NotSquare { shape: (2, 3) })
    );
    let mut b = a.clone();
    b[(3, 1)] = f64::NAN;
    assert_eq!(b.symmetric_eigen_largest(2), Err(Error::NonFinite));
    assert_eq!(
        a.symmetric_eigen_largest(0).unwrap().eigenvectors.shape(),
        (5, 0)
    );
    // The zero matrix: eigenvalues 0, any orthonormal vectors.
    let zero = DMatrix::<f64>::zeros(4, 4)
        .symmetric_eigen_largest(3)
        .unwrap();
    assert_eq!(zero.eigenvalues, [0.0; 3]);
    assert_eq!(orthogonality(&zero.eigenvectors), 0.0);
}

fn check_svd(m: usize, n: usize, seed: u64) {
    let a = filled(m, n, seed);
    let svd = a.svd().unwrap();
    let k = m.min(n);
    assert_eq!(
        (svd.u.shape(), svd.singular_values.len(), svd.v_t.shape()),
        ((m, k), k, (k, n))
    );
    assert!(
        svd.singular_values.windows(2).all(|p| p[0] >= p[1]),
        "descending"
    );
    let us = DMatrix::from_fn(m, k, |i, j| svd.u[(i, j)] * svd.singular_values[j]);
    let back = &us * &svd.v_t;
    let big = m.max(n) as f64;
    let backward = norm1(&(&a - &back));
    let bound = (THRESH_SVD + 2.0) * big * f64::EPSILON * norm1(&a);
    assert!(
        backward <= bound,
        "{m}x{n}: |A - U S V^T|_1 = {backward:e} > {bound:e}"
    );
    let orth = orthogonality(&svd.u).max(orthogonality(&svd.v_t.transpose()));
    assert!(
        orth <= (THRESH_SVD + 2.0) * big * f64::EPSILON,
        "{m}x{n}: orthogonality {orth:e}"
    );
    assert_eq!(a.singular_values().unwrap(), svd.singular_values);
}

#[test]
fn svd_at_50_and_200x100_both_orientations() {
    check_svd(50, 50, 21);
    check_svd(200, 100, 22);
    check_svd(30, 80, 23);
}

#[test]
fn bad_input_is_an_error() {
    assert_eq!(
        DMatrix::<f64>::zeros(2, 3).symmetric_eigen(),
        Err(Error::NotSquare { shape: (2, 3) })
    );
    let mut a = DMatrix::<f64>::identity(3);
    a[(2, 0)] = f64::NAN;
    assert_eq!(a.symmetric_eigen(), Err(Error::NonFinite));
    assert_eq!(a.svd().map(|_| ()), Err(Error::NonFinite));
    // Only the lower triangle is read.
    let mut b = DMatrix::<f64>::identity(3);
    b[(0, 2)] = f64::NAN;
    assert!(b.symmetric_eigen().is_ok());
    assert_eq!(
        DMatrix::full(2, 2, f64::MAX).singular_values(),
        Err(Error::Overflow)
    );
    // Empty matrices.
    assert_eq!(
        DMatrix::<f64>::zeros(0, 0).symmetric_eigenvalues(),
        Ok(vec![])
    );
    assert_eq!(DMatrix::<f64>::zeros(0, 3).singular_values(), Ok(vec![]));
}
