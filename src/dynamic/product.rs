//! The matrix product of [`DMatrix`]: the crate's product kernel over slices, so that a
//! dynamic product equals the static product of the same shape bit for bit.

use core::ops::Mul;

use super::DMatrix;
use crate::error::Error;
use crate::kernel::{self, Operand, Part};
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

    /// The product `selfᵀ @ other` without forming the transpose, NumPy's `a.T @ b`.
    ///
    /// Each element is summed in the order of [`matmul`](Self::matmul), so the result equals
    /// `self.transpose().matmul(other)` bit for bit.
    ///
    /// # Panics
    /// If `self.rows() != other.rows()`; [`try_transpose_matmul`](Self::try_transpose_matmul)
    /// returns the error.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_vec(2, 3, vec![1, 2, 3, 4, 5, 6])?;
    /// let b = DMatrix::from_vec(2, 1, vec![1, -1])?;
    /// // NumPy: a.T @ b -> [[-3], [-3], [-3]]
    /// assert_eq!(a.transpose_matmul(&b).as_slice(), &[-3, -3, -3]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn transpose_matmul(&self, other: &Self) -> Self {
        self.try_transpose_matmul(other)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The product `selfᵀ @ other`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "transpose_matmul"`, the operands' own shapes) if
    /// `self.rows() != other.rows()`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error};
    /// let a = DMatrix::<f64>::ones(2, 3);
    /// assert_eq!(a.try_transpose_matmul(&a)?.shape(), (3, 3));
    /// assert!(matches!(a.try_transpose_matmul(&a.transpose()), Err(Error::ShapeMismatch { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn try_transpose_matmul(&self, other: &Self) -> Result<Self, Error> {
        let ((k, m), (k2, n)) = (self.shape(), other.shape());
        if k != k2 {
            return Err(Error::ShapeMismatch {
                op: "transpose_matmul",
                left: (k, m),
                right: (k2, n),
            });
        }
        let mut out = Self::zeros(m, n);
        kernel::matmul_strided(
            (m, k, n),
            Operand::transposed(self.as_slice(), m),
            Operand::row_major(other.as_slice(), n),
            out.as_mut_slice(),
            Part::Full,
        );
        Ok(out)
    }

    /// The product `self @ otherᵀ` without forming the transpose, NumPy's `a @ b.T`.
    ///
    /// Each element is summed in the order of [`matmul`](Self::matmul), so the result equals
    /// `self.matmul(&other.transpose())` bit for bit.
    ///
    /// # Panics
    /// If `self.cols() != other.cols()`; [`try_matmul_transpose`](Self::try_matmul_transpose)
    /// returns the error.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_vec(2, 2, vec![1, 2, 3, 4])?;
    /// // NumPy: a @ a.T -> [[5, 11], [11, 25]]
    /// assert_eq!(a.matmul_transpose(&a).as_slice(), &[5, 11, 11, 25]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn matmul_transpose(&self, other: &Self) -> Self {
        self.try_matmul_transpose(other)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The product `self @ otherᵀ`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "matmul_transpose"`, the operands' own shapes) if
    /// `self.cols() != other.cols()`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error};
    /// let a = DMatrix::<f64>::ones(2, 3);
    /// assert_eq!(a.try_matmul_transpose(&a)?.shape(), (2, 2));
    /// assert!(a.try_matmul_transpose(&a.transpose()).is_err());
    /// # Ok::<(), Error>(())
    /// ```
    pub fn try_matmul_transpose(&self, other: &Self) -> Result<Self, Error> {
        let ((m, k), (n, k2)) = (self.shape(), other.shape());
        if k != k2 {
            return Err(Error::ShapeMismatch {
                op: "matmul_transpose",
                left: (m, k),
                right: (n, k2),
            });
        }
        let mut out = Self::zeros(m, n);
        kernel::matmul_strided(
            (m, k, n),
            Operand::row_major(self.as_slice(), k),
            Operand::transposed(other.as_slice(), k),
            out.as_mut_slice(),
            Part::Full,
        );
        Ok(out)
    }

    /// The Gram matrix of the columns, `selfᵀ @ self` (`cols x cols`, symmetric), NumPy's
    /// `x.T @ x`: one triangle is computed (as BLAS's `syrk`) and mirrored, which is the full
    /// product bit for bit and half its work.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let x = DMatrix::from_vec(3, 2, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0])?;
    /// // NumPy: x.T @ x -> [[35., 44.], [44., 56.]]
    /// assert_eq!(x.gram().as_slice(), &[35.0, 44.0, 44.0, 56.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn gram(&self) -> Self {
        let (k, n) = self.shape();
        let mut out = Self::zeros(n, n);
        kernel::matmul_strided(
            (n, k, n),
            Operand::transposed(self.as_slice(), n),
            Operand::row_major(self.as_slice(), n),
            out.as_mut_slice(),
            Part::Symmetric,
        );
        out
    }

    /// The Gram matrix of the rows, `self @ selfᵀ` (`rows x rows`, symmetric), NumPy's
    /// `x @ x.T`: one triangle computed and mirrored, as [`gram`](Self::gram).
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let x = DMatrix::from_vec(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0])?;
    /// // NumPy: x @ x.T -> [[14., 32.], [32., 77.]]
    /// assert_eq!(x.gram_of_rows().as_slice(), &[14.0, 32.0, 32.0, 77.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn gram_of_rows(&self) -> Self {
        let (m, k) = self.shape();
        let mut out = Self::zeros(m, m);
        kernel::matmul_strided(
            (m, k, m),
            Operand::row_major(self.as_slice(), k),
            Operand::transposed(self.as_slice(), k),
            out.as_mut_slice(),
            Part::Symmetric,
        );
        out
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
