//! The general (non-symmetric) eigendecomposition: [`Eigen`], whose documentation
//! holds the notes.

use num_complex::Complex;

use crate::error::Error;
use crate::linalg::balance::BalanceJob;
use crate::linalg::schur::{Want, eigenvalues_only, real_schur, unscaled_eigenvalues};
use crate::matrix::{Matrix, Vector};
use crate::numeric::{Pow2Scale, finite_max_abs, prescale_exponent_to_edge};
use crate::scalar::Real;

/// Eigenvalues and right eigenvectors of a real square matrix, from [`Matrix::eigen`]:
/// `A v_j = λ_j v_j` with `v_j` the `j`-th column of `eigenvectors`, as NumPy's
/// `w, v = np.linalg.eig(a)`.
///
/// Both are complex (`num_complex::Complex`, re-exported as `statrix::Complex`), stored in
/// a [`Matrix`] (indexing, `map`, `iter` and `Debug` work on complex elements; the
/// arithmetic methods are for real scalars):
/// `eigenvalues[j]` is `λ_j`, `eigenvectors[(i, j)]` the `i`-th component of `v_j`. For real
/// results take `.re` (`e.eigenvalues.map(|z| z.re)`).
///
/// # Order
/// The order of the real Schur form's diagonal, not sorted: a complex-conjugate pair is
/// adjacent with the positive imaginary part first, and its two eigenvectors are complex
/// conjugates; eigenvalues that balancing isolated keep their place on the permuted
/// diagonal. This is LAPACK's order, and since the algorithm is `dgeev`'s, distinct
/// eigenvalues come out in NumPy's order (the tests check it on every f64 fixture with
/// distinct eigenvalues); repeated or tightly clustered ones may be permuted among
/// themselves. Sort them yourself if you need a particular order.
///
/// # Normalisation
/// Each eigenvector has unit 2-norm, and its component of largest modulus is real and
/// positive; where several components are equally large (up to rounding: a relative
/// `4 * eps` in the squared modulus), the first of them. NumPy (LAPACK `dgeev`) also
/// makes that component real but leaves its sign to the algorithm, so NumPy's vectors are
/// these up to a factor `±1` per column. Eigenvectors of a repeated eigenvalue are not
/// unique; for a defective one (a Jordan block) they are nearly parallel, as NumPy's are.
///
/// # Example
/// ```
/// use statrix::Matrix;
///
/// // The seed's matrix: eigenvalues 5 ± sqrt(15), real.
/// let a = Matrix::new([[4.0, 7.0], [2.0, 6.0]]);
/// let e = a.eigen()?; // w, v = np.linalg.eig(a)
/// let r15 = 15f64.sqrt();
/// assert!((e.eigenvalues[0].re - (5.0 - r15)).abs() < 1e-14);
/// assert!((e.eigenvalues[1].re - (5.0 + r15)).abs() < 1e-14);
/// assert_eq!(e.eigenvalues[0].im, 0.0);
/// // A v = λ v for each column.
/// for j in 0..2 {
///     let v = e.eigenvector(j);
///     for i in 0..2 {
///         let av = v[0] * a[(i, 0)] + v[1] * a[(i, 1)];
///         assert!((av - v[i] * e.eigenvalues[j]).norm() < 1e-14);
///     }
/// }
/// # Ok::<(), statrix::Error>(())
/// ```
///
/// Eigenvalues and eigenvectors of a general real square matrix, NumPy's `np.linalg.eig`
/// and `np.linalg.eigvals`: balancing, Hessenberg reduction, Francis double-shift QR to
/// real Schur form ([`Matrix::schur`]), then eigenvectors by back substitution on the
/// quasi-triangular Schur form (LAPACK `dtrevc3`), transformed back and normalised.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Eigen<T, const N: usize> {
    /// The eigenvalues `λ_j`, NumPy's `w`.
    pub eigenvalues: Vector<Complex<T>, N>,
    /// The eigenvectors as columns, NumPy's `v`: column `j` belongs to `eigenvalues[j]`.
    pub eigenvectors: Matrix<Complex<T>, N, N>,
}

impl<T: Real, const N: usize> Eigen<T, N> {
    /// The eigenvector of `eigenvalues[j]`: column `j` of `eigenvectors` (NumPy's
    /// `v[:, j]`).
    ///
    /// # Panics
    /// If `j >= N`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let e = Matrix::new([[2.0, 0.0], [0.0, 3.0]]).eigen()?;
    /// assert_eq!(e.eigenvector(1)[1].re, 1.0);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn eigenvector(&self, j: usize) -> Vector<Complex<T>, N> {
        Matrix::from_fn(|i, _| self.eigenvectors.0[i][j])
    }
}

impl<T: Real, const N: usize> Matrix<T, N, N> {
    /// The eigenvalues and right eigenvectors, NumPy's `np.linalg.eig(a)` (LAPACK `dgeev`).
    ///
    /// The algorithm is `dgeev`'s: balancing (permutation and power-of-two scaling, see
    /// [`balance`](Matrix::balance)), Householder reduction to Hessenberg form, Francis
    /// double-shift QR iterations to the real Schur form (see [`schur`](Matrix::schur);
    /// at most `30 * max(N, 10)` sweeps), then each eigenvector by back substitution on the
    /// quasi-triangular form (with LAPACK's perturbation of tiny pivots and its scaling
    /// against overflow), multiplied by the Schur vectors and the balancing transform. Input
    /// whose largest element lies outside `2^-459..2^459` (`2^-40..2^40` in `f32`) is first
    /// scaled by a power of two, exactly (`dgeev` scales outside the same range), so entries
    /// near `1e±300` are fine.
    /// See [`Eigen`] for the order and the normalisation.
    ///
    /// Accuracy, with `B = D^-1 P^T A P D` the balanced matrix (see
    /// [`balance`](Matrix::balance); `B = A` for most matrices) and `c` a small constant (the
    /// tests use LAPACK's 20): each computed pair has a small residual,
    /// `||A v - λ v|| <= c * N * eps * kappa(D) * ||B||` for the unit `v`, and each
    /// eigenvalue is within `c * N * eps * ||B|| * cond(λ)` of the exact one, where
    /// `cond(λ) = 1 / |y^H x|` for unit left and right eigenvectors `y`, `x` of `B`.
    /// Balancing makes `||B||` much smaller than `||A||` on badly scaled input, which is
    /// where it pays. A defective eigenvalue (a `k x k` Jordan block) is only accurate to
    /// about `eps^(1/k)`, as with every backward-stable method.
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::NoConvergence`] if the QR iterations exceed their bound (never observed).
    /// - [`Error::Overflow`] if an eigenvalue does not fit the floating-point range (only
    ///   for elements near the largest finite value).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    ///
    /// // A rotation by 90 degrees: eigenvalues ±i, eigenvectors (1, ∓i)/sqrt(2).
    /// let r = Matrix::new([[0.0, -1.0], [1.0, 0.0]]);
    /// let e = r.eigen()?;
    /// assert_eq!((e.eigenvalues[0].re, e.eigenvalues[0].im), (0.0, 1.0));
    /// assert_eq!((e.eigenvalues[1].re, e.eigenvalues[1].im), (0.0, -1.0));
    /// let h = 0.5f64.sqrt();
    /// let v = e.eigenvector(0);
    /// assert!((v[0].re - h).abs() < 1e-15 && (v[1].im + h).abs() < 1e-15);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn eigen(&self) -> Result<Eigen<T, N>, Error> {
        let amax = finite_max_abs(self.as_slice()).ok_or(Error::NonFinite)?;
        let czero = Complex::new(T::ZERO, T::ZERO);
        if amax == T::ZERO {
            // The zero matrix (and N = 0): all eigenvalues zero, the identity's columns as
            // eigenvectors (as NumPy).
            return Ok(Eigen {
                eigenvalues: Matrix::from_fn(|_, _| czero),
                eigenvectors: Matrix::from_fn(|i, j| {
                    Complex::new(if i == j { T::ONE } else { T::ZERO }, T::ZERO)
                }),
            });
        }
        let exp = prescale_exponent_to_edge(amax);
        let mut b = self.0;
        if let Some(exp) = exp {
            Pow2Scale::new(exp).apply_all(&mut b);
        }
        let form = real_schur(&mut b, BalanceJob::PermuteAndScale, Want::SchurVectors)?;
        let mut w = [czero; N];
        unscaled_eigenvalues(&form, exp, &mut w)?;
        let mut vectors = schur_eigenvectors(&form.t, &form.z);
        for v in vectors.iter_mut() {
            form.balancing.undo_scaling(v);
            form.balancing.undo_permutation(v);
            normalize(v);
        }
        Ok(Eigen {
            eigenvalues: Matrix::from_fn(|i, _| w[i]),
            eigenvectors: Matrix::from_fn(|i, j| vectors[j][i]),
        })
    }

    /// The eigenvalues only, NumPy's `np.linalg.eigvals(a)` (LAPACK `dgeev` without
    /// vectors): cheaper than [`eigen`](Matrix::eigen), whose eigenvalues these equal up to
    /// rounding, in the same order.
    ///
    /// # Errors
    /// As [`eigen`](Matrix::eigen): [`Error::NonFinite`], [`Error::NoConvergence`],
    /// [`Error::Overflow`].
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    ///
    /// // A companion matrix of x^3 - 6x^2 + 11x - 6 = (x - 1)(x - 2)(x - 3).
    /// let c = Matrix::new([[6.0, -11.0, 6.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]);
    /// let mut roots = c.eigenvalues()?.map(|z| z.re).to_array();
    /// roots.sort_by(f64::total_cmp);
    /// for (root, exact) in roots.iter().zip([1.0, 2.0, 3.0]) {
    ///     assert!((root - exact).abs() < 1e-13);
    /// }
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn eigenvalues(&self) -> Result<Vector<Complex<T>, N>, Error> {
        let w = eigenvalues_only(self)?;
        Ok(Matrix::from_fn(|i, _| w[i]))
    }
}

/// `|z.re| + |z.im|`, the cheap modulus LAPACK uses for pivoting and scaling.
fn abs1<T: Real>(z: Complex<T>) -> T {
    z.re.abs() + z.im.abs()
}

/// `a / b` by Smith's algorithm (no overflow in the intermediate `|b|^2`).
fn cdiv<T: Real>(a: Complex<T>, b: Complex<T>) -> Complex<T> {
    if b.re.abs() >= b.im.abs() {
        let r = b.im / b.re;
        let den = b.re + b.im * r;
        Complex::new((a.re + a.im * r) / den, (a.im - a.re * r) / den)
    } else {
        let r = b.re / b.im;
        let den = b.im + b.re * r;
        Complex::new((a.re * r + a.im) / den, (a.im * r - a.re) / den)
    }
}

/// The thresholds of the back substitution (LAPACK `dtrevc3` and `dlaln2`).
struct Thresholds<T> {
    /// Pivots smaller than this are replaced by it (a perturbation of order `eps * |λ|`).
    smin: T,
    /// `dlaln2`'s overflow threshold `1 / (2 * safe_min)`.
    bignum_solve: T,
    /// `dtrevc3`'s overflow threshold for the updates, `(1 - eps) / (safe_min * N / eps)`.
    bignum_update: T,
}

/// A solved 1 x 1 or 2 x 2 diagonal block: `(T_jj - λ) x = scale * b`.
struct Solved<T> {
    x: [Complex<T>; 2],
    scale: T,
    xnorm: T,
}

/// Solves `(t - λ) x = scale * b` for a 1 x 1 block (`dlaln2` with `na = 1`).
fn solve_1x1<T: Real>(t: T, lambda: Complex<T>, b: Complex<T>, th: &Thresholds<T>) -> Solved<T> {
    let smini = th.smin;
    let mut d = Complex::new(t - lambda.re, -lambda.im);
    let mut dnorm = abs1(d);
    if dnorm < smini {
        d = Complex::new(smini, T::ZERO);
        dnorm = smini;
    }
    let bnorm = abs1(b);
    let mut scale = T::ONE;
    if dnorm < T::ONE && bnorm > T::ONE && bnorm > th.bignum_solve * dnorm {
        scale = T::ONE / bnorm;
    }
    let x = cdiv(b * scale, d);
    Solved {
        x: [x, Complex::new(T::ZERO, T::ZERO)],
        scale,
        xnorm: abs1(x),
    }
}

/// Solves `(B - λ I) x = scale * b` for a 2 x 2 block `B` by Gaussian elimination with
/// complete pivoting, perturbing tiny pivots and scaling against overflow (`dlaln2` with
/// `na = 2`).
fn solve_2x2<T: Real>(
    block: [[T; 2]; 2],
    lambda: Complex<T>,
    b: [Complex<T>; 2],
    th: &Thresholds<T>,
) -> Solved<T> {
    let one = T::ONE;
    let smini = th.smin;
    let c = [
        [
            Complex::new(block[0][0] - lambda.re, -lambda.im),
            Complex::new(block[0][1], T::ZERO),
        ],
        [
            Complex::new(block[1][0], T::ZERO),
            Complex::new(block[1][1] - lambda.re, -lambda.im),
        ],
    ];
    // The pivot: the largest element, scanned column by column as LAPACK does.
    let mut cmax = T::ZERO;
    let (mut pr, mut pc) = (0, 0);
    for (col, row) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        let m = abs1(c[row][col]);
        if m > cmax {
            cmax = m;
            pr = row;
            pc = col;
        }
    }
    if cmax < smini {
        // The whole block is tiny: use smini * I.
        let bnorm = abs1(b[0]).max(abs1(b[1]));
        let mut scale = one;
        if smini < one && bnorm > one && bnorm > th.bignum_solve * smini {
            scale = one / bnorm;
        }
        let temp = scale / smini;
        return Solved {
            x: [b[0] * temp, b[1] * temp],
            scale,
            xnorm: temp * bnorm,
        };
    }
    let (qr, qc) = (1 - pr, 1 - pc);
    let u11 = c[pr][pc];
    let c21 = c[qr][pc];
    let u12 = c[pr][qc];
    let c22 = c[qr][qc];
    let u11r = cdiv(Complex::new(one, T::ZERO), u11);
    let l21 = c21 * u11r;
    let u12s = u12 * u11r;
    let mut u22 = c22 - u12 * l21;
    let mut u22abs = abs1(u22);
    if u22abs < smini {
        u22 = Complex::new(smini, T::ZERO);
        u22abs = smini;
    }
    let mut b1 = b[pr];
    let mut b2 = b[qr] - l21 * b1;
    let bbnd = (abs1(b1) * (u22abs * abs1(u11r))).max(abs1(b2));
    let mut scale = one;
    if bbnd > one && u22abs < one && bbnd >= th.bignum_solve * u22abs {
        scale = one / bbnd;
        b1 *= scale;
        b2 *= scale;
    }
    let x2 = cdiv(b2, u22);
    let x1 = u11r * b1 - u12s * x2;
    let mut x = if pc == 1 { [x2, x1] } else { [x1, x2] };
    let mut xnorm = abs1(x1).max(abs1(x2));
    if xnorm > one && cmax > one && xnorm > th.bignum_solve / cmax {
        let temp = cmax / th.bignum_solve;
        x = [x[0] * temp, x[1] * temp];
        xnorm *= temp;
        scale *= temp;
    }
    Solved { x, scale, xnorm }
}

/// The right eigenvectors of the quasi-triangular `t`, multiplied by `z` (LAPACK
/// `dtrevc3`, side `'R'`, back-transformed). Vector `j` belongs to the `j`-th diagonal
/// position; each is scaled so its largest component has `|re| + |im| = 1`.
fn schur_eigenvectors<T: Real, const N: usize>(
    t: &[[T; N]; N],
    z: &[[T; N]; N],
) -> [[Complex<T>; N]; N] {
    let czero = Complex::new(T::ZERO, T::ZERO);
    let mut vectors = [[czero; N]; N];
    let one = T::ONE;
    let two = one + one;
    let unfl = T::min_positive_value();
    let ulp = T::epsilon();
    let n = T::from(N).unwrap_or(one);
    let smlnum = unfl * (n / ulp);
    let bignum_update = (one - ulp) / smlnum;
    let bignum_solve = one / (two * unfl);
    // cnorm[j]: the 1-norm of column j above the diagonal, to foresee overflow.
    let mut cnorm = [T::ZERO; N];
    for (j, cn) in cnorm.iter_mut().enumerate() {
        *cn = t.iter().take(j).fold(T::ZERO, |s, row| s + row[j].abs());
    }

    let mut kend = N;
    while kend > 0 {
        let ki = kend - 1;
        let pair = ki > 0 && t[ki][ki - 1] != T::ZERO;
        let top = if pair { ki - 1 } else { ki };
        let wr = t[ki][ki];
        let wi = if pair {
            t[ki][ki - 1].abs().square_root() * t[ki - 1][ki].abs().square_root()
        } else {
            T::ZERO
        };
        let lambda = Complex::new(wr, wi);
        let th = Thresholds {
            smin: (ulp * (wr.abs() + wi.abs())).max(smlnum).max(two * unfl),
            bignum_solve,
            bignum_update,
        };
        let mut x = [czero; N];
        if pair {
            // The eigenvector of the standardised 2 x 2 block for λ = wr + i wi.
            let k1 = ki - 1;
            let (xr, xi) = if t[k1][ki].abs() >= t[ki][k1].abs() {
                (one, wi / t[k1][ki])
            } else {
                (-wi / t[ki][k1], one)
            };
            x[k1] = Complex::new(xr, T::ZERO);
            x[ki] = Complex::new(T::ZERO, xi);
            for (k, xk) in x.iter_mut().enumerate().take(k1) {
                *xk = Complex::new(-xr * t[k][k1], -xi * t[k][ki]);
            }
        } else {
            x[ki] = Complex::new(one, T::ZERO);
            for (k, xk) in x.iter_mut().enumerate().take(ki) {
                *xk = Complex::new(-t[k][ki], T::ZERO);
            }
        }
        back_substitute(t, &mut x, top, ki, lambda, &th, &cnorm);

        // Back-transform: v = Z[:, 0..=ki] x[0..=ki].
        let mut v = [czero; N];
        for (r, vr) in v.iter_mut().enumerate() {
            let mut s = czero;
            for (k, xk) in x.iter().enumerate().take(ki + 1) {
                s += *xk * z[r][k];
            }
            *vr = s;
        }
        let emax = v.iter().fold(T::ZERO, |m, &c| m.max(abs1(c)));
        if emax > T::ZERO {
            let rec = one / emax;
            for c in v.iter_mut() {
                *c *= rec;
            }
        }
        if pair {
            vectors[ki - 1] = v;
            vectors[ki] = v.map(|c| c.conj());
        } else {
            vectors[ki] = v;
        }
        kend = top;
    }
    vectors
}

/// Solves `(T[0..top][0..top] - λ I) x[0..top] = rhs` upwards, block by block, where `x`
/// holds the right-hand side on entry; rescales all of `x[0..=ki]` whenever a step would
/// overflow (LAPACK `dtrevc3`).
fn back_substitute<T: Real, const N: usize>(
    t: &[[T; N]; N],
    x: &mut [Complex<T>; N],
    top: usize,
    ki: usize,
    lambda: Complex<T>,
    th: &Thresholds<T>,
    cnorm: &[T; N],
) {
    let one = T::ONE;
    let mut jend = top;
    while jend > 0 {
        let j = jend - 1;
        if j > 0 && t[j][j - 1] != T::ZERO {
            // A 2 x 2 block in rows j-1, j.
            let j1 = j - 1;
            let block = [[t[j1][j1], t[j1][j]], [t[j][j1], t[j][j]]];
            let mut s = solve_2x2(block, lambda, [x[j1], x[j]], th);
            if s.xnorm > one {
                let beta = cnorm[j1].max(cnorm[j]);
                if beta > th.bignum_update / s.xnorm {
                    let rec = one / s.xnorm;
                    s.x = [s.x[0] * rec, s.x[1] * rec];
                    s.scale *= rec;
                }
            }
            if s.scale != one {
                for c in x.iter_mut().take(ki + 1) {
                    *c *= s.scale;
                }
            }
            x[j1] = s.x[0];
            x[j] = s.x[1];
            for r in 0..j1 {
                x[r] = x[r] - s.x[0] * t[r][j1] - s.x[1] * t[r][j];
            }
            jend = j1;
        } else {
            let mut s = solve_1x1(t[j][j], lambda, x[j], th);
            if s.xnorm > one && cnorm[j] > th.bignum_update / s.xnorm {
                let rec = one / s.xnorm;
                s.x[0] *= rec;
                s.scale *= rec;
            }
            if s.scale != one {
                for c in x.iter_mut().take(ki + 1) {
                    *c *= s.scale;
                }
            }
            x[j] = s.x[0];
            for r in 0..j {
                x[r] -= s.x[0] * t[r][j];
            }
            jend = j;
        }
    }
}

/// Scales `v` to unit 2-norm and rotates it so that its component of largest modulus (the
/// first of those equal to it up to rounding) is real and positive.
fn normalize<T: Real, const N: usize>(v: &mut [Complex<T>; N]) {
    let emax = v.iter().fold(T::ZERO, |m, &c| m.max(abs1(c)));
    if emax == T::ZERO || !emax.is_finite() {
        return;
    }
    // After this, every |component| <= 1 and the largest is >= 1/2: squares are safe.
    let rec = T::ONE / emax;
    let mut sum = T::ZERO;
    for c in v.iter_mut() {
        *c *= rec;
        sum += c.norm_sqr();
    }
    let inv_norm = T::ONE / sum.square_root();
    let mut pmax = T::ZERO;
    for c in v.iter_mut() {
        *c *= inv_norm;
        pmax = pmax.max(c.norm_sqr());
    }
    // The first component as large as the largest up to rounding (a relative 4 eps in the
    // squared modulus), so that exact ties pick the first.
    let four = T::TWO * T::TWO;
    let threshold = pmax * (T::ONE - four * T::epsilon());
    let p = v
        .iter()
        .position(|c| c.norm_sqr() >= threshold)
        .unwrap_or(0);
    let modulus = v[p].re.hypot_robust(v[p].im);
    let phase = Complex::new(v[p].re / modulus, -v[p].im / modulus);
    for c in v.iter_mut() {
        *c *= phase;
        if c.im == T::ZERO {
            // No negative zeros in real vectors.
            c.im = T::ZERO;
        }
    }
    v[p] = Complex::new(modulus, T::ZERO);
}
