//! The paper sizes a handout can be printed on. A setting of site.toml, below the
//! handout renderer so that config need not import it.

use std::fmt;

/// The body size of a large-print sheet, in points, for owners with low vision.
/// A large-print sheet never sets its text smaller than this.
pub(crate) const LARGE_BODY_PT: f32 = 16.0;

/// A sheet size, in normal or large print. Sizes are in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Paper {
    /// US Letter, 8.5 × 11 inches.
    #[serde(rename = "letter")]
    Letter,
    /// ISO A4, 210 × 297 mm.
    #[serde(rename = "a4")]
    A4,
    /// US Letter in large print: 16 pt body text at the least.
    #[serde(rename = "letter-large")]
    LetterLarge,
    /// A4 in large print: 16 pt body text at the least.
    #[serde(rename = "a4-large")]
    A4Large,
}

impl Paper {
    /// Every paper pawprint knows, in the order they are listed in messages.
    pub const ALL: [Paper; 4] = [Paper::Letter, Paper::A4, Paper::LetterLarge, Paper::A4Large];

    /// The name used in site.toml and file names: `letter`, `a4`, `letter-large` or
    /// `a4-large`.
    pub fn key(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
            Paper::LetterLarge => "letter-large",
            Paper::A4Large => "a4-large",
        }
    }

    /// The paper's name in the file names of sheets and packs in `language` (a tag
    /// such as `es` or `es-MX`), so that a saved or emailed sheet names its paper in
    /// the reader's words: in Spanish `carta`, `a4`, `carta-letra-grande` and
    /// `a4-letra-grande`; in any other language the [`Paper::key`].
    pub fn file_key(self, language: &str) -> &'static str {
        let primary = language.split(['-', '_']).next().unwrap_or_default();
        if !primary.eq_ignore_ascii_case("es") {
            return self.key();
        }
        match self {
            Paper::Letter => "carta",
            Paper::A4 => "a4",
            Paper::LetterLarge => "carta-letra-grande",
            Paper::A4Large => "a4-letra-grande",
        }
    }

    /// Reads a name from site.toml.
    pub(crate) fn from_key(key: &str) -> Option<Paper> {
        Paper::ALL.into_iter().find(|p| p.key() == key)
    }

    /// True for the large-print variants.
    pub fn is_large(self) -> bool {
        matches!(self, Paper::LetterLarge | Paper::A4Large)
    }

    /// True for the sizes measured in inches (US Letter), so messages give inches too.
    pub fn uses_inches(self) -> bool {
        matches!(self, Paper::Letter | Paper::LetterLarge)
    }

    /// The body sizes a sheet may use, in points: the largest to try first and the
    /// smallest allowed. `theme_body` is the theme's `body_size`; `min_body` the
    /// smallest size any normal sheet may use. Large print starts and stops at
    /// [`LARGE_BODY_PT`] or above.
    pub fn body_range(self, theme_body: f32, min_body: f32) -> (f32, f32) {
        let floor = if self.is_large() {
            LARGE_BODY_PT
        } else {
            min_body
        };
        (theme_body.max(floor), floor)
    }

    /// Width and height in points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::Letter | Paper::LetterLarge => (612.0, 792.0),
            Paper::A4 | Paper::A4Large => (595.2756, 841.8898),
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Paper::Letter => "US Letter",
            Paper::A4 => "A4",
            Paper::LetterLarge => "large-print US Letter",
            Paper::A4Large => "large-print A4",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_print_has_its_own_key_and_16_pt_floor() {
        assert_eq!(Paper::from_key("letter-large"), Some(Paper::LetterLarge));
        assert_eq!(Paper::from_key("a4-large"), Some(Paper::A4Large));
        assert_eq!(Paper::LetterLarge.key(), "letter-large");
        assert_eq!(Paper::LetterLarge.size_pt(), Paper::Letter.size_pt());
        assert_eq!(Paper::A4Large.body_range(13.0, 12.0), (16.0, 16.0));
        assert_eq!(Paper::A4Large.body_range(20.0, 12.0), (20.0, 16.0));
        assert_eq!(Paper::A4.body_range(13.0, 12.0), (13.0, 12.0));
        assert!(Paper::LetterLarge.uses_inches() && !Paper::A4Large.uses_inches());
    }

    #[test]
    fn spanish_file_names_name_the_paper_in_spanish() {
        let spanish: Vec<&str> = Paper::ALL.iter().map(|p| p.file_key("es-MX")).collect();
        assert_eq!(
            spanish,
            ["carta", "a4", "carta-letra-grande", "a4-letra-grande"]
        );
        for paper in Paper::ALL {
            assert_eq!(paper.file_key("en"), paper.key());
            assert_eq!(paper.file_key("fr-CA"), paper.key());
        }
        // Each name is its own in every language, as file names must be.
        let mut all: Vec<&str> = spanish
            .iter()
            .copied()
            .chain(Paper::ALL.map(Paper::key))
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 7);
    }
}
