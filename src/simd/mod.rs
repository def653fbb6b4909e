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
//! Kernels today, on `x86_64` (SSE2, part of the baseline of every `x86_64` target): `f32`
//! 4x4 times 4x4 and 4x4 times a 4-vector. A kernel is kept only where it does better than
//! the portable loops by the instruction counts of `benches/src/bin/instructions.rs` (an SSE2
//! `f64` 4x4 kernel took 159 instructions per product against the loops' 140, and was
//! dropped).
#![allow(unsafe_code)]

#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
use core::any::TypeId;

use crate::matrix::Matrix;
use crate::scalar::Scalar;

#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
mod sse2;

#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
/// `x` as a `&D` when `S` is the very type `D` (same `TypeId`, which includes every generic
/// and const parameter); `None` otherwise. Folds to a constant after monomorphisation.
#[inline(always)]
fn as_type<S: 'static, D: 'static>(x: &S) -> Option<&D> {
    if TypeId::of::<S>() == TypeId::of::<D>() {
        // SAFETY: `S` and `D` are the same type, so the cast changes nothing but the name;
        // the reference keeps `x`'s lifetime.
        Some(unsafe { &*(x as *const S).cast::<D>() })
    } else {
        None
    }
}

#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
/// `x` as a `D` when `S` is the very type `D`; `None` otherwise (see [`as_type`]).
#[inline(always)]
fn into_type<S: 'static, D: Copy + 'static>(x: S) -> Option<D> {
    as_type::<S, D>(&x).copied()
}

/// The column vector holding `y`: `Matrix<T, 4, 1>` is `#[repr(transparent)]` over
/// `[[T; 1]; 4]`, whose layout is `[T; 4]`'s, so the array is copied whole (one store, where
/// an element-by-element construction can become four).
#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
#[inline(always)]
fn column<T: Copy>(y: [T; 4]) -> Matrix<T, 4, 1> {
    // SAFETY: `[T; 4]` and `Matrix<T, 4, 1>` (`repr(transparent)` over `[[T; 1]; 4]`) have
    // the same size, alignment and element order; every bit pattern of the one is a value
    // of the other.
    unsafe { core::mem::transmute_copy(&y) }
}

/// `a @ b` by an explicit kernel when there is one for `T` and these sizes on this target;
/// `None` otherwise (the caller runs the portable loops). The type tests are on constants
/// and fold away.
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
        if let (Some(a), Some(b)) = (
            as_type::<_, Matrix<f32, 4, 4>>(a),
            as_type::<_, Matrix<f32, 4, 4>>(b),
        ) {
            return into_type(Matrix(sse2::matmul_4x4_f32(&a.0, &b.0)));
        }
        if let (Some(a), Some(x)) = (
            as_type::<_, Matrix<f32, 4, 4>>(a),
            as_type::<_, Matrix<f32, 4, 1>>(b),
        ) {
            let x = <&[f32; 4]>::try_from(x.0.as_flattened()).ok()?;
            return into_type(column(sse2::matvec_4x4_f32(&a.0, x)));
        }
    }
    let _ = (a, b);
    None
}

#[cfg(all(
    target_arch = "x86_64",
    target_feature = "sse2",
    not(statrix_scalar_math)
))]
mod cofactor_sse2;

/// `(adj(A) * (1 / det), det)` of a 4x4 matrix by an explicit kernel when there is one for
/// `T` on this target (`f32` with SSE2), unchecked; `None` otherwise (the caller runs the
/// portable formula, which the kernel matches bit for bit).
#[inline(always)]
pub(crate) fn inverse_cofactor_4x4<T: Scalar>(a: &Matrix<T, 4, 4>) -> Option<(Matrix<T, 4, 4>, T)> {
    #[cfg(all(
        target_arch = "x86_64",
        target_feature = "sse2",
        not(statrix_scalar_math)
    ))]
    if let Some(a) = as_type::<_, Matrix<f32, 4, 4>>(a) {
        let (inv, det) = cofactor_sse2::inverse_4x4_f32(&a.0);
        return into_type((Matrix(inv), det));
    }
    let _ = a;
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
