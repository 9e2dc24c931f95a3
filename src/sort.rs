//! Size: one small in-place sort for the crate. Each instantiation of the standard
//! library's sorts adds kilobytes of WebAssembly (they dominated the download); the lists sorted
//! here are a request's cookies (a handful: insertion sort) or a purge's candidates (bounded by
//! the limits: heapsort).

/// Lists up to this long are insertion-sorted.
const SHORT: usize = 16;

/// Sorts `items` by `key`, ascending, in place, not stable.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    if items.len() <= SHORT {
        insertion_sort(items, &key);
    } else {
        heapsort(items, &key);
    }
}

/// Whether `items[a]` sorts before `items[b]` (false when either is out of bounds).
fn is_before<T, K: Ord>(items: &[T], a: usize, b: usize, key: &impl Fn(&T) -> K) -> bool {
    match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => key(a) < key(b),
        _ => false,
    }
}

fn insertion_sort<T, K: Ord>(items: &mut [T], key: &impl Fn(&T) -> K) {
    for sorted in 1..items.len() {
        let mut at = sorted;
        while at > 0 && is_before(items, at, at - 1, key) {
            items.swap(at, at - 1);
            at -= 1;
        }
    }
}

/// O(n log n) without allocation.
fn heapsort<T, K: Ord>(items: &mut [T], key: &impl Fn(&T) -> K) {
    let len = items.len();
    // Make a max-heap, then move its top to the end, one item at a time.
    for start in (0..len / 2).rev() {
        sift_down(items, start, len, key);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, key);
    }
}

/// Moves `items[root]` down the heap `items[..end]` until neither child is larger.
fn sift_down<T, K: Ord>(items: &mut [T], mut root: usize, end: usize, key: &impl Fn(&T) -> K) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && is_before(items, child, child + 1, key) {
            child += 1;
        }
        if !is_before(items, root, child, key) {
            return;
        }
        items.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 0x2545_f491_u64;
        for len in (0..40).chain([255, 256, 1000]) {
            let mut items: Vec<(u8, u32)> = (0..len)
                .map(|i| {
                    seed =
                        seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(k, i)| (k, i));
            sort_by_key(&mut items, |&(k, i)| (k, i));
            assert_eq!(items, expected, "length {len}");
        }
    }
}
