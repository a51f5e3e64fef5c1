//! The files that sit beside the articles in `content/`: pictures, PDFs and the
//! like. Which kinds may be there at all, and which of them are published.
//!
//! `content/` is the clinic's writing, not its code. A file there is published only
//! when an article (or a section's `_index.md`) links to it or shows it, and only
//! when it is of a kind that runs nothing in a browser. Web pages, scripts and
//! style sheets (`.html`, `.js`, `.xml`, ...) are errors there: they belong in
//! `static/`, which is published as it is. An SVG drawing may be shown as a
//! picture, never opened as a page, and it must hold no script.

use std::path::Path;

use pawprint_text::problem::{Code, Problem};

/// What a file in `content/` that is not an article is, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// An article whose name does not end in `.md` exactly (`EAR-CARE.MD`,
    /// `ear-care.markdown`): it would be published as raw text.
    MisnamedArticle,
    /// An editor's backup or an old copy (`ear-care.md.bak`, `ear-care.md~`).
    Backup,
    /// A kind a browser runs: a web page, a script, an XML file or style sheet.
    Active,
    /// An SVG drawing: published only as a picture, and only without script.
    Drawing,
    /// Anything else (pictures, PDFs, text): published when something links it.
    Plain,
}

/// File endings a browser runs as code or as a page in the site's own origin.
const ACTIVE_ENDINGS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "cjs", "xml", "xsl", "xslt", "wasm",
];

/// The largest SVG drawing pawprint reads, in bytes.
pub(crate) const MAX_DRAWING_BYTES: usize = 2 * 1024 * 1024;

/// The deepest nesting of elements an SVG drawing may have.
pub(crate) const MAX_DRAWING_DEPTH: usize = 64;

/// Sorts a file of `content/` that is not an article by its name (the last part
/// of its path).
pub(crate) fn kind_of(name: &str) -> FileKind {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with('~') || lower.contains(".md.") || lower.contains(".markdown.") {
        return FileKind::Backup;
    }
    let ending = lower.rsplit_once('.').map_or("", |(_, ending)| ending);
    match ending {
        "md" | "markdown" | "mdown" | "mkd" => FileKind::MisnamedArticle,
        "bak" | "orig" | "swp" | "swo" | "tmp" | "old" => FileKind::Backup,
        "svg" | "svgz" => FileKind::Drawing,
        _ if ACTIVE_ENDINGS.contains(&ending) => FileKind::Active,
        _ => FileKind::Plain,
    }
}

/// The error or warning for a file whose kind keeps it off the site whatever links
/// it: `None` for drawings and plain files, which are judged by what links them.
pub fn refusal(shown: &Path, name: &str, kind: FileKind) -> Option<Problem> {
    match kind {
        FileKind::MisnamedArticle => {
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            Some(
                Problem::error(
                    shown,
                    "this looks like an article, but only files whose names end in .md (small letters) are read as articles",
                )
                .code(Code::ContentMisnamedArticle)
                .help(format!(
                    "rename it to {}.md; as it is, it would be published as raw text, drafts and notes included",
                    stem.to_ascii_lowercase()
                )),
            )
        }
        FileKind::Backup => Some(
            Problem::warning(
                shown,
                "this looks like a backup or an editor's copy, so it is not published",
            )
            .code(Code::ContentBackupLeftOut)
            .help("delete it, or move it out of content/, to keep the project tidy"),
        ),
        FileKind::Active => Some(
            Problem::error(
                shown,
                "a web page, script or XML file in content/ would run on the site as if the clinic wrote it",
            )
            .code(Code::ContentActiveFile)
            .help(
                "content/ holds articles and the pictures and files they show; put the clinic's own web files in static/ (published as they are), or delete this one",
            ),
        ),
        FileKind::Drawing | FileKind::Plain => None,
    }
}

/// Checks that the SVG drawing `bytes` (shown as `shown`) runs nothing and reaches
/// for nothing outside itself: no script, no event handler, no embedded page, no
/// link or reference to another file or site, no style sheet instruction. Also
/// bounds its size and nesting. The problem points at the line of the first fault.
pub(crate) fn check_drawing(shown: &Path, bytes: &[u8]) -> Result<(), Problem> {
    match drawing_fault(bytes, MAX_DRAWING_BYTES) {
        None => Ok(()),
        Some((line, what)) => {
            let problem = Problem::error(shown, format!("this SVG drawing cannot be published: {what}"))
                .code(Code::ContentUnsafeDrawing)
                .help("save the drawing again as a plain SVG (shapes and text only, no scripts, links or embedded files), or use a PNG");
            Err(if line > 0 {
                problem.at_line(line)
            } else {
                problem
            })
        }
    }
}

/// What makes the SVG drawing `bytes` unsafe to publish or read, and the line it is
/// on (0 for the whole file), as [`check_drawing`] judges it; `None` when it is
/// safe. Drawings over `max_bytes` are refused.
pub(crate) fn drawing_fault(bytes: &[u8], max_bytes: usize) -> Option<(usize, String)> {
    let refuse = |line: usize, what: String| (line, what);
    if bytes.len() > max_bytes {
        return Some(refuse(
            0,
            format!(
                "it is {} KB, and pawprint reads drawings up to {} KB",
                bytes.len().div_ceil(1024),
                max_bytes / 1024
            ),
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(refuse(
            0,
            "it is not UTF-8 text (a compressed .svgz, perhaps)".into(),
        ));
    };
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let document = match roxmltree::Document::parse_with_options(text, options) {
        Ok(document) => document,
        Err(e) => {
            return Some(refuse(
                e.pos().row as usize,
                format!("it is not well-formed XML ({e})"),
            ));
        }
    };
    let line_of =
        |node: roxmltree::Node<'_, '_>| document.text_pos_at(node.range().start).row as usize;
    if document.root_element().tag_name().name() != "svg" {
        return Some(refuse(
            line_of(document.root_element()),
            "its outermost element is not <svg>".into(),
        ));
    }
    for node in document.descendants() {
        if node.is_pi() {
            return Some(refuse(
                line_of(node),
                "it has a processing instruction (<?...?>), which can load a style sheet that runs code".into(),
            ));
        }
        if !node.is_element() {
            continue;
        }
        let depth = node.ancestors().count();
        if depth > MAX_DRAWING_DEPTH + 1 {
            return Some(refuse(
                line_of(node),
                format!("its shapes are nested more than {MAX_DRAWING_DEPTH} deep"),
            ));
        }
        let name = node.tag_name().name().to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "script" | "foreignobject" | "iframe" | "embed" | "object" | "handler" | "listener"
        ) {
            return Some(refuse(
                line_of(node),
                format!(
                    "it has a <{}> element, which can run code or show a page",
                    node.tag_name().name()
                ),
            ));
        }
        for attribute in node.attributes() {
            let key = attribute.name().to_ascii_lowercase();
            if key.starts_with("on") {
                return Some(refuse(
                    line_of(node),
                    format!("the attribute {} runs code", attribute.name()),
                ));
            }
            let value: String = attribute
                .value()
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if key == "href" && !value.starts_with('#') {
                return Some(refuse(
                    line_of(node),
                    format!(
                        "it links to \"{}\"; a drawing may only refer to its own parts (#name)",
                        pawprint_text::text::shorten(attribute.value(), 60)
                    ),
                ));
            }
            if [
                "javascript:",
                "vbscript:",
                "data:text/html",
                "data:image/svg",
            ]
            .iter()
            .any(|bad| value.contains(bad))
                || (key == "attributename" && value.ends_with("href"))
            {
                return Some(refuse(
                    line_of(node),
                    format!("the attribute {} can run code", attribute.name()),
                ));
            }
            if key == "style" && value.contains("url(") && !value.contains("url(#") {
                return Some(refuse(
                    line_of(node),
                    "a style in it loads another file".into(),
                ));
            }
        }
        if name == "style"
            && let Some(css) = node.text()
        {
            let css = css.to_ascii_lowercase();
            if css.contains("@import") || (css.contains("url(") && !css.contains("url(#")) {
                return Some(refuse(
                    line_of(node),
                    "its style sheet loads another file".into(),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_into_kinds() {
        assert_eq!(kind_of("EAR-CARE.MD"), FileKind::MisnamedArticle);
        assert_eq!(kind_of("ear-care.markdown"), FileKind::MisnamedArticle);
        assert_eq!(kind_of("x.md.bak"), FileKind::Backup);
        assert_eq!(kind_of("x.MD.orig"), FileKind::Backup);
        assert_eq!(kind_of("x.md~"), FileKind::Backup);
        assert_eq!(kind_of("notes.txt~"), FileKind::Backup);
        assert_eq!(kind_of("notes.HTML"), FileKind::Active);
        assert_eq!(kind_of("helper.js"), FileKind::Active);
        assert_eq!(kind_of("feed.xsl"), FileKind::Active);
        assert_eq!(kind_of("diagram.svg"), FileKind::Drawing);
        assert_eq!(kind_of("gland.png"), FileKind::Plain);
        assert_eq!(kind_of("ear-care.txt"), FileKind::Plain);
        assert_eq!(kind_of("README"), FileKind::Plain);
    }

    fn drawing(svg: &str) -> Result<(), Problem> {
        check_drawing(Path::new("content/d.svg"), svg.as_bytes())
    }

    #[test]
    fn a_plain_drawing_passes() {
        let svg = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <defs><linearGradient id="g"><stop offset="0"/></linearGradient><path id="p" d="M0 0L5 5"/></defs>
  <style>.a { fill: url(#g); stroke: #333 }</style>
  <use xlink:href="#p"/><circle class="a" cx="5" cy="5" r="4" style="fill: url(#g)"/>
  <text x="1" y="9">On the left</text>
</svg>"##;
        drawing(svg).unwrap();
    }

    #[test]
    fn drawings_that_run_or_reach_out_are_refused_at_their_line() {
        let cases = [
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>",
                2,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\">\n\n<rect onload=\"alert(1)\"/></svg>",
                3,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onLoad=\"x()\"/>",
                1,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject><div/></foreignObject></svg>",
                1,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&#106;avascript:alert(1)\"><rect/></a></svg>",
                1,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:x=\"http://www.w3.org/1999/xlink\"><image x:href=\"https://evil.example/a.png\"/></svg>",
                1,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"/etc/passwd\"/></svg>",
                1,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><set attributeName=\"href\" to=\"x\"/></svg>",
                1,
            ),
            (
                "<?xml-stylesheet href=\"evil.xsl\" type=\"text/xsl\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                1,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://evil.example/x.css);</style></svg>",
                1,
            ),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">x</html:script></svg>",
                1,
            ),
            (
                "<!DOCTYPE svg [<!ENTITY a \"b\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>",
                1,
            ),
            ("<html><body/></html>", 1),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect></g></svg>",
                2,
            ),
        ];
        for (svg, line) in cases {
            let problem = drawing(svg).expect_err(svg);
            assert_eq!(problem.code, Some(Code::ContentUnsafeDrawing), "{svg}");
            assert_eq!(problem.line, Some(line), "{svg}: {problem}");
        }
    }

    #[test]
    fn deep_or_large_drawings_are_refused() {
        let deep = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">{}{}</svg>",
            "<g>".repeat(100),
            "</g>".repeat(100)
        );
        assert!(drawing(&deep).unwrap_err().message.contains("nested"));
        let big = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><!--{}--></svg>",
            "x".repeat(MAX_DRAWING_BYTES)
        );
        assert!(drawing(&big).unwrap_err().message.contains("KB"));
    }
}
