//! proptest strategies used by more than one test file.

use std::ops::Range;

use proptest::prelude::*;

/// `len` arbitrary f64 elements, heavy in the special values: one third from `special`, one
/// third any f64 at all, one third from `ordinary`.
pub fn wild_from(
    special: &'static [f64],
    ordinary: Range<f64>,
    len: usize,
) -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(special),
            proptest::num::f64::ANY,
            ordinary
        ],
        len,
    )
}

/// `len` arbitrary f64 elements (see [`wild_from`]), the special ones both zeros, one,
/// `±MAX`, `MIN_POSITIVE`, the smallest subnormal, NaN, both infinities, `1e300` and
/// `-1e-300`, the ordinary ones in `[-1, 1)`.
pub fn wild(len: usize) -> impl Strategy<Value = Vec<f64>> {
    const SPECIAL: &[f64] = &[
        0.0,
        -0.0,
        1.0,
        f64::MAX,
        -f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e300,
        -1e-300,
    ];
    wild_from(SPECIAL, -1.0..1.0, len)
}

/// Elements from a small pool, so that ties, NaNs, infinities and both zeros are common.
pub fn pooled_element() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (-3i32..=3).prop_map(f64::from),
        1 => Just(f64::NAN),
        1 => Just(-0.0),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        2 => -10.0f64..10.0,
    ]
}
