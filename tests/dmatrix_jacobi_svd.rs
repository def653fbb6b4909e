//! `DMatrix::svd_by(SvdMethod::Jacobi)`: the same bits as the static `Matrix::svd` (one
//! implementation, whose NumPy fixtures run in `tests/svd.rs`), and the relative accuracy of
//! the one-sided Jacobi method on graded 200 x 100 matrices against mpmath
//! (`tests/fixtures/graded_svd.json`, written by `gen_graded_svd.py`).
//!
//! # Bounds
//!
//! `THRESH` is LAPACK's pass threshold for its SVD tests (`TESTING/svd.in`: 35), as in
//! `tests/svd.rs`, with `n` the largest dimension:
//! - backward error `|A - U S V^T|_1 <= THRESH n eps |A|_1` and orthogonality
//!   `|U^T U - I|_1, |V^T V - I|_1 <= THRESH n eps` (LAPACK `xDRVBD`'s ratios), plus the
//!   evaluation's own rounding in f64, at most `2 n eps` times the bounded quantity (Higham
//!   eq. 3.5 for the products and sums formed);
//! - graded `A = B D` or `A = D B`: Demmel and Veselić (1992) and Drmač and Veselić (2008)
//!   bound the relative error of every singular value of the preconditioned one-sided
//!   Jacobi SVD by a modest multiple of `n eps cond(B)`, `B` the matrix with unit columns
//!   ("col") or rows ("row"): `|s_i - s_ref_i| <= THRESH n eps cond(B) s_ref_i`, with
//!   `s_ref` from mpmath at 60 digits. The fixture also holds NumPy's values, which this
//!   bound rejects (LAPACK's bidiagonal route guarantees accuracy relative to `s_max` only):
//!   so the test would catch a method without relative accuracy.
#![cfg(all(feature = "alloc", feature = "rand"))]

mod support;

use serde_json::Value;
use statrix::random::default_rng;
use statrix::{DMatrix, DSvd, Error, Matrix, SvdMethod};
use support::dynamic::irregular;
use support::fixtures::fixture_cases;
use support::parse;

const THRESH: f64 = 35.0;

fn norm1(a: &DMatrix<f64>) -> f64 {
    (0..a.cols())
        .map(|j| (0..a.rows()).map(|i| a[(i, j)].abs()).sum::<f64>())
        .fold(0.0, f64::max)
}

/// `|Q^T Q - I|_1` for the columns of `q`.
fn orthogonality(q: &DMatrix<f64>) -> f64 {
    norm1(&(&q.transpose().matmul(q) - &DMatrix::identity(q.cols())))
}

/// LAPACK's backward-error and orthogonality ratios within `THRESH` (plus the evaluation's
/// rounding), descending non-negative values, the values-only method's bits, and the sign
/// convention (the largest-magnitude entry of each row of `V^T` positive).
fn check_factors(name: &str, a: &DMatrix<f64>, svd: &DSvd<f64>) {
    let (m, n) = a.shape();
    let k = m.min(n);
    assert_eq!((svd.u.shape(), svd.v_t.shape()), ((m, k), (k, n)), "{name}");
    let s = &svd.singular_values;
    assert!(s.windows(2).all(|p| p[0] >= p[1]), "{name}: descending");
    assert!(s.iter().all(|&x| x >= 0.0), "{name}: non-negative");
    assert_eq!(
        &a.singular_values_by(SvdMethod::Jacobi).unwrap(),
        s,
        "{name}: the values-only method's bits"
    );
    let nf = m.max(n) as f64;
    let eps = f64::EPSILON;
    let us = DMatrix::from_fn(m, k, |i, j| svd.u[(i, j)] * s[j]);
    let backward = norm1(&(a - &us.matmul(&svd.v_t)));
    let bound = (THRESH + 2.0) * nf * eps * norm1(a);
    assert!(
        backward <= bound,
        "{name}: backward {backward:e} > {bound:e}"
    );
    let bound = (THRESH + 2.0) * nf * eps;
    let (ou, ov) = (orthogonality(&svd.u), orthogonality(&svd.v_t.transpose()));
    assert!(ou <= bound, "{name}: |U^T U - I|_1 = {ou:e} > {bound:e}");
    assert!(ov <= bound, "{name}: |V^T V - I|_1 = {ov:e} > {bound:e}");
    for i in 0..k {
        let row = svd.v_t.row(i);
        let big = row.iter().fold(0.0f64, |b, x| b.max(x.abs()));
        let first = row.iter().find(|x| x.abs() == big).unwrap();
        assert!(*first > 0.0, "{name}: sign of row {i} of V^T");
    }
}

#[test]
fn the_same_bits_as_the_static_jacobi_svd() {
    fn tall<const M: usize, const N: usize>(seed: u64) {
        let d = irregular(M, N, seed);
        let m = Matrix::<f64, M, N>::try_from(&d).unwrap();
        let (got, want) = (d.svd_by(SvdMethod::Jacobi).unwrap(), m.svd().unwrap());
        assert_eq!(got.singular_values, want.singular_values.as_slice());
        assert_eq!(Matrix::try_from(&got.u), Ok(want.u), "{M}x{N}");
        assert_eq!(Matrix::try_from(&got.v_t), Ok(want.v_t), "{M}x{N}");
        // The wide orientation through the transpose, as svd_wide (a square matrix is
        // taken as tall, as by svd).
        if M == N {
            return;
        }
        let (got, want) = (
            d.transpose().svd_by(SvdMethod::Jacobi).unwrap(),
            m.transpose().svd_wide().unwrap(),
        );
        assert_eq!(got.singular_values, want.singular_values.as_slice());
        assert_eq!(Matrix::try_from(&got.u), Ok(want.u), "{N}x{M}");
        assert_eq!(Matrix::try_from(&got.v_t), Ok(want.v_t), "{N}x{M}");
    }
    tall::<1, 1>(1);
    tall::<3, 3>(2);
    tall::<6, 4>(3);
    tall::<16, 8>(4);
    tall::<16, 16>(5);
    tall::<24, 5>(6);
    // f32 too.
    let d = irregular(9, 6, 7).map(|x| x as f32);
    let m = Matrix::<f32, 9, 6>::try_from(&d).unwrap();
    let got = d.svd_by(SvdMethod::Jacobi).unwrap();
    assert_eq!(Matrix::try_from(&got.u), Ok(m.svd().unwrap().u));
}

/// `B` with columns ("col") or rows ("row") scaled by `2^-e_i`, `e_i = ((37 i) mod k) * 40
/// // (k - 1)`: the fixture script's matrix, exactly.
fn graded(case: &Value) -> DMatrix<f64> {
    let (rows, cols) = (
        case["rows"].as_u64().unwrap() as usize,
        case["cols"].as_u64().unwrap() as usize,
    );
    let seed = case["seed"].as_u64().unwrap();
    let b = DMatrix::<f64>::random_standard_normal(rows, cols, &mut default_rng(seed));
    let scale = |i: usize, k: usize| 2f64.powi(-((((37 * i) % k) * 40 / (k - 1)) as i32));
    match case["side"].as_str().unwrap() {
        "col" => DMatrix::from_fn(rows, cols, |i, j| b[(i, j)] * scale(j, cols)),
        _ => DMatrix::from_fn(rows, cols, |i, j| b[(i, j)] * scale(i, rows)),
    }
}

#[test]
fn relative_accuracy_on_graded_200_by_100() {
    for case in fixture_cases("graded_svd.json") {
        let name = format!("{} seed {}", case["side"], case["seed"]);
        let a = graded(&case);
        let reference: Vec<f64> = case["s"].as_array().unwrap().iter().map(parse).collect();
        let numpy: Vec<f64> = case["numpy_s"]
            .as_array()
            .unwrap()
            .iter()
            .map(parse)
            .collect();
        let kappa: f64 = parse(&case["kappa"]);
        let n = a.rows().max(a.cols()) as f64;
        let relative_bound = THRESH * n * f64::EPSILON * kappa;
        // The values span 2^-40: a method without relative accuracy misses the small ones.
        let worst = |s: &[f64]| {
            s.iter()
                .zip(&reference)
                .map(|(x, r)| (x - r).abs() / r)
                .fold(0.0, f64::max)
        };
        assert!(
            worst(&numpy) > relative_bound,
            "{name}: NumPy's values should miss the relative bound"
        );
        // The matrix, and its transpose through the wide path.
        for (what, a) in [("", a.clone()), (" transposed", a.transpose())] {
            let svd = a.svd_by(SvdMethod::Jacobi).unwrap();
            check_factors(&format!("{name}{what}"), &a, &svd);
            let err = worst(&svd.singular_values);
            assert!(
                err <= relative_bound,
                "{name}{what}: relative error {err:e} > {relative_bound:e}"
            );
        }
    }
}

#[test]
fn rank_deficient_zero_and_empty() {
    // Rank 3 of 12: the zero singular values' vectors still complete orthonormal sets.
    let a = irregular(30, 3, 1).matmul(&irregular(3, 12, 2));
    let svd = a.svd_by(SvdMethod::Jacobi).unwrap();
    check_factors("rank 3", &a, &svd);
    assert!(svd.singular_values[3] <= 64.0 * 30.0 * f64::EPSILON * svd.singular_values[0]);
    let zero = DMatrix::<f64>::zeros(7, 4);
    let svd = zero.svd_by(SvdMethod::Jacobi).unwrap();
    check_factors("zero", &zero, &svd);
    assert_eq!(svd.singular_values, vec![0.0; 4]);
    for (r, c) in [(0, 0), (0, 3), (3, 0)] {
        let e = DMatrix::<f64>::zeros(r, c)
            .svd_by(SvdMethod::Jacobi)
            .unwrap();
        let k = r.min(c);
        assert_eq!((e.u.shape(), e.v_t.shape()), ((r, k), (k, c)));
        assert!(e.singular_values.is_empty());
    }
}

#[test]
fn bad_input_is_an_error() {
    let mut a = irregular(6, 4, 3);
    a[(2, 1)] = f64::NAN;
    assert_eq!(a.svd_by(SvdMethod::Jacobi), Err(Error::NonFinite));
    a[(2, 1)] = f64::INFINITY;
    assert_eq!(
        a.transpose().singular_values_by(SvdMethod::Jacobi),
        Err(Error::NonFinite)
    );
    // Near the top of the range: scaled by a power of two, no overflow inside.
    let big = irregular(6, 4, 4).map(|x| x * 1e300);
    let s = big.singular_values_by(SvdMethod::Jacobi).unwrap();
    assert!(s.iter().all(|x| x.is_finite()) && s[0] > 1e300);
}
