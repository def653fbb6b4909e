//! Trait implementations for other crates' traits: `approx` always; `serde`, `mint`,
//! `bytemuck` and `defmt` behind their features.

mod approx;
#[cfg(feature = "bytemuck")]
mod bytemuck;
#[cfg(feature = "defmt")]
mod defmt;
#[cfg(feature = "mint")]
mod mint;
#[cfg(feature = "serde")]
mod serde;
