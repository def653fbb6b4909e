//! statrix's NumPy generator against NumPy itself: the cases of
//! `tests/fixtures/numpy_random.json` (written by NumPy 2.4 with
//! `tests/fixtures/gen_numpy_random.py`; embedded at compile time and parsed once by a small
//! JSON reader here), drawn in chunks the fuzzer chooses.
//!
//! The fuzzer picks a case and splits its values into chunks of sizes it chooses, each drawn
//! from one generator by a different entry point: a static `Matrix` of one of 15 shapes
//! (1 to 1000 values), a `DMatrix` of any shape that fits (also empty ones, a few times),
//! single words. Concatenated, the chunks must be the case's values bit for bit, and the
//! generator must then be at the case's `after` word. That holds because the docs say every
//! sampler draws NumPy's words value by value in C order, with no state across calls other
//! than the generator's (`Pcg64` keeps NumPy's half-used 32-bit word, and the legacy
//! generator its second polar value), and because of these documented identities:
//! - `raw`: `next_u64`, two `next_u32` (low half first), or `fill_bytes` of whole words;
//! - `random`: `Matrix::random`, `random_uniform(0, 1)`, `DMatrix::random`;
//! - `standard_normal`: `Matrix::random_standard_normal`, `DMatrix::random_standard_normal`,
//!   `random_normal(-0.0, 1.0)` (`-0 + 1 z` is `z` bit for bit, also for `z = -0`);
//! - `uniform(low, high)`: `random_uniform`, or `low + (high - low) u` of `random` draws
//!   (the same unless a value rounds to `high`, which statrix redraws; no fixture value does);
//! - `normal(loc, scale)`: `random_normal`, or `loc + scale z` of standard normals;
//! - `integers`: for 32- and 64-bit dtypes `random_integers` or `_inclusive` in any of `i32`,
//!   `u32`, `i64`, `u64`, `isize`, `usize` that holds the range (the stream depends on the
//!   range only). The 8- and 16-bit dtypes share each 32-bit word between several values
//!   within one call, so they cannot be chunked: one call of the case's shape;
//! - `binomial(n, p)`: `random_binomial` in any integer type that holds `n`;
//! - `choice` with replacement: `choice_indices` or `random_integers(0, n)`; weighted
//!   `choice` with replacement: `choice_weighted`, one f64 per pick (without replacement
//!   neither can be chunked, and `shuffle`/`permutation` are single calls: not here);
//! - `seed_sequence`: the pool, and `generate_state_u32` of every length 1 to 8 is a prefix
//!   of the 8 words; `generate_state` pairs them;
//! - `legacy_rand`/`legacy_randn` (`np.random.seed` then `rand`/`randn`, MT19937):
//!   `LegacyRng::rand`/`randn` of chunk shapes equal one call of the case's shape bit for bit
//!   (the polar method's second value is kept across calls); `rand` is NumPy's bit for bit,
//!   `randn` within 3 ulps (its `log` is `libm`'s, NumPy's the platform's: the bound of
//!   `tests/numpy_random.rs`, see `LegacyRng`'s docs), as is `after`, the next value.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use statrix::random::{
    LegacyRng, Pcg64, RandomInteger, Replacement, Rng, SeedSequence, choice_indices,
    choice_weighted,
};
use statrix::{DMatrix, Matrix, Real};
use statrix_fuzz::{Input, with_size};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let all = cases();
    let case = &all[input.bits(2) as usize % all.len()];
    match case.method.as_str() {
        "seed_sequence" => seed_sequence(case, &mut input),
        "legacy_rand" | "legacy_randn" => legacy(case, &mut input),
        _ => stream(case, &mut input),
    }
});

// ---------------------------------------------------------------------------------------
// The fixture.

/// A JSON value; numbers are kept as their text.
enum Json {
    Text(String),
    Number(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn text(&self) -> &str {
        match self {
            Json::Text(s) | Json::Number(s) => s,
            _ => panic!("not a string or number"),
        }
    }

    fn list(&self) -> &[Json] {
        match self {
            Json::List(items) => items,
            _ => panic!("not a list"),
        }
    }
}

/// A recursive-descent reader of the JSON the fixture scripts write (`json.dump`): objects,
/// lists, strings with the usual escapes, numbers and literals.
struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&mut self) -> u8 {
        while self.text[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
        self.text[self.at]
    }

    fn expect(&mut self, byte: u8) {
        assert_eq!(
            self.peek(),
            byte,
            "JSON: {:?} expected at {}",
            byte as char,
            self.at
        );
        self.at += 1;
    }

    fn value(&mut self) -> Json {
        match self.peek() {
            b'{' => {
                self.at += 1;
                let mut entries = Vec::new();
                if self.peek() == b'}' {
                    self.at += 1;
                    return Json::Object(entries);
                }
                loop {
                    let key = self.string();
                    self.expect(b':');
                    entries.push((key, self.value()));
                    match self.peek() {
                        b',' => self.at += 1,
                        _ => {
                            self.expect(b'}');
                            return Json::Object(entries);
                        }
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.peek() == b']' {
                    self.at += 1;
                    return Json::List(items);
                }
                loop {
                    items.push(self.value());
                    match self.peek() {
                        b',' => self.at += 1,
                        _ => {
                            self.expect(b']');
                            return Json::List(items);
                        }
                    }
                }
            }
            b'"' => Json::Text(self.string()),
            _ => {
                let start = self.at;
                while !matches!(self.text[self.at], b',' | b']' | b'}') {
                    self.at += 1;
                }
                let token = std::str::from_utf8(&self.text[start..self.at]).expect("ASCII");
                Json::Number(token.trim().to_string())
            }
        }
    }

    fn string(&mut self) -> String {
        self.expect(b'"');
        let mut out = String::new();
        loop {
            let c = self.text[self.at];
            self.at += 1;
            match c {
                b'"' => return out,
                b'\\' => {
                    let e = self.text[self.at];
                    self.at += 1;
                    out.push(match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let hex = std::str::from_utf8(&self.text[self.at..self.at + 4])
                                .expect("ASCII");
                            self.at += 4;
                            char::from_u32(u32::from_str_radix(hex, 16).expect("hex"))
                                .unwrap_or('\u{fffd}')
                        }
                        other => char::from(other),
                    });
                }
                _ => {
                    // Multi-byte UTF-8 passes through byte by byte; the fixture is ASCII.
                    out.push(char::from(c));
                }
            }
        }
    }
}

/// One fixture case.
struct Case {
    /// The seed: an integer or a list of 32-bit words.
    seed_int: Option<u128>,
    seed_words: Vec<u32>,
    method: String,
    params: Vec<(String, String)>,
    dtype: String,
    shape: (usize, usize),
    /// The values: floats (f32 ones are exact in f64) or integers.
    floats: Vec<f64>,
    ints: Vec<i128>,
    after: String,
}

impl Case {
    fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no parameter {name} in {}", self.method))
    }

    fn count(&self) -> usize {
        self.floats.len().max(self.ints.len())
    }

    fn seed_sequence(&self) -> SeedSequence {
        match self.seed_int {
            Some(s) => SeedSequence::new(s),
            None => SeedSequence::from_words(&self.seed_words),
        }
    }

    fn is_float(&self) -> bool {
        self.dtype == "f64" || self.dtype == "f32"
    }
}

const FIXTURE: &str = include_str!("../../tests/fixtures/numpy_random.json");

/// The methods this target draws (see the module docs for why the others are not here).
fn supported(case: &Case) -> bool {
    match case.method.as_str() {
        "raw" | "random" | "standard_normal" | "uniform" | "normal" | "integers" | "binomial"
        | "seed_sequence" | "legacy_rand" | "legacy_randn" => true,
        "choice" | "choice_weighted" => case.param("replace") == "True",
        _ => false,
    }
}

fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut reader = Reader {
            text: FIXTURE.as_bytes(),
            at: 0,
        };
        let all = reader.value();
        let cases: Vec<Case> = all
            .list()
            .iter()
            .map(|c| {
                let field = |k: &str| c.get(k).unwrap_or_else(|| panic!("no {k} in a case"));
                let seed = field("seed");
                let dtype = field("dtype").text().to_string();
                let values = field("values").list();
                let float = dtype == "f64" || dtype == "f32";
                let shape = field("shape").list();
                let dim = |i: usize| shape[i].text().parse::<usize>().expect("a dimension");
                Case {
                    seed_int: seed
                        .get("int")
                        .map(|s| s.text().parse().expect("an integer")),
                    seed_words: seed.get("words").map_or(Vec::new(), |w| {
                        w.list()
                            .iter()
                            .map(|x| x.text().parse().expect("a word"))
                            .collect()
                    }),
                    method: field("method").text().to_string(),
                    params: match field("params") {
                        Json::Object(entries) => entries
                            .iter()
                            .map(|(k, v)| (k.clone(), v.text().to_string()))
                            .collect(),
                        _ => panic!("params is not an object"),
                    },
                    shape: (dim(0), dim(1)),
                    floats: if float {
                        values
                            .iter()
                            .map(|v| v.text().parse().expect("a float"))
                            .collect()
                    } else {
                        Vec::new()
                    },
                    ints: if float {
                        Vec::new()
                    } else {
                        values
                            .iter()
                            .map(|v| v.text().parse().expect("an integer"))
                            .collect()
                    },
                    dtype,
                    after: field("after").text().to_string(),
                }
            })
            .filter(supported)
            .collect();
        assert!(cases.len() > 300, "only {} fixture cases", cases.len());
        cases
    })
}

// ---------------------------------------------------------------------------------------
// Chunks.

/// The sizes of the static chunk shapes of [`with_chunk!`], ascending.
const CHUNKS: [usize; 15] = [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 31, 64, 100, 250, 1000];

/// Runs `$body` with `$r x $c` the static chunk shape `$index` (sizes [`CHUNKS`]).
macro_rules! with_chunk {
    ($index:expr, $r:ident, $c:ident => $body:expr) => {
        with_chunk!(@arms $index, $r, $c, $body;
            0 => 1, 1; 1 => 1, 2; 2 => 3, 1; 3 => 2, 2; 4 => 1, 5; 5 => 2, 3; 6 => 7, 1;
            7 => 2, 4; 8 => 3, 4; 9 => 4, 4; 10 => 1, 31; 11 => 8, 8; 12 => 1, 100;
            13 => 10, 25; 14 => 1, 1000)
    };
    (@arms $index:expr, $r:ident, $c:ident, $body:expr;
        $($i:literal => $rv:literal, $cv:literal);*) => {
        match $index {
            $($i => {
                const $r: usize = $rv;
                const $c: usize = $cv;
                debug_assert_eq!($r * $c, CHUNKS[$i]);
                $body
            })*
            _ => unreachable!("a chunk index"),
        }
    };
}

/// A chunk shape of at most `left` values: the one `byte` picks or the next smaller; byte 0
/// (also past the end of the input) takes the largest that fits, so short inputs finish in
/// few chunks.
fn chunk_index(byte: u8, left: usize) -> usize {
    let mut i = if byte == 0 {
        CHUNKS.len() - 1
    } else {
        usize::from(byte) % CHUNKS.len()
    };
    while CHUNKS[i] > left {
        i -= 1;
    }
    i
}

/// A runtime shape of at most `left` values (`left >= 1`): empty ones while `empty` allows.
fn dynamic_shape(input: &mut Input, left: usize, empty: &mut usize) -> (usize, usize) {
    if *empty > 0 && input.below(16) == 0 {
        *empty -= 1;
        return if input.byte().is_multiple_of(2) {
            (0, input.below(5))
        } else {
            (input.below(5), 0)
        };
    }
    let total = 1 + input.bits(2) as usize % left;
    let rows = 1 + input.below(total.min(40));
    (rows, total / rows)
}

/// The values of a chunk: float bits or integers.
enum Chunk {
    Floats(Vec<f64>),
    Ints(Vec<i128>),
}

fn floats<T: Real>(values: &[T]) -> Chunk {
    Chunk::Floats(
        values
            .iter()
            .map(|x| x.to_f64().expect("f32/f64"))
            .collect(),
    )
}

fn ints<I: RandomInteger + Copy + Into<i128>>(values: &[I]) -> Chunk {
    Chunk::Ints(values.iter().map(|&x| x.into()).collect())
}

fn usizes(values: &[usize]) -> Chunk {
    Chunk::Ints(values.iter().map(|&x| x as i128).collect())
}

/// Draws the case's values chunk by chunk, then checks them and the next word.
fn stream(case: &Case, input: &mut Input) {
    let mut rng = Pcg64::from_seed_sequence(&case.seed_sequence());
    let total = case.count();
    let mut got_floats: Vec<f64> = Vec::new();
    let mut got_ints: Vec<i128> = Vec::new();
    let mut empty = 4;
    // The 8- and 16-bit integers are drawn in one call (see the module docs).
    if case.method == "integers" && !matches!(case.dtype.as_str(), "i32" | "u32" | "i64" | "u64") {
        got_ints = small_integers(case, &mut rng);
    }
    loop {
        let done = got_floats.len().max(got_ints.len());
        if done >= total {
            break;
        }
        let left = total - done;
        match draw(case, &mut rng, input, left, &mut empty) {
            Chunk::Floats(v) => {
                assert!(v.len() <= left, "a chunk of {} for {left} values", v.len());
                got_floats.extend(v);
            }
            Chunk::Ints(v) => {
                assert!(v.len() <= left, "a chunk of {} for {left} values", v.len());
                got_ints.extend(v);
            }
        }
    }
    let what = format!(
        "{} {:?} {} {:?}",
        case.method, case.params, case.dtype, case.shape
    );
    if case.is_float() {
        for (k, (g, w)) in got_floats.iter().zip(&case.floats).enumerate() {
            assert_eq!(
                g.to_bits(),
                w.to_bits(),
                "{what}: value {k} is {g:e}, NumPy's {w:e}"
            );
        }
        assert_eq!(got_floats.len(), case.floats.len());
    } else {
        assert_eq!(got_ints, case.ints, "{what}");
    }
    let after: u64 = case.after.parse().expect("a word");
    assert_eq!(rng.next_u64(), after, "{what}: the word after the values");
}

/// The 8- and 16-bit `integers` cases in one call of the case's shape.
fn small_integers(case: &Case, rng: &mut Pcg64) -> Vec<i128> {
    fn one<I, const R: usize, const C: usize>(case: &Case, rng: &mut Pcg64) -> Vec<i128>
    where
        I: RandomInteger + Copy + Into<i128> + std::str::FromStr,
        I::Err: std::fmt::Debug,
    {
        let low: I = case.param("low").parse().expect("low");
        let high: I = case.param("high").parse().expect("high");
        let m = if case.param("endpoint") == "True" {
            Matrix::<I, R, C>::random_integers_inclusive(rng, low, high)
        } else {
            Matrix::<I, R, C>::random_integers(rng, low, high)
        };
        m.expect("a valid range")
            .iter()
            .map(|&x| x.into())
            .collect()
    }
    macro_rules! by_type {
        ($r:literal, $c:literal) => {
            match case.dtype.as_str() {
                "i8" => one::<i8, $r, $c>(case, rng),
                "u8" => one::<u8, $r, $c>(case, rng),
                "i16" => one::<i16, $r, $c>(case, rng),
                "u16" => one::<u16, $r, $c>(case, rng),
                other => panic!("no small dtype {other}"),
            }
        };
    }
    match case.shape {
        (3, 4) => by_type!(3, 4),
        (1, 1000) => by_type!(1, 1000),
        other => panic!("no small-integer shape {other:?}"),
    }
}

fn draw(case: &Case, rng: &mut Pcg64, input: &mut Input, left: usize, empty: &mut usize) -> Chunk {
    let pick = input.byte();
    let index = chunk_index(input.byte(), left);
    match case.method.as_str() {
        "raw" => raw(rng, pick, CHUNKS[index]),
        "random" => {
            if case.dtype == "f32" {
                random::<f32>(rng, input, pick, index, left, empty)
            } else {
                random::<f64>(rng, input, pick, index, left, empty)
            }
        }
        "standard_normal" => {
            if case.dtype == "f32" {
                standard_normal::<f32>(rng, input, pick, index, left, empty)
            } else {
                standard_normal::<f64>(rng, input, pick, index, left, empty)
            }
        }
        "uniform" => uniform(case, rng, input, pick, index, left, empty),
        "normal" => normal(case, rng, input, pick, index, left, empty),
        "integers" => integers(case, rng, pick, index),
        "binomial" => binomial(case, rng, pick, index),
        "choice" => choice(case, rng, pick, index),
        "choice_weighted" => weighted(case, rng, index),
        other => panic!("no chunked draw of {other}"),
    }
}

fn raw(rng: &mut Pcg64, pick: u8, n: usize) -> Chunk {
    let words: Vec<u64> = match pick % 3 {
        0 => (0..n).map(|_| rng.next_u64()).collect(),
        // NumPy's next_uint32: the low half of a word, then the kept high half.
        1 => (0..n)
            .map(|_| {
                let low = u64::from(rng.next_u32());
                low | u64::from(rng.next_u32()) << 32
            })
            .collect(),
        _ => {
            let mut bytes = vec![0u8; 8 * n];
            rng.fill_bytes(&mut bytes);
            bytes
                .chunks_exact(8)
                .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
                .collect()
        }
    };
    Chunk::Ints(words.into_iter().map(i128::from).collect())
}

fn random<T: Real>(
    rng: &mut Pcg64,
    input: &mut Input,
    pick: u8,
    index: usize,
    left: usize,
    empty: &mut usize,
) -> Chunk {
    match pick % 3 {
        0 => with_chunk!(index, R, C => floats(Matrix::<T, R, C>::random(rng).as_slice())),
        1 => with_chunk!(index, R, C => floats(
            Matrix::<T, R, C>::random_uniform(rng, T::zero(), T::one())
                .expect("[0, 1)")
                .as_slice()
        )),
        _ => {
            let (r, c) = dynamic_shape(input, left, empty);
            floats(DMatrix::<T>::random(r, c, rng).as_slice())
        }
    }
}

fn standard_normal<T: Real>(
    rng: &mut Pcg64,
    input: &mut Input,
    pick: u8,
    index: usize,
    left: usize,
    empty: &mut usize,
) -> Chunk {
    match pick % 3 {
        0 => with_chunk!(index, R, C => floats(
            Matrix::<T, R, C>::random_standard_normal(rng).as_slice()
        )),
        1 => with_chunk!(index, R, C => floats(
            Matrix::<T, R, C>::random_normal(rng, -T::zero(), T::one())
                .expect("valid")
                .as_slice()
        )),
        _ => {
            let (r, c) = dynamic_shape(input, left, empty);
            floats(DMatrix::<T>::random_standard_normal(r, c, rng).as_slice())
        }
    }
}

fn float_param(case: &Case, name: &str) -> f64 {
    case.param(name).parse().expect("a float parameter")
}

fn uniform(
    case: &Case,
    rng: &mut Pcg64,
    input: &mut Input,
    pick: u8,
    index: usize,
    left: usize,
    empty: &mut usize,
) -> Chunk {
    let (low, high) = (float_param(case, "low"), float_param(case, "high"));
    let map = |u: &[f64]| Chunk::Floats(u.iter().map(|&u| low + (high - low) * u).collect());
    match pick % 3 {
        0 => with_chunk!(index, R, C => floats(
            Matrix::<f64, R, C>::random_uniform(rng, low, high).expect("a range").as_slice()
        )),
        1 => with_chunk!(index, R, C => map(Matrix::<f64, R, C>::random(rng).as_slice())),
        _ => {
            let (r, c) = dynamic_shape(input, left, empty);
            map(DMatrix::<f64>::random(r, c, rng).as_slice())
        }
    }
}

fn normal(
    case: &Case,
    rng: &mut Pcg64,
    input: &mut Input,
    pick: u8,
    index: usize,
    left: usize,
    empty: &mut usize,
) -> Chunk {
    let (loc, scale) = (float_param(case, "loc"), float_param(case, "scale"));
    let map = |z: &[f64]| Chunk::Floats(z.iter().map(|&z| loc + scale * z).collect());
    match pick % 3 {
        0 => with_chunk!(index, R, C => floats(
            Matrix::<f64, R, C>::random_normal(rng, loc, scale).expect("valid").as_slice()
        )),
        1 => with_chunk!(index, R, C => map(
            Matrix::<f64, R, C>::random_standard_normal(rng).as_slice()
        )),
        _ => {
            let (r, c) = dynamic_shape(input, left, empty);
            map(DMatrix::<f64>::random_standard_normal(r, c, rng).as_slice())
        }
    }
}

/// A chunk of `integers` in the integer type `I`, inclusive or exclusive, if the range fits
/// that form in `I`.
fn integers_as<I, const R: usize, const C: usize>(
    rng: &mut Pcg64,
    low: i128,
    high: i128,
    inclusive: bool,
) -> Option<Chunk>
where
    I: RandomInteger + Copy + Into<i128> + TryFrom<i128>,
{
    let low = I::try_from(low).ok()?;
    let high = I::try_from(high).ok()?;
    let m = if inclusive {
        Matrix::<I, R, C>::random_integers_inclusive(rng, low, high)
    } else {
        Matrix::<I, R, C>::random_integers(rng, low, high)
    };
    Some(ints(m.expect("a valid range").as_slice()))
}

/// `isize`/`usize` through `i64`/`u64` (they are `np.intp`, 64 bits here).
fn integers_size<const R: usize, const C: usize>(
    rng: &mut Pcg64,
    low: i128,
    high: i128,
    inclusive: bool,
    signed: bool,
) -> Option<Chunk> {
    let values: Vec<i128> = if signed {
        let (low, high) = (isize::try_from(low).ok()?, isize::try_from(high).ok()?);
        let m = if inclusive {
            Matrix::<isize, R, C>::random_integers_inclusive(rng, low, high)
        } else {
            Matrix::<isize, R, C>::random_integers(rng, low, high)
        };
        m.expect("a valid range")
            .iter()
            .map(|&x| x as i128)
            .collect()
    } else {
        let (low, high) = (usize::try_from(low).ok()?, usize::try_from(high).ok()?);
        let m = if inclusive {
            Matrix::<usize, R, C>::random_integers_inclusive(rng, low, high)
        } else {
            Matrix::<usize, R, C>::random_integers(rng, low, high)
        };
        m.expect("a valid range")
            .iter()
            .map(|&x| x as i128)
            .collect()
    };
    Some(Chunk::Ints(values))
}

fn integers(case: &Case, rng: &mut Pcg64, pick: u8, index: usize) -> Chunk {
    let low: i128 = case.param("low").parse().expect("low");
    let high: i128 = case.param("high").parse().expect("high");
    // The same range, inclusive or exclusive.
    let top = if case.param("endpoint") == "True" {
        high
    } else {
        high - 1
    };
    let inclusive = pick & 1 == 1;
    let bound = if inclusive { top } else { top + 1 };
    with_chunk!(index, R, C => {
        let chunk = match (pick >> 1) % 6 {
            0 => integers_as::<i32, R, C>(rng, low, bound, inclusive),
            1 => integers_as::<u32, R, C>(rng, low, bound, inclusive),
            2 => integers_as::<i64, R, C>(rng, low, bound, inclusive),
            3 => integers_as::<u64, R, C>(rng, low, bound, inclusive),
            4 => integers_size::<R, C>(rng, low, bound, inclusive, true),
            _ => integers_size::<R, C>(rng, low, bound, inclusive, false),
        };
        // The inclusive form always fits the case's own type; i64 or u64 hold it.
        chunk.unwrap_or_else(|| {
            integers_as::<i64, R, C>(rng, low, top, true)
                .or_else(|| integers_as::<u64, R, C>(rng, low, top, true))
                .expect("the case's range fits i64 or u64")
        })
    })
}

fn binomial(case: &Case, rng: &mut Pcg64, pick: u8, index: usize) -> Chunk {
    let n: i64 = case.param("n").parse().expect("n");
    let p = float_param(case, "p");
    fn as_type<I, const R: usize, const C: usize>(rng: &mut Pcg64, n: i64, p: f64) -> Option<Chunk>
    where
        I: RandomInteger + Copy + Into<i128> + TryFrom<i64>,
    {
        let n = I::try_from(n).ok()?;
        let m = Matrix::<I, R, C>::random_binomial(rng, n, p).expect("valid");
        Some(ints(m.as_slice()))
    }
    with_chunk!(index, R, C => {
        let chunk = match pick % 8 {
            0 => as_type::<u64, R, C>(rng, n, p),
            1 => as_type::<i32, R, C>(rng, n, p),
            2 => as_type::<u32, R, C>(rng, n, p),
            3 => as_type::<i16, R, C>(rng, n, p),
            4 => as_type::<u16, R, C>(rng, n, p),
            5 => as_type::<i8, R, C>(rng, n, p),
            6 => as_type::<u8, R, C>(rng, n, p),
            _ => None,
        };
        chunk.unwrap_or_else(|| as_type::<i64, R, C>(rng, n, p).expect("n fits i64"))
    })
}

fn choice(case: &Case, rng: &mut Pcg64, pick: u8, index: usize) -> Chunk {
    let n: usize = case.param("n").parse().expect("n");
    with_chunk!(index, R, C => {
        if pick.is_multiple_of(2) {
            const K: usize = R * C;
            usizes(&choice_indices::<K, _>(rng, n, Replacement::With).expect("valid"))
        } else {
            // rng.integers(0, n, K).
            usizes(Matrix::<usize, R, C>::random_integers(rng, 0, n).expect("n > 0").as_slice())
        }
    })
}

fn weighted(case: &Case, rng: &mut Pcg64, index: usize) -> Chunk {
    let p: Vec<f64> = case
        .param("p")
        .split(' ')
        .map(|x| x.parse().expect("a probability"))
        .collect();
    let p: [f64; 4] = p.try_into().expect("four probabilities");
    with_chunk!(index, R, C => {
        const K: usize = R * C;
        let picks: [usize; K] =
            choice_weighted(rng, &[0, 1, 2, 3], &p, Replacement::With).expect("valid");
        usizes(&picks)
    })
}

// ---------------------------------------------------------------------------------------
// The seed sequence and the legacy generator.

fn seed_sequence(case: &Case, input: &mut Input) {
    let seq = case.seed_sequence();
    let want: Vec<i128> = case.ints.clone();
    assert_eq!(want.len(), 12, "pool and 8 state words");
    let pool: Vec<i128> = seq.pool().iter().map(|&w| i128::from(w)).collect();
    assert_eq!(pool, want[..4], "SeedSequence pool of {:?}", case.seed_int);
    let n = 1 + input.below(8);
    with_size!(n, N => {
        let state: [u32; N] = seq.generate_state_u32();
        let state: Vec<i128> = state.iter().map(|&w| i128::from(w)).collect();
        assert_eq!(state, want[4..4 + N], "generate_state_u32::<{N}>");
    });
    let wide: [u64; 4] = seq.generate_state();
    for (i, w) in wide.iter().enumerate() {
        let pair = want[4 + 2 * i] | want[5 + 2 * i] << 32;
        assert_eq!(i128::from(*w), pair, "generate_state word {i}");
    }
}

/// NumPy's `legacy_gauss` uses `log`; statrix `libm`'s: within 3 ulps (see the module docs).
const LEGACY_RANDN_ULPS: u64 = 3;

fn legacy(case: &Case, input: &mut Input) {
    let make = || match case.seed_int {
        Some(s) => LegacyRng::seed(u32::try_from(s).expect("a 32-bit legacy seed")),
        None => LegacyRng::seed_words(&case.seed_words),
    };
    let normal = case.method == "legacy_randn";
    // One call of the case's shape.
    let mut whole = make();
    let all: Vec<f64> = {
        macro_rules! one {
            ($r:literal, $c:literal) => {{
                let m: Box<Matrix<f64, $r, $c>> =
                    Box::new(if normal { whole.randn() } else { whole.rand() });
                m.as_slice().to_vec()
            }};
        }
        match case.shape {
            (3, 4) => one!(3, 4),
            (3, 5) => one!(3, 5),
            (1, 2000) => one!(1, 2000),
            (32, 128) => one!(32, 128),
            other => panic!("no legacy shape {other:?}"),
        }
    };
    // The same in chunks.
    let mut parts = make();
    let mut chunked: Vec<f64> = Vec::new();
    while chunked.len() < all.len() {
        let index = chunk_index(input.byte(), all.len() - chunked.len());
        with_chunk!(index, R, C => {
            let m: Matrix<f64, R, C> = if normal { parts.randn() } else { parts.rand() };
            chunked.extend_from_slice(m.as_slice());
        });
    }
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(
        bits(&chunked),
        bits(&all),
        "{} in chunks vs one call",
        case.method
    );
    assert_eq!(
        parts, whole,
        "the generators after the chunks and after one call"
    );
    // Against NumPy, and the next value.
    let next: Matrix<f64, 1, 1> = if normal { whole.randn() } else { whole.rand() };
    let after: f64 = case.after.parse().expect("a float");
    let got = all.iter().chain([&next[(0, 0)]]);
    let want = case.floats.iter().chain([&after]);
    for (k, (g, w)) in got.zip(want).enumerate() {
        let ulps = g.to_bits().abs_diff(w.to_bits());
        let allowed = if normal { LEGACY_RANDN_ULPS } else { 0 };
        assert!(
            ulps <= allowed,
            "{} {:?}: value {k} is {g:e}, NumPy's {w:e} ({ulps} ulps)",
            case.method,
            case.seed_int
        );
    }
    assert_eq!(all.len(), case.floats.len());
}
