//! `checked_sum` and `checked_prod` for integer matrices: the exact result, or `None` when it
//! does not fit the element type, independently of the order of the elements.

use num_traits::PrimInt;

use crate::matrix::Matrix;
use crate::scalar::Scalar;

impl<T: PrimInt + Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The sum of all elements, or `None` when the exact sum does not fit in `T`.
    ///
    /// NumPy's `np.sum(a)` wraps silently on overflow (and widens `int32` and smaller to
    /// `int64` first); this is the checked form. The answer depends only on the exact sum,
    /// not on the order: the elements are added so that no partial sum can overflow unless
    /// the total does (a negative element while the running sum is non-negative, a
    /// positive one while it is negative; once one sign is used up the running sum moves
    /// monotonically towards the total). So `[i8::MAX, 1, -1]` sums to `Some(127)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// assert_eq!(vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3].checked_sum(), Some(39));
    /// assert_eq!(matrix![i8::MAX, 1, -1].checked_sum(), Some(127));
    /// assert_eq!(matrix![i8::MAX, 1].checked_sum(), None);
    /// assert_eq!(matrix![200u8, 55, 1].checked_sum(), None);
    /// ```
    #[must_use]
    pub fn checked_sum(&self) -> Option<T> {
        let zero = T::ZERO;
        let mut positives = self.iter().copied().filter(|&x| x > zero);
        let mut negatives = self.iter().copied().filter(|&x| x < zero);
        let mut acc = zero;
        // Every step adds one non-zero element, so `len` steps use them all.
        for _ in 0..self.as_slice().len() {
            let next = if acc < zero {
                positives.next().or_else(|| negatives.next())
            } else {
                negatives.next().or_else(|| positives.next())
            };
            match next {
                Some(x) => acc = acc.checked_add(&x)?,
                None => break,
            }
        }
        Some(acc)
    }

    /// The product of all elements, or `None` when the exact product does not fit in `T`.
    ///
    /// NumPy's `np.prod(a)` wraps silently on overflow; this is the checked form. The
    /// answer depends only on the exact product: a zero element gives `Some(0)` even when
    /// the other factors' product would overflow, and `[64i8, 2, -1]` gives `Some(-128)`
    /// although `64 * 2` does not fit in `i8` (the magnitude is accumulated on the negative
    /// side, which holds `2^(bits-1)`).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// assert_eq!(vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3].checked_prod(), Some(97200));
    /// assert_eq!(matrix![64i8, 2, -1].checked_prod(), Some(-128));
    /// assert_eq!(matrix![64i8, 2].checked_prod(), None);
    /// assert_eq!(matrix![100u8, 100, 0].checked_prod(), Some(0));
    /// ```
    #[must_use]
    pub fn checked_prod(&self) -> Option<T> {
        let zero = T::ZERO;
        let one = T::ONE;
        if self.iter().any(|&x| x == zero) {
            return Some(zero);
        }
        if T::min_value() == zero {
            // Unsigned, no zero factor: every factor is at least 1, so the partial products
            // never decrease and one that overflows means that the product does.
            return self.iter().try_fold(one, |acc, &x| acc.checked_mul(&x));
        }
        // Signed: accumulate minus the magnitude, whose range includes 2^(bits-1), and the
        // sign apart. No factor is zero, so the magnitude never decreases either.
        let minus_one = zero - one;
        let mut minus_magnitude = minus_one;
        let mut negative = false;
        for &x in self.iter() {
            if x < zero {
                negative = !negative;
            }
            if x == T::min_value() {
                // |x| = 2^(bits-1) is not representable; the product's magnitude fits only
                // if everything before had magnitude 1.
                if minus_magnitude != minus_one {
                    return None;
                }
                minus_magnitude = x;
            } else {
                let magnitude = if x < zero { zero - x } else { x };
                minus_magnitude = minus_magnitude.checked_mul(&magnitude)?;
            }
        }
        if negative {
            Some(minus_magnitude)
        } else {
            zero.checked_sub(&minus_magnitude)
        }
    }
}
