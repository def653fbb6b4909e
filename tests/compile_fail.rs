//! The compile-time shape checks are the product: each file in `tests/compile_fail/` must
//! fail to build with the error committed next to it in its `.stderr`.
//!
//! The `pass` case makes trybuild run a full build rather than `cargo check`, which the
//! `const` shape assertions need (they fire after monomorphisation).

#[test]
fn shape_errors_are_compile_errors() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/compile_pass/*.rs");
    cases.compile_fail("tests/compile_fail/*.rs");
}
