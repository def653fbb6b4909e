use statrix::Matrix;

fn main() {
    let mut m = Matrix::<f64, 3, 3>::zeros();
    // Columns 2..4 of a 3-column matrix.
    m.set_block::<0, 2, 2, 2>(&Matrix::zeros());
}
