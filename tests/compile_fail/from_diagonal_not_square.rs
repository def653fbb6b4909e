use statrix::{vector, Matrix};

fn main() {
    let _ = Matrix::<f64, 2, 3>::from_diagonal(&vector![1.0, 2.0]);
}
