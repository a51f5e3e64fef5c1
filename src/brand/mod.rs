//! The clinic's look on paper: the handout's two typefaces and the clinic's logo.
//!
//! They are read from disk and checked at load, together with the content, so a
//! bad font or logo is reported with every other problem, at its line in
//! theme.toml or site.toml. The handout renderer gets them ready to use and never
//! opens a file.

pub mod logo;
pub mod typeface;

use std::path::Path;
use std::sync::Arc;

use crate::brand::logo::Logo;
use crate::brand::typeface::{FontFace, FontSet};
use crate::config::{self, SiteConfig};
use crate::problem::{Problem, display_path};
use crate::theme::Theme;

/// The typefaces and the logo, read and checked.
#[derive(Debug)]
pub struct Brand {
    /// The handout's regular and bold faces: the theme's own, or Noto Sans.
    pub fonts: FontSet,
    /// The clinic's logo, when site.toml names one.
    pub logo: Option<Arc<Logo>>,
}

/// Reads the fonts the theme names (or takes Noto Sans) and the logo that site.toml
/// names. `theme` is `None` when the theme could not be loaded: then only the logo
/// is checked, and the result is an error holding the logo's problems, if any.
pub fn load(
    root: &Path,
    config: &SiteConfig,
    theme: Option<&Theme>,
) -> Result<Brand, Vec<Problem>> {
    let mut problems = Vec::new();
    let logo = read_logo(root, config)
        .map_err(|problem| problems.push(problem))
        .ok();
    let fonts = theme.and_then(|theme| {
        read_fonts(root, theme)
            .map_err(|found| problems.extend(found))
            .ok()
    });
    match (fonts, logo) {
        (Some(fonts), Some(logo)) if problems.is_empty() => Ok(Brand { fonts, logo }),
        _ => Err(problems),
    }
}

/// The theme's `font_regular` and `font_bold`, or Noto Sans when it names none.
fn read_fonts(root: &Path, theme: &Theme) -> Result<FontSet, Vec<Problem>> {
    let style = &theme.handout;
    let (Some(regular), Some(bold)) = (&style.font_regular, &style.font_bold) else {
        return Ok(FontSet::noto_sans());
    };
    let shown = display_path(root, &theme.dir.join("theme.toml"));
    let read = |path: &Path, line: usize| -> Result<FontFace, Problem> {
        let problem = |why: String| {
            Problem::error(
                &shown,
                format!(
                    "cannot use the handout font \"{}\": {why}",
                    display_path(&theme.dir, path).display()
                ),
            ).code("theme.bad-font")
            .at_line(line)
            .help("name TrueType (.ttf) or OpenType (.otf) files, or remove font_regular and font_bold to use Noto Sans")
        };
        let bytes = std::fs::read(path)
            .map_err(|e| problem(format!("cannot read it ({e})")).code("io.read"))?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        FontFace::parse(Arc::from(bytes), &stem).map_err(problem)
    };
    let (regular_line, bold_line) = style.font_lines;
    match (read(regular, regular_line), read(bold, bold_line)) {
        (Ok(regular), Ok(bold)) => Ok(FontSet { regular, bold }),
        (regular, bold) => Err([regular.err(), bold.err()].into_iter().flatten().collect()),
    }
}

/// The logo named in site.toml, looked up in the theme's `static/` folder and then
/// in the project folder.
fn read_logo(root: &Path, config: &SiteConfig) -> Result<Option<Arc<Logo>>, Problem> {
    let Some(name) = &config.clinic.logo else {
        return Ok(None);
    };
    let line = config.clinic.logo_line;
    let theme = &config.site.theme;
    let candidates = [
        root.join("themes").join(theme).join("static").join(name),
        root.join(name),
    ];
    let Some(path) = candidates.iter().find(|path| path.is_file()) else {
        return Err(Problem::error(
            config::FILE_NAME,
            format!("clinic.logo \"{name}\" not found"),
        )
        .code("logo.not-found")
        .at_line(line)
        .help(format!(
            "put the file in themes/{theme}/static/ or in the project folder"
        )));
    };
    let problem = |why: String| {
        Problem::error(config::FILE_NAME, format!("clinic.logo \"{name}\": {why}"))
            .code("logo.bad-picture")
            .at_line(line)
            .help("use a PNG or JPEG file")
    };
    let bytes = std::fs::read(path)
        .map_err(|e| problem(format!("cannot read the logo: {e}")).code("io.read"))?;
    logo::decode(bytes)
        .map(|logo| Some(Arc::new(logo)))
        .map_err(problem)
}
