//! Lines to the host's standard output over semihosting, without `core::fmt` (whose
//! machinery costs flash and carries panic paths): byte strings and decimal numbers.

use semihosting::io::Write;

/// Writes the parts one after the other, then a newline. Output errors are ignored: the exit
/// status, not the text, is the demo's verdict.
pub fn line(parts: &[&[u8]]) {
    let Ok(mut out) = semihosting::io::stdout() else {
        return;
    };
    for &part in parts.iter().chain(&[&b"\n"[..]]) {
        let mut rest = part;
        while !rest.is_empty() {
            match out.write(rest) {
                Ok(n) if n > 0 => rest = rest.get(n..).unwrap_or(&[]),
                _ => return,
            }
        }
    }
}

/// `n` in decimal, written into the end of `buf`.
pub fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    loop {
        start -= 1;
        if let Some(digit) = buf.get_mut(start) {
            *digit = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || start == 0 {
            return buf.get(start..).unwrap_or(&[]);
        }
    }
}
