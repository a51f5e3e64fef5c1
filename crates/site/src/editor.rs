//! The content editor in the browser: Decap CMS, under `/admin/` of the site,
//! with a configuration made from pawprint's own article schema.

/// The folder of the site that holds the editor.
pub const FOLDER: &str = "admin/";
