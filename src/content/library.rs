//! The Library: everything a build needs, loaded and checked by [`crate::load`],
//! and read by the renderers.

use std::path::PathBuf;

use crate::brand::Brand;
use crate::config::SiteConfig;
use crate::content::article::{Article, Section};
use crate::content::permalink::{Addresses, Tag};
use crate::locale::Locale;
use crate::problem::Problem;
use crate::site_file::Asset;
use crate::theme::Theme;

/// Everything a build needs, loaded and checked.
#[derive(Debug)]
pub struct Library {
    /// The project folder.
    pub root: PathBuf,
    /// site.toml.
    pub config: SiteConfig,
    /// The theme named in site.toml.
    pub theme: Theme,
    /// The words of the site's language, from the theme's words file.
    pub locale: Locale,
    /// The handout's typefaces and the clinic's logo.
    pub brand: Brand,
    /// Every article, sorted by path.
    pub articles: Vec<Article>,
    /// Every folder holding articles, sorted by folder name (`dir`).
    pub sections: Vec<Section>,
    /// Every tag, sorted by slug.
    pub tags: Vec<Tag>,
    /// Other files in `content/`, copied as they are.
    pub assets: Vec<Asset>,
    /// The files of the project's own `static/` folder, copied as they are.
    pub static_files: Vec<Asset>,
    /// The rule that makes every page's link and full address.
    pub addresses: Addresses,
    /// Warnings found while loading (the build goes on).
    pub warnings: Vec<Problem>,
}

/// The folder of articles inside a project.
pub const CONTENT_DIR: &str = "content";
