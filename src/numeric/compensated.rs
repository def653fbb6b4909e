//! Compensated summation: a running sum that carries its own rounding error.
//!
//! [`CompensatedSum`] is Kahan–Babuška summation in Neumaier's form (1974): each step's
//! rounding error is captured exactly (Fast2Sum on the larger operand first) and the errors
//! are summed separately. For `x_1..x_n` with exact sum `S` (Higham, *Accuracy and Stability
//! of Numerical Algorithms*, 2nd ed., §4.3; `u` the unit roundoff, `gamma_k = k u / (1 - k u)`,
//! no overflow): `|S_hat - S| <= u |S| + (1 + u) gamma_{n-1} (n - 1) u (1 + gamma_{n-1})
//! sum |x_i|`, within about one rounding of `S` plus a term of order `n^2 u^2`.
//!
//! NumPy's own pairwise `sum` is a different algorithm and stays in `reduce/sum.rs`, where
//! results must equal NumPy's bit for bit.

use crate::scalar::Real;

/// A running Kahan–Babuška–Neumaier compensated sum.
#[derive(Clone, Copy)]
pub(crate) struct CompensatedSum<T> {
    sum: T,
    compensation: T,
}

impl<T: Real> CompensatedSum<T> {
    /// An empty sum.
    pub(crate) const fn new() -> Self {
        CompensatedSum {
            sum: T::ZERO,
            compensation: T::ZERO,
        }
    }

    /// The compensated sum of `xs`, as [`value`](CompensatedSum::value) after adding each.
    pub(crate) fn sum_of(xs: impl IntoIterator<Item = T>) -> T {
        let mut acc = Self::new();
        for x in xs {
            acc.add(x);
        }
        acc.value()
    }

    /// Adds `x`; the rounding error of `sum + x` is computed exactly (Fast2Sum on the larger
    /// operand first) and accumulated separately.
    pub(crate) fn add(&mut self, x: T) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.compensation += (self.sum - t) + x;
        } else {
            self.compensation += (x - t) + self.sum;
        }
        self.sum = t;
    }

    /// The compensated total. When the running sum is not finite (an infinite or NaN term, or
    /// overflow) it is returned as is: the compensation would turn `inf` into NaN.
    pub(crate) fn value(&self) -> T {
        if self.sum.is_finite() {
            self.sum + self.compensation
        } else {
            self.sum
        }
    }
}
