//! Decompositions and the operations built on them, one decomposition per file.
//!
//! Every routine works on any static size with no heap, in `f32` and `f64`. None of them
//! panics or loops without bound: iterative methods have a fixed iteration budget and report
//! [`Error::NoConvergence`](crate::Error::NoConvergence), and NaN or infinite input is
//! reported as [`Error::NonFinite`](crate::Error::NonFinite) before any iteration starts.
//!
//! The decompositions are types at the crate root, each with its algorithm, accuracy and
//! conventions in its documentation: [`Lu`](crate::Lu), [`Cholesky`](crate::Cholesky),
//! [`Qr`](crate::Qr), [`LeastSquares`](crate::LeastSquares), [`SymmetricEigen`](crate::SymmetricEigen),
//! [`Svd`](crate::Svd), [`Balance`](crate::Balance), [`Hessenberg`](crate::Hessenberg),
//! [`Schur`](crate::Schur) and [`Eigen`](crate::Eigen); they are built by methods of
//! [`Matrix`](crate::Matrix) (`a.lu()`, `a.svd()`, ...). This page adds the operations that
//! have no type of their own; the closed-form determinant and inverse of 2x2, 3x3 and 4x4
//! matrices ([`Matrix::det_cofactor`](crate::Matrix::det_cofactor),
//! [`Matrix::inverse_cofactor`](crate::Matrix::inverse_cofactor)) have their page,
//! [`cofactor`].
//!
//! ## Matrix norms, rank and condition number
//!
//! Matrix norms and the quantities built on singular values: rank, condition number,
//! spectral and nuclear norms; and the induced 1- and infinity-norms.
//!
//! These are NumPy's *matrix* norms (`np.linalg.norm(a, ord)` on 2-D input). They differ
//! from the *entrywise* norms in `vector.rs`, which treat a matrix as one long vector:
//!
//! | NumPy on a matrix | statrix | what it is |
//! | --- | --- | --- |
//! | `norm(a)`, `norm(a, 'fro')` | [`norm`](crate::Matrix::norm), [`norm_fro`](crate::Matrix::norm_fro) | Frobenius: `sqrt(sum a_ij^2)` |
//! | `norm(a, 2)` | [`norm_spectral`](crate::Matrix::norm_spectral) | largest singular value |
//! | `norm(a, 'nuc')` | [`norm_nuclear`](crate::Matrix::norm_nuclear) | sum of the singular values |
//! | `norm(a, 1)` | [`norm_induced_1`](crate::Matrix::norm_induced_1) | largest column sum of `|a_ij|` |
//! | `norm(a, np.inf)` | [`norm_induced_inf`](crate::Matrix::norm_induced_inf) | largest row sum of `|a_ij|` |
//! | `norm(a.ravel(), 1)` | [`norm_l1`](crate::Matrix::norm_l1) | sum of all `|a_ij|` (entrywise) |
//! | `norm(a.ravel(), np.inf)` | [`norm_linf`](crate::Matrix::norm_linf) | largest `|a_ij|` (entrywise) |
//!
//! The singular-value quantities work on any shape (a wide matrix goes through its
//! transpose) and share the [SVD](crate::Svd)'s errors: [`Error::NonFinite`](crate::Error::NonFinite) for
//! NaN or infinite input (where NumPy raises `LinAlgError`), [`Error::NoConvergence`](crate::Error::NoConvergence) in
//! principle.
//!
//! ## Pseudo-inverse
//!
//! The Moore-Penrose pseudo-inverse through the SVD, NumPy's `np.linalg.pinv`.
//!
//! With `A = U diag(S) V^T`, `pinv(A) = V diag(S^+) U^T`, where `S^+` inverts the singular
//! values above a cutoff `rtol * S.max()` and sets the others to zero. Works on any shape:
//! an `R x C` matrix gives a `C x R` one.
//!
//! ### The cutoff, as NumPy 2.x
//!
//! [`pseudo_inverse`](crate::Matrix::pseudo_inverse) uses NumPy's default, `rcond = 1e-15`, for
//! f32 as well (NumPy does not adapt it to the dtype). That is below f32's rounding level,
//! so for an f32 matrix that is rank-deficient up to rounding, the noise singular values
//! (about `1e-7 * S.max()`) are inverted, as in NumPy. Pass a dtype-aware cutoff to
//! [`pseudo_inverse_rtol`](crate::Matrix::pseudo_inverse_rtol), for example the Array API
//! default `max(R, C) * eps` that NumPy uses for `pinv(a, rtol=None)`.

pub(crate) mod balance;

/// Row storage for the routines that run on both static and dynamic matrices: a fixed-size
/// array (`[T; N]`) on the static side, a `Vec<T>` on the dynamic one. Every row of one
/// matrix has the same length.
pub(crate) trait Row<T>: AsRef<[T]> + AsMut<[T]> {}

impl<T, W: AsRef<[T]> + AsMut<[T]>> Row<T> for W {}

/// `Ok(value)` once `fill` has completed it, or `fill`'s error. The value is filled inside
/// the `Result` that is returned, not in a variable of its own moved into an `Ok` at the
/// end: where the function is inlined, that `Result` is its caller's, and a large
/// decomposition has one copy on the stack instead of two. (Where it is not, the `Result`
/// is moved to the caller's once, as any return value: Rust does not promise to build a
/// return value in place.)
#[inline(always)]
pub(crate) fn filled_in_place<V, E>(
    value: V,
    fill: impl FnOnce(&mut V) -> Result<(), E>,
) -> Result<V, E> {
    let mut out = Ok(value);
    if let Ok(v) = &mut out
        && let Err(e) = fill(v)
    {
        out = Err(e);
    }
    out
}

pub(crate) mod bidiagonal;
pub(crate) mod cholesky;
pub mod cofactor;
pub(crate) mod eigen;
pub(crate) mod hessenberg;
pub(crate) mod householder;
#[cfg(feature = "alloc")]
pub(crate) mod inverse_iteration;
pub(crate) mod jacobi;
pub(crate) mod jacobi_svd;
pub(crate) mod lstsq;
pub(crate) mod lu;
pub(crate) mod matrix_norms;
pub(crate) mod pseudo_inverse;
pub(crate) mod qr;
pub(crate) mod schur;
mod small_inverse;
pub(crate) mod svd;
pub(crate) mod symmetric_eigen;
#[cfg(test)]
pub(crate) mod test_support;
mod trace;
pub(crate) mod tridiagonal;
