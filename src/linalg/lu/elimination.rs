//! The elimination: the factorization itself, in an unrolled form for small sizes and a
//! loop form for the rest, the same operations in the same order (see the module
//! documentation of [`lu`](super)).

use super::Lu;
use crate::checked::{pair_mut, swap_pair};
use crate::error::Error;
use crate::matrix::Matrix;
use crate::numeric::all_finite;
use crate::scalar::Real;

/// The largest `N` whose factorization and substitutions are written for full unrolling.
pub(super) const UNROLL_MAX: usize = 6;

/// Whether sizes up to [`UNROLL_MAX`] are unrolled: not on bare-metal targets
/// (`target_os = "none"`), where flash is the scarcer resource; the loop form does the same
/// operations in the same order (the same bits) in 0.7 KB less for a 6x6 solve on a
/// Cortex-M4F.
pub(super) const UNROLL: bool = !cfg!(target_os = "none");

impl<T: Real, const N: usize> Lu<T, N> {
    /// Factors a matrix; never fails (zero pivots are recorded; non-finite input or
    /// overflow is left in the factors, for [`usable`](Lu::usable) to report).
    ///
    /// Used only where [`is_regular`](Lu::is_regular) has failed, so it is the compact
    /// loop form at every size.
    pub(super) fn factor(a: &Matrix<T, N, N>) -> Self {
        let mut lu = Self::unfactored(a);
        lu.eliminate_loops::<true>();
        lu
    }

    /// `a` itself with the identity permutation: the state before elimination, which the
    /// `eliminate_*` functions factor in place. (Callers build it in their own frame: a
    /// factorization returned by value was copied, 2 KB at 16x16.)
    #[inline(always)]
    pub(super) fn unfactored(a: &Matrix<T, N, N>) -> Self {
        Lu {
            packed: *a,
            rows: core::array::from_fn(|i| i),
            sign: T::ONE,
            first_zero_pivot: None,
        }
    }

    /// The first attempt of every factorization: for `N <= UNROLL_MAX`, the elimination of
    /// [`factor`](Lu::factor) unrolled and without its test for a zero pivot (a column whose
    /// candidates are all zero): where `factor` skips the column, this one divides by the
    /// zero pivot and goes on. The zero pivot stays on the diagonal (it is the candidate in
    /// place, as none is larger), so when every pivot is non-zero, no test would have fired
    /// and the result is `factor`'s, bit for bit; `first_zero_pivot` stays `None`. Larger
    /// `N` run `factor`'s loops themselves.
    #[inline(always)]
    pub(super) fn eliminate_speculative(&mut self) {
        if UNROLL && N <= UNROLL_MAX {
            self.eliminate_unrolled();
        } else {
            // The loop form with the zero test, `factor`'s own code: on the regular matrices
            // this path returns, the test never fires (one compare per column), and the
            // binary keeps one copy of the loops for both paths.
            self.eliminate_loops::<true>();
        }
    }

    /// Whether every pivot of this
    /// [`eliminate_speculative`](Lu::eliminate_speculative) is finite and at least
    /// [`tiny_pivot`] in magnitude: then [`Matrix::lu`] returns it as it is and the solves
    /// use it; otherwise `factor` and [`usable`](Lu::usable) tell what is wrong, and a matrix
    /// so small that its factors would lose digits to underflow is factored scaled
    /// (`cold.rs`).
    ///
    /// Such pivots make the speculative elimination equal to `factor`, and they prove `a`
    /// and all the factors finite, so neither needs a scan. A non-finite element of the
    /// active block at step `k` (rows and columns `k..N`) is either in column `k` (an
    /// infinity is the largest candidate and becomes the pivot, a NaN on the diagonal stays
    /// the pivot, a NaN below it makes its row's multiplier and trailing entries NaN, as
    /// its pivot is not zero), or in the pivot row (every row below subtracts a multiple of
    /// it: `x - l * inf` and `x - l * NaN` are not finite whatever the finite `l`), or in
    /// another row (`inf - y` and `NaN - y` stay non-finite); so the next active block has
    /// one too, down to the last pivot. Every element of the factors was in an active
    /// block, so one that is not finite makes a pivot non-finite too.
    #[inline]
    pub(super) fn is_regular(&self) -> bool {
        let tiny = tiny_pivot::<T>();
        self.pivots().iter().fold(true, |ok, p| {
            ok & (p.abs() < T::infinity()) & (p.abs() >= tiny)
        })
    }

    /// [`eliminate_speculative`](Lu::eliminate_speculative) for small `N`: the operations
    /// of `eliminate_loops::<false>` in the same order (so the same bits), written so that
    /// every index is a constant: one inlined [`elimination_step`] per column
    /// (`N <= UNROLL_MAX`), whose loops run over the constant range `0..N`. The matrix then
    /// lives in registers and the row exchange is a few selects. (In the loop form, LLVM
    /// vectorizes the `k`-dependent inner loops, with run-time alias checks, and keeps the
    /// outer loop: a 3x3 determinant took 31 ns, now 8 ns on the same machine.)
    #[inline(always)]
    pub(super) fn eliminate_unrolled(&mut self) {
        // `N <= UNROLL_MAX`: a step for each column, none beyond.
        const { assert!(UNROLL_MAX <= 8) };
        macro_rules! steps {
            ($($k:literal)*) => {$(
                if N > $k {
                    elimination_step(self, $k);
                }
            )*};
        }
        steps!(0 1 2 3 4 5 6 7);
    }

    /// The elimination, with the test for a zero pivot (`ZERO_TEST`, as
    /// [`factor`](Lu::factor)) or without (as
    /// [`eliminate_speculative`](Lu::eliminate_speculative)), in loops over the triangles.
    // Index loops over constant ranges: the iterator form (`skip`, `split_at_mut`) did not
    // unroll in every context and measured up to 2.5x slower; every index is below N by the
    // loop bounds.
    #[allow(clippy::needless_range_loop)]
    pub(super) fn eliminate_loops<const ZERO_TEST: bool>(&mut self) {
        let m = &mut self.packed.0;
        for k in 0..N {
            // The largest |a_ik| at or below the diagonal; the first one on ties.
            let mut p = k;
            let mut largest = m[k][k].abs();
            for i in k + 1..N {
                let v = m[i][k].abs();
                if v > largest {
                    largest = v;
                    p = i;
                }
            }
            if ZERO_TEST && largest == T::ZERO {
                // The column is zero at and below the diagonal: nothing to eliminate.
                if self.first_zero_pivot.is_none() {
                    self.first_zero_pivot = Some(k);
                }
                continue;
            }
            if p != k {
                swap_rows(m, k, p);
                swap_pair(&mut self.rows, k, p);
                self.sign = -self.sign;
            }
            // A copy of the pivot row: the updates of the rows below then provably do not
            // alias it, and vectorize without run-time checks.
            let pivot_row = m[k];
            let pivot = pivot_row[k];
            for i in k + 1..N {
                let l = m[i][k] / pivot;
                m[i][k] = l;
                for j in k + 1..N {
                    let product = l * pivot_row[j];
                    m[i][j] -= product;
                }
            }
        }
    }

    /// The checks of [`Matrix::lu`] on the factorization of `a`: [`Error::NonFinite`] if
    /// `a` has a NaN or infinite element, else [`Error::Overflow`] if the factors do.
    pub(super) fn usable(&self, a: &Matrix<T, N, N>) -> Result<(), Error> {
        if !all_finite(a.as_slice()) {
            Err(Error::NonFinite)
        } else if !all_finite(self.packed.as_slice()) {
            Err(Error::Overflow)
        } else {
            Ok(())
        }
    }
}

/// Step `k` of [`Lu::eliminate_unrolled`]: the pivot search in column `k`, the row exchange
/// and the update of the rows below, as in `Lu::eliminate_loops::<false>`. The loops run over `0..N`
/// and skip the indices outside the step's range, so that, inlined with a constant `k`,
/// they unroll completely.
// Index loops over constant ranges, as explained; every index is below N.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
fn elimination_step<T: Real, const N: usize>(lu: &mut Lu<T, N>, k: usize) {
    let m = &mut lu.packed.0;
    let mut p = k;
    let mut largest = m[k][k].abs();
    for i in 0..N {
        if i > k {
            let v = m[i][k].abs();
            if v > largest {
                largest = v;
                p = i;
            }
        }
    }
    for i in 0..N {
        if i > k && i == p {
            for j in 0..N {
                let t = m[k][j];
                m[k][j] = m[i][j];
                m[i][j] = t;
            }
            swap_pair(&mut lu.rows, k, i);
            lu.sign = -lu.sign;
        }
    }
    let pivot_row = m[k];
    let pivot = pivot_row[k];
    for i in 0..N {
        if i > k {
            let l = m[i][k] / pivot;
            m[i][k] = l;
            for j in 0..N {
                if j > k {
                    let product = l * pivot_row[j];
                    m[i][j] -= product;
                }
            }
        }
    }
}

/// Swaps rows `k < p` element by element (a whole-row `swap` becomes a `memmove` call on
/// targets such as Cortex-M).
#[inline]
fn swap_rows<T, const N: usize>(m: &mut [[T; N]; N], k: usize, p: usize) {
    if let Some((a, b)) = pair_mut(m, k, p) {
        for (x, y) in a.iter_mut().zip(b.iter_mut()) {
            core::mem::swap(x, y);
        }
    }
}

/// The smallest pivot magnitude of the plain path, `min_positive / eps` (`2^-970` in `f64`,
/// `2^-103` in `f32`). With pivots at least this large, underflow costs nothing that
/// matters: each rounded product is off by at most half the smallest subnormal, below `eps`
/// times the pivots. A smaller pivot belongs to a matrix that is nearly singular or small as
/// a whole (wholly or partly in the subnormals, where the factors would lose digits); both
/// take the slow path, which factors the second kind scaled into range.
#[inline(always)]
pub(super) fn tiny_pivot<T: Real>() -> T {
    T::min_positive_value() / T::epsilon()
}
