// An empty matrix has no maximum (NumPy raises ValueError): `argmax` needs R, C >= 1.
use statrix::Matrix;

fn main() {
    let empty = Matrix::<f64, 0, 3>::zeros();
    let _ = empty.argmax();
}
