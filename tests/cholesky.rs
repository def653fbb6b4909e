//! Cholesky factorization, its solve, determinant and inverse, against exact references
//! and the error bounds of the theory.
//!
//! `tests/fixtures/cholesky.json` is written by `tests/fixtures/gen_lu_cholesky.py`: f64
//! and f32 symmetric matrices of sizes 1, 2, 3, 4, 6, 8, 16 from the families SPD
//! (`G G^T + n I`), Gram (`G G^T`), Hilbert, identity, diagonal (1e-6..1e6), graded
//! (eigenvalues 1..1e-12), diagonally scaled SPD, SPD scaled to 1e+150 and 1e-150 (1e+18 and
//! 1e-18 in f32), zero, all-ones, indefinite, SPD with one negative diagonal entry, nearly
//! semidefinite (`G G^T + 1e-9 I` with rank-deficient `G`) and semidefinite. Each case says
//! whether Cholesky must succeed (`ok`), must fail at a given column (`fail`), or may do
//! either from a given column on (`either`), from the eigenvalues of its leading blocks
//! (Higham Thm. 10.7 and its converse, see the generator); `ok` cases carry the exact
//! determinant, inverse and the solutions of three right-hand sides.
//!
//! # Error bounds
//!
//! Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed.); `u = eps / 2`,
//! `gamma_k = k u / (1 - k u)`, `|M|` elementwise, inequalities elementwise.
//!
//! - Factorization, Thm. 10.3: `L L^T = A + dA`, `|dA| <= gamma_{n+1} |L| |L^T|`, checked
//!   elementwise. Normwise: `(|L| |L^T|)_ij <= ||l_i|| ||l_j||` and
//!   `||l_i||^2 = a_ii + dA_ii <= a_ii / (1 - gamma_{n+1})`, so
//!   `||L L^T - A||_inf <= n gamma_{n+1} / (1 - gamma_{n+1}) max_i a_ii`, also checked.
//! - Solve, Thm. 10.4: `(A + dA) x = b`, `|dA| <= gamma_{3n+1} |L| |L^T|`, so
//!   `|b - A x| <= gamma_{3n+1} |L| |L^T| |x|`; forward error `|x - x_exact| <= |A^-1|
//!   |A x - b|`.
//! - Inverse: each column solves `A x = e_j`: `|A X - I| <= gamma_{3n+1} |L| |L^T| |X|`.
//! - Determinant: `prod l_ii^2` is `det(A + dA)` after `2n - 1` roundings (the rescaling is
//!   exact); `|det(A + dA) / det(A) - 1| <= prod_i (1 + r_i) - 1` with `r_i` the row sums
//!   of `gamma_{n+1} |A^-1| |L| |L^T|` (principal-minor expansion of `det(I + A^-1 dA)` and
//!   Hadamard's inequality, as in `tests/lu.rs`).
//!
//! Residuals are evaluated as if in twice the precision and the bounds carry their own
//! evaluation error: see `tests/support/bounds.rs`.

mod support;

use std::ops::Deref;
use support::bounds::*;

use proptest::prelude::*;
use statrix::{Cholesky, Error, Matrix, matrix, vector};
use support::{Float, U64, check_per_dtype};

/// `|L| |L^T|` in f64.
fn llt_abs<T: Float, const N: usize>(chol: &Cholesky<T, N>) -> Mat {
    let l = abs(&to_f64(&chol.l()));
    let lt = abs(&to_f64(&chol.l().transpose()));
    product(&l, &lt)
}

fn scaled(m: &Mat, s: f64) -> Mat {
    m.iter()
        .map(|r| r.iter().map(|x| s * x).collect())
        .collect()
}

#[derive(Debug, PartialEq)]
enum Expect {
    Ok,
    Fail(usize),
    Either(usize),
}

/// A case of `cholesky.json`: the common fields (`SquareCase`, through `Deref`) and the
/// expected outcome.
struct Case {
    square: SquareCase,
    expect: Expect,
}

impl Deref for Case {
    type Target = SquareCase;
    fn deref(&self) -> &SquareCase {
        &self.square
    }
}

fn load_cases() -> Vec<Case> {
    support::fixture_cases("cholesky.json")
        .iter()
        .map(|c| {
            let index = c["index"].as_u64().map(|i| i as usize);
            let expect = match (c["expect"].as_str().expect("expect"), index) {
                ("ok", None) => Expect::Ok,
                ("fail", Some(i)) => Expect::Fail(i),
                ("either", Some(i)) => Expect::Either(i),
                (e, i) => panic!("bad expectation {e:?} {i:?}"),
            };
            Case {
                square: SquareCase::from_json(c),
                expect,
            }
        })
        .collect()
}

/// The worst observed ratios of error to bound, for the record (`--nocapture`).
#[derive(Default, Debug)]
struct Worst {
    factor_componentwise: f64,
    factor_normwise_n_eps: f64,
    solve_residual: f64,
    inverse_residual: f64,
    succeeded: usize,
    failed: usize,
}

fn check_case<T: Float, const N: usize>(case: &Case, worst: &mut Worst) {
    let name = case.name.as_str();
    let a: Matrix<T, N, N> = matrix_from(&case.a);
    let a64 = to_f64(&a);
    let result = a.cholesky();
    // Garbage (even NaN) above the diagonal changes nothing: only the lower triangle is read.
    let garbled = Matrix::<T, N, N>::from_fn(|i, j| if j > i { T::nan() } else { a[(i, j)] });
    assert_eq!(
        garbled.cholesky(),
        result,
        "{name}: the upper triangle was read"
    );
    let chol = match (&case.expect, result) {
        (Expect::Ok, Ok(c)) => c,
        (Expect::Either(from), Ok(c)) => {
            let _ = from;
            c
        }
        (Expect::Fail(i), Err(Error::NotPositiveDefinite { index })) => {
            assert_eq!(index, *i, "{name}: failing column");
            worst.failed += 1;
            return;
        }
        (Expect::Either(from), Err(Error::NotPositiveDefinite { index })) => {
            assert!(
                index >= *from,
                "{name}: failed at {index}, before column {from}"
            );
            worst.failed += 1;
            return;
        }
        (e, r) => panic!("{name}: expected {e:?}, got {r:?}"),
    };
    worst.succeeded += 1;
    let l = to_f64(&chol.l());
    for (i, row) in l.iter().enumerate() {
        let d = row[i];
        assert!(d > 0.0 && d.is_finite(), "{name}: l_{i}{i} = {d}");
        assert!(
            row[i + 1..].iter().all(|&x| x == 0.0),
            "{name}: L not lower triangular"
        );
    }

    // Thm. 10.3: |L L^T - A| <= gamma_{n+1} |L| |L^T|.
    let llt = llt_abs(&chol);
    let g = gamma::<T>(N + 1);
    let (r, r_err) = residual(&l, &to_f64(&chol.l().transpose()), &a64);
    let ratio = assert_within(&format!("{name}: L L^T - A"), &r, &scaled(&llt, g), &r_err);
    worst.factor_componentwise = worst.factor_componentwise.max(ratio);
    let max_diag = (0..N).map(|i| a64[i][i]).fold(0.0, f64::max);
    let normwise = norm_inf(&r);
    let nw_bound =
        N as f64 * g / (1.0 - g) * max_diag * SLACK + r_err.iter().flatten().sum::<f64>();
    assert!(
        normwise <= nw_bound,
        "{name}: ||L L^T - A|| = {normwise:e} > {nw_bound:e}"
    );
    let n_eps = N as f64 * 2.0 * T::U * norm_inf(&a64);
    worst.factor_normwise_n_eps = worst.factor_normwise_n_eps.max(normwise / n_eps);

    let g3 = gamma::<T>(3 * N + 1);
    let refs = (&case.inverse, &case.b, &case.x);

    // Determinant.
    if let (Some(inv), _, _) = refs {
        let m = scaled(&product(&abs(inv), &llt), g * (1.0 + 2.0 * U64));
        let mut rel = 1.0 + gamma::<T>(2 * N - 1);
        for row in &m {
            rel *= 1.0 + row.iter().sum::<f64>();
        }
        check_det(&format!("{name}: det"), chol.det(), case.det, rel - 1.0);
    }

    // Solve: the fixture's right-hand sides, or (for `either` cases) e_1 + ... + e_n.
    let b: Matrix<T, N, 3> = match refs.1 {
        Some(b) => matrix_from(b),
        None => Matrix::ones(),
    };
    let x = chol
        .solve(&b)
        .unwrap_or_else(|e| panic!("{name}: solve failed: {e}"));
    for j in 0..3 {
        assert_eq!(
            chol.solve(&b.col(j)),
            Ok(x.col(j)),
            "{name}: column {j} alone"
        );
    }
    let x64 = to_f64(&x);
    let (r, r_err) = residual(&a64, &x64, &to_f64(&b));
    let bound = scaled(&product(&llt, &abs(&x64)), g3);
    let ratio = assert_within(&format!("{name}: A x - b"), &r, &bound, &r_err);
    worst.solve_residual = worst.solve_residual.max(ratio);
    if let (Some(inv), _, Some(x_exact)) = refs {
        check_forward(&format!("{name}: x"), &x64, x_exact, inv, &r, &r_err);
    }

    // Inverse.
    let inv = chol
        .inverse()
        .unwrap_or_else(|e| panic!("{name}: inverse failed: {e}"));
    let inv64 = to_f64(&inv);
    let (r, r_err) = residual(&a64, &inv64, &identity(N));
    let bound = scaled(&product(&llt, &abs(&inv64)), g3);
    let ratio = assert_within(&format!("{name}: A X - I"), &r, &bound, &r_err);
    worst.inverse_residual = worst.inverse_residual.max(ratio);
    if let (Some(inv_exact), _, _) = refs {
        check_forward(
            &format!("{name}: X"),
            &inv64,
            inv_exact,
            inv_exact,
            &r,
            &r_err,
        );
    }
}

#[test]
fn fixtures_meet_the_error_bounds() {
    let cases = load_cases();
    assert!(cases.len() > 150, "cholesky.json has {} cases", cases.len());
    check_per_dtype(
        &cases,
        |c| c.dtype.as_str(),
        |case, worst: &mut Worst| by_size!(case, check_case(worst); [1, 2, 3, 4, 6, 8, 16]),
    );
}

// --- documented behaviours ------------------------------------------------------------------

#[test]
fn textbook_example_is_exact() {
    let a = matrix![4.0, 12.0, -16.0; 12.0, 37.0, -43.0; -16.0, -43.0, 98.0];
    let chol = a.cholesky().unwrap();
    assert_eq!(
        chol.l(),
        matrix![2.0, 0.0, 0.0; 6.0, 1.0, 0.0; -8.0, 5.0, 3.0]
    );
    assert_eq!(chol.det(), 36.0);
    assert_eq!(
        chol.solve(&vector![4.0, 12.0, -16.0]),
        Ok(vector![1.0, 0.0, 0.0])
    );
}

#[test]
fn not_positive_definite_reports_the_column() {
    assert_eq!(
        Matrix::<f64, 4, 4>::ones().cholesky(),
        Err(Error::NotPositiveDefinite { index: 1 })
    );
    assert_eq!(
        Matrix::<f32, 3, 3>::zeros().cholesky(),
        Err(Error::NotPositiveDefinite { index: 0 })
    );
    assert_eq!(
        matrix![-1.0].cholesky(),
        Err(Error::NotPositiveDefinite { index: 0 })
    );
    assert_eq!(
        matrix![1.0, 2.0; 2.0, 1.0].cholesky(),
        Err(Error::NotPositiveDefinite { index: 1 })
    );
    // Pivots that cancel to exactly zero: semidefinite.
    let huge = matrix![1e308, 1e308; 1e308, 1e308];
    assert_eq!(
        huge.cholesky(),
        Err(Error::NotPositiveDefinite { index: 1 })
    );
    // l_10 = 1e300 / 1e-150 overflows; the next pivot is 1 - inf: not an overflow error
    // but the truth (det = 1e-300 - 1e600 < 0).
    let a = matrix![1e-300, 1e300; 1e300, 1.0];
    assert_eq!(a.cholesky(), Err(Error::NotPositiveDefinite { index: 1 }));
}

#[test]
fn non_finite_input_is_reported_in_the_lower_triangle_only() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(
            matrix![4.0, 1.0; bad, 4.0].cholesky(),
            Err(Error::NonFinite)
        );
        assert_eq!(
            matrix![bad, 1.0; 1.0, 4.0].cholesky(),
            Err(Error::NonFinite)
        );
        // np.linalg.cholesky ignores the upper triangle too.
        let upper = matrix![4.0, bad; 2.0, 5.0].cholesky().unwrap();
        assert_eq!(upper.l(), matrix![2.0, 0.0; 1.0, 2.0]);
        assert_eq!(upper.solve(&vector![bad, 1.0]), Err(Error::NonFinite));
    }
}

#[test]
fn overflow_is_an_error_not_inf() {
    let chol = matrix![1e-300f64, 0.0; 0.0, 1.0].cholesky().unwrap();
    assert_eq!(chol.solve(&vector![1e10, 0.0]), Err(Error::Overflow));
    // x_0 = (1 / l_00) / l_00 with l_00 = sqrt(1e-300): three roundings.
    let x = chol.solve(&vector![1.0, 2.0]).unwrap();
    assert!(
        (x[0] - 1e300).abs() <= 2.0 * f64::EPSILON * 1e300 && x[1] == 2.0,
        "{x:?}"
    );
    let tiny = matrix![1e-310, 0.0; 0.0, 1.0].cholesky().unwrap();
    assert_eq!(tiny.inverse(), Err(Error::Overflow));
    // The determinant overflows to inf, as NumPy's.
    let big = matrix![1e300, 0.0; 0.0, 1e300].cholesky().unwrap();
    assert_eq!(big.det(), f64::INFINITY);
    // The product is rescaled: l = 1e150, 1e150, 1e-150, 1e-150 and det = 1.
    let d = Matrix::<f64, 4, 4>::from_fn(|i, j| {
        if i != j {
            0.0
        } else {
            [1e300, 1e300, 1e-300, 1e-300][i]
        }
    });
    let det = d.cholesky().unwrap().det();
    assert!((det - 1.0).abs() <= 8.0 * f64::EPSILON, "{det}");
}

#[test]
fn empty_matrix() {
    let chol = Matrix::<f64, 0, 0>::zeros().cholesky().unwrap();
    assert_eq!(chol.det(), 1.0);
    assert_eq!(chol.inverse(), Ok(Matrix::zeros()));
}

// --- properties -----------------------------------------------------------------------------

/// `B B^T + I/10`: `lambda_min(A) >= 1/10` and `max a_ii <= n + 1/10`, so the unit-diagonal
/// scaling has `lambda_min(H) >= 1 / (10 n + 1)`, far above Thm. 10.7's `n gamma_{n+1}`:
/// the factorization must succeed, and meet Thm. 10.3 and 10.4.
fn spd_identities<const N: usize>(bv: &[f64], rhs: &[f64]) {
    let b = Matrix::<f64, N, N>::from_fn(|i, j| bv[i * N + j]);
    let a = b * b.transpose() + Matrix::identity() * 0.1;
    let chol = a.cholesky().expect("SPD input factors");
    let a64 = to_f64(&a);
    let llt = llt_abs(&chol);
    let (r, r_err) = residual(&to_f64(&chol.l()), &to_f64(&chol.l().transpose()), &a64);
    assert_within("L L^T - A", &r, &scaled(&llt, gamma::<f64>(N + 1)), &r_err);
    let rhs = Matrix::<f64, N, 1>::from_fn(|i, _| rhs[i]);
    let x = chol.solve(&rhs).expect("solve");
    let x64 = to_f64(&x);
    let (r, r_err) = residual(&a64, &x64, &to_f64(&rhs));
    let bound = scaled(&product(&llt, &abs(&x64)), gamma::<f64>(3 * N + 1));
    assert_within("A x - b", &r, &bound, &r_err);
    let inv = to_f64(&chol.inverse().expect("inverse"));
    let (r, r_err) = residual(&a64, &inv, &identity(N));
    let bound = scaled(&product(&llt, &abs(&inv)), gamma::<f64>(3 * N + 1));
    assert_within("A X - I", &r, &bound, &r_err);
    assert!(chol.det() > 0.0);
}

/// Never panics and keeps its contract on any input.
fn never_panics<const N: usize>(v: &[f64], rhs: &[f64]) {
    let a = Matrix::<f64, N, N>::from_fn(|i, j| v[i * N + j]);
    let lower_finite = (0..N).all(|i| (0..=i).all(|j| a[(i, j)].is_finite()));
    match a.cholesky() {
        Ok(chol) => {
            assert!(lower_finite);
            let l = chol.l();
            assert!(l.iter().all(|x| x.is_finite()), "L must be finite");
            assert!(
                (0..N).all(|i| l[(i, i)] > 0.0),
                "L's diagonal must be positive"
            );
            let _ = chol.det();
            let b = Matrix::<f64, N, 1>::from_fn(|i, _| rhs[i]);
            for r in [
                chol.solve(&b).map(|m| m.iter().all(|x| x.is_finite())),
                chol.inverse().map(|m| m.iter().all(|x| x.is_finite())),
            ] {
                match r {
                    Ok(finite) => assert!(finite),
                    Err(Error::Overflow | Error::NonFinite) => {}
                    Err(e) => panic!("unexpected {e}"),
                }
            }
        }
        Err(Error::NonFinite) => assert!(!lower_finite),
        Err(Error::NotPositiveDefinite { index }) => assert!(lower_finite && index < N),
        Err(e) => panic!("unexpected {e}"),
    }
    let _ = a
        .map(|x| x as f32)
        .cholesky()
        .map(|c| (c.det(), c.inverse()));
}

fn wild(n: usize) -> impl Strategy<Value = Vec<f64>> {
    const SPECIAL: &[f64] = &[
        0.0,
        1.0,
        -1.0,
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e200,
        1e-200,
    ];
    support::wild_from(SPECIAL, 0.5..2.0, n)
}

macro_rules! properties {
    ($($name:ident => $n:literal),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(48))]
                #[test]
                fn spd_meets_the_bounds(
                    b in proptest::collection::vec(-1.0f64..1.0, $n * $n),
                    rhs in proptest::collection::vec(-1.0f64..1.0, $n),
                ) {
                    spd_identities::<$n>(&b, &rhs);
                }
                #[test]
                fn arbitrary_input_never_panics(a in wild($n * $n), rhs in wild($n)) {
                    never_panics::<$n>(&a, &rhs);
                }
            }
        }
    )*};
}

properties!(n1 => 1, n2 => 2, n3 => 3, n4 => 4, n5 => 5, n6 => 6);
