//! The stack a section uses, measured by painting: before a section runs, the stack below the
//! caller's frame is filled with a pattern; afterwards, the lowest word that no longer holds
//! it marks how deep the section went.
//!
//! [`paint`] and [`used`] paint the demo's fixed depth, [`PAINT_BYTES`]; a program with more
//! RAM to spare (the stack figures of the decompositions, `src/bin/stack_figures.rs`) passes
//! its own depth to [`paint_depth`] and [`used_depth`].

/// How far below the caller's frame the stack is painted: a quarter of the 16 KiB of RAM of
/// the smallest target, above everything the demo keeps in statics.
const PAINT_BYTES: usize = 4096;
/// Left unpainted just below `top`, for the frames of [`paint`] and [`used`] themselves.
const GAP: usize = 64;
const PATTERN: u32 = 0xCCCC_CCCC;

/// An address just below the caller's frame (a local of this function's own frame): where
/// the stack of a call the caller makes next begins, to within a few words.
#[inline(never)]
pub fn here() -> usize {
    let marker = 0u32;
    (core::hint::black_box(&marker) as *const u32 as usize) & !3
}

/// Paints `top - PAINT_BYTES .. top - GAP`, where `top` is what [`here`] returned in the
/// caller.
#[inline(never)]
pub fn paint(top: usize) {
    // SAFETY: `PAINT_BYTES` is above everything the demo keeps in statics on every target
    // (see there), and this function's own frame is within `GAP` of `top`.
    unsafe { paint_depth(top, PAINT_BYTES) }
}

/// The bytes below `top` that the call since [`paint`] used: the distance to the lowest word
/// that no longer holds the pattern (at most `PAINT_BYTES`; at least `GAP`, the unpainted
/// part).
#[inline(never)]
pub fn used(top: usize) -> usize {
    // SAFETY: the range `paint` wrote, read back.
    unsafe { used_depth(top, PAINT_BYTES) }
}

/// Paints `top - depth .. top - GAP`, where `top` is what [`here`] returned in the caller.
/// Always inlined: called from a function that is never inlined itself (as [`paint`]), whose
/// frame is then the only one below `top`.
///
/// # Safety
/// The range must lie below every live frame (the calling function's own frame must be within
/// `GAP` of `top`) and above the statics, in RAM that nothing else uses (no interrupt
/// enabled).
#[inline(always)]
pub unsafe fn paint_depth(top: usize, depth: usize) {
    let mut p = top - depth;
    while p < top - GAP {
        // SAFETY: the range is free stack, as the caller guarantees.
        unsafe { core::ptr::write_volatile(p as *mut u32, PATTERN) };
        p += 4;
    }
}

/// The bytes below `top` that the call since [`paint_depth`] (with the same `depth`) used:
/// the distance to the lowest word that no longer holds the pattern (at most `depth`; at least
/// `GAP`, the unpainted part). Always inlined, as [`paint_depth`].
///
/// # Safety
/// `top - depth .. top - GAP` must be the range [`paint_depth`] painted.
#[inline(always)]
pub unsafe fn used_depth(top: usize, depth: usize) -> usize {
    let mut p = top - depth;
    // SAFETY: the range `paint_depth` wrote, read back (the caller guarantees it).
    while p < top - GAP && unsafe { core::ptr::read_volatile(p as *const u32) } == PATTERN {
        p += 4;
    }
    top - p
}
