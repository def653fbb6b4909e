//! Generator words turned into uniform numbers: floats in `[0, 1)` and `(0, 1]`, and unbiased
//! integers below a bound. Every sampler in the module is built on these, and they read
//! only [`Rng::next_u32`] and [`Rng::next_u64`], so a stream depends on the bit generator
//! and this file, never on `rand`'s own distributions (whose algorithms `rand` may change
//! between minor versions).

use rand::Rng;

use crate::scalar::Real;

/// How many draws a rejection step may make before it gives up and returns a value from
/// its last draw. Each rejection step in the module rejects with probability at most 1/2
/// with a uniform bit source, so falling back has probability at most `2^-128` per value:
/// the bound changes no distribution measurably, and it keeps a broken generator (one that
/// always returns the same word) from looping forever.
pub(crate) const MAX_DRAWS: u32 = 128;

/// `2^-53`, the spacing of the f64 values this module draws in `[0, 1)`.
const F64_UNIT: f64 = 1.0 / 9_007_199_254_740_992.0;

/// A uniform f64 in `[0, 1)`: the top 53 bits of a `u64` times `2^-53` (NumPy's
/// `random_standard_uniform`, the multiples of `2^-53`, each with probability `2^-53`).
#[inline]
pub(crate) fn unit_f64<G: Rng + ?Sized>(rng: &mut G) -> f64 {
    (rng.next_u64() >> 11) as f64 * F64_UNIT
}

/// A uniform f32 in `[0, 1)`: the top 24 bits of one `u32` times `2^-24` (NumPy's
/// `next_float`).
#[inline]
pub(crate) fn unit_f32<G: Rng + ?Sized>(rng: &mut G) -> f32 {
    (rng.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
}

/// A uniform `T` in `[0, 1)` with `T`'s full precision: for f32 the top 24 bits of one
/// `u32` times `2^-24` (NumPy's `random_standard_uniform_f`), for f64 the top 53 bits of one
/// `u64` times `2^-53`. Both products are exact.
#[inline]
pub(crate) fn unit<T: Real, G: Rng + ?Sized>(rng: &mut G) -> T {
    // `Real` is sealed to f32 and f64; `epsilon / 2` is `2^-24` or `2^-53`.
    let half_ulp_of_one = T::epsilon() / T::TWO;
    // Integer-to-float `NumCast` conversions always succeed; the fallback is unreachable.
    let k = if size_of::<T>() == size_of::<f32>() {
        T::from(rng.next_u32() >> 8).unwrap_or(T::ZERO)
    } else {
        T::from(rng.next_u64() >> 11).unwrap_or(T::ZERO)
    };
    k * half_ulp_of_one
}

/// A uniform integer in `[0, max]`, unbiased, by Lemire's multiply-and-reject method
/// (D. Lemire, "Fast random integer generation in an interval", ACM TOMACS 29(1), 2019).
///
/// Ranges of at most `2^32` values use one `u32` per draw, larger ones one `u64`; which
/// one depends on `max` only, so a `usize` bound gives the same stream on 32- and 64-bit
/// targets. `max == 0` draws nothing. A draw is rejected with probability below
/// `(max + 1) / 2^32` (or `/ 2^64`), always below 1/2; after [`MAX_DRAWS`] rejections the
/// last draw is returned (probability below `2^-128`).
pub(crate) fn uniform_inclusive<G: Rng + ?Sized>(rng: &mut G, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    if max == u64::MAX {
        return rng.next_u64();
    }
    let n = max + 1;
    if max == u64::from(u32::MAX) {
        return u64::from(rng.next_u32());
    }
    if max < u64::from(u32::MAX) {
        // n < 2^32: the 32-bit method, with the product in 64 bits.
        let n32 = n as u32;
        let mut product = u64::from(rng.next_u32()) * n;
        let mut low = product as u32;
        if low < n32 {
            // 2^32 mod n: the number of low parts to reject so that every result has
            // exactly floor(2^32 / n) preimages.
            let threshold = n32.wrapping_neg() % n32;
            let mut draws = 1;
            while low < threshold && draws < MAX_DRAWS {
                product = u64::from(rng.next_u32()) * n;
                low = product as u32;
                draws += 1;
            }
        }
        product >> 32
    } else {
        // 2^32 < n < 2^64: the 64-bit method, with the product in 128 bits.
        let wide = u128::from(n);
        let mut product = u128::from(rng.next_u64()) * wide;
        let mut low = product as u64;
        if low < n {
            let threshold = n.wrapping_neg() % n;
            let mut draws = 1;
            while low < threshold && draws < MAX_DRAWS {
                product = u128::from(rng.next_u64()) * wide;
                low = product as u64;
                draws += 1;
            }
        }
        (product >> 64) as u64
    }
}

/// A uniform index in `[0, n)` for `n >= 1` (0 for `n == 0`, drawing nothing).
#[inline]
pub(crate) fn index_below<G: Rng + ?Sized>(rng: &mut G, n: usize) -> usize {
    // `usize` is at most 64 bits on every Rust target, and the result is below `n`.
    uniform_inclusive(rng, n.saturating_sub(1) as u64) as usize
}

/// A uniform integer in `[0, max]` by masked rejection, NumPy's `random_interval` (its
/// `shuffle` and `permutation`): the draw (a `u32` while `max < 2^32`, else a `u64`) is
/// masked to the bits of `max` and rejected while above `max`, with probability below 1/2.
/// After [`MAX_DRAWS`] rejections `max` is returned (probability below `2^-128`).
pub(crate) fn interval<G: Rng + ?Sized>(rng: &mut G, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = u64::MAX >> max.leading_zeros();
    for _ in 0..MAX_DRAWS {
        let value = if max <= u64::from(u32::MAX) {
            u64::from(rng.next_u32()) & mask
        } else {
            rng.next_u64() & mask
        };
        if value <= max {
            return value;
        }
    }
    max
}

/// The 32-bit word NumPy splits into 8- or 16-bit draws for the small integer types
/// (`buffered_uint8`/`buffered_uint16`), kept across the elements of one array fill.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SmallWordBuffer {
    word: u32,
    /// How many more draws the word holds.
    left: u32,
}

impl SmallWordBuffer {
    /// The next `bits`-bit draw (8 or 16): the low part of a new word, then the word shifted
    /// down by `bits` until it is used up.
    fn next<G: Rng + ?Sized>(&mut self, rng: &mut G, bits: u32) -> u32 {
        if self.left == 0 {
            self.word = rng.next_u32();
            self.left = 32 / bits - 1;
        } else {
            self.word >>= bits;
            self.left -= 1;
        }
        self.word & (u32::MAX >> (32 - bits))
    }
}

/// A uniform integer in `[0, max]` drawn as NumPy draws an element of an integer array of
/// `bits` bits (`random_bounded_uint{8,16,32,64}_fill` with Lemire's method): for 8 and 16
/// bits from the `buffer`'s shared 32-bit word, for 32 and 64 bits as
/// [`uniform_inclusive`]. `max` must fit in `bits` bits. Bounded like the other rejections.
pub(crate) fn bounded<G: Rng + ?Sized>(
    rng: &mut G,
    max: u64,
    bits: u32,
    buffer: &mut SmallWordBuffer,
) -> u64 {
    if bits > 16 || max == 0 {
        return uniform_inclusive(rng, max);
    }
    let full = u64::MAX >> (64 - bits);
    if max >= full {
        return u64::from(buffer.next(rng, bits));
    }
    // Lemire's method in 2 * bits: the product's high half is the value, its low half
    // decides the rejection. `max < 2^16`, so everything fits a u32.
    let excl = max as u32 + 1;
    let low_mask = u32::MAX >> (32 - bits);
    let mut product = buffer.next(rng, bits) * excl;
    let mut leftover = product & low_mask;
    if leftover < excl {
        // 2^bits mod excl.
        let threshold = (low_mask - max as u32) % excl;
        let mut draws = 1;
        while leftover < threshold && draws < MAX_DRAWS {
            product = buffer.next(rng, bits) * excl;
            leftover = product & low_mask;
            draws += 1;
        }
    }
    u64::from(product >> bits)
}
