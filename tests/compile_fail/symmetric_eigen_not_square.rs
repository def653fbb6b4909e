use statrix::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    // Only square matrices have an eigendecomposition.
    let _ = a.symmetric_eigen();
}
