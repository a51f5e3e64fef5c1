//! Stable fingerprints of content, for ids that must be the same on every build and
//! every machine (PDF document ids, font subset tags). FNV-1a: not for security.

/// A 64-bit FNV-1a hash of `bytes`, starting from `seed`.
pub fn fnv64(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ seed;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A 128-bit fingerprint of several byte strings, as 32 hex digits.
pub fn hex128(parts: &[&[u8]]) -> String {
    let mut high = 0u64;
    let mut low = 0x9e37_79b9_7f4a_7c15u64;
    for part in parts {
        high = fnv64(part, high ^ part.len() as u64);
        low = fnv64(part, low.rotate_left(17));
    }
    format!("{high:016x}{low:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_sensitive() {
        assert_eq!(fnv64(b"", 0), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a", 0), 0xaf63_dc4c_8601_ec8c);
        let a = hex128(&[b"one", b"two"]);
        assert_eq!(a.len(), 32);
        assert_eq!(a, hex128(&[b"one", b"two"]));
        assert_ne!(a, hex128(&[b"onet", b"wo"]));
        assert_ne!(a, hex128(&[b"one", b"twp"]));
    }
}
