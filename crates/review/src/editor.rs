//! What the content editor asks of a file before it is saved: the sheet it would
//! print, and whether that still fits on one page. Nothing is written.

use std::path::Path;

use pawprint_content::Drafts;
use pawprint_handout::{Press, preview};

/// The sheet of an article being edited, as the editor's preview shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SheetPreview {
    /// The sheet on the site's first paper, as SVG; `None` when the file has an
    /// error, or the sheet does not fit.
    pub svg: Option<String>,
    /// True when the sheet fits on one page.
    pub fits: bool,
    /// The paper it was laid out on, in the article's language, such as
    /// "US Letter"; empty when the site makes no sheets.
    pub paper: String,
    /// What is wrong, in one line per problem, when it does not fit or the file
    /// has an error; empty when it fits.
    pub message: String,
}

/// Lays out the sheet of `content/<rel>` as if the file held `bytes`, on the
/// site's first paper, with the first location's contacts, as `build` would.
pub fn sheet_preview(root: &Path, rel: &str, bytes: &[u8]) -> SheetPreview {
    let failed = |message: String| SheetPreview {
        svg: None,
        fits: false,
        paper: String::new(),
        message,
    };
    let library = match pawprint_content::load::load_as_if(root, Drafts::Show, rel, bytes) {
        Ok(library) => library,
        Err(problems) => return failed(one_line_each(problems.0.iter(), rel)),
    };
    let source = Path::new(pawprint_content::library::CONTENT_DIR).join(rel);
    let found = library.editions().find_map(|edition| {
        edition
            .articles
            .iter()
            .find(|article| article.source == source)
            .map(|article| (edition, article))
    });
    let Some((edition, article)) = found else {
        return failed(format!("{} is not an article", source.display()));
    };
    let Some(&paper) = edition.config.handout.papers.first() else {
        return SheetPreview {
            svg: None,
            fits: true,
            paper: String::new(),
            message: String::new(),
        };
    };
    let paper_name = edition.locale.paper_name(paper).to_string();
    match Press::new(edition).lay_out(edition, article, paper) {
        Ok(frame) => SheetPreview {
            svg: Some(preview::svg(&frame, &article.front.title)),
            fits: true,
            paper: paper_name,
            message: String::new(),
        },
        Err(problem) => SheetPreview {
            paper: paper_name,
            ..failed(one_line_each(std::iter::once(&problem), rel))
        },
    }
}

/// The problems, one line each (`file:line: message. help`), those of the file
/// `rel` of `content/` first.
fn one_line_each<'a>(
    problems: impl Iterator<Item = &'a pawprint_text::problem::Problem>,
    rel: &str,
) -> String {
    let mut lines: Vec<(bool, String)> = problems
        .filter(|p| p.is_error())
        .map(|p| (!p.location().contains(rel), p.one_line()))
        .collect();
    lines.sort_by_key(|(elsewhere, _)| *elsewhere);
    lines
        .into_iter()
        .map(|(_, line)| line)
        .collect::<Vec<_>>()
        .join("\n")
}
