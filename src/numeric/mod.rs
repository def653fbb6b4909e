//! The robust floating-point kernels every algorithm shares, each in one place: exact
//! power-of-two scaling, the overflow-safe Euclidean norm, the finiteness checks, the
//! rescaled product and compensated summation. A fix to one of them is made here, once.

mod compensated;
mod finite;
mod norm;
mod product;
mod scaling;

pub(crate) use compensated::CompensatedSum;
pub(crate) use finite::{all_finite, finite_max_abs, finite_or_overflow, max_abs};
pub(crate) use norm::{norm, norm_scaled, sum_of_squares_is_safe};
#[cfg(test)]
pub(crate) use product::rescaled_product;
pub(crate) use product::{plain_product, scaled_product};
pub(crate) use scaling::{
    Pow2Scale, exponent, normalized, normalized_columns, pow2, prescale_exponent,
    prescale_exponent_to_edge, rescaled_or_overflow, solve_with_normalized_rhs, times_pow2,
    unit_exponent,
};
