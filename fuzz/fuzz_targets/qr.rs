//! Householder QR (`qr`, `Qr::q`, `q_full`, `r`, `Qr::solve`) and the SVD least squares
//! (`lstsq`, `lstsq_wide`) on tall, square and wide static shapes up to 8x8 in `f32` and
//! `f64`, with some matrices made rank deficient (a column repeated or zeroed).
//!
//! The bounds are LAPACK's test ratios with its pass thresholds: for QR (`xQRT01`, threshold
//! 30 from `TESTING/dtest.in`) `||A - Q R||_F / (R ||A||_F eps)` and `||I - Qᵀ Q||_max / (R
//! eps)`, and `R` exactly upper triangular. For the solves, Householder least squares is
//! backward stable (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., Thm
//! 20.3: the computed `x` solves the problem for `A + dA`, `b + db` with `||dA_j|| <=
//! gamma~_RC ||A_j||`), so the residual `r = b - A x` meets the normal equations to
//! `||Aᵀ r|| <= c R C u ||A|| (||A|| ||x|| + ||b|| + ||r||)` (expand `(A + dA)ᵀ (b + db -
//! (A + dA) x) = 0`), and a square system's residual itself to `c R C u (||A|| ||x|| +
//! ||b||)`; `c` is taken as LAPACK's threshold 30 (`xQRT17` is the same ratio). The SVD
//! least squares truncates singular values at most `cutoff = max(R, C) eps s_max` (NumPy's
//! `rcond=None`), which leaves `||Aᵀ r|| <= cutoff ||b||` more, and its SVD's backward error
//! has LAPACK's SVD threshold 35 (`TESTING/svd.in`) in place of 30. Every bound adds an
//! absolute allowance for underflow and, for `f64`, the rounding of the residual itself.
//!
//! `Err` kinds: `NonFinite` exactly for NaN or infinite input; `Overflow` from `qr` only
//! where a column norm (an element of `R`) reaches the largest float; `Singular` from
//! `Qr::solve` only with an exactly zero diagonal element of `R`, at the first one;
//! `Overflow` from a solve, for `f32`, only where the `f64` solution nears the largest
//! `f32` (as the `square` target's check); `NoConvergence` never.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statrix::{Error, Matrix};
use statrix_fuzz::dense::{Dense, assert_le, f64_residual, gamma, scale_pow2, times_pow2};
use statrix_fuzz::{Float, Input, all_finite, with_tall_shape};

/// LAPACK's pass threshold for its QR and least-squares test ratios (`TESTING/dtest.in`).
const QR_THRESH: f64 = 30.0;
/// LAPACK's pass threshold for its SVD test ratios (`TESTING/svd.in`).
const SVD_THRESH: f64 = 35.0;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let double = input.byte().is_multiple_of(2);
    let shape = input.below(18);
    if double {
        with_tall_shape!(shape, R, C => least_squares::<f64, R, C>(&mut input));
    } else {
        with_tall_shape!(shape, R, C => least_squares::<f32, R, C>(&mut input));
    }
});

fn least_squares<T: Float, const R: usize, const C: usize>(input: &mut Input) {
    let mut a: Matrix<T, R, C> = input.matrix();
    match input.byte() % 8 {
        // Rank deficient: a column repeated, or zeroed.
        0 if C > 1 => {
            let (from, to) = (input.below(C), input.below(C));
            for i in 0..R {
                a[(i, to)] = a[(i, from)];
            }
        }
        1 => {
            let j = input.below(C);
            for i in 0..R {
                a[(i, j)] = T::zero();
            }
        }
        _ => {}
    }
    let b: Matrix<T, R, 2> = input.matrix();
    let b_wide: Matrix<T, C, 2> = input.matrix();
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!("a = {a:?}\nb = {b:?}\nb_wide = {b_wide:?}");
    }
    qr_checks(&a, &b);
    let widen = |x: T| x.wide();
    lstsq_checks::<T>(
        "lstsq",
        &Dense::of(&a),
        &Dense::of(&b),
        a.lstsq(&b).map(parts),
        || a.map(widen).lstsq(&b.map(widen)).map(parts),
    );
    let wide = a.transpose();
    lstsq_checks::<T>(
        "lstsq_wide",
        &Dense::of(&wide),
        &Dense::of(&b_wide),
        wide.lstsq_wide(&b_wide).map(parts),
        || wide.map(widen).lstsq_wide(&b_wide.map(widen)).map(parts),
    );
}

/// The absolute allowance for underflow in a residual over `n`-step computations, in the
/// units of a residual scaled by [`scaled_system`]: each rounded product or quotient that
/// lands in the subnormals is off by at most `eta / 2` in the unscaled computation, and
/// reaches the residual multiplied by at most `(1 + |p|)(1 + |q|)` (for a solve: `|A|` and
/// `|x|`; for a factorization: `|Q|` and `|R|`). `p` and `q` are given scaled, with the
/// exponents they were scaled by: `n eta (1 + p 2^-e_p)(1 + q 2^-e_q) 2^(e_p + e_q)`.
fn underflow<T: Float>(n: usize, (p, e_p): (f64, i32), (q, e_q): (f64, i32)) -> f64 {
    n as f64
        * T::smallest_subnormal()
        * (times_pow2(1.0, e_p + e_q) + times_pow2(p, e_q) + times_pow2(q, e_p) + p * q)
}

/// `ceil(log2 x)` of a positive finite `x`, 0 otherwise.
fn exponent(x: f64) -> i32 {
    if x > 0.0 && x.is_finite() {
        x.log2().ceil() as i32
    } else {
        0
    }
}

/// A system `(a, x, b)` scaled by powers of two, `(a s, x t, b s t)`, so that `|a s| <= 1`,
/// `|x t| <= 1 / n` and `|b s t| <= 1`: the residual `b - a x` scales by `s t` exactly and
/// neither it nor `aᵀ r` can overflow `f64` (residuals of `f64` problems near the largest
/// float would). Scaling is exact but for elements that flush to zero, each then off by at
/// most `eta / 2`, within every bound's underflow allowance (at least one `eta` per element);
/// every ratio checked is homogeneous in `s` and `t`. Returns the exponents of `s` and `t`.
fn scaled_system(a: &Dense, x: &Dense, b: &Dense) -> (Dense, Dense, Dense, i32, i32) {
    let e_a = exponent(a.max_abs());
    let e_x = exponent(x.max_abs() * a.cols as f64);
    let e_b = exponent(b.max_abs());
    let (s, t) = (-e_a, -(e_x.max(e_b - e_a)));
    (
        scale_pow2(a, s),
        scale_pow2(x, t),
        scale_pow2(b, s + t),
        s,
        t,
    )
}

/// The Euclidean norm of column `j`, in `f64` (scaled, so it neither overflows nor
/// underflows).
fn column_norm(a: &Dense, j: usize) -> f64 {
    Dense::from_fn(a.rows, 1, |i, _| a.at(i, j)).fro()
}

fn qr_checks<T: Float, const R: usize, const C: usize>(a: &Matrix<T, R, C>, b: &Matrix<T, R, 2>) {
    let finite = all_finite(a);
    let ad = Dense::of(a);
    let u = T::unit_roundoff();
    let e = T::epsilon().wide();
    let qr = match a.qr() {
        Ok(qr) => {
            assert!(finite, "qr: Ok on non-finite input");
            qr
        }
        Err(Error::NonFinite) => {
            assert!(!finite, "qr: NonFinite on finite input");
            return;
        }
        Err(Error::Overflow) => {
            assert!(finite, "qr: Overflow on non-finite input");
            // |R_kj| <= ||A_j|| (Householder steps are orthogonal), computed within
            // gamma_RC of it: Overflow needs a column norm at the largest float.
            let largest = (0..C).map(|j| column_norm(&ad, j)).fold(0.0, f64::max);
            assert_le(
                "qr: Overflow needs a column norm at the largest float",
                T::max_value().wide(),
                largest * (1.0 + gamma(R * C, u)),
            );
            return;
        }
        Err(err) => panic!("qr: unexpected {err:?}"),
    };
    let (q, r, q_full) = (
        Dense::of(&qr.q()),
        Dense::of(&qr.r()),
        Dense::of(&qr.q_full()),
    );
    // A and R scaled alike to |A| <= 1 (see `scaled_system`): the ratios do not change.
    let scale = -exponent(ad.max_abs());
    let (ad, r, r_unscaled) = (scale_pow2(&ad, scale), scale_pow2(&r, scale), r);
    for i in 0..C {
        for j in 0..i {
            assert_eq!(r.at(i, j), 0.0, "qr: R below its diagonal at ({i}, {j})");
        }
    }
    let a_norm = ad.fro();
    // xQRT01's ratios; the f64 residual's own rounding (sums of C products of elements of
    // Q, at most 1, and of R, at most ||A||) and underflow added absolutely.
    let residual = ad.sub(&q.mul(&r)).fro();
    let allowance = f64_residual(C) * (R * C) as f64 * q.max_abs() * r.max_abs()
        + (R * C) as f64 * underflow::<T>(R * C, (1.0, 0), (r.max_abs(), scale));
    assert_le(
        "qr: ||A - Q R||_F",
        residual,
        QR_THRESH * R as f64 * e * a_norm + allowance,
    );
    let orthonormal = QR_THRESH * R as f64 * e + f64_residual(R);
    assert_le(
        "qr: ||I - QᵀQ||_max",
        q.t().mul(&q).sub(&Dense::identity(C)).max_abs(),
        orthonormal,
    );
    assert_le(
        "q_full: ||I - QᵀQ||_max",
        q_full.t().mul(&q_full).sub(&Dense::identity(R)).max_abs(),
        orthonormal,
    );
    // A = Q_full [R; 0].
    let r_full = Dense::from_fn(R, C, |i, j| if i < C { r.at(i, j) } else { 0.0 });
    assert_le(
        "q_full: ||A - Q_full [R; 0]||_F",
        ad.sub(&q_full.mul(&r_full)).fro(),
        QR_THRESH * R as f64 * e * a_norm + allowance,
    );

    let finite_b = all_finite(b);
    let bd = Dense::of(b);
    match qr.solve(b) {
        Ok(x) => {
            assert!(finite_b, "Qr::solve: Ok on non-finite b");
            let (ad, xd, bd, s, t) = scaled_system(&Dense::of(a), &Dense::of(&x), &bd);
            let a_norm = ad.fro();
            let rd = bd.sub(&ad.mul(&xd));
            let (x_norm, b_norm, r_norm) = (xd.fro(), bd.fro(), rd.fro());
            let scale = a_norm * x_norm + b_norm;
            // The f64 residual's rounding and underflow, then through Aᵀ.
            let rounding = f64_residual(C) * (ad.abs().mul(&xd.abs()).fro() + b_norm)
                + (R * C) as f64 * underflow::<T>(R * C, (a_norm, s), (x_norm, t));
            let c = QR_THRESH * (R * C) as f64 * u;
            assert_le(
                "Qr::solve: ||Aᵀ (b - A x)||_F",
                ad.t().mul(&rd).fro(),
                c * a_norm * (scale + r_norm)
                    + (a_norm + f64_residual(R) * a_norm) * rounding
                    + f64_residual(R) * a_norm * r_norm,
            );
            if R == C {
                assert_le("Qr::solve: ||b - A x||_F", r_norm, c * scale + rounding);
            }
        }
        Err(Error::NonFinite) => assert!(!finite_b, "Qr::solve: NonFinite on finite b"),
        Err(Error::Singular { index }) => {
            // A zero of R at the scale it was factored at (`r()` may flush more to zero).
            assert_eq!(
                r_unscaled.at(index, index),
                0.0,
                "Qr::solve: Singular at a non-zero of R"
            );
        }
        Err(Error::Overflow) => {
            assert!(finite_b, "Qr::solve: Overflow on non-finite b");
            check_solve_overflow(a, b);
        }
        Err(err) => panic!("Qr::solve: unexpected {err:?}"),
    }
}

/// `Overflow` from an `f32` least-squares solve is borne out by the solution's size: the
/// same solve in `f64` must reach within a factor 4 of the largest `f32` (slack for the
/// rounding of the last steps). Not checked for `f64` (no wider type at hand), for a matrix
/// whose elements span more than the exponent range (elements of a reflector can flush to
/// zero there, as in LAPACK's `sgeqrf`), nor where the `f32` solution may be far from the
/// `f64` one ([`wedin_close`]; `cond_2` by the `f64` SVD).
fn check_solve_overflow<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    b: &Matrix<T, R, 2>,
) {
    let span = Dense::of(a).binary_span();
    let wide = a.map(|v| v.wide());
    let cond = wide.cond().unwrap_or(f64::INFINITY);
    if T::BYTES == 4
        && span < f64::from(T::MAX_EXP)
        && let Ok(x) = wide.qr().and_then(|f| f.solve(&b.map(|v| v.wide())))
        && wedin_close(
            &Dense::of(a),
            &Dense::of(&x),
            &Dense::of(b),
            cond,
            QR_THRESH,
        )
    {
        assert_le(
            "Qr::solve: Overflow of a solution in range",
            T::max_value().wide() / 4.0,
            Dense::of(&x).max_abs(),
        );
    }
}

/// Whether the `f32` solution of a least-squares problem is within half its size of the
/// `f64` one `x` (so that the two agree on whether it fits): by Wedin's bound (Higham,
/// *Accuracy and Stability of Numerical Algorithms*, 2nd ed., Thm 20.1), the solution of a
/// problem perturbed by `n u` relatively (the backward error, with the constant LAPACK's
/// thresholds allow) is off by at most `n u (2 kappa + kappa^2 ||r|| / (s_1 ||x||))`
/// relatively, `kappa = s_1 / s_r` over the singular values kept, `r = b - A x`.
fn wedin_close(a: &Dense, x: &Dense, b: &Dense, kappa: f64, threshold: f64) -> bool {
    let n = a.rows.max(a.cols) as f64;
    let u = f32::EPSILON as f64 / 2.0;
    let (r, x_norm) = (b.sub(&a.mul(x)).fro(), x.fro());
    // s_1 >= ||A||_F / sqrt(min(m, n)): the smaller, the larger (safer) the estimate.
    let s1 = a.fro() / (a.rows.min(a.cols) as f64).sqrt();
    let relative = threshold * n * u * (2.0 * kappa + kappa * kappa * r / (s1 * x_norm));
    x_norm > 0.0 && relative <= 0.5
}

/// A least-squares result as `f64` matrices: solution, residuals, rank, singular values.
struct Parts {
    x: Dense,
    residuals: Option<Vec<f64>>,
    rank: usize,
    s: Vec<f64>,
}

fn parts<T: Float, const C: usize, const K: usize, const S: usize>(
    fit: statrix::LeastSquares<T, C, K, S>,
) -> Parts {
    Parts {
        x: Dense::of(&fit.solution),
        residuals: fit.residuals.map(|r| r.iter().map(|v| v.wide()).collect()),
        rank: fit.rank,
        s: fit.singular_values.iter().map(|v| v.wide()).collect(),
    }
}

/// Checks a least-squares result of `a` (`m x n`, either orientation) and `b` (`m x 2`):
/// see the module documentation. `in_f64` solves the same problem in `f64`.
fn lstsq_checks<T: Float>(
    what: &str,
    a: &Dense,
    b: &Dense,
    got: Result<Parts, Error>,
    in_f64: impl FnOnce() -> Result<Parts, Error>,
) {
    let finite = a.data.iter().chain(&b.data).all(|v| v.is_finite());
    let fit = match got {
        Ok(fit) => {
            assert!(finite, "{what}: Ok on non-finite input");
            fit
        }
        Err(Error::NonFinite) => {
            assert!(!finite, "{what}: NonFinite on finite input");
            return;
        }
        Err(Error::Overflow) => {
            // Only the answer can overflow (the system is solved scaled): a singular value
            // (at most ||A||_F) or the solution. For f32, the f64 problem tells which.
            assert!(finite, "{what}: Overflow on non-finite input");
            if T::BYTES == 4 {
                let big = T::max_value().wide();
                let wide = in_f64();
                let reaches = wide.as_ref().map_or(true, |w| {
                    w.x.max_abs() >= big / 4.0 || w.s[0] >= big / (1.0 + 1e-3)
                });
                // A solution in range from an f64 problem that is numerically rank
                // deficient in f32 says nothing: the ranks differ.
                // Nor does one whose f32 solution may be far from the f64 one (Wedin).
                let meaningful = wide.as_ref().is_ok_and(|w| {
                    let cutoff = a.rows.max(a.cols) as f64 * T::epsilon().wide() * w.s[0];
                    let kept = w.s.iter().filter(|&&s| s > cutoff).count();
                    kept == w.rank
                        && kept > 0
                        && wedin_close(a, &w.x, b, w.s[0] / w.s[kept - 1], SVD_THRESH)
                });
                if meaningful {
                    assert!(reaches, "{what}: Overflow of a solution in range");
                }
            }
            return;
        }
        Err(err) => panic!("{what}: unexpected {err:?}"),
    };
    let (m, n) = (a.rows, a.cols);
    let k = m.min(n);
    assert_eq!(fit.s.len(), k, "{what}: singular value count");
    assert!(
        fit.rank <= k,
        "{what}: rank {} of a {m}x{n} matrix",
        fit.rank
    );
    for pair in fit.s.windows(2) {
        assert!(
            pair[0] >= pair[1],
            "{what}: singular values not descending: {:?}",
            fit.s
        );
    }
    assert!(
        fit.s.iter().all(|&s| s >= 0.0),
        "{what}: negative singular value"
    );
    let s_max = fit.s.first().copied().unwrap_or(0.0);
    let e = T::epsilon().wide();
    let cutoff = m.max(n) as f64 * e * s_max;
    let above = fit.s.iter().filter(|&&s| s > cutoff).count();
    // The rank is decided on the system scaled into range (as `rank`), and the singular
    // values scaled back by a power of two: exactly, and the comparisons with them, unless
    // they land in the subnormals, where they lose bits (or flush to zero).
    assert!(
        fit.rank == above || cutoff < T::min_positive_value().wide(),
        "{what}: rank {} is not the count above NumPy's cutoff, {above}",
        fit.rank
    );
    if !fit.x.data.iter().all(|v| v.is_finite()) {
        panic!("{what}: non-finite solution in an Ok");
    }

    let u = T::unit_roundoff();
    // Scaled alike (see `scaled_system`), as the cutoff, a multiple of s_max.
    let (a, x, b, s, t) = scaled_system(a, &fit.x, b);
    let cutoff = times_pow2(cutoff, s);
    let rd = b.sub(&a.mul(&x));
    let (a_norm, x_norm, b_norm, r_norm) = (a.fro(), x.fro(), b.fro(), rd.fro());
    let rounding = f64_residual(n) * (a.abs().mul(&x.abs()).fro() + b_norm)
        + (m * n) as f64 * underflow::<T>(m * n, (a_norm, s), (x_norm, t));
    let c = SVD_THRESH * (m * n) as f64 * u;
    assert_le(
        &format!("{what}: ||Aᵀ (b - A x)||_F"),
        a.t().mul(&rd).fro(),
        cutoff * b_norm
            + c * a_norm * (a_norm * x_norm + b_norm + r_norm)
            + (1.0 + f64_residual(m)) * a_norm * rounding
            + f64_residual(m) * a_norm * r_norm,
    );
    match &fit.residuals {
        Some(res) => {
            assert!(
                m > n && fit.rank == n,
                "{what}: residuals of a system without them"
            );
            // Each is ||b_k - A x_k||², NumPy's; the computed residual differs from the
            // one of the computed x by at most the backward error's c (||A|| ||x|| +
            // ||b||) in norm.
            for (col, &got) in res.iter().enumerate() {
                // In the scaled units of `rd`.
                let (got, want) = (
                    times_pow2(got.sqrt(), s + t),
                    Dense::from_fn(m, 1, |i, _| rd.at(i, col)).fro(),
                );
                // The squares of elements below sqrt(eta) underflow: m of them, each off by
                // at most eta / 2, move the root by at most sqrt(m eta) (|sqrt x - sqrt y|
                // <= sqrt |x - y|).
                let squares = times_pow2((m as f64 * T::smallest_subnormal()).sqrt(), s + t);
                let slack = c * (a_norm * x_norm + b_norm) + rounding + squares;
                if got.is_infinite() {
                    // Past the range, as NumPy's: the square must be at the largest float
                    // (within a factor 2 for the rounding of the sum).
                    assert_le(
                        &format!("{what}: residual {col} inf"),
                        T::max_value().wide() / 2.0,
                        times_pow2(want + slack, -(s + t)).powi(2),
                    );
                    continue;
                }
                assert_le(
                    &format!("{what}: residual {col}"),
                    (got - want).abs(),
                    slack,
                );
            }
        }
        None => assert!(
            !(m > n && fit.rank == n),
            "{what}: no residuals for a tall system of full rank"
        ),
    }
}
