//! What the benchmarks `matmul` and `linalg` share: the element types, conversions of
//! row-major arrays to each library's types, and the criterion group settings.

use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, measurement::WallTime};
use nalgebra::SMatrix;

/// An element type of the benchmarks: built from, and compared as, `f64`.
pub trait Elem: Copy + Into<f64> {
    /// Machine epsilon of the type, as `f64`.
    const EPS: f64;
    fn from_f64(x: f64) -> Self;
}

impl Elem for f32 {
    const EPS: f64 = f32::EPSILON as f64;
    fn from_f64(x: f64) -> Self {
        x as f32
    }
}

impl Elem for f64 {
    const EPS: f64 = f64::EPSILON;
    fn from_f64(x: f64) -> Self {
        x
    }
}

/// Row-major `[[T; C]; R]` to its transpose; used to give glam its column arrays.
pub fn transpose_arr<T: Copy, const R: usize, const C: usize>(a: &[[T; C]; R]) -> [[T; R]; C] {
    core::array::from_fn(|j| core::array::from_fn(|i| a[i][j]))
}

/// Widens every element to `f64`.
pub fn lift<T: Elem, const R: usize, const C: usize>(a: &[[T; C]; R]) -> [[f64; C]; R] {
    a.map(|row| row.map(Into::into))
}

/// A nalgebra matrix holding the same logical elements as the row-major array.
pub fn na_from<T: Elem + nalgebra::Scalar, const R: usize, const C: usize>(
    a: &[[T; C]; R],
) -> SMatrix<T, R, C> {
    SMatrix::from_fn(|i, j| a[i][j])
}

/// A group of `sample_size` samples, after `warm_up_ms` milliseconds of warm-up, measured
/// for `measurement_ms` milliseconds.
pub fn group<'a>(
    c: &'a mut Criterion,
    name: &str,
    sample_size: usize,
    warm_up_ms: u64,
    measurement_ms: u64,
) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(sample_size)
        .warm_up_time(Duration::from_millis(warm_up_ms))
        .measurement_time(Duration::from_millis(measurement_ms));
    g
}
