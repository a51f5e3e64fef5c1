//! Any text as site.toml.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pawprint_text::source_map::SourceFile;

fuzz_target!(|data: &[u8]| {
    let file = SourceFile::new("site.toml", String::from_utf8_lossy(data).into_owned());
    let _ = pawprint_settings::config::parse(&file);
});
