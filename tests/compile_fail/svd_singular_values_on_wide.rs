use statrix::Matrix;

fn main() {
    let a = Matrix::<f64, 1, 4>::ones();
    let _ = a.singular_values();
}
