//! `unique`: the distinct values of a matrix with their counts, in a fixed-capacity result.

use core::cmp::Ordering;

use crate::matrix::Matrix;
use crate::reduce::order::ascending;
use crate::scalar::Scalar;

/// The distinct values of a matrix in ascending order with the number of times each occurs:
/// NumPy's `values, counts = np.unique(a, return_counts=True)`, held without a heap.
///
/// A matrix of `R * C` elements has at most `R * C` distinct values, so the result keeps
/// storage of the matrix's own shape for the values and for the counts, and the number
/// [`len`](Unique::len) of those in use. Built by [`Matrix::unique`].
///
/// # Example
/// ```
/// use statrix::{vector, Unique};
///
/// let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
/// let unique: Unique<i32, 10, 1> = arr.unique();
/// assert_eq!(unique.values(), &[1, 2, 3, 4, 5, 6, 9]);
/// assert_eq!(unique.counts(), &[2, 1, 2, 1, 2, 1, 1]);
/// // dict(zip(unique, counts)): {1: 2, 2: 1, 3: 2, 4: 1, 5: 2, 6: 1, 9: 1}
/// let pairs: Vec<(i32, usize)> = unique.iter().collect();
/// assert_eq!(pairs, [(1, 2), (2, 1), (3, 2), (4, 1), (5, 2), (6, 1), (9, 1)]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unique<T, const R: usize, const C: usize> {
    /// The distinct values in the first `len` row-major slots; `T::ZERO` after them.
    values: Matrix<T, R, C>,
    /// Their counts in the first `len` slots; 0 after them.
    counts: Matrix<usize, R, C>,
    /// The number of distinct values, at most `R * C`.
    len: usize,
}

impl<T: Scalar, const R: usize, const C: usize> Unique<T, R, C> {
    /// The distinct values, ascending (NumPy's `np.unique(a)`).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![2, 1; 2, 7].unique().values(), &[1, 2, 7]);
    /// ```
    #[must_use]
    pub fn values(&self) -> &[T] {
        self.values.as_slice().get(..self.len).unwrap_or(&[])
    }

    /// How many times each of [`values`](Unique::values) occurs (NumPy's
    /// `return_counts=True`); they add up to `R * C`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![2, 1; 2, 7].unique().counts(), &[1, 2, 1]);
    /// ```
    #[must_use]
    pub fn counts(&self) -> &[usize] {
        self.counts.as_slice().get(..self.len).unwrap_or(&[])
    }

    /// The number of distinct values (NumPy's `len(np.unique(a))`).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![2, 1; 2, 7].unique().len(), 3);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no values at all, which happens only for an empty matrix.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// assert!(Matrix::<f64, 0, 3>::zeros().unique().is_empty());
    /// assert!(!Matrix::<f64, 1, 3>::zeros().unique().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `(value, count)` pairs in ascending order of value (NumPy's
    /// `zip(*np.unique(a, return_counts=True))`).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let mut most_common = (0, 0);
    /// for (value, count) in matrix![3, 1, 3; 2, 3, 1].unique().iter() {
    ///     if count > most_common.1 {
    ///         most_common = (value, count);
    ///     }
    /// }
    /// assert_eq!(most_common, (3, 3));
    /// ```
    #[must_use]
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (T, usize)> + '_ {
        self.values()
            .iter()
            .copied()
            .zip(self.counts().iter().copied())
    }
}

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The distinct values in ascending order with their counts, NumPy's
    /// `np.unique(a, return_counts=True)` (which flattens `a`), in a fixed-capacity
    /// [`Unique`] on the stack.
    ///
    /// `-0.0` and `0.0` are one value; the one kept is the first occurrence in row-major
    /// order (NumPy keeps whichever its unstable sort puts first).
    ///
    /// # NaN
    /// All NaNs count as one value, placed last, as NumPy's default `equal_nan=True`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![2.0, f64::NAN, 1.0;
    ///                 f64::NAN, 2.0, 2.0];
    /// let unique = a.unique(); // np.unique(a, return_counts=True)
    /// assert_eq!(unique.values()[..2], [1.0, 2.0]);
    /// assert!(unique.values()[2].is_nan());
    /// assert_eq!(unique.counts(), &[1, 3, 2]);
    /// ```
    #[must_use]
    pub fn unique(&self) -> Unique<T, R, C> {
        let flat = self.as_slice();
        let mut values = Matrix::<T, R, C>::zeros();
        let mut counts = Matrix::<usize, R, C>::zeros();
        let mut len: usize = 0;
        {
            let values = values.as_mut_slice();
            let counts = counts.as_mut_slice();
            // The stable order puts each value's first occurrence first. `len` never
            // exceeds the number of elements seen so far, so the slots exist.
            for &k in self.argsort().iter() {
                let x = flat[k];
                match len.checked_sub(1) {
                    Some(last) if ascending(&values[last], &x) == Ordering::Equal => {
                        counts[last] += 1;
                    }
                    _ => {
                        values[len] = x;
                        counts[len] = 1;
                        len += 1;
                    }
                }
            }
        }
        Unique {
            values,
            counts,
            len,
        }
    }
}
