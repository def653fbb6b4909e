//! What the unit tests of the factorizations share: a small deterministic generator of
//! awkward entries, and bitwise comparisons (NaN equal to NaN, signed zeros told apart).

use crate::error::Error;
use crate::matrix::Matrix;
use crate::scalar::Real;

/// xorshift64*: deterministic and dependency-free.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    pub(crate) fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }

    /// One of the special values: NaN, both infinities, `±1e300`, zero, the smallest
    /// subnormal.
    pub(crate) fn special(&mut self) -> f64 {
        [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            -1e300,
            0.0,
            5e-324,
        ][(self.next() % 7) as usize]
    }

    /// An entry: mostly ordinary, sometimes a small integer (ties between pivot
    /// candidates), zero, huge, tiny, subnormal, NaN or infinite.
    pub(crate) fn entry(&mut self, wild: bool, scale: f64) -> f64 {
        match self.below(if wild { 40 } else { 30 }) {
            0..=17 => self.uniform() * scale,
            18..=21 => (self.below(5) as f64 - 2.0) * scale,
            22..=23 => 0.0,
            24 => 1e300 * self.uniform(),
            25 => 1e-300 * self.uniform(),
            26 => 1e30 * self.uniform(),
            27 => 1e-30 * self.uniform(),
            28 => 5e-324,
            29 => f64::MAX * self.uniform(),
            30..=32 => f64::NAN,
            33..=35 => f64::INFINITY,
            _ => f64::NEG_INFINITY,
        }
    }
}

pub(crate) fn same<T: Real>(x: T, y: T) -> bool {
    (x.is_nan() && y.is_nan()) || (x == y && x.is_sign_negative() == y.is_sign_negative())
}

pub(crate) fn same_matrix<T: Real, const R: usize, const C: usize>(
    x: &Matrix<T, R, C>,
    y: &Matrix<T, R, C>,
) -> bool {
    x.as_slice()
        .iter()
        .zip(y.as_slice())
        .all(|(&a, &b)| same(a, b))
}

pub(crate) fn same_result<T: Real, const R: usize, const C: usize>(
    x: &Result<Matrix<T, R, C>, Error>,
    y: &Result<Matrix<T, R, C>, Error>,
) -> bool {
    match (x, y) {
        (Ok(a), Ok(b)) => same_matrix(a, b),
        (Err(a), Err(b)) => a == b,
        _ => false,
    }
}
