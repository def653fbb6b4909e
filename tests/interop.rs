//! Interoperability: `approx` (always), `serde`, `mint` and `bytemuck` (features).

use approx::{assert_abs_diff_eq, assert_relative_eq, assert_ulps_eq};
#[cfg(any(feature = "serde", feature = "mint", feature = "bytemuck"))]
use statrix::Matrix;
use statrix::matrix;
#[cfg(feature = "mint")]
use statrix::vector;

#[test]
fn approx_compares_every_element() {
    let a = matrix![1.0, 2.0; 3.0, 4.0];
    let b = matrix![1.0, 2.0; 3.0, 4.0 + 1e-12];
    assert_abs_diff_eq!(a, b, epsilon = 1e-11);
    assert!(!approx::abs_diff_eq!(a, b, epsilon = 1e-13));
    assert_relative_eq!(a, b, max_relative = 1e-12);
    // 0.1 + 0.2 is one ulp above 0.3.
    assert_ulps_eq!(
        matrix![0.1 + 0.2],
        matrix![0.3],
        epsilon = 0.0,
        max_ulps = 1
    );
    assert!(!approx::ulps_eq!(
        matrix![0.1 + 0.2],
        matrix![0.3],
        epsilon = 0.0,
        max_ulps = 0
    ));
    // Integers compare exactly by default.
    assert_abs_diff_eq!(matrix![1, 2], matrix![1, 2]);
    assert!(!approx::abs_diff_eq!(matrix![1, 2], matrix![1, 3]));
    // NaN is never close to anything.
    assert!(!approx::relative_eq!(matrix![f64::NAN], matrix![f64::NAN]));
}

#[cfg(feature = "serde")]
mod serde_tests {
    use super::*;

    #[test]
    fn serialises_as_nested_rows_like_tolist() {
        let m = matrix![1.5, -2.0, 3.0; 4.0, 5.0, 6.25];
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "[[1.5,-2.0,3.0],[4.0,5.0,6.25]]");
        let back: Matrix<f64, 2, 3> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
        let big = Matrix::<u16, 40, 33>::from_fn(|i, j| (i * 33 + j) as u16);
        let back: Matrix<u16, 40, 33> =
            serde_json::from_str(&serde_json::to_string(&big).unwrap()).unwrap();
        assert_eq!(back, big);
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        for bad in [
            "[[1,2],[3]]",
            "[[1,2],[3,4,5]]",
            "[[1,2]]",
            "[[1,2],[3,4],[5,6]]",
            "[]",
            "[1,2]",
            "{}",
        ] {
            let parsed = serde_json::from_str::<Matrix<i32, 2, 2>>(bad);
            assert!(parsed.is_err(), "{bad} should not parse as a 2x2 matrix");
        }
        let err = serde_json::from_str::<Matrix<i32, 2, 2>>("[[1,2],[3]]").unwrap_err();
        assert!(err.to_string().contains("2 elements"), "{err}");
    }
}

#[cfg(feature = "mint")]
mod mint_tests {
    use super::*;

    #[test]
    fn vectors_round_trip() {
        let v = vector![1.0f32, 2.0, 3.0];
        let m: mint::Vector3<f32> = v.into();
        assert_eq!((m.x, m.y, m.z), (1.0, 2.0, 3.0));
        assert_eq!(statrix::Vector3::from(m), v);
        let p: mint::Point2<i32> = vector![4, 5].into();
        assert_eq!((p.x, p.y), (4, 5));
        let v4: mint::Vector4<f64> = vector![1.0, 2.0, 3.0, 4.0].into();
        assert_eq!(v4.w, 4.0);
    }

    #[test]
    fn matrices_keep_the_logical_layout() {
        let m = matrix![1, 2, 3; 4, 5, 6];
        let rows: mint::RowMatrix2x3<i32> = m.into();
        assert_eq!((rows.x.x, rows.x.z, rows.y.x), (1, 3, 4));
        let cols: mint::ColumnMatrix2x3<i32> = m.into();
        // Column 2 holds (3, 6).
        assert_eq!((cols.z.x, cols.z.y), (3, 6));
        assert_eq!(Matrix::from(rows), m);
        assert_eq!(Matrix::from(cols), m);
        let square = Matrix::<f32, 4, 4>::from_fn(|i, j| (4 * i + j) as f32);
        let col_major: mint::ColumnMatrix4<f32> = square.into();
        assert_eq!(col_major.y.x, 1.0); // element (0, 1)
        assert_eq!(Matrix::from(col_major), square);
    }
}

#[cfg(feature = "bytemuck")]
mod bytemuck_tests {
    use super::*;

    #[test]
    fn casts_to_elements_and_bytes_without_copying() {
        let m = matrix![1.0f32, 2.0; 3.0, 4.0];
        let floats: &[f32] = bytemuck::cast_slice(core::slice::from_ref(&m));
        assert_eq!(floats, &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(bytemuck::bytes_of(&m).len(), 16);
        assert_eq!(bytemuck::bytes_of(&m)[4..8], 2.0f32.to_ne_bytes());
        let zero: Matrix<u32, 3, 5> = bytemuck::Zeroable::zeroed();
        assert_eq!(zero, Matrix::zeros());
        let from_bytes: Matrix<u8, 2, 2> = bytemuck::cast([1u8, 2, 3, 4]);
        assert_eq!(from_bytes, matrix![1u8, 2; 3, 4]);
    }
}
