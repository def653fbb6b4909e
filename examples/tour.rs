//! The NumPy "Math Operations for ML" tour, line by line, in statrix.
//!
//! Each block prints the NumPy statement, then what statrix prints for it; the output
//! matches NumPy's `print` character for character.
//!
//! Run with `cargo run --release --example tour`.

use statrix::{Matrix, NumpyScalar, RowVector, matrix, vector};

/// Prints the NumPy line being reproduced, then its value.
macro_rules! show {
    ($numpy:literal, $value:expr) => {
        println!(">>> {}", $numpy);
        println!("{}", $value);
    };
}

/// One fully-connected layer, `X @ W + b`: the shapes are checked by the compiler, for any
/// batch size.
fn linear_layer<const BATCH: usize, const IN: usize, const OUT: usize>(
    x: &Matrix<f64, BATCH, IN>,
    w: &Matrix<f64, IN, OUT>,
    b: &RowVector<f64, OUT>,
) -> Matrix<f64, BATCH, OUT> {
    (x * w).add_row_broadcast(b)
}

fn matrix_multiplication() {
    println!("## Matrix Multiplication\n");
    let a = matrix![1, 2; 3, 4];
    let b = matrix![5, 6; 7, 8];
    show!("print(a * b)", a.hadamard(&b));
    show!("print(a @ b)", a * b);
    show!("print(np.matmul(a, b))", a.matmul(&b));

    let v1 = vector![1.0, 2.0, 3.0];
    let v2 = vector![4.0, 5.0, 6.0];
    show!("print(np.dot(v1, v2))", NumpyScalar(v1.dot(&v2)));

    // The tour draws X and W with np.random.randn; only the shape is printed, so any
    // values do. Deterministic ones keep this program reproducible.
    const BATCH: usize = 32;
    const IN: usize = 128;
    const OUT: usize = 64;
    let x = Matrix::<f64, BATCH, IN>::from_fn(|i, j| ((i * IN + j) % 17) as f64 / 8.0 - 1.0);
    let w = Matrix::<f64, IN, OUT>::from_fn(|i, j| ((i * OUT + j) % 13) as f64 * 0.01 - 0.06);
    let bias = RowVector::<f64, OUT>::zeros();
    let output = linear_layer(&x, &w, &bias);
    show!("print(output.shape)", format!("{:?}", output.shape()));
    println!();
}

fn common_linear_algebra() {
    println!("## Common Linear Algebra Operations\n");
    let a = matrix![4.0, 7.0; 2.0, 6.0];
    show!("print(A.T)", a.transpose());

    let v = vector![3.0, 4.0];
    show!("print(np.linalg.norm(v))", NumpyScalar(v.norm()));
    show!("print(np.linalg.norm(v, ord=1))", NumpyScalar(v.norm_l1()));
    show!(
        "print(np.linalg.norm(v, ord=np.inf))",
        NumpyScalar(v.norm_linf())
    );

    // The tour's M is np.random.randn(4, 4); a fixed M keeps the output comparable.
    let m = matrix![
        0.5, -1.25, 2.0, 0.75;
        1.5, 0.25, -0.5, 3.0;
        -2.25, 1.0, 0.125, -1.75;
        0.875, -0.625, 1.375, 2.5
    ];
    show!("print(np.linalg.norm(M, 'fro'))", NumpyScalar(m.norm_fro()));
    println!();
}

fn main() {
    matrix_multiplication();
    common_linear_algebra();
}
