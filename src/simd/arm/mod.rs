//! 32-bit Arm with a hardware floating-point unit (`-eabihf` targets: Cortex-M4F, M7, M33...):
//! the single-precision square root as the FPU's `vsqrt.f32` instruction, one instruction
//! where `libm`'s `sqrtf` is a 224-byte software routine with a 256-byte table (`core` has no
//! `f32::sqrt` on stable Rust, so without this every `f32` square root on such a core is that
//! call). `vsqrt.f32` is IEEE 754's correctly rounded square root, as `libm`'s `sqrtf` is, so
//! the results are the same bits (NaN for negative input, `-0.0` for `-0.0`); the `no_std`
//! demo's checks run it under QEMU.
//!
//! Stable Rust exposes no Arm `target_feature` for the FPU, so the gate is the
//! `target_abi = "eabihf"` of the hard-float targets. The operand goes through a core
//! register: the `sreg` register class needs the `vfp2` feature, which the single-precision
//! `thumbv7em-none-eabihf` does not claim.

/// `sqrt(x)` by `vsqrt.f32`.
#[inline(always)]
pub(crate) fn sqrt_f32(x: f32) -> f32 {
    let bits: u32;
    // SAFETY: moves `x` into `s0`, takes its square root there and moves the result out;
    // touches no memory and no stack, and declares `s0` clobbered. Every `-eabihf` Arm
    // target has an FPU with `vsqrt.f32` (VFPv2 and later).
    unsafe {
        core::arch::asm!(
            "vmov s0, {x}",
            "vsqrt.f32 s0, s0",
            "vmov {r}, s0",
            x = in(reg) x.to_bits(),
            r = lateout(reg) bits,
            out("s0") _,
            options(pure, nomem, nostack),
        );
    }
    f32::from_bits(bits)
}
