//! Least squares through the SVD against NumPy's `np.linalg.lstsq(a, b, rcond=None)`
//! (`tests/fixtures/lstsq.json`, written by `gen_eigh_svd.py`): full-rank and
//! rank-deficient, overdetermined, square and underdetermined systems, one and two
//! right-hand sides, f32 and f64.
//!
//! # Bounds
//!
//! With `n = max(R, C)`, `eps` the element type's epsilon, `THRESH = 35` (LAPACK's SVD test
//! threshold, `TESTING/svd.in`) and the SVD's backward error `THRESH * n * eps * |A|`:
//!
//! - solution: the least-squares perturbation bound (Higham, *Accuracy and Stability of
//!   Numerical Algorithms*, 2nd ed., Theorem 20.1; Wedin for the rank-deficient case with
//!   the cutoff far from the kept singular values): `|x_hat - x| <= THRESH * n * (eps +
//!   eps_f64) * kappa * (2 |x| + (kappa + 1) |r| / s_max)`, where `kappa = s_max /
//!   s_min_kept` and `r = b - A x`; the `eps_f64` term is the reference's own error;
//! - residuals `|r|^2`: computing `r = b - A x` rounds by at most `d = THRESH * n * eps *
//!   (|b| + s_max |x|)`, so `| |r_hat|^2 - |r|^2 | <= 2 |r| d + d^2` (the solution's error
//!   moves `|r|` only to second order: `r` is orthogonal to the range of `A`).

mod support;

// lstsq.json stores each matrix as a flat row-major list.
use serde_json::Value;
use statrix::{Error, Matrix, matrix, vector};
use support::{Float, eps, matrix_from_flat as matrix_from, parse, parse_list, to_f64};

/// LAPACK's test threshold for the SVD (`TESTING/svd.in`).
const THRESH: f64 = 35.0;

/// Checks a result against the case; `s` are the computed singular values and `values`
/// the ones `singular_values()` gives for the same matrix.
#[allow(clippy::too_many_arguments)]
fn check_result<T: Float, const R: usize, const C: usize, const K: usize, const S: usize>(
    case: &Value,
    a: &Matrix<T, R, C>,
    b: &Matrix<T, R, K>,
    solution: &Matrix<T, C, K>,
    residuals: Option<Vec<f64>>,
    rank: usize,
    s: &[T; S],
    values: &[T; S],
) {
    let name = case["name"].as_str().expect("a name");
    assert_eq!(
        s, values,
        "{name}: singular values differ from singular_values()"
    );
    assert_eq!(
        rank as u64,
        case["rank"].as_u64().expect("rank"),
        "{name}: rank"
    );
    let s_ref = parse_list(&case["s"]);
    let s_max = s_ref.first().copied().unwrap_or(0.0);
    let kappa: f64 = parse(&case["kappa"]);
    let n = R.max(C) as f64;
    let (a64, b64) = (to_f64(a), to_f64(b));
    let x_ref: Matrix<f64, C, K> = matrix_from(&case["x"]);
    let x = to_f64(solution);
    let r_ref = b64 - a64 * x_ref;
    for k in 0..K {
        let (xk, xk_ref, rk) = (x.col(k), x_ref.col(k), r_ref.col(k));
        let err = (xk - xk_ref).norm();
        let scale = if s_max > 0.0 {
            (kappa + 1.0) * rk.norm() / s_max
        } else {
            0.0
        };
        let bound =
            THRESH * n * (eps::<T>() + f64::EPSILON) * kappa * (2.0 * xk_ref.norm() + scale);
        assert!(
            err <= bound,
            "{name}: solution column {k}: error {err:e} > {bound:e}"
        );
    }
    match (residuals, case["residuals"].as_array()) {
        (None, None) => {}
        (Some(got), Some(_)) => {
            let want = parse_list(&case["residuals"]);
            for k in 0..K {
                let d = THRESH * n * eps::<T>() * (b64.col(k).norm() + s_max * x_ref.col(k).norm());
                let r = want[k].sqrt();
                let bound = 2.0 * r * d + d * d;
                assert!(
                    (got[k] - want[k]).abs() <= bound,
                    "{name}: residual {k}: {:e} vs {:e}",
                    got[k],
                    want[k]
                );
            }
        }
        (got, _) => panic!("{name}: residuals {got:?} vs NumPy's {}", case["residuals"]),
    }
}

fn check_tall<T: Float, const R: usize, const C: usize, const K: usize>(case: &Value) {
    let name = case["name"].as_str().expect("a name");
    let a: Matrix<T, R, C> = matrix_from(&case["a"]);
    let b: Matrix<T, R, K> = matrix_from(&case["b"]);
    let fit = a.lstsq(&b).unwrap_or_else(|e| panic!("{name}: lstsq: {e}"));
    let residuals = fit.residuals.map(|r| r.iter().map(|&x| x.into()).collect());
    let values = a.singular_values().expect("singular values");
    check_result(
        case,
        &a,
        &b,
        &fit.solution,
        residuals,
        fit.rank,
        &fit.singular_values.to_array(),
        &values.to_array(),
    );
}

fn check_wide<T: Float, const R: usize, const C: usize, const K: usize>(case: &Value) {
    let name = case["name"].as_str().expect("a name");
    let a: Matrix<T, R, C> = matrix_from(&case["a"]);
    let b: Matrix<T, R, K> = matrix_from(&case["b"]);
    let fit = a
        .lstsq_wide(&b)
        .unwrap_or_else(|e| panic!("{name}: lstsq_wide: {e}"));
    assert!(
        fit.residuals.is_none(),
        "{name}: a wide system has no residuals"
    );
    let values = a.singular_values_wide().expect("singular values");
    check_result(
        case,
        &a,
        &b,
        &fit.solution,
        None,
        fit.rank,
        &fit.singular_values.to_array(),
        &values.to_array(),
    );
}

/// A square system goes through both methods.
fn check_square<T: Float, const N: usize, const K: usize>(case: &Value) {
    check_tall::<T, N, N, K>(case);
    check_wide::<T, N, N, K>(case);
}

#[test]
fn matches_numpy_lstsq_on_every_fixture() {
    let cases = support::fixture_cases("lstsq.json");
    assert!(cases.len() > 100);
    for case in &cases {
        by_rows_cols!(case, ["nrhs": 1, 2];
            check_square: [1, 2, 3, 4, 8];
            check_tall: [(3, 1), (4, 2), (6, 3), (8, 4), (16, 6)];
            check_wide: [(1, 3), (2, 4), (3, 6), (6, 16)]);
    }
    println!("{} lstsq cases", cases.len());
}

#[test]
fn minimum_norm_solutions() {
    // Rank-deficient tall: equal columns share the weight.
    let a = matrix![1.0, 1.0; 2.0, 2.0; 3.0, 3.0];
    let fit = a.lstsq(&vector![2.0, 4.0, 6.0]).unwrap();
    assert_eq!(fit.rank, 1);
    assert!(fit.residuals.is_none());
    assert!((fit.solution - vector![1.0, 1.0]).norm() <= 8.0 * f64::EPSILON);

    // Underdetermined: x = A^T (A A^T)^-1 b, here [1, 1, 1] / 3 * 3.
    let fit = matrix![1.0f32, 1.0, 1.0].lstsq_wide(&vector![3.0]).unwrap();
    assert!((fit.solution - vector![1.0, 1.0, 1.0]).norm() <= 8.0 * f32::EPSILON);

    // Zero matrix: x = 0, rank 0, no residuals (not full rank).
    let fit = Matrix::<f64, 3, 2>::zeros()
        .lstsq(&vector![1.0, 2.0, 3.0])
        .unwrap();
    assert_eq!(
        (fit.solution, fit.rank, fit.residuals),
        (Matrix::zeros(), 0, None)
    );

    // Consistent full-rank tall system: exact solution, zero residual.
    let a = matrix![1.0, 0.0; 0.0, 2.0; 0.0, 0.0];
    let fit = a.lstsq(&matrix![1.0, 2.0; 4.0, 6.0; 0.0, 0.0]).unwrap();
    assert_eq!(fit.solution, matrix![1.0, 2.0; 2.0, 3.0]);
    assert_eq!(fit.residuals, Some(vector![0.0, 0.0]));
    assert_eq!(fit.singular_values, vector![2.0, 1.0]);
}

#[test]
fn non_finite_input_is_an_error() {
    let a = matrix![1.0, 0.0; 0.0, 1.0; 1.0, 1.0];
    assert_eq!(a.lstsq(&vector![1.0, f64::NAN, 0.0]), Err(Error::NonFinite));
    assert_eq!(
        a.transpose().lstsq_wide(&vector![f64::INFINITY, 0.0]),
        Err(Error::NonFinite)
    );
    let bad = matrix![1.0, f64::NAN; 0.0, 1.0];
    assert_eq!(bad.lstsq(&vector![1.0, 1.0]), Err(Error::NonFinite));
    assert_eq!(bad.lstsq_wide(&vector![1.0, 1.0]), Err(Error::NonFinite));
}
