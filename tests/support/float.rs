//! The element types of the floating-point tests (f32 and f64), measured in f64, which
//! holds every f32 exactly.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use statrix::{Matrix, Real};

/// f64's unit roundoff, for references rounded to f64.
pub const U64: f64 = f64::EPSILON / 2.0;
/// The smallest positive subnormal f64.
pub const ETA64: f64 = f64::from_bits(1);

/// f32 or f64 under test.
pub trait Float: Real + FromStr + Into<f64> + Debug + Display {
    /// `"f32"` or `"f64"`, as the fixtures' `"dtype"` spells it.
    const NAME: &'static str;
    /// `u`, the unit roundoff.
    const U: f64;
    /// The smallest positive subnormal, as f64.
    const ETA: f64;
    /// `2^MAX_EXP` is the first power of two past the largest finite value.
    const MAX_EXP: i32;
    /// The exponent of the smallest positive normal value.
    const MIN_NORMAL_EXP: i32;
    /// The exponent of the smallest positive subnormal value.
    const DENORM_EXP: i32;
    /// A value of the type from f64; panics unless `x` is one (or NaN).
    fn from_f64(x: f64) -> Self;
    /// `x` rounded to the type.
    fn round_from(x: f64) -> Self;
    /// The bit pattern, widened.
    fn bits(self) -> u64;
    /// The value as f64 (exact).
    fn f64(self) -> f64 {
        self.into()
    }
}

impl Float for f64 {
    const NAME: &'static str = "f64";
    const U: f64 = f64::EPSILON / 2.0;
    const ETA: f64 = ETA64;
    const MAX_EXP: i32 = 1024;
    const MIN_NORMAL_EXP: i32 = -1022;
    const DENORM_EXP: i32 = -1074;
    fn from_f64(x: f64) -> Self {
        x
    }
    fn round_from(x: f64) -> Self {
        x
    }
    fn bits(self) -> u64 {
        self.to_bits()
    }
}

impl Float for f32 {
    const NAME: &'static str = "f32";
    const U: f64 = f32::EPSILON as f64 / 2.0;
    const ETA: f64 = f32::from_bits(1) as f64;
    const MAX_EXP: i32 = 128;
    const MIN_NORMAL_EXP: i32 = -126;
    const DENORM_EXP: i32 = -149;
    fn from_f64(x: f64) -> Self {
        let y = x as f32;
        assert!(y.is_nan() || f64::from(y) == x, "{x} is not an f32");
        y
    }
    fn round_from(x: f64) -> Self {
        x as f32
    }
    fn bits(self) -> u64 {
        u64::from(self.to_bits())
    }
}

/// The machine epsilon of `T`.
pub fn eps<T: Float>() -> f64 {
    T::epsilon().into()
}

/// The matrix in f64 (exact).
pub fn to_f64<T: Float, const R: usize, const C: usize>(m: &Matrix<T, R, C>) -> Matrix<f64, R, C> {
    m.map(|x| x.into())
}

/// Bitwise equal, or both NaN.
pub fn same_bits<T: Float>(a: T, b: T) -> bool {
    a.bits() == b.bits() || (a.is_nan() && b.is_nan())
}

/// A deterministic `R x C` matrix of irregular values in `[-1, 1)`, each with `bits`
/// significant bits (at most 24 for f32, 53 for f64, so that every value is exact in `T`):
/// consecutive states of a 64-bit linear congruential generator started from `seed`.
pub fn filled<T: Float, const R: usize, const C: usize>(seed: u64, bits: u32) -> Matrix<T, R, C> {
    let step = |s: u64| {
        s.wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
    };
    let mut state = step(seed);
    Matrix::from_fn(|_, _| {
        state = step(state);
        T::from_f64((state >> (64 - bits)) as f64 / (1u64 << (bits - 1)) as f64 - 1.0)
    })
}

/// `x * 2^e`, correctly rounded: exact while the result is a normal number, `±inf` exactly
/// when the exact product overflows, and rounded once (to nearest, ties to even) when it is
/// subnormal. Works for any `e` (the factor `2^e` need not be representable): the value is
/// first moved by exact steps that keep it normal, and only the last multiplication may
/// round.
pub fn times_pow2<T: Real>(x: T, e: i32) -> T {
    let two = T::one() + T::one();
    let (mantissa_bits, min_exp) = if T::epsilon().to_f64() == Some(f64::EPSILON) {
        (53, -1022)
    } else {
        (24, -126)
    };
    let (mut x, mut e) = (x, e);
    if x == T::zero() || !x.is_finite() {
        return x;
    }
    // Upwards: steps of at most 2^100 are exact until one overflows, and then the exact
    // product overflows too.
    while e > 0 && x.is_finite() {
        let step = e.min(100);
        x *= two.powi(step);
        e -= step;
    }
    // Downwards: exact steps while x stays at or above the smallest normal binade, then one
    // rounding multiplication by 2^e, which is representable down to the smallest subnormal
    // 2^(min_exp - mantissa_bits + 1); below that, x 2^e (with x < 2^(min_exp + 1)) is under
    // half the smallest subnormal, and its correct rounding is a signed zero.
    while e < 0 {
        // The binary exponent of x, exactly: x = mantissa 2^exp with `bits` significant bits.
        let (mantissa, exp, _) = x.integer_decode();
        let exp_x = i32::from(exp) + (64 - mantissa.leading_zeros() as i32) - 1;
        let room = exp_x - min_exp; // halvings that keep x normal (exact)
        if room > 0 {
            let step = (-e).min(room).min(100);
            x *= two.powi(-step);
            e += step;
        } else {
            return if e < min_exp - mantissa_bits + 1 {
                x * T::zero()
            } else if e >= min_exp {
                x * two.powi(e)
            } else {
                // 2^e = 2^min_exp 2^(e - min_exp), both factors and the product exact.
                x * (two.powi(min_exp) * two.powi(e - min_exp))
            };
        }
    }
    x
}

/// Every element of `m` times `2^e`, correctly rounded ([`times_pow2`]).
pub fn scaled<T: Real, const R: usize, const C: usize>(
    m: &Matrix<T, R, C>,
    e: i32,
) -> Matrix<T, R, C> {
    m.map(|x| times_pow2(x, e))
}
