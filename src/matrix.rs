//! [`Matrix<T, R, C>`](Matrix): the stack-allocated, row-major matrix whose shape is part of
//! its type, its aliases, and its construction.

use crate::scalar::Scalar;

/// A matrix of `R` rows and `C` columns of `T`, stored row-major on the stack.
///
/// The shape is part of the type, so a shape mismatch is a compile error: a `2 x 3` matrix
/// cannot be added to a `3 x 2` one, and `a * b` needs `a`'s column count to equal `b`'s row
/// count. The layout is exactly `[[T; C]; R]` (`#[repr(transparent)]`), so a matrix is
/// `Copy` when `T` is and costs nothing to build from an array.
///
/// `*` is the matrix product (NumPy's `@`); the elementwise product is
/// [`hadamard`](Matrix::hadamard).
///
/// # Example
/// ```
/// use statrix::Matrix;
///
/// // NumPy: a = np.array([[1, 2], [3, 4]]); b = np.array([[5, 6], [7, 8]])
/// let a = Matrix::new([[1, 2], [3, 4]]);
/// let b = Matrix::new([[5, 6], [7, 8]]);
/// assert_eq!(a * b, Matrix::new([[19, 22], [43, 50]])); // a @ b
/// assert_eq!(a.hadamard(&b), Matrix::new([[5, 12], [21, 32]])); // a * b
/// assert_eq!(format!("{}", a * b), "[[19 22]\n [43 50]]");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Matrix<T, const R: usize, const C: usize>(pub [[T; C]; R]);

/// A column vector of `N` elements: `Matrix<T, N, 1>`.
///
/// NumPy's 1-D arrays map to `Vector`; print one as NumPy prints a 1-D array with
/// [`display_flat`](Matrix::display_flat).
///
/// # Example
/// ```
/// use statrix::{vector, Vector};
/// let v: Vector<f64, 3> = vector![1.0, 2.0, 3.0];
/// assert_eq!(v.shape(), (3, 1));
/// assert_eq!(v.display_flat().to_string(), "[1. 2. 3.]");
/// ```
pub type Vector<T, const N: usize> = Matrix<T, N, 1>;
/// A row vector of `N` elements: `Matrix<T, 1, N>`, the shape of a bias broadcast over the
/// rows of a batch.
///
/// # Example
/// ```
/// use statrix::{row_vector, RowVector};
/// let b: RowVector<f32, 2> = row_vector![0.5, -0.5];
/// assert_eq!(b.shape(), (1, 2));
/// ```
pub type RowVector<T, const N: usize> = Matrix<T, 1, N>;

/// A 2 x 2 matrix.
///
/// # Example
/// ```
/// use statrix::Matrix2;
/// let a = Matrix2::new([[4.0, 7.0], [2.0, 6.0]]);
/// assert_eq!(a.shape(), (2, 2));
/// ```
pub type Matrix2<T> = Matrix<T, 2, 2>;
/// A 3 x 3 matrix.
///
/// # Example
/// ```
/// use statrix::Matrix3;
/// assert_eq!(Matrix3::<f32>::identity()[(2, 2)], 1.0);
/// ```
pub type Matrix3<T> = Matrix<T, 3, 3>;
/// A 4 x 4 matrix.
///
/// # Example
/// ```
/// use statrix::Matrix4;
/// assert_eq!(Matrix4::<f64>::zeros().shape(), (4, 4));
/// ```
pub type Matrix4<T> = Matrix<T, 4, 4>;
/// A 5 x 5 matrix.
///
/// # Example
/// ```
/// use statrix::Matrix5;
/// assert_eq!(Matrix5::<i32>::ones().as_slice().len(), 25);
/// ```
pub type Matrix5<T> = Matrix<T, 5, 5>;
/// A 6 x 6 matrix.
///
/// # Example
/// ```
/// use statrix::Matrix6;
/// assert_eq!(Matrix6::<f64>::identity().shape(), (6, 6));
/// ```
pub type Matrix6<T> = Matrix<T, 6, 6>;
/// A 2-element column vector.
///
/// # Example
/// ```
/// use statrix::Vector2;
/// assert_eq!(Vector2::from_array([3.0, 4.0]).norm(), 5.0);
/// ```
pub type Vector2<T> = Vector<T, 2>;
/// A 3-element column vector.
///
/// # Example
/// ```
/// use statrix::Vector3;
/// let x = Vector3::from_array([1, 0, 0]);
/// let y = Vector3::from_array([0, 1, 0]);
/// assert_eq!(x.cross(&y), Vector3::from_array([0, 0, 1]));
/// ```
pub type Vector3<T> = Vector<T, 3>;
/// A 4-element column vector.
///
/// # Example
/// ```
/// use statrix::Vector4;
/// assert_eq!(Vector4::from_array([1, 2, 3, 4]).to_array(), [1, 2, 3, 4]);
/// ```
pub type Vector4<T> = Vector<T, 4>;
/// A 5-element column vector.
///
/// # Example
/// ```
/// use statrix::Vector5;
/// assert_eq!(Vector5::<u8>::zeros().shape(), (5, 1));
/// ```
pub type Vector5<T> = Vector<T, 5>;
/// A 6-element column vector.
///
/// # Example
/// ```
/// use statrix::Vector6;
/// assert_eq!(Vector6::<f32>::ones().norm_l1(), 6.0);
/// ```
pub type Vector6<T> = Vector<T, 6>;
/// A 2-element row vector.
///
/// # Example
/// ```
/// use statrix::RowVector2;
/// assert_eq!(RowVector2::from_row_array([1, 2]).shape(), (1, 2));
/// ```
pub type RowVector2<T> = RowVector<T, 2>;
/// A 3-element row vector.
///
/// # Example
/// ```
/// use statrix::RowVector3;
/// assert_eq!(RowVector3::from_row_array([1, 2, 3]).transpose().shape(), (3, 1));
/// ```
pub type RowVector3<T> = RowVector<T, 3>;
/// A 4-element row vector.
///
/// # Example
/// ```
/// use statrix::RowVector4;
/// assert_eq!(RowVector4::<f64>::zeros().shape(), (1, 4));
/// ```
pub type RowVector4<T> = RowVector<T, 4>;

impl<T, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The number of rows, `R`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(statrix::Matrix::<f32, 2, 3>::NROWS, 2);
    /// ```
    pub const NROWS: usize = R;
    /// The number of columns, `C`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(statrix::Matrix::<f32, 2, 3>::NCOLS, 3);
    /// ```
    pub const NCOLS: usize = C;

    /// Builds a matrix from its rows, row-major as NumPy's `np.array([[..], [..]])`.
    ///
    /// `const`, so a matrix can live in a `static` or `const` table.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    ///
    /// const A: Matrix<f64, 2, 2> = Matrix::new([[4.0, 7.0], [2.0, 6.0]]);
    /// assert_eq!(A[(0, 1)], 7.0);
    /// ```
    #[inline]
    #[must_use]
    pub const fn new(rows: [[T; C]; R]) -> Self {
        Matrix(rows)
    }

    /// The shape `(R, C)`, as NumPy's `a.shape`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// assert_eq!(Matrix::<f64, 32, 64>::zeros().shape(), (32, 64));
    /// ```
    #[inline]
    #[must_use]
    pub const fn shape(&self) -> (usize, usize) {
        (R, C)
    }

    /// Unwraps the rows array.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// assert_eq!(Matrix::new([[1, 2]]).into_array(), [[1, 2]]);
    /// ```
    #[inline]
    #[must_use]
    pub fn into_array(self) -> [[T; C]; R] {
        self.0
    }

    /// Builds a matrix by calling `f(row, col)` for every element, NumPy's
    /// `np.fromfunction(f, (R, C))`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let hilbert = Matrix::<f64, 2, 2>::from_fn(|i, j| 1.0 / (i + j + 1) as f64);
    /// assert_eq!(hilbert, Matrix::new([[1.0, 0.5], [0.5, 1.0 / 3.0]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn from_fn(mut f: impl FnMut(usize, usize) -> T) -> Self {
        Matrix(core::array::from_fn(|i| core::array::from_fn(|j| f(i, j))))
    }
}

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The matrix of zeros, NumPy's `np.zeros((R, C))`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// const Z: Matrix<f32, 2, 3> = Matrix::zeros();
    /// assert_eq!(Z, Matrix::new([[0.0; 3]; 2]));
    /// ```
    #[inline]
    #[must_use]
    pub const fn zeros() -> Self {
        Matrix([[T::ZERO; C]; R])
    }

    /// The matrix of ones, NumPy's `np.ones((R, C))`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// assert_eq!(Matrix::<i32, 1, 2>::ones(), Matrix::new([[1, 1]]));
    /// ```
    #[inline]
    #[must_use]
    pub const fn ones() -> Self {
        Matrix([[T::ONE; C]; R])
    }

    /// The matrix with every element equal to `value`, NumPy's `np.full((R, C), value)`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// assert_eq!(Matrix::<f64, 1, 2>::full(0.5), Matrix::new([[0.5, 0.5]]));
    /// ```
    #[inline]
    #[must_use]
    pub const fn full(value: T) -> Self {
        Matrix([[value; C]; R])
    }

    /// The identity: ones on the main diagonal, zeros elsewhere, NumPy's `np.eye(R, C)`.
    /// Rectangular shapes are allowed, as in NumPy.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// const I: Matrix<f64, 2, 2> = Matrix::identity();
    /// assert_eq!(I, Matrix::new([[1.0, 0.0], [0.0, 1.0]]));
    /// assert_eq!(Matrix::<i32, 2, 3>::identity(), Matrix::new([[1, 0, 0], [0, 1, 0]]));
    /// ```
    #[inline]
    #[must_use]
    pub const fn identity() -> Self {
        let mut rows = [[T::ZERO; C]; R];
        let mut i = 0;
        while i < R && i < C {
            rows[i][i] = T::ONE;
            i += 1;
        }
        Matrix(rows)
    }

    /// Sets every element to `value` in place, NumPy's `a.fill(value)`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::<i32, 2, 2>::zeros();
    /// m.fill(7);
    /// assert_eq!(m, Matrix::new([[7, 7], [7, 7]]));
    /// ```
    #[inline]
    pub fn fill(&mut self, value: T) {
        for row in self.0.iter_mut() {
            row.fill(value);
        }
    }

    /// Builds a matrix whose rows are the given row vectors, NumPy's `np.vstack(rows)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{Matrix, RowVector};
    /// let m = Matrix::from_rows([RowVector::new([[1, 2]]), RowVector::new([[3, 4]])]);
    /// assert_eq!(m, Matrix::new([[1, 2], [3, 4]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn from_rows(rows: [Matrix<T, 1, C>; R]) -> Self {
        Matrix(rows.map(|r| r.0[0]))
    }

    /// Builds a matrix whose columns are the given column vectors, NumPy's
    /// `np.column_stack(cols)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{Matrix, Vector2};
    /// let m = Matrix::from_cols([Vector2::new([[1], [3]]), Vector2::new([[2], [4]])]);
    /// assert_eq!(m, Matrix::new([[1, 2], [3, 4]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn from_cols(cols: [Matrix<T, R, 1>; C]) -> Self {
        Self::from_fn(|i, j| cols[j].0[i][0])
    }

    /// Builds a diagonal matrix from a vector, NumPy's `np.diag(v)`.
    ///
    /// # Example
    /// ```
    /// use statrix::{Matrix, Vector};
    /// let d = Matrix::from_diagonal(&Vector::from_array([2, 3]));
    /// assert_eq!(d, Matrix::new([[2, 0], [0, 3]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn from_diagonal(diagonal: &Matrix<T, R, 1>) -> Self {
        const { assert!(R == C, "from_diagonal: the matrix must be square") };
        Self::from_fn(|i, j| if i == j { diagonal.0[i][0] } else { T::ZERO })
    }
}

impl<T, const N: usize> Matrix<T, N, 1> {
    /// Builds a column vector from a flat array, NumPy's `np.array([..])` for 1-D data.
    ///
    /// # Example
    /// ```
    /// use statrix::Vector;
    /// let v = Vector::from_array([1.0, 2.0, 3.0]);
    /// assert_eq!(v[2], 3.0);
    /// ```
    #[inline]
    #[must_use]
    pub fn from_array(elements: [T; N]) -> Self {
        Matrix(elements.map(|x| [x]))
    }

    /// The elements as a flat array.
    ///
    /// # Example
    /// ```
    /// use statrix::Vector;
    /// assert_eq!(Vector::from_array([1, 2]).to_array(), [1, 2]);
    /// ```
    #[inline]
    #[must_use]
    pub fn to_array(self) -> [T; N] {
        self.0.map(|[x]| x)
    }
}

impl<T, const N: usize> Matrix<T, 1, N> {
    /// Builds a row vector from a flat array.
    ///
    /// # Example
    /// ```
    /// use statrix::RowVector;
    /// let b = RowVector::from_row_array([0.5, 1.5]);
    /// assert_eq!(b[1], 1.5);
    /// ```
    #[inline]
    #[must_use]
    pub const fn from_row_array(elements: [T; N]) -> Self {
        Matrix([elements])
    }
}

impl<T, const R: usize, const C: usize> From<[[T; C]; R]> for Matrix<T, R, C> {
    /// `Matrix::from([[1, 2], [3, 4]])`, the same as [`Matrix::new`].
    #[inline]
    fn from(rows: [[T; C]; R]) -> Self {
        Matrix(rows)
    }
}

impl<T, const R: usize, const C: usize> From<Matrix<T, R, C>> for [[T; C]; R] {
    /// The rows array back out of a matrix.
    #[inline]
    fn from(m: Matrix<T, R, C>) -> Self {
        m.0
    }
}

impl<T: Scalar, const R: usize, const C: usize> Default for Matrix<T, R, C> {
    /// The zero matrix.
    #[inline]
    fn default() -> Self {
        Self::zeros()
    }
}

/// Builds a [`Matrix`] from rows written as in NumPy, with `;` between rows.
///
/// `matrix![1, 2; 3, 4]` is `Matrix::new([[1, 2], [3, 4]])`; a row of different length is a
/// compile error.
///
/// # Example
/// ```
/// use statrix::{matrix, Matrix};
/// let a = matrix![4.0, 7.0;
///                 2.0, 6.0];
/// assert_eq!(a, Matrix::new([[4.0, 7.0], [2.0, 6.0]]));
/// ```
#[macro_export]
macro_rules! matrix {
    ($($($x:expr),+ $(,)?);+ $(;)?) => {
        $crate::Matrix::new([$([$($x),+]),+])
    };
}

/// Builds a column [`Vector`] from its elements: `vector![1.0, 2.0, 3.0]` is
/// `Vector::from_array([1.0, 2.0, 3.0])`, NumPy's `np.array([1.0, 2.0, 3.0])`.
///
/// # Example
/// ```
/// use statrix::{vector, Vector};
/// let v = vector![1.0, 2.0, 3.0];
/// assert_eq!(v, Vector::from_array([1.0, 2.0, 3.0]));
/// ```
#[macro_export]
macro_rules! vector {
    ($($x:expr),+ $(,)?) => {
        $crate::Matrix::new([$([$x]),+])
    };
}

/// Builds a [`RowVector`] from its elements: `row_vector![1, 2]` is
/// `Matrix::new([[1, 2]])`.
///
/// # Example
/// ```
/// use statrix::{row_vector, Matrix};
/// assert_eq!(row_vector![1, 2], Matrix::new([[1, 2]]));
/// ```
#[macro_export]
macro_rules! row_vector {
    ($($x:expr),+ $(,)?) => {
        $crate::Matrix::new([[$($x),+]])
    };
}
