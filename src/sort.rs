//! Sorting through one compiled sort: every sort of the crate orders a permutation of
//! indexes with the same stable sort, then moves the elements into place.
//!
//! The standard library's sort is compiled again for every element type and key, and each
//! copy is several kilobytes: two dozen copies were about a twelfth of the WebAssembly
//! module. The order is exactly that of `slice::sort_by` (stable), so results do not change.

use std::cmp::Ordering;

/// Stable sort by a key: the order of `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Stable sort: the order of `slice::sort` (and of `sort_unstable` for elements that are
/// equal only when identical, such as integers and tuples of integers).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Stable sort with a comparison: the order of `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    // Already in order (lists built in document order mostly are): a stable sort would
    // leave every element where it is.
    if v.windows(2)
        .all(|w| compare(&w[0], &w[1]) != Ordering::Greater)
    {
        return;
    }
    let order = {
        let items: &[T] = v;
        permutation(v.len(), &mut |i, j| compare(&items[i], &items[j]))
    };
    permute(v, order);
}

/// Pairs grouped by key, in key order, each group's values in input order: the iteration of
/// a `BTreeMap<K, Vec<V>>` filled with `entry(k).or_default().push(v)`, without compiling a
/// B-tree for every key and value type.
pub fn grouped<K: Ord, V>(mut pairs: Vec<(K, V)>) -> Vec<(K, Vec<V>)> {
    sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
    let mut out: Vec<(K, Vec<V>)> = Vec::new();
    for (k, v) in pairs {
        match out.last_mut() {
            Some((last, values)) if *last == k => values.push(v),
            _ => out.push((k, vec![v])),
        }
    }
    out
}

/// The indexes `0..len` in stable sorted order: the one monomorphic call of the standard
/// sort.
#[inline(never)]
fn permutation(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&i, &j| compare(i, j));
    order
}

/// Rearranges `v` so that position `k` holds the element that was at `order[k]`, by
/// following the permutation's cycles with swaps (`order` is consumed as the visited marks).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    debug_assert_eq!(v.len(), order.len());
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency), enough to shuffle test data.
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        for (seed, n, modulo) in [(1, 0, 1), (2, 1, 5), (3, 2, 2), (4, 17, 3), (5, 300, 7)] {
            // Pairs (key, original position): equal keys must keep their input order.
            let input: Vec<(u64, usize)> = numbers(seed, n, modulo)
                .into_iter()
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect();
            let mut expected = input.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = input.clone();
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, expected, "seed {seed}");

            let mut expected = input.clone();
            expected.sort_by_key(|p| std::cmp::Reverse(p.0));
            let mut got = input.clone();
            sort_by(&mut got, |a, b| b.0.cmp(&a.0));
            assert_eq!(got, expected, "seed {seed}, reversed");

            let mut expected = input.clone();
            expected.sort_unstable();
            let mut got = input;
            sort(&mut got);
            assert_eq!(got, expected, "seed {seed}, whole elements");
        }
    }

    /// Input already in order (returned as is) and input out of order only at its end (the
    /// check for order must look at every pair).
    #[test]
    fn sorted_and_nearly_sorted_input() {
        let mut sorted: Vec<(u64, usize)> = numbers(6, 200, 9).into_iter().zip(0..).collect();
        sorted.sort_by_key(|p| p.0);
        let mut got = sorted.clone();
        sort_by_key(&mut got, |p| p.0);
        assert_eq!(got, sorted);
        for last in [0, 4, 8] {
            let mut input = sorted.clone();
            input.push((last, 200));
            let mut expected = input.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = input;
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, expected, "last key {last}");
        }
    }

    #[test]
    fn groups_like_a_btree_map_of_vectors() {
        let pairs: Vec<(u64, usize)> = numbers(9, 200, 6).into_iter().zip(0..).collect();
        let mut expected: std::collections::BTreeMap<u64, Vec<usize>> = Default::default();
        for &(k, v) in &pairs {
            expected.entry(k).or_default().push(v);
        }
        let expected: Vec<(u64, Vec<usize>)> = expected.into_iter().collect();
        assert_eq!(grouped(pairs), expected);
        assert!(grouped(Vec::<(u8, u8)>::new()).is_empty());
    }

    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "kiwi", "date"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["fig", "pear", "kiwi", "date", "apple"]);
        sort(&mut v);
        assert_eq!(v, ["apple", "date", "fig", "kiwi", "pear"]);
    }
}
