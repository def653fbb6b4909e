//! The one-sided Jacobi SVD (and the bidiagonal QR method) and what is built on singular values (rank, cond, spectral and
//! nuclear norms, induced 1- and inf-norms, pseudo-inverse) against NumPy references
//! (`tests/fixtures/svd.json`, written by `gen_eigh_svd.py`), mpmath references for graded
//! matrices, exact identities (all-ones matrices of every shape), nalgebra on the all-ones
//! shapes of its issue #1172, and proptest properties.
//!
//! # Bounds
//!
//! `THRESH` is LAPACK's own pass threshold for its SVD tests (`TESTING/svd.in`: 35),
//! applied to the ratios LAPACK's `xDRVBD` computes, with `n = max(R, C)`, `K = min(R, C)`
//! and `eps` the element type's machine epsilon:
//!
//! - backward error: `|A - U diag(S) V^T|_1 <= THRESH * n * eps * |A|_1`;
//! - orthogonality: `|U^T U - I|_1 <= THRESH * n * eps`, `|V^T V - I|_1` likewise;
//! - singular values vs the reference (Weyl: a backward error `E` moves every singular
//!   value by at most `|E|_2`): `|s_i - s_ref_i| <= THRESH * n * (eps + eps_f64) * s_max`,
//!   the `eps_f64` term being the reference's own error (LAPACK in f64, same bound);
//! - graded `A = B D` or `A = D B`: Demmel and Veselić (1992) and Drmač and Veselić (2008)
//!   bound the *relative* error of every singular value of the preconditioned one-sided
//!   Jacobi SVD by a modest multiple of `n * eps * cond(B)`, with `B` the column-scaled
//!   (`B D`) or row-scaled (`D B`) matrix:
//!   `|s_i - s_ref_i| <= THRESH * n * eps * cond(B) * s_ref_i`, with `s_ref` from mpmath at
//!   60 digits (NumPy's `svd` misses the small singular values of these by up to 1e-5
//!   relative). The bidiagonal QR method carries no such guarantee (it is NumPy's route):
//!   on these matrices it is held to the absolute (Weyl) bound above;
//! - the pseudo-inverse: Wedin's theorem, `|pinv(A + E) - pinv(A)|_2 <= mu |pinv(A)|_2
//!   |pinv(A + E)|_2 |E|_2` with `mu < 2`, with the backward error above for `E`, gives
//!   `2 * THRESH * n * eps * kappa` relative in the 2-norm, `kappa = s_max / s_min_kept`;
//!   times `sqrt(K)` in the Frobenius norm used here.

mod support;

// svd.json stores each matrix as a flat row-major list.
use nalgebra::DMatrix;
use proptest::prelude::*;
use serde_json::Value;
use statrix::{Error, Matrix, Svd, SvdMethod, Vector, matrix};
use support::{Float, eps, matrix_from_flat as matrix_from, parse, parse_list, to_f64};

/// LAPACK's test threshold for the SVD (`TESTING/svd.in`).
const THRESH: f64 = 35.0;

/// The identities every SVD must satisfy, measured in f64 from the computed factors:
/// descending non-negative values, equal to the values-only method's bit for bit; backward
/// error; orthogonality; the sign convention. Returns the singular values.
fn check_factors<T: Float, const R: usize, const K: usize, const C: usize>(
    name: &str,
    a: &Matrix<T, R, C>,
    svd: &Svd<T, R, K, C>,
    values_only: &Vector<T, K>,
) -> Vec<f64> {
    assert_eq!(
        values_only, &svd.singular_values,
        "{name}: singular values differ between svd and the values-only method"
    );
    let s: Vec<f64> = svd.singular_values.iter().map(|&x| x.into()).collect();
    assert!(
        s.iter().all(|&x| x >= 0.0),
        "{name}: negative singular value: {s:?}"
    );
    assert!(
        s.windows(2).all(|p| p[0] >= p[1]),
        "{name}: not descending: {s:?}"
    );

    let n = R.max(C) as f64;
    let a64 = to_f64(a);
    let u = to_f64(&svd.u);
    let vt = to_f64(&svd.v_t);
    let us = Matrix::<f64, R, K>::from_fn(|i, k| u[(i, k)] * s[k]);
    let backward = (a64 - us * vt).norm_induced_1();
    let bound = THRESH * n * eps::<T>() * a64.norm_induced_1();
    assert!(
        backward <= bound,
        "{name}: |A - U S V^T|_1 = {backward:e} > {bound:e}"
    );
    let bound = THRESH * n * eps::<T>();
    let orth_u = (u.transpose() * u - Matrix::identity()).norm_induced_1();
    assert!(
        orth_u <= bound,
        "{name}: |U^T U - I|_1 = {orth_u:e} > {bound:e}"
    );
    let orth_v = (vt * vt.transpose() - Matrix::identity()).norm_induced_1();
    assert!(
        orth_v <= bound,
        "{name}: |V^T V - I|_1 = {orth_v:e} > {bound:e}"
    );
    for k in 0..K {
        let row = vt.row(k);
        let mut best = 0;
        for j in 0..C {
            if row[(0, j)].abs() > row[(0, best)].abs() {
                best = j;
            }
        }
        assert!(
            row[(0, best)] > 0.0,
            "{name}: row {k} of V^T has a negative largest component"
        );
    }
    s
}

/// The singular values against the fixture's reference: Weyl's absolute bound, or the
/// Demmel-Veselić relative bound for the graded families (Jacobi only).
fn check_values<T: Float>(name: &str, case: &Value, s: &[f64], method: SvdMethod) {
    let expected = parse_list(&case["s"]);
    assert_eq!(s.len(), expected.len(), "{name}: count of singular values");
    let n = case["rows"]
        .as_u64()
        .max(case["cols"].as_u64())
        .expect("shape") as f64;
    let s_max = expected.first().copied().unwrap_or(0.0);
    let relative = case["relative"]
        .as_object()
        .filter(|_| method == SvdMethod::Jacobi);
    match relative {
        None => {
            let bound = THRESH * n * (eps::<T>() + f64::EPSILON) * s_max;
            for (i, (&got, &want)) in s.iter().zip(&expected).enumerate() {
                let err = (got - want).abs();
                assert!(
                    err <= bound,
                    "{name}: s[{i}] = {got:e} vs {want:e}: error {err:e} > {bound:e}"
                );
            }
        }
        Some(rel) => {
            let kappa: f64 = parse(&rel["kappa"]);
            for (i, (&got, &want)) in s.iter().zip(&expected).enumerate() {
                let bound = THRESH * n * eps::<T>() * kappa * want;
                let err = (got - want).abs();
                assert!(
                    err <= bound,
                    "{name}: s[{i}] = {got:e} vs {want:e}: relative error {:e} > {:e}",
                    err / want,
                    bound / want
                );
            }
        }
    }
}

/// Rank, cond, the norms and the pseudo-inverse (all shapes) against the fixture.
fn check_any_shape<T: Float, const R: usize, const C: usize>(
    name: &str,
    case: &Value,
    a: &Matrix<T, R, C>,
) {
    let expected = parse_list(&case["s"]);
    let s_max = expected.first().copied().unwrap_or(0.0);
    let n = R.max(C) as f64;
    let k = R.min(C) as f64;
    let weyl = THRESH * n * (eps::<T>() + f64::EPSILON) * s_max;

    let rank = a.rank().unwrap_or_else(|e| panic!("{name}: rank: {e}"));
    assert_eq!(
        rank as u64,
        case["rank"].as_u64().expect("rank"),
        "{name}: rank"
    );

    let spectral: f64 = a.norm_spectral().expect("norm_spectral").into();
    assert!(
        (spectral - s_max).abs() <= weyl,
        "{name}: norm_spectral {spectral:e} vs {s_max:e}"
    );
    let nuclear: f64 = a.norm_nuclear().expect("norm_nuclear").into();
    let want: f64 = expected.iter().sum();
    assert!(
        (nuclear - want).abs() <= k * weyl,
        "{name}: norm_nuclear {nuclear:e} vs {want:e}"
    );

    // The induced norms sum at most n absolute values: error below n eps times the result.
    for (got, key) in [
        (a.norm_induced_1(), "norm_1"),
        (a.norm_induced_inf(), "norm_inf"),
    ] {
        let got: f64 = got.into();
        let want: f64 = parse(&case[key]);
        let bound = n * (eps::<T>() + f64::EPSILON) * want;
        assert!(
            (got - want).abs() <= bound,
            "{name}: {key} {got:e} vs {want:e}"
        );
    }

    // cond = s_max / s_min with both within `weyl` of the reference: relative error at most
    // x (1 + c) / (1 - x c) with x = weyl / s_max, while x c < 1/2; beyond, the matrix is
    // numerically singular and all that is certain is c_hat >= (1 - x) / (3 x).
    let cond: f64 = a.cond().expect("cond").into();
    let want: f64 = parse(&case["cond"]);
    if s_max > 0.0 {
        let x = weyl / s_max;
        if want.is_finite() && x * want < 0.5 {
            let bound = x * (1.0 + want) / (1.0 - x * want) * want;
            assert!(
                (cond - want).abs() <= bound,
                "{name}: cond {cond:e} vs {want:e}"
            );
        } else {
            assert!(
                cond >= (1.0 - x) / (3.0 * x),
                "{name}: cond {cond:e} vs {want:e}"
            );
        }
    } else {
        assert_eq!(cond, f64::INFINITY, "{name}: cond of zero");
    }

    // The pseudo-inverse, with NumPy's default cutoff and with an explicit one.
    let pinv_bound = |p: &Matrix<f64, C, R>, cut: f64| {
        let kept: Vec<f64> = expected.iter().copied().filter(|&x| x > cut).collect();
        let kappa = kept
            .first()
            .zip(kept.last())
            .map_or(1.0, |(hi, lo)| hi / lo);
        2.0 * k.sqrt() * THRESH * n * (eps::<T>() + f64::EPSILON) * kappa * p.norm()
    };
    if let Some(values) = case["pinv"].as_array() {
        assert!(!values.is_empty());
        let want: Matrix<f64, C, R> = matrix_from(&case["pinv"]);
        let got = to_f64(
            &a.pseudo_inverse()
                .unwrap_or_else(|e| panic!("{name}: pinv: {e}")),
        );
        let err = (got - want).norm();
        let bound = pinv_bound(&want, 1e-15 * s_max);
        assert!(err <= bound, "{name}: pinv error {err:e} > {bound:e}");
    }
    if let Some(p) = case["pinv_rtol"].as_object() {
        let rtol: f64 = parse(&p["rtol"]);
        let want: Matrix<f64, C, R> = matrix_from(&p["value"]);
        let rtol_t = T::from(rtol).expect("rtol");
        let got = to_f64(
            &a.pseudo_inverse_rtol(rtol_t)
                .unwrap_or_else(|e| panic!("{name}: pinv: {e}")),
        );
        let err = (got - want).norm();
        let bound = pinv_bound(&want, rtol * s_max);
        assert!(
            err <= bound,
            "{name}: pinv(rtol={rtol:e}) error {err:e} > {bound:e}"
        );
    }
}

/// Every method, each held to the same identities.
const METHODS: [SvdMethod; 2] = [SvdMethod::Jacobi, SvdMethod::BidiagonalQr];

fn check_tall<T: Float, const R: usize, const C: usize>(case: &Value) {
    let a: Matrix<T, R, C> = matrix_from(&case["a"]);
    for method in METHODS {
        let name = &format!("{} ({method:?})", case["name"].as_str().expect("a name"));
        let svd = a
            .svd_by(method)
            .unwrap_or_else(|e| panic!("{name}: svd: {e}"));
        let values = a
            .singular_values_by(method)
            .unwrap_or_else(|e| panic!("{name}: singular_values: {e}"));
        if method == SvdMethod::Jacobi {
            assert_eq!(Ok(svd), a.svd(), "{name}: the default method");
        }
        let s = check_factors(name, &a, &svd, &values);
        check_values::<T>(name, case, &s, method);
    }
    check_any_shape(case["name"].as_str().expect("a name"), case, &a);
}

fn check_wide<T: Float, const R: usize, const C: usize>(case: &Value) {
    let a: Matrix<T, R, C> = matrix_from(&case["a"]);
    for method in METHODS {
        let name = &format!("{} ({method:?})", case["name"].as_str().expect("a name"));
        let svd = a
            .svd_wide_by(method)
            .unwrap_or_else(|e| panic!("{name}: svd_wide: {e}"));
        let values = a
            .singular_values_wide_by(method)
            .unwrap_or_else(|e| panic!("{name}: singular_values_wide: {e}"));
        if method == SvdMethod::Jacobi {
            assert_eq!(Ok(svd), a.svd_wide(), "{name}: the default method");
        }
        let s = check_factors(name, &a, &svd, &values);
        check_values::<T>(name, case, &s, method);
    }
    check_any_shape(case["name"].as_str().expect("a name"), case, &a);
}

/// A square matrix goes through both methods.
fn check_square<T: Float, const N: usize>(case: &Value) {
    check_tall::<T, N, N>(case);
    check_wide::<T, N, N>(case);
}

#[test]
fn matches_numpy_on_every_fixture() {
    let cases = support::fixture_cases("svd.json");
    assert!(cases.len() > 400);
    let mut families = std::collections::BTreeSet::new();
    let (mut pinv, mut pinv_rtol) = (0, 0);
    for case in &cases {
        families.insert(case["family"].as_str().expect("a family").to_owned());
        pinv += usize::from(case["pinv"].is_array());
        pinv_rtol += usize::from(case["pinv_rtol"].is_object());
        by_rows_cols!(case, [];
            check_square: [1, 2, 3, 4, 6, 8, 16];
            check_tall: [(2, 1), (3, 2), (4, 3), (6, 4), (8, 3), (16, 6), (16, 8)];
            check_wide: [(1, 2), (2, 3), (3, 4), (4, 6), (3, 8), (6, 16), (8, 16)]);
    }
    println!(
        "{} svd cases ({pinv} with pinv, {pinv_rtol} with pinv(rtol)), families: {families:?}",
        cases.len()
    );
}

// --- all-ones matrices: singular values exactly [sqrt(R C), 0, ...] ----------------------

/// Checks the all-ones `R x C` SVD: the factors' identities, and the values against the
/// exact `[sqrt(R C), 0, ...]` within Weyl's bound.
fn check_ones<T: Float, const R: usize, const K: usize, const C: usize>(
    svd: Svd<T, R, K, C>,
    values_only: Vector<T, K>,
) {
    let name = format!("ones {R}x{C} {}", core::any::type_name::<T>());
    let a = Matrix::<T, R, C>::ones();
    let s = check_factors(&name, &a, &svd, &values_only);
    let top = ((R * C) as f64).sqrt();
    let bound = THRESH * R.max(C) as f64 * eps::<T>() * top;
    assert!(
        (s[0] - top).abs() <= bound,
        "{name}: s[0] = {} vs {top}",
        s[0]
    );
    for (i, &x) in s.iter().enumerate().skip(1) {
        assert!(x <= bound, "{name}: s[{i}] = {x:e} > {bound:e}");
    }
    assert_eq!(a.rank(), Ok(1), "{name}: rank");
}

macro_rules! ones_shapes {
    (square: [$($n:literal),*]; tall: [$(($tr:literal, $tc:literal)),*];
     wide: [$(($wr:literal, $wc:literal)),*]) => {{
        let mut count = 0;
        $(
            check_ones(Matrix::<f64, $n, $n>::ones().svd().unwrap(), Matrix::<f64, $n, $n>::ones().singular_values().unwrap());
            check_ones(Matrix::<f64, $n, $n>::ones().svd_wide().unwrap(), Matrix::<f64, $n, $n>::ones().singular_values_wide().unwrap());
            check_ones(Matrix::<f32, $n, $n>::ones().svd().unwrap(), Matrix::<f32, $n, $n>::ones().singular_values().unwrap());
            check_ones(Matrix::<f32, $n, $n>::ones().svd_wide().unwrap(), Matrix::<f32, $n, $n>::ones().singular_values_wide().unwrap());
            count += 1;
        )*
        $(
            check_ones(Matrix::<f64, $tr, $tc>::ones().svd().unwrap(), Matrix::<f64, $tr, $tc>::ones().singular_values().unwrap());
            check_ones(Matrix::<f32, $tr, $tc>::ones().svd().unwrap(), Matrix::<f32, $tr, $tc>::ones().singular_values().unwrap());
            count += 1;
        )*
        $(
            check_ones(Matrix::<f64, $wr, $wc>::ones().svd_wide().unwrap(), Matrix::<f64, $wr, $wc>::ones().singular_values_wide().unwrap());
            check_ones(Matrix::<f32, $wr, $wc>::ones().svd_wide().unwrap(), Matrix::<f32, $wr, $wc>::ones().singular_values_wide().unwrap());
            count += 1;
        )*
        count
    }};
}

#[test]
fn all_ones_of_every_shape_up_to_8x8() {
    let shapes = ones_shapes!(
        square: [1, 2, 3, 4, 5, 6, 7, 8];
        tall: [(2, 1), (3, 1), (3, 2), (4, 1), (4, 2), (4, 3), (5, 1), (5, 2), (5, 3), (5, 4),
               (6, 1), (6, 2), (6, 3), (6, 4), (6, 5), (7, 1), (7, 2), (7, 3), (7, 4), (7, 5),
               (7, 6), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 6), (8, 7)];
        wide: [(1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (2, 3), (2, 4), (2, 5),
               (2, 6), (2, 7), (2, 8), (3, 4), (3, 5), (3, 6), (3, 7), (3, 8), (4, 5), (4, 6),
               (4, 7), (4, 8), (5, 6), (5, 7), (5, 8), (6, 7), (6, 8), (7, 8)]
    );
    assert_eq!(shapes, 64);
}

#[test]
fn all_ones_of_larger_shapes_from_nalgebra_1172() {
    // The worst case reported there (6 x 21), its transpose, and the corners of 2..=30.
    let shapes = ones_shapes!(
        square: [30];
        tall: [(21, 6), (30, 2), (30, 29), (15, 7)];
        wide: [(6, 21), (2, 30), (29, 30), (3, 5)]
    );
    assert_eq!(shapes, 9);
}

/// How many all-ones shapes nalgebra's SVD gets wrong, by the same bound as ours (reported,
/// not asserted: it is nalgebra's issue #1172).
#[test]
fn nalgebra_on_all_ones_shapes() {
    fn wrong<T: nalgebra::RealField + Copy + Into<f64>>(
        sizes: core::ops::RangeInclusive<usize>,
        eps: f64,
    ) -> (usize, usize) {
        let (mut bad, mut total) = (0, 0);
        for r in sizes.clone() {
            for c in sizes.clone() {
                total += 1;
                let m = DMatrix::<T>::from_element(r, c, T::one());
                let s: Vec<f64> = m
                    .svd(true, true)
                    .singular_values
                    .iter()
                    .map(|&x| x.into())
                    .collect();
                let top = ((r * c) as f64).sqrt();
                let bound = THRESH * r.max(c) as f64 * eps * top;
                let mut sorted = s.clone();
                sorted.sort_by(|x, y| y.total_cmp(x));
                let ok = (sorted[0] - top).abs() <= bound
                    && sorted[1..].iter().all(|&x| x.abs() <= bound);
                bad += usize::from(!ok);
            }
        }
        (bad, total)
    }
    for (label, (bad, total)) in [
        ("f64 1..=8", wrong::<f64>(1..=8, f64::EPSILON)),
        ("f32 1..=8", wrong::<f32>(1..=8, f32::EPSILON as f64)),
        ("f64 2..=30", wrong::<f64>(2..=30, f64::EPSILON)),
        ("f32 2..=30", wrong::<f32>(2..=30, f32::EPSILON as f64)),
    ] {
        println!("nalgebra 0.35 svd(true, true), all-ones {label}: {bad} of {total} shapes wrong");
    }
}

/// 3x3 f32 matrices against nalgebra, whose 3x3 SVD goes through the eigenvalues of `AᵀA`
/// (McAdams et al.), squaring the condition number: a graded one (columns scaled by 1, 1e-3,
/// 1e-6) and an ill-conditioned one that is not graded (singular values 1, 1e-2, 1e-4 behind
/// two rotations). statrix's Jacobi SVD keeps every singular value within the Demmel-Veselić
/// relative bound `THRESH n eps cond(B)` (`B` the matrix with unit columns); nalgebra's errors
/// are reported, not asserted (the README's microcontroller section cites them).
#[test]
fn small_singular_values_of_3x3_f32_against_nalgebra() {
    let rotation = |c: f32, s: f32| matrix![c, -s, 0.0; s, c, 0.0; 0.0, 0.0, 1.0];
    let swap = matrix![1.0f32, 0.0, 0.0; 0.0, 0.0, 1.0; 0.0, 1.0, 0.0];
    let b = matrix![0.8f32, -0.3, 0.5; 0.2, 0.9, -0.4; -0.5, 0.35, 0.7];
    let graded = b * Matrix::from_fn(|i, j| if i == j { [1.0f32, 1e-3, 1e-6][i] } else { 0.0 });
    let (r1, r2) = (
        rotation(0.6, 0.8) * swap * rotation(0.28, 0.96),
        swap * rotation(0.8, -0.6),
    );
    let ill = r1 * Matrix::from_fn(|i, j| if i == j { [1.0f32, 1e-2, 1e-4][i] } else { 0.0 }) * r2;
    for (name, a) in [("graded", graded), ("ill-conditioned", ill)] {
        // The reference: the f64 Jacobi SVD of the same (f32) entries, relatively accurate
        // to about 3 eps_f64 cond(B), far below the f32 errors measured.
        let a64 = a.cast::<f64>();
        let reference = a64.svd().unwrap().singular_values;
        let norms = Matrix::<f64, 1, 3>::from_fn(|_, j| a64.col(j).norm());
        let kappa = Matrix::<f64, 3, 3>::from_fn(|i, j| a64[(i, j)] / norms[(0, j)])
            .cond()
            .unwrap();
        let bound = THRESH * 3.0 * f64::from(f32::EPSILON) * kappa;
        let relative = |got: f64, i: usize| (got - reference[i]).abs() / reference[i];
        let ours = a.svd().unwrap().singular_values;
        let mut worst_ours = 0.0f64;
        for i in 0..3 {
            let err = relative(f64::from(ours[i]), i);
            assert!(
                err <= bound,
                "{name} s[{i}]: relative error {err:e} > {bound:e}"
            );
            worst_ours = worst_ours.max(err);
        }
        let m = nalgebra::Matrix3::<f32>::from_fn(|i, j| a[(i, j)]);
        let mut theirs: Vec<f64> = m
            .svd(false, false)
            .singular_values
            .iter()
            .map(|&x| f64::from(x))
            .collect();
        theirs.sort_by(|x, y| y.total_cmp(x));
        let worst_theirs = (0..3).map(|i| relative(theirs[i], i)).fold(0.0, f64::max);
        println!(
            "{name} 3x3 f32, singular values {:.1e} {:.1e} {:.1e}: worst relative error statrix {worst_ours:.1e}, nalgebra 0.35 {worst_theirs:.1e}",
            reference[0], reference[1], reference[2]
        );
    }
}

// --- exact cases, errors, extremes --------------------------------------------------------

#[test]
fn exact_cases() {
    // A diagonal matrix: no rotation, exact values, signed permutations as factors.
    let a = matrix![2.0, 0.0; 0.0, -3.0];
    let svd = a.svd().unwrap();
    assert_eq!(svd.singular_values.to_array(), [3.0, 2.0]);
    assert_eq!(svd.recompose(), a);
    assert_eq!(svd.v_t, matrix![0.0, 1.0; 1.0, 0.0]);

    // 1x1: the sign goes to U (V^T's largest component is positive).
    let svd = matrix![-3.0f32].svd().unwrap();
    assert_eq!(
        (svd.u, svd.singular_values, svd.v_t),
        (matrix![-1.0], matrix![3.0], matrix![1.0])
    );

    // The zero matrix: zero values, U the leading identity columns, V^T = I.
    let svd = Matrix::<f64, 4, 2>::zeros().svd().unwrap();
    assert_eq!(svd.singular_values.to_array(), [0.0, 0.0]);
    assert_eq!(
        svd.u,
        Matrix::from_fn(|i, j| if i == j { 1.0 } else { 0.0 })
    );
    assert_eq!(svd.v_t, Matrix::identity());
    let svd = Matrix::<f32, 2, 5>::zeros().svd_wide().unwrap();
    assert_eq!(svd.u, Matrix::identity());
    assert_eq!(svd.v_t * svd.v_t.transpose(), Matrix::identity());

    // Rank one: zero singular values still get orthonormal vectors.
    let a = matrix![1.0, 2.0; 2.0, 4.0; 3.0, 6.0];
    let svd = a.svd().unwrap();
    let orth = (svd.u.transpose() * svd.u - Matrix::identity()).norm();
    assert!(orth <= 4.0 * f64::EPSILON, "{orth:e}");

    // Norms and friends on small exact cases.
    let a = matrix![3.0, 0.0; 0.0, -4.0; 0.0, 0.0];
    assert_eq!(a.norm_spectral(), Ok(4.0));
    assert_eq!(a.norm_nuclear(), Ok(7.0));
    assert_eq!(a.cond(), Ok(4.0 / 3.0));
    assert_eq!(a.rank(), Ok(2));
    assert_eq!(
        a.pseudo_inverse(),
        Ok(matrix![1.0 / 3.0, 0.0, 0.0; 0.0, -0.25, 0.0])
    );
    assert_eq!(
        a.transpose().pseudo_inverse(),
        Ok(a.pseudo_inverse().unwrap().transpose())
    );
    assert_eq!(
        Matrix::<f64, 2, 3>::zeros().pseudo_inverse(),
        Ok(Matrix::zeros())
    );
    assert_eq!(Matrix::<f64, 2, 3>::zeros().cond(), Ok(f64::INFINITY));
    assert!(matrix![1.0, f64::NAN].norm_induced_1().is_nan());
    assert!(matrix![1.0, f64::NAN].norm_induced_inf().is_nan());
}

#[test]
fn empty_shapes() {
    let svd = Matrix::<f64, 3, 0>::zeros().svd().unwrap();
    assert_eq!(svd.singular_values.shape(), (0, 1));
    let svd = Matrix::<f32, 0, 2>::zeros().svd_wide().unwrap();
    assert_eq!(svd.v_t.shape(), (0, 2));
    let a = Matrix::<f64, 0, 0>::zeros();
    assert_eq!(a.rank(), Ok(0));
    assert_eq!(a.norm_spectral(), Ok(0.0));
    assert_eq!(a.norm_nuclear(), Ok(0.0));
    assert_eq!(a.pseudo_inverse(), Ok(Matrix::zeros()));
    assert_eq!(a.symmetric_eigen().unwrap().eigenvalues.shape(), (0, 1));
}

#[test]
fn non_finite_input_is_an_error() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let a = matrix![1.0, 2.0; bad, 4.0; 5.0, 6.0];
        assert_eq!(a.svd(), Err(Error::NonFinite));
        assert_eq!(a.singular_values(), Err(Error::NonFinite));
        assert_eq!(a.transpose().svd_wide(), Err(Error::NonFinite));
        assert_eq!(a.transpose().singular_values_wide(), Err(Error::NonFinite));
        assert_eq!(a.rank(), Err(Error::NonFinite));
        assert_eq!(a.cond(), Err(Error::NonFinite));
        assert_eq!(a.norm_spectral(), Err(Error::NonFinite));
        assert_eq!(a.norm_nuclear(), Err(Error::NonFinite));
        assert_eq!(a.pseudo_inverse(), Err(Error::NonFinite));
        assert_eq!(a.transpose().pseudo_inverse(), Err(Error::NonFinite));
    }
}

#[test]
fn bidiagonal_method_on_exact_cases_and_bad_input() {
    let m = SvdMethod::BidiagonalQr;
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let a = matrix![1.0, 2.0; bad, 4.0; 5.0, 6.0];
        assert_eq!(a.svd_by(m), Err(Error::NonFinite));
        assert_eq!(a.singular_values_by(m), Err(Error::NonFinite));
        assert_eq!(a.transpose().svd_wide_by(m), Err(Error::NonFinite));
    }
    assert_eq!(
        Matrix::<f64, 2, 2>::full(f64::MAX).svd_by(m),
        Err(Error::Overflow)
    );
    // Diagonal input: exact values, sorted, signs moved into V^T.
    let svd = matrix![2.0, 0.0; 0.0, -3.0; 0.0, 0.0].svd_by(m).unwrap();
    assert_eq!(svd.singular_values.to_array(), [3.0, 2.0]);
    assert_eq!(svd.recompose(), matrix![2.0, 0.0; 0.0, -3.0; 0.0, 0.0]);
    // Zero: orthonormal factors all the same.
    let svd = Matrix::<f64, 4, 2>::zeros().svd_by(m).unwrap();
    assert_eq!(svd.singular_values.to_array(), [0.0, 0.0]);
    assert_eq!(svd.u.transpose() * svd.u, Matrix::identity());
    assert_eq!(svd.v_t * svd.v_t.transpose(), Matrix::identity());
    // Wide range: sigma_max = MAX exactly, and 1e20 beside it.
    let s = matrix![f64::MAX, 0.0; 0.0, 1e20]
        .singular_values_by(m)
        .unwrap();
    assert_eq!(s.to_array(), [f64::MAX, 1e20]);
    // A zero on the diagonal inside the bidiagonal matrix (exact rank 2 of 3): chased out.
    let a = matrix![1.0, 1.0, 0.0; 0.0, 0.0, 1.0; 0.0, 0.0, 1.0];
    let svd = a.svd_by(m).unwrap();
    let s = svd.singular_values;
    assert!((s[0] - 2.0f64.sqrt()).abs() <= 8.0 * f64::EPSILON);
    assert!((s[1] - 2.0f64.sqrt()).abs() <= 8.0 * f64::EPSILON);
    assert!(s[2] <= 8.0 * f64::EPSILON);
    assert!((svd.recompose() - a).norm() <= 16.0 * f64::EPSILON);
}

#[test]
fn extreme_magnitudes() {
    // sigma_max = 2 * MAX overflows.
    assert_eq!(
        Matrix::<f64, 2, 2>::full(f64::MAX).svd(),
        Err(Error::Overflow)
    );
    assert_eq!(
        Matrix::<f32, 2, 2>::full(f32::MAX).singular_values(),
        Err(Error::Overflow)
    );
    // sigma_max = MAX itself is fine, exactly, and so is a singular value 1e-288 times
    // smaller (above the 1e-292 at which a scaled row counts as zero).
    let s = matrix![f64::MAX, 0.0; 0.0, 1e20].singular_values().unwrap();
    assert_eq!(s.to_array(), [f64::MAX, 1e20]);
    let s = matrix![f64::MAX, 0.0; 0.0, 1.0].singular_values().unwrap();
    assert_eq!(s.to_array(), [f64::MAX, 0.0]);
    // f32: a ratio of 1e-20 is kept exactly.
    let s = matrix![1e-10f32, 0.0; 0.0, 1e10].singular_values().unwrap();
    assert_eq!(s.to_array(), [1e10, 1e-10]);
    // Subnormal input is scaled up exactly: the all-ones values, times the scale.
    let tiny = f64::from_bits(1 << 20); // 2^-1054
    let a = Matrix::<f64, 3, 3>::full(tiny);
    let s = a.singular_values().unwrap();
    assert!((s[0] - 3.0 * tiny).abs() <= THRESH * 3.0 * f64::EPSILON * 3.0 * tiny);
    // A pseudo-inverse that overflows is an error, not infinities.
    let a = matrix![1e-310, 0.0; 0.0, 1e-310];
    assert_eq!(a.pseudo_inverse(), Err(Error::Overflow));
}

// --- properties ---------------------------------------------------------------------------

/// Values in [-1, 1) times 10^k; `rank` below min(R, C) makes a product of random factors.
fn random_matrix<const R: usize, const C: usize>() -> impl Strategy<Value = Matrix<f64, R, C>> {
    (prop::collection::vec(-1.0f64..1.0, R * C), -30i32..30).prop_map(|(v, k)| {
        let scale = 10f64.powi(k);
        Matrix::from_fn(|i, j| v[i * C + j] * scale)
    })
}

macro_rules! svd_properties {
    ($($name:ident: $r:literal x $c:literal, $method:ident, $values:ident;)*) => {$(
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(32))]
            #[test]
            fn $name(
                a in random_matrix::<$r, $c>(),
                x in random_matrix::<$r, 2>(),
                y in random_matrix::<$c, 2>(),
            ) {
                for m in METHODS {
                let name = &format!("{} ({m:?})", stringify!($name));
                let s = check_factors(name, &a, &a.$method(m).unwrap(), &a.$values(m).unwrap());
                let a32 = a.map(|x| x as f32);
                check_factors(name, &a32, &a32.$method(m).unwrap(), &a32.$values(m).unwrap());
                // Sum of squares of the singular values = |A|_F^2: each s_i within Weyl's
                // bound d of the exact one, so the sums differ by at most K d (2 s_max + d).
                let n = $r.max($c) as f64;
                let fro2 = a.norm() * a.norm();
                let tol = 3.0 * s.len() as f64 * THRESH * n * f64::EPSILON * fro2;
                prop_assert!((s.iter().map(|v| v * v).sum::<f64>() - fro2).abs() <= tol);
                // A rank-2 product X Y^T: rounding each entry (two products and a sum) is a
                // perturbation of Frobenius norm at most 2 eps |X|_F |Y|_F, so (Weyl) the
                // singular values past the second are at most that plus our backward error.
                let low = x * y.transpose();
                let s_low = check_factors(name, &low, &low.$method(m).unwrap(), &low.$values(m).unwrap());
                let bound = 2.0 * f64::EPSILON * x.norm() * y.norm()
                    + THRESH * n * f64::EPSILON * s_low[0];
                for &v in s_low.iter().skip(2) {
                    prop_assert!(v <= bound, "{} > {}", v, bound);
                }
                }
            }
        }
    )*};
}

svd_properties! {
    random_1x1: 1 x 1, svd_by, singular_values_by;
    random_2x2: 2 x 2, svd_by, singular_values_by;
    random_3x3: 3 x 3, svd_wide_by, singular_values_wide_by;
    random_4x2: 4 x 2, svd_by, singular_values_by;
    random_2x5: 2 x 5, svd_wide_by, singular_values_wide_by;
    random_5x1: 5 x 1, svd_by, singular_values_by;
    random_6x6: 6 x 6, svd_by, singular_values_by;
    random_7x3: 7 x 3, svd_by, singular_values_by;
    random_3x9: 3 x 9, svd_wide_by, singular_values_wide_by;
    random_10x10: 10 x 10, svd_by, singular_values_by;
}
