//! Pieces shared by the two Jacobi methods ([`symmetric_eigen`](super::symmetric_eigen) and
//! [`svd`](super::svd)): the sweep budget, exact power-of-two scaling, an overflow- and
//! underflow-safe norm, the Rutishauser rotation, and ordering helpers.
//!
//! Both methods scale their input by an exact power of two so that its largest magnitude
//! lies in `[1, 2)`. Scaling by a power of two changes no significant bit (short of
//! subnormal results, which are negligible beside the largest element), so it costs no
//! accuracy, and afterwards no intermediate can overflow and only negligible ones can
//! underflow, whatever the input's magnitude (`1e+300` or `1e-300`).

use crate::scalar::Real;

/// The sweep budget of both Jacobi methods. A cyclic sweep visits every pair of indices
/// once; convergence is quadratic once the off-diagonal part is small, so in practice both
/// methods stop after 5 to 12 sweeps at the sizes this crate is for. Reaching the budget is
/// reported as [`Error::NoConvergence`](crate::Error::NoConvergence).
pub(crate) const MAX_SWEEPS: usize = 60;

/// Whether a decomposition accumulates its vectors or computes its values only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Vectors {
    /// Compute eigenvectors / singular vectors too.
    Compute,
    /// Values only: skip the accumulation of the transformations.
    Skip,
}

/// The exponent `e` such that `2^e * max_abs` lies in `[1, 2)`; 0 for zero.
pub(crate) fn unit_exponent<T: Real>(max_abs: T) -> i32 {
    if max_abs == T::zero() || !max_abs.is_finite() {
        return 0;
    }
    let (mantissa, exponent, _) = max_abs.integer_decode();
    // max_abs = mantissa * 2^exponent with mantissa > 0 of `bits` significant bits, so
    // max_abs lies in [2^(exponent + bits - 1), 2^(exponent + bits)).
    let bits = 64 - mantissa.leading_zeros() as i32;
    -(i32::from(exponent) + bits - 1)
}

/// `2^e` computed exactly by binary powering, for `|e|` inside the normal exponent range.
fn pow2<T: Real>(e: i32) -> T {
    let two = T::one() + T::one();
    let mut base = if e >= 0 { two } else { T::one() / two };
    let mut n = e.unsigned_abs();
    let mut acc = T::one();
    // At most 32 iterations (the bits of `n`).
    while n > 0 {
        if n & 1 == 1 {
            acc *= base;
        }
        n >>= 1;
        if n > 0 {
            base = base * base;
        }
    }
    acc
}

/// Multiplication by `2^e`, done as two multiplications by `2^(e/2)` and `2^(e - e/2)` so
/// that each factor is a normal number even when `2^e` is not (scaling a subnormal up to 1
/// needs `2^1074` in f64). Each multiplication is exact unless its result is subnormal.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pow2Scale<T> {
    first: T,
    second: T,
}

impl<T: Real> Pow2Scale<T> {
    /// Multiplication by `2^e`.
    pub(crate) fn new(e: i32) -> Self {
        Pow2Scale {
            first: pow2(e / 2),
            second: pow2(e - e / 2),
        }
    }

    /// `x * 2^e`.
    #[inline]
    pub(crate) fn apply(&self, x: T) -> T {
        x * self.first * self.second
    }
}

/// The Euclidean norm of `xs`, without overflow and without underflow of the squares: the
/// plain sum of squares when it is safely inside the normal range, otherwise the sum of
/// squares of `x / max|x|`.
pub(crate) fn norm<T: Real>(xs: impl Iterator<Item = T> + Clone) -> T {
    let sum = xs.clone().fold(T::zero(), |acc, x| acc + x * x);
    let eps = T::epsilon();
    // Squares below min_positive lose relative accuracy; once the sum is min_positive /
    // eps^2 or more, their total is below eps^2 of it for any length under 1 / eps.
    if sum.is_finite() && sum >= T::min_positive_value() / (eps * eps) {
        return sum.sqrt();
    }
    let max = xs.clone().fold(T::zero(), |m, x| m.max(x.abs()));
    if max == T::zero() || !max.is_finite() {
        return max;
    }
    let scaled = xs.fold(T::zero(), |acc, x| {
        let y = x / max;
        acc + y * y
    });
    max * scaled.sqrt()
}

/// The Jacobi rotation that diagonalises the symmetric 2 x 2 matrix
/// `[[a_pp, a_pq], [a_pq, a_qq]]`, from `zeta = num / den` with `num = a_qq - a_pp` and
/// `den = 2 a_pq` (any common positive scaling of both works). Returns `(c, s, t)` with
/// `t = tan(theta)` the smaller root of `t^2 + 2 zeta t - 1 = 0`, `|t| <= 1`:
///
/// `t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2))`, `c = 1 / sqrt(1 + t^2)`, `s = t c`
///
/// (Rutishauser's stable formulas, Handbook for Automatic Computation II/1, 1971), evaluated
/// as `sign(num) sign(den) |den| / (|num| + hypot(num, den))` so that a tiny `a_pq` cannot
/// overflow `zeta`. `den` must be non-zero. Rotating columns `p` and `q` by
/// `col_p' = c col_p - s col_q`, `col_q' = s col_p + c col_q` (and rows alike) zeroes `a_pq`
/// and gives `a_pp' = a_pp - t a_pq`, `a_qq' = a_qq + t a_pq`.
#[inline]
pub(crate) fn rotation<T: Real>(num: T, den: T) -> (T, T, T) {
    let zero = T::zero();
    let t_abs = den.abs() / (num.abs() + num.hypot(den));
    // sign(zeta) with sign(0) = +1: a zero `num` gives the 45-degree rotation.
    let t = if (num >= zero) == (den >= zero) {
        t_abs
    } else {
        -t_abs
    };
    let c = T::one() / (T::one() + t * t).sqrt();
    (c, t * c, t)
}

/// Applies the rotation `(c, s)` to the pair `(x, y)` elementwise:
/// `x' = c x - s y`, `y' = s x + c y`.
#[inline]
pub(crate) fn rotate_pair<T: Real>(x: &mut [T], y: &mut [T], c: T, s: T) {
    for (a, b) in x.iter_mut().zip(y.iter_mut()) {
        let (u, v) = (*a, *b);
        *a = c * u - s * v;
        *b = s * u + c * v;
    }
}

/// The permutation that sorts `keys` by `before` (a strict order), stable: equal keys keep
/// their index order. Insertion sort, `N^2 / 2` comparisons at most.
pub(crate) fn sorted_order<T: Copy, const N: usize>(
    keys: &[T; N],
    before: impl Fn(T, T) -> bool,
) -> [usize; N] {
    let mut order: [usize; N] = core::array::from_fn(|i| i);
    for i in 1..N {
        let mut j = i;
        while j > 0 && before(keys[order[j]], keys[order[j - 1]]) {
            order.swap(j, j - 1);
            j -= 1;
        }
    }
    order
}

/// The index of the largest `|x|`, the first one on ties (0 for an empty slice).
pub(crate) fn index_of_largest<T: Real>(xs: impl Iterator<Item = T>) -> usize {
    let mut best = 0;
    let mut best_abs = T::neg_infinity();
    for (i, x) in xs.enumerate() {
        if x.abs() > best_abs {
            best = i;
            best_abs = x.abs();
        }
    }
    best
}
