//! statrix against nalgebra, numeris (and glam where it has the operation) on the
//! decompositions of small fixed-size matrices.
//!
//! Every group times one operation on the same inputs in each library:
//!
//! | group | statrix | nalgebra | glam | numeris |
//! | --- | --- | --- | --- | --- |
//! | `det_{f32,f64}_{2x2,3x3,4x4}` | `det()`; `det_cofactor()` as `statrix_cofactor` | `determinant()` | `Mat2/3/4`, `DMat2/3/4` `determinant()` | `det()` |
//! | `det_f64_6x6` | `det()` | `determinant()` | - | `det()` |
//! | `inverse_{f32,f64}_{2x2,3x3,4x4}` | `inverse()`; `inverse_cofactor()` as `statrix_cofactor` | `try_inverse()` | `Mat2/3/4`, `DMat2/3/4` `inverse()` | `inverse()` |
//! | `inverse_f64_6x6` | `inverse()` | `try_inverse()` | - | `inverse()` |
//! | `solve_f64_{3x3,4x4,6x6,8x8,16x16}`, `solve_f32_6x6` | `solve(&b)` (LU) | `lu().solve(&b)` | - | `solve(&b)` (LU) |
//! | `cholesky_solve_f64_{4x4,8x8}` | `cholesky()?.solve(&b)` | `cholesky()?.solve(&b)` | - | `cholesky()?.solve(&b)` |
//! | `qr_f64_{4x4,8x8,16x4}` | `qr()`, then `q()` and `r()` | `qr()`, then `q()` and `r()` | - | `qr()?`, then `q()` and `r()` |
//! | `symmetric_eigen_{f32_3x3,f64_{3x3,4x4,6x6,8x8,16x16}}` | `symmetric_eigen()` (Jacobi); `symmetric_eigen_by(TridiagonalQl)` as `statrix_tridiagonal` | `symmetric_eigen()` | - | `eig_symmetric()` |
//! | `svd_{f32_3x3,f64_{3x3,4x4,6x6,8x8,16x16,16x4}}` | `svd()` (U, S, V^T; Jacobi); `svd_by(BidiagonalQr)` as `statrix_bidiagonal` | `svd(true, true)` | - | `svd()` (full U, S, V^T) |
//! | `eigen_f64_{4x4,8x8}` | `eigenvalues()`; `eigen()` as `statrix_vectors` | `complex_eigenvalues()` | - | `eigenvalues()` |
//!
//! A solve group factors and solves one right-hand side per call, as NumPy's
//! `np.linalg.solve`. In the `eigen` groups the `nalgebra` and `numeris` lines time
//! eigenvalues only: neither has eigenvectors of a non-symmetric matrix, so
//! `statrix_vectors` (eigenvalues and eigenvectors, NumPy's `eig`) has no peer and is there
//! to show what the vectors cost. nalgebra's 3x3 SVD is a special method (the eigenvectors of
//! `A^T A`, then QR); its 2x2 and 3x3 `determinant` and its 2x2, 3x3 and 4x4 `try_inverse`
//! are cofactor formulas, as glam's; statrix's `det` and `inverse` use LU from 3x3 up (see
//! `small_inverse.rs` for why), and its `det_cofactor` and `inverse_cofactor` (the
//! `statrix_cofactor` lines) are the closed forms, glam's formulas.
//!
//! numeris (0.6) has every operation timed here for static matrices, with these
//! differences: its `det` and `inverse` are closed (cofactor) formulas up to 4x4 and LU
//! above; its symmetric eigensolver is a closed formula at 2x2 and 3x3 and tridiagonal QR
//! above; its SVD always forms the full `R x R` `U` (no thin SVD, so its 16x4 row computes
//! a 16x16 `U`; the check uses its first 4 columns) and needs `R >= C`; it has no
//! eigenvectors of a non-symmetric matrix (eigenvalues only, through its real Schur form).
//! No row is skipped for numeris.
//!
//! Every library is compiled under one profile: cargo's `bench` profile of this workspace,
//! which inherits `release` (`opt-level = 3`, 16 codegen units, thin-local LTO, no
//! `target-cpu`); the workspace sets no `[profile.*]` of its own. faer is not timed here.
//!
//! # Inputs
//!
//! Deterministic and different per group, built from a fixed pseudo-random formula
//! (SplitMix64 of the seed and the position) with entries in `[-1, 1)`:
//! - det, inverse and LU solve: that matrix plus `n` on the diagonal (strictly diagonally
//!   dominant, so well conditioned);
//! - Cholesky: `M^T M + n I` (symmetric positive definite);
//! - symmetric eigen: `(M + M^T) / 2` (symmetric, indefinite);
//! - QR, SVD and general eigen: the matrix itself (non-symmetric, general).
//!
//! f32 groups build the matrix in f64 and round it once; every library gets the same f32
//! matrix and the checks read that matrix exactly.
//!
//! # Agreement checks
//!
//! Before a group is timed, each peer's result is compared with statrix's outside the timed
//! closures (in f64, with `eps` the machine epsilon of the group's type and `n` the larger
//! dimension), so no group compares a wrong or differently defined answer. The bounds are
//! written at each check; all have the form `4 * n * eps * scale`, where `scale` is
//! `||A||_F` for backward-stable quantities (eigenvalues, singular values, residuals) and
//! carries a condition number for forward errors (solutions, inverses, determinants, Q and
//! R, non-symmetric eigenvalues). Inputs are read through `black_box(&x)` and results passed
//! to `black_box`, so the work is neither constant-folded nor dropped.
//!
//! # Running
//!
//! ```text
//! cargo bench -p statrix-benches --bench linalg             # everything, about six minutes
//! cargo bench -p statrix-benches --bench linalg -- svd_f64  # groups whose name contains `svd_f64`
//! python3 benches/table.py                                   # the README's table
//! ```
//!
//! Each group uses `sample_size` 25, `warm_up_time` 0.4 s and `measurement_time` 0.8 s:
//! enough to rank the libraries, not to resolve differences of a few percent. Criterion
//! prints, per benchmark `<group>/<library>`, a line `time: [low estimate high]` of time per
//! call (95% confidence interval); compare the middle figures of one group's lines. Medians
//! and the full statistics are in `target/criterion/<group>/<library>/new/estimates.json`.
//! A "change" line compares with the previous run on the same machine, not with the other
//! libraries.

use std::hint::black_box;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use glam::{DMat2, DMat3, DMat4, Mat2, Mat3, Mat4};
use nalgebra::{Dim, RawStorage};
use statrix::{Matrix, SvdMethod, SymmetricEigenMethod};
use statrix_benches::{Elem, lift, na_from, nu_from, nu_rows, transpose_arr};

// ---------------------------------------------------------------------------------------
// Inputs and conversions
// ---------------------------------------------------------------------------------------

/// A pseudo-random number in `[-1, 1)` for position `(i, j)` of input `seed`: the SplitMix64
/// finaliser of the three, its top 53 bits scaled (exact in f64).
fn entry(seed: u64, i: usize, j: usize) -> f64 {
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(((i as u64) << 32) | j as u64)
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
}

/// A general `R x C` input with entries in `[-1, 1)`.
fn input<T: Elem, const R: usize, const C: usize>(seed: u64) -> [[T; C]; R] {
    core::array::from_fn(|i| core::array::from_fn(|j| T::from_f64(entry(seed, i, j))))
}

/// `input + n I`: every diagonal entry in `[n - 1, n + 1)`, every off-diagonal row sum below
/// `n - 1`, so strictly diagonally dominant.
fn diag_dominant<T: Elem, const N: usize>(seed: u64) -> [[T; N]; N] {
    core::array::from_fn(|i| {
        core::array::from_fn(|j| {
            let shift = if i == j { N as f64 } else { 0.0 };
            T::from_f64(entry(seed, i, j) + shift)
        })
    })
}

/// `M^T M + n I` for a general `M`: symmetric positive definite, smallest eigenvalue `>= n`.
fn spd<T: Elem, const N: usize>(seed: u64) -> [[T; N]; N] {
    let m: [[f64; N]; N] = input(seed);
    core::array::from_fn(|i| {
        core::array::from_fn(|j| {
            let dot: f64 = (0..N).map(|k| m[k][i] * m[k][j]).sum();
            T::from_f64(dot + if i == j { N as f64 } else { 0.0 })
        })
    })
}

/// `(M + M^T) / 2` for a general `M`: symmetric, indefinite.
fn symmetric<T: Elem, const N: usize>(seed: u64) -> [[T; N]; N] {
    let m: [[f64; N]; N] = input(seed);
    core::array::from_fn(|i| core::array::from_fn(|j| T::from_f64((m[i][j] + m[j][i]) / 2.0)))
}

/// A dense row-major `f64` matrix of any shape, for the checks (never timed).
#[derive(Clone, Debug)]
struct Flat {
    rows: usize,
    cols: usize,
    x: Vec<f64>,
}

impl Flat {
    fn of_rows<T: Elem, const R: usize, const C: usize>(a: &[[T; C]; R]) -> Self {
        let x = a.as_flattened().iter().map(|&v| v.into()).collect();
        Flat {
            rows: R,
            cols: C,
            x,
        }
    }

    fn of<T: Elem, const R: usize, const C: usize>(m: &Matrix<T, R, C>) -> Self {
        Self::of_rows(&m.0)
    }

    fn of_na<T, R, C, S>(m: &nalgebra::Matrix<T, R, C, S>) -> Self
    where
        T: Elem + nalgebra::Scalar,
        R: Dim,
        C: Dim,
        S: RawStorage<T, R, C>,
    {
        let (rows, cols) = m.shape();
        let x = (0..rows)
            .flat_map(|i| (0..cols).map(move |j| m[(i, j)].into()))
            .collect();
        Flat { rows, cols, x }
    }

    fn of_nu<T: Elem, const R: usize, const C: usize>(m: &numeris::Matrix<T, R, C>) -> Self {
        Self::of_rows(&nu_rows(m))
    }

    /// The first `k` columns.
    fn first_cols(&self, k: usize) -> Self {
        let x = (0..self.rows)
            .flat_map(|i| (0..k).map(move |j| self.at(i, j)))
            .collect();
        Flat {
            rows: self.rows,
            cols: k,
            x,
        }
    }

    fn identity(n: usize) -> Self {
        let x = (0..n * n).map(|k| f64::from(k % (n + 1) == 0)).collect();
        Flat {
            rows: n,
            cols: n,
            x,
        }
    }

    fn at(&self, i: usize, j: usize) -> f64 {
        self.x[i * self.cols + j]
    }

    fn t(&self) -> Self {
        let x = (0..self.cols)
            .flat_map(|j| (0..self.rows).map(move |i| self.at(i, j)))
            .collect();
        Flat {
            rows: self.cols,
            cols: self.rows,
            x,
        }
    }

    fn mul(&self, o: &Self) -> Self {
        assert_eq!(self.cols, o.rows);
        let x = (0..self.rows)
            .flat_map(|i| {
                (0..o.cols).map(move |j| (0..self.cols).map(|k| self.at(i, k) * o.at(k, j)).sum())
            })
            .collect();
        Flat {
            rows: self.rows,
            cols: o.cols,
            x,
        }
    }

    /// Column `j` multiplied by `d[j]`, for every `j`.
    fn scale_cols(&self, d: &[f64]) -> Self {
        let x = self
            .x
            .iter()
            .enumerate()
            .map(|(k, v)| v * d[k % self.cols])
            .collect();
        Flat { x, ..*self }
    }

    /// Row `i` multiplied by `d[i]`, for every `i`.
    fn scale_rows(&self, d: &[f64]) -> Self {
        let x = self
            .x
            .iter()
            .enumerate()
            .map(|(k, v)| v * d[k / self.cols])
            .collect();
        Flat { x, ..*self }
    }

    fn fro(&self) -> f64 {
        self.x.iter().map(|v| v * v).sum::<f64>().sqrt()
    }

    /// `||self - o||_F`.
    fn dist(&self, o: &Self) -> f64 {
        assert_eq!((self.rows, self.cols), (o.rows, o.cols));
        self.x
            .iter()
            .zip(&o.x)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f64>()
            .sqrt()
    }
}

/// `||A||_F ||A^-1||_F` (an upper bound of the 2-norm condition number), from statrix's
/// inverse in f64.
fn kappa_fro<const N: usize>(a: &[[f64; N]; N]) -> f64 {
    let inv = Matrix::new(*a).inverse().expect("well-conditioned input");
    Flat::of_rows(a).fro() * Flat::of(&inv).fro()
}

/// The 2-norm condition number `sigma_max / sigma_min` of a tall or square matrix.
fn cond2<const R: usize, const C: usize>(a: &[[f64; C]; R]) -> f64 {
    Matrix::new(*a).cond().expect("finite input")
}

/// The 2-norm condition number of a complex `N x N` matrix (row-major `(re, im)` pairs),
/// through its real `2N x 2N` embedding `[[Re, -Im], [Im, Re]]`, whose singular values are
/// those of the complex matrix, each twice. `M` must be `2 N`.
fn kappa_complex<const N: usize, const M: usize>(v: &[(f64, f64)]) -> f64 {
    assert_eq!(M, 2 * N);
    let w = Matrix::<f64, M, M>::from_fn(|i, j| {
        let (re, im) = v[(i % N) * N + j % N];
        match (i < N, j < N) {
            (true, true) | (false, false) => re,
            (true, false) => -im,
            (false, true) => im,
        }
    });
    w.cond().expect("finite eigenvectors")
}

// ---------------------------------------------------------------------------------------
// Agreement checks (run once per group, outside the timed closures)
// ---------------------------------------------------------------------------------------

/// Asserts `err <= tol`, naming the group and what was compared.
fn check(group: &str, what: &str, err: f64, tol: f64) {
    assert!(
        err <= tol,
        "{group}: {what}: error {err:e} exceeds the bound {tol:e}"
    );
}

/// `max_i |a_i - b_i|` of two equally long lists.
fn max_diff(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f64::max)
}

/// Checks the eigenpairs `(w_j, column j of v)` of a symmetric `a`: with `tol = 4 n eps
/// ||A||_F`, each `||A v_j - w_j v_j||_2 <= tol` and `| ||v_j|| - 1 | <= 4 n eps`. A
/// backward-stable method gives each pair as an exact one of `A + E` with
/// `||E|| <= c n eps ||A||` and orthonormal `V` up to `c n eps`.
fn check_symmetric_pairs(group: &str, lib: &str, a: &Flat, w: &[f64], v: &Flat, eps: f64) {
    let n = a.rows;
    let tol = 4.0 * n as f64 * eps * a.fro();
    let av = a.mul(v);
    for (j, &wj) in w.iter().enumerate() {
        let residual = (0..n)
            .map(|i| (av.at(i, j) - wj * v.at(i, j)).powi(2))
            .sum::<f64>()
            .sqrt();
        check(group, &format!("{lib} residual of pair {j}"), residual, tol);
        let norm = (0..n).map(|i| v.at(i, j).powi(2)).sum::<f64>().sqrt();
        let unit_tol = 4.0 * n as f64 * eps;
        check(
            group,
            &format!("{lib} norm of vector {j} - 1"),
            (norm - 1.0).abs(),
            unit_tol,
        );
    }
}

/// Checks a thin SVD `A = U diag(s) V^T` of one library, with `n = max(R, C)`:
/// `||U diag(s) V^T - A||_F <= 4 n eps ||A||_F`, `||U^T U - I||_F <= 4 n eps` and
/// `||V^T V - I||_F <= 4 n eps` (backward stability and orthonormality of a stable SVD).
fn check_svd(group: &str, lib: &str, a: &Flat, u: &Flat, s: &[f64], v_t: &Flat, eps: f64) {
    let n = a.rows.max(a.cols) as f64;
    let back = u.scale_cols(s).mul(v_t);
    check(
        group,
        &format!("{lib} U S V^T - A"),
        back.dist(a),
        4.0 * n * eps * a.fro(),
    );
    let k = s.len();
    let utu = u.t().mul(u);
    check(
        group,
        &format!("{lib} U^T U - I"),
        utu.dist(&Flat::identity(k)),
        4.0 * n * eps,
    );
    let vtv = v_t.mul(&v_t.t());
    check(
        group,
        &format!("{lib} V^T V - I"),
        vtv.dist(&Flat::identity(k)),
        4.0 * n * eps,
    );
}

/// Sorted in descending order (singular values) or ascending (eigenvalues).
fn sorted(mut v: Vec<f64>, descending: bool) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    if descending {
        v.reverse();
    }
    v
}

/// Matches each of `want` (statrix's eigenvalues) with the nearest unused one of `got` and
/// asserts the distance is within `tol`.
fn check_matched(group: &str, lib: &str, want: &[(f64, f64)], got: &[(f64, f64)], tol: f64) {
    assert_eq!(want.len(), got.len());
    let mut used = vec![false; got.len()];
    for (i, &(wr, wi)) in want.iter().enumerate() {
        let (k, d) = got
            .iter()
            .enumerate()
            .filter(|&(k, _)| !used[k])
            .map(|(k, &(gr, gi))| (k, (gr - wr).hypot(gi - wi)))
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .expect("as many eigenvalues");
        used[k] = true;
        check(group, &format!("{lib} eigenvalue {i} ({wr}, {wi})"), d, tol);
    }
}

// ---------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------

/// A group with the settings shared by every benchmark here (about 1.3 s per function).
fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    statrix_benches::group(c, name, 25, 400, 800)
}

/// The `det_<suffix>` and `inverse_<suffix>` groups of one `N x N` size: statrix and
/// nalgebra, plus glam and statrix's closed forms (`statrix_cofactor`) when a glam type is
/// given (the sizes 2, 3 and 4 that both have).
macro_rules! det_inverse_groups {
    ($c:expr, $suffix:literal, $t:ty, $n:literal $(, $glam:ty)?) => {{
        const N: usize = $n;
        let rows: [[$t; N]; N] = diag_dominant(N as u64);
        let s = Matrix::new(rows);
        let na = na_from(&rows);
        let nu = nu_from(&rows);
        $(let gm = <$glam>::from_cols_array_2d(&transpose_arr(&rows));)?
        let eps = <$t as Elem>::EPS;
        let kappa = kappa_fro(&lift(&rows));

        // Each result is `det(A + E)` with `||E||_F <= 2 n eps ||A||_F` (LU and, on these
        // well-conditioned inputs, the cofactor formulas), and
        // `det(A + E) = det(A) (1 + tr(A^-1 E)) + O(eps^2)` with
        // `|tr(A^-1 E)| <= ||A^-1||_F ||E||_F`: two results are within
        // `4 n eps kappa_F(A) |det|`.
        let name = concat!("det_", $suffix);
        let want: f64 = s.det().into();
        let tol = 4.0 * N as f64 * eps * kappa * want.abs();
        let got: f64 = na.determinant().into();
        check(name, "nalgebra", (got - want).abs(), tol);
        let got: f64 = nu.det().into();
        check(name, "numeris", (got - want).abs(), tol);
        $(
            let got: f64 = <$glam>::determinant(&gm).into();
            check(name, "glam", (got - want).abs(), tol);
            let got: f64 = s.det_cofactor().into();
            check(name, "statrix_cofactor", (got - want).abs(), tol);
        )?
        let mut g = group($c, name);
        g.bench_function("statrix", |b| b.iter(|| black_box(black_box(&s).det())));
        $(
            let _: Option<$glam> = None; // the sizes with a glam type have the closed forms
            g.bench_function("statrix_cofactor", |b| {
                b.iter(|| black_box(black_box(&s).det_cofactor()))
            });
        )?
        g.bench_function("nalgebra", |b| {
            b.iter(|| black_box(black_box(&na).determinant()))
        });
        $(
            g.bench_function("glam", |b| {
                b.iter(|| black_box(<$glam>::determinant(black_box(&gm))))
            });
        )?
        g.bench_function("numeris", |b| b.iter(|| black_box(black_box(&nu).det())));
        g.finish();

        // The forward error of an inverse with backward error `c n eps` is at most about
        // `kappa` times that: `||X_lib - X_statrix||_F <= 4 n eps kappa_F(A) ||X||_F`.
        let name = concat!("inverse_", $suffix);
        let want = Flat::of(&s.inverse().expect(name));
        let tol = 4.0 * N as f64 * eps * kappa * want.fro();
        let got = Flat::of_na(&na.try_inverse().expect(name));
        check(name, "nalgebra", got.dist(&want), tol);
        let got = Flat::of_nu(&nu.inverse().expect(name));
        check(name, "numeris", got.dist(&want), tol);
        $(
            let inv = <$glam>::inverse(&gm);
            let got = Flat::of_rows(&transpose_arr(&inv.to_cols_array_2d()));
            check(name, "glam", got.dist(&want), tol);
            let got = Flat::of(&s.inverse_cofactor().expect(name));
            check(name, "statrix_cofactor", got.dist(&want), tol);
        )?
        let mut g = group($c, name);
        g.bench_function("statrix", |b| {
            b.iter(|| black_box(black_box(&s).inverse()))
        });
        $(
            let _: Option<$glam> = None;
            // The `Result` consumed as a caller does, by a match (glam returns a bare
            // matrix): passing the whole `Result` to `black_box` instead times a copy of it
            // through memory, whose loads straddle the stores of the payload (behind the
            // tag) and stall.
            g.bench_function("statrix_cofactor", |b| {
                b.iter(|| match black_box(&s).inverse_cofactor() {
                    Ok(inv) => drop(black_box(inv)),
                    Err(e) => drop(black_box(e)),
                })
            });
        )?
        g.bench_function("nalgebra", |b| {
            b.iter(|| black_box(black_box(&na).try_inverse()))
        });
        $(
            g.bench_function("glam", |b| {
                b.iter(|| black_box(<$glam>::inverse(black_box(&gm))))
            });
        )?
        g.bench_function("numeris", |b| {
            b.iter(|| black_box(black_box(&nu).inverse()))
        });
        g.finish();
    }};
}

fn det_inverse(c: &mut Criterion) {
    det_inverse_groups!(c, "f32_2x2", f32, 2, Mat2);
    det_inverse_groups!(c, "f32_3x3", f32, 3, Mat3);
    det_inverse_groups!(c, "f32_4x4", f32, 4, Mat4);
    det_inverse_groups!(c, "f64_2x2", f64, 2, DMat2);
    det_inverse_groups!(c, "f64_3x3", f64, 3, DMat3);
    det_inverse_groups!(c, "f64_4x4", f64, 4, DMat4);
    det_inverse_groups!(c, "f64_6x6", f64, 6);
}

/// `solve_<suffix>`: factor and solve `A x = b` for one right-hand side.
macro_rules! solve_group {
    ($c:expr, $suffix:literal, $t:ty, $n:literal) => {{
        const N: usize = $n;
        let rows: [[$t; N]; N] = diag_dominant(100 + N as u64);
        let b_rows: [[$t; 1]; N] = input(200 + N as u64);
        let (s, sb) = (Matrix::new(rows), Matrix::new(b_rows));
        let (na, nb) = (na_from(&rows), na_from(&b_rows));
        let (nu, nub) = (nu_from(&rows), nu_from(&b_rows));
        let eps = <$t as Elem>::EPS;

        // All solutions are backward stable (`(A + E) x = b`, `||E|| <= c n eps ||A||`), so
        // they differ by at most `4 n eps kappa_F(A) ||x||`.
        let name = concat!("solve_", $suffix);
        let want = Flat::of(&s.solve(&sb).expect(name));
        let tol = 4.0 * N as f64 * eps * kappa_fro(&lift(&rows)) * want.fro();
        let got = Flat::of_na(&na.lu().solve(&nb).expect(name));
        check(name, "nalgebra", got.dist(&want), tol);
        let got = Flat::of_nu(&nu.solve(&nub).expect(name));
        check(name, "numeris", got.dist(&want), tol);

        let mut g = group($c, name);
        g.bench_function("statrix", |b| {
            b.iter(|| black_box(black_box(&s).solve(black_box(&sb))))
        });
        g.bench_function("nalgebra", |b| {
            b.iter(|| black_box(black_box(&na).lu().solve(black_box(&nb))))
        });
        g.bench_function("numeris", |b| {
            b.iter(|| black_box(black_box(&nu).solve(black_box(&nub))))
        });
        g.finish();
    }};
}

fn solve(c: &mut Criterion) {
    solve_group!(c, "f64_3x3", f64, 3);
    solve_group!(c, "f64_4x4", f64, 4);
    solve_group!(c, "f64_6x6", f64, 6);
    solve_group!(c, "f64_8x8", f64, 8);
    solve_group!(c, "f64_16x16", f64, 16);
    solve_group!(c, "f32_6x6", f32, 6);
}

/// `cholesky_solve_<suffix>`: factor an SPD matrix and solve one right-hand side.
macro_rules! cholesky_group {
    ($c:expr, $suffix:literal, $t:ty, $n:literal) => {{
        const N: usize = $n;
        let rows: [[$t; N]; N] = spd(300 + N as u64);
        let b_rows: [[$t; 1]; N] = input(400 + N as u64);
        let (s, sb) = (Matrix::new(rows), Matrix::new(b_rows));
        let (na, nb) = (na_from(&rows), na_from(&b_rows));
        let (nu, nub) = (nu_from(&rows), nu_from(&b_rows));
        let eps = <$t as Elem>::EPS;

        // As for LU: backward-stable solutions within `4 n eps kappa_F(A) ||x||`.
        let name = concat!("cholesky_solve_", $suffix);
        let chol = s.cholesky().expect(name);
        let want = Flat::of(&chol.solve(&sb).expect(name));
        let tol = 4.0 * N as f64 * eps * kappa_fro(&lift(&rows)) * want.fro();
        let got = Flat::of_na(&na.cholesky().expect(name).solve(&nb));
        check(name, "nalgebra", got.dist(&want), tol);
        let got = Flat::of_nu(&nu.cholesky().expect(name).solve(&nub));
        check(name, "numeris", got.dist(&want), tol);

        let mut g = group($c, name);
        g.bench_function("statrix", |b| {
            b.iter(|| {
                let chol = black_box(&s).cholesky();
                black_box(chol.and_then(|f| f.solve(black_box(&sb))))
            })
        });
        g.bench_function("nalgebra", |b| {
            b.iter(|| {
                let chol = black_box(&na).cholesky();
                black_box(chol.map(|f| f.solve(black_box(&nb))))
            })
        });
        g.bench_function("numeris", |b| {
            b.iter(|| {
                let chol = black_box(&nu).cholesky();
                black_box(chol.map(|f| f.solve(black_box(&nub))))
            })
        });
        g.finish();
    }};
}

fn cholesky(c: &mut Criterion) {
    cholesky_group!(c, "f64_4x4", f64, 4);
    cholesky_group!(c, "f64_8x8", f64, 8);
}

/// `qr_<suffix>`: the Householder QR of an `R x C` (`R >= C`) f64 matrix, forming the thin
/// `Q` and `R`.
macro_rules! qr_group {
    ($c:expr, $suffix:literal, $r:literal, $cols:literal) => {{
        const R: usize = $r;
        const C: usize = $cols;
        let rows: [[f64; C]; R] = input(500 + (R * C) as u64);
        let s = Matrix::new(rows);
        let na = na_from(&rows);
        let nu = nu_from(&rows);
        let eps = f64::EPSILON;
        let a = Flat::of_rows(&rows);

        // The factors are unique up to the sign of each `R` row (and the matching `Q`
        // column): nalgebra reflects the last column of a square matrix too, statrix
        // (LAPACK) does not, and numeris's signs may differ again. After aligning signs,
        // each is backward stable (`||E|| <= c R C eps ||A||`), and the QR factors' forward
        // error is at most about `kappa_2(A)` times that: `||R_lib - R_statrix||_F <= 4 R C eps kappa_2 ||A||_F`,
        // `||Q_lib - Q_statrix||_F <= 4 R C eps kappa_2 sqrt(C)`.
        let name = concat!("qr_", $suffix);
        let f = s.qr().expect(name);
        let (q_s, r_s) = (Flat::of(&f.q()), Flat::of(&f.r()));
        let scale = 4.0 * (R * C) as f64 * eps * cond2(&rows);
        let f = na.qr();
        let peers = [
            ("nalgebra", Flat::of_na(&f.q()), Flat::of_na(&f.r())),
            {
                let f = nu.qr().expect(name);
                ("numeris", Flat::of_nu(&f.q()), Flat::of_nu(&f.r()))
            },
        ];
        for (lib, q_p, r_p) in peers {
            let signs: Vec<f64> = (0..C)
                .map(|k| {
                    if r_s.at(k, k) * r_p.at(k, k) < 0.0 {
                        -1.0
                    } else {
                        1.0
                    }
                })
                .collect();
            let (q_p, r_p) = (q_p.scale_cols(&signs), r_p.scale_rows(&signs));
            check(name, &format!("{lib} R"), r_p.dist(&r_s), scale * a.fro());
            check(
                name,
                &format!("{lib} Q"),
                q_p.dist(&q_s),
                scale * (C as f64).sqrt(),
            );
        }

        let mut g = group($c, name);
        g.bench_function("statrix", |b| {
            b.iter(|| black_box(black_box(&s).qr().map(|f| (f.q(), f.r()))))
        });
        g.bench_function("nalgebra", |b| {
            b.iter(|| {
                let f = black_box(&na).qr();
                black_box((f.q(), f.r()))
            })
        });
        g.bench_function("numeris", |b| {
            b.iter(|| black_box(black_box(&nu).qr().map(|f| (f.q(), f.r()))))
        });
        g.finish();
    }};
}

fn qr(c: &mut Criterion) {
    qr_group!(c, "f64_4x4", 4, 4);
    qr_group!(c, "f64_8x8", 8, 8);
    qr_group!(c, "f64_16x4", 16, 4);
}

/// `symmetric_eigen_<suffix>`: eigenvalues and eigenvectors of a symmetric matrix.
macro_rules! symmetric_eigen_group {
    ($c:expr, $suffix:literal, $t:ty, $n:literal) => {{
        const N: usize = $n;
        let rows: [[$t; N]; N] = symmetric(600 + N as u64);
        let s = Matrix::new(rows);
        let na = na_from(&rows);
        let nu = nu_from(&rows);
        let eps = <$t as Elem>::EPS;
        let a = Flat::of_rows(&rows);

        // Eigenvalues of a symmetric matrix are perfectly conditioned (Weyl): both
        // libraries' sorted eigenvalues are within `4 n eps ||A||_F` of each other. The
        // vectors (signs and order differ) are checked through residuals and norms.
        let name = concat!("symmetric_eigen_", $suffix);
        let e = s.symmetric_eigen().expect(name);
        let (w_s, v_s) = (Flat::of(&e.eigenvalues).x, Flat::of(&e.eigenvectors));
        let e = na.symmetric_eigen();
        let (w_n, v_n) = (Flat::of_na(&e.eigenvalues).x, Flat::of_na(&e.eigenvectors));
        let tol = 4.0 * N as f64 * eps * a.fro();
        let diff = max_diff(&sorted(w_s.clone(), false), &sorted(w_n.clone(), false));
        check(name, "nalgebra eigenvalues", diff, tol);
        let e = nu.eig_symmetric().expect(name);
        let w_u: Vec<f64> = e.eigenvalues().iter().map(|&w| w.into()).collect();
        let v_u = Flat::of_nu(e.eigenvectors());
        let diff = max_diff(&sorted(w_s.clone(), false), &sorted(w_u.clone(), false));
        check(name, "numeris eigenvalues", diff, tol);
        check_symmetric_pairs(name, "statrix", &a, &w_s, &v_s, eps);
        check_symmetric_pairs(name, "nalgebra", &a, &w_n, &v_n, eps);
        check_symmetric_pairs(name, "numeris", &a, &w_u, &v_u, eps);
        // The tridiagonal QL method (statrix_tridiagonal): also backward stable, so the
        // same Weyl bound against the default's values, and the same residual checks.
        let e = s
            .symmetric_eigen_by(SymmetricEigenMethod::TridiagonalQl)
            .expect(name);
        let (w_t, v_t) = (Flat::of(&e.eigenvalues).x, Flat::of(&e.eigenvectors));
        let diff = max_diff(&sorted(w_s.clone(), false), &sorted(w_t.clone(), false));
        check(name, "statrix_tridiagonal eigenvalues", diff, tol);
        check_symmetric_pairs(name, "statrix_tridiagonal", &a, &w_t, &v_t, eps);

        let mut g = group($c, name);
        g.bench_function("statrix", |b| {
            b.iter(|| black_box(black_box(&s).symmetric_eigen()))
        });
        g.bench_function("statrix_tridiagonal", |b| {
            b.iter(|| {
                black_box(black_box(&s).symmetric_eigen_by(SymmetricEigenMethod::TridiagonalQl))
            })
        });
        g.bench_function("nalgebra", |b| {
            b.iter(|| black_box(black_box(&na).symmetric_eigen()))
        });
        g.bench_function("numeris", |b| {
            b.iter(|| black_box(black_box(&nu).eig_symmetric()))
        });
        g.finish();
    }};
}

fn symmetric_eigen(c: &mut Criterion) {
    symmetric_eigen_group!(c, "f32_3x3", f32, 3);
    symmetric_eigen_group!(c, "f64_3x3", f64, 3);
    symmetric_eigen_group!(c, "f64_4x4", f64, 4);
    symmetric_eigen_group!(c, "f64_6x6", f64, 6);
    symmetric_eigen_group!(c, "f64_8x8", f64, 8);
    symmetric_eigen_group!(c, "f64_16x16", f64, 16);
}

/// `svd_<suffix>`: the thin SVD of an `R x C` (`R >= C`) matrix with `U` and `V^T`.
macro_rules! svd_group {
    ($c:expr, $suffix:literal, $t:ty, $r:literal, $cols:literal) => {{
        const R: usize = $r;
        const C: usize = $cols;
        let rows: [[$t; C]; R] = input(700 + (R * C) as u64);
        let s = Matrix::new(rows);
        let na = na_from(&rows);
        let nu = nu_from(&rows);
        let eps = <$t as Elem>::EPS;
        let a = Flat::of_rows(&rows);

        // Singular values are perfectly conditioned (Weyl): the sorted values of two
        // backward-stable SVDs are within `4 n eps ||A||_F`, `n = max(R, C)`. Singular
        // vectors (signs differ) are checked through `U S V^T = A` and orthonormality.
        let name = concat!("svd_", $suffix);
        let f = s.svd().expect(name);
        let (u_s, s_s, vt_s) = (
            Flat::of(&f.u),
            Flat::of(&f.singular_values).x,
            Flat::of(&f.v_t),
        );
        let f = na.svd(true, true);
        let u_n = Flat::of_na(&f.u.expect("U"));
        let vt_n = Flat::of_na(&f.v_t.expect("V^T"));
        let s_n = Flat::of_na(&f.singular_values).x;
        let tol = 4.0 * R.max(C) as f64 * eps * a.fro();
        let diff = max_diff(&sorted(s_s.clone(), true), &sorted(s_n.clone(), true));
        check(name, "nalgebra singular values", diff, tol);
        // numeris returns the full `R x R` `U`; its first `C` columns are the thin one.
        let f = nu.svd().expect(name);
        let u_u = Flat::of_nu(f.u()).first_cols(C);
        let vt_u = Flat::of_nu(f.vt());
        let s_u: Vec<f64> = f.singular_values().iter().map(|&v| v.into()).collect();
        let diff = max_diff(&sorted(s_s.clone(), true), &sorted(s_u.clone(), true));
        check(name, "numeris singular values", diff, tol);
        check_svd(name, "statrix", &a, &u_s, &s_s, &vt_s, eps);
        check_svd(name, "nalgebra", &a, &u_n, &s_n, &vt_n, eps);
        check_svd(name, "numeris", &a, &u_u, &s_u, &vt_u, eps);
        // The bidiagonal QR method (statrix_bidiagonal), held to the same checks.
        let f = s.svd_by(SvdMethod::BidiagonalQr).expect(name);
        let (u_b, s_b, vt_b) = (
            Flat::of(&f.u),
            Flat::of(&f.singular_values).x,
            Flat::of(&f.v_t),
        );
        let diff = max_diff(&sorted(s_s.clone(), true), &sorted(s_b.clone(), true));
        check(name, "statrix_bidiagonal singular values", diff, tol);
        check_svd(name, "statrix_bidiagonal", &a, &u_b, &s_b, &vt_b, eps);

        let mut g = group($c, name);
        g.bench_function("statrix", |b| b.iter(|| black_box(black_box(&s).svd())));
        g.bench_function("statrix_bidiagonal", |b| {
            b.iter(|| black_box(black_box(&s).svd_by(SvdMethod::BidiagonalQr)))
        });
        g.bench_function("nalgebra", |b| {
            b.iter(|| black_box(black_box(&na).svd(true, true)))
        });
        g.bench_function("numeris", |b| b.iter(|| black_box(black_box(&nu).svd())));
        g.finish();
    }};
}

fn svd(c: &mut Criterion) {
    svd_group!(c, "f32_3x3", f32, 3, 3);
    svd_group!(c, "f64_3x3", f64, 3, 3);
    svd_group!(c, "f64_4x4", f64, 4, 4);
    svd_group!(c, "f64_6x6", f64, 6, 6);
    svd_group!(c, "f64_8x8", f64, 8, 8);
    svd_group!(c, "f64_16x16", f64, 16, 16);
    svd_group!(c, "f64_16x4", f64, 16, 4);
}

/// `eigen_<suffix>`: eigenvalues of a general (non-symmetric) f64 matrix; statrix also with
/// eigenvectors (`statrix_vectors`), which nalgebra does not compute. `$n2` is `2 * $n`.
macro_rules! eigen_group {
    ($c:expr, $suffix:literal, $n:literal, $n2:literal) => {{
        const N: usize = $n;
        let rows: [[f64; N]; N] = input(800 + N as u64);
        let s = Matrix::new(rows);
        let na = na_from(&rows);
        let nu = nu_from(&rows);
        let eps = f64::EPSILON;
        let a = Flat::of_rows(&rows);

        let name = concat!("eigen_", $suffix);
        let e = s.eigen().expect(name);
        let w_s: Vec<(f64, f64)> = e.eigenvalues.iter().map(|z| (z.re, z.im)).collect();
        let v_s: Vec<(f64, f64)> = e
            .eigenvectors
            .0
            .as_flattened()
            .iter()
            .map(|z| (z.re, z.im))
            .collect();
        let w_only: Vec<(f64, f64)> = s
            .eigenvalues()
            .expect(name)
            .iter()
            .map(|z| (z.re, z.im))
            .collect();
        let w_n: Vec<(f64, f64)> = na
            .complex_eigenvalues()
            .iter()
            .map(|z| (z.re, z.im))
            .collect();

        // Each library's eigenvalues are exact ones of `A + E`, `||E|| <= c n eps ||A||`; by
        // Bauer-Fike each lies within `kappa_2(V) ||E||` of an exact eigenvalue (`V` the
        // eigenvector matrix, taken from statrix), so two libraries' are within
        // `2 * 4 n eps ||A||_F kappa_2(V)` of each other.
        let tol = 2.0 * 4.0 * N as f64 * eps * a.fro() * kappa_complex::<N, $n2>(&v_s);
        check_matched(name, "nalgebra", &w_s, &w_n, tol);
        let (re, im) = nu.eigenvalues().expect(name);
        let w_u: Vec<(f64, f64)> = re.into_iter().zip(im).collect();
        check_matched(name, "numeris", &w_s, &w_u, tol);
        check_matched(name, "statrix eigenvalues()", &w_s, &w_only, tol);
        // statrix's eigenvectors (no peer): `||A v - lambda v||_2 <= 4 n eps ||A||_F` for
        // each unit `v`, the residual of a backward-stable eigenpair.
        let tol = 4.0 * N as f64 * eps * a.fro();
        for (j, &(lr, li)) in w_s.iter().enumerate() {
            let mut residual = 0.0;
            for i in 0..N {
                let (mut re, mut im) = (0.0, 0.0);
                for k in 0..N {
                    let (vr, vi) = v_s[k * N + j];
                    re += a.at(i, k) * vr;
                    im += a.at(i, k) * vi;
                }
                let (vr, vi) = v_s[i * N + j];
                re -= lr * vr - li * vi;
                im -= lr * vi + li * vr;
                residual += re * re + im * im;
            }
            check(
                name,
                &format!("statrix residual of pair {j}"),
                residual.sqrt(),
                tol,
            );
        }

        let mut g = group($c, name);
        g.bench_function("statrix", |b| {
            b.iter(|| black_box(black_box(&s).eigenvalues()))
        });
        g.bench_function("statrix_vectors", |b| {
            b.iter(|| black_box(black_box(&s).eigen()))
        });
        g.bench_function("nalgebra", |b| {
            b.iter(|| black_box(black_box(&na).complex_eigenvalues()))
        });
        g.bench_function("numeris", |b| {
            b.iter(|| black_box(black_box(&nu).eigenvalues()))
        });
        g.finish();
    }};
}

fn eigen(c: &mut Criterion) {
    eigen_group!(c, "f64_4x4", 4, 8);
    eigen_group!(c, "f64_8x8", 8, 16);
}

criterion_group!(
    benches,
    det_inverse,
    solve,
    cholesky,
    qr,
    symmetric_eigen,
    svd,
    eigen
);
criterion_main!(benches);
