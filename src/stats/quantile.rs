//! Order statistics: `median`, `quantile`/`quantiles` and `percentile`/`percentiles` with
//! NumPy's interpolation methods, over the whole matrix and per axis.
//!
//! Every form sorts a copy of the data on the stack (`core`'s unstable sort, in the NaN-last
//! order the sorts use) and reads NumPy's order statistics off it with NumPy's exact
//! formulas, so results equal NumPy's bit for bit (for `f32` data, NumPy's with `q` given as
//! `float32`).

use super::accumulate::count;
use crate::error::Error;
use crate::matrix::{Matrix, RowVector, Vector};
use crate::reduce::order::{ascending, heapsort_by};
use crate::scalar::Real;

/// How a quantile between two data points is chosen, as NumPy's `method=` argument of
/// `np.quantile` and `np.percentile` (the methods NumPy had before 1.22 as `interpolation=`).
///
/// With the `n` sorted values `x[0] <= .. <= x[n-1]` and the virtual index
/// `v = (n - 1) q` (computed in `T`, as NumPy does for a `q` of the data's dtype):
///
/// | method | result | NumPy |
/// | --- | --- | --- |
/// | `Linear` | `x[i] + (x[i+1] - x[i]) g`, `i = floor(v)`, `g = v - i` | `'linear'` (default) |
/// | `Lower` | `x[floor(v)]` | `'lower'` |
/// | `Higher` | `x[ceil(v)]` | `'higher'` |
/// | `Nearest` | `x[round(v)]`, ties to even: `v = 0.5` picks `x[0]`, `v = 1.5` picks `x[2]` | `'nearest'` |
/// | `Midpoint` | `(x[floor(v)] + x[ceil(v)]) / 2` | `'midpoint'` |
///
/// The interpolation is NumPy's `_lerp`: `x[i] + d g` when `g < 0.5`, `x[i+1] - d (1 - g)`
/// otherwise (`d = x[i+1] - x[i]`), which is exact at both ends and monotone in `g`;
/// `Midpoint` is the same with `g = 1/2` (or the element itself where `v` is an integer). At
/// `v >= n - 1` the last value is taken through the same formula with `x[i] = x[i+1]`, as
/// NumPy, so `q = 1` gives the maximum (NaN if the maximum is infinite, as NumPy's
/// `inf - inf`; an infinite neighbour gives NaN in the same way).
///
/// # Example
/// ```
/// use statrix::{vector, QuantileMethod};
///
/// let x = vector![1.0, 2.0, 3.0, 4.0, 5.0];
/// // np.quantile(x, 0.375, method=...) with v = 4 * 0.375 = 1.5
/// assert_eq!(x.quantile(0.375, QuantileMethod::Linear), Ok(2.5));
/// assert_eq!(x.quantile(0.375, QuantileMethod::Lower), Ok(2.0));
/// assert_eq!(x.quantile(0.375, QuantileMethod::Higher), Ok(3.0));
/// assert_eq!(x.quantile(0.375, QuantileMethod::Nearest), Ok(3.0)); // 1.5 rounds to 2
/// assert_eq!(x.quantile(0.125, QuantileMethod::Nearest), Ok(1.0)); // 0.5 rounds to 0
/// assert_eq!(x.quantile(0.375, QuantileMethod::Midpoint), Ok(2.5));
/// assert_eq!(QuantileMethod::default(), QuantileMethod::Linear);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QuantileMethod {
    /// Linear interpolation between the neighbouring order statistics (Hyndman and Fan's
    /// type 7); NumPy's default `'linear'`.
    #[default]
    Linear,
    /// The order statistic below: `x[floor(v)]`; NumPy `'lower'`.
    Lower,
    /// The order statistic above: `x[ceil(v)]`; NumPy `'higher'`.
    Higher,
    /// The nearest order statistic, ties to the even index: `x[round_half_even(v)]`; NumPy
    /// `'nearest'`.
    Nearest,
    /// The mean of the order statistics below and above; NumPy `'midpoint'`.
    Midpoint,
}

/// Sorts `values` ascending under NumPy's order (NaN last), by [`heapsort_by`]: no panic
/// path, as firmware with a no-panic proof needs.
pub(crate) fn sort<T: Real>(values: &mut [T]) {
    heapsort_by(values, ascending);
}

/// `Ok(q)` for `q` in `[0, 1]`, `Err(InvalidQuantile)` otherwise (NaN included).
fn check_quantile<T: Real>(q: T) -> Result<T, Error> {
    if q >= T::ZERO && q <= T::ONE {
        Ok(q)
    } else {
        Err(Error::InvalidQuantile)
    }
}

/// `p / 100` checked to lie in `[0, 1]`, as NumPy's `percentile` (it divides, then checks).
fn percentile_to_quantile<T: Real>(p: T) -> Result<T, Error> {
    check_quantile(p / count::<T>(100))
}

fn check_all<T: Real, const K: usize>(qs: &[T; K]) -> Result<[T; K], Error> {
    for &q in qs {
        check_quantile(q)?;
    }
    Ok(*qs)
}

fn percentiles_to_quantiles<T: Real, const K: usize>(ps: &[T; K]) -> Result<[T; K], Error> {
    let qs = ps.map(|p| p / count::<T>(100));
    check_all(&qs)
}

/// `sorted[index]` for an integral, non-negative float index (NaN if out of range, which the
/// callers' `0 <= q <= 1` rules out).
fn at<T: Real>(sorted: &[T], index: T) -> T {
    index
        .to_usize()
        .and_then(|i| sorted.get(i).copied())
        .unwrap_or_else(T::nan)
}

/// `v` rounded to the nearest integer, ties to even (NumPy's `np.around`).
fn round_half_even<T: Real>(v: T) -> T {
    let floor = v.floor();
    let frac = v - floor;
    let floor_is_even = (floor * T::HALF).floor() * T::TWO == floor;
    if frac > T::HALF || (frac == T::HALF && !floor_is_even) {
        floor + T::ONE
    } else {
        floor
    }
}

/// NumPy's `_lerp(a, b, t)`; where `b - a` overflows although both are finite (NumPy then
/// gives NaN or an infinity), the same on `a / 2` and `b / 2`, doubled: exact halvings of
/// values that large, so exact at both ends and monotone in `t`, as everywhere else.
fn lerp<T: Real>(a: T, b: T, t: T) -> T {
    let diff = b - a;
    if diff.is_infinite() && a.is_finite() && b.is_finite() {
        return lerp(a * T::HALF, b * T::HALF, t) * T::TWO;
    }
    if t >= T::HALF {
        b - diff * (T::ONE - t)
    } else {
        a + diff * t
    }
}

/// NumPy's interpolating path (`_get_indexes`, `_get_gamma`, `_lerp`) at virtual index `v`,
/// with `fix_gamma` as the method's `fix_gamma`.
fn interpolate<T: Real>(sorted: &[T], v: T, fix_gamma: impl Fn(T, T) -> T) -> T {
    let n = sorted.len();
    let last_index = count::<T>(n.saturating_sub(1));
    let (previous, gamma) = if v >= last_index {
        // NumPy points both neighbours at index -1 (the last value); gamma is v - (-1).
        (last_index, v + T::ONE)
    } else {
        let previous = v.floor();
        (previous, v - previous)
    };
    let a = at(sorted, previous);
    let b = if v >= last_index {
        a
    } else {
        at(sorted, previous + T::ONE)
    };
    lerp(a, b, fix_gamma(gamma, v))
}

/// The quantile `q` (already checked) of sorted data, NumPy's `_quantile` for one `q`.
fn quantile_sorted<T: Real>(sorted: &[T], q: T, method: QuantileMethod) -> T {
    // NaN sorts last: any NaN makes the quantile NaN; no data gives NaN.
    match sorted.last() {
        None => return T::nan(),
        Some(last) if last.is_nan() => return T::nan(),
        Some(_) => {}
    }
    let v = count::<T>(sorted.len() - 1) * q;
    match method {
        QuantileMethod::Linear => interpolate(sorted, v, |gamma, _| gamma),
        QuantileMethod::Lower => at(sorted, v.floor()),
        QuantileMethod::Higher => at(sorted, v.ceil()),
        QuantileMethod::Nearest => at(sorted, round_half_even(v)),
        QuantileMethod::Midpoint => {
            let mid = T::HALF * (v.floor() + v.ceil());
            interpolate(sorted, mid, |_, index| {
                if index.fract() == T::ZERO {
                    T::ZERO
                } else {
                    T::HALF
                }
            })
        }
    }
}

/// The median of sorted data, NumPy's `np.median`: the middle value, or the mean `(a + b) / 2`
/// of the middle pair (computed as `a / 2 + b / 2` where `a + b` alone would overflow).
pub(crate) fn median_sorted<T: Real>(sorted: &[T]) -> T {
    let n = sorted.len();
    match sorted.last() {
        None => return T::nan(),
        Some(last) if last.is_nan() => return T::nan(),
        Some(_) => {}
    }
    let upper = sorted.get(n / 2).copied().unwrap_or_else(T::nan);
    if n % 2 == 1 {
        return upper;
    }
    let lower = sorted.get(n / 2 - 1).copied().unwrap_or_else(T::nan);
    let sum = lower + upper;
    if !sum.is_finite() && lower.is_finite() && upper.is_finite() {
        lower * T::HALF + upper * T::HALF
    } else {
        sum / T::TWO
    }
}

/// All elements, sorted (NaN last).
fn sorted_all<T: Real, const R: usize, const C: usize>(m: &Matrix<T, R, C>) -> [[T; C]; R] {
    let mut copy = m.0;
    sort(copy.as_flattened_mut());
    copy
}

/// Column `j`, sorted (NaN last).
fn sorted_col<T: Real, const R: usize, const C: usize>(m: &Matrix<T, R, C>, j: usize) -> [T; R] {
    let mut col = m.0.map(|row| row.get(j).copied().unwrap_or_else(T::nan));
    sort(&mut col);
    col
}

/// A row, sorted (NaN last).
fn sorted_row<T: Real, const C: usize>(row: &[T; C]) -> [T; C] {
    let mut copy = *row;
    sort(&mut copy);
    copy
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The median of all elements; NumPy `np.median(a)`.
    ///
    /// The middle value of the sorted elements; for an even count the mean of the middle
    /// pair, `(a + b) / 2` as NumPy. (Where `a + b` overflows for two finite values NumPy
    /// returns `inf`; this returns `a / 2 + b / 2`, the correctly rounded midpoint.) An empty
    /// matrix gives NaN.
    ///
    /// # NaN
    /// Any NaN element makes the median NaN (NumPy's `median`, not `nanmedian`).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let scores = matrix![85.0, 90.0, 78.0, 92.0;
    ///                      73.0, 88.0, 95.0, 81.0;
    ///                      91.0, 76.0, 84.0, 87.0];
    /// assert_eq!(scores.median(), 86.0); // np.median(scores): (85 + 87) / 2
    /// ```
    #[must_use]
    pub fn median(&self) -> T {
        median_sorted(sorted_all(self).as_flattened())
    }

    /// The median of each column (NumPy `np.median(a, axis=0)`), as a row vector.
    ///
    /// # NaN
    /// A column with a NaN has a NaN median.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, row_vector};
    ///
    /// let a = matrix![1.0, 9.0;
    ///                 4.0, 7.0;
    ///                 2.0, 8.0];
    /// assert_eq!(a.median_axis0(), row_vector![2.0, 8.0]);
    /// ```
    #[must_use]
    pub fn median_axis0(&self) -> RowVector<T, C> {
        Matrix([core::array::from_fn(|j| {
            median_sorted(&sorted_col(self, j))
        })])
    }

    /// The median of each row (NumPy `np.median(a, axis=1)`), as a column vector; an even
    /// row length averages the middle pair.
    ///
    /// # NaN
    /// A row with a NaN has a NaN median.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![4.0, 1.0, 3.0, 2.0;
    ///                 8.0, 8.0, 0.0, 1.0];
    /// assert_eq!(a.median_axis1(), vector![2.5, 4.5]);
    /// ```
    #[must_use]
    pub fn median_axis1(&self) -> Vector<T, R> {
        Matrix(self.0.map(|row| [median_sorted(&sorted_row(&row))]))
    }

    /// The `q`-th quantile of all elements, `q` in `[0, 1]`; NumPy
    /// `np.quantile(a, q, method=...)`. See [`QuantileMethod`] for the formulas.
    ///
    /// An empty matrix gives `Ok(NaN)` (NumPy raises an `IndexError`).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if `q` is outside `[0, 1]` or NaN.
    ///
    /// # NaN
    /// Any NaN element makes the result NaN (NumPy's `quantile`, not `nanquantile`).
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Error, QuantileMethod};
    ///
    /// let scores = matrix![85.0, 90.0, 78.0, 92.0;
    ///                      73.0, 88.0, 95.0, 81.0;
    ///                      91.0, 76.0, 84.0, 87.0];
    /// // np.quantile(scores, 0.25) == 80.25
    /// assert_eq!(scores.quantile(0.25, QuantileMethod::Linear), Ok(80.25));
    /// assert_eq!(scores.quantile(1.5, QuantileMethod::Linear), Err(Error::InvalidQuantile));
    /// ```
    pub fn quantile(&self, q: T, method: QuantileMethod) -> Result<T, Error> {
        let q = check_quantile(q)?;
        Ok(quantile_sorted(sorted_all(self).as_flattened(), q, method))
    }

    /// Several quantiles of all elements at once (one sort); NumPy
    /// `np.quantile(a, [q0, q1, ..], method=...)`. The result has the shape of `qs`; for a
    /// [`Vector`] of quantiles pass `&qs.to_array()` and wrap the result with
    /// [`Vector::from_array`](Matrix::from_array).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if any `q` is outside `[0, 1]` or NaN.
    ///
    /// # NaN
    /// Any NaN element makes every result NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, QuantileMethod};
    ///
    /// let scores = matrix![85.0, 90.0, 78.0, 92.0;
    ///                      73.0, 88.0, 95.0, 81.0;
    ///                      91.0, 76.0, 84.0, 87.0];
    /// // np.quantile(scores, [0.25, 0.5, 0.75]) == [80.25, 86., 90.25]
    /// let quartiles = scores.quantiles(&[0.25, 0.5, 0.75], QuantileMethod::Linear);
    /// assert_eq!(quartiles, Ok([80.25, 86.0, 90.25]));
    /// ```
    pub fn quantiles<const K: usize>(
        &self,
        qs: &[T; K],
        method: QuantileMethod,
    ) -> Result<[T; K], Error> {
        let qs = check_all(qs)?;
        let sorted = sorted_all(self);
        Ok(qs.map(|q| quantile_sorted(sorted.as_flattened(), q, method)))
    }

    /// The `q`-th quantile of each column (NumPy `np.quantile(a, q, axis=0, method=...)`), as a
    /// row vector.
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if `q` is outside `[0, 1]` or NaN.
    ///
    /// # NaN
    /// A column with a NaN gives NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, row_vector, QuantileMethod};
    ///
    /// let a = matrix![1.0, 10.0;
    ///                 2.0, 30.0;
    ///                 3.0, 20.0];
    /// assert_eq!(a.quantile_axis0(0.75, QuantileMethod::Linear), Ok(row_vector![2.5, 25.0]));
    /// ```
    pub fn quantile_axis0(&self, q: T, method: QuantileMethod) -> Result<RowVector<T, C>, Error> {
        let q = check_quantile(q)?;
        Ok(Matrix([core::array::from_fn(|j| {
            quantile_sorted(&sorted_col(self, j), q, method)
        })]))
    }

    /// The `q`-th quantile of each row (NumPy `np.quantile(a, q, axis=1, method=...)`), as a
    /// column vector.
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if `q` is outside `[0, 1]` or NaN.
    ///
    /// # NaN
    /// A row with a NaN gives NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector, QuantileMethod};
    ///
    /// let a = matrix![1.0, 2.0, 3.0, 4.0;
    ///                 40.0, 30.0, 20.0, 10.0];
    /// assert_eq!(a.quantile_axis1(0.5, QuantileMethod::Lower), Ok(vector![2.0, 20.0]));
    /// ```
    pub fn quantile_axis1(&self, q: T, method: QuantileMethod) -> Result<Vector<T, R>, Error> {
        let q = check_quantile(q)?;
        Ok(Matrix(self.0.map(|row| {
            [quantile_sorted(&sorted_row(&row), q, method)]
        })))
    }

    /// Several quantiles of each column: row `k` of the `K x C` result holds the `qs[k]`
    /// quantile of every column, NumPy's `np.quantile(a, qs, axis=0, method=...)` (shape
    /// `(K, C)`).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if any `q` is outside `[0, 1]` or NaN.
    ///
    /// # NaN
    /// A column with a NaN gives NaN in its column of the result.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, QuantileMethod};
    ///
    /// let a = matrix![1.0, 10.0;
    ///                 2.0, 30.0;
    ///                 3.0, 20.0];
    /// let q = a.quantiles_axis0(&[0.0, 0.5, 1.0], QuantileMethod::Linear).unwrap();
    /// assert_eq!(q, matrix![1.0, 10.0; 2.0, 20.0; 3.0, 30.0]);
    /// ```
    pub fn quantiles_axis0<const K: usize>(
        &self,
        qs: &[T; K],
        method: QuantileMethod,
    ) -> Result<Matrix<T, K, C>, Error> {
        let qs = check_all(qs)?;
        let cols: [[T; R]; C] = core::array::from_fn(|j| sorted_col(self, j));
        Ok(Matrix(
            qs.map(|q| cols.map(|col| quantile_sorted(&col, q, method))),
        ))
    }

    /// Several quantiles of each row: row `i` of the `R x K` result holds row `i`'s quantiles
    /// at `qs`. NumPy's `np.quantile(a, qs, axis=1, method=...)` has shape `(K, R)`: this is
    /// its transpose, so that each per-row result stays in its row as in
    /// [`quantile_axis1`](Matrix::quantile_axis1).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if any `q` is outside `[0, 1]` or NaN.
    ///
    /// # NaN
    /// A row with a NaN gives NaN in its row of the result.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, QuantileMethod};
    ///
    /// let a = matrix![1.0, 2.0, 3.0;
    ///                 30.0, 10.0, 20.0];
    /// let q = a.quantiles_axis1(&[0.0, 0.25, 1.0], QuantileMethod::Linear).unwrap();
    /// assert_eq!(q, matrix![1.0, 1.5, 3.0; 10.0, 15.0, 30.0]);
    /// ```
    pub fn quantiles_axis1<const K: usize>(
        &self,
        qs: &[T; K],
        method: QuantileMethod,
    ) -> Result<Matrix<T, R, K>, Error> {
        let qs = check_all(qs)?;
        Ok(Matrix(self.0.map(|row| {
            let sorted = sorted_row(&row);
            qs.map(|q| quantile_sorted(&sorted, q, method))
        })))
    }

    /// The `p`-th percentile of all elements, `p` in `[0, 100]`; NumPy
    /// `np.percentile(a, p, method=...)`: the [`quantile`](Matrix::quantile) at `p / 100`
    /// (divided in `T`, then checked, as NumPy).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if `p` is outside `[0, 100]` or NaN.
    ///
    /// # NaN
    /// Any NaN element makes the result NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, Error, QuantileMethod};
    ///
    /// let scores = matrix![85.0, 90.0, 78.0, 92.0;
    ///                      73.0, 88.0, 95.0, 81.0;
    ///                      91.0, 76.0, 84.0, 87.0];
    /// assert_eq!(scores.percentile(90.0, QuantileMethod::Linear), Ok(91.9)); // np.percentile(scores, 90)
    /// assert_eq!(scores.percentile(-1.0, QuantileMethod::Linear), Err(Error::InvalidQuantile));
    /// ```
    pub fn percentile(&self, p: T, method: QuantileMethod) -> Result<T, Error> {
        self.quantile(percentile_to_quantile(p)?, method)
    }

    /// Several percentiles of all elements at once; NumPy `np.percentile(a, [p0, ..])`.
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if any `p` is outside `[0, 100]` or NaN.
    ///
    /// # NaN
    /// Any NaN element makes every result NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{vector, QuantileMethod};
    ///
    /// let x = vector![1.0, 2.0, 3.0, 4.0];
    /// assert_eq!(x.percentiles(&[0.0, 50.0, 100.0], QuantileMethod::Linear), Ok([1.0, 2.5, 4.0]));
    /// ```
    pub fn percentiles<const K: usize>(
        &self,
        ps: &[T; K],
        method: QuantileMethod,
    ) -> Result<[T; K], Error> {
        self.quantiles(&percentiles_to_quantiles(ps)?, method)
    }

    /// The `p`-th percentile of each column (NumPy `np.percentile(a, p, axis=0)`).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if `p` is outside `[0, 100]` or NaN.
    ///
    /// # NaN
    /// A column with a NaN gives NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, row_vector, QuantileMethod};
    ///
    /// let a = matrix![1.0, 10.0;
    ///                 3.0, 30.0];
    /// assert_eq!(a.percentile_axis0(50.0, QuantileMethod::Linear), Ok(row_vector![2.0, 20.0]));
    /// ```
    pub fn percentile_axis0(&self, p: T, method: QuantileMethod) -> Result<RowVector<T, C>, Error> {
        self.quantile_axis0(percentile_to_quantile(p)?, method)
    }

    /// The `p`-th percentile of each row (NumPy `np.percentile(a, p, axis=1)`).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if `p` is outside `[0, 100]` or NaN.
    ///
    /// # NaN
    /// A row with a NaN gives NaN.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector, QuantileMethod};
    ///
    /// let a = matrix![1.0, 3.0;
    ///                 10.0, 30.0];
    /// assert_eq!(a.percentile_axis1(50.0, QuantileMethod::Linear), Ok(vector![2.0, 20.0]));
    /// ```
    pub fn percentile_axis1(&self, p: T, method: QuantileMethod) -> Result<Vector<T, R>, Error> {
        self.quantile_axis1(percentile_to_quantile(p)?, method)
    }

    /// Several percentiles of each column, `K x C` (NumPy `np.percentile(a, ps, axis=0)`).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if any `p` is outside `[0, 100]` or NaN.
    ///
    /// # NaN
    /// A column with a NaN gives NaN in its column of the result.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, QuantileMethod};
    ///
    /// let a = matrix![1.0, 10.0;
    ///                 3.0, 30.0];
    /// let p = a.percentiles_axis0(&[0.0, 100.0], QuantileMethod::Linear).unwrap();
    /// assert_eq!(p, a);
    /// ```
    pub fn percentiles_axis0<const K: usize>(
        &self,
        ps: &[T; K],
        method: QuantileMethod,
    ) -> Result<Matrix<T, K, C>, Error> {
        self.quantiles_axis0(&percentiles_to_quantiles(ps)?, method)
    }

    /// Several percentiles of each row, `R x K` (the transpose of NumPy's
    /// `np.percentile(a, ps, axis=1)`, as [`quantiles_axis1`](Matrix::quantiles_axis1)).
    ///
    /// # Errors
    /// [`Error::InvalidQuantile`] if any `p` is outside `[0, 100]` or NaN.
    ///
    /// # NaN
    /// A row with a NaN gives NaN in its row of the result.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, QuantileMethod};
    ///
    /// let a = matrix![1.0, 3.0, 2.0;
    ///                 30.0, 10.0, 20.0];
    /// let p = a.percentiles_axis1(&[0.0, 100.0], QuantileMethod::Linear).unwrap();
    /// assert_eq!(p, matrix![1.0, 3.0; 10.0, 30.0]);
    /// ```
    pub fn percentiles_axis1<const K: usize>(
        &self,
        ps: &[T; K],
        method: QuantileMethod,
    ) -> Result<Matrix<T, R, K>, Error> {
        self.quantiles_axis1(&percentiles_to_quantiles(ps)?, method)
    }
}
