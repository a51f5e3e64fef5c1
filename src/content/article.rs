//! An article: one Markdown file, its front matter and its rendered body.

use std::path::PathBuf;

use crate::content::front_matter::{FrontMatter, SectionFrontMatter};
use crate::content::markdown::Body;

/// One pet-health article, loaded and checked.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Article {
    /// The Markdown file, relative to the project root (`content/dogs/x.md`).
    pub source: PathBuf,
    /// The page's path inside the site, ending in `/`: `dogs/anal-gland-leakage/`.
    pub path: String,
    /// The folder (section) it belongs to, such as `dogs`; empty at the top level.
    pub section: String,
    /// The line the body starts on, for messages about the body.
    pub body_line: usize,
    /// The line of the `[handout]` table, for messages about the handout.
    pub handout_line: usize,
    /// What the front matter says.
    pub front: FrontMatter,
    /// The rendered body.
    pub body: Body,
}

/// A folder of articles, with its own listing page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Section {
    /// The folder inside `content/`, such as `dogs`.
    pub dir: String,
    /// The page's path inside the site, such as `dogs/`.
    pub path: String,
    /// From `_index.md` when present.
    pub front: Option<SectionFrontMatter>,
    /// The `_index.md` file, when present.
    pub source: Option<PathBuf>,
    /// The intro text from the body of `_index.md`.
    pub intro: Option<Body>,
}

impl Section {
    /// The title: from `_index.md`, or the folder name with its first letter raised.
    pub fn title(&self) -> String {
        match &self.front {
            Some(front) => front.title.clone(),
            None => {
                let name = self
                    .dir
                    .rsplit('/')
                    .next()
                    .unwrap_or(&self.dir)
                    .replace('-', " ");
                let mut chars = name.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => name,
                }
            }
        }
    }
}

/// A file in `content/` that is not Markdown (an image, say), copied as it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Asset {
    /// Where it is on disk.
    pub source: PathBuf,
    /// Its path inside the site, such as `dogs/gland-diagram.png`.
    pub path: String,
}
