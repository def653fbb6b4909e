//! Properties of `sort`, `argsort` (flat, per row, per column, descending) and `unique` over
//! random matrices with many ties, NaNs, infinities and signed zeros; the seed's values and
//! NumPy's documented conventions. NumPy references are in `tests/reduce.rs`.

mod support;

use std::cmp::Ordering;

use proptest::prelude::*;
use statrix::{Matrix, matrix, vector};
use support::{mat, pooled_element, same_bits as same_f64};

/// NumPy's sort order: NaN last, `-0.0 == 0.0`.
fn numpy_order(a: f64, b: f64) -> Ordering {
    a.partial_cmp(&b)
        .unwrap_or_else(|| a.is_nan().cmp(&b.is_nan()))
}

/// `indices` is a permutation of `0..values.len()` that sorts `values` under `order`,
/// stably (equal values in increasing index order); `sorted` holds the values it picks.
fn assert_stable_sort(
    values: &[f64],
    indices: &[usize],
    sorted: &[f64],
    order: fn(f64, f64) -> Ordering,
) {
    let mut seen = vec![false; values.len()];
    for &k in indices {
        assert!(
            k < values.len() && !seen[k],
            "not a permutation: {indices:?}"
        );
        seen[k] = true;
    }
    for (&k, &s) in indices.iter().zip(sorted) {
        assert!(same_f64(values[k], s), "sort is not the values at argsort");
    }
    for pair in indices.windows(2) {
        let (p, q) = (pair[0], pair[1]);
        match order(values[p], values[q]) {
            Ordering::Less => {}
            Ordering::Equal => assert!(p < q, "ties out of order: {indices:?} for {values:?}"),
            Ordering::Greater => panic!("not sorted: {indices:?} for {values:?}"),
        }
    }
}

fn check_sorts<const R: usize, const C: usize>(xs: &[f64]) {
    let a: Matrix<f64, R, C> = mat(xs);
    let flat = a.as_slice();
    assert_stable_sort(
        flat,
        a.argsort().as_slice(),
        a.sort().as_slice(),
        numpy_order,
    );
    let descending = |x: f64, y: f64| match (x.is_nan(), y.is_nan()) {
        (false, false) => numpy_order(y, x),
        (p, q) => p.cmp(&q),
    };
    assert_stable_sort(
        flat,
        a.argsort_descending().as_slice(),
        a.sort_descending().as_slice(),
        descending,
    );
    let (by_row, row_order) = (a.sort_axis1(), a.argsort_axis1());
    for i in 0..R {
        let row: Vec<f64> = (0..C).map(|j| a[(i, j)]).collect();
        let order: Vec<usize> = (0..C).map(|j| row_order[(i, j)]).collect();
        let sorted: Vec<f64> = (0..C).map(|j| by_row[(i, j)]).collect();
        assert_stable_sort(&row, &order, &sorted, numpy_order);
    }
    let (by_col, col_order) = (a.sort_axis0(), a.argsort_axis0());
    for j in 0..C {
        let col: Vec<f64> = (0..R).map(|i| a[(i, j)]).collect();
        let order: Vec<usize> = (0..R).map(|i| col_order[(i, j)]).collect();
        let sorted: Vec<f64> = (0..R).map(|i| by_col[(i, j)]).collect();
        assert_stable_sort(&col, &order, &sorted, numpy_order);
    }
}

fn check_unique<const R: usize, const C: usize>(xs: &[f64]) {
    let a: Matrix<f64, R, C> = mat(xs);
    let unique = a.unique();
    let (values, counts) = (unique.values(), unique.counts());
    assert_eq!(values.len(), counts.len());
    assert_eq!(unique.len(), values.len());
    assert_eq!(
        counts.iter().sum::<usize>(),
        R * C,
        "counts do not add up to R * C"
    );
    for pair in values.windows(2) {
        assert_eq!(
            numpy_order(pair[0], pair[1]),
            Ordering::Less,
            "not strictly ascending"
        );
    }
    for (&v, &count) in values.iter().zip(counts) {
        let equal = a
            .iter()
            .filter(|&&x| numpy_order(x, v) == Ordering::Equal)
            .count();
        assert_eq!(count, equal, "count of {v}");
        let first = a.iter().find(|&&x| numpy_order(x, v) == Ordering::Equal);
        assert!(
            same_f64(*first.expect("present"), v),
            "kept {v}, not the first occurrence"
        );
    }
    assert_eq!(unique.iter().len(), values.len());
    for ((v, count), (&w, &n)) in unique.iter().zip(values.iter().zip(counts)) {
        assert!(
            same_f64(v, w) && count == n,
            "iter() disagrees with values()/counts()"
        );
    }
}

fn check_int_sorts<const R: usize, const C: usize>(xs: &[i32]) {
    let a: Matrix<i32, R, C> = Matrix::from_fn(|i, j| xs[i * C + j]);
    let mut expected = xs.to_vec();
    expected.sort(); // std's stable sort
    assert_eq!(a.sort().as_slice(), expected.as_slice());
    let mut expected_indices: Vec<usize> = (0..xs.len()).collect();
    expected_indices.sort_by_key(|&k| xs[k]); // stable
    assert_eq!(a.argsort().as_slice(), expected_indices.as_slice());
    let mut descending: Vec<usize> = (0..xs.len()).collect();
    descending.sort_by_key(|&k| std::cmp::Reverse(xs[k]));
    assert_eq!(a.argsort_descending().as_slice(), descending.as_slice());
    let unique = a.unique();
    let mut distinct = expected.clone();
    distinct.dedup();
    assert_eq!(unique.values(), distinct.as_slice());
}

macro_rules! properties {
    ($($name:ident => ($r:literal, $c:literal)),*) => {$(
        mod $name {
            use super::*;
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(48))]
                #[test]
                fn sorts_are_stable_permutations(
                    xs in proptest::collection::vec(pooled_element(), $r * $c)
                ) {
                    check_sorts::<$r, $c>(&xs);
                }
                #[test]
                fn unique_counts_every_element(
                    xs in proptest::collection::vec(pooled_element(), $r * $c)
                ) {
                    check_unique::<$r, $c>(&xs);
                }
                #[test]
                fn integer_sorts_match_std(
                    xs in proptest::collection::vec(-5i32..5, $r * $c)
                ) {
                    check_int_sorts::<$r, $c>(&xs);
                }
            }
        }
    )*};
}

properties!(s1x1 => (1, 1), s1x9 => (1, 9), s9x1 => (9, 1), s3x4 => (3, 4), s5x7 => (5, 7));

#[test]
fn seed_sort_and_argsort_are_numpys() {
    let arr = vector![3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    assert_eq!(arr.sort(), vector![1, 1, 2, 3, 3, 4, 5, 5, 6, 9]); // np.sort(arr)
    // np.argsort(arr, kind='stable'); the default kind prints [1 3 6 0 9 2 8 4 7 5] on
    // NumPy 2.4 x86-64, an unstable order of the two 5s.
    assert_eq!(arr.argsort(), vector![1, 3, 6, 0, 9, 2, 4, 8, 7, 5]);
    let unique = arr.unique();
    let pairs: Vec<(i32, usize)> = unique.iter().collect();
    // dict(zip(*np.unique(arr, return_counts=True)))
    assert_eq!(
        pairs,
        [(1, 2), (2, 1), (3, 2), (4, 1), (5, 2), (6, 1), (9, 1)]
    );
}

#[test]
fn descending_argsort_is_stable_unlike_reversal() {
    let scores = vector![85.0, 92.0, f64::NAN, 78.0, 92.0];
    // np.argsort(-scores, kind='stable'): ties in index order, NaN last.
    assert_eq!(scores.argsort_descending(), vector![1, 4, 0, 3, 2]);
    // np.argsort(scores, kind='stable')[::-1] is [2, 4, 1, 0, 3]: NaN first, ties reversed.
    let reversed: Vec<usize> = scores.argsort().iter().rev().copied().collect();
    assert_eq!(reversed, [2, 4, 1, 0, 3]);
}

#[test]
fn nan_and_signed_zero_order() {
    let a = matrix![f64::NAN, 0.0, -0.0, f64::NEG_INFINITY; 1.0, f64::NAN, 0.0, -0.0];
    let sorted = a.sort();
    let bits: Vec<u64> = sorted.iter().take(6).map(|x| x.to_bits()).collect();
    let expected = [f64::NEG_INFINITY, 0.0, -0.0, 0.0, -0.0, 1.0].map(f64::to_bits);
    assert_eq!(bits, expected, "zeros keep their order; NaNs last");
    assert!(sorted[6].is_nan() && sorted[7].is_nan());
    assert_eq!(a.argsort(), matrix![3, 1, 2, 6; 7, 4, 0, 5]);
    let unique = a.unique();
    assert_eq!(unique.counts(), &[1, 4, 1, 2]);
    assert_eq!(
        unique.values()[1].to_bits(),
        0.0f64.to_bits(),
        "first zero is +0.0"
    );
    assert!(unique.values()[3].is_nan());
}

#[test]
fn empty_matrices_sort_and_have_no_unique_values() {
    let empty = Matrix::<f64, 0, 3>::zeros();
    assert_eq!(empty.sort(), empty);
    assert_eq!(empty.argsort(), Matrix::<usize, 0, 3>::zeros());
    assert!(empty.unique().is_empty());
    assert_eq!(Matrix::<i32, 3, 0>::zeros().argsort_axis0().shape(), (3, 0));
}
