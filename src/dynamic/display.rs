//! NumPy's `print(a)` for [`DMatrix`]: the static matrices' formatter, given the run-time
//! shape.

use core::fmt;

use super::DMatrix;
use crate::display::{DisplayElement, write_numpy};

impl<T: DisplayElement> fmt::Display for DMatrix<T> {
    /// Prints the matrix as NumPy's `print(a)` prints a 2-D array, exactly as the static
    /// [`Matrix`](crate::Matrix) of the same shape prints (summarised with `...` past 1000
    /// elements); `{:.N}` sets the float precision.
    ///
    /// # Example
    /// ```
    /// use statrix::DMatrix;
    /// let a = DMatrix::from_vec(2, 2, vec![4.0, 7.0, 2.0, 6.0])?;
    /// assert_eq!(a.to_string(), "[[4. 7.]\n [2. 6.]]");
    /// # Ok::<(), statrix::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (rows, cols) = self.shape();
        let data = self.as_slice();
        write_numpy(f, rows, cols, false, &|i, j| data[i * cols + j].repr())
    }
}
