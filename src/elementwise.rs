//! Named elementwise operations and NumPy-style broadcasting of a row or column vector.
//!
//! Rust's operator traits cannot express NumPy's broadcasting (`X @ W + b` with `b` of shape
//! `(C,)`), because an `Add<RowVector>` impl would overlap the elementwise `Add<Matrix>` when
//! `R == 1`. Broadcasting is therefore a family of named methods, each with its shape in
//! the signature.

use crate::matrix::Matrix;
use crate::scalar::Scalar;

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The elementwise (Hadamard) product, NumPy's `a * b`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1, 2], [3, 4]]);
    /// let b = Matrix::new([[5, 6], [7, 8]]);
    /// assert_eq!(a.hadamard(&b), Matrix::new([[5, 12], [21, 32]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn hadamard(&self, other: &Self) -> Self {
        self.zip_map(*other, |a, b| a * b)
    }

    /// The elementwise quotient, NumPy's `a / b` for floats (`a // b` for integers, which
    /// Rust truncates toward zero where NumPy floors).
    ///
    /// Floats follow IEEE rules (`1.0 / 0.0` is `inf`).
    ///
    /// # Panics
    /// For integer `T`, if an element of `other` is zero, as Rust's `/` does.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1.0, 6.0]]);
    /// let b = Matrix::new([[4.0, 3.0]]);
    /// assert_eq!(a.div_elementwise(&b), Matrix::new([[0.25, 2.0]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn div_elementwise(&self, other: &Self) -> Self {
        self.zip_map(*other, |a, b| a / b)
    }

    /// Combines every row of `self` with the row vector `row` through `f(element,
    /// row_element)`, NumPy's broadcasting of a `(C,)` array over an `(R, C)` one.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// let r = Matrix::new([[10, 20]]);
    /// assert_eq!(m.broadcast_row_map(&r, |x, b| x.max(b - 17)), Matrix::new([[1, 3], [3, 4]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn broadcast_row_map(&self, row: &Matrix<T, 1, C>, mut f: impl FnMut(T, T) -> T) -> Self {
        Matrix::from_fn(|i, j| f(self.0[i][j], row.0[0][j]))
    }

    /// Combines every column of `self` with the column vector `col` through `f(element,
    /// col_element)`, NumPy's broadcasting of an `(R, 1)` array over an `(R, C)` one.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// let c = Matrix::new([[10], [20]]);
    /// assert_eq!(m.broadcast_col_map(&c, |x, b| b - x), Matrix::new([[9, 8], [17, 16]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn broadcast_col_map(&self, col: &Matrix<T, R, 1>, mut f: impl FnMut(T, T) -> T) -> Self {
        Matrix::from_fn(|i, j| f(self.0[i][j], col.0[i][0]))
    }

    /// Adds the row vector `row` to every row, NumPy's `X + b` with `b.shape == (C,)`: the
    /// bias of a linear layer, `X @ W + b`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let x = Matrix::new([[1.0, 2.0], [3.0, 4.0]]);
    /// let w = Matrix::new([[1.0, 0.0], [0.0, 1.0]]);
    /// let b = Matrix::new([[0.5, -0.5]]);
    /// assert_eq!((x * w).add_row_broadcast(&b), Matrix::new([[1.5, 1.5], [3.5, 3.5]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn add_row_broadcast(&self, row: &Matrix<T, 1, C>) -> Self {
        let mut out = *self;
        out.add_row_in_place(row);
        out
    }

    /// [`add_row_broadcast`](Matrix::add_row_broadcast) in place (no copy of the matrix:
    /// the linear layer adds its bias to the product where it lies).
    #[inline]
    pub(crate) fn add_row_in_place(&mut self, row: &Matrix<T, 1, C>) {
        for out_row in self.0.iter_mut() {
            for (x, &b) in out_row.iter_mut().zip(&row.0[0]) {
                *x += b;
            }
        }
    }

    /// Subtracts the row vector `row` from every row, NumPy's `X - b` with
    /// `b.shape == (C,)` (centring: `X - X.mean(axis=0)`).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let x = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(x.sub_row_broadcast(&Matrix::new([[2, 3]])), Matrix::new([[-1, -1], [1, 1]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn sub_row_broadcast(&self, row: &Matrix<T, 1, C>) -> Self {
        self.broadcast_row_map(row, |x, b| x - b)
    }

    /// Multiplies every row elementwise by the row vector `row` (scales column `j` by
    /// `row[j]`), NumPy's `X * s` with `s.shape == (C,)`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let x = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(x.mul_row_broadcast(&Matrix::new([[10, 100]])), Matrix::new([[10, 200], [30, 400]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn mul_row_broadcast(&self, row: &Matrix<T, 1, C>) -> Self {
        self.broadcast_row_map(row, |x, b| x * b)
    }

    /// Divides every row elementwise by the row vector `row`, NumPy's `X / s` with
    /// `s.shape == (C,)` (scaling: `(X - mean) / std`).
    ///
    /// # Panics
    /// For integer `T`, if an element of `row` is zero, as Rust's `/` does.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let x = Matrix::new([[1.0, 2.0], [3.0, 4.0]]);
    /// assert_eq!(x.div_row_broadcast(&Matrix::new([[2.0, 4.0]])), Matrix::new([[0.5, 0.5], [1.5, 1.0]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn div_row_broadcast(&self, row: &Matrix<T, 1, C>) -> Self {
        self.broadcast_row_map(row, |x, b| x / b)
    }

    /// Adds the column vector `col` to every column (row `i` gets `col[i]`), NumPy's
    /// `X + c` with `c.shape == (R, 1)`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let x = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(x.add_col_broadcast(&Matrix::new([[10], [20]])), Matrix::new([[11, 12], [23, 24]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn add_col_broadcast(&self, col: &Matrix<T, R, 1>) -> Self {
        self.broadcast_col_map(col, |x, b| x + b)
    }

    /// Subtracts the column vector `col` from every column, NumPy's `X - c` with
    /// `c.shape == (R, 1)` (the max-subtraction of a stable softmax).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let x = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(x.sub_col_broadcast(&Matrix::new([[2], [4]])), Matrix::new([[-1, 0], [-1, 0]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn sub_col_broadcast(&self, col: &Matrix<T, R, 1>) -> Self {
        self.broadcast_col_map(col, |x, b| x - b)
    }

    /// Multiplies every column elementwise by the column vector `col` (scales row `i` by
    /// `col[i]`), NumPy's `X * c` with `c.shape == (R, 1)`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let x = Matrix::new([[1, 2], [3, 4]]);
    /// assert_eq!(x.mul_col_broadcast(&Matrix::new([[2], [3]])), Matrix::new([[2, 4], [9, 12]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn mul_col_broadcast(&self, col: &Matrix<T, R, 1>) -> Self {
        self.broadcast_col_map(col, |x, b| x * b)
    }

    /// Divides every column elementwise by the column vector `col`, NumPy's `X / c` with
    /// `c.shape == (R, 1)` (normalising rows: `e / e.sum(axis=1, keepdims=True)`).
    ///
    /// # Panics
    /// For integer `T`, if an element of `col` is zero, as Rust's `/` does.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let x = Matrix::new([[1.0, 3.0], [2.0, 2.0]]);
    /// assert_eq!(x.div_col_broadcast(&Matrix::new([[4.0], [4.0]])), Matrix::new([[0.25, 0.75], [0.5, 0.5]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn div_col_broadcast(&self, col: &Matrix<T, R, 1>) -> Self {
        self.broadcast_col_map(col, |x, b| x / b)
    }
}
