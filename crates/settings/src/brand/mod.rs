//! The clinic's look: the handout's two typefaces, the clinic's logo (on the
//! handout and in the site's header) and the main colour of the site.
//!
//! They are read from disk and checked at load, together with the content, so a
//! bad font, logo or colour is reported with every other problem, at its line in
//! theme.toml or site.toml. The renderers get them ready to use and never open a
//! file.

pub mod colour;
pub mod logo;
pub mod typeface;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::brand::colour::{AA_TEXT, Colour, contrast, nearest_passing, ratio_text};
use crate::brand::logo::{Logo, LogoData};
use crate::brand::typeface::{FontFace, FontSet};
use crate::config::{self, SiteConfig};
use crate::theme::Theme;
use pawprint_text::problem::{Code, Problem, Span, display_path};

/// The typefaces and the logo, read and checked.
#[derive(Debug)]
pub struct Brand {
    /// The handout's regular and bold faces: the theme's own, or Noto Sans.
    pub fonts: FontSet,
    /// The clinic's logo, when site.toml names one.
    pub logo: Option<Arc<Logo>>,
    /// Where the logo's file is, to copy it into the site for the header.
    pub logo_file: Option<PathBuf>,
    /// The site's colours from `[brand]`, when site.toml sets them.
    pub colours: Option<BrandColours>,
}

/// The main colour of the site and its darker shade (for the header and for
/// links under the pointer), both checked for contrast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrandColours {
    /// The colour of links and buttons, as `[brand] color` sets it.
    pub main: Colour,
    /// A darker shade of the same hue.
    pub dark: Colour,
    /// The shade of the same hue for links and text in the dark scheme, light
    /// enough to read on the dark page and the dark boxes ([`DARK_MEETS`]).
    pub on_dark: Colour,
}

impl BrandColours {
    /// The stylesheet that sets the theme's custom properties `--brand`,
    /// `--brand-dark` and `--brand-on-dark` (used by the dark scheme only); the
    /// site links it after the theme's own stylesheet.
    pub fn css(&self) -> String {
        format!(
            ":root {{ --brand: {}; --brand-dark: {}; --brand-on-dark: {}; }}\n",
            self.main, self.dark, self.on_dark
        )
    }
}

/// The colours the main colour meets in the default theme's style.css, each with
/// how a person would name it. Text in the brand colour sits on the page and on
/// the light boxes; white text sits on buttons and on the header.
pub const MEETS: &[(&str, Colour)] = &[
    ("white text on it", colour::WHITE),
    ("the white page", colour::WHITE),
    ("the light grey boxes", Colour::rgb(0xf3, 0xf6, 0xf4)),
];

/// The backgrounds of the default theme's dark scheme (style.css), on which
/// links take the brand's lighter shade.
pub const DARK_MEETS: &[(&str, Colour)] = &[
    ("the dark page", Colour::rgb(0x12, 0x1a, 0x1f)),
    ("the dark boxes", Colour::rgb(0x1c, 0x27, 0x2d)),
];

/// The lowest contrast WCAG 2.2 allows for a focus ring against what it touches
/// (1.4.11, non-text contrast).
pub const FOCUS_MIN: f64 = 3.0;

/// The focus rings that sit on a brand colour, in both schemes: the theme's
/// `--focus-on-brand` (white) around links in the header, whose background is
/// the darker shade.
pub const FOCUS_ON_BRAND: &[(&str, Colour)] = &[("the focus ring in the header", colour::WHITE)];

/// The folder of the built site that holds the brand's files (the logo and
/// `brand.css`), apart from the theme's static files so that no name clashes.
pub const SITE_FOLDER: &str = "brand";

/// The file name of the site's copy of the logo inside [`SITE_FOLDER`].
pub fn logo_site_name(logo: &Logo) -> &'static str {
    match logo.data {
        LogoData::Jpeg { .. } => "logo.jpg",
        LogoData::Pixels { .. } => "logo.png",
    }
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
    let colours = read_colour(config)
        .map_err(|problem| problems.push(problem))
        .ok();
    let fonts = theme.and_then(|theme| {
        read_fonts(root, theme)
            .map_err(|found| problems.extend(found))
            .ok()
    });
    match (fonts, logo, colours) {
        (Some(fonts), Some(logo), Some(colours)) if problems.is_empty() => {
            let (logo, logo_file) = logo.unzip();
            Ok(Brand {
                fonts,
                logo,
                logo_file,
                colours,
            })
        }
        _ => Err(problems),
    }
}

/// The `[brand] color` of site.toml, refused when text on it or in it would be
/// hard to read: the message names both colours and the contrast, and suggests
/// the nearest colour of the same hue that passes.
pub(crate) fn read_colour(config: &SiteConfig) -> Result<Option<BrandColours>, Problem> {
    let Some(written) = &config.brand.color else {
        return Ok(None);
    };
    let (line, column) = config.brand.color_place;
    // At the value as written: its line is shown, with a mark under it.
    let place = |problem: Problem| match &config.brand.color_span {
        Some(span) => problem.at_span(span.clone()),
        None => problem.at(line, column),
    };
    let main = Colour::parse(written).map_err(|why| {
        place(
            Problem::error(
                config::FILE_NAME,
                format!("`brand.color` \"{written}\" {why}"),
            )
            .code(Code::BrandBadColour),
        )
        .help("write a colour code such as \"#0b5c5d\"")
    })?;
    let against: Vec<Colour> = MEETS.iter().map(|(_, c)| *c).collect();
    let worst = MEETS
        .iter()
        .map(|(name, other)| (*name, *other, contrast(main, *other)))
        .min_by(|a, b| a.2.total_cmp(&b.2));
    if let Some((name, other, ratio)) = worst.filter(|w| w.2 < AA_TEXT) {
        let help = match nearest_passing(main, &against, AA_TEXT) {
            Some(fixed) => format!(
                "try color = \"{fixed}\", the nearest colour of the same hue that is easy \
                 to read ({} with {name})",
                ratio_text(contrast(fixed, other))
            ),
            None => "choose a darker colour".to_string(),
        };
        return Err(place(
            Problem::error(
                config::FILE_NAME,
                format!(
                    "`brand.color` {main} is hard to read with {name} ({other}): the contrast \
                 is {}, and text needs at least {AA_TEXT}:1 (WCAG AA)",
                    ratio_text(ratio)
                ),
            )
            .code(Code::BrandLowContrast),
        )
        .help(help));
    }
    // The darker shade gains contrast with white; it is only used when it does.
    let dark = Some(main.darker(0.08))
        .filter(|dark| contrast(*dark, colour::WHITE) >= contrast(main, colour::WHITE))
        .unwrap_or(main);
    // The header's focus ring must show on the darker shade (3:1).
    for (name, ring) in FOCUS_ON_BRAND {
        let ratio = contrast(*ring, dark);
        if ratio < FOCUS_MIN {
            return Err(place(
                Problem::error(
                    config::FILE_NAME,
                    format!(
                        "`brand.color` {main}: {name} ({ring}) is hard to see on the header \
                     ({dark}): the contrast is {}, and it needs at least {FOCUS_MIN}:1 \
                     (WCAG 1.4.11)",
                        ratio_text(ratio)
                    ),
                )
                .code(Code::BrandLowContrast),
            )
            .help("choose a darker colour"));
        }
    }
    let on_dark = dark_scheme_shade(main);
    Ok(Some(BrandColours {
        main,
        dark,
        on_dark,
    }))
}

/// The nearest shade of `main`'s hue that reads as text (4.5:1) on every
/// background of the dark scheme. Light text always passes on those dark
/// backgrounds, so white is only the last resort.
pub(crate) fn dark_scheme_shade(main: Colour) -> Colour {
    let against: Vec<Colour> = DARK_MEETS.iter().map(|(_, c)| *c).collect();
    nearest_passing(main, &against, AA_TEXT).unwrap_or(colour::WHITE)
}

/// The theme's `font_regular` and `font_bold`, or Noto Sans when it names none.
fn read_fonts(root: &Path, theme: &Theme) -> Result<FontSet, Vec<Problem>> {
    let style = &theme.handout;
    let (Some(regular), Some(bold)) = (&style.font_regular, &style.font_bold) else {
        return Ok(FontSet::noto_sans());
    };
    let shown = display_path(root, &theme.source.path("theme.toml"));
    let read = |path: &Path, span: &Option<Span>| -> Result<FontFace, Problem> {
        let problem = |why: String| {
            let problem = Problem::error(
                &shown,
                format!(
                    "cannot use the handout font \"{}\": {why}",
                    theme
                        .source
                        .folder()
                        .map_or(path.to_path_buf(), |dir| display_path(dir, path))
                        .display()
                ),
            ).code(Code::ThemeBadFont)
            .help("name TrueType (.ttf) or OpenType (.otf) files, or remove font_regular and font_bold to use Noto Sans");
            match span {
                Some(span) => problem.at_span(span.clone()),
                None => problem,
            }
        };
        let folder = theme.source.folder().unwrap_or(root);
        let bytes = read_plain(folder, path)
            .map_err(|e| problem(format!("cannot read it ({e})")).code(Code::IoRead))?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        FontFace::parse(Arc::from(bytes), &stem).map_err(problem)
    };
    let [regular_span, bold_span] = &style.font_spans;
    match (read(regular, regular_span), read(bold, bold_span)) {
        (Ok(regular), Ok(bold)) => Ok(FontSet { regular, bold }),
        (regular, bold) => Err([regular.err(), bold.err()].into_iter().flatten().collect()),
    }
}

/// The logo named in site.toml, looked up in the theme's `static/` folder and then
/// in the project folder.
fn read_logo(root: &Path, config: &SiteConfig) -> Result<Option<(Arc<Logo>, PathBuf)>, Problem> {
    let Some(name) = &config.clinic.logo else {
        return Ok(None);
    };
    let place = |problem: Problem| match &config.clinic.logo_span {
        Some(span) => problem.at_span(span.clone()),
        None => problem,
    };
    let theme = &config.site.theme;
    let theme_folder = crate::theme::ThemeSource::of(root, config)
        .and_then(|source| source.folder().map(|dir| dir.join("static")));
    let folders: Vec<PathBuf> = theme_folder
        .into_iter()
        .chain([root.to_path_buf()])
        .collect();
    let Some(folder) = folders.iter().find(|folder| folder.join(name).is_file()) else {
        return Err(place(
            Problem::error(
                config::FILE_NAME,
                format!("clinic.logo \"{name}\" not found"),
            )
            .code(Code::LogoNotFound)
            .help(format!(
                "put the file in the project folder, beside site.toml (or in themes/{theme}/static/ if you copied the theme out)"
            )),
        ));
    };
    let problem = |why: String| {
        place(
            Problem::error(config::FILE_NAME, format!("clinic.logo \"{name}\": {why}"))
                .code(Code::LogoBadPicture)
                .help("use a PNG or JPEG file"),
        )
    };
    let path = folder.join(name);
    let bytes = read_plain(folder, &path)
        .map_err(|e| problem(format!("cannot read the logo: {e}")).code(Code::IoRead))?;
    logo::decode(bytes)
        .map(|logo| Some((Arc::new(logo), path)))
        .map_err(problem)
}

/// The bytes of a font or logo file at `path` inside `folder`, read the way the
/// output copies files: a link, as the file or as a folder on its way from
/// `folder`, is refused, not followed, so what `check` accepts is what `build` can
/// publish, and nothing outside the project is read through a linked folder.
fn read_plain(folder: &Path, path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    match path.strip_prefix(folder) {
        Ok(relative) => pawprint_text::plain_file::open_below(folder, relative)?,
        Err(_) => pawprint_text::plain_file::open(path)?,
    }
    .read_to_end(&mut bytes)?;
    Ok(bytes)
}
