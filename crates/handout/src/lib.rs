//! The one-page printable handout: the second renderer over the [`Library`].
//!
//! For each article and paper: the words are gathered ([`sheet_text`]), laid out
//! into a [`frame::Frame`] ([`layout`]), and painted as a PDF ([`pdf`]). The fonts
//! and the logo come ready from load ([`pawprint_settings::brand`]): nothing here opens a file.
//! Each article's font subset is made and compressed once and shared by all its
//! papers.

pub mod frame;
pub mod layout;
pub mod pdf;
#[cfg(test)]
mod picture_tests;
pub mod preview;
pub mod print_area;
pub mod qr;
pub(crate) mod wrap;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::frame::Frame;
use crate::layout::{LayoutError, MM, SheetText};
use pawprint_content::permalink::Addresses;
use pawprint_content::{Article, Library};
use pawprint_settings::brand::logo::{Logo, LogoData};
use pawprint_settings::brand::typeface::{FontFace, FontSet};
use pawprint_settings::location::Location;
use pawprint_settings::paper::Paper;
use pawprint_text::fingerprint::Fingerprint;
use pawprint_text::problem::{Code, Problem};
use pawprint_text::site_file::{FileSink, OutputFile, SheetList, SheetRecord};

/// A handout PDF that the build made, so article pages can link to it.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoutFile {
    /// The article's path, such as `dogs/anal-gland-leakage/`.
    pub article: String,
    /// The paper it is printed on.
    pub paper: Paper,
    /// The id of the location whose contacts it shows; `None` when the clinic has
    /// one location.
    pub location: Option<String>,
    /// The PDF's path inside the site.
    pub path: String,
    /// Its size in bytes; `None` when it was only laid out, not painted (`check`).
    pub size: Option<u64>,
    /// The body type size it was set in, in points.
    pub body_pt: f32,
    /// How many sides of the paper it takes: 1, or 2 for a large-print sheet
    /// printed on both sides.
    pub sides: u8,
    /// The picture of this sheet, for the sheet an article's page shows (its
    /// first location's, on the first paper); `None` for the others.
    pub preview: Option<PreviewFile>,
}

/// The picture of a sheet, beside its PDF: a PNG for the page and `og:image`, and
/// the same drawing as SVG.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewFile {
    /// The PNG's path inside the site.
    pub png: String,
    /// The SVG's path inside the site.
    pub svg: String,
    /// The PNG's width in pixels.
    pub width: u32,
    /// The PNG's height in pixels.
    pub height: u32,
}

/// A print pack's PDF that the build made: the handouts page lists these.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PackPdf {
    /// The pack's file name without `.toml`, such as `new-puppy`.
    pub name: String,
    /// The pack's title in this language.
    pub title: String,
    /// The paths of its articles, in order (one sheet each).
    pub articles: Vec<String>,
    /// The paper it is printed on.
    pub paper: Paper,
    /// The id of the location whose contacts it shows; `None` when the clinic has
    /// one location.
    pub location: Option<String>,
    /// The PDF's path inside the site, such as `packs/new-puppy-letter.pdf` or
    /// `es/packs/es-new-puppy-letter.pdf`.
    pub path: String,
}

/// One article's PDFs, each with what the site knows of it, and the picture of its
/// first sheet when asked for.
type Printed = (Vec<(HandoutFile, OutputFile)>, Option<preview::Preview>);

/// What every handout of a build shares: the fonts and the logo (both read at
/// load), and the logo made ready for PDF once.
pub struct Press<'l> {
    /// The regular and bold faces.
    pub fonts: &'l FontSet,
    /// The clinic's logo, when site.toml names one.
    pub logo: Option<&'l Arc<Logo>>,
    /// The logo as a PDF image, compressed once for every sheet.
    logo_image: Option<pdf::LogoImage>,
    /// The font for text typed into a sheet's blanks, cut and compressed once for
    /// every sheet.
    typed: Option<pdf::TypedFont>,
    /// The body size the theme asks for.
    pub body_size: f32,
    /// What every sheet's fingerprint starts from.
    base: Fingerprint,
    /// The glyphs the pictures of the sheets have drawn, shared by all of them.
    glyphs: preview::Glyphs,
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
            typed: pdf::TypedFont::new(&brand.fonts.regular),
            body_size: library.theme.handout.body_pt,
            base: base_fingerprint(library, env!("CARGO_PKG_VERSION")),
            glyphs: preview::Glyphs::default(),
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
        let text = sheet_text(library, article, library.config.clinic.first_location());
        let qr = qr::encode(&text.url)
            .map_err(|why| Problem::error(&article.source, why).code(Code::HandoutQrCode))?;
        layout::lay_out(&text, self.fonts, self.body_size, self.logo, &qr, paper)
            .map_err(|e| layout_problem(article, e))
    }

    /// Lays out every sheet of one article: one per location and paper. The QR
    /// code is made once and shared by every sheet.
    fn lay_out_all<'a>(
        &self,
        library: &'a Library,
        article: &Article,
        texts: &[SheetText],
    ) -> Result<Vec<(&'a Location, Frame)>, Vec<Problem>> {
        let locations = &library.config.clinic.locations;
        let url = &article.address.permalink;
        let qr = qr::encode(url)
            .map_err(|why| vec![Problem::error(&article.source, why).code(Code::HandoutQrCode)])?;
        let mut frames = Vec::new();
        let mut problems = Vec::new();
        for (location, text) in locations.iter().zip(texts) {
            for paper in &library.config.handout.papers {
                match layout::lay_out(text, self.fonts, self.body_size, self.logo, &qr, *paper) {
                    Ok(frame) => frames.push((location, frame)),
                    Err(e) => problems.push((layout_problem(article, e), &location.name)),
                }
            }
        }
        if problems.is_empty() {
            Ok(frames)
        } else {
            Err(name_locations(problems, locations.len()))
        }
    }

    /// Makes every paper's PDF for one article, one per location when the clinic
    /// has several. The QR code, the font subsets and the compressed streams are
    /// made once per article and shared by every location and paper.
    pub fn print(
        &self,
        library: &Library,
        article: &Article,
    ) -> Result<Vec<(HandoutFile, OutputFile)>, Vec<Problem>> {
        self.print_texts(library, article, &texts_of(library, article), false)
            .map(|(pdfs, _)| pdfs)
    }

    /// [`Press::print`], with each location's words already gathered.
    fn print_texts(
        &self,
        library: &Library,
        article: &Article,
        texts: &[SheetText],
        with_preview: bool,
    ) -> Result<Printed, Vec<Problem>> {
        let frames = self.lay_out_all(library, article, texts)?;
        // The picture is drawn from the first sheet's frame: the one the PDF of
        // the first location and paper is painted from.
        let picture =
            match frames.first() {
                Some((_, frame)) if with_preview => Some(
                    preview::draw(frame, self.fonts, &self.glyphs, &article.front.title).map_err(
                        |why| {
                            vec![
                        Problem::error(
                            &article.source,
                            format!("the sheet's picture cannot be drawn: {why}"),
                        )
                        .code(Code::HandoutPreviewFailed)
                        .help("check that the handout font has glyph outlines (TrueType or CFF)"),
                    ]
                        },
                    )?,
                ),
                _ => None,
            };

        // One subset per face for all papers of this article, compressed once.
        let mut regular_chars = BTreeSet::new();
        let mut bold_chars = BTreeSet::new();
        for (_, frame) in &frames {
            for run in frame.texts_of_every_page() {
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
                vec![Problem::error(&article.source, why).code(Code::HandoutFontSubset)]
            })
        };
        let regular = subset(&self.fonts.regular, &regular_chars)?;
        let bold = subset(&self.fonts.bold, &bold_chars)?;
        let resources = pdf::Resources {
            regular: (&self.fonts.regular, &regular),
            bold: (&self.fonts.bold, &bold),
            logo: self.logo_image.as_ref(),
            typed: self.typed.as_ref(),
        };
        let meta = metadata(library, article);
        let cache = pdf::StreamCache::default();
        let pdfs = frames
            .iter()
            .map(|(location, frame)| {
                let bytes = pdf::paint(frame, &resources, &meta, &cache);
                let size = Some(bytes.len() as u64);
                let file = handout_file(
                    library,
                    article,
                    location,
                    frame.paper,
                    size,
                    (frame.body_size, frame.sides() as u8),
                );
                let path = file.path.clone();
                (file, OutputFile::bytes(path, bytes))
            })
            .collect();
        Ok((pdfs, picture))
    }

    /// The fingerprint of each sheet of one article, in the order of
    /// [`Press::print`]: every input its bytes depend on. The font subset is shared
    /// by all the article's sheets, so each fingerprint covers the words of all of
    /// them.
    fn fingerprints(
        &self,
        library: &Library,
        article: &Article,
        texts: &[SheetText],
    ) -> Vec<String> {
        let mut group = self.base.clone();
        for text in texts {
            text.feed(&mut group);
        }
        metadata(library, article).feed(&mut group);
        let mut prints = Vec::new();
        for location in &library.config.clinic.locations {
            for paper in &library.config.handout.papers {
                let mut sheet = group.clone();
                // The clinic's own contacts (no id) add no bytes, as they always have.
                sheet.add(location.id.as_deref().unwrap_or_default().as_bytes());
                sheet.add(paper.key().as_bytes());
                prints.push(sheet.hex());
            }
        }
        prints
    }

    /// Every sheet of one article: reused from the last build when every one of
    /// them has a fingerprint the last build made, else laid out (and painted, for
    /// a build) and handed to `sink`. Returns the sheets, their records, and
    /// whether they were reused.
    fn make(
        &self,
        library: &Library,
        article: &Article,
        job: &Job<'_>,
    ) -> Result<(Vec<Sheet>, bool), Vec<Problem>> {
        // Each location's words are gathered once, for the fingerprints and for
        // every paper.
        let texts = texts_of(library, article);
        let prints = self.fingerprints(library, article, &texts);
        let sheets: Vec<_> = library
            .config
            .clinic
            .locations
            .iter()
            .flat_map(|l| library.config.handout.papers.iter().map(move |p| (l, *p)))
            .collect();
        // A sheet only laid out (`check`) has no size, and no record: the next
        // build has no file to reuse.
        let record = |file: &HandoutFile, fingerprint: &String| {
            file.size.map(|size| SheetRecord {
                fingerprint: fingerprint.clone(),
                path: file.path.clone(),
                size,
                body_pt: file.body_pt,
                sides: file.sides,
            })
        };
        let kept: Option<Vec<&SheetRecord>> = job
            .previous
            .map(|list| prints.iter().map(|p| list.sheets.get(p)).collect())
            .unwrap_or(None);
        let hold = job.hold.contains(&article.path);
        // A pack binds the bytes of its sheets: a kept sheet's bytes are read back
        // when the sink can, else the sheet is made anew.
        let kept = match kept {
            Some(kept) if hold => {
                let bytes: Option<Vec<Vec<u8>>> = kept
                    .iter()
                    .map(|old| job.sink.kept_bytes(&old.path))
                    .collect();
                bytes.map(|bytes| {
                    let mut held = job.held.lock().unwrap_or_else(|e| e.into_inner());
                    for ((location, paper), bytes) in sheets.iter().zip(bytes) {
                        held.insert(sheet_path(library, article, location, *paper), bytes);
                    }
                    kept
                })
            }
            kept => kept,
        };
        if let Some(kept) = kept {
            let mut made = Vec::new();
            for ((location, paper), old) in sheets.iter().zip(kept) {
                let file = handout_file(
                    library,
                    article,
                    location,
                    *paper,
                    Some(old.size),
                    (old.body_pt, old.sides),
                );
                if job.paint {
                    job.sink.keep(&file.path, &old.path).map_err(|p| vec![p])?;
                    if file.preview.is_some() {
                        for path in [preview::png_path, preview::svg_path] {
                            job.sink
                                .keep(&path(&file.path), &path(&old.path))
                                .map_err(|p| vec![p])?;
                        }
                    }
                }
                let entry = record(&file, &old.fingerprint);
                made.push((file, entry));
            }
            return Ok((made, true));
        }
        let mut made = Vec::new();
        if job.paint {
            let (pdfs, picture) = self.print_texts(library, article, &texts, true)?;
            for ((file, pdf), fingerprint) in pdfs.into_iter().zip(&prints) {
                if let (Some(shown), Some(picture)) = (&file.preview, &picture) {
                    job.sink
                        .put(OutputFile::bytes(shown.png.clone(), picture.png.clone()))
                        .map_err(|p| vec![p])?;
                    job.sink
                        .put(OutputFile::bytes(shown.svg.clone(), picture.svg.clone()))
                        .map_err(|p| vec![p])?;
                }
                if hold && let pawprint_text::site_file::Contents::Bytes(bytes) = &pdf.contents {
                    job.held
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(file.path.clone(), bytes.clone());
                }
                job.sink.put(pdf).map_err(|p| vec![p])?;
                let entry = record(&file, fingerprint);
                made.push((file, entry));
            }
        } else {
            // Whether a sheet fits is a question for the layout: nothing is painted.
            let frames = self.lay_out_all(library, article, &texts)?;
            for ((location, frame), fingerprint) in frames.iter().zip(&prints) {
                let file = handout_file(
                    library,
                    article,
                    location,
                    frame.paper,
                    None,
                    (frame.body_size, frame.sides() as u8),
                );
                let entry = record(&file, fingerprint);
                made.push((file, entry));
            }
        }
        Ok((made, false))
    }
}

impl Press<'_> {
    /// Every pack PDF of the library, with its fingerprint:
    /// the pack's name, title and articles, and each of its sheets' fingerprints.
    fn plan_packs(&self, library: &Library) -> Vec<(PackPdf, String)> {
        let clinic = &library.config.clinic;
        let mut plan = Vec::new();
        for pack in &library.packs {
            let prints: Vec<Vec<String>> = pack
                .articles
                .iter()
                .filter_map(|path| library.article(path))
                .map(|article| self.fingerprints(library, article, &texts_of(library, article)))
                .collect();
            let mut sheet = 0;
            for location in &clinic.locations {
                for paper in &library.config.handout.papers {
                    let mut print = Fingerprint::default();
                    print.add(b"pawprint pack");
                    print.add(&SHEET_FORMAT.to_le_bytes());
                    print.add(pack.name.as_bytes());
                    print.add(pack.title.as_bytes());
                    for article in &prints {
                        print.add(article[sheet].as_bytes());
                    }
                    sheet += 1;
                    let id = clinic.sheet_id(location);
                    plan.push((
                        PackPdf {
                            name: pack.name.clone(),
                            title: pack.title.clone(),
                            articles: pack.articles.clone(),
                            paper: *paper,
                            location: id.map(str::to_string),
                            path: pack_path(library, &pack.name, id, *paper),
                        },
                        print.hex(),
                    ));
                }
            }
        }
        plan
    }
}

/// Where a pack's PDF goes: `packs/new-puppy-letter.pdf`, or under a further
/// language's folder with the language in its name too and the paper in that
/// language's words (`es/packs/es-new-puppy-carta.pdf`), so that every file name
/// of the site is its own, as sheets' names are; with the location's id when the
/// clinic has several.
pub fn pack_path(library: &Library, name: &str, location: Option<&str>, paper: Paper) -> String {
    let folder = library.addresses.folder();
    let prefix = folder.trim_end_matches('/').replace('/', "-");
    let stem = if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}-{name}")
    };
    format!(
        "{folder}{}/{stem}{}",
        pawprint_content::pack::PACKS_DIR,
        Addresses::sheet_end(location, library.locale.paper_file_key(paper))
    )
}

/// The words of one article's handouts, one per location.
fn texts_of(library: &Library, article: &Article) -> Vec<SheetText> {
    library
        .config
        .clinic
        .locations
        .iter()
        .map(|location| sheet_text(library, article, location))
        .collect()
}

/// The PDF metadata of one article's handouts.
fn metadata<'a>(library: &'a Library, article: &'a Article) -> pdf::Metadata<'a> {
    let front = &article.front;
    pdf::Metadata {
        title: &front.title,
        author: &library.config.clinic.name,
        subject: &front.summary,
        keywords: &front.tags,
        language: &library.locale.language,
        updated: front.updated,
    }
}

/// What the site knows of one sheet: its path, paper and location, its size
/// (when painted), the type size it was set in and how many sides it takes.
fn handout_file(
    library: &Library,
    article: &Article,
    location: &Location,
    paper: Paper,
    size: Option<u64>,
    (body_pt, sides): (f32, u8),
) -> HandoutFile {
    let clinic = &library.config.clinic;
    let path = sheet_path(library, article, location, paper);
    // The page shows the first location's sheet on the first paper.
    let shown = clinic.first_location().id == location.id
        && library.config.handout.papers.first() == Some(&paper);
    let preview = shown.then(|| {
        let (width, height) = preview::size_for(paper);
        PreviewFile {
            png: preview::png_path(&path),
            svg: preview::svg_path(&path),
            width,
            height,
        }
    });
    HandoutFile {
        article: article.path.clone(),
        paper,
        location: clinic.sheet_id(location).map(str::to_string),
        path,
        size,
        body_pt,
        sides,
        preview,
    }
}

/// Where one sheet goes: the article's folder, with the location's id when the
/// clinic has several, and the paper, named in the sheet's language.
fn sheet_path(library: &Library, article: &Article, location: &Location, paper: Paper) -> String {
    Addresses::handout_path(
        &article.path,
        library.config.clinic.sheet_id(location),
        library.locale.paper_file_key(paper),
    )
}

/// The version of the sheet's format: the code that lays a sheet out and paints it
/// (this crate, and the typeface, logo, paper and text helpers it uses). It goes
/// into every sheet's fingerprint, so a sheet the last build made is reused only
/// when the code would make the same bytes.
///
/// Bump it whenever a change to the code changes a sheet's bytes. The test
/// `sheet_format` in the integration suite keeps the bytes of reference sheets and
/// fails, naming this constant, when they change and it was not bumped.
pub const SHEET_FORMAT: u32 = 6;

/// The fingerprint every sheet of a build starts from: pawprint's version, the
/// sheet format, the fonts, the logo, the theme's type size, the papers, and how
/// many locations there are.
fn base_fingerprint(library: &Library, version: &str) -> Fingerprint {
    let mut base = Fingerprint::default();
    base.add(b"pawprint sheet");
    base.add(version.as_bytes());
    base.add(&SHEET_FORMAT.to_le_bytes());
    let fonts = &library.brand.fonts;
    for face in [&fonts.regular, &fonts.bold] {
        base.add(face.name.as_bytes());
        base.add(face.bytes());
    }
    match library.brand.logo.as_deref() {
        None => base.add(b"no logo"),
        Some(logo) => {
            base.add(format!("logo {}x{}", logo.width, logo.height).as_bytes());
            match &logo.data {
                LogoData::Jpeg { bytes, components } => {
                    base.add(format!("jpeg {components}").as_bytes());
                    base.add(bytes);
                }
                LogoData::Pixels { color, rgb, alpha } => {
                    base.add(format!("pixels {rgb}").as_bytes());
                    base.add(color);
                    base.add(alpha.as_deref().unwrap_or(b"opaque"));
                }
            }
        }
    }
    base.add(&library.theme.handout.body_pt.to_le_bytes());
    for paper in &library.config.handout.papers {
        base.add(paper.key().as_bytes());
    }
    base.add(&library.config.clinic.locations.len().to_le_bytes());
    base
}

/// One sheet made or reused: what the pages link to, and its record for the next
/// build.
type Sheet = (HandoutFile, Option<SheetRecord>);

/// What one run of [`render`] does with each article.
struct Job<'a> {
    sink: &'a dyn FileSink,
    previous: Option<&'a SheetList>,
    paint: bool,
    /// The articles whose sheets a pack binds: made anew, their bytes kept.
    hold: HashSet<String>,
    /// The bytes of those sheets, by path.
    held: Mutex<HashMap<String, Vec<u8>>>,
}

/// The handouts a build made: what the pages link to, the fingerprints for the
/// next build, and how many were reused from the last one.
#[derive(Debug, Clone, Default)]
pub struct Sheets {
    /// Every handout, by article.
    pub handouts: Vec<HandoutFile>,
    /// Their fingerprints, for the next build's reuse.
    pub list: SheetList,
    /// How many of them were the last build's files, reused.
    pub reused: usize,
}

/// Every handout of the library, in parallel over articles, each handed to `sink`
/// as soon as it is made (so only a few articles' PDFs are in memory at once).
/// A sheet whose fingerprint is in `previous` is not made again: the sink keeps
/// the last build's file. With `paint` false, sheets are only laid out (for
/// `check`: whether they fit), and nothing is handed to the sink.
pub fn render(
    library: &Library,
    sink: &dyn FileSink,
    previous: Option<&SheetList>,
    paint: bool,
) -> Result<Sheets, Vec<Problem>> {
    render_with(library, sink, previous, paint, &|| {})
}

/// [`render`], calling `done` after each article.
pub fn render_with(
    library: &Library,
    sink: &dyn FileSink,
    previous: Option<&SheetList>,
    paint: bool,
    done: &(dyn Fn() + Sync),
) -> Result<Sheets, Vec<Problem>> {
    render_share(library, sink, previous, paint, done, None)
}

/// Which articles one part of a build split over machines makes the sheets of
/// (`build --shard`).
pub type Share<'a> = &'a (dyn Fn(&Article) -> bool + Sync);

/// [`render_with`], for the articles in `share` only when it is given: their
/// sheets and pictures, and no packs (the build that gathers the parts binds
/// them from the parts' sheets). Every sheet is made as the whole build would
/// make it, byte for byte.
pub fn render_share(
    library: &Library,
    sink: &dyn FileSink,
    previous: Option<&SheetList>,
    paint: bool,
    done: &(dyn Fn() + Sync),
    share: Option<Share<'_>>,
) -> Result<Sheets, Vec<Problem>> {
    if library.config.handout.papers.is_empty() || library.articles.is_empty() {
        return Ok(Sheets::default());
    }
    let press = Press::new(library);
    let plan = if paint && share.is_none() {
        press.plan_packs(library)
    } else {
        Vec::new()
    };
    // The packs are the last build's when every one of them is: else their
    // articles' sheets are made (not reused), and bound from their bytes.
    let packs_kept = previous.filter(|list| {
        plan.iter()
            .all(|(_, print)| list.sheets.contains_key(print))
    });
    let hold = match packs_kept {
        Some(_) => HashSet::new(),
        None if plan.is_empty() => HashSet::new(),
        None => library
            .packs
            .iter()
            .flat_map(|pack| pack.articles.iter().cloned())
            .collect(),
    };
    let job = Job {
        sink,
        previous,
        paint,
        hold,
        held: Mutex::default(),
    };
    let results: Vec<_> = library
        .articles
        .par_iter()
        .filter(|article| share.is_none_or(|share| share(article)))
        .map(|article| {
            let made = press.make(library, article, &job);
            done();
            made
        })
        .collect();
    let mut sheets = Sheets::default();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok((made, reused)) => {
                for (handout, record) in made {
                    sheets.reused += usize::from(reused);
                    sheets.handouts.push(handout);
                    if let Some(record) = record {
                        sheets
                            .list
                            .sheets
                            .insert(record.fingerprint.clone(), record);
                    }
                }
            }
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let held = job.held.into_inner().unwrap_or_else(|e| e.into_inner());
    for (pack, print) in plan {
        let size = match packs_kept.and_then(|list| list.sheets.get(&print)) {
            Some(old) => {
                sink.keep(&pack.path, &old.path).map_err(|p| vec![p])?;
                old.size
            }
            None => {
                let bytes = bind_pack(library, &pack, &held).map_err(|p| vec![p])?;
                let size = bytes.len() as u64;
                sink.put(OutputFile::bytes(pack.path.clone(), bytes))
                    .map_err(|p| vec![p])?;
                size
            }
        };
        sheets.list.sheets.insert(
            print.clone(),
            SheetRecord {
                fingerprint: print,
                path: pack.path.clone(),
                size,
                body_pt: 0.0,
                sides: 0,
            },
        );
    }
    Ok(sheets)
}

/// The fingerprints of every sheet of every article, in the order of
/// `library.articles` and, for each, one per location and paper: what a build
/// split over machines checks its parts against.
pub fn fingerprints(library: &Library) -> Vec<Vec<String>> {
    if library.config.handout.papers.is_empty() {
        return vec![Vec::new(); library.articles.len()];
    }
    let press = Press::new(library);
    library
        .articles
        .par_iter()
        .map(|article| press.fingerprints(library, article, &texts_of(library, article)))
        .collect()
}

/// Binds one pack's sheets, made in this build, into its PDF.
fn bind_pack(
    library: &Library,
    pack: &PackPdf,
    held: &HashMap<String, Vec<u8>>,
) -> Result<Vec<u8>, Problem> {
    let mut sheets: Vec<&[u8]> = Vec::new();
    let mut titles = Vec::new();
    let mut updated = None;
    for path in &pack.articles {
        let article = library.article(path);
        let location = library
            .config
            .clinic
            .locations
            .iter()
            .find(|l| pack.location.is_none() || l.id == pack.location);
        let (Some(article), Some(location)) = (article, location) else {
            continue;
        };
        let Some(bytes) = held.get(&sheet_path(library, article, location, pack.paper)) else {
            continue;
        };
        sheets.push(bytes);
        titles.push(article.front.title.as_str());
        updated = updated.max(Some(article.front.updated));
    }
    let problem = |why: String| {
        Problem::error(&pack.path, format!("the pack cannot be made: {why}"))
            .code(Code::PackCannotBind)
            .help("this is a bug in pawprint; please report it")
    };
    let Some(updated) = updated else {
        return Err(problem("none of its sheets was made".to_string()));
    };
    let subject = titles.join(" · ");
    let meta = pdf::Metadata {
        title: &pack.title,
        author: &library.config.clinic.name,
        subject: &subject,
        keywords: &[],
        language: &library.locale.language,
        updated,
    };
    pdf::bind(&sheets, &meta).map_err(problem)
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
    let clinic_name = if clinic.several_locations() {
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
        turn_over: label("handout_turn_over"),
        picture: article.picture.clone(),
        language: article.language.clone(),
    }
}

/// One warning per article whose handout type was made smaller than the theme
/// asks for, so that it fits on one page: which size each paper got, and why.
pub fn smaller_type_notes(library: &Library, handouts: &[HandoutFile]) -> Vec<Problem> {
    let wanted = library.theme.handout.body_pt;
    // One pass over the handouts (not one per article): most sheets keep their size.
    let mut by_article: std::collections::HashMap<&str, Vec<String>> = Default::default();
    for h in handouts {
        let (asked, _) = h
            .paper
            .body_range(wanted, print_area::smallest_type(h.paper));
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
            article.place(
                "handout",
                Problem::warning(
                    &article.source,
                    format!(
                        "the handout is set in smaller type so that it fits on one page: {}",
                        smaller.join("; ")
                    ),
                )
                .code(Code::HandoutSmallerType)
                .help("to keep the larger type, make the handout fields shorter"),
            ),
        );
    }
    notes
}

/// A note for each article whose sheet has a picture: how big it prints on each
/// paper, from the first location's sheets. A sheet that does not fit has no
/// note: its error says enough.
pub fn picture_notes(library: &Library) -> Vec<Problem> {
    let press = Press::new(library);
    let mut notes = Vec::new();
    for article in &library.articles {
        let Some(picture) = &article.picture else {
            continue;
        };
        let sizes: Vec<String> = library
            .config
            .handout
            .papers
            .iter()
            .filter_map(|paper| {
                let frame = press.lay_out(library, article, *paper).ok()?;
                frame.items.iter().find_map(|item| match item {
                    frame::Item::Picture { rect, .. } => Some(format!(
                        "{:.0} × {:.0} mm on {paper}",
                        rect.w / MM,
                        rect.h / MM
                    )),
                    _ => None,
                })
            })
            .collect();
        if sizes.is_empty() {
            continue;
        }
        notes.push(
            article.place(
                "handout.picture",
                Problem::note(
                    &article.source,
                    format!(
                        "the picture \"{}\" prints {} (wide × tall)",
                        picture.name,
                        sizes.join(", ")
                    ),
                )
                .code(Code::PictureSize)
                .help(format!(
                    "it takes the room the words leave, from {:.0} to {:.0} mm tall: shorter fields give it more",
                    layout::smallest_picture(&picture.drawing) / MM,
                    layout::PICTURE_MAX / MM
                )),
            ),
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
            at_least,
            smallest,
            fields,
            side,
            picture,
        } => {
            let biggest: Vec<String> = fields
                .iter()
                // A field the layout stopped before has no height: it is not named.
                .filter(|(field, height)| {
                    (field.starts_with("handout.") || *field == "title") && *height > 0.0
                })
                .take(3)
                .map(|(field, height)| format!("{field} ({:.0} mm)", height / MM))
                .collect();
            article.place(
                "handout",
                Problem::error(
                    &article.source,
                    format!(
                        "{} is {}{} too tall, even with {smallest} pt text{}",
                        match side {
                            None => format!("the handout does not fit on one {paper} page: it"),
                            Some(side) => format!(
                                "the handout does not fit on the two sides of one {paper} sheet: its {}",
                                side.name()
                            ),
                        },
                        if at_least { "more than " } else { "" },
                        too_tall(paper, overflow),
                        match &picture {
                            Some((name, smallest)) => format!(
                                ", tight spacing and the picture \"{name}\" at its smallest ({:.0} mm tall)",
                                smallest / MM
                            ),
                            None => " and tight spacing".to_string(),
                        }
                    ),
                )
                .code(Code::HandoutDoesNotFit)
                .help(format!(
                    "shorten the fields taking the most space: {}{}",
                    biggest.join(", "),
                    if picture.is_some() {
                        ", or remove the picture"
                    } else {
                        ""
                    }
                )),
            )
        }
        LayoutError::Unprintable { field, chars } => {
            let list: Vec<String> = chars
                .iter()
                .map(|c| format!("{c} (U+{:04X})", *c as u32))
                .collect();
            article.place(
                field,
                Problem::error(
                    &article.source,
                    format!("the handout font cannot print {} in {field}", list.join(", ")),
                )
                .code(Code::HandoutMissingGlyph)
                .help("remove or replace those characters, or give the theme a handout font that has them"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_version_of_pawprint_reuses_no_sheet() {
        let library = pawprint_content::fixture::test_fixture("full-sheet");
        let article = &library.articles[0];
        let press = Press::new(library);
        let texts = texts_of(library, article);
        let now = press.fingerprints(library, article, &texts);
        assert_eq!(now, press.fingerprints(library, article, &texts));
        assert_eq!(now.len(), library.config.handout.papers.len());
        let later = Press {
            base: base_fingerprint(library, "0.99.0"),
            ..Press::new(library)
        };
        for (a, b) in now.iter().zip(later.fingerprints(library, article, &texts)) {
            assert_ne!(*a, b);
        }
    }
}
