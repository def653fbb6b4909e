//! The register-tiled product shared by the AVX2+FMA, AVX-512 and NEON kernels
//! (`x86_64/avx2.rs`, `x86_64/avx512.rs`, `aarch64/neon.rs`): one macro, expanded once per
//! instruction set and element type over that module's vector primitives.
//!
//! # What the expansion computes
//!
//! `c = a @ b` for row-major operands given as pointers with row strides (`lda`, `ldb`,
//! `ldc`, in elements), `m x k` times `k x n`, `k >= 1`, overwriting `c`. The strides make the
//! same kernel serve the static products (contiguous rows) and, later, packed panels of
//! dynamic ones.
//!
//! The output is cut into tiles of up to `MR` rows by `2 * LANES` columns. A tile's
//! accumulators stay in vector registers for the whole `k` loop (`MR * 2` of them: 12 of
//! AVX2's 16 registers, 16 of AVX-512's or NEON's 32); per step the tile loads one row segment of `b`
//! (two vectors), broadcasts one element of `a` per row and issues one fused multiply-add per
//! accumulator. Tiles at the right edge load and store through lane masks (no lane outside
//! the row is read or written); tiles at the bottom edge have fewer rows (`H < MR`, one
//! instantiation per height).
//!
//! # Summation order
//!
//! Every output element starts from its `k = 0` product (rounded once, as the portable
//! loops) and adds `a[i][p] * b[p][j]` for `p = 1, ..., k - 1` in increasing order, each step
//! one fused multiply-add (rounded once, where the portable loops round the product and the
//! sum separately). By the standard analysis (Higham, *Accuracy and Stability of Numerical
//! Algorithms*, 2nd ed., section 3.1) both orders give `|c_hat - c| <= gamma_k (|a| |b|)`
//! elementwise, `gamma_k = k u / (1 - k u)`, `u = eps / 2`; the fused form drops one rounding
//! per step, so its bound is the smaller. The two differ in bits, not in what is guaranteed.

/// Expands, inside a module that defines `T` (the element type), `V` (its vector),
/// `Mask`, `LANES`, `MR`, and the `#[target_feature]` primitives `zero`, `mask`, `splat`,
/// `load`, `store`, `mul` and `fmadd`, the function
/// `unsafe fn gemm(m, n, k, a, lda, b, ldb, c, ldc)` described in the module documentation,
/// compiled with the target features given as the macro's first argument; the second lists
/// the tile heights `1..=MR`.
macro_rules! fma_tiled_gemm {
    ($features:literal, $($h:literal)+) => {
        /// `c = a @ b` (see the module documentation of `simd::fma_tiles`).
        ///
        /// # Safety
        ///
        /// The CPU supports the target features this module is compiled for; `k >= 1`;
        /// for every `i < m`, `p < k`, `j < n`: `a.add(i * lda + p)` and `b.add(p * ldb + j)`
        /// are readable and `c.add(i * ldc + j)` is writable, within one allocation each, and
        /// `c`'s elements do not overlap `a`'s or `b`'s.
        #[target_feature(enable = $features)]
        #[allow(clippy::too_many_arguments)] // The three operands' pointers and strides.
        pub(in crate::simd) unsafe fn gemm(
            m: usize,
            n: usize,
            k: usize,
            a: *const T,
            lda: usize,
            b: *const T,
            ldb: usize,
            c: *mut T,
            ldc: usize,
        ) {
            let mut j = 0;
            while j < n {
                let width = (n - j).min(2 * LANES);
                let mut i = 0;
                while i < m {
                    let height = (m - i).min(MR);
                    // SAFETY: rows `i..i + height` and columns `j..j + width` lie inside the
                    // operands (the caller's contract); `tile` touches no other element.
                    unsafe {
                        tile_of_height(
                            height,
                            width,
                            k,
                            a.add(i * lda),
                            lda,
                            b.add(j),
                            ldb,
                            c.add(i * ldc + j),
                            ldc,
                        )
                    };
                    i += height;
                }
                j += width;
            }
        }

        /// [`tile`] with its height as a constant: one instantiation per height `1..=MR`.
        ///
        /// # Safety
        ///
        /// As [`tile`], with `1 <= height <= MR`.
        #[inline]
        #[target_feature(enable = $features)]
        #[allow(clippy::too_many_arguments)]
        unsafe fn tile_of_height(
            height: usize,
            width: usize,
            k: usize,
            a: *const T,
            lda: usize,
            b: *const T,
            ldb: usize,
            c: *mut T,
            ldc: usize,
        ) {
            match height {
                $($h => {
                    if width > LANES {
                        // SAFETY: as this function's contract.
                        unsafe { tile::<$h, 2>(width, k, a, lda, b, ldb, c, ldc) }
                    } else {
                        // SAFETY: as this function's contract.
                        unsafe { tile::<$h, 1>(width, k, a, lda, b, ldb, c, ldc) }
                    }
                })+
                _ => unreachable!("tile height {height} outside 1..={MR}"),
            }
        }

        /// The `H x width` tile at `c` (`width <= NV * LANES`, `width > (NV - 1) * LANES`) of
        /// `a @ b`, its `H * NV` accumulators in registers across the whole `k` loop.
        ///
        /// # Safety
        ///
        /// The CPU supports the module's target features; `k >= 1`; for `r < H`, `p < k`,
        /// `j < width`: `a.add(r * lda + p)` and `b.add(p * ldb + j)` are readable and
        /// `c.add(r * ldc + j)` is writable (each within one allocation, `c` overlapping
        /// neither).
        #[inline]
        #[target_feature(enable = $features)]
        #[allow(clippy::too_many_arguments)]
        unsafe fn tile<const H: usize, const NV: usize>(
            width: usize,
            k: usize,
            a: *const T,
            lda: usize,
            b: *const T,
            ldb: usize,
            c: *mut T,
            ldc: usize,
        ) {
            // Lane masks of the tile's vectors: every vector has at least one lane inside
            // the row (`width > (NV - 1) * LANES`), so each vector's first element is in
            // bounds and the masked lanes are neither read nor written.
            let mut masks = [mask(LANES); NV];
            masks[NV - 1] = mask(width - (NV - 1) * LANES);
            let mut acc = [[zero(); NV]; H];
            let mut row = [zero(); NV];
            // SAFETY (whole block): every pointer below is `a.add(r * lda + p)`,
            // `b.add(p * ldb + v * LANES)` or `c.add(r * ldc + v * LANES)` with `r < H`,
            // `p < k`, `v < NV`, read or written through the lane masks: in bounds by the
            // contract.
            unsafe {
                for v in 0..NV {
                    row[v] = load(b.add(v * LANES), masks[v]);
                }
                for r in 0..H {
                    let weight = splat(a.add(r * lda));
                    for v in 0..NV {
                        acc[r][v] = mul(weight, row[v]);
                    }
                }
                for p in 1..k {
                    let b_p = b.add(p * ldb);
                    for v in 0..NV {
                        row[v] = load(b_p.add(v * LANES), masks[v]);
                    }
                    for r in 0..H {
                        let weight = splat(a.add(r * lda + p));
                        for v in 0..NV {
                            acc[r][v] = fmadd(weight, row[v], acc[r][v]);
                        }
                    }
                }
                for r in 0..H {
                    for v in 0..NV {
                        store(c.add(r * ldc + v * LANES), acc[r][v], masks[v]);
                    }
                }
            }
        }
    };
}

pub(in crate::simd) use fma_tiled_gemm;

/// Expands, inside an architecture's module that defines `TiledIsa`, the functions
/// `gemm_f64` and `gemm_f32`: the tiled product of the given instruction set, each variant
/// of `TiledIsa` mapped to the module whose `f64::gemm`/`f32::gemm` it runs.
macro_rules! gemm_dispatch {
    ($($isa:ident => $module:ident),+ $(,)?) => {
        crate::simd::fma_tiles::gemm_dispatch!(@one gemm_f64, f64; $($isa => $module),+);
        crate::simd::fma_tiles::gemm_dispatch!(@one gemm_f32, f32; $($isa => $module),+);
        #[cfg(feature = "alloc")]
        crate::simd::fma_tiles::gemm_dispatch!(
            @packed packed_tile_f64, packed_shape_f64, f64; $($isa => $module),+
        );
        #[cfg(feature = "alloc")]
        crate::simd::fma_tiles::gemm_dispatch!(
            @packed packed_tile_f32, packed_shape_f32, f32; $($isa => $module),+
        );
    };
    (@packed $tile:ident, $shape:ident, $t:ident; $($isa:ident => $module:ident),+) => {
        /// The packed tile of `isa` (see `simd/packed_tiles.rs` for the operands).
        ///
        /// # Safety
        ///
        /// `isa` is supported on this CPU; the rest as the kernels' `packed_tile`.
        #[allow(clippy::too_many_arguments)] // Two panels, the tile's place and extent, the start.
        #[inline]
        pub(super) unsafe fn $tile(
            isa: TiledIsa,
            kc: usize,
            a: *const $t,
            b: *const $t,
            c: *mut $t,
            ldc: usize,
            height: usize,
            width: usize,
            start: crate::simd::packed::Start,
        ) {
            // SAFETY: the caller's contract, passed on.
            unsafe {
                match isa {
                    $(TiledIsa::$isa => {
                        $module::$t::packed_tile(kc, a, b, c, ldc, height, width, start)
                    })+
                }
            }
        }

        /// The packed tile of `isa`: (rows, columns).
        #[inline]
        pub(super) fn $shape(isa: TiledIsa) -> (usize, usize) {
            match isa {
                $(TiledIsa::$isa => ($module::$t::PACKED_MR, 2 * $module::$t::LANES),)+
            }
        }
    };
    (@one $name:ident, $t:ident; $($isa:ident => $module:ident),+) => {
        /// The tiled product `c = a @ b` of `isa` (see `simd/fma_tiles.rs` for the operands).
        ///
        /// # Safety
        ///
        /// `isa` is supported on this CPU; the rest as the kernels' `gemm`.
        #[allow(clippy::too_many_arguments)] // The three operands' pointers and strides.
        #[inline]
        pub(super) unsafe fn $name(
            isa: TiledIsa,
            m: usize,
            n: usize,
            k: usize,
            a: *const $t,
            lda: usize,
            b: *const $t,
            ldb: usize,
            c: *mut $t,
            ldc: usize,
        ) {
            // SAFETY: the caller's contract, passed on.
            unsafe {
                match isa {
                    $(TiledIsa::$isa => $module::$t::gemm(m, n, k, a, lda, b, ldb, c, ldc),)+
                }
            }
        }
    };
}

pub(in crate::simd) use gemm_dispatch;
