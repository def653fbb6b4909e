//! Construction: `new`, arrays both ways, `zeros`, `ones`, `full`, `identity`, `from_fn`,
//! `from_rows`/`from_cols`, `from_diagonal`, `fill`, the macros, and `const` use.
//!
//! Expected values are NumPy's (`np.zeros`, `np.eye`, `np.fromfunction`, ...), which for
//! these exact small-integer cases are the literal arrays written here.

use statrix::{
    Matrix, Matrix2, Matrix3, RowVector, RowVector3, Vector, Vector3, matrix, row_vector, vector,
};

/// Firmware keeps matrices in `static` tables: these must be `const fn`.
static ROTATION_TABLE: [Matrix2<f32>; 2] = [
    Matrix::new([[1.0, 0.0], [0.0, 1.0]]),
    Matrix::new([[0.0, -1.0], [1.0, 0.0]]),
];
const ZEROS: Matrix<f64, 2, 3> = Matrix::zeros();
const ONES: Matrix<u8, 2, 2> = Matrix::ones();
const EYE: Matrix3<i32> = Matrix::identity();
const SEVENS: Matrix<i16, 1, 3> = Matrix::full(7);
const ROW: RowVector3<f32> = RowVector::from_row_array([1.0, 2.0, 3.0]);

#[test]
fn const_constructors_give_numpy_arrays() {
    assert_eq!(ZEROS.into_array(), [[0.0; 3]; 2]); // np.zeros((2, 3))
    assert_eq!(ONES.into_array(), [[1, 1], [1, 1]]); // np.ones((2, 2), dtype=np.uint8)
    assert_eq!(EYE.into_array(), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]); // np.eye(3, dtype=int)
    assert_eq!(SEVENS.into_array(), [[7, 7, 7]]); // np.full((1, 3), 7)
    assert_eq!(ROW.into_array(), [[1.0, 2.0, 3.0]]);
    assert_eq!(ROTATION_TABLE[1] * ROTATION_TABLE[1], -ROTATION_TABLE[0]);
}

#[test]
fn rectangular_identity_is_numpy_eye() {
    // np.eye(2, 4) and np.eye(4, 2)
    assert_eq!(
        Matrix::<i32, 2, 4>::identity(),
        matrix![1, 0, 0, 0; 0, 1, 0, 0]
    );
    assert_eq!(
        Matrix::<i32, 4, 2>::identity(),
        matrix![1, 0; 0, 1; 0, 0; 0, 0]
    );
    assert_eq!(Matrix::<i32, 0, 0>::identity().shape(), (0, 0));
}

#[test]
fn arrays_convert_both_ways() {
    let rows = [[1, 2, 3], [4, 5, 6]];
    let m: Matrix<i32, 2, 3> = rows.into();
    assert_eq!(m, Matrix::new(rows));
    assert_eq!(Matrix::from(rows), m);
    let back: [[i32; 3]; 2] = m.into();
    assert_eq!(back, rows);
    assert_eq!(m.into_array(), rows);
    assert_eq!(*m.as_array(), rows);
}

#[test]
fn macros_build_row_major_matrices() {
    assert_eq!(matrix![1, 2; 3, 4], Matrix::new([[1, 2], [3, 4]]));
    assert_eq!(matrix![1.5, 2.5, 3.5], Matrix::new([[1.5, 2.5, 3.5]]));
    assert_eq!(vector![1, 2, 3], Matrix::new([[1], [2], [3]]));
    assert_eq!(row_vector![1, 2, 3], Matrix::new([[1, 2, 3]]));
    assert_eq!(vector![1, 2, 3], Vector::from_array([1, 2, 3]));
    assert_eq!(vector![1, 2, 3].to_array(), [1, 2, 3]);
}

#[test]
fn from_fn_indexes_row_then_column() {
    // np.fromfunction(lambda i, j: 10 * i + j, (3, 4), dtype=int)
    let m = Matrix::<usize, 3, 4>::from_fn(|i, j| 10 * i + j);
    assert_eq!(m, matrix![0, 1, 2, 3; 10, 11, 12, 13; 20, 21, 22, 23]);
}

#[test]
fn from_rows_and_cols_are_transposes() {
    let r0 = row_vector![1, 2, 3];
    let r1 = row_vector![4, 5, 6];
    let by_rows = Matrix::from_rows([r0, r1]);
    assert_eq!(by_rows, matrix![1, 2, 3; 4, 5, 6]);
    let by_cols = Matrix::from_cols([r0.transpose(), r1.transpose()]);
    assert_eq!(by_cols, by_rows.transpose());
}

#[test]
fn from_diagonal_is_numpy_diag() {
    // np.diag([2.0, -1.0, 0.5])
    let d = Matrix3::from_diagonal(&Vector3::from_array([2.0, -1.0, 0.5]));
    assert_eq!(d, matrix![2.0, 0.0, 0.0; 0.0, -1.0, 0.0; 0.0, 0.0, 0.5]);
}

#[test]
fn fill_and_default() {
    let mut m = Matrix::<f32, 2, 2>::default();
    assert_eq!(m, Matrix::zeros());
    m.fill(2.5);
    assert_eq!(m, Matrix::full(2.5));
}

#[test]
fn matrices_are_plain_copyable_arrays() {
    // Same size and layout as the nested array: no header, no padding.
    assert_eq!(size_of::<Matrix<f32, 3, 4>>(), size_of::<[[f32; 4]; 3]>());
    assert_eq!(size_of::<Matrix<f64, 6, 6>>(), 36 * 8);
    assert_eq!(align_of::<Matrix<f64, 2, 2>>(), align_of::<f64>());
    let a = matrix![1, 2; 3, 4];
    let b = a; // Copy
    assert_eq!(a, b);
    assert_eq!(Matrix::<f64, 32, 64>::NROWS, 32);
    assert_eq!(Matrix::<f64, 32, 64>::NCOLS, 64);
}

#[test]
fn equality_and_hash_follow_the_elements() {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    let hash = |m: &Matrix<i32, 2, 2>| {
        let mut h = DefaultHasher::new();
        m.hash(&mut h);
        h.finish()
    };
    let a = matrix![1, 2; 3, 4];
    assert_eq!(hash(&a), hash(&matrix![1, 2; 3, 4]));
    assert_ne!(a, matrix![1, 2; 3, 5]);
    // Floats compare as IEEE values: NaN is not equal to itself.
    let nan = Matrix::new([[f64::NAN]]);
    assert_ne!(nan, nan);
}

#[test]
fn debug_shows_the_rows() {
    assert_eq!(
        format!("{:?}", matrix![1, 2; 3, 4]),
        "Matrix([[1, 2], [3, 4]])"
    );
}
