//! Statistics on `f32`/`f64` matrices, with NumPy's results and conventions, and no heap.
//!
//! Every statistic is a method on [`Matrix<T, R, C>`](crate::Matrix) for `T: Real`, for any
//! static shape, in three forms (the crate-wide naming):
//!
//! | form | NumPy | result |
//! | --- | --- | --- |
//! | `mean()` | `np.mean(a)` | one value over all elements |
//! | `mean_axis0()` | `np.mean(a, axis=0)` | one value per column: [`RowVector<T, C>`](crate::RowVector) |
//! | `mean_axis1()` | `np.mean(a, axis=1)` | one value per row: [`Vector<T, R>`](crate::Vector) |
//!
//! | statistic | methods | NumPy / SciPy |
//! | --- | --- | --- |
//! | mean | `mean`, `mean_axis0`, `mean_axis1` | `np.mean` |
//! | variance | `var(ddof)` + axis forms | `np.var(a, ddof=..)` (NumPy default `ddof=0`) |
//! | standard deviation | `std(ddof)` + axis forms | `np.std(a, ddof=..)` |
//! | median | `median` + axis forms | `np.median` |
//! | quantiles | `quantile(q, method)`, `quantiles(&[q; K], method)` + axis forms | `np.quantile(a, q, method=..)` |
//! | percentiles | `percentile(p, method)`, `percentiles(&[p; K], method)` + axis forms | `np.percentile` |
//! | covariance | `cov_vars_in_rows(ddof)`, `cov_vars_in_cols(ddof)` | `np.cov(a)`, `np.cov(a, rowvar=False)` (default `ddof=1`) |
//! | correlation | `corrcoef_vars_in_rows()`, `corrcoef_vars_in_cols()` | `np.corrcoef(a)`, `np.corrcoef(a, rowvar=False)` |
//! | z-score | `zscore(ddof)` + axis forms | `scipy.stats.zscore(a, axis=.., ddof=..)` |
//! | min-max scaling | `min_max_scale()` + axis forms | `(a - a.min(0)) / (a.max(0) - a.min(0))` |
//!
//! `min`/`max` and the other reductions that make sense for integers (sum, sort, ...) are in
//! the reductions; these are the statistics that need a real type.
//!
//! ```
//! use statrix::{matrix, QuantileMethod};
//!
//! let scores = matrix![85.0, 90.0, 78.0, 92.0;
//!                      73.0, 88.0, 95.0, 81.0;
//!                      91.0, 76.0, 84.0, 87.0];
//! assert_eq!(scores.mean(), 85.0);
//! assert_eq!(scores.median(), 86.0);
//! assert_eq!(scores.std(0), 6.544717972023954);
//! assert_eq!(scores.var(0), 42.833333333333336);
//! println!("{}", scores.mean_axis0().display_flat()); // [83.         84.66666667 85.66666667 86.66666667]
//! println!("{}", scores.mean_axis1().display_flat()); // [86.25 84.25 84.5 ]
//! let quartiles = scores.quantiles(&[0.25, 0.5, 0.75], QuantileMethod::Linear)?;
//! assert_eq!(quartiles, [80.25, 86.0, 90.25]);
//! # Ok::<(), statrix::Error>(())
//! ```
//!
//! # Conventions
//!
//! - **`ddof`** is NumPy's delta degrees of freedom, a `usize`: the divisor is `n - ddof`.
//!   `ddof >= n` divides by zero exactly as NumPy does (`max(n - ddof, 0)`): `inf` for data
//!   that vary, NaN for constant data. Nothing panics.
//! - **Quantiles** follow NumPy's `_quantile` formulas for the methods in
//!   [`QuantileMethod`](crate::QuantileMethod), including `nearest`'s ties to the even index, and are bit-for-bit
//!   NumPy's. `q` outside `[0, 1]` (`p` outside `[0, 100]`) or NaN is
//!   [`Error::InvalidQuantile`](crate::Error::InvalidQuantile).
//! - **Orientation** is in the name, and says where the variables are:
//!   `cov_vars_in_rows`/`corrcoef_vars_in_rows` treat each row as a variable (NumPy's default
//!   `rowvar=True`), `cov_vars_in_cols`/`corrcoef_vars_in_cols` each column (`rowvar=False`).
//!   Reductions name NumPy's axis number instead (`_axis0`, `_axis1`).
//! - **Zero variance**: `corrcoef` and `zscore` give NaN for a constant variable (NumPy's
//!   `0/0`), set explicitly, never `±inf`; min-max scaling of a constant gives NaN (`0/0`).
//! - **Empty** matrices (`R` or `C` zero) give NaN for every statistic (NumPy: NaN for
//!   `mean`/`var`/`median`, an `IndexError` for `quantile`).
//!
//! # NaN
//!
//! As NumPy's non-`nan` functions: a NaN propagates to every statistic of the data holding it
//! (per axis: only to its column's or row's result); the median and quantiles of data with a
//! NaN are NaN. Infinities follow IEEE arithmetic as in NumPy: the mean of data with `+inf`
//! is `inf`, its variance NaN (`inf - inf`). Every method's docs state its rule.
//!
//! # The edge of the range
//!
//! Finite data give the exact answer's class: a mean, variance, standard deviation,
//! covariance or correlation whose exact value is finite comes out finite (the mean of
//! `[MAX, MAX]` is `MAX`, the standard deviation of `[-MAX, MAX]` is `MAX`, correlations
//! of huge or tiny data stay in `[-1, 1]`), and one whose exact value overflows comes out
//! `±inf`, as NumPy's (`var` of `[-MAX, MAX]` is `inf`); none is NaN from an `inf - inf` in
//! an intermediate. The formulas run on the data as they are, and only where a result leaves
//! the range (or a variance falls below the smallest normal number) are they run again on the
//! data scaled by a power of two, which is exact, so results inside the range are unchanged.
//! Z-scores are taken on the scaled data, and min-max scaling halves data whose span
//! overflows.
//!
//! # Accuracy
//!
//! With `u` the unit roundoff (`2^-53` for `f64`, `2^-24` for `f32`) and
//! `gamma_k = k u / (1 - k u)` (Higham, *Accuracy and Stability of Numerical Algorithms*):
//!
//! - **Sums** are compensated (Kahan–Babuška–Neumaier): the rounding error of each addition
//!   is recovered exactly and summed on the side, so a sum `S` of `n` terms comes out within
//!   `u |S| + (1 + u) gamma_{n-1} (n - 1) u (1 + gamma_{n-1}) sum |x_i|` of the exact
//!   value: about one rounding plus an `n^2 u^2` term. The **mean** divides once more:
//!   `|mean_hat - mean| <= gamma_2 |mean| + (1 + u)^2 (1 + gamma_{n-1}) gamma_{n-1} (n - 1)
//!   u sum |x_i| / n`. (NumPy's sums are not compensated: blocked pairwise along contiguous
//!   data, row by row for `axis=0`, with an error that grows with `n`, at worst
//!   `gamma_{n-1} sum |x_i|`; so NumPy's mean and this one can differ in the last bits where
//!   NumPy's is not correctly rounded. The tests check both against the exact mean.)
//! - **Variance and covariance** use the corrected two-pass algorithm (Chan, Golub and
//!   LeVeque 1983): with the computed means, `sum dx dy - (sum dx)(sum dy) / n`, which cancels
//!   the first-order effect of the means' rounding errors; with compensated sums the result is
//!   within a few `u` of the exact value relative to `sum |dx dy|` even for data with a large
//!   common offset. `var` of `1e9 + [1, 2, 3]` is exactly `2/3` rounded, as NumPy's.
//! - **Order statistics** (median, quantiles, percentiles, min-max scaling) are NumPy's
//!   formulas on exact order statistics: bit-for-bit NumPy's (for `f32`, NumPy's with the
//!   quantile given as `float32`).
//!
//! Everything runs on the stack (a sorted copy of the data for the order statistics) and
//! builds without `std`.

pub(crate) mod accumulate;
mod covariance;
mod moments;
pub(crate) mod quantile;
mod scaling;
