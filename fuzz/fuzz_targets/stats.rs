//! The statistics and reductions of static matrices `R x C` (16 shapes: every `R` and every
//! `C` in 1..=8, see [`with_shape!`]), `f32` and `f64`: `sum`/`prod`/`cumsum`/`cumprod` (whole and per axis), `min`/`max`/`argmin`/`argmax`
//! (+ axis), `sort`/`sort_descending`/`argsort`/`argsort_descending` (+ axis), `unique`,
//! `mean`/`var`/`std` (+ axis), `median`, `quantile`/`quantiles`/`percentile`/`percentiles`
//! (+ axis, every [`QuantileMethod`], arbitrary `q` including NaN, negative and > 1),
//! `cov_vars_in_rows`/`cov_vars_in_cols`, `corrcoef_vars_in_rows`/`corrcoef_vars_in_cols`,
//! `zscore` (+ axis), `min_max_scale` (+ axis) and the induced norms `norm_induced_1`/`_inf`;
//! the vector norms of `N x 1` columns (`norm`, `norm_squared`, `norm_fro`, `norm_l1`,
//! `norm_linf`, `norm_lp(p)` with arbitrary `p`, `normalize`); `checked_sum`/`checked_prod`
//! (and `sum`/`prod` where they cannot overflow) of `i8`, `u8` and `i64` columns.
//!
//! What is checked, and where each bound comes from (Higham, *Accuracy and Stability of
//! Numerical Algorithms*, 2nd ed.; `u` the unit roundoff of the type, `eta` its smallest
//! subnormal, `gamma_k = k u / (1 - k u)`, eq. 3.8):
//!
//! - Nothing panics, whatever the input; `Err` only where the docs name it
//!   (`InvalidQuantile` exactly for `q` outside `[0, 1]` or NaN, percentiles exactly where
//!   `p / 100` rounded in `T` is; `normalize`: `NonFinite` exactly for a non-finite element,
//!   `ZeroNorm` exactly for the zero vector).
//! - The documented formulas, bit for bit where the docs promise NumPy's bits: `sum` is
//!   NumPy's pairwise sum (as `reduce/sum.rs` describes it), `prod` and `cumsum`/`cumprod`
//!   run left to right (top to bottom), `min`/`max` are the first extreme or the first NaN,
//!   the sorts are NumPy's stable order with NaN last, `unique` groups that order, the
//!   order-statistic quantile methods (`Lower`, `Higher`, `Nearest`) pick the documented
//!   element, `percentile(p)` is `quantile(p / 100)`, the batch forms equal the single ones,
//!   the covariance diagonal equals the variance, `std` is `sqrt(var)` where the variance is
//!   a normal number (a correctly rounded square root commutes with the exact power-of-four
//!   rescaling).
//! - NaN and infinities as the docs state them (NaN propagates through every statistic of a
//!   data set holding one; `+inf` alone makes the mean `+inf`; any infinity makes the
//!   variance NaN; `ddof >= n` gives `inf` for varying and NaN for constant data).
//! - On finite data, accuracy against references computed in `f64` (exact sums by Shewchuk's
//!   algorithm, correctly rounded, on the data scaled by a power of two so that the largest
//!   magnitude is in `[1, 2)`; every reference carries its own error bound): pairwise sums
//!   within `gamma_D sum |x|` (eq. 4.3 with `D` the documented depth), the compensated mean
//!   within its documented bound (`gamma_2 |mean| + (1 + u)^2 c_n sum |x| / n`), variance and
//!   covariance within the corrected two-pass bound (the derivation of
//!   `tests/support/stats_bounds.rs`, restated at [`centred_bound`]), a product within
//!   `gamma_(n-1) |p|` where no partial product leaves the normal range (Lemma 3.1), the
//!   Euclidean norm within its documented `(n/2 + 2) eps`. Below the normal range every
//!   rounded multiplication or division may lose `eta / 2` absolutely (§2.1's model with
//!   gradual underflow; additions and subtractions are exact there), which each bound adds
//!   in the units it is evaluated in. A statistic that comes out infinite on finite data
//!   must be one whose exact value (plus its bound) reaches the overflow threshold.
//! - Order statistics: `min <= median <= max` and every interpolated quantile between its
//!   two neighbours exactly (NumPy's `_lerp` is `a + (b - a) g` for `g < 1/2` and
//!   `b - (b - a)(1 - g)` otherwise: with `d = fl(b - a) >= 0` finite, `fl(d g) <= d / 2`
//!   and `d <= (b - a)(1 + u)`, so `a <= a + fl(d g) <= b` before rounding, and rounding to
//!   nearest is monotone with `a`, `b` representable; `1 - g` is exact for `g >= 1/2`), the
//!   even median between the middle pair and within one rounding of their midpoint.
//! - Bounded results: correlations in `[-1, 1]` (NaN exactly for a constant or non-finite
//!   variable, or for one observation), their diagonal within `((1 + u) / (1 - u))^2 - 1`
//!   of 1 and never above; min-max scaling in `[0, 1]`, exactly 0 at the minimum and 1 at
//!   the maximum; z-scores within Samuelson's bound `|x - mean| <= sqrt((n - 1) / n * S)`
//!   (`S` the centred sum of squares) divided by the computed standard deviation.
//!
//! Found by this target and fixed (regression tests in `tests/fuzz_regressions.rs`, inputs
//! kept as seeds): interpolating quantiles between neighbours whose difference overflows,
//! and the mean of one infinity beside finite elements whose sum overflows.
#![no_main]

use std::cmp::Ordering;

use libfuzzer_sys::fuzz_target;
use statrix::{Error, Matrix, QuantileMethod};
use statrix_fuzz::dense::{F64_U, assert_le, gamma};
use statrix_fuzz::{Float, Input, with_shape, with_size};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let head = input.byte();
    let double = head.is_multiple_of(2);
    match (head >> 1) % 8 {
        0..=4 => {
            let shape = input.byte();
            if double {
                with_shape!(shape, R, C => matrix_checks::<f64, R, C>(&mut input));
            } else {
                with_shape!(shape, R, C => matrix_checks::<f32, R, C>(&mut input));
            }
        }
        5 | 6 => {
            let n = input.below(8) + 1;
            if double {
                with_size!(n, N => vector_checks::<f64, N>(&mut input));
            } else {
                with_size!(n, N => vector_checks::<f32, N>(&mut input));
            }
        }
        _ => {
            let n = input.below(8) + 1;
            with_size!(n, N => integer_checks::<N>(&mut input));
        }
    }
});

const METHODS: [QuantileMethod; 5] = [
    QuantileMethod::Linear,
    QuantileMethod::Lower,
    QuantileMethod::Higher,
    QuantileMethod::Nearest,
    QuantileMethod::Midpoint,
];

/// The smallest positive subnormal `f64`.
const F64_ETA: f64 = f64::from_bits(1);

/// Every bound is a sum of products of fewer than 60 non-negative `f64` terms, each within a
/// relative `2^-53` of the exact one (as `tests/support/stats_bounds.rs`): its computed value
/// is within a relative `1e-13` of the exact bound, and `1e-12` covers that with room.
const SLACK: f64 = 1.0 + 1e-12;

fn eta<T: Float>() -> f64 {
    T::smallest_subnormal()
}

// ---------------------------------------------------------------------------------------
// Exact references in f64.

/// `2^k` for `k` in `-1022..=1023`, exactly.
fn pow2(k: i32) -> f64 {
    debug_assert!((-1022..=1023).contains(&k));
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// `x 2^k` by exact steps of at most `2^1000`: every step but the last moves towards the
/// result, so only a result beyond the range overflows, and only a result in the subnormals
/// rounds (by at most `eta_64` in all).
fn ldexp(x: f64, k: i32) -> f64 {
    let (mut x, mut k) = (x, k);
    while k > 1000 {
        x *= pow2(1000);
        k -= 1000;
    }
    while k < -1000 {
        x *= pow2(-1000);
        k += 1000;
    }
    x * pow2(k)
}

/// The binary exponent `e` with `2^e <= x < 2^(e+1)` of a positive finite `x` (subnormals
/// included).
fn ilogb(x: f64) -> i32 {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased == 0 {
        -1011 - (bits & ((1u64 << 52) - 1)).leading_zeros() as i32
    } else {
        biased - 1023
    }
}

/// The exponent `s` that brings `max` (positive, finite) into `[1, 2)` by `2^s`; 0 for 0.
/// The same exponent statrix's rescaled paths use (`unit_exponent`), for `f32` too (an
/// `f32` is exactly its `f64`).
fn unit_exponent(max: f64) -> i32 {
    if max == 0.0 { 0 } else { -ilogb(max) }
}

/// The correctly rounded sum of finite `f64` values whose partial sums stay in range:
/// Shewchuk's algorithm with the half-way correction (Python's `math.fsum`). The partials
/// are exact (TwoSum), so the result is within `u_64 |S|` of the exact sum `S`.
fn fsum(xs: impl IntoIterator<Item = f64>) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for mut x in xs {
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let Some(mut n) = partials.len().checked_sub(1) else {
        return 0.0;
    };
    let mut hi = partials[n];
    let mut lo = 0.0;
    while n > 0 {
        let x = hi;
        n -= 1;
        let y = partials[n];
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}

/// One data set (a whole matrix, a row or a column) as the references see it: scaled by
/// `2^sigma` so that its largest magnitude is in `[1, 2)` (exact for `f32`; for `f64` an
/// element pushed into the subnormals moves by at most `eta_64 / 2`), with its mean and
/// deviations in `f64` and the error bounds of each.
struct VarRef {
    n: usize,
    /// The data are in units of `2^-sigma`: `y = x 2^sigma`.
    sigma: i32,
    /// `fsum(y)`: within `u_64 |S| + n eta_64` of the exact scaled sum.
    sum: f64,
    /// An upper bound of `sum |y|`.
    sum_abs: f64,
    /// `fl(sum / n)`, within `e64` of the exact mean of `y`.
    mean: f64,
    e64: f64,
    /// `fl(y_i - mean)`.
    dev: Vec<f64>,
    /// An upper bound of `sum |y_i - exact mean|`.
    abs_dev: f64,
    /// A bound of the error of statrix's mean of the data, in these units.
    e_t: f64,
    /// Whether all elements are equal.
    constant: bool,
}

impl VarRef {
    /// The reference of finite data `xs` (not empty).
    fn new<T: Float>(xs: &[T]) -> Self {
        let n = xs.len();
        let nf = n as f64;
        let u = T::unit_roundoff();
        let max = xs.iter().fold(0.0f64, |m, x| m.max(x.wide().abs()));
        let sigma = unit_exponent(max);
        let y: Vec<f64> = xs.iter().map(|x| ldexp(x.wide(), sigma)).collect();
        // Elements scaled into f64's subnormals: eta_64 / 2 each.
        let tiny = nf * F64_ETA;
        let sum = fsum(y.iter().copied());
        let sum_abs = fsum(y.iter().map(|v| v.abs())) * (1.0 + F64_U) + tiny;
        let mean = sum / nf;
        // fsum rounds once (u_64 |S|), the division once more: gamma_2 |mean|; plus the
        // scaling of tiny elements and the division's own underflow.
        let e64 = gamma(2, F64_U) * mean.abs() * (1.0 + gamma(3, F64_U)) + tiny + F64_ETA;
        let dev: Vec<f64> = y.iter().map(|v| v - mean).collect();
        // |y - exact mean| <= |y - mean| + e64, and |y - mean| <= |dev| (1 + 2 u_64).
        let abs_dev = fsum(dev.iter().map(|d| d.abs())) * (1.0 + F64_U).powi(3) + nf * e64;
        let mean_abs = mean.abs() * (1.0 + gamma(3, F64_U)) + e64;
        // statrix's mean: its documented bound (scale-invariant without underflow), plus
        // the division's rounding in the subnormals of the original units (eta / 2 there,
        // eta 2^sigma / 2 here), plus the rounding of the elements where statrix rescales
        // the data by the same 2^sigma (eta / 2 each, averaged).
        let e_t = mean_bound(u, n, mean_abs, sum_abs) + ldexp(eta::<T>(), sigma) + eta::<T>();
        VarRef {
            n,
            sigma,
            sum,
            sum_abs,
            mean,
            e64,
            dev,
            abs_dev,
            e_t,
            constant: xs.iter().all(|&x| x == xs[0]),
        }
    }
}

/// `c_n = (1 + gamma_{n-1}) gamma_{n-1} (n - 1) u`: the coefficient of `sum |x|` in the
/// compensated sum's second-order error term (Higham (4.4) on the error terms of the
/// Fast2Sum steps: `|S_hat - S| <= u |S| + (1 + u) c_n sum |x|`).
fn comp(u: f64, n: usize) -> f64 {
    let m = n.saturating_sub(1);
    let g = gamma(m, u);
    (1.0 + g) * g * m as f64 * u
}

/// statrix's documented bound on its compensated mean: `gamma_2 |mean| + (1 + u)^2 c_n
/// sum |x| / n` (the sum's bound, then one division).
fn mean_bound(u: f64, n: usize, mean_abs: f64, sum_abs: f64) -> f64 {
    gamma(2, u) * mean_abs + (1.0 + u).powi(2) * comp(u, n) * sum_abs / n as f64
}

/// Bound on `|C_hat - C|` for the corrected two-pass centred cross sum `C_hat =
/// fl(Q_hat - K_hat)` of `n` pairs with means in error by at most `ex`, `ey`, where
/// `C = sum dx dy` (exact means), `p >= sum |dx dy|`, `c_abs >= |C|`, `adx >= sum |dx|`
/// (the derivation of `tests/support/stats_bounds.rs::centred_bound`):
///
/// - with `ex_i = x_i - mx_hat = dx_i - eps_x`: `sum ex ey = C + n eps_x eps_y =: Q` and
///   `sum ex = -n eps_x =: Dx`, so `Q - Dx Dy / n = C` exactly;
/// - the products `fl(ex_hat ey_hat)` are within `gamma_3 |ex ey|`, `sum |ex ey| <= pe :=
///   p + ey adx + ex ady + n ex ey`, and their compensated sum adds `(u + (1 + u) c_n)(1 +
///   gamma_3) pe`: `|Q_hat - Q| <= dq`;
/// - `|Dx_hat - Dx| <= ddx := u ax + u (n ex + u ax) + (1 + u)^2 c_n ax`, `ax = adx + n ex`;
/// - `K_hat = fl(fl(Dx_hat Dy_hat) / n)`: `|K_hat - K| <= dk := (ddx (n ey + ddy) + n ex
///   ddy) / n + gamma_2 (n ex + ddx)(n ey + ddy) / n`;
/// - `|C_hat - C| <= dq + dk + u (|C| + dq + dk)`.
fn centred_bound(
    u: f64,
    n: usize,
    (ex, adx): (f64, f64),
    (ey, ady): (f64, f64),
    p: f64,
    c_abs: f64,
) -> f64 {
    let nf = n as f64;
    let c = comp(u, n);
    let g3 = gamma(3, u);
    let pe = p + ey * adx + ex * ady + nf * ex * ey;
    let dq = g3 * pe + (u + (1.0 + u) * c) * (1.0 + g3) * pe;
    let ax = adx + nf * ex;
    let ay = ady + nf * ey;
    let ddx = u * ax + u * (nf * ex + u * ax) + (1.0 + u).powi(2) * c * ax;
    let ddy = u * ay + u * (nf * ey + u * ay) + (1.0 + u).powi(2) * c * ay;
    let dk = (ddx * (nf * ey + ddy) + nf * ex * ddy) / nf
        + gamma(2, u) * (nf * ex + ddx) * (nf * ey + ddy) / nf;
    dq + dk + u * (c_abs + dq + dk)
}

/// The centred cross sum of two data sets of the same length, in units `2^(sx + sy)`: the
/// reference value, its own error bound, and the bound on statrix's error.
struct Centred {
    value: f64,
    ref_err: f64,
    statrix_err: f64,
    units: i32,
}

fn centred<T: Float>(x: &VarRef, y: &VarRef) -> Centred {
    let n = x.n;
    let nf = n as f64;
    let u = T::unit_roundoff();
    let eta = eta::<T>();
    let q = fsum(x.dev.iter().zip(&y.dev).map(|(a, b)| a * b));
    let dx = fsum(x.dev.iter().copied());
    let dy = fsum(y.dev.iter().copied());
    // The reference is the same corrected two-pass algorithm in f64 with correctly rounded
    // sums, so `centred_bound(u_64, ...)` bounds its error (fsum's error is below the
    // compensated sum's); the product of the magnitudes bounds p.
    let value = q - dx * dy / nf;
    let p = fsum(x.dev.iter().zip(&y.dev).map(|(a, b)| {
        (a.abs() * (1.0 + 2.0 * F64_U) + x.e64) * (b.abs() * (1.0 + 2.0 * F64_U) + y.e64)
    })) * (1.0 + gamma(3, F64_U));
    let ref_err = centred_bound(F64_U, n, (x.e64, x.abs_dev), (y.e64, y.abs_dev), p, p);
    let c_abs = (value.abs() + ref_err).min(p);
    // statrix's error on data perturbed by its power-of-two rescaling (eta / 2 per element
    // in these units, and the mean of the perturbations as much: the deviations move by
    // eta), plus the underflow of its n products and of the correction term's product and
    // quotient (eta / 2 each in the units statrix computed in, which are these or the
    // original ones: at most 2^(max(sx, 0) + max(sy, 0)) times eta / 2 here).
    let pert = eta * (x.abs_dev + y.abs_dev) + nf * eta * eta;
    let statrix_err = centred_bound(
        u,
        n,
        (x.e_t, x.abs_dev + nf * eta),
        (y.e_t, y.abs_dev + nf * eta),
        p + pert,
        c_abs + pert,
    ) + pert
        + (nf + 2.0) * ldexp(eta, x.sigma.max(0) + y.sigma.max(0));
    Centred {
        value,
        ref_err,
        statrix_err,
        units: x.sigma + y.sigma,
    }
}

/// A variance or covariance `got` (the centred sum divided by `divisor >= 1`) against the
/// reference: `|cov_hat - cov| <= dc (1 + u) / d + u |cov|` (one more rounding), the
/// reference's own error, and the rounding of a result in the subnormals (the division and
/// the scaling back, `eta / 2` each in the original units). Returns the reference and the
/// bound, in units `2^units`.
fn check_centred<T: Float>(
    what: impl Fn() -> String,
    got: T,
    c: &Centred,
    divisor: usize,
) -> (f64, f64) {
    let u = T::unit_roundoff();
    let d = divisor as f64;
    let want = c.value / d;
    let c_abs = c.value.abs() + c.ref_err;
    let bound = (c.statrix_err * (1.0 + u) / d
        + u * c_abs / d
        + c.ref_err * (1.0 + F64_U) / d
        + F64_U * want.abs())
        * SLACK
        + 2.0 * ldexp(eta::<T>(), c.units)
        + 2.0 * F64_ETA;
    check_value(what, got, want, bound, c.units);
    (want, bound)
}

/// `got` (a `T` in the original units) against `want` (in units `2^units`) within `bound`:
/// a finite `got` within the bound; an infinite one only where `|want| + bound` reaches
/// the largest finite `T` (in these units); never NaN.
fn check_value<T: Float>(what: impl Fn() -> String, got: T, want: f64, bound: f64, units: i32) {
    let g = ldexp(got.wide(), units);
    if got.is_finite() {
        le((g - want).abs(), bound + F64_ETA, || {
            format!("{}: {got:?} against {want:e} (units 2^{units})", what())
        });
    } else if got.is_infinite() {
        le(
            ldexp(T::max_value().wide(), units),
            (want.abs() + bound) * SLACK,
            || {
                format!(
                    "{}: {got:?} where the exact value is {want:e} (units 2^{units})",
                    what()
                )
            },
        );
    } else {
        panic!("{}: NaN on finite data (reference {want:e})", what());
    }
}

// ---------------------------------------------------------------------------------------
// Decoding.

fn quantile_arg<T: Float>(input: &mut Input) -> T {
    match input.below(8) {
        0 => T::from_raw(input.bits(T::BYTES)),
        1 => {
            let e = T::epsilon().wide();
            let specials = [
                0.0,
                -0.0,
                1.0,
                0.5,
                0.25,
                0.75,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                -e,
                1.0 + e,
                1.0 - e / 2.0,
                T::min_positive_value().wide(),
                T::smallest_subnormal(),
                -T::smallest_subnormal(),
                2.0,
            ];
            T::narrow(specials[input.below(specials.len())])
        }
        2 => T::narrow(f64::from(input.byte()) / 255.0),
        3 => T::narrow(f64::from(input.byte()) / 64.0 - 1.0),
        _ => T::narrow(input.bits(2) as f64 / 65535.0),
    }
}

fn percentile_arg<T: Float>(input: &mut Input) -> T {
    match input.below(6) {
        0 => T::from_raw(input.bits(T::BYTES)),
        1 => T::narrow(quantile_arg::<T>(input).wide() * 100.0),
        2 => T::narrow(f64::from(input.byte()) - 20.0),
        3 => {
            // Around the ends: 100 and 0 plus or minus a few units in the last place.
            let k = f64::from(input.byte() as i8);
            if input.byte().is_multiple_of(2) {
                T::narrow(k * T::smallest_subnormal())
            } else {
                T::narrow(100.0 + k * 100.0 * T::epsilon().wide() / 8.0)
            }
        }
        _ => T::narrow(input.bits(2) as f64 / 65535.0 * 100.0),
    }
}

fn lp_arg<T: Float>(input: &mut Input) -> T {
    match input.below(4) {
        0 => T::from_raw(input.bits(T::BYTES)),
        1 | 2 => {
            let e = T::epsilon().wide();
            let specials = [
                0.0,
                -0.0,
                1.0,
                2.0,
                3.0,
                0.5,
                -1.0,
                -2.0,
                -0.5,
                f64::INFINITY,
                f64::NEG_INFINITY,
                f64::NAN,
                1e-3,
                1e3,
                T::max_value().wide(),
                T::min_positive_value().wide(),
                1.0 + e,
                2.0 - e,
                -T::max_value().wide(),
                -1e-3,
            ];
            T::narrow(specials[input.below(specials.len())])
        }
        _ => T::narrow(f64::from(input.byte() as i8) / 16.0),
    }
}

// ---------------------------------------------------------------------------------------
// Small shared checks.

/// `got` and `want` are the same value: the same bits for numbers (so `-0.0` is not `0.0`),
/// both NaN for NaN (a NaN's payload is not specified by IEEE arithmetic).
fn same<T: Float>(what: &str, got: T, want: T) {
    if want.is_nan() {
        assert!(got.is_nan(), "{what}: {got:?}, expected NaN");
    } else {
        assert!(
            got == want && got.is_sign_negative() == want.is_sign_negative(),
            "{what}: {got:?}, expected {want:?}"
        );
    }
}

/// As [`same`], the message built only on failure.
fn same_with<T: Float>(got: T, want: T, what: impl FnOnce() -> String) {
    let ok = if want.is_nan() {
        got.is_nan()
    } else {
        got == want && got.is_sign_negative() == want.is_sign_negative()
    };
    assert!(ok, "{}: {got:?}, expected {want:?}", what());
}

/// `value <= bound` where the bound is finite (as `dense::assert_le`; where it overflowed
/// `f64` the check says nothing), the message built only on failure.
fn le(value: f64, bound: f64, what: impl FnOnce() -> String) {
    if bound.is_finite() {
        assert!(
            value <= bound,
            "{}: {value:e} over its bound {bound:e}",
            what()
        );
    }
}

/// Two results are the same (the same error, or the same value).
fn same_result<T: Float>(what: &str, got: Result<T, Error>, want: Result<T, Error>) {
    match (got, want) {
        (Ok(g), Ok(w)) => same(what, g, w),
        (g, w) => assert_eq!(g, w, "{what}"),
    }
}

fn all_finite<T: Float>(xs: &[T]) -> bool {
    xs.iter().all(|x| x.is_finite())
}

/// NumPy's sort order: ascending, NaN last (and equal to every NaN).
fn numpy_order<T: Float>(a: &T, b: &T) -> Ordering {
    a.partial_cmp(b)
        .unwrap_or_else(|| a.is_nan().cmp(&b.is_nan()))
}

/// Descending for numbers, NaN still last (NumPy's `argsort(-a)` order).
fn numpy_descending<T: Float>(a: &T, b: &T) -> Ordering {
    b.partial_cmp(a)
        .unwrap_or_else(|| a.is_nan().cmp(&b.is_nan()))
}

/// The stable argsort under `order` (`sort_by` is stable).
fn stable_argsort<T: Float>(xs: &[T], order: fn(&T, &T) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..xs.len()).collect();
    idx.sort_by(|&p, &q| order(&xs[p], &xs[q]));
    idx
}

fn sorted<T: Float>(xs: &[T]) -> Vec<T> {
    let mut v = xs.to_vec();
    v.sort_by(numpy_order);
    v
}

/// NumPy's pairwise sum as `reduce/sum.rs` documents it (for `n <= 128`): left to right
/// below 8 elements, otherwise eight accumulators combined as a tree and the tail added
/// left to right; the result is added to `+0.0`.
fn numpy_pairwise<T: Float>(xs: &[T]) -> T {
    let n = xs.len();
    let s = if n < 8 {
        xs.iter().fold(T::zero(), |acc, &x| acc + x)
    } else {
        let mut r: [T; 8] = core::array::from_fn(|j| xs[j]);
        let whole = n - n % 8;
        for block in (8..whole).step_by(8) {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc += xs[block + j];
            }
        }
        let mut acc = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &x in &xs[whole..] {
            acc += x;
        }
        acc
    };
    T::zero() + s
}

/// The most roundings any element goes through in [`numpy_pairwise`] (`n <= 128`): `n - 1`
/// below 8; otherwise `n / 8 - 1` in its accumulator, 3 in the tree, `n mod 8` in the tail.
fn pairwise_depth(n: usize) -> usize {
    if n < 8 {
        n.saturating_sub(1)
    } else {
        n / 8 + 2 + n % 8
    }
}

/// The running combination, left to right.
fn running<T: Float>(xs: &[T], f: impl Fn(T, T) -> T) -> Vec<T> {
    let mut out = Vec::with_capacity(xs.len());
    for (k, &x) in xs.iter().enumerate() {
        out.push(if k == 0 { x } else { f(out[k - 1], x) });
    }
    out
}

// ---------------------------------------------------------------------------------------
// The matrix statistics.

fn matrix_checks<T: Float, const R: usize, const C: usize>(input: &mut Input) {
    let mut a: Matrix<T, R, C> = input.matrix();
    match input.below(4) {
        // Constant data: zero variance, NaN correlations and z-scores.
        2 => {
            let c = a[(0, 0)];
            a = Matrix::from_fn(|_, _| c);
        }
        // A common offset: cancellation in the centred sums.
        3 => {
            let e = input.exponent::<T>();
            let offset = input.scalar::<T>(e);
            a = a.map(|x| x + offset);
        }
        _ => {}
    }
    let ddof = input.below(4);
    let method = METHODS[input.below(METHODS.len())];
    let qs: [T; 3] = core::array::from_fn(|_| quantile_arg::<T>(input));
    let ps: [T; 3] = core::array::from_fn(|_| percentile_arg::<T>(input));
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!("a = {a:?}\nddof = {ddof}, method = {method:?}, qs = {qs:?}, ps = {ps:?}");
    }

    let whole: Vec<T> = a.iter().copied().collect();
    let cols: Vec<Vec<T>> = (0..C)
        .map(|j| (0..R).map(|i| a[(i, j)]).collect())
        .collect();
    let rows: Vec<Vec<T>> = (0..R)
        .map(|i| (0..C).map(|j| a[(i, j)]).collect())
        .collect();

    sums_and_products(&a, &whole, &cols, &rows);
    extrema(&a, &whole, &cols, &rows);
    sorting(&a, &whole, &cols, &rows);
    moments(&a, ddof, &whole, &cols, &rows);
    order_statistics(&a, method, &qs, &ps, &whole, &cols, &rows);
    covariance(&a, ddof, &cols, &rows);
    min_max(&a, &whole, &cols, &rows);
    induced_norm("norm_induced_1", &whole, &cols, a.norm_induced_1());
    induced_norm("norm_induced_inf", &whole, &rows, a.norm_induced_inf());
}

fn sums_and_products<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    whole: &[T],
    cols: &[Vec<T>],
    rows: &[Vec<T>],
) {
    let sum = a.sum();
    check_sum("sum", whole, sum);
    let s0 = a.sum_axis0();
    for (j, col) in cols.iter().enumerate() {
        check_sum("sum_axis0", col, s0[(0, j)]);
    }
    let s1 = a.sum_axis1();
    for (i, row) in rows.iter().enumerate() {
        check_sum("sum_axis1", row, s1[(i, 0)]);
    }

    // prod: left to right (top to bottom), NumPy's order, bit for bit.
    let prod = |xs: &[T]| xs.iter().fold(T::one(), |acc, &x| acc * x);
    same("prod", a.prod(), prod(whole));
    let p0 = a.prod_axis0();
    let p1 = a.prod_axis1();
    for (j, col) in cols.iter().enumerate() {
        same("prod_axis0", p0[(0, j)], prod(col));
    }
    for (i, row) in rows.iter().enumerate() {
        same("prod_axis1", p1[(i, 0)], prod(row));
    }

    // cumsum/cumprod: running sums/products left to right in row-major order (flat), down
    // each column (axis 0) or along each row (axis 1), bit for bit.
    let cs = a.cumsum();
    let cp = a.cumprod();
    let want_cs = running(whole, |s, x| s + x);
    let want_cp = running(whole, |s, x| s * x);
    for (k, (&g, &w)) in cs.iter().zip(&want_cs).enumerate() {
        same_with(g, w, || format!("cumsum[{k}] of {whole:?}"));
    }
    for (k, (&g, &w)) in cp.iter().zip(&want_cp).enumerate() {
        same_with(g, w, || format!("cumprod[{k}] of {whole:?}"));
    }
    let (cs0, cp0) = (a.cumsum_axis0(), a.cumprod_axis0());
    for (j, col) in cols.iter().enumerate() {
        let (ws, wp) = (running(col, |s, x| s + x), running(col, |s, x| s * x));
        for i in 0..R {
            same("cumsum_axis0", cs0[(i, j)], ws[i]);
            same("cumprod_axis0", cp0[(i, j)], wp[i]);
        }
    }
    let (cs1, cp1) = (a.cumsum_axis1(), a.cumprod_axis1());
    for (i, row) in rows.iter().enumerate() {
        let (ws, wp) = (running(row, |s, x| s + x), running(row, |s, x| s * x));
        for j in 0..C {
            same("cumsum_axis1", cs1[(i, j)], ws[j]);
            same("cumprod_axis1", cp1[(i, j)], wp[j]);
        }
    }

    if all_finite(whole) {
        let n = whole.len();
        let u = T::unit_roundoff();
        let r = VarRef::new(whole);
        // The last running sum (recursive, gamma_(n-1) sum |x|, Higham (4.4)) against the
        // pairwise sum (gamma_D sum |x|, (4.3)): within the sum of the two bounds.
        let last = want_cs[n - 1];
        if last.is_finite() && sum.is_finite() {
            let d = (ldexp(last.wide(), r.sigma) - ldexp(sum.wide(), r.sigma)).abs();
            let bound = (gamma(n - 1, u) + gamma(pairwise_depth(n), u)) * r.sum_abs * SLACK;
            assert_le("cumsum's last against sum", d, bound + 2.0 * F64_ETA);
        }
        check_product("prod", whole, a.prod(), &want_cp);
    }
}

/// `sum` of `xs`: NumPy's pairwise sum bit for bit; on finite data within `gamma_D sum |x|`
/// of the exact sum, or infinite/NaN only where a partial sum can overflow (`sum |x| (1 +
/// gamma_D)` at least the largest finite value: the bound holds only barring overflow).
fn check_sum<T: Float>(what: &str, xs: &[T], got: T) {
    same(what, got, numpy_pairwise(xs));
    if !all_finite(xs) {
        return;
    }
    let u = T::unit_roundoff();
    let r = VarRef::new(xs);
    let g = gamma(pairwise_depth(xs.len()), u);
    if !got.is_finite() {
        // A partial sum left the range (each is within gamma_D of a partial sum of the
        // exact terms, at most sum |x|): the result is then ±inf, or NaN from inf - inf,
        // whatever the total (NumPy's sum does the same).
        le(
            ldexp(T::max_value().wide(), r.sigma),
            r.sum_abs * (1.0 + g) * SLACK,
            || format!("{what} of {xs:?}: {got:?} needs a partial sum past the range"),
        );
        return;
    }
    let bound = (g * r.sum_abs + F64_U * r.sum.abs()) * SLACK;
    check_value(|| format!("{what} of {xs:?}"), got, r.sum, bound, r.sigma);
}

/// `prod` against the exact product where no partial product (`partials`, the running
/// products) leaves the normal range: `|p_hat - p| <= gamma_(n-1) |p|` (Higham Lemma 3.1).
/// The reference multiplies the mantissas in `f64`, renormalizing exactly: within
/// `gamma_(n-1)` of `f64`.
fn check_product<T: Float>(what: &str, xs: &[T], got: T, partials: &[T]) {
    let normal = |x: &T| x.is_finite() && x.abs() >= T::min_positive_value();
    if !partials.iter().all(normal) || !xs.iter().all(normal) {
        return;
    }
    let n = xs.len();
    let (mut m, mut e) = (1.0f64, 0i32);
    for x in xs {
        let x = x.wide();
        let k = ilogb(x.abs());
        m *= ldexp(x, -k);
        e += k;
        let j = ilogb(m.abs());
        m = ldexp(m, -j);
        e += j;
    }
    let g = got.wide();
    let k = ilogb(g.abs());
    // got = gm 2^k, compared in the units 2^e of the reference mantissa.
    let scaled = ldexp(ldexp(g, -k), k - e);
    let bound = (gamma(n - 1, T::unit_roundoff()) + gamma(n, F64_U)) * m.abs() * SLACK;
    le((scaled - m).abs(), bound, || {
        format!("{what}: {got:?} against {m} 2^{e} for {xs:?}")
    });
}

fn extrema<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    whole: &[T],
    cols: &[Vec<T>],
    rows: &[Vec<T>],
) {
    check_extreme("min/argmin", whole, a.min(), a.argmin(), true);
    check_extreme("max/argmax", whole, a.max(), a.argmax(), false);
    let (min0, amin0, max0, amax0) = (
        a.min_axis0(),
        a.argmin_axis0(),
        a.max_axis0(),
        a.argmax_axis0(),
    );
    for (j, col) in cols.iter().enumerate() {
        check_extreme("min_axis0", col, min0[(0, j)], amin0[(0, j)], true);
        check_extreme("max_axis0", col, max0[(0, j)], amax0[(0, j)], false);
    }
    let (min1, amin1, max1, amax1) = (
        a.min_axis1(),
        a.argmin_axis1(),
        a.max_axis1(),
        a.argmax_axis1(),
    );
    for (i, row) in rows.iter().enumerate() {
        check_extreme("min_axis1", row, min1[(i, 0)], amin1[(i, 0)], true);
        check_extreme("max_axis1", row, max1[(i, 0)], amax1[(i, 0)], false);
    }
}

/// The extreme is the first NaN if there is one (NumPy), otherwise the first occurrence of
/// the smallest (largest) value; the value is the element at the index.
fn check_extreme<T: Float>(what: &str, xs: &[T], value: T, index: usize, min: bool) {
    let want = xs.iter().position(|x| x.is_nan()).unwrap_or_else(|| {
        (1..xs.len()).fold(0, |best, k| {
            let better = if min {
                xs[k] < xs[best]
            } else {
                xs[k] > xs[best]
            };
            if better { k } else { best }
        })
    });
    assert_eq!(index, want, "{what}: index of {xs:?}");
    same(what, value, xs[want]);
}

fn sorting<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    whole: &[T],
    cols: &[Vec<T>],
    rows: &[Vec<T>],
) {
    // Flat: the stable permutation (unique, so the reference is exact), and the sort is the
    // data gathered by it, bit for bit.
    let asc = stable_argsort(whole, numpy_order);
    let desc = stable_argsort(whole, numpy_descending);
    assert_eq!(
        a.argsort().as_slice(),
        asc.as_slice(),
        "argsort of {whole:?}"
    );
    assert_eq!(
        a.argsort_descending().as_slice(),
        desc.as_slice(),
        "argsort_descending"
    );
    for (k, &g) in a.sort().iter().enumerate() {
        same("sort", g, whole[asc[k]]);
    }
    for (k, &g) in a.sort_descending().iter().enumerate() {
        same("sort_descending", g, whole[desc[k]]);
    }
    // Per row (axis 1) and per column (axis 0).
    let (as1, s1) = (a.argsort_axis1(), a.sort_axis1());
    for (i, row) in rows.iter().enumerate() {
        let want = stable_argsort(row, numpy_order);
        for j in 0..C {
            assert_eq!(as1[(i, j)], want[j], "argsort_axis1 of {row:?}");
            same("sort_axis1", s1[(i, j)], row[want[j]]);
        }
    }
    let (as0, s0) = (a.argsort_axis0(), a.sort_axis0());
    for (j, col) in cols.iter().enumerate() {
        let want = stable_argsort(col, numpy_order);
        for i in 0..R {
            assert_eq!(as0[(i, j)], want[i], "argsort_axis0 of {col:?}");
            same("sort_axis0", s0[(i, j)], col[want[i]]);
        }
    }
    // unique: the runs of equal values (NaNs one value, -0 == 0) of the stable order, each
    // represented by its first occurrence, with the run lengths as counts.
    let mut values: Vec<T> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for &k in &asc {
        match values.last() {
            Some(v) if numpy_order(v, &whole[k]) == Ordering::Equal => {
                *counts.last_mut().expect("a count per value") += 1;
            }
            _ => {
                values.push(whole[k]);
                counts.push(1);
            }
        }
    }
    let unique = a.unique();
    assert_eq!(unique.len(), values.len(), "unique: len of {whole:?}");
    assert!(!unique.is_empty());
    assert_eq!(unique.counts(), counts.as_slice(), "unique: counts");
    for ((&g, &w), (pv, pc)) in unique.values().iter().zip(&values).zip(unique.iter()) {
        same("unique: value", g, w);
        same("unique: iter value", pv, g);
        assert!(pc >= 1);
    }
}

fn moments<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    ddof: usize,
    whole: &[T],
    cols: &[Vec<T>],
    rows: &[Vec<T>],
) {
    let z: Vec<T> = a.zscore(ddof).iter().copied().collect();
    check_moments("whole", whole, ddof, a.mean(), a.var(ddof), a.std(ddof), &z);
    let (m0, v0, s0, z0) = (
        a.mean_axis0(),
        a.var_axis0(ddof),
        a.std_axis0(ddof),
        a.zscore_axis0(ddof),
    );
    for (j, col) in cols.iter().enumerate() {
        let z: Vec<T> = (0..R).map(|i| z0[(i, j)]).collect();
        check_moments("axis0", col, ddof, m0[(0, j)], v0[(0, j)], s0[(0, j)], &z);
    }
    let (m1, v1, s1, z1) = (
        a.mean_axis1(),
        a.var_axis1(ddof),
        a.std_axis1(ddof),
        a.zscore_axis1(ddof),
    );
    for (i, row) in rows.iter().enumerate() {
        let z: Vec<T> = (0..C).map(|j| z1[(i, j)]).collect();
        check_moments("axis1", row, ddof, m1[(i, 0)], v1[(i, 0)], s1[(i, 0)], &z);
    }
}

/// Mean, variance, standard deviation and z-scores of one data set.
fn check_moments<T: Float>(what: &str, xs: &[T], ddof: usize, mean: T, var: T, std: T, z: &[T]) {
    let n = xs.len();
    let u = T::unit_roundoff();
    let eta = eta::<T>();
    let nan = xs.iter().any(|x| x.is_nan());
    let pos = xs.iter().any(|&x| x == T::infinity());
    let neg = xs.iter().any(|&x| x == T::neg_infinity());
    // NaN propagates; +inf and -inf together are NaN; one infinity alone is the mean.
    if nan || (pos && neg) {
        assert!(mean.is_nan(), "mean {what}: {mean:?} for {xs:?}");
    } else if pos {
        assert!(mean == T::infinity(), "mean {what}: {mean:?} for {xs:?}");
    } else if neg {
        assert!(
            mean == T::neg_infinity(),
            "mean {what}: {mean:?} for {xs:?}"
        );
    }
    if nan || pos || neg {
        // Any NaN or infinity: the variance, the standard deviation and every z-score NaN.
        assert!(
            var.is_nan() && std.is_nan(),
            "var/std {what}: {var:?}, {std:?} for {xs:?}"
        );
        assert!(
            z.iter().all(|v| v.is_nan()),
            "zscore {what}: {z:?} for {xs:?}"
        );
        return;
    }

    let r = VarRef::new(xs);
    // The mean: finite for finite data (rescaled where the sum overflows), within
    // statrix's bound `e_t` of the exact mean, which is within `e64` of the reference.
    assert!(mean.is_finite(), "mean {what}: {mean:?} for finite {xs:?}");
    check_value(
        || format!("mean {what} of {xs:?}"),
        mean,
        r.mean,
        (r.e_t + r.e64) * SLACK + F64_ETA,
        r.sigma,
    );

    if ddof >= n {
        // Division by max(n - ddof, 0) = 0, as NumPy: inf for data that vary (their centred
        // sum is positive), NaN for constant data (it is 0); the z-scores are then x / inf
        // = ±0, or NaN.
        if r.constant {
            assert!(
                var.is_nan() && std.is_nan(),
                "var/std {what} ddof {ddof}: {var:?}, {std:?}"
            );
            assert!(
                z.iter().all(|v| v.is_nan()),
                "zscore {what} ddof {ddof}: {z:?}"
            );
        } else {
            assert!(
                var == T::infinity() && std == T::infinity(),
                "var/std {what} ddof {ddof}: {var:?}, {std:?} for {xs:?}"
            );
            assert!(
                z.iter().all(|&v| v == T::zero()),
                "zscore {what} ddof {ddof}: {z:?}"
            );
        }
        return;
    }

    // Never negative (clamped), and exactly 0 for constant data: the deviations from a mean
    // within one unit of the constant are 0 or one power of two, whose squares and sums are
    // exact, so the centred sum is exactly 0.
    assert!(var >= T::zero(), "var {what}: {var:?} for {xs:?}");
    if r.constant {
        assert!(
            var == T::zero() && std == T::zero(),
            "var/std {what} of constant data: {var:?}, {std:?}"
        );
        assert!(
            z.iter().all(|v| v.is_nan()),
            "zscore {what} of constant data: {z:?}"
        );
        return;
    }
    let c = centred::<T>(&r, &r);
    let (want, bound) = check_centred(
        || format!("var {what} (ddof {ddof}) of {xs:?}"),
        var,
        &c,
        n - ddof,
    );

    // std: sqrt(var) where the variance is normal (the square root is correctly rounded and
    // commutes with the exact 4^k rescaling); otherwise within |sqrt(a) - sqrt(b)| <=
    // min(sqrt|a - b|, |a - b| / sqrt(b)) of the reference's square root (`bound` covers
    // statrix's variance before its final rounding), plus the rounding of the square root
    // (u) and of its scaling back into the subnormals (eta / 2 in the original units).
    if var.is_finite() && var >= T::min_positive_value() {
        same_with(std, var.sqrt(), || {
            format!("std {what} = sqrt(var) of {xs:?}")
        });
    } else {
        let s = want.max(0.0).sqrt();
        let mut d = bound.sqrt();
        if s > 0.0 {
            d = d.min(bound / s);
        }
        let sb = (d + u * (s + d)) * SLACK + ldexp(eta, r.sigma) + F64_ETA;
        check_value(|| format!("std {what} of {xs:?}"), std, s, sb, r.sigma);
    }

    // z-scores: |x - m_hat| <= |x - mean| + e_t + eta (statrix's mean, and its rescaling of
    // the element), |x - mean| <= sqrt((n - 1) / n * S) (Samuelson), two roundings, divided
    // by the computed standard deviation (the same number as `std` up to its rounding into
    // the subnormals), plus a quotient's underflow.
    let s_my = ldexp(std.wide(), r.sigma) - ldexp(eta, r.sigma);
    if s_my > 0.0 && std.is_finite() {
        let samuelson = ((n as f64 - 1.0) / n as f64 * (c.value + c.ref_err).max(0.0)).sqrt();
        let zb = (samuelson + r.e_t + eta) * (1.0 + u).powi(2) / s_my * SLACK + eta;
        for &v in z {
            le(v.wide().abs(), zb, || {
                format!("|zscore| {what} (ddof {ddof}): {v:?} of {xs:?}")
            });
        }
    }
}

fn order_statistics<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    method: QuantileMethod,
    qs: &[T; 3],
    ps: &[T; 3],
    whole: &[T],
    cols: &[Vec<T>],
    rows: &[Vec<T>],
) {
    check_median("median", whole, a.median());
    let (m0, m1) = (a.median_axis0(), a.median_axis1());
    for (j, col) in cols.iter().enumerate() {
        check_median("median_axis0", col, m0[(0, j)]);
    }
    for (i, row) in rows.iter().enumerate() {
        check_median("median_axis1", row, m1[(i, 0)]);
    }

    let hundred = T::narrow(100.0);
    let valid = |q: T| q >= T::zero() && q <= T::one();
    for &q in qs {
        let whole_q = a.quantile(q, method);
        check_quantile("quantile", whole, q, method, whole_q);
        let r0 = a.quantile_axis0(q, method);
        for (j, col) in cols.iter().enumerate() {
            check_quantile("quantile_axis0", col, q, method, r0.map(|m| m[(0, j)]));
        }
        let r1 = a.quantile_axis1(q, method);
        for (i, row) in rows.iter().enumerate() {
            check_quantile("quantile_axis1", row, q, method, r1.map(|m| m[(i, 0)]));
        }
    }
    // The batch forms: Err exactly when one q is invalid, otherwise the single results.
    let all_valid = qs.iter().all(|&q| valid(q));
    match a.quantiles(qs, method) {
        Ok(v) => {
            assert!(all_valid, "quantiles: Ok for {qs:?}");
            for (k, &q) in qs.iter().enumerate() {
                same_result("quantiles", Ok(v[k]), a.quantile(q, method));
            }
        }
        Err(e) => assert!(
            e == Error::InvalidQuantile && !all_valid,
            "quantiles: {e:?} for {qs:?}"
        ),
    }
    match a.quantiles_axis0(qs, method) {
        Ok(v) => {
            assert!(all_valid, "quantiles_axis0: Ok for {qs:?}");
            for (k, &q) in qs.iter().enumerate() {
                let single = a.quantile_axis0(q, method).expect("valid q");
                for j in 0..C {
                    same("quantiles_axis0", v[(k, j)], single[(0, j)]);
                }
            }
        }
        Err(e) => assert!(
            e == Error::InvalidQuantile && !all_valid,
            "quantiles_axis0: {e:?}"
        ),
    }
    match a.quantiles_axis1(qs, method) {
        Ok(v) => {
            assert!(all_valid, "quantiles_axis1: Ok for {qs:?}");
            for (k, &q) in qs.iter().enumerate() {
                let single = a.quantile_axis1(q, method).expect("valid q");
                for i in 0..R {
                    same("quantiles_axis1", v[(i, k)], single[(i, 0)]);
                }
            }
        }
        Err(e) => assert!(
            e == Error::InvalidQuantile && !all_valid,
            "quantiles_axis1: {e:?}"
        ),
    }

    // Percentiles are the quantiles at p / 100, divided in T and then checked (as NumPy; so
    // a p in (-50 eta, 0) divides to -0.0 and is accepted), bit for bit; p in [0, 100] is
    // always accepted and p > 100 or NaN never (p > 100 is at least 100 + ulp(100), whose
    // quotient rounds above 1 in both types).
    for &p in ps {
        let q = p / hundred;
        let got = a.percentile(p, method);
        same_result("percentile", got, a.quantile(q, method));
        if p >= T::zero() && p <= hundred {
            assert!(got.is_ok(), "percentile({p:?}): {got:?}");
        }
        if p.is_nan() || p > hundred {
            assert_eq!(got, Err(Error::InvalidQuantile), "percentile({p:?})");
        }
    }
    let ps_q = ps.map(|p| p / hundred);
    same_results(
        a.percentiles(ps, method).map(|v| v.to_vec()),
        a.quantiles(&ps_q, method).map(|v| v.to_vec()),
        "percentiles",
    );
    same_results(
        a.percentiles_axis0(ps, method)
            .map(|m| m.iter().copied().collect()),
        a.quantiles_axis0(&ps_q, method)
            .map(|m| m.iter().copied().collect()),
        "percentiles_axis0",
    );
    same_results(
        a.percentiles_axis1(ps, method)
            .map(|m| m.iter().copied().collect()),
        a.quantiles_axis1(&ps_q, method)
            .map(|m| m.iter().copied().collect()),
        "percentiles_axis1",
    );
    for &p in ps {
        let q = p / hundred;
        same_results(
            a.percentile_axis0(p, method)
                .map(|m| m.iter().copied().collect()),
            a.quantile_axis0(q, method)
                .map(|m| m.iter().copied().collect()),
            "percentile_axis0",
        );
        same_results(
            a.percentile_axis1(p, method)
                .map(|m| m.iter().copied().collect()),
            a.quantile_axis1(q, method)
                .map(|m| m.iter().copied().collect()),
            "percentile_axis1",
        );
    }
}

/// Two batches of results are the same (the same error, or the same values).
fn same_results<T: Float>(got: Result<Vec<T>, Error>, want: Result<Vec<T>, Error>, what: &str) {
    match (got, want) {
        (Ok(g), Ok(w)) => {
            assert_eq!(g.len(), w.len(), "{what}");
            for (&g, &w) in g.iter().zip(&w) {
                same(what, g, w);
            }
        }
        (g, w) => assert_eq!(g.err(), w.err(), "{what}"),
    }
}

/// The median: NaN with a NaN; the middle element for an odd count; for an even count the
/// midpoint of the middle pair, between them, and within `u |mid| + eta` of `(a + b) / 2`
/// (one rounding of `a + b` or of `a / 2 + b / 2`, the halving exact but in the subnormals).
fn check_median<T: Float>(what: &str, xs: &[T], median: T) {
    if xs.iter().any(|x| x.is_nan()) {
        assert!(median.is_nan(), "{what}: {median:?} for {xs:?}");
        return;
    }
    let s = sorted(xs);
    let n = s.len();
    if n % 2 == 1 {
        assert!(median == s[n / 2], "{what}: {median:?}, middle of {s:?}");
        return;
    }
    let (a, b) = (s[n / 2 - 1], s[n / 2]);
    if !(a.is_finite() && b.is_finite()) {
        return;
    }
    assert!(
        a <= median && median <= b,
        "{what}: {median:?} outside [{a:?}, {b:?}]"
    );
    // In f64: the halves are exact (f32), or exact but in the subnormals (f64).
    let mid = a.wide() / 2.0 + b.wide() / 2.0;
    let bound = (T::unit_roundoff() + F64_U) * mid.abs() * SLACK + eta::<T>() + 2.0 * F64_ETA;
    le((median.wide() - mid).abs(), bound, || {
        format!("{what}: {median:?} against the midpoint of {a:?} and {b:?}")
    });
}

/// One quantile of one data set: `InvalidQuantile` exactly for `q` outside `[0, 1]` or NaN;
/// NaN with a NaN in the data; otherwise NumPy's formulas at the virtual index
/// `v = fl((n - 1) q)` (in `T`): the element at `floor(v)`, `ceil(v)` or `v` rounded half to
/// even for `Lower`, `Higher`, `Nearest`; for `Linear` and `Midpoint` a value between the
/// neighbours (see the module docs), the element itself at an integral index.
fn check_quantile<T: Float>(
    what: &str,
    xs: &[T],
    q: T,
    method: QuantileMethod,
    got: Result<T, Error>,
) {
    let valid = q >= T::zero() && q <= T::one();
    if !valid {
        assert_eq!(got, Err(Error::InvalidQuantile), "{what}({q:?})");
        return;
    }
    let Ok(got) = got else {
        panic!("{what}({q:?}): {got:?} for a valid q");
    };
    if xs.iter().any(|x| x.is_nan()) {
        assert!(got.is_nan(), "{what}({q:?}): {got:?} for data with a NaN");
        return;
    }
    let s = sorted(xs);
    let n = s.len();
    let v = (T::narrow((n - 1) as f64) * q).wide();
    assert!((0.0..=(n - 1) as f64).contains(&v), "virtual index {v}");
    let (lo, hi) = (v.floor() as usize, v.ceil() as usize);
    let what = || format!("{what}({q:?}, {method:?}) of {xs:?}");
    match method {
        QuantileMethod::Lower => assert!(got == s[lo], "{}: {got:?}, expected {:?}", what(), s[lo]),
        QuantileMethod::Higher => {
            assert!(got == s[hi], "{}: {got:?}, expected {:?}", what(), s[hi])
        }
        QuantileMethod::Nearest => {
            let frac = v - v.floor();
            let k = if frac > 0.5 || (frac == 0.5 && lo % 2 == 1) {
                lo + 1
            } else {
                lo
            };
            assert!(got == s[k], "{}: {got:?}, expected {:?}", what(), s[k]);
        }
        _ => {
            // Linear and Midpoint: the neighbours around v (Midpoint's index is the mean of
            // floor and ceil, so its neighbours are the same pair).
            let (a, b) = if lo + 1 < n {
                (s[lo], s[lo + 1])
            } else {
                (s[lo], s[lo])
            };
            if !(a.is_finite() && b.is_finite()) {
                // An infinite neighbour: NaN or an infinity by IEEE arithmetic (documented).
                return;
            }
            assert!(
                a <= got && got <= b,
                "{}: {got:?} outside [{a:?}, {b:?}]",
                what()
            );
            if lo == hi {
                // An integral index: the element itself (lerp at g = 0, or of a with itself).
                assert!(got == a, "{}: {got:?}, expected {a:?}", what());
            }
        }
    }
}

fn covariance<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    ddof: usize,
    cols: &[Vec<T>],
    rows: &[Vec<T>],
) {
    let cr = a.cov_vars_in_rows(ddof);
    let v1 = a.var_axis1(ddof);
    check_covariance(
        "cov_vars_in_rows",
        rows,
        ddof,
        |i, j| cr[(i, j)],
        |i| v1[(i, 0)],
    );
    let cc = a.cov_vars_in_cols(ddof);
    let v0 = a.var_axis0(ddof);
    check_covariance(
        "cov_vars_in_cols",
        cols,
        ddof,
        |i, j| cc[(i, j)],
        |j| v0[(0, j)],
    );
    let rr = a.corrcoef_vars_in_rows();
    check_corrcoef("corrcoef_vars_in_rows", rows, |i, j| rr[(i, j)]);
    let rc = a.corrcoef_vars_in_cols();
    check_corrcoef("corrcoef_vars_in_cols", cols, |i, j| rc[(i, j)]);
}

/// The covariance matrix of the variables `vars`: its diagonal is the variance bit for bit,
/// it is exactly symmetric, a non-finite variable has NaN in its row and column, and the
/// entries of finite variables are within the corrected two-pass bound.
fn check_covariance<T: Float>(
    what: &str,
    vars: &[Vec<T>],
    ddof: usize,
    cov: impl Fn(usize, usize) -> T,
    var: impl Fn(usize) -> T,
) {
    let k = vars.len();
    let n = vars[0].len();
    let refs: Vec<Option<VarRef>> = vars
        .iter()
        .map(|v| all_finite(v).then(|| VarRef::new(v)))
        .collect();
    for i in 0..k {
        same_with(cov(i, i), var(i), || {
            format!("{what}: diagonal {i} is the variance")
        });
        for j in 0..k {
            same_with(cov(i, j), cov(j, i), || {
                format!("{what}: symmetric ({i}, {j})")
            });
            match (&refs[i], &refs[j]) {
                (Some(x), Some(y)) if n > ddof && i != j => {
                    let c = centred::<T>(x, y);
                    check_centred(
                        || format!("{what} ({i}, {j}) of {vars:?}"),
                        cov(i, j),
                        &c,
                        n - ddof,
                    );
                }
                (Some(_), Some(_)) => {}
                _ => assert!(
                    cov(i, j).is_nan(),
                    "{what} ({i}, {j}): {:?} with a non-finite variable",
                    cov(i, j)
                ),
            }
        }
    }
}

/// The correlation matrix: NaN in the row and column of a constant or non-finite variable
/// and everywhere for one observation, otherwise in `[-1, 1]` (clipped), with a diagonal
/// `c / s / s`, `s = fl(sqrt(c))`: within `((1 + u) / (1 - u))^2 - 1` of 1, and at most 1.
fn check_corrcoef<T: Float>(what: &str, vars: &[Vec<T>], r: impl Fn(usize, usize) -> T) {
    let k = vars.len();
    let n = vars[0].len();
    let u = T::unit_roundoff();
    let bad: Vec<bool> = vars
        .iter()
        .map(|v| n < 2 || !all_finite(v) || v.iter().all(|&x| x == v[0]))
        .collect();
    let diagonal = ((1.0 + u) / (1.0 - u)).powi(2) - 1.0;
    for i in 0..k {
        for j in 0..k {
            let v = r(i, j);
            if bad[i] || bad[j] {
                assert!(
                    v.is_nan(),
                    "{what} ({i}, {j}): {v:?} with a constant or non-finite variable in {vars:?}"
                );
                continue;
            }
            assert!(
                v >= -T::one() && v <= T::one(),
                "{what} ({i}, {j}): {v:?} for {vars:?}"
            );
            if i == j {
                le(1.0 - v.wide(), diagonal * SLACK, || {
                    format!("{what}: diagonal {i} is {v:?}")
                });
            }
        }
    }
}

fn min_max<T: Float, const R: usize, const C: usize>(
    a: &Matrix<T, R, C>,
    whole: &[T],
    cols: &[Vec<T>],
    rows: &[Vec<T>],
) {
    let m: Vec<T> = a.min_max_scale().iter().copied().collect();
    check_min_max("min_max_scale", whole, &m);
    let m0 = a.min_max_scale_axis0();
    for (j, col) in cols.iter().enumerate() {
        let out: Vec<T> = (0..R).map(|i| m0[(i, j)]).collect();
        check_min_max("min_max_scale_axis0", col, &out);
    }
    let m1 = a.min_max_scale_axis1();
    for (i, row) in rows.iter().enumerate() {
        let out: Vec<T> = (0..C).map(|j| m1[(i, j)]).collect();
        check_min_max("min_max_scale_axis1", row, &out);
    }
}

/// Min-max scaling of one data set: NaN everywhere with a NaN or for constant data (0/0);
/// with infinities, NaN or a value in `[0, 1]` by the formula; for finite data in `[0, 1]`
/// (`x - lo` in `[0, hi - lo]` and rounding is monotone, so the quotient is at most 1 before
/// rounding), 0 at the minimum and 1 at the maximum, and within `gamma_3` relative of the
/// exact quotient (three roundings; the halving of data whose span overflows is exact but
/// for elements in the subnormals, `eta / 2` against a span beyond the range), plus a
/// quotient's underflow.
fn check_min_max<T: Float>(what: &str, xs: &[T], out: &[T]) {
    let in_unit = |v: &T| *v >= T::zero() && *v <= T::one();
    if xs.iter().any(|x| x.is_nan()) {
        assert!(out.iter().all(|v| v.is_nan()), "{what}: {out:?} for {xs:?}");
        return;
    }
    if !all_finite(xs) {
        assert!(
            out.iter().all(|v| v.is_nan() || in_unit(v)),
            "{what}: {out:?} for {xs:?}"
        );
        return;
    }
    if xs.iter().all(|&x| x == xs[0]) {
        assert!(
            out.iter().all(|v| v.is_nan()),
            "{what}: {out:?} for constant {xs:?}"
        );
        return;
    }
    let lo = xs
        .iter()
        .copied()
        .fold(T::infinity(), |m, x| if x < m { x } else { m });
    let hi = xs
        .iter()
        .copied()
        .fold(T::neg_infinity(), |m, x| if x > m { x } else { m });
    let u = T::unit_roundoff();
    for (&x, &v) in xs.iter().zip(out) {
        assert!(in_unit(&v), "{what}: {v:?} for {x:?} in {xs:?}");
        if x == lo {
            assert!(v == T::zero(), "{what}: {v:?} at the minimum of {xs:?}");
        }
        if x == hi {
            assert!(v == T::one(), "{what}: {v:?} at the maximum of {xs:?}");
        }
        // The reference in f64: the differences round once each (u_64), the quotient once;
        // halved where the span overflows f64 (exact there, the elements being huge or
        // their error negligible against the span).
        let (xw, lw, hw) = (x.wide(), lo.wide(), hi.wide());
        let want = if (hw - lw).is_finite() {
            (xw - lw) / (hw - lw)
        } else {
            (xw / 2.0 - lw / 2.0) / (hw / 2.0 - lw / 2.0)
        };
        let bound = (gamma(3, u) + gamma(3, F64_U)) * want * SLACK + 2.0 * eta::<T>();
        le((v.wide() - want).abs(), bound, || {
            format!("{what}: {v:?} for {x:?} in [{lo:?}, {hi:?}]")
        });
    }
}

/// An induced norm (the largest absolute column or row sum, `groups`): NaN with a NaN,
/// `inf` with an infinity, otherwise within `gamma_(m-1)` (a recursive sum of `m` terms
/// from 0, Higham (4.4)) of the largest exact group sum (the maximum is exact).
fn induced_norm<T: Float>(what: &str, whole: &[T], groups: &[Vec<T>], got: T) {
    if whole.iter().any(|x| x.is_nan()) {
        assert!(got.is_nan(), "{what}: {got:?}");
        return;
    }
    if !all_finite(whole) {
        assert!(got == T::infinity(), "{what}: {got:?}");
        return;
    }
    let max = whole.iter().fold(0.0f64, |m, x| m.max(x.wide().abs()));
    let sigma = unit_exponent(max);
    let want = groups
        .iter()
        .map(|g| fsum(g.iter().map(|x| ldexp(x.wide(), sigma).abs())))
        .fold(0.0f64, f64::max);
    let m = groups[0].len();
    let bound = (gamma(m.saturating_sub(1), T::unit_roundoff()) + F64_U) * want * SLACK
        + groups.len() as f64 * F64_ETA * 2.0;
    check_value(|| format!("{what} of {whole:?}"), got, want, bound, sigma);
}

// ---------------------------------------------------------------------------------------
// Vector norms.

fn vector_checks<T: Float, const N: usize>(input: &mut Input) {
    let v: Matrix<T, N, 1> = input.matrix();
    let p: T = lp_arg(input);
    if std::env::var_os("FUZZ_DEBUG").is_some() {
        eprintln!("v = {v:?}\np = {p:?}");
    }
    let xs: Vec<T> = v.iter().copied().collect();
    let u = T::unit_roundoff();
    let eta = eta::<T>();
    let nf = N as f64;
    let nan = xs.iter().any(|x| x.is_nan());
    let finite = all_finite(&xs);

    let norm = v.norm();
    same("norm_fro is norm", v.norm_fro(), norm);
    let ns = v.norm_squared();
    let l1 = v.norm_l1();
    let linf = v.norm_linf();

    // norm_linf: the largest |x| exactly; NaN with a NaN.
    let want_linf = xs.iter().fold(T::zero(), |m, x| {
        if x.is_nan() || m.is_nan() {
            T::nan()
        } else if x.abs() > m {
            x.abs()
        } else {
            m
        }
    });
    same("norm_linf", linf, want_linf);

    if nan {
        assert!(
            norm.is_nan() && ns.is_nan() && l1.is_nan(),
            "norms of {xs:?}: {norm:?} {ns:?} {l1:?}"
        );
    } else if !finite {
        assert!(
            norm == T::infinity() && ns == T::infinity() && l1 == T::infinity(),
            "norms of {xs:?}: {norm:?} {ns:?} {l1:?}"
        );
    } else {
        let max = xs.iter().fold(0.0f64, |m, x| m.max(x.wide().abs()));
        let sigma = unit_exponent(max);
        let y: Vec<f64> = xs.iter().map(|x| ldexp(x.wide(), sigma)).collect();
        // Squares of the scaled data in f64: exact for f32, one rounding (and an underflow
        // of at most eta_64 / 2 for elements far below the largest) for f64; fsum rounds
        // once more: within gamma_2 (f64) and N eta_64.
        let ss = fsum(y.iter().map(|v| v * v));
        let ss_err = gamma(2, F64_U) * ss + nf * F64_ETA;
        // norm: the documented relative bound (n/2 + 2) eps (the plain sum of squares or
        // Blue's scaled accumulators, then a square root), plus a result in the subnormals
        // (eta / 2) and the reference's error (halved by the square root, plus its own
        // rounding).
        let want = ss.sqrt();
        let bound = ((nf / 2.0 + 2.0) * T::epsilon().wide() * want
            + ss_err / (2.0 * want.max(f64::MIN_POSITIVE))
            + F64_U * want)
            * SLACK
            + ldexp(eta, sigma);
        check_value(|| format!("norm of {xs:?}"), norm, want, bound, sigma);
        // norm_squared: N roundings per term at most (a product and N - 1 additions from
        // 0): gamma_N relative (Higham (3.4)-(3.5)); N products may underflow (eta / 2).
        let bound_ns = (gamma(N, u) * ss + ss_err) * SLACK + nf * ldexp(eta, 2 * sigma);
        check_value(
            || format!("norm_squared of {xs:?}"),
            ns,
            ss,
            bound_ns,
            2 * sigma,
        );
        // norm_l1: a recursive sum of |x| from 0: gamma_(N-1) (Higham (4.4)).
        let sa = fsum(y.iter().map(|v| v.abs()));
        let bound_l1 = (gamma(N - 1, u) + F64_U) * sa * SLACK;
        check_value(|| format!("norm_l1 of {xs:?}"), l1, sa, bound_l1, sigma);
    }

    check_lp(&v, &xs, p);
    check_normalize(&v, &xs);
}

/// `norm_lp(p)`: the documented special cases exactly, and for other `p` the bounds that
/// hold whatever the rounding of `pow` (assumed faithful, within one ulp, as the platform's
/// `powf`/`pow`): with `s` the largest `|x|` (`p > 0`) each term `(|x| / s)^p` is at most 1
/// and the largest is `1^p = 1`, so the sum is in `[1, N]` exactly and `s * sum^(1/p)` is
/// at least `s` and at most `s N^((1 + u) / p) (1 + eps)(1 + u)` (`1/p` rounds once); with
/// `s` the smallest (`p < 0`) the terms are at most 1 and the result at most `s` and at least
/// `s N^((1 + u) / p) (1 - eps)(1 - u)`.
fn check_lp<T: Float, const N: usize>(v: &Matrix<T, N, 1>, xs: &[T], p: T) {
    let got = v.norm_lp(p);
    let what = format!("norm_lp({p:?}) of {xs:?}");
    if p.is_nan() {
        assert!(got.is_nan(), "{what}: {got:?}");
        return;
    }
    if p == T::zero() {
        let count = xs.iter().filter(|&&x| x != T::zero()).count();
        same(&what, got, T::narrow(count as f64));
        return;
    }
    if xs.iter().any(|x| x.is_nan()) {
        assert!(got.is_nan(), "{what}: {got:?}");
        return;
    }
    let smallest = xs
        .iter()
        .fold(T::infinity(), |m, x| if x.abs() < m { x.abs() } else { m });
    if p == T::infinity() {
        same(&what, got, v.norm_linf());
        return;
    }
    if p == T::neg_infinity() {
        same(&what, got, smallest);
        return;
    }
    if p == T::one() {
        same(&what, got, v.norm_l1());
        return;
    }
    if p == T::narrow(2.0) {
        same(&what, got, v.norm());
        return;
    }
    let u = T::unit_roundoff();
    let eps = T::epsilon().wide();
    let (pw, nf) = (p.wide(), N as f64);
    let factor = nf.powf((1.0 + u) / pw);
    if p > T::zero() {
        let s = v.norm_linf();
        if s == T::zero() || s == T::infinity() {
            same(&what, got, s);
            return;
        }
        assert!(got >= s, "{what}: {got:?} below the largest |x| {s:?}");
        let upper = s.wide() * factor * (1.0 + eps) * (1.0 + u) * SLACK;
        if got.is_finite() {
            assert_le(&what, got.wide(), upper);
        } else {
            assert_le(&format!("{what}: inf"), T::max_value().wide(), upper);
        }
    } else {
        let s = smallest;
        if s == T::zero() {
            same(&what, got, T::zero());
            return;
        }
        if s == T::infinity() {
            same(&what, got, T::infinity());
            return;
        }
        assert!(got <= s, "{what}: {got:?} above the smallest |x| {s:?}");
        let lower = s.wide() * factor * (1.0 - eps) * (1.0 - u) / SLACK;
        // A result in the subnormals rounds by eta / 2 more.
        assert_le(
            &format!("{what}: lower bound"),
            lower - eta::<T>(),
            got.wide(),
        );
    }
}

/// `normalize`: `NonFinite` exactly with a NaN or an infinity, `ZeroNorm` exactly for the
/// zero vector, otherwise finite elements whose norm is 1 within the norm's documented
/// relative error `rho = (n/2 + 2) eps` (the divisor is `norm (1 + rho')`, each quotient
/// rounds once: `|norm(y) - 1| <= rho / (1 - rho) (1 + u) + u`), plus a quotient in the
/// subnormals (`eta / 2` each, `sqrt(N) eta / 2` in the norm) and the reference's error
/// (the f64 norm of values at most 1: gamma_(N+2) and N eta_64).
fn check_normalize<T: Float, const N: usize>(v: &Matrix<T, N, 1>, xs: &[T]) {
    let got = v.normalize();
    if !all_finite(xs) {
        assert_eq!(got, Err(Error::NonFinite), "normalize {xs:?}");
        return;
    }
    if xs.iter().all(|&x| x == T::zero()) {
        assert_eq!(got, Err(Error::ZeroNorm), "normalize {xs:?}");
        return;
    }
    let y = got.unwrap_or_else(|e| panic!("normalize {xs:?}: {e:?}"));
    assert!(y.iter().all(|x| x.is_finite()), "normalize {xs:?}: {y:?}");
    let nf = N as f64;
    let u = T::unit_roundoff();
    let rho = (nf / 2.0 + 2.0) * T::epsilon().wide();
    let norm = fsum(y.iter().map(|x| x.wide() * x.wide())).sqrt();
    let bound = (rho / (1.0 - rho) * (1.0 + u) + u + gamma(N + 2, F64_U)) * SLACK
        + nf.sqrt() * eta::<T>()
        + nf * F64_ETA;
    assert_le(
        &format!("normalize {xs:?}: norm {norm} of {y:?}"),
        (norm - 1.0).abs(),
        bound,
    );
}

// ---------------------------------------------------------------------------------------
// Integers: checked_sum and checked_prod against the exact result in i128.

fn integer_checks<const N: usize>(input: &mut Input) {
    macro_rules! ints {
        ($t:ty, $bytes:expr) => {{
            let m = Matrix::<$t, N, 1>::from_fn(|_, _| match input.below(4) {
                0 => <$t>::MAX,
                1 => <$t>::MIN,
                2 => input.bits(1) as u8 as i8 as $t,
                _ => input.bits($bytes) as $t,
            });
            let xs: Vec<i128> = m.iter().map(|&x| i128::from(x)).collect();
            let fits = |v: i128| <$t>::try_from(v).ok();
            // The exact sum always fits i128 (8 elements of at most 64 bits).
            let sum: i128 = xs.iter().sum();
            assert_eq!(m.checked_sum(), fits(sum), "checked_sum of {xs:?}");
            // The exact product: 0 with a zero factor (even when the others overflow);
            // otherwise i128's checked product, whose overflow means |p| > 2^127, which no
            // element type holds.
            let prod = if xs.contains(&0) {
                Some(0)
            } else {
                xs.iter().try_fold(1i128, |acc, &x| acc.checked_mul(x))
            };
            assert_eq!(
                m.checked_prod(),
                prod.and_then(fits),
                "checked_prod of {xs:?}"
            );
            // sum and prod are exact where no partial result overflows (documented: sum
            // whenever sum |x| fits; prod where every running product fits).
            let abs: i128 = xs.iter().map(|x| x.abs()).sum();
            if fits(abs).is_some() {
                assert_eq!(i128::from(m.sum()), sum, "sum of {xs:?}");
            }
            let partials_fit = xs
                .iter()
                .try_fold(1i128, |acc, &x| {
                    acc.checked_mul(x).filter(|&p| fits(p).is_some())
                })
                .is_some();
            if partials_fit {
                assert_eq!(Some(i128::from(m.prod())), prod, "prod of {xs:?}");
            }
        }};
    }
    ints!(i8, 1);
    ints!(u8, 1);
    ints!(i64, 8);
}
