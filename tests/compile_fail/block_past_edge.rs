use statrix::Matrix;

fn main() {
    let m = Matrix::<f64, 3, 3>::zeros();
    // Rows 2..4 of a 3-row matrix.
    let _ = m.block::<2, 0, 2, 2>();
}
