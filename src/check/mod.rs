//! `pawprint check`: everything a build would find, plus what a build lets pass:
//! broken links, missing images and alt text, placeholders left from
//! `pawprint new`, and text that reads above the plain-language limits. Nothing is
//! written to disk.

pub mod reading;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::content::markdown::{Body, LinkKind, Target};
use crate::content::{Article, Library};
use crate::problem::{Problem, Severity};
use reading::Reading;

/// Text that marks a placeholder to fill in.
pub const PLACEHOLDER: &str = "TODO";

/// The result of a check, grouped by file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Whether warnings count as errors.
    pub strict: bool,
    /// How many articles were checked.
    pub articles: usize,
    /// One entry per file with something to say, sorted by path.
    pub files: Vec<FileReport>,
}

/// What was found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file, relative to the project.
    pub file: PathBuf,
    /// Problems, in line order.
    pub problems: Vec<Problem>,
    /// Reading levels, for articles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<ArticleReading>,
}

/// The reading levels of one article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReading {
    /// The article body.
    pub body: Reading,
    /// The handout's words (intro and list items).
    pub handout: Reading,
    /// The limit for the body.
    pub max_grade_article: f64,
    /// The limit for the handout.
    pub max_grade_handout: f64,
}

impl Report {
    /// Every problem, in file order.
    pub fn problems(&self) -> impl Iterator<Item = &Problem> {
        self.files.iter().flat_map(|f| &f.problems)
    }

    /// Problems that fail the check: errors, and warnings too when strict.
    pub fn errors(&self) -> usize {
        self.problems()
            .filter(|p| p.is_error() || self.strict)
            .count()
    }

    /// Problems that do not fail the check.
    pub fn warnings(&self) -> usize {
        self.problems().count() - self.errors()
    }

    /// True when nothing fails the check.
    pub fn passed(&self) -> bool {
        self.errors() == 0
    }

    /// The summary line.
    pub fn summary(&self) -> String {
        format!(
            "Checked {} {}: {} {}, {} {}{}",
            self.articles,
            if self.articles == 1 {
                "article"
            } else {
                "articles"
            },
            self.errors(),
            if self.errors() == 1 {
                "error"
            } else {
                "errors"
            },
            self.warnings(),
            if self.warnings() == 1 {
                "warning"
            } else {
                "warnings"
            },
            if self.strict {
                " (strict: warnings count as errors)"
            } else {
                ""
            }
        )
    }

    /// The report as text, grouped per file, ending with the summary line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for file in &self.files {
            out.push_str(&format!("{}\n", file.file.display()));
            if let Some(r) = &file.reading {
                out.push_str(&format!(
                    "  reading level: article grade {:.1} ({} words; limit {}), handout grade {:.1} ({} words; limit {})\n",
                    r.body.grade, r.body.words, r.max_grade_article, r.handout.grade, r.handout.words, r.max_grade_handout
                ));
            }
            for p in &file.problems {
                let kind = match (p.severity, self.strict) {
                    (Severity::Error, _) | (Severity::Warning, true) => "error",
                    (Severity::Warning, false) => "warning",
                };
                let place = match (p.line, p.column) {
                    (Some(l), Some(c)) => format!("{l}:{c}: "),
                    (Some(l), None) => format!("{l}: "),
                    _ => String::new(),
                };
                out.push_str(&format!("  {place}{kind}[{}]: {}\n", p.code, p.message));
                if let Some(help) = &p.help {
                    for line in help.lines() {
                        out.push_str(&format!("    {line}\n"));
                    }
                }
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// The report as JSON (the shape is described in the README).
    pub fn to_json(&self) -> String {
        let value = serde_json::json!({
            "ok": self.passed(),
            "strict": self.strict,
            "summary": {
                "articles": self.articles,
                "errors": self.errors(),
                "warnings": self.warnings(),
            },
            "files": self.files,
        });
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }
}

/// Checks the project at `root`.
pub fn check(root: &Path, strict: bool) -> Report {
    let mut problems: Vec<Problem> = Vec::new();
    let mut readings: BTreeMap<PathBuf, ArticleReading> = BTreeMap::new();
    let mut articles = 0;
    match crate::load::load(root) {
        Err(found) => problems.extend(found.0),
        Ok(library) => {
            articles = library.articles.len();
            problems.extend(library.warnings.iter().cloned());
            let rendered = crate::build::render(&library);
            // The ids of every rendered page, read once.
            let mut page_ids: BTreeMap<String, HashSet<String>> = BTreeMap::new();
            if let Ok(r) = &rendered {
                for f in r.files.iter().filter(|f| f.path.ends_with(".html")) {
                    let Ok(html) = f.read() else { continue };
                    let (ids, twice) = ids_in(&String::from_utf8_lossy(&html));
                    report_duplicate_ids(&library, &f.path, &twice, &mut problems);
                    page_ids.insert(f.path.clone(), ids);
                }
            }
            let files: BTreeSet<String> = match &rendered {
                Ok(r) => r.files.iter().map(|f| f.path.clone()).collect(),
                Err(_) => BTreeSet::new(),
            };
            if let Err(found) = rendered {
                problems.extend(found.0);
            }
            let site = SiteIndex::new(&library, files, page_ids);
            for article in &library.articles {
                check_links(
                    &site,
                    &article.source,
                    &article.path,
                    &article.body,
                    &mut problems,
                );
                check_placeholders(article, &mut problems);
                let reading = read(&library, article);
                check_grades(&library, article, &reading, &mut problems);
                readings.insert(article.source.clone(), reading);
            }
            for section in &library.sections {
                if let (Some(source), Some(intro)) = (&section.source, &section.intro) {
                    check_links(&site, source, &section.path, intro, &mut problems);
                }
            }
        }
    }

    let mut by_file: BTreeMap<PathBuf, FileReport> = BTreeMap::new();
    for problem in crate::problem::Problems::from(problems).0 {
        by_file
            .entry(problem.file.clone())
            .or_insert_with(|| FileReport {
                file: problem.file.clone(),
                problems: Vec::new(),
                reading: None,
            })
            .problems
            .push(problem);
    }
    for (file, reading) in readings {
        by_file
            .entry(file.clone())
            .or_insert_with(|| FileReport {
                file,
                problems: Vec::new(),
                reading: None,
            })
            .reading = Some(reading);
    }
    Report {
        strict,
        articles,
        files: by_file.into_values().collect(),
    }
}

/// What the built site holds, to test links against.
struct SiteIndex<'a> {
    library: &'a Library,
    files: BTreeSet<String>,
    page_ids: BTreeMap<String, HashSet<String>>,
}

impl<'a> SiteIndex<'a> {
    fn new(
        library: &'a Library,
        files: BTreeSet<String>,
        page_ids: BTreeMap<String, HashSet<String>>,
    ) -> Self {
        SiteIndex {
            library,
            files,
            page_ids,
        }
    }

    /// Whether a page exists at `path` (such as `dogs/x/`, or empty for home).
    fn has_page(&self, path: &str) -> bool {
        let index = format!("{path}index.html");
        if !self.files.is_empty() {
            return self.files.contains(&index);
        }
        path.is_empty()
            || self.library.articles.iter().any(|a| a.path == path)
            || self.library.sections.iter().any(|s| s.path == path)
    }

    /// Whether a file exists at `path` in the site.
    fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
            || self.library.assets.iter().any(|a| a.path == path)
            || self
                .library
                .theme
                .static_files
                .iter()
                .any(|a| a.path == path)
    }

    /// The ids on the page at `path`: from its HTML when it was rendered, else the
    /// article's own headings and the theme's fixed ids.
    fn ids(&self, path: &str) -> Cow<'_, HashSet<String>> {
        if let Some(ids) = self.page_ids.get(&format!("{path}index.html")) {
            return Cow::Borrowed(ids);
        }
        let mut ids: HashSet<String> = crate::content::markdown::RESERVED_IDS
            .iter()
            .map(|s| s.to_string())
            .collect();
        if let Some(article) = self.library.articles.iter().find(|a| a.path == path) {
            ids.extend(article.body.anchors.iter().cloned());
        }
        Cow::Owned(ids)
    }
}

/// Every `id="..."` in an HTML page, and those that appear more than once (each
/// once, in page order).
fn ids_in(html: &str) -> (HashSet<String>, Vec<String>) {
    let mut ids = HashSet::new();
    let mut reported = HashSet::new();
    let mut twice = Vec::new();
    for (i, m) in html.match_indices(" id=\"") {
        let rest = &html[i + m.len()..];
        let Some(end) = rest.find('"') else { continue };
        let id = &rest[..end];
        if !ids.insert(id.to_string()) && reported.insert(id.to_string()) {
            twice.push(id.to_string());
        }
    }
    (ids, twice)
}

/// An error for each id used twice on the built page `page` (such as
/// `dogs/ears/index.html`), placed in the article or section it comes from, or
/// in the theme's templates for the other pages.
fn report_duplicate_ids(
    library: &Library,
    page: &str,
    twice: &[String],
    problems: &mut Vec<Problem>,
) {
    if twice.is_empty() {
        return;
    }
    let path = page.strip_suffix("index.html");
    let source = path
        .and_then(|path| {
            let article = library.articles.iter().find(|a| a.path == path);
            let section = library.sections.iter().find(|s| s.path == path);
            article
                .map(|a| a.source.clone())
                .or_else(|| section.and_then(|s| s.source.clone()))
        })
        .unwrap_or_else(|| {
            Path::new("themes")
                .join(&library.theme.name)
                .join("templates")
        });
    for id in twice {
        problems.push(
            Problem::error(
                &source,
                format!("the page /{page} has more than one element with id=\"{id}\""),
            ).code("page.duplicate-id")
            .help(format!(
                "links to #{id} can only reach one of them: give a heading its own id, such as `## Title {{#other-id}}`, or rename the id in the theme"
            )),
        );
    }
}

fn check_links(
    site: &SiteIndex<'_>,
    source: &Path,
    own_path: &str,
    body: &Body,
    problems: &mut Vec<Problem>,
) {
    for link in &body.links {
        let what = match link.kind {
            LinkKind::Link => format!("link to `{}`", link.dest),
            LinkKind::Image => format!("image `{}`", link.dest),
        };
        let broken = |code: &'static str, why: String, help: &str| {
            Problem::error(source, format!("{what} {why}"))
                .code(code)
                .at_line(link.line)
                .help(help.to_string())
        };
        match &link.target {
            // Script addresses are left out of the page and reported as a load
            // warning already.
            Target::External | Target::Unsafe => {}
            Target::SamePage => {
                if link.dest.trim().is_empty() {
                    problems.push(
                        Problem::warning(source, format!("{what} has no address")).code("link.empty")
                            .at_line(link.line)
                            .help("put the address between the brackets: [text](ear-care.md)"),
                    );
                }
            }
            Target::Outside => problems.push(broken("link.outside", 
                "points outside content/".into(),
                "link to another article by its address (/dogs/ear-care/) or its file (ear-care.md)",
            )),
            Target::Anchor { id } => {
                if !site.ids(own_path).contains(id) {
                    problems.push(broken("link.missing-anchor", 
                        "goes to a heading that does not exist on this page".into(),
                        "check the heading's id: `## What to do` has the id what-to-do",
                    ));
                }
            }
            Target::Page { path, fragment } => {
                if link.kind == LinkKind::Image {
                    problems.push(broken("image.not-a-picture", "is not a picture file".into(), "point the image at a .png, .jpg or .svg file"));
                } else if !site.has_page(path) {
                    problems.push(broken("link.broken", 
                        format!("goes to /{path}, which is not a page of this site"),
                        "check the address or the file name of the article you meant",
                    ));
                } else if let Some(id) = fragment
                    && !site.ids(path).contains(id) {
                        problems.push(broken("link.missing-anchor", 
                            format!("goes to #{id}, which is not a heading on /{path}"),
                            "check the heading's id on that page",
                        ));
                    }
            }
            Target::File { path } => {
                if !site.has_file(path) {
                    let help = if link.kind == LinkKind::Image {
                        "put the picture next to the article in content/, or fix the file name"
                    } else {
                        "put the file in content/ or fix the file name"
                    };
                    problems.push(broken(
                        match link.kind {
                            LinkKind::Image => "image.missing",
                            LinkKind::Link => "link.missing-file",
                        },
                        format!("needs content/{path}, which does not exist"),
                        help,
                    ));
                }
            }
        }
        if link.kind == LinkKind::Image && link.text.trim().is_empty() {
            problems.push(
                Problem::error(source, format!("image `{}` has no alt text", link.dest)).code("image.no-alt")
                    .at_line(link.line)
                    .help("describe the picture for people who cannot see it: ![A vet checking a dog's ear](ear.png)"),
            );
        }
    }
}

/// Placeholders from `pawprint new` that are still there.
fn check_placeholders(article: &Article, problems: &mut Vec<Problem>) {
    let front = &article.front;
    let handout = &front.handout;
    let fields: Vec<(&str, Vec<&String>)> = vec![
        ("title", vec![&front.title]),
        ("summary", vec![&front.summary]),
        ("reviewed_by", front.reviewed_by.iter().collect()),
        ("tags", front.tags.iter().collect()),
        ("handout.intro", vec![&handout.intro]),
        ("handout.signs", handout.signs.iter().collect()),
        ("handout.prevention", handout.prevention.iter().collect()),
        ("handout.call_us_if", handout.call_us_if.iter().collect()),
        ("handout.fill_in", handout.fill_in.iter().collect()),
    ];
    for (field, values) in fields {
        let left: Vec<&&String> = values.iter().filter(|v| v.contains(PLACEHOLDER)).collect();
        if !left.is_empty() {
            problems.push(
                Problem::error(
                    &article.source,
                    format!("`{field}` still holds placeholder text: \"{}\"", left[0]),
                )
                .code("placeholder.todo")
                .at_line(1)
                .help(format!(
                    "replace every {PLACEHOLDER} item with real text before publishing"
                )),
            );
        }
    }
    for block in &article.body.prose {
        if block.text.contains(PLACEHOLDER) {
            problems.push(
                Problem::error(&article.source, "the article still holds placeholder text")
                    .code("placeholder.todo")
                    .at_line(block.line)
                    .help(format!(
                        "replace the {PLACEHOLDER} paragraph with the article's text"
                    )),
            );
        }
    }
}

/// The reading levels of an article's body and handout.
pub fn read(library: &Library, article: &Article) -> ArticleReading {
    let body = reading::measure(
        article
            .body
            .prose
            .iter()
            .map(|p| (p.text.as_str(), Some(p.line))),
    );
    let handout = &article.front.handout;
    let handout_blocks = std::iter::once(&handout.intro)
        .chain(&handout.signs)
        .chain(&handout.prevention)
        .chain(&handout.call_us_if)
        .map(|t| (t.as_str(), Some(article.handout_line)));
    ArticleReading {
        body,
        handout: reading::measure(handout_blocks),
        max_grade_article: library.config.check.max_grade_article,
        max_grade_handout: library.config.check.max_grade_handout,
    }
}

fn check_grades(
    library: &Library,
    article: &Article,
    r: &ArticleReading,
    problems: &mut Vec<Problem>,
) {
    let limits = &library.config.check;
    for (what, reading, limit, line) in [
        (
            "the article",
            &r.body,
            limits.max_grade_article,
            article.body_line,
        ),
        (
            "the handout",
            &r.handout,
            limits.max_grade_handout,
            article.handout_line,
        ),
    ] {
        if reading.words == 0 || reading.grade <= limit {
            continue;
        }
        let mut help = String::from("use shorter sentences and everyday words. Longest sentences:");
        for s in &reading.longest_sentences {
            let place = s.line.map(|l| format!("line {l}: ")).unwrap_or_default();
            help.push_str(&format!(
                "\n  {place}{} words: \"{}\"",
                s.words,
                shorten(&s.text)
            ));
        }
        if !reading.hardest_words.is_empty() {
            let words: Vec<String> = reading
                .hardest_words
                .iter()
                .map(|w| format!("{} ({})", w.word, w.syllables))
                .collect();
            help.push_str(&format!(
                "\nHardest words (syllables): {}",
                words.join(", ")
            ));
        }
        problems.push(
            Problem::warning(
                &article.source,
                format!(
                    "{what} reads at grade {:.1}, above the limit of {limit} set in site.toml [check]",
                    reading.grade
                ),
            ).code("reading.grade-too-high")
            .at_line(line)
            .help(help),
        );
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 90 {
        format!("{}…", text.chars().take(90).collect::<String>())
    } else {
        text.to_string()
    }
}
