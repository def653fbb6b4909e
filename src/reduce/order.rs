//! The total order the sorting and `unique` use: NumPy's, with NaN last.

use core::cmp::Ordering;

use crate::checked::swap_pair;
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

/// Sorts `values` under `order` (a total order) by heapsort: in place, `O(n log n)`
/// comparisons, no recursion and no panic path (`core`'s sorts keep one for an inconsistent
/// order, which a firmware build with a no-panic proof cannot link). Not stable: for the
/// values-only sorts of the quantiles, where equal keys are interchangeable.
pub(crate) fn heapsort_by<T>(values: &mut [T], order: impl Fn(&T, &T) -> Ordering) {
    let n = values.len();
    for root in (0..n / 2).rev() {
        sift_down(values, root, n, &order);
    }
    for end in (1..n).rev() {
        swap_pair(values, 0, end);
        sift_down(values, 0, end, &order);
    }
}

/// Restores the max-heap property of `values[..end]` below `root`.
fn sift_down<T>(
    values: &mut [T],
    mut root: usize,
    end: usize,
    order: &impl Fn(&T, &T) -> Ordering,
) {
    loop {
        let left = 2 * root + 1;
        if left >= end {
            return;
        }
        let right = left + 1;
        let child = match (values.get(left), values.get(right)) {
            (Some(l), Some(r)) if right < end && order(l, r) == Ordering::Less => right,
            _ => left,
        };
        match (values.get(root), values.get(child)) {
            (Some(r), Some(c)) if order(r, c) == Ordering::Less => swap_pair(values, root, child),
            _ => return,
        }
        root = child;
    }
}
