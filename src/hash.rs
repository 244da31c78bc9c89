//! The core's one stable hash: FNV-1a, 64 bit (the `fnv` crate). Stable across Rust releases,
//! unlike `DefaultHasher`, which matters because [`content_hash`] is persisted
//! (`comments.content_hash` finds duplicates across imports): its algorithm is part of the
//! schema, pinned by the golden values below. Not a security boundary.

use std::hash::Hasher;

use fnv::FnvHasher;

/// FNV-1a's offset basis; a `seed` varies it for independent hash families.
const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over `bytes`, from the offset basis XOR `seed`.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>, seed: u64) -> u64 {
    let mut h = FnvHasher::with_key(OFFSET ^ seed);
    for b in bytes {
        h.write_u8(b);
    }
    h.finish()
}

/// A content hash for duplicate detection: whitespace and case do not count (words joined by
/// one space, lower-cased), as 16 hex digits.
pub fn content_hash(text: &str) -> String {
    let mut h = FnvHasher::with_key(OFFSET);
    let mut buf = [0u8; 4];
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            h.write_u8(b' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            for b in c.encode_utf8(&mut buf).bytes() {
                h.write_u8(b);
            }
        }
    }
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values the stored hashes were computed with (the hand-written FNV-1a this replaced):
    /// changing any of them would make every stored comment look new to the next import.
    #[test]
    fn golden_values_of_the_persisted_algorithm() {
        for (text, hash) in [
            ("", "cbf29ce484222325"),
            ("Hallo Welt", "de6d68a882d59a51"),
            ("  Mehr   Sprachkurse\tfür  ALLE ", "46502c27d28c1449"),
            ("Ärzte überweisen Ölfässer ẞ", "999deadabae89af7"),
            ("x", "af63f54c86021707"),
        ] {
            assert_eq!(content_hash(text), hash, "{text:?}");
        }
        assert_eq!(fnv1a(*b"abc", 0), 16_654_208_175_385_433_931);
        assert_eq!(fnv1a(*b"abc", 7), 15_907_673_864_879_486_022);
        assert_eq!(
            fnv1a("wir fordern mehr".bytes(), 0x9e37),
            16_580_399_528_555_407_788
        );
    }
}
