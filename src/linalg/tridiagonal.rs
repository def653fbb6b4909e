//! The symmetric eigenproblem through a tridiagonal matrix: Householder reduction
//! `A = Q T Q^T` (LAPACK `dsytd2`, lower triangle), the orthogonal factor accumulated
//! backwards (`dorg2l`'s order), and the implicit QL iteration with Wilkinson's shift on `T`
//! (EISPACK `tql2`, LAPACK `dsteqr`'s QL branch). The routines work on row-major slices with a
//! runtime size, so the static matrices (arrays) and the heap-backed ones share them.
//!
//! Used by [`SymmetricEigenMethod::TridiagonalQl`](crate::SymmetricEigenMethod); the
//! accuracy notes are there.

use crate::error::Error;
use crate::numeric::{Pow2Scale, norm, prescale_exponent};
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
    symmetric_eigen_in_place_body(a, n, d, e, tau, w, vt)
}

/// [`symmetric_eigen_in_place`] itself, always inlined: the callers are that function and its
/// copies built for wider vectors (`simd/wide.rs`), which need the loops inlined into them.
#[inline(always)]
#[allow(clippy::too_many_arguments)] // The matrix, its size, its diagonals, scratch, the vectors.
pub(crate) fn symmetric_eigen_in_place_body<T: Real>(
    a: &mut [T],
    n: usize,
    d: &mut [T],
    e: &mut [T],
    tau: &mut [T],
    w: &mut [T],
    vt: Option<&mut [T]>,
) -> Result<(), Error> {
    tridiagonalize(a, n, d, e, tau, w);
    let mut vt = vt;
    if let Some(vt) = vt.as_deref_mut() {
        accumulate_q_transpose(a, n, tau, vt);
    }
    tridiagonal_ql(d, e, n, vt)
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
/// (`p = tau A v`, `w = p - (tau / 2) (p^T v) v`, `A -= v w^T + w v^T`; LAPACK `dsytd2`).
///
/// One pass over the trailing rows per step: each row first receives the previous step's
/// rank-2 update, then adds its share of the next product, `p += v_i A[i, :]` (`A22` is
/// symmetric, so its rows are its columns). Every inner loop is an independent update along a
/// contiguous row, which vectorises, and each row is read and written once per step instead
/// of three times; the operations, and so the bits, are those of updating every row and then
/// forming `p`. `w` is scratch of length `n` (the pending `w`); `e[k + 1..n]` holds `p` while
/// step `k` forms it.
#[inline(always)]
pub(crate) fn tridiagonalize<T: Real>(
    a: &mut [T],
    n: usize,
    d: &mut [T],
    e: &mut [T],
    tau: &mut [T],
    w: &mut [T],
) {
    // Whether `w[..n - k]` holds step `k - 1`'s `w`, not yet applied to rows `k..n`.
    let mut pending = false;
    for k in 0..n.saturating_sub(2) {
        let m = n - k - 1;
        let (head, trailing) = a.split_at_mut((k + 1) * n);
        let (earlier, row_k) = head.split_at_mut(k * n);
        if pending {
            // Row k is the first row of step k - 1's trailing block.
            update_row(&earlier[(k - 1) * n..], n, k - 1, w, 0, row_k);
        }
        d[k] = row_k[k];
        let (beta, t) = make_reflector(row_k[k + 1], &mut row_k[k + 2..n]);
        e[k] = beta;
        tau[k] = t;
        let v_tail = &row_k[k + 2..n];
        let v = |i: usize| if i == 0 { T::ONE } else { v_tail[i - 1] };
        // The pass: rows k + 1..n get step k - 1's update, then add v_i row_i to p.
        let p = &mut e[k + 1..n];
        p.fill(T::ZERO);
        for i in 0..m {
            let r = &mut trailing[i * n..(i + 1) * n];
            if pending {
                update_row(&earlier[(k - 1) * n..], n, k - 1, w, i + 1, r);
            }
            if t != T::ZERO {
                let vi = v(i);
                for (pj, x) in p.iter_mut().zip(&r[k + 1..]) {
                    *pj += vi * *x;
                }
            }
        }
        pending = t != T::ZERO;
        if pending {
            // p = tau A22 v and p^T v; then w = p - (tau / 2) (p^T v) v.
            let mut pv = T::ZERO;
            for (i, pi) in p.iter_mut().enumerate() {
                *pi *= t;
                pv += *pi * v(i);
            }
            let half = T::HALF * t * pv;
            for (i, (wi, pi)) in w[..m].iter_mut().zip(p.iter()).enumerate() {
                *wi = *pi - half * v(i);
            }
        }
    }
    if pending && n >= 3 {
        // The last step's update, on the remaining 2 x 2 block (rows n - 2 and n - 1).
        let k = n - 3;
        let (head, trailing) = a.split_at_mut((k + 1) * n);
        for (i, r) in trailing.chunks_exact_mut(n).enumerate() {
            update_row(&head[k * n..], n, k, w, i, r);
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

/// Step `s`'s rank-2 update `A22 -= v w^T + w v^T` on one row of its trailing block: `row`
/// is row `s + 1 + i` of the matrix, `reflector_row` row `s` (holding `v`'s tail in columns
/// `s + 2..n`), `w` step `s`'s `w` (over rows `s + 1..n`).
#[inline]
fn update_row<T: Real>(reflector_row: &[T], n: usize, s: usize, w: &[T], i: usize, row: &mut [T]) {
    let v_tail = &reflector_row[s + 2..n];
    let vi = if i == 0 { T::ONE } else { v_tail[i - 1] };
    let wi = w[i];
    let r = &mut row[s + 1..n];
    r[0] -= vi * w[0] + wi;
    for ((x, vj), wj) in r[1..].iter_mut().zip(v_tail).zip(&w[1..n - s - 1]) {
        *x -= vi * *wj + wi * *vj;
    }
}

/// `Q^T` (row-major `n x n`, into `qt`) from the reflectors [`tridiagonalize`] left in `a`
/// and `tau`: `Q^T = H_{n-3} ... H_1 H_0`, formed from the right, starting with the
/// identity, as `((I H_{n-3}) H_{n-4}) ... H_0`. The partial product after `H_k` differs from
/// the identity only in rows and columns `k + 1..n`, so step `k` updates an
/// `(n - k - 1)`-square block, row by row (LAPACK `dorg2l`'s saving: about `4/3 n^3` flops
/// instead of `2 n^3`).
#[inline(always)]
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
#[inline(always)]
pub(crate) fn tridiagonal_ql<T: Real>(
    d: &mut [T],
    e: &mut [T],
    n: usize,
    mut zt: Option<&mut [T]>,
) -> Result<(), Error> {
    let eps = T::epsilon();
    let budget = MAX_ITERATIONS_PER_EIGENVALUE * n;
    let mut iterations = 0;
    // An off-diagonal element below `||T||_max * sqrt(safe_min)` is negligible however its
    // neighbours compare (a perturbation far below `eps^2 ||T||`, inside the normwise
    // backward error; LAPACK's `dsteqr` deflates likewise, `e^2 <= eps^2 |d_m d_m+1| +
    // safmin` on the block scaled to unit size): without this, a block whose elements span
    // more than half the exponent range underflows in every sweep (its products of two
    // small elements do) and stops converging.
    let t_max = d[..n]
        .iter()
        .chain(&e[..n.saturating_sub(1)])
        .fold(T::ZERO, |acc, x| acc.max(x.abs()));
    let negligible = t_max * T::BLUE_SCALING[0];
    for l in 0..n {
        loop {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                let off = e[m].abs();
                if off <= eps * dd || off < T::min_positive_value() || off <= negligible {
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
            // A block far from unit size (outside LAPACK `dsteqr`'s safe range: its
            // `ssfmin`/`ssfmax`, here `prescale_exponent`) is swept scaled by a power of two,
            // exactly, and scaled back: a sweep over elements near the underflow threshold
            // loses the digits the shift needs and stops converging.
            let block_max = d[l..=m]
                .iter()
                .chain(&e[l..m])
                .fold(T::ZERO, |acc, x| acc.max(x.abs()));
            let scale = prescale_exponent(block_max);
            if let Some(k) = scale {
                let up = Pow2Scale::new(k);
                for x in d[l..=m].iter_mut().chain(&mut e[l..m]) {
                    *x = up.apply(*x);
                }
            }
            ql_sweep(d, e, l, m, n, zt.as_deref_mut());
            if let Some(k) = scale {
                let down = Pow2Scale::new(-k);
                for x in d[l..=m].iter_mut().chain(&mut e[l..=m]) {
                    *x = down.apply(*x);
                }
            }
        }
    }
    Ok(())
}

/// One implicit QL sweep with Wilkinson's shift over the unreduced block `l..=m` (`m >= l +
/// 2`) of [`tridiagonal_ql`], rotating the rows of `zt` along.
#[inline(always)]
fn ql_sweep<T: Real>(
    d: &mut [T],
    e: &mut [T],
    l: usize,
    m: usize,
    n: usize,
    mut zt: Option<&mut [T]>,
) {
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
        return;
    }
    d[l] -= p;
    e[l] = g;
    e[m] = T::ZERO;
}
