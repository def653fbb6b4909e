use statrix::Matrix;

fn main() {
    let wide = Matrix::<f64, 2, 3>::zeros();
    // QR needs at least as many rows as columns.
    let _ = wide.qr();
}
