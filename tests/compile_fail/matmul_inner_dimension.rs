use statrix::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 3>::zeros();
    let b = Matrix::<f64, 2, 3>::zeros();
    // (2 x 3) @ (2 x 3): the inner dimensions 3 and 2 differ.
    let _ = a * b;
}
