//! statrix's `default_rng` against NumPy's: every case of `tests/fixtures/numpy_random.json`
//! (written by `tests/fixtures/gen_numpy_random.py` with NumPy) must come out exactly, value
//! for value, and leave the generator at the same word (the case's `after`).
#![cfg(feature = "rand")]

mod support;

use rand::Rng;
use serde_json::Value;
use statrix::random::{Pcg64, SeedSequence};
use support::fixture;

/// The cases of one method.
fn cases(method: &str) -> Vec<&'static Value> {
    let all = fixture("numpy_random.json")
        .as_array()
        .expect("a list of cases");
    let chosen: Vec<&Value> = all.iter().filter(|c| c["method"] == method).collect();
    assert!(!chosen.is_empty(), "no fixture case for {method}");
    chosen
}

/// The seed sequence of a case's seed.
fn seed_sequence(case: &Value) -> SeedSequence {
    let seed = &case["seed"];
    if let Some(int) = seed.get("int") {
        SeedSequence::new(support::parse(int))
    } else {
        let words: Vec<u32> = support::parse_vec(&seed["words"]);
        SeedSequence::from_words(&words)
    }
}

/// A fresh generator of the case's seed (`np.random.default_rng(seed)`).
fn rng(case: &Value) -> Pcg64 {
    Pcg64::from_seed_sequence(&seed_sequence(case))
}

/// Checks that the generator is at the case's `after` word.
fn check_after(case: &Value, rng: &mut Pcg64) {
    let after: u64 = support::parse(&case["after"]);
    assert_eq!(
        rng.next_u64(),
        after,
        "words consumed by {}",
        case["method"]
    );
}

#[test]
fn seed_sequence_pool_and_state_match_numpy() {
    for case in cases("seed_sequence") {
        let want: Vec<u32> = support::parse_vec(&case["values"]);
        let seq = seed_sequence(case);
        let state: [u32; 8] = seq.generate_state_u32();
        let got: Vec<u32> = seq.pool().iter().chain(&state).copied().collect();
        assert_eq!(got, want, "seed {}", case["seed"]);
    }
}

#[test]
fn raw_stream_matches_numpy() {
    let mut count = 0;
    for case in cases("raw") {
        let want: Vec<u64> = support::parse_vec(&case["values"]);
        let mut g = rng(case);
        let got: Vec<u64> = (0..want.len()).map(|_| g.next_u64()).collect();
        assert_eq!(got, want, "seed {}", case["seed"]);
        check_after(case, &mut g);
        count += want.len();
        // A seed below 2^64 gives the same generator through `default_rng`.
        if let Some(Ok(seed)) = case["seed"]
            .get("int")
            .map(|s| s.as_str().expect("a decimal string").parse::<u64>())
        {
            assert_eq!(statrix::random::default_rng(seed), rng(case));
        }
    }
    eprintln!("{count} raw words equal to NumPy's");
}

/// The case's shape as (rows, columns).
fn shape(case: &Value) -> (u64, u64) {
    let dim = |i: usize| case["shape"][i].as_u64().expect("a dimension");
    (dim(0), dim(1))
}

/// A parameter of the case, parsed.
fn param<T: std::str::FromStr>(case: &Value, name: &str) -> T {
    support::parse(&case["params"][name])
}

/// Runs `$body` with `R` and `C` the case's shape, for the shapes the fixtures use.
macro_rules! with_shape {
    ($case:expr, |$r:ident, $c:ident| $body:expr) => {
        match shape($case) {
            (3, 4) => {
                const $r: usize = 3;
                const $c: usize = 4;
                $body
            }
            (1, 100) => {
                const $r: usize = 1;
                const $c: usize = 100;
                $body
            }
            (1, 1000) => {
                const $r: usize = 1;
                const $c: usize = 1000;
                $body
            }
            (1, 2000) => {
                const $r: usize = 1;
                const $c: usize = 2000;
                $body
            }
            other => panic!("no shape {other:?} in the dispatch"),
        }
    };
}

/// Runs `$body` with `T` the case's float dtype.
macro_rules! with_float {
    ($case:expr, |$t:ident| $body:expr) => {
        match $case["dtype"].as_str().expect("a dtype") {
            "f64" => {
                type $t = f64;
                $body
            }
            "f32" => {
                type $t = f32;
                $body
            }
            other => panic!("not a float dtype: {other}"),
        }
    };
}

/// Compares a result with the case's values and the word after it; returns the count.
fn check<T>(case: &Value, got: &[T], rng: &mut Pcg64) -> usize
where
    T: std::str::FromStr + PartialEq + std::fmt::Debug,
{
    let want: Vec<T> = support::parse_vec(&case["values"]);
    assert_eq!(
        got,
        &want[..],
        "{} {} {}",
        case["method"],
        case["params"],
        case["seed"]
    );
    check_after(case, rng);
    want.len()
}

#[test]
fn random_matches_numpy() {
    let mut count = 0;
    for case in cases("random") {
        let mut g = rng(case);
        count += with_float!(case, |T| with_shape!(case, |R, C| {
            let m = statrix::Matrix::<T, R, C>::random(&mut g);
            check(case, m.as_slice(), &mut g)
        }));
    }
    eprintln!("{count} values of random() equal to NumPy's");
}

#[test]
fn uniform_matches_numpy() {
    let mut count = 0;
    for case in cases("uniform") {
        let mut g = rng(case);
        let (low, high): (f64, f64) = (param(case, "low"), param(case, "high"));
        count += with_shape!(case, |R, C| {
            let m =
                statrix::Matrix::<f64, R, C>::random_uniform(&mut g, low, high).expect("a range");
            check(case, m.as_slice(), &mut g)
        });
    }
    eprintln!("{count} values of uniform() equal to NumPy's");
}

#[test]
fn standard_normal_matches_numpy() {
    let mut count = 0;
    for case in cases("standard_normal") {
        let mut g = rng(case);
        count += with_float!(case, |T| if shape(case) == (1, 20000) {
            // Ten fills of 2000 continue one stream: the first 20000 values (a single
            // 1 x 20000 matrix would not fit a test thread's stack in a debug build).
            let mut all: Vec<T> = Vec::new();
            for _ in 0..10 {
                let m = statrix::Matrix::<T, 1, 2000>::random_standard_normal(&mut g);
                all.extend_from_slice(m.as_slice());
            }
            check(case, &all, &mut g)
        } else {
            with_shape!(case, |R, C| {
                let m = statrix::Matrix::<T, R, C>::random_standard_normal(&mut g);
                check(case, m.as_slice(), &mut g)
            })
        });
    }
    eprintln!("{count} values of standard_normal() equal to NumPy's");
}

#[test]
fn normal_matches_numpy() {
    let mut count = 0;
    for case in cases("normal") {
        let mut g = rng(case);
        let (loc, scale): (f64, f64) = (param(case, "loc"), param(case, "scale"));
        count += with_shape!(case, |R, C| {
            let m = statrix::Matrix::<f64, R, C>::random_normal(&mut g, loc, scale).expect("valid");
            check(case, m.as_slice(), &mut g)
        });
    }
    eprintln!("{count} values of normal() equal to NumPy's");
}

/// One `integers` case in the integer type `T`.
fn integers_case<T, const R: usize, const C: usize>(case: &Value) -> usize
where
    T: statrix::random::RandomInteger + std::str::FromStr + std::fmt::Debug,
{
    let mut g = rng(case);
    let (low, high): (T, T) = (param(case, "low"), param(case, "high"));
    let m = if case["params"]["endpoint"] == "True" {
        statrix::Matrix::<T, R, C>::random_integers_inclusive(&mut g, low, high)
    } else {
        statrix::Matrix::<T, R, C>::random_integers(&mut g, low, high)
    }
    .expect("a range");
    check(case, m.as_slice(), &mut g)
}

#[test]
fn integers_match_numpy() {
    let mut count = 0;
    for case in cases("integers") {
        count += with_shape!(
            case,
            |R, C| match case["dtype"].as_str().expect("a dtype") {
                "i8" => integers_case::<i8, R, C>(case),
                "u8" => integers_case::<u8, R, C>(case),
                "i16" => integers_case::<i16, R, C>(case),
                "u16" => integers_case::<u16, R, C>(case),
                "i32" => integers_case::<i32, R, C>(case),
                "u32" => integers_case::<u32, R, C>(case),
                "i64" => integers_case::<i64, R, C>(case),
                "u64" => integers_case::<u64, R, C>(case),
                other => panic!("no integer dtype {other}"),
            }
        );
    }
    eprintln!("{count} values of integers() equal to NumPy's");
}

#[test]
fn binomial_matches_numpy() {
    let mut count = 0;
    for case in cases("binomial") {
        let mut g = rng(case);
        let (n, p): (i64, f64) = (param(case, "n"), param(case, "p"));
        count += with_shape!(case, |R, C| {
            let m = statrix::Matrix::<i64, R, C>::random_binomial(&mut g, n, p).expect("valid");
            check(case, m.as_slice(), &mut g)
        });
    }
    eprintln!("{count} values of binomial() equal to NumPy's");
}

#[test]
fn shuffle_and_permutation_match_numpy() {
    let mut count = 0;
    for case in cases("shuffle") {
        let mut g = rng(case);
        let n: i64 = param(case, "n");
        let mut items: Vec<i64> = (0..n).collect();
        statrix::random::shuffle(&mut g, &mut items);
        count += check(case, &items, &mut g);
    }
    for case in cases("permutation") {
        let mut g = rng(case);
        let got: Vec<usize> = match param::<usize>(case, "n") {
            10 => statrix::random::permutation_indices::<10, _>(&mut g).to_vec(),
            257 => statrix::random::permutation_indices::<257, _>(&mut g).to_vec(),
            other => panic!("no permutation of {other} in the dispatch"),
        };
        count += check(case, &got, &mut g);
    }
    for case in cases("permutation_rows") {
        let mut g = rng(case);
        let m = statrix::Matrix::<i64, 4, 3>::from_fn(|i, j| (3 * i + j) as i64);
        let p = statrix::random::permutation(&mut g, &m);
        count += check(case, p.as_slice(), &mut g);
    }
    eprintln!("{count} values of shuffle() and permutation() equal to NumPy's");
}

/// One `choice(n, K, replace)` case.
fn choice_case<const K: usize>(case: &Value) -> usize {
    let mut g = rng(case);
    let n: usize = param(case, "n");
    let replacement = if case["params"]["replace"] == "True" {
        statrix::random::Replacement::With
    } else {
        statrix::random::Replacement::Without
    };
    let got: [usize; K] =
        statrix::random::choice_indices(&mut g, n, replacement).expect("a valid sample");
    check(case, &got, &mut g)
}

#[test]
fn choice_matches_numpy() {
    let mut count = 0;
    for case in cases("choice") {
        count += match param::<usize>(case, "k") {
            3 => choice_case::<3>(case),
            4 => choice_case::<4>(case),
            10 => choice_case::<10>(case),
            200 => choice_case::<200>(case),
            201 => choice_case::<201>(case),
            1000 => choice_case::<1000>(case),
            2001 => choice_case::<2001>(case),
            12000 => choice_case::<12000>(case),
            other => panic!("no choice of {other} in the dispatch"),
        };
    }
    eprintln!("{count} values of choice() equal to NumPy's");
}

/// One `choice(N, K, replace, p)` case.
fn weighted_case<const N: usize, const K: usize>(case: &Value) -> usize {
    let mut g = rng(case);
    let p_text: String = param(case, "p");
    let p: Vec<f64> = p_text
        .split(' ')
        .map(|s| s.parse().expect("a probability"))
        .collect();
    let p: [f64; N] = p.try_into().expect("N probabilities");
    let replacement = if case["params"]["replace"] == "True" {
        statrix::random::Replacement::With
    } else {
        statrix::random::Replacement::Without
    };
    let population: [usize; N] = std::array::from_fn(|i| i);
    let got: [usize; K] = statrix::random::choice_weighted(&mut g, &population, &p, replacement)
        .expect("a valid sample");
    check(case, &got, &mut g)
}

#[test]
fn weighted_choice_matches_numpy() {
    let mut count = 0;
    for case in cases("choice_weighted") {
        let n = param::<String>(case, "p").split(' ').count();
        count += match (n, param::<usize>(case, "k")) {
            (4, 5) => weighted_case::<4, 5>(case),
            (4, 1000) => weighted_case::<4, 1000>(case),
            (4, 100) => weighted_case::<4, 100>(case),
            (4, 4) => weighted_case::<4, 4>(case),
            (5, 3) => weighted_case::<5, 3>(case),
            (3, 3) => weighted_case::<3, 3>(case),
            other => panic!("no weighted choice {other:?} in the dispatch"),
        };
    }
    eprintln!("{count} values of choice(p=...) equal to NumPy's");
}

/// One legacy case: `np.random.seed(seed)`, then `rand` or `randn` of the case's shape, then
/// one more value (`after`).
fn legacy_case<const R: usize, const C: usize>(case: &Value) -> usize {
    let seed = &case["seed"];
    let mut rng = if let Some(int) = seed.get("int") {
        statrix::random::LegacyRng::seed(support::parse(int))
    } else {
        let words: Vec<u32> = support::parse_vec(&seed["words"]);
        statrix::random::LegacyRng::seed_words(&words)
    };
    let want: Vec<f64> = support::parse_vec(&case["values"]);
    let after: f64 = support::parse(&case["after"]);
    if case["method"] == "legacy_rand" {
        let m: Box<statrix::Matrix<f64, R, C>> = Box::new(rng.rand());
        assert_eq!(m.as_slice(), &want[..], "rand, seed {seed}");
        let next: statrix::Matrix<f64, 1, 1> = rng.rand();
        assert_eq!(next[(0, 0)], after, "the next rand, seed {seed}");
    } else {
        // NumPy's polar method returns `sqrt(-2 ln(r2) / r2) * x2` (and `* x1`), so its
        // value depends on `log` directly: NumPy calls the platform's (glibc's, correctly
        // rounded in practice), statrix `libm`'s (FreeBSD's, within 1 ulp), which differ in
        // the last bit for about 3% of arguments. With both logs within 1 ulp of exact they
        // are at most 2 ulps apart; the division by the same `r2` keeps that relative
        // difference plus a rounding, the square root halves it and adds a rounding, the
        // product adds one: at most 3 ulps, which is what is allowed here (`rand` and
        // everything else is bit-equal).
        const MAX_ULPS: u64 = 3;
        let m: Box<statrix::Matrix<f64, R, C>> = Box::new(rng.randn());
        let next: statrix::Matrix<f64, 1, 1> = rng.randn();
        let got: Vec<f64> = m.iter().copied().chain([next[(0, 0)]]).collect();
        let want: Vec<f64> = want.iter().copied().chain([after]).collect();
        let ulps: Vec<u64> = got
            .iter()
            .zip(&want)
            .map(|(g, w)| g.to_bits().abs_diff(w.to_bits()))
            .collect();
        let worst = ulps.iter().copied().max().unwrap_or(0);
        assert!(
            worst <= MAX_ULPS,
            "randn, seed {seed}: {worst} ulps from NumPy"
        );
        let differing = ulps.iter().filter(|&&u| u > 0).count();
        eprintln!("randn {R}x{C}, seed {seed}: {differing} values 1 to {worst} ulps from NumPy's");
    }
    want.len() + 1
}

#[test]
fn legacy_seed_rand_and_randn_match_numpy() {
    let mut count = 0;
    for case in cases("legacy_rand")
        .into_iter()
        .chain(cases("legacy_randn"))
    {
        count += match shape(case) {
            (3, 4) => legacy_case::<3, 4>(case),
            (3, 5) => legacy_case::<3, 5>(case),
            (1, 2000) => legacy_case::<1, 2000>(case),
            (32, 128) => legacy_case::<32, 128>(case),
            other => panic!("no legacy shape {other:?} in the dispatch"),
        };
    }
    eprintln!("{count} values of np.random.seed + rand (bit-equal) and randn (within 3 ulps)");
}
