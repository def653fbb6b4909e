//! Conversions to and from `mint`, the interoperability types that glam, nalgebra, cgmath
//! and most game and graphics crates accept (feature `mint`).
//!
//! `mint::Vector2/3/4` and `Point2/3` convert to and from column [`Vector`]s of the same
//! length; `mint::RowMatrixRxC` (rows stored as fields) and `mint::ColumnMatrixRxC` (columns
//! stored as fields) both convert to and from `Matrix<T, R, C>` with the same logical
//! element at `(i, j)`.
//!
//! ```
//! use statrix::{vector, Matrix};
//! let v: mint::Vector3<f32> = vector![1.0, 2.0, 3.0].into();
//! assert_eq!(v.z, 3.0);
//! let m = Matrix::new([[1, 2, 3], [4, 5, 6]]);
//! let cols: mint::ColumnMatrix2x3<i32> = m.into();
//! assert_eq!(cols.y.x, 2); // column 1, row 0
//! assert_eq!(Matrix::from(cols), m);
//! ```

use crate::matrix::{Matrix, Vector};

macro_rules! mint_vector {
    ($($mint:ident, $n:literal;)*) => {$(
        #[cfg_attr(docsrs, doc(cfg(feature = "mint")))]
        impl<T: Copy> From<mint::$mint<T>> for Vector<T, $n> {
            #[inline]
            fn from(v: mint::$mint<T>) -> Self {
                let array: [T; $n] = v.into();
                Matrix(array.map(|x| [x]))
            }
        }
        #[cfg_attr(docsrs, doc(cfg(feature = "mint")))]
        impl<T: Copy> From<Vector<T, $n>> for mint::$mint<T> {
            #[inline]
            fn from(v: Vector<T, $n>) -> Self {
                v.0.map(|[x]| x).into()
            }
        }
    )*};
}

mint_vector! {
    Vector2, 2;
    Vector3, 3;
    Vector4, 4;
    Point2, 2;
    Point3, 3;
}

macro_rules! mint_matrix {
    ($($row_major:ident, $col_major:ident, $r:literal, $c:literal;)*) => {$(
        #[cfg_attr(docsrs, doc(cfg(feature = "mint")))]
        impl<T: Copy> From<mint::$row_major<T>> for Matrix<T, $r, $c> {
            #[inline]
            fn from(m: mint::$row_major<T>) -> Self {
                Matrix(m.into())
            }
        }
        #[cfg_attr(docsrs, doc(cfg(feature = "mint")))]
        impl<T: Copy> From<Matrix<T, $r, $c>> for mint::$row_major<T> {
            #[inline]
            fn from(m: Matrix<T, $r, $c>) -> Self {
                m.0.into()
            }
        }
        #[cfg_attr(docsrs, doc(cfg(feature = "mint")))]
        impl<T: Copy> From<mint::$col_major<T>> for Matrix<T, $r, $c> {
            #[inline]
            fn from(m: mint::$col_major<T>) -> Self {
                let cols: [[T; $r]; $c] = m.into();
                Matrix::<T, $r, $c>(core::array::from_fn(|i| core::array::from_fn(|j| cols[j][i])))
            }
        }
        #[cfg_attr(docsrs, doc(cfg(feature = "mint")))]
        impl<T: Copy> From<Matrix<T, $r, $c>> for mint::$col_major<T> {
            #[inline]
            fn from(m: Matrix<T, $r, $c>) -> Self {
                let cols: [[T; $r]; $c] = core::array::from_fn(|j| core::array::from_fn(|i| m.0[i][j]));
                cols.into()
            }
        }
    )*};
}

mint_matrix! {
    RowMatrix2, ColumnMatrix2, 2, 2;
    RowMatrix3, ColumnMatrix3, 3, 3;
    RowMatrix4, ColumnMatrix4, 4, 4;
    RowMatrix2x3, ColumnMatrix2x3, 2, 3;
    RowMatrix2x4, ColumnMatrix2x4, 2, 4;
    RowMatrix3x2, ColumnMatrix3x2, 3, 2;
    RowMatrix3x4, ColumnMatrix3x4, 3, 4;
    RowMatrix4x2, ColumnMatrix4x2, 4, 2;
    RowMatrix4x3, ColumnMatrix4x3, 4, 3;
}
