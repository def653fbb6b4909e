//! Shape operations: transpose, reshape, fixed-size blocks, stacking and row swaps.
//!
//! Every shape rule here is checked at compile time. Rules the type system can state
//! (transpose gives `C x R`) are in the signatures; rules it cannot state on stable Rust
//! (`R * C == R2 * C2` for a reshape, `C1 + C2 == C3` for a stack, a block inside the edges)
//! are `const` assertions, which fail the build of the offending call. They show on
//! `cargo build`/`cargo test`, not on `cargo check`.

use crate::error::Error;
use crate::matrix::Matrix;
use crate::scalar::Scalar;

impl<T: Scalar, const R: usize, const C: usize> Matrix<T, R, C> {
    /// The transpose, NumPy's `m.T`: row `i` becomes column `i`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[4.0, 7.0], [2.0, 6.0]]);
    /// assert_eq!(a.transpose(), Matrix::new([[4.0, 2.0], [7.0, 6.0]]));
    /// assert_eq!(format!("{}", a.transpose()), "[[4. 2.]\n [7. 6.]]");
    /// ```
    #[inline]
    #[must_use]
    pub fn transpose(&self) -> Matrix<T, C, R> {
        Matrix::from_fn(|i, j| self.0[j][i])
    }

    /// The same elements in row-major order, laid out as `R2 x C2`, NumPy's
    /// `m.reshape(R2, C2)`.
    ///
    /// A different element count (`R * C != R2 * C2`) is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2, 3], [4, 5, 6]]);
    /// let r: Matrix<i32, 3, 2> = m.reshape();
    /// assert_eq!(r, Matrix::new([[1, 2], [3, 4], [5, 6]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn reshape<const R2: usize, const C2: usize>(&self) -> Matrix<T, R2, C2> {
        const {
            assert!(
                R * C == R2 * C2,
                "reshape: the new shape must hold the same number of elements (R * C == R2 * C2)"
            )
        };
        let flat = self.as_slice();
        Matrix::from_fn(|i, j| flat[i * C2 + j])
    }

    /// A copy of the `BR x BC` block whose top-left corner is at row `I`, column `J`, NumPy's
    /// `m[I:I+BR, J:J+BC]`.
    ///
    /// A block reaching past the matrix's edge is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let m = Matrix::new([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    /// let b: Matrix<i32, 2, 2> = m.block::<1, 1, 2, 2>();
    /// assert_eq!(b, Matrix::new([[5, 6], [8, 9]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn block<const I: usize, const J: usize, const BR: usize, const BC: usize>(
        &self,
    ) -> Matrix<T, BR, BC> {
        const {
            assert!(
                I + BR <= R && J + BC <= C,
                "block: the block reaches past the matrix's edge (need I + BR <= R and J + BC <= C)"
            )
        };
        Matrix::from_fn(|i, j| self.0[I + i][J + j])
    }

    /// Writes `block` into `self` with its top-left corner at row `I`, column `J`, NumPy's
    /// `m[I:I+BR, J:J+BC] = block`.
    ///
    /// A block reaching past the matrix's edge is a compile error.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::<i32, 3, 3>::zeros();
    /// m.set_block::<0, 1, 2, 2>(&Matrix::new([[1, 2], [3, 4]]));
    /// assert_eq!(m, Matrix::new([[0, 1, 2], [0, 3, 4], [0, 0, 0]]));
    /// ```
    #[inline]
    pub fn set_block<const I: usize, const J: usize, const BR: usize, const BC: usize>(
        &mut self,
        block: &Matrix<T, BR, BC>,
    ) {
        const {
            assert!(
                I + BR <= R && J + BC <= C,
                "set_block: the block reaches past the matrix's edge (need I + BR <= R and J + BC <= C)"
            )
        };
        for (i, row) in block.0.iter().enumerate() {
            self.0[I + i][J..J + BC].copy_from_slice(row);
        }
    }

    /// `[self | right]`: the columns of `self` followed by those of `right`, NumPy's
    /// `np.hstack((self, right))`.
    ///
    /// The output width `C3` must equal `C + C2`, or the build fails.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1], [2]]);
    /// let b = Matrix::new([[3, 4], [5, 6]]);
    /// let h: Matrix<i32, 2, 3> = a.hstack(&b);
    /// assert_eq!(h, Matrix::new([[1, 3, 4], [2, 5, 6]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn hstack<const C2: usize, const C3: usize>(
        &self,
        right: &Matrix<T, R, C2>,
    ) -> Matrix<T, R, C3> {
        const {
            assert!(
                C + C2 == C3,
                "hstack: the output must have C + C2 columns (C3 == C + C2)"
            )
        };
        Matrix::from_fn(|i, j| {
            if j < C {
                self.0[i][j]
            } else {
                right.0[i][j - C]
            }
        })
    }

    /// `self` above `below`: the rows of `self` followed by those of `below`, NumPy's
    /// `np.vstack((self, below))`.
    ///
    /// The output height `R3` must equal `R + R2`, or the build fails.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[1, 2]]);
    /// let b = Matrix::new([[3, 4], [5, 6]]);
    /// let v: Matrix<i32, 3, 2> = a.vstack(&b);
    /// assert_eq!(v, Matrix::new([[1, 2], [3, 4], [5, 6]]));
    /// ```
    #[inline]
    #[must_use]
    pub fn vstack<const R2: usize, const R3: usize>(
        &self,
        below: &Matrix<T, R2, C>,
    ) -> Matrix<T, R3, C> {
        const {
            assert!(
                R + R2 == R3,
                "vstack: the output must have R + R2 rows (R3 == R + R2)"
            )
        };
        Matrix::from_fn(|i, j| {
            if i < R {
                self.0[i][j]
            } else {
                below.0[i - R][j]
            }
        })
    }

    /// Swaps rows `a` and `b` in place (NumPy `m[[a, b]] = m[[b, a]]`).
    ///
    /// # Panics
    /// If `a >= R` or `b >= R`; [`try_swap_rows`](Matrix::try_swap_rows) returns an error
    /// instead.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::new([[1, 2], [3, 4]]);
    /// m.swap_rows(0, 1);
    /// assert_eq!(m, Matrix::new([[3, 4], [1, 2]]));
    /// ```
    #[inline]
    pub fn swap_rows(&mut self, a: usize, b: usize) {
        assert!(
            a < R && b < R,
            "swap_rows({a}, {b}): a row index is out of bounds for {R} rows"
        );
        if a != b {
            // Element by element: on small targets a whole-row `swap` can pull in `memmove`.
            for j in 0..C {
                let t = self.0[a][j];
                self.0[a][j] = self.0[b][j];
                self.0[b][j] = t;
            }
        }
    }

    /// Swaps rows `a` and `b`, or reports [`Error::IndexOutOfBounds`] and leaves `self`
    /// unchanged.
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] naming the first index that is `>= R`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::new([[1, 2], [3, 4]]);
    /// assert!(m.try_swap_rows(0, 2).is_err());
    /// assert_eq!(m, Matrix::new([[1, 2], [3, 4]]));
    /// ```
    #[inline]
    pub fn try_swap_rows(&mut self, a: usize, b: usize) -> Result<(), Error> {
        for index in [a, b] {
            if index >= R {
                return Err(Error::IndexOutOfBounds {
                    axis: 0,
                    index,
                    len: R,
                });
            }
        }
        self.swap_rows(a, b);
        Ok(())
    }

    /// Swaps columns `a` and `b` in place.
    ///
    /// # Panics
    /// If `a >= C` or `b >= C`; [`try_swap_cols`](Matrix::try_swap_cols) returns an error
    /// instead.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::new([[1, 2], [3, 4]]);
    /// m.swap_cols(0, 1);
    /// assert_eq!(m, Matrix::new([[2, 1], [4, 3]]));
    /// ```
    #[inline]
    pub fn swap_cols(&mut self, a: usize, b: usize) {
        assert!(
            a < C && b < C,
            "swap_cols({a}, {b}): a column index is out of bounds for {C} columns"
        );
        for row in self.0.iter_mut() {
            row.swap(a, b);
        }
    }

    /// Swaps columns `a` and `b`, or reports [`Error::IndexOutOfBounds`] and leaves `self`
    /// unchanged.
    ///
    /// # Errors
    /// [`Error::IndexOutOfBounds`] naming the first index that is `>= C`.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let mut m = Matrix::new([[1, 2], [3, 4]]);
    /// assert!(m.try_swap_cols(3, 0).is_err());
    /// ```
    #[inline]
    pub fn try_swap_cols(&mut self, a: usize, b: usize) -> Result<(), Error> {
        for index in [a, b] {
            if index >= C {
                return Err(Error::IndexOutOfBounds {
                    axis: 1,
                    index,
                    len: C,
                });
            }
        }
        self.swap_cols(a, b);
        Ok(())
    }
}
