//! What the extreme-scale property tests (`tests/extreme_scale_factorizations.rs` and
//! `tests/extreme_scale_spectral.rs`) share: the proptest strategies of their matrices, the
//! power-of-two scalings that carry them to the ends of the floating-point range, and the
//! residual ratios measured in units that cannot overflow or underflow.
//!
//! Each of those test files includes it with `mod scaling;` next to `mod support;` (it uses
//! `support`); Cargo does not build `tests/scaling/mod.rs` as a test crate of its own.
//!
//! # The matrices
//!
//! A strategy yields an *ordinary* f64 matrix `a0`, scaled by a power of two (exactly) so
//! that its largest magnitude lies in `[1, 2)`, of one of three kinds:
//!
//! - random: entries uniform in `[-1, 1)`;
//! - graded: `D1 A D2` with `A` random and `D1`, `D2` diagonal powers of two `2^-30..2^30`,
//!   so that the entries span up to 2^120 (36 orders of magnitude);
//! - ill-conditioned: `U diag(s) V^T` with `U`, `V` orthogonal (products of two Householder
//!   reflectors) and `s_i = 10^(-k i / (K - 1))`, `k` up to 14 (LAPACK's `xLATMS` mode 3,
//!   geometric singular values, condition number up to 1e14).
//!
//! [`in_type`] rounds it to the element type under test (and normalizes again), and
//! [`at_scale`] multiplies it by `2^t`, correctly rounded, with `t` from [`exponent`]: within
//! 2^12 of overflow, entirely subnormal, anywhere in the range, or ordinary. The scaling is
//! exact unless an entry lands in the subnormals (then it is rounded once, and `at_scale`
//! says so).
//!
//! # The units of the checks
//!
//! A residual of a matrix near `1e308` overflows in f64, and one of a subnormal matrix
//! loses its digits; so every check works in *scaled units*: the operands are multiplied by
//! powers of two chosen so that the matrix has its largest magnitude in `[1, 2)` ([`units`]),
//! which is exact in f64 for `f32` data and exact for `f64` data but for elements below
//! `2^-1022` times the largest (rounded by at most `ETA64 / 2`, for which [`residual_1`]
//! allows). Residuals are then evaluated with Dot2 (`support::bounds::residual`, as if in
//! twice the precision, with the bound on its own error).

// Each test crate uses a subset.
#![allow(dead_code)]

use proptest::prelude::*;
use statrix::Matrix;

use crate::support::bounds::{Mat, decompose, residual};
use crate::support::{ETA64, Float, scaled, times_pow2};

/// The grading exponents of `D1` and `D2`: `2^-GRADE..=2^GRADE`.
const GRADE: i32 = 30;

/// The largest decimal exponent of the condition number of the ill-conditioned kind.
const MAX_COND_EXP: f64 = 14.0;

// --- strategies -------------------------------------------------------------------------

/// The largest magnitude of an f64 matrix.
fn max_abs_f64<const R: usize, const C: usize>(a: &Matrix<f64, R, C>) -> f64 {
    a.iter().fold(0.0, |m, x| m.max(x.abs()))
}

/// `a` times the power of two that brings its largest magnitude into `[1, 2)` (exact:
/// the generators' entries are far from the ends of the range); the zero matrix as it is.
fn normalized<const R: usize, const C: usize>(a: Matrix<f64, R, C>) -> Matrix<f64, R, C> {
    let m = max_abs_f64(&a);
    if m == 0.0 {
        return a;
    }
    let (_, e) = decompose(m);
    a.map(|x| times_pow2(x, -e))
}

/// The reflector `I - 2 v v^T / (v^T v)` (the identity for `v = 0`), in f64.
fn reflector(v: &[f64]) -> Mat {
    let vv: f64 = v.iter().map(|x| x * x).sum();
    let n = v.len();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let delta = if i == j { 1.0 } else { 0.0 };
                    if vv > 0.0 {
                        delta - 2.0 * v[i] * v[j] / vv
                    } else {
                        delta
                    }
                })
                .collect()
        })
        .collect()
}

/// An `n x n` orthogonal matrix (to f64's rounding): the product of the reflectors of `v`
/// and `w`.
fn orthogonal(v: &[f64], w: &[f64]) -> Mat {
    crate::support::bounds::product(&reflector(v), &reflector(w))
}

/// `10^(-k i / (count - 1))` for `i < count`: geometric from 1 down to `10^-k`.
fn geometric(count: usize, k: f64) -> Vec<f64> {
    (0..count)
        .map(|i| {
            if count > 1 {
                10f64.powf(-k * i as f64 / (count - 1) as f64)
            } else {
                1.0
            }
        })
        .collect()
}

fn unit_entries(len: usize) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(-1.0f64..1.0, len)
}

fn grades(len: usize) -> impl Strategy<Value = Vec<i32>> {
    proptest::collection::vec(-GRADE..=GRADE, len)
}

/// An ordinary `R x C` matrix of the three kinds (see the module docs), largest magnitude in
/// `[1, 2)`.
pub fn general<const R: usize, const C: usize>() -> impl Strategy<Value = Matrix<f64, R, C>> {
    let k = R.min(C);
    prop_oneof![
        unit_entries(R * C).prop_map(|v| Matrix::from_fn(|i, j| v[i * C + j])),
        (unit_entries(R * C), grades(R), grades(C)).prop_map(|(v, dr, dc)| {
            Matrix::from_fn(|i, j| times_pow2(v[i * C + j], dr[i] + dc[j]))
        }),
        (unit_entries(R * 2), unit_entries(C * 2), 0.0..=MAX_COND_EXP).prop_map(
            move |(u, v, kappa)| {
                let (u, v) = (orthogonal(&u[..R], &u[R..]), orthogonal(&v[..C], &v[C..]));
                let s = geometric(k, kappa);
                Matrix::from_fn(|i, j| (0..k).map(|l| u[i][l] * s[l] * v[j][l]).sum())
            }
        ),
    ]
    .prop_map(normalized)
}

/// An ordinary symmetric `N x N` matrix: random, graded `D S D`, or `Q diag(w) Q^T` with
/// `|w_i|` geometric down to `10^-14` and random signs; largest magnitude in `[1, 2)`.
pub fn symmetric<const N: usize>() -> impl Strategy<Value = Matrix<f64, N, N>> {
    let mirror = |v: &[f64]| Matrix::from_fn(|i, j| v[i.max(j) * N + i.min(j)]);
    prop_oneof![
        unit_entries(N * N).prop_map(move |v| mirror(&v)),
        (unit_entries(N * N), grades(N)).prop_map(move |(v, d)| {
            let s = mirror(&v);
            Matrix::from_fn(|i, j| times_pow2(s[(i, j)], d[i] + d[j]))
        }),
        (
            unit_entries(N * 2),
            proptest::collection::vec(any::<bool>(), N),
            0.0..=MAX_COND_EXP
        )
            .prop_map(|(q, signs, kappa)| {
                let q = orthogonal(&q[..N], &q[N..]);
                let w: Vec<f64> = geometric(N, kappa)
                    .iter()
                    .zip(&signs)
                    .map(|(&x, &neg)| if neg { -x } else { x })
                    .collect();
                // The lower triangle, mirrored: the products' rounding is not symmetric.
                let (lo, hi) = (|i: usize, j: usize| i.max(j), |i: usize, j: usize| i.min(j));
                Matrix::from_fn(|i, j| {
                    let (i, j) = (lo(i, j), hi(i, j));
                    (0..N).map(|l| q[i][l] * w[l] * q[j][l]).sum()
                })
            }),
    ]
    .prop_map(normalized)
}

/// An ordinary symmetric positive definite `N x N` matrix, largest magnitude in `[1, 2)`,
/// and a lower bound on the smallest eigenvalue of its unit-diagonal scaling `H = D^-1 A
/// D^-1`, `D = diag(a_ii)^(1/2)` (what Higham's Thm. 10.7 asks for): `B B^T + I/10`
/// (`lambda_min(H) >= 0.1 / (n + 0.1)`, as `a_ii <= n + 0.1`), its graded form `D (B B^T +
/// I/10) D` (the same `H`), or `Q diag(w) Q^T` with `w` geometric from 1 to `10^-k`
/// (`lambda_min(H) >= lambda_min(A) / max a_ii >= 10^-k`). Each bound is lowered by the f64
/// rounding of the generator's sums (`n gamma_{n+2}` in `H`'s units, `U64`).
pub fn spd<const N: usize>() -> impl Strategy<Value = (Matrix<f64, N, N>, f64)> {
    let n = N as f64;
    let rounding = n * crate::support::gamma_u(n + 2.0, crate::support::U64);
    let gram = move |v: &[f64]| {
        Matrix::<f64, N, N>::from_fn(|i, j| {
            (0..N).map(|k| v[i * N + k] * v[j * N + k]).sum::<f64>()
                + if i == j { 0.1 } else { 0.0 }
        })
    };
    let well = 0.1 / (n + 0.1) - rounding;
    prop_oneof![
        unit_entries(N * N).prop_map(move |v| (gram(&v), well)),
        (unit_entries(N * N), grades(N)).prop_map(move |(v, d)| {
            let g = gram(&v);
            (
                Matrix::from_fn(|i, j| times_pow2(g[(i, j)], d[i] + d[j])),
                well,
            )
        }),
        (unit_entries(N * 2), 0.0..=MAX_COND_EXP).prop_map(move |(q, kappa)| {
            let q = orthogonal(&q[..N], &q[N..]);
            let w = geometric(N, kappa);
            // The lower triangle, mirrored: the products' rounding is not symmetric.
            let a = Matrix::from_fn(|i, j| {
                let (i, j) = (i.max(j), i.min(j));
                (0..N).map(|l| q[i][l] * w[l] * q[j][l]).sum()
            });
            (a, w[N - 1] - rounding)
        }),
    ]
    .prop_map(|(a, lambda)| (normalized(a), lambda))
}

/// A power-of-two exponent `t` for `T`: the largest element of `2^t a0` (`a0` of largest
/// magnitude in `[1, 2)`) within 2^12 of overflow, or subnormal (every element), or
/// anywhere from the smallest subnormal to the largest binade, or ordinary.
pub fn exponent<T: Float>() -> impl Strategy<Value = i32> {
    prop_oneof![
        (T::MAX_EXP - 12)..T::MAX_EXP,
        T::DENORM_EXP..T::MIN_NORMAL_EXP,
        T::DENORM_EXP..T::MAX_EXP,
        -8i32..8,
    ]
}

// --- scaling ----------------------------------------------------------------------------

/// `a` rounded to `T`, scaled again to largest magnitude in `[1, 2)` (rounding may reach 2).
pub fn in_type<T: Float, const R: usize, const C: usize>(a: &Matrix<f64, R, C>) -> Matrix<T, R, C> {
    let rounded = a.map(T::round_from);
    let (m, _) = normalize(&rounded);
    m
}

/// `2^t a`, each element correctly rounded ([`times_pow2`]), and whether that is exact
/// (no element rounded in the subnormals).
pub fn at_scale<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    t: i32,
) -> (Matrix<T, R, C>, bool) {
    let s = scaled(a, t);
    let exact = s
        .iter()
        .zip(a.iter())
        .all(|(&x, &y)| times_pow2(x, -t) == y);
    (s, exact)
}

/// The exponent `s` with `2^s max|a|` in `[1, 2)`; 0 for the zero matrix.
pub fn unit_exponent<T: Float, const R: usize, const C: usize>(a: &Matrix<T, R, C>) -> i32 {
    let m = a.iter().fold(0.0f64, |m, &x| m.max(x.f64().abs()));
    if m == 0.0 { 0 } else { -decompose(m).1 }
}

/// `(2^s a, s)` with `2^s a` of largest magnitude in `[1, 2)`, correctly rounded (exact but
/// for elements below `2^MIN_NORMAL_EXP` times the largest).
pub fn normalize<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
) -> (Matrix<T, R, C>, i32) {
    let s = unit_exponent(a);
    (scaled(a, s), s)
}

/// `2^s m` in f64 (see the module docs).
pub fn units<T: Float, const R: usize, const C: usize>(m: &Matrix<T, R, C>, s: i32) -> Mat {
    crate::support::bounds::to_f64(m)
        .into_iter()
        .map(|row| row.into_iter().map(|x| times_pow2(x, s)).collect())
        .collect()
}

/// The exponent `e` of the top of LAPACK's safe range `[2^-e, 2^e]` (`dgeev`'s `smlnum =
/// sqrt(safe_min) / eps` and its reciprocal): 459 in `f64`, 40 in `f32`.
pub fn top_exponent<T: Float>() -> i32 {
    -(T::MIN_NORMAL_EXP / 2) + decompose(T::epsilon().f64()).1
}

/// Whether `qr`, `eigen` and `eigenvalues` work on this matrix scaled by a power of two
/// (`qr` into `[1, 2)`; `eigen` and `eigenvalues` a large one to `[2^(e-1), 2^e)`, a tiny one
/// into `[1, 2)`): where its largest magnitude is outside LAPACK's safe range `[2^-e, 2^e]`
/// ([`top_exponent`]).
pub fn prescaled<T: Float, const R: usize, const C: usize>(a: &Matrix<T, R, C>) -> bool {
    let e = top_exponent::<T>();
    let big = a.iter().fold(0.0f64, |m, x| m.max(x.f64().abs()));
    big != 0.0 && (big < 2f64.powi(-e) || big > 2f64.powi(e))
}

/// Whether `x` is zero, infinite or normal in `T` (not subnormal).
pub fn is_normal_or_zero<T: Float>(x: T) -> bool {
    let v = x.f64().abs();
    v == 0.0 || v >= 2f64.powi(T::MIN_NORMAL_EXP)
}

/// Whether `x * 2^k` is exact and not subnormal: `x` is zero, or `x * 2^k` is normal and
/// finite.
pub fn scales_to_normal<T: Float>(x: T, k: i32) -> bool {
    let y = times_pow2(x, k);
    x == T::zero() || (y != T::zero() && y.is_finite() && is_normal_or_zero(y))
}

/// Checks `got` against `reference * 2^k`, where both are the same value `y` of a
/// computation that does the very same operations at both scales (the implementation works
/// on the matrix scaled into range), scaled back by `2^k` more for `got`: `got = fl(2^k y)`,
/// `reference = fl(y)`. Equal, bit for bit, where both are normal (or zero, or infinite
/// exactly). Where `got` lands in the subnormals (or a non-zero value rounds to zero), the
/// implementation's scaling back (two steps, the second rounding) and `times_pow2` (one
/// rounding) each round once, and differ by at most one unit of the subnormals, `eta`
/// (a step that rounded twice). Where `reference` is subnormal it was rounded by up to `eta /
/// 2` while `got` was rounded relatively: `|got - 2^k reference| <= u |got| + 2^k eta / 2`.
pub fn assert_scaled<T: Float>(what: &str, got: T, reference: T, k: i32) {
    let want = times_pow2(reference, k);
    let (got, want, reference) = (got.f64(), want.f64(), reference.f64());
    let exact = |x: f64| is_normal_or_zero(T::round_from(x));
    let underflowed = want == 0.0 && reference != 0.0;
    if exact(want) && exact(reference) && !underflowed {
        assert!(
            got == want,
            "{what}: {got:e}, expected exactly {want:e} (= {reference:e} * 2^{k})"
        );
    } else {
        let mut tol = 0.0;
        if !exact(want) || underflowed {
            tol += T::ETA;
        }
        if !exact(reference) {
            tol += T::U * got.abs() + times_pow2(T::ETA, k) / 2.0;
        }
        assert!(
            (got - want).abs() <= tol,
            "{what}: {got:e}, expected {want:e} (= {reference:e} * 2^{k}) within {tol:e}"
        );
    }
}

/// [`assert_scaled`] elementwise.
pub fn assert_all_scaled<T: Float, const R: usize, const C: usize>(
    what: &str,
    got: &Matrix<T, R, C>,
    reference: &Matrix<T, R, C>,
    k: i32,
) {
    for i in 0..R {
        for j in 0..C {
            assert_scaled(
                &format!("{what} ({i}, {j})"),
                got[(i, j)],
                reference[(i, j)],
                k,
            );
        }
    }
}

// --- ratios -----------------------------------------------------------------------------

/// The 1-norm (largest absolute column sum) of an f64 matrix, as LAPACK's test ratios use.
pub fn norm_1(m: &Mat) -> f64 {
    let cols = m.first().map_or(0, Vec::len);
    (0..cols)
        .map(|j| m.iter().map(|row| row[j].abs()).sum::<f64>())
        .fold(0.0, f64::max)
}

pub fn transpose(m: &Mat) -> Mat {
    let cols = m.first().map_or(0, Vec::len);
    (0..cols)
        .map(|j| m.iter().map(|row| row[j]).collect())
        .collect()
}

/// `||a b - c||_1` (Dot2, elementwise), and a bound on that value's own error: Dot2's, plus
/// the rounding of the operands by [`units`] (each element off by at most `ETA64 / 2`,
/// which moves an element of `a b - c` by at most `ETA64 / 2 (sum_k |a_ik| + sum_k |b_kj| +
/// 1)`, up to the second order, here covered by a factor 2).
pub fn residual_1(a: &Mat, b: &Mat, c: &Mat) -> (f64, f64) {
    let (r, err) = residual(a, b, c);
    let rows = r.len() as f64;
    let operands = crate::support::bounds::norm_inf(a) + norm_1(b) + 1.0;
    (norm_1(&r), norm_1(&err) + ETA64 * rows * operands)
}

/// Asserts a LAPACK-style test ratio: `value <= thresh * scale`, where `value` is a norm
/// evaluated with error at most `err` (from [`residual_1`]) and `scale` the ratio's
/// denominator (`n ||A|| eps` and the like), evaluated in f64 with relative error far
/// below `SLACK - 1`.
pub fn assert_ratio(what: &str, (value, err): (f64, f64), scale: f64, thresh: f64) {
    let bound = thresh * scale * crate::support::SLACK + err;
    assert!(
        value <= bound,
        "{what}: ratio {:e} > {thresh} (residual {value:e}, scale {scale:e})",
        value / scale
    );
}
