//! LU (`lu`, `det`, `inverse`, `solve`), Cholesky (`cholesky`, its `solve`, `inverse`,
//! `det`) and the cofactor forms (2x2 to 4x4) of square matrices 1..=8 in `f32` and `f64`.
//!
//! Every `Ok` satisfies its backward-error bound (Higham, *Accuracy and Stability of
//! Numerical Algorithms*, 2nd ed.: Thm 9.3 for `P L U`, Thm 9.4 for solves, §14.3 for the
//! inverse by solves, Thm 10.3/10.4 for Cholesky), with an absolute allowance for underflow
//! (each rounded product or quotient that lands in the subnormals may lose half the smallest
//! subnormal `eta` absolutely: Higham §2.1's model with gradual underflow); every `Err`
//! matches its input: `NonFinite` exactly when an element read is NaN or infinite, `Singular`
//! only with an exactly zero LU pivot, `NotPositiveDefinite` only for a block that is not
//! numerically positive definite, `Overflow` only where the answer is beyond the range.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statrix::{Error, Matrix};
use statrix_fuzz::dense::{Dense, assert_backward, assert_le, assert_within, f64_residual, gamma};
use statrix_fuzz::{Float, Input, all_finite, with_size};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let double = input.byte().is_multiple_of(2);
    let n = input.below(8) + 1;
    if double {
        with_size!(n, N => square::<f64, N>(&mut input));
    } else {
        with_size!(n, N => square::<f32, N>(&mut input));
    }
});

fn square<T: Float, const N: usize>(input: &mut Input) {
    let mut a: Matrix<T, N, N> = input.matrix();
    if input.byte().is_multiple_of(4) {
        // Symmetric positive semi-definite (a Gram matrix), so that Cholesky succeeds too.
        a = a.transpose() * a;
    }
    let b: Matrix<T, N, 2> = input.matrix();
    lu_checks(&a, &b);
    cholesky_checks(&a, &b);
    cofactor_checks(&a);
}

/// `2^e` as `T` (the caller keeps `e` in range).
fn pow2<T: Float>(e: i32) -> T {
    T::narrow(2f64.powi(e))
}

/// The binary exponent `e` with `2^(e-1) <= x < 2^e` of a positive finite `x`.
fn exponent_of(x: f64) -> i32 {
    x.log2().floor() as i32 + 1
}

/// The absolute allowance for underflow in an `n`-step computation: each rounded product or
/// quotient that lands in the subnormals is off by at most `eta / 2` absolutely, and that
/// error is multiplied by at most `scale` on its way into the residual (for a solve: `|A|`
/// times the solution's elements, so callers pass `(1 + max|x|)(1 + max|A|)`).
fn underflow<T: Float>(n: usize, scale: f64) -> f64 {
    n as f64 * T::smallest_subnormal() * (1.0 + scale)
}

fn lu_checks<T: Float, const N: usize>(a: &Matrix<T, N, N>, b: &Matrix<T, N, 2>) {
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!(
            "a = {a:?}\nb = {b:?}\nsolve = {:?}\nlu = {:?}",
            a.solve(b),
            a.lu()
        );
    }
    let u = T::unit_roundoff();
    let finite = all_finite(a);
    let max_a = Dense::of(a).max_abs();
    let big = T::max_value().wide();
    // |L||U|, for the bounds: of `a` itself or, where its factors overflow, of `a` scaled
    // down by 2^(N+1) (partial pivoting picks the same pivots at any power-of-two scale, and
    // growth is at most 2^(N-1)), scaled back in f64.
    let lu = a.lu();
    let lu_magnitude = match &lu {
        Ok(f) => {
            assert!(finite, "lu: Ok on non-finite input");
            let (p, l, uu) = (Dense::of(&f.p()), Dense::of(&f.l()), Dense::of(&f.u()));
            let plu = p.mul(&l.abs()).mul(&uu.abs());
            let residual = Dense::of(a).sub(&p.mul(&l).mul(&uu));
            let bound = plu
                .scale(gamma(N, u) + f64_residual(N))
                .add(&Dense::of(a).abs().scale(f64_residual(N)))
                .map(|x| x + underflow::<T>(N, uu.max_abs()));
            assert_within("lu: A - P L U", &residual, &bound);
            // An exactly zero pivot is what `Singular` reports; det (by the pivots for
            // N > 2) is then 0.
            if let Some(k) = f.first_zero_pivot() {
                assert_eq!(uu.at(k, k), 0.0, "first_zero_pivot points at a zero");
                if N > 2 {
                    assert_eq!(a.det().wide(), 0.0, "det of a matrix with a zero pivot");
                }
            }
            Some(plu)
        }
        Err(Error::NonFinite) => {
            assert!(!finite, "lu: NonFinite on finite input");
            None
        }
        Err(Error::Overflow) => {
            // Elimination grows elements by at most 2^(N-1) (partial pivoting's bound).
            assert!(finite);
            assert_le(
                "lu: Overflow needs max|a| 2^(N-1) past the largest float",
                big,
                max_a * 2f64.powi(N as i32 - 1) * (1.0 + gamma(N, u)),
            );
            let down = pow2::<T>(-(N as i32 + 1));
            let f = a.map(|x| x * down).lu().expect("the scaled factors fit");
            let (p, l, uu) = (Dense::of(&f.p()), Dense::of(&f.l()), Dense::of(&f.u()));
            Some(
                p.mul(&l.abs())
                    .mul(&uu.abs())
                    .scale(2f64.powi(N as i32 + 1)),
            )
        }
        Err(e) => panic!("lu: unexpected {e:?}"),
    };

    // det: never NaN on finite input; against the product of the pivots.
    let det = a.det();
    if finite {
        assert!(!det.is_nan(), "det: NaN on finite input");
    }
    if N == 2 && finite {
        // The closed form a d - b c: within gamma_2 (|a d| + |b c|) plus one subnormal unit
        // (`small_inverse.rs`), the reference in f64 within f64's own gamma_2.
        let m = Dense::of(a);
        let (ad, bc) = (m.at(0, 0) * m.at(1, 1), m.at(0, 1) * m.at(1, 0));
        let bound =
            (ad.abs() + bc.abs()) * (gamma(2, u) + gamma(2, dense_u())) + T::smallest_subnormal();
        if det.is_finite() {
            assert_le("det 2x2: a d - b c", (det.wide() - (ad - bc)).abs(), bound);
        } else {
            assert_le("det 2x2: inf", big, (ad - bc).abs() + bound);
        }
    }
    if let (Ok(f), true) = (&lu, N > 2) {
        let pivots: Vec<f64> = (0..N).map(|i| Dense::of(&f.u()).at(i, i)).collect();
        check_det_against_pivots::<T>(det, &pivots);
    }

    // inverse
    match a.inverse() {
        Ok(x) => {
            assert!(finite, "inverse: Ok on non-finite input");
            assert!(all_finite(&x), "inverse: non-finite entries in an Ok");
            let (ad, xd) = (Dense::of(a), Dense::of(&x));
            let residual = ad.mul(&xd).sub(&Dense::identity(N));
            let plu = lu_magnitude.as_ref().expect("finite input has factors");
            // Solves by LU: gamma_3n |P||L||U||X| (Higham §14.3); the 2x2 closed form:
            // gamma_4 |A||X| (`small_inverse.rs`).
            let bound = plu
                .mul(&xd.abs())
                .scale(gamma(3 * N, u))
                .add(&ad.abs().mul(&xd.abs()).scale(gamma(4, u) + f64_residual(N)))
                .map(|x| {
                    x + f64_residual(N)
                        + underflow::<T>(3 * N, (1.0 + xd.max_abs()) * (1.0 + max_a))
                });
            let normwise = gamma(3 * N, u) * plu.norm_inf() * xd.norm_inf()
                + (u + f64_residual(N)) * ad.norm_inf() * xd.norm_inf()
                + N as f64
                    * (f64_residual(N)
                        + underflow::<T>(3 * N, (1.0 + xd.max_abs()) * (1.0 + max_a)));
            assert_backward("inverse: A X - I", &residual, &bound, normwise);
        }
        Err(Error::NonFinite) => assert!(!finite, "inverse: NonFinite on finite input"),
        Err(Error::Singular { index }) => assert_zero_pivot("inverse", a, &lu, index),
        Err(Error::Overflow) => {
            // In f32, the f64 inverse must be past the range (see `check_solve_overflow`).
            let wide = a.map(|v| v.wide());
            check_solve_overflow("inverse", a, &Matrix::<T, N, N>::identity(), |e| {
                wide.solve(e)
            });
        }
        Err(e) => panic!("inverse: unexpected {e:?}"),
    }

    // solve
    let finite_b = all_finite(b);
    match a.solve(b) {
        Ok(x) => {
            assert!(finite && finite_b, "solve: Ok on non-finite input");
            assert!(all_finite(&x), "solve: non-finite entries in an Ok");
            let (ad, xd, bd) = (Dense::of(a), Dense::of(&x), Dense::of(b));
            let residual = bd.sub(&ad.mul(&xd));
            let plu = lu_magnitude.as_ref().expect("finite input has factors");
            let bound = plu
                .mul(&xd.abs())
                .scale(gamma(3 * N, u))
                .add(&ad.abs().mul(&xd.abs()).scale(gamma(4, u) + f64_residual(N)))
                .add(&bd.abs().scale(f64_residual(N)))
                .map(|v| {
                    v + underflow::<T>(3 * N, (1.0 + xd.max_abs()) * (1.0 + max_a) + bd.max_abs())
                });
            let normwise = gamma(3 * N, u) * plu.norm_inf() * xd.norm_inf()
                + (u + f64_residual(N)) * (ad.norm_inf() * xd.norm_inf() + bd.norm_inf())
                + N as f64
                    * underflow::<T>(3 * N, (1.0 + xd.max_abs()) * (1.0 + max_a) + bd.max_abs());
            assert_backward("solve: b - A x", &residual, &bound, normwise);
        }
        Err(Error::NonFinite) => assert!(!(finite && finite_b), "solve: NonFinite on finite"),
        Err(Error::Singular { index }) => assert_zero_pivot("solve", a, &lu, index),
        Err(Error::Overflow) => {
            let wide = a.map(|v| v.wide());
            check_solve_overflow("solve", a, b, |b| wide.solve(b));
        }
        Err(e) => panic!("solve: unexpected {e:?}"),
    }
}

/// `Overflow` from an `f32` solve is borne out by the solution's size: the same solve in
/// `f64` (`solve_wide`), exact in range and within `f64`'s rounding, must reach within a
/// factor 4 of the largest `f32` (slack for the rounding of the last steps). For `f64` there
/// is no wider type at hand, and scaling `b` is no substitute (an intermediate that
/// underflows in the scaled problem can be one that matters), so the check is `f32`'s only.
/// Nor is it made for a matrix whose elements span more than the exponent range (`span`,
/// in binary orders of magnitude): there a multiplier of partial pivoting can underflow to
/// zero and drop a term that matters (LAPACK's `sgetrf` does the same), so `f32` and `f64`
/// may disagree on whether the solution fits.
fn check_solve_overflow<T: Float, const N: usize, const K: usize>(
    what: &str,
    a: &Matrix<T, N, N>,
    b: &Matrix<T, N, K>,
    solve_wide: impl Fn(&Matrix<f64, N, K>) -> Result<Matrix<f64, N, K>, Error>,
) {
    let ad = Dense::of(a).abs();
    let span = ad.binary_span();
    // Nor for a matrix that is numerically singular in `T` (kappa_inf u >= 1/(8N), with the
    // f64 inverse): its computed solutions are not meaningful in size (Higham Thm 7.2).
    let kappa = match a.map(|v| v.wide()).inverse() {
        Ok(inv) => ad.norm_inf() * Dense::of(&inv).norm_inf(),
        Err(_) => f64::INFINITY,
    };
    if T::BYTES == 4
        && span < f64::from(T::MAX_EXP)
        && kappa * T::unit_roundoff() < 1.0 / (8.0 * N as f64)
        && let Ok(x) = solve_wide(&b.map(|v| v.wide()))
    {
        let big = T::max_value().wide();
        let largest = Dense::of(&x).max_abs();
        assert_le(
            &format!("{what}: Overflow of a solution in range"),
            big / 4.0,
            largest,
        );
    }
}

/// `Singular { index }` comes from an exactly zero pivot in column `index`: of `a`'s own
/// factorization or, where that overflowed or `a` is tiny, of `a` scaled to largest magnitude in `[1, 2)`
/// (`lu/cold.rs`; elements far below the largest may flush to zero there, a perturbation
/// below `eta` times the largest element, so the matrix is singular to well within its
/// rounding: normwise backward stable).
fn assert_zero_pivot<T: Float, const N: usize>(
    what: &str,
    a: &Matrix<T, N, N>,
    lu: &Result<statrix::Lu<T, N>, Error>,
    index: usize,
) {
    // A matrix whose elements are all below `min_positive / eps` is solved factored scaled
    // too (its plain factors would lose digits to underflow).
    let (tiny, max_a) = (
        T::min_positive_value().wide() / T::epsilon().wide(),
        Dense::of(a).max_abs(),
    );
    let pivot = match lu {
        Ok(f) if max_a >= tiny || max_a == 0.0 => f.first_zero_pivot(),
        Ok(_) | Err(Error::Overflow) => {
            let k = 1 - exponent_of(Dense::of(a).max_abs());
            let scaled = a.map(|v| v * pow2::<T>(k / 2) * pow2::<T>(k - k / 2));
            scaled
                .lu()
                .expect("the normalized factors fit")
                .first_zero_pivot()
        }
        Err(e) => panic!("{what}: Singular where lu gives {e:?}"),
    };
    assert_eq!(pivot, Some(index), "{what}: Singular's column");
}

/// `det` against the pivots' product (`N > 2`: the pivots of [`Matrix::lu`] multiplied with
/// exact power-of-two rescaling, `N - 1` roundings: `gamma_(N-1)` relative, plus `eta` when
/// the result is subnormal); the reference product is carried as mantissa and exponent so
/// that it neither overflows nor underflows in `f64`. Magnitudes only (the sign is the
/// permutation's, which the `lu` check covers).
fn check_det_against_pivots<T: Float>(det: T, pivots: &[f64]) {
    let (mut m, mut e) = (1.0f64, 0i32);
    for &p in pivots {
        if p == 0.0 {
            m = 0.0;
            break;
        }
        // p = pm 2^pe with 1/2 <= |pm| < 1, scaled in two exact steps.
        let pe = exponent_of(p.abs());
        let pm = p * 2f64.powi(-pe / 2) * 2f64.powi(pe / 2 - pe);
        m *= pm;
        e += pe;
        let k = exponent_of(m.abs());
        m *= 2f64.powi(-k);
        e += k;
    }
    let n = pivots.len();
    let rel = gamma(n, T::unit_roundoff()) + gamma(n, dense_u());
    let det = det.wide().abs();
    m = m.abs();
    if m == 0.0 {
        assert_eq!(det, 0.0, "det of a zero pivot");
        return;
    }
    // |exact| = |m| 2^e, within rel.
    let log2_exact = m.abs().log2() + f64::from(e);
    if det.is_infinite() {
        assert!(
            log2_exact + (1.0 + rel).log2() >= f64::from(T::MAX_EXP),
            "det: inf for a determinant of 2^{log2_exact}"
        );
    } else if det == 0.0 {
        assert!(
            log2_exact - (1.0 - rel).log2().abs() <= f64::from(T::MIN_SUBNORMAL_EXP),
            "det: 0 for a determinant of 2^{log2_exact}"
        );
    } else {
        // det 2^-e in two exact steps (2^-e alone may be out of f64's range).
        let half = e / 2;
        let scaled = det * 2f64.powi(-half) * 2f64.powi(half - e);
        let allowance =
            rel * m + (T::smallest_subnormal() * 2f64.powi(-half)) * 2f64.powi(half - e);
        assert_le(
            "det: against the pivots' product",
            (scaled - m).abs(),
            allowance,
        );
    }
}

fn dense_u() -> f64 {
    statrix_fuzz::dense::F64_U
}

fn cholesky_checks<T: Float, const N: usize>(a: &Matrix<T, N, N>, b: &Matrix<T, N, 2>) {
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        let ch = a.cholesky();
        eprintln!("cholesky = {ch:?}\nsolve = {:?}", ch.map(|c| c.solve(b)));
    }
    let u = T::unit_roundoff();
    // The symmetric matrix Cholesky reads: the lower triangle, mirrored.
    let sym = Matrix::<T, N, N>::from_fn(|i, j| if j <= i { a[(i, j)] } else { a[(j, i)] });
    let finite = all_finite(&sym);
    let sd = Dense::of(&sym);
    match a.cholesky() {
        Ok(ch) => {
            assert!(finite, "cholesky: Ok on non-finite input");
            let l = Dense::of(&ch.l());
            let llt = l.abs().mul(&l.abs().t());
            let residual = sd.sub(&l.mul(&l.t()));
            let bound = llt
                .scale(gamma(N + 1, u) + f64_residual(N))
                .map(|v| v + underflow::<T>(N + 1, l.max_abs()));
            assert_within("cholesky: A - L L^T", &residual, &bound);
            let det = ch.det();
            assert!(det >= T::zero(), "cholesky det {det} is negative or NaN");
            let finite_b = all_finite(b);
            match ch.solve(b) {
                Ok(x) => {
                    assert!(finite_b);
                    assert!(
                        all_finite(&x),
                        "cholesky solve: non-finite entries in an Ok"
                    );
                    let (xd, bd) = (Dense::of(&x), Dense::of(b));
                    let residual = bd.sub(&sd.mul(&xd));
                    let bound = llt
                        .mul(&xd.abs())
                        .scale(gamma(3 * N + 1, u))
                        .add(&sd.abs().mul(&xd.abs()).scale(f64_residual(N)))
                        .add(&bd.abs().scale(f64_residual(N)))
                        .map(|v| {
                            v + underflow::<T>(
                                3 * N + 1,
                                (xd.max_abs() + 1.0) * (1.0 + sd.max_abs() + l.max_abs()),
                            )
                        });
                    let normwise = gamma(3 * N + 1, u) * llt.norm_inf() * xd.norm_inf()
                        + (u + f64_residual(N)) * (sd.norm_inf() * xd.norm_inf() + bd.norm_inf())
                        + N as f64
                            * underflow::<T>(
                                3 * N + 1,
                                (xd.max_abs() + 1.0) * (1.0 + sd.max_abs() + l.max_abs()),
                            );
                    assert_backward("cholesky solve: b - A x", &residual, &bound, normwise);
                }
                Err(Error::NonFinite) => assert!(!finite_b, "cholesky solve: NonFinite"),
                Err(Error::Overflow) => {
                    let wide = a.map(|v| v.wide()).cholesky();
                    check_solve_overflow("cholesky solve", &sym, b, |b| {
                        wide.and_then(|c| c.solve(b))
                    });
                }
                Err(e) => panic!("cholesky solve: unexpected {e:?}"),
            }
            match ch.inverse() {
                Ok(x) => {
                    assert!(
                        all_finite(&x),
                        "cholesky inverse: non-finite entries in an Ok"
                    );
                    let xd = Dense::of(&x);
                    let residual = sd.mul(&xd).sub(&Dense::identity(N));
                    let bound = llt
                        .mul(&xd.abs())
                        .scale(gamma(3 * N + 1, u))
                        .add(&sd.abs().mul(&xd.abs()).scale(f64_residual(N)))
                        .map(|v| {
                            v + f64_residual(N)
                                + underflow::<T>(
                                    3 * N + 1,
                                    (xd.max_abs() + 1.0) * (1.0 + sd.max_abs() + l.max_abs()),
                                )
                        });
                    let normwise = gamma(3 * N + 1, u) * llt.norm_inf() * xd.norm_inf()
                        + (u + f64_residual(N)) * sd.norm_inf() * xd.norm_inf()
                        + N as f64
                            * (f64_residual(N)
                                + underflow::<T>(
                                    3 * N + 1,
                                    (xd.max_abs() + 1.0) * (1.0 + sd.max_abs() + l.max_abs()),
                                ));
                    assert_backward("cholesky inverse: A X - I", &residual, &bound, normwise);
                }
                Err(Error::Overflow) => {
                    let wide = a.map(|v| v.wide()).cholesky();
                    check_solve_overflow(
                        "cholesky inverse",
                        &sym,
                        &Matrix::<T, N, N>::identity(),
                        |e| wide.and_then(|c| c.solve(e)),
                    );
                }
                Err(e) => panic!("cholesky inverse: unexpected {e:?}"),
            }
        }
        Err(Error::NonFinite) => assert!(!finite, "cholesky: NonFinite on finite input"),
        Err(Error::NotPositiveDefinite { index }) => {
            assert!(finite);
            // Cholesky runs to completion when 20 n^(3/2) kappa_2(H) u < 1 for the
            // diagonally scaled H (Higham Thm 10.7), and kappa_2(H) <= n kappa_2(A) (van der
            // Sluis): a failure at `index` means the leading block of order k = index + 1
            // has lambda_min <= 20 k^(5/2) u lambda_max. The eigenvalues are computed in f64
            // by statrix's own solver, within 60 k u_64 |A| (LAPACK's sep threshold).
            let k = index + 1;
            let block = statrix::DMatrix::from_fn(k, k, |i, j| sd.at(i, j));
            let scale = block.as_slice().iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if scale > 0.0 {
                let eig = block
                    .map(|x| x / scale)
                    .symmetric_eigenvalues()
                    .expect("finite symmetric");
                let lo = eig.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = eig.iter().copied().fold(0.0f64, |m, x| m.max(x.abs()));
                let kf = k as f64;
                let allowance = (20.0 * kf.powf(2.5) * u + 60.0 * kf * dense_u()) * hi
                    + 4.0 * kf * T::smallest_subnormal() / scale;
                assert_le(
                    "cholesky: NotPositiveDefinite of a definite block",
                    lo,
                    allowance,
                );
            }
        }
        Err(e) => panic!("cholesky: unexpected {e:?}"),
    }
}

fn cofactor_checks<T: Float, const N: usize>(a: &Matrix<T, N, N>) {
    // The closed forms exist for 2x2, 3x3 and 4x4; they must not panic, and a finite Ok
    // must be finite. (Their accuracy is the subject of tests/cofactor.rs; the SIMD 4x4
    // kernel is compared bit for bit in the `kernels` target.)
    macro_rules! run {
        ($n:literal) => {{
            let m = Matrix::<T, $n, $n>::from_fn(|i, j| a[(i, j)]);
            let _ = m.det_cofactor();
            match m.inverse_cofactor() {
                Ok(x) => assert!(all_finite(&m) && all_finite(&x), "cofactor inverse: Ok"),
                Err(Error::NonFinite) => assert!(!all_finite(&m), "cofactor: NonFinite"),
                Err(Error::Singular { .. } | Error::Overflow) => {}
                Err(e) => panic!("cofactor inverse: unexpected {e:?}"),
            }
        }};
    }
    match N {
        2 => run!(2),
        3 => run!(3),
        4 => run!(4),
        _ => {}
    }
}
