//! The whole site made in memory from a loaded library: the handouts, the pages
//! and the project's own `static/` files. `build` writes it, `serve` serves it and
//! `check` reads it; nothing here touches the disk.

use crate::content::Library;
use crate::handout::{self, HandoutFile};
use crate::problem::Problems;
use crate::site;
use crate::site_file::{Contents, OutputFile};

/// Everything a build renders, in memory, with the handouts that were made.
pub struct Rendered {
    /// Every file of the site.
    pub files: Vec<OutputFile>,
    /// The handout PDFs among them.
    pub handouts: Vec<HandoutFile>,
}

/// Renders the handouts, the site and its search indexes from a loaded library, and
/// adds the project's own `static/` files. Writes nothing.
pub fn render(library: &Library) -> Result<Rendered, Problems> {
    // The search indexes need no handout, so they are made beside the handouts
    // (the most work of a build) rather than after them.
    let (sheets, indexes) = rayon::join(
        || -> Result<_, Problems> {
            let (mut handouts, mut pdfs) = (Vec::new(), Vec::new());
            for edition in library.editions() {
                let (made, files) = handout::render(edition).map_err(Problems::from)?;
                handouts.extend(made);
                pdfs.extend(files);
            }
            Ok((handouts, pdfs))
        },
        || site::search_indexes(library).map_err(Problems::from),
    );
    let (handouts, pdfs) = sheets?;
    let mut files = site::render(library, &handouts).map_err(Problems::from)?;
    files.extend(pdfs);
    files.extend(indexes?);
    let own: Vec<OutputFile> = library
        .static_files
        .iter()
        .map(|asset| OutputFile {
            path: asset.path.clone(),
            contents: Contents::Copy(asset.source.clone()),
        })
        .collect();
    if !own.is_empty() {
        // The project's file wins over the theme's file of the same name.
        let own_paths: std::collections::BTreeSet<&str> =
            own.iter().map(|f| f.path.as_str()).collect();
        let theme_dir = &library.theme.static_files;
        files.retain(|f| {
            !own_paths.contains(f.path.as_str())
                || !theme_dir.iter().any(|asset| asset.path == f.path)
        });
        files.extend(own);
    }
    Ok(Rendered { files, handouts })
}
