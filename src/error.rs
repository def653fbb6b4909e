//! The crate's error type.
//!
//! Fallible operations return `Result<_, statrix::Error>`. Every variant says what went
//! wrong and, where it helps, where; none of them is ever reported by a panic.

use core::fmt;

/// What can go wrong in a `statrix` operation.
///
/// # Example
/// ```
/// use statrix::{Error, Vector3};
///
/// let zero = Vector3::<f64>::zeros();
/// assert_eq!(zero.normalize(), Err(Error::ZeroNorm));
/// println!("{}", Error::ZeroNorm); // "cannot normalize: the norm is zero"
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum Error {
    /// A row or column index past the matrix's edge (the runtime-index methods such as
    /// [`Matrix::try_row`](crate::Matrix::try_row)); NumPy's `IndexError: index 5 is out of
    /// bounds for axis 0 with size 2`.
    ///
    /// ```
    /// use statrix::{Error, Matrix};
    ///
    /// let m = Matrix::new([[1, 2], [3, 4]]);
    /// // NumPy: m[5] raises "index 5 is out of bounds for axis 0 with size 2"
    /// assert_eq!(m.try_row(5), Err(Error::IndexOutOfBounds { axis: 0, index: 5, len: 2 }));
    /// assert_eq!(m.try_col(2), Err(Error::IndexOutOfBounds { axis: 1, index: 2, len: 2 }));
    /// ```
    IndexOutOfBounds {
        /// The axis the index is on, numbered as NumPy numbers them: `0` for a row index
        /// (NumPy `a[i, :]`), `1` for a column index (`a[:, j]`).
        axis: usize,
        /// The index that was asked for.
        index: usize,
        /// The length of that axis.
        len: usize,
    },
    /// The norm is zero, so the value cannot be scaled to unit length.
    ZeroNorm,
    /// The input holds a NaN or an infinity where a finite value is required.
    NonFinite,
    /// The matrix is singular: the LU factorization met an exactly zero pivot in column
    /// `index` (NumPy raises `LinAlgError: Singular matrix`).
    Singular {
        /// The column of the first zero pivot.
        index: usize,
    },
    /// The matrix is not (numerically) symmetric positive definite: the Cholesky
    /// factorization met a pivot that is not positive in column `index`.
    NotPositiveDefinite {
        /// The column of the first non-positive pivot.
        index: usize,
    },
    /// An iterative method did not converge within its iteration bound.
    NoConvergence {
        /// The number of iterations (sweeps) spent.
        iterations: usize,
    },
    /// The result does not fit the floating-point range (for example the inverse of a
    /// nearly singular matrix whose entries would be infinite).
    Overflow,
    /// A quantile outside `[0, 1]` (a percentile outside `[0, 100]`) or NaN.
    InvalidQuantile,
    /// A probability that is negative, above 1 or NaN, or probabilities that do not sum to 1.
    InvalidProbability,
    /// An empty or non-finite range: `low >= high`, or a bound that is NaN or infinite.
    EmptyRange,
    /// A distribution parameter out of its domain (a negative or NaN standard deviation, for
    /// example); `name` says which.
    InvalidParameter {
        /// The parameter's name, as in the method's signature.
        name: &'static str,
    },
    /// Data whose length does not fill the asked-for shape (a
    /// [`DMatrix`](crate::DMatrix) from a `Vec`); NumPy's `ValueError: cannot reshape array
    /// of size 3 into shape (2,2)`.
    CannotReshape {
        /// The number of elements given.
        len: usize,
        /// The shape asked for, `(rows, cols)`.
        shape: (usize, usize),
    },
    /// Operands whose run-time shapes do not fit the operation (the `try_` forms of the
    /// [`DMatrix`](crate::DMatrix) operators, and its conversion into a static
    /// [`Matrix`](crate::Matrix)); `op` names the operation: `"matmul"` (inner dimensions
    /// differ, NumPy's `shapes (2,3) and (4,5) not aligned`), `"convert"` (the static
    /// shape differs) or an elementwise one such as `"add"` (NumPy's `operands could not be
    /// broadcast together`).
    ShapeMismatch {
        /// The operation.
        op: &'static str,
        /// The left operand's shape, `(rows, cols)` (for `"convert"`: the dynamic matrix's).
        left: (usize, usize),
        /// The right operand's shape (for `"convert"`: the static type's).
        right: (usize, usize),
    },
    /// A square matrix was needed (a [`DMatrix`](crate::DMatrix)'s symmetric eigensolver);
    /// NumPy's `LinAlgError: Last 2 dimensions of the array must be square`.
    NotSquare {
        /// The matrix's shape, `(rows, cols)`.
        shape: (usize, usize),
    },
    /// More principal components asked for than the data has: at most `min(n_samples,
    /// n_features)` (scikit-learn's `n_components=... must be between 0 and
    /// min(n_samples, n_features)`).
    TooManyComponents {
        /// How many were asked for.
        requested: usize,
        /// `min(n_samples, n_features)`.
        available: usize,
    },
    /// Too few samples (rows) for the statistic: a sample variance, and so a PCA, needs at
    /// least two (scikit-learn's `Found array with 1 sample(s) ... while a minimum of 2 is
    /// required`).
    TooFewSamples {
        /// The number of samples given.
        samples: usize,
        /// The number needed.
        required: usize,
    },
    /// A `.npy` file statrix cannot read; `reason` says what is wrong (NumPy's `ValueError`s
    /// of `np.load`).
    InvalidNpy {
        /// What is wrong with the file.
        reason: &'static str,
    },
    /// Reading or writing a file failed (feature `std`); `kind` is the I/O error's kind.
    #[cfg(feature = "std")]
    Io {
        /// The kind of the underlying I/O error.
        // `std`'s type has no `defmt::Format`; with `std` there is `core::fmt` anyway.
        #[cfg_attr(feature = "defmt", defmt(Debug2Format))]
        kind: std::io::ErrorKind,
    },
    /// More items asked for than there are to draw from without replacement.
    SampleTooLarge {
        /// How many were asked for.
        requested: usize,
        /// How many there are.
        available: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::IndexOutOfBounds { axis, index, len } => write!(
                f,
                "index {index} is out of bounds for axis {axis} with size {len}"
            ),
            Error::ZeroNorm => f.write_str("cannot normalize: the norm is zero"),
            Error::NonFinite => f.write_str("the input holds a NaN or an infinity"),
            Error::Singular { index } => {
                write!(f, "the matrix is singular (zero pivot in column {index})")
            }
            Error::NotPositiveDefinite { index } => write!(
                f,
                "the matrix is not positive definite (non-positive pivot in column {index})"
            ),
            Error::NoConvergence { iterations } => {
                write!(f, "no convergence after {iterations} iterations")
            }
            Error::Overflow => f.write_str("the result overflows the floating-point range"),
            Error::InvalidQuantile => {
                f.write_str("quantiles must lie in [0, 1] (percentiles in [0, 100])")
            }
            Error::InvalidProbability => f.write_str(
                "probabilities must lie in [0, 1], be finite, and sum to 1 where they are a distribution",
            ),
            Error::EmptyRange => f.write_str("the range is empty or not finite (need low < high)"),
            Error::InvalidParameter { name } => {
                write!(f, "the parameter `{name}` is outside its domain")
            }
            Error::CannotReshape { len, shape } => write!(
                f,
                "cannot reshape array of size {len} into shape ({},{})",
                shape.0, shape.1
            ),
            Error::ShapeMismatch { op, left, right } => match *op {
                "matmul" => write!(
                    f,
                    "matmul: shapes ({},{}) and ({},{}) not aligned: {} (dim 1) != {} (dim 0)",
                    left.0, left.1, right.0, right.1, left.1, right.0
                ),
                "convert" => write!(
                    f,
                    "cannot convert a matrix of shape ({},{}) into one of shape ({},{})",
                    left.0, left.1, right.0, right.1
                ),
                _ => write!(
                    f,
                    "{op}: operands could not be broadcast together with shapes ({},{}) ({},{})",
                    left.0, left.1, right.0, right.1
                ),
            },
            Error::NotSquare { shape } => write!(
                f,
                "Last 2 dimensions of the array must be square (the shape is ({},{}))",
                shape.0, shape.1
            ),
            Error::TooManyComponents {
                requested,
                available,
            } => write!(
                f,
                "n_components={requested} must be between 1 and min(n_samples, n_features)={available}"
            ),
            Error::TooFewSamples { samples, required } => write!(
                f,
                "found {samples} sample(s) while a minimum of {required} is required"
            ),
            Error::InvalidNpy { reason } => write!(f, "not a .npy array statrix reads: {reason}"),
            #[cfg(feature = "std")]
            Error::Io { kind } => write!(f, "I/O error: {kind}"),
            Error::SampleTooLarge { requested, available } => write!(
                f,
                "cannot draw {requested} items without replacement from {available}"
            ),
        }
    }
}

impl core::error::Error for Error {}
