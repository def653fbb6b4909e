use statrix::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    // Eigenvalues exist for square matrices only.
    let _ = a.eigen();
}
