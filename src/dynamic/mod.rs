//! The heap-backed escape hatch: [`DMatrix`](crate::DMatrix), a row-major matrix whose shape
//! is known only at run time, for data whose size is not a compile-time fact (a `.npy` file,
//! a batch of embeddings). It shares the static side's kernels: its product is the static
//! product's kernel over slices, so both give the same bits for the same shape.
//!
//! Needs the `alloc` feature (on by default through `std`).

mod arith;
mod axis_stats;
mod convert;
mod decompositions;
mod display;
mod dmatrix;
mod householder_qr;
mod moments;
#[cfg(feature = "std")]
mod npy;
#[cfg(feature = "rand")]
pub(crate) mod orthonormal;
#[cfg(feature = "rand")]
mod pca;
mod product;
#[cfg(feature = "rand")]
mod random;
mod svd_by;

pub use axis_stats::Axis;
pub use decompositions::{DSvd, DSymmetricEigen};
pub use dmatrix::DMatrix;
pub use moments::Moments;
#[cfg(feature = "std")]
pub use npy::{NpyRows, NpyWriter};
#[cfg(feature = "rand")]
pub use pca::{Pca, PcaSolver};
