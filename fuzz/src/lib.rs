//! What the fuzz targets share: decoding the fuzzer's bytes into sizes, scalars and
//! matrices ([`Input`]), instantiating the static sizes 1..=8 ([`with_size!`],
//! [`with_tall_shape!`], [`with_shape!`]), and the residual checks ([`dense`]).
//!
//! Scalars come in three kinds, chosen per element: raw bit patterns (every NaN payload,
//! subnormal, ±0 and near-maximal value the type has), a table of special values, and small
//! integers times a power of two whose exponent is drawn once per matrix and spans the whole
//! range (so a matrix is near the overflow edge, deep in the subnormals or ordinary, as a
//! whole, which is where scaling bugs live).

pub mod dense;
pub mod spectral;

use statrix::{Matrix, Real};

/// `f32` and `f64`, with what the decoder and the bounds need.
pub trait Float: Real + core::fmt::Debug + core::fmt::Display + 'static {
    /// Bytes in a raw bit pattern.
    const BYTES: usize;
    /// The binary exponent of the largest finite value.
    const MAX_EXP: i32;
    /// The binary exponent of the smallest positive subnormal.
    const MIN_SUBNORMAL_EXP: i32;
    /// The value whose bits are the low `BYTES` bytes of `bits`.
    fn from_raw(bits: u64) -> Self;
    /// Exactly, as an `f64`.
    fn wide(self) -> f64;
    /// `x` rounded to `Self`.
    fn narrow(x: f64) -> Self;
    /// The unit roundoff `u = eps / 2`.
    fn unit_roundoff() -> f64 {
        Self::epsilon().wide() / 2.0
    }
    /// The smallest positive subnormal, as an `f64`.
    fn smallest_subnormal() -> f64 {
        2f64.powi(Self::MIN_SUBNORMAL_EXP)
    }
}

impl Float for f32 {
    const BYTES: usize = 4;
    const MAX_EXP: i32 = 127;
    const MIN_SUBNORMAL_EXP: i32 = -149;
    fn from_raw(bits: u64) -> Self {
        f32::from_bits(bits as u32)
    }
    fn wide(self) -> f64 {
        f64::from(self)
    }
    fn narrow(x: f64) -> Self {
        x as f32
    }
}

impl Float for f64 {
    const BYTES: usize = 8;
    const MAX_EXP: i32 = 1023;
    const MIN_SUBNORMAL_EXP: i32 = -1074;
    fn from_raw(bits: u64) -> Self {
        f64::from_bits(bits)
    }
    fn wide(self) -> f64 {
        self
    }
    fn narrow(x: f64) -> Self {
        x
    }
}

/// The fuzzer's bytes, read front to back; past the end every byte reads as 0 (so any input
/// decodes, and short inputs give small, ordinary cases).
pub struct Input<'a> {
    data: &'a [u8],
}

impl<'a> Input<'a> {
    /// A reader over `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Self { data }
    }

    /// The next byte (0 past the end).
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// A number in `0..n` (`n >= 1`).
    pub fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n
    }

    /// The next `n <= 8` bytes, little-endian.
    pub fn bits(&mut self, n: usize) -> u64 {
        (0..n).fold(0, |acc, i| acc | u64::from(self.byte()) << (8 * i))
    }

    /// A per-matrix binary exponent: 0 (ordinary values) for most inputs, otherwise anywhere
    /// from the subnormals to the overflow edge.
    pub fn exponent<T: Float>(&mut self) -> i32 {
        let choice = self.byte();
        if choice < 144 {
            return 0;
        }
        let span = (T::MAX_EXP - T::MIN_SUBNORMAL_EXP) as u64;
        T::MIN_SUBNORMAL_EXP + 4 + (self.bits(2) % span) as i32
    }

    /// One scalar at the per-matrix exponent `exp`.
    pub fn scalar<T: Float>(&mut self, exp: i32) -> T {
        match self.byte() % 16 {
            0 => T::from_raw(self.bits(T::BYTES)),
            1 => {
                let specials = [
                    0.0,
                    -0.0,
                    1.0,
                    -1.0,
                    T::max_value().wide(),
                    T::min_value().wide(),
                    T::min_positive_value().wide(),
                    T::smallest_subnormal(),
                    T::epsilon().wide(),
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NAN,
                ];
                T::narrow(specials[self.below(specials.len())])
            }
            // Small integers times 2^(exp + a little): exact in both types unless the
            // exponent leaves the range, where they round to 0 or overflow to inf as any
            // value there would.
            _ => {
                let m = f64::from(self.byte() as i8);
                let e = exp + i32::from(self.byte() % 8) - 4;
                T::narrow(m * 2f64.powi(e.clamp(-1074, 1023)))
            }
        }
    }

    /// A matrix of [`scalar`](Self::scalar)s sharing one exponent.
    pub fn matrix<T: Float, const R: usize, const C: usize>(&mut self) -> Matrix<T, R, C> {
        let exp = self.exponent::<T>();
        Matrix::from_fn(|_, _| self.scalar(exp))
    }

    /// `len` scalars sharing one exponent.
    pub fn values<T: Float>(&mut self, len: usize) -> Vec<T> {
        let exp = self.exponent::<T>();
        (0..len).map(|_| self.scalar(exp)).collect()
    }
}

/// Whether every element is finite.
pub fn all_finite<T: Float, const R: usize, const C: usize>(m: &Matrix<T, R, C>) -> bool {
    m.iter().all(|x| x.is_finite())
}

/// Runs `$body` with `$n` bound as a `const usize` equal to the runtime `$size` (1..=8; other
/// values run 8).
#[macro_export]
macro_rules! with_size {
    ($size:expr, $n:ident => $body:expr) => {
        match $size {
            1 => {
                const $n: usize = 1;
                $body
            }
            2 => {
                const $n: usize = 2;
                $body
            }
            3 => {
                const $n: usize = 3;
                $body
            }
            4 => {
                const $n: usize = 4;
                $body
            }
            5 => {
                const $n: usize = 5;
                $body
            }
            6 => {
                const $n: usize = 6;
                $body
            }
            7 => {
                const $n: usize = 7;
                $body
            }
            _ => {
                const $n: usize = 8;
                $body
            }
        }
    };
}

/// Runs `$body` with `$r x $c` bound to one of the tall-or-square shapes (`$r >= $c`) picked
/// by `$index`: every column count 1..=8 with a few row counts each.
#[macro_export]
macro_rules! with_tall_shape {
    ($index:expr, $r:ident, $c:ident => $body:expr) => {
        $crate::with_tall_shape!(@arms $index, $r, $c, $body;
            0 => 1, 1; 1 => 2, 1; 2 => 5, 1; 3 => 2, 2; 4 => 3, 2; 5 => 7, 2; 6 => 3, 3;
            7 => 4, 3; 8 => 8, 3; 9 => 4, 4; 10 => 6, 4; 11 => 5, 5; 12 => 8, 5; 13 => 6, 6;
            14 => 7, 6; 15 => 7, 7; 16 => 8, 7; 17 => 8, 8)
    };
    (@arms $index:expr, $r:ident, $c:ident, $body:expr; $($i:literal => $rv:literal, $cv:literal);*) => {
        match $index % 18 {
            $($i => {
                const $r: usize = $rv;
                const $c: usize = $cv;
                $body
            })*
            _ => unreachable!("index reduced modulo 18"),
        }
    };
}

/// Runs `$body` with `$r x $c` bound to one of 16 shapes picked by `$index`: every row count
/// and every column count 1..=8 twice, the single row and column, squares, and 64 elements
/// (the pairwise sum's eight accumulators with no tail). All 64 shapes would make the
/// target take several times as long to build for little more.
#[macro_export]
macro_rules! with_shape {
    ($index:expr, $r:ident, $c:ident => $body:expr) => {
        $crate::with_shape!(@arms $index, $r, $c, $body;
            0 => 1, 1; 1 => 1, 5; 2 => 2, 3; 3 => 2, 8; 4 => 3, 1; 5 => 3, 4; 6 => 4, 2;
            7 => 4, 7; 8 => 5, 5; 9 => 5, 6; 10 => 6, 1; 11 => 6, 8; 12 => 7, 2; 13 => 7, 7;
            14 => 8, 3; 15 => 8, 8)
    };
    (@arms $index:expr, $r:ident, $c:ident, $body:expr; $($i:literal => $rv:literal, $cv:literal);*) => {
        match $index % 16 {
            $($i => {
                const $r: usize = $rv;
                const $c: usize = $cv;
                $body
            })*
            _ => unreachable!("index reduced modulo 16"),
        }
    };
}
