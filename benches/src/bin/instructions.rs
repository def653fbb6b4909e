//! Instruction counts of the small products, determinants and inverses, for `valgrind --tool=callgrind`, which counts
//! instructions repeatably on a noisy machine (timings of a few nanoseconds are not).
//!
//! ```text
//! bash benches/count_instructions.sh     # every op, per-call counts as in the README
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/instructions <op>
//! ```
//!
//! `<op>` is `<group>/<library>` as in the criterion benches (`matmul_f32_4x4/statrix`, ...)
//! or `baseline` (the loop and its `black_box` calls alone). Each run performs the operation
//! `ITERATIONS` times; (total - baseline) / `ITERATIONS` is the cost of one call, inputs read
//! through `black_box` and the result passed to it, exactly as in the criterion benches.

use std::hint::black_box;

use glam::{DMat2, DMat3, DMat4, Mat2, Mat3, Mat4, Vec4};
use statrix::Matrix;

const ITERATIONS: u64 = 1_000_000;

fn run<T>(f: impl Fn() -> T) {
    for _ in 0..ITERATIONS {
        black_box(f());
    }
}

/// `ITERATIONS / N^2` products of `N x N` matrices, statrix's or nalgebra's (so that every
/// size runs about as long): the count of one product is `(total - baseline) N^2 /
/// ITERATIONS`.
macro_rules! big {
    ($t:ty, $n:literal, $statrix:expr) => {{
        const N: usize = $n;
        let a = Matrix::<$t, N, N>::from_fn(|i, j| (i * N + j) as $t * 0.37 - 2.1);
        let n = nalgebra::SMatrix::<$t, N, N>::from_fn(|i, j| a[(i, j)]);
        let reps = ITERATIONS / (N * N) as u64;
        if $statrix {
            for _ in 0..reps {
                black_box(black_box(&a) * black_box(&a));
            }
        } else {
            for _ in 0..reps {
                black_box(black_box(&n) * black_box(&n));
            }
        }
    }};
}

/// The `det_<t>_<n>x<n>` and `inverse_<t>_<n>x<n>` ops of one size: statrix's `det` /
/// `inverse` (LU), its `det_cofactor` / `inverse_cofactor`, nalgebra's `determinant` /
/// `try_inverse` and glam's `determinant` / `inverse`, all on the same diagonally dominant
/// (invertible) matrix. `None` when `op` is not one of them.
macro_rules! det_inverse {
    ($op:expr, $t:ty, $n:literal, $glam:ty, $det:literal, $inverse:literal) => {{
        const N: usize = $n;
        let a = Matrix::<$t, N, N>::from_fn(|i, j| {
            (i * N + j) as $t * 0.37 - 2.1 + if i == j { 5.0 } else { 0.0 }
        });
        let na = nalgebra::SMatrix::<$t, N, N>::from_fn(|i, j| a[(i, j)]);
        let g = <$glam>::from_cols_array_2d(&a.transpose().into_array());
        match $op.strip_prefix($det) {
            Some("/statrix") => return run(|| black_box(&a).det()),
            Some("/statrix_cofactor") => return run(|| black_box(&a).det_cofactor()),
            Some("/nalgebra") => return run(|| black_box(&na).determinant()),
            Some("/glam") => return run(|| black_box(&g).determinant()),
            _ => {}
        }
        match $op.strip_prefix($inverse) {
            Some("/statrix") => return run(|| black_box(&a).inverse()),
            // Consumed as a caller does, as in the criterion bench (see there).
            Some("/statrix_cofactor") => {
                return run(|| match black_box(&a).inverse_cofactor() {
                    Ok(inv) => drop(black_box(inv)),
                    Err(e) => drop(black_box(e)),
                });
            }
            Some("/nalgebra") => return run(|| black_box(&na).try_inverse()),
            Some("/glam") => return run(|| black_box(&g).inverse()),
            _ => {}
        }
    }};
}

fn main() {
    let op = std::env::args().nth(1).unwrap_or_default();
    let m32 = Matrix::<f32, 4, 4>::from_fn(|i, j| (i * 4 + j) as f32 * 0.37 - 2.1);
    let v32 = Matrix::<f32, 4, 1>::from_fn(|i, _| i as f32 * 0.61 - 0.9);
    let m64 = m32.map(f64::from);
    let n32 = nalgebra::Matrix4::<f32>::from_fn(|i, j| m32[(i, j)]);
    let nv32 = nalgebra::Vector4::<f32>::from_fn(|i, _| v32[(i, 0)]);
    let n64 = nalgebra::Matrix4::<f64>::from_fn(|i, j| m64[(i, j)]);
    let g32 = Mat4::from_cols_array_2d(&m32.transpose().into_array());
    let gv32 = Vec4::from_array(v32.transpose().into_array()[0]);
    let g64 = DMat4::from_cols_array_2d(&m64.transpose().into_array());
    det_inverse!(op, f32, 2, Mat2, "det_f32_2x2", "inverse_f32_2x2");
    det_inverse!(op, f32, 3, Mat3, "det_f32_3x3", "inverse_f32_3x3");
    det_inverse!(op, f32, 4, Mat4, "det_f32_4x4", "inverse_f32_4x4");
    det_inverse!(op, f64, 2, DMat2, "det_f64_2x2", "inverse_f64_2x2");
    det_inverse!(op, f64, 3, DMat3, "det_f64_3x3", "inverse_f64_3x3");
    det_inverse!(op, f64, 4, DMat4, "det_f64_4x4", "inverse_f64_4x4");
    match op.as_str() {
        "baseline" => run(|| black_box(&m32)[(0, 0)]),
        "matmul_f32_4x4/statrix" => run(|| black_box(&m32) * black_box(&m32)),
        "matmul_f32_4x4/nalgebra" => run(|| black_box(&n32) * black_box(&n32)),
        "matmul_f32_4x4/glam" => run(|| *black_box(&g32) * *black_box(&g32)),
        "matvec_f32_4x4/statrix" => run(|| black_box(&m32) * black_box(&v32)),
        "matvec_f32_4x4/nalgebra" => run(|| black_box(&n32) * black_box(&nv32)),
        "matvec_f32_4x4/glam" => run(|| *black_box(&g32) * *black_box(&gv32)),
        "matmul_f64_4x4/statrix" => run(|| black_box(&m64) * black_box(&m64)),
        "matmul_f64_4x4/nalgebra" => run(|| black_box(&n64) * black_box(&n64)),
        "matmul_f64_4x4/glam" => run(|| *black_box(&g64) * *black_box(&g64)),
        "matmul_f64_16x16/statrix" => big!(f64, 16, true),
        "matmul_f64_16x16/nalgebra" => big!(f64, 16, false),
        "matmul_f64_32x32/statrix" => big!(f64, 32, true),
        "matmul_f64_32x32/nalgebra" => big!(f64, 32, false),
        "matmul_f64_64x64/statrix" => big!(f64, 64, true),
        "matmul_f64_64x64/nalgebra" => big!(f64, 64, false),
        "matmul_f32_32x32/statrix" => big!(f32, 32, true),
        "matmul_f32_32x32/nalgebra" => big!(f32, 32, false),
        "matmul_f32_64x64/statrix" => big!(f32, 64, true),
        "matmul_f32_64x64/nalgebra" => big!(f32, 64, false),
        other => {
            eprintln!("unknown op {other:?}");
            std::process::exit(2);
        }
    }
}
