use statrix::Matrix;

fn main() {
    // inverse and solve exist only for square matrices (np.linalg.pinv is the rectangular
    // generalisation).
    let _ = Matrix::<f64, 3, 2>::zeros().inverse();
}
