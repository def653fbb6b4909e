//! The fast paths against the plain forms they stand for: the unrolled elimination and
//! substitutions against the loops, the plain product against the rescaled one, and the
//! public functions' results and errors against the order of checks they replaced (a
//! full finiteness scan of the input, then of the factors, then the loops), bit for bit.
use super::cold::factor_in_range;
use super::*;
use crate::linalg::test_support::{Rng, same, same_matrix, same_result};
use crate::numeric::rescaled_product;
use crate::numeric::times_pow2;

/// A random matrix: each case picks a scale of its own, and some have a zero column, a
/// repeated row or a NaN/inf entry.
fn random_matrix<T: Real, const N: usize>(rng: &mut Rng) -> Matrix<T, N, N> {
    let wild = rng.below(5) == 0;
    let scale = [1.0, 1.0, 1.0, 1e-6, 1e6, 1e-18, 1e18, 1e-150, 1e150][rng.below(9) as usize];
    let mut m =
        Matrix::<T, N, N>::from_fn(|_, _| T::from(rng.entry(wild, scale)).unwrap_or(T::ZERO));
    if N > 1 && rng.below(6) == 0 {
        let j = rng.below(N as u64) as usize;
        for i in 0..N {
            m.0[i][j] = T::ZERO;
        }
    }
    if N > 1 && rng.below(6) == 0 {
        let (r, s) = (rng.below(N as u64) as usize, rng.below(N as u64) as usize);
        m.0[r] = m.0[s];
    }
    m
}

fn same_lu<T: Real, const N: usize>(x: &Lu<T, N>, y: &Lu<T, N>) -> bool {
    same_matrix(&x.packed, &y.packed)
        && x.rows == y.rows
        && same(x.sign, y.sign)
        && x.first_zero_pivot == y.first_zero_pivot
}

// The reference forms the fast paths replace: scan the input, factor in loops, scan the
// factors.
fn reference_lu<T: Real, const N: usize>(a: &Matrix<T, N, N>) -> Result<Lu<T, N>, Error> {
    if !a.iter().all(|x| x.is_finite()) {
        return Err(Error::NonFinite);
    }
    let lu = Lu::factor(a);
    if lu.packed.iter().all(|x| x.is_finite()) {
        Ok(lu)
    } else {
        Err(Error::Overflow)
    }
}

fn reference_det<T: Real, const N: usize>(a: &Matrix<T, N, N>) -> T {
    if let Some(det) = small_inverse::det(a)
        && det.is_finite()
    {
        return det;
    }
    if !a.iter().all(|x| x.is_finite()) {
        return T::nan();
    }
    // The factors of `a`, or of its normalized copy `2^s a` if those overflow.
    let Ok((lu, s)) = factor_in_range(a) else {
        return T::nan();
    };
    if lu.first_zero_pivot.is_some() {
        return T::ZERO;
    }
    let det = lu.sign * rescaled_product(lu.pivots().into_iter());
    times_pow2(det, -i64::from(s) * N as i64)
}

fn reference_solve<T: Real, const N: usize, const K: usize>(
    a: &Matrix<T, N, N>,
    b: &Matrix<T, N, K>,
) -> Result<Matrix<T, N, K>, Error> {
    if !a.iter().all(|x| x.is_finite()) {
        return Err(Error::NonFinite);
    }
    let (lu, s) = factor_in_range(a)?;
    if let Some(index) = lu.first_zero_pivot {
        return Err(Error::Singular { index });
    }
    if !b.iter().all(|x| x.is_finite()) {
        return Err(Error::NonFinite);
    }
    let permuted = core::array::from_fn(|k| b.0[lu.rows[k]]);
    let x = lu.substitute_loops(permuted);
    if s == 0 && x.iter().all(|x| x.is_finite()) {
        Ok(x)
    } else if s > 0 {
        // A tiny matrix, scaled up: each column of `b` scaled into range too.
        lu.solve_normalized_columns(b, s)
    } else {
        // The plain substitution overflowed, or the matrix was scaled down: scale `b` too.
        lu.solve_times_pow2(b, s)
    }
}

fn reference_inverse<T: Real, const N: usize>(
    a: &Matrix<T, N, N>,
) -> Result<Matrix<T, N, N>, Error> {
    if let Some(inv) = small_inverse::inverse(a) {
        return Ok(inv);
    }
    reference_solve(a, &Matrix::identity())
}

fn check_size<T: Real, const N: usize>(rng: &mut Rng, cases: usize) {
    for _ in 0..cases {
        let a = random_matrix::<T, N>(rng);
        let wild_b = rng.below(10) == 0;
        let b =
            Matrix::<T, N, 2>::from_fn(|_, _| T::from(rng.entry(wild_b, 1.0)).unwrap_or(T::ONE));

        // Elimination: the unrolled form is the loops' form, and on a regular result
        // both are `factor`'s.
        let mut loops = Lu::unfactored(&a);
        loops.eliminate_loops::<false>();
        if N <= 8 {
            let mut unrolled = Lu::unfactored(&a);
            unrolled.eliminate_unrolled();
            assert!(same_lu(&loops, &unrolled), "{a:?}");
        }
        let mut speculative = Lu::unfactored(&a);
        speculative.eliminate_speculative();
        if speculative.is_regular() {
            assert!(same_lu(&speculative, &Lu::factor(&a)), "{a:?}");
            let x = Matrix(core::array::from_fn(|k| b.0[speculative.rows[k]]));
            assert!(same_matrix(
                &speculative.substitute_unrolled(x.0),
                &speculative.substitute_loops(x.0)
            ));
        }

        // The plain product, when it answers, is the rescaled one.
        let pivots = speculative.pivots();
        if let Some(p) = plain_product(pivots, N) {
            assert!(same(p, rescaled_product(pivots.into_iter())), "{pivots:?}");
        }

        // The public functions against the replaced order of checks.
        assert!(same(a.det(), reference_det(&a)), "det {a:?}");
        match (a.lu(), reference_lu(&a)) {
            (Ok(x), Ok(y)) => {
                assert!(same_lu(&x, &y), "lu {a:?}");
                assert!(same(x.det(), reference_det(&a)) || N == 2, "Lu::det {a:?}");
            }
            (x, y) => assert_eq!(x.err(), y.err(), "lu {a:?}"),
        }
        assert!(
            same_result(&a.inverse(), &reference_inverse(&a)),
            "inverse {a:?}"
        );
        assert!(
            same_result(&a.solve(&b), &reference_solve(&a, &b)),
            "solve {a:?} {b:?}"
        );
    }
}

#[test]
fn fast_paths_are_the_plain_forms() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    macro_rules! sizes {
        ($($n:literal)*) => {$(
            check_size::<f64, $n>(&mut rng, 3000);
            check_size::<f32, $n>(&mut rng, 3000);
        )*};
    }
    sizes!(1 2 3 4 5 6 7 8 9);
}
