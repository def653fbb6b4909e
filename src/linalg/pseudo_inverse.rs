//! The Moore-Penrose pseudo-inverse (the notes are in the `linalg` module documentation).

use super::svd::{ThinSvd, thin_svd};
use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::{normalized, rescaled_or_overflow};
use crate::scalar::Real;

/// `V diag(inv) U^T b` from the factors of an SVD `A = U diag(S) V^T` (`u`: `R x S`,
/// `v_t`: `S x C`) and the inverted singular values `inv`.
pub(crate) fn apply_pinv<
    T: Real,
    const R: usize,
    const C: usize,
    const S: usize,
    const K: usize,
>(
    u: &Matrix<T, R, S>,
    inv: &[T; S],
    v_t: &Matrix<T, S, C>,
    b: &Matrix<T, R, K>,
) -> Matrix<T, C, K> {
    let mut ut_b = u.transpose() * b;
    for (row, &f) in ut_b.0.iter_mut().zip(inv.iter()) {
        for x in row.iter_mut() {
            *x *= f;
        }
    }
    v_t.transpose() * ut_b
}

/// `1 / s` for the singular values above `cutoff` (and above zero), 0 for the others.
pub(crate) fn invert_above<T: Real, const S: usize>(s: &[T; S], cutoff: T) -> [T; S] {
    s.map(|x| {
        if x > cutoff && x > T::ZERO {
            T::ONE / x
        } else {
            T::ZERO
        }
    })
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The Moore-Penrose pseudo-inverse (`C x R`), NumPy's `np.linalg.pinv(a)` with its
    /// default cutoff: singular values at most `1e-15 * S.max()` count as zero. See the
    /// [`linalg` notes](crate::linalg#pseudo-inverse) on that cutoff for f32.
    ///
    /// # Errors
    /// [`Error::NonFinite`] if an element is NaN or infinite (NumPy raises
    /// `LinAlgError`); [`Error::NoConvergence`] as [`svd`](Matrix::svd);
    /// [`Error::Overflow`] if an element of the result overflows.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// // Rank one: pinv([[1, 2], [2, 4]]) == [[1, 2], [2, 4]] / 25.
    /// let a = matrix![1.0, 2.0;
    ///                 2.0, 4.0];
    /// let p = a.pseudo_inverse().unwrap();
    /// let expected = a / 25.0;
    /// assert!((p - expected).norm() <= 32.0 * f64::EPSILON * expected.norm());
    ///
    /// // Tall, full column rank: pinv(a) @ a == I.
    /// let t = matrix![1.0, 0.0; 0.0, 2.0; 0.0, 0.0];
    /// let pt = t.pseudo_inverse().unwrap(); // 2 x 3
    /// assert_eq!(pt, matrix![1.0, 0.0, 0.0; 0.0, 0.5, 0.0]);
    /// ```
    pub fn pseudo_inverse(&self) -> Result<Matrix<T, C, R>, Error> {
        // 1e-15 is representable to full relative precision in f32 and f64.
        let rcond = T::from(1e-15).unwrap_or_else(T::epsilon);
        self.pseudo_inverse_rtol(rcond)
    }

    /// The Moore-Penrose pseudo-inverse with singular values at most `rtol * S.max()`
    /// treated as zero, NumPy's `np.linalg.pinv(a, rtol=rtol)` (or `rcond=rtol`). A zero
    /// singular value is never inverted, whatever `rtol` (a negative `rtol` would make
    /// NumPy divide by zero).
    ///
    /// # Errors
    /// As [`pseudo_inverse`](Matrix::pseudo_inverse).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    ///
    /// // f32, rank-deficient up to rounding: use the Array API cutoff max(R, C) * eps
    /// // (NumPy: np.linalg.pinv(a, rtol=None)).
    /// let a = Matrix::<f32, 2, 3>::from_fn(|i, j| ((i + 1) * (j + 1)) as f32 / 10.0);
    /// let p = a.pseudo_inverse_rtol(3.0 * f32::EPSILON).unwrap();
    /// // The Penrose condition a @ p @ a == a holds to rounding.
    /// assert!((a * p * a - a).norm() <= 32.0 * f32::EPSILON * a.norm());
    /// ```
    pub fn pseudo_inverse_rtol(&self, rtol: T) -> Result<Matrix<T, C, R>, Error> {
        // pinv(A) = 2^s pinv(2^s A), with 2^s A of largest magnitude in [1, 2): `1 / sigma`
        // of a subnormal matrix cannot overflow on the way.
        let (a, s) = normalized(self).ok_or(Error::NonFinite)?;
        let identity = Matrix::<T, R, R>::identity();
        let pinv = if R >= C {
            let mut t = ThinSvd::zeros();
            thin_svd(&a, &mut t)?;
            let s_max = t.s.first().copied().unwrap_or(T::ZERO);
            let inv = invert_above(&t.s, rtol * s_max);
            apply_pinv(&t.u, &inv, &t.vt, &identity)
        } else {
            // A^T = U' S V'^T, so A = V' S U'^T: U = V'^T^T and V^T = U'^T.
            let mut t = ThinSvd::zeros();
            thin_svd(&a.transpose(), &mut t)?;
            let s_max = t.s.first().copied().unwrap_or(T::ZERO);
            let inv = invert_above(&t.s, rtol * s_max);
            apply_pinv(&t.vt.transpose(), &inv, &t.u.transpose(), &identity)
        };
        rescaled_or_overflow(pinv, s)
    }
}
