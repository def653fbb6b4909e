//! The heap-backed `DMatrix`: construction and its errors, element access with NumPy's
//! messages, the elementwise operators and the product against the static `Matrix` of the
//! same shape (the same kernels, so the same bits), conversions both ways, and NumPy's
//! `print` output.
#![cfg(feature = "alloc")]

mod support;

use statrix::{Axis, DMatrix, Error, Matrix, matrix};
use support::dynamic::irregular;

/// Deterministic values in `[-1, 1)` with full mantissas.
fn filled<const R: usize, const C: usize>(seed: u64) -> Matrix<f64, R, C> {
    support::filled(seed, 53)
}

#[test]
fn construction_shapes_and_errors() {
    let a = DMatrix::from_vec(2, 3, vec![1, 2, 3, 4, 5, 6]).unwrap();
    assert_eq!((a.rows(), a.cols(), a.shape()), (2, 3, (2, 3)));
    assert_eq!(a.row(1), &[4, 5, 6]);
    assert_eq!(a.try_col(2), Ok(vec![3, 6]));
    assert_eq!(a[(1, 0)], 4);
    assert_eq!(a.get(2, 0), None);
    assert_eq!(a.get(0, 3), None);
    // NumPy: np.array([1, 2, 3]).reshape(2, 2) -> "cannot reshape array of size 3 into
    // shape (2,2)".
    let err = DMatrix::from_vec(2, 2, vec![1, 2, 3]).unwrap_err();
    assert_eq!(
        err,
        Error::CannotReshape {
            len: 3,
            shape: (2, 2)
        }
    );
    assert_eq!(
        err.to_string(),
        "cannot reshape array of size 3 into shape (2,2)"
    );
    // A shape whose element count overflows usize is the same error, not a panic.
    assert!(DMatrix::<u8>::from_vec(usize::MAX, 2, vec![]).is_err());
    assert_eq!(
        a.try_row(2),
        Err(Error::IndexOutOfBounds {
            axis: 0,
            index: 2,
            len: 2
        })
    );
    assert_eq!(
        a.try_col(3),
        Err(Error::IndexOutOfBounds {
            axis: 1,
            index: 3,
            len: 3
        })
    );
    // Empty shapes are matrices too.
    let e = DMatrix::<f64>::zeros(0, 4);
    assert_eq!(e.shape(), (0, 4));
    assert_eq!(e.row_iter().count(), 0);
    assert_eq!(DMatrix::<f64>::zeros(3, 0).row_iter().count(), 3);
    assert_eq!(
        DMatrix::<i32>::identity(3).as_slice(),
        Matrix::<i32, 3, 3>::identity().as_slice()
    );
}

#[test]
#[should_panic(expected = "index 3 is out of bounds for axis 1 with size 3")]
fn indexing_past_an_edge_panics_with_numpys_message() {
    let a = DMatrix::<f64>::zeros(2, 3);
    let _ = a[(0, 3)];
}

#[test]
#[should_panic(expected = "add: operands could not be broadcast together with shapes (2,3) (3,2)")]
fn mismatched_addition_panics_naming_both_shapes() {
    let a = DMatrix::<f64>::zeros(2, 3);
    let _ = &a + &a.transpose();
}

#[test]
#[should_panic(expected = "matmul: shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)")]
fn mismatched_product_panics_with_numpys_message() {
    let a = DMatrix::<f64>::zeros(2, 3);
    let _ = &a * &a;
}

/// The dynamic product against the static one of the same shape: the same kernel over the
/// same row-major data, so the same bits (fused tiles or textbook order alike).
fn check_product<const R: usize, const K: usize, const C: usize>(seed: u64) {
    let (a, b) = (filled::<R, K>(seed), filled::<K, C>(seed + 1));
    let (da, db) = (DMatrix::from(a), DMatrix::from(b));
    let got = Matrix::<f64, R, C>::try_from(&da * &db).unwrap();
    assert_eq!(got, a * b, "f64 {R}x{K} @ {K}x{C}");
    let (a32, b32) = (a.map(|x| x as f32), b.map(|x| x as f32));
    let got = Matrix::<f32, R, C>::try_from(DMatrix::from(a32).matmul(&DMatrix::from(b32)));
    assert_eq!(got, Ok(a32 * b32), "f32 {R}x{K} @ {K}x{C}");
    let (ai, bi) = (
        a.map(|x| (x * 1000.0) as i64),
        b.map(|x| (x * 1000.0) as i64),
    );
    let got = DMatrix::from(ai).try_matmul(&DMatrix::from(bi)).unwrap();
    assert_eq!(
        Matrix::<i64, R, C>::try_from(got),
        Ok(ai * bi),
        "i64 {R}x{K} @ {K}x{C}"
    );
}

#[test]
fn products_equal_the_static_products_bit_for_bit() {
    check_product::<1, 1, 1>(1);
    check_product::<2, 3, 4>(2);
    check_product::<4, 4, 4>(3);
    check_product::<7, 8, 9>(4);
    check_product::<8, 8, 8>(5);
    check_product::<16, 16, 16>(6);
    check_product::<33, 17, 3>(7);
    check_product::<3, 40, 33>(8);
    check_product::<64, 64, 64>(9);
    // An empty inner dimension: zeros, as NumPy.
    let z = DMatrix::<f64>::zeros(2, 0).matmul(&DMatrix::zeros(0, 3));
    assert_eq!(z, DMatrix::zeros(2, 3));
}

#[test]
fn elementwise_operators_match_the_static_ones() {
    let (a, b) = (filled::<3, 5>(11), filled::<3, 5>(12));
    let (da, db) = (DMatrix::from(a), DMatrix::from(b));
    let check = |d: DMatrix<f64>, m: Matrix<f64, 3, 5>| {
        assert_eq!(Matrix::<f64, 3, 5>::try_from(d), Ok(m));
    };
    check(&da + &db, a + b);
    check(&da - &db, a - b);
    check(da.hadamard(&db), a.hadamard(&b));
    check(&da * 2.5, a * 2.5);
    check(&da / 3.0, a / 3.0);
    check(-&da, -a);
    check(da.transpose().transpose(), a);
    check(da.map(f64::abs), a.map(f64::abs));
    assert_eq!(
        da.try_hadamard(&da.transpose()),
        Err(Error::ShapeMismatch {
            op: "hadamard",
            left: (3, 5),
            right: (5, 3)
        })
    );
    assert_eq!(
        da.try_sub(&DMatrix::zeros(3, 4)),
        Err(Error::ShapeMismatch {
            op: "sub",
            left: (3, 5),
            right: (3, 4)
        })
    );
}

#[test]
fn conversions_both_ways() {
    let m = matrix![1.5, -2.0, 3.25; 0.0, 4.0, -1.0];
    let d = DMatrix::from(m);
    assert_eq!(d.shape(), (2, 3));
    assert_eq!(Matrix::<f64, 2, 3>::try_from(&d), Ok(m));
    let err = Matrix::<f64, 3, 2>::try_from(&d).unwrap_err();
    assert_eq!(
        err,
        Error::ShapeMismatch {
            op: "convert",
            left: (2, 3),
            right: (3, 2)
        }
    );
    assert_eq!(
        err.to_string(),
        "cannot convert a matrix of shape (2,3) into one of shape (3,2)"
    );
}

#[test]
fn prints_as_numpy_and_as_the_static_matrix() {
    let m = matrix![4.440892098500626e-16, -2.220446049250313e-16; 1.0, 2.5];
    assert_eq!(DMatrix::from(m).to_string(), m.to_string());
    assert_eq!(
        DMatrix::from(matrix![1, 2; 3, 4]).to_string(),
        "[[1 2]\n [3 4]]"
    );
    // Summarised past 1000 elements, as NumPy (and the static type) do.
    let big = filled::<40, 30>(5);
    assert_eq!(DMatrix::from(big).to_string(), big.to_string());
    assert_eq!(format!("{:.3}", DMatrix::from(m)), format!("{m:.3}"));
    assert_eq!(DMatrix::<f64>::zeros(0, 3).to_string(), "[]");
}

fn same_bits(x: &DMatrix<f64>, y: &DMatrix<f64>) -> bool {
    x.shape() == y.shape()
        && x.as_slice()
            .iter()
            .zip(y.as_slice())
            .all(|(a, b)| a.to_bits() == b.to_bits())
}

#[test]
fn transposed_products_and_grams_equal_the_explicit_products_bit_for_bit() {
    // Sizes below and above every kernel's threshold, with ragged edges and `k` past one
    // block of the packed product (256 steps).
    for (s, &(m, k, n)) in [
        (1, 1, 1),
        (3, 5, 2),
        (9, 7, 13),
        (70, 300, 45),
        (130, 90, 260),
    ]
    .iter()
    .enumerate()
    {
        let a = irregular(m, k, s as u64);
        let b = irregular(k, n, s as u64 + 10);
        let bt = b.transpose();
        let at = a.transpose();
        assert!(
            same_bits(&at.transpose_matmul(&b), &a.matmul(&b)),
            "aᵀᵀ @ b at {m}x{k}x{n}"
        );
        assert!(
            same_bits(&a.matmul_transpose(&bt), &a.matmul(&b)),
            "a @ bᵀᵀ at {m}x{k}x{n}"
        );
        assert!(same_bits(&a.gram(), &at.matmul(&a)), "aᵀa at {m}x{k}");
        assert!(
            same_bits(&a.gram_of_rows(), &a.matmul(&at)),
            "a aᵀ at {m}x{k}"
        );
        let g = a.gram();
        assert!((0..k).all(|i| (0..k).all(|j| g[(i, j)].to_bits() == g[(j, i)].to_bits())));
    }
}

/// The packed product's blocking on shapes small enough for Miri (`.ci/run` runs this test
/// under it): `k` past one block of 256 steps (the tiles continue the stored sums), the
/// symmetric `XᵀX`, output columns past one packed block of `b` (256 `f64` or 512 `f32`
/// columns on AVX-512), and each operand read through its transpose's storage, in `f64` and
/// `f32`. At these sizes the explicit products run the in-place tiles, which the packed ones
/// equal bit for bit.
#[test]
fn small_packed_products_equal_the_in_place_tiles() {
    fn bits<T: Copy + Into<f64>>(x: &DMatrix<T>) -> Vec<u64> {
        x.as_slice().iter().map(|&v| v.into().to_bits()).collect()
    }
    let (a, b) = (irregular(3, 257, 20), irregular(257, 4, 21));
    let want = bits(&a.matmul(&b));
    assert_eq!(bits(&a.transpose().transpose_matmul(&b)), want);
    let x = b.map(|v| v as f32);
    assert_eq!(bits(&x.gram()), bits(&x.transpose().matmul(&x)));
    let (a, b) = (irregular(2, 3, 22), irregular(3, 520, 23));
    let want = bits(&a.matmul(&b));
    assert_eq!(bits(&a.matmul_transpose(&b.transpose())), want);
    let (a, b) = (a.map(|v| v as f32), b.map(|v| v as f32));
    let want = bits(&a.matmul(&b));
    assert_eq!(bits(&a.matmul_transpose(&b.transpose())), want);
}

#[test]
fn transposed_products_reject_mismatched_shapes() {
    let a = DMatrix::<f64>::zeros(2, 3);
    let b = DMatrix::<f64>::zeros(3, 2);
    assert_eq!(
        a.try_transpose_matmul(&b),
        Err(Error::ShapeMismatch {
            op: "transpose_matmul",
            left: (2, 3),
            right: (3, 2)
        })
    );
    assert_eq!(
        a.try_matmul_transpose(&b),
        Err(Error::ShapeMismatch {
            op: "matmul_transpose",
            left: (2, 3),
            right: (3, 2)
        })
    );
    // Empty shapes are products of zero terms.
    let e = DMatrix::<f64>::zeros(0, 3);
    assert_eq!(e.gram(), DMatrix::zeros(3, 3));
    assert_eq!(e.gram_of_rows().shape(), (0, 0));
}

/// Irregular values with NaN, infinities and signed zeros mixed in when `special`.
fn with_specials(rows: usize, cols: usize, seed: u64, special: bool) -> DMatrix<f64> {
    let x = irregular(rows, cols, seed);
    DMatrix::from_fn(rows, cols, |i, j| {
        let v = x[(i, j)];
        match (special, (i * 7 + j * 3 + seed as usize) % 41) {
            (true, 0) => f64::NAN,
            (true, 1) => f64::INFINITY,
            (true, 2) => -0.0,
            _ => v * 1e3,
        }
    })
}

#[test]
fn axis_statistics_equal_the_static_ones_bit_for_bit() {
    fn check<const R: usize, const C: usize>(seed: u64, special: bool) {
        let d = with_specials(R, C, seed, special);
        let m: Matrix<f64, R, C> = Matrix::try_from(&d).unwrap();
        let same = |got: Vec<f64>, want: &[f64], what: &str| {
            assert_eq!(got.len(), want.len(), "{what}");
            for (g, w) in got.iter().zip(want) {
                assert!(
                    g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()),
                    "{what}: {g} vs {w}"
                );
            }
        };
        let (c, r) = (Axis::Columns, Axis::Rows);
        same(d.sum_axis(c), m.sum_axis0().as_slice(), "sum axis 0");
        same(d.sum_axis(r), m.sum_axis1().as_slice(), "sum axis 1");
        same(d.mean_axis(c), m.mean_axis0().as_slice(), "mean axis 0");
        same(d.mean_axis(r), m.mean_axis1().as_slice(), "mean axis 1");
        for ddof in [0, 1] {
            same(
                d.var_axis(c, ddof),
                m.var_axis0(ddof).as_slice(),
                "var axis 0",
            );
            same(
                d.var_axis(r, ddof),
                m.var_axis1(ddof).as_slice(),
                "var axis 1",
            );
            same(
                d.std_axis(c, ddof),
                m.std_axis0(ddof).as_slice(),
                "std axis 0",
            );
            same(
                d.std_axis(r, ddof),
                m.std_axis1(ddof).as_slice(),
                "std axis 1",
            );
        }
        same(d.min_axis(c), m.min_axis0().as_slice(), "min axis 0");
        same(d.max_axis(r), m.max_axis1().as_slice(), "max axis 1");
        same(
            d.median_axis(c),
            m.median_axis0().as_slice(),
            "median axis 0",
        );
        same(
            d.median_axis(r),
            m.median_axis1().as_slice(),
            "median axis 1",
        );
    }
    for special in [false, true] {
        check::<1, 1>(1, special);
        check::<7, 5>(2, special);
        // Past NumPy's pairwise block of 128 along both axes.
        check::<40, 300>(3, special);
        check::<300, 9>(4, special);
    }
    // Empty lanes: NaN means and extrema (NumPy warns or raises), zero sums.
    let e = DMatrix::<f64>::zeros(0, 3);
    assert_eq!(e.sum_axis(Axis::Columns), [0.0; 3]);
    assert!(e.mean_axis(Axis::Columns).iter().all(|x| x.is_nan()));
    assert!(e.min_axis(Axis::Columns).iter().all(|x| x.is_nan()));
    assert!(e.median_axis(Axis::Rows).is_empty());
}
