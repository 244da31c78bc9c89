//! Finding form letters: comments whose texts are the same after normalising whitespace and case
//! (exact), or share most of their word 3-grams (near: a form letter with a sentence added).
//!
//! Near-duplicates use MinHash signatures with locality-sensitive hashing (LSH): only comments
//! that agree on a whole band of the signature are compared, so the cost grows with the number
//! of comments, not with its square. Candidates are then checked by their exact Jaccard
//! similarity of shingles, so the threshold means what it says.

use std::collections::{HashMap, HashSet};

/// Minimum Jaccard similarity of word 3-grams for a near-duplicate, unless told otherwise.
pub const DEFAULT_THRESHOLD: f64 = 0.7;

const SHINGLE: usize = 3;
const BANDS: usize = 20;
const ROWS: usize = 4;
const HASHES: usize = BANDS * ROWS;

/// splitmix64: spreads one shingle hash into the independent hashes of a signature.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hashes of the word 3-grams (lower case, punctuation dropped); short texts are one shingle.
pub fn shingles(text: &str) -> HashSet<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < SHINGLE {
        return HashSet::from([crate::hash::fnv1a(words.join(" ").into_bytes(), 0)]);
    }
    words
        .windows(SHINGLE)
        .map(|w| crate::hash::fnv1a(w.join(" ").into_bytes(), 0))
        .collect()
}

fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn signature(shingles: &HashSet<u64>) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    for &s in shingles {
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = mix(s ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut cur = i;
        while self.0[cur] != root {
            let next = self.0[cur];
            self.0[cur] = root;
            cur = next;
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index (the earlier comment) stays the root: it heads the cluster.
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// A group of two or more comments; `members` are indexes into the input, the first is the head.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub members: Vec<usize>,
    /// True when all members have the same normalised text.
    pub exact: bool,
}

/// Groups `texts` (with their normalised content hashes) into clusters of two or more.
pub fn group(texts: &[(&str, &str)], threshold: f64) -> Vec<Group> {
    let n = texts.len();
    let mut uf = UnionFind((0..n).collect());
    let mut by_hash: HashMap<&str, usize> = HashMap::new();
    for (i, (_, hash)) in texts.iter().enumerate() {
        match by_hash.get(hash) {
            Some(&first) => uf.union(first, i),
            None => {
                by_hash.insert(hash, i);
            }
        }
    }
    // Near-duplicates: one representative per exact group is enough.
    let reps: Vec<usize> = by_hash.values().copied().collect();
    let sets: HashMap<usize, HashSet<u64>> =
        reps.iter().map(|&i| (i, shingles(texts[i].0))).collect();
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for &i in &reps {
        let sig = signature(&sets[&i]);
        for band in 0..BANDS {
            let key = crate::hash::fnv1a(
                sig[band * ROWS..(band + 1) * ROWS]
                    .iter()
                    .flat_map(|h| h.to_le_bytes()),
                band as u64,
            );
            buckets.entry((band, key)).or_default().push(i);
        }
    }
    let mut compared: HashSet<(usize, usize)> = HashSet::new();
    for members in buckets.values().filter(|m| m.len() > 1) {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let pair = (a.min(b), a.max(b));
                if compared.insert(pair) && jaccard(&sets[&a], &sets[&b]) >= threshold {
                    uf.union(a, b);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let root = uf.find(i);
        groups.entry(root).or_default().push(i);
    }
    let mut out: Vec<Group> = groups
        .into_values()
        .filter(|m| m.len() > 1)
        .map(|mut members| {
            members.sort_unstable();
            let exact = members.iter().all(|&i| texts[i].1 == texts[members[0]].1);
            Group { members, exact }
        })
        .collect();
    out.sort_by_key(|g| g.members[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LETTER: &str = "Wir fordern die dauerhafte Finanzierung der Migrationsberatung in allen \
        Landkreisen, damit Zugewanderte verlässlich beraten werden und die Träger planen können.";

    #[test]
    fn form_letters_with_a_sentence_added_are_near_duplicates() {
        let added = format!("{LETTER} Außerdem brauchen wir mehr Sprachkurse am Abend.");
        let other = "Die Wärmepumpenförderung gehört nicht in dieses Konzept, bitte streichen.";
        let texts = [
            (LETTER, "h1"),
            (other, "h2"),
            (added.as_str(), "h3"),
            (LETTER, "h1"),
            ("Zu kurz", "h4"),
        ];
        let groups = group(&texts, DEFAULT_THRESHOLD);
        assert_eq!(
            groups,
            vec![Group {
                members: vec![0, 2, 3],
                exact: false
            }]
        );
        let exact_only = group(&texts, 0.99);
        assert_eq!(
            exact_only,
            vec![Group {
                members: vec![0, 3],
                exact: true
            }]
        );
    }

    #[test]
    fn similarity_is_jaccard_of_word_trigrams() {
        let a = shingles("eins zwei drei vier");
        let b = shingles("Eins, zwei – drei vier fünf");
        assert_eq!(a.len(), 2);
        assert!((jaccard(&a, &b) - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn thousands_of_distinct_texts_form_no_groups() {
        let texts: Vec<String> = (0..3000)
            .map(|i| {
                format!(
                    "Stellungnahme {i} zu Thema {} mit Anliegen {}",
                    i * 7,
                    i * 13
                )
            })
            .collect();
        let hashes: Vec<String> = (0..3000).map(|i| i.to_string()).collect();
        let input: Vec<(&str, &str)> = texts
            .iter()
            .zip(&hashes)
            .map(|(t, h)| (t.as_str(), h.as_str()))
            .collect();
        assert!(group(&input, DEFAULT_THRESHOLD).is_empty());
    }
}
