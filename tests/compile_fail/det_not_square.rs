use statrix::Matrix;

fn main() {
    // det, lu, cholesky and trace exist only for square matrices.
    let _ = Matrix::<f64, 2, 3>::zeros().det();
}
