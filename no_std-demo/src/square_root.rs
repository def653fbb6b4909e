//! statrix's `f32` square root, `Real::square_root`, which every decomposition calls: on the
//! Cortex-M4F the FPU's `vsqrt.f32` (through `core::arch::asm!` in statrix's `simd` module),
//! elsewhere `libm`'s software `sqrtf`. Both are IEEE 754's correctly rounded square root, so
//! they must agree bit for bit: checked against `libm::sqrtf` on the special values and on
//! 20,000 bit patterns spread over the whole range (on the targets without the instruction
//! the two are the same code, and the check is a tautology).

use core::hint::black_box;

use statrix::Real;

use crate::{Check, check};

#[inline(never)]
pub fn run() -> Check {
    let same = |x: f32| {
        let (got, want) = (black_box(x).square_root(), libm::sqrtf(x));
        got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan())
    };
    let specials = [
        0.0f32,
        -0.0,
        1.0,
        4.0,
        2.0,
        f32::MAX,
        f32::MIN_POSITIVE,
        1e-45,
        f32::INFINITY,
        -1.0,
        f32::NAN,
    ];
    check(
        specials.iter().all(|&x| same(x)),
        "a special value differs from libm's sqrtf",
    )?;
    check(
        black_box(-0.0f32).square_root().to_bits() == (-0.0f32).to_bits(),
        "sqrt(-0) is not -0",
    )?;
    let mut state = 0x9e37_79b9u32;
    for _ in 0..20_000 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        // Non-negative bit patterns: subnormals, normals, infinity and NaNs.
        if !same(f32::from_bits(state >> 1)) {
            return Err("a square root differs from libm's sqrtf");
        }
    }
    Ok(())
}
