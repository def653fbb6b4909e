//! The Euclidean norm, safe from overflow and underflow, in one place.
//!
//! The fast path sums the squares as they are; it is taken when that sum is finite and far
//! enough above the subnormal range that the squares which underflowed are negligible
//! ([`sum_of_squares_is_safe`]). Otherwise Blue's algorithm (as LAPACK's `dnrm2`/`snrm2`
//! since 3.10, Anderson 2017) sums the squares of the big, medium and small values in three
//! accumulators, the big and small ones scaled by exact powers of two
//! ([`Real::BLUE_SCALING`]), which keeps full relative accuracy over the whole range.

use crate::scalar::Real;

/// Whether `sum`, the plainly computed sum of `n` squares, is the sum of squares to within
/// its own rounding: finite, and at least `n * MIN_POSITIVE / EPSILON`. A square that
/// underflowed was rounded with an absolute error below `MIN_POSITIVE * EPSILON` (half an
/// ulp of the subnormals), so `n` of them lose less than `EPSILON^2` of such a sum.
#[inline]
pub(crate) fn sum_of_squares_is_safe<T: Real>(sum: T, n: usize) -> bool {
    let n = T::from(n).unwrap_or_else(T::max_value);
    sum.is_finite() && sum >= T::min_positive_value() / T::epsilon() * n
}

/// The Euclidean norm `sqrt(sum x_i^2)` of `xs`, without overflow and without underflow of
/// the squares: the plain sum of squares (accumulated in order) when
/// [`sum_of_squares_is_safe`], otherwise [`norm_scaled`]. NaN if an element is NaN,
/// otherwise `inf` if one is infinite; 0 for no elements. The relative error is below
/// `(n/2 + 2) eps` for `n` elements (Higham, *Accuracy and Stability*, §3.1, plus the square
/// root).
#[inline]
pub(crate) fn norm<T: Real, I>(xs: I) -> T
where
    I: IntoIterator<Item = T>,
    I::IntoIter: Clone,
{
    let xs = xs.into_iter();
    let mut sum = T::ZERO;
    let mut n = 0usize;
    for x in xs.clone() {
        sum += x * x;
        n += 1;
    }
    if sum_of_squares_is_safe(sum, n) {
        sum.square_root()
    } else {
        norm_scaled(xs)
    }
}

/// The Euclidean norm with Blue's three accumulators (LAPACK `dnrm2`, Anderson 2017): values
/// too big or too small to square safely are scaled by exact powers of two, so the result
/// keeps full relative accuracy over the whole floating-point range. Also settles NaN (NaN)
/// and infinity (`inf`).
#[cold]
#[inline(never)]
pub(crate) fn norm_scaled<T: Real>(xs: impl Iterator<Item = T>) -> T {
    let [t_small, t_big, s_small, s_big] = T::BLUE_SCALING;
    let (mut small, mut medium, mut big) = (T::ZERO, T::ZERO, T::ZERO);
    let mut any_big = false;
    let mut any_nan = false;
    for x in xs {
        let a = x.abs();
        if a.is_nan() {
            any_nan = true;
        } else if a > t_big {
            any_big = true;
            let y = a * s_big;
            big += y * y;
        } else if a < t_small {
            if !any_big {
                let y = a * s_small;
                small += y * y;
            }
        } else {
            medium += a * a;
        }
    }
    if any_nan {
        return T::nan();
    }
    if big > T::ZERO {
        // Medium values are negligible beside big ones only when scaled the same way.
        if medium > T::ZERO {
            big += (medium * s_big) * s_big;
        }
        return big.square_root() / s_big;
    }
    if small > T::ZERO {
        if medium > T::ZERO {
            let medium = medium.square_root();
            let small = small.square_root() / s_small;
            let (lo, hi) = if small > medium {
                (medium, small)
            } else {
                (small, medium)
            };
            let ratio = lo / hi;
            return hi * (T::ONE + ratio * ratio).square_root();
        }
        return small.square_root() / s_small;
    }
    medium.square_root()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_survives_extremes() {
        let big = norm([3e300f64, 4e300]);
        assert!((big - 5e300).abs() <= 4.0 * f64::EPSILON * 5e300);
        let small = norm([3e-300f64, 4e-300]);
        assert!((small - 5e-300).abs() <= 4.0 * f64::EPSILON * 5e-300);
        // Subnormal: 3 and 4 times the smallest subnormal are exact, so is their norm.
        let eta = f64::from_bits(1);
        assert_eq!(norm([3.0 * eta, 4.0 * eta]), 5.0 * eta);
        assert_eq!(norm([f32::MAX, f32::MAX]), f32::MAX * 2f32.square_root());
        assert_eq!(norm::<f64, _>([]), 0.0);
        assert!(norm([1.0, f64::NAN, f64::INFINITY]).is_nan());
        assert_eq!(norm([1.0, f64::NEG_INFINITY]), f64::INFINITY);
    }

    #[test]
    fn safe_threshold_grows_with_the_count() {
        let tiny = f64::MIN_POSITIVE / f64::EPSILON;
        assert!(sum_of_squares_is_safe(tiny, 1));
        assert!(!sum_of_squares_is_safe(tiny, 2));
        assert!(!sum_of_squares_is_safe(f64::INFINITY, 1));
        assert!(!sum_of_squares_is_safe(f64::NAN, 1));
    }
}
