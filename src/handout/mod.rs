//! The one-page printable handout: the second renderer over the [`Library`].
//!
//! For each article and paper: the words are gathered ([`sheet_text`]), laid out
//! into a [`frame::Frame`] ([`layout`]), and painted as a PDF ([`pdf`]). Fonts and
//! the logo are read once per build; each article's font subset is made and
//! compressed once and shared by all its papers.

pub mod fonts;
pub mod frame;
pub mod layout;
pub mod logo;
pub mod pdf;
pub mod qr;
pub mod wrap;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{Article, Library};
use crate::handout::fonts::FontSet;
use crate::handout::frame::Frame;
use crate::handout::layout::{LayoutError, MM, SheetText};
use crate::handout::logo::Logo;
use crate::output::OutputFile;
use crate::paper::Paper;
use crate::problem::Problem;

/// A handout PDF that the build made, so article pages can link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoutFile {
    /// The article's path, such as `dogs/anal-gland-leakage/`.
    pub article: String,
    /// The paper it is printed on.
    pub paper: Paper,
    /// The PDF's path inside the site.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
}

/// What every handout of a build shares: the fonts and the logo.
pub struct Press {
    /// The regular and bold faces.
    pub fonts: FontSet,
    /// The clinic's logo, when site.toml names one.
    pub logo: Option<Arc<Logo>>,
    /// The body size the theme asks for.
    pub body_size: f32,
}

impl Press {
    /// Reads the fonts (the theme's, or Noto Sans) and the logo, once per build.
    pub fn prepare(library: &Library) -> Result<Press, Vec<Problem>> {
        let theme = &library.theme;
        let style = &theme.handout;
        let mut problems = Vec::new();
        let fonts = match (&style.font_regular, &style.font_bold) {
            (Some(regular), Some(bold)) => match FontSet::from_files(regular, bold) {
                Ok(fonts) => Some(fonts),
                Err(why) => {
                    problems.push(
                        Problem::error(theme.dir.join("theme.toml"), format!("cannot use the handout font: {why}"))
                            .help("name TrueType (.ttf) or OpenType (.otf) files, or remove font_regular and font_bold to use Noto Sans"),
                    );
                    None
                }
            },
            _ => Some(FontSet::noto_sans()),
        };
        let logo = match &library.config.clinic.logo {
            None => None,
            Some(name) => {
                let candidates: Vec<PathBuf> =
                    vec![theme.dir.join("static").join(name), library.root.join(name)];
                match candidates.iter().find(|p| p.is_file()) {
                    Some(path) => match logo::load(path) {
                        Ok(logo) => Some(Arc::new(logo)),
                        Err(why) => {
                            problems.push(
                                Problem::error(
                                    crate::config::FILE_NAME,
                                    format!("clinic.logo \"{name}\": {why}"),
                                )
                                .help("use a PNG or JPEG file"),
                            );
                            None
                        }
                    },
                    None => {
                        problems.push(
                            Problem::error(
                                crate::config::FILE_NAME,
                                format!("clinic.logo \"{name}\" not found"),
                            )
                            .help(format!(
                                "put the file in themes/{}/static/ or in the project folder",
                                theme.name
                            )),
                        );
                        None
                    }
                }
            }
        };
        match fonts {
            Some(fonts) if problems.is_empty() => Ok(Press {
                fonts,
                logo,
                body_size: style.body_pt,
            }),
            _ => Err(problems),
        }
    }

    /// Lays out one article's handout on one paper.
    pub fn lay_out(
        &self,
        library: &Library,
        article: &Article,
        paper: Paper,
    ) -> Result<Frame, Problem> {
        let text = sheet_text(library, article);
        let qr = qr::encode(&text.url).map_err(|why| Problem::error(&article.source, why))?;
        layout::lay_out(
            &text,
            &self.fonts,
            self.body_size,
            self.logo.as_ref(),
            &qr,
            paper,
        )
        .map_err(|e| layout_problem(article, e))
    }

    /// Makes every paper's PDF for one article.
    pub fn print(
        &self,
        library: &Library,
        article: &Article,
    ) -> Result<Vec<(HandoutFile, OutputFile)>, Vec<Problem>> {
        let text = sheet_text(library, article);
        let qr = qr::encode(&text.url).map_err(|why| vec![Problem::error(&article.source, why)])?;
        let mut frames = Vec::new();
        let mut problems = Vec::new();
        for paper in &library.config.handout.papers {
            match layout::lay_out(
                &text,
                &self.fonts,
                self.body_size,
                self.logo.as_ref(),
                &qr,
                *paper,
            ) {
                Ok(frame) => frames.push(frame),
                Err(e) => problems.push(layout_problem(article, e)),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        // One subset per face for all papers of this article, compressed once.
        let mut regular_chars = BTreeSet::new();
        let mut bold_chars = BTreeSet::new();
        for frame in &frames {
            for run in frame.texts() {
                let set = if run.bold {
                    &mut bold_chars
                } else {
                    &mut regular_chars
                };
                set.extend(run.text.chars());
            }
        }
        let subset = |face: &fonts::FontFace, chars: &BTreeSet<char>| {
            face.subset(chars)
                .map_err(|why| vec![Problem::error(&article.source, why)])
        };
        let regular = subset(&self.fonts.regular, &regular_chars)?;
        let bold = subset(&self.fonts.bold, &bold_chars)?;
        let sheet_fonts = pdf::SheetFonts {
            regular: (&self.fonts.regular, &regular),
            bold: (&self.fonts.bold, &bold),
        };
        let front = &article.front;
        let meta = pdf::Metadata {
            title: &front.title,
            author: &library.config.clinic.name,
            subject: &front.summary,
            keywords: &front.tags,
            language: &library.config.site.language,
            updated: front.updated,
        };
        let cache = pdf::StreamCache::default();
        Ok(frames
            .iter()
            .map(|frame| {
                let bytes = pdf::paint(frame, &sheet_fonts, &meta, &cache);
                let path = format!("{}{}", article.path, frame.paper.file_name());
                let file = HandoutFile {
                    article: article.path.clone(),
                    paper: frame.paper,
                    path: path.clone(),
                    size: bytes.len() as u64,
                };
                (file, OutputFile::bytes(path, bytes))
            })
            .collect())
    }
}

/// Every handout of the library, in parallel over articles.
pub fn render(library: &Library) -> Result<(Vec<HandoutFile>, Vec<OutputFile>), Vec<Problem>> {
    if library.config.handout.papers.is_empty() || library.articles.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let press = Press::prepare(library)?;
    let results: Vec<_> = library
        .articles
        .par_iter()
        .map(|article| press.print(library, article))
        .collect();
    let mut handouts = Vec::new();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(made) => {
                for (handout, file) in made {
                    handouts.push(handout);
                    files.push(file);
                }
            }
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok((handouts, files))
    } else {
        Err(problems)
    }
}

/// The words of one article's handout, with the theme's labels filled in.
pub fn sheet_text(library: &Library, article: &Article) -> SheetText {
    let clinic = &library.config.clinic;
    let theme = &library.theme;
    let label = |key: &str| theme.label(key).to_string();
    let front = &article.front;
    let website = clinic
        .website
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let contact_line = format!(
        "{}: {} · {} · {}",
        label("phone"),
        clinic.phone,
        website,
        clinic.address
    );
    let mut call_us_phone = format!("{} {}", label("call_us_now"), clinic.phone);
    if let Some(emergency) = &clinic.emergency_phone {
        call_us_phone.push_str(&format!(" · {}: {}", label("emergency_phone"), emergency));
    }
    let mut updated = format!(
        "{} {}.",
        label("updated"),
        theme.format_date(&front.updated)
    );
    if let Some(reviewer) = &front.reviewed_by {
        updated.push_str(&format!(" {} {}.", label("reviewed_by"), reviewer));
    }
    let url = format!("{}{}", library.config.site.base_url, article.path);
    SheetText {
        clinic_name: clinic.name.clone(),
        contact_line,
        title: front.title.clone(),
        intro: front.handout.intro.clone(),
        signs_heading: label("signs"),
        signs: front.handout.signs.clone(),
        prevention_heading: label("prevention"),
        prevention: front.handout.prevention.clone(),
        call_us_heading: label("call_us_if"),
        call_us_if: front.handout.call_us_if.clone(),
        call_us_phone,
        fill_in: front.handout.fill_in.clone(),
        read_more: format!("{}: {url}", label("read_more")),
        url,
        updated,
        disclaimer: label("disclaimer").replace("{clinic}", &clinic.name),
    }
}

/// The message an author sees when a handout cannot be made.
fn layout_problem(article: &Article, error: LayoutError) -> Problem {
    match error {
        LayoutError::DoesNotFit {
            paper,
            overflow,
            fields,
        } => {
            let biggest: Vec<String> = fields
                .iter()
                .filter(|(field, _)| field.starts_with("handout.") || *field == "title")
                .take(3)
                .map(|(field, height)| format!("{field} ({:.0} mm)", height / MM))
                .collect();
            Problem::error(
                &article.source,
                format!(
                    "the handout does not fit on one {paper} page: it is {:.1} mm too tall, even with 12 pt text and tight spacing",
                    overflow / MM
                ),
            )
            .at_line(article.handout_line)
            .help(format!(
                "shorten the fields taking the most space: {}",
                biggest.join(", ")
            ))
        }
        LayoutError::Unprintable { field, chars } => {
            let list: Vec<String> = chars
                .iter()
                .map(|c| format!("{c} (U+{:04X})", *c as u32))
                .collect();
            Problem::error(
                &article.source,
                format!("the handout font cannot print {} in {field}", list.join(", ")),
            )
            .at_line(article.handout_line)
            .help("remove or replace those characters, or give the theme a handout font that has them")
        }
    }
}
