//! Properties of the statistics over random matrices of several shapes, f64 and f32:
//!
//! - the variance is never negative, including data with a large common offset (where a
//!   naive one-pass formula goes negative), and the covariance diagonal likewise;
//! - the variance of constant data is exactly 0 (the corrected two-pass algorithm cancels
//!   the mean's rounding error exactly: with `d = c - mean_hat` constant and a small multiple
//!   of a power of two, `sum d^2` and `(sum d)^2 / n` are both exactly `n d^2`);
//! - the mean is shift-equivariant within the bound derived below;
//! - the correlation matrix has a unit diagonal within `(1 + u)^2 / (1 - u)^2 - 1` and entries
//!   in `[-1, 1]`;
//! - every quantile method is monotone in `q`.
//!
//! Bounds are those of `tests/support/stats_bounds.rs`.

mod support;

use proptest::prelude::*;
use statrix::{Matrix, QuantileMethod};
use support::stats_bounds::*;
use support::{Float, SLACK};

const METHODS: [QuantileMethod; 5] = [
    QuantileMethod::Linear,
    QuantileMethod::Lower,
    QuantileMethod::Higher,
    QuantileMethod::Nearest,
    QuantileMethod::Midpoint,
];

fn matrix_of<T: Float, const R: usize, const C: usize>(values: &[f64]) -> Matrix<T, R, C> {
    Matrix::from_fn(|i, j| T::round_from(values[i * C + j]))
}

/// `sum |x|` in f64 (for f64 data within a relative `gamma_{n-1}(f64) < 1e-13` of the exact
/// value, inside `SLACK`).
fn sum_abs<T: Float>(xs: impl Iterator<Item = T>) -> f64 {
    xs.map(|x| x.f64().abs()).sum()
}

/// Offset plus scaled noise: data whose variance is tiny against the mean, where the
/// correction term matters.
fn offset_data(n: usize, max_offset: f64) -> impl Strategy<Value = Vec<f64>> {
    (
        prop_oneof![Just(0.0), -max_offset..max_offset],
        -6i32..1,
        prop::collection::vec(-1.0f64..1.0, n),
    )
        .prop_map(|(offset, e, noise)| noise.iter().map(|z| offset + z * 10f64.powi(e)).collect())
}

/// A non-zero constant of magnitude `10^e`, `e` in `exponents`.
fn constant(exponents: std::ops::Range<i32>) -> impl Strategy<Value = f64> {
    (1.0f64..10.0, exponents, prop::bool::ANY).prop_map(|(m, e, neg)| {
        if neg {
            -m * 10f64.powi(e)
        } else {
            m * 10f64.powi(e)
        }
    })
}

fn check_variance_non_negative<T: Float, const R: usize, const C: usize>(values: &[f64]) {
    let a: Matrix<T, R, C> = matrix_of(values);
    // Only ddof < n: at ddof >= n the result is inf or NaN by design.
    for ddof in (0..2).filter(|&d| d < R * C) {
        let v = a.var(ddof);
        assert!(v >= T::ZERO, "var({ddof}) = {v:?}");
    }
    for ddof in (0..2).filter(|&d| d < R) {
        assert!(a.var_axis0(ddof).iter().all(|&v| v >= T::ZERO));
        let cov = a.cov_vars_in_cols(ddof);
        assert!((0..C).all(|j| cov[(j, j)] >= T::ZERO), "cov diagonal");
    }
    for ddof in (0..2).filter(|&d| d < C) {
        assert!(a.var_axis1(ddof).iter().all(|&v| v >= T::ZERO));
        let cov = a.cov_vars_in_rows(ddof);
        assert!((0..R).all(|i| cov[(i, i)] >= T::ZERO), "cov diagonal");
    }
}

fn check_constant_variance_is_zero<T: Float, const R: usize, const C: usize>(c: f64) {
    let a = Matrix::<T, R, C>::from_fn(|_, _| T::round_from(c));
    for ddof in (0..2).filter(|&d| d < R * C) {
        assert_eq!(a.var(ddof), T::ZERO, "var of constant {c}");
        assert_eq!(a.std(ddof), T::ZERO);
    }
    for ddof in (0..2).filter(|&d| d < R) {
        assert!(a.var_axis0(ddof).iter().all(|&v| v == T::ZERO));
        assert!(a.cov_vars_in_cols(ddof).iter().all(|&v| v == T::ZERO));
    }
    for ddof in (0..2).filter(|&d| d < C) {
        assert!(a.var_axis1(ddof).iter().all(|&v| v == T::ZERO));
        assert!(a.cov_vars_in_rows(ddof).iter().all(|&v| v == T::ZERO));
    }
}

/// `|mean(x + c) - fl(mean(x) + c)|`: with `x'_i = fl(x_i + c)` the exact mean of `x'` is
/// within `u/(1-u) sum |x'| / n` of `mean(x) + c`; each computed mean is within its
/// [`mean_bound`] of its exact mean; the final `+ c` rounds once.
fn check_mean_shift<T: Float, const R: usize, const C: usize>(values: &[f64], shift: f64) {
    let u = T::U;
    let n = R * C;
    let a: Matrix<T, R, C> = matrix_of(values);
    let c = T::round_from(shift);
    let shifted = a.map(|x| x + c);
    let (m, m_shifted) = (a.mean(), shifted.mean());
    let expected = m + c;
    let (s, s_shifted) = (sum_abs(a.iter().copied()), sum_abs(shifted.iter().copied()));
    let nf = n as f64;
    let bound = (mean_bound(u, n, s_shifted / nf, s_shifted)
        + u / (1.0 - u) * s_shifted / nf
        + mean_bound(u, n, s / nf, s) * (1.0 + u)
        + u * expected.f64().abs())
        * SLACK;
    let error = (m_shifted.f64() - expected.f64()).abs();
    assert!(
        error <= bound,
        "mean(x + {shift}) - (mean(x) + {shift}) = {error:e} > {bound:e}"
    );
}

fn check_corrcoef<T: Float, const R: usize, const C: usize>(values: &[f64]) {
    let u = T::U;
    let a: Matrix<T, R, C> = matrix_of(values);
    let diagonal_bound = (1.0 + u).powi(2) / (1.0 - u).powi(2) - 1.0;
    let check = |r: &[T], k: usize, variances: &[T]| {
        for i in 0..k {
            for j in 0..k {
                let x = r[i * k + j];
                // A constant variable, or a single observation (variance 0/0), gives NaN.
                let degenerate = |v: T| v == T::ZERO || v.is_nan();
                if degenerate(variances[i]) || degenerate(variances[j]) {
                    assert!(x.is_nan(), "constant variable gives NaN");
                    continue;
                }
                assert!((-T::ONE..=T::ONE).contains(&x), "corrcoef entry {x:?}");
                if i == j {
                    assert!((x.f64() - 1.0).abs() <= diagonal_bound, "diagonal {x:?}");
                }
            }
        }
    };
    check(
        a.corrcoef_vars_in_cols().as_slice(),
        C,
        a.var_axis0(1).as_slice(),
    );
    check(
        a.corrcoef_vars_in_rows().as_slice(),
        R,
        a.var_axis1(1).as_slice(),
    );
}

fn check_monotone<T: Float, const R: usize, const C: usize>(values: &[f64], mut qs: Vec<f64>) {
    qs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let a: Matrix<T, R, C> = matrix_of(values);
    for method in METHODS {
        let mut previous = T::neg_infinity();
        for &q in &qs {
            let x = a.quantile(T::round_from(q), method).unwrap();
            assert!(
                x >= previous,
                "{method:?}: quantile({q}) = {x:?} < {previous:?}"
            );
            previous = x;
        }
        let mut previous = a.quantile_axis0(T::ZERO, method).unwrap();
        for &q in &qs {
            let x = a.quantile_axis0(T::round_from(q), method).unwrap();
            assert!(
                x.iter().zip(previous.iter()).all(|(x, p)| x >= p),
                "{method:?} axis0"
            );
            previous = x;
        }
    }
}

macro_rules! properties {
    ($($name:ident: $t:ty, $r:literal, $c:literal, $offset:expr, $exponents:expr;)*) => {$(
        mod $name {
            use super::*;

            proptest! {
                #![proptest_config(ProptestConfig::with_cases(48))]

                #[test]
                fn variance_is_never_negative(values in offset_data($r * $c, $offset)) {
                    check_variance_non_negative::<$t, $r, $c>(&values);
                }

                #[test]
                fn variance_of_a_constant_is_zero(c in constant($exponents)) {
                    check_constant_variance_is_zero::<$t, $r, $c>(c);
                }

                #[test]
                fn mean_is_shift_equivariant(
                    values in prop::collection::vec(-1e3f64..1e3, $r * $c),
                    shift in -1e6f64..1e6,
                ) {
                    check_mean_shift::<$t, $r, $c>(&values, shift);
                }

                #[test]
                fn corrcoef_has_unit_diagonal_and_bounded_entries(
                    values in prop_oneof![
                        prop::collection::vec(-1e3f64..1e3, $r * $c),
                        offset_data($r * $c, $offset),
                        prop::collection::vec((-3i32..4).prop_map(f64::from), $r * $c),
                    ],
                ) {
                    check_corrcoef::<$t, $r, $c>(&values);
                }

                #[test]
                fn quantiles_are_monotone_in_q(
                    values in prop_oneof![
                        prop::collection::vec(-1e3f64..1e3, $r * $c),
                        prop::collection::vec((-3i32..4).prop_map(f64::from), $r * $c),
                        offset_data($r * $c, $offset),
                    ],
                    qs in prop::collection::vec(0.0f64..=1.0, 1..12),
                ) {
                    check_monotone::<$t, $r, $c>(&values, qs);
                }
            }
        }
    )*};
}

properties! {
    f64_3x4: f64, 3, 4, 1e9, -100..100;
    f64_5x7: f64, 5, 7, 1e9, -100..100;
    f64_16x8: f64, 16, 8, 1e9, -100..100;
    f64_1x6: f64, 1, 6, 1e9, -100..100;
    f32_3x4: f32, 3, 4, 1e4, -5..12;
    f32_5x7: f32, 5, 7, 1e4, -5..12;
    f32_9x1: f32, 9, 1, 1e4, -5..12;
}
