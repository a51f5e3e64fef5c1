//! pawprint's integration tests, in one test binary: the tree is linked once and
//! the tests of every module run in one process. Each module is one area of the
//! tool; `common` holds the fixtures and helpers they share.
//!
//! Run one area with `cargo test --test suite <module>::`, such as
//! `cargo test --test suite output::`.

mod common;

mod authoring;
mod brand;
mod commonmark;
mod drafts;
mod editor_build;
mod editor_preview;
mod editor_serve;
mod features;
mod generated;
mod handout;
mod hostile;
mod init;
mod languages;
mod layers;
mod locations;
mod markdown_check;
mod messages;
mod mistakes;
mod output;
mod packaging;
mod packs;
mod picture;
mod policy;
mod preview;
mod problem_codes;
#[cfg(feature = "search")]
mod publish;
mod published;
mod quality;
mod reading;
mod reuse;
mod search;
mod serve;
mod shards;
mod sheet_format;
mod site;
mod spanish;
mod tagged;
mod theme;
mod words;
