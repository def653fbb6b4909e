//! LU with partial pivoting, `det`, `inverse`, `solve` and `trace`, against exact
//! references and the error bounds of the theory.
//!
//! `tests/fixtures/lu.json` is written by `tests/fixtures/gen_lu_cholesky.py`: f64 and f32
//! matrices of sizes 1, 2, 3, 4, 6, 8, 16 from the families Gaussian (two draws), Hilbert,
//! Kahan, Wilkinson's growth matrix (growth factor `2^(n-1)`), graded (singular values
//! 1..1e-12, and rows scaled 1..1e-12), zero, identity, diagonal, permutation, small
//! integers, entries scaled to 1e+150 and 1e-150 (1e+18 and 1e-18 in f32), all-ones,
//! numerically rank-deficient, and exactly singular ones (a zero column, a repeated row,
//! exact rank `n - 1` and rank 1). Its references are exact (rational arithmetic on the
//! matrix's own floats, rounded to f64 at the end): the determinant, the inverse, the
//! solutions of three right-hand sides, the column of the first zero pivot; SciPy's pivot
//! order where rounding cannot change it.
//!
//! # Error bounds
//!
//! Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed.); `u = eps / 2` the
//! unit roundoff of the type under test, `gamma_k = k u / (1 - k u)`. `|M|` is the
//! elementwise absolute value, inequalities between matrices are elementwise.
//!
//! - Factorization, Thm. 9.3: `P L U = A + dA`, `|dA| <= gamma_n P |L| |U|`. Checked
//!   elementwise, which implies every normwise form: with `|l_ij| <= 1` (checked) and the
//!   growth factor `rho = max |u_ij| / max |a_ij|` (checked `<= 2^(n-1)` up to rounding),
//!   `|| P L U - A ||_inf <= n^2 rho gamma_n ||A||_inf` (Thm. 9.5's shape), also checked.
//! - Solve, Thm. 9.4: `(A + dA) x = b`, `|dA| <= gamma_3n P |L| |U|`, so the residual obeys
//!   `|b - A x| <= gamma_3n P |L| |U| |x|` (normwise backward stability). The forward error
//!   follows with no further assumption: `x - x_exact = A^-1 (A x - b)`, so
//!   `|x - x_exact| <= |A^-1| |A x - b|`, checked against the exact solution.
//! - Inverse: column `j` solves `A x = e_j`, so `|A X - I| <= gamma_3n P |L| |U| |X|` and
//!   `|X - A^-1| <= |A^-1| |A X - I|`.
//! - Determinant: `prod u_ii = det(P^T (A + dA))`, then `n - 1` roundings in the product
//!   (the rescaling is exact). With `M = A^-1 dA`, `det(A + dA) / det(A) = det(I + M)`, and
//!   `|det(I + M) - 1| <= prod_i (1 + r_i) - 1` where `r_i` is the `i`-th row sum of `|M|`
//!   (expand `det(I + M)` into the principal minors of `M`, bound each by Hadamard's
//!   inequality). `|M| <= gamma_n |A^-1| P |L| |U|`, so
//!   `|det_hat / det - 1| <= (1 + gamma_{n-1}) prod_i (1 + gamma_n g_i) - 1`, `g_i` the row
//!   sums of `|A^-1| P |L| |U|`.
//! - 2x2 closed forms: `det_hat = (a d (1 + d1) - b c (1 + d2))(1 + d3)`, so
//!   `|det_hat - det| <= gamma_2 (|a d| + |b c|) =: beta`; each inverse entry is an exact
//!   adjugate entry divided by `det_hat`, so `|X_hat - X| <= ((beta / (|det| - beta))(1 + u)
//!   + u) |X|`.
//!
//! Residuals are evaluated as if in twice the precision and the bounds carry their own
//! evaluation error: see `tests/support/bounds.rs`.

mod support;

use std::ops::Deref;
use support::bounds::*;

use proptest::prelude::*;
use statrix::{Error, Lu, Matrix, matrix, vector};
use support::{Float, U64, check_per_dtype, indices, mat};

/// `P |L| |U|` of a factorization, in f64.
fn plu_abs<T: Float, const N: usize>(lu: &Lu<T, N>) -> Mat {
    product(
        &abs(&to_f64(&lu.p())),
        &product(&abs(&to_f64(&lu.l())), &abs(&to_f64(&lu.u()))),
    )
}

// --- fixtures -------------------------------------------------------------------------------

/// A case of `lu.json`: the common fields (`SquareCase`, through `Deref`) and LU's own.
struct Case {
    square: SquareCase,
    singular: Option<usize>,
    scipy_p: Vec<usize>,
    pivots_robust: bool,
}

impl Deref for Case {
    type Target = SquareCase;
    fn deref(&self) -> &SquareCase {
        &self.square
    }
}

fn load_cases() -> Vec<Case> {
    support::fixture_cases("lu.json")
        .iter()
        .map(|c| {
            let square = SquareCase::from_json(c);
            assert!(square.b.is_some(), "{}: no b", square.name);
            Case {
                square,
                singular: c["singular"].as_u64().map(|i| i as usize),
                scipy_p: indices(&c["scipy_p"]),
                pivots_robust: c["pivots_robust"].as_bool().expect("pivots_robust"),
            }
        })
        .collect()
}

/// The worst observed ratios of error to bound over the fixtures, for the record (printed
/// with `--nocapture`).
#[derive(Default, Debug)]
struct Worst {
    factor_componentwise: f64,
    factor_normwise_n_eps: f64,
    solve_residual: f64,
    inverse_residual: f64,
    closed_form_inverse_residual: f64,
    zero_pivots_of_nonsingular: usize,
}

/// Everything about one fixture case, for an `N x N` matrix of `T`.
fn check_case<T: Float, const N: usize>(case: &Case, worst: &mut Worst) {
    let name = case.name.as_str();
    let a: Matrix<T, N, N> = matrix_from(&case.a);
    let a64 = to_f64(&a);
    let lu = a
        .lu()
        .unwrap_or_else(|e| panic!("{name}: lu() failed: {e}"));
    let (l, u, p) = (to_f64(&lu.l()), to_f64(&lu.u()), to_f64(&lu.p()));

    // Structure: unit lower L with |l_ij| <= 1, upper U, P the permutation of `permutation`.
    let perm = lu.permutation();
    for i in 0..N {
        for j in 0..N {
            match i.cmp(&j) {
                std::cmp::Ordering::Greater => {
                    assert!(l[i][j].abs() <= 1.0, "{name}: |l_{i}{j}| > 1");
                    assert_eq!(u[i][j], 0.0, "{name}: U not upper triangular");
                }
                std::cmp::Ordering::Equal => assert_eq!(l[i][j], 1.0, "{name}: L's diagonal"),
                std::cmp::Ordering::Less => assert_eq!(l[i][j], 0.0, "{name}: L not lower"),
            }
            let expected = if perm[i] == j { 1.0 } else { 0.0 };
            assert_eq!(p[i][j], expected, "{name}: P disagrees with permutation()");
        }
    }
    if case.pivots_robust {
        assert_eq!(
            perm.to_vec(),
            case.scipy_p,
            "{name}: pivot order differs from SciPy's"
        );
    }
    assert_eq!(
        lu.is_singular(),
        lu.first_zero_pivot().is_some(),
        "{name}: is_singular"
    );

    // Thm. 9.3, elementwise: |P L U - A| <= gamma_n P |L| |U|.
    let plu = plu_abs(&lu);
    let (r, r_err) = residual(&product(&p, &l), &u, &a64);
    let g_n = gamma::<T>(N);
    let bound: Mat = plu
        .iter()
        .map(|row| row.iter().map(|x| g_n * x).collect())
        .collect();
    let ratio = assert_within(&format!("{name}: P L U - A"), &r, &bound, &r_err);
    worst.factor_componentwise = worst.factor_componentwise.max(ratio);
    // Growth factor, and the normwise consequence ||P L U - A|| <= n^2 rho gamma_n ||A||.
    let max_a = max_abs(&a64);
    let rho = if max_a > 0.0 {
        max_abs(&u) / max_a
    } else {
        0.0
    };
    let growth_limit = 2f64.powi(N as i32 - 1) * (1.0 + T::U).powi(2 * N as i32);
    assert!(rho <= growth_limit, "{name}: growth factor {rho} > 2^(n-1)");
    let normwise = norm_inf(&r);
    let nw_bound =
        (N * N) as f64 * rho * g_n * norm_inf(&a64) * SLACK + r_err.iter().flatten().sum::<f64>();
    assert!(
        normwise <= nw_bound,
        "{name}: ||P L U - A|| = {normwise:e} > {nw_bound:e}"
    );
    if norm_inf(&a64) > 0.0 {
        let n_eps = N as f64 * 2.0 * T::U * norm_inf(&a64);
        worst.factor_normwise_n_eps = worst.factor_normwise_n_eps.max(normwise / n_eps);
    }

    // Determinant: Lu::det against the exact one; Matrix::det is the same for N != 2 and
    // the closed form for N == 2.
    let det_lu = lu.det();
    let det_mat = a.det();
    match (&case.inverse, case.singular) {
        (_, Some(index)) => {
            // Exactly singular for a structural reason: the zero pivot must appear, there.
            assert_eq!(
                lu.first_zero_pivot(),
                Some(index),
                "{name}: first zero pivot"
            );
            assert_eq!(det_lu.f64(), 0.0, "{name}: Lu::det of a singular matrix");
            assert_eq!(det_mat.f64(), 0.0, "{name}: det of a singular matrix");
        }
        (Some(inv), None) => {
            let g = product(&abs(inv), &plu);
            let mut rel = 1.0 + gamma::<T>(N.saturating_sub(1));
            for row in &g {
                rel *= 1.0 + g_n * row.iter().sum::<f64>() * (1.0 + 2.0 * U64);
            }
            if let Some(index) = lu.first_zero_pivot() {
                // An exact zero pivot on a non-singular matrix: P L U is a singular matrix
                // within Thm. 9.3's dA of A. Then det(A + dA) = 0, which the bound must
                // allow: a relative change of det of at least 1.
                assert!(
                    rel - 1.0 >= 1.0 / SLACK,
                    "{name}: zero pivot at {index}, but det can move only by {:e}",
                    rel - 1.0
                );
                worst.zero_pivots_of_nonsingular += 1;
                let err = Error::Singular { index };
                assert_eq!(
                    lu.solve(&matrix_from::<T, N, 3>(case.b.as_ref().expect("b"))),
                    Err(err),
                    "{name}"
                );
                assert_eq!(lu.inverse(), Err(err), "{name}: Lu::inverse");
                assert_eq!(det_lu.f64(), 0.0, "{name}: Lu::det with a zero pivot");
                return;
            }
            check_det(&format!("{name}: Lu::det"), det_lu, case.det, rel - 1.0);
            if N == 2 {
                let beta = gamma::<T>(2) * (a64[0][0] * a64[1][1]).abs()
                    + gamma::<T>(2) * (a64[0][1] * a64[1][0]).abs();
                let exact = case.det.map_or(0.0, |(m, e)| ldexp(m, e));
                let d: f64 = det_mat.into();
                assert!(
                    (d - exact).abs() <= beta * SLACK + U64 * exact.abs(),
                    "{name}: closed-form det {d:e}, exact {exact:e}, bound {beta:e}"
                );
            } else {
                assert_eq!(
                    det_mat.f64(),
                    det_lu.f64(),
                    "{name}: det differs from Lu::det"
                );
            }
        }
        (None, None) => panic!("{name}: a non-singular case without an inverse"),
    }

    // Solve and inverse.
    let b: Matrix<T, N, 3> = matrix_from(case.b.as_ref().expect("b"));
    if let Some(index) = case.singular {
        let err = Error::Singular { index };
        assert_eq!(lu.solve(&b), Err(err), "{name}: Lu::solve");
        assert_eq!(a.solve(&b), Err(err), "{name}: solve");
        assert_eq!(lu.inverse(), Err(err), "{name}: Lu::inverse");
        assert_eq!(a.inverse(), Err(err), "{name}: inverse");
        return;
    }
    let (Some(inv_exact), Some(x_exact)) = (&case.inverse, &case.x) else {
        panic!("{name}: missing references");
    };
    let x = lu
        .solve(&b)
        .unwrap_or_else(|e| panic!("{name}: solve failed: {e}"));
    assert_eq!(
        a.solve(&b),
        Ok(x),
        "{name}: Matrix::solve differs from Lu::solve"
    );
    // Factor once, solve many: one column at a time gives the same bits.
    for j in 0..3 {
        let xj = lu.solve(&b.col(j)).expect("column solve");
        assert_eq!(xj, x.col(j), "{name}: column {j} solved alone differs");
    }
    let x64 = to_f64(&x);
    // Thm. 9.4: |A x - b| <= gamma_3n P |L| |U| |x|.
    let g_3n = gamma::<T>(3 * N);
    let (r, r_err) = residual(&a64, &x64, &to_f64(&b));
    let bound: Mat = product(&plu, &abs(&x64))
        .iter()
        .map(|row| row.iter().map(|v| g_3n * v).collect())
        .collect();
    let ratio = assert_within(&format!("{name}: A x - b"), &r, &bound, &r_err);
    worst.solve_residual = worst.solve_residual.max(ratio);
    // Forward error: |x - x_exact| <= |A^-1| (|r| + r_err), plus the references' rounding.
    check_forward(&format!("{name}: x"), &x64, x_exact, inv_exact, &r, &r_err);

    // Inverse: |A X - I| <= gamma_3n P |L| |U| |X|, and |X - A^-1| <= |A^-1| |A X - I|.
    let inv = lu
        .inverse()
        .unwrap_or_else(|e| panic!("{name}: inverse failed: {e}"));
    let inv64 = to_f64(&inv);
    let (r, r_err) = residual(&a64, &inv64, &identity(N));
    let bound: Mat = product(&plu, &abs(&inv64))
        .iter()
        .map(|row| row.iter().map(|v| g_3n * v).collect())
        .collect();
    let ratio = assert_within(&format!("{name}: A X - I"), &r, &bound, &r_err);
    worst.inverse_residual = worst.inverse_residual.max(ratio);
    check_forward(
        &format!("{name}: X"),
        &inv64,
        inv_exact,
        inv_exact,
        &r,
        &r_err,
    );

    // Matrix::inverse: the LU path, or for 2x2 the closed form, within its own bounds.
    let inv_mat = a
        .inverse()
        .unwrap_or_else(|e| panic!("{name}: inverse failed: {e}"));
    if inv_mat != inv {
        assert_eq!(N, 2, "{name}: Matrix::inverse differs from Lu::inverse");
        let got = to_f64(&inv_mat);
        let (r, r_err) = residual(&a64, &got, &identity(N));
        let g4 = gamma::<T>(4);
        let bound: Mat = product(&abs(&a64), &abs(&got))
            .iter()
            .map(|row| row.iter().map(|v| g4 * v).collect())
            .collect();
        let ratio = assert_within(&format!("{name}: closed form A X - I"), &r, &bound, &r_err);
        worst.closed_form_inverse_residual = worst.closed_form_inverse_residual.max(ratio);
        // Forward: entrywise relative error (beta / (|det| - beta))(1 + u) + u, where the
        // bound is not void.
        let beta = gamma::<T>(2) * ((a64[0][0] * a64[1][1]).abs() + (a64[0][1] * a64[1][0]).abs());
        let det = case.det.map_or(0.0, |(m, e)| ldexp(m, e)).abs() * (1.0 - U64);
        if beta >= det / 2.0 {
            return;
        }
        let u = T::U;
        let rel = (beta / (det - beta)) * (1.0 + u) + u;
        for i in 0..N {
            for j in 0..N {
                let (g, e) = (got[i][j], inv_exact[i][j]);
                let tol = (rel * SLACK + 2.0 * U64) * e.abs();
                assert!(
                    (g - e).abs() <= tol,
                    "{name}: closed-form inverse ({i}, {j}) = {g:e}, exact {e:e}"
                );
            }
        }
    }
}

#[test]
fn fixtures_meet_the_error_bounds() {
    let cases = load_cases();
    assert!(cases.len() > 200, "lu.json has {} cases", cases.len());
    check_per_dtype(
        &cases,
        |c| c.dtype.as_str(),
        |case, worst: &mut Worst| by_size!(case, check_case(worst); [1, 2, 3, 4, 6, 8, 16]),
    );
}

// --- the seed and the documented behaviours -------------------------------------------------

#[test]
fn seed_det_inverse_solve() {
    let a = matrix![4.0, 7.0; 2.0, 6.0];
    // NumPy prints 10.000000000000002 (sign * exp(log|det|)); the exact value is 10.
    assert_eq!(a.det(), 10.0);
    assert_eq!(a.lu().unwrap().det(), 10.0);
    assert_eq!(a.inverse(), Ok(matrix![0.6, -0.7; -0.2, 0.4]));
    let b = vector![1.0, 2.0];
    let x = a.solve(&b).unwrap();
    assert_eq!(x, vector![-0.8, 0.6]);
    // A x - b evaluated in f64: within gamma_6 |A| |x| (Thm. 9.4), here exactly 0.
    let residual = a * x - b;
    assert!(residual.norm() <= 6.0 * f64::EPSILON * 12.0);
    assert_eq!(a.trace(), 10.0);
}

#[test]
fn non_finite_input_is_reported() {
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let a2 = matrix![1.0, bad; 2.0, 3.0];
        assert_eq!(a2.lu(), Err(Error::NonFinite));
        assert_eq!(a2.inverse(), Err(Error::NonFinite));
        assert_eq!(a2.solve(&vector![1.0, 1.0]), Err(Error::NonFinite));
        assert!(a2.det().is_nan());
        let a3 = matrix![1.0, 0.0, 0.0; 0.0, bad, 0.0; 0.0, 0.0, 1.0];
        assert_eq!(a3.lu(), Err(Error::NonFinite));
        assert_eq!(a3.inverse(), Err(Error::NonFinite));
        assert!(a3.det().is_nan());
        // A finite matrix with a non-finite right-hand side.
        let lu = matrix![2.0, 1.0; 1.0, 3.0].lu().unwrap();
        assert_eq!(lu.solve(&vector![bad, 1.0]), Err(Error::NonFinite));
        assert_eq!(
            matrix![2.0, 1.0; 1.0, 3.0].solve(&vector![1.0, bad]),
            Err(Error::NonFinite)
        );
    }
}

#[test]
fn overflow_is_an_error_not_inf_nor_a_false_alarm() {
    // The inverse of a subnormal pivot overflows: 1 / 1e-310 > f64::MAX.
    let tiny = 1e-310;
    assert_eq!(matrix![tiny, 0.0; 0.0, 1.0].inverse(), Err(Error::Overflow));
    let a3 = matrix![tiny, 0.0, 0.0; 0.0, 1.0, 0.0; 0.0, 0.0, 1.0];
    assert_eq!(a3.inverse(), Err(Error::Overflow));
    assert_eq!(a3.solve(&vector![1.0, 0.0, 0.0]), Err(Error::Overflow));
    assert_eq!(
        a3.solve(&vector![0.0, 1.0, 0.0]),
        Ok(vector![0.0, 1.0, 0.0])
    );
    // Elimination itself overflows: u_11 = 1e308 + 1e308.
    let big = matrix![1e308, 1e308; -1e308, 1e308];
    assert_eq!(big.lu(), Err(Error::Overflow));
    assert_eq!(big.det(), f64::INFINITY); // |det| = 2e616, as NumPy
    // Its inverse, [[1, -1], [1, 1]] / 2e308, is representable: the factorization is done
    // scaled by a power of two (exactly), and the result is the correctly rounded 0.5 / 1e308.
    let h = 0.5 / 1e308;
    assert_eq!(big.inverse(), Ok(matrix![h, -h; h, h]));
    // f32 too.
    let a = matrix![1e-40f32, 0.0, 0.0; 0.0, 1.0, 0.0; 0.0, 0.0, 1.0];
    assert_eq!(a.inverse(), Err(Error::Overflow));
}

#[test]
fn det_rescales_instead_of_overflowing() {
    // Pivots whose running product leaves the range although the determinant does not.
    let d = |x: [f64; 4]| Matrix::<f64, 4, 4>::from_fn(|i, j| if i == j { x[i] } else { 0.0 });
    let up = d([1e300, 1e300, 1e-300, 1e-300]).det();
    assert!((up - 1.0).abs() <= 3.0 * f64::EPSILON, "{up}");
    let down = d([1e-300, 1e-300, 1e300, 2.0]).det();
    assert!(
        (down - 2e-300).abs() <= 3.0 * f64::EPSILON * 2e-300,
        "{down}"
    );
    // Subnormal pivots scale up exactly: 5e-324 * 2^1074 = 1.
    let sub = d([5e-324, 2f64.powi(537), 2f64.powi(537), 1.0]).det();
    assert_eq!(sub, 1.0);
    // A determinant in the subnormal range is rounded once.
    let sd = d([1e-300, 1e-10, 1.0, 1.0]).det();
    assert_eq!(sd, 1e-300 * 1e-10);
    // Beyond the range: inf and 0 with the right sign, as NumPy.
    assert_eq!(d([-1e300, 1e300, 1.0, 1.0]).det(), f64::NEG_INFINITY);
    assert_eq!(d([1e-300, 1e-300, 1.0, 1.0]).det(), 0.0);
    // f32: 1e30 * 1e30 overflows f32, the determinant 1e30 * 1e30 * 1e-30 does not.
    let f = Matrix::<f32, 3, 3>::from_fn(|i, j| if i != j { 0.0 } else { [1e30, 1e30, 1e-30][i] });
    let det = f.det();
    assert!((det - 1e30).abs() <= 4.0 * f32::EPSILON * 1e30, "{det}");
}

#[test]
fn singular_matrices_report_the_first_zero_pivot() {
    let ones = Matrix::<f64, 5, 5>::ones();
    assert_eq!(ones.inverse(), Err(Error::Singular { index: 1 }));
    assert_eq!(ones.det(), 0.0);
    let zero = Matrix::<f32, 3, 3>::zeros();
    assert_eq!(zero.lu().unwrap().first_zero_pivot(), Some(0));
    assert_eq!(
        zero.solve(&vector![1.0, 2.0, 3.0]),
        Err(Error::Singular { index: 0 })
    );
    // A zero middle column: the later columns still factor.
    let a = matrix![2.0, 0.0, 1.0; 1.0, 0.0, 3.0; 4.0, 0.0, 5.0];
    let lu = a.lu().unwrap();
    assert_eq!(lu.first_zero_pivot(), Some(1));
    assert_eq!(lu.p() * lu.l() * lu.u(), a);
    // 2x2: the closed form meets det == 0 and hands over to LU for the index.
    assert_eq!(
        matrix![0.0, 0.0; 1.0, 2.0].inverse(),
        Err(Error::Singular { index: 1 })
    );
    assert_eq!(
        matrix![0.0, 1.0; 0.0, 2.0].inverse(),
        Err(Error::Singular { index: 0 })
    );
    // Singular only in exact arithmetic: a tiny pivot, no error, as NumPy.
    let near = matrix![1.0, 2.0, 3.0; 4.0, 5.0, 6.0; 7.0, 8.0, 9.0];
    assert!(!near.lu().unwrap().is_singular());
}

#[test]
fn closed_form_falls_back_to_lu_when_its_products_overflow() {
    // a d and b c overflow (inf - inf), but LU eliminates exactly: det 0, Singular.
    let a = matrix![1e300, 1e300; 1e10, 1e10];
    assert_eq!(a.det(), 0.0);
    assert_eq!(a.inverse(), Err(Error::Singular { index: 1 }));
    // a d and b c overflow, but the determinant 1e300 (d - c) is about 1e298. LU: pivot
    // 1e300, u_11 = d - (c / 1e300) 1e300, which cancels 12 digits: relative error up to
    // about eps |d| / |d - c| = 2e-16 * 1e12 (Thm. 9.3 with |L| |U| ~ 1e10 against 1e-2).
    let (c, d): (f64, f64) = (1e10 - 0.01, 1e10);
    let exact = 1e300 * (d - c); // d - c is exact (Sterbenz); one rounding
    let det = matrix![1e300, 1e300; c, d].det();
    assert!(det.is_finite());
    assert!((det - exact).abs() <= 1e-3 * exact, "{det} vs {exact}");
}

#[test]
fn empty_and_one_by_one() {
    let e = Matrix::<f64, 0, 0>::zeros();
    assert_eq!(e.det(), 1.0); // np.linalg.det(np.zeros((0, 0))) == 1.0
    assert_eq!(e.inverse(), Ok(e));
    assert_eq!(e.trace(), 0.0);
    let one = matrix![4.0f32];
    assert_eq!(one.det(), 4.0);
    assert_eq!(one.inverse(), Ok(matrix![0.25]));
    assert_eq!(one.solve(&matrix![1.0, 2.0]), Ok(matrix![0.25, 0.5]));
    assert_eq!(matrix![0.0].inverse(), Err(Error::Singular { index: 0 }));
}

#[test]
fn trace_is_numpys() {
    assert_eq!(matrix![1, 2, 3; 4, 5, 6; 7, 8, 9].trace(), 15); // np.trace
    assert_eq!(matrix![-1i8].trace(), -1);
    assert_eq!(matrix![0.5f32, 1.0; 1.0, 0.25].trace(), 0.75);
    assert!(matrix![f64::NAN, 0.0; 0.0, 1.0].trace().is_nan());
}

// --- properties -----------------------------------------------------------------------------

/// The factorization and solve bounds (Thm. 9.3, 9.4) on a matrix of any finite entries.
fn lu_identities<const N: usize>(a: Matrix<f64, N, N>, b: Matrix<f64, N, 1>) {
    let Ok(lu) = a.lu() else {
        panic!("lu() failed on finite input {a:?}");
    };
    let a64 = to_f64(&a);
    let plu = plu_abs(&lu);
    let (r, r_err) = residual(
        &product(&to_f64(&lu.p()), &to_f64(&lu.l())),
        &to_f64(&lu.u()),
        &a64,
    );
    let g = gamma::<f64>(N);
    let bound: Mat = plu
        .iter()
        .map(|row| row.iter().map(|x| g * x).collect())
        .collect();
    assert_within("P L U - A", &r, &bound, &r_err);
    match lu.solve(&b) {
        Ok(x) => {
            let x64 = to_f64(&x);
            let (r, r_err) = residual(&a64, &x64, &to_f64(&b));
            let g3 = gamma::<f64>(3 * N);
            let bound: Mat = product(&plu, &abs(&x64))
                .iter()
                .map(|row| row.iter().map(|v| g3 * v).collect())
                .collect();
            assert_within("A x - b", &r, &bound, &r_err);
        }
        Err(Error::Singular { index }) => assert_eq!(lu.first_zero_pivot(), Some(index)),
        Err(Error::Overflow) => {}
        Err(e) => panic!("unexpected {e}"),
    }
}

/// On a row diagonally dominant matrix (`delta = min_i |a_ii| - sum_{j != i} |a_ij| > 0`):
/// `X A - I = A^-1 E A` with `E = A X - I`, and `||A^-1|| <= ||X|| / (1 - ||E||)`, so
/// `||X A - I||_inf <= ||X|| ||E|| ||A|| / (1 - ||E||)` with `||E||` from Thm. 9.4's bound.
/// For 2x2, `Matrix::inverse` (the closed form) is compared with `Lu::inverse`: each is
/// within its forward bound of `A^-1`, and `||A^-1||_inf <= 1 / delta` (Varah).
fn inverse_identities<const N: usize>(a: Matrix<f64, N, N>) {
    let lu = a.lu().expect("diagonally dominant input factors");
    let x = lu
        .inverse()
        .expect("diagonally dominant input is invertible");
    let (a64, x64) = (to_f64(&a), to_f64(&x));
    let g3 = gamma::<f64>(3 * N);
    let e_bound = g3 * norm_inf(&product(&plu_abs(&lu), &abs(&x64))) * SLACK;
    assert!(e_bound < 0.5);
    let (left, left_err) = residual(&x64, &a64, &identity(N));
    let bound = norm_inf(&x64) * e_bound * norm_inf(&a64) / (1.0 - e_bound) * SLACK
        + left_err.iter().flatten().sum::<f64>();
    let got = norm_inf(&left);
    assert!(got <= bound, "||X A - I|| = {got:e} > {bound:e}");

    let delta = (0..N)
        .map(|i| {
            a64[i][i].abs()
                - (0..N)
                    .filter(|&j| j != i)
                    .map(|j| a64[i][j].abs())
                    .sum::<f64>()
        })
        .fold(f64::INFINITY, f64::min);
    let inv_norm = 1.0 / delta;
    let closed = a.inverse().expect("invertible");
    if N == 2 {
        let beta =
            gamma::<f64>(2) * ((a64[0][0] * a64[1][1]).abs() + (a64[0][1] * a64[1][0]).abs());
        let det_hat: f64 = a.det();
        let det_low = det_hat.abs() - beta;
        assert!(det_low > beta);
        let rel = (beta / (det_low - beta)) * (1.0 + U64) + U64;
        let lu_fwd = inv_norm * e_bound;
        let diff = norm_inf(&residual(&to_f64(&closed), &identity(N), &x64).0);
        let bound = (rel * inv_norm + lu_fwd) * SLACK;
        assert!(diff <= bound, "closed form vs LU: {diff:e} > {bound:e}");
    } else {
        assert_eq!(closed, x);
    }
}

/// Never panics, and keeps its contract, on any input (NaN, inf, huge, tiny, singular).
fn never_panics<const N: usize>(a: Matrix<f64, N, N>, b: Matrix<f64, N, 1>) {
    let finite = a.iter().all(|x| x.is_finite());
    let _ = a.trace();
    let det = a.det();
    if !finite {
        assert!(det.is_nan(), "det of non-finite input is NaN");
    } else if det.is_nan() {
        // Only when elimination itself overflows (inf - inf).
        assert_eq!(a.lu(), Err(Error::Overflow));
    }
    match a.lu() {
        Ok(lu) => {
            assert!(finite);
            let _ = (lu.l(), lu.u(), lu.p(), lu.permutation(), lu.det());
            for r in [lu.solve(&b).map(|_| ()), lu.inverse().map(|_| ())] {
                match r {
                    Ok(()) | Err(Error::Overflow | Error::NonFinite) => {}
                    Err(Error::Singular { index }) => assert!(index < N),
                    Err(e) => panic!("unexpected {e}"),
                }
            }
        }
        Err(Error::NonFinite) => assert!(!finite),
        Err(Error::Overflow) => assert!(finite),
        Err(e) => panic!("unexpected {e}"),
    }
    for r in [
        a.inverse().map(|m| m.iter().all(|x| x.is_finite())),
        a.solve(&b).map(|m| m.iter().all(|x| x.is_finite())),
    ] {
        match r {
            Ok(all_finite) => assert!(all_finite, "Ok with non-finite values"),
            Err(Error::NonFinite) => {}
            Err(Error::Overflow) => assert!(finite),
            Err(Error::Singular { index }) => assert!(finite && index < N),
            Err(e) => panic!("unexpected {e}"),
        }
    }
    let _ = a.cholesky();
    let af = a.map(|x| x as f32);
    let _ = (
        af.det(),
        af.inverse(),
        af.lu().map(|lu| lu.det()),
        af.cholesky(),
    );
}

fn entries(n: usize) -> impl Strategy<Value = Vec<f64>> {
    // Uniform in [-1, 1] times a power of ten in 1e-100..1e100 per matrix.
    (proptest::collection::vec(-1.0f64..1.0, n), -100i32..100)
        .prop_map(|(v, e)| v.into_iter().map(|x| x * 10f64.powi(e)).collect())
}

fn wild(n: usize) -> impl Strategy<Value = Vec<f64>> {
    const SPECIAL: &[f64] = &[
        0.0,
        1.0,
        -1.0,
        2.0,
        f64::MAX,
        -f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e200,
        1e-200,
    ];
    support::wild_from(SPECIAL, -1.0..1.0, n)
}

fn vec_of<const N: usize>(v: &[f64]) -> Matrix<f64, N, 1> {
    Matrix::from_fn(|i, _| v[i])
}

/// Diagonally dominant: each diagonal entry is 1 + the row's other magnitudes + a margin.
fn dominant<const N: usize>(v: &[f64]) -> Matrix<f64, N, N> {
    let mut a = mat::<N, N>(v);
    for i in 0..N {
        let off: f64 = (0..N).filter(|&j| j != i).map(|j| a[(i, j)].abs()).sum();
        a[(i, i)] = (1.0 + off + a[(i, i)].abs()) * if a[(i, i)] < 0.0 { -1.0 } else { 1.0 };
    }
    a
}

macro_rules! properties {
    ($($name:ident => $n:literal),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(48))]
                #[test]
                fn factor_and_solve_bounds(a in entries($n * $n), b in entries($n)) {
                    lu_identities::<$n>(mat::<$n, $n>(&a), vec_of::<$n>(&b));
                }
                #[test]
                fn inverse_times_matrix_is_identity(a in proptest::collection::vec(-1.0f64..1.0, $n * $n)) {
                    inverse_identities::<$n>(dominant::<$n>(&a));
                }
                #[test]
                fn arbitrary_input_never_panics(a in wild($n * $n), b in wild($n)) {
                    never_panics::<$n>(mat::<$n, $n>(&a), vec_of::<$n>(&b));
                }
            }
        }
    )*};
}

properties!(n1 => 1, n2 => 2, n3 => 3, n4 => 4, n5 => 5, n6 => 6);
