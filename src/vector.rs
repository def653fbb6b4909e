//! Dot, cross and outer products; vector norms; normalisation.
//!
//! The norms here are entrywise: on a vector they are NumPy's vector norms
//! (`np.linalg.norm(v, ord)`); on a matrix they treat its elements as one long vector
//! (`np.linalg.norm(m.ravel(), ord)`), so [`norm`](Matrix::norm) of a matrix is its Frobenius
//! norm. The induced matrix norms (NumPy's `ord=1`, `2`, `inf` on 2-D input) are separate
//! methods in [`crate::linalg`].

use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::{norm_scaled, sum_of_squares_is_safe};
use crate::scalar::{Real, Scalar};

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The sum of the elementwise products: the dot product of two vectors (NumPy
    /// `np.dot(v1, v2)` on 1-D arrays), the Frobenius inner product of two matrices (NumPy
    /// `np.vdot(a, b)`). For the matrix product use `*`.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// let v1 = vector![1.0, 2.0, 3.0];
    /// let v2 = vector![4.0, 5.0, 6.0];
    /// assert_eq!(v1.dot(&v2), 32.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn dot(&self, other: &Self) -> T {
        let mut acc = T::ZERO;
        for (&a, &b) in self.iter().zip(other.iter()) {
            acc += a * b;
        }
        acc
    }
}

impl<T: Scalar, const R: usize> Matrix<T, R, 1> {
    /// The outer product `self other^T`, an `R x C` matrix, NumPy's `np.outer(u, v)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{vector, Matrix};
    /// let u = vector![1, 2];
    /// let v = vector![3, 4, 5];
    /// assert_eq!(u.outer(&v), Matrix::new([[3, 4, 5], [6, 8, 10]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn outer<const C: usize>(&self, other: &Matrix<T, C, 1>) -> Matrix<T, R, C> {
        Matrix::from_fn(|i, j| self.0[i][0] * other.0[j][0])
    }
}

/// `a x b` for 3-element arrays.
#[inline]
fn cross3<T: Scalar>(a: [T; 3], b: [T; 3]) -> [T; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

impl<T: Scalar> Matrix<T, 3, 1> {
    /// The cross product `self x other`, NumPy's `np.cross(a, b)`. Defined for 3-vectors
    /// only: on any other length it does not compile.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// let x = vector![1.0, 0.0, 0.0];
    /// let y = vector![0.0, 1.0, 0.0];
    /// assert_eq!(x.cross(&y), vector![0.0, 0.0, 1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn cross(&self, other: &Self) -> Self {
        Matrix::from_array(cross3(self.elements(), other.elements()))
    }

    #[inline]
    fn elements(&self) -> [T; 3] {
        [self.0[0][0], self.0[1][0], self.0[2][0]]
    }
}

impl<T: Scalar> Matrix<T, 1, 3> {
    /// The cross product of two row 3-vectors, NumPy's `np.cross(a, b)`.
    ///
    /// # Example
    /// ```
    /// use statrix::row_vector;
    /// assert_eq!(row_vector![0, 1, 0].cross(&row_vector![0, 0, 1]), row_vector![1, 0, 0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn cross(&self, other: &Self) -> Self {
        Matrix([cross3(self.0[0], other.0[0])])
    }
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The sum of the squared elements, `norm()^2` without the square root.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// assert_eq!(vector![3.0, 4.0].norm_squared(), 25.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn norm_squared(&self) -> T {
        self.dot(self)
    }

    /// The Euclidean (L2) norm of a vector, NumPy's `np.linalg.norm(v)`; of a matrix, its
    /// Frobenius norm, `np.linalg.norm(m)` / `np.linalg.norm(m, 'fro')`.
    ///
    /// Safe from overflow and underflow: elements near `1e200` or `1e-200` (f64) give the
    /// right answer, not `inf` or `0` (NumPy's `norm` overflows to `inf` there). A NaN element gives NaN; otherwise an infinite element
    /// gives `inf`. The result is within a few ulps of the exact norm (relative error below
    /// `(n/2 + 2) * eps` for `n` elements).
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// assert_eq!(vector![3.0, 4.0].norm(), 5.0);
    /// // The squares overflow f64; NumPy's `norm` returns inf here.
    /// let big: f64 = vector![3e200, 4e200].norm();
    /// assert!((big - 5e200).abs() <= 2.0 * f64::EPSILON * 5e200);
    /// ```
    #[inline]
    #[must_use]
    pub fn norm(&self) -> T {
        let sum_sq = self.norm_squared();
        // Fast path: no overflow, and the sum is far enough above the subnormal range that
        // any square that underflowed is below the sum's rounding error.
        if sum_of_squares_is_safe(sum_sq, R * C) {
            return sum_sq.square_root();
        }
        norm_scaled(self.iter().copied())
    }

    /// The Frobenius norm: the same as [`norm`](Matrix::norm), under the name NumPy gives it
    /// for matrices, `np.linalg.norm(m, 'fro')`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// assert_eq!(Matrix::new([[1.0, 2.0], [2.0, 4.0]]).norm_fro(), 5.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn norm_fro(&self) -> T {
        self.norm()
    }

    /// The L1 norm, the sum of absolute values, NumPy's `np.linalg.norm(v, ord=1)` for a
    /// vector. On a matrix it is entrywise (`norm(m.ravel(), 1)`).
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// assert_eq!(vector![3.0, -4.0].norm_l1(), 7.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn norm_l1(&self) -> T {
        self.iter().fold(T::ZERO, |acc, &x| acc + x.abs())
    }

    /// The L-infinity norm, the largest absolute value, NumPy's
    /// `np.linalg.norm(v, ord=np.inf)` for a vector. On a matrix it is entrywise
    /// (`norm(m.ravel(), np.inf)`). NaN if any element is NaN, as NumPy; 0 for an empty
    /// matrix.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// assert_eq!(vector![3.0, -4.0].norm_linf(), 4.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn norm_linf(&self) -> T {
        let mut max = T::ZERO;
        for &x in self.iter() {
            let a = x.abs();
            if a.is_nan() {
                return a;
            }
            if a > max {
                max = a;
            }
        }
        max
    }

    /// The general Lp norm `(sum |x|^p)^(1/p)`, NumPy's `np.linalg.norm(v, ord=p)` for a
    /// vector (entrywise on a matrix), computed as `s * (sum (|x|/s)^p)^(1/p)` with `s` the
    /// largest `|x|` for `p > 0` and the smallest for `p < 0`, so that no term overflows or
    /// underflows unless it is negligible.
    ///
    /// As NumPy: `p = inf` is the largest absolute value, `p = -inf` the smallest, `p = 0`
    /// the count of non-zero elements (a NaN element counts, being non-zero), negative `p`
    /// follows the formula (any zero element makes it 0, an infinite one adds nothing, no
    /// elements give `inf`); a NaN element gives NaN for every `p` but 0, a NaN `p` always.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// let v = vector![3.0f64, 4.0];
    /// assert_eq!(v.norm_lp(1.0), 7.0);
    /// assert!((v.norm_lp(2.0) - 5.0).abs() <= 4.0 * f64::EPSILON);
    /// assert!((v.norm_lp(3.0) - 91.0f64.cbrt()).abs() <= 4.0 * 4.5 * f64::EPSILON);
    /// ```
    #[must_use]
    pub fn norm_lp(&self, p: T) -> T {
        if p.is_nan() {
            return T::nan();
        }
        if p == T::ZERO {
            // NumPy's `(x != 0).sum()`: NaN != 0, so a NaN element is counted.
            let count = self.iter().filter(|x| **x != T::ZERO).count();
            return T::from(count).unwrap_or_else(T::max_value);
        }
        if self.iter().any(|x| x.is_nan()) {
            return T::nan();
        }
        if p == T::infinity() {
            return self.norm_linf();
        }
        if p == T::neg_infinity() {
            return self.iter().fold(T::infinity(), |m, &x| m.min(x.abs()));
        }
        if p == T::ONE {
            return self.norm_l1();
        }
        if p == T::TWO {
            return self.norm();
        }
        // Scale by the element whose term dominates: the largest for p > 0, the smallest for
        // p < 0. Then every term (|x|/s)^p is at most 1, the sum lies in [1, n], and only
        // negligible terms can underflow.
        let s = if p > T::ZERO {
            self.norm_linf()
        } else {
            self.iter().fold(T::infinity(), |m, &x| m.min(x.abs()))
        };
        if s == T::ZERO {
            // p > 0: all elements are zero. p < 0: a zero element, 0^p = inf in the sum.
            return T::ZERO;
        }
        if s.is_infinite() {
            // p > 0: an infinite element. p < 0: every element is infinite (each adds 0, so
            // the sum is 0 and 0^(1/p) = inf), or there are none (the empty sum, likewise).
            return T::infinity();
        }
        let sum = self
            .iter()
            .fold(T::ZERO, |acc, &x| acc + (x.abs() / s).powf(p));
        s * sum.powf(p.recip())
    }

    /// `self / self.norm()`: the vector scaled to unit length (NumPy `v /
    /// np.linalg.norm(v)`), without NumPy's NaN for a zero vector. A vector whose norm
    /// overflows or is subnormal is first scaled by an exact power of two, so the result has
    /// unit norm over the whole floating-point range.
    ///
    /// # Errors
    /// [`Error::ZeroNorm`] for the zero vector; [`Error::NonFinite`] when an element is NaN
    /// or infinite.
    ///
    /// # Example
    /// ```
    /// use statrix::{vector, Error};
    /// assert_eq!(vector![3.0, 4.0].normalize(), Ok(vector![0.6, 0.8]));
    /// assert_eq!(vector![0.0, 0.0].normalize(), Err(Error::ZeroNorm));
    /// ```
    pub fn normalize(&self) -> Result<Self, Error> {
        let norm = self.norm();
        if norm == T::ZERO {
            return Err(Error::ZeroNorm);
        }
        if norm.is_finite() && norm >= T::min_positive_value() {
            return Ok(self.map(|x| x / norm));
        }
        if self.iter().any(|x| !x.is_finite()) {
            return Err(Error::NonFinite);
        }
        // Finite elements whose norm overflows, or a subnormal norm (too few significant
        // bits to divide by): scale by a power of two, exactly for every element that does
        // not end up below the subnormals in the result anyway.
        let [_, _, s_small, s_big] = T::BLUE_SCALING;
        let scale = if norm.is_finite() { s_small } else { s_big };
        let scaled = self.map(|x| x * scale);
        let norm = scaled.norm();
        Ok(scaled.map(|x| x / norm))
    }
}
