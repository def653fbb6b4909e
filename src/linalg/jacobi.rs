//! Pieces shared by the two Jacobi methods ([`symmetric_eigen`](super::symmetric_eigen) and
//! [`svd`](super::svd)): the sweep budget, the Rutishauser rotation, the orders in which a
//! sweep visits the pairs, and helpers that sort and permute. (Their exact power-of-two scaling and the
//! overflow-safe norm are the shared ones of [`numeric`].)
//!
//! Both methods scale their input by an exact power of two so that its largest magnitude
//! lies in `[1, 2)`. Scaling by a power of two changes no significant bit (short of
//! subnormal results, which are negligible beside the largest element), so it costs no
//! accuracy, and afterwards no intermediate can overflow and only negligible ones can
//! underflow, whatever the input's magnitude (`1e+300` or `1e-300`).

use crate::checked::swap_pair;
use crate::scalar::Real;

/// The sweep budget of both Jacobi methods. A cyclic sweep visits every pair of indices
/// once; convergence is quadratic once the off-diagonal part is small, so in practice both
/// methods stop after 5 to 12 sweeps at the sizes this crate is for. Reaching the budget is
/// reported as [`Error::NoConvergence`](crate::Error::NoConvergence).
pub(crate) const MAX_SWEEPS: usize = 60;

/// The Jacobi rotation that diagonalises the symmetric 2 x 2 matrix
/// `[[a_pp, a_pq], [a_pq, a_qq]]`, from `zeta = num / den` with `num = a_qq - a_pp` and
/// `den = 2 a_pq` (any common positive scaling of both works). Returns `(c, s, t)` with
/// `t = tan(theta)` the smaller root of `t^2 + 2 zeta t - 1 = 0`, `|t| <= 1`:
///
/// `t = sign(zeta) / (|zeta| + sqrt(1 + zeta^2))`, `c = 1 / sqrt(1 + t^2)`, `s = t c`
///
/// (Rutishauser's stable formulas, Handbook for Automatic Computation II/1, 1971).
///
/// They are evaluated without forming `zeta` (a tiny `a_pq` cannot overflow it) and in
/// half-angle form: with `r = sqrt(num^2 + den^2)` and `u = |num| + r` (no cancellation),
/// `|t| = |den| / u`, and since `1 + t^2 = (u^2 + den^2) / u^2 = 2 r u / u^2`,
/// `c = sqrt(u / (2 r))`. That is two square roots and two divisions, as the textbook
/// order, but with the two divisions side by side instead of one after the other, which
/// shortens the chain of dependent operations by a division and a square root's worth.
/// For a small angle `u = 2 r` exactly, so `c` is exactly 1 and `s = t`, as with the
/// textbook order: the rotation is orthogonal to the last bit where most of the late
/// rotations are; over random angles `|c^2 + s^2 - 1|` is a little smaller than the
/// textbook order's on average (measured: about 0.4 ulp against 0.55). The exact 45-degree
/// rotation (`num = 0`) takes the textbook `c = s = 1 / sqrt(2)`.
///
/// `r` is the plain square root when `num^2 + den^2` is in the range where no square loses
/// bits (from `MIN_POSITIVE / EPSILON^2` up, and finite), which the callers' scaled
/// matrices keep it in; outside it, `hypot` (a slower library call) and the textbook
/// order. `den` must be non-zero.
///
/// Rotating columns `p` and `q` by `col_p' = c col_p - s col_q`, `col_q' = s col_p + c col_q`
/// (and rows alike) zeroes `a_pq` and gives `a_pp' = a_pp - t a_pq`, `a_qq' = a_qq + t a_pq`.
///
/// On bare-metal targets (`target_os = "none"`) it is kept out of line: one copy for both
/// Jacobi methods, where inlining it into each (which the optimiser does once the square
/// root is a single instruction) costs about 300 bytes of flash per caller.
#[cfg_attr(not(target_os = "none"), inline)]
#[cfg_attr(target_os = "none", inline(never))]
pub(crate) fn rotation<T: Real>(num: T, den: T) -> (T, T, T) {
    let zero = T::ZERO;
    let one = T::ONE;
    let eps = T::epsilon();
    let ss = num * num + den * den;
    let (c, t_abs) = if num == zero {
        (one / (one + one).square_root(), one)
    } else if ss >= T::min_positive_value() / (eps * eps) && ss <= T::max_value() {
        let r = ss.square_root();
        let u = num.abs() + r;
        ((u / (r + r)).square_root(), den.abs() / u)
    } else {
        let t_abs = den.abs() / (num.abs() + num.hypot_robust(den));
        (one / (one + t_abs * t_abs).square_root(), t_abs)
    };
    // sign(zeta) with sign(0) = +1: a zero `num` gives the 45-degree rotation.
    let t = if (num >= zero) == (den >= zero) {
        t_abs
    } else {
        -t_abs
    };
    (c, t * c, t)
}

/// Applies the rotation `(c, s)` to the pair `(x, y)` elementwise:
/// `x' = c x - s y`, `y' = s x + c y`.
#[inline]
pub(crate) fn rotate_pair<T: Real>(x: &mut [T], y: &mut [T], c: T, s: T) {
    for (a, b) in x.iter_mut().zip(y.iter_mut()) {
        let (u, v) = (*a, *b);
        *a = c * u - s * v;
        *b = s * u + c * v;
    }
}

/// The `i`-th pair `(p, q)`, `p < q < n`, of round `round` of the round-robin tournament
/// among `n` indices (the circle method; with an odd `n` a dummy index `n` sits out one
/// pair per round): rounds `0..m - 1` with `m = n + n % 2`, pairs `0..m / 2` each. The
/// pairs of a round are disjoint and the rounds together hold every pair once, so a sweep
/// over them is a cyclic Jacobi sweep in which the rotations of a round are independent.
/// `None` for the dummy's pair.
#[inline]
pub(crate) fn tournament_pair(n: usize, round: usize, i: usize) -> Option<(usize, usize)> {
    let m = n + n % 2;
    let last = m.checked_sub(1)?;
    let (a, b) = if i == 0 {
        (round, last)
    } else {
        ((round + i) % last, (round + last - i) % last)
    };
    let (p, q) = if a < b { (a, b) } else { (b, a) };
    (q < n).then_some((p, q))
}

/// The pairs `(p, k - p)`, `p < k - p < n`, of wave `k` (`1 <= k <= 2 n - 3`): the
/// values of `p` they take.
///
/// In a cyclic sweep in column order, `(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3), ...`,
/// the last earlier rotation sharing an index with `(p, q)` is `(p, q - 1)`, `(p - 1, q)`
/// or `(p - 1, p)`, so by induction `(p, q)` depends on nothing after step `p + q - 1`.
/// Taking the waves `k = p + q` in increasing order is therefore the same sweep with only
/// disjoint rotations exchanged; in one-sided Jacobi those touch different rows and
/// commute exactly, so the floating-point result is the very same. The pairs of a wave are
/// disjoint, so their tests and angles are independent computations.
#[inline]
pub(crate) fn wave(n: usize, k: usize) -> core::ops::Range<usize> {
    (k + 1).saturating_sub(n)..k.div_ceil(2)
}

/// The permutation that sorts `keys` by `before` (a strict order), stable: equal keys keep
/// their index order. Insertion sort, `N^2 / 2` comparisons at most.
pub(crate) fn sorted_order<T: Copy, const N: usize>(
    keys: &[T; N],
    before: impl Fn(T, T) -> bool,
) -> [usize; N] {
    let mut order = [0; N];
    sort_indices(keys, &mut order, before);
    order
}

/// Writes into `order` (as long as `keys`) the permutation that sorts `keys` by `before` (a
/// strict order), stable: equal keys keep their index order. Insertion sort, `n^2 / 2`
/// comparisons at most; its work is small beside that of the decompositions that call it.
pub(crate) fn sort_indices<T: Copy>(
    keys: &[T],
    order: &mut [usize],
    before: impl Fn(T, T) -> bool,
) {
    for (i, o) in order.iter_mut().enumerate() {
        *o = i;
    }
    for i in 1..order.len() {
        for j in (1..=i).rev() {
            let key = |j: usize| order.get(j).and_then(|&o| keys.get(o)).copied();
            let (Some(later), Some(earlier)) = (key(j), key(j - 1)) else {
                break;
            };
            if !before(later, earlier) {
                break;
            }
            if let Some([a, b]) = order.get_mut(j - 1..=j) {
                core::mem::swap(a, b);
            }
        }
    }
}

/// Moves row `r` of `rows` to row `dest[r]`, for every `r`, in place (`dest` a permutation
/// of the row indices), by following the permutation's cycles: each swap puts one row in
/// its place for good, so there are fewer swaps than rows, and the rows are moved, not
/// recomputed. `dest` is left as the identity.
pub(crate) fn scatter_rows<W>(rows: &mut [W], dest: &mut [usize]) {
    for r in 0..dest.len() {
        // The rows before `r` are in place, so `dest[r] >= r`. At most one swap per row
        // from any `r`: a bound that holds even for a `dest` that is not a permutation.
        for _ in 0..dest.len() {
            match dest.get(r) {
                Some(&t) if t > r => {
                    swap_pair(rows, r, t);
                    swap_pair(dest, r, t);
                }
                _ => break,
            }
        }
    }
}

/// The index of the largest `|x|`, the first one on ties (0 for an empty slice).
pub(crate) fn index_of_largest<T: Real>(xs: impl Iterator<Item = T>) -> usize {
    let mut best = 0;
    let mut best_abs = T::neg_infinity();
    for (i, x) in xs.enumerate() {
        if x.abs() > best_abs {
            best = i;
            best_abs = x.abs();
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::test_support::Rng;

    /// `scatter_rows` against moving each row into a fresh array, on random permutations
    /// (the identity, transpositions and long cycles among them) of 0 to 20 rows.
    #[test]
    fn scatter_rows_moves_every_row_to_its_destination() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for len in 0..=20usize {
            for _ in 0..200 {
                let mut dest: [usize; 20] = core::array::from_fn(|i| i);
                for i in (1..len).rev() {
                    let j = rng.below(i as u64 + 1) as usize;
                    dest.swap(i, j);
                }
                let rows: [[u32; 2]; 20] = core::array::from_fn(|i| [i as u32, 100 + i as u32]);
                let mut expected = rows;
                for (r, &d) in dest[..len].iter().enumerate() {
                    expected[d] = rows[r];
                }
                let mut moved = rows;
                scatter_rows(&mut moved[..len], &mut dest[..len]);
                assert_eq!(moved, expected, "{dest:?}");
                assert!(dest[..len].iter().enumerate().all(|(i, &d)| i == d));
            }
        }
    }
}
