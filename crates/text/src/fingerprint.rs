//! Fingerprints of content.
//!
//! - [`Fingerprint`] (BLAKE3, 256 bits) decides whether something made by the last
//!   build can be reused: a published sheet is kept only when every input of its
//!   bytes has the same fingerprint.
//! - [`StableId`] (two FNV-1a passes, 128 bits) makes ids that must come out the same
//!   on every build and every machine and that are written into files: a PDF's
//!   document id, a translation's `translation_of` pin, the output folder's project
//!   line. It is not a hash to trust for equality: it stays FNV because changing it
//!   would change every sheet's bytes and every translation's pin.

/// A 64-bit FNV-1a hash of `bytes`, starting from `seed`.
pub fn fnv64(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ seed;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A BLAKE3 fingerprint built up one byte string at a time, without keeping them.
/// Each part's length goes in before it, so `ab`+`c` differs from `a`+`bc`.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    hasher: blake3::Hasher,
}

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint {
            hasher: blake3::Hasher::new_derive_key("pawprint 2026-12 fingerprint"),
        }
    }
}

impl Fingerprint {
    /// Adds one byte string.
    pub fn add(&mut self, part: &[u8]) {
        self.hasher.update(&(part.len() as u64).to_le_bytes());
        self.hasher.update(part);
    }

    /// Adds a list of strings: how many, then each one.
    pub fn add_all(&mut self, parts: &[String]) {
        self.add(&(parts.len() as u64).to_le_bytes());
        for part in parts {
            self.add(part.as_bytes());
        }
    }

    /// The fingerprint as 64 hex digits.
    pub fn hex(&self) -> String {
        self.hasher.finalize().to_hex().to_string()
    }
}

/// A 128-bit id built up one byte string at a time (see the module's notes).
#[derive(Debug, Clone, Copy)]
pub struct StableId {
    high: u64,
    low: u64,
}

impl Default for StableId {
    fn default() -> Self {
        StableId {
            high: 0,
            low: 0x9e37_79b9_7f4a_7c15,
        }
    }
}

impl StableId {
    /// Adds one byte string (its length counts, so `ab`+`c` differs from `a`+`bc`).
    pub fn add(&mut self, part: &[u8]) {
        self.high = fnv64(part, self.high ^ part.len() as u64);
        self.low = fnv64(part, self.low.rotate_left(17));
    }

    /// The id as 32 hex digits.
    pub fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.high, self.low)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_ids_do_not_change() {
        assert_eq!(fnv64(b"", 0), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv64(b"a", 0), 0xaf63_dc4c_8601_ec8c);
        let of = |parts: &[&[u8]]| {
            let mut f = StableId::default();
            parts.iter().for_each(|p| f.add(p));
            f.hex()
        };
        let a = of(&[b"one", b"two"]);
        assert_eq!(a.len(), 32);
        // Written into every PDF and every translation's pin: a change here would
        // change them all.
        assert_eq!(a, "5338ad3e77ad42228688bb90a3d47a3a");
        assert_ne!(a, of(&[b"onet", b"wo"]));
        assert_ne!(a, of(&[b"one", b"twp"]));
    }

    #[test]
    fn fingerprints_are_blake3_and_see_where_parts_end() {
        let of = |parts: &[&[u8]]| {
            let mut f = Fingerprint::default();
            parts.iter().for_each(|p| f.add(p));
            f.hex()
        };
        let a = of(&[b"one", b"two"]);
        assert_eq!(a.len(), 64);
        assert_eq!(a, of(&[b"one", b"two"]));
        assert_ne!(a, of(&[b"onet", b"wo"]));
        assert_ne!(a, of(&[b"one", b"twp"]));
        let mut expected = blake3::Hasher::new_derive_key("pawprint 2026-12 fingerprint");
        for part in [&b"one"[..], b"two"] {
            expected.update(&(part.len() as u64).to_le_bytes());
            expected.update(part);
        }
        assert_eq!(a, expected.finalize().to_hex().to_string());
    }
}
