use statrix::Vector4;

fn main() {
    let a = Vector4::<f64>::zeros();
    let b = Vector4::<f64>::zeros();
    let _ = a.cross(&b);
}
