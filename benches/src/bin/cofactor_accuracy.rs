//! The accuracy of the closed forms (`det_cofactor`, `inverse_cofactor`) against LU (`det`,
//! `inverse`) at 2x2, 3x3 and 4x4, f32 and f64: the figures quoted in
//! `src/linalg/cofactor.rs` and the README.
//!
//! ```text
//! cargo run --release -p statrix-benches --bin cofactor_accuracy
//! ```
//!
//! Families (`SAMPLES` matrices each, from a fixed seed):
//! - `random`: entries uniform in `[-1, 1)`;
//! - `graded`: `D1 A D2`, `A` random as above, `D1`, `D2` diagonal with entries `10^e`, the
//!   exponents `-8..=8` evenly spaced and shuffled, rounded once to the type;
//! - `ill-conditioned`: `U diag(s) V^T`, `U`, `V` the `Q` factors of random matrices, `s`
//!   geometric from 1 to `1e-8` (f64) or `1e-4` (f32), rounded once to the type.
//!
//! Printed per family, size and type, for LU and the closed form, the median and the largest
//! value over the samples of:
//! - `det`: the relative error `|det_hat - det| / |det|` in units of `eps`, against a
//!   reference computed by LU with partial pivoting in double-double arithmetic (about 106
//!   bits) on the same (rounded) matrix;
//! - `res`: the componentwise residual `max_ij |A X_hat - I|_ij / (|A| |X_hat|)_ij` in
//!   units of `eps`, with `A X_hat - I` in double-double (the normwise residual hides the
//!   small entries of graded matrices).
//!
//! A matrix where a method returns an error is counted apart (`errors`).

use statrix::{Error, Matrix};

const SAMPLES: usize = 10_000;

// --- double-double arithmetic -----------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
struct Dd(f64, f64);

fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let z = s - a;
    (s, (a - (s - z)) + (b - z))
}

fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

impl Dd {
    fn from(x: f64) -> Dd {
        Dd(x, 0.0)
    }
    fn add(self, o: Dd) -> Dd {
        let (s, e) = two_sum(self.0, o.0);
        let e = e + self.1 + o.1;
        let (h, l) = two_sum(s, e);
        Dd(h, l)
    }
    fn neg(self) -> Dd {
        Dd(-self.0, -self.1)
    }
    fn sub(self, o: Dd) -> Dd {
        self.add(o.neg())
    }
    fn mul(self, o: Dd) -> Dd {
        let (p, e) = two_prod(self.0, o.0);
        let e = e + (self.0 * o.1 + self.1 * o.0);
        let (h, l) = two_sum(p, e);
        Dd(h, l)
    }
    fn div(self, o: Dd) -> Dd {
        let q = self.0 / o.0;
        let r = self.sub(o.mul(Dd::from(q)));
        let q2 = r.0 / o.0;
        let (h, l) = two_sum(q, q2);
        Dd(h, l)
    }
    fn abs(self) -> f64 {
        self.0.abs()
    }
}

/// The determinant by LU with partial pivoting in double-double.
fn det_dd<const N: usize>(a: &[[f64; N]; N]) -> f64 {
    let mut m: [[Dd; N]; N] = a.map(|r| r.map(Dd::from));
    let mut det = Dd::from(1.0);
    for k in 0..N {
        let p = (k..N)
            .max_by(|&i, &j| m[i][k].abs().total_cmp(&m[j][k].abs()))
            .unwrap_or(k);
        if m[p][k].0 == 0.0 {
            return 0.0;
        }
        if p != k {
            m.swap(p, k);
            det = det.neg();
        }
        det = det.mul(m[k][k]);
        let pivot_row = m[k];
        for row in m.iter_mut().skip(k + 1) {
            let l = row[k].div(pivot_row[k]);
            for (x, &u) in row.iter_mut().zip(&pivot_row).skip(k + 1) {
                *x = x.sub(l.mul(u));
            }
        }
    }
    det.0 + det.1
}

/// `max_ij |A X - I|_ij / (|A| |X|)_ij`, the componentwise residual, `A X - I` in
/// double-double.
fn residual<const N: usize>(a: &[[f64; N]; N], x: &[[f64; N]; N]) -> f64 {
    let mut worst: f64 = 0.0;
    for (i, row) in a.iter().enumerate() {
        for j in 0..N {
            let mut s = Dd::from(if i == j { -1.0 } else { 0.0 });
            let mut scale = 0.0;
            for (&a_ik, x_k) in row.iter().zip(x) {
                s = s.add(Dd::from(a_ik).mul(Dd::from(x_k[j])));
                scale += (a_ik * x_k[j]).abs();
            }
            let r = (s.0 + s.1).abs();
            if r > 0.0 {
                worst = worst.max(r / scale);
            }
        }
    }
    worst
}

// --- inputs -----------------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[-1, 1)`.
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
    fn matrix<const N: usize>(&mut self) -> [[f64; N]; N] {
        core::array::from_fn(|_| core::array::from_fn(|_| self.uniform()))
    }
    /// `10^e` for the exponents `-8..=8` evenly spaced over `N` values, shuffled.
    fn grading<const N: usize>(&mut self) -> [f64; N] {
        let mut e: [f64; N] = core::array::from_fn(|i| -8.0 + 16.0 * i as f64 / (N - 1) as f64);
        for i in (1..N).rev() {
            let k = (self.next() % (i as u64 + 1)) as usize;
            e.swap(i, k);
        }
        e.map(|e| 10f64.powf(e))
    }
}

fn orthogonal<const N: usize>(rng: &mut Rng) -> Matrix<f64, N, N> {
    Matrix::new(rng.matrix::<N>())
        .qr()
        .expect("finite input")
        .q_full()
}

/// One matrix of a family, in f64 (rounded to the type by the caller).
fn sample<const N: usize>(family: &str, rng: &mut Rng, smallest: f64) -> [[f64; N]; N] {
    match family {
        "random" => rng.matrix(),
        "graded" => {
            let a = rng.matrix::<N>();
            let (d1, d2) = (rng.grading::<N>(), rng.grading::<N>());
            core::array::from_fn(|i| core::array::from_fn(|j| d1[i] * a[i][j] * d2[j]))
        }
        _ => {
            let (u, v) = (orthogonal::<N>(rng), orthogonal::<N>(rng));
            let s = Matrix::<f64, N, N>::from_fn(|i, j| {
                if i == j {
                    smallest.powf(i as f64 / (N - 1) as f64)
                } else {
                    0.0
                }
            });
            (u * s * v.transpose()).into_array()
        }
    }
}

// --- the measurement --------------------------------------------------------------------------

#[derive(Default)]
struct Figures {
    det: Vec<f64>,
    res: Vec<f64>,
    errors: usize,
}

impl Figures {
    fn summary(v: &mut [f64]) -> String {
        if v.is_empty() {
            return "-".into();
        }
        v.sort_by(f64::total_cmp);
        format!("{:.2e} / {:.2e}", v[v.len() / 2], v[v.len() - 1])
    }
}

trait Elem: statrix::Real + Into<f64> {
    const NAME: &'static str;
    fn from_f64_rounded(x: f64) -> Self;
}
impl Elem for f32 {
    const NAME: &'static str = "f32";
    fn from_f64_rounded(x: f64) -> f32 {
        x as f32
    }
}
impl Elem for f64 {
    const NAME: &'static str = "f64";
    fn from_f64_rounded(x: f64) -> f64 {
        x
    }
}

/// The closed forms, for the sizes that have them.
trait Closed<T>: Sized {
    fn det_c(&self) -> T;
    fn inverse_c(&self) -> Result<Self, Error>;
}

macro_rules! closed {
    ($($n:literal),*) => {$(
        impl<T: statrix::Real> Closed<T> for Matrix<T, $n, $n> {
            fn det_c(&self) -> T {
                self.det_cofactor()
            }
            fn inverse_c(&self) -> Result<Self, Error> {
                self.inverse_cofactor()
            }
        }
    )*};
}
closed!(2, 3, 4);

fn measure<T: Elem, const N: usize>(family: &str)
where
    Matrix<T, N, N>: Closed<T>,
{
    let eps: f64 = T::epsilon().into();
    let smallest = if T::NAME == "f64" { 1e-8 } else { 1e-4 };
    let mut rng = Rng(0x5EED ^ (N as u64) << 8 ^ family.len() as u64);
    let (mut lu, mut cf) = (Figures::default(), Figures::default());
    for _ in 0..SAMPLES {
        let a64 = sample::<N>(family, &mut rng, smallest);
        let a = Matrix::<T, N, N>::from_fn(|i, j| T::from_f64_rounded(a64[i][j]));
        let exact: [[f64; N]; N] = a.map(Into::into).into_array();
        let det = det_dd(&exact);
        if det == 0.0 {
            continue;
        }
        for (fig, d, x) in [
            (&mut lu, a.det(), a.inverse()),
            (&mut cf, a.det_c(), a.inverse_c()),
        ] {
            let d: f64 = d.into();
            fig.det.push((d - det).abs() / det.abs() / eps);
            match x {
                Ok(x) => {
                    let x: [[f64; N]; N] = x.map(Into::into).into_array();
                    fig.res.push(residual(&exact, &x) / eps);
                }
                Err(_) => fig.errors += 1,
            }
        }
    }
    println!(
        "| {} | {N} | {family} | {} | {} | {} | {} | {} |",
        T::NAME,
        Figures::summary(&mut lu.det),
        Figures::summary(&mut cf.det),
        Figures::summary(&mut lu.res),
        Figures::summary(&mut cf.res),
        if lu.errors + cf.errors == 0 {
            "-".to_string()
        } else {
            format!("{} / {}", lu.errors, cf.errors)
        },
    );
}

fn main() {
    println!("median / largest over {SAMPLES} matrices, in units of eps");
    println!(
        "| type | n | family | LU det | cofactor det | LU residual | cofactor residual | errors LU / cofactor |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for family in ["random", "graded", "ill-conditioned"] {
        measure::<f64, 2>(family);
        measure::<f64, 3>(family);
        measure::<f64, 4>(family);
        measure::<f32, 2>(family);
        measure::<f32, 3>(family);
        measure::<f32, 4>(family);
    }
}
