//! What `build`, `check` and `serve` share: the whole site rendered from a loaded
//! library ([`rendered`]), and the review of what was rendered ([`check`]): broken
//! links, missing pictures and alternative text, placeholders left from
//! `pawprint new`, and text above the plain-language limits.

pub mod check;
pub mod editor;
pub mod rendered;
