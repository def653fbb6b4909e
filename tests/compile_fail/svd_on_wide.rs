use statrix::Matrix;

fn main() {
    let a = Matrix::<f64, 2, 3>::ones();
    // A wide matrix has min(R, C) = R singular values: svd_wide() is the method for it.
    let _ = a.svd();
}
