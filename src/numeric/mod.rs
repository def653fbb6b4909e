//! The robust floating-point kernels every algorithm shares, each in one place: compensated
//! summation (and, as they move here, exact power-of-two scaling, the overflow-safe norm and
//! the finiteness checks).

mod compensated;

pub(crate) use compensated::CompensatedSum;
