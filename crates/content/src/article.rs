//! An article: one Markdown file, its front matter and its rendered body.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use crate::front_matter::{FrontMatter, SectionFrontMatter};
use crate::markdown::Body;
use crate::permalink::{Address, Alternate};
use crate::picture::Picture;
use pawprint_text::problem::Problem;
use pawprint_text::source_map::{SourceFile, Span};

/// One pet-health article, loaded and checked.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Article {
    /// The Markdown file, relative to the project root (`content/dogs/x.md`).
    pub source: PathBuf,
    /// The page's path inside the site, ending in `/`: `dogs/anal-gland-leakage/`,
    /// or `es/dogs/glandulas-anales/` for a translation.
    pub path: String,
    /// The language it is written in, such as `en` or `es`.
    pub language: String,
    /// The path of the article in the site's main language that this one translates,
    /// such as `dogs/anal-gland-leakage/` (its own path when it is that article):
    /// how an article and its translations find each other.
    pub original: String,
    /// The same article in the site's other languages, set once by load.
    pub translations: Vec<Alternate>,
    /// A short fingerprint of the file's text. A translation's `translation_of`
    /// holds its original's fingerprint as it was when the translation was made.
    pub fingerprint: String,
    /// The page's link and full address, set once by load.
    pub address: Address,
    /// The folder (section) it belongs to, such as `dogs`; `None` at the top level.
    pub section: Option<String>,
    /// The line the body starts on, for messages about the body.
    pub body_line: usize,
    /// The line of the `[handout]` table, for messages about the handout.
    pub handout_line: usize,
    /// Where each front matter field printed on the handout is written, by the
    /// name messages give it (`title`, `handout.signs`, ...), and `species`,
    /// `slug`, `translation_of` and the `[handout]` table itself (`handout`).
    pub field_spans: BTreeMap<&'static str, Span>,
    /// What the front matter says.
    pub front: FrontMatter,
    /// The rendered body.
    pub body: Body,
    /// The sheet's picture, read from `pictures/` once every article is loaded,
    /// when `[handout]` names one.
    #[serde(skip)]
    pub picture: Option<Arc<Picture>>,
}

impl Article {
    /// The line of a field printed on the handout, such as `title` or
    /// `handout.signs`; the `[handout]` line for anything else.
    pub fn line_of(&self, field: &str) -> usize {
        self.field_spans
            .get(field)
            .map_or(self.handout_line, |span| span.line)
    }

    /// `problem`, placed where `field` is written (see [`Article::line_of`]).
    pub fn place(&self, field: &str, problem: Problem) -> Problem {
        match self
            .field_spans
            .get(field)
            .or_else(|| self.field_spans.get("handout"))
        {
            Some(span) => problem.at_span(span.clone()),
            None => problem.at_line(self.handout_line),
        }
    }
}

/// The front matter fields whose words the handout prints, and `species`: the name
/// messages give each, its key, and whether it sits in the `[handout]` table.
const PRINTED_FIELDS: [(&str, &str, bool); 10] = [
    ("title", "title", false),
    ("species", "species", false),
    ("reviewed_by", "reviewed_by", false),
    ("handout.intro", "intro", true),
    ("handout.signs", "signs", true),
    ("handout.prevention", "prevention", true),
    ("handout.call_us_if", "call_us_if", true),
    ("handout.fill_in", "fill_in", true),
    ("handout.picture", "picture", true),
    ("handout.picture_alt", "picture_alt", true),
];

/// Where each field of [`PRINTED_FIELDS`], `slug`, `translation_of` and the
/// `[handout]` table are written in the front matter at `front`, from the TOML
/// parser's spans; empty when the front matter does not parse.
pub(crate) fn printed_field_spans(
    file: &SourceFile,
    front: Range<usize>,
) -> BTreeMap<&'static str, Span> {
    use toml::de::{DeTable, DeValue};
    let mut spans = BTreeMap::new();
    let Some(text) = file.text.get(front.clone()) else {
        return spans;
    };
    let Ok(table) = DeTable::parse(text) else {
        return spans;
    };
    let table = table.get_ref();
    let span = |range: Range<usize>| file.span(front.start + range.start..front.start + range.end);
    let handout = table.get("handout").and_then(|value| {
        spans.insert("handout", span(value.span()));
        match value.get_ref() {
            DeValue::Table(handout) => Some(handout),
            _ => None,
        }
    });
    let top_level = [("slug", "slug"), ("translation_of", "translation_of")];
    for (field, key, in_handout) in PRINTED_FIELDS
        .iter()
        .copied()
        .chain(top_level.map(|(field, key)| (field, key, false)))
    {
        let holder = if in_handout { handout } else { Some(table) };
        if let Some(value) = holder.and_then(|t| t.get(key)) {
            spans.insert(field, span(value.span()));
        }
    }
    spans
}

/// A folder of articles, with its own listing page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Section {
    /// The folder inside `content/`, such as `dogs`.
    pub dir: String,
    /// The page's path inside the site, such as `dogs/` (`es/dogs/` in Spanish).
    pub path: String,
    /// The same section in the site's other languages, set once by load.
    pub translations: Vec<Alternate>,
    /// The page's link and full address, set once by load.
    pub address: Address,
    /// From `_index.md` when present.
    pub front: Option<SectionFrontMatter>,
    /// The `_index.md` file, when present.
    pub source: Option<PathBuf>,
    /// The intro text from the body of `_index.md`.
    pub intro: Option<Body>,
}

impl Section {
    /// The title: from `_index.md`, or the folder name with its first letter raised.
    pub fn title(&self) -> String {
        match &self.front {
            Some(front) => front.title.clone(),
            None => {
                let name = self
                    .dir
                    .rsplit('/')
                    .next()
                    .unwrap_or(&self.dir)
                    .replace('-', " ");
                let mut chars = name.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => name,
                }
            }
        }
    }
}
