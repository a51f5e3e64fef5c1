//! The files of a built site, as plain data: what the renderers make and what is
//! copied as it is. The output module writes them; nothing here touches the disk.

use std::path::PathBuf;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Its path inside the site, `/`-separated, such as `dogs/index.html`.
    pub path: String,
    /// What goes in it.
    pub contents: Contents,
}

/// The contents of an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Bytes made by a renderer.
    Bytes(Vec<u8>),
    /// A file copied as it is (theme static files, images in content/).
    Copy(PathBuf),
}

impl OutputFile {
    /// A file of rendered bytes.
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(bytes.into()),
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
