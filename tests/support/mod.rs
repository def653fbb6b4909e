//! What the integration tests share: the fixture files (`tests/fixtures/*.json`, written by
//! the Python scripts there) and the numbers in them, the f32/f64 element trait, error
//! bounds and residuals evaluated as if in twice the precision, and proptest strategies.
//!
//! Each test file includes it with `mod support;`; Cargo does not build
//! `tests/support/mod.rs` as a test crate of its own.
//!
//! - [`fixtures`]: the loader, the parsers, matrices from fixture values, and the dispatch
//!   of a case on its dtype and shape (`by_shape!`, `by_dims!`, `by_rows_cols!`, `by_size!`);
//! - [`float`]: the [`Float`] trait of the element types under test;
//! - [`bounds`]: `gamma_k`, Dot2, residuals and elementwise bound checks of the
//!   factorizations (`use support::bounds::*`);
//! - [`stats_bounds`]: the error bounds of the statistics (`use support::stats_bounds::*`);
//! - [`strategies`]: proptest strategies;
//! - `dynamic`: inputs of the `DMatrix` tests (feature `alloc`).

// Each test crate uses only a subset of these; the rest would warn as dead code (and unused
// re-exports) there.
#![allow(dead_code, unused_imports)]

pub mod bounds;
#[cfg(feature = "alloc")]
pub mod dynamic;
pub mod fixtures;
pub mod float;
pub mod stats_bounds;
pub mod strategies;

pub use bounds::{
    SLACK, allowed_error, dot2, fused_vs_textbook_bound, gamma, gamma_u, product_may_fuse,
};
pub use fixtures::*;
pub use float::*;
pub use strategies::*;
