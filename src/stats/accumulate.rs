//! Private building blocks shared by the statistics: compensated summation, the mean, and the
//! corrected two-pass centred sums behind `var`, `std`, `cov` and `corrcoef`.
//!
//! Error bounds (Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed.; `u` the
//! unit roundoff of `T`, `gamma_k = k u / (1 - k u)`, no underflow or overflow):
//!
//! - [`CompensatedSum`] (Kahan–Babuška, Neumaier 1974) of `x_1..x_n` with exact sum `S`:
//!   each step's rounding error `e_i` is captured exactly (Fast2Sum), and the `e_i` are
//!   summed recursively, so `|S_hat - S| <= u |S| + (1 + u) gamma_{n-1} (n - 1) u
//!   (1 + gamma_{n-1}) sum |x_i|`: the result is within about one rounding of `S`, plus a
//!   term of order `n^2 u^2`.
//! - [`mean_of`] divides by `n` once more: `|mean_hat - mean| <= gamma_2 |mean| +
//!   (1 + u)^2 (1 + gamma_{n-1}) gamma_{n-1} (n - 1) u sum |x_i| / n`.
//! - [`centred_cross_sum`] is the corrected two-pass algorithm (Chan, Golub and LeVeque
//!   1983; Higham §1.9): with the computed means `mx`, `my` it returns
//!   `sum (x - mx)(y - my) - sum (x - mx) sum (y - my) / n`, which in exact arithmetic equals
//!   `sum (x - mean_x)(y - mean_y)` whatever the error of `mx` and `my`: the correction term
//!   cancels the first-order effect of the means' errors. With the sums compensated the
//!   result is within a few `u` of the exact centred sum (the tests state the full bound).
//!
//! At the edge of the range: these formulas run on the data as they are (the fast path), and
//! only where that leaves the range (a sum that overflows, a square that overflows or
//! underflows) are they run again on the data scaled by the power of two `2^k` that brings the
//! largest magnitude into `[1, 2)`. Power-of-two scaling is exact (up to values far below the
//! largest, which underflow and are negligible against it), so the scaled results are the
//! same numbers times `2^k` (a mean), `4^k` (a variance) or `2^(k_i + k_j)` (a covariance),
//! and are brought back by power-of-two multiplications, which round only where the result
//! leaves the range: to `±inf` exactly where the exact result overflows. Finite data so never
//! give NaN from `inf - inf`.

use num_traits::NumCast;

use crate::numeric::CompensatedSum;
use crate::numeric::{Pow2Scale, unit_exponent};
use crate::scalar::Real;

/// `n` as a `T` (exact up to `2^24` for `f32`, `2^53` for `f64`).
pub(super) fn count<T: Real>(n: usize) -> T {
    <T as NumCast>::from(n).unwrap_or_else(T::nan)
}

/// `x` where it is not negative, `0` where it is (NaN stays NaN): a centred sum of squares is
/// never negative, and its computed value can only dip below zero by rounding.
pub(super) fn clamp_nonnegative<T: Real>(x: T) -> T {
    if x < T::ZERO { T::ZERO } else { x }
}

/// The compensated sum of `xs` and how many there were.
pub(super) fn sum_and_count<T: Real>(xs: impl Iterator<Item = T>) -> (T, usize) {
    let mut n = 0usize;
    let sum = CompensatedSum::sum_of(xs.inspect(|_| n += 1));
    (sum, n)
}

/// The exponent `k` for which `2^k` times the largest magnitude of `xs` lies in `[1, 2)`;
/// `None` when there is nothing to rescale: a NaN or an infinity among `xs` (whose results
/// are non-finite by IEEE arithmetic, as NumPy's), or no non-zero element.
pub(super) fn scaling_exponent<T: Real>(xs: impl Iterator<Item = T>) -> Option<i32> {
    let mut largest = T::ZERO;
    for x in xs {
        if !x.is_finite() {
            return None;
        }
        largest = largest.max(x.abs());
    }
    (largest > T::ZERO).then(|| unit_exponent(largest))
}

/// Whether a variance (or a covariance matrix's diagonal entry) computed on the fast path
/// may have left the range: infinite or NaN (an overflow, or `inf - inf` after one), or below
/// the smallest normal number (zero included: squares that underflowed, or constant data,
/// which the scaled path returns unchanged).
pub(super) fn outside_normal_range<T: Real>(var: T) -> bool {
    !(var.is_finite() && var >= T::min_positive_value())
}

/// The arithmetic mean: compensated sum divided by the count. NaN for no elements (0/0).
///
/// Where the sum overflows although every element is finite, the mean is computed again on
/// the data scaled by `2^k` ([`scaling_exponent`]) and scaled back: it is then finite
/// (`|mean| <= max |x|`), as the exact mean is.
pub(crate) fn mean_of<T: Real>(xs: impl Iterator<Item = T> + Clone) -> T {
    let mean = fast_mean(xs.clone());
    if mean.is_finite() {
        return mean;
    }
    match scaling_exponent(xs.clone()) {
        Some(k) => {
            let scale = Pow2Scale::new(k);
            Pow2Scale::new(-k).apply(fast_mean(xs.map(move |x| scale.apply(x))))
        }
        None => infinite_mean(xs).unwrap_or(mean),
    }
}

/// The mean of data holding an infinity and no NaN: that infinity when every infinity has
/// one sign (the finite elements cannot change it, even where their own sum overflows the
/// other way: `[-MAX, -MAX, inf]` has mean `inf`), NaN when both signs occur; `None` for data
/// without an infinity.
fn infinite_mean<T: Real>(xs: impl Iterator<Item = T>) -> Option<T> {
    let (mut positive, mut negative) = (false, false);
    for x in xs {
        if x.is_nan() {
            return Some(x);
        }
        positive |= x == T::infinity();
        negative |= x == T::neg_infinity();
    }
    match (positive, negative) {
        (true, false) => Some(T::infinity()),
        (false, true) => Some(T::neg_infinity()),
        (true, true) => Some(T::nan()),
        (false, false) => None,
    }
}

/// The compensated sum of `xs` divided by their count, with no rescaling.
fn fast_mean<T: Real>(xs: impl Iterator<Item = T>) -> T {
    let (sum, n) = sum_and_count(xs);
    sum / count(n)
}

/// The corrected two-pass centred cross sum of the pairs `(x, y)` about the computed means
/// `mx` and `my`: `sum dx dy - (sum dx)(sum dy) / n` with `dx = x - mx`, `dy = y - my`, all
/// sums compensated. With `x == y` it is the centred sum of squares, computed with exactly the
/// same operations as the diagonal of a covariance (so `cov` and `var` agree bit for bit).
pub(super) fn centred_cross_sum<T: Real>(pairs: impl Iterator<Item = (T, T)>, mx: T, my: T) -> T {
    let mut products = CompensatedSum::new();
    let mut dx_sum = CompensatedSum::new();
    let mut dy_sum = CompensatedSum::new();
    let mut n = 0usize;
    for (x, y) in pairs {
        let dx = x - mx;
        let dy = y - my;
        products.add(dx * dy);
        dx_sum.add(dx);
        dy_sum.add(dy);
        n += 1;
    }
    products.value() - dx_sum.value() * dy_sum.value() / count(n)
}

/// Mean and variance with `ddof` of `xs` (iterated twice) on the fast path, as NumPy's
/// `var`: the centred sum of squares divided by `max(n - ddof, 0)`, so `ddof >= n` divides
/// by zero (`inf`, or NaN when the centred sum is 0 or NaN).
fn fast_mean_var<T: Real>(xs: impl Iterator<Item = T> + Clone, ddof: usize) -> (T, T) {
    let (sum, n) = sum_and_count(xs.clone());
    let mean = sum / count(n);
    let centred = clamp_nonnegative(centred_cross_sum(xs.map(|x| (x, x)), mean, mean));
    (mean, centred / count(n.saturating_sub(ddof)))
}

/// The mean and variance of one variable, kept where they were computed: on the data times
/// `2^k` (`k = 0` on the fast path), so that the standard deviation and the z-scores are
/// taken there, and only the result is scaled back.
#[derive(Clone, Copy)]
pub(crate) struct Spread<T> {
    /// The mean of the data times `2^k`.
    scaled_mean: T,
    /// The variance of the data times `2^k`, which is the variance times `4^k`.
    scaled_var: T,
    /// The exponent; 0 on the fast path.
    k: i32,
    /// Multiplication by `2^k`.
    scale: Pow2Scale<T>,
}

impl<T: Real> Spread<T> {
    /// The spread of `xs` with `ddof` (`xs` iterated twice; three times more on the scaled
    /// path): the fast path, and the scaled one where its variance is
    /// [`outside_normal_range`] and the data are finite and not all zero.
    pub(crate) fn of(xs: impl Iterator<Item = T> + Clone, ddof: usize) -> Self {
        let (mean, var) = fast_mean_var(xs.clone(), ddof);
        let fast = Spread {
            scaled_mean: mean,
            scaled_var: var,
            k: 0,
            scale: Pow2Scale::new(0),
        };
        if !outside_normal_range(var) {
            return fast;
        }
        match scaling_exponent(xs.clone()) {
            Some(k) => {
                let scale = Pow2Scale::new(k);
                let (scaled_mean, scaled_var) =
                    fast_mean_var(xs.map(move |x| scale.apply(x)), ddof);
                Spread {
                    scaled_mean,
                    scaled_var,
                    k,
                    scale,
                }
            }
            None => fast,
        }
    }

    /// The variance: `inf` exactly where the exact variance overflows.
    pub(crate) fn var(&self) -> T {
        if self.k == 0 {
            self.scaled_var
        } else {
            Pow2Scale::new(-2 * self.k).apply(self.scaled_var)
        }
    }

    /// The standard deviation, the square root taken before scaling back (the square root of
    /// `v 4^k` is exactly `sqrt(v) 2^k`), so it is finite wherever the exact one is.
    pub(crate) fn std(&self) -> T {
        let std = self.scaled_var.square_root();
        if self.k == 0 {
            std
        } else {
            Pow2Scale::new(-self.k).apply(std)
        }
    }

    /// The z-score `(x - mean) / std` of an element `x` of the data, computed on the scaled
    /// data (a z-score does not depend on the scale); NaN where the standard deviation is
    /// zero (the zero-variance policy).
    pub(super) fn standardize(&self, x: T) -> T {
        let std = self.scaled_var.square_root();
        if std == T::ZERO {
            return T::nan();
        }
        let x = if self.k == 0 { x } else { self.scale.apply(x) };
        (x - self.scaled_mean) / std
    }
}
