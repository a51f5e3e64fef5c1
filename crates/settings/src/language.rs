//! The site's further languages, from site.toml:
//!
//! ```toml
//! [languages.es]
//! title = "Biblioteca de salud de Maple Street"
//! description = "Consejos de salud para su mascota, en palabras sencillas."
//!
//! [languages.es.clinic]          # optional: the clinic's words in this language
//! name = "Clínica Veterinaria Maple Street"
//! hours = ["Lunes a viernes: 8 a. m. a 6 p. m."]
//!
//! [languages.es.clinic.locations.north]   # when site.toml lists locations
//! name = "Clínica del norte"
//! hours = ["..."]
//!
//! [languages.es.labels]          # optional: the clinic's own words for labels
//! call_us_if = "Llámenos enseguida si"
//! ```
//!
//! The site's main language stays `[site] language`. Each further language gets its
//! own pages under `/<code>/`, its own words file in the theme
//! (`words/<code>.toml`), and its articles as `name.<code>.md` beside the original.

use std::collections::BTreeMap;

use crate::fields::{Fields, Need};
use pawprint_text::problem::{Code, Problem};

/// One further language of the site: `[languages.<code>]` in site.toml.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LanguageSettings {
    /// The language tag, lowercase, such as `es` or `es-mx`; also the folder its
    /// pages live under (`/es/`) and the part of a translation's file name
    /// (`name.es.md`).
    pub code: String,
    /// The site's title in this language.
    pub title: String,
    /// What the site is about, in this language, for search engines.
    pub description: Option<String>,
    /// The clinic's name in this language, when it changes.
    pub clinic_name: Option<String>,
    /// The clinic's opening hours in this language (for a clinic without a list of
    /// locations).
    pub hours: Option<Vec<String>>,
    /// Each location's name and hours in this language, by location id.
    pub locations: BTreeMap<String, LocationWords>,
    /// Labels of this language's words file replaced by the clinic's own words.
    pub labels: Vec<LabelOverride>,
    /// The line of `[languages.<code>]` in site.toml.
    #[serde(skip)]
    pub line: usize,
}

/// One word of a words file replaced in site.toml (`[labels]`, or
/// `[languages.<code>.labels]`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LabelOverride {
    /// The label's key, such as `call_us_if`.
    pub key: String,
    /// The clinic's own word for it.
    pub text: String,
    /// The line and column of the key in site.toml.
    #[serde(skip)]
    pub place: (usize, usize),
}

/// A location's words in one language.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct LocationWords {
    /// The location's name.
    pub name: Option<String>,
    /// Its opening hours.
    pub hours: Option<Vec<String>>,
}

const LANGUAGE_KEYS: &[&str] = &["title", "description", "clinic", "labels"];
const CLINIC_KEYS: &[&str] = &["name", "hours", "locations"];
const LOCATION_KEYS: &[&str] = &["name", "hours"];

/// Whether `code` can name a further language: a lowercase language tag such as
/// `es`, `fr` or `es-mx`, which is also a safe folder name.
pub(crate) fn is_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| {
            (1..=8).contains(&p.len())
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Reads the `[languages]` table of site.toml: one entry per further language,
/// sorted by code. `main` is `[site] language`, which may not be listed again.
pub fn read(
    top: &Fields<'_, '_>,
    main: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Vec<LanguageSettings> {
    let Some(table) = top.table("languages", Need::Optional, &[], problems) else {
        return Vec::new();
    };
    let mut languages = Vec::new();
    for (code, f) in table.tables(LANGUAGE_KEYS, problems) {
        let line = table.place(&code).map_or(1, |(line, _)| line);
        if !is_code(&code) {
            problems.push(
                table
                    .problem_at_key(
                        &code,
                        Code::LanguageBadCode,
                        format!("`languages.{code}` is not a language code pawprint can use"),
                    )
                    .help("use a short lowercase code such as \"es\", \"fr\" or \"es-mx\"; it becomes the folder /es/ and the file name part name.es.md"),
            );
            continue;
        }
        if main.is_some_and(|m| m.eq_ignore_ascii_case(&code)) {
            problems.push(
                table
                    .problem_at_key(
                        &code,
                        Code::LanguageMainTwice,
                        format!("`{code}` is already the site's main language ([site] language)"),
                    )
                    .help("list only the further languages under [languages]"),
            );
            continue;
        }
        let title = f
            .text("title", Need::Required, problems)
            .unwrap_or_default();
        let description = f.text("description", Need::Optional, problems);
        let (mut clinic_name, mut hours, mut locations) = (None, None, BTreeMap::new());
        if let Some(clinic) = f.table("clinic", Need::Optional, CLINIC_KEYS, problems) {
            clinic_name = clinic.text("name", Need::Optional, problems);
            hours = clinic.text_list("hours", Need::Optional, 1..usize::MAX, problems);
            if let Some(list) = clinic.table("locations", Need::Optional, &[], problems) {
                for (id, entry) in list.tables(LOCATION_KEYS, problems) {
                    let words = LocationWords {
                        name: entry.text("name", Need::Optional, problems),
                        hours: entry.text_list("hours", Need::Optional, 1..usize::MAX, problems),
                    };
                    entry.finish(problems);
                    locations.insert(id, words);
                }
            }
            clinic.finish(problems);
        }
        let mut labels = Vec::new();
        if let Some(table) = f.table("labels", Need::Optional, &[], problems) {
            for (key, text) in table.text_map(problems) {
                let place = table.place(&key).unwrap_or((line, 1));
                labels.push(LabelOverride { key, text, place });
            }
        }
        f.finish(problems);
        languages.push(LanguageSettings {
            code,
            title,
            description,
            clinic_name,
            hours,
            locations,
            labels,
            line,
        });
    }
    languages.sort_by(|a, b| a.code.cmp(&b.code));
    languages
}
