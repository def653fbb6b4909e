//! `sum` and `prod`, whole-matrix and per axis. Sums use NumPy's pairwise summation, so
//! float sums carry an error bound that grows with `log2 n`, not `n`.
//!
//! # Accuracy of float sums
//!
//! The algorithm is NumPy's `pairwise_sum` (`numpy/_core/src/umath/loops_utils.h.src`): a
//! run of `n < 8` elements is added left to right; `8 <= n <= 128` elements go to eight
//! accumulators (element `i` into accumulator `i mod 8`, for the first `n - n mod 8`
//! elements), combined as `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))`, then the last
//! `n mod 8` elements are added left to right; longer runs split at `n1 = floor(n / 2)`
//! rounded down to a multiple of 8 and add the two halves' pairwise sums.
//!
//! Every element then passes through at most `D(n)` roundings, with `D(n) = n - 1` for
//! `n < 8`, `D(n) = floor(n / 8) + 2 + n mod 8` for `8 <= n <= 128` (so at most 24, at
//! `n = 127`), and `D(n) = 1 + max(D(n1), D(n - n1))` above. Higham, *Accuracy and
//! Stability of Numerical Algorithms* (2nd ed.), eq. (4.3) and §4.2, gives for the computed
//! sum `s_hat` of `s = sum x_i`
//!
//! `|s_hat - s| <= gamma_D * sum |x_i|`, `gamma_D = D u / (1 - D u)`, `u = eps / 2`,
//!
//! and `D(n) <= 17 + ceil(log2 n)` for every `n >= 2`. (By induction on the splits: the
//! first half has at most `n / 2` elements; the second has fewer than `2^(k-1) + 8` when
//! `2^(k-1) < n <= 2^k`, and a run of `2^j + r` elements, `r < 8`, `2^j >= 128`, has
//! `D <= j + 11`.) Left-to-right summation has `D = n - 1` instead.

use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// NumPy's pairwise sum of the `len` values `get(start)`, ..., `get(start + len - 1)`.
///
/// NumPy starts the short runs at `-0.0`, this at `T::ZERO` (there is no `-0` for
/// unsigned integers). The two differ only in the sign of a zero partial sum, and the
/// callers add the result to `T::ZERO`, which NumPy does too (the reduction starts from
/// the identity): a non-zero total is unaffected by the sign of a zero addend, and a zero
/// total becomes `+0.0` either way. So the results are NumPy's bit for bit.
///
/// Recursion depth is `log2(len / 128) + 1` at most.
pub(crate) fn pairwise_sum<T: Scalar>(get: &impl Fn(usize) -> T, start: usize, len: usize) -> T {
    if len < 8 {
        let mut acc = T::ZERO;
        for k in start..start + len {
            acc += get(k);
        }
        acc
    } else if len <= 128 {
        let mut r: [T; 8] = core::array::from_fn(|j| get(start + j));
        let whole_blocks = len - len % 8;
        for block in (8..whole_blocks).step_by(8) {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc += get(start + block + j);
            }
        }
        let [r0, r1, r2, r3, r4, r5, r6, r7] = r;
        let mut acc = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
        for k in whole_blocks..len {
            acc += get(start + k);
        }
        acc
    } else {
        let half = len / 2;
        let half = half - half % 8;
        pairwise_sum(get, start, half) + pairwise_sum(get, start + half, len - half)
    }
}

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The sum of all elements, NumPy's `np.sum(a)`; 0 for an empty matrix.
    ///
    /// Floats are summed pairwise in row-major order exactly as NumPy sums a contiguous
    /// array, so the result is NumPy's bit for bit, with the error bound
    /// `|s_hat - s| <= gamma_D * sum |x_i|`, `D <= min(n - 1, 17 + ceil(log2 n))` roundings
    /// per element, `gamma_D = D u / (1 - D u)`, `u = eps / 2`, `n = R * C` (see the
    /// derivation in the module source). A sum of zeros is `+0.0`, as NumPy.
    ///
    /// Integers: the result has the type `T` (NumPy widens `int32` and smaller to `int64`
    /// first; `m.cast::<i64>().sum()` does that here). It is exact whenever no partial sum
    /// overflows, in particular whenever `sum |x_i| <= T::MAX`; otherwise Rust's rule for
    /// `+` applies (a panic in debug builds, wrap-around in release builds, where the
    /// result is NumPy's wrapped one). [`checked_sum`](Matrix::checked_sum) returns `None`
    /// exactly when the sum does not fit.
    ///
    /// # NaN
    /// A NaN element makes the sum NaN, and so do `inf` and `-inf` together (as NumPy).
    ///
    /// # Panics
    /// In debug builds, if an integer partial sum overflows (see above); never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::{vector, Matrix};
    ///
    /// let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    /// assert_eq!(arr.sum(), 39); // np.sum(arr)
    ///
    /// // The exact sum of 1024 copies of 0.1f32 is 102.4000015...; np.sum gives 102.40002
    /// // (2 ulps off), a left-to-right sum 102.39901 (130 ulps off).
    /// let tenths = Matrix::<f32, 1, 1024>::full(0.1);
    /// assert_eq!(tenths.sum(), 102.40002);
    /// assert_eq!(tenths.iter().sum::<f32>(), 102.39901);
    /// ```
    #[must_use]
    pub fn sum(&self) -> T {
        let flat = self.as_slice();
        T::ZERO + pairwise_sum(&|k| flat[k], 0, flat.len())
    }

    /// The sum of each column, NumPy's `np.sum(a, axis=0)`, as a row vector.
    ///
    /// Each column is summed pairwise (see [`sum`](Matrix::sum)), so the error bound is
    /// [`sum`](Matrix::sum)'s with `n = R`. NumPy adds the rows of a C-contiguous array one
    /// after another (`D = R - 1`), so for `R >= 8` and `C > 1` the two may differ in the
    /// last bits, this one having the smaller error bound; for `R < 8` or `C == 1` they are
    /// equal bit for bit.
    ///
    /// # NaN
    /// A NaN in a column makes that column's sum NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer partial sum overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1, 2, 3;
    ///                 4, 5, 6];
    /// assert_eq!(a.sum_axis0(), matrix![5, 7, 9]); // np.sum(a, axis=0)
    /// ```
    #[must_use]
    pub fn sum_axis0(&self) -> Matrix<T, 1, C> {
        Matrix([core::array::from_fn(|j| {
            T::ZERO + pairwise_sum(&|i| self.0[i][j], 0, R)
        })])
    }

    /// The sum of each row, NumPy's `np.sum(a, axis=1)`, as a column vector.
    ///
    /// Each row is summed pairwise exactly as NumPy does, so the results are NumPy's bit for
    /// bit, with [`sum`](Matrix::sum)'s error bound for `n = C`.
    ///
    /// # NaN
    /// A NaN in a row makes that row's sum NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer partial sum overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![1, 2, 3;
    ///                 4, 5, 6];
    /// assert_eq!(a.sum_axis1(), vector![6, 15]); // np.sum(a, axis=1)
    /// ```
    #[must_use]
    pub fn sum_axis1(&self) -> Matrix<T, R, 1> {
        Matrix(
            self.0
                .map(|row| [T::ZERO + pairwise_sum(&|j| row[j], 0, C)]),
        )
    }

    /// The product of all elements in row-major order, NumPy's `np.prod(a)`; 1 for an empty
    /// matrix.
    ///
    /// Multiplied left to right as NumPy does, so float results are NumPy's bit for bit;
    /// barring underflow and overflow, `|p_hat - p| <= gamma_(n-1) |p|` (Higham, Lemma 3.1),
    /// `n = R * C`. Integer overflow follows Rust's rules (see [`sum`](Matrix::sum));
    /// [`checked_prod`](Matrix::checked_prod) returns `None` instead.
    ///
    /// # NaN
    /// A NaN element makes the product NaN, and so does `0 * inf`.
    ///
    /// # Panics
    /// In debug builds, if an integer partial product overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    ///
    /// let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    /// assert_eq!(arr.prod(), 97200); // np.prod(arr)
    /// ```
    #[must_use]
    pub fn prod(&self) -> T {
        self.iter().fold(T::ONE, |acc, &x| acc * x)
    }

    /// The product of each column, NumPy's `np.prod(a, axis=0)`, as a row vector.
    ///
    /// Multiplied top to bottom, as NumPy, so float results are NumPy's bit for bit.
    ///
    /// # NaN
    /// A NaN in a column makes that column's product NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer partial product overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let a = matrix![1, 2, 3;
    ///                 4, 5, 6];
    /// assert_eq!(a.prod_axis0(), matrix![4, 10, 18]); // np.prod(a, axis=0)
    /// ```
    #[must_use]
    pub fn prod_axis0(&self) -> Matrix<T, 1, C> {
        let mut out = [T::ONE; C];
        for row in &self.0 {
            for (acc, &x) in out.iter_mut().zip(row) {
                *acc *= x;
            }
        }
        Matrix([out])
    }

    /// The product of each row, NumPy's `np.prod(a, axis=1)`, as a column vector.
    ///
    /// Multiplied left to right, as NumPy, so float results are NumPy's bit for bit.
    ///
    /// # NaN
    /// A NaN in a row makes that row's product NaN.
    ///
    /// # Panics
    /// In debug builds, if an integer partial product overflows; never for floats.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let a = matrix![1, 2, 3;
    ///                 4, 5, 6];
    /// assert_eq!(a.prod_axis1(), vector![6, 120]); // np.prod(a, axis=1)
    /// ```
    #[must_use]
    pub fn prod_axis1(&self) -> Matrix<T, R, 1> {
        Matrix(
            self.0
                .map(|row| [row.iter().fold(T::ONE, |acc, &x| acc * x)]),
        )
    }
}
