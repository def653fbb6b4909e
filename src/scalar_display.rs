//! [`NumpyScalar`]: prints one number as NumPy's `print(x)` prints a scalar.

use core::fmt::{self, Write};

/// Wraps a number so that it prints as NumPy prints a scalar with `print(x)`, which for a
/// float is Python's `repr`: the shortest digits that round-trip, always with a point
/// (`32.0`, not `32`), and scientific notation below `1e-4` or from `1e16` on (`1e-05`,
/// `1.5e+16`). Integers print as they are.
///
/// # Example
/// ```
/// use statrix::{vector, NumpyScalar};
/// let v1 = vector![1.0, 2.0, 3.0];
/// let v2 = vector![4.0, 5.0, 6.0];
/// assert_eq!(NumpyScalar(v1.dot(&v2)).to_string(), "32.0"); // print(np.dot(v1, v2))
/// assert_eq!(NumpyScalar(1e-5).to_string(), "1e-05");
/// assert_eq!(NumpyScalar(0.1f32).to_string(), "0.1");
/// assert_eq!(NumpyScalar(7).to_string(), "7");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NumpyScalar<T>(pub T);

/// A float that knows its own shortest digits.
trait PyRepr: Copy + fmt::Display + fmt::LowerExp {
    fn magnitude(self) -> f64;
    fn is_negative(self) -> bool;
}

impl PyRepr for f32 {
    fn magnitude(self) -> f64 {
        f64::from(self).abs()
    }
    fn is_negative(self) -> bool {
        self.is_sign_negative()
    }
}

impl PyRepr for f64 {
    fn magnitude(self) -> f64 {
        self.abs()
    }
    fn is_negative(self) -> bool {
        self.is_sign_negative()
    }
}

/// Python's `repr(float)`.
fn write_py_float<X: PyRepr>(f: &mut fmt::Formatter<'_>, x: X) -> fmt::Result {
    let a = x.magnitude();
    if a.is_nan() {
        return f.write_str("nan");
    }
    if a.is_infinite() {
        return f.write_str(if x.is_negative() { "-inf" } else { "inf" });
    }
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        // Rust writes `1.5e16` / `1e-5`; Python writes `1.5e+16` / `1e-05`.
        let mut buf = Buf::default();
        write!(buf, "{x:e}")?;
        let s = buf.as_str();
        let (mantissa, exponent) = s.split_once('e').unwrap_or((s, "0"));
        let (sign, digits) = match exponent.strip_prefix('-') {
            Some(d) => ('-', d),
            None => ('+', exponent),
        };
        f.write_str(mantissa)?;
        f.write_char('e')?;
        f.write_char(sign)?;
        if digits.len() < 2 {
            f.write_char('0')?;
        }
        return f.write_str(digits);
    }
    let mut buf = Buf::default();
    write!(buf, "{x}")?;
    f.write_str(buf.as_str())?;
    if !buf.as_str().contains('.') {
        f.write_str(".0")?;
    }
    Ok(())
}

/// A small stack buffer for one number's digits.
struct Buf {
    bytes: [u8; 48],
    len: usize,
}

impl Default for Buf {
    fn default() -> Self {
        Buf {
            bytes: [0; 48],
            len: 0,
        }
    }
}

impl Buf {
    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl Write for Buf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl fmt::Display for NumpyScalar<f64> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_py_float(f, self.0)
    }
}

impl fmt::Display for NumpyScalar<f32> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_py_float(f, self.0)
    }
}

macro_rules! int_scalar_display {
    ($($t:ty),*) => {$(
        impl fmt::Display for NumpyScalar<$t> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

int_scalar_display!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

impl fmt::Display for NumpyScalar<bool> {
    /// `True` / `False`, as NumPy prints a boolean.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 { "True" } else { "False" })
    }
}
