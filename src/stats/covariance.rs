//! Covariance and correlation matrices, with the orientation in the name: `_vars_in_rows`
//! treats each row as a variable (NumPy's default `rowvar=True`), `_vars_in_cols` each column
//! (`rowvar=False`, the usual layout of a data matrix with one observation per row).

use super::accumulate::{
    centred_cross_sum, clamp_nonnegative, count, mean_of, outside_normal_range, scaling_exponent,
};
use crate::matrix::Matrix;
use crate::numeric::Pow2Scale;
use crate::scalar::Real;

/// The symmetric `N x N` matrix whose entry `(i, j)`, `i <= j`, is `entry(i, j)`.
fn symmetric<T: Real, const N: usize>(mut entry: impl FnMut(usize, usize) -> T) -> Matrix<T, N, N> {
    let mut out = Matrix::<T, N, N>::zeros();
    for i in 0..N {
        for j in i..N {
            let value = entry(i, j);
            out.0[i][j] = value;
            out.0[j][i] = value;
        }
    }
    out
}

/// The covariance entry from a centred cross sum: clamped at zero on the diagonal (a variance),
/// divided by `max(n - ddof, 0)` as NumPy.
fn covariance_entry<T: Real>(centred: T, diagonal: bool, divisor: T) -> T {
    let centred = if diagonal {
        clamp_nonnegative(centred)
    } else {
        centred
    };
    centred / divisor
}

/// NumPy's `corrcoef` from a covariance matrix: `c_ij / s_i / s_j` with `s_i = sqrt(c_ii)`,
/// clipped to `[-1, 1]`; NaN in the row and column of a variable whose variance is zero. The
/// result does not change when variable `i` is scaled by `2^k[i]` (as
/// [`scaled_covariance`] returns it): the scales cancel exactly.
fn correlation<T: Real, const N: usize>(cov: &Matrix<T, N, N>) -> Matrix<T, N, N> {
    let std: [T; N] = core::array::from_fn(|i| cov.0[i][i].square_root());
    Matrix::from_fn(|i, j| {
        let (si, sj) = (std[i], std[j]);
        if si == T::ZERO || sj == T::ZERO {
            return T::nan();
        }
        let r = cov.0[i][j] / si / sj;
        if r > T::ONE {
            T::ONE
        } else if r < -T::ONE {
            -T::ONE
        } else {
            r
        }
    })
}

/// The covariance of two variables from their elements and means: the centred cross sum,
/// clamped at zero on the diagonal, divided by `divisor`.
fn entry<T: Real>(
    x: impl Iterator<Item = T>,
    y: impl Iterator<Item = T>,
    (mx, my): (T, T),
    diagonal: bool,
    divisor: T,
) -> T {
    covariance_entry(centred_cross_sum(x.zip(y), mx, my), diagonal, divisor)
}

/// The covariance matrix of the `N` variables `variable(i)`, `n` observations each, with
/// `ddof`, as computed: variable `i` times `2^k[i]`, so entry `(i, j)` is the covariance
/// times `2^(k[i] + k[j])`.
///
/// The fast path runs on the data as they are (`k` all zero). A variable whose variance
/// there is [`outside_normal_range`] (an overflow, or squares that underflowed) and whose
/// data are finite and not all zero is scaled by [`scaling_exponent`], and its row and column
/// are computed again; the other entries are the fast path's, bit for bit.
fn scaled_covariance<T: Real, I: Iterator<Item = T> + Clone, const N: usize>(
    variable: impl Fn(usize) -> I,
    n: usize,
    ddof: usize,
) -> (Matrix<T, N, N>, [i32; N]) {
    let divisor = count::<T>(n.saturating_sub(ddof));
    let means: [T; N] = core::array::from_fn(|i| mean_of(variable(i)));
    let mut cov = symmetric(|i, j| {
        entry(
            variable(i),
            variable(j),
            (means[i], means[j]),
            i == j,
            divisor,
        )
    });
    let k: [i32; N] = core::array::from_fn(|i| {
        if outside_normal_range(cov.0[i][i]) {
            scaling_exponent(variable(i)).unwrap_or(0)
        } else {
            0
        }
    });
    if k.iter().all(|&e| e == 0) {
        return (cov, k);
    }
    let scales = k.map(Pow2Scale::new);
    let scaled = |i: usize| {
        let scale = scales[i];
        variable(i).map(move |x| scale.apply(x))
    };
    let scaled_means: [T; N] = core::array::from_fn(|i| {
        if k[i] == 0 {
            means[i]
        } else {
            mean_of(scaled(i))
        }
    });
    for i in 0..N {
        for j in i..N {
            if k[i] != 0 || k[j] != 0 {
                let means = (scaled_means[i], scaled_means[j]);
                let value = entry(scaled(i), scaled(j), means, i == j, divisor);
                cov.0[i][j] = value;
                cov.0[j][i] = value;
            }
        }
    }
    (cov, k)
}

/// The covariance matrix of the `N` variables `variable(i)` with `ddof`: entries whose
/// exact value is finite come out finite, and `±inf` only where the exact value overflows.
fn covariance<T: Real, I: Iterator<Item = T> + Clone, const N: usize>(
    variable: impl Fn(usize) -> I,
    n: usize,
    ddof: usize,
) -> Matrix<T, N, N> {
    let (mut cov, k) = scaled_covariance(variable, n, ddof);
    for i in 0..N {
        for j in 0..N {
            if k[i] != 0 || k[j] != 0 {
                cov.0[i][j] = Pow2Scale::new(-(k[i] + k[j])).apply(cov.0[i][j]);
            }
        }
    }
    cov
}

impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The covariance matrix of the rows: each of the `R` rows is a variable, each of the `C`
    /// columns an observation; NumPy `np.cov(a, ddof=ddof)` (`rowvar=True`, NumPy's default
    /// orientation). NumPy's default is `ddof = 1` (the unbiased estimate, `bias=False`):
    /// `cov_vars_in_rows(1)` is `np.cov(a)`.
    ///
    /// Entry `(i, j)` is `sum_k (a_ik - m_i)(a_jk - m_j) / (C - ddof)`, computed with the
    /// corrected two-pass algorithm and compensated sums as [`var`](Matrix::var): the
    /// diagonal equals [`var_axis1(ddof)`](Matrix::var_axis1) bit for bit, is never negative,
    /// and the result is exactly symmetric. `ddof >= C` divides by zero as NumPy: `inf`,
    /// `-inf`, or NaN where the centred sum is zero.
    ///
    /// At the edge of the range: for a finite variable, an entry is `±inf` exactly where the
    /// exact covariance overflows and finite otherwise (a variable whose deviations or their
    /// squares leave the range is scaled by a power of two, exactly, and its entries scaled
    /// back); never NaN from `inf - inf`, which NumPy gives where a variable's mean
    /// overflows.
    ///
    /// # NaN
    /// A variable (row) holding a NaN or an infinity has NaN in its row and column of the
    /// result; the other entries are unaffected, as NumPy.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// // Two variables (rows), three observations each.
    /// let x = matrix![0.0, 1.0, 2.0;
    ///                 2.0, 1.0, 0.0];
    /// assert_eq!(x.cov_vars_in_rows(1), matrix![1.0, -1.0; -1.0, 1.0]); // np.cov(x)
    /// assert_eq!(x.cov_vars_in_rows(0)[(0, 0)], 2.0 / 3.0); // np.cov(x, ddof=0)
    ///
    /// let m = f64::MAX;
    /// let huge = matrix![-m, m;
    ///                    m, m;
    ///                    1.0, 2.0];
    /// // MAX^2 overflows, MAX / 2 does not; NumPy gives the same but NaN in the middle row
    /// // and column, where its mean of [MAX, MAX] overflows.
    /// let inf = f64::INFINITY;
    /// assert_eq!(
    ///     huge.cov_vars_in_rows(0), // np.cov(huge, ddof=0)
    ///     matrix![inf, 0.0, m / 2.0; 0.0, 0.0, 0.0; m / 2.0, 0.0, 0.25]
    /// );
    /// ```
    #[must_use]
    pub fn cov_vars_in_rows(&self, ddof: usize) -> Matrix<T, R, R> {
        covariance(|i| self.0[i].iter().copied(), C, ddof)
    }

    /// The covariance matrix of the columns: each of the `C` columns is a variable, each of the
    /// `R` rows an observation (the usual data-matrix layout); NumPy
    /// `np.cov(a, rowvar=False, ddof=ddof)`. NumPy's default is `ddof = 1`.
    ///
    /// Entry `(i, j)` is `sum_k (a_ki - m_i)(a_kj - m_j) / (R - ddof)`, computed as
    /// [`cov_vars_in_rows`](Matrix::cov_vars_in_rows); the diagonal equals
    /// [`var_axis0(ddof)`](Matrix::var_axis0) bit for bit. `ddof >= R` divides by zero as
    /// NumPy.
    ///
    /// # NaN
    /// A variable (column) holding a NaN or an infinity has NaN in its row and column of the
    /// result, as NumPy.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// // Three observations (rows) of two variables (columns).
    /// let x = matrix![0.0, 2.0;
    ///                 1.0, 1.0;
    ///                 2.0, 0.0];
    /// assert_eq!(x.cov_vars_in_cols(1), matrix![1.0, -1.0; -1.0, 1.0]); // np.cov(x, rowvar=False)
    /// ```
    #[must_use]
    pub fn cov_vars_in_cols(&self, ddof: usize) -> Matrix<T, C, C> {
        covariance(|j| self.0.iter().map(move |row| row[j]), R, ddof)
    }

    /// The Pearson correlation matrix of the rows (each row a variable); NumPy
    /// `np.corrcoef(a)`.
    ///
    /// NumPy's formula: `c_ij / s_i / s_j` from `c = np.cov(a)` and `s_i = sqrt(c_ii)`,
    /// clipped to `[-1, 1]`. It does not depend on `ddof` (NumPy deprecated the argument).
    /// The diagonal is 1 within a few units of roundoff (and never above 1), as NumPy's.
    ///
    /// A constant variable (zero variance) has NaN in its row and column, its diagonal entry
    /// included, as NumPy (`0/0`); this is set explicitly, so it holds even where rounding
    /// would leave a tiny non-zero covariance. Fewer than two observations give NaN.
    ///
    /// At the edge of the range: the correlation of finite variables is computed from their
    /// covariances on the variables scaled by powers of two where they leave the range (a
    /// correlation does not depend on the scale), so it stays in `[-1, 1]` for huge or tiny
    /// data (NumPy: NaN).
    ///
    /// # NaN
    /// A variable holding a NaN or an infinity has NaN in its row and column.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let x = matrix![1.0f64, 2.0, 3.0, 4.0;
    ///                 2.0, 4.0, 6.0, 8.0;
    ///                 5.0, 5.0, 5.0, 5.0];
    /// let r = x.corrcoef_vars_in_rows(); // np.corrcoef(x)
    /// assert_eq!(r[(0, 1)], 1.0);
    /// assert!(r[(2, 2)].is_nan()); // a constant variable
    /// ```
    #[must_use]
    pub fn corrcoef_vars_in_rows(&self) -> Matrix<T, R, R> {
        correlation(&scaled_covariance(|i| self.0[i].iter().copied(), C, 1).0)
    }

    /// The Pearson correlation matrix of the columns (each column a variable); NumPy
    /// `np.corrcoef(a, rowvar=False)`. See
    /// [`corrcoef_vars_in_rows`](Matrix::corrcoef_vars_in_rows) for the formula and the
    /// zero-variance rule.
    ///
    /// # NaN
    /// A variable holding a NaN or an infinity has NaN in its row and column.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let x = matrix![1.0, 3.0;
    ///                 2.0, 2.0;
    ///                 3.0, 1.0];
    /// assert_eq!(x.corrcoef_vars_in_cols(), matrix![1.0, -1.0; -1.0, 1.0]);
    /// ```
    #[must_use]
    pub fn corrcoef_vars_in_cols(&self) -> Matrix<T, C, C> {
        correlation(&scaled_covariance(|j| self.0.iter().map(move |row| row[j]), R, 1).0)
    }
}
