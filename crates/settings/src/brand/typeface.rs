//! The handout's two typefaces (regular and bold): parsed once at load, measured
//! with their real glyph advances, and cut down to the glyphs each sheet uses.
//! Nothing here reads files: the loader hands over the bytes.
//!
//! Widths are measured in the PDF's own unit (1/1000 em, rounded down the way the
//! `/W` array is written), so what the layout measures is exactly what a PDF viewer
//! draws: printpdf applies no kerning.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable, NameTable};
use allsorts::tag;

/// A parsed font file.
pub struct FontFace {
    /// The PostScript name, such as `NotoSans-Regular`.
    pub name: String,
    bytes: Arc<[u8]>,
    /// Font units per em.
    pub units_per_em: u16,
    /// Ascender and descender, in font units (descender is negative).
    pub ascent: i16,
    /// See `ascent`.
    pub descent: i16,
    /// The height of capital letters, in font units (OS/2 `sCapHeight`).
    pub cap_height: i16,
    /// Bounding box of all glyphs, in font units.
    pub bbox: [i16; 4],
    /// The hhea caret slope (rise, run), for the italic angle.
    pub caret_slope: (i16, i16),
    /// OS/2 weight class (400 regular, 700 bold), 0 when unknown.
    pub weight: u16,
    /// Whether the outlines are CFF (an OpenType `.otf`) rather than TrueType.
    pub is_cff: bool,
    cmap: HashMap<char, u16>,
    /// Advance of every glyph in 1/1000 em, as written in the PDF `/W` array.
    widths: Vec<u16>,
    /// Advances of ASCII characters, for speed; `u16::MAX` when missing.
    ascii: [u16; 128],
}

#[cfg(feature = "count-measures")]
thread_local! {
    /// How many characters this thread has measured: tests count the work of
    /// breaking lines with it, instead of timing it.
    pub static MEASURED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many characters this thread has measured so far (for tests, with the
/// `count-measures` feature).
#[cfg(feature = "count-measures")]
pub fn measured() -> u64 {
    MEASURED.with(std::cell::Cell::get)
}

/// A font cut down to the glyphs of one sheet.
#[derive(Debug, Clone)]
pub struct Subset {
    /// The font program to embed.
    pub bytes: Arc<Vec<u8>>,
    /// Character → glyph id in the subset.
    pub glyphs: BTreeMap<u32, u16>,
    /// Glyph id in the subset → advance in font units.
    pub advances: BTreeMap<u16, u16>,
    /// The six-letter tag that marks a subset font's name (`ABCDEF+Name`).
    pub tag: String,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl FontFace {
    /// Parses a TrueType or OpenType font. `fallback_name` is used when the font has
    /// no PostScript name.
    pub fn parse(bytes: Arc<[u8]>, fallback_name: &str) -> Result<FontFace, String> {
        let scope = ReadScope::new(&bytes);
        let data = scope
            .read::<FontData<'_>>()
            .map_err(|e| format!("not a font file ({e})"))?;
        let provider = data
            .table_provider(0)
            .map_err(|e| format!("cannot read the font ({e})"))?;
        let table = |t: u32| {
            provider
                .read_table_data(t)
                .map_err(|e| format!("the font has no usable {} table ({e})", tag::DisplayTag(t)))
        };
        let head_data = table(tag::HEAD)?;
        let head = ReadScope::new(&head_data)
            .read::<HeadTable>()
            .map_err(|e| e.to_string())?;
        let hhea_data = table(tag::HHEA)?;
        let hhea = ReadScope::new(&hhea_data)
            .read::<HheaTable>()
            .map_err(|e| e.to_string())?;
        let maxp_data = table(tag::MAXP)?;
        let maxp = ReadScope::new(&maxp_data)
            .read::<MaxpTable>()
            .map_err(|e| e.to_string())?;
        let hmtx_data = table(tag::HMTX)?;
        let hmtx = ReadScope::new(&hmtx_data)
            .read_dep::<HmtxTable<'_>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .map_err(|e| e.to_string())?;
        let units_per_em = head.units_per_em.max(1);
        let widths: Vec<u16> = (0..maxp.num_glyphs)
            .map(|gid| {
                let advance = hmtx.horizontal_advance(gid).unwrap_or(0) as u32;
                (advance * 1000 / u32::from(units_per_em)) as u16
            })
            .collect();

        let cmap_data = table(tag::CMAP)?;
        let cmap_table = ReadScope::new(&cmap_data)
            .read::<Cmap<'_>>()
            .map_err(|e| e.to_string())?;
        let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap_table)
            .ok()
            .flatten()
            .ok_or("the font has no Unicode character map")?;
        let mut cmap = HashMap::new();
        subtable
            .mappings_fn(|code, gid| {
                if let Some(c) = char::from_u32(code)
                    && gid != 0
                {
                    cmap.insert(c, gid);
                }
            })
            .map_err(|e| e.to_string())?;
        let mut ascii = [u16::MAX; 128];
        for (i, slot) in ascii.iter_mut().enumerate() {
            if let Some(gid) = cmap.get(&(i as u8 as char)) {
                *slot = widths.get(usize::from(*gid)).copied().unwrap_or(0);
            }
        }

        let name = provider
            .read_table_data(tag::NAME)
            .ok()
            .and_then(|d| {
                ReadScope::new(&d)
                    .read::<NameTable<'_>>()
                    .ok()
                    .and_then(|n| n.string_for_id(NameTable::POSTSCRIPT_NAME))
            })
            .filter(|n| {
                !n.is_empty()
                    && n.bytes()
                        .all(|b| b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b))
            })
            .unwrap_or_else(|| fallback_name.to_string());
        let os2 = provider.read_table_data(tag::OS_2).ok().and_then(|d| {
            ReadScope::new(&d)
                .read_dep::<allsorts::tables::os2::Os2>(d.len())
                .ok()
                .map(|os2| {
                    let cap = os2.version2to4.as_ref().map(|v| v.s_cap_height);
                    (os2.us_weight_class, cap)
                })
        });
        let weight = os2.map_or(0, |(weight, _)| weight);
        // A font too old to tell its cap height (OS/2 before version 2) gets
        // its ascent, as PDF writers commonly do.
        let cap_height = os2
            .and_then(|(_, cap)| cap)
            .filter(|cap| *cap > 0)
            .unwrap_or(hhea.ascender);
        let is_cff = provider.has_table(tag::CFF);
        drop(provider);
        Ok(FontFace {
            name,
            units_per_em,
            ascent: hhea.ascender,
            descent: hhea.descender,
            cap_height,
            bbox: [head.x_min, head.y_min, head.x_max, head.y_max],
            caret_slope: (hhea.caret_slope_rise, hhea.caret_slope_run),
            weight,
            is_cff,
            cmap,
            widths,
            ascii,
            bytes,
        })
    }

    /// The font file's bytes, as read.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// True when the font can draw `c`.
    pub fn has(&self, c: char) -> bool {
        // The ASCII table has an advance for each character in the map.
        c == ' '
            || (c.is_ascii() && self.ascii[c as usize] != u16::MAX)
            || self.cmap.contains_key(&c)
    }

    /// The glyph that draws `c`, when the font has one.
    pub fn glyph_id(&self, c: char) -> Option<u16> {
        self.cmap.get(&c).copied()
    }

    /// The advance of `c` in 1/1000 em (0 when the font lacks it). A text's
    /// width is the sum of its characters' advances, times the size, over 1000.
    pub fn advance(&self, c: char) -> u32 {
        #[cfg(feature = "count-measures")]
        MEASURED.with(|n| n.set(n.get() + 1));
        if c.is_ascii() {
            let w = self.ascii[c as usize];
            if w != u16::MAX {
                return u32::from(w);
            }
        }
        self.cmap
            .get(&c)
            .and_then(|gid| self.widths.get(usize::from(*gid)))
            .map_or(0, |w| u32::from(*w))
    }

    /// The width of `text` set at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.advance(c)).sum();
        units as f32 * size / 1000.0
    }

    /// Ascender height at `size` points.
    pub fn ascent_at(&self, size: f32) -> f32 {
        f32::from(self.ascent) * size / f32::from(self.units_per_em)
    }

    /// Descender depth at `size` points (a positive number).
    pub fn descent_at(&self, size: f32) -> f32 {
        -f32::from(self.descent) * size / f32::from(self.units_per_em)
    }

    /// Cuts the font down to the glyphs needed for `chars`. Characters the font
    /// lacks are left out (the layout reports them before this point).
    pub fn subset(&self, chars: &BTreeSet<char>) -> Result<Subset, String> {
        let mut old_ids: Vec<u16> = chars
            .iter()
            .filter_map(|c| self.cmap.get(c).copied())
            .collect();
        old_ids.sort_unstable();
        old_ids.dedup();
        old_ids.insert(0, 0);
        let scope = ReadScope::new(&self.bytes);
        let data = scope
            .read::<FontData<'_>>()
            .map_err(|e| format!("cannot read the font {}: {e}", self.name))?;
        let provider = data
            .table_provider(0)
            .map_err(|e| format!("cannot read the font {}: {e}", self.name))?;
        // No name/post/OS2 tables: a PDF reader needs only the outlines and metrics.
        let mut tables = vec![tag::HEAD, tag::HHEA, tag::HMTX, tag::MAXP, tag::CMAP];
        if !self.is_cff {
            tables.extend([tag::CVT, tag::FPGM, tag::PREP]);
        }
        let bytes = subset(
            &provider,
            &old_ids,
            &SubsetProfile::Custom(tables),
            CmapTarget::Unicode,
        )
        .map_err(|e| format!("cannot subset the font {}: {e:?}", self.name))?;

        let new_id: HashMap<u16, u16> = old_ids
            .iter()
            .enumerate()
            .map(|(i, old)| (*old, i as u16))
            .collect();
        let mut glyphs = BTreeMap::new();
        let mut advances = BTreeMap::new();
        for c in chars {
            if let Some(old) = self.cmap.get(c) {
                let new = new_id[old];
                glyphs.insert(u32::from(*c), new);
                let units = self.widths[usize::from(*old)];
                // Back to font units, so printpdf's /W (× 1000 / upem, rounded down)
                // gives exactly the width the layout measured.
                let font_units = (u32::from(units) * u32::from(self.units_per_em)).div_ceil(1000);
                advances.insert(new, font_units as u16);
            }
        }
        Ok(Subset {
            bytes: Arc::new(bytes),
            glyphs,
            advances,
            tag: subset_tag(&old_ids),
        })
    }
}

/// Six capital letters derived from the glyph set, so the same sheet always gets
/// the same tag.
fn subset_tag(glyph_ids: &[u16]) -> String {
    let bytes: Vec<u8> = glyph_ids.iter().flat_map(|id| id.to_le_bytes()).collect();
    let hash = pawprint_text::fingerprint::fnv64(&bytes, 0);
    (0..6)
        .map(|i| (b'A' + ((hash >> (i * 8)) % 26) as u8) as char)
        .collect()
}

/// The regular and bold faces the handout is set in.
#[derive(Debug)]
pub struct FontSet {
    /// For body text.
    pub regular: FontFace,
    /// For headings and emphasis.
    pub bold: FontFace,
}

impl FontSet {
    /// Noto Sans Regular and Bold, from the `notosans` crate.
    pub fn noto_sans() -> FontSet {
        FontSet {
            regular: FontFace::parse(Arc::from(notosans::REGULAR_TTF), "NotoSans-Regular")
                .expect("the bundled Noto Sans Regular parses"),
            bold: FontFace::parse(Arc::from(notosans::BOLD_TTF), "NotoSans-Bold")
                .expect("the bundled Noto Sans Bold parses"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noto_sans_measures_with_real_advances() {
        let fonts = FontSet::noto_sans();
        assert!(
            fonts.regular.name.starts_with("NotoSans"),
            "{}",
            fonts.regular.name
        );
        assert_eq!(fonts.bold.name, "NotoSans-Bold");
        assert!(fonts.regular.units_per_em >= 1000);
        // Noto Sans: "i" is narrower than "m", bold is wider than regular.
        assert!(fonts.regular.width("i", 10.0) < fonts.regular.width("m", 10.0));
        assert!(fonts.bold.width("Signs", 13.0) > fonts.regular.width("Signs", 13.0));
        // Width scales with size and adds up over characters.
        let one = fonts.regular.width("dog", 10.0);
        assert!((fonts.regular.width("dog", 20.0) - 2.0 * one).abs() < 1e-4);
        assert!((fonts.regular.width("dogdog", 10.0) - 2.0 * one).abs() < 1e-4);
        assert!(
            fonts.regular.has('é') && fonts.regular.has('•') && !fonts.regular.has('\u{1F600}')
        );
    }

    #[test]
    fn subsets_are_small_deterministic_and_renumbered() {
        let fonts = FontSet::noto_sans();
        let chars: BTreeSet<char> = "Signs to watch for: é".chars().collect();
        let a = fonts.regular.subset(&chars).unwrap();
        let b = fonts.regular.subset(&chars).unwrap();
        assert_eq!(a.bytes, b.bytes);
        assert_eq!(a.tag, b.tag);
        assert_eq!(a.tag.len(), 6);
        assert!(a.tag.bytes().all(|c| c.is_ascii_uppercase()));
        assert!(a.bytes.len() < 20_000, "subset is {} bytes", a.bytes.len());
        // Every character maps to a glyph id inside the subset, not the full font.
        assert!(
            a.glyphs
                .values()
                .all(|gid| usize::from(*gid) <= chars.len())
        );
        let reparsed = FontFace::parse(Arc::from(a.bytes.as_slice()), "x").unwrap();
        assert_eq!(
            reparsed.width("watch", 13.0),
            fonts.regular.width("watch", 13.0)
        );
    }
}
