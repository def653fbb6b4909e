//! The symmetric eigendecomposition and the thin SVD of [`DMatrix`], by the slice routines
//! the static side's `TridiagonalQl` and `BidiagonalQr` methods use (Householder reduction,
//! then implicit QL or Golub-Kahan QR): the same code, so for the same matrix the same bits,
//! and the same conventions (ascending eigenvalues and descending singular values, the
//! largest-magnitude component of each eigenvector and right singular vector positive).
//!
//! A tall matrix with `m >= 1.2 n` rows and `n >= 32` columns (or the transpose of such a
//! wide one) is first factored `A = QR` by a blocked Householder QR (`householder_qr.rs`),
//! and the SVD is that of the `n x n` factor `R`, with `U = Q U_R`: bidiagonalisation runs at
//! memory speed, the blocked QR mostly in the packed product, so the pair is faster (the
//! exact PCA of `benches/dmatrix.rs`, which takes this path, went from 725 ms to 573 ms in
//! the README's runs). Those shapes have no
//! static twin to compare bits with; the results satisfy the same error bounds.

use alloc::vec;
use alloc::vec::Vec;

use super::DMatrix;
use super::householder_qr::HouseholderQr;
use crate::error::Error;
use crate::linalg::bidiagonal::BidiagonalScratch;
use crate::linalg::bidiagonal::bidiagonal_qr;
use crate::linalg::inverse_iteration::tridiagonal_eigenvectors;
use crate::linalg::jacobi::index_of_largest;
use crate::linalg::tridiagonal::tridiagonal_ql;
use crate::numeric::{Pow2Scale, finite_max_abs, unit_exponent};
use crate::scalar::Real;
use crate::simd::wide::{
    back_transform, back_transform_left, bidiagonalize, svd_in_place, symmetric_eigen_in_place,
    tridiagonalize,
};

/// The eigendecomposition `A = V diag(w) V^T` of a symmetric [`DMatrix`], NumPy's
/// `w, V = np.linalg.eigh(a)`; built by [`DMatrix::symmetric_eigen`].
///
/// # Example
/// ```
/// use statrix::DMatrix;
/// let a = DMatrix::from_vec(2, 2, vec![2.0f64, 1.0, 1.0, 2.0])?;
/// let eig = a.symmetric_eigen()?;
/// // NumPy: np.linalg.eigh(a)[0] -> [1., 3.]
/// assert!((eig.eigenvalues[0] - 1.0).abs() <= 8.0 * f64::EPSILON);
/// assert!((eig.eigenvalues[1] - 3.0).abs() <= 8.0 * f64::EPSILON);
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DSymmetricEigen<T> {
    /// The eigenvalues in ascending order: NumPy's `w`.
    pub eigenvalues: Vec<T>,
    /// The orthonormal eigenvectors as columns, column `i` for `eigenvalues[i]`: NumPy's `V`.
    pub eigenvectors: DMatrix<T>,
}

/// The thin singular value decomposition `A = U diag(S) V^T` of an `m x n` [`DMatrix`]
/// with `k = min(m, n)` singular values, NumPy's `np.linalg.svd(a, full_matrices=False)`;
/// built by [`DMatrix::svd`].
///
/// # Example
/// ```
/// use statrix::DMatrix;
/// let a = DMatrix::from_vec(2, 3, vec![3.0f64, 2.0, 2.0, 2.0, 3.0, -2.0])?;
/// let svd = a.svd()?;
/// // NumPy: np.linalg.svd(a)[1] -> [5., 3.]
/// assert_eq!((svd.u.shape(), svd.v_t.shape()), ((2, 2), (2, 3)));
/// assert!((svd.singular_values[0] - 5.0).abs() <= 16.0 * f64::EPSILON * 5.0);
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DSvd<T> {
    /// The left singular vectors as orthonormal columns (`m x k`): NumPy's `U`.
    pub u: DMatrix<T>,
    /// The singular values, non-negative and descending: NumPy's `S`.
    pub singular_values: Vec<T>,
    /// The right singular vectors as orthonormal rows (`k x n`): NumPy's `Vh`.
    pub v_t: DMatrix<T>,
}

impl<T: Real> DSvd<T> {
    /// Makes the largest-magnitude component of every row of `V^T` positive (the first one
    /// on ties), flipping the matching column of `U`: the static [`Svd`](crate::Svd)'s
    /// convention.
    pub(super) fn normalize_signs(&mut self) {
        for k in 0..self.v_t.rows() {
            let row = self.v_t.row(k);
            let j = index_of_largest(row.iter().copied());
            if row.get(j).is_some_and(|&x| x < T::ZERO) {
                for x in self.v_t.row_mut(k) {
                    *x = -*x;
                }
                for i in 0..self.u.rows() {
                    self.u[(i, k)] = -self.u[(i, k)];
                }
            }
        }
    }
}

/// Whether a decomposition accumulates its vectors or computes its values only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Vectors {
    /// Compute eigenvectors / singular vectors too.
    Compute,
    /// Values only: skip the accumulation of the transformations.
    Skip,
}

/// The order of `keys` by `before` (stable).
fn order_by<T: Copy>(keys: &[T], before: impl Fn(T, T) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&i, &j| {
        if before(keys[i], keys[j]) {
            core::cmp::Ordering::Less
        } else if before(keys[j], keys[i]) {
            core::cmp::Ordering::Greater
        } else {
            core::cmp::Ordering::Equal
        }
    });
    order
}

impl<T: Real> DMatrix<T> {
    /// The eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric
    /// matrix, NumPy's `np.linalg.eigh(a)`: Householder tridiagonalisation and implicit QL
    /// (the static side's [`SymmetricEigenMethod::TridiagonalQl`](crate::SymmetricEigenMethod),
    /// the same code). Reads only the lower triangle. Backward stable: every eigenvalue
    /// within a small multiple of `n eps |A|` of the exact one, as NumPy's.
    ///
    /// # Errors
    /// [`Error::NotSquare`] for a non-square matrix; [`Error::NonFinite`] if an element of
    /// the lower triangle is NaN or infinite; [`Error::NoConvergence`] after 30 QL sweeps per
    /// eigenvalue (not seen in practice); [`Error::Overflow`] if an eigenvalue overflows.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(50, 50, |i, j| 1.0 / (1.0 + i as f64 + j as f64));
    /// let eig = a.symmetric_eigen()?;
    /// // A V = V diag(w), to rounding.
    /// let av = &a * &eig.eigenvectors;
    /// let vw = DMatrix::from_fn(50, 50, |i, k| eig.eigenvectors[(i, k)] * eig.eigenvalues[k]);
    /// let r = (&av - &vw).as_slice().iter().fold(0.0f64, |m, x| m.max(x.abs()));
    /// assert!(r <= 1e-13);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn symmetric_eigen(&self) -> Result<DSymmetricEigen<T>, Error> {
        let (eigenvalues, vt) = self.symmetric_eigen_parts(Vectors::Compute)?;
        let n = self.rows();
        let mut eigenvectors = DMatrix::zeros(n, n);
        for (k, row) in vt.chunks_exact(n.max(1)).enumerate().take(n) {
            let j = index_of_largest(row.iter().copied());
            let sign = if row[j] < T::ZERO { -T::ONE } else { T::ONE };
            for (i, &x) in row.iter().enumerate() {
                eigenvectors[(i, k)] = sign * x;
            }
        }
        Ok(DSymmetricEigen {
            eigenvalues,
            eigenvectors,
        })
    }

    /// The eigenvalues of a symmetric matrix in ascending order, NumPy's
    /// `np.linalg.eigvalsh(a)`: the values of [`symmetric_eigen`](DMatrix::symmetric_eigen)
    /// without the vectors.
    ///
    /// # Errors
    /// As [`symmetric_eigen`](DMatrix::symmetric_eigen).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error};
    /// let a = DMatrix::from_vec(2, 2, vec![2.0f64, -1.0, -1.0, 2.0])?;
    /// let w = a.symmetric_eigenvalues()?;
    /// assert!((w[0] - 1.0).abs() <= 8.0 * f64::EPSILON && (w[1] - 3.0).abs() <= 8.0 * f64::EPSILON);
    /// assert_eq!(DMatrix::<f64>::zeros(2, 3).symmetric_eigenvalues(), Err(Error::NotSquare { shape: (2, 3) }));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn symmetric_eigenvalues(&self) -> Result<Vec<T>, Error> {
        Ok(self.symmetric_eigen_parts(Vectors::Skip)?.0)
    }

    /// The `k` largest eigenvalues (ascending) of a symmetric matrix and their orthonormal
    /// eigenvectors (the columns of an `n x k` matrix): SciPy's
    /// `scipy.linalg.eigh(a, subset_by_index=[n - k, n - 1])`. Householder tridiagonalisation,
    /// the eigenvalues by QL without vectors, then inverse iteration for the `k` vectors
    /// only, back-transformed through the reflectors (`O(n^2 k)` after the reduction instead
    /// of `O(n^3)`; the choice is argued in `linalg/inverse_iteration.rs`). Reads only the
    /// lower triangle. The eigenvalues are those of [`symmetric_eigenvalues`](Self::symmetric_eigenvalues)
    /// (the same code); each vector's residual is within `4 n eps ||A||_1`; vectors of
    /// eigenvalues closer than `1e-3 ||A||_1` are re-orthogonalised against each other. Signs
    /// as [`symmetric_eigen`](Self::symmetric_eigen)'s.
    ///
    /// Where inverse iteration does not meet its residual bound within 7 solves (a large
    /// cluster of eigenvalues equal to working precision), the full
    /// [`symmetric_eigen`](Self::symmetric_eigen) runs and is cut to the `k` largest.
    ///
    /// # Errors
    /// As [`symmetric_eigen`](Self::symmetric_eigen); [`Error::TooManyComponents`] if `k > n`
    /// (`available: n`).
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(6, 6, |i, j| 1.0 / (1.0 + i as f64 + j as f64));
    /// let top = a.symmetric_eigen_largest(2)?;
    /// let all = a.symmetric_eigen()?;
    /// assert_eq!(top.eigenvalues, all.eigenvalues[4..]);
    /// for k in 0..2 {
    ///     for i in 0..6 {
    ///         let (x, y) = (top.eigenvectors[(i, k)], all.eigenvectors[(i, k + 4)]);
    ///         assert!((x - y).abs() < 1e-12);
    ///     }
    /// }
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn symmetric_eigen_largest(&self, k: usize) -> Result<DSymmetricEigen<T>, Error> {
        let n = self.rows();
        let (mut m, down) = self.scaled_symmetric()?;
        if k > n {
            return Err(Error::TooManyComponents {
                requested: k,
                available: n,
            });
        }
        let (mut d, mut e, mut tau, mut w) = (
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
        );
        tridiagonalize(&mut m, n, &mut d, &mut e, &mut tau, &mut w);
        let (mut values, mut off) = (d.clone(), e.clone());
        tridiagonal_ql(&mut values, &mut off, n, None)?;
        let order = order_by(&values, |x, y| x < y);
        // The k largest, largest first (the order inverse iteration takes them in).
        let top: Vec<T> = order.iter().rev().take(k).map(|&i| values[i]).collect();
        let mut rows = vec![T::ZERO; k * n];
        if tridiagonal_eigenvectors(&d, &e, &top, &mut rows).is_err() {
            // Inverse iteration can stall on a large cluster of eigenvalues that are equal
            // to working precision (a fuzzing finding: thirty numerically zero eigenvalues
            // beside one of 1e15); the full decomposition, whose QL sweeps are bounded,
            // decides, cut to the k largest.
            let full = self.symmetric_eigen()?;
            return Ok(DSymmetricEigen {
                eigenvalues: full.eigenvalues[n - k..].to_vec(),
                eigenvectors: DMatrix::from_fn(n, k, |i, j| full.eigenvectors[(i, n - k + j)]),
            });
        }
        let eigenvalues: Vec<T> = top.iter().rev().map(|&x| down.apply(x)).collect();
        if eigenvalues.iter().any(|x| x.is_infinite()) {
            return Err(Error::Overflow);
        }
        // The vectors as the columns of an n x k matrix, smallest eigenvalue first (`rows`
        // has the largest first), then through the reflectors.
        let mut eigenvectors = DMatrix::from_fn(n, k, |i, col| rows[(k - 1 - col) * n + i]);
        back_transform(&m, n, &tau, eigenvectors.as_mut_slice(), k);
        for col in 0..k {
            let j = index_of_largest((0..n).map(|i| eigenvectors[(i, col)]));
            if n > 0 && eigenvectors[(j, col)] < T::ZERO {
                for i in 0..n {
                    eigenvectors[(i, col)] = -eigenvectors[(i, col)];
                }
            }
        }
        Ok(DSymmetricEigen {
            eigenvalues,
            eigenvectors,
        })
    }

    /// The full symmetric matrix from the lower triangle, scaled by a power of two to
    /// largest magnitude in `[1, 2)`, with the scaling back; checks squareness and finiteness.
    fn scaled_symmetric(&self) -> Result<(Vec<T>, Pow2Scale<T>), Error> {
        let (n, cols) = self.shape();
        if n != cols {
            return Err(Error::NotSquare { shape: (n, cols) });
        }
        let mut max_abs = T::ZERO;
        for (i, row) in self.row_iter().enumerate() {
            for &x in &row[..=i] {
                if !x.is_finite() {
                    return Err(Error::NonFinite);
                }
                max_abs = max_abs.max(x.abs());
            }
        }
        let exponent = unit_exponent(max_abs);
        let (up, down) = (Pow2Scale::new(exponent), Pow2Scale::new(-exponent));
        let a = self.as_slice();
        let m: Vec<T> = (0..n * n)
            .map(|k| {
                let (p, q) = (k / n, k % n);
                up.apply(if q <= p { a[k] } else { a[q * n + p] })
            })
            .collect();
        Ok((m, down))
    }

    /// The ascending eigenvalues and the matching eigenvectors as the rows of an `n x n`
    /// row-major `Vec` (empty when skipped).
    fn symmetric_eigen_parts(&self, vectors: Vectors) -> Result<(Vec<T>, Vec<T>), Error> {
        let n = self.rows();
        let (mut m, down) = self.scaled_symmetric()?;
        let (mut d, mut e, mut tau, mut w) = (
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
        );
        let mut vt = match vectors {
            Vectors::Compute => vec![T::ZERO; n * n],
            Vectors::Skip => Vec::new(),
        };
        let vt_rows = (vectors == Vectors::Compute).then_some(vt.as_mut_slice());
        symmetric_eigen_in_place(&mut m, n, &mut d, &mut e, &mut tau, &mut w, vt_rows)?;
        let order = order_by(&d, |x, y| x < y);
        let values: Vec<T> = order.iter().map(|&i| down.apply(d[i])).collect();
        if values.iter().any(|x| x.is_infinite()) {
            return Err(Error::Overflow);
        }
        let sorted_vt = match vectors {
            Vectors::Compute => order
                .iter()
                .flat_map(|&i| vt[i * n..(i + 1) * n].iter().copied())
                .collect(),
            Vectors::Skip => Vec::new(),
        };
        Ok((values, sorted_vt))
    }

    /// The thin singular value decomposition, NumPy's
    /// `np.linalg.svd(a, full_matrices=False)`: `U` is `m x k`, `S` has `k = min(m, n)`
    /// values in descending order, `V^T` is `k x n`. Householder bidiagonalisation and the
    /// Golub-Kahan QR iteration (the static side's
    /// [`SvdMethod::BidiagonalQr`](crate::SvdMethod), the same code; a wide matrix goes
    /// through its transpose; a tall one with `m >= 1.2 n`, `n >= 32` is first factored
    /// `A = QR` by a blocked Householder QR, and the SVD is `R`'s with `U = Q U_R`, which is
    /// faster). Backward stable: every singular value within a small multiple
    /// of `max(m, n) eps sigma_max` of the exact one, as NumPy's. Signs: the largest-magnitude
    /// component of each row of `V^T` is positive, the matching column of `U` flipped with it.
    ///
    /// # Errors
    /// [`Error::NonFinite`] if an element is NaN or infinite; [`Error::NoConvergence`] after
    /// 30 QR steps per singular value (not seen in practice); [`Error::Overflow`] if a
    /// singular value overflows.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(60, 20, |i, j| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    /// let svd = a.svd()?;
    /// assert_eq!((svd.u.shape(), svd.singular_values.len(), svd.v_t.shape()), ((60, 20), 20, (20, 20)));
    /// // U diag(S) V^T = A, to rounding.
    /// let us = DMatrix::from_fn(60, 20, |i, k| svd.u[(i, k)] * svd.singular_values[k]);
    /// let back = &us * &svd.v_t;
    /// let r = (&back - &a).as_slice().iter().fold(0.0f64, |m, x| m.max(x.abs()));
    /// assert!(r <= 1e-12);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn svd(&self) -> Result<DSvd<T>, Error> {
        let (m, n) = self.shape();
        let mut svd = if m < n {
            let t = self.transpose().svd()?;
            DSvd {
                u: t.v_t.transpose(),
                singular_values: t.singular_values,
                v_t: t.u.transpose(),
            }
        } else if let Some((qr, r, down)) = self.qr_first()? {
            let inner = r.svd()?;
            qr_first_svd(&qr, inner, down)?
        } else {
            let (s, ut, vt) = self.tall_svd_parts(Vectors::Compute)?;
            DSvd {
                u: DMatrix::from_fn(m, n, |i, k| ut[k * m + i]),
                singular_values: s,
                v_t: DMatrix::from_vec(n, n, vt)?,
            }
        };
        svd.normalize_signs();
        Ok(svd)
    }

    /// The `min(m, n)` singular values, descending, NumPy's
    /// `np.linalg.svd(a, compute_uv=False)`: those of [`svd`](DMatrix::svd) without the
    /// vectors.
    ///
    /// # Errors
    /// As [`svd`](DMatrix::svd).
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let s = DMatrix::from_vec(3, 2, vec![2.0, 0.0, 0.0, -3.0, 0.0, 0.0])?.singular_values()?;
    /// assert_eq!(s, vec![3.0, 2.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn singular_values(&self) -> Result<Vec<T>, Error> {
        if self.rows() < self.cols() {
            return self.transpose().singular_values();
        }
        if let Some((_, r, down)) = self.qr_first()? {
            return scaled_back(r.singular_values()?, down);
        }
        Ok(self.tall_svd_parts(Vectors::Skip)?.0)
    }

    /// The `k` largest singular values (descending) and their left and right singular vectors
    /// (`U` is `m x k`, `V^T` is `k x n`): NumPy's `np.linalg.svd(a, full_matrices=False)`
    /// cut to its first `k`, as a PCA needs. Householder bidiagonalisation and the singular
    /// values by QR without vectors (the code of [`singular_values`](Self::singular_values),
    /// so the same values), then the `k` vector pairs by inverse iteration on the
    /// Golub-Kahan tridiagonal matrix (whose eigenvalues are `±sigma` and whose eigenvectors
    /// interleave `v` and `u`; LAPACK `dbdsvdx`'s form), back-transformed through the
    /// reflectors: `O(m n k)` after the reduction instead of the `O(m n^2)` of accumulating
    /// every vector. Each pair's residual `|B v - sigma u|, |Bᵀ u - sigma v|` is within `8 n
    /// eps |B|` (the acceptance test of inverse iteration on the `2n` matrix). Signs as
    /// [`svd`](Self::svd)'s. When one of the `k` values is numerically zero (within `8 n eps`
    /// of the largest), whose vectors inverse iteration cannot pin down, or when the `k`
    /// left or right vectors come out orthonormal only to more than `8 n eps` (values far
    /// below the largest, whose pairs the Golub-Kahan form separates from those of their
    /// negatives by `2 sigma` alone), the full [`svd`](Self::svd) runs and is cut to `k`.
    ///
    /// The full SVD likewise decides where inverse iteration does not meet its residual bound.
    ///
    /// # Errors
    /// As [`svd`](Self::svd); [`Error::TooManyComponents`] if `k > min(m, n)`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(30, 12, |i, j| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    /// let top = a.svd_largest(3)?;
    /// let all = a.svd()?;
    /// assert_eq!(top.singular_values, all.singular_values[..3]);
    /// for i in 0..3 {
    ///     for j in 0..12 {
    ///         assert!((top.v_t[(i, j)] - all.v_t[(i, j)]).abs() < 1e-10);
    ///     }
    /// }
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn svd_largest(&self, k: usize) -> Result<DSvd<T>, Error> {
        let (m, n) = self.shape();
        if k > m.min(n) {
            return Err(Error::TooManyComponents {
                requested: k,
                available: m.min(n),
            });
        }
        if m < n {
            let t = self.transpose().svd_largest(k)?;
            let mut svd = DSvd {
                u: t.v_t.transpose(),
                singular_values: t.singular_values,
                v_t: t.u.transpose(),
            };
            svd.normalize_signs();
            return Ok(svd);
        }
        if let Some((qr, r, down)) = self.qr_first()? {
            let inner = r.svd_largest(k)?;
            return qr_first_svd(&qr, inner, down);
        }
        let max_abs = finite_max_abs(self.as_slice()).ok_or(Error::NonFinite)?;
        let exponent = unit_exponent(max_abs);
        let (up, down) = (Pow2Scale::new(exponent), Pow2Scale::new(-exponent));
        let mut a: Vec<T> = self.as_slice().iter().map(|&x| up.apply(x)).collect();
        let (mut d, mut e, mut tau_q, mut tau_p, mut w) = (
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
        );
        let mut v = vec![T::ZERO; m];
        bidiagonalize(
            &mut a, m, n, &mut d, &mut e, &mut tau_q, &mut tau_p, &mut v, &mut w,
        );
        let (mut values, mut off) = (d.clone(), e.clone());
        bidiagonal_qr(&mut values, &mut off, n, None, None)?;
        let order = order_by(&values, |x, y| x > y);
        let top: Vec<T> = order.iter().take(k).map(|&i| values[i]).collect();
        // A numerically zero singular value among the k has no determined pair (any unit
        // vector of the null space will do): the full decomposition picks one.
        let eight_n_eps = T::from(8 * n).ok_or(Error::Overflow)? * T::epsilon();
        let full_cut = || -> Result<DSvd<T>, Error> {
            let full = self.svd()?;
            Ok(DSvd {
                u: DMatrix::from_fn(m, k, |i, j| full.u[(i, j)]),
                singular_values: full.singular_values[..k].to_vec(),
                v_t: DMatrix::from_fn(k, n, |i, j| full.v_t[(i, j)]),
            })
        };
        if k == 0 || top.iter().any(|&s| s <= eight_n_eps * top[0]) {
            return full_cut();
        }
        // The Golub-Kahan matrix: zero diagonal, off-diagonal d0, e0, d1, e1, ..., d_{n-1}.
        let diagonal = vec![T::ZERO; 2 * n];
        let mut golub_kahan: Vec<T> = (0..2 * n)
            .map(|i| if i % 2 == 0 { d[i / 2] } else { e[i / 2] })
            .collect();
        golub_kahan[2 * n - 1] = T::ZERO;
        let mut rows = vec![T::ZERO; k * 2 * n];
        if tridiagonal_eigenvectors(&diagonal, &golub_kahan, &top, &mut rows).is_err() {
            // As in `symmetric_eigen_largest`: a stalled cluster goes to the full SVD.
            return full_cut();
        }
        // Split z = (v0, u0, v1, u1, ...) into unit halves, as columns.
        let mut right = vec![T::ZERO; n * k];
        let mut left = vec![T::ZERO; m * k];
        for (j, z) in rows.chunks_exact(2 * n).enumerate() {
            let half_norm =
                |offset: usize| crate::numeric::norm(z.iter().skip(offset).step_by(2).copied());
            let (nv, nu) = (half_norm(0), half_norm(1));
            for i in 0..n {
                right[i * k + j] = z[2 * i] / nv;
                left[i * k + j] = z[2 * i + 1] / nu;
            }
        }
        // The pair of sigma is kept apart from that of -sigma (which is not computed) only by
        // the gap 2 sigma: for sigma small beside sigma_max, the halves of the Golub-Kahan
        // vectors are orthogonal to only about eps sigma_max / sigma each (a fuzzing
        // finding: 1e-8 for sigma = 1e-9 sigma_max). Where either set falls short of
        // `8 n eps`, the full decomposition decides (the check is `O(n k^2)`, the reflectors
        // keep orthogonality).
        if !orthonormal_columns_within(&right, k, eight_n_eps)
            || !orthonormal_columns_within(&left[..n * k], k, eight_n_eps)
        {
            return full_cut();
        }
        back_transform(&a, n, &tau_p, &mut right, k);
        back_transform_left(&a, (m, n), &tau_q, &mut left, k);
        let singular_values: Vec<T> = top.iter().map(|&x| down.apply(x)).collect();
        if singular_values.iter().any(|x| x.is_infinite()) {
            return Err(Error::Overflow);
        }
        let mut svd = DSvd {
            u: DMatrix::from_vec(m, k, left)?,
            singular_values,
            v_t: DMatrix::from_vec(n, k, right)?.transpose(),
        };
        svd.normalize_signs();
        Ok(svd)
    }

    /// For a tall matrix with `m >= 1.2 n` and `n >= 32`: its blocked QR (of the matrix scaled
    /// by `2^e` so that its largest magnitude is in `[1, 2)`), `R` as a matrix, and the
    /// scaling back `2^-e`; `None` for other shapes, which bidiagonalise the matrix itself.
    /// Bidiagonalising `R` (`n x n`) and applying `Q` to the left vectors is faster than
    /// bidiagonalising the `m x n` matrix once `m` exceeds `n` by a little: by the operation
    /// counts (`4 m n^2 - 4 n^3 / 3` at memory speed against `8 n^3 / 3` at memory speed plus
    /// `2 m n^2 - 2 n^3 / 3` mostly in the packed product, about six times faster here) from
    /// about `1.1 n` rows. The margin keeps
    /// square-ish shapes, whose gain would be small, on one path.
    #[allow(clippy::type_complexity)] // The three parts, named in the doc comment.
    fn qr_first(&self) -> Result<Option<(HouseholderQr<T>, DMatrix<T>, Pow2Scale<T>)>, Error> {
        let (m, n) = self.shape();
        if n < 32 || 5 * m < 6 * n {
            return Ok(None);
        }
        let max_abs = finite_max_abs(self.as_slice()).ok_or(Error::NonFinite)?;
        let exponent = unit_exponent(max_abs);
        let up = Pow2Scale::new(exponent);
        let a: Vec<T> = self.as_slice().iter().map(|&x| up.apply(x)).collect();
        let qr = HouseholderQr::factor(a, (m, n));
        let r = DMatrix::from_vec(n, n, qr.r())?;
        Ok(Some((qr, r, Pow2Scale::new(-exponent))))
    }

    /// For `m >= n`: the descending singular values and the matching left and right singular
    /// vectors as the rows of `n x m` and `n x n` row-major `Vec`s (empty when skipped).
    #[allow(clippy::type_complexity)] // Three plain vectors, named in the doc comment.
    fn tall_svd_parts(&self, vectors: Vectors) -> Result<(Vec<T>, Vec<T>, Vec<T>), Error> {
        let (m, n) = self.shape();
        let max_abs = finite_max_abs(self.as_slice()).ok_or(Error::NonFinite)?;
        let exponent = unit_exponent(max_abs);
        let (up, down) = (Pow2Scale::new(exponent), Pow2Scale::new(-exponent));
        let mut a: Vec<T> = self.as_slice().iter().map(|&x| up.apply(x)).collect();
        let mut d = vec![T::ZERO; n];
        let (mut e, mut tau_q, mut tau_p, mut w) = (
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
            vec![T::ZERO; n],
        );
        let mut v = vec![T::ZERO; m];
        let (mut ut, mut vt) = match vectors {
            Vectors::Compute => (vec![T::ZERO; n * m], vec![T::ZERO; n * n]),
            Vectors::Skip => (Vec::new(), Vec::new()),
        };
        let scratch = BidiagonalScratch {
            e: &mut e,
            tau_q: &mut tau_q,
            tau_p: &mut tau_p,
            v: &mut v,
            w: &mut w,
        };
        let out = (vectors == Vectors::Compute).then_some((ut.as_mut_slice(), vt.as_mut_slice()));
        svd_in_place(&mut a, (m, n), &mut d, scratch, out)?;
        let order = order_by(&d, |x, y| x > y);
        let s: Vec<T> = order.iter().map(|&i| down.apply(d[i])).collect();
        if s.iter().any(|x| x.is_infinite()) {
            return Err(Error::Overflow);
        }
        let rows = |x: &[T], len: usize| -> Vec<T> {
            order
                .iter()
                .flat_map(|&i| x[i * len..(i + 1) * len].iter().copied())
                .collect()
        };
        Ok(match vectors {
            Vectors::Compute => (s, rows(&ut, m), rows(&vt, n)),
            Vectors::Skip => (s, Vec::new(), Vec::new()),
        })
    }
}

/// The SVD of the matrix whose QR is `qr`, from the SVD of its `R` (`inner`): `U = Q [U_R; 0]`,
/// the same `V` and singular values scaled back by `down`.
fn qr_first_svd<T: Real>(
    qr: &HouseholderQr<T>,
    inner: DSvd<T>,
    down: Pow2Scale<T>,
) -> Result<DSvd<T>, Error> {
    let (n, k) = inner.u.shape();
    let m = qr.rows();
    let mut u = vec![T::ZERO; m * k];
    u[..n * k].copy_from_slice(inner.u.as_slice());
    qr.apply_q(&mut u, k);
    Ok(DSvd {
        u: DMatrix::from_vec(m, k, u)?,
        singular_values: scaled_back(inner.singular_values, down)?,
        v_t: inner.v_t,
    })
}

/// The singular values of the scaled matrix, scaled back; [`Error::Overflow`] if one leaves
/// the range.
fn scaled_back<T: Real>(values: Vec<T>, down: Pow2Scale<T>) -> Result<Vec<T>, Error> {
    let values: Vec<T> = values.into_iter().map(|x| down.apply(x)).collect();
    if values.iter().any(|x| x.is_infinite()) {
        return Err(Error::Overflow);
    }
    Ok(values)
}

/// Whether the columns of the row-major `rows x k` matrix `z` (`z.len() = rows k`) are
/// orthonormal within `tolerance`: `max |Zᵀ Z - I| <= tolerance`.
fn orthonormal_columns_within<T: Real>(z: &[T], k: usize, tolerance: T) -> bool {
    let rows: Vec<&[T]> = z.chunks_exact(k.max(1)).collect();
    (0..k).all(|p| {
        (p..k).all(|q| {
            let dot = rows.iter().fold(T::ZERO, |s, row| s + row[p] * row[q]);
            let want = if p == q { T::ONE } else { T::ZERO };
            (dot - want).abs() <= tolerance
        })
    })
}
