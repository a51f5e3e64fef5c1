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

/// A 128-bit fingerprint built up one byte string at a time, without keeping them.
#[derive(Debug, Clone, Copy)]
pub struct Fingerprint {
    high: u64,
    low: u64,
}

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint {
            high: 0,
            low: 0x9e37_79b9_7f4a_7c15,
        }
    }
}

impl Fingerprint {
    /// Adds one byte string (its length counts, so `ab`+`c` differs from `a`+`bc`).
    pub fn add(&mut self, part: &[u8]) {
        self.high = fnv64(part, self.high ^ part.len() as u64);
        self.low = fnv64(part, self.low.rotate_left(17));
    }

    /// The fingerprint as 32 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.high, self.low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_sensitive() {
        assert_eq!(fnv64(b"", 0), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a", 0), 0xaf63_dc4c_8601_ec8c);
        let of = |parts: &[&[u8]]| {
            let mut f = Fingerprint::default();
            parts.iter().for_each(|p| f.add(p));
            f.hex()
        };
        let a = of(&[b"one", b"two"]);
        assert_eq!(a.len(), 32);
        assert_eq!(a, of(&[b"one", b"two"]));
        assert_ne!(a, of(&[b"onet", b"wo"]));
        assert_ne!(a, of(&[b"one", b"twp"]));
    }
}
