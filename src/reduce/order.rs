//! The total order the sorting and `unique` use: NumPy's, with NaN last.

use core::cmp::Ordering;

use crate::scalar::Scalar;

/// Whether `x` is a NaN (never for integers): the only values not comparable with
/// themselves.
#[inline]
pub(crate) fn is_nan<T: Scalar>(x: T) -> bool {
    x.partial_cmp(&x).is_none()
}

/// Ascending order with every NaN after every other value and all NaNs equal, as NumPy
/// sorts; `-0.0` and `0.0` are equal. A total preorder, so a valid sort comparator.
#[inline]
pub(crate) fn ascending<T: Scalar>(a: &T, b: &T) -> Ordering {
    a.partial_cmp(b)
        .unwrap_or_else(|| is_nan(*a).cmp(&is_nan(*b)))
}

/// Descending order of the non-NaN values, NaNs still last (NumPy's
/// `np.argsort(-a, kind='stable')` order).
#[inline]
pub(crate) fn descending<T: Scalar>(a: &T, b: &T) -> Ordering {
    b.partial_cmp(a)
        .unwrap_or_else(|| is_nan(*a).cmp(&is_nan(*b)))
}
