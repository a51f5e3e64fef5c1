//! The website renderer: a pure function from the [`Library`] to output files.

pub mod feed;
pub mod metadata;
pub mod pages;

use crate::content::Library;
use crate::handout::HandoutFile;
use crate::problem::Problem;
use crate::site_file::{Contents, OutputFile};

/// Renders the whole website: pages, feed, sitemap, robots.txt, the theme's static
/// files and the files in `content/` that are not articles.
pub fn render(
    library: &Library,
    handouts: &[HandoutFile],
) -> Result<Vec<OutputFile>, Vec<Problem>> {
    let mut files = pages::render(library, handouts)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));

    // Articles are sorted by path, so each page finds its article by bisection.
    let entries: Vec<feed::SitemapEntry> = files
        .iter()
        .filter_map(|f| f.path.strip_suffix("index.html"))
        .map(|path| feed::SitemapEntry {
            path: path.to_string(),
            lastmod: library
                .articles
                .binary_search_by(|a| a.path.as_str().cmp(path))
                .ok()
                .map(|i| library.articles[i].front.updated.to_string()),
        })
        .collect();
    files.push(OutputFile::bytes(
        "sitemap.xml",
        feed::sitemap(library, &entries),
    ));
    files.push(OutputFile::bytes("atom.xml", feed::atom(library)));
    files.push(OutputFile::bytes("robots.txt", feed::robots(library)));
    for asset in library.theme.static_files.iter().chain(&library.assets) {
        files.push(OutputFile {
            path: asset.path.clone(),
            contents: Contents::Copy(asset.source.clone()),
        });
    }
    Ok(files)
}
