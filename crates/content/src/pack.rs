//! Print packs: several handouts printed together for one visit, such as "New
//! puppy". Each pack is a file `packs/<name>.toml` beside site.toml:
//!
//! ```toml
//! title = "New puppy"
//! articles = ["dogs/anal-gland-leakage", "dogs/vaccines", "dogs/fleas"]
//!
//! [titles]
//! es = "Cachorro nuevo"
//! ```
//!
//! The build prints each pack as one PDF per paper (and per location and
//! language): the articles' sheets in the order written, one sheet per page. A
//! pack holds at most [`MAX_SHEETS`]; an article listed twice gets a warning.

use std::collections::HashMap;
use std::path::PathBuf;

use toml::de::DeValue;

use crate::Article;
use crate::front_matter::{is_file_slug, rename_hint};
use pawprint_settings::fields::{self, Fields, Need};
use pawprint_text::problem::{Code, Place, Problem, Span, did_you_mean};
use pawprint_text::source_map::SourceFile;

/// The folder of packs inside a project, beside site.toml.
pub const PACKS_DIR: &str = "packs";

/// The most sheets a pack holds: more than anyone prints at one visit. Each sheet
/// of a pack costs its memory and its pages in every paper, location and language,
/// so a list that runs on (a slip, or a file made by a script) is refused when the
/// pack file is read, before a sheet is made.
pub(crate) const MAX_SHEETS: usize = 50;

/// A pack as its file says it, before the articles are looked up.
#[derive(Debug, Clone, PartialEq)]
pub struct PackFile {
    /// The file, relative to the project root (`packs/new-puppy.toml`).
    pub source: PathBuf,
    /// The file's name without `.toml`: the pack's PDFs are named after it.
    pub name: String,
    /// The title in the site's main language.
    pub title: String,
    /// Titles in further languages, by language code.
    pub titles: Vec<(String, String)>,
    /// Each article as written (`dogs/anal-gland-leakage`), with its line.
    pub articles: Vec<(String, usize)>,
}

/// A pack in one language, its articles found.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// The file it comes from.
    pub source: PathBuf,
    /// The file's name without `.toml`.
    pub name: String,
    /// The title in this language.
    pub title: String,
    /// The paths of its articles in this language (`dogs/x/`, `es/dogs/x/`), in
    /// the order written.
    pub articles: Vec<String>,
}

/// Reads one pack file. Problems are added to `problems`; `None` when the file
/// cannot be used. An article listed twice is a warning, added to `warnings`
/// when the file can be used.
pub fn parse(
    file: &SourceFile,
    name: &str,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Option<PackFile> {
    let before = problems.len();
    if !is_file_slug(name) {
        problems.push(
            Problem::error(
                file.path(),
                "this pack's file name cannot be part of a web address",
            )
            .code(Code::PackBadName)
            .help(rename_hint("pack file", name, ".toml")),
        );
    }
    let table = fields::parse_document(file, 0..file.text.len(), problems)?;
    let fields = Fields::new(file, 0, &table, &["title", "titles", "articles"]);
    let title = fields.text("title", Need::Required, problems);
    let titles = fields
        .table("titles", Need::Optional, &[], problems)
        .map(|t| t.text_map(problems))
        .unwrap_or_default();
    let mut articles = Vec::new();
    let mut repeats = Vec::new();
    match table.get("articles").map(|v| (v.get_ref(), v.span())) {
        None => problems.push(
            Problem::error(file.path(), "this pack lists no articles")
                .code(Code::PackNoArticles)
                .help("add a line such as: articles = [\"dogs/anal-gland-leakage\"]"),
        ),
        Some((DeValue::Array(items), span)) => {
            if items.is_empty() {
                problems.push(
                    Problem::error(file.path(), "this pack lists no articles")
                        .code(Code::PackNoArticles)
                        .at_span(file.span(span.clone()))
                        .help("add the path of each article, such as \"dogs/anal-gland-leakage\""),
                );
            }
            // Where each article is first listed, by its path as the site writes it.
            let mut first: HashMap<String, Span> = HashMap::new();
            for (i, item) in items.iter().enumerate() {
                let place = file.span(item.span());
                let line = place.line;
                if i == MAX_SHEETS {
                    problems.push(
                        Problem::error(
                            file.path(),
                            format!(
                                "this pack lists {} articles, and a pack holds at most {MAX_SHEETS} sheets",
                                items.len()
                            ),
                        )
                        .code(Code::PackTooManyArticles)
                        .at_span(place.clone())
                        .help(format!(
                            "no visit needs more than {MAX_SHEETS} sheets: take some out, or split them into two packs"
                        )),
                    );
                    break;
                }
                match item.get_ref() {
                    DeValue::String(text) if !text.trim().is_empty() => {
                        let written = text.trim();
                        match first.get(&article_path(written)) {
                            Some(earlier) => repeats.push(
                                Problem::warning(
                                    file.path(),
                                    format!(
                                        "`{written}` is already in this pack, at line {}, so its sheet prints twice",
                                        earlier.line
                                    ),
                                )
                                .code(Code::PackRepeatedArticle)
                                .at_span(place.clone())
                                .label("listed again here")
                                .also_at(Place::span(file.path(), earlier.clone(), "first listed here"))
                                .help("take out one of the two, unless you mean to print two copies"),
                            ),
                            None => {
                                first.insert(article_path(written), place.clone());
                            }
                        }
                        articles.push((written.to_string(), line))
                    }
                    _ => problems.push(
                        Problem::error(file.path(), "each article must be its path in quotes")
                            .code(Code::PackBadArticle)
                            .at_span(place.clone())
                            .help("write it like \"dogs/anal-gland-leakage\""),
                    ),
                }
            }
        }
        Some((_, span)) => problems.push(
            Problem::error(file.path(), "`articles` must be a list")
                .code(Code::PackBadArticle)
                .at_span(file.span(span.clone()))
                .help("write it like: articles = [\"dogs/anal-gland-leakage\"]"),
        ),
    }
    fields.finish_allowing(&["titles".to_string()], problems);
    if problems.len() > before {
        return None;
    }
    warnings.extend(repeats);
    Some(PackFile {
        source: file.path().to_path_buf(),
        name: name.to_string(),
        title: title?,
        titles,
        articles,
    })
}

/// The path of an article as a pack writes it, the way the site writes it:
/// `dogs/ears` and `/dogs/ears/` both become `dogs/ears/`.
fn article_path(written: &str) -> String {
    format!("{}/", written.trim_matches('/'))
}

/// Finds the articles of a pack in the site's main language. An article that is
/// not there, or is a draft, is an error at its line.
pub fn resolve(
    pack: &PackFile,
    articles: &[Article],
    drafts: &[Article],
) -> Result<Pack, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut found = Vec::new();
    let known: Vec<&str> = articles
        .iter()
        .map(|a| a.path.trim_end_matches('/'))
        .collect();
    // Every article and draft by path, found through a map rather than a scan per
    // line (a draft may be among `articles` when `serve` shows drafts).
    let by_path: HashMap<&str, &Article> = articles
        .iter()
        .chain(drafts)
        .map(|a| (a.path.as_str(), a))
        .collect();
    for (written, line) in &pack.articles {
        let path = article_path(written);
        let draft = by_path.get(path.as_str()).filter(|a| a.front.draft);
        if let Some(draft) = draft {
            problems.push(
                Problem::error(
                    &pack.source,
                    format!("`{written}` is a draft, so it cannot be printed in a pack"),
                )
                .code(Code::PackDraftArticle)
                .at_line(*line)
                .help(format!(
                    "publish it (remove `draft = true` from {}) or take it out of this pack",
                    draft.source.display()
                )),
            );
        } else if by_path.contains_key(path.as_str()) {
            found.push(path);
        } else {
            let help = match did_you_mean(path.trim_end_matches('/'), &known) {
                Some(close) => format!("did you mean \"{close}\"?"),
                None => "write the article's path inside content/, without .md, such as \"dogs/anal-gland-leakage\"".to_string(),
            };
            problems.push(
                Problem::error(&pack.source, format!("there is no article `{written}`"))
                    .code(Code::PackUnknownArticle)
                    .at_line(*line)
                    .help(help),
            );
        }
    }
    if problems.is_empty() {
        Ok(Pack {
            source: pack.source.clone(),
            name: pack.name.clone(),
            title: pack.title.clone(),
            articles: found,
        })
    } else {
        Err(problems)
    }
}

/// The same pack in a further language: each article's translation, in the same
/// order. An article without a translation is left out of this language's pack,
/// with a warning; a pack left with no article is not printed in this language.
pub fn translate(
    pack: &PackFile,
    main: &Pack,
    language: &str,
    articles: &[Article],
    warnings: &mut Vec<Problem>,
) -> Option<Pack> {
    let mut found = Vec::new();
    let by_original: HashMap<&str, &Article> =
        articles.iter().map(|a| (a.original.as_str(), a)).collect();
    for (path, (written, line)) in main.articles.iter().zip(&pack.articles) {
        match by_original.get(path.as_str()) {
            Some(article) => found.push(article.path.clone()),
            None => warnings.push(
                Problem::warning(
                    &pack.source,
                    format!("`{written}` has no translation in `{language}`, so the `{language}` pack leaves it out"),
                )
                .code(Code::PackNoTranslation)
                .at_line(*line)
                .help(format!("to print it in this pack, translate it ({})", translation_file(written, language))),
            ),
        }
    }
    if found.is_empty() {
        return None;
    }
    let title = pack
        .titles
        .iter()
        .find(|(code, _)| code == language)
        .map(|(_, title)| title.clone())
        .unwrap_or_else(|| pack.title.clone());
    Some(Pack {
        source: pack.source.clone(),
        name: pack.name.clone(),
        title,
        articles: found,
    })
}

/// Where a translation of `written` goes, such as `content/dogs/x.es.md`.
fn translation_file(written: &str, language: &str) -> String {
    format!("content/{}.{language}.md", written.trim_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_file_is_read_with_each_article_line() {
        let text = "title = \"New puppy\"\narticles = [\n  \"dogs/a\",\n  \"dogs/b/\",\n]\n[titles]\nes = \"Cachorro\"\n";
        let file = SourceFile::new("packs/new-puppy.toml", text.to_string());
        let mut problems = Vec::new();
        let pack = parse(&file, "new-puppy", &mut problems, &mut Vec::new()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(pack.title, "New puppy");
        assert_eq!(
            pack.articles,
            vec![("dogs/a".to_string(), 3), ("dogs/b/".to_string(), 4)]
        );
        assert_eq!(
            pack.titles,
            vec![("es".to_string(), "Cachorro".to_string())]
        );
        assert_eq!(article_path("/dogs/b/"), "dogs/b/");
    }

    #[test]
    fn an_empty_list_or_a_name_unfit_for_an_address_is_an_error() {
        let file = SourceFile::new(
            "packs/New Puppy.toml",
            "title = \"New puppy\"\n\narticles = []\n".to_string(),
        );
        let mut problems = Vec::new();
        assert!(parse(&file, "New Puppy", &mut problems, &mut Vec::new()).is_none());
        let found: Vec<_> = problems.iter().map(|p| (p.code.unwrap(), p.line)).collect();
        assert_eq!(
            found,
            vec![(Code::PackBadName, None), (Code::PackNoArticles, Some(3))]
        );
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap()
                .contains("new-puppy.toml")
        );
    }

    #[test]
    fn a_pack_without_a_title_or_articles_says_so() {
        let file = SourceFile::new("packs/x.toml", "artikles = []\n".to_string());
        let mut problems = Vec::new();
        assert!(parse(&file, "x", &mut problems, &mut Vec::new()).is_none());
        let codes: Vec<_> = problems.iter().filter_map(|p| p.code).collect();
        assert!(codes.contains(&Code::PackNoArticles), "{codes:?}");
        assert!(codes.contains(&Code::SettingsUnknownKey), "{codes:?}");
    }
}
