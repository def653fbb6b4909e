//! # statrix
//!
//! Linear algebra whose matrix shapes are checked by the compiler.
//!
//! [`Matrix<T, R, C>`](Matrix) is a plain row-major array on the stack. Its shape is part of
//! its type, so multiplying a `2 x 3` by a `2 x 3` matrix, adding matrices of different
//! shapes, or reshaping 6 elements into 8 does not compile. It runs without a heap and
//! without `std` (Cortex-M firmware), and prints and computes as NumPy does.
//!
//! ```
//! use statrix::{matrix, vector, Matrix};
//!
//! let a = matrix![1, 2;
//!                 3, 4];
//! let b = matrix![5, 6;
//!                 7, 8];
//! println!("{}", a * b); // NumPy: a @ b
//! assert_eq!(format!("{}", a * b), "[[19 22]\n [43 50]]");
//! assert_eq!(format!("{}", a.hadamard(&b)), "[[ 5 12]\n [21 32]]"); // NumPy: a * b
//!
//! let v1 = vector![1.0, 2.0, 3.0];
//! let v2 = vector![4.0, 5.0, 6.0];
//! assert_eq!(v1.dot(&v2), 32.0); // np.dot(v1, v2)
//!
//! // A linear layer: (batch, in) @ (in, out) + (out,), shapes checked at compile time.
//! let x = Matrix::<f64, 32, 128>::zeros();
//! let w = Matrix::<f64, 128, 64>::zeros();
//! let bias = Matrix::<f64, 1, 64>::zeros();
//! let output = (x * w).add_row_broadcast(&bias);
//! assert_eq!(output.shape(), (32, 64));
//! ```
//!
//! ## Layout
//!
//! | module | what is in it |
//! | --- | --- |
//! | `scalar` | the [`Scalar`] and [`Real`] traits; maths routed to `std` or `libm` |
//! | `matrix` | [`Matrix`], its aliases, construction, the [`matrix!`]/[`vector!`] macros |
//! | `access` | indexing, rows and columns, iterators, `map`, `zip_map`, `cast` |
//! | `shape` | transpose, reshape, blocks, `hstack`/`vstack`, row swaps |
//! | `ops`, `kernel`, `simd` | operators; the one matrix-product entry point; explicit SIMD kernels (bit-identical to the portable loops; with the `bytemuck` impls, the only `unsafe`) |
//! | `elementwise` | Hadamard product, elementwise division, broadcasting |
//! | `vector` | dot, cross, outer, norms, `normalize` |
//! | `numeric` | the robust float kernels every algorithm shares: exact power-of-two scaling, the overflow-safe norm, finiteness checks, the rescaled product, compensated summation |
//! | [`linalg`] | the decompositions ([`Lu`], [`Cholesky`], [`Qr`], [`LeastSquares`], [`SymmetricEigen`], [`Svd`], [`Balance`], [`Hessenberg`], [`Schur`], [`Eigen`]; their notes are on the types), matrix norms, rank, condition number, pseudo-inverse |
//! | `reduce` | `sum`/`prod` (pairwise, NumPy-equal), `cumsum`/`cumprod`, `min`/`max`, `argmin`/`argmax`, `sort`/stable `argsort`, `unique` ([`Unique`]), comparison masks, `all`/`any`/`count_true` |
//! | [`stats`] | `mean`, `var`/`std` (`ddof`), `median`, quantiles ([`QuantileMethod`]), `cov`/`corrcoef` (variables in rows or columns), z-score, min-max scaling |
//! | [`nn`] | activations and derivatives, losses, typed layers (`Linear`, `Layer::then`) |
//! | `random` | feature `rand`: `default_rng`, `Matrix::random_*`, shuffle, permutation, choice (its types live only there: `statrix::random::Pcg64`, `SeedSequence`, `LegacyRng`, `ChaCha12Gen`, ...); the same seed gives NumPy's numbers |
//! | `display` | NumPy-identical `Display`, `Debug`; `scalar_display`: [`NumpyScalar`] |
//! | `error` | [`Error`] |
//! | `interop` | `approx` (always), `serde`, `mint`, `bytemuck`, `defmt` (features) |
//!
//! ## Compile-time shape errors
//!
//! Shape rules the type system can state are in the signatures (`Matrix<T, R, K> *
//! Matrix<T, K, C>`). Rules it cannot state on stable Rust, such as `R * C == R2 * C2` for
//! [`Matrix::reshape`] or the output width of [`Matrix::hstack`], are `const` assertions:
//! they fail `cargo build` and `cargo test` with a message naming the rule and the
//! instantiation (`Matrix::<f64, 2, 3>::reshape::<4, 2>`). `cargo check` and IDEs, which do
//! not monomorphise, do not show them.
//!
//! ## Features
//!
//! | feature | default | what it adds |
//! | --- | --- | --- |
//! | `std` | yes | implies `alloc`; float maths from the platform instead of `libm` |
//! | `alloc` | via `std` | the heap-backed [`DMatrix`] (run-time shapes) |
//! | `rand` | yes | seeded random matrices and sampling (the `random` module) |
//! | `serde` | no | `Serialize`/`Deserialize` as nested row arrays |
//! | `mint` | no | conversions to and from `mint` vectors and row-major matrices |
//! | `bytemuck` | no | `Pod`/`Zeroable`, for casting matrices to bytes |
//! | `defmt` | no | `defmt::Format` for `Matrix` and `Error` (firmware logging without `core::fmt`) |
//!
//! With `default-features = false` the crate is `no_std` with no allocator; add back only
//! what you need (`features = ["rand"]` for seeded sampling on firmware).
//!
//! ## Errors
//!
//! Fallible operations return `Result<_, Error>`; where a panicking form exists (indexing,
//! [`Matrix::row`]) a `try_` twin returns the error instead.

#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "alloc")]
extern crate alloc;

mod access;
mod checked;
mod display;
#[cfg(feature = "alloc")]
mod dynamic;
mod elementwise;
mod error;
mod interop;
mod kernel;
pub mod linalg;
mod matrix;
pub mod nn;
mod numeric;
mod ops;
#[cfg(feature = "rand")]
#[cfg_attr(docsrs, doc(cfg(feature = "rand")))]
pub mod random;
mod reduce;
mod scalar;
mod scalar_display;
mod shape;
mod simd;
pub mod stats;
mod vector;

pub use display::{DisplayElement, DisplayFlat};
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub use dynamic::{Axis, DMatrix, DSvd, DSymmetricEigen, Moments};
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub use dynamic::{NpyRows, NpyWriter};
#[cfg(all(feature = "alloc", feature = "rand"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "alloc", feature = "rand"))))]
pub use dynamic::{Pca, PcaSolver};
pub use error::Error;
pub use linalg::balance::Balance;
pub use linalg::cholesky::Cholesky;
pub use linalg::eigen::Eigen;
pub use linalg::hessenberg::Hessenberg;
pub use linalg::lstsq::LeastSquares;
pub use linalg::lu::Lu;
pub use linalg::qr::Qr;
pub use linalg::schur::Schur;
pub use linalg::svd::{Svd, SvdMethod};
pub use linalg::symmetric_eigen::{SymmetricEigen, SymmetricEigenMethod};
pub use matrix::{
    Matrix, Matrix2, Matrix3, Matrix4, Matrix5, Matrix6, RowVector, RowVector2, RowVector3,
    RowVector4, Vector, Vector2, Vector3, Vector4, Vector5, Vector6,
};
pub use num_complex::Complex;
pub use reduce::Unique;
pub use scalar::{Real, Scalar};
pub use scalar_display::NumpyScalar;
/// The explicit kernels one by one, for the differential fuzz targets (`fuzz/`): compiled
/// only under `--cfg fuzzing`, which `cargo fuzz` sets; not part of the API.
#[cfg(fuzzing)]
#[doc(hidden)]
pub use simd::fuzzing;
pub use stats::quantile::QuantileMethod;

/// The README's examples, compiled and run as doctests so they stay true (with the default
/// features, which they use).
#[doc = include_str!("../README.md")]
#[cfg(all(doctest, feature = "std"))]
pub struct ReadmeDoctests;
