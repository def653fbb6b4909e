use statrix::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 2>::zeros();
    let b = Matrix::<f64, 3, 2>::zeros();
    // Side by side needs the same number of rows.
    let _: Matrix<f64, 2, 4> = a.hstack(&b);
}
