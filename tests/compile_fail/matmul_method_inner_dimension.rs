use statrix::Matrix;

fn main() {
    let x = Matrix::<f32, 32, 128>::zeros();
    let w = Matrix::<f32, 64, 128>::zeros();
    // The weights should be 128 x 64.
    let _ = x.matmul(&w);
}
