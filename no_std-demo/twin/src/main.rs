//! Four checked operations in f32, written once with statrix and once with nalgebra (the
//! library is a cargo feature), to compare their flash and stack on a Cortex-M4F: a 6x6 LU
//! solve (`lu`), a 3x3 symmetric eigendecomposition (`eig`), a 3x3 SVD (`svd`) and a 4x4
//! product (`mm`). Every input goes through `black_box`; each operation prints its error in
//! units of 1e-9 and the stack it used, and the exit status is 0 only if every check passed.
//! `measure.sh` builds each operation alone and all four, with each library.

#![no_std]
#![no_main]
// Each build compiles a subset of the operations and one library: the rest is unused there.
#![allow(dead_code, unused_imports)]

#[path = "../../src/out.rs"]
mod out;
#[path = "../../src/stack.rs"]
mod stack;

use core::hint::black_box;

use semihosting::process;

#[cfg(all(feature = "statrix", feature = "nalgebra"))]
compile_error!("choose one library: --features statrix or --features nalgebra");

/// An operation: its name and what runs it, returning its error.
type Operation = (&'static str, fn() -> f32);

const OPERATIONS: &[Operation] = &[
    #[cfg(feature = "lu")]
    ("lu", lu),
    #[cfg(feature = "eig")]
    ("eig", eig),
    #[cfg(feature = "svd")]
    ("svd", svd),
    #[cfg(feature = "mm")]
    ("mm", mm),
];

/// The tolerance of every check: a few hundred f32 roundings on values of order ten.
const TOLERANCE: f32 = 1e-4;

#[cortex_m_rt::entry]
fn main() -> ! {
    let top = stack::here();
    let mut status = 0;
    for &(name, operation) in OPERATIONS {
        stack::paint(top);
        let error = black_box(operation)();
        let used = stack::used(top);
        let ok = error <= TOLERANCE;
        if !ok {
            status = 1;
        }
        let (mut a, mut b) = ([0; 20], [0; 20]);
        out::line(&[
            name.as_bytes(),
            if ok {
                b": ok, error "
            } else {
                b": FAILED, error "
            },
            out::decimal((error * 1e9) as usize, &mut a),
            b"e-9, stack ",
            out::decimal(used, &mut b),
            b" B",
        ]);
    }
    out::line(&[if status == 0 { b"PASS" } else { b"FAIL" }]);
    process::exit(status)
}

#[cortex_m_rt::exception]
unsafe fn HardFault(_frame: &cortex_m_rt::ExceptionFrame) -> ! {
    process::exit(2)
}

#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    process::exit(101)
}

fn input<const R: usize, const C: usize>(seed: usize) -> [[f32; C]; R] {
    core::array::from_fn(|i| {
        core::array::from_fn(|j| {
            let k = (i * C + j) * 7 + seed;
            (k % 13) as f32 * 0.25 - 1.5 + if i == j { 4.0 } else { 0.0 }
        })
    })
}

fn symmetric(seed: usize) -> [[f32; 3]; 3] {
    let a = input::<3, 3>(seed);
    core::array::from_fn(|i| core::array::from_fn(|j| a[i][j] + a[j][i]))
}

fn max_abs_diff<const R: usize, const C: usize>(x: &[[f32; C]; R], y: &[[f32; C]; R]) -> f32 {
    let mut m = 0.0f32;
    for (rx, ry) in x.iter().zip(y) {
        for (a, b) in rx.iter().zip(ry) {
            m = m.max((a - b).abs());
        }
    }
    m
}

fn product<const R: usize, const K: usize, const C: usize>(
    a: &[[f32; K]; R],
    b: &[[f32; C]; K],
) -> [[f32; C]; R] {
    core::array::from_fn(|i| core::array::from_fn(|j| (0..K).map(|k| a[i][k] * b[k][j]).sum()))
}

// --- statrix -------------------------------------------------------------------------------

#[cfg(feature = "statrix")]
mod ops {
    use super::*;
    use statrix::Matrix;

    pub fn lu() -> f32 {
        let a = Matrix::new(black_box(input::<6, 6>(1)));
        let x_true = Matrix::new([[1.0f32], [-2.0], [3.0], [-4.0], [5.0], [-6.0]]);
        let b = black_box(a * x_true);
        match a.lu().and_then(|lu| lu.solve(&b)) {
            Ok(x) => max_abs_diff(&x.0, &x_true.0),
            Err(_) => f32::INFINITY,
        }
    }

    pub fn eig() -> f32 {
        let a = Matrix::new(black_box(symmetric(2)));
        let Ok(e) = a.symmetric_eigen() else {
            return f32::INFINITY;
        };
        let w = Matrix::<f32, 3, 3>::from_fn(|i, j| if i == j { e.eigenvalues[i] } else { 0.0 });
        let back = e.eigenvectors * w * e.eigenvectors.transpose();
        max_abs_diff(&back.0, &a.0)
    }

    pub fn svd() -> f32 {
        let a = Matrix::new(black_box(input::<3, 3>(3)));
        let Ok(s) = a.svd() else {
            return f32::INFINITY;
        };
        let sigma =
            Matrix::<f32, 3, 3>::from_fn(|i, j| if i == j { s.singular_values[i] } else { 0.0 });
        let back = s.u * sigma * s.v_t;
        max_abs_diff(&back.0, &a.0)
    }

    pub fn mm() -> f32 {
        let (a, b) = (black_box(input::<4, 4>(4)), black_box(input::<4, 4>(5)));
        let c = Matrix::new(a) * Matrix::new(b);
        max_abs_diff(&c.0, &product(&a, &b))
    }
}

// --- nalgebra ------------------------------------------------------------------------------

#[cfg(feature = "nalgebra")]
mod ops {
    use super::*;
    use nalgebra::{Matrix3, Matrix4, Matrix6, Vector6};

    fn from_rows<const R: usize, const C: usize>(
        a: &[[f32; C]; R],
    ) -> nalgebra::SMatrix<f32, R, C> {
        nalgebra::SMatrix::<f32, R, C>::from_fn(|i, j| a[i][j])
    }

    fn rows<const R: usize, const C: usize>(m: &nalgebra::SMatrix<f32, R, C>) -> [[f32; C]; R] {
        core::array::from_fn(|i| core::array::from_fn(|j| m[(i, j)]))
    }

    pub fn lu() -> f32 {
        let a: Matrix6<f32> = from_rows(&black_box(input::<6, 6>(1)));
        let x_true = Vector6::new(1.0f32, -2.0, 3.0, -4.0, 5.0, -6.0);
        let b = black_box(a * x_true);
        match a.lu().solve(&b) {
            Some(x) => (x - x_true).amax(),
            None => f32::INFINITY,
        }
    }

    pub fn eig() -> f32 {
        let a: Matrix3<f32> = from_rows(&black_box(symmetric(2)));
        let e = a.symmetric_eigen();
        let back = e.recompose();
        max_abs_diff(&rows(&back), &rows(&a))
    }

    pub fn svd() -> f32 {
        let a: Matrix3<f32> = from_rows(&black_box(input::<3, 3>(3)));
        let s = a.svd(true, true);
        match s.recompose() {
            Ok(back) => max_abs_diff(&rows(&back), &rows(&a)),
            Err(_) => f32::INFINITY,
        }
    }

    pub fn mm() -> f32 {
        let (a, b) = (black_box(input::<4, 4>(4)), black_box(input::<4, 4>(5)));
        let c: Matrix4<f32> = from_rows(&a) * from_rows::<4, 4>(&b);
        max_abs_diff(&rows(&c), &product(&a, &b))
    }
}

#[cfg(any(feature = "statrix", feature = "nalgebra"))]
#[allow(unused_imports)]
use ops::*;
