//! The clinic's articles: front matter, Markdown bodies, sections and the Library
//! that holds them all.

pub mod article;
pub mod files;
pub mod front_matter;
pub mod library;
pub mod markdown;
pub mod pack;
pub mod permalink;

pub use crate::site_file::Asset;
pub use article::{Article, Section};
pub use library::{Drafts, Library};
