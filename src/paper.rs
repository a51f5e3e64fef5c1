//! The paper sizes a handout can be printed on. A setting of site.toml, below the
//! handout renderer so that config need not import it.

use std::fmt;

/// A sheet size. Sizes are in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// US Letter, 8.5 × 11 inches.
    Letter,
    /// ISO A4, 210 × 297 mm.
    A4,
}

impl Paper {
    /// Every paper pawprint knows, in the order they are listed in messages.
    pub const ALL: [Paper; 2] = [Paper::Letter, Paper::A4];

    /// The name used in site.toml and file names: `letter` or `a4`.
    pub fn key(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
        }
    }

    /// Reads a name from site.toml.
    pub fn from_key(key: &str) -> Option<Paper> {
        Paper::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.2756, 841.8898),
        }
    }

    /// The file name of this paper's handout, such as `handout-a4.pdf`.
    pub fn file_name(self) -> String {
        format!("handout-{}.pdf", self.key())
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Paper::Letter => "US Letter",
            Paper::A4 => "A4",
        })
    }
}
