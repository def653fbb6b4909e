//! Balancing for the general eigenproblem (LAPACK `xGEBAL`): [`Balance`], whose
//! documentation holds the notes.

use crate::error::Error;
use crate::matrix::{Matrix, Vector};
use crate::numeric::{Pow2Scale, all_finite, exponent, max_abs, norm};
use crate::scalar::Real;

/// What the balancing does: LAPACK's `job` argument of `dgebal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BalanceJob {
    /// Permute only (`'P'`): an orthogonal similarity, kept by the Schur form.
    Permute,
    /// Permute, then scale (`'B'`), as `dgeev` (and so `np.linalg.eig`) does.
    PermuteAndScale,
}

/// How many scaling sweeps the balancing may make. LAPACK iterates until no scale factor
/// changes (typically 2 to 5 sweeps, and it always terminates); this cap only makes the
/// bound explicit. Stopping early is harmless: every sweep is an exact similarity.
const MAX_SCALING_SWEEPS: usize = 1000;

/// The record of a balancing, in LAPACK's form: rows and columns `ilo..=ihi` form the
/// block left to the iterative methods; `record[j]` for `j` outside it is the index that was
/// swapped into position `j`; `scale[j]` inside it is the scale factor `d_j`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Balancing<T, const N: usize> {
    pub(crate) ilo: usize,
    pub(crate) ihi: usize,
    pub(crate) scale: [T; N],
    pub(crate) record: [usize; N],
}

/// Swaps columns `i` and `j` of `a` in rows `0..=last_row`.
fn swap_cols<T: Real, const N: usize>(a: &mut [[T; N]; N], i: usize, j: usize, last_row: usize) {
    for row in a.iter_mut().take(last_row + 1) {
        row.swap(i, j);
    }
}

/// Swaps rows `i` and `j` of `a` in columns `first_col..N`.
fn swap_rows<T: Real, const N: usize>(a: &mut [[T; N]; N], i: usize, j: usize, first_col: usize) {
    let (row_i, row_j) = (a[i], a[j]);
    a[i][first_col..].copy_from_slice(&row_j[first_col..]);
    a[j][first_col..].copy_from_slice(&row_i[first_col..]);
}

/// Balances `a` in place (LAPACK 3.12 `dgebal`). `N` must be at least 1 and `a` finite.
pub(crate) fn balance_in_place<T: Real, const N: usize>(
    a: &mut [[T; N]; N],
    job: BalanceJob,
) -> Balancing<T, N> {
    let mut record = [0usize; N];
    for (j, r) in record.iter_mut().enumerate() {
        *r = j;
    }
    let mut scale = [T::ONE; N];
    let mut k = 0;
    let mut l = N - 1;

    // Rows whose off-diagonal part (within columns 0..=l) is zero go to the bottom. Each
    // pass either moves a row (l decreases) or ends the search: at most N passes.
    for _pass in 0..=N {
        let mut moved = false;
        for i in (0..=l).rev() {
            if i > l {
                continue;
            }
            let isolated = (0..=l).all(|j| j == i || a[i][j] == T::ZERO);
            if isolated {
                record[l] = i;
                if i != l {
                    swap_cols(a, i, l, l);
                    swap_rows(a, i, l, k);
                }
                moved = true;
                if l == 0 {
                    return Balancing {
                        ilo: 0,
                        ihi: 0,
                        scale,
                        record,
                    };
                }
                l -= 1;
            }
        }
        if !moved {
            break;
        }
    }

    // Columns whose off-diagonal part (within rows k..=l) is zero go to the left.
    for _pass in 0..=N {
        let mut moved = false;
        // The pass runs over the columns from k as it was when the pass started (as LAPACK's
        // DO loop), while k advances inside it.
        let k_start = k;
        for j in k_start..=l {
            if j < k || k >= l {
                continue;
            }
            let isolated = (k..=l).all(|i| i == j || a[i][j] == T::ZERO);
            if isolated {
                record[k] = j;
                if j != k {
                    swap_cols(a, j, k, l);
                    swap_rows(a, j, k, k);
                }
                moved = true;
                k += 1;
            }
        }
        if !moved {
            break;
        }
    }

    if job == BalanceJob::PermuteAndScale {
        scale_block(a, k, l, &mut scale);
    }
    Balancing {
        ilo: k,
        ihi: l,
        scale,
        record,
    }
}

/// The scaling half of `dgebal`: scales row `i` by `1/f` and column `i` by `f` (`f` a power
/// of two) while that shrinks `||row_i|| + ||col_i||` by more than 5%.
fn scale_block<T: Real, const N: usize>(
    a: &mut [[T; N]; N],
    k: usize,
    l: usize,
    scale: &mut [T; N],
) {
    let two = T::TWO;
    let factor = T::from(0.95).unwrap_or(T::ONE);
    let sfmin1 = T::min_positive_value() / T::epsilon();
    let sfmax1 = T::ONE / sfmin1;
    let sfmin2 = sfmin1 * two;
    let sfmax2 = T::ONE / sfmin2;
    if already_balanced(a, k, l) {
        // The first sweep would change nothing, so dgebal would stop after it.
        return;
    }
    let mut buf = [T::ZERO; N];
    for _sweep in 0..MAX_SCALING_SWEEPS {
        let mut changed = false;
        for i in k..=l {
            for r in k..=l {
                buf[r] = a[r][i];
            }
            let mut c = norm(buf[k..=l].iter().copied());
            let mut r = norm(a[i][k..=l].iter().copied());
            let mut ca = (0..=l).fold(T::ZERO, |m, row| m.max(a[row][i].abs()));
            let mut ra = max_abs(&a[i][k..]);
            if c == T::ZERO || r == T::ZERO {
                continue;
            }
            let mut g = r / two;
            let mut f = T::ONE;
            let s = c + r;
            // Each step doubles f; the range guards stop it within the exponent range.
            while c < g && f.max(c).max(ca) < sfmax2 && r.min(g).min(ra) > sfmin2 {
                f *= two;
                c *= two;
                ca *= two;
                r /= two;
                g /= two;
                ra /= two;
            }
            g = c / two;
            while g >= r && r.max(ra) < sfmax2 && f.min(c).min(g).min(ca) > sfmin2 {
                f /= two;
                c /= two;
                g /= two;
                ca /= two;
                r *= two;
                ra *= two;
            }
            if c + r >= factor * s {
                continue;
            }
            if f < T::ONE && scale[i] < T::ONE && f * scale[i] <= sfmin1 {
                continue;
            }
            if f > T::ONE && scale[i] > T::ONE && scale[i] >= sfmax1 / f {
                continue;
            }
            let g = T::ONE / f;
            scale[i] *= f;
            changed = true;
            for x in a[i].iter_mut().skip(k) {
                *x *= g;
            }
            for row in a.iter_mut().take(l + 1) {
                row[i] *= f;
            }
        }
        if !changed {
            break;
        }
    }
}

/// Whether a scaling sweep of [`scale_block`] would leave `a` as it is (most matrices are
/// already balanced): for every `i` in `k..=l`, `f` stays 1 when `c >= r / 2` and
/// `c / 2 < r`, with `c` and `r` the norms of column and row `i` that the sweep computes.
/// One row-major pass forms every column's and row's sum of squares in the order [`norm2`]
/// adds them, so `c` and `r` are bitwise the sweep's. Conservative: `false` when a sum
/// leaves the range where [`norm2`] takes it as it is, or when some `f` might change.
fn already_balanced<T: Real, const N: usize>(a: &[[T; N]; N], k: usize, l: usize) -> bool {
    let mut col = [T::ZERO; N];
    let mut row = [T::ZERO; N];
    for (rs, a_row) in row[k..=l].iter_mut().zip(&a[k..=l]) {
        let mut sum = T::ZERO;
        for (cs, &x) in col[k..=l].iter_mut().zip(&a_row[k..=l]) {
            let sq = x * x;
            *cs += sq;
            sum += sq;
        }
        *rs = sum;
    }
    let two = T::TWO;
    let n = T::from(l + 1 - k).unwrap_or_else(T::max_value);
    let tiny = T::min_positive_value() / T::epsilon() * n;
    col[k..=l].iter().zip(&row[k..=l]).all(|(&cs, &rs)| {
        let in_range = |s: T| s.is_finite() && s >= tiny;
        if !(in_range(cs) && in_range(rs)) {
            return false;
        }
        let (c, r) = (cs.square_root(), rs.square_root());
        // (c and r are finite, so these are the negations of the sweep's loop tests.)
        c >= r / two && c / two < r
    })
}

impl<T: Real, const N: usize> Balancing<T, N> {
    /// Applies the balancing's similarity to the components of a right eigenvector of the
    /// balanced matrix, giving one of the original (LAPACK `dgebak`, side `'R'`).
    pub(crate) fn undo_scaling<E: Copy + core::ops::Mul<T, Output = E>>(&self, x: &mut [E; N]) {
        for (xi, &d) in x
            .iter_mut()
            .zip(&self.scale)
            .take(self.ihi + 1)
            .skip(self.ilo)
        {
            *xi = *xi * d;
        }
    }

    /// Undoes the permutation on the components (rows) of `x` (LAPACK `dgebak`, job `'P'`).
    pub(crate) fn undo_permutation<E>(&self, x: &mut [E; N]) {
        for ii in 0..N {
            let i = if ii < self.ilo {
                self.ilo - 1 - ii
            } else if ii > self.ihi {
                ii
            } else {
                continue;
            };
            let k = self.record[i];
            if k != i && k < N {
                x.swap(i, k);
            }
        }
    }

    /// SciPy's `perm`: the permutation whose matrix, times `diag(scale)`, is the
    /// balancing transform.
    fn permutation(&self) -> [usize; N] {
        let mut perm = [0usize; N];
        for (j, p) in perm.iter_mut().enumerate() {
            *p = j;
        }
        // The swaps in the order dgebal made them: bottom positions from N-1 down, then top
        // positions from 0 up.
        for pos in (self.ihi + 1..N).rev() {
            let x = self.record[pos];
            if x != pos && x < N {
                perm.swap(x, pos);
            }
        }
        for pos in 0..self.ilo {
            let x = self.record[pos];
            if x != pos && x < N {
                perm.swap(x, pos);
            }
        }
        perm
    }
}

/// A balanced matrix `B = T^{-1} A T`, from [`Matrix::balance`]: `T = P D` with `P` a
/// permutation and `D = diag(scale)` a diagonal of powers of two, so the similarity is
/// exact and `B` has the eigenvalues of `A`.
///
/// # Example
/// ```
/// use statrix::Matrix;
///
/// let a = Matrix::new([[1.0, 100.0], [0.01, 1.0]]);
/// let bal = a.balance()?; // scipy.linalg.matrix_balance(a)
/// // D = diag(16, 1/4) brings the off-diagonal elements together; the eigenvalues (0
/// // and 2) are kept.
/// assert_eq!(bal.balanced, Matrix::new([[1.0, 1.5625], [0.64, 1.0]]));
/// assert_eq!(bal.scale.to_array(), [16.0, 0.25]);
/// assert_eq!(bal.transform() * bal.balanced, a * bal.transform());
/// # Ok::<(), statrix::Error>(())
/// ```
///
/// Balancing (LAPACK `dgebal`): a permutation that isolates eigenvalues which can be read
/// off the diagonal, then a diagonal similarity by powers of two that makes each row and
/// column of the rest about equally large. SciPy's `scipy.linalg.matrix_balance`; the first
/// step of [`Matrix::eigen`] (as of LAPACK's `dgeev`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Balance<T, const N: usize> {
    /// The balanced matrix `B = T^{-1} A T`.
    pub balanced: Matrix<T, N, N>,
    /// The scale factors `D = diag(scale)`, powers of two (SciPy's `scale` with
    /// `separate=True`); `1` for isolated eigenvalues.
    pub scale: Vector<T, N>,
    /// The permutation (SciPy's `perm` with `separate=True`): `P` maps `e_j` to
    /// `e_{permutation[j]}`, so `B[i][j] = A[p_i][p_j] * scale[j] / scale[i]` with
    /// `p = permutation`.
    pub permutation: [usize; N],
}

impl<T: Real, const N: usize> Balance<T, N> {
    /// The transform `T = P D` with `B = T^{-1} A T`, SciPy's second output of
    /// `scipy.linalg.matrix_balance(a)`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1.0, 0.0], [3.0, 2.0]]);
    /// let bal = a.balance()?;
    /// // A lower-triangular matrix is permuted to upper-triangular form.
    /// assert_eq!(bal.transform(), Matrix::new([[0.0, 1.0], [1.0, 0.0]]));
    /// assert_eq!(bal.balanced, Matrix::new([[2.0, 3.0], [0.0, 1.0]]));
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn transform(&self) -> Matrix<T, N, N> {
        let mut t = Matrix::zeros();
        for (j, &p) in self.permutation.iter().enumerate() {
            if p < N {
                t.0[p][j] = self.scale.0[j][0];
            }
        }
        t
    }
}

impl<T: Real, const N: usize> Matrix<T, N, N> {
    /// Balances the matrix for the eigenvalue problem, SciPy's
    /// `scipy.linalg.matrix_balance(a, permute=True, scale=True)` (LAPACK `dgebal`, job
    /// `'B'`): permutes rows and columns to isolate eigenvalues that sit on the diagonal, then
    /// scales by powers of two to make each remaining row and column about equally large.
    /// This is what [`eigen`](Matrix::eigen) does first, as `np.linalg.eig` does; the result
    /// matches SciPy's exactly.
    ///
    /// # Errors
    /// [`Error::NonFinite`] if an element is NaN or infinite.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1.0, 1e6], [1e-6, 2.0]]);
    /// let bal = a.balance()?;
    /// assert!(bal.balanced[(0, 1)] < 2.0 && bal.balanced[(1, 0)] > 0.5);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn balance(&self) -> Result<Balance<T, N>, Error> {
        if !all_finite(self.as_slice()) {
            return Err(Error::NonFinite);
        }
        let mut permutation = [0usize; N];
        for (j, p) in permutation.iter_mut().enumerate() {
            *p = j;
        }
        if N == 0 {
            return Ok(Balance {
                balanced: *self,
                scale: Matrix::ones(),
                permutation,
            });
        }
        let mut a = self.0;
        let bal = balance_in_place(&mut a, BalanceJob::PermuteAndScale);
        let mut scale = [T::ONE; N];
        scale[bal.ilo..=bal.ihi].copy_from_slice(&bal.scale[bal.ilo..=bal.ihi]);
        let permutation = bal.permutation();
        // The balanced matrix formed again from `A` with the final factors, one exact
        // power-of-two scaling per element: the passes scale rows and columns one after the
        // other, and an element can underflow on the way although its final value is normal.
        let exponents = scale.map(exponent);
        let balanced = Matrix::from_fn(|i, j| {
            let (pi, pj) = (permutation[i], permutation[j]);
            let x = self.0.get(pi).and_then(|row| row.get(pj)).copied();
            Pow2Scale::new(exponents[j] - exponents[i]).apply(x.unwrap_or(T::ZERO))
        });
        Ok(Balance {
            balanced,
            scale: Matrix::from_fn(|i, _| scale[i]),
            permutation,
        })
    }
}
