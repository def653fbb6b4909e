//! Reductions and statistics of a [`DMatrix`] along an axis: NumPy's `sum`, `mean`, `var`,
//! `std`, `min`, `max` and `median` with `axis=0` (one value per column) or `axis=1` (one per
//! row), as `Vec`s (NumPy's 1-D results). Each calls the routine the static matrices'
//! `*_axis0`/`*_axis1` methods call, over the same elements in the same order, so a
//! `DMatrix` and a `Matrix` of the same values give the same bits.

use alloc::vec::Vec;

use super::DMatrix;
use crate::reduce::extrema::{first_extreme, greater, less};
use crate::reduce::sum::pairwise_sum;
use crate::scalar::Real;
use crate::stats::accumulate::{Spread, mean_of};
use crate::stats::quantile::{median_sorted, sort};

/// Which way a reduction runs: NumPy's `axis` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    /// Down the columns: one result per column, NumPy's `axis=0`.
    Columns,
    /// Along the rows: one result per row, NumPy's `axis=1`.
    Rows,
}

impl<T: Real> DMatrix<T> {
    /// `f` of each column (`Axis::Columns`) or each row (`Axis::Rows`).
    fn per_axis(&self, axis: Axis, f: impl Fn(Lane<'_, T>) -> T) -> Vec<T> {
        let (rows, cols) = self.shape();
        let data = self.as_slice();
        match axis {
            Axis::Columns => (0..cols)
                .map(|j| {
                    f(Lane {
                        data,
                        start: j,
                        step: cols,
                        len: rows,
                    })
                })
                .collect(),
            Axis::Rows => (0..rows)
                .map(|i| {
                    f(Lane {
                        data,
                        start: i * cols,
                        step: 1,
                        len: cols,
                    })
                })
                .collect(),
        }
    }

    /// The sum along `axis`, NumPy's `np.sum(a, axis)`: pairwise summation in NumPy's
    /// blocks, as the static `sum_axis0`/`sum_axis1`, so the bits are NumPy's.
    ///
    /// # Example
    /// ```
    /// use statrix::{Axis, DMatrix};
    /// let a = DMatrix::from_vec(2, 3, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0])?;
    /// assert_eq!(a.sum_axis(Axis::Columns), [5.0, 7.0, 9.0]); // np.sum(a, axis=0)
    /// assert_eq!(a.sum_axis(Axis::Rows), [6.0, 15.0]); // np.sum(a, axis=1)
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn sum_axis(&self, axis: Axis) -> Vec<T> {
        self.per_axis(axis, |l| T::ZERO + pairwise_sum(&|k| l.get(k), 0, l.len))
    }

    /// The mean along `axis`, NumPy's `np.mean(a, axis)`: the static `mean_axis0`'s
    /// compensated sum (rescaled where the sum would overflow). NaN for an empty lane.
    ///
    /// # Example
    /// ```
    /// use statrix::{Axis, DMatrix};
    /// let a = DMatrix::from_vec(2, 2, vec![1.0, 2.0, 3.0, 6.0])?;
    /// assert_eq!(a.mean_axis(Axis::Columns), [2.0, 4.0]); // X.mean(axis=0)
    /// assert_eq!(a.mean_axis(Axis::Rows), [1.5, 4.5]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn mean_axis(&self, axis: Axis) -> Vec<T> {
        self.per_axis(axis, |l| mean_of(l.iter()))
    }

    /// The variance along `axis` with `ddof` degrees of freedom removed, NumPy's
    /// `np.var(a, axis, ddof=ddof)`: the static `var_axis0`'s two-pass computation (rescaled
    /// outside the normal range).
    ///
    /// # Example
    /// ```
    /// use statrix::{Axis, DMatrix};
    /// let a = DMatrix::from_vec(3, 1, vec![1.0, 2.0, 6.0])?;
    /// assert_eq!(a.var_axis(Axis::Columns, 1), [7.0]); // np.var(a, axis=0, ddof=1)
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn var_axis(&self, axis: Axis, ddof: usize) -> Vec<T> {
        self.per_axis(axis, |l| Spread::of(l.iter(), ddof).var())
    }

    /// The standard deviation along `axis`, NumPy's `np.std(a, axis, ddof=ddof)` (the seed's
    /// `np.std(X, axis=1)` is `std_axis(Axis::Rows, 0)`).
    ///
    /// # Example
    /// ```
    /// use statrix::{Axis, DMatrix};
    /// let a = DMatrix::from_vec(2, 2, vec![1.0, 3.0, 2.0, 2.0])?;
    /// assert_eq!(a.std_axis(Axis::Rows, 0), [1.0, 0.0]); // np.std(a, axis=1)
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn std_axis(&self, axis: Axis, ddof: usize) -> Vec<T> {
        self.per_axis(axis, |l| Spread::of(l.iter(), ddof).std())
    }

    /// The minimum along `axis`, NumPy's `np.min(a, axis)`: NaN propagates. NaN for an empty
    /// lane (NumPy raises there).
    ///
    /// # Example
    /// ```
    /// use statrix::{Axis, DMatrix};
    /// let a = DMatrix::from_vec(2, 2, vec![3.0, -1.0, 2.0, f64::NAN])?;
    /// let m = a.min_axis(Axis::Columns);
    /// assert_eq!(m[0], 2.0);
    /// assert!(m[1].is_nan());
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn min_axis(&self, axis: Axis) -> Vec<T> {
        self.per_axis(axis, |l| extreme(l, less))
    }

    /// The maximum along `axis`, NumPy's `np.max(a, axis)`: NaN propagates.
    ///
    /// # Example
    /// ```
    /// use statrix::{Axis, DMatrix};
    /// let a = DMatrix::from_vec(2, 2, vec![3.0, -1.0, 2.0, 5.0])?;
    /// assert_eq!(a.max_axis(Axis::Rows), [3.0, 5.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn max_axis(&self, axis: Axis) -> Vec<T> {
        self.per_axis(axis, |l| extreme(l, greater))
    }

    /// The median along `axis`, NumPy's `np.median(a, axis)`: an even count averages the
    /// middle pair (the static `median_axis0`'s code); NaN propagates.
    ///
    /// # Example
    /// ```
    /// use statrix::{Axis, DMatrix};
    /// let a = DMatrix::from_vec(2, 3, vec![3.0, 1.0, 2.0, 10.0, 40.0, 20.0])?;
    /// assert_eq!(a.median_axis(Axis::Rows), [2.0, 20.0]);
    /// assert_eq!(a.median_axis(Axis::Columns), [6.5, 20.5, 11.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn median_axis(&self, axis: Axis) -> Vec<T> {
        self.per_axis(axis, |l| {
            let mut values: Vec<T> = l.iter().collect();
            sort(&mut values);
            median_sorted(&values)
        })
    }
}

/// One column or row of a matrix: `len` elements from `start`, `step` apart.
#[derive(Clone, Copy)]
struct Lane<'a, T> {
    data: &'a [T],
    start: usize,
    step: usize,
    len: usize,
}

impl<'a, T: Copy> Lane<'a, T> {
    fn get(&self, k: usize) -> T {
        self.data[self.start + k * self.step]
    }

    fn iter(self) -> impl Iterator<Item = T> + Clone + 'a {
        // An empty lane may start past the end (the columns of a matrix with no rows).
        self.data
            .get(self.start..)
            .unwrap_or(&[])
            .iter()
            .step_by(self.step)
            .take(self.len)
            .copied()
    }
}

/// The static reductions' first extremum (NaN propagating); NaN for an empty lane.
fn extreme<T: Real>(lane: Lane<'_, T>, better: fn(T, T) -> bool) -> T {
    let mut xs = lane.iter();
    match xs.next() {
        Some(first) => first_extreme(first, xs, better).1,
        None => T::nan(),
    }
}
