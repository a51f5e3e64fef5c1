//! Any bytes as an article file: UTF-8 decoding, the `+++` fences, the front matter
//! and the Markdown body. Must return a page or problems, never panic.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let result = pawprint::content::library::parse_markdown(
        PathBuf::from("content/dogs/x.md"),
        "dogs/x.md",
        data.to_vec(),
        "/",
    );
    if let Err(problems) = result {
        assert!(!problems.is_empty());
    }
});
