//! Properties of the reductions over random matrices: integer identities (`cumsum`'s last
//! element is the sum, per-axis sums add up, products), `checked_sum`/`checked_prod` against
//! exact i128 arithmetic, comparison masks against Rust's operators and their `all`/`any`/
//! `count_true`, `argmin`/`argmax` as first occurrences with NaN first; the seed's values and
//! NumPy's conventions for empty matrices, zeros and infinities. NumPy fixtures are in
//! `tests/reduce.rs`, sorting in `tests/sort.rs`.

mod support;

use proptest::prelude::*;
use statrix::Matrix;
use support::{pooled_element, same_bits as same_f64};

fn integer_identities<const R: usize, const C: usize>(xs: &[i64]) {
    let a: Matrix<i64, R, C> = Matrix::from_fn(|i, j| xs[i * C + j]);
    let exact: i64 = xs.iter().sum();
    assert_eq!(a.sum(), exact);
    assert_eq!(a.cumsum()[R * C - 1], a.sum(), "cumsum's last is the sum");
    for i in 0..R {
        assert_eq!(a.cumsum_axis1()[(i, C - 1)], a.sum_axis1()[i]);
        assert_eq!(a.cumprod_axis1()[(i, C - 1)], a.prod_axis1()[i]);
    }
    for j in 0..C {
        assert_eq!(a.cumsum_axis0()[(R - 1, j)], a.sum_axis0()[j]);
        assert_eq!(a.cumprod_axis0()[(R - 1, j)], a.prod_axis0()[j]);
    }
    assert_eq!(a.sum_axis0().sum(), exact);
    assert_eq!(a.sum_axis1().sum(), exact);
    assert_eq!(a.cumprod()[R * C - 1], a.prod());
    assert_eq!(a.prod(), xs.iter().product::<i64>());
    assert_eq!(a.checked_sum(), Some(exact));
    assert_eq!(a.checked_prod(), Some(a.prod()));
}

/// `checked_sum`/`checked_prod` of i8 elements against the exact i128 results.
fn checked_against_exact<const R: usize, const C: usize>(xs: &[i8]) {
    let a: Matrix<i8, R, C> = Matrix::from_fn(|i, j| xs[i * C + j]);
    let sum: i128 = xs.iter().map(|&x| i128::from(x)).sum();
    assert_eq!(
        a.checked_sum(),
        i8::try_from(sum).ok(),
        "checked_sum of {xs:?}"
    );
    // A zero factor makes the product 0; without one, every factor has magnitude >= 1, so
    // a product beyond i128 is far outside i8.
    let expected = if xs.contains(&0) {
        Some(0)
    } else {
        let prod = xs
            .iter()
            .try_fold(1i128, |p, &x| p.checked_mul(i128::from(x)));
        prod.and_then(|p| i8::try_from(p).ok())
    };
    assert_eq!(a.checked_prod(), expected, "checked_prod of {xs:?}");
    let unsigned: Matrix<u8, R, C> = a.map(|x| x as u8);
    let usum: u128 = unsigned.iter().map(|&x| u128::from(x)).sum();
    assert_eq!(unsigned.checked_sum(), u8::try_from(usum).ok());
    let uprod = if unsigned.iter().any(|&x| x == 0) {
        Some(0)
    } else {
        let p = unsigned
            .iter()
            .try_fold(1u128, |p, &x| p.checked_mul(u128::from(x)));
        p.and_then(|p| u8::try_from(p).ok())
    };
    assert_eq!(unsigned.checked_prod(), uprod);
}

fn comparisons_and_masks<const R: usize, const C: usize>(xs: &[f64], ys: &[f64], s: f64) {
    let a: Matrix<f64, R, C> = Matrix::from_fn(|i, j| xs[i * C + j]);
    let b: Matrix<f64, R, C> = Matrix::from_fn(|i, j| ys[i * C + j]);
    let masks = [
        (
            a.eq_elementwise(&b),
            a.eq_scalar(s),
            (|x, y| x == y) as fn(f64, f64) -> bool,
        ),
        (a.ne_elementwise(&b), a.ne_scalar(s), |x, y| x != y),
        (a.lt_elementwise(&b), a.lt_scalar(s), |x, y| x < y),
        (a.le_elementwise(&b), a.le_scalar(s), |x, y| x <= y),
        (a.gt_elementwise(&b), a.gt_scalar(s), |x, y| x > y),
        (a.ge_elementwise(&b), a.ge_scalar(s), |x, y| x >= y),
    ];
    for (with_matrix, with_scalar, op) in masks {
        for i in 0..R {
            for j in 0..C {
                assert_eq!(with_matrix[(i, j)], op(a[(i, j)], b[(i, j)]));
                assert_eq!(with_scalar[(i, j)], op(a[(i, j)], s));
            }
        }
        let m = with_matrix;
        let count = m.iter().filter(|&&x| x).count();
        assert_eq!(m.count_true(), count);
        assert_eq!(m.all(), count == R * C);
        assert_eq!(m.any(), count > 0);
        let (count0, count1) = (m.count_true_axis0(), m.count_true_axis1());
        assert_eq!(count0.iter().sum::<usize>(), count);
        assert_eq!(count1.iter().sum::<usize>(), count);
        assert_eq!(m.all_axis0(), count0.map(|n| n == R));
        assert_eq!(m.any_axis0(), count0.map(|n| n > 0));
        assert_eq!(m.all_axis1(), count1.map(|n| n == C));
        assert_eq!(m.any_axis1(), count1.map(|n| n > 0));
    }
}

/// `argmin`/`argmax`: the first NaN if any, else the first element no other beats.
fn extrema_are_first_occurrences<const R: usize, const C: usize>(xs: &[f64]) {
    let a: Matrix<f64, R, C> = Matrix::from_fn(|i, j| xs[i * C + j]);
    let expected = |better: fn(f64, f64) -> bool| -> usize {
        if let Some(k) = xs.iter().position(|x| x.is_nan()) {
            return k;
        }
        (0..xs.len())
            .find(|&k| xs.iter().all(|&y| !better(y, xs[k])))
            .expect("an extreme")
    };
    assert_eq!(a.argmin(), expected(|y, x| y < x));
    assert_eq!(a.argmax(), expected(|y, x| y > x));
    assert!(same_f64(a.min(), a[a.argmin()]) && same_f64(a.max(), a[a.argmax()]));
    let (argmin0, max0) = (a.argmin_axis0(), a.max_axis0());
    for j in 0..C {
        let c: Matrix<f64, R, 1> = a.col(j);
        assert_eq!(argmin0[j], c.argmin());
        assert!(same_f64(max0[j], c.max()));
    }
    let (argmax1, min1) = (a.argmax_axis1(), a.min_axis1());
    for i in 0..R {
        let r: Matrix<f64, 1, C> = a.row(i);
        assert_eq!(argmax1[i], r.argmax());
        assert!(same_f64(min1[i], r.min()));
    }
}

macro_rules! properties {
    ($($name:ident => ($r:literal, $c:literal)),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(48))]
                #[test]
                fn integer_identities_hold(xs in proptest::collection::vec(-3i64..=3, $r * $c)) {
                    integer_identities::<$r, $c>(&xs);
                }
                #[test]
                fn checked_forms_are_exact(xs in proptest::collection::vec(any::<i8>(), $r * $c)) {
                    checked_against_exact::<$r, $c>(&xs);
                }
                #[test]
                fn checked_forms_near_the_edge(
                    xs in proptest::collection::vec(
                        prop_oneof![Just(i8::MIN), Just(i8::MAX), -2i8..=2], $r * $c)
                ) {
                    checked_against_exact::<$r, $c>(&xs);
                }
                #[test]
                fn comparisons_match_the_operators(
                    xs in proptest::collection::vec(pooled_element(), $r * $c),
                    ys in proptest::collection::vec(pooled_element(), $r * $c),
                    s in pooled_element(),
                ) {
                    comparisons_and_masks::<$r, $c>(&xs, &ys, s);
                }
                #[test]
                fn extrema_are_first(xs in proptest::collection::vec(pooled_element(), $r * $c)) {
                    extrema_are_first_occurrences::<$r, $c>(&xs);
                }
            }
        }
    )*};
}

properties!(
    p1x1 => (1, 1), p1x9 => (1, 9), p9x1 => (9, 1), p3x4 => (3, 4), p5x7 => (5, 7),
    p12x20 => (12, 20)
);

// --- the seed and documented behaviours ---------------------------------------------------

#[test]
fn seed_aggregations_are_numpys() {
    use statrix::vector;
    let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    assert_eq!(arr.sum(), 39);
    assert_eq!(arr.cumsum(), vector![3, 4, 8, 9, 14, 23, 25, 31, 36, 39]);
    assert_eq!(arr.prod(), 97200);
    assert_eq!(
        arr.cumprod(),
        vector![3, 3, 12, 12, 60, 540, 1080, 6480, 32400, 97200]
    );
    assert_eq!(arr.argmax(), 5);
    assert_eq!(arr.argmin(), 1);
    let flags = vector![true, false, true, true, false];
    assert!(!flags.all());
    assert!(flags.any());
    assert_eq!(flags.count_true(), 3);
}

#[test]
fn empty_reductions_are_numpys_identities() {
    // np.sum(np.zeros((0, 3))) == 0.0, np.prod(..) == 1.0, np.all(..) is True, np.any False.
    let empty = Matrix::<f64, 0, 3>::zeros();
    assert_eq!(empty.sum(), 0.0);
    assert_eq!(empty.prod(), 1.0);
    assert_eq!(empty.sum_axis0(), Matrix::new([[0.0; 3]]));
    assert_eq!(empty.prod_axis0(), Matrix::new([[1.0; 3]]));
    assert_eq!(empty.sum_axis1().shape(), (0, 1));
    let no_flags = Matrix::<bool, 3, 0>::from_fn(|_, _| false);
    assert!(no_flags.all() && !no_flags.any() && no_flags.count_true() == 0);
    assert_eq!(no_flags.all_axis1(), Matrix::new([[true]; 3]));
    assert_eq!(Matrix::<i32, 0, 2>::zeros().checked_sum(), Some(0));
    assert_eq!(Matrix::<i32, 0, 2>::zeros().checked_prod(), Some(1));
}

#[test]
fn float_sums_of_zeros_and_infinities() {
    // np.sum of negative zeros is +0.0: the reduction starts from the identity 0.0.
    let zeros = Matrix::<f64, 3, 4>::full(-0.0);
    assert_eq!(zeros.sum().to_bits(), 0.0f64.to_bits());
    assert_eq!(zeros.prod().to_bits(), 0.0f64.to_bits()); // 1 * (-0)^12 = +0
    assert_eq!(zeros.cumsum()[0].to_bits(), (-0.0f64).to_bits()); // NumPy copies the first
    let inf = Matrix::new([[f64::INFINITY, 1.0, f64::NEG_INFINITY]]);
    assert!(inf.sum().is_nan());
    assert_eq!(
        inf.sum_axis0().as_slice(),
        &[f64::INFINITY, 1.0, f64::NEG_INFINITY]
    );
}
