//! The painted stack of every decomposition and of the operations built on them, at sizes 3,
//! 6 and 16, in `f32` and `f64`, on the Cortex-M4F under QEMU (feature `stack-figures`;
//! `bash stack_figures.sh` builds it, runs it and prints the table).
//!
//! Each entry point is called from a small function of its own through a function pointer
//! (so that it is not inlined into the measuring frame), with the stack below the measuring
//! frame painted first; its result is returned into that frame, so a figure is the stack the
//! call needs beyond the result itself, as a caller that keeps the result would see it. Every
//! result is then checked loosely (a residual, or sums of the eigenvalues or singular values
//! against the trace and the Frobenius norm), so none is optimised away. It prints one line
//! per figure, `stack <row> <entry point> <type> <n> <bytes>`, and exits with status 0 only when
//! every check passed (1: a check failed or the stack reached the statics; 2: a fault; 101: a
//! panic).

#![no_std]
#![no_main]

#[path = "../out.rs"]
mod out;
#[path = "../platform.rs"]
mod platform;
#[allow(dead_code)] // The demo's fixed-depth `paint` and `used`: this program paints deeper.
#[path = "../stack.rs"]
mod stack;

use core::hint::black_box;

#[cfg(feature = "stack-figures-second-set")]
use statrix::Error;
use statrix::{Matrix, Real, SvdMethod, SymmetricEigenMethod, Vector};

/// `f32` or `f64`: the name printed, the checks' tolerance, and conversions for the checks
/// (which are computed in `f64`).
trait Element: Real {
    const NAME: &'static [u8];
    /// A loose tolerance for residuals of matrices of order one: `1e4 eps`.
    const TOLERANCE: f64;
    fn of(x: f64) -> Self;
    fn wide(self) -> f64;
}

impl Element for f32 {
    const NAME: &'static [u8] = b"f32";
    const TOLERANCE: f64 = 1e4 * f32::EPSILON as f64;
    fn of(x: f64) -> f32 {
        x as f32
    }
    fn wide(self) -> f64 {
        f64::from(self)
    }
}

impl Element for f64 {
    const NAME: &'static [u8] = b"f64";
    const TOLERANCE: f64 = 1e4 * f64::EPSILON;
    fn of(x: f64) -> f64 {
        x
    }
    fn wide(self) -> f64 {
        self
    }
}

/// The inputs of one size and type: a non-symmetric and a symmetric positive definite matrix,
/// both strictly diagonally dominant (diagonal 2 to 3.5, off-diagonal row sums below 0.5), so
/// well conditioned, a right-hand side, and, for the error paths of the LU family, the
/// non-symmetric matrix with its last row replaced by its first (exactly singular: the two
/// rows stay equal through elimination, so a pivot is exactly zero).
struct Problem<T, const N: usize> {
    a: Matrix<T, N, N>,
    spd: Matrix<T, N, N>,
    b: Vector<T, N>,
    #[cfg(feature = "stack-figures-second-set")]
    singular: Matrix<T, N, N>,
}

/// A deterministic off-diagonal element in `[-0.5, 0.5)`, divided by `n`.
fn off(i: usize, j: usize, n: usize) -> f64 {
    (((i * 7 + j * 13 + 5) % 17) as f64 / 17.0 - 0.5) / n as f64
}

impl<T: Element, const N: usize> Problem<T, N> {
    fn new() -> Self {
        let diagonal = |i: usize| 2.0 + 0.1 * i as f64;
        Problem {
            a: Matrix::from_fn(|i, j| T::of(if i == j { diagonal(i) } else { off(i, j, N) })),
            spd: Matrix::from_fn(|i, j| {
                T::of(if i == j {
                    diagonal(i)
                } else {
                    off(i.min(j), i.max(j), N)
                })
            }),
            b: Matrix::from_fn(|i, _| T::of(1.0 - 0.125 * i as f64)),
            #[cfg(feature = "stack-figures-second-set")]
            singular: Matrix::from_fn(|i, j| {
                let i = if i + 1 == N { 0 } else { i };
                T::of(if i == j { diagonal(i) } else { off(i, j, N) })
            }),
        }
    }
}

unsafe extern "C" {
    /// The end of the statics, the lowest address the stack may reach (cortex-m-rt's link.x).
    static _stack_end: u32;
}

/// The bytes from `top` down to the end of the statics: all the free stack below the caller.
#[inline(always)]
fn depth(top: usize) -> usize {
    (top - &raw const _stack_end as usize) & !3
}

/// Paints all the free stack below `top`, where `top` is what [`stack::here`] returned in the
/// caller.
#[inline(never)]
fn paint(top: usize) {
    // SAFETY: the range ends at the end of the statics; this function's frame is within the
    // unpainted gap below `top`, and no interrupt is enabled.
    unsafe { stack::paint_depth(top, depth(top)) }
}

/// The bytes below `top` used since [`paint`].
#[inline(never)]
fn used(top: usize) -> usize {
    // SAFETY: the range `paint` wrote, read back.
    unsafe { stack::used_depth(top, depth(top)) }
}

/// Calls `call(problem)` on freshly painted stack: its result, and the stack it used below
/// this frame (which holds the result).
#[inline(never)]
fn measure<P, O>(problem: &P, call: fn(&P) -> O) -> (O, usize) {
    let top = stack::here();
    paint(top);
    let out = black_box(call)(black_box(problem));
    let bytes = used(top);
    // A figure that reached the statics is not a measurement (and they may be damaged).
    let bytes = if bytes >= depth(top) {
        usize::MAX
    } else {
        bytes
    };
    (out, bytes)
}

/// `m[(i, j)]` in `f64`.
fn at<T: Element, const R: usize, const C: usize>(m: &Matrix<T, R, C>, i: usize, j: usize) -> f64 {
    m[(i, j)].wide()
}

/// `max |A x - b|` over the columns of `x` and `b`.
#[cfg(not(feature = "stack-figures-second-set"))]
fn residual<T: Element, const N: usize, const K: usize>(
    a: &Matrix<T, N, N>,
    x: &Matrix<T, N, K>,
    b: &Matrix<T, N, K>,
) -> f64 {
    let mut worst = 0.0f64;
    for i in 0..N {
        for k in 0..K {
            let ax = (0..N).fold(0.0, |s, j| s + at(a, i, j) * at(x, j, k));
            worst = worst.max((ax - at(b, i, k)).abs());
        }
    }
    worst
}

/// `max |P M Q^T - A|`, the residual of a factorization `A = P M Q^T`.
fn recomposed<T: Element, const N: usize>(
    p: &Matrix<T, N, N>,
    m: &Matrix<T, N, N>,
    q: &Matrix<T, N, N>,
    a: &Matrix<T, N, N>,
) -> f64 {
    let mut worst = 0.0f64;
    for i in 0..N {
        for j in 0..N {
            let mut s = 0.0;
            for k in 0..N {
                for l in 0..N {
                    s += at(p, i, k) * at(m, k, l) * at(q, j, l);
                }
            }
            worst = worst.max((s - at(a, i, j)).abs());
        }
    }
    worst
}

/// The trace and the squared Frobenius norm.
fn trace_and_square<T: Element, const N: usize>(a: &Matrix<T, N, N>) -> (f64, f64) {
    let trace = (0..N).fold(0.0, |s, i| s + at(a, i, i));
    let square = a.iter().fold(0.0, |s, &x| s + x.wide() * x.wide());
    (trace, square)
}

/// Eigenvalues whose sum is the trace and whose squares sum to `|A|_F^2` (a symmetric `A`).
fn symmetric_values_ok<T: Element, const N: usize>(a: &Matrix<T, N, N>, w: &Vector<T, N>) -> bool {
    let (trace, square) = trace_and_square(a);
    let sum = w.iter().fold(0.0, |s, &x| s + x.wide());
    let squares = w.iter().fold(0.0, |s, &x| s + x.wide() * x.wide());
    (sum - trace).abs() <= T::TOLERANCE * N as f64
        && (squares - square).abs() <= T::TOLERANCE * square
}

/// Singular values whose squares sum to `|A|_F^2`, in descending order.
fn singular_values_ok<T: Element, const N: usize>(a: &Matrix<T, N, N>, s: &Vector<T, N>) -> bool {
    let (_, square) = trace_and_square(a);
    let squares = s.iter().fold(0.0, |acc, &x| acc + x.wide() * x.wide());
    let descending = (1..N).all(|i| at(s, i, 0) <= at(s, i - 1, 0));
    descending && (squares - square).abs() <= T::TOLERANCE * square
}

/// `max_j max_i |(A v_j - lambda_j v_j)_i|` for complex eigenpairs of a real `A`.
#[cfg(not(feature = "stack-figures-second-set"))]
fn eigenpair_residual<T: Element, const N: usize>(
    a: &Matrix<T, N, N>,
    w: &Vector<statrix::Complex<T>, N>,
    v: &Matrix<statrix::Complex<T>, N, N>,
) -> f64 {
    let mut worst = 0.0f64;
    for j in 0..N {
        let (lr, li) = (w[(j, 0)].re.wide(), w[(j, 0)].im.wide());
        for i in 0..N {
            let (mut re, mut im) = (0.0, 0.0);
            for k in 0..N {
                re += at(a, i, k) * v[(k, j)].re.wide();
                im += at(a, i, k) * v[(k, j)].im.wide();
            }
            let (vr, vi) = (v[(i, j)].re.wide(), v[(i, j)].im.wide());
            re -= lr * vr - li * vi;
            im -= lr * vi + li * vr;
            worst = worst.max(re.abs()).max(im.abs());
        }
    }
    worst
}

/// Eigenvalues of a real `A` whose sum is its trace (and whose imaginary parts cancel).
#[cfg(not(feature = "stack-figures-second-set"))]
fn eigenvalues_ok<T: Element, const N: usize>(
    a: &Matrix<T, N, N>,
    w: &Vector<statrix::Complex<T>, N>,
) -> bool {
    let (trace, _) = trace_and_square(a);
    let re = w.iter().fold(0.0, |s, z| s + z.re.wide());
    let im = w.iter().fold(0.0, |s, z| s + z.im.wide());
    (re - trace).abs() <= T::TOLERANCE * N as f64 && im.abs() <= T::TOLERANCE * N as f64
}

/// Measures and checks every entry point of this build's set on `p`, in the table's order;
/// `report(position, name, bytes, ok)` takes each figure (`position`: its row in the table).
///
/// Two sets, one per build (the feature `stack-figures-second-set` selects the second), so
/// that no entry point has two callers in one program at a given size and type: whether the
/// optimiser inlines it, and with it the stack, depends on that (`lu()` then `Lu::solve` kept
/// one more copy of the factorization when `lu` had a second caller). The second set holds
/// the other method of the decompositions that have two, and the error paths of the LU family.
/// The checks call no entry point, for the same reason.
fn measure_all<T: Element, const N: usize>(
    p: &Problem<T, N>,
    report: &mut dyn FnMut(usize, &'static str, usize, bool),
) {
    let ((), used) = measure(p, |_| ());
    report(0, "nothing", used, true);
    #[cfg(not(feature = "stack-figures-second-set"))]
    {
        let tol = T::TOLERANCE;
        let (x, used) = measure(p, |p| p.a.lu().and_then(|lu| lu.solve(&p.b)));
        let ok = x.is_ok_and(|x| residual(&p.a, &x, &p.b) <= tol);
        report(1, "lu()+Lu::solve", used, ok);

        let (x, used) = measure(p, |p| p.a.solve(&p.b));
        let ok = x.is_ok_and(|x| residual(&p.a, &x, &p.b) <= tol);
        report(2, "solve", used, ok);

        let (det, used) = measure(p, |p| p.a.det());
        let reference = determinant(&p.a);
        report(
            3,
            "det",
            used,
            (det.wide() - reference).abs() <= tol * reference.abs(),
        );

        let (x, used) = measure(p, |p| p.a.inverse());
        let ok = x.is_ok_and(|x| residual(&p.a, &x, &Matrix::identity()) <= tol);
        report(4, "inverse", used, ok);

        let (x, used) = measure(p, |p| p.spd.cholesky().and_then(|c| c.solve(&p.b)));
        let ok = x.is_ok_and(|x| residual(&p.spd, &x, &p.b) <= tol);
        report(5, "cholesky()+Cholesky::solve", used, ok);

        let (x, used) = measure(p, |p| p.a.qr().and_then(|qr| qr.solve(&p.b)));
        let ok = x.is_ok_and(|x| residual(&p.a, &x, &p.b) <= tol);
        report(6, "qr()+Qr::solve", used, ok);

        let (x, used) = measure(p, |p| p.a.lstsq(&p.b));
        let ok = x.is_ok_and(|x| x.rank == N && residual(&p.a, &x.solution, &p.b) <= tol);
        report(7, "lstsq", used, ok);

        let (e, used) = measure(p, |p| {
            p.spd.symmetric_eigen_by(SymmetricEigenMethod::Jacobi)
        });
        let ok = e.is_ok_and(|e| symmetric_pairs_ok(&p.spd, &e.eigenvalues, &e.eigenvectors));
        report(8, "symmetric_eigen_by(Jacobi)", used, ok);

        let (w, used) = measure(p, |p| {
            p.spd.symmetric_eigenvalues_by(SymmetricEigenMethod::Jacobi)
        });
        let ok = w.is_ok_and(|w| symmetric_values_ok(&p.spd, &w));
        report(9, "symmetric_eigenvalues_by(Jacobi)", used, ok);

        let (s, used) = measure(p, |p| p.a.svd_by(SvdMethod::Jacobi));
        let ok = s.is_ok_and(|s| svd_ok(&p.a, &s.u, &s.singular_values, &s.v_t));
        report(12, "svd_by(Jacobi)", used, ok);

        let (s, used) = measure(p, |p| p.a.singular_values_by(SvdMethod::Jacobi));
        let ok = s.is_ok_and(|s| singular_values_ok(&p.a, &s));
        report(13, "singular_values_by(Jacobi)", used, ok);

        let (h, used) = measure(p, |p| p.a.hessenberg());
        let ok = h.is_ok_and(|h| recomposed(&h.q, &h.h, &h.q, &p.a) <= tol);
        report(16, "hessenberg", used, ok);

        let (s, used) = measure(p, |p| p.a.schur());
        let ok = s.is_ok_and(|s| recomposed(&s.z, &s.t, &s.z, &p.a) <= tol);
        report(17, "schur", used, ok);

        let (e, used) = measure(p, |p| p.a.eigen());
        let ok = e.is_ok_and(|e| eigenpair_residual(&p.a, &e.eigenvalues, &e.eigenvectors) <= tol);
        report(18, "eigen", used, ok);

        let (w, used) = measure(p, |p| p.a.eigenvalues());
        report(
            19,
            "eigenvalues",
            used,
            w.is_ok_and(|w| eigenvalues_ok(&p.a, &w)),
        );

        let (x, used) = measure(p, |p| p.a.pseudo_inverse());
        let ok = x.is_ok_and(|x| residual(&p.a, &x, &Matrix::identity()) <= tol);
        report(20, "pseudo_inverse", used, ok);
    }
    #[cfg(feature = "stack-figures-second-set")]
    {
        let (e, used) = measure(p, |p| {
            p.spd
                .symmetric_eigen_by(SymmetricEigenMethod::TridiagonalQl)
        });
        let ok = e.is_ok_and(|e| symmetric_pairs_ok(&p.spd, &e.eigenvalues, &e.eigenvectors));
        report(10, "symmetric_eigen_by(TridiagonalQl)", used, ok);

        let (w, used) = measure(p, |p| {
            p.spd
                .symmetric_eigenvalues_by(SymmetricEigenMethod::TridiagonalQl)
        });
        let ok = w.is_ok_and(|w| symmetric_values_ok(&p.spd, &w));
        report(11, "symmetric_eigenvalues_by(TridiagonalQl)", used, ok);

        let (s, used) = measure(p, |p| p.a.svd_by(SvdMethod::BidiagonalQr));
        let ok = s.is_ok_and(|s| svd_ok(&p.a, &s.u, &s.singular_values, &s.v_t));
        report(14, "svd_by(BidiagonalQr)", used, ok);

        let (s, used) = measure(p, |p| p.a.singular_values_by(SvdMethod::BidiagonalQr));
        let ok = s.is_ok_and(|s| singular_values_ok(&p.a, &s));
        report(15, "singular_values_by(BidiagonalQr)", used, ok);

        // The error paths: a zero pivot sends the LU family to its out-of-line paths
        // (`lu/cold.rs`), which factor the matrix again.
        let (x, used) = measure(p, |p| p.singular.lu().and_then(|lu| lu.solve(&p.b)));
        report(21, "lu()+Lu::solve:singular", used, singular(&x));

        let (x, used) = measure(p, |p| p.singular.solve(&p.b));
        report(22, "solve:singular", used, singular(&x));

        let (det, used) = measure(p, |p| p.singular.det());
        report(23, "det:singular", used, det == T::ZERO);

        let (x, used) = measure(p, |p| p.singular.inverse());
        report(24, "inverse:singular", used, singular(&x));
    }
}

/// Whether `x` is the error of a singular matrix.
#[cfg(feature = "stack-figures-second-set")]
fn singular<X>(x: &Result<X, Error>) -> bool {
    matches!(x, Err(Error::Singular { .. }))
}

/// The determinant in `f64`, by Gaussian elimination with partial pivoting (the check of
/// `det`, independent of the crate's code).
#[cfg(not(feature = "stack-figures-second-set"))]
fn determinant<T: Element, const N: usize>(a: &Matrix<T, N, N>) -> f64 {
    let mut m: [[f64; N]; N] = core::array::from_fn(|i| core::array::from_fn(|j| at(a, i, j)));
    let mut det = 1.0;
    for k in 0..N {
        let p = (k..N).fold(k, |p, i| if m[i][k].abs() > m[p][k].abs() { i } else { p });
        if p != k {
            m.swap(p, k);
            det = -det;
        }
        let (top, rest) = m.split_at_mut(k + 1);
        let pivot_row = &top[k];
        let pivot = pivot_row[k];
        det *= pivot;
        for row in rest {
            let l = row[k] / pivot;
            for (x, &y) in row[k..].iter_mut().zip(&pivot_row[k..]) {
                *x -= l * y;
            }
        }
    }
    det
}

/// `max |A V - V diag(w)|` within the tolerance.
fn symmetric_pairs_ok<T: Element, const N: usize>(
    a: &Matrix<T, N, N>,
    w: &Vector<T, N>,
    v: &Matrix<T, N, N>,
) -> bool {
    let vw = Matrix::<T, N, N>::from_fn(|i, k| v[(i, k)] * w[(k, 0)]);
    let mut worst = 0.0f64;
    for i in 0..N {
        for k in 0..N {
            let av = (0..N).fold(0.0, |s, j| s + at(a, i, j) * at(v, j, k));
            worst = worst.max((av - at(&vw, i, k)).abs());
        }
    }
    worst <= T::TOLERANCE
}

/// `A = U diag(s) V^T` within the tolerance, with valid singular values.
fn svd_ok<T: Element, const N: usize>(
    a: &Matrix<T, N, N>,
    u: &Matrix<T, N, N>,
    s: &Vector<T, N>,
    v_t: &Matrix<T, N, N>,
) -> bool {
    let sigma = Matrix::<T, N, N>::from_fn(|i, j| if i == j { s[(i, 0)] } else { T::ZERO });
    let v = v_t.transpose();
    singular_values_ok(a, s) && recomposed(u, &sigma, &v, a) <= T::TOLERANCE
}

/// Every row at one size and type: prints the figures, returns whether every check passed.
#[inline(never)]
fn run_size<T: Element, const N: usize>() -> bool {
    let problem = Problem::<T, N>::new();
    let mut all_ok = true;
    measure_all(&problem, &mut |position, name, bytes, ok| {
        let ok = ok && bytes != usize::MAX;
        let (mut p, mut n, mut b) = ([0; 20], [0; 20], [0; 20]);
        out::line(&[
            if ok { b"stack " } else { b"FAILED " },
            out::decimal(position, &mut p),
            b" ",
            name.as_bytes(),
            b" ",
            T::NAME,
            b" ",
            out::decimal(N, &mut n),
            b" ",
            out::decimal(if ok { bytes } else { 0 }, &mut b),
        ]);
        all_ok &= ok;
    });
    all_ok
}

/// Runs every size and type; the exit status: 0 when every check passed, 1 otherwise.
fn run_all() -> i32 {
    let ok = [
        run_size::<f32, 3>(),
        run_size::<f32, 6>(),
        run_size::<f32, 16>(),
        run_size::<f64, 3>(),
        run_size::<f64, 6>(),
        run_size::<f64, 16>(),
    ];
    if ok.iter().all(|&ok| ok) {
        out::line(&[b"PASS"]);
        0
    } else {
        out::line(&[b"FAIL"]);
        1
    }
}
