//! Operators: elementwise `+`, `-`, unary `-`; the matrix product `*` (NumPy's `@`);
//! scalar `*` and `/`; their `*Assign` forms. Owned and borrowed operands both work.
//!
//! The named elementwise and broadcasting operations live in [`crate::elementwise`].

use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

use num_traits::Signed;

use crate::kernel;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// Elementwise binary operators for every owned/borrowed pairing of equal shapes.
macro_rules! elementwise_op {
    ($Op:ident, $op:ident, $OpAssign:ident, $op_assign:ident, $sym:tt) => {
        impl<T: Scalar, const R: usize, const C: usize> $Op<Matrix<T, R, C>> for Matrix<T, R, C> {
            type Output = Matrix<T, R, C>;
            #[inline]
            fn $op(self, rhs: Matrix<T, R, C>) -> Matrix<T, R, C> {
                self.zip_map(rhs, |a, b| a $sym b)
            }
        }
        impl<T: Scalar, const R: usize, const C: usize> $Op<&Matrix<T, R, C>> for Matrix<T, R, C> {
            type Output = Matrix<T, R, C>;
            #[inline]
            fn $op(self, rhs: &Matrix<T, R, C>) -> Matrix<T, R, C> {
                self.zip_map(*rhs, |a, b| a $sym b)
            }
        }
        impl<T: Scalar, const R: usize, const C: usize> $Op<Matrix<T, R, C>> for &Matrix<T, R, C> {
            type Output = Matrix<T, R, C>;
            #[inline]
            fn $op(self, rhs: Matrix<T, R, C>) -> Matrix<T, R, C> {
                self.zip_map(rhs, |a, b| a $sym b)
            }
        }
        impl<T: Scalar, const R: usize, const C: usize> $Op<&Matrix<T, R, C>> for &Matrix<T, R, C> {
            type Output = Matrix<T, R, C>;
            #[inline]
            fn $op(self, rhs: &Matrix<T, R, C>) -> Matrix<T, R, C> {
                self.zip_map(*rhs, |a, b| a $sym b)
            }
        }
        impl<T: Scalar, const R: usize, const C: usize> $OpAssign<Matrix<T, R, C>> for Matrix<T, R, C> {
            #[inline]
            fn $op_assign(&mut self, rhs: Matrix<T, R, C>) {
                for (a, &b) in self.iter_mut().zip(rhs.iter()) {
                    a.$op_assign(b);
                }
            }
        }
        impl<T: Scalar, const R: usize, const C: usize> $OpAssign<&Matrix<T, R, C>> for Matrix<T, R, C> {
            #[inline]
            fn $op_assign(&mut self, rhs: &Matrix<T, R, C>) {
                for (a, &b) in self.iter_mut().zip(rhs.iter()) {
                    a.$op_assign(b);
                }
            }
        }
    };
}

elementwise_op!(Add, add, AddAssign, add_assign, +);
elementwise_op!(Sub, sub, SubAssign, sub_assign, -);

impl<T: Scalar + Signed, const R: usize, const C: usize> Neg for Matrix<T, R, C> {
    type Output = Matrix<T, R, C>;
    /// `-m`: every element negated.
    #[inline]
    fn neg(self) -> Matrix<T, R, C> {
        self.map(|x| -x)
    }
}

impl<T: Scalar + Signed, const R: usize, const C: usize> Neg for &Matrix<T, R, C> {
    type Output = Matrix<T, R, C>;
    /// `-&m`: every element negated.
    #[inline]
    fn neg(self) -> Matrix<T, R, C> {
        self.map(|x| -x)
    }
}

/// The matrix product for every owned/borrowed pairing: `R x K` times `K x C` is `R x C`.
macro_rules! matmul_op {
    ($Lhs:ty, $Rhs:ty) => {
        impl<T: Scalar, const R: usize, const K: usize, const C: usize> Mul<$Rhs> for $Lhs {
            type Output = Matrix<T, R, C>;
            /// The matrix product, NumPy's `a @ b`.
            #[inline]
            #[allow(clippy::needless_borrow)]
            fn mul(self, rhs: $Rhs) -> Matrix<T, R, C> {
                kernel::matmul(&self, &rhs)
            }
        }
    };
}

matmul_op!(Matrix<T, R, K>, Matrix<T, K, C>);
matmul_op!(Matrix<T, R, K>, &Matrix<T, K, C>);
matmul_op!(&Matrix<T, R, K>, Matrix<T, K, C>);
matmul_op!(&Matrix<T, R, K>, &Matrix<T, K, C>);

impl<T: Scalar, const R: usize, const C: usize> MulAssign<Matrix<T, C, C>> for Matrix<T, R, C> {
    /// `a *= b`: `a = a @ b`, for a square `b`.
    #[inline]
    fn mul_assign(&mut self, rhs: Matrix<T, C, C>) {
        *self = kernel::matmul(self, &rhs);
    }
}

impl<T: Scalar, const R: usize, const C: usize> MulAssign<&Matrix<T, C, C>> for Matrix<T, R, C> {
    /// `a *= &b`: `a = a @ b`, for a square `b`.
    #[inline]
    fn mul_assign(&mut self, rhs: &Matrix<T, C, C>) {
        *self = kernel::matmul(self, rhs);
    }
}

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The matrix product `self @ rhs`, the same as `self * rhs` (NumPy's `np.matmul`).
    ///
    /// The inner dimensions must agree: an `R x K` matrix multiplies only `K x C` ones, and
    /// anything else is a compile error.
    ///
    /// Integer products follow Rust's overflow rules (a panic in debug builds, wrap-around
    /// in release builds).
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1, 2], [3, 4]]);
    /// let b = Matrix::new([[5, 6], [7, 8]]);
    /// assert_eq!(a.matmul(&b), Matrix::new([[19, 22], [43, 50]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn matmul<const K: usize>(&self, rhs: &Matrix<T, C, K>) -> Matrix<T, R, K> {
        kernel::matmul(self, rhs)
    }
}

/// Scalar `*` and `/` on the right, for every owned/borrowed matrix.
macro_rules! scalar_op_right {
    ($Op:ident, $op:ident, $OpAssign:ident, $op_assign:ident, $sym:tt) => {
        impl<T: Scalar, const R: usize, const C: usize> $Op<T> for Matrix<T, R, C> {
            type Output = Matrix<T, R, C>;
            #[inline]
            fn $op(self, s: T) -> Matrix<T, R, C> {
                self.map(|x| x $sym s)
            }
        }
        impl<T: Scalar, const R: usize, const C: usize> $Op<T> for &Matrix<T, R, C> {
            type Output = Matrix<T, R, C>;
            #[inline]
            fn $op(self, s: T) -> Matrix<T, R, C> {
                self.map(|x| x $sym s)
            }
        }
        impl<T: Scalar, const R: usize, const C: usize> $OpAssign<T> for Matrix<T, R, C> {
            #[inline]
            fn $op_assign(&mut self, s: T) {
                for x in self.iter_mut() {
                    x.$op_assign(s);
                }
            }
        }
    };
}

scalar_op_right!(Mul, mul, MulAssign, mul_assign, *);
scalar_op_right!(Div, div, DivAssign, div_assign, /);

/// `s * m` with the scalar on the left; coherence needs one impl per primitive type.
macro_rules! scalar_mul_left {
    ($($t:ty),*) => {$(
        impl<const R: usize, const C: usize> Mul<Matrix<$t, R, C>> for $t {
            type Output = Matrix<$t, R, C>;
            #[inline]
            fn mul(self, m: Matrix<$t, R, C>) -> Matrix<$t, R, C> {
                m.map(|x| self * x)
            }
        }
        impl<const R: usize, const C: usize> Mul<&Matrix<$t, R, C>> for $t {
            type Output = Matrix<$t, R, C>;
            #[inline]
            fn mul(self, m: &Matrix<$t, R, C>) -> Matrix<$t, R, C> {
                m.map(|x| self * x)
            }
        }
    )*};
}

scalar_mul_left!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);
