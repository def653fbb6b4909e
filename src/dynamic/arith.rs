//! Elementwise arithmetic of [`DMatrix`]: `+`, `-` (between matrices of one shape), `*` and
//! `/` by a scalar, negation, and the Hadamard product, each with a `try_` form.

use core::ops::{Add, Div, Mul, Neg, Sub};

use super::DMatrix;
use crate::error::Error;
use crate::scalar::Scalar;

impl<T: Scalar> DMatrix<T> {
    /// `f(a_ij, b_ij)` for two matrices of one shape.
    fn zip_with(
        &self,
        other: &Self,
        op: &'static str,
        f: impl Fn(T, T) -> T,
    ) -> Result<Self, Error> {
        if self.shape() != other.shape() {
            return Err(Error::ShapeMismatch {
                op,
                left: self.shape(),
                right: other.shape(),
            });
        }
        let mut out = self.clone();
        for (x, &y) in out.as_mut_slice().iter_mut().zip(other.as_slice()) {
            *x = f(*x, y);
        }
        Ok(out)
    }

    /// `self + other` elementwise, NumPy's `a + b` for arrays of one shape.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "add"`) if the shapes differ (NumPy would broadcast
    /// some of them; `DMatrix` does not).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error};
    /// let a = DMatrix::from_fn(1, 2, |_, j| j as f64);
    /// assert_eq!(a.try_add(&a)?.as_slice(), &[0.0, 2.0]);
    /// assert!(matches!(a.try_add(&a.transpose()), Err(Error::ShapeMismatch { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn try_add(&self, other: &Self) -> Result<Self, Error> {
        self.zip_with(other, "add", |x, y| x + y)
    }

    /// `self - other` elementwise, NumPy's `a - b` for arrays of one shape.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "sub"`) if the shapes differ.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(1, 2, |_, j| j as f64);
    /// assert_eq!(a.try_sub(&a)?.as_slice(), &[0.0, 0.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn try_sub(&self, other: &Self) -> Result<Self, Error> {
        self.zip_with(other, "sub", |x, y| x - y)
    }

    /// The elementwise (Hadamard) product, NumPy's `a * b` for arrays of one shape.
    ///
    /// # Panics
    /// If the shapes differ, with a message naming both; [`try_hadamard`](Self::try_hadamard)
    /// returns the error.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(1, 3, |_, j| j as i32 + 1);
    /// assert_eq!(a.hadamard(&a).as_slice(), &[1, 4, 9]);
    /// ```
    #[must_use]
    pub fn hadamard(&self, other: &Self) -> Self {
        self.try_hadamard(other).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The elementwise (Hadamard) product.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] (`op: "hadamard"`) if the shapes differ.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(1, 2, |_, j| j as f64 + 2.0);
    /// assert_eq!(a.try_hadamard(&a)?.as_slice(), &[4.0, 9.0]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn try_hadamard(&self, other: &Self) -> Result<Self, Error> {
        self.zip_with(other, "hadamard", |x, y| x * y)
    }
}

impl<T: Scalar> Add for &DMatrix<T> {
    type Output = DMatrix<T>;

    /// `a + b` elementwise.
    ///
    /// # Panics
    /// If the shapes differ, with a message naming both ("add: operands could not be
    /// broadcast together with shapes (2,3) (3,2)"); [`DMatrix::try_add`] returns the error.
    fn add(self, other: Self) -> DMatrix<T> {
        self.try_add(other).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl<T: Scalar> Sub for &DMatrix<T> {
    type Output = DMatrix<T>;

    /// `a - b` elementwise.
    ///
    /// # Panics
    /// If the shapes differ, with a message naming both; [`DMatrix::try_sub`] returns the
    /// error.
    fn sub(self, other: Self) -> DMatrix<T> {
        self.try_sub(other).unwrap_or_else(|e| panic!("{e}"))
    }
}

impl<T: Scalar> Mul<T> for &DMatrix<T> {
    type Output = DMatrix<T>;

    /// Every element times `k`, NumPy's `a * k`.
    fn mul(self, k: T) -> DMatrix<T> {
        self.map(|x| x * k)
    }
}

impl<T: Scalar> Div<T> for &DMatrix<T> {
    type Output = DMatrix<T>;

    /// Every element divided by `k`, NumPy's `a / k` (integer division truncates, as Rust's
    /// `/`).
    ///
    /// # Panics
    /// For integers, on a zero `k` (Rust's integer division by zero).
    fn div(self, k: T) -> DMatrix<T> {
        self.map(|x| x / k)
    }
}

impl<T: Scalar + Neg<Output = T>> Neg for &DMatrix<T> {
    type Output = DMatrix<T>;

    /// Every element negated, NumPy's `-a`.
    fn neg(self) -> DMatrix<T> {
        self.map(|x| -x)
    }
}
