//! Every operation whose failing twin is in `tests/compile_fail/`, with shapes that agree.
use statrix::{Matrix, vector};

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let b = Matrix::<f64, 3, 4>::zeros();
    let _product: Matrix<f64, 2, 4> = a * b;
    let _sum = a + Matrix::<f64, 2, 3>::ones();
    let _reshaped: Matrix<f64, 3, 2> = a.reshape::<3, 2>();
    let _wide: Matrix<f64, 2, 6> = a.hstack(&Matrix::<f64, 2, 3>::zeros());
    let _tall: Matrix<f64, 5, 3> = a.vstack(&Matrix::<f64, 3, 3>::zeros());
    let _block = b.block::<1, 1, 2, 3>();
    let mut c = b;
    c.set_block::<0, 2, 3, 2>(&Matrix::zeros());
    let _cross = vector![1.0, 0.0, 0.0].cross(&vector![0.0, 1.0, 0.0]);
    let _diagonal = Matrix::<f64, 2, 2>::from_diagonal(&vector![1.0, 2.0]);
}
