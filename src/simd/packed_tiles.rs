//! The micro-kernel of the packed product (`packed.rs`), shared by the AVX2+FMA, AVX-512 and
//! NEON modules: one macro, expanded once per instruction set and element type over that
//! module's vector primitives (the same ones `fma_tiles.rs` uses, plus `load_full`).
//!
//! # What the expansion computes
//!
//! One tile of `PACKED_MR` rows by `2 * LANES` columns of `c += a_panel @ b_panel` over a
//! block of `kc` steps, where both panels were packed by `packed.rs`:
//!
//! - `a_panel` holds `kc` groups of `PACKED_MR` values (step `p`'s column of the tile's rows,
//!   zero-padded below the matrix's last row);
//! - `b_panel` holds `kc` groups of `2 * LANES` values (step `p`'s row segment, zero-padded
//!   right of the matrix's last column).
//!
//! Both are read with whole-vector loads in the order they were written. The accumulators stay
//! in registers for the whole block; only the tile's `height x width` part of `c` is read
//! (with [`Start::Accumulate`](crate::simd::packed::Start)) and written, through lane masks.
//!
//! # Summation order
//!
//! The one of `fma_tiles.rs`: with [`Start::Overwrite`](crate::simd::packed::Start) (the first
//! block of `k`) each element starts from its step-0 product, rounded once; every later step
//! is one fused multiply-add in increasing `p`. A later block reloads the stored, already
//! rounded sums and continues in the same order, so splitting `k` into blocks changes no bit:
//! the packed product equals the in-place tiles' product exactly.

/// Expands, inside a module that defines `T`, `V`, `Mask`, `LANES`, `PACKED_MR` and the
/// `#[target_feature]` primitives `zero`, `mask`, `splat`, `load`, `load_full`, `store`, `mul`
/// and `fmadd`, the function `unsafe fn packed_tile(kc, a, b, c, ldc, height, width, start)`
/// described in the module documentation, compiled with the given target features.
macro_rules! fma_packed_tile {
    ($features:literal) => {
        /// One packed tile (see the module documentation of `simd::packed_tiles`).
        ///
        /// # Safety
        ///
        /// The CPU supports the target features this module is compiled for; `kc >= 1`;
        /// `1 <= height <= PACKED_MR`, `1 <= width <= 2 * LANES`; `a` points to
        /// `kc * PACKED_MR` readable values and `b` to `kc * 2 * LANES`; for `r < height`,
        /// `j < width`, `c.add(r * ldc + j)` is readable and writable (one allocation, not
        /// overlapping `a` or `b`).
        #[target_feature(enable = $features)]
        #[allow(clippy::too_many_arguments)] // Two panels, the tile's place and extent, and the start.
        pub(in crate::simd) unsafe fn packed_tile(
            kc: usize,
            a: *const T,
            b: *const T,
            c: *mut T,
            ldc: usize,
            height: usize,
            width: usize,
            start: crate::simd::packed::Start,
        ) {
            const H: usize = PACKED_MR;
            const NR: usize = 2 * LANES;
            // The lanes of each vector that lie inside the matrix: vector `v` is used only if
            // `v * LANES < width`, and then has `min(width - v * LANES, LANES) >= 1` lanes.
            let inside = [true, width > LANES];
            let masks = [
                mask(width.min(LANES)),
                mask(width.saturating_sub(LANES).clamp(1, LANES)),
            ];
            let mut acc = [[zero(); 2]; H];
            let mut row = [zero(); 2];
            // SAFETY (whole block): `a.add(p * H + r)` with `p < kc`, `r < H` and
            // `b.add(p * NR + v * LANES)` (a whole vector) with `v < 2` lie inside the panels;
            // `c.add(r * ldc + v * LANES)` is read and written only for `r < height` and
            // through the lanes `v * LANES + l < width`: inside the tile (the contract).
            unsafe {
                let first = match start {
                    crate::simd::packed::Start::Accumulate => {
                        for r in 0..H {
                            if r < height {
                                for v in 0..2 {
                                    if inside[v] {
                                        acc[r][v] = load(c.add(r * ldc + v * LANES), masks[v]);
                                    }
                                }
                            }
                        }
                        0
                    }
                    crate::simd::packed::Start::Overwrite => {
                        for v in 0..2 {
                            row[v] = load_full(b.add(v * LANES));
                        }
                        for r in 0..H {
                            let weight = splat(a.add(r));
                            for v in 0..2 {
                                acc[r][v] = mul(weight, row[v]);
                            }
                        }
                        1
                    }
                };
                for p in first..kc {
                    let (a_p, b_p) = (a.add(p * H), b.add(p * NR));
                    for v in 0..2 {
                        row[v] = load_full(b_p.add(v * LANES));
                    }
                    for r in 0..H {
                        let weight = splat(a_p.add(r));
                        for v in 0..2 {
                            acc[r][v] = fmadd(weight, row[v], acc[r][v]);
                        }
                    }
                }
                for r in 0..H {
                    if r < height {
                        for v in 0..2 {
                            if inside[v] {
                                store(c.add(r * ldc + v * LANES), acc[r][v], masks[v]);
                            }
                        }
                    }
                }
            }
        }
    };
}

pub(in crate::simd) use fma_packed_tile;
