//! Hooks for the differential fuzz targets (`fuzz/fuzz_targets/kernels.rs`): each explicit
//! kernel on a named instruction set, so that the fuzzer compares every one this CPU runs
//! with the scalar reference, not only the one the dispatch picks. Compiled only under
//! `--cfg fuzzing` (set by `cargo fuzz`), hidden from the documentation, not part of the API.

use crate::matrix::Matrix;
use crate::scalar::{Real, Scalar};

with_kernels! {
    use super::arch::TiledIsa;
    use crate::kernel::{Operand, Part};

    /// The tiled products' instruction sets, in order of preference, by name.
    pub const TILED_ISAS: [&str; TiledIsa::ALL.len()] = tiled_isa_names();

    const fn tiled_isa_names() -> [&'static str; TiledIsa::ALL.len()] {
        let mut names = [""; TiledIsa::ALL.len()];
        let mut i = 0;
        while i < names.len() {
            names[i] = isa_name(TiledIsa::ALL[i]);
            i += 1;
        }
        names
    }

    #[cfg(target_arch = "x86_64")]
    const fn isa_name(isa: TiledIsa) -> &'static str {
        match isa {
            TiledIsa::Avx512 => "avx512f",
            TiledIsa::Avx2Fma => "avx2+fma",
        }
    }

    #[cfg(target_arch = "aarch64")]
    const fn isa_name(_isa: TiledIsa) -> &'static str {
        "neon"
    }

    /// The instruction set at `index` of [`TILED_ISAS`], if this CPU runs it.
    fn supported(index: usize) -> Option<TiledIsa> {
        TiledIsa::ALL.get(index).copied().filter(|isa| isa.is_supported())
    }

    /// `out = a @ b` by the static tiled kernel of the instruction set at `isa` (an index
    /// into [`TILED_ISAS`]); `false` (and `out` untouched) where the CPU lacks it, `K` is 0
    /// or `T` is not `f32`/`f64`. No size rule: any shape runs.
    pub fn tiled_product_on<T: Scalar, const R: usize, const K: usize, const C: usize>(
        isa: usize,
        a: &Matrix<T, R, K>,
        b: &Matrix<T, K, C>,
        out: &mut Matrix<T, R, C>,
    ) -> bool {
        supported(isa).is_some_and(|isa| super::tiled::tiled_product(isa, a, b, out))
    }

    /// `c = a @ b` by the packed, cache-blocked kernel of the instruction set at `isa`, for
    /// operands with any strides (`(row_stride, col_stride)`), `m x k` times `k x n` into
    /// the row-major `m x n` slice `c`; with `lower_only`, only the lower triangle is
    /// computed and mirrored (the `XᵀX` path, for products the caller knows are symmetric).
    /// `false` (and `c` untouched) where the CPU lacks the instruction set, a stride reaches
    /// past its slice, a dimension is 0 or `T` is not `f32`/`f64`.
    #[cfg(feature = "alloc")]
    #[allow(clippy::too_many_arguments)]
    pub fn packed_product_on<T: Scalar>(
        isa: usize,
        shape: (usize, usize, usize),
        a: &[T],
        a_strides: (usize, usize),
        b: &[T],
        b_strides: (usize, usize),
        c: &mut [T],
        lower_only: bool,
    ) -> bool {
        let operand = |data, (row_stride, col_stride)| Operand {
            data,
            row_stride,
            col_stride,
        };
        let part = if lower_only { Part::Symmetric } else { Part::Full };
        supported(isa).is_some_and(|isa| {
            super::packed::packed_product(
                isa,
                shape,
                operand(a, a_strides),
                operand(b, b_strides),
                c,
                part,
            )
        })
    }
}

without_kernels! {
    /// No explicit kernels on this target: no instruction sets.
    pub const TILED_ISAS: [&str; 0] = [];

    /// No explicit kernels: always `false`.
    pub fn tiled_product_on<T: Scalar, const R: usize, const K: usize, const C: usize>(
        _isa: usize,
        _a: &Matrix<T, R, K>,
        _b: &Matrix<T, K, C>,
        _out: &mut Matrix<T, R, C>,
    ) -> bool {
        false
    }

    /// No explicit kernels: always `false`.
    #[cfg(feature = "alloc")]
    #[allow(clippy::too_many_arguments)]
    pub fn packed_product_on<T: Scalar>(
        _isa: usize,
        _shape: (usize, usize, usize),
        _a: &[T],
        _a_strides: (usize, usize),
        _b: &[T],
        _b_strides: (usize, usize),
        _c: &mut [T],
        _lower_only: bool,
    ) -> bool {
        false
    }
}

/// `a @ b` by the small fixed kernels where one exists for `T` and this shape (`f32` 4x4
/// with SSE2), else `None`.
pub fn small_product<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Option<Matrix<T, R, C>> {
    super::matmul(a, b)
}

/// `a @ b` by the portable loops the kernels fall back to.
pub fn portable_product<T: Scalar, const R: usize, const K: usize, const C: usize>(
    a: &Matrix<T, R, K>,
    b: &Matrix<T, K, C>,
) -> Matrix<T, R, C> {
    crate::kernel::portable(a, b)
}

/// The 4x4 cofactor inverse's kernel (`(adj(A) / det, det)`, unchecked) where one exists
/// for `T`, else `None`.
pub fn cofactor_inverse_4x4<T: Scalar>(a: &Matrix<T, 4, 4>) -> Option<(Matrix<T, 4, 4>, T)> {
    super::inverse_cofactor_4x4(a)
}

/// The portable 4x4 cofactor formula the kernel matches bit for bit.
pub fn cofactor_inverse_4x4_portable<T: Real>(a: &Matrix<T, 4, 4>) -> (Matrix<T, 4, 4>, T) {
    crate::linalg::cofactor::inverse_4x4(a)
}
