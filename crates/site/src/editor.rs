//! The content editor in the browser: Decap CMS, under `/admin/` of the site,
//! with a configuration made from pawprint's own article schema.
//!
//! With `[editor] enabled = true`, the build writes into [`FOLDER`]:
//!
//! ```text
//! index.html                 the editor's page: its own script policy, no inline script
//! editor-start.js            tells Decap to wait for editor.js (CMS_MANUAL_INIT)
//! decap-cms.js               Decap CMS, pinned (crates/site/vendor/), without its map line
//! editor.js                  finds the local backend, draws the previews, starts Decap
//! config.yml                 the collections and fields, made from the article schema
//! LICENSE-decap-cms.txt      Decap's MIT licence
//! decap-cms.js.LICENSE.txt   the notices of the code bundled in decap-cms.js
//! ```
//!
//! `editor.js` asks `pawprint serve` (`POST /__pawprint/editor/api`, action
//! `info`) whether it is there. When it is, the editor saves into the project
//! through it (Decap's `proxy` backend); otherwise it uses the forge that
//! config.yml names (`backend = "github"` or `"gitlab"` in `[editor]`).

use std::sync::OnceLock;

use pawprint_content::Library;
use pawprint_settings::config::{Forge, ForgeKind};
use pawprint_text::site_file::{Contents, OutputFile};

/// The folder of the site that holds the editor.
pub const FOLDER: &str = "admin/";

/// Where the editor's local backend answers, at the root of `pawprint serve`
/// whatever the site's base path.
pub const API: &str = "/__pawprint/editor/api";

/// The version of Decap CMS built in (see `crates/site/vendor/`).
pub const DECAP_VERSION: &str = "3.16.3";

/// Decap's script without its source map line, `gzip -9 -n`'d:
/// `scripts/update-decap.sh` makes it.
const DECAP_GZ: &[u8] = include_bytes!("../vendor/decap-cms-3.16.3/decap-cms.js.gz");
/// Decap's MIT licence.
const DECAP_LICENSE: &[u8] = include_bytes!("../vendor/decap-cms-3.16.3/LICENSE");
/// The notices of the code bundled in Decap's script.
const DECAP_NOTICES: &[u8] = include_bytes!("../vendor/decap-cms-3.16.3/decap-cms.js.LICENSE.txt");

/// Sets `CMS_MANUAL_INIT` before Decap loads, so that `editor.js` starts it once
/// it knows which backend to use.
const START_JS: &str =
    "// Decap CMS waits for editor.js to start it.\nwindow.CMS_MANUAL_INIT = true;\n";

/// The code of `editor.js`; `/*PAWPRINT*/` is replaced by the site's words and
/// collections, as JSON.
const EDITOR_JS: &str = include_str!("editor.js");

/// The fewest and most signs a sheet takes, and the longest a sign may be, in
/// characters (as `check` counts them).
pub const SIGNS_MIN: usize = pawprint_content::front_matter::SIGNS_MIN;
/// See [`SIGNS_MIN`].
pub const SIGNS_MAX: usize = pawprint_content::front_matter::SIGNS_MAX;
/// See [`SIGNS_MIN`].
pub const SIGN_CHARS: usize = pawprint_content::front_matter::MAX_SIGN_CHARS;

/// Decap's script, unpacked once per run of pawprint.
fn decap_script() -> &'static [u8] {
    static SCRIPT: OnceLock<Vec<u8>> = OnceLock::new();
    SCRIPT.get_or_init(|| {
        use std::io::Read;
        let mut script = Vec::with_capacity(5 << 20);
        // The bytes are pawprint's own, checked by a test; they cannot fail to unpack.
        flate2::read::GzDecoder::new(DECAP_GZ)
            .read_to_end(&mut script)
            .expect("the built-in decap-cms.js.gz unpacks");
        script
    })
}

/// The editor's files, for a site with `[editor] enabled = true`; none otherwise.
/// The same library gives the same bytes.
pub fn files(library: &Library, policy: &str) -> Vec<OutputFile> {
    if !library.config.editor.enabled {
        return Vec::new();
    }
    let path = |name: &str| format!("{FOLDER}{name}");
    vec![
        OutputFile::bytes(path("index.html"), page(library, policy)),
        OutputFile::bytes(path("editor-start.js"), START_JS),
        OutputFile {
            path: path("decap-cms.js"),
            contents: Contents::BuiltIn(decap_script()),
        },
        OutputFile::bytes(path("editor.js"), script(library)),
        OutputFile::bytes(path("config.yml"), config(library)),
        OutputFile {
            path: path("LICENSE-decap-cms.txt"),
            contents: Contents::BuiltIn(DECAP_LICENSE),
        },
        OutputFile {
            path: path("decap-cms.js.LICENSE.txt"),
            contents: Contents::BuiltIn(DECAP_NOTICES),
        },
    ]
}

/// A word of the site's language from the theme's words file; a theme made
/// before the editor had words falls back to the English word.
fn word(library: &Library, key: &str) -> String {
    match library.locale.labels.get(key) {
        Some(word) => word.clone(),
        None => fallback_word(key),
    }
}

/// The English words of the editor, from the built-in theme, for a theme whose
/// words file lacks them.
fn fallback_word(key: &str) -> String {
    let words = pawprint_theme::built_in("default")
        .and_then(|theme| theme.file("words/en.toml"))
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .unwrap_or("");
    words
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(" = \"")?;
            (name == key).then(|| value.strip_suffix('"').unwrap_or(value).to_string())
        })
        .unwrap_or_default()
}

/// Text made safe for HTML text and double-quoted attributes.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The editor's page: the language, a title, the editor's script policy, and the
/// three scripts as files of the site.
fn page(library: &Library, policy: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <title>{title} · {site}</title>\n\
         <link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n\
         </head>\n<body>\n\
         <noscript><p>{noscript}</p></noscript>\n\
         <script src=\"editor-start.js\"></script>\n\
         <script src=\"decap-cms.js\"></script>\n\
         <script src=\"editor.js\"></script>\n\
         </body>\n</html>\n",
        lang = escape(library.language()),
        policy = escape(policy),
        title = escape(&word(library, "editor_title")),
        site = escape(&library.config.site.title),
        noscript = escape(&word(library, "editor_noscript")),
    )
}

/// One collection of the editor: a folder of articles in `content/`.
struct Collection {
    /// Decap's name for it: the folder, with `-` for `/`.
    name: String,
    /// The folder inside `content/`, such as `dogs`.
    dir: String,
    /// The section's title, in the site's language.
    title: String,
}

/// Every folder that holds articles, drafts too (a folder of drafts only is
/// still a folder staff write in), sorted by folder.
fn collections(library: &Library) -> Vec<Collection> {
    let mut dirs: std::collections::BTreeMap<String, String> = library
        .sections
        .iter()
        .map(|section| (section.dir.clone(), section.title()))
        .collect();
    for draft in &library.drafts {
        if let Some(dir) = &draft.section {
            dirs.entry(dir.clone()).or_insert_with(|| {
                let name = dir.rsplit('/').next().unwrap_or(dir).replace('-', " ");
                let mut chars = name.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => name,
                }
            });
        }
    }
    dirs.into_iter()
        .map(|(dir, title)| Collection {
            name: dir.replace('/', "-"),
            dir,
            title,
        })
        .collect()
}

/// The language codes of the site, the main one first: the `i18n` locales.
fn languages(library: &Library) -> Vec<String> {
    library
        .editions()
        .map(|edition| edition.language().to_string())
        .collect()
}

/// `editor.js`: pawprint's code (`editor.js` beside this file), with the words
/// and collections it needs.
fn script(library: &Library) -> String {
    let label = |key: &str| library.locale.label(key).to_string();
    let mut styles = vec!["../style.css".to_string()];
    if library.brand.colours.is_some() {
        styles.push(format!("../{}", crate::brand_css_path()));
    }
    let data = serde_json::json!({
        "api": API,
        "collections": collections(library)
            .into_iter()
            .map(|c| (c.name, format!("content/{}", c.dir)))
            .collect::<std::collections::BTreeMap<_, _>>(),
        "styles": styles,
        "words": {
            "signs": label("signs"),
            "prevention": label("prevention"),
            "call_us_if": label("call_us_if"),
            "updated": label("updated"),
            "reviewed_by": label("reviewed_by"),
            "sources": label("sources"),
            "tags": label("tags"),
            "draft": label("draft"),
            "sheet_heading": word(library, "editor_sheet_heading"),
            "sheet_picture": word(library, "editor_sheet_picture"),
            "sheet_fits": word(library, "editor_sheet_fits"),
            "sheet_too_long": word(library, "editor_sheet_too_long"),
        },
    });
    EDITOR_JS.replace("/*PAWPRINT*/", &data.to_string())
}

/// A value of the editor's YAML configuration, written in block style with every
/// text double-quoted, so that no word of a clinic's can change its meaning.
#[derive(Clone)]
enum Yaml {
    Text(String),
    Flag(bool),
    Number(usize),
    List(Vec<Yaml>),
    Map(Vec<(&'static str, Yaml)>),
}

impl Yaml {
    fn text(text: impl Into<String>) -> Yaml {
        Yaml::Text(text.into())
    }

    /// Writes the value after `key: ` (or after `- `), at `indent`.
    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Yaml::Text(text) => {
                // JSON's string is a YAML double-quoted scalar; newlines and
                // quotes come out escaped.
                out.push_str(&serde_json::Value::String(text.clone()).to_string());
                out.push('\n');
            }
            Yaml::Flag(flag) => out.push_str(if *flag { "true\n" } else { "false\n" }),
            Yaml::Number(n) => out.push_str(&format!("{n}\n")),
            Yaml::List(items) if items.is_empty() => out.push_str("[]\n"),
            Yaml::Map(entries) if entries.is_empty() => out.push_str("{}\n"),
            Yaml::List(_) | Yaml::Map(_) => {
                out.push('\n');
                self.write_block(out, indent);
            }
        }
    }

    /// Writes a list or map as lines at `indent`.
    fn write_block(&self, out: &mut String, indent: usize) {
        let pad = " ".repeat(indent);
        match self {
            Yaml::Map(entries) => {
                for (key, value) in entries {
                    out.push_str(&format!("{pad}{key}:"));
                    value.write_after_key(out, indent + 2);
                }
            }
            Yaml::List(items) => {
                for item in items {
                    out.push_str(&format!("{pad}-"));
                    match item {
                        Yaml::Map(entries) if !entries.is_empty() => {
                            // The first key on the dash's line, the others below it.
                            let mut first = true;
                            for (key, value) in entries {
                                if first {
                                    out.push_str(&format!(" {key}:"));
                                    first = false;
                                } else {
                                    out.push_str(&format!("{pad}  {key}:"));
                                }
                                value.write_after_key(out, indent + 4);
                            }
                        }
                        _ => {
                            out.push(' ');
                            item.write(out, indent + 2);
                        }
                    }
                }
            }
            _ => self.write(out, indent),
        }
    }

    fn write_after_key(&self, out: &mut String, indent: usize) {
        match self {
            Yaml::List(items) if !items.is_empty() => {
                out.push('\n');
                self.write_block(out, indent);
            }
            Yaml::Map(entries) if !entries.is_empty() => {
                out.push('\n');
                self.write_block(out, indent);
            }
            _ => {
                out.push(' ');
                self.write(out, indent);
            }
        }
    }
}

/// `config.yml`: Decap's configuration, made from the article schema and
/// site.toml. Decap's own keys are used as its documentation names them.
pub fn config(library: &Library) -> String {
    let editor = &library.config.editor;
    let languages = languages(library);
    let translated = languages.len() > 1;
    let mut top: Vec<(&'static str, Yaml)> =
        vec![("backend", backend(editor.forge.as_ref(), &editor.branch))];
    top.push((
        "media_folder",
        Yaml::text(pawprint_content::picture::FOLDER),
    ));
    top.push(("show_preview_links", Yaml::Flag(false)));
    // Decap's own words (buttons, menus) in the site's language, where it has them.
    let locale = library
        .language()
        .split('-')
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase();
    top.push(("locale", Yaml::Text(locale)));
    if translated {
        top.push((
            "i18n",
            Yaml::Map(vec![
                ("structure", Yaml::text("multiple_files")),
                (
                    "locales",
                    Yaml::List(languages.iter().map(Yaml::text).collect()),
                ),
                ("default_locale", Yaml::text(languages[0].clone())),
            ]),
        ));
    }
    let fields = article_fields(library, translated);
    let collections = collections(library)
        .into_iter()
        .map(|c| {
            let mut entries = vec![
                ("name", Yaml::Text(c.name)),
                ("label", Yaml::Text(c.title)),
                (
                    "label_singular",
                    Yaml::text(word(library, "editor_article")),
                ),
                ("folder", Yaml::Text(format!("content/{}", c.dir))),
                ("format", Yaml::text("toml-frontmatter")),
                ("extension", Yaml::text("md")),
                ("create", Yaml::Flag(true)),
                ("slug", Yaml::text("{{slug}}")),
                ("summary", Yaml::text("{{title}}")),
            ];
            if translated {
                entries.push(("i18n", Yaml::Flag(true)));
            }
            entries.push((
                "fields",
                Yaml::List(fields.iter().map(Field::yaml).collect()),
            ));
            Yaml::Map(entries)
        })
        .collect();
    top.push(("collections", Yaml::List(collections)));
    let mut out = String::from(
        "# The content editor's settings, made by pawprint build from the article\n\
         # schema and site.toml. Change site.toml's [editor] table, not this file.\n",
    );
    Yaml::Map(top).write_block(&mut out, 0);
    out
}

/// The `backend` of config.yml: the forge from `[editor]`, or else `pawprint
/// serve`'s local backend, the only one a site without a forge has.
fn backend(forge: Option<&Forge>, branch: &str) -> Yaml {
    let Some(forge) = forge else {
        return Yaml::Map(vec![
            ("name", Yaml::text("proxy")),
            ("proxy_url", Yaml::text(API)),
            ("branch", Yaml::text("main")),
        ]);
    };
    let mut entries = vec![
        ("name", Yaml::text(forge.kind.key())),
        ("repo", Yaml::text(forge.repo.clone())),
        ("branch", Yaml::text(branch)),
    ];
    let optional = [
        ("base_url", &forge.base_url),
        ("auth_endpoint", &forge.auth_endpoint),
        ("api_root", &forge.api_root),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            entries.push((key, Yaml::text(value.clone())));
        }
    }
    if forge.kind == ForgeKind::GitLab {
        entries.push(("auth_type", Yaml::text("pkce")));
        if let Some(id) = &forge.app_id {
            entries.push(("app_id", Yaml::text(id.clone())));
        }
    }
    Yaml::Map(entries)
}

/// One input of the editor's form.
struct Field {
    entries: Vec<(&'static str, Yaml)>,
}

impl Field {
    /// A field named `name`, its label and help from the words `editor_field_<key>`
    /// and `editor_hint_<key>`.
    fn new(library: &Library, name: &'static str, key: &str, widget: &str) -> Field {
        let mut entries = vec![
            ("name", Yaml::text(name)),
            (
                "label",
                Yaml::text(word(library, &format!("editor_field_{key}"))),
            ),
            ("widget", Yaml::text(widget)),
        ];
        let hint = word(library, &format!("editor_hint_{key}"));
        if !hint.is_empty() {
            entries.push(("hint", Yaml::Text(hint)));
        }
        Field { entries }
    }

    fn with(mut self, key: &'static str, value: Yaml) -> Field {
        self.entries.push((key, value));
        self
    }

    fn optional(self) -> Field {
        self.with("required", Yaml::Flag(false))
    }

    /// How the field is kept in a translation: `true` (its own words in each
    /// language) or `duplicate` (the same in every language).
    fn i18n(self, translated: bool, duplicate: bool) -> Field {
        match (translated, duplicate) {
            (false, _) => self,
            (true, false) => self.with("i18n", Yaml::Flag(true)),
            (true, true) => self.with("i18n", Yaml::text("duplicate")),
        }
    }

    fn yaml(&self) -> Yaml {
        Yaml::Map(
            self.entries
                .iter()
                .map(|(key, value)| (*key, value.clone()))
                .collect(),
        )
    }
}

/// A list of lines of text, each item a `string` input named `item` labelled
/// with the word `editor_field_<item_key>`.
fn text_list(library: &Library, name: &'static str, item: &'static str, item_key: &str) -> Field {
    let mut inner = Field::new(library, item, item_key, "string");
    // The item's own help would repeat the list's.
    inner.entries.retain(|(key, _)| *key != "hint");
    // Each item's input shown open, not folded under its label.
    Field::new(library, name, name, "list")
        .with("collapsed", Yaml::Flag(false))
        .with("field", inner.yaml())
}

/// Every front-matter field of an article, in the order pawprint writes them
/// (`slug` and `translation_of` aside: the editor keeps them as they are).
fn article_fields(library: &Library, translated: bool) -> Vec<Field> {
    let species: Vec<Yaml> = library
        .locale
        .species
        .iter()
        .map(|(key, name)| {
            Yaml::Map(vec![
                ("label", Yaml::text(name.clone())),
                ("value", Yaml::text(key.clone())),
            ])
        })
        .collect();
    let too_long = word(library, "editor_too_long").replace("{count}", &SIGN_CHARS.to_string());
    let sign_pattern = Yaml::List(vec![
        Yaml::Text(format!("^.{{1,{SIGN_CHARS}}}$")),
        Yaml::Text(too_long),
    ]);
    let mut signs = text_list(library, "signs", "sign", "sign")
        .with("min", Yaml::Number(SIGNS_MIN))
        .with("max", Yaml::Number(SIGNS_MAX));
    for (key, value) in signs.entries.iter_mut() {
        match *key {
            "hint" => {
                if let Yaml::Text(hint) = value {
                    *hint = hint
                        .replace("{min}", &SIGNS_MIN.to_string())
                        .replace("{max}", &SIGNS_MAX.to_string());
                }
            }
            "field" => {
                if let Yaml::Map(inner) = value {
                    inner.push(("pattern", sign_pattern.clone()));
                }
            }
            _ => {}
        }
    }
    let handout = [
        Field::new(library, "intro", "intro", "text").i18n(translated, false),
        signs.i18n(translated, false),
        text_list(library, "prevention", "item", "tip")
            .with("min", Yaml::Number(1))
            .i18n(translated, false),
        text_list(library, "call_us_if", "item", "danger_sign")
            .with("min", Yaml::Number(1))
            .i18n(translated, false),
        text_list(library, "fill_in", "item", "blank")
            .optional()
            .i18n(translated, false),
        Field::new(library, "picture", "picture", "string")
            .optional()
            .i18n(translated, true),
        Field::new(library, "picture_alt", "picture_alt", "string")
            .optional()
            .i18n(translated, false),
    ];
    let url = Field::new(library, "url", "source_url", "string").with(
        "pattern",
        Yaml::List(vec![
            Yaml::text("^https?://"),
            Yaml::text(word(library, "editor_bad_address")),
        ]),
    );
    let source_title = {
        let mut title = Field::new(library, "title", "source_title", "string");
        title.entries.retain(|(key, _)| *key != "hint");
        title
    };
    vec![
        Field::new(library, "title", "title", "string").i18n(translated, false),
        Field::new(library, "summary", "summary", "text").i18n(translated, false),
        Field::new(library, "species", "species", "select")
            .with("multiple", Yaml::Flag(true))
            .with("min", Yaml::Number(1))
            .with("options", Yaml::List(species))
            .i18n(translated, true),
        Field::new(library, "updated", "updated", "datetime")
            .with("format", Yaml::text("YYYY-MM-DD"))
            .with("date_format", Yaml::text("YYYY-MM-DD"))
            .with("time_format", Yaml::Flag(false))
            // A new article gets today's date.
            .with("default", Yaml::text("{{now}}"))
            .i18n(translated, false),
        Field::new(library, "reviewed_by", "reviewed_by", "string")
            .optional()
            .i18n(translated, false),
        text_list(library, "tags", "tag", "tag")
            .optional()
            .i18n(translated, false),
        Field::new(library, "sources", "sources", "list")
            .optional()
            .with("fields", Yaml::List(vec![source_title.yaml(), url.yaml()]))
            .i18n(translated, false),
        Field::new(library, "handout", "handout", "object")
            .with(
                "fields",
                Yaml::List(handout.iter().map(Field::yaml).collect()),
            )
            .i18n(translated, false),
        // New articles start as drafts, as `pawprint new` makes them.
        Field::new(library, "draft", "draft", "boolean")
            .optional()
            .with("default", Yaml::Flag(true))
            .i18n(translated, false),
        Field::new(library, "body", "body", "markdown").i18n(translated, false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_script_unpacks_without_its_source_map() {
        let script = decap_script();
        assert!(script.len() > 5_000_000, "{}", script.len());
        assert!(
            script
                .starts_with(b"/*! For license information please see decap-cms.js.LICENSE.txt */")
        );
        let text = std::str::from_utf8(script).unwrap();
        assert!(!text.contains("sourceMappingURL"));
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn a_theme_without_the_editor_words_gets_the_english_ones() {
        assert_eq!(fallback_word("editor_title"), "Edit the articles");
        assert_eq!(fallback_word("editor_no_such_word"), "");
    }

    #[test]
    fn yaml_texts_are_quoted_and_blocks_indented() {
        let mut out = String::new();
        Yaml::Map(vec![
            ("a", Yaml::text("x: \"y\"\n# z")),
            ("b", Yaml::List(vec![Yaml::text("one"), Yaml::Number(2)])),
            (
                "c",
                Yaml::List(vec![Yaml::Map(vec![
                    ("name", Yaml::text("n")),
                    ("field", Yaml::Map(vec![("k", Yaml::Flag(true))])),
                ])]),
            ),
            ("d", Yaml::List(vec![])),
        ])
        .write_block(&mut out, 0);
        assert_eq!(
            out,
            "a: \"x: \\\"y\\\"\\n# z\"\nb:\n  - \"one\"\n  - 2\nc:\n  - name: \"n\"\n    field:\n      k: true\nd: []\n"
        );
    }
}
