//! The one-page printable handout: the second renderer over the [`Library`].
//!
//! For each article and paper: the words are gathered ([`sheet_text`]), laid out
//! into a [`frame::Frame`] ([`layout`]), and painted as a PDF ([`pdf`]). The fonts
//! and the logo come ready from load ([`crate::brand`]): nothing here opens a file.
//! Each article's font subset is made and compressed once and shared by all its
//! papers.

pub mod frame;
pub mod layout;
pub mod pdf;
pub mod qr;
pub mod wrap;

use std::collections::BTreeSet;
use std::sync::Arc;

use rayon::prelude::*;

use crate::brand::logo::Logo;
use crate::brand::typeface::{FontFace, FontSet};
use crate::content::permalink::Addresses;
use crate::content::{Article, Library};
use crate::handout::frame::Frame;
use crate::handout::layout::{LayoutError, MM, SheetText};
use crate::location::Location;
use crate::paper::Paper;
use crate::problem::Problem;
use crate::site_file::OutputFile;

/// A handout PDF that the build made, so article pages can link to it.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoutFile {
    /// The article's path, such as `dogs/anal-gland-leakage/`.
    pub article: String,
    /// The paper it is printed on.
    pub paper: Paper,
    /// The id of the location whose contacts it shows; empty when the clinic has
    /// one location.
    pub location: String,
    /// The PDF's path inside the site.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
    /// The body type size it was set in, in points.
    pub body_pt: f32,
}

/// What every handout of a build shares: the fonts and the logo (both read at
/// load), and the logo made ready for PDF once.
pub struct Press<'l> {
    /// The regular and bold faces.
    pub fonts: &'l FontSet,
    /// The clinic's logo, when site.toml names one.
    pub logo: Option<&'l Arc<Logo>>,
    /// The logo as a PDF image, compressed once for every sheet.
    logo_image: Option<pdf::LogoImage>,
    /// The body size the theme asks for.
    pub body_size: f32,
}

impl<'l> Press<'l> {
    /// Gets ready to print the library's handouts. Touches no files: the fonts and
    /// the logo were read at load.
    pub fn new(library: &'l Library) -> Press<'l> {
        let brand = &library.brand;
        Press {
            fonts: &brand.fonts,
            logo: brand.logo.as_ref(),
            logo_image: brand.logo.as_deref().map(pdf::LogoImage::new),
            body_size: library.theme.handout.body_pt,
        }
    }

    /// Lays out one article's handout on one paper, with the first location's
    /// contacts.
    pub fn lay_out(
        &self,
        library: &Library,
        article: &Article,
        paper: Paper,
    ) -> Result<Frame, Problem> {
        let text = sheet_text(library, article, &library.config.clinic.locations[0]);
        let qr = qr::encode(&text.url)
            .map_err(|why| Problem::error(&article.source, why).code("handout.qr-code"))?;
        layout::lay_out(&text, self.fonts, self.body_size, self.logo, &qr, paper)
            .map_err(|e| layout_problem(article, e))
    }

    /// Makes every paper's PDF for one article, one per location when the clinic
    /// has several. The QR code, the font subsets and the compressed streams are
    /// made once per article and shared by every location and paper.
    pub fn print(
        &self,
        library: &Library,
        article: &Article,
    ) -> Result<Vec<(HandoutFile, OutputFile)>, Vec<Problem>> {
        let locations = &library.config.clinic.locations;
        let url = &article.address.permalink;
        let qr = qr::encode(url)
            .map_err(|why| vec![Problem::error(&article.source, why).code("handout.qr-code")])?;
        let mut frames = Vec::new();
        let mut problems = Vec::new();
        for location in locations {
            let text = sheet_text(library, article, location);
            for paper in &library.config.handout.papers {
                match layout::lay_out(&text, self.fonts, self.body_size, self.logo, &qr, *paper) {
                    Ok(frame) => frames.push((location, frame)),
                    Err(e) => problems.push((layout_problem(article, e), &location.name)),
                }
            }
        }
        if !problems.is_empty() {
            return Err(name_locations(problems, locations.len()));
        }

        // One subset per face for all papers of this article, compressed once.
        let mut regular_chars = BTreeSet::new();
        let mut bold_chars = BTreeSet::new();
        for (_, frame) in &frames {
            for run in frame.texts() {
                let set = if run.bold {
                    &mut bold_chars
                } else {
                    &mut regular_chars
                };
                set.extend(run.text.chars());
            }
        }
        let subset = |face: &FontFace, chars: &BTreeSet<char>| {
            face.subset(chars).map_err(|why| {
                vec![Problem::error(&article.source, why).code("handout.font-subset")]
            })
        };
        let regular = subset(&self.fonts.regular, &regular_chars)?;
        let bold = subset(&self.fonts.bold, &bold_chars)?;
        let resources = pdf::Resources {
            regular: (&self.fonts.regular, &regular),
            bold: (&self.fonts.bold, &bold),
            logo: self.logo_image.as_ref(),
        };
        let front = &article.front;
        let meta = pdf::Metadata {
            title: &front.title,
            author: &library.config.clinic.name,
            subject: &front.summary,
            keywords: &front.tags,
            language: &library.locale.language,
            updated: front.updated,
        };
        let cache = pdf::StreamCache::default();
        Ok(frames
            .iter()
            .map(|(location, frame)| {
                let bytes = pdf::paint(frame, &resources, &meta, &cache);
                let path = Addresses::handout_path(
                    &article.path,
                    (locations.len() > 1).then_some(location.id.as_str()),
                    frame.paper.key(),
                );
                let file = HandoutFile {
                    article: article.path.clone(),
                    paper: frame.paper,
                    location: if locations.len() > 1 {
                        location.id.clone()
                    } else {
                        String::new()
                    },
                    path: path.clone(),
                    size: bytes.len() as u64,
                    body_pt: frame.body_size,
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
    let press = Press::new(library);
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

/// The words of one article's handout for one location, with the labels of the
/// site's language filled in.
pub fn sheet_text(library: &Library, article: &Article, location: &Location) -> SheetText {
    let clinic = &library.config.clinic;
    let words = &library.locale;
    let label = |key: &str| words.label(key).to_string();
    let front = &article.front;
    let website = clinic
        .website
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let contact_line = format!(
        "{}: {} · {} · {}",
        label("phone"),
        location.phone.national,
        website,
        location.address
    );
    let mut call_us_phone = format!("{} {}", label("call_us_now"), location.phone.national);
    if let Some(emergency) = &location.emergency_phone {
        call_us_phone.push_str(&format!(
            " · {}: {}",
            label("emergency_phone"),
            emergency.national
        ));
    }
    // With several locations, the header names the one this sheet is for.
    let clinic_name = if clinic.locations.len() > 1 {
        format!("{} · {}", clinic.name, location.name)
    } else {
        clinic.name.clone()
    };
    let mut updated = format!(
        "{} {}.",
        label("updated"),
        words.format_date(&front.updated)
    );
    if let Some(reviewer) = &front.reviewed_by {
        updated.push_str(&format!(" {} {}.", label("reviewed_by"), reviewer));
    }
    let url = article.address.permalink.clone();
    SheetText {
        clinic_name,
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
        url: url.clone(),
        updated,
        reviewed_by: front.reviewed_by.clone(),
        disclaimer: label("disclaimer").replace("{clinic}", &clinic.name),
        qr_alt: label("qr_code").replace("{address}", &url),
    }
}

/// One warning per article whose handout type was made smaller than the theme
/// asks for, so that it fits on one page: which size each paper got, and why.
pub fn smaller_type_notes(library: &Library, handouts: &[HandoutFile]) -> Vec<Problem> {
    let wanted = library.theme.handout.body_pt;
    // One pass over the handouts (not one per article): most sheets keep their size.
    let mut by_article: std::collections::HashMap<&str, Vec<String>> = Default::default();
    for h in handouts {
        let (asked, _) = h.paper.body_range(wanted, crate::theme::MIN_BODY_PT);
        if h.body_pt < asked - 0.01 {
            by_article
                .entry(h.article.as_str())
                .or_default()
                .push(format!(
                    "{} pt, not {} pt, on {}",
                    h.body_pt, asked, h.paper
                ));
        }
    }
    let mut notes = Vec::new();
    for article in &library.articles {
        let Some(smaller) = by_article.get(article.path.as_str()) else {
            continue;
        };
        notes.push(
            Problem::warning(
                &article.source,
                format!(
                    "the handout is set in smaller type so that it fits on one page: {}",
                    smaller.join("; ")
                ),
            )
            .code("handout.smaller-type")
            .at_line(article.handout_line)
            .help("to keep the larger type, make the handout fields shorter"),
        );
    }
    notes
}

/// How much too tall a sheet is, for a person: mm, and inches too on US Letter.
fn too_tall(paper: Paper, overflow: f32) -> String {
    let mm = format!("{:.1} mm", overflow / MM);
    if paper.uses_inches() {
        format!("{mm} ({:.2} inches)", overflow / 72.0)
    } else {
        mm
    }
}

/// Says each problem once, with the locations whose sheets it is about when that is
/// not all of them (a sheet that is too long is often too long for every location).
fn name_locations(found: Vec<(Problem, &String)>, locations: usize) -> Vec<Problem> {
    let mut merged: Vec<(Problem, Vec<&String>)> = Vec::new();
    for (problem, location) in found {
        match merged
            .iter_mut()
            .find(|(seen, _)| seen.message == problem.message)
        {
            Some((_, names)) => names.push(location),
            None => merged.push((problem, vec![location])),
        }
    }
    merged
        .into_iter()
        .map(|(mut problem, names)| {
            if locations > 1 && names.len() < locations {
                let names: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
                problem.message =
                    format!("{} (the sheet for {})", problem.message, names.join(", "));
            }
            problem
        })
        .collect()
}

/// The message an author sees when a handout cannot be made.
fn layout_problem(article: &Article, error: LayoutError) -> Problem {
    match error {
        LayoutError::DoesNotFit {
            paper,
            overflow,
            smallest,
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
                    "the handout does not fit on one {paper} page: it is {} too tall, even with {smallest} pt text and tight spacing",
                    too_tall(paper, overflow)
                ),
            )
            .code("handout.does-not-fit")
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
            ).code("handout.missing-glyph")
            .at_line(article.line_of(field))
            .help("remove or replace those characters, or give the theme a handout font that has them")
        }
    }
}
