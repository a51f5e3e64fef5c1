//! The site search: one Pagefind index per language, made at build time, in
//! process, and written through the normal output like every other page.
//!
//! Each article becomes one record: its title, summary, species, the handout's
//! words (the signs weighted high) and its body. The record also carries what a
//! search result shows (the summary, the species and a link to each handout PDF),
//! and the species as a filter. The browser loads `pagefind/pagefind.js` from the
//! language's folder (`/pagefind/`, `/es/pagefind/`), which fetches only the parts
//! of the index a query needs. Spanish pages are indexed with Spanish stemming,
//! because each language's index is made with that language forced.
//!
//! Pagefind is the `search` feature (on by default). Without it there is no
//! [`index`]: site.toml's search is then off, with a warning
//! ([`pawprint_settings::config::SearchSettings::not_built`]).

use std::fmt::Write as _;

use pawprint_content::permalink::Addresses;
use pawprint_content::{Article, Library};
#[cfg(feature = "search")]
use pawprint_text::problem::{Code, Problem};
use pawprint_text::site_file::OutputFile;
use pawprint_text::text::escape_markup;

/// The folder of a language's search index, inside that language's folder.
pub(crate) const FOLDER: &str = "pagefind/";

/// How much a word counts in a record, by where it is (Pagefind's scale: 0 to 10,
/// body text is 1). A sign the owner sees at home is what they type, so the signs
/// count almost as much as the title.
mod weight {
    pub(crate) const TITLE: &str = "10";
    pub const SIGNS: &str = "8";
    pub(crate) const SUMMARY: &str = "5";
    pub(crate) const SPECIES: &str = "4";
    pub(crate) const HANDOUT: &str = "3";
}

#[cfg(feature = "search")]
/// Pagefind's own files that the search does not use: its ready-made interfaces
/// (the theme has its own) and the highlighter.
const UNUSED: &[&str] = &[
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// The path of a language's search index folder, such as `es/pagefind/`.
pub fn folder(library: &Library) -> String {
    library.addresses.page_path(FOLDER)
}

/// The Pagefind release the index is made with, which is part of what an index
/// is made from (a test checks it against the version Pagefind writes).
const PAGEFIND_VERSION: &str = "1.6.0";

/// The file in a language's index folder that says what the index was made from:
/// a first line, the fingerprint, then the path of every file of the index.
/// The next build keeps the index when its fingerprint is the same.
const MADE_FROM: &str = ".pawprint-index";

const MADE_FROM_HEAD: &str = "pawprint search index v1";

/// The path of a language's [`MADE_FROM`] file, such as `es/pagefind/.pawprint-index`.
pub fn made_from_path(library: &Library) -> String {
    format!("{}{MADE_FROM}", folder(library))
}

/// The fingerprint of everything a language's index is made from: the Pagefind
/// release, the language and each article's address and record, in order. Each
/// record is made, hashed and dropped, so no more than one is held.
pub fn fingerprint(library: &Library) -> String {
    let mut print = pawprint_text::fingerprint::Fingerprint::default();
    print.add(MADE_FROM_HEAD.as_bytes());
    print.add(PAGEFIND_VERSION.as_bytes());
    print.add(library.language().as_bytes());
    print.add(&(library.articles.len() as u64).to_le_bytes());
    for article in &library.articles {
        print.add(article.address.url.as_bytes());
        print.add(record(library, article).as_bytes());
    }
    print.hex()
}

/// A language's search index: made anew, or the last build's, kept.
pub enum Index {
    /// Pagefind's files, with the [`MADE_FROM`] file last.
    Made(Vec<OutputFile>),
    /// The paths of the last build's files, the same index, to keep as they are
    /// (the [`MADE_FROM`] file among them).
    Kept(Vec<String>),
}

/// The paths of the index the last build made from `fingerprint`, read from its
/// [`MADE_FROM`] file (`previous`), or `None` when it was made from anything else.
pub fn kept(library: &Library, previous: &[u8], fingerprint: &str) -> Option<Vec<String>> {
    let text = std::str::from_utf8(previous).ok()?;
    let mut lines = text.lines();
    if lines.next()? != MADE_FROM_HEAD || lines.next()? != fingerprint {
        return None;
    }
    let base = folder(library);
    let paths: Vec<String> = lines.map(str::to_string).collect();
    // Only files of this index's own folder are ever kept.
    let inside = paths
        .iter()
        .all(|path| path.starts_with(&base) && !path.contains(".."));
    (inside && !paths.is_empty()).then(|| {
        let mut all = paths;
        all.push(made_from_path(library));
        all
    })
}

#[cfg(feature = "search")]
/// A language's index: the last build's, kept, when its [`MADE_FROM`] file
/// (`previous`) has the fingerprint of what this index would be made from;
/// made anew otherwise, with its [`MADE_FROM`] file. Writes nothing.
pub fn index_or_keep(library: &Library, previous: Option<&[u8]>) -> Result<Index, Problem> {
    let print = fingerprint(library);
    if let Some(paths) = previous.and_then(|bytes| kept(library, bytes, &print)) {
        return Ok(Index::Kept(paths));
    }
    let mut files = index(library)?;
    let mut list = format!("{MADE_FROM_HEAD}\n{print}\n");
    for file in &files {
        list.push_str(&file.path);
        list.push('\n');
    }
    files.push(OutputFile::bytes(made_from_path(library), list));
    Ok(Index::Made(files))
}

#[cfg(feature = "search")]
/// The search index of one language: Pagefind's files under [`folder`], made
/// from `library`'s articles. It needs no rendered handout (a sheet's address
/// follows from the article, the location and the paper), so a build makes it
/// beside the handouts. Writes nothing.
pub fn index(library: &Library) -> Result<Vec<OutputFile>, Problem> {
    // Each record is made as Pagefind takes it, so no more than one is held.
    let records = library
        .articles
        .iter()
        .map(|article| (article.address.url.clone(), record(library, article)));
    let language = pagefind_language(library.language());
    let made = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed(library, &e.to_string()))
        .and_then(|runtime| {
            runtime
                .block_on(build(language, records))
                .map_err(|e| failed(library, &e))
        })?;
    let base = folder(library);
    let readers = readers(&made);
    let mut files: Vec<OutputFile> = made
        .into_iter()
        .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
        .filter(|(name, _)| !is_reader(name) || readers.contains(name))
        .map(|(name, bytes)| OutputFile::bytes(format!("{base}{name}"), bytes))
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

#[cfg(feature = "search")]
/// True for one of Pagefind's WebAssembly readers, such as `wasm.es.pagefind`.
fn is_reader(name: &str) -> bool {
    name.starts_with("wasm.") && name.ends_with(".pagefind")
}

#[cfg(feature = "search")]
/// The readers the index's entry file names: the one for its language (Pagefind
/// also writes a reader for text of no known language, which this index never
/// loads, since its language is forced).
fn readers(files: &[(String, Vec<u8>)]) -> Vec<String> {
    let entry = files
        .iter()
        .find(|(name, _)| name == "pagefind-entry.json")
        .and_then(|(_, bytes)| serde_json::from_slice::<serde_json::Value>(bytes).ok());
    let Some(entry) = entry else {
        // Without an entry file nothing can be told: keep every reader.
        return files
            .iter()
            .map(|(name, _)| name.clone())
            .filter(|name| is_reader(name))
            .collect();
    };
    entry["languages"]
        .as_object()
        .into_iter()
        .flat_map(|languages| languages.values())
        .filter_map(|language| language["wasm"].as_str())
        .map(|wasm| format!("wasm.{wasm}.pagefind"))
        .collect()
}

#[cfg(feature = "search")]
/// The language code Pagefind stems by: the part of the tag before any region,
/// such as `es` for `es-MX`.
fn pagefind_language(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

#[cfg(feature = "search")]
/// Runs Pagefind over the records, `(url, html)`, one at a time, and returns its
/// files by name.
async fn build(
    language: String,
    records: impl Iterator<Item = (String, String)>,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let options = PagefindServiceConfig::builder()
        .force_language(language)
        .keep_index_url(true)
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(why)?;
    for (url, html) in records {
        index
            .add_html_file(None, Some(url), html)
            .await
            .map_err(why)?;
    }
    let files = index.get_files().await.map_err(why)?;
    Ok(files
        .into_iter()
        .map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            (name, file.contents)
        })
        .collect())
}

#[cfg(feature = "search")]
/// An error's whole chain of causes, on one line.
fn why(error: impl std::fmt::Display) -> String {
    format!("{error:#}")
}

#[cfg(feature = "search")]
fn failed(library: &Library, why: &str) -> Problem {
    Problem::error(
        library.root.join("content"),
        format!(
            "pawprint could not make the search index for the \"{}\" pages: {why}",
            library.language()
        ),
    )
    .code(Code::SearchIndexFailed)
    .help("This is a bug in pawprint. Please report it, with this message.")
}

/// The page Pagefind reads for one article. It is never shown: it holds the words
/// to find (weighted), what a result shows (`data-pagefind-meta`: the title, the
/// summary and the species) and the species filter (`data-pagefind-filter`).
pub fn record(library: &Library, article: &Article) -> String {
    let front = &article.front;
    let words = &library.locale;
    let species: Vec<String> = front
        .species
        .iter()
        .map(|s| words.species_name(s))
        .collect();
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html><html lang=\"{}\"><head><title>{}</title></head><body>",
        escape_markup(library.language()),
        escape_markup(&front.title)
    );
    let _ = write!(
        html,
        "<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"{}\">{}</h1>",
        weight::TITLE,
        escape_markup(&front.title)
    );
    let _ = write!(
        html,
        "<p data-pagefind-meta=\"summary\" data-pagefind-weight=\"{}\">{}</p>",
        weight::SUMMARY,
        escape_markup(&front.summary)
    );
    let _ = write!(
        html,
        "<p data-pagefind-meta=\"species\" data-pagefind-weight=\"{}\">{}</p>",
        weight::SPECIES,
        escape_markup(&species.join(", "))
    );
    let handout = &front.handout;
    list(&mut html, &handout.signs, weight::SIGNS);
    let _ = write!(
        html,
        "<p data-pagefind-weight=\"{}\">{}</p>",
        weight::HANDOUT,
        escape_markup(&handout.intro)
    );
    list(&mut html, &handout.prevention, weight::HANDOUT);
    list(&mut html, &handout.call_us_if, weight::HANDOUT);
    let _ = write!(html, "<div>{}</div>", article.body.html);
    // The species filter. The sheets' links are not in the record: their
    // words ("paper", "letter", "A4", "pdf") would be indexed as metadata and
    // match every article; the search box builds them from the result's address
    // instead (see [`sheet_links`]).
    html.push_str("<div data-pagefind-ignore>");
    for name in &species {
        let _ = write!(
            html,
            "<span data-pagefind-filter=\"species\">{}</span>",
            escape_markup(name)
        );
    }
    html.push_str("</div></body></html>");
    html
}

/// One list of handout lines, weighted.
fn list(html: &mut String, items: &[String], weight: &str) {
    if items.is_empty() {
        return;
    }
    let _ = write!(html, "<ul data-pagefind-weight=\"{weight}\">");
    for item in items {
        let _ = write!(html, "<li>{}</li>", escape_markup(item));
    }
    html.push_str("</ul>");
}

/// One handout of every article, as the search box links it: the link's text and
/// the end of the PDF's file name, such as ("Handout for A4 paper", "-a4.pdf"),
/// or ("Downtown: Handout for A4 paper", "-downtown-a4.pdf") when the clinic has
/// several locations ([`Addresses::sheet_end`]). A sheet's address is the
/// article's folder, then the article's path with `-` for `/`
/// ([`Addresses::topic_name`]), then this end: the
/// box's script puts them together for each result, so no PDF's name is in the
/// index. In the order the handouts are made (each location, then each paper).
pub fn sheet_links(library: &Library) -> Vec<(String, String)> {
    let words = &library.locale;
    let clinic = &library.config.clinic;
    let several = clinic.several_locations();
    let mut links = Vec::new();
    for location in &clinic.locations {
        for &paper in &library.config.handout.papers {
            let paper_label = words
                .label("handout_link")
                .replace("{paper}", words.paper_name(paper));
            let label = match several {
                true => format!("{}: {paper_label}", location.name),
                false => paper_label,
            };
            let end = Addresses::sheet_end(clinic.sheet_id(location), words.paper_file_key(paper));
            links.push((label, end));
        }
    }
    links
}

#[cfg(all(test, feature = "search"))]
mod tests {
    use super::*;

    /// What an index is made from names the Pagefind that makes it: a new
    /// Pagefind must change [`PAGEFIND_VERSION`], or a kept index would outlive it.
    #[test]
    fn the_pagefind_version_is_the_one_that_makes_the_index() {
        let library = pawprint_content::fixture::test_fixture("two-languages");
        let files = index(library).unwrap();
        let entry = files
            .iter()
            .find(|f| f.path.ends_with("pagefind-entry.json"))
            .unwrap();
        let pawprint_text::site_file::Contents::Bytes(bytes) = &entry.contents else {
            panic!("the entry file is made in memory");
        };
        let entry: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        assert_eq!(entry["version"], PAGEFIND_VERSION);
    }

    #[test]
    fn the_stemming_language_is_the_tag_without_its_region() {
        assert_eq!(pagefind_language("es"), "es");
        assert_eq!(pagefind_language("es-MX"), "es");
        assert_eq!(pagefind_language("pt_BR"), "pt");
        assert_eq!(pagefind_language("EN"), "en");
    }
}

#[cfg(test)]
mod kept_tests {
    use super::*;

    /// A last build's list is taken only with its own first line and this
    /// fingerprint, and only when every file it names is in the index's folder.
    #[test]
    fn a_last_index_is_kept_only_when_its_list_matches_and_stays_in_its_folder() {
        let library = pawprint_content::fixture::test_fixture("two-languages");
        let edition = library.editions().nth(1).unwrap();
        let print = fingerprint(edition);
        let base = folder(edition);
        let list = |head: &str, print: &str, path: &str| format!("{head}\n{print}\n{path}\n");
        let good = list(MADE_FROM_HEAD, &print, &format!("{base}pagefind.js"));
        assert_eq!(
            kept(edition, good.as_bytes(), &print),
            Some(vec![format!("{base}pagefind.js"), made_from_path(edition)])
        );
        for refused in [
            list(
                "pawprint search index v0",
                &print,
                &format!("{base}pagefind.js"),
            ),
            list(MADE_FROM_HEAD, "0123", &format!("{base}pagefind.js")),
            list(MADE_FROM_HEAD, &print, "pagefind/pagefind.js"),
            list(MADE_FROM_HEAD, &print, &format!("{base}../index.html")),
            format!("{MADE_FROM_HEAD}\n{print}\n"),
        ] {
            assert_eq!(kept(edition, refused.as_bytes(), &print), None, "{refused}");
        }
        // Another language's records make another fingerprint.
        assert_ne!(fingerprint(library.editions().next().unwrap()), print);
    }
}

#[cfg(test)]
mod sheet_link_tests {
    use super::*;

    /// The ends `sheet_links` gives, after the folder and topic name as the
    /// search box puts them, are the addresses the build gives each paper's sheet.
    /// (Several locations, and the box's own script, are checked by
    /// tests/search.rs and the browser check, against the built files.)
    #[test]
    fn the_box_builds_each_sheets_address_as_the_build_names_it() {
        let library = pawprint_content::fixture::test_fixture("two-languages");
        for edition in library.editions() {
            let links = sheet_links(edition);
            assert_eq!(links.len(), edition.config.handout.papers.len());
            for article in &edition.articles {
                for (n, &paper) in edition.config.handout.papers.iter().enumerate() {
                    let made = Addresses::handout_path(
                        &article.path,
                        None,
                        edition.locale.paper_file_key(paper),
                    );
                    let built = format!(
                        "{}{}{}",
                        article.path,
                        Addresses::topic_name(&article.path),
                        links[n].1
                    );
                    assert_eq!(built, made);
                }
            }
        }
    }
}
