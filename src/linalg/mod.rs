//! Decompositions and the operations built on them, one decomposition per file.
//!
//! Every routine works on any static size with no heap, in `f32` and `f64`. None of them
//! panics or loops without bound: iterative methods have a fixed iteration budget and report
//! [`Error::NoConvergence`](crate::Error::NoConvergence), and NaN or infinite input is
//! reported as [`Error::NonFinite`](crate::Error::NonFinite) before any iteration starts.

pub mod balance;
pub mod cholesky;
pub mod eigen;
pub mod hessenberg;
mod householder;
mod jacobi;
pub mod lstsq;
pub mod lu;
pub mod matrix_norms;
pub mod pseudo_inverse;
pub mod qr;
pub mod schur;
mod small_inverse;
pub mod svd;
pub mod symmetric_eigen;
mod trace;

pub(crate) use householder::{Pow2Scale, exponent};

pub use balance::Balance;
pub use cholesky::Cholesky;
pub use eigen::Eigen;
pub use hessenberg::Hessenberg;
pub use lstsq::LeastSquares;
pub use lu::Lu;
pub use qr::Qr;
pub use schur::Schur;
pub use svd::Svd;
pub use symmetric_eigen::SymmetricEigen;
