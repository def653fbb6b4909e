use statrix::Matrix;

fn main() {
    let a = Matrix::<i32, 2, 3>::zeros();
    let b = Matrix::<i32, 3, 2>::zeros();
    let _ = a + b;
}
