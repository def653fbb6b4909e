//! `Display` that prints exactly as NumPy's `print(array)` does, and `Debug`.
//!
//! The rules are NumPy's defaults (`np.get_printoptions()`: `precision=8`,
//! `floatmode='maxprec'`, `suppress=False`, `linewidth=75`, `threshold=1000`,
//! `edgeitems=3`):
//!
//! - integers are right-aligned to the widest element;
//! - floats print the shortest digits that round-trip, with at most 8 digits after the
//!   point, trailing zeros dropped (`4.`, `0.5`), aligned on the point across the matrix;
//! - floats switch to scientific notation for the whole matrix when the largest magnitude is
//!   at least `1e8` (`1e6` for `f32`), the smallest non-zero one is below `1e-4`, or their
//!   ratio exceeds `1e3` (`[ 4.44089210e-16 -2.22044605e-16]`); then every element shows as
//!   many digits as the longest needs, taken from its exact value;
//! - rows longer than 75 characters wrap, and matrices of more than 1000 elements are
//!   summarised with `...`, keeping 3 items at each edge.
//!
//! `format!("{:.3}", m)` sets the precision, as `np.set_printoptions(precision=3)`.
//! Formatting writes straight to the formatter: no allocation, so it works in `no_std`.

use core::fmt::{self, Write};

use crate::matrix::Matrix;

/// NumPy's default print options.
const LINE_WIDTH: usize = 75;
const THRESHOLD: usize = 1000;
const EDGE_ITEMS: usize = 3;
const DEFAULT_PRECISION: usize = 8;
/// The most digits after the point a caller may ask for with `{:.N}`.
const MAX_PRECISION: usize = 40;

mod private {
    /// One element as the formatter sees it.
    #[derive(Clone, Copy, Debug)]
    pub enum Repr {
        Signed(i128),
        Unsigned(u128),
        F32(f32),
        F64(f64),
        Bool(bool),
    }

    pub trait Sealed: Copy {
        fn repr(self) -> Repr;
    }
}

use private::Repr;

/// An element type that prints as NumPy prints its dtype: the primitive integers, `f32`,
/// `f64` and `bool` (`True`/`False`).
///
/// # Example
/// ```
/// use statrix::Matrix;
/// assert_eq!(format!("{}", Matrix::new([[true, false]])), "[[ True False]]");
/// ```
pub trait DisplayElement: private::Sealed {}

macro_rules! impl_display_element {
    ($variant:ident as $wide:ty: $($t:ty),*) => {$(
        impl private::Sealed for $t {
            #[inline]
            fn repr(self) -> Repr {
                Repr::$variant(self as $wide)
            }
        }
        impl DisplayElement for $t {}
    )*};
}

impl_display_element!(Signed as i128: i8, i16, i32, i64, i128, isize);
impl_display_element!(Unsigned as u128: u8, u16, u32, u64, u128, usize);
impl_display_element!(F32 as f32: f32);
impl_display_element!(F64 as f64: f64);

impl private::Sealed for bool {
    #[inline]
    fn repr(self) -> Repr {
        Repr::Bool(self)
    }
}
impl DisplayElement for bool {}

/// A fixed-capacity text buffer on the stack, for formatting one element.
struct Word {
    bytes: [u8; 192],
    len: usize,
}

impl Word {
    fn new() -> Self {
        Word {
            bytes: [0; 192],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever appended, so the bytes are valid UTF-8.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }

    fn push_spaces(&mut self, n: usize) -> fmt::Result {
        for _ in 0..n {
            self.write_char(' ')?;
        }
        Ok(())
    }
}

impl Write for Word {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > self.bytes.len() {
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A finite float widened to `f64` for decisions, kept in its own type for its digits
/// (an `f32` prints its own shortest digits, not those of the `f64` it widens to).
#[derive(Clone, Copy)]
enum Float {
    F32(f32),
    F64(f64),
}

impl Float {
    fn from_repr(r: Repr) -> Option<Float> {
        match r {
            Repr::F32(x) => Some(Float::F32(x)),
            Repr::F64(x) => Some(Float::F64(x)),
            _ => None,
        }
    }

    fn value(self) -> f64 {
        match self {
            Float::F32(x) => f64::from(x),
            Float::F64(x) => x,
        }
    }

    /// Shortest round-trip digits, positional (`{}`), or scientific (`{:e}`).
    fn write_shortest(self, out: &mut Word, scientific: bool) -> fmt::Result {
        match (self, scientific) {
            (Float::F32(x), false) => write!(out, "{x}"),
            (Float::F64(x), false) => write!(out, "{x}"),
            (Float::F32(x), true) => write!(out, "{x:e}"),
            (Float::F64(x), true) => write!(out, "{x:e}"),
        }
    }

    /// Whether `text` parses back to exactly this value.
    fn reads_back_from(self, text: &str) -> bool {
        match self {
            Float::F32(x) => text.parse::<f32>() == Ok(x),
            Float::F64(x) => text.parse::<f64>() == Ok(x),
        }
    }

    /// Correctly rounded to `digits` after the point.
    fn write_rounded(self, out: &mut Word, scientific: bool, digits: usize) -> fmt::Result {
        match (self, scientific) {
            (Float::F32(x), false) => write!(out, "{x:.digits$}"),
            (Float::F64(x), false) => write!(out, "{x:.digits$}"),
            (Float::F32(x), true) => write!(out, "{x:.digits$e}"),
            (Float::F64(x), true) => write!(out, "{x:.digits$e}"),
        }
    }
}

/// The digits of a finite float as NumPy's Dragon4 gives them in `unique` mode with a
/// cutoff: the shortest round-trip digits, or, if those have more than `precision` digits
/// after the point, the value correctly rounded to `precision` digits; trailing zeros
/// after the point removed. Split into sign-and-integer part, fraction digits, and exponent.
struct Digits {
    word: Word,
    /// End of the integer part (with sign) in `word`.
    int_end: usize,
    /// Range of the fraction digits in `word`.
    frac: (usize, usize),
    /// The exponent, in scientific mode.
    exponent: i32,
}

impl Digits {
    fn new(x: Float, scientific: bool, precision: usize) -> Result<Digits, fmt::Error> {
        let mut word = Word::new();
        x.write_shortest(&mut word, scientific)?;
        let (_, frac, _) = split_digits(word.as_str());
        let shortest_len = frac.1 - frac.0;
        if shortest_len > precision {
            word = Word::new();
            x.write_rounded(&mut word, scientific, precision)?;
        } else {
            // When the value lies exactly between two shortest candidates (`float32`
            // 19.3515625: 19.351562 or 19.351563), Rust takes the upper one and NumPy's
            // Dragon4 the even one, which is the correctly rounded (ties-to-even) value of
            // the same length; take it when it also reads back as `x`.
            let mut even = Word::new();
            x.write_rounded(&mut even, scientific, shortest_len)?;
            if even.as_str() != word.as_str() && x.reads_back_from(even.as_str()) {
                word = even;
            }
        }
        let (int_end, frac, exponent) = split_digits(word.as_str());
        // Trim trailing zeros of the fraction.
        let bytes = &word.bytes[..word.len];
        let mut frac_end = frac.1;
        while frac_end > frac.0 && bytes[frac_end - 1] == b'0' {
            frac_end -= 1;
        }
        Ok(Digits {
            word,
            int_end,
            frac: (frac.0, frac_end),
            exponent,
        })
    }

    /// The value correctly rounded to exactly `digits` after the point, zeros kept: how
    /// NumPy prints each element in scientific mode (Dragon4 with `min_digits` equal to the
    /// precision continues with the exact value's digits, so `float32(0.3)` prints
    /// `3.0000001e-01` next to an element that needs 7 digits).
    fn exact(x: Float, scientific: bool, digits: usize) -> Result<Digits, fmt::Error> {
        let mut word = Word::new();
        x.write_rounded(&mut word, scientific, digits)?;
        let (int_end, frac, exponent) = split_digits(word.as_str());
        Ok(Digits {
            word,
            int_end,
            frac,
            exponent,
        })
    }

    fn int_part(&self) -> &str {
        &self.word.as_str()[..self.int_end]
    }

    fn frac_part(&self) -> &str {
        &self.word.as_str()[self.frac.0..self.frac.1]
    }
}

/// Splits Rust's `-12.5` / `1.25e-7` / `4` / `4e0` into (end of integer part, fraction
/// range, exponent).
fn split_digits(s: &str) -> (usize, (usize, usize), i32) {
    let (mantissa, exponent) = match s.find('e') {
        Some(e) => (&s[..e], s[e + 1..].parse().unwrap_or(0)),
        None => (s, 0),
    };
    match mantissa.find('.') {
        Some(dot) => (dot, (dot + 1, mantissa.len()), exponent),
        None => (mantissa.len(), (mantissa.len(), mantissa.len()), exponent),
    }
}

/// How every element of one matrix is printed.
enum Style {
    Int {
        width: usize,
    },
    Bool,
    Positional {
        precision: usize,
        pad_left: usize,
        pad_right: usize,
    },
    Scientific {
        precision: usize,
        pad_left: usize,
        exp_digits: usize,
    },
}

/// The number of decimal digits in `n`.
fn decimal_len(n: u128) -> usize {
    let mut len = 1;
    let mut n = n / 10;
    while n > 0 {
        len += 1;
        n /= 10;
    }
    len
}

fn int_len(r: Repr) -> usize {
    match r {
        Repr::Signed(v) => decimal_len(v.unsigned_abs()) + usize::from(v < 0),
        Repr::Unsigned(v) => decimal_len(v),
        _ => 0,
    }
}

/// Works out the [`Style`] from the elements that will be shown, as NumPy's
/// `FloatingFormat.fillFormat`, `IntegerFormat` and `BoolFormat` do.
fn choose_style(
    shown: impl Iterator<Item = Repr> + Clone,
    precision: usize,
) -> Result<Style, fmt::Error> {
    match shown.clone().next() {
        None | Some(Repr::Signed(_) | Repr::Unsigned(_)) => {
            let width = shown.map(int_len).max().unwrap_or(0);
            Ok(Style::Int { width })
        }
        Some(Repr::Bool(_)) => Ok(Style::Bool),
        Some(Repr::F32(_) | Repr::F64(_)) => float_style(shown, precision),
    }
}

fn float_style(
    values: impl Iterator<Item = Repr> + Clone,
    precision: usize,
) -> Result<Style, fmt::Error> {
    let floats = values.filter_map(Float::from_repr);
    let is_f32 = matches!(floats.clone().next(), Some(Float::F32(_)));
    // Magnitudes of the finite non-zero values decide positional versus scientific.
    let mut max_abs = 0.0f64;
    let mut min_abs = f64::INFINITY;
    let mut any_finite = false;
    let mut any_non_finite = false;
    let mut neg_inf = false;
    for x in floats.clone() {
        let v = x.value();
        if v.is_finite() {
            any_finite = true;
            let a = v.abs();
            if a != 0.0 {
                max_abs = max_abs.max(a);
                min_abs = min_abs.min(a);
            }
        } else {
            any_non_finite = true;
            neg_inf |= v == f64::NEG_INFINITY;
        }
    }
    // NumPy compares in the array's dtype (`float32(1e-4)` is not below `1e-4` there, and
    // the ratio is an `f32` division), with the upper cutoff
    // `10.**min(8, np.finfo(dtype).precision)`: 1e8 for f64, 1e6 for f32.
    let scientific = min_abs.is_finite()
        && if is_f32 {
            // Both are `f32` values widened exactly, so narrowing them back is exact.
            let (max_abs, min_abs) = (max_abs as f32, min_abs as f32);
            max_abs >= 1e6 || min_abs < 1e-4 || max_abs / min_abs > 1e3
        } else {
            max_abs >= 1e8 || min_abs < 1e-4 || max_abs / min_abs > 1e3
        };

    let (mut pad_left, pad_right, style) = if !any_finite {
        (
            0,
            0,
            Style::Positional {
                precision,
                pad_left: 0,
                pad_right: 0,
            },
        )
    } else if scientific {
        let mut frac_len = 0;
        let mut int_len = 0;
        let mut exp_len = 2;
        for x in floats.clone().filter(|x| x.value().is_finite()) {
            let d = Digits::new(x, true, precision)?;
            frac_len = frac_len.max(d.frac_part().len());
            int_len = int_len.max(d.int_part().len());
            exp_len = exp_len.max(decimal_len(u128::from(d.exponent.unsigned_abs())));
        }
        let pad_right = exp_len + 2 + frac_len;
        (
            int_len,
            pad_right,
            Style::Scientific {
                precision: frac_len,
                pad_left: int_len,
                exp_digits: exp_len,
            },
        )
    } else {
        let mut frac_len = 0;
        let mut int_len = 0;
        for x in floats.clone().filter(|x| x.value().is_finite()) {
            let d = Digits::new(x, false, precision)?;
            frac_len = frac_len.max(d.frac_part().len());
            int_len = int_len.max(d.int_part().len());
        }
        (
            int_len,
            frac_len,
            Style::Positional {
                precision,
                pad_left: int_len,
                pad_right: frac_len,
            },
        )
    };
    if any_non_finite {
        // Room for "nan", "inf" and "-inf" in the common width.
        let offset = pad_right + 1;
        let inf_len = 3 + usize::from(neg_inf);
        pad_left = pad_left
            .max(3usize.saturating_sub(offset))
            .max(inf_len.saturating_sub(offset));
    }
    Ok(match style {
        Style::Positional {
            precision,
            pad_right,
            ..
        } => Style::Positional {
            precision,
            pad_left,
            pad_right,
        },
        Style::Scientific {
            precision,
            exp_digits,
            ..
        } => Style::Scientific {
            precision,
            pad_left,
            exp_digits,
        },
        other => other,
    })
}

impl Style {
    /// Formats one element, padded to the common width.
    fn format(&self, r: Repr) -> Result<Word, fmt::Error> {
        let mut w = Word::new();
        match (self, r) {
            (Style::Bool, Repr::Bool(b)) => w.write_str(if b { " True" } else { "False" })?,
            (Style::Int { width }, Repr::Signed(v)) => write!(w, "{v:>width$}")?,
            (Style::Int { width }, Repr::Unsigned(v)) => write!(w, "{v:>width$}")?,
            (style, r) => {
                let x = Float::from_repr(r).ok_or(fmt::Error)?;
                let v = x.value();
                if !v.is_finite() {
                    let text = if v.is_nan() {
                        "nan"
                    } else if v > 0.0 {
                        "inf"
                    } else {
                        "-inf"
                    };
                    let total = style.float_width();
                    w.push_spaces(total.saturating_sub(text.len()))?;
                    w.write_str(text)?;
                    return Ok(w);
                }
                match *style {
                    Style::Positional {
                        precision,
                        pad_left,
                        pad_right,
                    } => {
                        let d = Digits::new(x, false, precision)?;
                        w.push_spaces(pad_left.saturating_sub(d.int_part().len()))?;
                        w.write_str(d.int_part())?;
                        w.write_char('.')?;
                        w.write_str(d.frac_part())?;
                        w.push_spaces(pad_right.saturating_sub(d.frac_part().len()))?;
                    }
                    Style::Scientific {
                        precision,
                        pad_left,
                        exp_digits,
                    } => {
                        let d = Digits::exact(x, true, precision)?;
                        w.push_spaces(pad_left.saturating_sub(d.int_part().len()))?;
                        w.write_str(d.int_part())?;
                        w.write_char('.')?;
                        w.write_str(d.frac_part())?;
                        let sign = if d.exponent < 0 { '-' } else { '+' };
                        let e = d.exponent.unsigned_abs();
                        write!(w, "e{sign}{e:0exp_digits$}")?;
                    }
                    _ => return Err(fmt::Error),
                }
            }
        }
        Ok(w)
    }

    /// The full width of a float element, which non-finite values are padded to.
    fn float_width(&self) -> usize {
        match *self {
            Style::Positional {
                pad_left,
                pad_right,
                ..
            } => pad_left + pad_right + 1,
            Style::Scientific {
                precision,
                pad_left,
                exp_digits,
            } => pad_left + exp_digits + 2 + precision + 1,
            _ => 0,
        }
    }
}

/// The indices shown along an axis of length `len`: all of them, or, when summarising and
/// `len > 2 * EDGE_ITEMS`, the first and last `EDGE_ITEMS` with a gap (`None`) between.
fn shown_indices(len: usize, summarise: bool) -> impl Iterator<Item = Option<usize>> + Clone {
    let cut = summarise && len > 2 * EDGE_ITEMS;
    let head = if cut { EDGE_ITEMS } else { len };
    let tail_start = if cut { len - EDGE_ITEMS } else { len };
    (0..head)
        .map(Some)
        .chain(cut.then_some(None))
        .chain((tail_start..len).map(Some))
}

/// Streams one bracketed row of words with NumPy's wrapping (`_extendLine`): a word that
/// would pass `width` starts a new line indented by `indent` spaces; trailing spaces at a
/// wrap are dropped.
struct LineWriter<'a, 'b> {
    f: &'a mut fmt::Formatter<'b>,
    indent: usize,
    width: usize,
    line_len: usize,
    pending_spaces: usize,
}

impl LineWriter<'_, '_> {
    fn word(&mut self, word: &str) -> fmt::Result {
        let body = word.trim_end_matches(' ');
        if self.line_len > self.indent && self.line_len + word.len() > self.width {
            self.f.write_char('\n')?;
            for _ in 0..self.indent {
                self.f.write_char(' ')?;
            }
            self.line_len = self.indent;
        } else {
            for _ in 0..self.pending_spaces {
                self.f.write_char(' ')?;
            }
        }
        self.f.write_str(body)?;
        self.line_len += word.len() + 1;
        self.pending_spaces = word.len() - body.len() + 1;
        Ok(())
    }

    /// Ends the row: the last word keeps its own padding, not the separator.
    fn finish(&mut self) -> fmt::Result {
        for _ in 1..self.pending_spaces {
            self.f.write_char(' ')?;
        }
        Ok(())
    }
}

/// Prints `rows x cols` elements, given by `at(i, j)`, as NumPy prints a 2-D array, or a
/// 1-D one when `one_d` (then `rows == 1`).
pub(crate) fn write_numpy(
    f: &mut fmt::Formatter<'_>,
    rows: usize,
    cols: usize,
    one_d: bool,
    at: &dyn Fn(usize, usize) -> Repr,
) -> fmt::Result {
    if rows == 0 || cols == 0 {
        return f.write_str("[]");
    }
    let precision = f
        .precision()
        .unwrap_or(DEFAULT_PRECISION)
        .min(MAX_PRECISION);
    let summarise = rows * cols > THRESHOLD;
    let row_ids = shown_indices(rows, summarise);
    let col_ids = shown_indices(cols, summarise);
    let shown_cols = col_ids.clone();
    let shown = row_ids
        .clone()
        .flatten()
        .flat_map(move |i| shown_cols.clone().flatten().map(move |j| at(i, j)));
    let style = choose_style(shown, precision)?;

    // 2-D rows hang two spaces in and lose one column to the outer `]`; 1-D ones hang one.
    let (indent, width) = if one_d {
        (1, LINE_WIDTH - 1)
    } else {
        (2, LINE_WIDTH - 2)
    };
    if !one_d {
        f.write_char('[')?;
    }
    for (n, i) in row_ids.clone().enumerate() {
        if n > 0 {
            f.write_char('\n')?;
        }
        let Some(i) = i else {
            f.write_str(" ...")?;
            continue;
        };
        if n > 0 {
            f.write_char(' ')?;
        }
        f.write_char('[')?;
        let mut line = LineWriter {
            f,
            indent,
            width,
            line_len: indent,
            pending_spaces: 0,
        };
        for j in col_ids.clone() {
            match j {
                Some(j) => line.word(style.format(at(i, j))?.as_str())?,
                None => line.word("...")?,
            }
        }
        line.finish()?;
        f.write_char(']')?;
    }
    if !one_d {
        f.write_char(']')?;
    }
    Ok(())
}

impl<T: DisplayElement, const R: usize, const C: usize> fmt::Display for Matrix<T, R, C> {
    /// Prints the matrix as NumPy's `print(a)` prints a 2-D array (see the module docs for
    /// the rules). `{:.N}` sets the float precision.
    ///
    /// # Example
    /// ```
    /// use statrix::Matrix;
    /// let a = Matrix::new([[4.0, 7.0], [2.0, 6.0]]);
    /// assert_eq!(a.to_string(), "[[4. 7.]\n [2. 6.]]");
    /// let tiny = Matrix::new([[4.440892098500626e-16, -2.220446049250313e-16]]);
    /// assert_eq!(tiny.to_string(), "[[ 4.44089210e-16 -2.22044605e-16]]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_numpy(f, R, C, false, &|i, j| self.0[i][j].repr())
    }
}

impl<T: fmt::Debug, const R: usize, const C: usize> fmt::Debug for Matrix<T, R, C> {
    /// `Matrix([[1, 2], [3, 4]])`; `{:#?}` spreads it over lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Matrix").field(&self.0).finish()
    }
}

/// Prints a matrix's elements in row-major order as NumPy prints a 1-D array; made by
/// [`Matrix::display_flat`].
///
/// # Example
/// ```
/// use statrix::matrix;
/// let m = matrix![3, 1, 4; 1, 5, 9];
/// assert_eq!(format!("{}", m.display_flat()), "[3 1 4 1 5 9]");
/// ```
pub struct DisplayFlat<'a, T, const R: usize, const C: usize>(&'a Matrix<T, R, C>);

impl<T: DisplayElement, const R: usize, const C: usize> fmt::Display for DisplayFlat<'_, T, R, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.0;
        write_numpy(f, 1, R * C, true, &|_, k| m.0[k / C][k % C].repr())
    }
}

impl<T: DisplayElement, const R: usize, const C: usize> Matrix<T, R, C> {
    /// Displays the elements, row-major, as NumPy prints a 1-D array (`print(a.ravel())`).
    /// For a [`Vector`](crate::Vector) this is how NumPy prints the 1-D array it stands for.
    ///
    /// # Example
    /// ```
    /// use statrix::vector;
    /// let v = vector![1.0, 2.0, 3.0];
    /// assert_eq!(v.display_flat().to_string(), "[1. 2. 3.]");
    /// assert_eq!(v.to_string(), "[[1.]\n [2.]\n [3.]]");
    /// ```
    #[must_use]
    pub fn display_flat(&self) -> DisplayFlat<'_, T, R, C> {
        DisplayFlat(self)
    }
}
