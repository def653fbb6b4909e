//! Activation functions and their derivatives: scalar functions, and the same applied
//! elementwise as `Matrix` methods; softmax and log-softmax along an axis.
//!
//! Every function is numerically stable over the whole float range: `sigmoid(-1000.0)` is
//! `0.0` and `sigmoid(1000.0)` is `1.0` with no NaN, `softplus` does not overflow, softmax
//! subtracts the maximum first. NaN inputs give NaN outputs (NumPy's behaviour for the
//! formulas these functions implement).

use crate::matrix::Matrix;
use crate::scalar::Real;

/// `max(x, 0)`, NumPy's `np.maximum(0, x)` bit for bit: NaN stays NaN, and `-0.0` stays
/// `-0.0` (NumPy returns its second argument on a tie).
///
/// # Example
/// ```
/// use statrix::nn::activation::relu;
/// assert_eq!(relu(-2.0), 0.0);
/// assert_eq!(relu(1.5), 1.5);
/// assert!(relu(-0.0f64).is_sign_negative()); // np.maximum(0, -0.0) is -0.0
/// ```
#[inline]
#[must_use]
pub fn relu<T: Real>(x: T) -> T {
    if x < T::ZERO { T::ZERO } else { x }
}

/// The derivative of [`relu`]: 1 for `x > 0`, 0 otherwise (0 at `x = 0`, as PyTorch).
///
/// # Example
/// ```
/// use statrix::nn::activation::relu_derivative;
/// assert_eq!(relu_derivative(3.0), 1.0);
/// assert_eq!(relu_derivative(0.0), 0.0);
/// ```
#[inline]
#[must_use]
pub fn relu_derivative<T: Real>(x: T) -> T {
    if x > T::ZERO {
        T::ONE
    } else if x.is_nan() {
        x
    } else {
        T::ZERO
    }
}

/// `x` for `x > 0`, `alpha * x` otherwise (PyTorch's `leaky_relu(x, negative_slope=alpha)`).
///
/// # Example
/// ```
/// use statrix::nn::activation::leaky_relu;
/// assert_eq!(leaky_relu(-2.0, 0.01), -0.02);
/// assert_eq!(leaky_relu(2.0, 0.01), 2.0);
/// ```
#[inline]
#[must_use]
pub fn leaky_relu<T: Real>(x: T, alpha: T) -> T {
    if x > T::ZERO { x } else { alpha * x }
}

/// The derivative of [`leaky_relu`]: 1 for `x > 0`, `alpha` otherwise.
///
/// # Example
/// ```
/// use statrix::nn::activation::leaky_relu_derivative;
/// assert_eq!(leaky_relu_derivative(-1.0, 0.1), 0.1);
/// ```
#[inline]
#[must_use]
pub fn leaky_relu_derivative<T: Real>(x: T, alpha: T) -> T {
    if x > T::ZERO {
        T::ONE
    } else if x.is_nan() {
        x
    } else {
        alpha
    }
}

/// The logistic function `1 / (1 + exp(-x))`, the seed's `sigmoid`, computed without
/// overflow: for negative `x` as `exp(x) / (1 + exp(x))`. `sigmoid(-1000.0) == 0.0`,
/// `sigmoid(1000.0) == 1.0`; SciPy's `scipy.special.expit`.
///
/// # Example
/// ```
/// use statrix::nn::activation::sigmoid;
/// assert_eq!(sigmoid(0.0), 0.5);
/// assert_eq!(sigmoid(-1000.0), 0.0);
/// assert_eq!(sigmoid(1000.0), 1.0);
/// ```
#[inline]
#[must_use]
pub fn sigmoid<T: Real>(x: T) -> T {
    if x >= T::ZERO {
        T::ONE / (T::ONE + (-x).exp())
    } else {
        let e = x.exp();
        e / (T::ONE + e)
    }
}

/// `(sigmoid(x), sigmoid(-x))` from one `e = exp(-|x|)`: `1 / (1 + e)` and `e / (1 + e)`,
/// both to full relative accuracy (no `1 - s`, which cancels for large `x`).
#[inline]
fn sigmoid_pair<T: Real>(x: T) -> (T, T) {
    let e = (-x.abs()).exp();
    let d = T::ONE + e;
    let (big, small) = (T::ONE / d, e / d);
    if x >= T::ZERO {
        (big, small)
    } else {
        (small, big)
    }
}

/// The derivative of [`sigmoid`]: `s * (1 - s)` with `s = sigmoid(x)`, computed as
/// `sigmoid(x) * sigmoid(-x)` so that it keeps its relative accuracy for large `|x|` (where
/// `1 - s` would cancel to 0) and is exactly even.
///
/// # Example
/// ```
/// use statrix::nn::activation::sigmoid_derivative;
/// assert_eq!(sigmoid_derivative(0.0), 0.25);
/// assert_eq!(sigmoid_derivative(40.0), sigmoid_derivative(-40.0)); // about 4.2e-18, not 0
/// assert!(sigmoid_derivative(40.0f64) > 4.2e-18);
/// ```
#[inline]
#[must_use]
pub fn sigmoid_derivative<T: Real>(x: T) -> T {
    let (s, s_neg) = sigmoid_pair(x);
    s * s_neg
}

/// The derivative of `tanh`: `1 - tanh(x)^2`, computed as `4 sigmoid(2x) sigmoid(-2x)`
/// (the same number) so that it keeps its relative accuracy for large `|x|`, where
/// `1 - tanh^2` cancels (to 0 from `|x| = 19` in f64).
///
/// # Example
/// ```
/// use statrix::nn::activation::tanh_derivative;
/// assert_eq!(tanh_derivative(0.0), 1.0);
/// assert!(tanh_derivative(20.0f64) > 1.6e-17); // sech(20)^2; 1 - tanh(20)^2 is 0
/// ```
#[inline]
#[must_use]
pub fn tanh_derivative<T: Real>(x: T) -> T {
    let (s, s_neg) = sigmoid_pair(T::TWO * x);
    T::TWO * T::TWO * s * s_neg
}

/// `x * f` for a factor `f >= 0` that vanishes where `x` is large: where `f` is 0 the result
/// is 0 with `x`'s sign, so an infinite `x` gives the limit instead of NaN (`inf * 0`). For a
/// finite `x` it is `x * f` bit for bit.
#[inline]
fn times_vanishing<T: Real>(x: T, f: T) -> T {
    if f == T::ZERO { x.signum() * f } else { x * f }
}

/// `1/sqrt(2)`, in `T`.
fn frac_1_sqrt_2<T: Real>() -> T {
    T::from(core::f64::consts::FRAC_1_SQRT_2).unwrap_or_else(T::nan)
}

/// GELU, `x * Phi(x)` with `Phi` the standard normal CDF (PyTorch's default
/// `gelu(x, approximate='none')`), computed as `0.5 * x * erfc(-x / sqrt(2))`, which keeps
/// full relative accuracy for negative `x` where `1 + erf(..)` would cancel.
///
/// # Example
/// ```
/// use statrix::nn::activation::gelu;
/// assert_eq!(gelu(0.0), 0.0);
/// assert!((gelu(1.0f64) - 0.8413447460685429).abs() < 4.0 * f64::EPSILON);
/// ```
#[inline]
#[must_use]
pub fn gelu<T: Real>(x: T) -> T {
    times_vanishing(T::HALF * x, (-x * frac_1_sqrt_2::<T>()).erfc())
}

/// The derivative of [`gelu`]: `Phi(x) + x * phi(x)`, with `phi` the standard normal density.
///
/// # Example
/// ```
/// use statrix::nn::activation::gelu_derivative;
/// assert_eq!(gelu_derivative(0.0), 0.5);
/// ```
#[inline]
#[must_use]
pub fn gelu_derivative<T: Real>(x: T) -> T {
    let cdf = T::HALF * (-x * frac_1_sqrt_2::<T>()).erfc();
    let inv_sqrt_2pi = T::from(0.398_942_280_401_432_7).unwrap_or_else(T::nan);
    let pdf = inv_sqrt_2pi * (-T::HALF * x * x).exp();
    cdf + times_vanishing(x, pdf)
}

/// GELU's tanh approximation, `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))` (PyTorch's
/// `gelu(x, approximate='tanh')`, GPT-2's form), computed as the same number
/// `x * sigmoid(2 sqrt(2/pi) (x + 0.044715 x^3))` (`1 + tanh(y) = 2 sigmoid(2y)`), which keeps
/// its relative accuracy for negative `x`, where `1 + tanh` cancels (to 0 from `x = -7.2` in
/// f64).
///
/// # Example
/// ```
/// use statrix::nn::activation::{gelu, gelu_tanh};
/// assert!((gelu_tanh(1.0f64) - gelu(1.0f64)).abs() < 1e-3);
/// assert!(gelu_tanh(-10.0f64) < 0.0); // about -1.2e-37, not 0
/// ```
#[inline]
#[must_use]
pub fn gelu_tanh<T: Real>(x: T) -> T {
    // 2 sqrt(2/pi), rounded once.
    let two_sqrt_2_over_pi = T::from(1.595_769_121_605_730_8).unwrap_or_else(T::nan);
    let c = T::from(0.044_715).unwrap_or_else(T::nan);
    times_vanishing(x, sigmoid(two_sqrt_2_over_pi * (x + c * x * x * x)))
}

/// SiLU (swish), `x * sigmoid(x)` (PyTorch's `silu`); at `-inf` its limit `-0.0`.
///
/// # Example
/// ```
/// use statrix::nn::activation::silu;
/// assert_eq!(silu(0.0), 0.0);
/// assert_eq!(silu(-1000.0), 0.0);
/// assert_eq!(silu(f64::NEG_INFINITY), 0.0); // the limit, not NaN (-inf * 0)
/// ```
#[inline]
#[must_use]
pub fn silu<T: Real>(x: T) -> T {
    times_vanishing(x, sigmoid(x))
}

/// The derivative of [`silu`]: `s * (1 + x * (1 - s))` with `s = sigmoid(x)`, with `1 - s`
/// computed as `sigmoid(-x)` (no cancellation for large `x`).
///
/// # Example
/// ```
/// use statrix::nn::activation::silu_derivative;
/// assert_eq!(silu_derivative(0.0), 0.5);
/// ```
#[inline]
#[must_use]
pub fn silu_derivative<T: Real>(x: T) -> T {
    let (s, s_neg) = sigmoid_pair(x);
    times_vanishing(T::ONE + times_vanishing(x, s_neg), s)
}

/// Softplus, `ln(1 + exp(x))`, computed as `max(x, 0) + ln_1p(exp(-|x|))` so that it
/// neither overflows for large `x` nor loses the tail for very negative `x` (NumPy:
/// `np.logaddexp(0, x)`).
///
/// # Example
/// ```
/// use statrix::nn::activation::softplus;
/// assert_eq!(softplus(1000.0), 1000.0);
/// assert!((softplus(0.0f64) - 2.0f64.ln()).abs() <= f64::EPSILON);
/// ```
#[inline]
#[must_use]
pub fn softplus<T: Real>(x: T) -> T {
    x.max(T::ZERO) + (-x.abs()).exp().ln_1p()
}

/// The derivative of [`softplus`], which is [`sigmoid`].
///
/// # Example
/// ```
/// use statrix::nn::activation::softplus_derivative;
/// assert_eq!(softplus_derivative(0.0), 0.5);
/// ```
#[inline]
#[must_use]
pub fn softplus_derivative<T: Real>(x: T) -> T {
    sigmoid(x)
}

/// Matrix forms: the scalar functions above applied to every element (NumPy's vectorised
/// calls), and softmax along an axis.
impl<T: Real, const R: usize, const C: usize> Matrix<T, R, C> {
    /// [`relu`] of every element, the seed's `np.maximum(0, x)`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![-1.0, 2.0].relu(), matrix![0.0, 2.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn relu(&self) -> Self {
        self.map(relu)
    }

    /// [`relu_derivative`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![-1.0, 2.0].relu_derivative(), matrix![0.0, 1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn relu_derivative(&self) -> Self {
        self.map(relu_derivative)
    }

    /// [`leaky_relu`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![-1.0, 2.0].leaky_relu(0.5), matrix![-0.5, 2.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn leaky_relu(&self, alpha: T) -> Self {
        self.map(|x| leaky_relu(x, alpha))
    }

    /// [`leaky_relu_derivative`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![-1.0, 2.0].leaky_relu_derivative(0.5), matrix![0.5, 1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn leaky_relu_derivative(&self, alpha: T) -> Self {
        self.map(|x| leaky_relu_derivative(x, alpha))
    }

    /// [`sigmoid`] of every element, the seed's `1 / (1 + np.exp(-x))` without its overflow
    /// warning.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![-1000.0, 0.0, 1000.0].sigmoid(), matrix![0.0, 0.5, 1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn sigmoid(&self) -> Self {
        self.map(sigmoid)
    }

    /// [`sigmoid_derivative`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0].sigmoid_derivative(), matrix![0.25]);
    /// ```
    #[inline]
    #[must_use]
    pub fn sigmoid_derivative(&self) -> Self {
        self.map(sigmoid_derivative)
    }

    /// `tanh` of every element, NumPy's `np.tanh(x)`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0, 1000.0, -1000.0].tanh(), matrix![0.0, 1.0, -1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn tanh(&self) -> Self {
        self.map(T::tanh)
    }

    /// [`tanh_derivative`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0].tanh_derivative(), matrix![1.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn tanh_derivative(&self) -> Self {
        self.map(tanh_derivative)
    }

    /// [`gelu`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0, -1000.0].gelu(), matrix![0.0, -0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn gelu(&self) -> Self {
        self.map(gelu)
    }

    /// [`gelu_derivative`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0].gelu_derivative(), matrix![0.5]);
    /// ```
    #[inline]
    #[must_use]
    pub fn gelu_derivative(&self) -> Self {
        self.map(gelu_derivative)
    }

    /// [`gelu_tanh`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0].gelu_tanh(), matrix![0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn gelu_tanh(&self) -> Self {
        self.map(gelu_tanh)
    }

    /// [`silu`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0, -1000.0].silu(), matrix![0.0, -0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn silu(&self) -> Self {
        self.map(silu)
    }

    /// [`silu_derivative`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0].silu_derivative(), matrix![0.5]);
    /// ```
    #[inline]
    #[must_use]
    pub fn silu_derivative(&self) -> Self {
        self.map(silu_derivative)
    }

    /// [`softplus`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![1000.0, -1000.0].softplus(), matrix![1000.0, 0.0]);
    /// ```
    #[inline]
    #[must_use]
    pub fn softplus(&self) -> Self {
        self.map(softplus)
    }

    /// [`softplus_derivative`] of every element.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// assert_eq!(matrix![0.0].softplus_derivative(), matrix![0.5]);
    /// ```
    #[inline]
    #[must_use]
    pub fn softplus_derivative(&self) -> Self {
        self.map(softplus_derivative)
    }

    /// Softmax along each row (NumPy `axis=-1`, the seed's `softmax`): every row becomes a
    /// probability distribution. Stable: the row maximum is subtracted before `exp`, so
    /// logits of `1000.0` do not overflow.
    ///
    /// For a column [`Vector`](crate::Vector) of logits (an `N x 1` matrix) the distribution
    /// runs down the column: use [`softmax_axis0`](Matrix::softmax_axis0).
    ///
    /// # NaN
    /// A row holding a NaN, or whose maximum is infinite, becomes all NaN (as the NumPy
    /// formula gives).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let logits = matrix![2.0, 1.0, 0.1; 0.5, 1.5, 2.0];
    /// let p = logits.softmax_axis1();
    /// assert_eq!(
    ///     format!("{p}"),
    ///     "[[0.65900114 0.24243297 0.09856589]\n [0.12195165 0.33149896 0.54654939]]"
    /// );
    /// ```
    #[must_use]
    pub fn softmax_axis1(&self) -> Self {
        let mut out = *self;
        for row in out.0.iter_mut() {
            softmax_in_place(row);
        }
        out
    }

    /// Softmax down each column (NumPy `axis=0`): every column becomes a distribution.
    ///
    /// # NaN
    /// As [`softmax_axis1`](Matrix::softmax_axis1), per column.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// let p = vector![0.0, 0.0].softmax_axis0();
    /// assert_eq!(p, vector![0.5, 0.5]);
    /// ```
    #[must_use]
    pub fn softmax_axis0(&self) -> Self {
        self.transpose().softmax_axis1().transpose()
    }

    /// Log-softmax along each row, `x - max - ln(sum(exp(x - max)))`: the log of
    /// [`softmax_axis1`](Matrix::softmax_axis1) without its underflow to `-inf` for very
    /// unlikely classes (PyTorch's `log_softmax(x, dim=-1)`).
    ///
    /// # NaN
    /// As [`softmax_axis1`](Matrix::softmax_axis1).
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    /// let lp = matrix![0.0, -1000.0].log_softmax_axis1();
    /// assert_eq!(lp, matrix![0.0, -1000.0]); // softmax would give ln(0) = -inf
    /// ```
    #[must_use]
    pub fn log_softmax_axis1(&self) -> Self {
        let mut out = *self;
        for row in out.0.iter_mut() {
            log_softmax_in_place(row);
        }
        out
    }

    /// Log-softmax down each column (NumPy `axis=0`).
    ///
    /// # NaN
    /// As [`softmax_axis1`](Matrix::softmax_axis1), per column.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// let lp = vector![0.0f64, 0.0].log_softmax_axis0();
    /// assert_eq!(lp, vector![-(2.0f64.ln()), -(2.0f64.ln())]);
    /// ```
    #[must_use]
    pub fn log_softmax_axis0(&self) -> Self {
        self.transpose().log_softmax_axis1().transpose()
    }
}

/// The maximum of a row, NaN if any element is NaN. Branch-free (a select per element and a
/// NaN flag), so the loop vectorises.
fn row_max<T: Real>(row: &[T]) -> T {
    let mut max = T::neg_infinity();
    let mut nan = false;
    for &x in row {
        nan |= x.is_nan();
        max = if x > max { x } else { max };
    }
    if nan { T::nan() } else { max }
}

/// `ln(sum(exp(x - max)))` and `max` of a row: the shifted log-sum-exp.
fn shifted_log_sum_exp<T: Real>(row: &[T]) -> (T, T) {
    let max = row_max(row);
    if !max.is_finite() {
        return (max, T::nan());
    }
    let sum = row.iter().fold(T::ZERO, |s, &x| s + (x - max).exp());
    (max, sum.ln())
}

fn softmax_in_place<T: Real>(row: &mut [T]) {
    let max = row_max(row);
    if !max.is_finite() {
        row.fill(T::nan());
        return;
    }
    let mut sum = T::ZERO;
    for x in row.iter_mut() {
        *x = (*x - max).exp();
        sum += *x;
    }
    for x in row.iter_mut() {
        *x /= sum;
    }
}

fn log_softmax_in_place<T: Real>(row: &mut [T]) {
    let (max, log_sum) = shifted_log_sum_exp(row);
    if log_sum.is_nan() {
        row.fill(T::nan());
        return;
    }
    for x in row.iter_mut() {
        *x = *x - max - log_sum;
    }
}

/// `(max, ln(sum(exp(x - max))))` of a row; for the losses.
pub(crate) fn log_sum_exp_parts<T: Real>(row: &[T]) -> (T, T) {
    shifted_log_sum_exp(row)
}
