//! The matrix product of [`DMatrix`]: the crate's product kernel over slices, so that a
//! dynamic product equals the static product of the same shape bit for bit.

use core::ops::Mul;

use super::DMatrix;
use crate::error::Error;
use crate::kernel;
use crate::scalar::Scalar;

impl<T: Scalar> DMatrix<T> {
    /// The matrix product `self @ other`, NumPy's `a @ b`.
    ///
    /// The summation order and the kernels are those of the static product
    /// ([`Matrix::matmul`](crate::Matrix::matmul)): for `f32`/`f64` products of at least 512
    /// multiply-adds and 4 columns on a CPU with AVX2+FMA, AVX-512 or NEON, the fused
    /// multiply-add tiles; otherwise the textbook order.
    ///
    /// # Panics
    /// If `self.cols() != other.rows()`, with NumPy's message ("matmul: shapes (2,3) and
    /// (4,5) not aligned: 3 (dim 1) != 4 (dim 0)"); [`try_matmul`](Self::try_matmul) returns
    /// the error.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_vec(2, 2, vec![1, 2, 3, 4])?;
    /// let b = DMatrix::from_vec(2, 2, vec![5, 6, 7, 8])?;
    /// // NumPy: a @ b -> [[19, 22], [43, 50]]
    /// assert_eq!(a.matmul(&b).as_slice(), &[19, 22, 43, 50]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn matmul(&self, other: &Self) -> Self {
        self.try_matmul(other).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The matrix product `self @ other`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "matmul"`) if `self.cols() != other.rows()`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error};
    /// let a = DMatrix::<f64>::ones(2, 3);
    /// assert_eq!(a.try_matmul(&a.transpose())?.as_slice(), &[3.0; 4]);
    /// assert_eq!(
    ///     a.try_matmul(&a),
    ///     Err(Error::ShapeMismatch { op: "matmul", left: (2, 3), right: (2, 3) })
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    pub fn try_matmul(&self, other: &Self) -> Result<Self, Error> {
        let ((m, k), (k2, n)) = (self.shape(), other.shape());
        if k != k2 {
            return Err(Error::ShapeMismatch {
                op: "matmul",
                left: (m, k),
                right: (k2, n),
            });
        }
        let mut out = Self::zeros(m, n);
        kernel::matmul_slices(
            (m, k, n),
            self.as_slice(),
            other.as_slice(),
            out.as_mut_slice(),
        );
        Ok(out)
    }
}

impl<T: Scalar> Mul for &DMatrix<T> {
    type Output = DMatrix<T>;

    /// The matrix product `a @ b` ([`DMatrix::matmul`]).
    ///
    /// # Panics
    /// If the inner dimensions differ, with NumPy's message; [`DMatrix::try_matmul`] returns
    /// the error.
    fn mul(self, other: Self) -> DMatrix<T> {
        self.matmul(other)
    }
}
