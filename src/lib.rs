//! pawprint turns a veterinary clinic's pet-health articles into a themed static
//! website and a one-page printable handout per article.
//!
//! This crate is the command-line tool. The work is done by the crates below it,
//! lowest first (ARCHITECTURE.md says what each owns):
//! - `pawprint-text`: problems with their places, and the shared text helpers;
//! - `pawprint-settings`: site.toml, locations, papers, the theme, its words, the brand;
//! - `pawprint-content`: the articles, read and checked once into a `Library` (load);
//! - `pawprint-handout` and `pawprint-site`: the two renderers, which never open a file;
//! - `pawprint-output`: the one writer;
//! - `pawprint-review`: the rendering and review that `build`, `check` and `serve` share.
//!
//! Here: [`build()`], `check` (in `main.rs`), [`scaffold`] (`pawprint new`) and, with the
//! `serve` feature, [`serve`].

pub mod build;
pub mod init;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod shard;
pub mod theme;

pub use build::{BuildReport, build};
pub use pawprint_text::problem::{Problem, Problems, Severity};
