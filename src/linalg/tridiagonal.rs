//! The symmetric eigenproblem through a tridiagonal matrix: Householder reduction
//! `A = Q T Q^T` (LAPACK `dsytd2`, lower triangle), the orthogonal factor accumulated
//! backwards (`dorg2l`'s order), and the implicit QL iteration with Wilkinson's shift on `T`
//! (EISPACK `tql2`, LAPACK `dsteqr`'s QL branch). The routines work on row-major slices with a
//! runtime size, so the static matrices (arrays) and the heap-backed ones share them.
//!
//! Used by [`SymmetricEigenMethod::TridiagonalQl`](crate::SymmetricEigenMethod); the
//! accuracy notes are there.

use crate::error::Error;
use crate::numeric::norm;
use crate::scalar::Real;

use super::householder::{make_reflector, reflect_row};
use super::jacobi::{rotate_pair, rotation};

/// The eigenvalues (unsorted, into `d`) of the full symmetric `n x n` matrix in `a`
/// (destroyed) and, when `vt` is given, its eigenvectors as the rows of `vt`, row `i` for
/// `d[i]`: [`tridiagonalize`], [`accumulate_q_transpose`], [`tridiagonal_ql`]. `e`, `tau` and
/// `w` are scratch of length `n`. The one entry point of the static and dynamic solvers.
///
/// # Errors
/// [`Error::NoConvergence`] from [`tridiagonal_ql`].
#[allow(clippy::too_many_arguments)] // The matrix, its size, its diagonals, scratch, the vectors.
pub(crate) fn symmetric_eigen_in_place<T: Real>(
    a: &mut [T],
    n: usize,
    d: &mut [T],
    e: &mut [T],
    tau: &mut [T],
    w: &mut [T],
    vt: Option<&mut [T]>,
) -> Result<(), Error> {
    tridiagonalize(a, n, d, e, tau, w);
    match vt {
        Some(vt) => {
            accumulate_q_transpose(a, n, tau, vt);
            tridiagonal_ql(d, e, n, Some(vt))
        }
        None => tridiagonal_ql(d, e, n, None),
    }
}

/// Iterations of the QL sweep allowed per eigenvalue (LAPACK `dsteqr`'s budget: 30 per
/// eigenvalue, all of them shared); 1 to 3 are usual.
pub(crate) const MAX_ITERATIONS_PER_EIGENVALUE: usize = 30;

/// Reduces the symmetric `n x n` matrix in `a` (row-major, both triangles holding the
/// matrix) to tridiagonal form `T = Q^T A Q`: its diagonal into `d`, its sub-diagonal into
/// `e[0..n - 1]` (`e[n - 1] = 0`). The reflectors are left in the rows of `a` (reflector `k`
/// in row `k`, columns `k + 2..n`, its leading 1 implicit) with their factors in `tau`, for
/// [`accumulate_q_transpose`].
///
/// Step `k` builds the reflector `H_k = I - tau v v^T` that zeroes row (and column) `k` of the
/// trailing matrix below its sub-diagonal, and applies it from both sides as a rank-2 update
/// (`p = tau A v`, `w = p - (tau / 2) (p^T v) v`, `A -= v w^T + w v^T`; LAPACK `dsytd2`),
/// on whole rows so that every inner loop runs along contiguous memory. `w` is scratch of
/// length `n` (it also holds `p`).
pub(crate) fn tridiagonalize<T: Real>(
    a: &mut [T],
    n: usize,
    d: &mut [T],
    e: &mut [T],
    tau: &mut [T],
    w: &mut [T],
) {
    for k in 0..n.saturating_sub(2) {
        let row = k * n;
        d[k] = a[row + k];
        let (beta, t) = make_reflector(a[row + k + 1], &mut a[row + k + 2..row + n]);
        e[k] = beta;
        tau[k] = t;
        if t == T::ZERO {
            continue;
        }
        // v = [1, a[k][k+2..n]] on the trailing block `k + 1..n`.
        let (head, trailing) = a.split_at_mut(row + n);
        let v_tail = &head[row + k + 2..row + n];
        let v = |i: usize| if i == 0 { T::ONE } else { v_tail[i - 1] };
        let m = n - k - 1;
        // p = tau A22 v, as the sum of the rows of A22 weighted by v (A22 is symmetric, so its
        // rows are its columns): every inner loop is an independent update along a
        // contiguous row, which vectorises, where a dot product per row would wait on one
        // running sum. Then p^T v.
        let w = &mut w[..m];
        w.fill(T::ZERO);
        for i in 0..m {
            let vi = v(i);
            let r = &trailing[i * n + k + 1..i * n + n];
            for (wj, x) in w.iter_mut().zip(r) {
                *wj += vi * *x;
            }
        }
        let mut pv = T::ZERO;
        for (i, wi) in w.iter_mut().enumerate() {
            *wi *= t;
            pv += *wi * v(i);
        }
        // w = p - (tau / 2) (p^T v) v.
        let half = T::HALF * t * pv;
        for (i, wi) in w.iter_mut().enumerate() {
            *wi -= half * v(i);
        }
        // A22 -= v w^T + w v^T.
        for i in 0..m {
            let (vi, wi) = (v(i), w[i]);
            let r = &mut trailing[i * n + k + 1..i * n + n];
            r[0] -= vi * w[0] + wi;
            for ((x, vj), wj) in r[1..].iter_mut().zip(v_tail).zip(&w[1..]) {
                *x -= vi * *wj + wi * *vj;
            }
        }
    }
    match n {
        0 => {}
        1 => {
            d[0] = a[0];
            e[0] = T::ZERO;
        }
        _ => {
            d[n - 2] = a[(n - 2) * n + n - 2];
            d[n - 1] = a[(n - 1) * n + n - 1];
            // The last sub-diagonal entry, from the lower triangle as the rest.
            e[n - 2] = a[(n - 1) * n + n - 2];
            e[n - 1] = T::ZERO;
        }
    }
}

/// `Q^T` (row-major `n x n`, into `qt`) from the reflectors [`tridiagonalize`] left in `a`
/// and `tau`: `Q^T = H_{n-3} ... H_1 H_0`, formed from the right, starting with the
/// identity, as `((I H_{n-3}) H_{n-4}) ... H_0`. The partial product after `H_k` differs from
/// the identity only in rows and columns `k + 1..n`, so step `k` updates an
/// `(n - k - 1)`-square block, row by row (LAPACK `dorg2l`'s saving: about `4/3 n^3` flops
/// instead of `2 n^3`).
pub(crate) fn accumulate_q_transpose<T: Real>(a: &[T], n: usize, tau: &[T], qt: &mut [T]) {
    for (i, x) in qt.iter_mut().enumerate() {
        *x = if i % (n + 1) == 0 { T::ONE } else { T::ZERO };
    }
    for k in (0..n.saturating_sub(2)).rev() {
        let t = tau[k];
        if t == T::ZERO {
            continue;
        }
        let v_tail = &a[k * n + k + 2..k * n + n];
        // Rows k + 1..n, columns k + 1..n: x -= (tau x . v) v^T for each row x.
        for i in k + 1..n {
            reflect_row(&mut qt[i * n + k + 1..i * n + n], v_tail, t);
        }
    }
}

/// The eigenvalues of the symmetric tridiagonal matrix with diagonal `d` and sub-diagonal
/// `e[0..n - 1]` (destroyed), into `d`, unsorted; when `zt` is given (`n x n` row-major,
/// holding `Q^T`), its rows become the eigenvectors of `Q T Q^T`, row `i` for `d[i]`.
///
/// Implicit QL with Wilkinson's shift (EISPACK `tql2`; Wilkinson and Reinsch, *Handbook for
/// Automatic Computation II*, contribution II/4): for each `l`, the unreduced block `l..=m`
/// (the first `m >= l` with `|e_m| <= eps (|d_m| + |d_{m+1}|)`) is swept from the bottom by
/// plane rotations, chasing the bulge up, until `e_l` is negligible; a block of two is
/// diagonalised at once by one Jacobi rotation. Each rotation updates two contiguous rows of
/// `zt`. Backward stable: the computed eigenvalues are those of a
/// matrix within `O(n eps) |T|` of `T`.
///
/// # Errors
/// [`Error::NoConvergence`] after [`MAX_ITERATIONS_PER_EIGENVALUE`]` * n` sweeps in all.
pub(crate) fn tridiagonal_ql<T: Real>(
    d: &mut [T],
    e: &mut [T],
    n: usize,
    mut zt: Option<&mut [T]>,
) -> Result<(), Error> {
    let eps = T::epsilon();
    let budget = MAX_ITERATIONS_PER_EIGENVALUE * n;
    let mut iterations = 0;
    for l in 0..n {
        loop {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= eps * dd || e[m].abs() < T::min_positive_value() {
                    break;
                }
                m += 1;
            }
            if m == l {
                break;
            }
            if m == l + 1 {
                // A 2x2 block: diagonalised at once by one Jacobi rotation (as LAPACK's
                // `dlaev2` step in `dsteqr`), instead of by QL sweeps that converge to it.
                let (c, s, t) = rotation(d[l + 1] - d[l], T::TWO * e[l]);
                let h = t * e[l];
                d[l] -= h;
                d[l + 1] += h;
                e[l] = T::ZERO;
                if let Some(zt) = zt.as_deref_mut() {
                    let (head, tail) = zt.split_at_mut((l + 1) * n);
                    rotate_pair(&mut head[l * n..], &mut tail[..n], c, s);
                }
                continue;
            }
            if iterations == budget {
                return Err(Error::NoConvergence { iterations });
            }
            iterations += 1;
            // Wilkinson's shift: the eigenvalue of the leading 2x2 block nearer d_l.
            let g0 = (d[l + 1] - d[l]) / (T::TWO * e[l]);
            let r0 = norm([g0, T::ONE]);
            let mut g = d[m] - d[l] + e[l] / (g0 + r0.copysign(g0));
            let (mut s, mut c, mut p) = (T::ONE, T::ONE, T::ZERO);
            let mut deflated = false;
            for i in (l..m).rev() {
                let f = s * e[i];
                let b = c * e[i];
                let r = norm([f, g]);
                e[i + 1] = r;
                if r == T::ZERO {
                    // f and g both zero (underflow): the block splits at i + 1.
                    d[i + 1] -= p;
                    e[m] = T::ZERO;
                    deflated = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                let r = (d[i] - g) * s + T::TWO * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                if let Some(zt) = zt.as_deref_mut() {
                    let (head, tail) = zt.split_at_mut((i + 1) * n);
                    let zi = &mut head[i * n..];
                    let zi1 = &mut tail[..n];
                    for (x, y) in zi.iter_mut().zip(zi1.iter_mut()) {
                        let (xi, yi) = (*x, *y);
                        *y = s * xi + c * yi;
                        *x = c * xi - s * yi;
                    }
                }
            }
            if deflated {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = T::ZERO;
        }
    }
    Ok(())
}
