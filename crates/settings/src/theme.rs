//! A theme's looks: Tera templates, static files and the handout's type settings.
//! It is built into pawprint (see [`pawprint_theme`]), or lives in the project's
//! `themes/<name>/` folder, which takes the place of the built-in theme of that name:
//!
//! ```text
//! theme.toml      name, description, handout style
//! templates/      home.html, article.html, section.html, tag.html, tags.html, 404.html,
//!                 handouts.html
//! static/         copied into the site as it is (CSS, images, the logo)
//! words/          the words of each language, such as en.toml (see `crate::locale`)
//! ```
//!
//! A project changes one template without copying the theme: a file in the
//! project's own `templates/` folder (beside site.toml) takes the place of the
//! theme's template of the same name, as in Hugo and Zola.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::fields::{Fields, Need, parse_document};
use pawprint_text::problem::{Code, Problem, did_you_mean, display_path};
use pawprint_text::site_file::{Contents, OutputFile};
use pawprint_text::source_map::SourceFile;

/// The templates every theme must have.
pub(crate) const REQUIRED_TEMPLATES: &[&str] = &[
    "home.html",
    "article.html",
    "section.html",
    "tag.html",
    "tags.html",
    "404.html",
    "handouts.html",
];

/// A loaded theme.
#[derive(Debug)]
pub struct Theme {
    /// The theme's name, as site.toml gives it.
    pub name: String,
    /// Where its files come from: the project's folder or pawprint itself.
    pub source: ThemeSource,
    /// The compiled templates.
    pub templates: tera::Tera,
    /// The file each template was read from, for messages.
    pub template_files: TemplateFiles,
    /// Files of `static/`, to copy into the site as they are.
    pub static_files: Vec<OutputFile>,
    /// How the handout is set.
    pub handout: HandoutStyle,
    /// Problems that do not stop the build, such as a template in the project's
    /// `templates/` folder that nothing uses.
    pub warnings: Vec<Problem>,
}

/// Type settings for the printed handout, from `[handout]` in theme.toml.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoutStyle {
    /// The body text size to try first, in points (12 at the least).
    pub body_pt: f32,
    /// A TTF/OTF file (relative to the theme folder) for regular text, instead of
    /// Noto Sans.
    pub font_regular: Option<PathBuf>,
    /// A TTF/OTF file for bold text.
    pub font_bold: Option<PathBuf>,
    /// Where `font_regular` and `font_bold` are written in theme.toml, for
    /// messages about the files.
    pub font_spans: [Option<pawprint_text::source_map::Span>; 2],
}

/// The folder beside site.toml whose templates take the place of the theme's.
pub const OVERRIDE_DIR: &str = "templates";

/// The file each template was read from: the theme's `templates/` folder, or the
/// project's own `templates/` folder for a template it overrides.
#[derive(Debug, Clone, Default)]
pub struct TemplateFiles {
    theme_dir: PathBuf,
    files: BTreeMap<String, PathBuf>,
}

impl TemplateFiles {
    /// The file of the template `name`; for a name not read, where the theme would
    /// hold it.
    pub fn path(&self, name: &str) -> PathBuf {
        self.files
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.theme_dir.join(name))
    }
}

/// The smallest body size a handout may use, in points.
pub const MIN_BODY_PT: f32 = 12.0;

/// The largest body size a theme may ask for, in points. The sheet steps down
/// from it when the words do not fit, and the build says so.
pub(crate) const MAX_BODY_PT: f32 = 24.0;

/// Tables that theme.toml held before the words moved to `words/<language>.toml`;
/// each gets its own message rather than "unknown key".
const MOVED_TO_WORDS: &[&str] = &["labels", "species", "dates"];
const THEME_KEYS: &[&str] = &[
    "name",
    "description",
    "handout",
    "labels",
    "species",
    "dates",
];
const HANDOUT_STYLE_KEYS: &[&str] = &["body_size", "font_regular", "font_bold"];

/// Where a theme's files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeSource {
    /// The project's own folder, such as `themes/default`.
    Folder(PathBuf),
    /// A theme built into pawprint, used when the project has no folder of its name.
    BuiltIn(pawprint_theme::BuiltIn),
}

impl ThemeSource {
    /// The theme called `name`: the project's folder `themes/<name>/` when there is
    /// one, else the built-in theme of that name, else `None`.
    pub fn find(root: &Path, name: &str) -> Option<ThemeSource> {
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            Some(ThemeSource::Folder(dir))
        } else {
            pawprint_theme::built_in(name).map(ThemeSource::BuiltIn)
        }
    }

    /// The theme named in site.toml (see [`ThemeSource::find`]).
    pub fn of(root: &Path, config: &SiteConfig) -> Option<ThemeSource> {
        ThemeSource::find(root, &config.site.theme)
    }

    /// Where the theme's file `path` (such as `templates/base.html`) is, for
    /// messages: a file in the theme's folder, or a name such as
    /// `<built-in theme default>/templates/base.html` for a built-in theme.
    pub fn path(&self, path: &str) -> PathBuf {
        match self {
            ThemeSource::Folder(dir) => dir.join(path),
            ThemeSource::BuiltIn(theme) => {
                PathBuf::from(format!("<built-in theme {}>", theme.name())).join(path)
            }
        }
    }

    /// The theme's folder, for a theme that has one.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            ThemeSource::Folder(dir) => Some(dir),
            ThemeSource::BuiltIn(_) => None,
        }
    }

    /// The bytes of the theme's file `path`, such as `words/en.toml`.
    pub fn read(&self, path: &str) -> std::io::Result<Cow<'static, [u8]>> {
        match self {
            ThemeSource::Folder(dir) => std::fs::read(dir.join(path)).map(Cow::Owned),
            ThemeSource::BuiltIn(theme) => theme.file(path).map(Cow::Borrowed).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "the built-in theme has no such file",
                )
            }),
        }
    }

    /// The names of the files directly in the theme's folder `dir` (such as
    /// `words`), sorted, without dot files.
    pub fn names_in(&self, dir: &str) -> Vec<String> {
        let mut names: Vec<String> = match self {
            ThemeSource::Folder(folder) => std::fs::read_dir(folder.join(dir))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| !name.starts_with('.'))
                .collect(),
            ThemeSource::BuiltIn(theme) => theme
                .files_in(dir)
                .filter(|(name, _)| !name.contains('/'))
                .map(|(name, _)| name.to_string())
                .collect(),
        };
        names.sort();
        names
    }
}

/// Loads the theme named in site.toml, reporting every problem found.
pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Vec<Problem>> {
    let name = &config.site.theme;
    let Some(source) = ThemeSource::of(root, config) else {
        let mut available = list_themes(root);
        available.extend(pawprint_theme::names().map(|n| format!("{n} (built in)")));
        return Err(vec![
            Problem::error(
                crate::config::FILE_NAME,
                format!(
                    "theme \"{name}\" not found: there is no folder themes/{name}, and pawprint has no theme of that name built in"
                ),
            )
            .code(Code::ThemeNotFound)
            .help(format!("themes you can use here: {}", available.join(", "))),
        ]);
    };
    let mut problems = Vec::new();
    let settings = read_settings(root, &source, &mut problems);
    let mut warnings = Vec::new();
    let (templates, template_files) = read_templates(root, &source, &mut problems, &mut warnings);
    let static_files = read_static(root, &source, &mut problems);
    match (settings, templates) {
        (Some(settings), Some(templates)) if problems.is_empty() => Ok(Theme {
            name: name.clone(),
            source,
            templates,
            template_files,
            static_files,
            handout: settings.handout,
            warnings,
        }),
        _ => Err(problems),
    }
}

fn list_themes(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

struct Settings {
    handout: HandoutStyle,
}

fn read_settings(
    root: &Path,
    source: &ThemeSource,
    problems: &mut Vec<Problem>,
) -> Option<Settings> {
    let shown = display_path(root, &source.path("theme.toml"));
    let text = match source
        .read("theme.toml")
        .map(|b| String::from_utf8(b.into_owned()))
    {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            problems.push(
                Problem::error(&shown, "theme.toml is not valid UTF-8 text").code(Code::IoNotUtf8),
            );
            return None;
        }
        Err(e) => {
            problems.push(
                Problem::error(&shown, format!("cannot read theme.toml: {e}"))
                    .code(Code::IoRead)
                    .help("every theme needs a theme.toml with its name"),
            );
            return None;
        }
    };
    let file = SourceFile::new(shown.clone(), pawprint_text::text::unix_line_ends(text));
    let table = parse_document(&file, 0..file.text.len(), problems)?;
    let top = Fields::new(&file, 0, &table, THEME_KEYS);
    top.text("name", Need::Optional, problems);
    top.text("description", Need::Optional, problems);
    for key in MOVED_TO_WORDS.iter().filter(|key| top.has(key)) {
        problems.push(
            top.problem_at_key(key, Code::ThemeWordsInTheme, format!("[{key}] now lives in a words file, not in theme.toml"))
                .help(format!(
                    "move [{key}] to this theme's words file, words/<language>.toml, such as words/en.toml"
                )),
        );
    }
    let mut handout = HandoutStyle {
        body_pt: 13.0,
        font_regular: None,
        font_bold: None,
        font_spans: [None, None],
    };
    if let Some(h) = top.table("handout", Need::Optional, HANDOUT_STYLE_KEYS, problems) {
        if let Some(size) = h.number("body_size", problems) {
            if (MIN_BODY_PT as f64..=MAX_BODY_PT as f64).contains(&size) {
                handout.body_pt = size as f32;
            } else {
                problems.push(
                    h.problem_at_key(
                        "body_size",
                        Code::ThemeBadBodySize,
                        format!("handout.body_size {size} is out of range"),
                    )
                    .help(
                            "use a size from 12 to 24 points; older readers need 12 at the least. For large print, add \"letter-large\" or \"a4-large\" to papers in site.toml",
                        ),
                );
            }
        }
        let font_regular = h.file_path("font_regular", Need::Optional, problems);
        let font_bold = h.file_path("font_bold", Need::Optional, problems);
        match (font_regular, font_bold) {
            (Some(regular), Some(bold)) => {
                let spans = ["font_regular", "font_bold"].map(|key| h.span_of(key));
                for (font, span) in [&regular, &bold].into_iter().zip(&spans) {
                    let place = |problem: Problem| match span {
                        Some(span) => problem.at_span(span.clone()),
                        None => problem,
                    };
                    let lower = font.to_ascii_lowercase();
                    if !(lower.ends_with(".ttf") || lower.ends_with(".otf")) {
                        problems.push(place(
                            Problem::error(
                                &shown,
                                format!("font \"{font}\" is not a .ttf or .otf file"),
                            )
                            .code(Code::ThemeNotAFontFile)
                            .help("name a TrueType or OpenType font file inside the theme folder"),
                        ));
                    } else if !source.folder().is_some_and(|dir| dir.join(font).is_file()) {
                        problems.push(place(
                            Problem::error(
                                &shown,
                                format!("font file \"{font}\" not found in the theme folder"),
                            )
                            .code(Code::ThemeFontNotFound)
                            .help(format!(
                                "put the file at {}",
                                display_path(root, &source.path(font)).display()
                            )),
                        ));
                    }
                }
                handout.font_regular = Some(source.path(&regular));
                handout.font_bold = Some(source.path(&bold));
                handout.font_spans = spans;
            }
            (None, None) => {}
            _ => problems.push(
                Problem::error(
                    &shown,
                    "handout fonts come in pairs: set both font_regular and font_bold",
                )
                .code(Code::ThemeFontPair)
                .help("or remove both to use Noto Sans"),
            ),
        }
        h.finish(problems);
    }
    top.finish(problems);
    Some(Settings { handout })
}

/// Reads every template of a folder, by its `/`-separated name inside it, with its
/// file and text. `None` when the folder cannot be listed.
fn read_template_dir(
    root: &Path,
    template_dir: &Path,
    problems: &mut Vec<Problem>,
) -> Option<Vec<(String, PathBuf, String)>> {
    let mut sources = Vec::new();
    for entry in walkdir::WalkDir::new(template_dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(
                    Problem::error(
                        display_path(root, template_dir),
                        format!("cannot read the templates folder: {e}"),
                    )
                    .code(Code::IoRead),
                );
                return None;
            }
        };
        if !entry.file_type().is_file() || is_hidden(entry.path()) {
            continue;
        }
        let name = relative_name(template_dir, entry.path());
        match std::fs::read(entry.path()).map(String::from_utf8) {
            Ok(Ok(text)) => sources.push((name, entry.path().to_path_buf(), text)),
            _ => problems.push(
                Problem::error(
                    display_path(root, entry.path()),
                    "cannot read this template as UTF-8 text",
                )
                .code(Code::IoRead),
            ),
        }
    }
    Some(sources)
}

/// The theme's templates, each replaced by the project's template of the same name
/// when `templates/` beside site.toml has one.
fn read_templates(
    root: &Path,
    source: &ThemeSource,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> (Option<tera::Tera>, TemplateFiles) {
    let template_dir = source.path("templates");
    let mut files = TemplateFiles {
        theme_dir: template_dir.clone(),
        files: BTreeMap::new(),
    };
    let theme_sources = match source {
        ThemeSource::Folder(_) => read_template_dir(root, &template_dir, problems),
        ThemeSource::BuiltIn(theme) => Some(
            theme
                .files_in("templates")
                .map(|(name, bytes)| {
                    (
                        name.to_string(),
                        template_dir.join(name),
                        String::from_utf8_lossy(bytes).into_owned(),
                    )
                })
                .collect(),
        ),
    };
    let Some(theme_sources) = theme_sources else {
        return (None, files);
    };
    let own_dir = root.join(OVERRIDE_DIR);
    let own_sources = if own_dir.is_dir() {
        match read_template_dir(root, &own_dir, problems) {
            Some(sources) => sources,
            None => return (None, files),
        }
    } else {
        Vec::new()
    };
    warnings.extend(unused_overrides(root, &theme_sources, &own_sources));
    let mut by_name: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    for (name, path, text) in theme_sources.into_iter().chain(own_sources) {
        by_name.insert(name, (path, text));
    }
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, (path, text)) in by_name {
        files.files.insert(name.clone(), path);
        sources.push((name, text));
    }
    (
        compile(root, &template_dir, sources, &files, problems),
        files,
    )
}

/// A template in the project's `templates/` folder that has no theme template of
/// its name, and whose name no template mentions (to include, extend or import
/// it), is never used: most likely its name is mistyped.
fn unused_overrides(
    root: &Path,
    theme_sources: &[(String, PathBuf, String)],
    own_sources: &[(String, PathBuf, String)],
) -> Vec<Problem> {
    let theme_names: Vec<&str> = theme_sources.iter().map(|(n, _, _)| n.as_str()).collect();
    let mentioned = |name: &str| {
        theme_sources
            .iter()
            .chain(own_sources)
            .any(|(other, _, text)| other != name && text.contains(name))
    };
    own_sources
        .iter()
        .filter(|(name, _, _)| !theme_names.contains(&name.as_str()) && !mentioned(name))
        .map(|(name, path, _)| {
            let problem = Problem::warning(
                display_path(root, path),
                format!("the theme has no template named {name}, so this file is not used"),
            )
            .code(Code::ThemeUnusedOverride);
            match did_you_mean(name, &theme_names) {
                Some(close) => problem.help(format!(
                    "to replace the theme's {close}, name this file {close}"
                )),
                None => problem.help(format!(
                    "name it after a template of the theme: {}",
                    theme_names.join(", ")
                )),
            }
        })
        .collect()
}

/// Compiles the templates, reporting every broken one at its own file.
fn compile(
    root: &Path,
    template_dir: &Path,
    sources: Vec<(String, String)>,
    files: &TemplateFiles,
    problems: &mut Vec<Problem>,
) -> Option<tera::Tera> {
    for required in REQUIRED_TEMPLATES {
        if !sources.iter().any(|(name, _)| name == required) {
            problems.push(
                Problem::error(
                    display_path(root, template_dir),
                    format!("the theme has no {required} template"),
                ).code(Code::ThemeMissingTemplate)
                .help("every theme needs home.html, article.html, section.html, tag.html, tags.html, 404.html and handouts.html"),
            );
        }
    }
    // Templates are added one at a time so that every broken one is reported.
    let mut tera = tera::Tera::new();
    let mut ok = true;
    let mut pending = sources;
    // A child template can only be added once its parent is in; retry until stuck.
    loop {
        let before = pending.len();
        let mut errors = Vec::new();
        pending.retain(|(name, text)| match tera.add_raw_template(name, text) {
            Ok(()) => false,
            Err(e) => {
                errors.push((name.clone(), e));
                true
            }
        });
        if pending.is_empty() {
            break;
        }
        if pending.len() == before {
            ok = false;
            for (name, error) in errors {
                problems.extend(template_problems(root, files, &name, &error));
            }
            break;
        }
    }
    ok.then_some(tera)
}

/// Turns a Tera error into problems placed in the template files. Tera reports some
/// mistakes (unknown filters, tests, functions) as a text report with `--> file:line:col`
/// markers; those are read back so each one is placed too. A template the project
/// overrides is named by its own file in `templates/`.
pub fn template_problems(
    root: &Path,
    files: &TemplateFiles,
    name: &str,
    error: &tera::Error,
) -> Vec<Problem> {
    use tera::ErrorKind;
    let place = |file: &str, line: Option<(usize, usize)>, message: &str| {
        let file = if file.is_empty() { name } else { file };
        let mut problem = Problem::error(
            display_path(root, &files.path(file)),
            format!("template: {message}"),
        )
        .code(Code::ThemeTemplateError)
        .help("fix the template; Tera 2's syntax is described at https://keats.github.io/tera/");
        if let Some((line, column)) = line {
            problem = problem.at(line, column);
        }
        problem
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            vec![place(
                report.filename(),
                Some((span.start_line, span.start_col + 1)),
                report.message(),
            )]
        }
        other => {
            let text = other.to_string();
            let mut problems = Vec::new();
            let mut message: Option<String> = None;
            for line in text.lines() {
                if let Some(m) = line.strip_prefix("error: ") {
                    message = Some(m.to_string());
                } else if let Some(at) = line.trim_start().strip_prefix("--> ") {
                    let mut parts = at.rsplitn(3, ':');
                    let column = parts.next().and_then(|c| c.parse::<usize>().ok());
                    let line_no = parts.next().and_then(|l| l.parse::<usize>().ok());
                    let file = parts.next().unwrap_or(name);
                    if let (Some(m), Some(l), Some(c)) = (message.take(), line_no, column) {
                        problems.push(place(file, Some((l, c)), &m));
                    }
                }
            }
            if problems.is_empty() {
                problems.push(place(name, None, text.trim()));
            }
            problems
        }
    }
}

fn read_static(root: &Path, source: &ThemeSource, problems: &mut Vec<Problem>) -> Vec<OutputFile> {
    let static_dir = match source {
        ThemeSource::BuiltIn(theme) => {
            return theme
                .files_in("static")
                .map(|(path, bytes)| OutputFile {
                    path: path.to_string(),
                    contents: Contents::BuiltIn(bytes),
                })
                .collect();
        }
        ThemeSource::Folder(dir) => dir.join("static"),
    };
    if !static_dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&static_dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(entry) if entry.file_type().is_file() && !is_hidden(entry.path()) => {
                files.push(OutputFile {
                    path: relative_name(&static_dir, entry.path()),
                    contents: Contents::Copy(entry.path().to_path_buf()),
                })
            }
            Ok(_) => {}
            Err(e) => problems.push(
                Problem::error(
                    display_path(root, &static_dir),
                    format!("cannot read the static folder: {e}"),
                )
                .code(Code::IoRead),
            ),
        }
    }
    files
}

/// The `/`-separated path of `path` inside `dir`.
pub fn relative_name(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Dot files and editor leftovers are never content.
pub fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        let n = n.to_string_lossy();
        n.starts_with('.') || n.ends_with('~')
    })
}
