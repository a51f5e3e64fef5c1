//! Any text as an article body: heading ids, links, images, footnotes, raw HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pawprint::content::markdown::{Place, render};
use pawprint::source_map::SourceFile;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let len = text.len();
    let file = SourceFile::new("content/dogs/x.md", text);
    let body = render(&file, 0..len, Place { base_path: "/", dir: "dogs" });
    assert!(!body.html.contains("<script"), "raw HTML reached the page");
});
