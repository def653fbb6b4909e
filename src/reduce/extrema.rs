//! `min`, `max`, `argmin`, `argmax`: whole-matrix and per axis, first occurrence, NaN
//! propagating as in NumPy.
//!
//! An empty matrix has no extremum (NumPy raises `ValueError`); here that is a compile
//! error: the whole-matrix forms need `R >= 1` and `C >= 1`, the `_axis0` forms `R >= 1`,
//! the `_axis1` forms `C >= 1` (a `const` assertion, reported by `cargo build`).

use crate::matrix::Matrix;
use crate::reduce::order::is_nan;
use crate::scalar::Scalar;

/// The index and value of the first element of `first, rest...` that `better` prefers to
/// all before it, or of the first NaN if there is one.
pub(crate) fn first_extreme<T: Scalar>(
    first: T,
    rest: impl Iterator<Item = T>,
    better: impl Fn(T, T) -> bool,
) -> (usize, T) {
    let mut best = (0, first);
    if is_nan(first) {
        return best;
    }
    for (k, x) in rest.enumerate() {
        if is_nan(x) {
            return (k + 1, x);
        }
        if better(x, best.1) {
            best = (k + 1, x);
        }
    }
    best
}

pub(crate) fn less<T: Scalar>(x: T, best: T) -> bool {
    x < best
}

pub(crate) fn greater<T: Scalar>(x: T, best: T) -> bool {
    x > best
}

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The whole-matrix extreme: `(flat index, value)`.
    fn flat_extreme(&self, better: impl Fn(T, T) -> bool) -> (usize, T) {
        // R >= 1 and C >= 1 are asserted at compile time by every caller.
        let flat = self.as_slice();
        first_extreme(flat[0], flat.iter().skip(1).copied(), better)
    }

    /// The extreme of each column: `(row index, value)` per column.
    fn column_extremes(&self, better: impl Fn(T, T) -> bool + Copy) -> [(usize, T); C] {
        // R >= 1 is asserted at compile time by every caller.
        core::array::from_fn(|j| {
            first_extreme(
                self.0[0][j],
                self.0.iter().skip(1).map(|row| row[j]),
                better,
            )
        })
    }

    /// The extreme of each row: `(column index, value)` per row.
    fn row_extremes(&self, better: impl Fn(T, T) -> bool + Copy) -> [(usize, T); R] {
        // C >= 1 is asserted at compile time by every caller.
        self.0
            .map(|row| first_extreme(row[0], row.iter().skip(1).copied(), better))
    }

    /// The smallest element, NumPy's `np.min(a)` (`np.amin`).
    ///
    /// It is the element at [`argmin`](Matrix::argmin): of equal minima the first in
    /// row-major order, so `min` of `[0.0, -0.0]` is `0.0` (NumPy's vectorised loop may
    /// return either zero).
    ///
    /// # NaN
    /// NaN if any element is NaN (NumPy propagates NaN; `np.nanmin` skips it).
    ///
    /// # Panics
    /// Never. An empty matrix (`R == 0` or `C == 0`) is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// assert_eq!(vector![3, 1, 4, 1, 5].min(), 1); // np.min(arr)
    /// assert!(matrix![1.0, f64::NAN, -2.0].min().is_nan());
    /// ```
    #[must_use]
    pub fn min(&self) -> T {
        const {
            assert!(
                R > 0 && C > 0,
                "min of an empty matrix: R and C must be at least 1"
            )
        };
        self.flat_extreme(less).1
    }

    /// The largest element, NumPy's `np.max(a)` (`np.amax`).
    ///
    /// It is the element at [`argmax`](Matrix::argmax): of equal maxima the first in
    /// row-major order.
    ///
    /// # NaN
    /// NaN if any element is NaN (NumPy propagates NaN; `np.nanmax` skips it).
    ///
    /// # Panics
    /// Never. An empty matrix (`R == 0` or `C == 0`) is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// assert_eq!(vector![3, 1, 4, 1, 5, 9, 2, 6].max(), 9); // np.max(arr)
    /// assert_eq!(matrix![1.0, f64::INFINITY; -2.0, 0.5].max(), f64::INFINITY);
    /// ```
    #[must_use]
    pub fn max(&self) -> T {
        const {
            assert!(
                R > 0 && C > 0,
                "max of an empty matrix: R and C must be at least 1"
            )
        };
        self.flat_extreme(greater).1
    }

    /// The flat row-major index of the smallest element, NumPy's `np.argmin(a)`: the first
    /// occurrence when the minimum repeats. `(k / C, k % C)` is its `(row, column)`, NumPy's
    /// `np.unravel_index(k, a.shape)`.
    ///
    /// # NaN
    /// The index of the first NaN, if there is one (as NumPy).
    ///
    /// # Panics
    /// Never. An empty matrix (`R == 0` or `C == 0`) is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// assert_eq!(vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3].argmin(), 1); // np.argmin(arr)
    /// assert_eq!(matrix![4.0, 2.0; 1.0, 3.0].argmin(), 2);
    /// assert_eq!(matrix![4.0, f64::NAN, 1.0, f64::NAN].argmin(), 1);
    /// ```
    #[must_use]
    pub fn argmin(&self) -> usize {
        const {
            assert!(
                R > 0 && C > 0,
                "argmin of an empty matrix: R and C must be at least 1"
            )
        };
        self.flat_extreme(less).0
    }

    /// The flat row-major index of the largest element, NumPy's `np.argmax(a)`: the first
    /// occurrence when the maximum repeats.
    ///
    /// # NaN
    /// The index of the first NaN, if there is one (as NumPy).
    ///
    /// # Panics
    /// Never. An empty matrix (`R == 0` or `C == 0`) is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// assert_eq!(vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3].argmax(), 5); // np.argmax(arr)
    /// assert_eq!(matrix![4, 9; 9, 3].argmax(), 1);
    /// ```
    #[must_use]
    pub fn argmax(&self) -> usize {
        const {
            assert!(
                R > 0 && C > 0,
                "argmax of an empty matrix: R and C must be at least 1"
            )
        };
        self.flat_extreme(greater).0
    }

    /// The smallest element of each column, NumPy's `np.min(a, axis=0)`.
    ///
    /// # NaN
    /// NaN for a column holding a NaN.
    ///
    /// # Panics
    /// Never. `R == 0` is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![4, 1, 6;
    ///                 2, 5, 3];
    /// assert_eq!(a.min_axis0(), matrix![2, 1, 3]); // np.min(a, axis=0)
    /// ```
    #[must_use]
    pub fn min_axis0(&self) -> Matrix<T, 1, C> {
        const {
            assert!(
                R > 0,
                "min_axis0 of a matrix with no rows: R must be at least 1"
            )
        };
        Matrix([self.column_extremes(less).map(|(_, x)| x)])
    }

    /// The smallest element of each row, NumPy's `np.min(a, axis=1)`.
    ///
    /// # NaN
    /// NaN for a row holding a NaN.
    ///
    /// # Panics
    /// Never. `C == 0` is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![4, 1, 6;
    ///                 2, 5, 3];
    /// assert_eq!(a.min_axis1(), vector![1, 2]); // np.min(a, axis=1)
    /// ```
    #[must_use]
    pub fn min_axis1(&self) -> Matrix<T, R, 1> {
        const {
            assert!(
                C > 0,
                "min_axis1 of a matrix with no columns: C must be at least 1"
            )
        };
        Matrix(self.row_extremes(less).map(|(_, x)| [x]))
    }

    /// The largest element of each column, NumPy's `np.max(a, axis=0)`.
    ///
    /// # NaN
    /// NaN for a column holding a NaN.
    ///
    /// # Panics
    /// Never. `R == 0` is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![4, 1, 6;
    ///                 2, 5, 3];
    /// assert_eq!(a.max_axis0(), matrix![4, 5, 6]); // np.max(a, axis=0)
    /// ```
    #[must_use]
    pub fn max_axis0(&self) -> Matrix<T, 1, C> {
        const {
            assert!(
                R > 0,
                "max_axis0 of a matrix with no rows: R must be at least 1"
            )
        };
        Matrix([self.column_extremes(greater).map(|(_, x)| x)])
    }

    /// The largest element of each row, NumPy's `np.max(a, axis=1)`.
    ///
    /// # NaN
    /// NaN for a row holding a NaN.
    ///
    /// # Panics
    /// Never. `C == 0` is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![4, 1, 6;
    ///                 2, 5, 3];
    /// assert_eq!(a.max_axis1(), vector![6, 5]); // np.max(a, axis=1)
    /// ```
    #[must_use]
    pub fn max_axis1(&self) -> Matrix<T, R, 1> {
        const {
            assert!(
                C > 0,
                "max_axis1 of a matrix with no columns: C must be at least 1"
            )
        };
        Matrix(self.row_extremes(greater).map(|(_, x)| [x]))
    }

    /// The row index of the smallest element of each column, NumPy's
    /// `np.argmin(a, axis=0)`: the first occurrence when the minimum repeats.
    ///
    /// # NaN
    /// The row of the column's first NaN, if it has one.
    ///
    /// # Panics
    /// Never. `R == 0` is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![4, 1, 3;
    ///                 2, 5, 3];
    /// assert_eq!(a.argmin_axis0(), matrix![1, 0, 0]); // np.argmin(a, axis=0)
    /// ```
    #[must_use]
    pub fn argmin_axis0(&self) -> Matrix<usize, 1, C> {
        const {
            assert!(
                R > 0,
                "argmin_axis0 of a matrix with no rows: R must be at least 1"
            )
        };
        Matrix([self.column_extremes(less).map(|(i, _)| i)])
    }

    /// The column index of the smallest element of each row, NumPy's
    /// `np.argmin(a, axis=1)`: the first occurrence when the minimum repeats.
    ///
    /// # NaN
    /// The column of the row's first NaN, if it has one.
    ///
    /// # Panics
    /// Never. `C == 0` is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![4, 1, 1;
    ///                 2, 5, 3];
    /// assert_eq!(a.argmin_axis1(), vector![1, 0]); // np.argmin(a, axis=1)
    /// ```
    #[must_use]
    pub fn argmin_axis1(&self) -> Matrix<usize, R, 1> {
        const {
            assert!(
                C > 0,
                "argmin_axis1 of a matrix with no columns: C must be at least 1"
            )
        };
        Matrix(self.row_extremes(less).map(|(j, _)| [j]))
    }

    /// The row index of the largest element of each column, NumPy's
    /// `np.argmax(a, axis=0)`: the first occurrence when the maximum repeats.
    ///
    /// # NaN
    /// The row of the column's first NaN, if it has one.
    ///
    /// # Panics
    /// Never. `R == 0` is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![4, 1, 3;
    ///                 2, 5, 3];
    /// assert_eq!(a.argmax_axis0(), matrix![0, 1, 0]); // np.argmax(a, axis=0)
    /// ```
    #[must_use]
    pub fn argmax_axis0(&self) -> Matrix<usize, 1, C> {
        const {
            assert!(
                R > 0,
                "argmax_axis0 of a matrix with no rows: R must be at least 1"
            )
        };
        Matrix([self.column_extremes(greater).map(|(i, _)| i)])
    }

    /// The column index of the largest element of each row, NumPy's
    /// `np.argmax(a, axis=1)`: the first occurrence when the maximum repeats.
    ///
    /// # NaN
    /// The column of the row's first NaN, if it has one.
    ///
    /// # Panics
    /// Never. `C == 0` is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![4, 6, 6;
    ///                 2, 5, 3];
    /// assert_eq!(a.argmax_axis1(), vector![1, 1]); // np.argmax(a, axis=1)
    /// ```
    #[must_use]
    pub fn argmax_axis1(&self) -> Matrix<usize, R, 1> {
        const {
            assert!(
                C > 0,
                "argmax_axis1 of a matrix with no columns: C must be at least 1"
            )
        };
        Matrix(self.row_extremes(greater).map(|(j, _)| [j]))
    }
}
