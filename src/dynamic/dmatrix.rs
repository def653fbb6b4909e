//! [`DMatrix`]: construction, shape and element access.

use alloc::vec::Vec;
use core::ops::{Index, IndexMut};

use crate::error::Error;
use crate::scalar::Scalar;

/// A heap-allocated, row-major matrix whose shape is chosen at run time: NumPy's 2-D
/// `ndarray` for data whose size is not known when the program is compiled.
///
/// Shapes are checked when the program runs: an operator on mismatched shapes panics with a
/// message naming both (documented under `# Panics`), and each has a `try_` form that
/// returns [`Error::ShapeMismatch`] instead. Convert to and from the static
/// [`Matrix`](crate::Matrix) with `From`/`TryFrom`.
///
/// # Example
/// ```
/// use statrix::DMatrix;
///
/// // NumPy: a = np.arange(6.0).reshape(2, 3)
/// let a = DMatrix::from_vec(2, 3, vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0])?;
/// assert_eq!(a.shape(), (2, 3));
/// assert_eq!(a[(1, 2)], 5.0);
/// // NumPy: a @ a.T
/// let g = &a * &a.transpose();
/// assert_eq!(g.to_string(), "[[ 5. 14.]\n [14. 50.]]");
/// # Ok::<(), statrix::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct DMatrix<T> {
    rows: usize,
    cols: usize,
    data: Vec<T>,
}

impl<T> DMatrix<T> {
    /// The matrix of `rows x cols` elements taken from `data` in row-major (C) order,
    /// NumPy's `np.array(data).reshape(rows, cols)`.
    ///
    /// # Errors
    /// [`Error::CannotReshape`] if `data.len() != rows * cols` (or the product overflows
    /// `usize`).
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error};
    /// let a = DMatrix::from_vec(2, 2, vec![1, 2, 3, 4])?;
    /// assert_eq!(a.row(1), &[3, 4]);
    /// // NumPy: "cannot reshape array of size 3 into shape (2,2)"
    /// assert_eq!(
    ///     DMatrix::from_vec(2, 2, vec![1, 2, 3]),
    ///     Err(Error::CannotReshape { len: 3, shape: (2, 2) })
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    pub fn from_vec(rows: usize, cols: usize, data: Vec<T>) -> Result<Self, Error> {
        if rows.checked_mul(cols) != Some(data.len()) {
            return Err(Error::CannotReshape {
                len: data.len(),
                shape: (rows, cols),
            });
        }
        Ok(Self { rows, cols, data })
    }

    /// The matrix whose element `(i, j)` is `f(i, j)`, filled row by row; NumPy's
    /// `np.fromfunction(f, (rows, cols))`.
    ///
    /// # Panics
    /// If `rows * cols` overflows `usize` (the allocation could not exist).
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(2, 3, |i, j| 10 * i + j);
    /// assert_eq!(a.as_slice(), &[0, 1, 2, 10, 11, 12]);
    /// ```
    #[must_use]
    pub fn from_fn(rows: usize, cols: usize, mut f: impl FnMut(usize, usize) -> T) -> Self {
        let len = rows
            .checked_mul(cols)
            .unwrap_or_else(|| panic!("DMatrix::from_fn: {rows} x {cols} overflows usize"));
        let mut data = Vec::with_capacity(len);
        if len == 0 {
            // No element to make (and no loop over 2^64 empty rows).
            return Self { rows, cols, data };
        }
        for i in 0..rows {
            for j in 0..cols {
                data.push(f(i, j));
            }
        }
        Self { rows, cols, data }
    }

    /// The number of rows, NumPy's `a.shape[0]`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// assert_eq!(DMatrix::<f64>::zeros(3, 2).rows(), 3);
    /// ```
    #[must_use]
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The number of columns, NumPy's `a.shape[1]`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// assert_eq!(DMatrix::<f64>::zeros(3, 2).cols(), 2);
    /// ```
    #[must_use]
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// `(rows, cols)`, NumPy's `a.shape`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// assert_eq!(DMatrix::<f32>::zeros(1000, 1536).shape(), (1000, 1536));
    /// ```
    #[must_use]
    pub fn shape(&self) -> (usize, usize) {
        (self.rows, self.cols)
    }

    /// The elements in row-major order, NumPy's `a.ravel()` of a C-ordered array.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(2, 2, |i, j| i + j);
    /// assert_eq!(a.as_slice(), &[0, 1, 1, 2]);
    /// ```
    #[must_use]
    pub fn as_slice(&self) -> &[T] {
        &self.data
    }

    /// The elements in row-major order, mutable.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let mut a = DMatrix::<i32>::zeros(2, 2);
    /// a.as_mut_slice()[3] = 7; // NumPy: a.ravel()[3] = 7
    /// assert_eq!(a[(1, 1)], 7);
    /// ```
    #[must_use]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.data
    }

    /// The elements in row-major order, giving up the matrix.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(1, 3, |_, j| j);
    /// assert_eq!(a.into_vec(), vec![0, 1, 2]);
    /// ```
    #[must_use]
    pub fn into_vec(self) -> Vec<T> {
        self.data
    }

    /// Row `i`, NumPy's `a[i]`.
    ///
    /// # Panics
    /// If `i >= rows`, with NumPy's message; [`try_row`](DMatrix::try_row) returns the error.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(2, 3, |i, j| 3 * i + j);
    /// assert_eq!(a.row(1), &[3, 4, 5]);
    /// ```
    #[must_use]
    pub fn row(&self, i: usize) -> &[T] {
        self.try_row(i).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Row `i`, or [`Error::IndexOutOfBounds`] (axis 0) past the last row.
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] if `i >= rows`.
    ///
    /// # Example
    /// ```
    /// use statrix::{DMatrix, Error};
    /// let a = DMatrix::<f64>::zeros(2, 3);
    /// assert_eq!(a.try_row(2), Err(Error::IndexOutOfBounds { axis: 0, index: 2, len: 2 }));
    /// ```
    pub fn try_row(&self, i: usize) -> Result<&[T], Error> {
        if i >= self.rows {
            return Err(Error::IndexOutOfBounds {
                axis: 0,
                index: i,
                len: self.rows,
            });
        }
        Ok(&self.data[i * self.cols..(i + 1) * self.cols])
    }

    /// Row `i`, mutable.
    ///
    /// # Panics
    /// If `i >= rows`, with NumPy's message.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let mut a = DMatrix::<i32>::zeros(2, 2);
    /// a.row_mut(0).copy_from_slice(&[1, 2]); // NumPy: a[0] = [1, 2]
    /// assert_eq!(a.as_slice(), &[1, 2, 0, 0]);
    /// ```
    #[must_use]
    pub fn row_mut(&mut self, i: usize) -> &mut [T] {
        check_index(0, i, self.rows);
        &mut self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// The element at `(i, j)`, or `None` outside the matrix.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(2, 2, |i, j| i * 2 + j);
    /// assert_eq!(a.get(1, 0), Some(&2));
    /// assert_eq!(a.get(0, 2), None);
    /// ```
    #[must_use]
    pub fn get(&self, i: usize, j: usize) -> Option<&T> {
        if i < self.rows && j < self.cols {
            self.data.get(i * self.cols + j)
        } else {
            None
        }
    }

    /// The rows, each a slice, top to bottom.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(2, 2, |i, j| i * 2 + j);
    /// let sums: Vec<usize> = a.row_iter().map(|r| r.iter().sum()).collect();
    /// assert_eq!(sums, vec![1, 5]); // NumPy: a.sum(axis=1)
    /// ```
    pub fn row_iter(&self) -> impl ExactSizeIterator<Item = &[T]> {
        let cols = self.cols;
        (0..self.rows).map(move |i| &self.data[i * cols..(i + 1) * cols])
    }

    /// The element `(i, j)` position in the row-major data, with NumPy's error past an edge.
    fn offset(&self, i: usize, j: usize) -> usize {
        check_index(0, i, self.rows);
        check_index(1, j, self.cols);
        i * self.cols + j
    }
}

/// Panics with NumPy's message ("index 5 is out of bounds for axis 0 with size 2") when
/// `index >= len`.
fn check_index(axis: usize, index: usize, len: usize) {
    if index >= len {
        panic!("{}", Error::IndexOutOfBounds { axis, index, len });
    }
}

impl<T: Scalar> DMatrix<T> {
    /// The `rows x cols` matrix of zeros, NumPy's `np.zeros((rows, cols))`.
    ///
    /// # Panics
    /// If `rows * cols` overflows `usize`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let z = DMatrix::<f64>::zeros(2, 3);
    /// assert!(z.as_slice().iter().all(|&x| x == 0.0));
    /// ```
    #[must_use]
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Self::full(rows, cols, T::ZERO)
    }

    /// The `rows x cols` matrix of ones, NumPy's `np.ones((rows, cols))`.
    ///
    /// # Panics
    /// If `rows * cols` overflows `usize`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// assert_eq!(DMatrix::<i32>::ones(1, 2).as_slice(), &[1, 1]);
    /// ```
    #[must_use]
    pub fn ones(rows: usize, cols: usize) -> Self {
        Self::full(rows, cols, T::ONE)
    }

    /// The `rows x cols` matrix with every element `value`, NumPy's
    /// `np.full((rows, cols), value)`.
    ///
    /// # Panics
    /// If `rows * cols` overflows `usize`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// assert_eq!(DMatrix::full(2, 1, 7u8).as_slice(), &[7, 7]);
    /// ```
    #[must_use]
    pub fn full(rows: usize, cols: usize, value: T) -> Self {
        Self::from_fn(rows, cols, |_, _| value)
    }

    /// The `n x n` identity, NumPy's `np.eye(n)`.
    ///
    /// # Panics
    /// If `n * n` overflows `usize`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// assert_eq!(DMatrix::<i32>::identity(2).as_slice(), &[1, 0, 0, 1]);
    /// ```
    #[must_use]
    pub fn identity(n: usize) -> Self {
        Self::from_fn(n, n, |i, j| if i == j { T::ONE } else { T::ZERO })
    }

    /// The matrix of `rows x cols` elements copied from `data` in row-major order.
    ///
    /// # Errors
    /// [`Error::CannotReshape`] if `data.len() != rows * cols`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_slice(1, 2, &[0.5, 1.5])?;
    /// assert_eq!(a.row(0), &[0.5, 1.5]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn from_slice(rows: usize, cols: usize, data: &[T]) -> Result<Self, Error> {
        Self::from_vec(rows, cols, data.to_vec())
    }

    /// Column `j`, copied (the storage is row-major), NumPy's `a[:, j]`.
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] (axis 1) if `j >= cols`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(3, 2, |i, j| 2 * i + j);
    /// assert_eq!(a.try_col(1)?, vec![1, 3, 5]);
    /// # Ok::<(), statrix::Error>(())
    /// ```
    pub fn try_col(&self, j: usize) -> Result<Vec<T>, Error> {
        if j >= self.cols {
            return Err(Error::IndexOutOfBounds {
                axis: 1,
                index: j,
                len: self.cols,
            });
        }
        Ok(self
            .data
            .iter()
            .skip(j)
            .step_by(self.cols)
            .copied()
            .collect())
    }

    /// The transpose, NumPy's `a.T` (copied into row-major order).
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(2, 3, |i, j| 3 * i + j);
    /// assert_eq!(a.transpose().as_slice(), &[0, 3, 1, 4, 2, 5]);
    /// ```
    #[must_use]
    pub fn transpose(&self) -> Self {
        Self::from_fn(self.cols, self.rows, |i, j| self.data[j * self.cols + i])
    }

    /// `f` applied to every element, NumPy's vectorised `f(a)`.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_fn(1, 3, |_, j| j as f64);
    /// assert_eq!(a.map(|x| x * x).as_slice(), &[0.0, 1.0, 4.0]);
    /// ```
    #[must_use]
    pub fn map<U>(&self, f: impl FnMut(T) -> U) -> DMatrix<U> {
        DMatrix {
            rows: self.rows,
            cols: self.cols,
            data: self.data.iter().copied().map(f).collect(),
        }
    }
}

impl<T> Index<(usize, usize)> for DMatrix<T> {
    type Output = T;

    /// The element at `(i, j)`, NumPy's `a[i, j]`.
    ///
    /// # Panics
    /// Past an edge, with NumPy's message ("index 5 is out of bounds for axis 0 with size
    /// 2"); [`get`](DMatrix::get) returns `None` instead.
    fn index(&self, (i, j): (usize, usize)) -> &T {
        let k = self.offset(i, j);
        &self.data[k]
    }
}

impl<T> IndexMut<(usize, usize)> for DMatrix<T> {
    /// The element at `(i, j)`, mutable: NumPy's `a[i, j] = x`.
    ///
    /// # Panics
    /// Past an edge, with NumPy's message.
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut T {
        let k = self.offset(i, j);
        &mut self.data[k]
    }
}
