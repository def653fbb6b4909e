use statrix::Matrix;

fn main() {
    let a = Matrix::<f32, 4, 2>::ones();
    // A tall matrix has min(R, C) = C singular values: svd() is the method for it.
    let _ = a.svd_wide();
}
