//! Matrix norms, rank and condition number (the notes are in the `linalg` module documentation).

use super::svd::singular_values_any;
use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::normalized;
use crate::scalar::Real;

/// The largest value, NaN if any value is NaN, 0 for none.
fn max_or_nan<T: Real>(values: impl Iterator<Item = T>) -> T {
    let mut max = T::ZERO;
    for v in values {
        if v.is_nan() {
            return v;
        }
        if v > max {
            max = v;
        }
    }
    max
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The numerical rank: the number of singular values above
    /// `S.max() * max(R, C) * eps`, NumPy's `np.linalg.matrix_rank(a)` with its default
    /// tolerance.
    ///
    /// # Errors
    /// [`Error::NonFinite`] if an element is NaN or infinite (NumPy raises
    /// `LinAlgError`); [`Error::NoConvergence`] as [`svd`](Matrix::svd).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Matrix};
    /// assert_eq!(matrix![1.0, 2.0, 3.0; 2.0, 4.0, 6.0].rank(), Ok(1));
    /// assert_eq!(Matrix::<f64, 3, 3>::identity().rank(), Ok(3));
    /// assert_eq!(Matrix::<f32, 2, 4>::zeros().rank(), Ok(0));
    /// ```
    pub fn rank(&self) -> Result<usize, Error> {
        // The rank does not change with scale: computed on the matrix scaled to largest
        // magnitude in [1, 2), so that no singular value overflows.
        let (scaled, _) = normalized(self).ok_or(Error::NonFinite)?;
        let (s, k) = singular_values_any(&scaled)?;
        let s = &s[..k.min(C)];
        let s_max = s.first().copied().unwrap_or(T::ZERO);
        // eps first: `s_max * max(R, C)` overflows for a largest singular value near the
        // largest float, and every value would then count as below the tolerance.
        let tol = s_max * T::epsilon() * T::from(R.max(C)).unwrap_or_else(T::max_value);
        Ok(s.iter().filter(|&&x| x > tol).count())
    }

    /// The 2-norm condition number `sigma_max / sigma_min`, NumPy's `np.linalg.cond(a)`.
    /// Infinite for a singular matrix (a zero singular value), the zero matrix included, as
    /// NumPy.
    ///
    /// # Errors
    /// As [`rank`](Matrix::rank).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Matrix};
    /// let c = matrix![3.0, 0.0; 0.0, 0.5].cond().unwrap();
    /// assert_eq!(c, 6.0);
    /// assert_eq!(Matrix::<f64, 2, 2>::ones().cond().unwrap(), f64::INFINITY);
    /// ```
    pub fn cond(&self) -> Result<T, Error> {
        // Scale-invariant, as the rank: computed on the normalized matrix.
        let (scaled, _) = normalized(self).ok_or(Error::NonFinite)?;
        let (s, k) = singular_values_any(&scaled)?;
        let s = &s[..k.min(C)];
        let s_max = s.first().copied().unwrap_or(T::ZERO);
        let s_min = s.last().copied().unwrap_or(T::ZERO);
        if s_min == T::ZERO {
            return Ok(T::infinity());
        }
        Ok(s_max / s_min)
    }

    /// The spectral norm, the largest singular value, NumPy's `np.linalg.norm(a, 2)`.
    ///
    /// # Errors
    /// As [`rank`](Matrix::rank).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![3.0, 0.0; 4.0, 5.0]; // singular values sqrt(45), sqrt(5)
    /// let n = a.norm_spectral().unwrap();
    /// assert!((n - 45.0f64.sqrt()).abs() <= 8.0 * f64::EPSILON * n);
    /// ```
    pub fn norm_spectral(&self) -> Result<T, Error> {
        let (s, _) = singular_values_any(self)?;
        Ok(s.first().copied().unwrap_or(T::ZERO))
    }

    /// The nuclear norm, the sum of the singular values, NumPy's
    /// `np.linalg.norm(a, 'nuc')`.
    ///
    /// # Errors
    /// As [`rank`](Matrix::rank).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![3.0, 0.0; 4.0, 5.0]; // singular values sqrt(45), sqrt(5)
    /// let n = a.norm_nuclear().unwrap();
    /// let expected = 45.0f64.sqrt() + 5.0f64.sqrt();
    /// assert!((n - expected).abs() <= 8.0 * f64::EPSILON * expected);
    /// ```
    pub fn norm_nuclear(&self) -> Result<T, Error> {
        let (s, k) = singular_values_any(self)?;
        Ok(s.iter().take(k).fold(T::ZERO, |acc, &x| acc + x))
    }

    /// The induced 1-norm `max_j sum_i |a_ij|`, the largest absolute column sum, NumPy's
    /// `np.linalg.norm(a, 1)` on a matrix. Not the entrywise
    /// [`norm_l1`](Matrix::norm_l1) (the sum of all `|a_ij|`), which is what NumPy gives for
    /// `norm(a.ravel(), 1)`; on a column vector the two agree. NaN if an element is NaN;
    /// 0 for an empty matrix.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![1.0, -2.0;
    ///                 -3.0, 4.0];
    /// assert_eq!(a.norm_induced_1(), 6.0); // column sums 4 and 6
    /// assert_eq!(a.norm_l1(), 10.0); // entrywise
    /// ```
    #[must_use]
    pub fn norm_induced_1(&self) -> T {
        max_or_nan((0..C).map(|j| self.0.iter().fold(T::ZERO, |acc, row| acc + row[j].abs())))
    }

    /// The induced infinity-norm `max_i sum_j |a_ij|`, the largest absolute row sum,
    /// NumPy's `np.linalg.norm(a, np.inf)` on a matrix. Not the entrywise
    /// [`norm_linf`](Matrix::norm_linf) (the largest `|a_ij|`), NumPy's
    /// `norm(a.ravel(), np.inf)`; on a column vector the two agree. NaN if an element is
    /// NaN; 0 for an empty matrix.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let a = matrix![1.0, -2.0;
    ///                 -3.0, 4.0];
    /// assert_eq!(a.norm_induced_inf(), 7.0); // row sums 3 and 7
    /// assert_eq!(a.norm_linf(), 4.0); // entrywise
    /// ```
    #[must_use]
    pub fn norm_induced_inf(&self) -> T {
        max_or_nan(
            self.0
                .iter()
                .map(|row| row.iter().fold(T::ZERO, |acc, x| acc + x.abs())),
        )
    }
}
