//! Trait implementations for other crates' traits: `approx` always; `serde`, `mint` and
//! `bytemuck` behind their features.

mod approx;
#[cfg(feature = "bytemuck")]
mod bytemuck;
#[cfg(feature = "mint")]
mod mint;
#[cfg(feature = "serde")]
mod serde;
