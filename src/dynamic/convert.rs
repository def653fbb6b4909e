//! Conversions between [`DMatrix`] and the static [`Matrix`].

use alloc::vec::Vec;

use super::DMatrix;
use crate::error::Error;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

impl<T: Scalar, const R: usize, const C: usize> From<Matrix<T, R, C>> for DMatrix<T> {
    /// The same elements with the shape known at run time.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, DMatrix};
    /// let d = DMatrix::from(matrix![1, 2; 3, 4]);
    /// assert_eq!(d.shape(), (2, 2));
    /// assert_eq!(d.as_slice(), &[1, 2, 3, 4]);
    /// ```
    fn from(m: Matrix<T, R, C>) -> Self {
        let data: Vec<T> = m.as_slice().to_vec();
        match DMatrix::from_vec(R, C, data) {
            Ok(d) => d,
            // `as_slice` holds exactly R * C elements.
            Err(_) => unreachable!("a static matrix holds R * C elements"),
        }
    }
}

impl<T: Scalar, const R: usize, const C: usize> TryFrom<&DMatrix<T>> for Matrix<T, R, C> {
    type Error = Error;

    /// The static matrix holding the same elements, when the shapes agree.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "convert"`, `left` the dynamic shape, `right`
    /// `(R, C)`) if they do not.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error, Matrix};
    /// let d = DMatrix::from_fn(2, 3, |i, j| 3 * i + j);
    /// let m = Matrix::<usize, 2, 3>::try_from(&d)?;
    /// assert_eq!(m[(1, 2)], 5);
    /// assert_eq!(
    ///     Matrix::<usize, 3, 2>::try_from(&d),
    ///     Err(Error::ShapeMismatch { op: "convert", left: (2, 3), right: (3, 2) })
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    fn try_from(d: &DMatrix<T>) -> Result<Self, Error> {
        if d.shape() != (R, C) {
            return Err(Error::ShapeMismatch {
                op: "convert",
                left: d.shape(),
                right: (R, C),
            });
        }
        let mut m = Matrix::<T, R, C>::zeros();
        m.as_mut_slice().copy_from_slice(d.as_slice());
        Ok(m)
    }
}

impl<T: Scalar, const R: usize, const C: usize> TryFrom<DMatrix<T>> for Matrix<T, R, C> {
    type Error = Error;

    /// As the conversion from `&DMatrix`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "convert"`) if the shapes differ.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Matrix};
    /// let m: Matrix<f64, 1, 2> = DMatrix::<f64>::ones(1, 2).try_into()?;
    /// assert_eq!(m, Matrix::ones());
    /// # Ok::<(), statrix::Error>(())
    /// ```
    fn try_from(d: DMatrix<T>) -> Result<Self, Error> {
        Matrix::try_from(&d)
    }
}
