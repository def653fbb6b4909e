//! Access: indexing, `get`, rows and columns with their `try_` twins, setters, iterators,
//! flat views, `map`, `zip_map`, `cast`.

use statrix::{Error, Matrix, matrix, row_vector, vector};

fn sample() -> Matrix<i32, 3, 4> {
    // np.arange(12).reshape(3, 4)
    Matrix::from_fn(|i, j| (4 * i + j) as i32)
}

#[test]
fn index_by_row_and_column() {
    let mut m = sample();
    assert_eq!(m[(0, 0)], 0);
    assert_eq!(m[(1, 2)], 6);
    assert_eq!(m[(2, 3)], 11);
    m[(2, 3)] = -1;
    assert_eq!(m[(2, 3)], -1);
}

#[test]
fn flat_index_is_row_major_like_numpy_flat() {
    let m = sample();
    for k in 0..12 {
        assert_eq!(m[k], k as i32); // a.flat[k]
    }
    let v = vector![7, 8, 9];
    assert_eq!(v[2], 9);
    let mut r = row_vector![1.0, 2.0];
    r[1] = 5.0;
    assert_eq!(r, row_vector![1.0, 5.0]);
}

#[test]
#[should_panic(expected = "index out of bounds")]
fn index_past_the_edge_panics() {
    let m = sample();
    let _ = m[(3, 0)];
}

#[test]
fn get_is_the_checked_form() {
    let mut m = sample();
    assert_eq!(m.get(2, 3), Some(&11));
    assert_eq!(m.get(3, 0), None);
    assert_eq!(m.get(0, 4), None);
    assert_eq!(m.get(usize::MAX, usize::MAX), None);
    *m.get_mut(1, 1).unwrap() = 50;
    assert_eq!(m[(1, 1)], 50);
    assert!(m.get_mut(9, 9).is_none());
}

#[test]
fn rows_and_columns() {
    let m = sample();
    assert_eq!(m.row(1), row_vector![4, 5, 6, 7]); // a[1, :]
    assert_eq!(m.col(2), vector![2, 6, 10]); // a[:, 2]
    assert_eq!(m.try_row(2), Ok(row_vector![8, 9, 10, 11]));
    assert_eq!(m.try_col(3), Ok(vector![3, 7, 11]));
    assert_eq!(
        m.try_row(3),
        Err(Error::IndexOutOfBounds {
            axis: 0,
            index: 3,
            len: 3
        })
    );
    assert_eq!(
        m.try_col(4),
        Err(Error::IndexOutOfBounds {
            axis: 1,
            index: 4,
            len: 4
        })
    );
    assert_eq!(
        m.try_row(3).unwrap_err().to_string(),
        "index 3 is out of bounds for axis 0 with size 3"
    );
    assert_eq!(
        m.try_col(9).unwrap_err().to_string(),
        "index 9 is out of bounds for axis 1 with size 4"
    );
}

#[test]
#[should_panic(expected = "column index 4 is out of bounds for 4 columns")]
fn col_past_the_edge_panics_with_the_shape() {
    let _ = sample().col(4);
}

#[test]
fn setters_and_their_try_twins() {
    let mut m = Matrix::<i32, 2, 3>::zeros();
    m.set_row(1, &row_vector![1, 2, 3]);
    m.set_col(0, &vector![9, 8]);
    assert_eq!(m, matrix![9, 0, 0; 8, 2, 3]);
    let before = m;
    assert!(m.try_set_row(2, &row_vector![0, 0, 0]).is_err());
    assert!(m.try_set_col(3, &vector![0, 0]).is_err());
    assert_eq!(
        m, before,
        "a failed try_ setter leaves the matrix unchanged"
    );
    assert_eq!(m.try_set_row(0, &row_vector![1, 1, 1]), Ok(()));
    assert_eq!(m.try_set_col(2, &vector![5, 5]), Ok(()));
    assert_eq!(m, matrix![1, 1, 5; 8, 2, 5]);
}

#[test]
fn iterators_walk_row_major() {
    let m = sample();
    let elements: Vec<i32> = m.iter().copied().collect();
    assert_eq!(elements, (0..12).collect::<Vec<_>>());
    let rows: Vec<_> = m.rows().collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2], row_vector![8, 9, 10, 11]);
    let cols: Vec<_> = m.cols().collect();
    assert_eq!(cols.len(), 4);
    assert_eq!(cols[1], vector![1, 5, 9]);
    let mut n = m;
    for x in n.iter_mut() {
        *x *= 2;
    }
    assert_eq!(n, m * 2);
}

#[test]
fn flat_slices_are_row_major_views() {
    let mut m = sample();
    assert_eq!(m.as_slice(), &(0..12).collect::<Vec<_>>()[..]);
    m.as_mut_slice()[5] = 100;
    assert_eq!(m[(1, 1)], 100);
    m.as_mut_array()[2] = [0; 4];
    assert_eq!(m.row(2), Matrix::zeros());
}

#[test]
fn map_and_zip_map() {
    let m = matrix![-1.0, 2.0; -3.0, 4.0];
    assert_eq!(m.map(|x: f64| x.max(0.0)), matrix![0.0, 2.0; 0.0, 4.0]); // np.maximum(0, m)
    let mask = m.map(|x| x > 0.0);
    assert_eq!(mask, matrix![false, true; false, true]);
    let a = matrix![1, 5; 7, 2];
    let b = matrix![4, 2; 7, 3];
    assert_eq!(a.zip_map(b, i32::max), matrix![4, 5; 7, 3]); // np.maximum(a, b)
    assert_eq!(
        a.zip_map(b, |x, y| x == y),
        matrix![false, false; true, false]
    );
}

#[test]
fn cast_follows_rust_as_like_numpy_astype() {
    // The seed's score table is integer; averaging it needs floats.
    let scores = matrix![85, 90, 78, 92; 73, 88, 95, 81; 91, 76, 84, 87];
    let as_f64: Matrix<f64, 3, 4> = scores.cast();
    assert_eq!(as_f64.iter().sum::<f64>() / 12.0, 85.0); // np.mean(data) == 85.0
    // i64 -> f64 rounds to nearest: 2^53 + 1 is not representable.
    let big = Matrix::new([[(1i64 << 53) + 1]]);
    assert_eq!(big.cast::<f64>()[(0, 0)], 9007199254740992.0);
    // f64 -> i32 truncates toward zero and saturates; NaN becomes 0 (astype would warn).
    let floats = matrix![2.9, -2.9, 1e20, f64::NAN];
    assert_eq!(floats.cast::<i32>(), matrix![2, -2, i32::MAX, 0]);
    // Widening is exact; narrowing wraps as `as` does.
    assert_eq!(matrix![300i32, -1].cast::<u8>(), matrix![44u8, 255]);
    assert_eq!(matrix![0.1f64].cast::<f32>()[(0, 0)], 0.1f32);
}
