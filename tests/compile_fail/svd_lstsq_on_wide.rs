use statrix::{Matrix, Vector};

fn main() {
    let a = Matrix::<f64, 2, 3>::ones();
    let b = Vector::<f64, 2>::ones();
    // An underdetermined system: lstsq_wide() gives the minimum-norm solution.
    let _ = a.lstsq(&b);
}
