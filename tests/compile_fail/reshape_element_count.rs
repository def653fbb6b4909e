use statrix::Matrix;

fn main() {
    let m = Matrix::<f64, 2, 3>::zeros();
    // 6 elements cannot become 8.
    let _ = m.reshape::<4, 2>();
}
