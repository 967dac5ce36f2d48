//! One sort for the whole crate (issue #13, size): every integer-keyed call site sorts
//! `(key, position)` pairs with the same comparator, so the module carries one copy of
//! core's sort instead of one per element type and key closure (measured before: 38 sort
//! functions, ~51 KB of code before wasm-opt, `node scripts/wasm-anatomy.mjs`).
//! Ties keep their source order: the position is part of the key, so the result is that of
//! a stable sort.
//!
//! Long inputs (a history's rows) are sorted by a least-significant-digit radix sort over the
//! bits in which the keys differ instead: on JavaScriptCore without a JIT (an iPhone) the
//! comparison sort of 10k rows' times was ~19% of the instructions of a history load
//! (callgrind, native), the radix sort is ~1/20 of that. Both give the one stable order.

/// Below this many keys the comparison sort is cheaper than clearing the radix buckets.
const RADIX_FROM: usize = 512;
/// Bits per radix pass: 2048 buckets, three passes for keys spanning up to 2^33 (a century of
/// seconds).
const RADIX_BITS: u32 = 11;

/// Positions `0..len` in ascending `key` order, equal keys in position order.
pub fn stable_order(len: usize, mut key: impl FnMut(usize) -> u64) -> Vec<u32> {
    let keys: Vec<u64> = (0..len).map(&mut key).collect();
    if len >= RADIX_FROM && u32::try_from(len).is_ok() {
        return radix_order(&keys);
    }
    let mut pairs: Vec<(u64, u32)> = keys.into_iter().zip(0..).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, position)| position).collect()
}

/// The order `stable_order` gives, by an LSD radix sort of `key - min` (stable: each pass
/// keeps the order of the one before, and the first pass starts from position order).
fn radix_order(keys: &[u64]) -> Vec<u32> {
    let (Some(&min), Some(&max)) = (keys.iter().min(), keys.iter().max()) else { return Vec::new() };
    let span_bits = u64::BITS - (max - min).leading_zeros();
    let mut order: Vec<u32> = (0..keys.len()).filter_map(|i| u32::try_from(i).ok()).collect();
    let mut next = vec![0u32; order.len()];
    let mut counts = vec![0u32; 1 << RADIX_BITS];
    let mask = (1u64 << RADIX_BITS) - 1;
    let mut shift = 0;
    while shift < span_bits {
        let digit = |position: u32| keys.get(position as usize).map_or(0, |&k| ((k - min) >> shift) & mask) as usize;
        counts.fill(0);
        for &position in &order {
            if let Some(count) = counts.get_mut(digit(position)) {
                *count += 1;
            }
        }
        // Counts become each digit's first slot.
        let mut total = 0;
        for count in &mut counts {
            (*count, total) = (total, total + *count);
        }
        for &position in &order {
            if let Some(slot) = counts.get_mut(digit(position)) {
                if let Some(target) = next.get_mut(*slot as usize) {
                    *target = position;
                }
                *slot += 1;
            }
        }
        std::mem::swap(&mut order, &mut next);
        shift += RADIX_BITS;
    }
    order
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

    /// The comparison sort's order, for checking the radix one.
    fn compared(keys: &[u64]) -> Vec<u32> {
        let mut pairs: Vec<(u64, u32)> = keys.iter().copied().zip(0..).collect();
        pairs.sort_unstable();
        pairs.into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn radix_order_is_the_comparison_order() {
        // Few distinct keys (many ties), a wide span (every pass), the extremes of u64.
        let cases: Vec<Vec<u64>> = vec![
            (0..2000).map(|i| (i * 7919) % 13).collect(),
            (0..RADIX_FROM as u64 + 1).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect(),
            (0..600).map(|i| if i % 3 == 0 { u64::MAX } else { i % 5 }).collect(),
            vec![42; 700],
            (0..1000).rev().collect(),
        ];
        for keys in cases {
            assert_eq!(radix_order(&keys), compared(&keys), "{} keys", keys.len());
            assert_eq!(stable_order(keys.len(), |i| keys[i]), compared(&keys));
        }
        assert!(radix_order(&[]).is_empty());
    }
}
