//! The `x86_64` kernels and their dispatch: the SSE2 4x4 products (`sse2.rs`, the baseline
//! of every `x86_64` target) and the fused multiply-add tiles (`fma_tiles.rs`, expanded for
//! AVX-512 in `avx512.rs` and for AVX2+FMA in `avx2.rs`). See the [`simd`](super) module
//! for what each computes and when it runs.

use core::any::TypeId;

use crate::matrix::Matrix;
use crate::scalar::Scalar;

mod sse2;

mod avx2;
mod avx512;
mod fma_tiles;

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

/// `x` as a `D` when `S` is the very type `D`; `None` otherwise (see [`as_type`]).
#[inline(always)]
fn into_type<S: 'static, D: Copy + 'static>(x: S) -> Option<D> {
    as_type::<S, D>(&x).copied()
}

/// `x` as a `&mut D` when `S` is the very type `D`; `None` otherwise (see [`as_type`]).
#[inline(always)]
fn as_type_mut<S: 'static, D: 'static>(x: &mut S) -> Option<&mut D> {
    if TypeId::of::<S>() == TypeId::of::<D>() {
        // SAFETY: `S` and `D` are the same type, so the cast changes nothing but the name;
        // the reference keeps `x`'s lifetime and exclusivity.
        Some(unsafe { &mut *(x as *mut S).cast::<D>() })
    } else {
        None
    }
}

/// The column vector holding `y`: `Matrix<T, 4, 1>` is `#[repr(transparent)]` over
/// `[[T; 1]; 4]`, whose layout is `[T; 4]`'s, so the array is copied whole (one store, where
/// an element-by-element construction can become four).
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
pub(super) fn matmul<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Option<Matrix<T, R, C>> {
    // The SSE2 4x4 kernels (bit-identical to the portable loops).
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
    // The fused multiply-add tiles.
    if R * K * C >= TILED_MIN_MULTIPLY_ADDS
        && C >= TILED_MIN_COLUMNS
        && let Some(isa) = TiledIsa::detect()
    {
        let mut out = Matrix::<T, R, C>::zeros();
        if tiled_product(isa, a, b, &mut out) {
            return Some(out);
        }
    }
    None
}

/// Products with fewer multiply-adds than this (`R * K * C`) stay on the small kernels or the
/// portable loops, which inline into their callers; from here the tiled kernels' call and
/// dispatch cost little against the work.
pub(crate) const TILED_MIN_MULTIPLY_ADDS: usize = 512;

/// Products with fewer output columns than this stay on the portable loops (a tile's vectors
/// would be mostly masked lanes).
pub(crate) const TILED_MIN_COLUMNS: usize = 4;

/// The instruction set of the tiled products.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TiledIsa {
    /// AVX-512F: 512-bit vectors, 32 registers.
    Avx512,
    /// AVX2 with FMA: 256-bit vectors, 16 registers.
    Avx2Fma,
}

impl TiledIsa {
    /// The instruction sets in order of preference.
    const ALL: [Self; 2] = [Self::Avx512, Self::Avx2Fma];

    /// Whether this CPU runs `self`: enabled at compile time or, under `std`, reported by the
    /// CPU (`is_x86_feature_detected!` caches its answer).
    #[inline]
    fn is_supported(self) -> bool {
        #[cfg(feature = "std")]
        {
            match self {
                Self::Avx512 => std::arch::is_x86_feature_detected!("avx512f"),
                Self::Avx2Fma => {
                    std::arch::is_x86_feature_detected!("avx2")
                        && std::arch::is_x86_feature_detected!("fma")
                }
            }
        }
        #[cfg(not(feature = "std"))]
        {
            match self {
                Self::Avx512 => cfg!(target_feature = "avx512f"),
                Self::Avx2Fma => cfg!(all(target_feature = "avx2", target_feature = "fma")),
            }
        }
    }

    /// The widest supported instruction set; `None` without FMA.
    #[inline]
    fn detect() -> Option<Self> {
        Self::ALL.into_iter().find(|isa| isa.is_supported())
    }
}

/// `out = a @ b` by the tiled kernel of `isa` when `T` is `f32` or `f64`; `false` (and `out`
/// untouched) otherwise. Requires `K >= 1`.
#[inline]
fn tiled_product<T: Scalar, const R: usize, const K: usize, const C: usize>(
    isa: TiledIsa,
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
    out: &mut Matrix<T, R, C>,
) -> bool {
    macro_rules! run {
        ($t:ident) => {
            if let (Some(a), Some(b), Some(out)) = (
                as_type::<_, Matrix<$t, R, K>>(a),
                as_type::<_, Matrix<$t, K, C>>(b),
                as_type_mut::<_, Matrix<$t, R, C>>(out),
            ) {
                let (a, b, c) = (
                    a.0.as_ptr().cast::<$t>(),
                    b.0.as_ptr().cast::<$t>(),
                    out.0.as_mut_ptr().cast::<$t>(),
                );
                // SAFETY: `isa` was detected on this CPU (or enabled at compile time); `K >= 1`
                // (the caller); the operands are contiguous row-major arrays of `R x K`,
                // `K x C` and `R x C` elements with row strides `K`, `C` and `C`, so every
                // index the kernel forms is inside its array; `out` is a distinct `&mut`.
                unsafe {
                    match isa {
                        TiledIsa::Avx512 => avx512::$t::gemm(R, C, K, a, K, b, C, c, C),
                        TiledIsa::Avx2Fma => avx2::$t::gemm(R, C, K, a, K, b, C, c, C),
                    }
                }
                return true;
            }
        };
    }
    if K == 0 {
        return false;
    }
    run!(f64);
    run!(f32);
    false
}

#[cfg(test)]
mod tiled_tests;
