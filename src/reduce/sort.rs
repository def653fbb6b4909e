//! `sort` and stable `argsort`: flat (the whole matrix in row-major order), per row
//! (`_axis1`) and per column (`_axis0`), plus descending flat forms.
//!
//! Which is which, against NumPy:
//!
//! | here | NumPy |
//! | --- | --- |
//! | `a.sort()` | `np.sort(a, axis=None).reshape(a.shape)`; `np.sort(v)` for a vector |
//! | `a.sort_axis1()` | `np.sort(a)` = `np.sort(a, axis=1)`: each row sorted (NumPy's default, the last axis) |
//! | `a.sort_axis0()` | `np.sort(a, axis=0)`: each column sorted |
//! | `a.argsort()` | `np.argsort(a, axis=None, kind='stable').reshape(a.shape)` |
//! | `a.argsort_axis1()` | `np.argsort(a, axis=1, kind='stable')` |
//! | `a.argsort_axis0()` | `np.argsort(a, axis=0, kind='stable')` |
//! | `a.argsort_descending()` | `np.argsort(-a, axis=None, kind='stable').reshape(a.shape)` |
//!
//! A [`Vector<T, N>`](crate::Vector) is an `N x 1` column, whose last axis has length 1:
//! NumPy users of 1-D arrays want the flat forms, `sort()` and `argsort()`.
//!
//! Every sort here is stable: equal elements keep their row-major order. NumPy's default
//! `kind='quicksort'` is not, and which of several equal elements comes first then depends
//! on NumPy's build (its x86 SIMD sorts): for the seed's `[3, 1, 4, 1, 5, 9, 2, 6, 5, 3]`,
//! NumPy 2.4 on x86-64 prints `np.argsort(arr)` as `[1 3 6 0 9 2 8 4 7 5]` and
//! `np.argsort(arr, kind='stable')` as `[1 3 6 0 9 2 4 8 7 5]` (the two 5s at indices 4 and
//! 8 swapped). The stable order is the one answer every platform agrees on; it is the one
//! here.
//!
//! The order is NumPy's: NaN after every other value (`inf` included), `-0.0` and `0.0`
//! equal (so they keep their order). No heap: the index permutation lives in a
//! `Matrix<usize, R, C>` (or an array of one row or column) on the stack, sorted with
//! `core`'s `sort_unstable_by` under a total order made strict by the index, which makes it
//! stable.

use core::cmp::Ordering;

use crate::matrix::Matrix;
use crate::reduce::order::{ascending, descending};
use crate::scalar::Scalar;

/// Sorts `indices` (each `< values.len()`) by their values under `order`, ties by index:
/// a strict total order, so the unstable sort gives the stable permutation.
fn sort_indices<T: Scalar>(
    indices: &mut [usize],
    value: impl Fn(usize) -> T,
    order: fn(&T, &T) -> Ordering,
) {
    indices.sort_unstable_by(|&p, &q| order(&value(p), &value(q)).then(p.cmp(&q)));
}

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The flat permutation under `order`, in row-major positions.
    fn flat_permutation(&self, order: fn(&T, &T) -> Ordering) -> Matrix<usize, R, C> {
        let mut indices = Matrix::<usize, R, C>::from_fn(|i, j| i * C + j);
        let flat = self.as_slice();
        sort_indices(indices.as_mut_slice(), |k| flat[k], order);
        indices
    }

    /// The elements at the given flat indices, in their positions.
    fn gather_flat(&self, indices: &Matrix<usize, R, C>) -> Self {
        let flat = self.as_slice();
        indices.map(|k| flat[k])
    }

    /// All elements sorted ascending, laid out in row-major order in the matrix's shape:
    /// `np.sort(a, axis=None).reshape(a.shape)`, for a vector `np.sort(v)`.
    ///
    /// NumPy's `np.sort(a)` of a 2-D array sorts each row instead: that is
    /// [`sort_axis1`](Matrix::sort_axis1). Stable (equal elements keep their order, which
    /// shows for `-0.0` and `0.0`), as `np.sort(a, kind='stable')`.
    ///
    /// # NaN
    /// NaNs sort to the end, after `inf`, as NumPy.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    /// assert_eq!(arr.sort(), vector![1, 1, 2, 3, 3, 4, 5, 5, 6, 9]); // np.sort(arr)
    ///
    /// let a = matrix![3.0, f64::NAN, -1.0;
    ///                 f64::INFINITY, 0.5, 2.0];
    /// let sorted = a.sort();
    /// assert_eq!(sorted.as_slice()[..5], [-1.0, 0.5, 2.0, 3.0, f64::INFINITY]);
    /// assert!(sorted[(1, 2)].is_nan());
    /// ```
    #[must_use]
    pub fn sort(&self) -> Self {
        self.gather_flat(&self.argsort())
    }

    /// All elements sorted descending, NaNs last, in row-major order in the matrix's shape;
    /// the elements at [`argsort_descending`](Matrix::argsort_descending).
    ///
    /// For floats, NumPy's `-np.sort(-a, axis=None)`; not `np.sort(a)[::-1]`, which puts the
    /// NaNs first.
    ///
    /// # NaN
    /// NaNs sort to the end.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    ///
    /// let scores = vector![85, 92, 78, 92];
    /// assert_eq!(scores.sort_descending(), vector![92, 92, 85, 78]);
    /// ```
    #[must_use]
    pub fn sort_descending(&self) -> Self {
        self.gather_flat(&self.argsort_descending())
    }

    /// Each row sorted ascending, NumPy's `np.sort(a, axis=1)`, which is NumPy's default
    /// `np.sort(a)` for a 2-D array (the last axis). Stable.
    ///
    /// # NaN
    /// NaNs sort to the end of their row.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![3, 1, 2;
    ///                 9, 7, 8];
    /// assert_eq!(a.sort_axis1(), matrix![1, 2, 3; 7, 8, 9]); // np.sort(a)
    /// ```
    #[must_use]
    pub fn sort_axis1(&self) -> Self {
        Matrix(self.0.map(|row| {
            let mut indices: [usize; C] = core::array::from_fn(|j| j);
            sort_indices(&mut indices, |j| row[j], ascending);
            indices.map(|j| row[j])
        }))
    }

    /// Each column sorted ascending, NumPy's `np.sort(a, axis=0)`. Stable.
    ///
    /// # NaN
    /// NaNs sort to the bottom of their column.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![3, 1;
    ///                 2, 9;
    ///                 1, 5];
    /// assert_eq!(a.sort_axis0(), matrix![1, 1; 2, 5; 3, 9]); // np.sort(a, axis=0)
    /// ```
    #[must_use]
    pub fn sort_axis0(&self) -> Self {
        let order = self.argsort_axis0();
        Matrix::from_fn(|k, j| self.0[order.0[k][j]][j])
    }

    /// The flat row-major indices that sort the matrix ascending, stable, laid out in the
    /// matrix's shape: `np.argsort(a, axis=None, kind='stable').reshape(a.shape)`; for a
    /// vector, `np.argsort(v, kind='stable')`.
    ///
    /// Equal elements keep their order, so the answer is unique. NumPy's default
    /// `np.argsort(v)` (`kind='quicksort'`) is not stable, and its order of ties depends on
    /// the build: for the seed's array below, NumPy 2.4 on x86-64 prints `np.argsort(arr)`
    /// as `[1 3 6 0 9 2 8 4 7 5]`, the two 5s (indices 4 and 8) swapped against the stable
    /// `[1 3 6 0 9 2 4 8 7 5]`. `a.argsort().map(|k| a[k])` is [`sort`](Matrix::sort).
    ///
    /// # NaN
    /// The NaNs' indices come last, in increasing order.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    /// // np.argsort(arr, kind='stable')
    /// assert_eq!(arr.argsort(), vector![1, 3, 6, 0, 9, 2, 4, 8, 7, 5]);
    ///
    /// let a = matrix![2.0, 0.5;
    ///                 f64::NAN, -1.0];
    /// assert_eq!(a.argsort(), matrix![3, 1; 0, 2]);
    /// ```
    #[must_use]
    pub fn argsort(&self) -> Matrix<usize, R, C> {
        self.flat_permutation(ascending)
    }

    /// The flat row-major indices that sort the matrix descending, stable, NaNs last, in
    /// the matrix's shape.
    ///
    /// For floats this is NumPy's `np.argsort(-a, axis=None, kind='stable')`: equal
    /// elements keep their order. The seed's `np.argsort(scores)[::-1]` is different
    /// whenever there are ties or NaNs: reversing an ascending argsort lists equal elements
    /// last-first and puts the NaNs first. Without ties and NaNs the two agree.
    ///
    /// # NaN
    /// The NaNs' indices come last, in increasing order.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    ///
    /// let scores = vector![85, 92, 78, 92];
    /// assert_eq!(scores.argsort_descending(), vector![1, 3, 0, 2]);
    /// // np.argsort(scores)[::-1] would be [3, 1, 0, 2]: the tied 92s reversed.
    /// ```
    #[must_use]
    pub fn argsort_descending(&self) -> Matrix<usize, R, C> {
        self.flat_permutation(descending)
    }

    /// For each row, the column indices that sort it ascending, stable:
    /// `np.argsort(a, axis=1, kind='stable')` (the last axis, NumPy's default).
    ///
    /// # NaN
    /// A row's NaNs come last.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![3, 1, 2;
    ///                 7, 9, 7];
    /// assert_eq!(a.argsort_axis1(), matrix![1, 2, 0; 0, 2, 1]);
    /// ```
    #[must_use]
    pub fn argsort_axis1(&self) -> Matrix<usize, R, C> {
        Matrix(self.0.map(|row| {
            let mut indices: [usize; C] = core::array::from_fn(|j| j);
            sort_indices(&mut indices, |j| row[j], ascending);
            indices
        }))
    }

    /// For each column, the row indices that sort it ascending, stable:
    /// `np.argsort(a, axis=0, kind='stable')`.
    ///
    /// # NaN
    /// A column's NaNs come last.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![3, 1;
    ///                 2, 9;
    ///                 2, 5];
    /// assert_eq!(a.argsort_axis0(), matrix![1, 0; 2, 2; 0, 1]);
    /// ```
    #[must_use]
    pub fn argsort_axis0(&self) -> Matrix<usize, R, C> {
        let mut out = Matrix::<usize, R, C>::zeros();
        for j in 0..C {
            let mut indices: [usize; R] = core::array::from_fn(|i| i);
            sort_indices(&mut indices, |i| self.0[i][j], ascending);
            for (row, &i) in out.0.iter_mut().zip(&indices) {
                row[j] = i;
            }
        }
        out
    }
}
