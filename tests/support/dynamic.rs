//! Inputs of the dynamic-matrix tests.

use statrix::DMatrix;

/// Deterministic values in `[-1, 1)` with full mantissas (a 64-bit linear congruential
/// stream; the same seed gives the same matrix).
pub fn irregular(rows: usize, cols: usize, seed: u64) -> DMatrix<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    DMatrix::from_fn(rows, cols, |_, _| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    })
}
