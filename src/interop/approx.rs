//! `approx` comparisons, elementwise: two matrices are close when every pair of elements
//! is.

use approx::{AbsDiffEq, RelativeEq, UlpsEq};

use crate::matrix::Matrix;
use crate::scalar::{Real, Scalar};

impl<T: Scalar, const R: usize, const C: usize> AbsDiffEq for Matrix<T, R, C> {
    type Epsilon = T;

    /// `T`'s default epsilon (`f64::EPSILON` for f64, 0 for integers).
    fn default_epsilon() -> T {
        T::default_epsilon()
    }

    /// Every `|a - b| <= epsilon`.
    ///
    /// # Example
    /// ```
    /// use approx::assert_abs_diff_eq;
    /// use statrix::Matrix;
    /// assert_abs_diff_eq!(Matrix::new([[1.0, 2.0]]), Matrix::new([[1.0, 2.0 + 1e-12]]), epsilon = 1e-9);
    /// ```
    fn abs_diff_eq(&self, other: &Self, epsilon: T) -> bool {
        self.iter()
            .zip(other.iter())
            .all(|(a, b)| a.abs_diff_eq(b, epsilon))
    }
}

impl<T: Real, const R: usize, const C: usize> RelativeEq for Matrix<T, R, C> {
    fn default_max_relative() -> T {
        T::default_max_relative()
    }

    /// Every pair is relatively equal (see `approx::RelativeEq`).
    ///
    /// # Example
    /// ```
    /// use approx::assert_relative_eq;
    /// use statrix::Matrix;
    /// assert_relative_eq!(Matrix::new([[1e10]]), Matrix::new([[1e10 + 1.0]]), max_relative = 1e-9);
    /// ```
    fn relative_eq(&self, other: &Self, epsilon: T, max_relative: T) -> bool {
        self.iter()
            .zip(other.iter())
            .all(|(a, b)| a.relative_eq(b, epsilon, max_relative))
    }
}

impl<T: Real, const R: usize, const C: usize> UlpsEq for Matrix<T, R, C> {
    fn default_max_ulps() -> u32 {
        T::default_max_ulps()
    }

    /// Every pair is within `max_ulps` units in the last place.
    ///
    /// # Example
    /// ```
    /// use approx::assert_ulps_eq;
    /// use statrix::Matrix;
    /// assert_ulps_eq!(Matrix::new([[0.1 + 0.2]]), Matrix::new([[0.3]]), max_ulps = 1);
    /// ```
    fn ulps_eq(&self, other: &Self, epsilon: T, max_ulps: u32) -> bool {
        self.iter()
            .zip(other.iter())
            .all(|(a, b)| a.ulps_eq(b, epsilon, max_ulps))
    }
}
