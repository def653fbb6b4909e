//! Shape operations: transpose, reshape, blocks, stacking, row and column swaps. The
//! compile-time failures of each are in `tests/compile_fail/`.

use statrix::{Error, Matrix, matrix};

#[test]
fn transpose_is_numpy_t() {
    let a = matrix![4.0, 7.0; 2.0, 6.0];
    assert_eq!(a.transpose(), matrix![4.0, 2.0; 7.0, 6.0]);
    let r = matrix![1, 2, 3; 4, 5, 6];
    let t: Matrix<i32, 3, 2> = r.transpose();
    assert_eq!(t, matrix![1, 4; 2, 5; 3, 6]);
    assert_eq!(t.transpose(), r);
    let v = statrix::vector![1, 2, 3];
    assert_eq!(v.transpose(), statrix::row_vector![1, 2, 3]);
}

#[test]
fn reshape_keeps_row_major_order() {
    // np.arange(6).reshape(2, 3).reshape(3, 2) / .reshape(1, 6) / .reshape(6, 1)
    let m = matrix![0, 1, 2; 3, 4, 5];
    assert_eq!(m.reshape::<3, 2>(), matrix![0, 1; 2, 3; 4, 5]);
    assert_eq!(m.reshape::<1, 6>(), matrix![0, 1, 2, 3, 4, 5]);
    assert_eq!(m.reshape::<6, 1>(), statrix::vector![0, 1, 2, 3, 4, 5]);
    assert_eq!(m.reshape::<2, 3>(), m);
}

#[test]
fn blocks_read_and_write_numpy_slices() {
    let m = Matrix::<i32, 4, 5>::from_fn(|i, j| (10 * i + j) as i32);
    // m[1:3, 2:5]
    assert_eq!(m.block::<1, 2, 2, 3>(), matrix![12, 13, 14; 22, 23, 24]);
    // The whole matrix and a single element are blocks too.
    assert_eq!(m.block::<0, 0, 4, 5>(), m);
    assert_eq!(m.block::<3, 4, 1, 1>(), matrix![34]);
    let mut n = m;
    n.set_block::<2, 0, 2, 2>(&matrix![-1, -2; -3, -4]);
    assert_eq!(n.block::<2, 0, 2, 2>(), matrix![-1, -2; -3, -4]);
    // Everything outside the block is untouched.
    assert_eq!(n.block::<0, 0, 2, 5>(), m.block::<0, 0, 2, 5>());
    assert_eq!(n.block::<2, 2, 2, 3>(), m.block::<2, 2, 2, 3>());
}

#[test]
fn hstack_and_vstack_are_numpy_stacks() {
    let a = matrix![1, 2; 3, 4];
    let b = matrix![5; 6];
    let h: Matrix<i32, 2, 3> = a.hstack(&b);
    assert_eq!(h, matrix![1, 2, 5; 3, 4, 6]); // np.hstack((a, b))
    let c = matrix![7, 8];
    let v: Matrix<i32, 3, 2> = a.vstack(&c);
    assert_eq!(v, matrix![1, 2; 3, 4; 7, 8]); // np.vstack((a, c))
    // Stacking then taking blocks gives the parts back.
    assert_eq!(h.block::<0, 0, 2, 2>(), a);
    assert_eq!(h.block::<0, 2, 2, 1>(), b);
    assert_eq!(v.block::<2, 0, 1, 2>(), c);
}

#[test]
fn swap_rows_and_cols() {
    let mut m = matrix![1, 2, 3; 4, 5, 6; 7, 8, 9];
    m.swap_rows(0, 2);
    assert_eq!(m, matrix![7, 8, 9; 4, 5, 6; 1, 2, 3]);
    m.swap_rows(1, 1);
    assert_eq!(m, matrix![7, 8, 9; 4, 5, 6; 1, 2, 3]);
    m.swap_cols(0, 1);
    assert_eq!(m, matrix![8, 7, 9; 5, 4, 6; 2, 1, 3]);
    let before = m;
    assert_eq!(
        m.try_swap_rows(1, 3),
        Err(Error::IndexOutOfBounds {
            axis: 0,
            index: 3,
            len: 3
        })
    );
    assert_eq!(
        m.try_swap_cols(5, 0),
        Err(Error::IndexOutOfBounds {
            axis: 1,
            index: 5,
            len: 3
        })
    );
    assert_eq!(m, before);
    assert_eq!(m.try_swap_rows(0, 1), Ok(()));
    assert_eq!(m.row(0), before.row(1));
}

#[test]
#[should_panic(expected = "swap_rows(0, 3): a row index is out of bounds for 3 rows")]
fn swap_rows_past_the_edge_panics() {
    let mut m = Matrix::<f64, 3, 3>::zeros();
    m.swap_rows(0, 3);
}
