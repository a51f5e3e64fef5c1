//! A clinic's settings, read from `site.toml` and the theme: the fields and their
//! checks ([`fields`]), the configuration ([`config`]), languages, locations and
//! phone numbers, papers, the theme's templates and looks ([`theme`]), its words in
//! each language ([`locale`]), and the brand that goes on every sheet ([`brand`]:
//! logo, colour, typeface).

pub mod brand;
pub mod config;
pub mod fields;
pub mod language;
pub mod locale;
pub mod location;
pub mod paper;
pub mod theme;
