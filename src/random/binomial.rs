//! The binomial sampler behind [`Matrix::random_binomial`](crate::Matrix::random_binomial):
//! inversion (BINV) for small `n * min(p, 1 - p)`, BTPE otherwise, as NumPy, GSL and
//! `rand_distr` do, with every `exp`/`ln`/`sqrt`/`floor` from `libm` (the same maths with
//! and without `std`) and every loop bounded.
//!
//! Reference: V. Kachitvichyanukul and B. W. Schmeiser, "Binomial random variate
//! generation", Commun. ACM 31(2), 1988, 216–222 (BINV and BTPE). The acceptance test of
//! step 5.3 uses the signs of GSL's `gsl_ran_binomial`, which its authors checked with one of
//! the algorithm's designers.

use rand::Rng;

use crate::random::bits::{unit_f64, unit_f64_nonzero};

/// Below this mean `n * min(p, 1 - p)` inversion is used (the paper suggests 10, GSL 14,
/// NumPy 30; inversion costs O(mean) per draw, BTPE O(1)).
const INVERSION_MAX_MEAN: f64 = 10.0;

/// Inversion walks at most this far before it restarts with a new uniform. With mean below
/// 10 (so variance below 10), `P(X > 110)` is below `1e-60` by the Chernoff bound; the
/// restart exists for the uniforms within rounding of 1 that the accumulated pmf misses
/// (probability about `1e-15`). The same cut-off as GSL and `rand_distr`.
const INVERSION_MAX_X: u64 = 110;

/// Restarts (inversion) or rejections (BTPE) before the sampler gives up and returns the
/// mode. BTPE takes about 2 attempts per value just above its threshold (mean 10) and about
/// 1.15 for large means (measured over 20,000 values each), so it rejects about half its
/// attempts at worst, and 256 rejections in a row have probability near `2^-256`, below
/// `1e-70`; inversion restarts with probability about `1e-15`. The fallback changes no
/// distribution measurably and exists only so a broken generator cannot loop forever.
const MAX_ATTEMPTS: u32 = 256;

/// A prepared binomial distribution: the set-up is done once per matrix.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Binomial {
    /// `p == 0` (value 0), `p == 1` or `n == 0`: no randomness.
    Constant(u64),
    /// Inversion for a small mean; `flipped` when `p > 1/2` was replaced by `1 - p`.
    Inversion {
        n: u64,
        q_pow_n: f64,
        s: f64,
        a: f64,
        mode: u64,
        flipped: bool,
    },
    /// BTPE for a mean of at least 10.
    Btpe {
        n: u64,
        p: f64,
        m: u64,
        p1: f64,
        flipped: bool,
    },
}

impl Binomial {
    /// Prepares `Binomial(n, p)` for `p` in `[0, 1]` (the caller checks).
    pub(crate) fn new(n: u64, p: f64) -> Self {
        if n == 0 || p <= 0.0 {
            return Binomial::Constant(0);
        }
        if p >= 1.0 {
            return Binomial::Constant(n);
        }
        // The distribution of n - X for X ~ B(n, 1 - p) is B(n, p): sample with p <= 1/2.
        let flipped = p > 0.5;
        let p = if flipped { 1.0 - p } else { p };
        let q = 1.0 - p;
        let n_f = n as f64;
        let mean = n_f * p;
        if mean < INVERSION_MAX_MEAN {
            let s = p / q;
            Binomial::Inversion {
                n,
                // q^n through log1p, accurate even when p is below the rounding of 1 - p.
                q_pow_n: libm::exp(n_f * libm::log1p(-p)),
                s,
                a: (n_f + 1.0) * s,
                mode: libm::floor((n_f + 1.0) * p) as u64,
                flipped,
            }
        } else {
            let npq = mean * q;
            let p1 = libm::floor(2.195 * libm::sqrt(npq) - 4.6 * q) + 0.5;
            // The mode floor((n + 1) p) <= n for p <= 1/2 and n >= 1.
            let m = (libm::floor(mean + p) as u64).min(n);
            Binomial::Btpe {
                n,
                p,
                m,
                p1,
                flipped,
            }
        }
    }

    /// One draw.
    pub(crate) fn sample<G: Rng + ?Sized>(&self, rng: &mut G) -> u64 {
        match *self {
            Binomial::Constant(value) => value,
            Binomial::Inversion {
                n,
                q_pow_n,
                s,
                a,
                mode,
                flipped,
            } => {
                let x = inversion(rng, n, q_pow_n, s, a).unwrap_or(mode);
                if flipped { n - x } else { x }
            }
            Binomial::Btpe {
                n,
                p,
                m,
                p1,
                flipped,
            } => {
                let y = btpe(rng, n, p, m, p1).unwrap_or(m);
                if flipped { n - y } else { y }
            }
        }
    }
}

/// BINV: walks the pmf `f(0) = q^n`, `f(x) = f(x - 1) * (a / x - s)` until the uniform is
/// used up. Returns `None` after [`MAX_ATTEMPTS`] restarts; every value is at most `n`.
fn inversion<G: Rng + ?Sized>(rng: &mut G, n: u64, q_pow_n: f64, s: f64, a: f64) -> Option<u64> {
    let max_x = n.min(INVERSION_MAX_X);
    'attempt: for _ in 0..MAX_ATTEMPTS {
        let mut u = unit_f64(rng);
        let mut f = q_pow_n;
        let mut x = 0;
        while u > f {
            u -= f;
            x += 1;
            if x > max_x {
                continue 'attempt;
            }
            f *= a / (x as f64) - s;
        }
        return Some(x);
    }
    None
}

/// The log-factorial correction of Stirling's series, `ln(a!) - ((a + 1/2) ln(a + 1) - (a +
/// 1) + ln(2π)/2)` to O(a^-9), as in the paper's step 5.3.
fn stirling_correction(a: f64) -> f64 {
    let a2 = a * a;
    (13860.0 - (462.0 - (132.0 - (99.0 - 140.0 / a2) / a2) / a2) / a2) / a / 166_320.0
}

/// BTPE (triangle, parallelograms, exponential tails) for `n p >= 10`, `p <= 1/2`, mode `m`.
/// Returns `None` after [`MAX_ATTEMPTS`] rejections; every value is at most `n`.
#[allow(clippy::many_single_char_names)] // The names of the paper.
fn btpe<G: Rng + ?Sized>(rng: &mut G, n: u64, p: f64, m: u64, p1: f64) -> Option<u64> {
    // Below this distance from the mode, f(y) is evaluated by its recurrence (GSL uses 20).
    const SQUEEZE_THRESHOLD: u64 = 20;

    // Step 0: the constants.
    let n_f = n as f64;
    let q = 1.0 - p;
    let np = n_f * p;
    let npq = np * q;
    let f_m = np + p;
    let m_f = m as f64;
    let x_m = m_f + 0.5;
    let x_l = x_m - p1;
    let x_r = x_m + p1;
    let c = 0.134 + 20.5 / (15.3 + m_f);
    let p2 = p1 * (1.0 + 2.0 * c);
    let lambda = |a: f64| a * (1.0 + 0.5 * a);
    let lambda_l = lambda((f_m - x_l) / (f_m - x_l * p));
    let lambda_r = lambda((x_r - f_m) / (x_r * q));
    let p3 = p2 + c / lambda_l;
    let p4 = p3 + c / lambda_r;

    for _ in 0..MAX_ATTEMPTS {
        // Step 1: choose the region with u; v in (0, 1] keeps ln(v) finite.
        let u = unit_f64(rng) * p4;
        let mut v = unit_f64_nonzero(rng);
        let y: u64;
        if u <= p1 {
            // Region 1, the triangle: accepted at once.
            let y = (x_m - p1 * v + u) as u64;
            if y > n {
                continue;
            }
            return Some(y);
        } else if u <= p2 {
            // Step 2: region 2, the parallelograms.
            let x = x_l + (u - p1) / c;
            v = v * c + 1.0 - libm::fabs(x - x_m) / p1;
            if v > 1.0 {
                continue;
            }
            // x lies in (x_l, x_r], and x_l >= 0 for a mean of at least 10.
            y = x as u64;
        } else if u <= p3 {
            // Step 3: region 3, the left exponential tail.
            let x = x_l + libm::log(v) / lambda_l;
            if x < 0.0 {
                continue;
            }
            y = x as u64;
            v *= (u - p2) * lambda_l;
        } else {
            // Step 4: region 4, the right exponential tail (`as` saturates).
            y = (x_r - libm::log(v) / lambda_r) as u64;
            v *= (u - p3) * lambda_r;
        }
        if y > n {
            continue;
        }

        // Step 5.0: recurrence or squeeze?
        let k = y.abs_diff(m);
        if k <= SQUEEZE_THRESHOLD || (k as f64) >= 0.5 * npq - 1.0 {
            // Step 5.1: f(y) / f(m) by the recurrence from the mode; at most k <= n steps.
            let s = p / q;
            let a = s * (n_f + 1.0);
            let mut f = 1.0;
            if m < y {
                for i in (m + 1)..=y {
                    f *= a / (i as f64) - s;
                }
            } else {
                for i in (y + 1)..=m {
                    f /= a / (i as f64) - s;
                }
            }
            if v <= f {
                return Some(y);
            }
            continue;
        }

        // Step 5.2: squeeze ln(v) between bounds of ln(f(y) / f(m)).
        let k_f = k as f64;
        let rho = (k_f / npq) * ((k_f * (k_f / 3.0 + 0.625) + 1.0 / 6.0) / npq + 0.5);
        let t = -0.5 * k_f * k_f / npq;
        let alpha = libm::log(v);
        if alpha < t - rho {
            return Some(y);
        }
        if alpha > t + rho {
            continue;
        }

        // Step 5.3: the final test against Stirling's approximation of ln(f(y) / f(m)).
        // In f64, so that nothing overflows even for n = u64::MAX; m, y <= n.
        let x1 = y as f64 + 1.0;
        let f1 = m_f + 1.0;
        let z = (n - m) as f64 + 1.0;
        let w = (n - y) as f64 + 1.0;
        let y_minus_m = y as f64 - m_f;
        let bound = x_m * libm::log(f1 / x1)
            + ((n - m) as f64 + 0.5) * libm::log(z / w)
            + y_minus_m * libm::log(w * p / (x1 * q))
            + stirling_correction(f1)
            + stirling_correction(z)
            - stirling_correction(x1)
            - stirling_correction(w);
        if alpha <= bound {
            return Some(y);
        }
    }
    None
}
