//! Element, row and column access; iterators; flat views; `map`, `zip_map` and `cast`.

use core::ops::{Index, IndexMut};

use num_traits::AsPrimitive;

use crate::error::Error;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

impl<T, const R: usize, const C: usize> Index<(usize, usize)> for Matrix<T, R, C> {
    type Output = T;

    /// `m[(i, j)]`: the element in row `i`, column `j` (NumPy `m[i, j]`).
    ///
    /// # Panics
    /// If `i >= R` or `j >= C`. [`Matrix::get`] is the non-panicking form.
    #[inline]
    fn index(&self, (i, j): (usize, usize)) -> &T {
        &self.0[i][j]
    }
}

impl<T, const R: usize, const C: usize> IndexMut<(usize, usize)> for Matrix<T, R, C> {
    /// `m[(i, j)] = x`.
    ///
    /// # Panics
    /// If `i >= R` or `j >= C`. [`Matrix::get_mut`] is the non-panicking form.
    #[inline]
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut T {
        &mut self.0[i][j]
    }
}

impl<T, const R: usize, const C: usize> Index<usize> for Matrix<T, R, C> {
    type Output = T;

    /// `m[k]`: the `k`-th element in row-major order (NumPy `m.flat[k]`); for a vector,
    /// its `k`-th element (NumPy `v[k]`).
    ///
    /// # Panics
    /// If `k >= R * C`.
    #[inline]
    fn index(&self, k: usize) -> &T {
        &self.as_slice()[k]
    }
}

impl<T, const R: usize, const C: usize> IndexMut<usize> for Matrix<T, R, C> {
    /// `m[k] = x`, row-major flat index.
    ///
    /// # Panics
    /// If `k >= R * C`.
    #[inline]
    fn index_mut(&mut self, k: usize) -> &mut T {
        &mut self.as_mut_slice()[k]
    }
}

/// Returns `Ok(index)` when `index < len`, the typed error otherwise.
fn check_index(axis: usize, index: usize, len: usize) -> Result<usize, Error> {
    if index < len {
        Ok(index)
    } else {
        Err(Error::IndexOutOfBounds { axis, index, len })
    }
}

impl<T, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The element at row `i`, column `j`, or `None` when out of bounds (as `slice::get`).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(m.get(1, 0), Some(&3));
    /// assert_eq!(m.get(2, 0), None);
    /// ```
    #[inline]
    #[must_use]
    pub fn get(&self, i: usize, j: usize) -> Option<&T> {
        self.0.get(i)?.get(j)
    }

    /// A mutable reference to the element at `(i, j)`, or `None` when out of bounds.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::new([[1, 2], [3, 4]]);
    /// if let Some(x) = m.get_mut(0, 1) {
    ///     *x = 20;
    /// }
    /// assert_eq!(m, Matrix::new([[1, 20], [3, 4]]));
    /// ```
    #[inline]
    pub fn get_mut(&mut self, i: usize, j: usize) -> Option<&mut T> {
        self.0.get_mut(i)?.get_mut(j)
    }

    /// The elements as one flat slice in row-major order (NumPy `m.ravel()` as a view).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// assert_eq!(Matrix::new([[1, 2], [3, 4]]).as_slice(), &[1, 2, 3, 4]);
    /// ```
    #[inline]
    #[must_use]
    pub fn as_slice(&self) -> &[T] {
        self.0.as_flattened()
    }

    /// The elements as one mutable flat slice in row-major order.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::new([[1, 2], [3, 4]]);
    /// m.as_mut_slice()[3] = 40;
    /// assert_eq!(m[(1, 1)], 40);
    /// ```
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        self.0.as_flattened_mut()
    }

    /// The rows array, borrowed.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// assert_eq!(Matrix::new([[1, 2], [3, 4]]).as_array()[1], [3, 4]);
    /// ```
    #[inline]
    #[must_use]
    pub fn as_array(&self) -> &[[T; C]; R] {
        &self.0
    }

    /// The rows array, mutably borrowed.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::new([[1, 2], [3, 4]]);
    /// m.as_mut_array()[0] = [5, 6];
    /// assert_eq!(m, Matrix::new([[5, 6], [3, 4]]));
    /// ```
    #[inline]
    pub fn as_mut_array(&mut self) -> &mut [[T; C]; R] {
        &mut self.0
    }

    /// An iterator over the elements in row-major order (NumPy `m.flat`).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let total: i32 = Matrix::new([[1, 2], [3, 4]]).iter().sum();
    /// assert_eq!(total, 10);
    /// ```
    #[inline]
    pub fn iter(&self) -> core::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// A mutable iterator over the elements in row-major order.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::new([[1, 2], [3, 4]]);
    /// m.iter_mut().for_each(|x| *x *= 10);
    /// assert_eq!(m, Matrix::new([[10, 20], [30, 40]]));
    /// ```
    #[inline]
    pub fn iter_mut(&mut self) -> core::slice::IterMut<'_, T> {
        self.as_mut_slice().iter_mut()
    }

    /// Applies `f` to every element, NumPy's vectorised `f(m)`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[-2.0, 1.0]]);
    /// assert_eq!(m.map(|x: f64| x.max(0.0)), Matrix::new([[0.0, 1.0]])); // np.maximum(0, m)
    /// ```
    #[inline]
    #[must_use]
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Matrix<U, R, C> {
        Matrix(self.0.map(|row| row.map(&mut f)))
    }
}

impl<T: Copy, const R: usize, const C: usize> Matrix<T, R, C> {
    /// Combines two matrices of the same shape element by element with `f`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1, 5]]);
    /// let b = Matrix::new([[4, 2]]);
    /// assert_eq!(a.zip_map(b, |x, y| x.max(y)), Matrix::new([[4, 5]])); // np.maximum(a, b)
    /// ```
    #[inline]
    #[must_use]
    pub fn zip_map<U: Copy, V>(
        self,
        other: Matrix<U, R, C>,
        mut f: impl FnMut(T, U) -> V,
    ) -> Matrix<V, R, C> {
        Matrix::from_fn(|i, j| f(self.0[i][j], other.0[i][j]))
    }
}

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// Row `i` as a row vector (NumPy `m[i, :]`, kept 2-D as `m[i:i+1, :]`).
    ///
    /// # Panics
    /// If `i >= R`; [`try_row`](Matrix::try_row) returns an error instead.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(m.row(1), Matrix::new([[3, 4]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn row(&self, i: usize) -> Matrix<T, 1, C> {
        Matrix([self.0[i]])
    }

    /// Row `i` as a row vector, or [`Error::IndexOutOfBounds`].
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] if `i >= R`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(m.try_row(0), Ok(Matrix::new([[1, 2]])));
    /// assert!(m.try_row(2).is_err());
    /// ```
    #[inline]
    pub fn try_row(&self, i: usize) -> Result<Matrix<T, 1, C>, Error> {
        check_index(0, i, R).map(|i| self.row(i))
    }

    /// Column `j` as a column vector (NumPy `m[:, j]`).
    ///
    /// # Panics
    /// If `j >= C`; [`try_col`](Matrix::try_col) returns an error instead.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(m.col(1), Matrix::new([[2], [4]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn col(&self, j: usize) -> Matrix<T, R, 1> {
        assert!(j < C, "column index {j} is out of bounds for {C} columns");
        Matrix(self.0.map(|row| [row[j]]))
    }

    /// Column `j` as a column vector, or [`Error::IndexOutOfBounds`].
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] if `j >= C`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(m.try_col(0), Ok(Matrix::new([[1], [3]])));
    /// assert!(m.try_col(2).is_err());
    /// ```
    #[inline]
    pub fn try_col(&self, j: usize) -> Result<Matrix<T, R, 1>, Error> {
        check_index(1, j, C).map(|j| self.col(j))
    }

    /// Replaces row `i` (NumPy `m[i, :] = row`).
    ///
    /// # Panics
    /// If `i >= R`; [`try_set_row`](Matrix::try_set_row) returns an error instead.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::<i32, 2, 2>::zeros();
    /// m.set_row(0, &Matrix::new([[1, 2]]));
    /// assert_eq!(m, Matrix::new([[1, 2], [0, 0]]));
    /// ```
    #[inline]
    pub fn set_row(&mut self, i: usize, row: &Matrix<T, 1, C>) {
        self.0[i] = row.0[0];
    }

    /// Replaces row `i`, or reports [`Error::IndexOutOfBounds`] and leaves `self` unchanged.
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] if `i >= R`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::<i32, 2, 2>::zeros();
    /// assert!(m.try_set_row(3, &Matrix::new([[1, 2]])).is_err());
    /// ```
    #[inline]
    pub fn try_set_row(&mut self, i: usize, row: &Matrix<T, 1, C>) -> Result<(), Error> {
        check_index(0, i, R).map(|i| self.set_row(i, row))
    }

    /// Replaces column `j` (NumPy `m[:, j] = col`).
    ///
    /// # Panics
    /// If `j >= C`; [`try_set_col`](Matrix::try_set_col) returns an error instead.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::<i32, 2, 2>::zeros();
    /// m.set_col(1, &Matrix::new([[1], [2]]));
    /// assert_eq!(m, Matrix::new([[0, 1], [0, 2]]));
    /// ```
    #[inline]
    pub fn set_col(&mut self, j: usize, col: &Matrix<T, R, 1>) {
        assert!(j < C, "column index {j} is out of bounds for {C} columns");
        for (row, value) in self.0.iter_mut().zip(col.0.iter()) {
            row[j] = value[0];
        }
    }

    /// Replaces column `j`, or reports [`Error::IndexOutOfBounds`] and leaves `self`
    /// unchanged.
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] if `j >= C`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::<i32, 2, 2>::zeros();
    /// assert!(m.try_set_col(2, &Matrix::new([[1], [2]])).is_err());
    /// ```
    #[inline]
    pub fn try_set_col(&mut self, j: usize, col: &Matrix<T, R, 1>) -> Result<(), Error> {
        check_index(1, j, C).map(|j| self.set_col(j, col))
    }

    /// An iterator over the rows, each as a row vector.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// let sums: Vec<i32> = m.rows().map(|r| r.iter().sum()).collect();
    /// assert_eq!(sums, [3, 7]);
    /// ```
    #[inline]
    #[must_use]
    pub fn rows(&self) -> impl ExactSizeIterator<Item = Matrix<T, 1, C>> + '_ {
        self.0.iter().map(|row| Matrix([*row]))
    }

    /// An iterator over the columns, each as a column vector.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// let sums: Vec<i32> = m.cols().map(|c| c.iter().sum()).collect();
    /// assert_eq!(sums, [4, 6]);
    /// ```
    #[inline]
    #[must_use]
    pub fn cols(&self) -> impl ExactSizeIterator<Item = Matrix<T, R, 1>> + '_ {
        (0..C).map(|j| self.col(j))
    }

    /// Converts every element with Rust's `as` (NumPy `m.astype(U)`): integers widen
    /// exactly or wrap when narrowing, `i32 -> f64` is exact, float to integer truncates
    /// toward zero and saturates, NaN becomes 0.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let scores = Matrix::new([[85, 90], [73, 88]]);
    /// let as_float: Matrix<f64, 2, 2> = scores.cast();
    /// assert_eq!(as_float.iter().sum::<f64>() / 4.0, 84.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn cast<U: Scalar>(&self) -> Matrix<U, R, C>
    where
        T: AsPrimitive<U>,
    {
        self.map(|x| x.as_())
    }
}
