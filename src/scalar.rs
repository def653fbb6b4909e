//! The scalar traits: [`Scalar`] for arithmetic (integers included) and [`Real`] for
//! everything that needs square roots, exponentials or rounding (f32 and f64).
//!
//! Every floating-point function the crate calls goes through [`Real`], which is
//! `num_traits::Float`: with the `std` feature it uses the platform's maths library, without
//! it the pure-Rust `libm` crate. That is the one place where the maths is routed.

use core::fmt::Debug;
use core::iter::{Product, Sum};

use num_traits::{ConstOne, ConstZero, Float, Num, NumAssign};

/// An element type the matrix arithmetic works with: every primitive integer, `f32` and
/// `f64`.
///
/// `ZERO` and `ONE` are associated constants (through `num_traits`' `ConstZero` and
/// `ConstOne`), which is what lets [`Matrix::zeros`](crate::Matrix::zeros) and
/// [`Matrix::identity`](crate::Matrix::identity) be `const fn`.
///
/// The trait is sealed: the crate's guarantees (exact integer arithmetic, IEEE floats) are
/// stated for these types only.
///
/// # Example
/// ```
/// use statrix::Scalar;
///
/// fn sum_all<T: Scalar>(xs: &[T]) -> T {
///     xs.iter().fold(T::ZERO, |acc, &x| acc + x)
/// }
/// assert_eq!(sum_all(&[1, 2, 3]), 6);
/// assert_eq!(sum_all(&[0.5, 0.25]), 0.75);
/// ```
pub trait Scalar:
    Copy
    + PartialEq
    + PartialOrd
    + Debug
    + Default
    + Num
    + NumAssign
    + ConstZero
    + ConstOne
    + Sum
    + Product
    + approx::AbsDiffEq<Epsilon = Self>
    + Send
    + Sync
    + 'static
    + sealed::Sealed
{
}

/// A real floating-point scalar: `f32` or `f64`.
///
/// Decompositions, statistics, norms and activations require it. The maths functions come
/// from `num_traits::Float` (`sqrt`, `exp`, `abs`, ...), routed to `std` or to `libm`.
///
/// # Example
/// ```
/// use statrix::Real;
///
/// fn hypot_naive<T: Real>(a: T, b: T) -> T {
///     (a * a + b * b).sqrt()
/// }
/// assert_eq!(hypot_naive(3.0f32, 4.0), 5.0);
/// ```
pub trait Real: Scalar + Float + approx::RelativeEq + approx::UlpsEq {
    /// Blue's scaling constants for an overflow- and underflow-safe sum of squares, as in
    /// LAPACK's `dnrm2`/`snrm2` (Anderson 2017): `[t_small, t_big, s_small, s_big]`, all
    /// powers of two so that scaling is exact. Squares of values in `[t_small, t_big]`
    /// neither overflow nor underflow; values outside are scaled by `s_small` / `s_big`.
    #[doc(hidden)]
    const BLUE_SCALING: [Self; 4];

    /// `2`, exactly (the crate's algorithms write `T::TWO`, not `T::ONE + T::ONE`).
    #[doc(hidden)]
    const TWO: Self;

    /// `1/2`, exactly.
    #[doc(hidden)]
    const HALF: Self;

    /// The error function `erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt`, from the `libm`
    /// crate on every platform (neither `core` nor `std` has it), so results are the same
    /// with and without `std`. SciPy: `scipy.special.erf`.
    ///
    /// # Example
    /// ```
    /// use statrix::Real;
    /// assert_eq!(Real::erf(0.0f64), 0.0);
    /// assert!((Real::erf(1.0f64) - 0.8427007929497149).abs() <= 2.0 * f64::EPSILON);
    /// ```
    fn erf(self) -> Self;

    /// The complementary error function `erfc(x) = 1 - erf(x)`, accurate where `1 - erf(x)`
    /// would cancel (large positive `x`); from `libm` on every platform. SciPy:
    /// `scipy.special.erfc`.
    ///
    /// # Example
    /// ```
    /// use statrix::Real;
    /// // 1 - erf(10) rounds to 0; erfc keeps the value.
    /// assert!(Real::erfc(10.0f64) > 0.0 && Real::erfc(10.0f64) < 3e-45);
    /// ```
    fn erfc(self) -> Self;

    /// `sqrt(self^2 + other^2)` without overflow or underflow in between, computed in the
    /// type's own precision. f64: [`Float::hypot`]. f32: LAPACK `slapy2`'s
    /// `w sqrt(1 + (z / w)^2)` with `w = max(|x|, |y|)`, `z = min(|x|, |y|)` (within 2 ulps),
    /// because `libm`'s `hypotf` computes in f64, which on a single-precision FPU such as the
    /// Cortex-M4F's links a software double-precision library (about 2 KB of flash) and is
    /// slow. NaN if either is NaN, `inf` if either is infinite and the other is not NaN.
    #[doc(hidden)]
    fn hypot_robust(self, other: Self) -> Self;

    /// The square root, correctly rounded, as [`Float::sqrt`]; what the crate's algorithms
    /// call. On hard-float 32-bit Arm cores (Cortex-M4F and up), `f32`'s is the FPU's
    /// `vsqrt.f32` instruction, where [`Float::sqrt`] without `std` is `libm`'s software
    /// routine (the same bits, 480 bytes of flash and many cycles more). NaN for negative
    /// input. NumPy: `np.sqrt(x)`.
    ///
    /// # Example
    /// ```
    /// use statrix::Real;
    /// assert_eq!(Real::square_root(2.25f32), 1.5);
    /// assert!(Real::square_root(-1.0f64).is_nan());
    /// ```
    fn square_root(self) -> Self;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! impl_scalar {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Scalar for $t {}
    )*};
}

impl_scalar!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

/// `2^e` as an f32 (normal range only).
const fn pow2_f32(e: i32) -> f32 {
    f32::from_bits(((127 + e) as u32) << 23)
}

/// `2^e` as an f64 (normal range only).
const fn pow2_f64(e: i32) -> f64 {
    f64::from_bits(((1023 + e) as u64) << 52)
}

impl Real for f32 {
    // minexp = -125, maxexp = 128, digits = 24.
    const BLUE_SCALING: [f32; 4] = [pow2_f32(-63), pow2_f32(52), pow2_f32(75), pow2_f32(-76)];
    const TWO: f32 = 2.0;
    const HALF: f32 = 0.5;

    fn erf(self) -> f32 {
        libm::erff(self)
    }

    fn erfc(self) -> f32 {
        libm::erfcf(self)
    }

    #[inline(always)]
    fn square_root(self) -> f32 {
        #[cfg(all(target_arch = "arm", target_abi = "eabihf", not(statrix_scalar_math)))]
        {
            crate::simd::arm::sqrt_f32(self)
        }
        #[cfg(not(all(target_arch = "arm", target_abi = "eabihf", not(statrix_scalar_math))))]
        {
            Float::sqrt(self)
        }
    }

    fn hypot_robust(self, other: f32) -> f32 {
        let (x, y) = (self.abs(), other.abs());
        if x.is_nan() || y.is_nan() {
            return f32::NAN;
        }
        let (w, z) = if x >= y { (x, y) } else { (y, x) };
        if z == 0.0 || w > f32::MAX {
            return w;
        }
        let ratio = z / w;
        w * (1.0 + ratio * ratio).square_root()
    }
}

impl Real for f64 {
    // minexp = -1021, maxexp = 1024, digits = 53.
    const BLUE_SCALING: [f64; 4] = [pow2_f64(-511), pow2_f64(486), pow2_f64(537), pow2_f64(-538)];
    const TWO: f64 = 2.0;
    const HALF: f64 = 0.5;

    fn erf(self) -> f64 {
        libm::erf(self)
    }

    fn erfc(self) -> f64 {
        libm::erfc(self)
    }

    #[inline(always)]
    fn square_root(self) -> f64 {
        Float::sqrt(self)
    }

    fn hypot_robust(self, other: f64) -> f64 {
        Float::hypot(self, other)
    }
}

#[cfg(test)]
mod tests {
    use super::Real;

    /// The distance in f32 ulps between `got` and the f32 rounding of `exact`.
    fn ulps(got: f32, exact: f64) -> u32 {
        (got.to_bits() as i64 - (exact as f32).to_bits() as i64).unsigned_abs() as u32
    }

    #[test]
    fn f32_hypot_in_single_precision_is_within_two_ulps() {
        // slapy2's w sqrt(1 + (z / w)^2): the quotient, the square, the sum, the root and
        // the product each round once (a relative error below 5 u / 2 with u = eps / 2),
        // so the result is within 2 ulps of the exact value (computed in f64, where the
        // inputs' squares are exact).
        let mut state = 0x2545_f491u32;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let x = f32::from_bits(state & 0x7f7f_ffff) * if state & 1 == 0 { 1.0 } else { -1.0 };
            let y = f32::from_bits(state.rotate_left(11) & 0x3fff_ffff);
            let exact = (f64::from(x)).hypot(f64::from(y));
            if exact < f64::from(f32::MAX) {
                assert!(ulps(x.hypot_robust(y), exact) <= 2, "hypot({x:e}, {y:e})");
            }
        }
        // No overflow or underflow in between; the special values as hypot's.
        assert_eq!(3e37f32.hypot_robust(4e37), 5e37);
        assert!(ulps(3e-42f32.hypot_robust(4e-42), 5e-42) <= 1);
        assert_eq!(f32::INFINITY.hypot_robust(1.0), f32::INFINITY);
        assert_eq!(0.0f32.hypot_robust(-2.0), 2.0);
        assert!(f32::NAN.hypot_robust(1.0).is_nan());
    }
}
