//! The stack a section uses, measured by painting: before a section runs, the stack below the
//! caller's frame is filled with a pattern; afterwards, the lowest word that no longer holds
//! it marks how deep the section went.

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
    let mut p = top - PAINT_BYTES;
    while p < top - GAP {
        // SAFETY: the range lies below every live frame (this function's own is within
        // `GAP` of `top`) and above the statics (see `PAINT_BYTES`); nothing else uses that
        // memory, and no interrupt is enabled.
        unsafe { core::ptr::write_volatile(p as *mut u32, PATTERN) };
        p += 4;
    }
}

/// The bytes below `top` that the call since [`paint`] used: the distance to the lowest word
/// that no longer holds the pattern (at most `PAINT_BYTES`; at least `GAP`, the unpainted
/// part).
#[inline(never)]
pub fn used(top: usize) -> usize {
    let mut p = top - PAINT_BYTES;
    // SAFETY: the range `paint` wrote, read back.
    while p < top - GAP && unsafe { core::ptr::read_volatile(p as *const u32) } == PATTERN {
        p += 4;
    }
    top - p
}
