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
