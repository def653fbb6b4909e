//! The trace of a square matrix.

use crate::matrix::Matrix;
use crate::scalar::Scalar;

impl<T: Scalar, const N: usize> Matrix<T, N, N> {
    /// The sum of the main diagonal, NumPy's `np.trace(a)`, summed from the top left down.
    /// For any element type; only square matrices have it (a compile error otherwise).
    ///
    /// # Panics
    /// Integer sums follow Rust's overflow rules: a panic in debug builds, wrap-around in
    /// release builds (NumPy wraps). Floats never panic.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![1, 2; 3, 4].trace(), 5);
    /// assert_eq!(matrix![4.0, 7.0; 2.0, 6.0].trace(), 10.0);
    /// ```
    #[must_use]
    pub fn trace(&self) -> T {
        self.0
            .iter()
            .enumerate()
            .fold(T::ZERO, |sum, (i, row)| sum + row[i])
    }
}
