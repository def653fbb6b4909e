//! Explicit SIMD kernels, with the portable loops of [`kernel`](crate::kernel) as the
//! fallback. This module is the only place the crate allows `unsafe`, each block with its
//! `// SAFETY:` argument.
//!
//! Two kinds of kernel, chosen per product:
//!
//! - Small fixed products (`x86_64/sse2.rs`, SSE2, part of the baseline of every `x86_64`
//!   target, chosen at compile time so they work in `no_std`): `f32` 4x4 times 4x4 and 4x4 times
//!   a 4-vector. They perform exactly the operations of the portable product in the same order
//!   (no fused multiply-add), so their results are the same bits, and the tests compare them bit
//!   for bit. A kernel is kept only where it does better than the portable loops by the
//!   instruction counts of `benches/src/bin/instructions.rs` (an SSE2 `f64` 4x4 kernel took 159
//!   instructions per product against the loops' 140, and was dropped). Also the `f32` 4x4
//!   cofactor inverse (`x86_64/cofactor_sse2.rs`, bit-identical to the portable formula).
//! - Register-tiled products with fused multiply-add (`fma_tiles.rs`, expanded for AVX-512 in
//!   `x86_64/avx512.rs`, for AVX2+FMA in `x86_64/avx2.rs` and for NEON in `aarch64/neon.rs`)
//!   for `f32`/`f64` products of at least 512 multiply-adds (`R * K * C`) with at least 4
//!   columns. On `x86_64` the instruction set is the one enabled at compile time (`-C
//!   target-cpu=...`) or, under `std`, the best one the CPU reports at run time
//!   (`is_x86_feature_detected!`, which caches its answer: one load and a test per product);
//!   on `aarch64` NEON is part of the baseline. The NEON kernels are tested under QEMU
//!   (`.ci/run`); their speed has not been measured on hardware. Each element keeps the textbook summation order, each step rounded once instead of
//!   twice; the tests bound the difference from the textbook loop by the error analysis in
//!   `fma_tiles.rs`.
//!
//! Building with `RUSTFLAGS="--cfg statrix_scalar_math"` turns every kernel off, which is
//! how CI tests the fallback on the same machine.
#![allow(unsafe_code)]

use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// The items given, compiled where the explicit kernels exist: `x86_64` (SSE2) or `aarch64`
/// (NEON), unless `statrix_scalar_math` is set.
macro_rules! with_kernels {
    ($($item:item)*) => {$(
        #[cfg(any(
            all(target_arch = "x86_64", target_feature = "sse2", not(statrix_scalar_math)),
            all(target_arch = "aarch64", target_feature = "neon", not(statrix_scalar_math))
        ))]
        $item
    )*};
}

/// The items given, compiled where [`with_kernels`] compiles nothing.
macro_rules! without_kernels {
    ($($item:item)*) => {$(
        #[cfg(not(any(
            all(target_arch = "x86_64", target_feature = "sse2", not(statrix_scalar_math)),
            all(target_arch = "aarch64", target_feature = "neon", not(statrix_scalar_math))
        )))]
        $item
    )*};
}

#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
mod x86_64;
#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
use x86_64 as arch;
#[cfg(all(
    target_arch = "aarch64",
    target_feature = "neon",
    not(statrix_scalar_math)
))]
mod aarch64;
#[cfg(all(
    target_arch = "aarch64",
    target_feature = "neon",
    not(statrix_scalar_math)
))]
use aarch64 as arch;
/// The FPU's square root on hard-float 32-bit Arm (`arm/mod.rs`).
#[cfg(all(target_arch = "arm", target_abi = "eabihf", not(statrix_scalar_math)))]
pub(crate) mod arm;

/// Each kernel on a named instruction set, for the differential fuzz targets.
#[cfg(fuzzing)]
pub mod fuzzing;

/// The dynamic decompositions on the widest vectors the CPU has (`wide.rs`).
#[cfg(feature = "alloc")]
pub(crate) mod wide;

with_kernels! {
    mod fma_tiles;
    #[cfg(feature = "alloc")]
    mod packed;
    #[cfg(feature = "alloc")]
    mod packed_tiles;
    mod tiled;
    #[cfg(test)]
    mod tiled_tests;
    #[cfg(all(test, feature = "alloc"))]
    mod packed_tests;
}

without_kernels! {
    /// Without explicit kernels: every entry point declines, and the callers run the
    /// portable loops.
    mod arch {
        use crate::matrix::Matrix;
        use crate::scalar::Scalar;

        #[inline(always)]
        pub(super) fn matmul<T: Scalar, const R: usize, const K: usize, const C: usize>(
            _a: &Matrix<T, R, K>,
            _b: &Matrix<T, K, C>,
        ) -> Option<Matrix<T, R, C>> {
            None
        }

        #[inline(always)]
        pub(super) fn matmul_into<T: Scalar, const R: usize, const K: usize, const C: usize>(
            _a: &Matrix<T, R, K>,
            _b: &Matrix<T, K, C>,
            _out: &mut Matrix<T, R, C>,
        ) -> bool {
            false
        }

        #[inline(always)]
        pub(super) fn inverse_cofactor_4x4<T: Scalar>(
            _a: &Matrix<T, 4, 4>,
        ) -> Option<(Matrix<T, 4, 4>, T)> {
            None
        }

        #[cfg(feature = "alloc")]
        pub(crate) fn matmul_slices<T: Scalar>(
            _shape: (usize, usize, usize),
            _a: &[T],
            _b: &[T],
            _c: &mut [T],
        ) -> bool {
            false
        }

        #[cfg(feature = "alloc")]
        pub(crate) fn packed_matmul<T: Scalar>(
            _shape: (usize, usize, usize),
            _a: crate::kernel::Operand<'_, T>,
            _b: crate::kernel::Operand<'_, T>,
            _c: &mut [T],
            _part: crate::kernel::Part,
        ) -> bool {
            false
        }
    }
}

with_kernels! {
    /// `c = a @ b` for operands with any strides by the packed, cache-blocked tiles
    /// (`packed.rs`) where they run; `false` otherwise.
    #[cfg(feature = "alloc")]
    pub(crate) use packed::packed_matmul;
}

without_kernels! {
    /// Without explicit kernels: declines (the caller runs the portable loops).
    #[cfg(feature = "alloc")]
    pub(crate) use arch::packed_matmul;
}

/// `c = a @ b` for contiguous row-major slices by the fused multiply-add tiles where they
/// run (`tiled.rs`); `false` otherwise.
#[cfg(feature = "alloc")]
pub(crate) use arch::matmul_slices;

/// `a @ b` by one of the small fixed kernels when there is one for `T` and these sizes on
/// this target; `None` otherwise. The type and size tests are on constants and fold away.
#[inline(always)]
pub(crate) fn matmul<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Option<Matrix<T, R, C>> {
    arch::matmul(a, b)
}

/// `out = a @ b` by the fused multiply-add tiles where they run (see the module
/// documentation); `false` (and `out` untouched) otherwise, the caller then runs the
/// portable loops.
#[inline(always)]
pub(crate) fn matmul_into<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
    out: &mut Matrix<T, R, C>,
) -> bool {
    arch::matmul_into(a, b, out)
}

/// `(adj(A) * (1 / det), det)` of a 4x4 matrix by an explicit kernel when there is one for
/// `T` on this target (`f32` with SSE2, `x86_64/cofactor_sse2.rs`), unchecked; `None`
/// otherwise (the caller runs the portable formula, which the kernel matches bit for bit).
#[inline(always)]
pub(crate) fn inverse_cofactor_4x4<T: Scalar>(a: &Matrix<T, 4, 4>) -> Option<(Matrix<T, 4, 4>, T)> {
    arch::inverse_cofactor_4x4(a)
}

#[cfg(test)]
mod tests {
    use crate::kernel::textbook;
    use crate::matrix::Matrix;

    /// Deterministic irregular values, with special values mixed in.
    fn filled<const R: usize, const C: usize>(seed: u64, special: bool) -> Matrix<f32, R, C> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        Matrix::from_fn(|_, _| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let u = (state >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0;
            match (special, state % 23) {
                (true, 0) => f32::NAN,
                (true, 1) => f32::INFINITY,
                (true, 2) => -0.0,
                (true, 3) => f32::MAX,
                (true, 4) => f32::from_bits(1),
                _ => u * [1.0, 1e-20, 1e20, 3.0][(state % 4) as usize],
            }
        })
    }

    fn same_bits<const R: usize, const C: usize>(
        x: &Matrix<f32, R, C>,
        y: &Matrix<f32, R, C>,
    ) -> bool {
        x.iter()
            .zip(y.iter())
            .all(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()))
    }

    #[test]
    fn kernels_are_the_textbook_product_bit_for_bit() {
        for seed in 0..500 {
            let special = seed % 3 == 0;
            let a = filled::<4, 4>(seed, special);
            let b = filled::<4, 4>(seed + 1000, special);
            let x = filled::<4, 1>(seed + 2000, special);
            let got = super::matmul(&a, &b).unwrap_or_else(|| textbook(&a, &b));
            assert!(same_bits(&got, &textbook(&a, &b)), "4x4 @ 4x4, seed {seed}");
            let got = super::matmul(&a, &x).unwrap_or_else(|| textbook(&a, &x));
            assert!(same_bits(&got, &textbook(&a, &x)), "4x4 @ 4x1, seed {seed}");
            // f64: the same values widened, times a second factor with full f64 mantissas.
            let (a64, b64) = (a.map(f64::from), b.map(|v| f64::from(v) * (1.0 + 1e-9)));
            let got = super::matmul(&a64, &b64).unwrap_or_else(|| textbook(&a64, &b64));
            let want = textbook(&a64, &b64);
            let same = got
                .iter()
                .zip(want.iter())
                .all(|(p, q)| p.to_bits() == q.to_bits() || (p.is_nan() && q.is_nan()));
            assert!(same, "f64 4x4 @ 4x4, seed {seed}");
        }
    }

    #[test]
    fn kernels_exist_where_promised() {
        let a = Matrix::<f32, 4, 4>::identity();
        let on = cfg!(all(
            target_arch = "x86_64",
            target_feature = "sse2",
            not(statrix_scalar_math)
        ));
        assert_eq!(super::matmul(&a, &a).is_some(), on);
        assert_eq!(
            super::matmul(&a, &Matrix::<f32, 4, 1>::zeros()).is_some(),
            on
        );
        let d = Matrix::<f64, 4, 4>::identity();
        // No kernel for other types and sizes.
        assert!(super::matmul(&d, &d).is_none());
        assert!(super::matmul(&d, &Matrix::<f64, 4, 1>::zeros()).is_none());
        assert!(
            super::matmul(
                &Matrix::<f32, 3, 3>::identity(),
                &Matrix::<f32, 3, 3>::identity()
            )
            .is_none()
        );
        assert!(
            super::matmul(
                &Matrix::<f32, 4, 4>::identity(),
                &Matrix::<f32, 4, 2>::zeros()
            )
            .is_none()
        );
    }
}
