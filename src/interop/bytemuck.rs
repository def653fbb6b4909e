//! `bytemuck::Zeroable` and `Pod` (feature `bytemuck`): a matrix of plain-old-data elements
//! can be cast to and from bytes or slices of its element type without copying.
//!
//! ```
//! use statrix::Matrix;
//! let m = Matrix::new([[1.0f32, 2.0], [3.0, 4.0]]);
//! let floats: &[f32] = bytemuck::cast_slice(core::slice::from_ref(&m));
//! assert_eq!(floats, &[1.0, 2.0, 3.0, 4.0]);
//! let bytes: &[u8] = bytemuck::bytes_of(&m);
//! assert_eq!(bytes.len(), 16);
//! ```
//!
//! This file and the SIMD kernels (`src/simd/`) are the only places the crate allows
//! `unsafe`: these two marker impls cannot be written without it (`bytemuck`'s derives reject
//! generic structs).
#![allow(unsafe_code)]

use bytemuck::{Pod, Zeroable};

use crate::matrix::Matrix;

// SAFETY: `Matrix<T, R, C>` is `#[repr(transparent)]` over `[[T; C]; R]`, and arrays of
// `Zeroable` elements are `Zeroable`: the all-zero bit pattern is a valid matrix.
#[cfg_attr(docsrs, doc(cfg(feature = "bytemuck")))]
unsafe impl<T: Zeroable, const R: usize, const C: usize> Zeroable for Matrix<T, R, C> {}

// SAFETY: `#[repr(transparent)]` over `[[T; C]; R]`, which is `Pod` when `T` is: no padding
// (arrays have none between elements), every bit pattern valid, `Copy` and `'static` via `T`.
#[cfg_attr(docsrs, doc(cfg(feature = "bytemuck")))]
unsafe impl<T: Pod, const R: usize, const C: usize> Pod for Matrix<T, R, C> {}
