//! Slice access without panic paths, for indices the optimiser cannot prove in range
//! (pivots, permutations, heap positions). Every such index is in range by the callers'
//! construction; these forms only make sure that no bounds-check panic is left in the
//! machine code, so that firmware built with a no-panic proof (a panic handler that cannot
//! be linked) links.

/// Entries `p < q` of `xs`, both mutable; `None` if either is out of range. The decompositions
/// and sorts index through this and [`swap_pair`] where the optimiser cannot prove an index in range
/// (pivots, permutations): no bounds-check panic is left in the code, so firmware built with
/// a no-panic proof links.
#[inline(always)]
pub(crate) fn pair_mut<X>(xs: &mut [X], p: usize, q: usize) -> Option<(&mut X, &mut X)> {
    let (head, tail) = xs.split_at_mut_checked(q)?;
    Some((head.get_mut(p)?, tail.first_mut()?))
}

/// Swaps entries `p < q` of `xs`; out of range, leaves it as it is (see [`pair_mut`]).
#[inline(always)]
pub(crate) fn swap_pair<X>(xs: &mut [X], p: usize, q: usize) {
    if let Some((a, b)) = pair_mut(xs, p, q) {
        core::mem::swap(a, b);
    }
}
