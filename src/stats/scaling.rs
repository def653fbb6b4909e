//! Feature scaling: z-score standardisation and min-max scaling, over the whole matrix and per
//! axis.

use super::accumulate::Spread;
use crate::matrix::Matrix;
use crate::scalar::Real;

/// `(min, max)` of `xs`, both NaN if any element is NaN (NumPy's `min`/`max`).
fn extrema<T: Real>(xs: impl Iterator<Item = T>) -> (T, T) {
    let mut lo = T::infinity();
    let mut hi = T::neg_infinity();
    for x in xs {
        if x.is_nan() {
            return (x, x);
        }
        if x < lo {
            lo = x;
        }
        if x > hi {
            hi = x;
        }
    }
    (lo, hi)
}

/// `(x - min) / (max - min)`, NumPy's expression as written; where finite data span more
/// than the largest finite value (`max - min` overflows), the same expression on the halves
/// `x / 2`, `min / 2`, `max / 2`, which are exact, so the result is what the expression gives
/// with an unbounded exponent (in `[0, 1]`, not `0` or NaN).
fn rescale<T: Real>(x: T, (lo, hi): (T, T)) -> T {
    let range = hi - lo;
    if range.is_infinite() && lo.is_finite() && hi.is_finite() {
        (x * T::HALF - lo * T::HALF) / (hi * T::HALF - lo * T::HALF)
    } else {
        (x - lo) / range
    }
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// Standardises all elements together: `(a - mean) / std` with the mean and standard
    /// deviation (`ddof`) of the whole matrix; SciPy `scipy.stats.zscore(a, axis=None,
    /// ddof=ddof)`, NumPy `(a - a.mean()) / a.std(ddof=ddof)`.
    ///
    /// The mean and standard deviation are [`mean`](Matrix::mean) and [`std`](Matrix::std).
    ///
    /// Zero variance: a constant matrix comes out all NaN (NumPy's `0/0`). The NaN is set
    /// explicitly wherever the computed standard deviation is zero, so it does not depend on
    /// whether rounding left the mean a unit away from the constant (where NumPy can give
    /// `±inf` instead). `ddof >= R * C` makes the standard deviation `inf` (results `±0`) or
    /// NaN, as NumPy's.
    ///
    /// # NaN
    /// Any NaN or infinite element makes every result NaN (the mean or the standard
    /// deviation is NaN).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1.0f64, 2.0;
    ///                 3.0, 6.0];
    /// let z = a.zscore(0); // mean 3, std 1.8708286933869707
    /// assert_eq!(z[(0, 0)], (1.0 - 3.0) / 3.5f64.sqrt());
    /// assert!(matrix![5.0f64, 5.0].zscore(0)[(0, 0)].is_nan()); // zero variance
    /// ```
    #[must_use]
    pub fn zscore(&self, ddof: usize) -> Self {
        let spread = Spread::of(self.0.iter().flatten().copied(), ddof);
        self.map(|x| spread.standardize(x))
    }

    /// Standardises each column: `(a - a.mean(axis=0)) / a.std(axis=0, ddof=ddof)`; SciPy
    /// `scipy.stats.zscore(a, axis=0, ddof=ddof)` (scikit-learn's `StandardScaler` is
    /// `ddof = 0`). Each column of the result has mean 0 and, with the same `ddof`, standard
    /// deviation 1.
    ///
    /// Zero variance: a constant column comes out all NaN, set explicitly wherever its
    /// computed standard deviation is zero (see [`zscore`](Matrix::zscore)).
    ///
    /// # NaN
    /// A column with a NaN or an infinity comes out all NaN; other columns are unaffected.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1.0f64, 10.0, 7.0;
    ///                 3.0, 30.0, 7.0];
    /// let z = a.zscore_axis0(0); // scipy.stats.zscore(a, axis=0)
    /// assert_eq!(z.row(0).as_slice()[..2], [-1.0, -1.0]);
    /// assert_eq!(z.row(1).as_slice()[..2], [1.0, 1.0]);
    /// assert!(z[(0, 2)].is_nan() && z[(1, 2)].is_nan()); // the constant column
    /// ```
    #[must_use]
    pub fn zscore_axis0(&self, ddof: usize) -> Self {
        let spreads: [Spread<T>; C] =
            core::array::from_fn(|j| Spread::of(self.0.iter().map(move |row| row[j]), ddof));
        Matrix(
            self.0
                .map(|row| core::array::from_fn(|j| spreads[j].standardize(row[j]))),
        )
    }

    /// Standardises each row: `(a - a.mean(axis=1, keepdims=True)) / a.std(axis=1,
    /// ddof=ddof, keepdims=True)`; SciPy `scipy.stats.zscore(a, axis=1, ddof=ddof)`.
    ///
    /// Zero variance: a constant row comes out all NaN (see [`zscore`](Matrix::zscore)).
    ///
    /// # NaN
    /// A row with a NaN or an infinity comes out all NaN; other rows are unaffected.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1.0, 3.0;
    ///                 10.0, 30.0];
    /// assert_eq!(a.zscore_axis1(0), matrix![-1.0, 1.0; -1.0, 1.0]);
    /// ```
    #[must_use]
    pub fn zscore_axis1(&self, ddof: usize) -> Self {
        Matrix(self.0.map(|row| {
            let spread = Spread::of(row.iter().copied(), ddof);
            row.map(|x| spread.standardize(x))
        }))
    }

    /// Min-max scaling of all elements together to `[0, 1]`:
    /// `(a - a.min()) / (a.max() - a.min())`, NumPy's expression (scikit-learn
    /// `minmax_scale(a.ravel())`).
    ///
    /// A constant matrix gives NaN everywhere (`0/0`, as NumPy). Data spanning more than the
    /// largest finite value (`max - min` overflows) are scaled by `1/2` first, exactly, so
    /// they still map into `[0, 1]` (NumPy: `0` and NaN).
    ///
    /// # NaN
    /// Any NaN element makes every result NaN (the minimum and maximum are NaN, as NumPy's
    /// `min`/`max`); an infinite minimum or maximum gives NaN or `0` by the formula.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![2.0, 4.0;
    ///                 6.0, 10.0];
    /// assert_eq!(a.min_max_scale(), matrix![0.0, 0.25; 0.5, 1.0]);
    /// ```
    #[must_use]
    pub fn min_max_scale(&self) -> Self {
        let range = extrema(self.0.iter().flatten().copied());
        self.map(|x| rescale(x, range))
    }

    /// Min-max scaling of each column to `[0, 1]`:
    /// `(a - a.min(axis=0)) / (a.max(axis=0) - a.min(axis=0))`; scikit-learn's `MinMaxScaler`
    /// (which maps a constant column to 0 instead: here it is NaN, as NumPy's expression).
    ///
    /// # NaN
    /// A column with a NaN comes out all NaN; other columns are unaffected.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1.0, 10.0;
    ///                 2.0, 30.0;
    ///                 3.0, 20.0];
    /// assert_eq!(a.min_max_scale_axis0(), matrix![0.0, 0.0; 0.5, 1.0; 1.0, 0.5]);
    /// ```
    #[must_use]
    pub fn min_max_scale_axis0(&self) -> Self {
        let ranges: [(T, T); C] =
            core::array::from_fn(|j| extrema(self.0.iter().map(move |row| row[j])));
        Matrix(
            self.0
                .map(|row| core::array::from_fn(|j| rescale(row[j], ranges[j]))),
        )
    }

    /// Min-max scaling of each row to `[0, 1]`:
    /// `(a - a.min(axis=1, keepdims=True)) / (a.max(axis=1, keepdims=True) - a.min(axis=1,
    /// keepdims=True))`.
    ///
    /// # NaN
    /// A row with a NaN comes out all NaN; other rows are unaffected. A constant row is NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1.0, 3.0, 2.0;
    ///                 0.0, 8.0, 2.0];
    /// assert_eq!(a.min_max_scale_axis1(), matrix![0.0, 1.0, 0.5; 0.0, 1.0, 0.25]);
    /// ```
    #[must_use]
    pub fn min_max_scale_axis1(&self) -> Self {
        Matrix(self.0.map(|row| {
            let range = extrema(row.iter().copied());
            row.map(|x| rescale(x, range))
        }))
    }
}
