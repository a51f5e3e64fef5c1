//! Any bytes as an article file: UTF-8 decoding, the `+++` fences, the front matter
//! and the Markdown body. Must return a page or problems, never panic, and the
//! page must carry no script an author chose (see `tests/common/attributes.rs`).
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use pawprint_content::load::Loaded;

#[path = "../../tests/common/attributes.rs"]
mod attributes;

fuzz_target!(|data: &[u8]| {
    let result = pawprint_content::load::parse_markdown(
        PathBuf::from("content/dogs/x.md"),
        "dogs/x.md",
        data.to_vec(),
        "/",
    );
    match result {
        Err(problems) => assert!(!problems.is_empty()),
        Ok(Loaded::Article(article)) => {
            let found = attributes::unsafe_attributes(&article.body.html, &[]);
            assert!(found.is_empty(), "author-chosen attributes: {found:?}");
        }
        Ok(_) => {}
    }
});
