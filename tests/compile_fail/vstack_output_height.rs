use statrix::Matrix;

fn main() {
    let a = Matrix::<f64, 1, 3>::zeros();
    let b = Matrix::<f64, 2, 3>::zeros();
    // 1 + 2 rows is 3, not 4.
    let _: Matrix<f64, 4, 3> = a.vstack(&b);
}
