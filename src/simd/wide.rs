//! The dynamic matrices' decomposition routines compiled twice more, for AVX2 and for
//! AVX-512, and chosen at run time (under `std`, on `x86_64`): the same generic code
//! (`linalg/tridiagonal.rs`, `linalg/bidiagonal.rs`, `linalg/inverse_iteration.rs`), inlined
//! into functions built with wider vectors, so the loops that run along rows (the rank-1 and
//! rank-2 updates, the rotations applied to rows of vectors) take 4 or 8 `f64` per
//! instruction instead of SSE2's 2.
//!
//! The results are the same bits as the baseline build's: only `avx2` or `avx512f` is
//! enabled, and Rust never contracts a multiply and an add into a fused multiply-add or
//! reassociates a sum, so each element sees the same operations in the same order, whatever
//! the vector width. The tests compare the dynamic decompositions with the static ones (which
//! are not dispatched) bit for bit.

use crate::error::Error;
use crate::linalg::bidiagonal::BidiagonalScratch;
use crate::scalar::Real;

/// Expands to `pub(crate) fn $name` that runs `$target` compiled for AVX-512F or AVX2 when
/// the CPU has them (detected at run time, cached by the standard library), and the baseline
/// build otherwise.
macro_rules! wide {
    ($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)? => $target:path;) => {
        $(#[$doc])*
        #[allow(clippy::too_many_arguments)] // The target's own arguments.
        pub(crate) fn $name<T: Real>($($arg: $ty),*) $(-> $ret)? {
            #[cfg(all(feature = "std", target_arch = "x86_64", not(statrix_scalar_math)))]
            {
                #[target_feature(enable = "avx512f")]
                #[allow(clippy::too_many_arguments)]
                unsafe fn avx512<T: Real>($($arg: $ty),*) $(-> $ret)? {
                    $target($($arg),*)
                }
                #[target_feature(enable = "avx2")]
                #[allow(clippy::too_many_arguments)]
                unsafe fn avx2<T: Real>($($arg: $ty),*) $(-> $ret)? {
                    $target($($arg),*)
                }
                if std::arch::is_x86_feature_detected!("avx512f") {
                    // SAFETY: the CPU has AVX-512F (checked just above); the arguments are
                    // the caller's, passed on unchanged.
                    return unsafe { avx512($($arg),*) };
                }
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has AVX2 (checked just above); the arguments as above.
                    return unsafe { avx2($($arg),*) };
                }
            }
            $target($($arg),*)
        }
    };
}

wide! {
    /// [`symmetric_eigen_in_place`](crate::linalg::tridiagonal::symmetric_eigen_in_place),
    /// on the widest vectors this CPU has.
    fn symmetric_eigen_in_place(
        a: &mut [T],
        n: usize,
        d: &mut [T],
        e: &mut [T],
        tau: &mut [T],
        w: &mut [T],
        vt: Option<&mut [T]>,
    ) -> Result<(), Error> => crate::linalg::tridiagonal::symmetric_eigen_in_place_body;
}

wide! {
    /// [`tridiagonalize`](crate::linalg::tridiagonal::tridiagonalize), on the widest vectors
    /// this CPU has.
    fn tridiagonalize(
        a: &mut [T],
        n: usize,
        d: &mut [T],
        e: &mut [T],
        tau: &mut [T],
        w: &mut [T],
    ) => crate::linalg::tridiagonal::tridiagonalize;
}

wide! {
    /// [`back_transform`](crate::linalg::inverse_iteration::back_transform), on the widest
    /// vectors this CPU has.
    fn back_transform(a: &[T], n: usize, tau: &[T], z: &mut [T], k: usize)
        => crate::linalg::inverse_iteration::back_transform;
}

wide! {
    /// [`back_transform_left`](crate::linalg::inverse_iteration::back_transform_left), on the
    /// widest vectors this CPU has.
    fn back_transform_left(a: &[T], shape: (usize, usize), tau_q: &[T], z: &mut [T], k: usize)
        => crate::linalg::inverse_iteration::back_transform_left;
}

wide! {
    /// [`bidiagonalize`](crate::linalg::bidiagonal::bidiagonalize), on the widest vectors this
    /// CPU has.
    fn bidiagonalize(
        a: &mut [T],
        m: usize,
        n: usize,
        d: &mut [T],
        e: &mut [T],
        tau_q: &mut [T],
        tau_p: &mut [T],
        v: &mut [T],
        w: &mut [T],
    ) => crate::linalg::bidiagonal::bidiagonalize;
}

wide! {
    /// [`svd_in_place`](crate::linalg::bidiagonal::svd_in_place), on the widest vectors this
    /// CPU has.
    fn svd_in_place(
        a: &mut [T],
        shape: (usize, usize),
        d: &mut [T],
        s: BidiagonalScratch<'_, T>,
        vectors: Option<(&mut [T], &mut [T])>,
    ) -> Result<(), Error> => crate::linalg::bidiagonal::svd_in_place_body;
}

#[cfg(feature = "rand")]
wide! {
    /// [`orthonormal_columns`](crate::dynamic::orthonormal::orthonormal_columns) (the
    /// randomized PCA's range finder), on the widest vectors this CPU has.
    fn orthonormal_columns(y: &crate::DMatrix<T>) -> crate::DMatrix<T>
        => crate::dynamic::orthonormal::orthonormal_columns_body;
}
