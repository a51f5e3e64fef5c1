//! The TOML block between `+++` lines at the top of every article.

use std::ops::Range;

use pawprint_settings::fields::{Fields, Need, parse_document};
use pawprint_text::date::Date;
use pawprint_text::problem::{Code, Problem};
use pawprint_text::source_map::SourceFile;
use pawprint_text::text::{file_slug, slug};

/// Everything an article's front matter says.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FrontMatter {
    /// The article's title.
    pub title: String,
    /// One or two sentences saying what the article is about.
    pub summary: String,
    /// The kinds of animal it is about, such as `dog` or `cat`.
    pub species: Vec<String>,
    /// When the article was last changed.
    pub updated: Date,
    /// Who checked it, such as "Dr. Ana Ruiz, DVM".
    pub reviewed_by: Option<String>,
    /// Topic words; each gets a page listing its articles.
    pub tags: Vec<String>,
    /// Where the facts come from.
    pub sources: Vec<Source>,
    /// The text of the printable handout.
    pub handout: HandoutText,
    /// A draft is left out of `build` (and shown with a badge by `serve`) until
    /// `draft = true` is removed.
    pub draft: bool,
    /// A translation's own last part of its address, such as
    /// `glandulas-anales-que-gotean` for `/es/dogs/glandulas-anales-que-gotean/`.
    pub slug: Option<String>,
    /// In a translation: the fingerprint of the original's text it was made from
    /// (see [`crate::Article::fingerprint`]), so `check` can tell when the
    /// original has changed since.
    pub translation_of: Option<String>,
}

/// A work the article is based on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Source {
    /// The source's title.
    pub title: String,
    /// Its web address.
    pub url: String,
}

/// The `[handout]` table: the words on the one-page sheet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HandoutText {
    /// A short opening paragraph.
    pub intro: String,
    /// The checklist of signs to watch for (3 to 10 items).
    pub signs: Vec<String>,
    /// How to help prevent the problem.
    pub prevention: Vec<String>,
    /// Red flags: when to call the clinic right away.
    pub call_us_if: Vec<String>,
    /// Labels of blanks to write in, such as "Pet's name".
    pub fill_in: Vec<String>,
    /// The name of the sheet's picture in the project's `pictures/` folder, such
    /// as `anal-glands.svg` (the drawing itself is [`crate::Article::picture`]).
    pub picture: Option<String>,
    /// What the picture shows, in words, for those who cannot see it.
    pub picture_alt: Option<String>,
}

/// The front matter of a section's `_index.md`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SectionFrontMatter {
    /// The section's title, such as "Dogs".
    pub title: String,
    /// An optional one-line description.
    pub summary: Option<String>,
    /// A translation's own name for the folder in its addresses, such as `perros`
    /// for `dogs` in `_index.es.md`: its pages then live under `/es/perros/`.
    pub slug: Option<String>,
}

/// The byte ranges of a file's front matter (the TOML between the fences) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The TOML text, without the `+++` lines.
    pub front: Range<usize>,
    /// Everything after the closing `+++` line.
    pub body: Range<usize>,
}

const FENCE: &str = "+++";

/// The longest a checklist item may be, in characters.
pub const MAX_SIGN_CHARS: usize = 100;
/// The fewest signs a sheet's checklist holds.
pub const SIGNS_MIN: usize = 3;
/// The most signs a sheet's checklist holds.
pub const SIGNS_MAX: usize = 10;

const ARTICLE_KEYS: &[&str] = &[
    "title",
    "summary",
    "species",
    "updated",
    "reviewed_by",
    "tags",
    "sources",
    "handout",
    "draft",
    "slug",
    "translation_of",
];
const SOURCE_KEYS: &[&str] = &["title", "url"];
const HANDOUT_KEYS: &[&str] = &[
    "intro",
    "signs",
    "prevention",
    "call_us_if",
    "fill_in",
    "picture",
    "picture_alt",
];
const SECTION_KEYS: &[&str] = &["title", "summary", "slug"];

/// The problem for a file that does not open with `+++`, saying what it opens with
/// instead when that is a common slip: blank lines first, or YAML's `---` fences.
fn missing_front_matter(file: &SourceFile, start: usize) -> Problem {
    let text = &file.text[start..];
    let first = text.lines().position(|l| !l.trim().is_empty());
    let problem = |message: &str| {
        Problem::error(file.path(), message.to_string()).code(Code::FrontMatterMissing)
    };
    match first.map(|i| (i, text.lines().nth(i).unwrap_or("").trim())) {
        Some((i, FENCE)) if i > 0 => problem(&format!(
            "the file starts with {i} empty line{} before its first +++",
            pawprint_text::text::plural(i, "", "s")
        ))
        .at(1, 1)
        .help("delete the empty lines above +++: the front matter must be the very first line"),
        Some((i, "---")) => problem(
            "the front matter is between --- lines (YAML, as Jekyll and Hugo write it), but pawprint reads TOML between +++ lines",
        )
        .at(i + 1, 1)
        .help("change both --- lines to +++, and write each field as key = \"value\", such as title = \"Ear care\""),
        _ => problem("the file does not start with front matter")
            .at(1, 1)
            .help("put a line with just +++ first, then the fields (title = \"...\"), then another +++ line"),
    }
}

/// The `title` in the front matter of `text`, when it has one that is not
/// blank; `None` for a file without front matter, or with front matter that
/// does not read as TOML. Nothing else in the file is checked.
pub fn title_of(text: &str) -> Option<String> {
    let file = SourceFile::new("", text.to_string());
    let front = split(&file).ok()?.front;
    let table = parse_document(&file, front, &mut Vec::new())?;
    match table.get("title").map(|value| value.get_ref()) {
        Some(toml::de::DeValue::String(title)) if !title.trim().is_empty() => {
            Some(title.to_string())
        }
        _ => None,
    }
}

/// Finds the `+++` fences. The file must open with one; a missing closing fence is
/// reported at the opening one.
pub fn split(file: &SourceFile) -> Result<Split, Problem> {
    let text = &file.text;
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = LineRanges::new(text, start);
    let opening = lines.next();
    if opening.clone().is_none_or(|r| text[r].trim_end() != FENCE) {
        return Err(missing_front_matter(file, start));
    }
    let front_start = opening.map_or(0, |r| r.end);
    for line in lines {
        if text[line.clone()].trim_end() == FENCE {
            return Ok(Split {
                front: front_start..line.start,
                body: line.end..text.len(),
            });
        }
    }
    Err(Problem::error(
        file.path(),
        "the front matter opened with +++ on line 1 is never closed",
    )
    .code(Code::FrontMatterNotClosed)
    .at(1, 1)
    .help("add a line with just +++ after the last front matter field, before the article text"))
}

/// Lines of `text` from `start`, each range including its line ending.
struct LineRanges<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> LineRanges<'t> {
    fn new(text: &'t str, start: usize) -> Self {
        LineRanges { text, at: start }
    }
}

impl Iterator for LineRanges<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i + 1);
        self.at = end;
        Some(start..end)
    }
}

/// A species the theme's words file does not name would become a group of its own
/// on the home page, so it is an error at the `species` line of `source`. The help
/// names the closest known species, or lists them all, and says how to add a new one
/// to `words_file`.
pub(crate) fn unknown_species(
    source: &std::path::Path,
    line: usize,
    species: &[String],
    known: &[&str],
    words_file: &std::path::Path,
) -> Vec<Problem> {
    species
        .iter()
        .filter(|name| !known.contains(&name.as_str()))
        .map(|name| {
            let instead = match pawprint_text::problem::did_you_mean(name, known) {
                Some(near) => format!("did you mean \"{near}\"? Type \"{near}\" instead of \"{name}\""),
                None => format!(
                    "use one of: {}",
                    known
                        .iter()
                        .map(|k| format!("\"{k}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Problem::error(
                source,
                format!("the theme does not know the species \"{name}\""),
            )
            .code(Code::FrontMatterUnknownSpecies)
            .at_line(line)
            .help(format!(
                "{instead}. For a new kind of animal, add a line such as {name} = \"...\" under [species] in {}",
                words_file.display()
            ))
        })
        .collect()
}

/// Reads an article's front matter, reporting every problem in it.
pub(crate) fn parse_article(
    file: &SourceFile,
    front: Range<usize>,
) -> Result<FrontMatter, Vec<Problem>> {
    let mut problems = Vec::new();
    let Some(table) = parse_document(file, front.clone(), &mut problems) else {
        return Err(problems);
    };
    let f = Fields::new(file, front.start, &table, ARTICLE_KEYS);
    let p = &mut problems;

    let title = f.text("title", Need::Required, p);
    let summary = f.text("summary", Need::Required, p);
    let species = f.text_list("species", Need::Required, 1..usize::MAX, p);
    let updated = f.date("updated", Need::Required, p);
    let reviewed_by = given(f.text("reviewed_by", Need::Optional, p));
    let draft = f.flag("draft", p);
    let own_slug = own_slug(&f, p);
    let translation_of = given(f.text("translation_of", Need::Optional, p));
    let tags = f
        .text_list("tags", Need::Optional, 0..usize::MAX, p)
        .unwrap_or_default();
    let sources: Vec<Source> = f
        .table_list("sources", SOURCE_KEYS, p)
        .into_iter()
        .filter_map(|s| {
            let title = s.text("title", Need::Required, p);
            let url = s.address("url", Need::Required, pawprint_text::address::WEB, p);
            s.finish(p);
            Some(Source {
                title: title?,
                url: url?,
            })
        })
        .collect();
    let handout = f
        .table("handout", Need::Required, HANDOUT_KEYS, p)
        .and_then(|h| {
            let intro = h.text("intro", Need::Required, p);
            let signs = h.text_list("signs", Need::Required, SIGNS_MIN..SIGNS_MAX + 1, p);
            for (index, sign) in signs.iter().flatten().enumerate() {
                let n = sign.chars().count();
                if n > MAX_SIGN_CHARS {
                    p.push(
                        Problem::error(
                            file.path(),
                            format!(
                                "a sign in `handout.signs` is {n} characters long; checklist items must be short (at most {MAX_SIGN_CHARS})"
                            ),
                        )
                        .code(Code::FrontMatterSignTooLong)
                        .at_span(h.span_of_item("signs", index).unwrap_or_else(|| file.span(front.clone())))
                        .help(format!("shorten \"{}…\"", sign.chars().take(30).collect::<String>())),
                    );
                }
            }
            let prevention = h.text_list("prevention", Need::Required, 1..usize::MAX, p);
            let call_us_if = h.text_list("call_us_if", Need::Required, 1..usize::MAX, p);
            let fill_in = h
                .text_list("fill_in", Need::Optional, 0..usize::MAX, p)
                .unwrap_or_default();
            let picture = given(h.text("picture", Need::Optional, p));
            // A blank `picture_alt` beside a picture is an error at its own line;
            // without a picture, both left blank are simply not given.
            let picture_alt = h
                .text("picture_alt", Need::Optional, p)
                .filter(|alt| picture.is_some() || !alt.trim().is_empty());
            match (&picture, &picture_alt) {
                (Some(name), _) if let Some(fault) = crate::picture::name_fault(name) => p.push(
                    h.problem_at_key(
                        "picture",
                        Code::PictureBadName,
                        format!("`handout.picture` {fault}"),
                    )
                    .help(format!(
                        "put the drawing in the {}/ folder of the project and write its name, such as picture = \"anal-glands.svg\"",
                        crate::picture::FOLDER
                    )),
                ),
                (Some(name), None) => p.push(
                    h.problem_at_key(
                        "picture",
                        Code::PictureAltMissing,
                        format!("the picture \"{name}\" has no `picture_alt`, the words that say what it shows"),
                    )
                    .help("add picture_alt = \"...\" under [handout]: one plain sentence saying what the drawing shows, for those who cannot see it"),
                ),
                (Some(name), Some(alt)) if alt.trim().is_empty() => p.push(
                    h.problem_at_key(
                        "picture_alt",
                        Code::PictureAltMissing,
                        format!("`handout.picture_alt` is empty: say what the picture \"{name}\" shows"),
                    )
                    .help("write one plain sentence saying what the drawing shows, for those who cannot see it"),
                ),
                (None, Some(_)) => p.push(
                    h.problem_at_key(
                        "picture_alt",
                        Code::PictureAltAlone,
                        "`handout.picture_alt` is set, but there is no `picture`".to_string(),
                    )
                    .help("add picture = \"name.svg\" for a drawing in the pictures/ folder, or remove picture_alt"),
                ),
                _ => {}
            }
            h.finish(p);
            Some(HandoutText {
                intro: intro?,
                signs: signs?,
                prevention: prevention?,
                call_us_if: call_us_if?,
                fill_in,
                picture,
                picture_alt,
            })
        });
    f.finish(p);

    let item_span = |key: &str, index: usize| {
        f.span_of_item(key, index)
            .unwrap_or_else(|| file.span(front.clone()))
    };
    if let Some(species) = &species {
        for (index, name) in species.iter().enumerate() {
            if !is_slug(name) {
                p.push(
                    Problem::error(
                        file.path(),
                        format!("species \"{name}\" is not a simple name"),
                    )
                    .code(Code::FrontMatterBadSpecies)
                    .at_span(item_span("species", index))
                    .help("use lowercase words with dashes, such as \"dog\" or \"guinea-pig\""),
                );
            }
        }
    }
    for (index, tag) in tags.iter().enumerate() {
        if slug(tag).is_empty() {
            p.push(
                Problem::error(
                    file.path(),
                    format!("tag \"{tag}\" has no letters or digits"),
                )
                .code(Code::FrontMatterBadTag)
                .at_span(item_span("tags", index))
                .help("use words such as \"skin\" or \"diet\""),
            );
        }
    }

    match (title, summary, species, updated, handout) {
        (Some(title), Some(summary), Some(species), Some(updated), Some(handout))
            if problems.is_empty() =>
        {
            Ok(FrontMatter {
                title,
                summary,
                species,
                updated,
                reviewed_by,
                tags,
                sources,
                handout,
                draft,
                slug: own_slug,
                translation_of,
            })
        }
        _ => Err(problems),
    }
}

/// An optional text left blank (`picture = ""`, as a form writes a field it
/// emptied) counts as not given.
fn given(text: Option<String>) -> Option<String> {
    text.filter(|text| !text.trim().is_empty())
}

/// Reads the optional `slug` of a translation (an article's or a section's), which
/// must be a plain name for an address.
fn own_slug(f: &Fields<'_, '_>, p: &mut Vec<Problem>) -> Option<String> {
    let own_slug = given(f.text("slug", Need::Optional, p));
    if let Some(name) = &own_slug
        && !is_file_slug(name)
    {
        p.push(
            f.problem_at_key(
                "slug",
                Code::FrontMatterBadSlug,
                format!("`slug` \"{name}\" is not a plain name for an address"),
            )
            .help(format!(
                "use lowercase a-z, digits and dashes, such as \"{}\"",
                file_slug(name)
            )),
        );
    }
    own_slug
}

/// Reads a section's `_index.md` front matter.
pub(crate) fn parse_section(
    file: &SourceFile,
    front: Range<usize>,
) -> Result<SectionFrontMatter, Vec<Problem>> {
    let mut problems = Vec::new();
    let Some(table) = parse_document(file, front.clone(), &mut problems) else {
        return Err(problems);
    };
    let f = Fields::new(file, front.start, &table, SECTION_KEYS);
    let title = f.text("title", Need::Required, &mut problems);
    let summary = f.text("summary", Need::Optional, &mut problems);
    let slug = own_slug(&f, &mut problems);
    f.finish(&mut problems);
    match title {
        Some(title) if problems.is_empty() => Ok(SectionFrontMatter {
            title,
            summary,
            slug,
        }),
        _ => Err(problems),
    }
}

/// True for lowercase names made of letters, digits and single dashes.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slug(text) == text
}

/// True for the names files and folders in `content/` may have: `a-z`, `0-9` and
/// single dashes between them. Only ASCII, so that two different names can never
/// be one file on macOS or Windows (`ſcooting` and `scooting`, `σ` and `ς`), and
/// none of the names Windows keeps for its devices (`con`, `nul`, `com1`, ...),
/// which no Windows computer can open or copy.
pub fn is_file_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && slug(text) == text
        && !is_windows_device(text)
}

/// True for the names Windows keeps for devices, in any case: `con`, `prn`, `aux`,
/// `nul`, `com1` to `com9` and `lpt1` to `lpt9`.
pub(crate) fn is_windows_device(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(name.as_str(), "con" | "prn" | "aux" | "nul")
        || ["com", "lpt"].iter().any(|start| {
            name.strip_prefix(start)
                .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
        })
}

/// A rename hint for a file or folder name that is not a [`is_file_slug`] name,
/// such as `rename it to "glandulas.md"`. `ending` is added to the suggestion.
pub fn rename_hint(what: &str, name: &str, ending: &str) -> String {
    let mut better = file_slug(name);
    if is_windows_device(&better) {
        better.push_str("-info");
        return format!(
            "\"{name}\" is a name Windows keeps for a device, so no Windows computer could open the {what}; rename it, for example to \"{better}{ending}\""
        );
    }
    if better.is_empty() || better == "index" {
        format!(
            "give the {what} a name with letters or digits, such as \"ear-care{ending}\" \
             (lowercase a-z, digits and dashes)"
        )
    } else {
        format!("rename the {what} to \"{better}{ending}\" (lowercase a-z, digits and dashes)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_of_reads_only_a_title_that_is_not_blank() {
        assert_eq!(
            title_of("+++\ntitle = \"Ojos\"\n+++\nx"),
            Some("Ojos".into())
        );
        assert_eq!(
            title_of("+++\nspecies = [\"dog\"]\ntitle=\"Ojos\" # a comment\n+++\n"),
            Some("Ojos".into())
        );
        assert_eq!(
            title_of("+++\nspecies = [\"dog\"]\ndraft = true\n+++\n"),
            None
        );
        assert_eq!(title_of("+++\ntitle = \"\"\n+++\n"), None);
        assert_eq!(title_of("+++\n[handout]\ntitle = \"x\"\n+++\n"), None);
        assert_eq!(title_of("title = \"no front matter\""), None);
    }

    #[test]
    fn blank_lines_or_yaml_fences_get_their_own_message() {
        let blank = split(&file("\n\n+++\ntitle = \"T\"\n+++\n")).unwrap_err();
        assert!(blank.message.contains("2 empty lines"), "{blank}");
        let yaml = split(&file("---\ntitle: T\n---\nBody\n")).unwrap_err();
        assert!(yaml.message.contains("YAML"), "{yaml}");
        assert_eq!(yaml.line, Some(1));
        let other = split(&file("Hello\n")).unwrap_err();
        assert!(other.message.contains("does not start with front matter"));
    }

    #[test]
    fn names_windows_keeps_are_not_file_names() {
        for name in ["con", "nul", "aux", "prn", "com1", "lpt9"] {
            assert!(!is_file_slug(name), "{name}");
            assert!(
                rename_hint("file", name, ".md").contains("Windows"),
                "{name}"
            );
        }
        for name in ["cone", "com", "com10", "lpt0", "null", "console"] {
            assert!(is_file_slug(name), "{name}");
        }
    }

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/dogs/a.md", text.to_string())
    }

    const GOOD: &str = "+++\ntitle = \"T\"\nsummary = \"S.\"\nspecies = [\"dog\"]\nupdated = 2026-11-20\n\n[handout]\nintro = \"I.\"\nsigns = [\"a\", \"b\", \"c\"]\nprevention = [\"p\"]\ncall_us_if = [\"c\"]\n+++\nBody\n";

    #[test]
    fn splits_and_parses_a_good_article() {
        let f = file(GOOD);
        let parts = split(&f).unwrap();
        assert_eq!(&f.text[parts.body.clone()], "Body\n");
        let front = parse_article(&f, parts.front).unwrap();
        assert_eq!(front.title, "T");
        assert_eq!(front.updated, Date::new(2026, 11, 20).unwrap());
        assert_eq!(front.handout.signs.len(), 3);
        assert!(front.handout.fill_in.is_empty());
    }

    #[test]
    fn an_optional_field_left_blank_is_not_given() {
        let text = GOOD
            .replace(
                "updated = 2026-11-20",
                "updated = 2026-11-20\nreviewed_by = \"\"\nslug = \" \"",
            )
            .replace(
                "call_us_if = [\"c\"]",
                "call_us_if = [\"c\"]\npicture = \"\"\npicture_alt = \"\"",
            );
        let f = file(&text);
        let parts = split(&f).unwrap();
        let front = parse_article(&f, parts.front).unwrap();
        assert_eq!(front.reviewed_by, None);
        assert_eq!(front.slug, None);
        assert_eq!(front.handout.picture, None);
        assert_eq!(front.handout.picture_alt, None);
    }

    #[test]
    fn unclosed_and_missing_fences_are_errors() {
        let unclosed = file("+++\ntitle = \"T\"\n");
        let problem = split(&unclosed).unwrap_err();
        assert_eq!(problem.code, Some(Code::FrontMatterNotClosed));
        assert_eq!(problem.line, Some(1));
        assert!(
            split(&file("title = 1\n"))
                .unwrap_err()
                .message
                .contains("does not start")
        );
        assert!(split(&file("\u{feff}+++\r\nx = 1\r\n+++\r\n")).is_ok());
    }

    #[test]
    fn problems_are_all_reported_with_lines() {
        let text = GOOD
            .replace("title = \"T\"", "tilte = \"T\"")
            .replace("2026-11-20", "\"20/11/2026\"")
            .replace("[\"a\", \"b\", \"c\"]", "[\"a\"]");
        let f = file(&text);
        let parts = split(&f).unwrap();
        let problems = parse_article(&f, parts.front).unwrap_err();
        let text: Vec<String> = problems.iter().map(|p| p.short()).collect();
        assert_eq!(problems.len(), 4, "{text:#?}");
        assert!(
            text.iter()
                .any(|m| m.contains("missing required field `title`"))
        );
        assert!(
            text.iter()
                .any(|m| m.starts_with("content/dogs/a.md:5:11:") && m.contains("date like"))
        );
        assert!(
            text.iter()
                .any(|m| m.starts_with("content/dogs/a.md:9:9:") && m.contains("has 1 item;"))
        );
        assert!(
            text.iter()
                .any(|m| m.starts_with("content/dogs/a.md:2:1:")
                    && m.contains("did you mean `title`"))
        );
    }

    #[test]
    fn file_names_are_plain_ascii() {
        for good in ["ear-care", "2026-news", "a"] {
            assert!(is_file_slug(good), "{good}");
        }
        for bad in [
            "ſcooting",
            "σ",
            "ς",
            "glándulas",
            "Ears",
            "-",
            "a--b",
            "-a",
            "a_b",
            "",
        ] {
            assert!(!is_file_slug(bad), "{bad}");
        }
        assert_eq!(file_slug("glándulas"), "glandulas");
        assert_eq!(file_slug("ſcooting"), "scooting");
        assert_eq!(file_slug("Ears & Nose"), "ears-nose");
        assert_eq!(file_slug("-"), "");
        assert_eq!(
            rename_hint("file", "glándulas", ".md"),
            "rename the file to \"glandulas.md\" (lowercase a-z, digits and dashes)"
        );
        assert!(rename_hint("file", "-", ".md").contains("\"ear-care.md\""));
    }

    #[test]
    fn slugs_are_stable() {
        assert_eq!(slug("Anal glands & diet"), "anal-glands-diet");
        assert_eq!(slug("  Vómito  "), "vómito");
        assert!(is_slug("guinea-pig"));
        assert!(!is_slug("Dog"));
    }
}
