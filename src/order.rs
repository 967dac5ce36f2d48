//! One sort for the whole crate (issue #13, size): every integer-keyed call site sorts
//! `(key, position)` pairs with the same comparator, so the module carries one copy of
//! core's sort instead of one per element type and key closure (measured before: 38 sort
//! functions, ~51 KB of code before wasm-opt, `node scripts/wasm-anatomy.mjs`).
//! Ties keep their source order: the position is part of the key, so the result is that of
//! a stable sort.

/// Positions `0..len` in ascending `key` order, equal keys in position order.
pub fn stable_order(len: usize, mut key: impl FnMut(usize) -> u64) -> Vec<u32> {
    let mut pairs: Vec<(u64, u32)> = (0..len).map(|i| (key(i), u32::try_from(i).unwrap_or(u32::MAX))).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, position)| position).collect()
}

/// `items.sort_by_key(key)` (stable) through [`stable_order`].
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let order = stable_order(items.len(), |i| items.get(i).map_or(u64::MAX, &key));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)));
}

/// An `i64` as a `u64` of the same order (for keys such as epoch seconds).
pub fn ordered_i64(value: i64) -> u64 {
    value.cast_unsigned() ^ (1 << 63)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_ordered() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_key(&mut items, |&(k, _)| k);
        assert_eq!(items, vec![(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let secs = [5i64, -7, i64::MIN, i64::MAX, 0, -7];
        let order = stable_order(secs.len(), |i| ordered_i64(secs[i]));
        assert_eq!(order, vec![2, 1, 5, 4, 0, 3]);
    }
}
