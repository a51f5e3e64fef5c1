//! The lowest layer, which every other crate uses: a [`problem::Problem`] with its
//! place in a file, and the small text helpers the layers share (slugs, dates, phone
//! numbers, web addresses, fingerprints, the files a renderer hands to the output).
//! Nothing here knows what a clinic or an article is.

pub mod address;
pub mod date;
pub mod fingerprint;
pub mod phone;
pub mod plain_file;
pub mod problem;
pub mod show;
pub mod site_file;
pub mod source_map;
pub mod text;
