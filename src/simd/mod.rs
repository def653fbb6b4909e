//! Explicit SIMD kernels, chosen at compile time by `cfg(target_arch)` and
//! `cfg(target_feature)` (so they work in `no_std`), with the portable loops of
//! [`kernel`](crate::kernel) as the fallback. This module is the only place the crate allows
//! `unsafe`, each block with its `// SAFETY:` argument.
//!
//! Every kernel performs exactly the operations of the portable product, in the same order
//! (each output element starts from its `k = 0` product and adds the others in increasing
//! `k`, each product and sum rounded once, no fused multiply-add), so its results are the
//! same bits; the tests compare them bit for bit. Building with
//! `RUSTFLAGS="--cfg statrix_scalar_math"` turns every kernel off, which is how CI tests the
//! fallback on the same machine.
//!
//! Kernels today: `f32` 4x4 times 4x4 and 4x4 times a 4-vector on `x86_64` (SSE2, part of
//! the baseline of every `x86_64` target).
#![allow(unsafe_code)]

use core::any::TypeId;

use crate::matrix::Matrix;
use crate::scalar::Scalar;

#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
mod x86_64;

/// `a @ b` by an explicit kernel when there is one for `T` and these sizes on this target;
/// `None` otherwise (the caller runs the portable loops). The size and type tests are on
/// constants and fold away.
#[inline(always)]
pub(crate) fn matmul<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Option<Matrix<T, R, C>> {
    #[cfg(all(
        target_arch = "x86_64",
        target_feature = "sse2",
        not(statrix_scalar_math)
    ))]
    {
        if TypeId::of::<T>() == TypeId::of::<f32>() && R == 4 && K == 4 {
            // SAFETY: `T` is `f32` (same `TypeId`) and `R = K = 4`, so `Matrix<T, R, K>` is
            // the very type `Matrix<f32, 4, 4>`: the pointer cast changes nothing but the
            // name, and the reference keeps `a`'s lifetime.
            let a = unsafe { &*(a as *const Matrix<T, R, K>).cast::<Matrix<f32, 4, 4>>() };
            if C == 4 {
                // SAFETY: as for `a`, with `K = C = 4`.
                let b = unsafe { &*(b as *const Matrix<T, K, C>).cast::<Matrix<f32, 4, 4>>() };
                let out = Matrix(x86_64::matmul_4x4_f32(&a.0, &b.0));
                // SAFETY: `Matrix<f32, 4, 4>` is `Matrix<T, R, C>` (`T = f32`, `R = C = 4`):
                // the same type, so copying its bits is a plain copy.
                return Some(unsafe { core::mem::transmute_copy(&out) });
            }
            if C == 1 {
                // SAFETY: `Matrix<T, K, C>` is `Matrix<f32, 4, 1>` (`T = f32`, `K = 4`,
                // `C = 1`).
                let x = unsafe { &*(b as *const Matrix<T, K, C>).cast::<Matrix<f32, 4, 1>>() };
                let Ok(x) = <&[f32; 4]>::try_from(x.0.as_flattened()) else {
                    return None;
                };
                let y: [f32; 4] = x86_64::matvec_4x4_f32(&a.0, x);
                // SAFETY: `Matrix<T, R, C>` is `Matrix<f32, 4, 1>` (`T = f32`, `R = 4`,
                // `C = 1`), `#[repr(transparent)]` over `[[f32; 1]; 4]`: sixteen contiguous
                // bytes, the layout of `[f32; 4]`. (Copying the array whole, rather than
                // element by element, keeps the result in one 16-byte store.)
                return Some(unsafe { core::mem::transmute_copy(&y) });
            }
        }
    }
    let _ = (a, b, TypeId::of::<T>);
    None
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
        // No kernel for other types and sizes.
        assert!(
            super::matmul(
                &Matrix::<f64, 4, 4>::identity(),
                &Matrix::<f64, 4, 4>::identity()
            )
            .is_none()
        );
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
