//! The files of a built site, as plain data: what the renderers make and what is
//! copied as it is. The output module writes them; nothing here touches the disk.

use crate::problem::Code;
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
    /// A file of a theme built into pawprint, copied as it is.
    BuiltIn(&'static [u8]),
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

/// Where renderers hand each file as soon as it is made. The output module's sink
/// writes it into staging at once; [`Collected`] keeps every file in memory (for
/// `serve` and tests). Renderers call it from many threads at once.
pub trait FileSink: Sync {
    /// Takes one file of the site.
    fn put(&self, file: OutputFile) -> Result<(), crate::problem::Problem>;

    /// Puts the last build's file at `previous` in the site as `path`, unchanged.
    /// Only a sink that writes over a last build can; the others are never offered
    /// a last build's sheets.
    fn keep(&self, path: &str, previous: &str) -> Result<(), crate::problem::Problem> {
        Err(crate::problem::Problem::error(
            path,
            format!("cannot reuse {previous}: there is no last build here"),
        )
        .code(Code::OutputBadPath)
        .help("this is a bug in pawprint; please report it. `build --no-reuse` gets round it"))
    }

    /// The bytes of the last build's file at `previous`, for a sheet that a pack
    /// binds; `None` when this sink has no last build, or the file is not as that
    /// build wrote it (the sheet is then made anew).
    fn kept_bytes(&self, previous: &str) -> Option<Vec<u8>> {
        let _ = previous;
        None
    }
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collected {
    files: std::sync::Mutex<Vec<OutputFile>>,
}

impl Collected {
    /// The files, sorted by path, so the order is the same on every run.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl FileSink for Collected {
    fn put(&self, file: OutputFile) -> Result<(), crate::problem::Problem> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file);
        Ok(())
    }
}

/// The name of the list of handout fingerprints inside an output folder.
pub const SHEET_LIST: &str = ".pawprint-sheets";

/// One handout PDF of a build, with the fingerprint of everything that made its
/// bytes: a later build whose sheet has the same fingerprint can reuse the file.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRecord {
    /// The fingerprint of the sheet's inputs (32 hex digits).
    pub fingerprint: String,
    /// The PDF's path inside the site.
    pub path: String,
    /// Its size in bytes.
    pub size: u64,
    /// The body type size it was set in, in points.
    pub body_pt: f32,
    /// How many sides of the paper it takes: 1, or 2 for a two-sided sheet.
    pub sides: u8,
}

/// The handouts of one build, by fingerprint: the contents of [`SHEET_LIST`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetList {
    /// The sheets, by fingerprint.
    pub sheets: std::collections::BTreeMap<String, SheetRecord>,
}

const SHEET_LIST_HEAD: &str = "pawprint sheets v2";

impl SheetList {
    /// The list as text: one sheet a line, sorted, so the same build writes the
    /// same bytes.
    pub fn to_text(&self) -> String {
        let mut text = format!("{SHEET_LIST_HEAD}\n");
        for sheet in self.sheets.values() {
            text.push_str(&format!(
                "{} {} {} {} {}\n",
                sheet.fingerprint, sheet.size, sheet.body_pt, sheet.sides, sheet.path
            ));
        }
        text
    }

    /// Reads a list written by [`SheetList::to_text`]; `None` when it is not one.
    pub fn parse(text: &str) -> Option<SheetList> {
        let mut lines = text.lines();
        if lines.next()? != SHEET_LIST_HEAD {
            return None;
        }
        let mut sheets = std::collections::BTreeMap::new();
        for line in lines {
            let mut parts = line.splitn(5, ' ');
            let (fingerprint, size, body_pt, sides, path) = (
                parts.next()?,
                parts.next()?,
                parts.next()?,
                parts.next()?,
                parts.next()?,
            );
            let record = SheetRecord {
                fingerprint: fingerprint.to_string(),
                path: path.to_string(),
                size: size.parse().ok()?,
                body_pt: body_pt.parse().ok()?,
                sides: sides.parse().ok()?,
            };
            sheets.insert(record.fingerprint.clone(), record);
        }
        Some(SheetList { sheets })
    }
}

impl OutputFile {
    /// The bytes of the file, reading a copied file from disk (see [`crate::plain_file::open`]).
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        match &self.contents {
            Contents::Bytes(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Contents::BuiltIn(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Contents::Copy(source) => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut crate::plain_file::open(source)?, &mut bytes)?;
                Ok(std::borrow::Cow::Owned(bytes))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_list_reads_back_as_written() {
        let mut list = SheetList::default();
        for (fingerprint, path, body_pt, sides) in [
            ("ab", "dogs/x y-letter.pdf", 13.5, 1),
            ("cd", "a.pdf", 16.0, 2),
        ] {
            list.sheets.insert(
                fingerprint.into(),
                SheetRecord {
                    fingerprint: fingerprint.into(),
                    path: path.into(),
                    size: 1234,
                    body_pt,
                    sides,
                },
            );
        }
        assert_eq!(SheetList::parse(&list.to_text()), Some(list));
        assert_eq!(SheetList::parse("something else\n"), None);
        assert_eq!(SheetList::parse("pawprint sheets v2\nab 12\n"), None);
        // A list from before sheets had sides is not read: nothing is reused.
        assert_eq!(
            SheetList::parse("pawprint sheets v1\nab 1234 13.5 a.pdf\n"),
            None
        );
    }
}
