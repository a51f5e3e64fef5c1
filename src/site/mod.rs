//! The website renderer: a pure function from the [`Library`] to output files.

pub mod feed;
pub mod metadata;
pub mod pages;
pub mod policy;

use crate::brand::{self, logo::Logo};
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
    if let Some(colours) = &library.brand.colours {
        files.push(OutputFile::bytes(brand_css_path(), colours.css()));
    }
    if let (Some(logo), Some(source)) = (&library.brand.logo, &library.brand.logo_file) {
        files.push(OutputFile {
            path: logo_path(logo),
            contents: Contents::Copy(source.clone()),
        });
    }
    for asset in library.theme.static_files.iter().chain(&library.assets) {
        files.push(OutputFile {
            path: asset.path.clone(),
            contents: Contents::Copy(asset.source.clone()),
        });
    }
    Ok(files)
}

/// Where the site keeps the stylesheet that sets the brand colour.
pub fn brand_css_path() -> String {
    format!("{}/brand.css", brand::SITE_FOLDER)
}

/// Where the site keeps its copy of the clinic's logo, for the header.
pub fn logo_path(logo: &Logo) -> String {
    format!("{}/{}", brand::SITE_FOLDER, brand::logo_site_name(logo))
}
