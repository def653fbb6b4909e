//! Moments: `mean`, `var` and `std`, over the whole matrix and per axis.

use super::accumulate::{Spread, mean_of};
use crate::matrix::{Matrix, RowVector, Vector};
use crate::scalar::Real;

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The arithmetic mean of all elements; NumPy `np.mean(a)`.
    ///
    /// Computed as a compensated (Kahan–Babuška–Neumaier) sum divided by `R * C`:
    /// `|mean_hat - mean| <= gamma_2 |mean| + (1 + u)^2 (1 + gamma_{n-1}) gamma_{n-1} (n - 1) u
    /// sum |x_i| / n` with `n = R * C` and `u` the unit roundoff, i.e. within about two
    /// roundings of the exact mean (see the [module docs](crate::stats)). NumPy's sum is not
    /// compensated (its error grows with `n`), so the two can differ in the last bits where
    /// NumPy's is not correctly rounded.
    ///
    /// An empty matrix gives NaN (0/0), as NumPy. For finite elements the result is finite,
    /// as the exact mean is: where the sum overflows, it is taken again on the elements scaled
    /// by a power of two (exactly) and scaled back, so the mean of `[MAX, MAX]` is `MAX`
    /// (NumPy: `inf`).
    ///
    /// # NaN
    /// Propagates: any NaN element gives NaN; `+inf` and `-inf` together give NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    ///
    /// let scores = Matrix::new([[85.0, 90.0, 78.0, 92.0],
    ///                           [73.0, 88.0, 95.0, 81.0],
    ///                           [91.0, 76.0, 84.0, 87.0]]);
    /// assert_eq!(scores.mean(), 85.0); // np.mean(scores)
    /// assert_eq!(Matrix::new([[f64::MAX, f64::MAX]]).mean(), f64::MAX); // NumPy: inf
    /// ```
    #[must_use]
    pub fn mean(&self) -> T {
        mean_of(self.0.iter().flatten().copied())
    }

    /// The mean of each column (NumPy `np.mean(a, axis=0)`), as a row vector.
    ///
    /// Each column is summed with the same compensated summation as [`mean`](Matrix::mean)
    /// (its bound with `n = R`).
    ///
    /// # NaN
    /// Propagates per column: a column with a NaN has a NaN mean.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, row_vector};
    ///
    /// let scores = matrix![85.0, 90.0, 78.0, 92.0;
    ///                      73.0, 88.0, 95.0, 81.0;
    ///                      91.0, 76.0, 84.0, 87.0];
    /// // np.mean(scores, axis=0) prints [83.  84.66666667 85.66666667 86.66666667]
    /// assert_eq!(
    ///     scores.mean_axis0(),
    ///     row_vector![83.0, 254.0 / 3.0, 257.0 / 3.0, 260.0 / 3.0]
    /// );
    /// ```
    #[must_use]
    pub fn mean_axis0(&self) -> RowVector<T, C> {
        Matrix([core::array::from_fn(|j| {
            mean_of(self.0.iter().map(move |row| row[j]))
        })])
    }

    /// The mean of each row (NumPy `np.mean(a, axis=1)`), as a column vector.
    ///
    /// Each row is summed with the same compensated summation as [`mean`](Matrix::mean)
    /// (its bound with `n = C`).
    ///
    /// # NaN
    /// Propagates per row: a row with a NaN has a NaN mean.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let scores = matrix![85.0, 90.0, 78.0, 92.0;
    ///                      73.0, 88.0, 95.0, 81.0;
    ///                      91.0, 76.0, 84.0, 87.0];
    /// assert_eq!(scores.mean_axis1(), vector![86.25, 84.25, 84.5]); // np.mean(scores, axis=1)
    /// ```
    #[must_use]
    pub fn mean_axis1(&self) -> Vector<T, R> {
        Matrix(self.0.map(|row| [mean_of(row.iter().copied())]))
    }

    /// The variance of all elements with `ddof` delta degrees of freedom; NumPy
    /// `np.var(a, ddof=ddof)` (NumPy's default is `ddof = 0`, the population variance;
    /// `ddof = 1` is the unbiased sample variance).
    ///
    /// The sum of squared deviations divided by `n - ddof`, `n = R * C`. It is computed by the
    /// corrected two-pass algorithm (Chan, Golub and LeVeque): the mean first, then
    /// `sum d^2 - (sum d)^2 / n` with `d = x - mean`, all sums compensated. The correction term
    /// removes the first-order effect of the mean's rounding error, so the result is within
    /// a few units of roundoff of the exact variance even for data with a large offset:
    /// `var` of `1e9 + [1, 2, 3]` is exactly `2/3` rounded (NumPy: `0.6666666666666666`).
    /// The result is never negative.
    ///
    /// `ddof >= n` divides by zero as NumPy does (with its "Degrees of freedom <= 0"
    /// warning): `inf` when the data vary, NaN when they are constant. An empty matrix
    /// gives NaN.
    ///
    /// At the edge of the range: for finite elements the result is `inf` exactly where the
    /// exact variance overflows (as NumPy's), and finite otherwise: where a deviation or its
    /// square leaves the range, the variance is computed again on the elements scaled by a
    /// power of two (exactly) and scaled back. The variance of `[MAX, MAX]` is 0 (NumPy:
    /// `inf`, from its mean overflowing).
    ///
    /// # NaN
    /// Propagates: any NaN or infinite element gives NaN (the deviation `inf - inf` is NaN,
    /// as in NumPy).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let scores = matrix![85.0, 90.0, 78.0, 92.0;
    ///                      73.0, 88.0, 95.0, 81.0;
    ///                      91.0, 76.0, 84.0, 87.0];
    /// assert_eq!(scores.var(0), 42.833333333333336); // np.var(scores)
    /// assert_eq!(scores.var(1), 514.0 / 11.0); // np.var(scores, ddof=1)
    ///
    /// let shifted = vector![1e9 + 1.0, 1e9 + 2.0, 1e9 + 3.0];
    /// assert_eq!(shifted.var(0), 2.0 / 3.0); // exact, as np.var(1e9 + np.array([1., 2., 3.]))
    /// assert_eq!(shifted.var(3), f64::INFINITY); // ddof >= n, as NumPy
    ///
    /// let huge = vector![-f64::MAX, f64::MAX];
    /// assert_eq!(huge.var(0), f64::INFINITY); // MAX^2 overflows, as NumPy
    /// assert_eq!(vector![f64::MAX, f64::MAX].var(0), 0.0); // NumPy: inf
    /// ```
    #[must_use]
    pub fn var(&self, ddof: usize) -> T {
        Spread::of(self.0.iter().flatten().copied(), ddof).var()
    }

    /// The variance of each column (NumPy `np.var(a, axis=0, ddof=ddof)`), as a row vector.
    ///
    /// Each column as [`var`](Matrix::var) with `n = R`; `ddof >= R` gives `inf` (varying
    /// column) or NaN (constant column), as NumPy.
    ///
    /// # NaN
    /// Propagates per column: a column with a NaN or an infinity has a NaN variance.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, row_vector};
    ///
    /// let a = matrix![1.0, 10.0;
    ///                 3.0, 10.0];
    /// assert_eq!(a.var_axis0(0), row_vector![1.0, 0.0]);
    /// assert_eq!(a.var_axis0(1), row_vector![2.0, 0.0]); // np.var(a, axis=0, ddof=1)
    /// ```
    #[must_use]
    pub fn var_axis0(&self, ddof: usize) -> RowVector<T, C> {
        Matrix([core::array::from_fn(|j| {
            Spread::of(self.0.iter().map(move |row| row[j]), ddof).var()
        })])
    }

    /// The variance of each row (NumPy `np.var(a, axis=1, ddof=ddof)`), as a column vector.
    ///
    /// Each row as [`var`](Matrix::var) with `n = C`; `ddof >= C` gives `inf` (varying row)
    /// or NaN (constant row), as NumPy.
    ///
    /// # NaN
    /// Propagates per row: a row with a NaN or an infinity has a NaN variance.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![1.0, 3.0;
    ///                 5.0, 5.0];
    /// assert_eq!(a.var_axis1(0), vector![1.0, 0.0]); // np.var(a, axis=1)
    /// ```
    #[must_use]
    pub fn var_axis1(&self, ddof: usize) -> Vector<T, R> {
        Matrix(
            self.0
                .map(|row| [Spread::of(row.iter().copied(), ddof).var()]),
        )
    }

    /// The standard deviation of all elements with `ddof` delta degrees of freedom, the
    /// square root of [`var`](Matrix::var); NumPy `np.std(a, ddof=ddof)` (default
    /// `ddof = 0`).
    ///
    /// `ddof >= n` gives `inf` (varying data) or NaN (constant data), as NumPy.
    ///
    /// For finite elements the square root is taken before the variance leaves the range
    /// (on the elements scaled by a power of two where it would), so the result is finite
    /// wherever the exact standard deviation is: `std` of `[-MAX, MAX]` is `MAX` (NumPy:
    /// `inf`).
    ///
    /// # NaN
    /// Propagates: any NaN or infinite element gives NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let scores = matrix![85.0, 90.0, 78.0, 92.0;
    ///                      73.0, 88.0, 95.0, 81.0;
    ///                      91.0, 76.0, 84.0, 87.0];
    /// assert_eq!(scores.std(0), 6.544717972023954); // np.std(scores)
    /// assert_eq!(matrix![-f64::MAX, f64::MAX].std(0), f64::MAX); // NumPy: inf
    /// ```
    #[must_use]
    pub fn std(&self, ddof: usize) -> T {
        Spread::of(self.0.iter().flatten().copied(), ddof).std()
    }

    /// The standard deviation of each column (NumPy `np.std(a, axis=0, ddof=ddof)`), as a
    /// row vector: the square roots of [`var_axis0`](Matrix::var_axis0).
    ///
    /// # NaN
    /// Propagates per column: a column with a NaN or an infinity gives NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, row_vector};
    ///
    /// let a = matrix![1.0, 10.0;
    ///                 3.0, 10.0];
    /// assert_eq!(a.std_axis0(0), row_vector![1.0, 0.0]); // np.std(a, axis=0)
    /// ```
    #[must_use]
    pub fn std_axis0(&self, ddof: usize) -> RowVector<T, C> {
        Matrix([core::array::from_fn(|j| {
            Spread::of(self.0.iter().map(move |row| row[j]), ddof).std()
        })])
    }

    /// The standard deviation of each row (NumPy `np.std(a, axis=1, ddof=ddof)`), as a
    /// column vector: the square roots of [`var_axis1`](Matrix::var_axis1).
    ///
    /// # NaN
    /// Propagates per row: a row with a NaN or an infinity gives NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![1.0, 3.0;
    ///                 2.0, 2.0];
    /// assert_eq!(a.std_axis1(0), vector![1.0, 0.0]); // np.std(a, axis=1)
    /// ```
    #[must_use]
    pub fn std_axis1(&self, ddof: usize) -> Vector<T, R> {
        Matrix(
            self.0
                .map(|row| [Spread::of(row.iter().copied(), ddof).std()]),
        )
    }
}
