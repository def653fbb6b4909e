//! Elementwise comparisons producing `Matrix<bool, R, C>` masks (against a matrix of the
//! same shape, `_elementwise`, or against one value, `_scalar`), and the reductions of a
//! mask: `all`, `any`, `count_true`, whole-matrix and per axis.
//!
//! Comparisons follow IEEE 754 as NumPy does: every comparison with a NaN is `false`,
//! except `ne`, which is `true`; `-0.0` equals `0.0`.

use crate::matrix::Matrix;
use crate::scalar::Scalar;

/// Generates one `_elementwise` and one `_scalar` comparison method per operator, with the
/// expected masks of their examples.
macro_rules! comparisons {
    ($(
        $op:tt, $elementwise:ident, $scalar:ident, $numpy:literal, $nan:literal,
        $elementwise_mask:literal, $scalar_mask:literal;
    )*) => {
        impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
            $(
                #[doc = concat!("`self ", stringify!($op), " other` element by element, ",
                    "NumPy's `a ", stringify!($op), " b` (`np.", $numpy, "(a, b)`).")]
                ///
                /// # NaN
                #[doc = concat!("A comparison with NaN is `", $nan, "`.")]
                ///
                /// # Example
                /// ```
                /// use statrix::matrix;
                ///
                /// let a = matrix![1.0, 2.0, 3.0, f64::NAN];
                /// let b = matrix![2.0, 2.0, 0.0, 0.0];
                #[doc = concat!("let mask = a.", stringify!($elementwise), "(&b); // a ",
                    stringify!($op), " b")]
                #[doc = concat!("assert_eq!(mask, matrix!", $elementwise_mask, ");")]
                /// ```
                #[must_use]
                pub fn $elementwise(&self, other: &Self) -> Matrix<bool, R, C> {
                    self.zip_map(*other, |x, y| x $op y)
                }

                #[doc = concat!("`self ", stringify!($op), " value` for every element, ",
                    "NumPy's `a ", stringify!($op), " value` (`np.", $numpy, "(a, value)`).")]
                ///
                /// # NaN
                #[doc = concat!("An element that is NaN (or a NaN `value`) gives `", $nan,
                    "`.")]
                ///
                /// # Example
                /// ```
                /// use statrix::matrix;
                ///
                /// let scores = matrix![85, 92; 78, 90];
                #[doc = concat!("let mask = scores.", stringify!($scalar), "(90); // scores ",
                    stringify!($op), " 90")]
                #[doc = concat!("assert_eq!(mask, matrix!", $scalar_mask, ");")]
                /// ```
                #[must_use]
                pub fn $scalar(&self, value: T) -> Matrix<bool, R, C> {
                    self.map(|x| x $op value)
                }
            )*
        }
    };
}

comparisons! {
    ==, eq_elementwise, eq_scalar, "equal", "false",
        "[false, true, false, false]", "[false, false; false, true]";
    !=, ne_elementwise, ne_scalar, "not_equal", "true",
        "[true, false, true, true]", "[true, true; true, false]";
    <, lt_elementwise, lt_scalar, "less", "false",
        "[true, false, false, false]", "[true, false; true, false]";
    <=, le_elementwise, le_scalar, "less_equal", "false",
        "[true, true, false, false]", "[true, false; true, true]";
    >, gt_elementwise, gt_scalar, "greater", "false",
        "[false, false, true, false]", "[false, true; false, false]";
    >=, ge_elementwise, ge_scalar, "greater_equal", "false",
        "[false, true, true, false]", "[false, true; false, true]";
}

impl<const R: usize, const C: usize> Matrix<bool, R, C> {
    /// Whether every element is `true`, NumPy's `np.all(flags)`; `true` for an empty matrix.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    ///
    /// let flags = vector![true, false, true, true, false];
    /// assert!(!flags.all()); // np.all(flags)
    /// ```
    #[must_use]
    pub fn all(&self) -> bool {
        self.iter().all(|&x| x)
    }

    /// Whether any element is `true`, NumPy's `np.any(flags)`; `false` for an empty matrix.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    ///
    /// let flags = vector![true, false, true, true, false];
    /// assert!(flags.any()); // np.any(flags)
    /// ```
    #[must_use]
    pub fn any(&self) -> bool {
        self.iter().any(|&x| x)
    }

    /// The number of `true` elements, NumPy's `np.sum(flags)` or `np.count_nonzero(flags)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let flags = vector![true, false, true, true, false];
    /// assert_eq!(flags.count_true(), 3); // np.sum(flags)
    ///
    /// let scores = matrix![85, 92; 78, 90];
    /// assert_eq!(scores.ge_scalar(90).count_true(), 2); // np.sum(scores >= 90)
    /// ```
    #[must_use]
    pub fn count_true(&self) -> usize {
        self.iter().filter(|&&x| x).count()
    }

    /// Whether each column is all `true`, NumPy's `np.all(flags, axis=0)`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let flags = matrix![true, false, true;
    ///                     true, true, false];
    /// assert_eq!(flags.all_axis0(), matrix![true, false, false]);
    /// ```
    #[must_use]
    pub fn all_axis0(&self) -> Matrix<bool, 1, C> {
        Matrix([core::array::from_fn(|j| self.0.iter().all(|row| row[j]))])
    }

    /// Whether each row is all `true`, NumPy's `np.all(flags, axis=1)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let flags = matrix![true, true;
    ///                     true, false];
    /// assert_eq!(flags.all_axis1(), vector![true, false]);
    /// ```
    #[must_use]
    pub fn all_axis1(&self) -> Matrix<bool, R, 1> {
        Matrix(self.0.map(|row| [row.iter().all(|&x| x)]))
    }

    /// Whether each column has a `true`, NumPy's `np.any(flags, axis=0)`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let flags = matrix![true, false, false;
    ///                     true, true, false];
    /// assert_eq!(flags.any_axis0(), matrix![true, true, false]);
    /// ```
    #[must_use]
    pub fn any_axis0(&self) -> Matrix<bool, 1, C> {
        Matrix([core::array::from_fn(|j| self.0.iter().any(|row| row[j]))])
    }

    /// Whether each row has a `true`, NumPy's `np.any(flags, axis=1)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let flags = matrix![false, false;
    ///                     true, false];
    /// assert_eq!(flags.any_axis1(), vector![false, true]);
    /// ```
    #[must_use]
    pub fn any_axis1(&self) -> Matrix<bool, R, 1> {
        Matrix(self.0.map(|row| [row.iter().any(|&x| x)]))
    }

    /// The number of `true` elements in each column, NumPy's `np.sum(flags, axis=0)`.
    ///
    /// # Example
    /// ```
    /// use statrix::matrix;
    ///
    /// let scores = matrix![85, 92, 78;
    ///                      90, 88, 95];
    /// // How many scores per column reach 90: np.sum(scores >= 90, axis=0)
    /// assert_eq!(scores.ge_scalar(90).count_true_axis0(), matrix![1, 1, 1]);
    /// ```
    #[must_use]
    pub fn count_true_axis0(&self) -> Matrix<usize, 1, C> {
        Matrix([core::array::from_fn(|j| {
            self.0.iter().filter(|row| row[j]).count()
        })])
    }

    /// The number of `true` elements in each row, NumPy's `np.sum(flags, axis=1)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{matrix, vector};
    ///
    /// let scores = matrix![85, 92, 78;
    ///                      90, 88, 95];
    /// assert_eq!(scores.ge_scalar(90).count_true_axis1(), vector![1, 2]);
    /// ```
    #[must_use]
    pub fn count_true_axis1(&self) -> Matrix<usize, R, 1> {
        Matrix(self.0.map(|row| [row.iter().filter(|&&x| x).count()]))
    }
}
