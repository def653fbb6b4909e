use statrix::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 2>::zeros();
    let b = Matrix::<f64, 2, 3>::zeros();
    // 2 + 3 columns is 5, not 4.
    let _: Matrix<f64, 2, 4> = a.hstack(&b);
}
