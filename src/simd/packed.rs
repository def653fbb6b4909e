//! The packed, cache-blocked product of dynamic operands (`DMatrix` products, `XᵀX`, `X Yᵀ`):
//! the loops around the micro-kernel of `packed_tiles.rs`.
//!
//! # Blocking
//!
//! The loops follow the layered design of BLIS and faer (Goto and van de Geijn, "Anatomy of
//! high-performance matrix multiplication", ACM TOMS 34(3), 2008), written for row-major
//! output, where a tile's vectors run along a row of `b` and the elements of `a` are
//! broadcast:
//!
//! 1. columns of the output in blocks of `NC`, and the `k` dimension in blocks of `KC`
//!    ([`KC`]): the `KC x NC` block of `b` is packed into panels of `2 * LANES` columns, step
//!    by step, sized ([`B_BLOCK_BYTES`]) to stay in the L2 cache while it is used;
//! 2. rows of the output in micro-panels of `PACKED_MR`: the `PACKED_MR x KC` piece of `a` is
//!    packed step by step (small enough for the L1 cache: 28 KiB in `f64` on AVX-512) and
//!    multiplied by every panel of the `b` block in turn.
//!
//! Packing reads the operands through any row and column strides, so a transposed operand
//! (`XᵀX`, `Xᵀ Q`) costs no copy. Padding fills partial panels with zeros; the tiles read
//! them with whole-vector loads and write only the output's own elements.
//!
//! # Rounding
//!
//! Each output element is summed in the textbook order (the first product rounded once, then
//! one fused multiply-add per step in increasing `k`), across the `KC` blocks too: the result
//! is bit-identical to the in-place tiles of `fma_tiles.rs`, so a dynamic product equals the
//! static product of the same shape. With [`Part::Symmetric`] only the tiles that touch the
//! lower triangle are computed and the rest is mirrored; since `x_pi x_pj` and `x_pj x_pi`
//! round alike, the mirror is the full product's upper triangle bit for bit.

use alloc::vec;
use core::any::TypeId;

use super::arch;
use crate::kernel::{Operand, Part};
use crate::scalar::Scalar;

/// Where a tile's sums start: from the block's first product (the first block of `k`), or
/// from the sums already stored in the output (every later block).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Start {
    /// Start from the step-0 product, ignoring the output's contents.
    Overwrite,
    /// Continue the sums stored in the output.
    Accumulate,
}

/// Steps of `k` per block: the `PACKED_MR x KC` piece of `a` (at most 28 KiB in `f64`) stays
/// in a 32 KiB or larger L1 data cache, and a tile's sums are stored and reloaded once per
/// 256 steps.
const KC: usize = 256;

/// Bytes of the packed block of `b` (`KC` steps by up to `NC` columns): about a quarter of a
/// 2 MiB L2 cache and half of a 1 MiB one, so the block survives while every micro-panel of
/// `a` streams past it.
const B_BLOCK_BYTES: usize = 512 * 1024;

/// Bytes of the packed block of `a` (up to `MC` rows by `KC` steps): it is packed once per
/// block of `k` and read from the L3 cache by every block of `b`'s columns, so each element of
/// `a` is packed once however wide the output is.
const A_BLOCK_BYTES: usize = 4 * 1024 * 1024;

/// The signature of an architecture's packed tile for one element type, with its
/// instruction set as the first argument (`arch::packed_tile_f64`/`_f32`).
type TileFn<T> =
    unsafe fn(arch::TiledIsa, usize, *const T, *const T, *mut T, usize, usize, usize, Start);

/// `c = a @ b` (`m x k` times `k x n` into the contiguous row-major `m x n` slice `c`) by the
/// packed tiles, for `f32`/`f64` products the tiles take (`tiled.rs`: at least 512
/// multiply-adds and 4 columns, the rule of the static products) on a CPU that has them;
/// `false` (and `c` untouched) otherwise, or if an operand's strides reach outside its slice.
///
/// With [`Part::Symmetric`] (the caller's promise that the product is symmetric, as `XᵀX`)
/// the lower triangle is computed and mirrored.
pub(crate) fn packed_matmul<T: Scalar>(
    (m, k, n): (usize, usize, usize),
    a: Operand<'_, T>,
    b: Operand<'_, T>,
    c: &mut [T],
    part: Part,
) -> bool {
    if !super::tiled::tiles_take(m, k, n) {
        return false;
    }
    let Some(isa) = arch::TiledIsa::detect() else {
        return false;
    };
    packed_product(isa, (m, k, n), a, b, c, part)
}

/// [`packed_matmul`] on the instruction set `isa`, which the caller has checked this CPU
/// supports.
pub(super) fn packed_product<T: Scalar>(
    isa: arch::TiledIsa,
    (m, k, n): (usize, usize, usize),
    a: Operand<'_, T>,
    b: Operand<'_, T>,
    c: &mut [T],
    part: Part,
) -> bool {
    if k == 0 || m == 0 || n == 0 || c.len() != m * n || !a.covers(m, k) || !b.covers(k, n) {
        return false;
    }
    macro_rules! run {
        ($t:ident, $tile:ident, $shape:ident) => {
            if TypeId::of::<T>() == TypeId::of::<$t>() {
                // SAFETY: `T` is `$t` (same `TypeId`), so each cast changes only the name of
                // the element type; lengths and lifetimes are the originals'.
                let (a, b, c) = unsafe {
                    (
                        cast_operand::<T, $t>(a),
                        cast_operand::<T, $t>(b),
                        core::slice::from_raw_parts_mut(c.as_mut_ptr().cast::<$t>(), c.len()),
                    )
                };
                let geometry = (arch::$shape(isa), arch::$tile as TileFn<$t>);
                #[cfg(feature = "rayon")]
                if parallel(m * k * n) {
                    split_rows::<$t>(isa, (m, k, n), geometry, a, b, c, part);
                } else {
                    blocked::<$t>(isa, (m, k, n), geometry, a, b, c, part, 0);
                }
                #[cfg(not(feature = "rayon"))]
                blocked::<$t>(isa, (m, k, n), geometry, a, b, c, part, 0);
                if part == Part::Symmetric {
                    crate::kernel::strided::mirror_lower(c, n);
                }
                return true;
            }
        };
    }
    run!(f64, packed_tile_f64, packed_shape_f64);
    run!(f32, packed_tile_f32, packed_shape_f32);
    false
}

/// `x` with its element type renamed `D`.
///
/// # Safety
///
/// `T` and `D` are the same type.
unsafe fn cast_operand<T, D>(x: Operand<'_, T>) -> Operand<'_, D> {
    Operand {
        // SAFETY: `T` is `D` (the contract): same size, alignment and values; the length and
        // lifetime are the original slice's.
        data: unsafe { core::slice::from_raw_parts(x.data.as_ptr().cast::<D>(), x.data.len()) },
        row_stride: x.row_stride,
        col_stride: x.col_stride,
    }
}

/// The tile geometry (rows, columns) of an instruction set and its tile function.
type Geometry<T> = ((usize, usize), TileFn<T>);

/// The blocked loops of the module documentation, for rows `first_row..first_row + m` of
/// the product (`a` holding those rows, `c` those rows of the output): the row offset
/// matters only to [`Part::Symmetric`], whose tiles are those that touch the lower
/// triangle; the caller mirrors.
#[allow(clippy::too_many_arguments)] // The shape, the tile geometry, the operands, the part, the rows.
fn blocked<T: Scalar>(
    isa: arch::TiledIsa,
    (m, k, n): (usize, usize, usize),
    ((mr, nr), tile): Geometry<T>,
    a: Operand<'_, T>,
    b: Operand<'_, T>,
    c: &mut [T],
    part: Part,
    first_row: usize,
) {
    let size = core::mem::size_of::<T>();
    let kc_max = KC.min(k);
    let nc_max = (B_BLOCK_BYTES / (KC * size) / nr).max(1) * nr;
    let nc_max = nc_max.min(n.div_ceil(nr) * nr);
    let mc_max = (A_BLOCK_BYTES / (KC * size) / mr).max(1) * mr;
    let mc_max = mc_max.min(m.div_ceil(mr) * mr);
    let mut b_pack = vec![T::ZERO; kc_max * nc_max];
    // With one block of columns each micro-panel of `a` is used once after packing: one
    // buffer, reused (it stays in the L1 cache); with several, the whole block is kept.
    let several_column_blocks = n > nc_max;
    let a_panel_count = if several_column_blocks { mc_max / mr } else { 1 };
    let mut a_pack = vec![T::ZERO; kc_max * mr * a_panel_count];
    for i_block in (0..m).step_by(mc_max) {
        let mc = mc_max.min(m - i_block);
        let block_last_row = first_row + i_block + mc - 1;
        for p0 in (0..k).step_by(KC) {
            let kc = KC.min(k - p0);
            let start = if p0 == 0 {
                Start::Overwrite
            } else {
                Start::Accumulate
            };
            for j0 in (0..n).step_by(nc_max) {
                if part == Part::Symmetric && j0 > block_last_row {
                    break;
                }
                let nc = nc_max.min(n - j0);
                pack_b(b, (p0, kc), (j0, nc), nr, &mut b_pack);
                let panel = PanelJob {
                    isa,
                    n,
                    mr,
                    nr,
                    kc,
                    p0,
                    columns: (j0, nc),
                    start,
                    part,
                    tile,
                    a,
                    b_pack: &b_pack,
                    first_row,
                };
                let rows = &mut c[i_block * n..(i_block + mc) * n];
                let pack = j0 == 0;
                for (t, c_rows) in rows.chunks_mut(mr * n).enumerate() {
                    let slot = if several_column_blocks { t } else { 0 };
                    let a_panel = &mut a_pack[slot * kc * mr..(slot + 1) * kc * mr];
                    panel.run(i_block + t * mr, a_panel, c_rows, pack);
                }
            }
        }
    }
}

/// One block of `k` against one block of `b`'s columns (packed in `b_pack`), for one
/// micro-panel of rows at a time ([`run`](Self::run)).
struct PanelJob<'a, T> {
    isa: arch::TiledIsa,
    n: usize,
    mr: usize,
    nr: usize,
    kc: usize,
    p0: usize,
    columns: (usize, usize),
    start: Start,
    part: Part,
    tile: TileFn<T>,
    a: Operand<'a, T>,
    b_pack: &'a [T],
    /// The row of the whole product that row 0 of `a` and of the output is.
    first_row: usize,
}

impl<T: Scalar> PanelJob<'_, T> {
    /// The tiles of rows `i0..i0 + c_rows.len() / n` (at most `mr`), whose rows of the output
    /// are `c_rows`; packs the micro-panel of `a` into `a_panel` first when `pack`.
    fn run(&self, i0: usize, a_panel: &mut [T], c_rows: &mut [T], pack: bool) {
        let (n, mr, nr, kc) = (self.n, self.mr, self.nr, self.kc);
        let (j0, nc) = self.columns;
        let height = c_rows.len() / n;
        debug_assert!((1..=mr).contains(&height));
        let last_row = self.first_row + i0 + height - 1;
        if pack {
            // Packed just before its first use, while it is in the L1 cache; later blocks of
            // columns read it back from the block.
            pack_a(self.a, (i0, height), (self.p0, kc), mr, a_panel);
        }
        let b_panels = self.b_pack.chunks_exact(kc * nr);
        for (j, b_panel) in (j0..j0 + nc).step_by(nr).zip(b_panels) {
            if self.part == Part::Symmetric && j > last_row {
                break;
            }
            let width = nr.min(j0 + nc - j);
            let out = &mut c_rows[j..];
            debug_assert!(out.len() >= (height - 1) * n + width);
            // SAFETY: `isa` was detected on this CPU; `kc >= 1`; `1 <= height <= mr` and `1 <=
            // width <= nr` (the tile geometry of `isa`); `a_panel` holds `kc * mr` values and
            // `b_panel` `kc * nr`; `out` starts at the tile's corner and holds its `height`
            // rows of `c` from column `j` (row stride `n`, `j + width <= n`), a distinct
            // `&mut`.
            unsafe {
                (self.tile)(
                    self.isa,
                    kc,
                    a_panel.as_ptr(),
                    b_panel.as_ptr(),
                    out.as_mut_ptr(),
                    n,
                    height,
                    width,
                    self.start,
                );
            }
        }
    }
}

/// Products with at least this many multiply-adds use every thread of rayon's pool (feature
/// `rayon`): about a millisecond of work on one core, against tens of microseconds of
/// scheduling.
#[cfg(feature = "rayon")]
const PARALLEL_MIN_MULTIPLY_ADDS: usize = 1 << 24;

/// Whether a product of `work` multiply-adds runs its micro-panels on several threads.
#[cfg(feature = "rayon")]
fn parallel(work: usize) -> bool {
    work >= PARALLEL_MIN_MULTIPLY_ADDS && rayon::current_num_threads() > 1
}

/// The product on rayon's threads: the output's rows cut into one band per thread, each band
/// running the blocked loops on its own (packing its own copy of `b`'s blocks, a small cost
/// next to its share of the work). The bands write disjoint rows, and every element is
/// summed exactly as on one thread (the same bits). For [`Part::Symmetric`] the band edges
/// are at `m sqrt(t / threads)`, which gives each band the same share of the lower triangle.
#[cfg(feature = "rayon")]
fn split_rows<T: Scalar + Send + Sync>(
    isa: arch::TiledIsa,
    (m, k, n): (usize, usize, usize),
    geometry: Geometry<T>,
    a: Operand<'_, T>,
    b: Operand<'_, T>,
    c: &mut [T],
    part: Part,
) {
    use rayon::prelude::*;
    let mr = geometry.0.0;
    let threads = rayon::current_num_threads().max(1);
    let edge = |t: usize| -> usize {
        let share = t as f64 / threads as f64;
        let row = match part {
            Part::Full => m as f64 * share,
            Part::Symmetric => m as f64 * share.sqrt(),
        };
        ((row as usize).div_ceil(mr) * mr).min(m)
    };
    let mut bands = alloc::vec::Vec::with_capacity(threads);
    let mut rest = c;
    let mut start = 0;
    for t in 1..=threads {
        let end = if t == threads { m } else { edge(t).max(start) };
        let (band, tail) = rest.split_at_mut((end - start) * n);
        bands.push((start, end - start, band));
        rest = tail;
        start = end;
    }
    bands.into_par_iter().for_each(|(first, rows, band)| {
        if rows == 0 {
            return;
        }
        let a_rows = Operand {
            data: &a.data[first * a.row_stride..],
            ..a
        };
        blocked(isa, (rows, k, n), geometry, a_rows, b, band, part, first);
    });
}

/// Packs rows `i0..i0 + height` and steps `p0..p0 + kc` of `a` step by step: `out[p * mr +
/// r] = a[i0 + r][p0 + p]`, zero for `r >= height`.
fn pack_a<T: Scalar>(
    a: Operand<'_, T>,
    (i0, height): (usize, usize),
    (p0, kc): (usize, usize),
    mr: usize,
    out: &mut [T],
) {
    let out = &mut out[..kc * mr];
    if a.row_stride == 1 {
        // Each step's `height` values are contiguous (a transposed row-major matrix).
        for (p, group) in out.chunks_exact_mut(mr).enumerate() {
            let start = i0 + (p0 + p) * a.col_stride;
            let (inside, padding) = group.split_at_mut(height);
            inside.copy_from_slice(&a.data[start..start + height]);
            padding.fill(T::ZERO);
        }
        return;
    }
    for r in 0..mr {
        let column = out[r..].iter_mut().step_by(mr);
        if r >= height {
            column.for_each(|x| *x = T::ZERO);
        } else if a.col_stride == 1 {
            let start = (i0 + r) * a.row_stride + p0;
            column
                .zip(&a.data[start..start + kc])
                .for_each(|(x, &y)| *x = y);
        } else {
            let start = (i0 + r) * a.row_stride + p0 * a.col_stride;
            column
                .zip(a.data[start..].iter().step_by(a.col_stride))
                .for_each(|(x, &y)| *x = y);
        }
    }
}

/// Packs steps `p0..p0 + kc` and columns `j0..j0 + nc` of `b` into panels of `nr` columns,
/// each step by step: panel `q` holds `out[q * kc * nr + p * nr + l] = b[p0 + p][j0 + q * nr
/// + l]`, zero past column `j0 + nc`.
fn pack_b<T: Scalar>(
    b: Operand<'_, T>,
    (p0, kc): (usize, usize),
    (j0, nc): (usize, usize),
    nr: usize,
    out: &mut [T],
) {
    let panels = nc.div_ceil(nr);
    for (q, panel) in out[..panels * kc * nr].chunks_exact_mut(kc * nr).enumerate() {
        let j = j0 + q * nr;
        let width = nr.min(j0 + nc - j);
        for (p, group) in panel.chunks_exact_mut(nr).enumerate() {
            let (inside, padding) = group.split_at_mut(width);
            if b.col_stride == 1 {
                let start = (p0 + p) * b.row_stride + j;
                inside.copy_from_slice(&b.data[start..start + width]);
            } else {
                for (l, x) in inside.iter_mut().enumerate() {
                    *x = b.get(p0 + p, j + l);
                }
            }
            padding.fill(T::ZERO);
        }
    }
}
