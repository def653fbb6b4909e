//! The real Schur form by Francis double-shift QR: [`Schur`], whose documentation
//! holds the notes.

use num_complex::Complex;

use crate::error::Error;
use crate::linalg::balance::{BalanceJob, Balancing, balance_in_place};
use crate::linalg::hessenberg::{clear_below_subdiagonal, form_q, reduce};
use crate::linalg::householder::make_reflector;
use crate::matrix::{Matrix, Vector};
use crate::numeric::{
    Pow2Scale, all_finite, finite_max_abs, prescale_exponent_to_edge, unit_exponent,
};
use crate::scalar::Real;

/// The real Schur decomposition `A = Z T Z^T`, from [`Matrix::schur`].
///
/// `T` is quasi upper triangular: upper triangular except for 2 x 2 blocks on the diagonal,
/// one per complex-conjugate pair of eigenvalues, each in LAPACK's standard form
/// `[[a, b], [c, a]]` with `b * c < 0` (eigenvalues `a ± i sqrt(-b c)`). Everything below
/// the first subdiagonal, and the subdiagonal outside those blocks, is exactly zero. `Z` is
/// orthogonal.
///
/// # Example
/// ```
/// use statrix::Matrix;
///
/// // A rotation by 90 degrees: one 2 x 2 block for the eigenvalues ±i.
/// let a = Matrix::new([[0.0, -1.0], [1.0, 0.0]]);
/// let schur = a.schur()?; // scipy.linalg.schur(a)
/// assert_eq!(schur.t, a);
/// let w = schur.eigenvalues();
/// assert_eq!((w[0].re, w[0].im), (0.0, 1.0));
/// assert_eq!((w[1].re, w[1].im), (0.0, -1.0));
/// # Ok::<(), statrix::Error>(())
/// ```
///
/// The real Schur form `A = Z T Z^T` by the Francis double-shift QR algorithm on the
/// Hessenberg form (LAPACK `dlahqr`, which `dhseqr` and hence NumPy use for small
/// matrices), with the standardised 2 x 2 blocks of `dlanv2`. SciPy's
/// `scipy.linalg.schur(a, output='real')`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Schur<T, const N: usize> {
    /// The quasi-upper-triangular Schur form `T`.
    pub t: Matrix<T, N, N>,
    /// The orthogonal Schur vectors `Z`: `A = Z T Z^T`.
    pub z: Matrix<T, N, N>,
}

impl<T: Real, const N: usize> Schur<T, N> {
    /// The eigenvalues, read off the diagonal of `T` in order: a 1 x 1 block gives a real
    /// eigenvalue, a 2 x 2 block a conjugate pair with the positive imaginary part first.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let t = Matrix::new([[3.0, 1.0], [0.0, -2.0]]).schur()?.eigenvalues();
    /// assert_eq!((t[0].re, t[1].re), (3.0, -2.0));
    /// # Ok::<(), statrix::Error>(())
    /// ```
    #[must_use]
    pub fn eigenvalues(&self) -> Vector<Complex<T>, N> {
        let t = &self.t.0;
        let mut w = [Complex::new(T::ZERO, T::ZERO); N];
        let mut j = 0;
        while j < N {
            if j + 1 < N && t[j + 1][j] != T::ZERO {
                let im = t[j][j + 1].abs().square_root() * t[j + 1][j].abs().square_root();
                w[j] = Complex::new(t[j][j], im);
                w[j + 1] = Complex::new(t[j + 1][j + 1], -im);
                j += 2;
            } else {
                w[j] = Complex::new(t[j][j], T::ZERO);
                j += 1;
            }
        }
        Matrix::from_fn(|i, _| w[i])
    }
}

impl<T: Real, const N: usize> Matrix<T, N, N> {
    /// The real Schur decomposition `A = Z T Z^T`, SciPy's `scipy.linalg.schur(a)`
    /// (`output='real'`, LAPACK `dgees` without sorting): see [`Schur`] for the form of `T`.
    ///
    /// As `dgees` does, a permutation first isolates eigenvalues already on the diagonal
    /// (no scaling, which would spoil the orthogonality of `Z`). Then a Householder reduction
    /// to Hessenberg form and Francis double-shift QR iterations with LAPACK `dlahqr`'s
    /// deflation test (Ahues and Tisseur) and exceptional shifts every 10 iterations without
    /// deflation. The iterations are bounded by `30 * max(N, 10)` QR sweeps in total.
    /// Backward stable: `Z (T + E) Z^T = A` with `||E||` a small multiple of
    /// `eps * ||A||`.
    ///
    /// The matrix is first scaled by a power of two (exactly) so that its largest element is
    /// in `[1, 2)`; entries near `1e300` or `1e-300` are no problem. (Unlike
    /// [`eigenvalues`](Matrix::eigenvalues), this form does not balance the matrix, so it
    /// always scales: entries far below the largest then underflow to zero or into the
    /// subnormals, below `eps` times the norm, where the QR iteration deflates them. Left
    /// at magnitudes such as `1e93` beside `1e-308`, they can stall the iteration.)
    ///
    /// # Errors
    /// - [`Error::NonFinite`] if an element is NaN or infinite.
    /// - [`Error::NoConvergence`] if the QR iterations do not converge within their bound
    ///   (never observed; LAPACK reports the same failure).
    /// - [`Error::Overflow`] if an element of `T` does not fit the floating-point range
    ///   (possible only for elements near the largest finite value).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    ///
    /// let a = Matrix::new([[1.0, 2.0, 0.0], [-2.0, 1.0, 3.0], [0.0, 0.5, 4.0]]);
    /// let s = a.schur()?;
    /// assert!((s.z * s.t * s.z.transpose() - a).norm() < 1e-14);
    /// assert_eq!(s.t[(2, 0)], 0.0);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn schur(&self) -> Result<Schur<T, N>, Error> {
        let amax = finite_max_abs(self.as_slice()).ok_or(Error::NonFinite)?;
        if amax == T::ZERO {
            // The zero matrix is its own Schur form.
            return Ok(Schur {
                t: *self,
                z: Matrix::identity(),
            });
        }
        let exp = unit_exponent(amax);
        let mut a = self.0;
        Pow2Scale::new(exp).apply_all(&mut a);
        let form = real_schur(&mut a, BalanceJob::Permute, Want::SchurVectors)?;
        let mut z = form.z;
        // A = P Z T Z^T P^T: undo the permutation on Z's rows.
        form.balancing.undo_permutation(&mut z);
        let mut t = form.t;
        Pow2Scale::new(-exp).apply_all(&mut t);
        if !all_finite(t.as_flattened()) {
            return Err(Error::Overflow);
        }
        let t = Matrix(t);
        Ok(Schur { t, z: Matrix(z) })
    }
}

/// What the QR iteration computes: eigenvalues only, or the full Schur form `T` and the
/// Schur vectors `Z` as well (LAPACK's `wantt`/`wantz`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Want {
    /// Eigenvalues only; transformations touch only the active block (cheaper).
    Eigenvalues,
    /// `T` and `Z`.
    SchurVectors,
}

/// The result of [`real_schur`] on a balanced, power-of-two-scaled matrix.
pub(crate) struct RealSchur<T, const N: usize> {
    /// `T` (exact for [`Want::SchurVectors`]; only its diagonal blocks are meaningful
    /// otherwise).
    pub(crate) t: [[T; N]; N],
    /// The Schur vectors of the balanced matrix (identity for [`Want::Eigenvalues`]).
    pub(crate) z: [[T; N]; N],
    /// Real and imaginary parts of the eigenvalues, on `T`'s diagonal order.
    pub(crate) wr: [T; N],
    pub(crate) wi: [T; N],
    pub(crate) balancing: Balancing<T, N>,
}

/// Balances `a` (as `job` says), reduces it to Hessenberg form and runs the QR iteration.
/// `a` must be finite, non-zero and `N >= 1`; it is overwritten by the balanced matrix.
pub(crate) fn real_schur<T: Real, const N: usize>(
    a: &mut [[T; N]; N],
    job: BalanceJob,
    want: Want,
) -> Result<RealSchur<T, N>, Error> {
    let balancing = balance_in_place(a, job);
    let (ilo, ihi) = (balancing.ilo, balancing.ihi);
    let mut tau = [T::ZERO; N];
    reduce(a, ilo, ihi, &mut tau);
    let mut z = [[T::ZERO; N]; N];
    for (i, row) in z.iter_mut().enumerate() {
        row[i] = T::ONE;
    }
    if want == Want::SchurVectors {
        z = form_q(a, &tau, ilo, ihi);
    }
    clear_below_subdiagonal(a);
    let mut wr = [T::ZERO; N];
    let mut wi = [T::ZERO; N];
    // Eigenvalues isolated by the permutation.
    for i in (0..ilo).chain(ihi + 1..N) {
        wr[i] = a[i][i];
    }
    hqr(a, &mut z, ilo, ihi, &mut wr, &mut wi, want)?;
    Ok(RealSchur {
        t: *a,
        z,
        wr,
        wi,
        balancing,
    })
}

/// Francis double-shift QR on the Hessenberg block `ilo..=ihi` of `h` (LAPACK 3.12
/// `dlahqr`, 0-based), accumulating into `z` when asked. Total QR sweeps are bounded by
/// `30 * max(N, 10)`.
fn hqr<T: Real, const N: usize>(
    h: &mut [[T; N]; N],
    z: &mut [[T; N]; N],
    ilo: usize,
    ihi: usize,
    wr: &mut [T; N],
    wi: &mut [T; N],
    want: Want,
) -> Result<(), Error> {
    let zero = T::ZERO;
    let one = T::ONE;
    let two = one + one;
    let dat1 = T::from(0.75).unwrap_or(one);
    let dat2 = T::from(-0.4375).unwrap_or(-one);
    const KEXSH: usize = 10;
    const NORMWISE_AFTER: usize = 3 * KEXSH;
    let wantt = want == Want::SchurVectors;

    if ilo == ihi {
        wr[ilo] = h[ilo][ilo];
        wi[ilo] = zero;
        return Ok(());
    }
    // Clear out the trash below the subdiagonal.
    for j in ilo..ihi.saturating_sub(2) {
        h[j + 2][j] = zero;
        h[j + 3][j] = zero;
    }
    if ilo + 2 <= ihi {
        h[ihi][ihi - 2] = zero;
    }
    let nh = ihi - ilo + 1;
    let safmin = T::min_positive_value();
    let ulp = T::epsilon();
    let smlnum = safmin * (T::from(nh).unwrap_or(one) / ulp);
    let (mut i1, mut i2) = (0, N - 1);
    let max_sweeps = 30 * N.max(10);
    let mut sweeps = 0;
    let mut kdefl = 0;
    // ||H||_F of the active block, which the orthogonal sweeps keep (to rounding): after
    // `NORMWISE_AFTER` sweeps without a deflation, a subdiagonal element below `ulp ||H||`
    // also counts as negligible (a perturbation inside the normwise backward error). The
    // relative test alone can wait forever beside eigenvalues far smaller than `ulp ||H||`,
    // whose neighbours' rounding never falls below `ulp` times their size.
    let mut h_norm = zero;
    for row in h.iter().take(ihi + 1).skip(ilo) {
        for &x in row.iter().take(ihi + 1).skip(ilo) {
            h_norm = h_norm.hypot_robust(x);
        }
    }

    // The active block is l..=i; `iend = i + 1` so that it can reach `ilo` without wrapping.
    let mut iend = ihi + 1;
    while iend > ilo {
        let i = iend - 1;
        let mut l = ilo;
        loop {
            // Look for a single small subdiagonal element.
            let mut k = i;
            while k > l {
                let hkk1 = h[k][k - 1].abs();
                if hkk1 <= smlnum || (kdefl > NORMWISE_AFTER && hkk1 <= ulp * h_norm) {
                    break;
                }
                let mut tst = h[k - 1][k - 1].abs() + h[k][k].abs();
                if tst == zero {
                    if k >= ilo + 2 {
                        tst += h[k - 1][k - 2].abs();
                    }
                    if k < ihi {
                        tst += h[k + 1][k].abs();
                    }
                }
                // Ahues and Tisseur's conservative deflation criterion (LAWN 122).
                if hkk1 <= ulp * tst {
                    let hk1k = h[k - 1][k].abs();
                    let ab = hkk1.max(hk1k);
                    let ba = hkk1.min(hk1k);
                    let diff = (h[k - 1][k - 1] - h[k][k]).abs();
                    let aa = h[k][k].abs().max(diff);
                    let bb = h[k][k].abs().min(diff);
                    let s = aa + ab;
                    if ba * (ab / s) <= smlnum.max(ulp * (bb * (aa / s))) {
                        break;
                    }
                }
                k -= 1;
            }
            l = k;
            if l > ilo {
                // H(l, l-1) is negligible.
                h[l][l - 1] = zero;
            }
            if l + 1 >= i {
                // A 1 x 1 or 2 x 2 block has split off.
                break;
            }
            if sweeps >= max_sweeps {
                return Err(Error::NoConvergence { iterations: sweeps });
            }
            sweeps += 1;
            kdefl += 1;
            if !wantt {
                i1 = l;
                i2 = i;
            }

            // Shifts: the eigenvalues of the trailing 2 x 2, or an exceptional shift.
            let (mut h11, mut h12, mut h21, mut h22);
            if kdefl % (2 * KEXSH) == 0 {
                let s = h[i][i - 1].abs() + h[i - 1][i - 2].abs();
                h11 = dat1 * s + h[i][i];
                h12 = dat2 * s;
                h21 = s;
                h22 = h11;
            } else if kdefl % KEXSH == 0 {
                let s = h[l + 1][l].abs() + h[l + 2][l + 1].abs();
                h11 = dat1 * s + h[l][l];
                h12 = dat2 * s;
                h21 = s;
                h22 = h11;
            } else {
                h11 = h[i - 1][i - 1];
                h21 = h[i][i - 1];
                h12 = h[i - 1][i];
                h22 = h[i][i];
            }
            let s = h11.abs() + h12.abs() + h21.abs() + h22.abs();
            let (rt1r, rt1i, rt2r, rt2i);
            if s == zero {
                (rt1r, rt1i, rt2r, rt2i) = (zero, zero, zero, zero);
            } else {
                h11 /= s;
                h21 /= s;
                h12 /= s;
                h22 /= s;
                let tr = (h11 + h22) / two;
                let det = (h11 - tr) * (h22 - tr) - h12 * h21;
                let rtdisc = det.abs().square_root();
                if det >= zero {
                    // A complex conjugate pair.
                    rt1r = tr * s;
                    rt2r = rt1r;
                    rt1i = rtdisc * s;
                    rt2i = -rt1i;
                } else {
                    // Real shifts: use only the one closer to H(i, i), twice.
                    let a = tr + rtdisc;
                    let b = tr - rtdisc;
                    let r = if (a - h22).abs() <= (b - h22).abs() {
                        a * s
                    } else {
                        b * s
                    };
                    (rt1r, rt2r, rt1i, rt2i) = (r, r, zero, zero);
                }
            }

            // Look for two consecutive small subdiagonal elements.
            let mut v = [zero; 3];
            let mut m = i - 2;
            loop {
                let h21s = h[m + 1][m];
                let s = (h[m][m] - rt2r).abs() + rt2i.abs() + h21s.abs();
                let h21s = h[m + 1][m] / s;
                v[0] = h21s * h[m][m + 1] + (h[m][m] - rt1r) * ((h[m][m] - rt2r) / s)
                    - rt1i * (rt2i / s);
                v[1] = h21s * (h[m][m] + h[m + 1][m + 1] - rt1r - rt2r);
                v[2] = h21s * h[m + 2][m + 1];
                let s = v[0].abs() + v[1].abs() + v[2].abs();
                v[0] /= s;
                v[1] /= s;
                v[2] /= s;
                if m == l {
                    break;
                }
                let h00 = h[m][m - 1].abs() * (v[1].abs() + v[2].abs());
                let h01 = ulp
                    * v[0].abs()
                    * (h[m - 1][m - 1].abs() + h[m][m].abs() + h[m + 1][m + 1].abs());
                if h00 <= h01 {
                    break;
                }
                m -= 1;
            }

            // The double-shift QR sweep: chase the bulge from row m down to i.
            for k in m..i {
                let nr = 3.min(i - k + 1);
                if k > m {
                    for (r, vr) in v.iter_mut().enumerate().take(nr) {
                        *vr = h[k + r][k - 1];
                    }
                }
                let (beta, t1) = make_reflector(v[0], &mut v[1..nr]);
                v[0] = beta;
                if k > m {
                    h[k][k - 1] = beta;
                    h[k + 1][k - 1] = zero;
                    if k + 1 < i {
                        h[k + 2][k - 1] = zero;
                    }
                } else if m > l {
                    // Use (1 - t1) instead of negating: avoids a bug when v[1], v[2]
                    // underflow (as LAPACK).
                    h[k][k - 1] *= one - t1;
                }
                let v2 = v[1];
                let t2 = t1 * v2;
                if nr == 3 {
                    let v3 = v[2];
                    let t3 = t1 * v3;
                    // Rows k..k+2 from the left, columns k..=i2.
                    let (r0, r1, r2) = three_rows(h, k);
                    let cols = k..i2 + 1;
                    for ((x0, x1), x2) in r0[cols.clone()]
                        .iter_mut()
                        .zip(&mut r1[cols.clone()])
                        .zip(&mut r2[cols])
                    {
                        let sum = *x0 + v2 * *x1 + v3 * *x2;
                        *x0 -= sum * t1;
                        *x1 -= sum * t2;
                        *x2 -= sum * t3;
                    }
                    // Columns k..k+2 from the right, rows i1..=min(k+3, i).
                    for row in &mut h[i1..=(k + 3).min(i)] {
                        let sum = row[k] + v2 * row[k + 1] + v3 * row[k + 2];
                        row[k] -= sum * t1;
                        row[k + 1] -= sum * t2;
                        row[k + 2] -= sum * t3;
                    }
                    if wantt {
                        for row in &mut z[ilo..=ihi] {
                            let sum = row[k] + v2 * row[k + 1] + v3 * row[k + 2];
                            row[k] -= sum * t1;
                            row[k + 1] -= sum * t2;
                            row[k + 2] -= sum * t3;
                        }
                    }
                } else if nr == 2 {
                    let (r0, r1) = two_rows(h, k);
                    for (x0, x1) in r0[k..=i2].iter_mut().zip(&mut r1[k..=i2]) {
                        let sum = *x0 + v2 * *x1;
                        *x0 -= sum * t1;
                        *x1 -= sum * t2;
                    }
                    for row in &mut h[i1..=i] {
                        let sum = row[k] + v2 * row[k + 1];
                        row[k] -= sum * t1;
                        row[k + 1] -= sum * t2;
                    }
                    if wantt {
                        for row in &mut z[ilo..=ihi] {
                            let sum = row[k] + v2 * row[k + 1];
                            row[k] -= sum * t1;
                            row[k + 1] -= sum * t2;
                        }
                    }
                }
            }
        }

        // A block l..=i of size 1 or 2 has converged.
        if l == i {
            wr[i] = h[i][i];
            wi[i] = zero;
        } else if l + 1 == i {
            let p = i - 1;
            let std = standardize_2x2(h[p][p], h[p][i], h[i][p], h[i][i]);
            h[p][p] = std.a;
            h[p][i] = std.b;
            h[i][p] = std.c;
            h[i][i] = std.d;
            wr[p] = std.rt1r;
            wi[p] = std.rt1i;
            wr[i] = std.rt2r;
            wi[i] = std.rt2i;
            let (cs, sn) = (std.cs, std.sn);
            if wantt {
                // The rest of rows p, i and columns p, i of T.
                let (rp, ri) = two_rows(h, p);
                for (xp, xi) in rp[i + 1..].iter_mut().zip(&mut ri[i + 1..]).take(i2 - i) {
                    let (x, y) = (*xp, *xi);
                    *xp = cs * x + sn * y;
                    *xi = cs * y - sn * x;
                }
                for row in &mut h[i1.min(p)..p] {
                    let (x, y) = (row[p], row[i]);
                    row[p] = cs * x + sn * y;
                    row[i] = cs * y - sn * x;
                }
                for row in &mut z[ilo..=ihi] {
                    let (x, y) = (row[p], row[i]);
                    row[p] = cs * x + sn * y;
                    row[i] = cs * y - sn * x;
                }
            }
        }
        kdefl = 0;
        iend = l;
    }
    // (Z is the untouched identity when only eigenvalues are wanted.)
    let z_finite = !wantt || all_finite(z.as_flattened());
    if !(all_finite(h.as_flattened()) && z_finite) {
        // Unreachable for finite input short of overflow in the sweeps; reported rather than
        // returned as NaN.
        return Err(Error::NoConvergence { iterations: sweeps });
    }
    Ok(())
}

/// Rows `k` and `k + 1` of `h`, both mutable.
fn two_rows<T, const N: usize>(h: &mut [[T; N]; N], k: usize) -> (&mut [T; N], &mut [T; N]) {
    let (top, rest) = h.split_at_mut(k + 1);
    (&mut top[k], &mut rest[0])
}

/// Rows `k`, `k + 1` and `k + 2` of `h`, all mutable.
fn three_rows<T, const N: usize>(
    h: &mut [[T; N]; N],
    k: usize,
) -> (&mut [T; N], &mut [T; N], &mut [T; N]) {
    let (top, rest) = h.split_at_mut(k + 1);
    let (middle, bottom) = rest.split_at_mut(1);
    (&mut top[k], &mut middle[0], &mut bottom[0])
}

/// A 2 x 2 block in standard Schur form and the rotation that made it (LAPACK `dlanv2`).
struct Standard2x2<T> {
    a: T,
    b: T,
    c: T,
    d: T,
    rt1r: T,
    rt1i: T,
    rt2r: T,
    rt2i: T,
    cs: T,
    sn: T,
}

/// The Schur factorization of a real 2 x 2 matrix in standardised form (LAPACK 3.12
/// `dlanv2`): `[[a, b], [c, d]] = [[cs, -sn], [sn, cs]] [[aa, bb], [cc, dd]] [[cs, sn],
/// [-sn, cs]]` where either `cc = 0` (real eigenvalues `aa`, `dd`) or `aa = dd` and
/// `bb * cc < 0` (eigenvalues `aa ± sqrt(bb * cc)`, positive imaginary part first).
fn standardize_2x2<T: Real>(a: T, b: T, c: T, d: T) -> Standard2x2<T> {
    let zero = T::ZERO;
    let one = T::ONE;
    let two = one + one;
    let half = one / two;
    let multpl = two + two;
    let eps = T::epsilon();
    let safmin = T::min_positive_value();
    // LAPACK's safmn2 = 2^int(log2(safmin / eps) / 2).
    let half_exp = (crate::numeric::exponent(safmin / eps)) / 2;
    let safmn2 = crate::numeric::pow2::<T>(half_exp);
    let safmx2 = one / safmn2;
    let (mut a, mut b, mut c, mut d) = (a, b, c, d);
    let (mut cs, mut sn);
    if c == zero {
        cs = one;
        sn = zero;
    } else if b == zero {
        // Swap rows and columns.
        cs = zero;
        sn = one;
        core::mem::swap(&mut a, &mut d);
        b = -c;
        c = zero;
    } else if (a - d) == zero && one.copysign(b) != one.copysign(c) {
        cs = one;
        sn = zero;
    } else {
        let mut temp = a - d;
        let mut p = half * temp;
        let bcmax = b.abs().max(c.abs());
        let bcmis = b.abs().min(c.abs()) * one.copysign(b) * one.copysign(c);
        let mut scale = p.abs().max(bcmax);
        let mut z = (p / scale) * p + (bcmax / scale) * bcmis;
        if z >= multpl * eps {
            // Real eigenvalues: compute a and d.
            z = p + (scale.square_root() * z.square_root()).copysign(p);
            a = d + z;
            d -= (bcmax / z) * bcmis;
            let tau = c.hypot_robust(z);
            cs = z / tau;
            sn = c / tau;
            b -= c;
            c = zero;
        } else {
            // Complex eigenvalues, or real (almost) equal ones: make the diagonal equal.
            let mut sigma = b + c;
            for _ in 0..=20 {
                scale = temp.abs().max(sigma.abs());
                if scale >= safmx2 {
                    sigma *= safmn2;
                    temp *= safmn2;
                    continue;
                }
                if scale <= safmn2 {
                    sigma *= safmx2;
                    temp *= safmx2;
                    continue;
                }
                break;
            }
            p = half * temp;
            let mut tau = sigma.hypot_robust(temp);
            cs = (half * (one + sigma.abs() / tau)).square_root();
            sn = -(p / (tau * cs)) * one.copysign(sigma);
            // [aa bb; cc dd] = [a b; c d] [cs -sn; sn cs]
            let aa = a * cs + b * sn;
            let bb = -a * sn + b * cs;
            let cc = c * cs + d * sn;
            let dd = -c * sn + d * cs;
            // [a b; c d] = [cs sn; -sn cs] [aa bb; cc dd]
            a = aa * cs + cc * sn;
            b = bb * cs + dd * sn;
            c = -aa * sn + cc * cs;
            d = -bb * sn + dd * cs;
            temp = half * (a + d);
            a = temp;
            d = temp;
            if c != zero {
                if b != zero {
                    if one.copysign(b) == one.copysign(c) {
                        // Real eigenvalues: reduce to upper triangular form.
                        let sab = b.abs().square_root();
                        let sac = c.abs().square_root();
                        p = (sab * sac).copysign(c);
                        tau = one / (b + c).abs().square_root();
                        a = temp + p;
                        d = temp - p;
                        b -= c;
                        c = zero;
                        let cs1 = sab * tau;
                        let sn1 = sac * tau;
                        let t = cs * cs1 - sn * sn1;
                        sn = cs * sn1 + sn * cs1;
                        cs = t;
                    }
                } else {
                    b = -c;
                    c = zero;
                    let t = cs;
                    cs = -sn;
                    sn = t;
                }
            }
        }
    }
    let (rt1i, rt2i) = if c == zero {
        (zero, zero)
    } else {
        let im = b.abs().square_root() * c.abs().square_root();
        (im, -im)
    };
    Standard2x2 {
        a,
        b,
        c,
        d,
        rt1r: a,
        rt1i,
        rt2r: d,
        rt2i,
        cs,
        sn,
    }
}

/// The eigenvalues of a matrix (no vectors), on the Schur diagonal's order; shared with
/// [`Matrix::eigenvalues`]. [`Error::NonFinite`] if an element of `a` is not finite.
pub(crate) fn eigenvalues_only<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
) -> Result<[Complex<T>; N], Error> {
    let mut w = [Complex::new(T::ZERO, T::ZERO); N];
    let Some(amax) = finite_max_abs(a.as_slice()) else {
        return Err(Error::NonFinite);
    };
    if amax == T::ZERO {
        return Ok(w);
    }
    let exp = prescale_exponent_to_edge(amax);
    let mut b = a.0;
    if let Some(exp) = exp {
        Pow2Scale::new(exp).apply_all(&mut b);
    }
    let form = real_schur(&mut b, BalanceJob::PermuteAndScale, Want::Eigenvalues)?;
    unscaled_eigenvalues(&form, exp, &mut w)?;
    Ok(w)
}

/// The eigenvalues of `form` scaled back by `2^-exp` (when the matrix was prescaled) into
/// `w`; [`Error::Overflow`] if one does not fit the floating-point range.
pub(crate) fn unscaled_eigenvalues<T: Real, const N: usize>(
    form: &RealSchur<T, N>,
    exp: Option<i32>,
    w: &mut [Complex<T>; N],
) -> Result<(), Error> {
    let unscale = Pow2Scale::new(exp.map_or(0, |e| -e));
    for ((wk, &re), &im) in w.iter_mut().zip(&form.wr).zip(&form.wi) {
        *wk = match exp {
            Some(_) => Complex::new(unscale.apply(re), unscale.apply(im)),
            None => Complex::new(re, im),
        };
        if !(wk.re.is_finite() && wk.im.is_finite()) {
            return Err(Error::Overflow);
        }
    }
    Ok(())
}
