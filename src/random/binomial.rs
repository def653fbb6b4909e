//! The binomial sampler behind [`Matrix::random_binomial`](crate::Matrix::random_binomial),
//! NumPy's `random_binomial` step for step: inversion while `n * min(p, 1 - p) <= 30`, BTPE
//! above, `p > 1/2` drawn as `n - B(n, 1 - p)`; every `exp`/`log`/`log1p`/`sqrt`/`floor` from
//! `libm` (the same maths with and without `std`) and every loop bounded.
//!
//! Reference: V. Kachitvichyanukul and B. W. Schmeiser, "Binomial random variate
//! generation", Commun. ACM 31(2), 1988, 216–222 (BINV and BTPE).
//!
//! Step 5.3 is NumPy 2.4's, which is every released NumPy's: the four Stirling
//! correction terms are all added, with `13680` where the series has `13860` (the paper's
//! own slips). NumPy's development branch has since corrected both (numpy#31238, to
//! appear in a later release); the difference moves the acceptance bound by about `1e-4`
//! in the rare draws that reach step 5.3, so statrix keeps the released NumPy's numbers.

use rand::Rng;

use crate::random::bits::unit_f64;

/// NumPy's switch: inversion while the mean `n * min(p, 1 - p)` is at most this.
const INVERSION_MAX_MEAN: f64 = 30.0;

/// Restarts (inversion) or rejections (BTPE) before the sampler gives up and returns the
/// mode. Inversion restarts only when the uniform outruns the bound `mean + 10 sd`
/// (probability below `1e-20`); BTPE rejects at most about half its attempts, so 256 in a
/// row have probability near `2^-256`. The bound changes no distribution measurably and
/// exists only so a broken generator cannot loop forever.
const MAX_ATTEMPTS: u32 = 256;

/// A prepared binomial distribution (NumPy's `binomial_t` cache): the set-up is done once
/// per matrix.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Binomial {
    n: i64,
    /// `p > 1/2`: the draws are `n - B(n, 1 - p)`.
    flipped: bool,
    method: Method,
}

#[derive(Clone, Copy, Debug)]
enum Method {
    /// `n == 0` or `p == 0`: zero, drawing nothing.
    Zero,
    Inversion {
        p: f64,
        q: f64,
        q_pow_n: f64,
        bound: i64,
    },
    Btpe(Btpe),
}

/// BTPE's constants (the paper's step 0, in NumPy's names).
#[derive(Clone, Copy, Debug)]
struct Btpe {
    r: f64,
    q: f64,
    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

impl Binomial {
    /// Prepares `Binomial(n, p)` for `0 <= n` and `p` in `[0, 1]` (the caller checks).
    pub(crate) fn new(n: i64, p: f64) -> Self {
        if n == 0 || p == 0.0 {
            return Binomial {
                n,
                flipped: false,
                method: Method::Zero,
            };
        }
        let flipped = p > 0.5;
        let p = if flipped { 1.0 - p } else { p };
        let n_f = n as f64;
        let method = if p * n_f <= INVERSION_MAX_MEAN {
            let q = 1.0 - p;
            let mean = n_f * p;
            // NumPy's MIN(n, mean + 10 sd) in double, truncated.
            let bound = mean + 10.0 * libm::sqrt(mean * q + 1.0);
            let bound = if n_f < bound { n_f } else { bound };
            Method::Inversion {
                p,
                q,
                q_pow_n: libm::exp(n_f * libm::log1p(-p)),
                bound: bound as i64,
            }
        } else {
            Method::Btpe(Btpe::new(n, p))
        };
        Binomial { n, flipped, method }
    }

    /// One draw.
    pub(crate) fn sample<G: Rng + ?Sized>(&self, rng: &mut G) -> i64 {
        let x = match self.method {
            Method::Zero => 0,
            Method::Inversion {
                p,
                q,
                q_pow_n,
                bound,
            } => inversion(rng, self.n, p, q, q_pow_n, bound),
            Method::Btpe(ref btpe) => btpe.sample(rng, self.n),
        };
        if self.flipped { self.n - x } else { x }
    }
}

/// BINV: walks the pmf `f(0) = q^n`, `f(x) = f(x - 1) (n - x + 1) p / (x q)` until the
/// uniform is used up, restarting with a new uniform past `bound`.
fn inversion<G: Rng + ?Sized>(
    rng: &mut G,
    n: i64,
    p: f64,
    q: f64,
    q_pow_n: f64,
    bound: i64,
) -> i64 {
    let mut x = 0;
    let mut px = q_pow_n;
    let mut u = unit_f64(rng);
    let mut restarts = 0;
    while u > px {
        x += 1;
        if x > bound {
            restarts += 1;
            if restarts > MAX_ATTEMPTS {
                return 0;
            }
            x = 0;
            px = q_pow_n;
            u = unit_f64(rng);
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

/// The Stirling-series correction term of step 5.3 for `a` (with `a2 = a * a`), as
/// released NumPy computes it (with `13680`; see the module docs).
fn stirling(a: f64, a2: f64) -> f64 {
    (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / a2) / a2) / a2) / a2) / a / 166_320.0
}

impl Btpe {
    /// Step 0 for `n p > 30`, `p <= 1/2`.
    fn new(n: i64, p: f64) -> Self {
        let n_f = n as f64;
        let r = if p < 1.0 - p { p } else { 1.0 - p };
        let q = 1.0 - r;
        let fm = n_f * r + r;
        let m = libm::floor(fm) as i64;
        let p1 = libm::floor(2.195 * libm::sqrt(n_f * r * q) - 4.6 * q) + 0.5;
        let m_f = m as f64;
        let xm = m_f + 0.5;
        let xl = xm - p1;
        let xr = xm + p1;
        let c = 0.134 + 20.5 / (15.3 + m_f);
        let a = (fm - xl) / (fm - xl * r);
        let laml = a * (1.0 + a / 2.0);
        let a = (xr - fm) / (xr * q);
        let lamr = a * (1.0 + a / 2.0);
        let p2 = p1 * (1.0 + 2.0 * c);
        let p3 = p2 + c / laml;
        let p4 = p3 + c / lamr;
        Btpe {
            r,
            q,
            m,
            p1,
            xm,
            xl,
            xr,
            c,
            laml,
            lamr,
            p2,
            p3,
            p4,
        }
    }

    /// Steps 1 to 6. Returns the mode after [`MAX_ATTEMPTS`] rejections.
    #[allow(clippy::many_single_char_names)] // The names of the paper and of NumPy.
    fn sample<G: Rng + ?Sized>(&self, rng: &mut G, n: i64) -> i64 {
        let Btpe {
            r,
            q,
            m,
            p1,
            xm,
            xl,
            xr,
            c,
            laml,
            lamr,
            p2,
            p3,
            p4,
        } = *self;
        let n_f = n as f64;
        let m_f = m as f64;
        let nrq = n_f * r * q;
        for _ in 0..MAX_ATTEMPTS {
            // Step 1: the region, by u.
            let u = unit_f64(rng) * p4;
            let mut v = unit_f64(rng);
            let y: i64;
            if u <= p1 {
                // The triangle: accepted at once.
                return libm::floor(xm - p1 * v + u) as i64;
            } else if u <= p2 {
                // Step 2: the parallelograms.
                let x = xl + (u - p1) / c;
                v = v * c + 1.0 - libm::fabs(m_f - x + 0.5) / p1;
                if v > 1.0 {
                    continue;
                }
                y = libm::floor(x) as i64;
            } else if u <= p3 {
                // Step 3: the left exponential tail.
                y = libm::floor(xl + libm::log(v) / laml) as i64;
                if y < 0 || v == 0.0 {
                    continue;
                }
                v = v * (u - p2) * laml;
            } else {
                // Step 4: the right exponential tail.
                y = libm::floor(xr - libm::log(v) / lamr) as i64;
                if y > n || v == 0.0 {
                    continue;
                }
                v = v * (u - p3) * lamr;
            }

            // Step 5.0: the recurrence near the mode, the squeeze away from it.
            let k = (y - m).abs();
            if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
                // Step 5.1: f(y) / f(m) by the recurrence; at most k steps.
                let s = r / q;
                // In i128: `n + 1` overflows i64 for `n = i64::MAX` (the value is the same
                // f64 for every smaller n).
                let a = s * (i128::from(n) + 1) as f64;
                let mut f = 1.0;
                if m < y {
                    for i in (m + 1)..=y {
                        f *= a / i as f64 - s;
                    }
                } else if m > y {
                    for i in (y + 1)..=m {
                        f /= a / i as f64 - s;
                    }
                }
                if v > f {
                    continue;
                }
                return y;
            }

            // Step 5.2: squeeze ln(v) between bounds of ln(f(y) / f(m)).
            let k_f = k as f64;
            let rho =
                (k_f / nrq) * ((k_f * (k_f / 3.0 + 0.625) + 0.166_666_666_666_666_66) / nrq + 0.5);
            // NumPy computes -k * k in 64-bit integers.
            let t = (-k).wrapping_mul(k) as f64 / (2.0 * nrq);
            let big_a = libm::log(v);
            if big_a < t - rho {
                return y;
            }
            if big_a > t + rho {
                continue;
            }

            // Step 5.3: the final test against Stirling's approximation.
            let x1 = y as f64 + 1.0;
            let f1 = m_f + 1.0;
            let z = n_f + 1.0 - m_f;
            let w = n_f - y as f64 + 1.0;
            let bound = xm * libm::log(f1 / x1)
                + ((n - m) as f64 + 0.5) * libm::log(z / w)
                + ((y - m) as f64) * libm::log(w * r / (x1 * q))
                + stirling(f1, f1 * f1)
                + stirling(z, z * z)
                + stirling(x1, x1 * x1)
                + stirling(w, w * w);
            if big_a > bound {
                continue;
            }
            return y;
        }
        m
    }
}
