//! The website renderer: a pure function from the [`Library`] to output files.

pub mod editor;
pub mod feed;
pub mod metadata;
pub mod moved;
pub mod pages;
pub mod policy;
pub mod search;

use std::collections::BTreeMap;

use pawprint_content::Library;
use pawprint_handout::HandoutFile;
use pawprint_settings::brand::{self, logo::Logo};
use pawprint_text::problem::Problem;
use pawprint_text::site_file::{Collected, Contents, FileSink, OutputFile};

/// Renders the whole website, in every language: each language's pages and Atom
/// feed, then what the languages share: one sitemap of every page (with each
/// page's versions in the other languages), robots.txt, the theme's static files
/// and the files in `content/` that are not articles. `handouts` are the sheets of
/// every language. Keeps every file in memory; see [`render_into`].
pub fn render(
    library: &Library,
    handouts: &[HandoutFile],
) -> Result<Vec<OutputFile>, Vec<Problem>> {
    let sink = Collected::default();
    render_into(library, handouts, &sink, None)?;
    Ok(sink.into_files())
}

/// [`render`], handing each file to `sink` as soon as it is made. A page whose
/// key is the same in `previous` is kept from the last render rather than made
/// again ([`pages::PageKeys`]). Returns every page's key, for the next render.
pub fn render_into(
    library: &Library,
    handouts: &[HandoutFile],
    sink: &dyn FileSink,
    previous: Option<&pages::PageKeys>,
) -> Result<pages::PageKeys, Vec<Problem>> {
    let mut keys = pages::PageKeys::default();
    let mut pages = Vec::new();
    let mut files = Vec::new();
    // One policy for every page of every language, the one `_headers` sends too.
    let policy = policy::policy(library);
    for edition in library.editions() {
        let (paths, made) = pages::render(edition, handouts, &policy, sink, previous)?;
        pages.extend(paths);
        keys.extend(made);
        // The pages at old addresses are not pages of the site: no sitemap entry.
        files.extend(moved::pages(edition, &policy));
        files.push(OutputFile::bytes(
            edition.addresses.page_path("atom.xml"),
            feed::atom(edition),
        ));
    }
    pages.sort();

    let versions = feed::page_versions(library);
    let entries: Vec<feed::SitemapEntry> = pages
        .iter()
        .filter_map(|path| path.strip_suffix("index.html"))
        .map(|path| {
            let (lastmod, alternates) = versions.get(path).cloned().unwrap_or_default();
            feed::SitemapEntry {
                path: path.to_string(),
                lastmod,
                alternates,
            }
        })
        .collect();
    files.push(OutputFile::bytes(
        "sitemap.xml",
        feed::sitemap(library, &entries),
    ));
    files.push(OutputFile::bytes("robots.txt", feed::robots(library)));
    if library.config.publish.headers {
        files.push(OutputFile::bytes(
            policy::HEADERS_FILE,
            policy::headers_file(
                &policy,
                library.config.search.enabled,
                &library
                    .translations
                    .iter()
                    .map(|t| t.language())
                    .collect::<Vec<_>>(),
                library
                    .config
                    .editor
                    .enabled
                    .then(|| policy::editor_policy(library))
                    .as_deref(),
            ),
        ));
    }
    // The content editor under admin/: no page of the sitemap.
    files.extend(editor::files(library, &policy::editor_policy(library)));
    if let Some(colours) = &library.brand.colours {
        files.push(OutputFile::bytes(brand_css_path(), colours.css()));
    }
    if let (Some(logo), Some(source)) = (&library.brand.logo, &library.brand.logo_file) {
        files.push(OutputFile {
            path: logo_path(logo),
            contents: Contents::Copy(source.clone()),
        });
    }
    // The sheets' drawings, one copy each for every language that shows them,
    // with the bytes that were checked at load.
    let mut pictures = std::collections::BTreeMap::new();
    for edition in library.editions() {
        for article in &edition.articles {
            if let Some(picture) = &article.picture {
                pictures.insert(picture.path.clone(), picture.bytes.as_ref().clone());
            }
        }
    }
    files.extend(
        pictures
            .into_iter()
            .map(|(path, bytes)| OutputFile::bytes(path, bytes)),
    );
    files.extend(library.theme.static_files.iter().cloned());
    for asset in &library.assets {
        files.push(OutputFile {
            path: asset.path.clone(),
            contents: Contents::Copy(asset.source.clone()),
        });
    }
    let problems: Vec<Problem> = files
        .into_iter()
        .filter_map(|file| sink.put(file).err())
        .collect();
    if problems.is_empty() {
        Ok(keys)
    } else {
        Err(problems)
    }
}

/// Every language's search index, the languages side by side, each handed to
/// `sink` as it is made, or kept from the last build when it would be made from
/// the same records. Returns how many languages' indexes were kept.
#[cfg(feature = "search")]
pub fn search_indexes_into(
    library: &Library,
    sink: &dyn FileSink,
    previous: Option<&BTreeMap<String, Vec<u8>>>,
) -> Result<usize, Vec<Problem>> {
    use rayon::prelude::*;
    use search::Index;

    let editions: Vec<&Library> = library.editions().collect();
    let kept = std::sync::atomic::AtomicUsize::new(0);
    let problems: Vec<Problem> = editions
        .par_iter()
        .flat_map_iter(|edition| {
            let last = previous
                .and_then(|lists| lists.get(&search::made_from_path(edition)))
                .map(Vec::as_slice);
            let put: Vec<Problem> = match search::index_or_keep(edition, last) {
                Err(problem) => vec![problem],
                Ok(Index::Made(files)) => files
                    .into_iter()
                    .filter_map(|file| sink.put(file).err())
                    .collect(),
                Ok(Index::Kept(paths)) => {
                    kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    paths
                        .iter()
                        .filter_map(|path| sink.keep(path, path).err())
                        .collect()
                }
            };
            put
        })
        .collect();
    match problems.is_empty() {
        true => Ok(kept.into_inner()),
        false => Err(problems),
    }
}

/// A pawprint built without search makes no index: site.toml's search is off then.
#[cfg(not(feature = "search"))]
pub fn search_indexes_into(
    library: &Library,
    _sink: &dyn FileSink,
    _previous: Option<&BTreeMap<String, Vec<u8>>>,
) -> Result<usize, Vec<Problem>> {
    search_indexes(library).map(|_| 0)
}

/// Every language's search index (see [`search`]), one language after another.
#[cfg(feature = "search")]
pub fn search_indexes(library: &Library) -> Result<Vec<OutputFile>, Vec<Problem>> {
    let mut files = Vec::new();
    for edition in library.editions() {
        files.extend(search::index(edition).map_err(|problem| vec![problem])?);
    }
    Ok(files)
}

/// A pawprint built without search has no index to make. site.toml's search is
/// then off ([`pawprint_settings::config::SearchSettings::not_built`]), so nothing asks for
/// one; were it asked, the build stops, rather than publish a box that finds
/// nothing.
#[cfg(not(feature = "search"))]
pub fn search_indexes(library: &Library) -> Result<Vec<OutputFile>, Vec<Problem>> {
    Err(vec![
        Problem::error(
            library.root.join("site.toml"),
            "this pawprint was built without search, so it cannot make a search index",
        )
        .code(pawprint_text::problem::Code::SearchNotBuilt)
        .help(
            "install pawprint with its default features: `cargo install --path .` in \
             pawprint's folder, without `--no-default-features`",
        ),
    ])
}

/// Where the site keeps the stylesheet that sets the brand colour.
pub(crate) fn brand_css_path() -> String {
    format!("{}/brand.css", brand::SITE_FOLDER)
}

/// Where the site keeps its copy of the clinic's logo, for the header.
pub(crate) fn logo_path(logo: &Logo) -> String {
    format!("{}/{}", brand::SITE_FOLDER, brand::logo_site_name(logo))
}
