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

use num_traits::NumCast;

use crate::numeric::CompensatedSum;
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

/// The arithmetic mean: compensated sum divided by the count. NaN for no elements (0/0).
pub(super) fn mean_of<T: Real>(xs: impl Iterator<Item = T>) -> T {
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

/// Mean and variance with `ddof` of `xs` (iterated twice), as NumPy's `var`: the centred sum
/// of squares divided by `max(n - ddof, 0)`, so `ddof >= n` divides by zero (`inf`, or NaN
/// when the centred sum is 0 or NaN).
pub(super) fn mean_var_of<T: Real>(xs: impl Iterator<Item = T> + Clone, ddof: usize) -> (T, T) {
    let (sum, n) = sum_and_count(xs.clone());
    let mean = sum / count(n);
    let centred = clamp_nonnegative(centred_cross_sum(xs.map(|x| (x, x)), mean, mean));
    (mean, centred / count(n.saturating_sub(ddof)))
}
