//! Standard normal values by NumPy's 256-layer ziggurat (Marsaglia and Tsang, "The ziggurat
//! method for generating random variables", J. Stat. Softw. 5(8), 2000, in the variant of
//! NumPy's `random_standard_normal` and `random_standard_normal_f`): one 64-bit (f64) or
//! 32-bit (f32) word per value 99% of the time, a rejection test with one `exp` in the
//! layers' wedges, and Marsaglia's exponential tail beyond `r = 3.654`.
//!
//! The tables are NumPy's ([`ziggurat_tables`](super::ziggurat_tables)); the maths is
//! `libm`'s `exp` and `log1p`/`log1pf` in every build.

use rand::Rng;

use crate::random::bits::{MAX_DRAWS, unit_f32, unit_f64};
use crate::random::ziggurat_tables::{FI_F32, FI_F64, KI_F32, KI_F64, WI_F32, WI_F64};

/// Where the tail starts (`ziggurat_nor_r`).
const R_F64: f64 = 3.654152885361009;
/// `1 / r` as NumPy writes it (`ziggurat_nor_inv_r`).
const INV_R_F64: f64 = 0.2736612373297583;
/// `r` in f32 (`ziggurat_nor_r_f`).
const R_F32: f32 = 3.654_152_9;
/// `1 / r` in f32 (`ziggurat_nor_inv_r_f`).
const INV_R_F32: f32 = 0.273_661_23;

/// How many rejections the ziggurat allows in a row before it returns the last candidate.
/// With a uniform bit source a draw is rejected with probability below 1.3%, so 128
/// rejections in a row have probability below `10^-240`: the bound changes no distribution
/// measurably, and only keeps a broken generator from looping forever.
const MAX_REJECTIONS: u32 = MAX_DRAWS;

/// A standard normal f64, NumPy's `random_standard_normal`: the low 8 bits of a word pick
/// the layer, the next bit the sign, the next 52 the position in the layer.
pub(crate) fn standard_normal_f64<G: Rng + ?Sized>(rng: &mut G) -> f64 {
    let mut x = 0.0;
    for _ in 0..MAX_REJECTIONS {
        let word = rng.next_u64();
        let idx = (word & 0xff) as usize;
        let word = word >> 8;
        let negative = word & 1 == 1;
        let rabs = (word >> 1) & 0x000f_ffff_ffff_ffff;
        // `rabs < 2^52` converts exactly.
        x = rabs as f64 * WI_F64[idx];
        if negative {
            x = -x;
        }
        if rabs < KI_F64[idx] {
            return x;
        }
        if idx == 0 {
            // The tail beyond r: Marsaglia's method with exponentials `-ln(1 - u)`.
            for _ in 0..MAX_REJECTIONS {
                let xx = -INV_R_F64 * libm::log1p(-unit_f64(rng));
                let yy = -libm::log1p(-unit_f64(rng));
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(R_F64 + xx)
                    } else {
                        R_F64 + xx
                    };
                }
            }
            return if negative { -R_F64 } else { R_F64 };
        }
        let below = FI_F64[idx - 1] - FI_F64[idx];
        if below * unit_f64(rng) + FI_F64[idx] < libm::exp(-0.5 * x * x) {
            return x;
        }
    }
    x
}

/// A standard normal f32, NumPy's `random_standard_normal_f` (`standard_normal(dtype=
/// np.float32)`): the same ziggurat on one 32-bit word, 8 bits of layer, a sign and 23 bits
/// of position, in f32 arithmetic except the wedge's `exp`, which C evaluates in f64.
pub(crate) fn standard_normal_f32<G: Rng + ?Sized>(rng: &mut G) -> f32 {
    let mut x = 0.0;
    for _ in 0..MAX_REJECTIONS {
        let word = rng.next_u32();
        let idx = (word & 0xff) as usize;
        let negative = (word >> 8) & 1 == 1;
        let rabs = (word >> 9) & 0x007f_ffff;
        // `rabs < 2^23` converts exactly.
        x = rabs as f32 * WI_F32[idx];
        if negative {
            x = -x;
        }
        if rabs < KI_F32[idx] {
            return x;
        }
        if idx == 0 {
            for _ in 0..MAX_REJECTIONS {
                let xx = -INV_R_F32 * libm::log1pf(-unit_f32(rng));
                let yy = -libm::log1pf(-unit_f32(rng));
                if yy + yy > xx * xx {
                    return if (rabs >> 8) & 1 == 1 {
                        -(R_F32 + xx)
                    } else {
                        R_F32 + xx
                    };
                }
            }
            return if negative { -R_F32 } else { R_F32 };
        }
        let below = FI_F32[idx - 1] - FI_F32[idx];
        let threshold = below * unit_f32(rng) + FI_F32[idx];
        let x64 = f64::from(x);
        if f64::from(threshold) < libm::exp(-0.5 * x64 * x64) {
            return x;
        }
    }
    x
}
