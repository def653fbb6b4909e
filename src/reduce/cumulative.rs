//! Cumulative sums and products: `cumsum`, `cumprod`, flat and per axis.
//!
//! NumPy's `np.cumsum(a)` of a 2-D array flattens it to 1-D; a 1-D result has no type
//! here, so the flat forms keep the shape and fill it in row-major order: `a.cumsum()` is
//! `np.cumsum(a).reshape(a.shape)`. For a [`Vector`](crate::Vector) that is exactly
//! NumPy's 1-D `np.cumsum(v)`. All forms accumulate left to right (top to bottom) as NumPy
//! does, so float results are NumPy's bit for bit.

use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// Replaces each element of `values` by the running combination of it and those before.
fn accumulate<T: Scalar>(values: &mut [T], combine: impl Fn(T, T) -> T) {
    let mut iter = values.iter_mut();
    if let Some(first) = iter.next() {
        let mut acc = *first;
        for x in iter {
            acc = combine(acc, *x);
            *x = acc;
        }
    }
}

/// Replaces each row of `rows` by the elementwise running combination of it and the rows
/// above (NumPy's `axis=0` accumulation, top to bottom).
fn accumulate_down<T: Scalar, const C: usize>(rows: &mut [[T; C]], combine: impl Fn(T, T) -> T) {
    let mut above: Option<[T; C]> = None;
    for row in rows.iter_mut() {
        if let Some(above) = above {
            for (x, a) in row.iter_mut().zip(above) {
                *x = combine(a, *x);
            }
        }
        above = Some(*row);
    }
}

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The running sums in row-major order, in the matrix's shape:
    /// `np.cumsum(a).reshape(a.shape)`; for a vector, `np.cumsum(v)`.
    ///
    /// The last element equals [`sum`](Matrix::sum) for integers; for floats it is the
    /// left-to-right sum, not the pairwise one.
    ///
    /// # NaN
    /// From the first NaN on, every running sum is NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer running sum overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    /// assert_eq!(arr.cumsum(), vector![3, 4, 8, 9, 14, 23, 25, 31, 36, 39]); // np.cumsum(arr)
    ///
    /// let a = matrix![1, 2;
    ///                 3, 4];
    /// assert_eq!(a.cumsum(), matrix![1, 3; 6, 10]); // np.cumsum(a).reshape(2, 2)
    /// ```
    #[must_use]
    pub fn cumsum(&self) -> Self {
        let mut out = *self;
        accumulate(out.as_mut_slice(), |acc, x| acc + x);
        out
    }

    /// The running sums down each column, NumPy's `np.cumsum(a, axis=0)`.
    ///
    /// # NaN
    /// Below a NaN, its column's running sums are NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer running sum overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1, 2;
    ///                 3, 4];
    /// assert_eq!(a.cumsum_axis0(), matrix![1, 2; 4, 6]); // np.cumsum(a, axis=0)
    /// ```
    #[must_use]
    pub fn cumsum_axis0(&self) -> Self {
        let mut out = *self;
        accumulate_down(&mut out.0, |acc, x| acc + x);
        out
    }

    /// The running sums along each row, NumPy's `np.cumsum(a, axis=1)`.
    ///
    /// # NaN
    /// Right of a NaN, its row's running sums are NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer running sum overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1, 2;
    ///                 3, 4];
    /// assert_eq!(a.cumsum_axis1(), matrix![1, 3; 3, 7]); // np.cumsum(a, axis=1)
    /// ```
    #[must_use]
    pub fn cumsum_axis1(&self) -> Self {
        let mut out = *self;
        for row in out.0.iter_mut() {
            accumulate(row, |acc, x| acc + x);
        }
        out
    }

    /// The running products in row-major order, in the matrix's shape:
    /// `np.cumprod(a).reshape(a.shape)`; for a vector, `np.cumprod(v)`.
    ///
    /// # NaN
    /// From the first NaN on, every running product is NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer running product overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    ///
    /// let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    /// assert_eq!(
    ///     arr.cumprod(), // np.cumprod(arr)
    ///     vector![3, 3, 12, 12, 60, 540, 1080, 6480, 32400, 97200]
    /// );
    /// ```
    #[must_use]
    pub fn cumprod(&self) -> Self {
        let mut out = *self;
        accumulate(out.as_mut_slice(), |acc, x| acc * x);
        out
    }

    /// The running products down each column, NumPy's `np.cumprod(a, axis=0)`.
    ///
    /// # NaN
    /// Below a NaN, its column's running products are NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer running product overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1, 2;
    ///                 3, 4];
    /// assert_eq!(a.cumprod_axis0(), matrix![1, 2; 3, 8]); // np.cumprod(a, axis=0)
    /// ```
    #[must_use]
    pub fn cumprod_axis0(&self) -> Self {
        let mut out = *self;
        accumulate_down(&mut out.0, |acc, x| acc * x);
        out
    }

    /// The running products along each row, NumPy's `np.cumprod(a, axis=1)`.
    ///
    /// # NaN
    /// Right of a NaN, its row's running products are NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer running product overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1, 2;
    ///                 3, 4];
    /// assert_eq!(a.cumprod_axis1(), matrix![1, 2; 3, 12]); // np.cumprod(a, axis=1)
    /// ```
    #[must_use]
    pub fn cumprod_axis1(&self) -> Self {
        let mut out = *self;
        for row in out.0.iter_mut() {
            accumulate(row, |acc, x| acc * x);
        }
        out
    }
}
