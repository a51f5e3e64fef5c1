//! The clinic's articles: front matter, Markdown bodies, sections and the Library
//! that holds them all, read and checked once by [`load::load`].

pub mod article;
pub mod files;
#[cfg(any(test, feature = "test-fixtures"))]
pub mod fixture;
pub mod front_matter;
pub mod library;
pub mod load;
pub mod markdown;
pub mod pack;
pub mod permalink;
pub mod picture;

pub use article::{Article, Section};
pub use library::{Drafts, Library};
pub use pawprint_text::site_file::Asset;
