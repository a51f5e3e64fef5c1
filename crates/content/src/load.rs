//! Loading a project: the one place that reads and checks input. It reads
//! site.toml, the theme (templates, words, fonts), the logo, every file in
//! `content/` and the project's `static/` folder, and reports every problem found in
//! any of them together, each with its file and line. What it makes, the
//! [`Library`], is all the renderers get: they never open a file themselves.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::article::{self, Article, Section};
use crate::files::{self, FileKind};
use crate::front_matter::{self, is_file_slug, rename_hint};
use crate::library::{CONTENT_DIR, Drafts, Library};
use crate::markdown::{self, Body, LinkKind, Moved, Place, Target};
use crate::pack;
use crate::permalink::{Address, Addresses, Alternate, Tag};
use crate::picture;
use pawprint_settings::brand;
use pawprint_settings::config::{self};
use pawprint_settings::locale::{self, Locale};
use pawprint_settings::theme::{self, is_hidden, relative_name};
use pawprint_text::fingerprint::StableId;
use pawprint_text::problem::{Code, Problem, Problems, Severity, display_path};
use pawprint_text::site_file::Asset;
use pawprint_text::source_map::SourceFile;
use pawprint_text::text::{
    count_line_ends, is_forbidden_control, may_hold_forbidden_control, unix_line_ends,
};

/// A file of `content/` as loaded, with the place of its language (0 for the
/// main one) and, for an article, its body still to render; or its problems.
type FileResult = Result<Read, Vec<Problem>>;

/// A file of `content/` as read: the place of its language, what it is, and for
/// an article its Markdown body, rendered once every page's address is known.
type Read = (usize, Loaded, Option<Arc<Markdown>>);

/// An article's Markdown body, kept to be rendered once the address of every
/// page of its language is known ([`markdown::render_moved`]): then a link to a
/// translation with its own `slug` is resolved where every link is.
#[derive(Debug)]
struct Markdown {
    /// The file.
    file: SourceFile,
    /// Where the body is in it.
    body: Range<usize>,
    /// The site's base path, such as `/`.
    base_path: String,
    /// The folder inside `content/` its links are resolved from.
    dir: String,
    /// The language folder of its pages (`es/`; empty for the main language).
    pages: String,
    /// The body last rendered, and the moved pages it was rendered with: `serve`
    /// keeps the file between rebuilds, and renders it again only when those
    /// change.
    rendered: Mutex<Option<(Moved, Body)>>,
}

impl Markdown {
    /// The body, with each link to a page of `moved` going where that page is.
    fn render(&self, moved: &Moved) -> Body {
        let mut last = self.rendered.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((was, body)) = last.as_ref()
            && was == moved
        {
            return body.clone();
        }
        let place = Place {
            base_path: &self.base_path,
            dir: &self.dir,
            pages: &self.pages,
        };
        let body = markdown::render_moved(&self.file, self.body.clone(), place, moved);
        *last = Some((moved.clone(), body.clone()));
        body
    }
}

/// What a file in `content/` turned out to be.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// An article.
    Article(Box<Article>),
    /// A section's `_index.md`.
    SectionIndex(Box<Section>),
    /// Any other file, published when an article links to it or shows it.
    Asset(Asset),
    /// A file that is never published (a backup, say), with the warning that says so.
    LeftOut(String, Box<Problem>),
}

/// Loads and checks the project at `root`, with drafts left out of the site (as
/// `build` does). Every problem found in any file is returned together; warnings
/// ride along in [`Library::warnings`].
pub fn load(root: &Path) -> Result<Library, Problems> {
    load_with(root, Drafts::LeaveOut)
}

/// Loads and checks the project at `root`, doing with drafts what `drafts` says.
///
/// A site in several languages is loaded in one pass: every file of `content/` is
/// read once, and `name.es.md` goes to the Spanish library, which the main one
/// holds in [`Library::translations`].
pub fn load_with(root: &Path, drafts: Drafts) -> Result<Library, Problems> {
    load_keeping(root, drafts, &mut Kept::default())
}

/// The files of `content/` read by the last load, as they were read: `serve`
/// keeps them between rebuilds, and forgets each file its watcher says changed.
/// Only those are read again; the folder is still listed every time, so files
/// added, moved or removed are always seen.
#[derive(Debug, Default)]
pub struct Kept {
    /// Each file as loaded, with the place of its language (0: the main one).
    files: HashMap<PathBuf, Read>,
}

impl Kept {
    /// Forgets `path`, a file or a folder (and then everything in it).
    pub fn forget(&mut self, path: &Path) {
        self.files.retain(|kept, _| !kept.starts_with(path));
    }

    /// Forgets every file: after a change to site.toml, say, which every file's
    /// links depend on.
    pub fn forget_all(&mut self) {
        self.files.clear();
    }

    /// How many files are kept.
    pub fn files(&self) -> usize {
        self.files.len()
    }
}

/// [`load_with`], reading again only the files of `content/` that `kept` does not
/// hold, and keeping what it read for the next load. A file with problems is not
/// kept, so it is read again until it is fixed.
pub fn load_keeping(root: &Path, drafts: Drafts, kept: &mut Kept) -> Result<Library, Problems> {
    let config = config::load(root).map_err(Problems::from)?;
    load_from(root, config, drafts, kept)
}

/// Loads the project at `root` with its settings already read (and perhaps
/// changed for one build, as `build --base-url` does): [`load_keeping`] after
/// site.toml.
pub fn load_from(
    root: &Path,
    config: config::SiteConfig,
    drafts: Drafts,
    kept: &mut Kept,
) -> Result<Library, Problems> {
    load_inner(root, config, drafts, kept, &[])
}

/// Loads the project at `root` as if `content/<rel>` held `bytes`, whether that
/// file is on disk or not, doing with drafts what `drafts` says: what the project
/// would be once a file being edited is saved. The content editor checks a file this way before
/// it is written, and draws its sheet. `rel` is a path in `content/` with `/`
/// between folders, such as `dogs/ears.md`; the caller has made sure it stays
/// inside `content/`.
pub fn load_as_if(
    root: &Path,
    drafts: Drafts,
    rel: &str,
    bytes: &[u8],
) -> Result<Library, Problems> {
    load_as_if_all(root, drafts, &[(rel, bytes)])
}

/// [`load_as_if`] for several files saved together, such as an article and its
/// translation: each `(rel, bytes)` of `files` read in place of `content/<rel>`.
pub fn load_as_if_all(
    root: &Path,
    drafts: Drafts,
    files: &[(&str, &[u8])],
) -> Result<Library, Problems> {
    let config = config::load(root).map_err(Problems::from)?;
    load_inner(root, config, drafts, &mut Kept::default(), files)
}

/// [`load_from`], with the files of `content/` in `instead` read from there
/// rather than from disk.
fn load_inner(
    root: &Path,
    config: config::SiteConfig,
    drafts: Drafts,
    kept: &mut Kept,
    instead: &[(&str, &[u8])],
) -> Result<Library, Problems> {
    let theme_result = theme::load(root, &config);
    // Without the theme folder, its words files are not looked for: one problem is
    // enough.
    let theme_source = theme::ThemeSource::of(root, &config);
    let codes: Vec<&str> = std::iter::once(config.site.language.as_str())
        .chain(config.languages.iter().map(|l| l.code.as_str()))
        .collect();
    let locale_results: Vec<Option<Result<Locale, Vec<Problem>>>> = codes
        .iter()
        .map(|code| {
            theme_source
                .as_ref()
                .map(|theme| locale::load(root, theme, code))
        })
        .collect();
    let mut problems = Vec::new();
    let mut warnings: Vec<Problem> = config.search_warning().into_iter().collect();
    for language in &config.languages {
        for problem in config.check_clinic_words(language) {
            match problem.severity {
                Severity::Error => problems.push(problem),
                _ => warnings.push(problem),
            }
        }
    }

    let content_dir = root.join(CONTENT_DIR);
    let mut files = list_content(root, &content_dir, &mut problems, &mut warnings);
    for (rel, _) in instead {
        if !files.iter().any(|(_, listed)| listed == rel) {
            let at = files.partition_point(|(_, listed)| listed.as_str() < *rel);
            files.insert(at, (content_dir.join(rel), rel.to_string()));
        }
    }
    let further = &codes[1..];
    let known = &kept.files;
    let results: Vec<(bool, FileResult)> = files
        .par_iter()
        .map(|(path, rel)| {
            let given = instead
                .iter()
                .find(|(instead_rel, _)| instead_rel == rel)
                .map(|(_, bytes)| *bytes);
            match (known.get(path), given) {
                (_, Some(bytes)) => (
                    false,
                    load_file(
                        root,
                        path,
                        rel,
                        &config.site.base_path,
                        further,
                        Some(bytes),
                    ),
                ),
                (Some(loaded), None) => (true, Ok(loaded.clone())),
                (None, None) => (
                    false,
                    load_file(root, path, rel, &config.site.base_path, further, None),
                ),
            }
        })
        .collect();
    let mut still = HashMap::with_capacity(files.len());
    for ((path, _), (was_kept, result)) in files.iter().zip(&results) {
        if let Ok(loaded) = result {
            let loaded = match (was_kept, kept.files.remove(path)) {
                (true, Some(loaded)) => loaded,
                _ => loaded.clone(),
            };
            still.insert(path.clone(), loaded);
        }
    }
    kept.files = still;
    let results = results.into_iter().map(|(_, result)| result);

    let mut articles: Vec<Vec<(Article, Option<Arc<Markdown>>)>> =
        codes.iter().map(|_| Vec::new()).collect();
    let mut indexes: Vec<Vec<Section>> = codes.iter().map(|_| Vec::new()).collect();
    let mut assets = Vec::new();
    let mut left_out = Vec::new();
    for result in results {
        match result {
            Ok((i, Loaded::Article(mut article), body)) => {
                codes[i].clone_into(&mut article.language);
                articles[i].push((*article, body));
            }
            Ok((i, Loaded::SectionIndex(section), _)) => indexes[i].push(*section),
            Ok((_, Loaded::Asset(asset), _)) => assets.push(asset),
            Ok((_, Loaded::LeftOut(path, warning), _)) => {
                left_out.push(path);
                warnings.push(*warning);
            }
            Err(found) => problems.extend(found),
        }
    }
    assets.sort_by(|a, b| a.path.cmp(&b.path));

    let main_addresses = Addresses::new(&config.site);
    let mut editions = Vec::new();
    for (i, (articles, indexes)) in articles.into_iter().zip(indexes).enumerate() {
        let addresses = match i {
            0 => main_addresses.clone(),
            _ => main_addresses.for_language(codes[i]),
        };
        let edition_assets = if i == 0 {
            std::mem::take(&mut assets)
        } else {
            Vec::new()
        };
        let (articles, indexes) = follow_section_slugs(articles, indexes, addresses.folder());
        let articles = render_bodies(articles, &indexes, &addresses);
        editions.push(gather_edition(
            articles,
            indexes,
            edition_assets,
            addresses,
            drafts,
            &mut problems,
            &mut warnings,
        ));
    }
    attach_pictures(root, &mut editions, &mut problems);
    publish_linked_files(&mut editions, &left_out, &mut problems, &mut warnings);
    if let Some(main) = editions.first()
        && content_dir.is_dir()
        && main.articles.is_empty()
        && problems.is_empty()
    {
        warnings.push(if main.drafts.is_empty() {
            Problem::warning(CONTENT_DIR, "there are no articles yet")
                .code(Code::ContentNoArticles)
                .help("add one with `pawprint new dogs/my-article --title \"...\"`")
        } else {
            Problem::warning(
                CONTENT_DIR,
                "every article is a draft, so none is published",
            )
            .code(Code::DraftNonePublished)
            .help("to publish an article, remove the line `draft = true` from its front matter")
        });
    }

    let static_files = project_static(root)
        .map_err(|found| problems.extend(found))
        .unwrap_or_default();
    let theme = match theme_result {
        Ok(mut theme) => {
            warnings.append(&mut theme.warnings);
            Some(Arc::new(theme))
        }
        Err(found) => {
            problems.extend(found);
            None
        }
    };
    let brand = brand::load(root, &config, theme.as_deref())
        .map_err(|found| problems.extend(found))
        .ok()
        .map(Arc::new);
    let mut locales = Vec::new();
    for (i, result) in locale_results.into_iter().enumerate() {
        let overrides = match i {
            0 => &config.labels,
            _ => &config.languages[i - 1].labels,
        };
        match result {
            Some(Ok(mut locale)) => {
                problems.extend(locale.override_labels(overrides));
                locales.push(Some(locale));
            }
            Some(Err(found)) => {
                problems.extend(found);
                locales.push(None);
            }
            None => locales.push(None),
        }
    }
    if let Some(Some(main)) = locales.first() {
        for locale in locales.iter().skip(1).flatten() {
            problems.extend(locale.missing_from(main));
        }
    }
    let main_name = language_name(locales.first().unwrap_or(&None));
    link_translations(&editions, &main_name, &mut problems, &mut warnings);
    let mut packs = edition_packs(root, &editions, further, &mut problems, &mut warnings);
    for (edition, locale) in editions.iter().zip(&locales) {
        let Some(locale) = locale else { continue };
        let known: Vec<&str> = locale.species.keys().map(String::as_str).collect();
        for article in &edition.articles {
            problems.extend(front_matter::unknown_species(
                &article.source,
                article.line_of("species"),
                &article.front.species,
                &known,
                &locale.file,
            ));
        }
    }
    let (Some(theme), Some(brand)) = (theme, brand) else {
        return Err(Problems::from(problems));
    };
    if !problems.is_empty() || locales.iter().any(Option::is_none) {
        return Err(Problems::from(problems));
    }
    let languages: Vec<Alternate> = editions
        .iter()
        .zip(&locales)
        .map(|(edition, locale)| {
            let address = edition.addresses.address(&edition.addresses.home_path());
            Alternate {
                language: edition_language(locale),
                name: language_name(locale),
                url: address.url,
                permalink: address.permalink,
            }
        })
        .collect();
    set_alternates(&mut editions, &languages);
    let mut libraries: Vec<Library> = editions
        .into_iter()
        .zip(locales.into_iter().flatten())
        .enumerate()
        .map(|(i, (edition, locale))| Library {
            root: root.to_path_buf(),
            config: match i {
                0 => config.clone(),
                _ => config.in_language(&config.languages[i - 1]),
            },
            theme: theme.clone(),
            locale,
            brand: brand.clone(),
            article_index: crate::library::index_articles(&edition.articles),
            articles: edition.articles,
            drafts: edition.drafts,
            draft_assets: edition.draft_assets,
            sections: edition.sections,
            tags: edition.tags,
            assets: edition.assets,
            static_files: if i == 0 {
                static_files.clone()
            } else {
                Vec::new()
            },
            addresses: edition.addresses,
            warnings: Vec::new(),
            languages: languages.clone(),
            translations: Vec::new(),
            packs: std::mem::take(&mut packs[i]),
        })
        .collect();
    let mut main = libraries.remove(0);
    main.translations = libraries;
    main.warnings = Problems::from(warnings).0;
    Ok(main)
}

/// Reads the print packs of `packs/` (sorted by name) and finds their articles in
/// every language: one list of packs per edition.
fn edition_packs(
    root: &Path,
    editions: &[Edition],
    further: &[&str],
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Vec<Vec<pack::Pack>> {
    let mut packs: Vec<Vec<pack::Pack>> = editions.iter().map(|_| Vec::new()).collect();
    let dir = root.join(pack::PACKS_DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return packs;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    let Some(main) = editions.first() else {
        return packs;
    };
    for path in paths {
        let shown = Path::new(pack::PACKS_DIR).join(path.file_name().unwrap_or_default());
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(why) => {
                problems.push(
                    Problem::error(&shown, format!("cannot read this pack: {why}"))
                        .code(Code::PackUnreadable)
                        .help("check that the file is plain text (UTF-8) and that you may read it"),
                );
                continue;
            }
        };
        let file = SourceFile::new(&shown, text);
        let Some(written) = pack::parse(&file, &name, problems, warnings) else {
            continue;
        };
        match pack::resolve(&written, &main.articles, &main.drafts) {
            Ok(found) => {
                for (i, code) in further.iter().enumerate() {
                    let edition = &editions[i + 1];
                    if let Some(translated) =
                        pack::translate(&written, &found, code, &edition.articles, warnings)
                    {
                        packs[i + 1].push(translated);
                    }
                }
                packs[0].push(found);
            }
            Err(found) => problems.extend(found),
        }
    }
    packs
}

/// Reads the picture each article's sheet names, from the project's `pictures/`
/// folder: each file once, however many articles share it. It is read afresh at
/// every load (the articles `serve` keeps do not keep their pictures), so a
/// changed drawing is always seen. A picture that is missing is an error at the
/// article's `picture` line; one that is unsafe or cannot be drawn, at its own
/// line of the SVG file, once.
fn attach_pictures(root: &Path, editions: &mut [Edition], problems: &mut Vec<Problem>) {
    type Read = Result<(Arc<Vec<u8>>, Arc<picture::Drawing>), Option<Problem>>;
    let mut read: BTreeMap<String, Read> = BTreeMap::new();
    let folder = root.join(picture::FOLDER);
    for edition in editions.iter_mut() {
        for article in edition.articles.iter_mut().chain(edition.drafts.iter_mut()) {
            let handout = &article.front.handout;
            let (Some(name), Some(alt)) = (&handout.picture, &handout.picture_alt) else {
                continue;
            };
            let shown = format!("{}/{name}", picture::FOLDER);
            let found = read.entry(name.clone()).or_insert_with(|| {
                let bytes = read_picture(&folder, name).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::NotFound {
                        None
                    } else {
                        Some(
                            Problem::error(&shown, format!("the sheet's picture cannot be read: {e}"))
                                .code(Code::PictureUnsafe)
                                .help(format!(
                                    "put the drawing itself (not a link to it) in the {}/ folder of the project",
                                    picture::FOLDER
                                )),
                        )
                    }
                })?;
                let (bytes, size) = bytes;
                if size > picture::MAX_BYTES as u64 {
                    return Err(Some(picture::too_big(size).problem(Path::new(&shown))));
                }
                let drawing = picture::read_svg(&bytes)
                    .map_err(|refusal| Some(refusal.problem(Path::new(&shown))))?;
                Ok((Arc::new(bytes), Arc::new(drawing)))
            });
            match found {
                Ok((bytes, drawing)) => {
                    article.picture = Some(Arc::new(picture::Picture {
                        name: name.clone(),
                        alt: alt.clone(),
                        path: shown,
                        bytes: Arc::clone(bytes),
                        drawing: Arc::clone(drawing),
                    }));
                }
                // Reported once, for the first article that names it.
                Err(Some(_)) => {
                    if let Err(problem) = std::mem::replace(found, Err(None)) {
                        problems.extend(problem);
                    }
                }
                Err(None) => {
                    if !folder.join(name).exists() {
                        problems.push(article.place(
                            "handout.picture",
                            Problem::error(
                                &article.source,
                                format!("the picture \"{name}\" is not in the {}/ folder", picture::FOLDER),
                            )
                            .code(Code::PictureNotFound)
                            .help(format!(
                                "put the SVG file at {shown} (the {}/ folder sits beside site.toml), or fix the name",
                                picture::FOLDER
                            )),
                        ));
                    }
                }
            }
        }
    }
}

/// The bytes of the picture `name` inside `folder`, opened without following a
/// link, and the file's size. Only [`picture::MAX_BYTES`] and one byte are read
/// (enough to tell that a file is too big).
fn read_picture(folder: &Path, name: &str) -> std::io::Result<(Vec<u8>, u64)> {
    use std::io::Read;
    let file = pawprint_text::plain_file::open_below(folder, Path::new(name))?;
    let size = file.metadata()?.len();
    let mut bytes = Vec::new();
    file.take(picture::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes, size))
}

/// Tells each published page of every language its versions in the other
/// languages, from `homes` (each language's tag and name, in edition order).
fn set_alternates(editions: &mut [Edition], homes: &[Alternate]) {
    // Each published page's versions in the other languages.
    let mut versions: BTreeMap<String, Vec<(usize, Address)>> = BTreeMap::new();
    let mut section_versions: BTreeMap<String, Vec<(usize, Address)>> = BTreeMap::new();
    for (i, edition) in editions.iter().enumerate() {
        for article in &edition.articles {
            versions
                .entry(article.original.clone())
                .or_default()
                .push((i, article.address.clone()));
        }
        for section in &edition.sections {
            section_versions
                .entry(section.dir.clone())
                .or_default()
                .push((i, section.address.clone()));
        }
    }
    let alternates = |own: usize, list: Option<&Vec<(usize, Address)>>| -> Vec<Alternate> {
        list.into_iter()
            .flatten()
            .filter(|(i, _)| *i != own)
            .map(|(i, address)| Alternate {
                url: address.url.clone(),
                permalink: address.permalink.clone(),
                ..homes[*i].clone()
            })
            .collect()
    };
    for (i, edition) in editions.iter_mut().enumerate() {
        for article in &mut edition.articles {
            article.translations = alternates(i, versions.get(&article.original));
        }
        for section in &mut edition.sections {
            section.translations = alternates(i, section_versions.get(&section.dir));
        }
    }
}

fn edition_language(locale: &Option<Locale>) -> String {
    locale
        .as_ref()
        .map(|l| l.language.clone())
        .unwrap_or_default()
}

fn language_name(locale: &Option<Locale>) -> String {
    locale
        .as_ref()
        .map(|l| l.label("language_name").to_string())
        .unwrap_or_default()
}

/// One language's part of the site, before its words are attached.
struct Edition {
    articles: Vec<Article>,
    drafts: Vec<Article>,
    draft_assets: Vec<Asset>,
    sections: Vec<Section>,
    tags: Vec<Tag>,
    assets: Vec<Asset>,
    addresses: Addresses,
}

/// Sorts one language's articles, gathers its sections and tags, sets every
/// address, and sets its drafts apart (with the pictures in their folders).
fn gather_edition(
    mut articles: Vec<Article>,
    indexes: Vec<Section>,
    mut assets: Vec<Asset>,
    addresses: Addresses,
    drafts: Drafts,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Edition {
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    for article in &articles {
        body_warnings(article, warnings);
    }
    let mut sections = gather_sections(&articles, indexes, addresses.folder(), problems, warnings);
    // Two files may not make one address, drafts or not: publishing a draft later
    // must not break the site.
    check_same_urls(&articles, &sections, &assets, problems);
    let (mut draft_list, mut draft_assets) = (Vec::new(), Vec::new());
    if drafts == Drafts::LeaveOut {
        (draft_list, articles) = articles.into_iter().partition(|a| a.front.draft);
        (draft_assets, assets) = assets
            .into_iter()
            .partition(|asset| draft_list.iter().any(|d| owns(d, asset)));
        // A folder whose articles are all drafts gets no page yet.
        sections.retain(|s| articles.iter().any(|a| a.section.as_ref() == Some(&s.dir)));
    }
    for article in articles.iter_mut().chain(&mut draft_list) {
        article.address = addresses.address(&article.path);
    }
    for section in &mut sections {
        section.address = addresses.address(&section.path);
    }
    let tags = gather_tags(&articles, &addresses, warnings);
    check_handout_names(articles.iter().chain(&draft_list), problems);
    Edition {
        articles,
        drafts: draft_list,
        draft_assets,
        sections,
        tags,
        assets,
        addresses,
    }
}

/// Keeps, of the files beside the articles, only those that a published article
/// or section page links to or shows: content/ is the clinic's writing, and a file
/// nothing points at (an old photo, a private note) stays on the clinic's computer.
/// A file only a draft uses waits with the draft; any other is named in a warning.
/// An SVG drawing is published only as a picture: a link that would open one as a
/// page is an error at the link's line, as is a link to a file that is never
/// published (`left_out`, such as a backup).
fn publish_linked_files(
    editions: &mut [Edition],
    left_out: &[String],
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) {
    let bodies =
        |articles: &'_ [Article], sections: &'_ [Section]| -> Vec<(PathBuf, markdown::Body)> {
            let mut found: Vec<(PathBuf, markdown::Body)> = articles
                .iter()
                .map(|a| (a.source.clone(), a.body.clone()))
                .collect();
            found.extend(
                sections
                    .iter()
                    .filter_map(|s| Some((s.source.clone()?, s.intro.clone()?))),
            );
            found
        };
    let mut shown: BTreeMap<String, Vec<(PathBuf, usize, LinkKind)>> = BTreeMap::new();
    let mut wanted_by_drafts = std::collections::BTreeSet::new();
    for edition in editions.iter() {
        for (source, body) in bodies(&edition.articles, &edition.sections) {
            for link in &body.links {
                if let Target::File { path } = &link.target {
                    shown.entry(path.clone()).or_default().push((
                        source.clone(),
                        link.line,
                        link.kind,
                    ));
                }
            }
        }
        for draft in &edition.drafts {
            for link in &draft.body.links {
                if let Target::File { path } = &link.target {
                    wanted_by_drafts.insert(path.clone());
                }
            }
        }
    }
    for (path, places) in &shown {
        if left_out.contains(path) {
            for (source, line, _) in places {
                problems.push(
                    Problem::error(
                        source,
                        format!("links to content/{path}, which looks like a backup, so it is never published"),
                    )
                    .code(Code::LinkToLeftOutFile)
                    .at_line(*line)
                    .help("link to the article itself, or rename the file if it is not a backup"),
                );
            }
        }
        if files::kind_of(path.rsplit('/').next().unwrap_or(path)) == FileKind::Drawing {
            for (source, line, _) in places.iter().filter(|(_, _, kind)| *kind == LinkKind::Link) {
                problems.push(
                    Problem::error(
                        source,
                        format!("links to the SVG drawing content/{path}, which a browser would open as a page"),
                    )
                    .code(Code::LinkToDrawing)
                    .at_line(*line)
                    .help(format!("show it as a picture instead, with an exclamation mark: ![what it shows]({path})")),
                );
            }
        }
    }
    let Some(main) = editions.first_mut() else {
        return;
    };
    let (published, unused): (Vec<Asset>, Vec<Asset>) = std::mem::take(&mut main.assets)
        .into_iter()
        .partition(|asset| shown.contains_key(&asset.path));
    main.assets = published;
    for asset in unused {
        if wanted_by_drafts.contains(&asset.path) {
            let at = main.draft_assets.partition_point(|a| a.path < asset.path);
            main.draft_assets.insert(at, asset);
        } else {
            warnings.push(
                Problem::warning(
                    PathBuf::from(CONTENT_DIR).join(&asset.path),
                    "is not published: no article links to it or shows it",
                )
                .code(Code::ContentUnusedFile)
                .help("show it in an article with ![what it shows](name.png), link it with [text](name.pdf), or move it out of content/"),
            );
        }
    }
}

/// The warnings about what a body's Markdown left out.
fn body_warnings(article: &Article, warnings: &mut Vec<Problem>) {
    for link in article
        .body
        .links
        .iter()
        .filter(|l| l.target == Target::Unsafe)
    {
        warnings.push(
            Problem::warning(
                &article.source,
                format!(
                    "the address `{}` would run a script, so it was left out",
                    link.dest
                ),
            )
            .code(Code::LinkUnsafe)
            .at_span(link.span.clone())
            .help("link to a web page (https://...) or another article instead"),
        );
    }
    for dropped in &article.body.dropped_attributes {
        warnings.push(
            Problem::warning(
                &article.source,
                format!("the heading attribute `{}` was left out", dropped.text),
            )
            .code(Code::MarkdownDroppedAttribute)
            .at_line(dropped.line)
            .help("a heading may only set an id, {#my-id}, and class names, {.my-class}"),
        );
    }
    for span in &article.body.raw_html {
        warnings.push(
            Problem::warning(
                &article.source,
                "raw HTML is shown as text, not used as HTML",
            )
            .code(Code::MarkdownRawHtml)
            .at_span(span.clone())
            .help("write it in Markdown instead (see \"Writing an article\" in the guide, docs/src/writing/article.md)"),
        );
    }
}

/// Links each translation to its original: a translation needs one, and each
/// published page learns its versions in the other languages. A translation whose
/// original changed since it was made (its `translation_of` no longer matches the
/// original's fingerprint) gets a warning.
fn link_translations(
    editions: &[Edition],
    main_name: &str,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) {
    let Some((main, further)) = editions.split_first() else {
        return;
    };
    let find =
        |list: &[Article], path: &str| list.binary_search_by(|a| a.path.as_str().cmp(path)).ok();
    for edition in further.iter() {
        for translation in edition.articles.iter().chain(&edition.drafts) {
            let original = find(&main.articles, &translation.original)
                .map(|i| &main.articles[i])
                .or_else(|| find(&main.drafts, &translation.original).map(|i| &main.drafts[i]));
            let Some(original) = original else {
                problems.push(
                    Problem::error(
                        &translation.source,
                        format!(
                            "this translation has no original: there is no article at /{}",
                            translation.original
                        ),
                    )
                    .code(Code::TranslationNoOriginal)
                    .help("a translation sits beside its original with the same name: dogs/ear-care.es.md beside dogs/ear-care.md"),
                );
                continue;
            };
            let line = translation.line_of("translation_of");
            match &translation.front.translation_of {
                None => warnings.push(
                    Problem::warning(
                        &translation.source,
                        format!(
                            "this translation does not say which version of {} it was made from",
                            original.source.display()
                        ),
                    )
                    .code(Code::TranslationUnpinned)
                    .at_line(1)
                    .help(format!(
                        "when it matches the original, add translation_of = \"{}\" to its front matter, so pawprint can tell you when the original changes",
                        original.fingerprint
                    )),
                ),
                Some(made_from) if *made_from != original.fingerprint => warnings.push(
                    Problem::warning(
                        &translation.source,
                        format!(
                            "the {main_name} original, {}, changed after this translation was made (it was last updated on {}); review this translation",
                            original.source.display(),
                            original.front.updated
                        ),
                    )
                    .code(Code::TranslationBehind)
                    .at_line(line)
                    .help(format!(
                        "bring the translation up to date, then set translation_of = \"{}\"",
                        original.fingerprint
                    )),
                ),
                Some(_) => {}
            }
            picture_in_translation(original, translation, problems, warnings);
        }
    }
}

/// A translation's sheet names its own picture, the original's or another, with
/// its alternative text in its own language: the same words as the original's
/// are an error. A translation whose original's sheet has a picture and whose
/// own has none gets a warning.
fn picture_in_translation(
    original: &Article,
    translation: &Article,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) {
    let (theirs, ours) = (&original.front.handout, &translation.front.handout);
    if let (Some(name), None) = (&theirs.picture, &ours.picture) {
        warnings.push(
            translation.place(
                "handout",
                Problem::warning(
                    &translation.source,
                    format!(
                        "the original's sheet has the picture \"{name}\", and this translation's sheet has none"
                    ),
                )
                .code(Code::PictureNotInTranslation)
                .help(format!(
                    "add picture = \"{name}\" (or a drawing of its own) and picture_alt = \"...\" in this translation's language under [handout]"
                )),
            ),
        );
    }
    if let (Some(their_alt), Some(our_alt)) = (&theirs.picture_alt, &ours.picture_alt)
        && their_alt.trim() == our_alt.trim()
    {
        problems.push(
            translation.place(
                "handout.picture_alt",
                Problem::error(
                    &translation.source,
                    format!(
                        "`handout.picture_alt` is the same as in {}, so it is not in this translation's language",
                        original.source.display()
                    ),
                )
                .code(Code::PictureAltNotTranslated)
                .help("write what the picture shows in this translation's own language"),
            ),
        );
    }
}

/// Every file under `content/`, with its `/`-separated path inside it. Hidden files
/// are skipped; links are never followed.
fn list_content(
    root: &Path,
    content_dir: &Path,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Vec<(PathBuf, String)> {
    if !content_dir.is_dir() {
        problems.push(
            Problem::error(CONTENT_DIR, "there is no content/ folder")
                .code(Code::ContentNoFolder)
                .help("create content/ and put articles in it, such as content/dogs/my-article.md"),
        );
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| content_dir.to_path_buf(), Path::to_path_buf);
                problems.push(
                    Problem::error(display_path(root, &path), format!("cannot read: {e}"))
                        .code(Code::IoRead),
                );
                continue;
            }
        };
        if entry.path_is_symlink() {
            warnings.push(
                Problem::warning(
                    display_path(root, entry.path()),
                    "skipped a symbolic link; pawprint does not follow links in content/",
                )
                .code(Code::ContentLinkSkipped)
                .help("copy the file into content/ instead of linking to it"),
            );
            continue;
        }
        if entry.file_type().is_file() {
            files.push((
                entry.path().to_path_buf(),
                relative_name(content_dir, entry.path()),
            ));
        }
    }
    files
}

/// Loads one file of `content/`: read from disk, or `given` when it is the file
/// being edited ([`load_as_if`]).
fn load_file(
    root: &Path,
    path: &Path,
    rel: &str,
    base_path: &str,
    further: &[&str],
    given: Option<&[u8]>,
) -> FileResult {
    let shown = display_path(root, path);
    let (dir, name) = match rel.rsplit_once('/') {
        Some((dir, name)) => (dir.to_string(), name.to_string()),
        None => (String::new(), rel.to_string()),
    };
    let Some(stem) = name.strip_suffix(".md") else {
        check_asset_name(&shown, rel)?;
        let kind = files::kind_of(&name);
        match files::refusal(&shown, &name, kind) {
            Some(problem) if problem.is_error() => return Err(vec![problem]),
            Some(warning) => {
                return Ok((0, Loaded::LeftOut(rel.to_string(), Box::new(warning)), None));
            }
            None => {}
        }
        if kind == FileKind::Drawing {
            let bytes = std::fs::read(path).map_err(|e| {
                vec![
                    Problem::error(&shown, format!("cannot read the file: {e}")).code(Code::IoRead),
                ]
            })?;
            files::check_drawing(&shown, &bytes).map_err(|problem| vec![problem])?;
        }
        return Ok((
            0,
            Loaded::Asset(Asset {
                source: path.to_path_buf(),
                path: rel.to_string(),
            }),
            None,
        ));
    };
    let named = markdown_name(&shown, &dir, stem, further)?;
    let bytes = match given {
        Some(bytes) => bytes.to_vec(),
        None => std::fs::read(path).map_err(|e| {
            vec![Problem::error(&shown, format!("cannot read the file: {e}")).code(Code::IoRead)]
        })?,
    };
    read_markdown(shown, &named.original_rel, bytes, base_path, &named.folder)
        .map(|(loaded, body)| (named.language, loaded, body))
}

/// What a Markdown file's name in `content/` says, once checked.
struct MarkdownName {
    /// The language's place: 0 for the main language, 1 for the first further one.
    language: usize,
    /// The original's name, such as `dogs/ear-care.md` for `dogs/ear-care.es.md`.
    original_rel: String,
    /// Where the language's pages live, such as `es/`; empty for the main language.
    folder: String,
}

/// Reads the language off the name `stem` (without `.md`) of a Markdown file in
/// the folder `dir` of `content/`, and checks the name can be a web address.
fn markdown_name(
    shown: &Path,
    dir: &str,
    stem: &str,
    further: &[&str],
) -> Result<MarkdownName, Vec<Problem>> {
    let (stem, language) = language_of(shown, stem, further)?;
    check_name(shown, dir, stem)?;
    Ok(MarkdownName {
        language,
        original_rel: match dir {
            "" => format!("{stem}.md"),
            _ => format!("{dir}/{stem}.md"),
        },
        folder: match language {
            0 => String::new(),
            i => format!("{}/", further[i - 1]),
        },
    })
}

/// Splits the language off a Markdown file's name: `ear-care.es` is the Spanish
/// `ear-care` when site.toml lists `[languages.es]`. Returns the plain name and
/// the language's place (0 for the main language, 1 for the first of `further`).
fn language_of<'s>(
    shown: &Path,
    stem: &'s str,
    further: &[&str],
) -> Result<(&'s str, usize), Vec<Problem>> {
    let Some((name, code)) = stem.rsplit_once('.') else {
        return Ok((stem, 0));
    };
    if let Some(i) = further.iter().position(|c| *c == code) {
        return Ok((name, i + 1));
    }
    let help = if further.is_empty() {
        format!(
            "to add a language, add a [languages.{code}] table to site.toml (see \"Languages\" in the guide, docs/src/languages.md); otherwise rename the file to {name}.md"
        )
    } else {
        format!(
            "the site's further languages are: {}; add [languages.{code}] to site.toml for another",
            further.join(", ")
        )
    };
    Err(vec![
        Problem::error(
            shown,
            format!(
                "the name ends in .{code}.md, but `{code}` is not a further language of this site"
            ),
        )
        .code(Code::ContentUnknownLanguage)
        .help(help),
    ])
}

/// Reads the bytes of a Markdown file at `rel` inside `content/` (shown in messages
/// as `shown`) as an article or a section's `_index.md`. Touches no files: this is
/// the entry point the fuzz and property tests drive.
pub fn parse_markdown(
    shown: PathBuf,
    rel: &str,
    bytes: Vec<u8>,
    base_path: &str,
) -> Result<Loaded, Vec<Problem>> {
    parse_markdown_in(shown, rel, bytes, base_path, "")
}

/// Reads the bytes of the Markdown file at `rel` inside `content/` (such as
/// `dogs/ear-care.es.md`; shown in messages as `shown`) as [`load`] reads it
/// for a site whose further languages are `further`: its name gives its
/// language and its section, and is checked as a web address. Touches no files:
/// `serve` checks what the editor sends with it before writing it.
pub fn parse_content_file(
    shown: PathBuf,
    rel: &str,
    bytes: Vec<u8>,
    base_path: &str,
    further: &[&str],
) -> Result<Loaded, Vec<Problem>> {
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let Some(stem) = name.strip_suffix(".md") else {
        return Err(vec![
            Problem::error(&shown, "is not a Markdown file")
                .code(Code::ContentBadName)
                .help("an article's file name ends in .md, such as dogs/ear-care.md"),
        ]);
    };
    let named = markdown_name(&shown, dir, stem, further)?;
    parse_markdown_in(shown, &named.original_rel, bytes, base_path, &named.folder)
}

/// Like [`parse_markdown`], for a file in a further language whose pages live
/// under `folder` (such as `es/`; empty for the main language). `rel` is the
/// original's name (`dogs/ear-care.md` for `dogs/ear-care.es.md`).
pub(crate) fn parse_markdown_in(
    shown: PathBuf,
    rel: &str,
    bytes: Vec<u8>,
    base_path: &str,
    folder: &str,
) -> Result<Loaded, Vec<Problem>> {
    let (mut loaded, body) = read_markdown(shown, rel, bytes, base_path, folder)?;
    if let (Loaded::Article(article), Some(body)) = (&mut loaded, body) {
        article.body = body.render(&Moved::new());
    }
    Ok(loaded)
}

/// Reads a Markdown file as [`parse_markdown_in`] does, leaving an article's body
/// to render once every page's address is known.
fn read_markdown(
    shown: PathBuf,
    rel: &str,
    bytes: Vec<u8>,
    base_path: &str,
    folder: &str,
) -> Result<(Loaded, Option<Arc<Markdown>>), Vec<Problem>> {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((dir, name)) => (dir.to_string(), name.to_string()),
        None => (String::new(), rel.to_string()),
    };
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    let file = decode_text(shown, bytes)?;
    let parts = front_matter::split(&file).map_err(|p| vec![p])?;
    let body_line = file.line_of(parts.body.start);

    if stem == "_index" {
        let front = front_matter::parse_section(&file, parts.front.clone())?;
        if folder.is_empty() && front.slug.is_some() {
            let problem = Problem::error(
                &file.path,
                "`slug` is only for translations, such as dogs/_index.es.md",
            )
            .code(Code::FrontMatterTranslationOnly)
            .help("the folder's name gives this section its address: remove the line, or rename the folder");
            let spans = article::printed_field_spans(&file, parts.front);
            return Err(vec![match spans.get("slug") {
                Some(span) => problem.at_span(span.clone()),
                None => problem,
            }]);
        }
        let intro = markdown::render(
            &file,
            parts.body,
            Place {
                base_path,
                dir: &dir,
                pages: folder,
            },
        );
        return Ok((
            Loaded::SectionIndex(Box::new(Section {
                address: Address::default(),
                path: format!("{folder}{dir}/")
                    .trim_start_matches('/')
                    .to_string(),
                dir,
                front: Some(front),
                source: Some(file.path.clone()),
                intro: Some(intro).filter(|b| !b.html.trim().is_empty()),
                translations: Vec::new(),
            })),
            None,
        ));
    }

    // `dogs/x/index.md` is the article `dogs/x/`, with its images beside it.
    let (page_path, section, link_dir) = if stem == "index" {
        if dir.is_empty() {
            return Err(vec![
                Problem::error(&file.path, "content/index.md would replace the home page")
                    .code(Code::ContentReplacesHome)
                    .help("the home page is made from site.toml; give this article its own name"),
            ]);
        }
        let section = dir.rsplit_once('/').map(|(s, _)| s.to_string());
        (format!("{dir}/"), section, dir.clone())
    } else if dir.is_empty() {
        (format!("{stem}/"), None, String::new())
    } else {
        (format!("{dir}/{stem}/"), Some(dir.clone()), dir.clone())
    };
    let front = front_matter::parse_article(&file, parts.front.clone())?;
    let field_spans = article::printed_field_spans(&file, parts.front.clone());
    let handout_line = field_spans.get("handout").map_or(1, |span| span.line);
    let path = if folder.is_empty() {
        for (key, what) in [
            ("slug", front.slug.is_some()),
            ("translation_of", front.translation_of.is_some()),
        ] {
            if what {
                let problem = Problem::error(
                    &file.path,
                    format!("`{key}` is only for translations, such as dogs/ear-care.es.md"),
                )
                .code(Code::FrontMatterTranslationOnly)
                .help("the file's name gives this article its address: remove the line, or rename the file");
                return Err(vec![match field_spans.get(key) {
                    Some(span) => problem.at_span(span.clone()),
                    None => problem,
                }]);
            }
        }
        page_path.clone()
    } else {
        match &front.slug {
            Some(slug) => {
                let parent = page_path
                    .trim_end_matches('/')
                    .rsplit_once('/')
                    .map_or(String::new(), |(parent, _)| format!("{parent}/"));
                format!("{folder}{parent}{slug}/")
            }
            None => format!("{folder}{page_path}"),
        }
    };
    let mut fingerprint = StableId::default();
    fingerprint.add(file.text.as_bytes());
    let article = Loaded::Article(Box::new(Article {
        address: Address::default(),
        source: file.path.clone(),
        path,
        language: String::new(),
        original: page_path,
        translations: Vec::new(),
        fingerprint: fingerprint.hex()[..12].to_string(),
        section,
        body_line,
        handout_line,
        field_spans,
        front,
        body: Body::default(),
        picture: None,
    }));
    let body = Markdown {
        file,
        body: parts.body,
        base_path: base_path.to_string(),
        dir: link_dir,
        pages: folder.to_string(),
        rendered: Mutex::default(),
    };
    Ok((article, Some(Arc::new(body))))
}

/// An article as read, with its body still to render.
type ReadArticle = (Article, Option<Arc<Markdown>>);

/// The path of the folder `dir` (such as `dogs/small`) in a translation's
/// addresses: each folder of it named by its `_index` translation's `slug` when
/// that has one (`perros/small`), or else by its own name.
fn translated_dir(dir: &str, slugs: &HashMap<&str, &str>) -> String {
    let ends = dir.match_indices('/').map(|(at, _)| at).chain([dir.len()]);
    let mut start = 0;
    let mut parts = Vec::new();
    for end in ends {
        parts.push(slugs.get(&dir[..end]).copied().unwrap_or(&dir[start..end]));
        start = end + 1;
    }
    parts.join("/")
}

/// Puts one further language's articles and sections where the `slug` of each
/// section's translation (`dogs/_index.es.md`) says: with `slug = "perros"`, the
/// pages of `dogs/` live under `es/perros/`. The main language has no slugs (load
/// refuses them there), so its pages stay where their files are.
fn follow_section_slugs(
    mut articles: Vec<ReadArticle>,
    mut indexes: Vec<Section>,
    folder: &str,
) -> (Vec<ReadArticle>, Vec<Section>) {
    let owned: Vec<(String, String)> = indexes
        .iter()
        .filter_map(|index| {
            let slug = index.front.as_ref()?.slug.clone()?;
            Some((index.dir.clone(), slug))
        })
        .collect();
    if owned.is_empty() {
        return (articles, indexes);
    }
    let slugs: HashMap<&str, &str> = owned
        .iter()
        .map(|(dir, slug)| (dir.as_str(), slug.as_str()))
        .collect();
    for index in &mut indexes {
        if !index.dir.is_empty() {
            index.path = format!("{folder}{}/", translated_dir(&index.dir, &slugs));
        }
    }
    for (article, _) in &mut articles {
        // The article's own name: its `slug`, or its file's name.
        let own = article.path.trim_end_matches('/').rsplit('/').next();
        let parent = article
            .original
            .trim_end_matches('/')
            .rsplit_once('/')
            .map(|(parent, _)| parent);
        if let (Some(own), Some(parent)) = (own, parent) {
            article.path = format!("{folder}{}/{own}/", translated_dir(parent, &slugs));
        }
    }
    (articles, indexes)
}

/// Renders the body of each article of one language, once the address of every
/// page of that language is known: a link to a translation with its own `slug`,
/// or in a section with its own `slug`, goes where it is.
fn render_bodies(
    read: Vec<(Article, Option<Arc<Markdown>>)>,
    sections: &[Section],
    addresses: &Addresses,
) -> Vec<Article> {
    // Drafts too: a link to a draft is checked like any other.
    let mut moved: Moved = read
        .iter()
        .map(|(article, _)| article)
        .map(|article| (addresses.page_path(&article.original), article.path.clone()))
        .filter(|(from, to)| from != to)
        .collect();
    moved.extend(
        sections
            .iter()
            .filter(|section| !section.dir.is_empty())
            .map(|section| {
                (
                    addresses.page_path(&format!("{}/", section.dir)),
                    section.path.clone(),
                )
            })
            .filter(|(from, to)| from != to),
    );
    read.into_par_iter()
        .map(|(mut article, body)| {
            if let Some(body) = body {
                article.body = body.render(&moved);
            }
            article
        })
        .collect()
}

/// Article and folder names become web addresses, so they must be simple: ASCII
/// `a-z`, `0-9` and dashes. Then no two names can be one file on macOS or Windows,
/// which do not tell `Ears` from `ears`, or `ſcooting` from `scooting`.
fn check_name(shown: &Path, dir: &str, stem: &str) -> Result<(), Vec<Problem>> {
    let mut problems = Vec::new();
    for part in dir.split('/').filter(|p| !p.is_empty()) {
        if !is_file_slug(part) {
            problems.push(
                Problem::error(
                    shown,
                    format!("the folder name \"{part}\" cannot be part of a web address"),
                )
                .code(Code::ContentBadName)
                .help(rename_hint("folder", part, "")),
            );
        }
    }
    if stem != "_index" && stem != "index" && !is_file_slug(stem) {
        problems.push(
            Problem::error(
                shown,
                format!("the file name \"{stem}.md\" cannot be part of a web address"),
            )
            .code(Code::ContentBadName)
            .help(rename_hint("file", stem, ".md")),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Pictures and other files keep their names, capitals included, but only in
/// ASCII: a name such as `oído.png` could be one file with `oido.png` on some
/// computers, and an address cannot show it without escapes.
fn check_asset_name(shown: &Path, rel: &str) -> Result<(), Vec<Problem>> {
    let parts: Vec<&str> = rel.split('/').collect();
    let problems: Vec<Problem> = parts
        .iter()
        .enumerate()
        .filter(|(_, part)| !part.is_ascii())
        .map(|(i, part)| {
            let (stem, ending) = match part.rsplit_once('.') {
                Some((stem, ext)) if ext.is_ascii() && !stem.is_empty() => {
                    (stem, format!(".{ext}"))
                }
                _ => (*part, String::new()),
            };
            let what = if i + 1 == parts.len() {
                "file"
            } else {
                "folder"
            };
            Problem::error(
                shown,
                format!("the {what} name \"{part}\" has letters outside a-z"),
            )
            .code(Code::ContentNonAsciiName)
            .help(rename_hint(what, stem, &ending))
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Decodes a file's bytes as UTF-8 text, pointing at the first bad byte when they
/// are not. Old Mac line ends (a lone CR) become line feeds, and control characters
/// are dropped from the front matter and shown as U+FFFD in the body.
pub fn decode_text(shown: PathBuf, bytes: Vec<u8>) -> Result<SourceFile, Vec<Problem>> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(without_control_characters(SourceFile::new(
            shown,
            unix_line_ends(text),
        ))),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = 1 + count_line_ends(good);
            let column = 1 + good
                .rsplit(|b| *b == b'\n' || *b == b'\r')
                .next()
                .map_or(0, |l| String::from_utf8_lossy(l).chars().count());
            Err(vec![
                Problem::error(&shown, "the file is not valid UTF-8 text").code(Code::IoNotUtf8)
                    .at(line, column)
                    .help("save it again as UTF-8 in your editor (it may be in an older encoding such as Windows-1252)"),
            ])
        }
    }
}

/// Control characters (NUL and the like, but not tabs or line ends) have no place
/// in a web page, a feed or a PDF. In the front matter they are dropped, as they
/// are when written as escapes such as `\u0000`; in the body, like CommonMark,
/// pawprint shows them as U+FFFD. Lines stay where they were.
fn without_control_characters(file: SourceFile) -> SourceFile {
    if !may_hold_forbidden_control(&file.text) || !file.text.chars().any(is_forbidden_control) {
        return file;
    }
    let front_end = front_matter::split(&file).map_or(0, |parts| parts.front.end);
    let mut text = String::with_capacity(file.text.len());
    for (i, c) in file.text.char_indices() {
        match c {
            c if !is_forbidden_control(c) => text.push(c),
            _ if i < front_end => {}
            _ => text.push('\u{fffd}'),
        }
    }
    SourceFile::new(file.path, text)
}

/// One section per folder that holds articles, with the `_index.md` details when
/// present. An `_index.md` in a folder without articles is reported.
fn gather_sections(
    articles: &[Article],
    indexes: Vec<Section>,
    folder: &str,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Vec<Section> {
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    for article in articles {
        let Some(section) = &article.section else {
            continue;
        };
        // The folder the article's page is in: where its section's `slug`, or a
        // folder above's, puts it.
        let path = match article.path.trim_end_matches('/').rsplit_once('/') {
            Some((parent, _)) => format!("{parent}/"),
            None => format!("{folder}{section}/"),
        };
        sections.entry(section.clone()).or_insert_with(|| Section {
            address: Address::default(),
            dir: section.clone(),
            path,
            front: None,
            source: None,
            intro: None,
            translations: Vec::new(),
        });
    }
    for index in indexes {
        if index.dir.is_empty() {
            problems.push(
                Problem::error(
                    index.source.clone().unwrap_or_default(),
                    "content/_index.md has no section to describe",
                )
                .code(Code::SectionNoFolder)
                .help("put _index.md inside a folder such as content/dogs/"),
            );
            continue;
        }
        match sections.get_mut(&index.dir) {
            Some(section) => *section = index,
            None => warnings.push(
                Problem::warning(
                    index.source.clone().unwrap_or_default(),
                    "this section has no articles yet, so it gets no page",
                )
                .code(Code::SectionNoArticles),
            ),
        }
    }
    sections.into_values().collect()
}

/// Whether `asset` sits in the folder of the article `draft` (a draft written as
/// `content/dogs/x/index.md` owns the pictures in `content/dogs/x/`).
fn owns(draft: &Article, asset: &Asset) -> bool {
    draft.source.ends_with("index.md") && asset.path.starts_with(&draft.path)
}

/// Two files must never make the same page or file, even on hosts (macOS,
/// Windows) that do not tell upper from lower case.
fn check_same_urls(
    articles: &[Article],
    sections: &[Section],
    assets: &[Asset],
    problems: &mut Vec<Problem>,
) {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut claim =
        |key: String, shown: &str, source: PathBuf, problems: &mut Vec<Problem>| match seen
            .get(&key.to_lowercase())
        {
            Some(first) if *first != source => problems.push(
                Problem::error(
                    &source,
                    format!(
                        "this makes the same address /{shown} as {}",
                        first.display()
                    ),
                )
                .code(Code::ContentSameAddress)
                .also_at(pawprint_text::problem::Place::file(
                    first,
                    format!("also makes /{shown}"),
                ))
                .help("rename or move one of the two files"),
            ),
            Some(_) => {}
            None => {
                seen.insert(key.to_lowercase(), source);
            }
        };
    for article in articles {
        claim(
            article.path.clone(),
            &article.path,
            article.source.clone(),
            problems,
        );
    }
    for section in sections {
        if let Some(source) = &section.source {
            claim(
                section.path.clone(),
                &section.path,
                source.clone(),
                problems,
            );
        } else if let Ok(i) = articles.binary_search_by(|a| a.path.cmp(&section.path)) {
            // The articles are sorted by path: a lookup, not a scan per section.
            let article = &articles[i];
            problems.push(
                Problem::error(
                    &article.source,
                    format!(
                        "the folder {} holds articles, so /{} is its section page",
                        section.dir, section.path
                    ),
                )
                .code(Code::ContentSectionClash)
                .help("move the articles out of that folder, or rename this article"),
            );
        }
    }
    for asset in assets {
        claim(
            asset.path.clone(),
            &asset.path,
            PathBuf::from(CONTENT_DIR).join(&asset.path),
            problems,
        );
    }
}

/// Every tag of the articles, by slug. Two spellings of one tag are one tag; an article
/// that repeats a tag is listed once.
///
/// Spellings that differ by more than capitals share one page under the first
/// spelling, and a warning says so (`Vómito` and `vomito` make `/tags/vomito/`).
pub(crate) fn gather_tags(
    articles: &[Article],
    addresses: &Addresses,
    warnings: &mut Vec<Problem>,
) -> Vec<Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    let mut told = std::collections::BTreeSet::new();
    // Many articles share each spelling: make its slug once.
    let mut slugs: HashMap<String, String> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        for written in &article.front.tags {
            let cleaned;
            let name = if written.contains(pawprint_text::text::is_invisible) {
                cleaned = written.replace(pawprint_text::text::is_invisible, "");
                &cleaned
            } else {
                written
            };
            if name != written && told.insert((written.clone(), name.clone())) {
                warnings.push(
                    Problem::warning(
                        &article.source,
                        format!("the tag \"{name}\" has a character that takes no space and cannot be seen"),
                    )
                    .code(Code::TagInvisibleCharacter)
                    .help("type the tag again; pawprint leaves the hidden character out"),
                );
            }
            let tag_slug = match slugs.get(name.as_str()) {
                Some(known) => known.clone(),
                None => {
                    let made = Addresses::tag_slug(name);
                    slugs.insert(name.clone(), made.clone());
                    made
                }
            };
            if let Some(first) = tags.get(&tag_slug)
                && first.name.to_lowercase() != name.to_lowercase()
                && told.insert((first.name.clone(), name.clone()))
            {
                warnings.push(
                    Problem::warning(
                        &article.source,
                        format!(
                            "the tags \"{name}\" and \"{}\" share one page, /tags/{tag_slug}/, shown as \"{}\"",
                            first.name, first.name
                        ),
                    )
                    .code(Code::TagSameAddress)
                    .help("write the tag the same way in every article"),
                );
            }
            let tag = tags.entry(tag_slug.clone()).or_insert_with(|| Tag {
                name: name.clone(),
                address: addresses.address(&addresses.tag_path(&tag_slug)),
                slug: tag_slug,
                articles: Vec::new(),
            });
            if tag.articles.last() != Some(&index) {
                tag.articles.push(index);
            }
        }
    }
    let mut tags: Vec<Tag> = tags.into_values().collect();
    for tag in &mut tags {
        tag.articles
            .sort_by(|a, b| articles[*a].front.title.cmp(&articles[*b].front.title));
    }
    tags
}

/// The folder beside `site.toml` whose files are copied into the site as they are.
pub const STATIC_DIR: &str = "static";

/// The files of the project's `static/` folder: files a host wants at the top of the
/// site, such as `CNAME`, `.nojekyll` or `.well-known/`. Unlike the theme's static
/// folder, dot files are kept here, since hosts read them; editor backups (`~`) and
/// `.DS_Store` and a `.git` folder are not. Links are not followed, and are reported.
fn project_static(root: &Path) -> Result<Vec<Asset>, Vec<Problem>> {
    let dir = root.join(STATIC_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let shown = |path: &Path| Path::new(STATIC_DIR).join(path.strip_prefix(&dir).unwrap_or(path));
    let mut walk = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_string_lossy();
                if name.ends_with('~') || name == ".DS_Store" {
                    continue;
                }
                if name == ".git" {
                    walk.skip_current_dir();
                    continue;
                }
                if entry.file_type().is_file() {
                    files.push(Asset {
                        source: entry.path().to_path_buf(),
                        path: relative_name(&dir, entry.path()),
                    });
                } else if !entry.file_type().is_dir() {
                    problems.push(
                        Problem::error(
                            shown(entry.path()),
                            "this is a link or a special file, and pawprint copies only plain files",
                        ).code(Code::StaticNotAFile)
                        .help("put the file itself in static/"),
                    );
                }
            }
            Err(e) => {
                let path = e.path().unwrap_or(&dir).to_path_buf();
                problems.push(
                    Problem::error(shown(&path), format!("cannot read the static folder: {e}"))
                        .code(Code::IoRead),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Two articles whose handouts would be saved under the same file name, such as
/// `dogs-ear/care.md` and `dogs/ear-care.md` (both `dogs-ear-care-letter.pdf`).
fn check_handout_names<'a>(
    articles: impl Iterator<Item = &'a Article>,
    problems: &mut Vec<Problem>,
) {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    for article in articles {
        let name = Addresses::topic_name(&article.path);
        if let Some(other) = seen.insert(name.clone(), &article.source) {
            problems.push(
                Problem::error(
                    &article.source,
                    format!(
                        "its handouts would be saved as {name}-letter.pdf and so on, the same names as the handouts of {}",
                        other.display()
                    ),
                )
                .code(Code::ContentSameHandoutName)
                .help("rename one of the two files or folders, so their paths differ in more than a dash"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project with an English article, its Spanish translation under its own
    /// slug, and a second Spanish article that links to the first by its file name.
    fn project(slug: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let site = std::fs::read_to_string(Path::new(shipped).join("site.toml")).unwrap();
        std::fs::write(root.join("site.toml"), site).unwrap();
        std::fs::create_dir_all(root.join("content/dogs")).unwrap();
        let article = |title: &str| {
            format!(
                "+++\ntitle = \"{title}\"\nsummary = \"About {title}.\"\nupdated = 2024-01-01\nspecies = [\"dog\"]\n\
                 [handout]\nintro = \"Intro.\"\nsigns = [\"One.\", \"Two.\", \"Three.\"]\n\
                 prevention = [\"One.\", \"Two.\", \"Three.\"]\ncall_us_if = [\"One.\", \"Two.\", \"Three.\"]\n+++\n\
                 Read [about ears](ear-care.md).\n"
            )
        };
        std::fs::write(root.join("content/dogs/ear-care.md"), article("Ears")).unwrap();
        std::fs::write(root.join("content/dogs/eyes.md"), article("Eyes")).unwrap();
        let english = load(root).unwrap_or_else(|p| panic!("{p}"));
        let translation = |title: &str, path: &str, extra: &str| {
            let original = english.article(path).unwrap();
            article(title).replacen(
                "+++\n",
                &format!(
                    "+++\ntranslation_of = \"{}\"\n{extra}",
                    original.fingerprint
                ),
                1,
            )
        };
        let ears = translation("Orejas", "dogs/ear-care/", &format!("slug = \"{slug}\"\n"));
        let eyes = translation("Ojos", "dogs/eyes/", "");
        std::fs::write(root.join("content/dogs/ear-care.es.md"), ears).unwrap();
        std::fs::write(root.join("content/dogs/eyes.es.md"), eyes).unwrap();
        dir
    }

    #[test]
    fn a_sections_translation_names_its_folder_in_every_address() {
        let dir = project("orejas");
        let root = dir.path();
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "content/dogs/_index.es.md",
            "+++\ntitle = \"Perros\"\nslug = \"perros\"\n+++\n",
        );
        // A folder inside it, with no `_index` of its own: it follows its parent.
        let eyes = std::fs::read_to_string(root.join("content/dogs/eyes.md")).unwrap();
        write(
            "content/dogs/small/teeth.md",
            &eyes.replace("Eyes", "Teeth"),
        );
        write(
            "content/dogs/small/teeth.es.md",
            &eyes.replace("Eyes", "Dientes"),
        );
        let library = load(root).unwrap_or_else(|p| panic!("{p}"));
        let spanish = &library.translations[0];
        let paths: Vec<&str> = spanish.articles.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "es/perros/eyes/",
                "es/perros/orejas/",
                "es/perros/small/teeth/"
            ]
        );
        let sections: Vec<&str> = spanish.sections.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(sections, ["es/perros/", "es/perros/small/"]);
        // Links written to the file's name go where the page is.
        assert_eq!(link_in(&library, "es/perros/eyes/"), "/es/perros/orejas/");
        // The switcher on the English page points at the Spanish address.
        let english = library.article("dogs/ear-care/").unwrap();
        assert_eq!(english.translations[0].url, "/es/perros/orejas/");
        // Each page's old address, to send readers on from.
        let old: Vec<(String, String)> = spanish
            .old_addresses()
            .into_iter()
            .map(|o| (o.path, o.to.path))
            .collect();
        assert_eq!(
            old,
            [
                ("es/dogs/".to_string(), "es/perros/".to_string()),
                ("es/dogs/eyes/".into(), "es/perros/eyes/".into()),
                ("es/dogs/orejas/".into(), "es/perros/orejas/".into()),
                ("es/dogs/small/".into(), "es/perros/small/".into()),
                (
                    "es/dogs/small/teeth/".into(),
                    "es/perros/small/teeth/".into()
                ),
            ]
        );
        assert!(library.old_addresses().is_empty());

        // The main language's folder names are its addresses: no `slug` there.
        write(
            "content/dogs/_index.md",
            "+++\ntitle = \"Dogs\"\nslug = \"hounds\"\n+++\n",
        );
        let problems = load(root).unwrap_err();
        assert!(
            problems
                .0
                .iter()
                .any(|p| p.code == Some(Code::FrontMatterTranslationOnly)),
            "{problems}"
        );
    }

    #[test]
    fn a_folder_path_takes_each_translated_name() {
        let slugs = HashMap::from([("dogs", "perros"), ("dogs/small/old", "viejos")]);
        assert_eq!(translated_dir("dogs", &slugs), "perros");
        assert_eq!(translated_dir("dogs/small", &slugs), "perros/small");
        assert_eq!(
            translated_dir("dogs/small/old", &slugs),
            "perros/small/viejos"
        );
        assert_eq!(translated_dir("cats", &slugs), "cats");
    }

    fn link_in(library: &Library, path: &str) -> String {
        let spanish = &library.translations[0];
        let html = &spanish.article(path).unwrap().body.html;
        let start = html.find("href=\"").unwrap() + 6;
        html[start..start + html[start..].find('"').unwrap()].to_string()
    }

    #[test]
    fn a_link_follows_a_translation_to_its_slug_even_when_only_it_changed() {
        let dir = project("orejas");
        let root = dir.path();
        let mut kept = Kept::default();
        let first =
            load_keeping(root, Drafts::LeaveOut, &mut kept).unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(link_in(&first, "es/dogs/eyes/"), "/es/dogs/orejas/");
        assert_eq!(link_in(&first, "es/dogs/orejas/"), "/es/dogs/orejas/");

        // The translation gets another slug; only its file is read again (as
        // `serve` does), yet the other article's link follows it.
        let ears = root.join("content/dogs/ear-care.es.md");
        let text = std::fs::read_to_string(&ears).unwrap();
        std::fs::write(
            &ears,
            text.replace("slug = \"orejas\"", "slug = \"las-orejas\""),
        )
        .unwrap();
        kept.forget(&ears);
        let second =
            load_keeping(root, Drafts::LeaveOut, &mut kept).unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(link_in(&second, "es/dogs/eyes/"), "/es/dogs/las-orejas/");
        assert_eq!(
            link_in(&second, "es/dogs/las-orejas/"),
            "/es/dogs/las-orejas/"
        );
    }
}
