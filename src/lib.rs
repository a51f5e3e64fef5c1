//! pawprint turns a veterinary clinic's pet-health articles into a themed static
//! website and a one-page printable handout per article.
//!
//! The shape: [`load::load`] reads `site.toml`, the theme, the handout's fonts
//! and the logo ([`brand`]) and `content/` into an immutable [`content::Library`],
//! reporting every problem at once. Renderers ([`site`], [`handout`]) are pure
//! functions of the library that return files. [`output`] is the only module that
//! writes, staging the build and swapping it in.

#![warn(missing_docs)]
// A `Problem` (file, line, column, message, hint, code) is larger than clippy's
// 128-byte guess for an error type. Problems are made on the cold path only, when
// something is wrong, so their size costs nothing worth boxing for.
#![allow(clippy::result_large_err)]

pub mod address;
pub mod brand;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod date;
pub mod fields;
pub mod fingerprint;
pub mod handout;
pub mod language;
pub mod load;
pub mod locale;
pub mod location;
pub mod output;
pub mod paper;
pub mod phone;
pub mod plain_file;
pub mod problem;
pub mod rendered;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod site;
pub mod site_file;
pub mod source_map;
pub mod text;
pub mod theme;

pub use build::{BuildReport, build};
pub use problem::{Problem, Problems, Severity};
