//! Random fills of [`DMatrix`]: the static matrices' samplers, one element at a time in C
//! order, so a `DMatrix` and a `Matrix` of the same shape drawn from the same seed are equal.

use rand::Rng;

use super::DMatrix;
use crate::random::bits::unit;
use crate::random::continuous::standard_normal;
use crate::scalar::Real;

#[cfg_attr(docsrs, doc(cfg(feature = "rand")))]
impl<T: Real> DMatrix<T> {
    /// A `rows x cols` matrix of uniform values in `[0, 1)`, NumPy's
    /// `rng.random((rows, cols))`: the draws of [`Matrix::random`](crate::Matrix::random),
    /// in row-major order.
    ///
    /// # Panics
    /// If `rows * cols` overflows `usize`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Matrix};
    /// use statrix::random::default_rng;
    ///
    /// // NumPy: np.random.default_rng(42).random((2, 3))
    /// let d = DMatrix::<f64>::random(2, 3, &mut default_rng(42));
    /// let m = Matrix::<f64, 2, 3>::random(&mut default_rng(42));
    /// assert_eq!(Matrix::try_from(&d), Ok(m));
    /// ```
    #[must_use]
    pub fn random<G: Rng + ?Sized>(rows: usize, cols: usize, rng: &mut G) -> Self {
        Self::from_fn(rows, cols, |_, _| unit(rng))
    }

    /// A `rows x cols` matrix of standard normal values, NumPy's
    /// `rng.standard_normal((rows, cols))`: the draws of
    /// [`Matrix::random_standard_normal`](crate::Matrix::random_standard_normal) (NumPy's
    /// ziggurat), in row-major order.
    ///
    /// # Panics
    /// If `rows * cols` overflows `usize`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// use statrix::random::default_rng;
    ///
    /// // NumPy: np.random.default_rng(42).standard_normal((1, 2))
    /// let z = DMatrix::<f64>::random_standard_normal(1, 2, &mut default_rng(42));
    /// assert_eq!(z.as_slice(), &[0.30471707975443135, -1.0399841062404955]);
    /// ```
    #[must_use]
    pub fn random_standard_normal<G: Rng + ?Sized>(rows: usize, cols: usize, rng: &mut G) -> Self {
        Self::from_fn(rows, cols, |_, _| standard_normal(rng))
    }
}
