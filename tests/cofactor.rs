//! The closed-form (cofactor) `det_cofactor` and `inverse_cofactor` at 2x2, 3x3 and 4x4:
//! exact results where the arithmetic is exact, the error bounds of the formulas against
//! the exact references of `tests/fixtures/lu.json` and against the LU inverse, the errors,
//! and the documented operation order (so the SIMD kernel and the portable code give the
//! same bits).
//!
//! # Error bounds
//!
//! Higham, *Accuracy and Stability of Numerical Algorithms* (2nd ed.), §3.1-3.4: an
//! expression of `+`, `-` and `*` evaluated in floating point, with at most `D` roundings on
//! the path from any input to the result, has the error `|y_hat - y| <= gamma_D |y|(|A|)`,
//! where `|y|(|A|)` is the same expression with every sign `+` and every input replaced by
//! its absolute value (each monomial carries at most `D` factors `1 + delta`). For the
//! determinant and the cofactors that expression is the permanent of `|A|` (or of the
//! submatrix), whatever the expansion. The depths, from the formulas of
//! `src/linalg/cofactor.rs`:
//!
//! | | det | cofactor |
//! | --- | --- | --- |
//! | 2x2 | 2 (`a d - b c`) | 0 (an entry) |
//! | 3x3 | 5 (`(a00 x0 + a01 x1) + a02 x2`, `x` a 2x2 minor) | 2 |
//! | 4x4 | 6 (minor, product of minors, three sums) | 5 (minor, product, two sums) |
//!
//! Underflow adds an absolute error of at most half the smallest subnormal `eta` per
//! product, propagated through at most two further factors of at most `M = max |a_ij|`:
//! at most `30 (1 + M)^(n - 2) eta` for a determinant or a cofactor (the largest count, 24
//! products times `2 M^2` plus 3 at 4x4, rounded up).
//!
//! With `e_d` and `e_C` these bounds, `det` and `X = C / det` exact, and `|det| > e_d`, the
//! computed `X_hat = fl(C_hat * fl(1 / det_hat))` obeys
//! `|X_hat - X| <= (e_C + |X| e_d) / (|det| - e_d) (1 + gamma_2) + gamma_2 |X|`, plus
//! `(|C_hat| + 1) eta` for underflow in the reciprocal and the product. The LU inverse
//! obeys `|X_lu - X| <= |A^-1| |A X_lu - I|` (tests/lu.rs), so the two inverses are within
//! the sum of the two bounds.

mod support;

use proptest::prelude::*;
use statrix::{Error, Matrix, matrix};
use support::bounds::{self, Mat, SquareCase, allowed_error, gamma, ldexp, residual};
use support::{Float, SLACK, check_per_dtype, filled, same_bits};

// --- the bound ----------------------------------------------------------------------------

/// The permanent of the `n x n` matrix `m` (non-negative entries: an upper bound of every
/// expansion of the determinant evaluated on absolute values).
fn permanent(m: &Mat) -> f64 {
    let n = m.len();
    if n == 0 {
        return 1.0;
    }
    (0..n)
        .map(|j| {
            let minor: Mat = m[1..]
                .iter()
                .map(|row| (0..n).filter(|&k| k != j).map(|k| row[k]).collect())
                .collect();
            m[0][j] * permanent(&minor)
        })
        .sum()
}

/// `|A|` without row `i` and column `j`.
fn without(m: &Mat, i: usize, j: usize) -> Mat {
    m.iter()
        .enumerate()
        .filter(|&(r, _)| r != i)
        .map(|(_, row)| {
            row.iter()
                .enumerate()
                .filter(|&(c, _)| c != j)
                .map(|(_, &x)| x)
                .collect()
        })
        .collect()
}

/// The rounding depths `(det, cofactor)` of the formulas (module docs).
fn depths(n: usize) -> (usize, usize) {
    match n {
        2 => (2, 0),
        3 => (5, 2),
        4 => (6, 5),
        _ => unreachable!("closed forms exist for 2, 3 and 4"),
    }
}

/// The bounds of one matrix: `e_d`, and `e_C` per entry of the adjugate (`[i][j]` for the
/// entry `(i, j)` of the inverse, the cofactor of `a_ji`), evaluated in f64.
struct Bounds {
    det: f64,
    cofactor: Mat,
    /// The permanents bounding `|C|` (`[i][j]` as `cofactor`).
    cofactor_abs: Mat,
    eta: f64,
}

fn bounds_of<T: Float>(abs_a: &Mat) -> Bounds {
    let n = abs_a.len();
    let (dd, dc) = depths(n);
    let m = abs_a.iter().flatten().fold(0.0f64, |x, &y| x.max(y));
    let underflow = 30.0 * (1.0 + m).powi(n as i32 - 2) * T::ETA;
    let det = gamma::<T>(dd) * permanent(abs_a) + underflow;
    let cofactor_abs: Mat = (0..n)
        .map(|i| (0..n).map(|j| permanent(&without(abs_a, j, i))).collect())
        .collect();
    let cofactor = cofactor_abs
        .iter()
        .map(|row| row.iter().map(|p| gamma::<T>(dc) * p + underflow).collect())
        .collect();
    Bounds {
        det,
        cofactor,
        cofactor_abs,
        eta: T::ETA,
    }
}

// --- fixtures -------------------------------------------------------------------------------

#[derive(Default, Debug)]
struct Worst {
    det: f64,
    inverse: f64,
    inverse_vs_lu: f64,
    singular: usize,
    singular_not_reported: usize,
    overflow: usize,
}

fn check_case<T: Float, const N: usize>(case: &SquareCase, worst: &mut Worst)
where
    Matrix<T, N, N>: Cofactor<T>,
{
    let name = case.name.as_str();
    let a: Matrix<T, N, N> = bounds::matrix_from(&case.a);
    let abs_a = bounds::abs(&bounds::to_f64(&a));
    let b = bounds_of::<T>(&abs_a);
    let det_hat: f64 = a.det_c().into();
    let exact_det = case.det.map_or(0.0, |(mant, exp)| ldexp(mant, exp));

    // The determinant. A non-finite result means a product overflowed: some monomial, so the
    // permanent, is beyond the range.
    if det_hat.is_finite() {
        if b.det.is_finite() && exact_det.is_finite() {
            let err = (det_hat - exact_det).abs();
            assert!(
                err <= allowed_error(b.det * SLACK, exact_det),
                "{name}: det_cofactor {det_hat:e}, exact {exact_det:e}, bound {:e}",
                b.det
            );
            if b.det > 0.0 {
                worst.det = worst.det.max(err / b.det);
            }
        }
    } else {
        let max: f64 = T::max_value().into();
        assert!(
            permanent(&abs_a) * (1.0 + gamma::<T>(6)) >= max,
            "{name}: det_cofactor {det_hat:e} without an overflow"
        );
    }

    let e_d = b.det * SLACK;
    match a.inverse_c() {
        Ok(x) => {
            let Some(inv) = case.inverse.as_ref() else {
                // An exactly singular matrix whose determinant came out non-zero through
                // rounding: allowed only within the bound.
                assert!(
                    det_hat.abs() <= e_d,
                    "{name}: det_cofactor {det_hat:e} of a singular matrix, bound {e_d:e}"
                );
                worst.singular_not_reported += 1;
                return;
            };
            let x = bounds::to_f64(&x);
            let dl = exact_det.abs() - e_d;
            if dl.is_nan() || dl <= 0.0 || !exact_det.is_finite() {
                return; // the bound says nothing (numerically singular)
            }
            let g2 = gamma::<T>(2);
            // The LU inverse and its bound |A^-1| |A X_lu - I| (with the residual's own
            // evaluation error).
            let lu = bounds::to_f64(&a.inverse().expect("LU inverts what the closed form does"));
            let (r, r_err) = residual(&bounds::to_f64(&a), &lu, &bounds::identity(N));
            for i in 0..N {
                for j in 0..N {
                    let xe = inv[i][j];
                    let bound = (b.cofactor[i][j] * SLACK + xe.abs() * e_d) / dl * (1.0 + g2)
                        + g2 * xe.abs()
                        + (b.cofactor_abs[i][j] * 2.0 + 1.0) * b.eta;
                    let err = (x[i][j] - xe).abs();
                    assert!(
                        err <= allowed_error(bound, xe),
                        "{name}: inverse_cofactor ({i}, {j}) = {:e}, exact {xe:e}, bound {bound:e}",
                        x[i][j]
                    );
                    worst.inverse = worst.inverse.max(err / bound);
                    let lu_bound: f64 = (0..N)
                        .map(|k| inv[i][k].abs() * (r[k][j].abs() + r_err[k][j]))
                        .sum::<f64>()
                        * SLACK
                        * (1.0 + 4.0 * support::U64);
                    let diff = (x[i][j] - lu[i][j]).abs();
                    let both = allowed_error(bound, xe) + allowed_error(lu_bound, xe);
                    assert!(
                        diff <= both,
                        "{name}: ({i}, {j}) cofactor {:e} vs LU {:e}, bound {both:e}",
                        x[i][j],
                        lu[i][j]
                    );
                    worst.inverse_vs_lu = worst.inverse_vs_lu.max(diff / both);
                }
            }
        }
        Err(Error::Singular { index }) => {
            assert_eq!(index, N - 1, "{name}");
            let min: f64 = T::min_positive_value().into();
            assert!(det_hat.abs() < min, "{name}: Singular with det {det_hat:e}");
            // The analysis: |det_hat| >= |det| - e_d, so a determinant far from zero can
            // not have been computed as zero or subnormal.
            assert!(
                exact_det.abs() - e_d < min,
                "{name}: Singular, but det is {exact_det:e} +- {e_d:e}"
            );
            worst.singular += 1;
        }
        Err(Error::Overflow) => {
            // The determinant overflowed, or an entry |C_hat| / |det_hat| did.
            let max: f64 = T::max_value().into();
            let entry_overflow = (0..N).any(|i| {
                (0..N).any(|j| {
                    let c = b.cofactor_abs[i][j] + b.cofactor[i][j];
                    c / det_hat.abs() * (1.0 + gamma::<T>(2)) >= max
                })
            });
            assert!(
                !det_hat.is_finite() || entry_overflow,
                "{name}: Overflow without an overflow"
            );
            worst.overflow += 1;
        }
        Err(e) => panic!("{name}: unexpected {e}"),
    }
}

/// `det_cofactor` and `inverse_cofactor` exist only at 2x2, 3x3 and 4x4 (inherent methods
/// per size); this trait lets the generic checks call them.
trait Cofactor<T>: Sized {
    fn det_c(&self) -> T;
    fn inverse_c(&self) -> Result<Self, Error>;
}

macro_rules! cofactor_sizes {
    ($($n:literal),*) => {$(
        impl<T: Float> Cofactor<T> for Matrix<T, $n, $n> {
            fn det_c(&self) -> T {
                self.det_cofactor()
            }
            fn inverse_c(&self) -> Result<Self, Error> {
                self.inverse_cofactor()
            }
        }
    )*};
}
cofactor_sizes!(2, 3, 4);

#[test]
fn fixtures_meet_the_error_bounds() {
    let cases: Vec<SquareCase> = support::fixture_cases("lu.json")
        .iter()
        .map(SquareCase::from_json)
        .filter(|c| (2..=4).contains(&c.n))
        .collect();
    assert_eq!(cases.len(), 120, "lu.json: 20 cases per size and dtype");
    check_per_dtype(
        &cases,
        |c| c.dtype.as_str(),
        |case, worst: &mut Worst| match (case.dtype.as_str(), case.n) {
            ("f64", 2) => check_case::<f64, 2>(case, worst),
            ("f64", 3) => check_case::<f64, 3>(case, worst),
            ("f64", 4) => check_case::<f64, 4>(case, worst),
            ("f32", 2) => check_case::<f32, 2>(case, worst),
            ("f32", 3) => check_case::<f32, 3>(case, worst),
            ("f32", 4) => check_case::<f32, 4>(case, worst),
            _ => unreachable!(),
        },
    );
}

// --- exact arithmetic -------------------------------------------------------------------------

/// A deterministic integer matrix `P L U D` with `det = ±2^k`: `L` unit lower and `U` unit
/// upper triangular with entries in `-2..=2`, `P` a permutation, `D` diagonal powers of two
/// in `2^-3..=2^3`. Every cofactor is an integer (at most `4! 20^4 < 2^24`) times the power
/// of two of its columns, the determinant a power of two, so the closed forms are exact in
/// f32 and f64: `det_cofactor` is `det`, and `A X = I` holds exactly.
fn unimodular<const N: usize>(seed: u64) -> (Matrix<f64, N, N>, f64) {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m
    };
    let mut l = Matrix::<f64, N, N>::identity();
    let mut u = Matrix::<f64, N, N>::identity();
    for i in 0..N {
        for j in 0..i {
            l[(i, j)] = next(5) as f64 - 2.0;
            u[(j, i)] = next(5) as f64 - 2.0;
        }
    }
    let mut a = l * u;
    let mut det = 1.0;
    for i in (1..N).rev() {
        let k = next(i as u64 + 1) as usize;
        if k != i {
            a.swap_rows(i, k);
            det = -det;
        }
    }
    for j in 0..N {
        // 2^e built from its bits: `powi`'s precision is not specified.
        let d = f64::from_bits(((next(7) as i64 - 3 + 1023) as u64) << 52);
        det *= d;
        for i in 0..N {
            a[(i, j)] *= d;
        }
    }
    (a, det)
}

fn check_exact<T: Float, const N: usize>()
where
    Matrix<T, N, N>: Cofactor<T>,
{
    for seed in 0..200 {
        let (a64, det) = unimodular::<N>(seed);
        let a: Matrix<T, N, N> = a64.map(T::from_f64);
        assert_eq!(a.det_c().into(), det, "seed {seed}: det_cofactor");
        let x = a.inverse_c().expect("invertible");
        let product = a64 * support::to_f64(&x);
        assert_eq!(product, Matrix::identity(), "seed {seed}: A X");
    }
}

#[test]
fn exact_on_integer_matrices_with_power_of_two_determinants() {
    check_exact::<f32, 2>();
    check_exact::<f32, 3>();
    check_exact::<f32, 4>();
    check_exact::<f64, 2>();
    check_exact::<f64, 3>();
    check_exact::<f64, 4>();
}

#[test]
fn documented_examples() {
    let a = matrix![4.0, 7.0; 2.0, 6.0];
    assert_eq!(a.det_cofactor(), 10.0);
    let a = matrix![1.0f32, 2.0, 3.0; 0.0, 1.0, 4.0; 5.0, 6.0, 0.0];
    assert_eq!(a.det_cofactor(), 1.0);
    assert_eq!(
        a.inverse_cofactor(),
        Ok(matrix![-24.0, 18.0, 5.0; 20.0, -15.0, -4.0; -5.0, 4.0, 1.0])
    );
}

// --- errors ---------------------------------------------------------------------------------

fn check_errors<T: Float, const N: usize>()
where
    Matrix<T, N, N>: Cofactor<T>,
{
    let zero = Matrix::<T, N, N>::zeros();
    assert_eq!(zero.inverse_c(), Err(Error::Singular { index: N - 1 }));
    assert_eq!(zero.det_c(), T::zero());
    // Two equal rows: every cofactor expansion of small integers is exactly zero.
    let mut repeated = Matrix::<T, N, N>::from_fn(|i, j| T::from_f64(((i * N + j) % 7) as f64));
    for j in 0..N {
        repeated[(1, j)] = repeated[(0, j)];
    }
    assert_eq!(repeated.det_c(), T::zero());
    assert_eq!(repeated.inverse_c(), Err(Error::Singular { index: N - 1 }));
    // A NaN or an infinity anywhere: NonFinite, and a non-finite det_cofactor.
    let base = Matrix::<T, N, N>::identity();
    for k in 0..N * N {
        for bad in [T::nan(), T::infinity(), T::neg_infinity()] {
            let mut a = base;
            a[k] = bad;
            assert_eq!(a.inverse_c(), Err(Error::NonFinite), "element {k} = {bad}");
            assert!(!a.det_c().is_finite(), "element {k} = {bad}");
        }
    }
    // No rescaling: the determinant of `s I` is `s^N`, which leaves the range before the
    // inverse `I / s` does. `inverse` (LU) returns it.
    let big = T::from_f64(ldexp(1.0, T::MAX_EXP / N as i32 + 1));
    let a = Matrix::<T, N, N>::identity() * big;
    assert_eq!(a.inverse_c(), Err(Error::Overflow));
    assert!(a.inverse().is_ok());
    let tiny = T::from_f64(ldexp(1.0, T::MIN_NORMAL_EXP / N as i32 - 1));
    let a = Matrix::<T, N, N>::identity() * tiny;
    assert_eq!(a.inverse_c(), Err(Error::Singular { index: N - 1 }));
    assert!(a.inverse().is_ok());
    // An inverse beyond the range: Overflow, as `inverse` reports. diag(2^-e, 2^e2, 1, ..)
    // with a normal determinant whose reciprocal times 2^e2 overflows.
    let mut a = Matrix::<T, N, N>::identity();
    a[(0, 0)] = T::from_f64(ldexp(1.0, T::MIN_NORMAL_EXP - 8));
    a[(1, 1)] = T::from_f64(ldexp(1.0, T::MAX_EXP - 20));
    assert_eq!(a.inverse_c(), Err(Error::Overflow));
    assert_eq!(a.inverse(), Err(Error::Overflow));
    // A subnormal determinant: Singular (it has lost digits to underflow).
    let mut a = Matrix::<T, N, N>::identity();
    a[(0, 0)] = T::from_f64(ldexp(1.0, T::MIN_NORMAL_EXP - 3));
    assert_eq!(a.inverse_c(), Err(Error::Singular { index: N - 1 }));
}

#[test]
fn singular_non_finite_and_out_of_range_inputs_are_errors() {
    check_errors::<f32, 2>();
    check_errors::<f32, 3>();
    check_errors::<f32, 4>();
    check_errors::<f64, 2>();
    check_errors::<f64, 3>();
    check_errors::<f64, 4>();
}

// --- the documented operation order ----------------------------------------------------------

/// The formulas of `src/linalg/cofactor.rs`'s documentation, written out entry by entry:
/// `(inverse, det)`. The f32 4x4 inverse runs an SSE2 kernel on `x86_64`, everything else the
/// portable code; both must give these bits (with `RUSTFLAGS="--cfg statrix_scalar_math"`
/// too).
fn reference<T: Float, const N: usize>(m: &Matrix<T, N, N>) -> (Matrix<T, N, N>, T) {
    let a = |i: usize, j: usize| m[(i, j)];
    match N {
        2 => {
            let det = a(0, 0) * a(1, 1) - a(0, 1) * a(1, 0);
            let r = T::one() / det;
            let x = [a(1, 1) * r, -(a(0, 1) * r), -(a(1, 0) * r), a(0, 0) * r];
            (Matrix::from_fn(|i, j| x[i * 2 + j]), det)
        }
        3 => {
            // Column j of the inverse: the cross product of rows j + 1 and j + 2.
            let cross = |p: usize, q: usize, k: usize| {
                let (k1, k2) = ((k + 1) % 3, (k + 2) % 3);
                a(p, k1) * a(q, k2) - a(p, k2) * a(q, k1)
            };
            let det =
                a(0, 0) * cross(1, 2, 0) + a(0, 1) * cross(1, 2, 1) + a(0, 2) * cross(1, 2, 2);
            let r = T::one() / det;
            let x = Matrix::from_fn(|i, j| cross((j + 1) % 3, (j + 2) % 3, i) * r);
            (x, det)
        }
        4 => {
            let minor =
                |p: usize, q: usize, i: usize, j: usize| a(p, i) * a(q, j) - a(p, j) * a(q, i);
            let s = |i, j| minor(0, 1, i, j);
            let c = |i, j| minor(2, 3, i, j);
            let det = ((c(0, 1) * s(2, 3) - c(0, 2) * s(1, 3)) + c(0, 3) * s(1, 2))
                + ((c(2, 3) * s(0, 1) - c(1, 3) * s(0, 2)) + c(1, 2) * s(0, 3));
            let r = T::one() / det;
            // Adjugate row i, lane l: column j of A at row [1, 0, 3, 2][l], the minor of
            // rows 2-3 for lanes 0-1 and of rows 0-1 for lanes 2-3, as (x f - y g) + z h.
            let rows = [1, 0, 3, 2];
            let terms = [
                ([1, 2, 3], [(2, 3), (1, 3), (1, 2)]),
                ([0, 2, 3], [(2, 3), (0, 3), (0, 2)]),
                ([0, 1, 3], [(1, 3), (0, 3), (0, 1)]),
                ([0, 1, 2], [(1, 2), (0, 2), (0, 1)]),
            ];
            let x = Matrix::from_fn(|i, l| {
                let (cols, pairs) = terms[i];
                let v = |j: usize| a(rows[l], cols[j]);
                let f = |k: usize| {
                    let (p, q) = pairs[k];
                    if l < 2 { c(p, q) } else { s(p, q) }
                };
                let raw = v(0) * f(0) - v(1) * f(1) + v(2) * f(2);
                let y = raw * r;
                if (i + l) % 2 == 0 { y } else { -y }
            });
            (x, det)
        }
        _ => unreachable!(),
    }
}

fn check_bits<T: Float, const N: usize>(bits: u32)
where
    Matrix<T, N, N>: Cofactor<T>,
{
    let min = T::min_positive_value();
    for seed in 0..2000 {
        let mut a: Matrix<T, N, N> = filled(seed, bits);
        // Spread the magnitudes, and make some matrices nearly singular or special.
        for k in 0..N * N {
            let e = ((seed as usize * 7 + k * 3) % 9) as i32 - 4;
            a[k] *= T::from_f64(2f64.powi(e * 5));
        }
        match seed % 10 {
            0 => a[(N - 1, 0)] = T::nan(),
            1 => a[(0, N - 1)] = T::infinity(),
            2 => {
                for j in 0..N {
                    a[(1, j)] = a[(0, j)];
                }
            }
            _ => {}
        }
        let (want, want_det) = reference(&a);
        assert!(
            same_bits(a.det_c(), want_det),
            "{} {N}x{N} seed {seed}: det",
            T::NAME
        );
        let ok = want_det.abs() >= min
            && want_det.abs() <= T::max_value()
            && want.iter().all(|x| x.is_finite());
        match a.inverse_c() {
            Ok(x) => {
                assert!(
                    ok,
                    "{} {N}x{N} seed {seed}: Ok where the reference is not",
                    T::NAME
                );
                for (k, (&g, &w)) in x.iter().zip(want.iter()).enumerate() {
                    assert!(
                        same_bits(g, w),
                        "{} {N}x{N} seed {seed}: entry {k}",
                        T::NAME
                    );
                }
            }
            Err(e) => assert!(!ok, "{} {N}x{N} seed {seed}: {e}", T::NAME),
        }
    }
}

#[test]
fn results_are_the_documented_operations_bit_for_bit() {
    check_bits::<f32, 2>(24);
    check_bits::<f32, 3>(24);
    check_bits::<f32, 4>(24);
    check_bits::<f64, 2>(53);
    check_bits::<f64, 3>(53);
    check_bits::<f64, 4>(53);
}

// --- never a panic, never a non-finite result -------------------------------------------------

fn wild_case<const N: usize>(v: &[f64])
where
    Matrix<f64, N, N>: Cofactor<f64>,
{
    let a = Matrix::<f64, N, N>::from_fn(|i, j| v[i * N + j]);
    let finite_input = a.iter().all(|x| x.is_finite());
    let _ = a.det_c();
    match a.inverse_c() {
        Ok(x) => assert!(x.iter().all(|x| x.is_finite())),
        Err(Error::NonFinite) => assert!(!finite_input),
        Err(Error::Singular { index }) => {
            assert!(finite_input);
            assert_eq!(index, N - 1);
        }
        Err(Error::Overflow) => assert!(finite_input),
        Err(e) => panic!("unexpected {e}"),
    }
}

proptest! {
    #[test]
    fn never_panics_and_ok_is_finite(v in support::wild(16)) {
        wild_case::<2>(&v);
        wild_case::<3>(&v);
        wild_case::<4>(&v);
    }
}
