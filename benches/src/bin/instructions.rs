//! Instruction counts of the small products, for `valgrind --tool=callgrind`, which counts
//! instructions repeatably on a noisy machine (timings of a few nanoseconds are not).
//!
//! ```text
//! cargo build --release -p statrix-benches --bin instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/instructions <op>
//! ```
//!
//! `<op>` is `<group>/<library>` as in the criterion benches (`matmul_f32_4x4/statrix`, ...)
//! or `baseline` (the loop and its `black_box` calls alone). Each run performs the operation
//! `ITERATIONS` times; (total - baseline) / `ITERATIONS` is the cost of one call, inputs read
//! through `black_box` and the result passed to it, exactly as in the criterion benches.

use std::hint::black_box;

use glam::{DMat4, Mat4, Vec4};
use statrix::Matrix;

const ITERATIONS: u64 = 1_000_000;

fn run<T>(f: impl Fn() -> T) {
    for _ in 0..ITERATIONS {
        black_box(f());
    }
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
        other => {
            eprintln!("unknown op {other:?}");
            std::process::exit(2);
        }
    }
}
