//! Eigenvectors of a symmetric tridiagonal matrix for chosen eigenvalues, by inverse
//! iteration (LAPACK `dstein`), and their back-transformation through the Householder
//! reflectors of [`tridiagonalize`](super::tridiagonal::tridiagonalize): the `k` leading
//! eigenpairs of an `n x n` symmetric matrix in `O(n^2 k)` after the reduction, instead of
//! the `O(n^3)` of accumulating every eigenvector through the QL sweeps.
//!
//! # Why inverse iteration
//!
//! The eigenvalues come from the QL iteration without vectors (`O(n^2)`), backward stable:
//! each within `O(n eps) ||T||` of an exact one. One or two solves with `T - lambda I`
//! (Gaussian elimination with partial pivoting, `O(n)`, LAPACK `dlagtf`/`dlagts`) from a
//! pseudo-random start then give a vector whose residual `||T x - lambda x||` is of the order
//! `eps ||T||` (Wilkinson; Parlett, *The Symmetric Eigenvalue Problem*, section 4.3).
//! Eigenvalues closer than `1e-3 ||T||_1` (a cluster, `dstein`'s threshold) give vectors that
//! are not orthogonal on their own: each is re-orthogonalised against the cluster's previous
//! vectors (modified Gram-Schmidt) at every step, `O(n c^2)` for a cluster of `c`. Coincident
//! eigenvalues are separated by `10 eps |lambda|` first (each shift moved past the previous
//! one in the values' order), so their factorisations differ.
//! Outside a cluster, vectors are orthogonal to about `eps ||T|| / gap`, hundreds of `eps`
//! for gaps just past the threshold (a fuzzing finding: 400 `eps` for three eigenvalues of
//! a Gram matrix), and within a cluster one pass leaves `eps` times the solve's growth along
//! the earlier vectors: each accepted vector gets one more Gram-Schmidt pass against every
//! earlier one, `O(n k^2)` for `k` vectors, which leaves the set orthonormal within a few
//! `eps`.
//! MRRR (LAPACK `dstemr`) avoids the re-orthogonalisation but needs a representation tree;
//! for the tens to hundreds of leading vectors a PCA asks for, the `O(n c^2)` work is small
//! next to the reduction.
//!
//! # Iterations
//!
//! Each vector takes at most [`MAX_SOLVES`] solves; it is accepted once its residual
//! `||(T - lambda I) x||_inf` is at most `4 n eps ||T||_1` after at least two solves (then
//! `x` is an eigenvector of a matrix within that distance of `T`: backward stable), and
//! [`Error::NoConvergence`] is returned otherwise.

use alloc::vec;
use alloc::vec::Vec;

use crate::error::Error;
use crate::scalar::Real;

/// Solves with `T - lambda I` allowed per eigenvector (`dstein` allows 5 plus 2 extra).
pub(crate) const MAX_SOLVES: usize = 7;

/// `T - lambda I` factorised with partial pivoting (LAPACK `dlagtf`): `P (T - lambda I) = L
/// U`, `U` with two super-diagonals, `L` unit lower bidiagonal (multipliers `mult`), `swap[i]`
/// telling whether rows `i` and `i + 1` were exchanged at step `i`.
struct TridiagonalLu<T> {
    diag: Vec<T>,
    sup1: Vec<T>,
    sup2: Vec<T>,
    mult: Vec<T>,
    swap: Vec<bool>,
}

impl<T: Real> TridiagonalLu<T> {
    fn new(d: &[T], e: &[T], lambda: T) -> Self {
        let n = d.len();
        let mut diag: Vec<T> = d.iter().map(|&x| x - lambda).collect();
        let mut sup1: Vec<T> = e[..n.saturating_sub(1)].to_vec();
        sup1.push(T::ZERO);
        let mut sup2 = vec![T::ZERO; n];
        let mut mult = vec![T::ZERO; n];
        let mut swap = vec![false; n];
        for i in 0..n.saturating_sub(1) {
            // Row i holds columns i, i + 1 (`sup2[i]` is still zero); row i + 1 holds the
            // sub-diagonal `e[i]` in column i.
            let sub = e[i];
            if diag[i].abs() >= sub.abs() {
                let m = if diag[i] == T::ZERO {
                    T::ZERO
                } else {
                    sub / diag[i]
                };
                mult[i] = m;
                diag[i + 1] -= m * sup1[i];
            } else {
                let m = diag[i] / sub;
                mult[i] = m;
                swap[i] = true;
                let (next_diag, next_sup) = (diag[i + 1], sup1[i + 1]);
                diag[i + 1] = sup1[i] - m * next_diag;
                sup1[i + 1] = -m * next_sup;
                diag[i] = sub;
                sup1[i] = next_diag;
                sup2[i] = next_sup;
            }
        }
        Self {
            diag,
            sup1,
            sup2,
            mult,
            swap,
        }
    }

    /// Overwrites `b` with the solution of `(T - lambda I) x = b`, a pivot smaller than
    /// `tiny` replaced by `tiny` with its sign (LAPACK `dlagts`, job -1): the solve of a
    /// matrix within `tiny` of `T - lambda I`, which is how inverse iteration meets a singular
    /// factor.
    fn solve(&self, b: &mut [T], tiny: T) {
        let n = b.len();
        for i in 0..n.saturating_sub(1) {
            if self.swap[i] {
                b.swap(i, i + 1);
            }
            let step = self.mult[i] * b[i];
            b[i + 1] -= step;
        }
        for i in (0..n).rev() {
            let mut s = b[i];
            if i + 1 < n {
                s -= self.sup1[i] * b[i + 1];
            }
            if i + 2 < n {
                s -= self.sup2[i] * b[i + 2];
            }
            let mut pivot = self.diag[i];
            if pivot.abs() < tiny {
                pivot = if pivot < T::ZERO { -tiny } else { tiny };
            }
            b[i] = s / pivot;
        }
    }
}

/// `||(T - lambda I) x||_inf` for the tridiagonal `(d, e)`.
fn residual<T: Real>(d: &[T], e: &[T], lambda: T, x: &[T]) -> T {
    let n = d.len();
    let mut worst = T::ZERO;
    for i in 0..n {
        let mut r = (d[i] - lambda) * x[i];
        if i > 0 {
            r += e[i - 1] * x[i - 1];
        }
        if i + 1 < n {
            r += e[i] * x[i + 1];
        }
        worst = worst.max(r.abs());
    }
    worst
}

/// Scales `x` to unit 2-norm (by its largest magnitude first, so no square overflows);
/// `false` if `x` is zero or not finite.
fn normalize<T: Real>(x: &mut [T]) -> bool {
    let largest = x.iter().fold(T::ZERO, |m, v| m.max(v.abs()));
    if !(largest > T::ZERO && largest.is_finite()) {
        return false;
    }
    let mut sum = T::ZERO;
    for v in x.iter_mut() {
        *v /= largest;
        sum += *v * *v;
    }
    let norm = sum.square_root();
    for v in x.iter_mut() {
        *v /= norm;
    }
    true
}

/// The unit eigenvectors of the symmetric tridiagonal matrix with diagonal `d` and
/// sub-diagonal `e[0..n - 1]` for the eigenvalues `values` (sorted, ascending or
/// descending; each within `O(n eps) ||T||` of an exact eigenvalue), into the rows of `out`
/// (`values.len() x n`, row-major), by inverse iteration with re-orthogonalisation within
/// clusters (see the module documentation). `T`'s largest element should be of order one
/// (the callers scale by a power of two first), so that solves with `eps ||T||_1` pivots do
/// not overflow; `values.len() <= n`.
///
/// # Errors
/// [`Error::NoConvergence`] if a vector's residual does not fall below `4 n eps ||T||_1`
/// within [`MAX_SOLVES`] solves.
pub(crate) fn tridiagonal_eigenvectors<T: Real>(
    d: &[T],
    e: &[T],
    values: &[T],
    out: &mut [T],
) -> Result<(), Error> {
    let n = d.len();
    debug_assert_eq!(out.len(), values.len() * n);
    if n == 0 {
        return Ok(());
    }
    let eps = T::epsilon();
    // ||T||_1, and the thresholds of `dstein`.
    let mut norm1 = T::ZERO;
    for i in 0..n {
        let mut column = d[i].abs();
        if i > 0 {
            column += e[i - 1].abs();
        }
        if i + 1 < n {
            column += e[i].abs();
        }
        norm1 = norm1.max(column);
    }
    if norm1 == T::ZERO {
        // T = 0: every vector is an eigenvector; the unit vectors are orthonormal.
        for (j, row) in out.chunks_exact_mut(n).enumerate() {
            for (i, x) in row.iter_mut().enumerate() {
                *x = if i == j % n { T::ONE } else { T::ZERO };
            }
        }
        return Ok(());
    }
    let n_t = T::from(n).unwrap_or(T::ONE);
    let cluster_gap = T::from(1e-3).unwrap_or(T::ZERO) * norm1;
    let tiny = eps * norm1.max(T::min_positive_value());
    let accept = T::from(4.0).unwrap_or(T::ONE) * n_t * eps * norm1;
    let mut cluster_start = 0;
    let mut previous: Option<T> = None;
    // A fixed pseudo-random start (as `dlarnv` with a fixed seed): values in (-1, 1).
    let mut state: u64 = 0x853C_49E6_748F_EA9B;
    let mut start = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        T::from((state >> 11) as f64 / (1u64 << 52) as f64 - 1.0).unwrap_or(T::ONE)
    };
    for (j, &value) in values.iter().enumerate() {
        let mut lambda = value;
        match previous {
            Some(p) if (lambda - p).abs() <= cluster_gap => {
                // In the cluster: separate coincident values so the factorisations differ.
                // Monotone in the values' order (as `dstein`'s `xj = xjm + pertol`): a test of
                // |lambda - p| alone let a value equal to the one before the previous reuse its
                // shift, whose solves then returned the cluster's earlier vectors and never
                // converged (a fuzzing finding).
                let separation = T::from(10.0).unwrap_or(T::ONE) * eps * lambda.abs().max(tiny);
                if values[0] <= values[values.len() - 1] {
                    if lambda < p + separation {
                        lambda = p + separation;
                    }
                } else if lambda > p - separation {
                    lambda = p - separation;
                }
            }
            _ => cluster_start = j,
        }
        previous = Some(lambda);
        let lu = TridiagonalLu::new(d, e, lambda);
        let (done, rest) = out.split_at_mut(j * n);
        let x = &mut rest[..n];
        for v in x.iter_mut() {
            *v = start();
        }
        let mut converged = false;
        for solve in 0..MAX_SOLVES {
            lu.solve(x, tiny);
            for earlier in done[cluster_start * n..].chunks_exact(n) {
                let dot = earlier
                    .iter()
                    .zip(x.iter())
                    .fold(T::ZERO, |s, (a, b)| s + *a * *b);
                for (v, a) in x.iter_mut().zip(earlier) {
                    *v -= dot * *a;
                }
            }
            if !normalize(x) {
                // Lost to cancellation against the cluster: start again from new values.
                for v in x.iter_mut() {
                    *v = start();
                }
                continue;
            }
            if solve >= 1 && residual(d, e, value, x) <= accept {
                converged = true;
                break;
            }
        }
        // Vectors of eigenvalues apart by g are orthogonal to about eps ||T|| / g on their
        // own, which for g just past the cluster threshold is hundreds of eps; within a
        // cluster, one Gram-Schmidt pass after a solve that amplified the earlier vectors
        // leaves eps times that amplification. One more pass of modified Gram-Schmidt
        // against every earlier vector (Kahan's "twice is enough", as Parlett's
        // *The Symmetric Eigenvalue Problem* tells it) brings the
        // set to orthonormal within a few eps (`O(n k^2)` in all). Each component removed is
        // of that size times an eigenvalue gap, so the residual moves by about eps ||T||.
        for earlier in done.chunks_exact(n) {
            let dot = earlier
                .iter()
                .zip(x.iter())
                .fold(T::ZERO, |s, (a, b)| s + *a * *b);
            for (v, a) in x.iter_mut().zip(earlier) {
                *v -= dot * *a;
            }
        }
        if !converged || !normalize(x) {
            return Err(Error::NoConvergence {
                iterations: MAX_SOLVES,
            });
        }
    }
    Ok(())
}

/// Overwrites the `n x k` row-major `z` (columns: vectors of the tridiagonal matrix) with `Q
/// z`, `Q = H_0 H_1 ... H_{n-3}` the reflectors [`tridiagonalize`](super::tridiagonal::tridiagonalize)
/// left in `a` and `tau`: the eigenvectors of the original matrix, as columns. Each reflector
/// updates whole rows of `z` (`w = tau vᵀ Z`, then `Z -= v w`), so every inner loop runs along
/// `k` contiguous values and vectorises.
#[inline(always)]
pub(crate) fn back_transform<T: Real>(a: &[T], n: usize, tau: &[T], z: &mut [T], k: usize) {
    if k == 0 {
        return;
    }
    let mut w = vec![T::ZERO; k];
    for r in (0..n.saturating_sub(2)).rev() {
        let t = tau[r];
        if t == T::ZERO {
            continue;
        }
        // v = [1, a[r][r + 2..n]] acts on rows r + 1..n.
        let v_tail = &a[r * n + r + 2..r * n + n];
        let rows = &mut z[(r + 1) * k..n * k];
        let (head, tail) = rows.split_at_mut(k);
        w.copy_from_slice(head);
        for (row, &vi) in tail.chunks_exact(k).zip(v_tail) {
            for (wj, x) in w.iter_mut().zip(row) {
                *wj += vi * *x;
            }
        }
        for wj in w.iter_mut() {
            *wj *= t;
        }
        for (x, wj) in head.iter_mut().zip(&w) {
            *x -= *wj;
        }
        for (row, &vi) in tail.chunks_exact_mut(k).zip(v_tail) {
            for (x, wj) in row.iter_mut().zip(&w) {
                *x -= vi * *wj;
            }
        }
    }
}

/// Overwrites the `m x k` row-major `z` (columns: `[u; 0]` for vectors `u` of length `n` of
/// the bidiagonal matrix, rows `n..m` zero) with `Q z`, `Q = H_0 H_1 ... H_{n-1}` the left
/// reflectors [`bidiagonalize`](super::bidiagonal::bidiagonalize) left below the diagonal of
/// `a` (`m x n`; reflector `r` in column `r`, rows `r + 1..m`, acting on rows `r..m`) and
/// `tau_q`: the left singular vectors of the original matrix, as columns. Row-wise rank-1
/// updates, as [`back_transform`].
#[inline(always)]
pub(crate) fn back_transform_left<T: Real>(
    a: &[T],
    (m, n): (usize, usize),
    tau_q: &[T],
    z: &mut [T],
    k: usize,
) {
    if k == 0 {
        return;
    }
    let mut w = vec![T::ZERO; k];
    for r in (0..n).rev() {
        let t = tau_q[r];
        if t == T::ZERO {
            continue;
        }
        let rows = &mut z[r * k..m * k];
        let (head, tail) = rows.split_at_mut(k);
        w.copy_from_slice(head);
        for (i, row) in tail.chunks_exact(k).enumerate() {
            let vi = a[(r + 1 + i) * n + r];
            for (wj, x) in w.iter_mut().zip(row) {
                *wj += vi * *x;
            }
        }
        for wj in w.iter_mut() {
            *wj *= t;
        }
        for (x, wj) in head.iter_mut().zip(&w) {
            *x -= *wj;
        }
        for (i, row) in tail.chunks_exact_mut(k).enumerate() {
            let vi = a[(r + 1 + i) * n + r];
            for (x, wj) in row.iter_mut().zip(&w) {
                *x -= vi * *wj;
            }
        }
    }
}
