//! The handouts `serve` keeps from one rebuild to the next.
//!
//! A sheet's bytes depend on its article's front matter and address, and on what
//! every sheet shares: site.toml (the clinic, its locations, the papers), the
//! theme (its words, fonts and handout settings) and the logo. So after a change
//! to articles alone, only the changed articles' sheets are made again, and the
//! rest are kept. A change anywhere outside `content/` forgets them all.
//!
//! Making the handouts is most of a build's work (about nine tenths), so this is
//! what lets the preview reload quickly on a large library.

use std::collections::{HashMap, HashSet};

use hyper::body::Bytes;
use rayon::prelude::*;

use crate::content::front_matter::FrontMatter;
use crate::content::permalink::Address;
use crate::content::{Article, Library};
use crate::handout::{HandoutFile, Press};
use crate::problem::Problem;
use crate::site_file::Contents;

/// One article's sheets, with the inputs they were made from.
struct Kept {
    address: Address,
    front: FrontMatter,
    sheets: Vec<(HandoutFile, Bytes)>,
}

/// The handouts made so far, by article path.
#[derive(Default)]
pub struct Sheets {
    kept: HashMap<String, Kept>,
}

/// The handouts of one build.
pub struct Made {
    /// Every handout, in the order a full build lists them (by article, then
    /// location, then paper).
    pub handouts: Vec<HandoutFile>,
    /// Each handout's PDF, by its path in the site.
    pub pdfs: HashMap<String, Bytes>,
    /// How many articles had their sheets made again.
    pub articles_made: usize,
}

impl Sheets {
    /// Forgets every sheet, after a change that may touch them all (site.toml,
    /// the theme, the logo).
    pub fn forget_all(&mut self) {
        self.kept.clear();
    }

    /// How many articles' sheets are kept.
    pub fn articles_kept(&self) -> usize {
        self.kept.len()
    }

    /// The handouts of every article of `library`: the kept ones whose article is
    /// unchanged, and new ones for the rest. Sheets of articles that are gone are
    /// forgotten. The problems are those a full build would find in the sheets it
    /// makes again (a sheet that does not fit, say).
    pub fn make(&mut self, library: &Library) -> Result<Made, Vec<Problem>> {
        if library.config.handout.papers.is_empty() {
            self.kept.clear();
            return Ok(Made {
                handouts: Vec::new(),
                pdfs: HashMap::new(),
                articles_made: 0,
            });
        }
        let current: HashSet<&str> = library.articles.iter().map(|a| a.path.as_str()).collect();
        self.kept.retain(|path, _| current.contains(path.as_str()));
        let stale: Vec<&Article> = library
            .articles
            .iter()
            .filter(|a| {
                self.kept
                    .get(&a.path)
                    .is_none_or(|k| k.address != a.address || k.front != a.front)
            })
            .collect();
        let press = Press::new(library);
        let printed: Vec<_> = stale
            .par_iter()
            .map(|article| (*article, press.print(library, article)))
            .collect();
        let mut problems = Vec::new();
        for (article, result) in printed {
            match result {
                Ok(sheets) => {
                    let sheets = sheets
                        .into_iter()
                        .map(|(handout, file)| {
                            let bytes = match file.contents {
                                Contents::Bytes(bytes) => Bytes::from(bytes),
                                // The handout renderer makes bytes and copies
                                // nothing; should that change, read the copy.
                                Contents::Copy(_) => Bytes::from(
                                    file.read().map(|b| b.into_owned()).unwrap_or_default(),
                                ),
                            };
                            (handout, bytes)
                        })
                        .collect();
                    self.kept.insert(
                        article.path.clone(),
                        Kept {
                            address: article.address.clone(),
                            front: article.front.clone(),
                            sheets,
                        },
                    );
                }
                Err(found) => {
                    // Made again once it is fixed.
                    self.kept.remove(&article.path);
                    problems.extend(found);
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut handouts = Vec::new();
        let mut pdfs = HashMap::new();
        for article in &library.articles {
            if let Some(kept) = self.kept.get(&article.path) {
                for (handout, bytes) in &kept.sheets {
                    pdfs.insert(handout.path.clone(), bytes.clone());
                    handouts.push(handout.clone());
                }
            }
        }
        Ok(Made {
            handouts,
            pdfs,
            articles_made: stale.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The shipped example with a second article, in a temporary folder.
    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(repo.join("themes")) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(repo).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
        std::fs::create_dir_all(dir.path().join("content/dogs")).unwrap();
        let shipped =
            std::fs::read_to_string(repo.join("content/dogs/anal-gland-leakage.md")).unwrap();
        std::fs::write(dir.path().join("content/dogs/a.md"), &shipped).unwrap();
        std::fs::write(
            dir.path().join("content/dogs/b.md"),
            shipped.replace("Why Your Dog's Anal Glands Leak", "Leaking anal glands"),
        )
        .unwrap();
        dir
    }

    fn load(root: &Path) -> Library {
        crate::load::load_with(root, crate::content::Drafts::Show).unwrap()
    }

    /// Every handout a full build makes, by path.
    fn full_build(library: &Library) -> HashMap<String, Vec<u8>> {
        let (_, files) = crate::handout::render(library).unwrap();
        files
            .into_iter()
            .map(|f| (f.path.clone(), f.read().unwrap().into_owned()))
            .collect()
    }

    fn same_as_a_full_build(made: &Made, library: &Library) {
        let full = full_build(library);
        assert_eq!(made.pdfs.len(), full.len());
        for (path, bytes) in &full {
            assert_eq!(made.pdfs[path].as_ref(), bytes.as_slice(), "{path}");
        }
        let (handouts, _) = crate::handout::render(library).unwrap();
        assert_eq!(made.handouts, handouts);
    }

    #[test]
    fn only_the_edited_articles_sheets_are_made_again_and_match_a_full_build() {
        let dir = project();
        let mut sheets = Sheets::default();
        let library = load(dir.path());
        let first = sheets.make(&library).unwrap();
        assert_eq!(first.articles_made, 2);
        same_as_a_full_build(&first, &library);

        // Nothing changed: nothing is made again, and the same bytes are served.
        let again = sheets.make(&load(dir.path())).unwrap();
        assert_eq!(again.articles_made, 0);
        let a = "dogs/a/dogs-a-letter.pdf";
        assert_eq!(
            again.pdfs[a].as_ptr(),
            first.pdfs[a].as_ptr(),
            "kept, not made"
        );

        // A word on b's sheet changes: b's sheets are made again, a's are kept.
        let b = dir.path().join("content/dogs/b.md");
        let text = std::fs::read_to_string(&b).unwrap();
        std::fs::write(
            &b,
            text.replace("Straining to poop", "Pushing hard to poop"),
        )
        .unwrap();
        let library = load(dir.path());
        let edited = sheets.make(&library).unwrap();
        assert_eq!(edited.articles_made, 1);
        assert_eq!(edited.pdfs[a].as_ptr(), first.pdfs[a].as_ptr());
        let b_pdf = "dogs/b/dogs-b-letter.pdf";
        assert_ne!(edited.pdfs[b_pdf], first.pdfs[b_pdf]);
        same_as_a_full_build(&edited, &library);

        // A gone article's sheets are forgotten.
        std::fs::remove_file(&b).unwrap();
        let library = load(dir.path());
        let fewer = sheets.make(&library).unwrap();
        assert_eq!(sheets.articles_kept(), 1);
        same_as_a_full_build(&fewer, &library);
    }

    #[test]
    fn a_settings_change_makes_every_sheet_again() {
        let dir = project();
        let mut sheets = Sheets::default();
        sheets.make(&load(dir.path())).unwrap();
        let settings = dir.path().join("site.toml");
        let text = std::fs::read_to_string(&settings).unwrap();
        std::fs::write(&settings, text.replace("503-555-0142", "503-555-0143")).unwrap();
        // What serve does on a change outside content/.
        sheets.forget_all();
        let library = load(dir.path());
        let made = sheets.make(&library).unwrap();
        assert_eq!(made.articles_made, 2);
        same_as_a_full_build(&made, &library);
    }

    #[test]
    fn a_sheet_that_does_not_fit_is_an_error_until_fixed() {
        let dir = project();
        let mut sheets = Sheets::default();
        sheets.make(&load(dir.path())).unwrap();
        let b = dir.path().join("content/dogs/b.md");
        let good = std::fs::read_to_string(&b).unwrap();
        let long: Vec<String> = (0..60)
            .map(|i| format!("\"Tip number {i} for owners who want to help\""))
            .collect();
        let bad = good.replacen(
            "prevention = [",
            &format!("prevention = [{}, ", long.join(", ")),
            1,
        );
        std::fs::write(&b, bad).unwrap();
        let found = sheets.make(&load(dir.path())).err().expect("does not fit");
        assert!(
            found.iter().any(|p| p.code == "handout.does-not-fit"),
            "{found:?}"
        );
        std::fs::write(&b, good).unwrap();
        let library = load(dir.path());
        let fixed = sheets.make(&library).unwrap();
        assert_eq!(fixed.articles_made, 1);
        same_as_a_full_build(&fixed, &library);
    }
}
