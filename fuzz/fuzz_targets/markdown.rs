//! Any text as an article body: heading ids, links, images, footnotes, raw HTML.
//! The HTML must carry no script an author chose: no `<script`, no `on*`
//! attribute, no `style` attribute, no `javascript:` address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pawprint_content::markdown::{Place, render};
use pawprint_text::source_map::SourceFile;

#[path = "../../tests/common/attributes.rs"]
mod attributes;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let len = text.len();
    let file = SourceFile::new("content/dogs/x.md", text);
    let body = render(&file, 0..len, Place { base_path: "/", dir: "dogs", pages: "" });
    assert!(!body.html.contains("<script"), "raw HTML reached the page");
    let found = attributes::unsafe_attributes(&body.html, &[]);
    assert!(found.is_empty(), "author-chosen attributes: {found:?}");
});
