//! Householder QR against NumPy's `np.linalg.qr` and the QR least-squares solve against
//! exact (60-digit) least-squares solutions (`tests/fixtures/qr_eig.json`, written by
//! `gen_qr_eig.py`): random, Hilbert, Kahan, graded (singular values down to 1e-12),
//! row-graded, rank-deficient, zero, identity, all-ones of every tall or square shape up
//! to 8 x 8, and entries scaled by 1e+150 / 1e-150 (1e+30 / 1e-30 in f32); square sizes 1,
//! 2, 3, 4, 6, 8, 16 and tall shapes up to 16 x 8; f32 and f64.
//!
//! # Bounds
//!
//! With `m x n` the shape, `eps` the element type's epsilon and `gamma = C_QR * m * n * eps`
//! (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., writes the backward
//! error of Householder QR as `gamma~_{mn} = c m n u / (1 - c m n u)` with "a small integer
//! constant" `c`; we fix `C_QR = 4`, i.e. `c = 8` in units of `u = eps / 2`):
//!
//! - reconstruction: `||Q R - A||_F <= gamma * ||A||_F` (Higham Thm 19.4: `A + dA = Q R`
//!   with `||da_j|| <= gamma~ ||a_j||` column by column, for the computed `R` and an exactly
//!   orthogonal `Q`, which the computed one is within `sqrt(n) gamma~` of);
//! - orthogonality: `||Q^T Q - I||_F <= gamma` (the same theorem; also for `q_full`);
//! - `R` is exactly upper triangular;
//! - NumPy's factors, where the fixture marks them comparable (first-order regime
//!   `cond_2(A) * e < 0.01` with `e = gamma * ||A||_F / ||A||_2`, and every diagonal sign
//!   decided far above rounding): Sun's perturbation bounds for the QR factorization (Sun,
//!   BIT 31, 1991), `||dR||_F <= (1 + sqrt 2) cond e / (1 - cond e) * ||A||_2` and
//!   `||dQ||_F <= (1 + sqrt 2) cond e / (1 - cond e) + sqrt(n) gamma` (the last term is
//!   the computed `Q`'s distance from an orthogonal one), doubled because NumPy's factors
//!   carry the same error as ours;
//! - least squares: the computed solution is the exact one for `A + dA`, `b + db` with
//!   `||dA||_2 <= e ||A||_2`, `||db|| <= e ||b||` (Higham Thm 20.3), so Wedin's bound
//!   (Higham Thm 20.1) gives `||x_hat - x|| <= cond e / (1 - cond e) * (2 ||x|| + (cond +
//!   1) ||r|| / ||A||_2)`, with `r = b - A x` the exact residual.
//!
//! Residuals such as `Q R - A` are evaluated with compensated (twice-the-working-precision)
//! dot products in f64, so that the check does not add rounding of its own.

mod support;

// qr_eig.json stores each matrix as a list of rows.
use proptest::prelude::*;
use serde_json::Value;
use statrix::{Error, Matrix, matrix, vector};
use support::{Float, dot2, eps, mat, matrix_from_rows as matrix_from, parse, to_f64, wild};

/// The constant of the QR backward-error bound, in units of `m * n * eps` (see the module
/// docs).
const C_QR: f64 = 4.0;

/// `||A B - C||_F`, each element by [`dot2`] (from `-c_ij`).
fn product_error<const R: usize, const K: usize, const C: usize>(
    a: &Matrix<f64, R, K>,
    b: &Matrix<f64, K, C>,
    c: &Matrix<f64, R, C>,
) -> f64 {
    Matrix::<f64, R, C>::from_fn(|i, j| dot2((0..K).map(|k| (a[(i, k)], b[(k, j)])), -c[(i, j)]))
        .norm()
}

/// `||Q^T Q - I||_F` by [`dot2`].
fn orthogonality_error<const R: usize, const C: usize>(q: &Matrix<f64, R, C>) -> f64 {
    product_error(&q.transpose(), q, &Matrix::identity())
}

/// The largest ratio of an error to its bound, per kind of check (printed by the fixture
/// test: how much room the bounds leave).
#[derive(Debug, Default)]
struct Worst {
    identities: f64,
    factors: f64,
    least_squares: f64,
}

/// The identities every factorization meets, whatever the input: reconstruction,
/// orthogonality of the thin and full `Q`, `R` triangular, the full `Q` extending the thin.
/// Returns the largest error-to-bound ratio.
fn check_identities<T: Float, const M: usize, const N: usize>(
    a: &Matrix<T, M, N>,
    name: &str,
) -> f64 {
    let qr = a.qr().unwrap_or_else(|e| panic!("{name}: qr: {e}"));
    let (q, r, q_full) = (qr.q(), qr.r(), qr.q_full());
    for i in 0..N {
        for j in 0..i {
            assert!(r[(i, j)] == T::zero(), "{name}: R[{i}][{j}] is not zero");
        }
    }
    for i in 0..M {
        for j in 0..N {
            assert!(
                q_full[(i, j)] == q[(i, j)],
                "{name}: q_full's column {j} is not q's"
            );
        }
    }
    let gamma = C_QR * (M * N) as f64 * eps::<T>();
    let a64 = to_f64(a);
    let norm_a = a64.norm();
    let recon = product_error(&to_f64(&q), &to_f64(&r), &a64);
    assert!(
        recon <= gamma * norm_a,
        "{name}: ||QR - A|| = {recon:e} > {:e}",
        gamma * norm_a
    );
    let orth = orthogonality_error(&to_f64(&q));
    assert!(
        orth <= gamma,
        "{name}: ||Q^T Q - I|| = {orth:e} > {gamma:e}"
    );
    let orth_full = orthogonality_error(&to_f64(&q_full));
    assert!(
        orth_full <= gamma,
        "{name}: full Q: ||Q^T Q - I|| = {orth_full:e} > {gamma:e}"
    );
    let recon_ratio = if norm_a > 0.0 {
        recon / (gamma * norm_a)
    } else {
        0.0
    };
    recon_ratio.max(orth / gamma).max(orth_full / gamma)
}

fn check_case<T: Float, const M: usize, const N: usize>(case: &Value, worst: &mut Worst) {
    let name = case["name"].as_str().expect("a name");
    let a: Matrix<T, M, N> = matrix_from(&case["a"]);
    worst.identities = worst.identities.max(check_identities(&a, name));
    let qr = a.qr().expect("qr");
    let gamma = C_QR * (M * N) as f64 * eps::<T>();
    let norm_fro: f64 = parse(&case["norm_fro"]);
    let norm_2: f64 = parse(&case["norm_2"]);
    let cond: f64 = parse(&case["cond_2"]);
    let e = gamma * norm_fro / norm_2;
    if case["compare_factors"].as_bool().expect("a flag") {
        let first_order = (1.0 + 2f64.sqrt()) * cond * e / (1.0 - cond * e);
        let q_ref: Matrix<f64, M, N> = matrix_from(&case["q"]);
        let r_ref: Matrix<f64, N, N> = matrix_from(&case["r"]);
        let dq = (to_f64(&qr.q()) - q_ref).norm();
        let bound_q = 2.0 * (first_order + (N as f64).sqrt() * gamma);
        assert!(
            dq <= bound_q,
            "{name}: ||Q - Q_numpy|| = {dq:e} > {bound_q:e}"
        );
        let dr = (to_f64(&qr.r()) - r_ref).norm();
        let bound_r = 2.0 * first_order * norm_2;
        assert!(
            dr <= bound_r,
            "{name}: ||R - R_numpy|| = {dr:e} > {bound_r:e}"
        );
        worst.factors = worst.factors.max(dq / bound_q).max(dr / bound_r);
    }
    if let Some(ls) = case["lstsq"].as_object() {
        let b: Matrix<T, M, 2> = matrix_from(&ls["b"]);
        let x_ref: Matrix<f64, N, 2> = matrix_from(&ls["x"]);
        let resid: Vec<f64> = ls["resid_norm"]
            .as_array()
            .expect("residual norms")
            .iter()
            .map(parse)
            .collect();
        let x = qr
            .solve(&b)
            .unwrap_or_else(|err| panic!("{name}: solve: {err}"));
        let x = to_f64(&x);
        for (k, r_norm) in resid.iter().enumerate() {
            let err = (x.col(k) - x_ref.col(k)).norm();
            let x_norm = x_ref.col(k).norm();
            let bound =
                cond * e / (1.0 - cond * e) * (2.0 * x_norm + (cond + 1.0) * r_norm / norm_2);
            assert!(
                err <= bound,
                "{name}: least squares column {k}: error {err:e} > {bound:e}"
            );
            worst.least_squares = worst.least_squares.max(err / bound);
        }
    }
}

#[test]
fn numpy_fixtures() {
    let cases = support::fixture("qr_eig.json")["qr"]
        .as_array()
        .expect("qr cases");
    assert!(cases.len() > 300);
    let mut worst = Worst::default();
    for case in cases {
        by_dims!(case, ["m", "n"], check_case(case, &mut worst);
            (1, 1), (2, 1), (2, 2), (3, 1), (3, 2), (3, 3), (4, 1), (4, 2), (4, 3), (4, 4),
            (5, 1), (5, 2), (5, 3), (5, 4), (5, 5), (6, 1), (6, 2), (6, 3), (6, 4), (6, 5),
            (6, 6), (7, 1), (7, 2), (7, 3), (7, 4), (7, 5), (7, 6), (7, 7), (8, 1), (8, 2),
            (8, 3), (8, 4), (8, 5), (8, 6), (8, 7), (8, 8), (16, 4), (16, 8), (16, 16));
    }
    eprintln!("largest error / bound: {worst:?}");
}

#[test]
fn signs_follow_numpy() {
    // NumPy: np.linalg.qr([[3, 1], [4, 2], [0, 2]]) gives R = [[-5, -2.2], [0, -2.0396...]].
    let qr = matrix![3.0f64, 1.0; 4.0, 2.0; 0.0, 2.0].qr().unwrap();
    let r = qr.r();
    assert_eq!(r[(0, 0)], -5.0);
    assert!((r[(0, 1)] + 2.2).abs() < 4.0 * f64::EPSILON);
    assert!((r[(1, 1)] + 2.039_607_805_437_114).abs() < 8.0 * f64::EPSILON);
    // An upper-triangular matrix needs no reflection: Q = I, R = A (NumPy agrees).
    let a = matrix![2.0, 1.0; 0.0, 3.0];
    let qr = a.qr().unwrap();
    assert_eq!(qr.r(), a);
    assert_eq!(qr.q(), Matrix::identity());
    // A negative diagonal stays negative when nothing is below it.
    let qr = matrix![-2.0].qr().unwrap();
    assert_eq!((qr.q()[(0, 0)], qr.r()[(0, 0)]), (1.0, -2.0));
}

#[test]
fn errors() {
    let nan = matrix![1.0, f64::NAN; 0.0, 1.0; 2.0, 3.0];
    assert_eq!(nan.qr(), Err(Error::NonFinite));
    let inf = matrix![f32::INFINITY; 1.0];
    assert_eq!(inf.qr(), Err(Error::NonFinite));
    // A column norm past f64::MAX.
    assert_eq!(matrix![f64::MAX; f64::MAX].qr(), Err(Error::Overflow));

    // An exactly zero column gives an exactly zero diagonal element of R.
    let a = matrix![1.0, 0.0, 2.0; 3.0, 0.0, 1.0; 0.0, 0.0, 5.0; 1.0, 0.0, 1.0];
    let qr = a.qr().unwrap();
    assert_eq!(qr.r()[(1, 1)], 0.0);
    let b = vector![1.0, 2.0, 3.0, 4.0];
    assert_eq!(qr.solve(&b), Err(Error::Singular { index: 1 }));
    let ok = matrix![1.0, 2.0; 3.0, 4.0; 5.0, 7.0].qr().unwrap();
    assert_eq!(
        ok.solve(&vector![1.0, f64::NAN, 0.0]),
        Err(Error::NonFinite)
    );
    // A solution past f64::MAX.
    let tiny = matrix![1e-300; 0.0].qr().unwrap();
    assert_eq!(tiny.solve(&vector![1e300, 0.0]), Err(Error::Overflow));
}

#[test]
fn square_systems_are_solved_exactly_where_exact() {
    // A square full-rank system: least squares is the solution of A x = b.
    let a = matrix![2.0f64, 1.0; 1.0, 3.0];
    let x = a.qr().unwrap().solve(&vector![3.0, 5.0]).unwrap();
    assert!((x[0] - 0.8).abs() < 4.0 * f64::EPSILON && (x[1] - 1.4).abs() < 4.0 * f64::EPSILON);
    // Several right-hand sides at once.
    let b = matrix![3.0, 2.0; 5.0, 1.0];
    let x = a.qr().unwrap().solve(&b).unwrap();
    assert!(product_error(&a, &x, &b) <= 16.0 * f64::EPSILON * 6.0);
}

/// Uniform in [-1, 1] (a fifth of them zero) times a power of two in
/// `2^-max_exp..2^max_exp`, one per matrix.
fn entries(n: usize, max_exp: i32) -> impl Strategy<Value = Vec<f64>> {
    let element = prop_oneof![4 => -1.0f64..1.0, 1 => Just(0.0)];
    (proptest::collection::vec(element, n), -max_exp..max_exp)
        .prop_map(|(v, e)| v.into_iter().map(|x| x * 2f64.powi(e)).collect())
}

/// Whatever the input: `NonFinite` exactly when an element is not finite, otherwise finite
/// factors (or `Overflow` for elements near `f64::MAX`), and a least-squares answer or a
/// typed error.
fn never_panics<const M: usize, const N: usize>(a: Matrix<f64, M, N>, b: Matrix<f64, M, 1>) {
    let finite = a.iter().all(|x| x.is_finite());
    match a.qr() {
        Ok(qr) => {
            assert!(finite);
            assert!(qr.q().iter().chain(qr.r().iter()).all(|x| x.is_finite()));
            assert!(qr.q_full().iter().all(|x| x.is_finite()));
            match qr.solve(&b) {
                Ok(x) => assert!(x.iter().all(|v| v.is_finite())),
                Err(Error::NonFinite) => assert!(b.iter().any(|v| !v.is_finite())),
                Err(Error::Singular { index }) => assert!(index < N),
                Err(Error::Overflow) => {}
                Err(e) => panic!("unexpected {e}"),
            }
        }
        Err(Error::NonFinite) => assert!(!finite),
        Err(Error::Overflow) => {
            let big = a.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            assert!(finite && big > f64::MAX / (M as f64).sqrt() / 2.0);
        }
        Err(e) => panic!("unexpected {e}"),
    }
    let _ = a.map(|x| x as f32).qr();
}

macro_rules! properties {
    ($($name:ident => ($m:literal, $n:literal)),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(48))]
                #[test]
                fn reconstruction_and_orthogonality(a in entries($m * $n, 300), b in entries($m * $n, 60)) {
                    check_identities(&mat::<$m, $n>(&a), "proptest f64");
                    check_identities(&mat::<$m, $n>(&b).map(|x| x as f32), "proptest f32");
                }
                #[test]
                fn arbitrary_input_never_panics(a in wild($m * $n), b in wild($m)) {
                    never_panics::<$m, $n>(mat::<$m, $n>(&a), mat::<$m, 1>(&b));
                }
            }
        }
    )*};
}

properties!(s1x1 => (1, 1), s3x2 => (3, 2), s4x4 => (4, 4), s6x3 => (6, 3), s8x8 => (8, 8), s5x1 => (5, 1));
