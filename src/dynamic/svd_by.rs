//! The thin SVD of a [`DMatrix`] by a chosen [`SvdMethod`]: [`DMatrix::svd_by`] and
//! [`DMatrix::singular_values_by`]. [`SvdMethod::Jacobi`] runs the static side's one-sided
//! Jacobi with QR preconditioning (LAPACK `xGEJSV`'s method) over `Vec` rows: one
//! implementation, so for the same matrix the same bits as [`Matrix::svd`](crate::Matrix::svd).

use alloc::vec;
use alloc::vec::Vec;

use super::DMatrix;
use super::decompositions::{DSvd, Vectors};
use crate::error::Error;
use crate::linalg::jacobi_svd::{JacobiSvdVectors, JacobiSvdWork, jacobi_thin_svd};
use crate::linalg::svd::SvdMethod;
use crate::scalar::Real;

impl<T: Real> DMatrix<T> {
    /// The thin SVD by `method`, NumPy's `np.linalg.svd(a, full_matrices=False)`: the shapes
    /// and sign conventions of [`svd`](Self::svd), the speed and accuracy of the method.
    ///
    /// - [`SvdMethod::BidiagonalQr`] is [`svd`](Self::svd) (NumPy's route, `O(m n^2)` with
    ///   SIMD kernels at every size): every singular value within a small multiple of
    ///   `max(m, n) eps sigma_max`.
    /// - [`SvdMethod::Jacobi`] is the static side's default ([`Svd`](crate::Svd) documents
    ///   the algorithm), the same code: QR with column pivoting, then one-sided Jacobi on
    ///   `R^T`. Slower (each sweep costs about `3 n^3` and several are
    ///   needed, where [`svd`](Self::svd)'s whole work is a few `m n^2`), but *relatively* accurate: for a graded
    ///   `A = B D` or `A = D B` (`D` diagonal) every singular value, the tiny ones included,
    ///   has a relative error of order `n eps cond(B)`, where NumPy's guarantee is only
    ///   relative to `sigma_max`. Completing `U` and `V` for zero singular values costs
    ///   `O(z n^3)` for `z` of them.
    ///
    /// # Errors
    /// As [`svd`](Self::svd); for [`SvdMethod::Jacobi`], [`Error::NoConvergence`] after 60
    /// sweeps (not seen in practice).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, SvdMethod};
    /// // Columns scaled from 1 down to 1e-12: a graded matrix.
    /// let a = DMatrix::from_fn(8, 4, |i, j| ((i * 5 + j * 3) % 7) as f64 * 1e-4f64.powi(j as i32));
    /// let svd = a.svd_by(SvdMethod::Jacobi)?;
    /// // NumPy: U, S, Vh = np.linalg.svd(a, full_matrices=False)
    /// assert_eq!((svd.u.shape(), svd.v_t.shape()), ((8, 4), (4, 4)));
    /// assert!(svd.singular_values[3] > 0.0 && svd.singular_values[3] < 1e-11);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn svd_by(&self, method: SvdMethod) -> Result<DSvd<T>, Error> {
        match method {
            SvdMethod::BidiagonalQr => self.svd(),
            SvdMethod::Jacobi => {
                let (m, n) = self.shape();
                let mut svd = if m < n {
                    let (s, u, vt) = jacobi_tall(&self.transpose(), Vectors::Compute)?;
                    DSvd {
                        u: DMatrix::from_vec(m, m, vt)?.transpose(),
                        singular_values: s,
                        v_t: DMatrix::from_vec(n, m, u)?.transpose(),
                    }
                } else {
                    let (s, u, vt) = jacobi_tall(self, Vectors::Compute)?;
                    DSvd {
                        u: DMatrix::from_vec(m, n, u)?,
                        singular_values: s,
                        v_t: DMatrix::from_vec(n, n, vt)?,
                    }
                };
                svd.normalize_signs();
                Ok(svd)
            }
        }
    }

    /// The `min(m, n)` singular values by `method`, descending, NumPy's
    /// `np.linalg.svd(a, compute_uv=False)`: those of [`svd_by`](Self::svd_by) without the
    /// vectors, bit for bit.
    ///
    /// # Errors
    /// As [`svd_by`](Self::svd_by).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, SvdMethod};
    /// let a = DMatrix::from_vec(2, 3, vec![3.0f64, 2.0, 2.0, 2.0, 3.0, -2.0])?;
    /// // NumPy: np.linalg.svd(a, compute_uv=False) -> [5., 3.]
    /// let s = a.singular_values_by(SvdMethod::Jacobi)?;
    /// assert!((s[0] - 5.0).abs() <= 8.0 * f64::EPSILON * 5.0);
    /// assert!((s[1] - 3.0).abs() <= 8.0 * f64::EPSILON * 5.0);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn singular_values_by(&self, method: SvdMethod) -> Result<Vec<T>, Error> {
        match method {
            SvdMethod::BidiagonalQr => self.singular_values(),
            SvdMethod::Jacobi if self.rows() < self.cols() => {
                Ok(jacobi_tall(&self.transpose(), Vectors::Skip)?.0)
            }
            SvdMethod::Jacobi => Ok(jacobi_tall(self, Vectors::Skip)?.0),
        }
    }
}

/// The Jacobi SVD of a tall or square `m x n` matrix: the descending singular values, `U`
/// (`m x n`) and `V^T` (`n x n`) row-major (empty when skipped: the vectors' buffers are
/// allocated only when they are wanted).
#[allow(clippy::type_complexity)] // Three plain vectors, named in the doc comment.
fn jacobi_tall<T: Real>(
    a: &DMatrix<T>,
    vectors: Vectors,
) -> Result<(Vec<T>, Vec<T>, Vec<T>), Error> {
    let (m, n) = a.shape();
    let zero = T::ZERO;
    if n == 0 {
        return Ok((Vec::new(), Vec::new(), Vec::new()));
    }
    let input: Vec<Vec<T>> = a.as_slice().chunks_exact(n).map(<[T]>::to_vec).collect();
    let rows = |count: usize| vec![vec![zero; n]; count];
    let (mut qr, mut w) = (rows(m), rows(n));
    let (mut row_max, mut row_order, mut column) = (vec![zero; m], vec![0; m], vec![zero; m]);
    let (mut col_order, mut order) = (vec![0; n], vec![0; n]);
    let (mut taus, mut sq, mut sigma) = (vec![zero; n], vec![zero; n], vec![zero; n]);
    let (mut line, mut line2) = (vec![zero; n], vec![zero; n]);
    let mut stale = vec![false; n];
    let mut plan = vec![(0, 0, zero, zero, false); n];
    let mut s = vec![zero; n];
    let mut work = JacobiSvdWork {
        qr: &mut qr,
        w: &mut w,
        row_max: &mut row_max,
        row_order: &mut row_order,
        column: &mut column,
        col_order: &mut col_order,
        taus: &mut taus,
        sq: &mut sq,
        stale: &mut stale,
        plan: &mut plan,
        sigma: &mut sigma,
        order: &mut order,
        line: &mut line,
        line2: &mut line2,
    };
    // rot, filled, u, vt.
    let mut buffers = match vectors {
        Vectors::Compute => Some((rows(n), vec![false; n], rows(m), rows(n))),
        Vectors::Skip => None,
    };
    let vector_buffers = buffers
        .as_mut()
        .map(|(rot, filled, u, vt)| JacobiSvdVectors { rot, filled, u, vt });
    jacobi_thin_svd(&input, &mut work, &mut s, vector_buffers)?;
    let (u, vt) = buffers.map_or((Vec::new(), Vec::new()), |(.., u, vt)| {
        (u.concat(), vt.concat())
    });
    Ok((s, u, vt))
}
