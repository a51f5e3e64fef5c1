//! `site.toml`: the site, the clinic, the handout papers and the plain-language limits.

use std::path::Path;

use crate::fields::{Fields, Need, parse_document};
pub use crate::language::LabelOverride;
use crate::language::{self, LanguageSettings};
use crate::location::{self, Location};
use crate::paper::Paper;
use pawprint_text::address;
use pawprint_text::phone;
use pawprint_text::problem::{Code, Problem};
use pawprint_text::source_map::SourceFile;
use pawprint_text::text::{count_line_ends, unix_line_ends};

/// The name of the configuration file at the project root.
pub const FILE_NAME: &str = "site.toml";

/// Everything `site.toml` holds.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteConfig {
    /// The `[site]` table.
    pub site: SiteSettings,
    /// The `[clinic]` table.
    pub clinic: Clinic,
    /// The `[handout]` table.
    pub handout: HandoutSettings,
    /// The `[check]` table.
    pub check: CheckSettings,
    /// The `[brand]` table: the clinic's colour.
    pub brand: BrandSettings,
    /// The `[labels]` table: words that replace single words of the theme's words file.
    pub labels: Vec<LabelOverride>,
    /// The further languages, `[languages.<code>]`, sorted by code; empty for a
    /// site in one language.
    pub languages: Vec<LanguageSettings>,
    /// The `[search]` table.
    pub search: SearchSettings,
    /// The `[publish]` table: what the build writes for the web host.
    pub publish: PublishSettings,
    /// The `[editor]` table: the content editor in the browser.
    pub editor: EditorSettings,
}

/// The content editor in the browser, from `[editor]`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EditorSettings {
    /// Write the editor under `/admin/` of the site, and let `serve` save what
    /// it edits into the project (off by default).
    pub enabled: bool,
    /// The forge the published editor saves to (`backend = "github"` or
    /// `"gitlab"`). Without one, the editor saves only through `pawprint serve`
    /// on the clinic's own computer.
    pub forge: Option<Forge>,
    /// The branch the editor reads and saves (`branch`, `main` when not set).
    pub branch: String,
}

impl Default for EditorSettings {
    fn default() -> Self {
        EditorSettings {
            enabled: false,
            forge: None,
            branch: "main".to_string(),
        }
    }
}

/// Where the published editor keeps the project: a repository on a forge, and
/// how a person logs in to it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Forge {
    /// GitHub or GitLab.
    pub kind: ForgeKind,
    /// The repository, such as `clinic/pet-advice` (`repo`).
    pub repo: String,
    /// The address of the login helper (`base_url`): on GitHub, the OAuth
    /// helper that hands the editor its key (Netlify's when not set); on
    /// GitLab, the GitLab server when it is not gitlab.com.
    pub base_url: Option<String>,
    /// The helper's login path, when it is not `auth` (`auth_endpoint`).
    pub auth_endpoint: Option<String>,
    /// The forge's API address, for a forge on the clinic's own server (`api_root`).
    pub api_root: Option<String>,
    /// GitLab only: the id of the OAuth application made for the editor
    /// (`app_id`), which logs in with PKCE, with no helper of its own.
    pub app_id: Option<String>,
}

/// The forges the editor can save to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ForgeKind {
    /// github.com (or GitHub Enterprise, with `api_root`).
    GitHub,
    /// gitlab.com, or a GitLab server of the clinic's own.
    GitLab,
}

impl ForgeKind {
    /// The name site.toml and the editor's configuration use: `github` or `gitlab`.
    pub fn key(self) -> &'static str {
        match self {
            ForgeKind::GitHub => "github",
            ForgeKind::GitLab => "gitlab",
        }
    }
}

/// What the build writes for the web host, from `[publish]`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PublishSettings {
    /// Write `_headers` (read by Netlify and Cloudflare Pages) with the pages'
    /// script policy and the other safety headers (the default).
    pub headers: bool,
}

impl Default for PublishSettings {
    fn default() -> Self {
        PublishSettings { headers: true }
    }
}

/// True when this pawprint was built with the site search (the `search` feature,
/// on by default). Without it, a site that asks for the search has none, and a
/// warning says so ([`SiteConfig::search_warning`]).
pub(crate) const SEARCH_BUILT_IN: bool = cfg!(feature = "search");

/// The site search, from `[search]`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchSettings {
    /// Make a search index and show the search box (the default). A clinic can
    /// turn it off, for a site of a few articles, or to spare a very large
    /// library the index's build time and memory. Always false in a pawprint
    /// built without search ([`SEARCH_BUILT_IN`]).
    pub enabled: bool,
    /// site.toml asks for the search, but this pawprint was built without it, so
    /// `enabled` is false: `Some` with the line of `[search]`'s `enabled`, if
    /// site.toml has one.
    #[serde(skip)]
    pub not_built: Option<Option<usize>>,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings {
            enabled: true,
            not_built: None,
        }
    }
}

/// The clinic's look on screen, from `[brand]`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct BrandSettings {
    /// The main colour as written, such as `#0b5c5d`; checked for contrast at load.
    pub color: Option<String>,
    /// The line and column of `color` in site.toml, for messages about it.
    #[serde(skip)]
    pub color_place: (usize, usize),
    /// Where `color`'s value is written in site.toml, to show it in messages.
    #[serde(skip)]
    pub color_span: Option<pawprint_text::problem::Span>,
}

/// The website as a whole.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteSettings {
    /// The site's name, shown in the header and the browser tab.
    pub title: String,
    /// The absolute address the site is published at, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url` (`/` for a site at the root of its domain).
    pub base_path: String,
    /// The language of the content, as a BCP 47 tag such as `en` or `es-MX`.
    pub language: String,
    /// The line of site.toml that names [`SiteSettings::language`]: its
    /// `language = ...`, or for a further language its `[languages.<code>]`.
    #[serde(skip)]
    pub language_line: usize,
    /// What the site is about, for search engines; the words file's
    /// `home_description` when not set.
    pub description: Option<String>,
    /// The folder name of the theme under `themes/`.
    pub theme: String,
    /// The two-letter country phone numbers are read in, such as `US` (the default).
    pub country: String,
}

/// The clinic whose site and handouts these are.
///
/// Its contacts (phone, email, address, hours) are those of its locations: a
/// clinic that lists none has its own as its one location.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Clinic {
    /// The clinic's name.
    pub name: String,
    /// The clinic's main website.
    pub website: String,
    /// Every location, never empty: the `[[clinic.locations]]` list, or the clinic's
    /// own contacts as one location when there is no list.
    #[serde(skip)]
    pub locations: Vec<Location>,
    /// True when site.toml lists `[[clinic.locations]]`: each gets a page.
    pub listed_locations: bool,
    /// A PNG or JPEG logo, looked up in the theme's `static/` folder and then the
    /// project root.
    pub logo: Option<String>,
    /// Where `logo` is written in site.toml, for messages about the file.
    #[serde(skip)]
    pub logo_span: Option<pawprint_text::source_map::Span>,
}

/// Which handouts to make.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HandoutSettings {
    /// The paper sizes; one PDF per article per paper.
    pub papers: Vec<Paper>,
}

/// The limits `pawprint check` warns above.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckSettings {
    /// Highest Flesch-Kincaid grade for an article body.
    pub max_grade_article: f64,
    /// Highest Flesch-Kincaid grade for a handout's text.
    pub max_grade_handout: f64,
    /// The limits of each `[check.<language>]` table, by the tag as written there
    /// (such as `es`). A language without a table gets its formula's defaults.
    pub languages: std::collections::BTreeMap<String, Limits>,
}

/// The reading-level formulas pawprint knows, each made for one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Formula {
    /// Flesch-Kincaid grade, for English: a US school grade, lower is easier.
    FleschKincaid,
    /// Szigriszt-Pazos perspicuity (INFLESZ), for Spanish: 0 to 100, higher is easier.
    SzigrisztPazos,
}

impl Formula {
    /// The formula made for a language tag: `en` and `en-*` get Flesch-Kincaid,
    /// `es` and `es-*` get Szigriszt-Pazos, and any other language none.
    pub fn for_language(tag: &str) -> Option<Formula> {
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Formula::FleschKincaid),
            "es" => Some(Formula::SzigrisztPazos),
            _ => None,
        }
    }

    /// The formula's name, as messages show it.
    pub fn name(self) -> &'static str {
        match self {
            Formula::FleschKincaid => "Flesch-Kincaid grade",
            Formula::SzigrisztPazos => "Szigriszt-Pazos",
        }
    }

    /// True when a higher result reads more easily (a score), false when lower does
    /// (a grade).
    pub fn higher_is_easier(self) -> bool {
        self == Formula::SzigrisztPazos
    }

    /// The keys of site.toml that set this formula's limits: for the article body,
    /// then for the handout.
    pub(crate) fn limit_keys(self) -> [&'static str; 2] {
        match self {
            Formula::FleschKincaid => ["max_grade_article", "max_grade_handout"],
            Formula::SzigrisztPazos => ["min_score_article", "min_score_handout"],
        }
    }

    /// The limits when site.toml sets none.
    pub(crate) fn default_limits(self) -> Limits {
        match self {
            Formula::FleschKincaid => Limits {
                article: 8.0,
                handout: 7.0,
            },
            // INFLESZ "bastante fácil" starts at 65.
            Formula::SzigrisztPazos => Limits {
                article: 65.0,
                handout: 65.0,
            },
        }
    }
}

/// The reading-level limits of one formula: the highest grade, or the lowest score.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Limits {
    /// The limit for an article body.
    pub article: f64,
    /// The limit for a handout's text.
    pub handout: f64,
}

impl CheckSettings {
    /// The formula for a language and its limits: from `[check.<tag>]`, else from
    /// the table of its main language (`[check.es]` for `es-MX`), else the
    /// formula's defaults (for Flesch-Kincaid, `max_grade_article` and
    /// `max_grade_handout` of `[check]`). `None` when pawprint has no formula for
    /// the language.
    pub fn limits(&self, language: &str) -> Option<(Formula, Limits)> {
        let formula = Formula::for_language(language)?;
        let primary = language.split('-').next().unwrap_or("");
        let own = |tag: &str| {
            self.languages
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(tag))
                .map(|(_, limits)| *limits)
        };
        let limits = own(language)
            .or_else(|| own(primary))
            .unwrap_or(match formula {
                Formula::FleschKincaid => Limits {
                    article: self.max_grade_article,
                    handout: self.max_grade_handout,
                },
                Formula::SzigrisztPazos => formula.default_limits(),
            });
        Some((formula, limits))
    }
}

const TOP_KEYS: &[&str] = &[
    "site",
    "clinic",
    "handout",
    "check",
    "brand",
    "labels",
    "languages",
    "search",
    "publish",
    "editor",
];
const SITE_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "country",
    "description",
];
const CLINIC_KEYS: &[&str] = &[
    "name",
    "phone",
    "email",
    "address",
    "website",
    "hours",
    "emergency_phone",
    "logo",
    "locations",
];
/// The clinic's own contacts, which move into each location when there is a list.
const CONTACT_KEYS: &[&str] = &["phone", "emergency_phone", "email", "address", "hours"];
const HANDOUT_KEYS: &[&str] = &["papers"];
const CHECK_KEYS: &[&str] = &["max_grade_article", "max_grade_handout"];
const SCORE_KEYS: &[&str] = &["min_score_article", "min_score_handout"];
const BRAND_KEYS: &[&str] = &["color"];
const SEARCH_KEYS: &[&str] = &["enabled"];
const PUBLISH_KEYS: &[&str] = &["headers"];
const EDITOR_KEYS: &[&str] = &[
    "enabled",
    "backend",
    "repo",
    "branch",
    "base_url",
    "auth_endpoint",
    "api_root",
    "app_id",
];
/// The `[editor]` keys that only mean something with a `backend`.
const FORGE_KEYS: &[&str] = &["repo", "base_url", "auth_endpoint", "api_root", "app_id"];

/// Reads `site.toml` from the project root, reporting every problem in it.
pub fn load(root: &Path) -> Result<SiteConfig, Vec<Problem>> {
    let path = root.join(FILE_NAME);
    let bytes = std::fs::read(&path).map_err(|e| {
        vec![
            Problem::error(FILE_NAME, format!("cannot read {FILE_NAME}: {e}"))
                .code(Code::IoRead)
                .help(format!(
                    "run pawprint in a project folder (one with {FILE_NAME}), or pass --root DIR; \
                 looked in {}",
                    root.display()
                )),
        ]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![
            Problem::error(FILE_NAME, "the file is not valid UTF-8 text")
                .code(Code::IoNotUtf8)
                .at_line(1 + count_line_ends(&e.as_bytes()[..e.utf8_error().valid_up_to()]))
                .help("save it again as UTF-8 in your editor"),
        ]
    })?;
    parse(&SourceFile::new(FILE_NAME, unix_line_ends(text)))
}

/// Reads `site.toml` (see [`load`]) and, when `base_url` is given, puts it in
/// place of `[site] base_url` for this one build, as `build --base-url` does: a
/// host's preview of a change then has working links, sitemap, feeds and QR codes.
/// The address is checked as site.toml's is.
pub fn load_with_base_url(root: &Path, base_url: Option<&str>) -> Result<SiteConfig, Vec<Problem>> {
    let mut config = load(root)?;
    if let Some(url) = base_url {
        let url = url.trim();
        let checked = address::check(url, address::WEB)
            .and_then(|()| base_url_parts(url).map_err(str::to_string));
        match checked {
            Ok((base_url, base_path)) => {
                config.site.base_url = base_url;
                config.site.base_path = base_path;
            }
            Err(why) => {
                return Err(vec![
                    Problem::error("--base-url", format!("the address \"{url}\" given with --base-url {why}"))
                        .code(Code::SiteTomlBadAddress)
                        .help("write the full address, such as --base-url https://preview.example-clinic.com/"),
                ]);
            }
        }
    }
    Ok(config)
}

/// Reads the text of a `site.toml`.
pub fn parse(file: &SourceFile) -> Result<SiteConfig, Vec<Problem>> {
    let mut problems = Vec::new();
    let Some(table) = parse_document(file, 0..file.text.len(), &mut problems) else {
        return Err(problems);
    };
    let top = Fields::new(file, 0, &table, TOP_KEYS);
    let p = &mut problems;

    let site = top.table("site", Need::Required, SITE_KEYS, p);
    let site = site.and_then(|f| {
        let title = f.text("title", Need::Required, p);
        let description = f.text("description", Need::Optional, p);
        let base_url = f.address("base_url", Need::Required, address::WEB, p);
        let language = f.text("language", Need::Required, p);
        let theme = f.text("theme", Need::Required, p);
        let country = f
            .text("country", Need::Optional, p)
            .unwrap_or_else(|| "US".to_string());
        if phone::country_id(&country).is_none() {
            p.push(
                f.problem_at_key(
                    "country",
                    Code::SiteTomlBadCountry,
                    format!("`site.country` \"{country}\" is not a country code"),
                )
                .help("use the two-letter code of your country, such as \"US\", \"CA\" or \"GB\""),
            );
        }
        let mut base = None;
        if let Some(url) = &base_url {
            match base_url_parts(url) {
                Ok(parts) => base = Some(parts),
                Err(why) => p.push(
                    f.problem_at_key(
                        "base_url",
                        Code::SiteTomlBadAddress,
                        format!("`site.base_url` {why}"),
                    )
                    .help("write the full address, such as \"https://pets.example-clinic.com/\""),
                ),
            }
        }
        if let Some(language) = &language
            && !is_language_tag(language)
        {
            p.push(
                f.problem_at_key(
                    "language",
                    Code::SiteTomlBadLanguage,
                    format!("`site.language` \"{language}\" is not a language tag"),
                )
                .help("use a BCP 47 tag such as \"en\", \"es\" or \"fr-CA\""),
            );
        }
        if let Some(theme) = &theme
            && !is_plain_name(theme)
        {
            p.push(
                f.problem_at_key(
                    "theme",
                    Code::SiteTomlBadThemeName,
                    format!("`site.theme` \"{theme}\" is not a folder name"),
                )
                .help("name a folder under themes/, such as \"default\""),
            );
        }
        f.finish(p);
        let (base_url, base_path) = base?;
        Some(SiteSettings {
            title: title?,
            base_url,
            base_path,
            language: language.filter(|l| is_language_tag(l))?,
            language_line: f.place("language").map_or(1, |(line, _)| line),
            description,
            theme: theme.filter(|t| is_plain_name(t))?,
            country: country.trim().to_ascii_uppercase(),
        })
    });
    let region = site
        .as_ref()
        .and_then(|s| phone::country_id(&s.country))
        .unwrap_or(phonenumber::country::Id::US);

    let clinic = top.table("clinic", Need::Required, CLINIC_KEYS, p);
    let clinic = clinic.and_then(|f| {
        let name = f.text("name", Need::Required, p).unwrap_or_default();
        let website = f
            .address("website", Need::Required, address::WEB, p)
            .unwrap_or_default();
        let logo = f.file_path("logo", Need::Optional, p);
        let listed = f.has("locations");
        let locations = if listed {
            for key in CONTACT_KEYS.iter().filter(|k| f.has(k)) {
                p.push(
                    f.problem_at_key(
                        key, Code::LocationContactsTwice,
                        format!("`clinic.{key}` is set, and so is [[clinic.locations]]"),
                    )
                    .help(format!(
                        "move {key} into each [[clinic.locations]] entry, and remove it from [clinic]"
                    )),
                );
            }
            let locations = location::read_list(&f, region, p);
            if locations.is_empty() && p.is_empty() {
                p.push(
                    f.problem_at_key("locations", Code::LocationNone, "`clinic.locations` is empty".to_string())
                        .help("add a [[clinic.locations]] entry, or remove `locations`"),
                );
            }
            locations
        } else {
            let phone = f.phone("phone", Need::Required, region, p);
            let own = Location {
                id: None,
                name: name.clone(),
                emergency_phone: f.phone("emergency_phone", Need::Optional, region, p),
                email: f.email("email", Need::Required, p).unwrap_or_default(),
                address: f.text("address", Need::Required, p).unwrap_or_default(),
                hours: f
                    .text_list("hours", Need::Required, 1..usize::MAX, p)
                    .unwrap_or_default(),
                phone: phone.unwrap_or_else(|| phone::Phone {
                    typed: String::new(),
                    national: String::new(),
                    e164: String::new(),
                    href: String::new(),
                }),
            };
            vec![own]
        };
        f.finish(p);
        locations.first()?;
        Some(Clinic {
            name,
            website,
            locations,
            listed_locations: listed,
            logo,
            logo_span: f.span_of("logo"),
        })
    });

    let mut papers = vec![Paper::Letter, Paper::A4];
    if let Some(f) = top.table("handout", Need::Optional, HANDOUT_KEYS, p) {
        if let Some(names) = f.text_list("papers", Need::Optional, 0..usize::MAX, p) {
            papers.clear();
            for (index, name) in names.into_iter().enumerate() {
                match Paper::from_key(&name.to_lowercase()) {
                    Some(paper) if !papers.contains(&paper) => papers.push(paper),
                    Some(_) => {}
                    None => p.push(
                        Problem::error(file.path(), format!("unknown paper \"{name}\""))
                            .code(Code::SiteTomlUnknownPaper)
                            .at_span(f.span_of_item("papers", index).unwrap_or_else(|| file.span(0..0)))
                            .help(
                                "use \"letter\" or \"a4\", and \"letter-large\" or \"a4-large\" for large print",
                            ),
                    ),
                }
            }
        }
        f.finish(p);
    }

    let defaults = Formula::FleschKincaid.default_limits();
    let mut check = CheckSettings {
        max_grade_article: defaults.article,
        max_grade_handout: defaults.handout,
        languages: std::collections::BTreeMap::new(),
    };
    if let Some(f) = top.table("check", Need::Optional, CHECK_KEYS, p) {
        if let Some(grade) = f.number("max_grade_article", p) {
            check.max_grade_article = grade;
        }
        if let Some(grade) = f.number("max_grade_handout", p) {
            check.max_grade_handout = grade;
        }
        let mut tags = Vec::new();
        for key in f.keys() {
            if CHECK_KEYS.contains(&key.as_str()) {
                continue;
            }
            if !(f.holds_table(&key) && is_language_tag(&key)) {
                if SCORE_KEYS.contains(&key.as_str()) {
                    p.push(
                        f.problem_at_key(
                            &key,
                            Code::CheckSettingsNeedsLanguage,
                            format!("`check.{key}` needs a language"),
                        )
                        .help(format!(
                            "Szigriszt-Pazos scores are set per language: put it under [check.es]\n  {key} = 65"
                        )),
                    );
                    tags.push(key);
                }
                // Anything else is reported as an unknown key by `finish` below.
                continue;
            }
            if let Some(limits) = read_language_limits(&f, &key, p) {
                check.languages.insert(key.clone(), limits);
            }
            tags.push(key);
        }
        f.finish_allowing(&tags, p);
    }
    let mut brand = BrandSettings::default();
    if let Some(f) = top.table("brand", Need::Optional, BRAND_KEYS, p) {
        brand.color = f.text("color", Need::Required, p);
        brand.color_place = f.place("color").unwrap_or((1, 1));
        brand.color_span = f.span_of("color");
        f.finish(p);
    }
    let mut labels = Vec::new();
    if let Some(f) = top.table("labels", Need::Optional, &[], p) {
        for (key, text) in f.text_map(p) {
            let place = f.place(&key).unwrap_or((1, 1));
            labels.push(LabelOverride { key, text, place });
        }
    }
    let mut search = SearchSettings::default();
    let mut search_line = None;
    if let Some(f) = top.table("search", Need::Optional, SEARCH_KEYS, p) {
        search.enabled = f.flag_or("enabled", true, p);
        search_line = f.place("enabled").map(|(line, _)| line);
        f.finish(p);
    }
    if search.enabled && !SEARCH_BUILT_IN {
        // The same path as `enabled = false`: no index, no box, no script for
        // it; and a warning, so that the site is never silently without search.
        search.enabled = false;
        search.not_built = Some(search_line);
    }
    let mut publish = PublishSettings::default();
    if let Some(f) = top.table("publish", Need::Optional, PUBLISH_KEYS, p) {
        publish.headers = f.flag_or("headers", true, p);
        f.finish(p);
    }
    let mut editor = EditorSettings::default();
    if let Some(f) = top.table("editor", Need::Optional, EDITOR_KEYS, p) {
        editor.enabled = f.flag_or("enabled", false, p);
        if let Some(branch) = f.text("branch", Need::Optional, p) {
            match is_branch_name(&branch) {
                true => editor.branch = branch,
                false => p.push(
                    f.problem_at_key(
                        "branch",
                        Code::SettingsBadValue,
                        format!("`editor.branch` \"{branch}\" is not a branch name"),
                    )
                    .help(
                        "write the branch's name as the forge shows it, such as branch = \"main\"",
                    ),
                ),
            }
        }
        editor.forge = read_forge(&f, p);
        f.finish(p);
    }
    let languages = language::read(&top, site.as_ref().map(|s| s.language.as_str()), p);
    top.finish(p);

    match (site, clinic) {
        (Some(site), Some(clinic)) if problems.is_empty() => Ok(SiteConfig {
            site,
            clinic,
            handout: HandoutSettings { papers },
            check,
            brand,
            labels,
            languages,
            search,
            publish,
            editor,
        }),
        _ => Err(problems),
    }
}

/// Reads the forge of `[editor]`: `backend` and the keys that go with it. A key
/// that needs a backend, without one, is an error at that key.
fn read_forge(f: &Fields<'_, '_>, p: &mut Vec<Problem>) -> Option<Forge> {
    let Some(name) = f.text("backend", Need::Optional, p) else {
        for key in FORGE_KEYS.iter().filter(|key| f.has(key)) {
            p.push(
                f.problem_at_key(
                    key,
                    Code::SettingsBadValue,
                    format!("`editor.{key}` is set, but there is no `backend`"),
                )
                .help(format!(
                    "add backend = \"github\" or backend = \"gitlab\" under [editor], or remove {key}"
                )),
            );
        }
        return None;
    };
    let kind = match name.as_str() {
        "github" => ForgeKind::GitHub,
        "gitlab" => ForgeKind::GitLab,
        _ => {
            p.push(
                f.problem_at_key(
                    "backend",
                    Code::SettingsBadValue,
                    format!("`editor.backend` \"{name}\" is not a forge the editor knows"),
                )
                .help(
                    "write backend = \"github\" or backend = \"gitlab\"; without backend, the editor saves only through pawprint serve",
                ),
            );
            return None;
        }
    };
    let repo = f.text("repo", Need::Required, p);
    if let Some(repo) = &repo
        && !is_repo_name(repo)
    {
        p.push(
            f.problem_at_key(
                "repo",
                Code::SettingsBadValue,
                format!("`editor.repo` \"{repo}\" is not a repository's name"),
            )
            .help("write the owner and the name, as in the repository's address, such as repo = \"clinic/pet-advice\""),
        );
    }
    let base_url = f.address("base_url", Need::Optional, address::WEB, p);
    let api_root = f.address("api_root", Need::Optional, address::WEB, p);
    let auth_endpoint = f.text("auth_endpoint", Need::Optional, p);
    let app_id = match kind {
        ForgeKind::GitLab => f.text("app_id", Need::Required, p),
        ForgeKind::GitHub => {
            if f.has("app_id") {
                p.push(
                    f.problem_at_key(
                        "app_id",
                        Code::SettingsBadValue,
                        "`editor.app_id` is only for backend = \"gitlab\"".to_string(),
                    )
                    .help("remove app_id; on GitHub, base_url names the login helper"),
                );
            }
            None
        }
    };
    Some(Forge {
        kind,
        repo: repo.filter(|repo| is_repo_name(repo))?,
        base_url,
        auth_endpoint,
        api_root,
        app_id,
    })
}

/// A repository's name as forges write it: owner (and on GitLab, groups) and
/// name, such as `clinic/pet-advice`.
fn is_repo_name(repo: &str) -> bool {
    let parts: Vec<&str> = repo.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

/// A branch name such as `main` or `site/edits`: no spaces, nothing git refuses.
fn is_branch_name(branch: &str) -> bool {
    !branch.is_empty()
        && !branch.starts_with(['-', '/', '.'])
        && !branch.ends_with(['/', '.'])
        && !branch.contains("..")
        && branch
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

/// Reads one `[check.<tag>]` table: the limits of that language's formula. Keys of
/// the other formula, and a table for a language with no formula, are errors.
fn read_language_limits(check: &Fields<'_, '_>, tag: &str, p: &mut Vec<Problem>) -> Option<Limits> {
    let Some(formula) = Formula::for_language(tag) else {
        p.push(
            check
                .problem_at_key(
                    tag,
                    Code::CheckSettingsNoFormula,
                    format!("`[check.{tag}]`: pawprint has no reading-level formula for the language \"{tag}\""),
                )
                .help(
                    "pawprint grades English (Flesch-Kincaid) and Spanish (Szigriszt-Pazos) only; remove this table",
                ),
        );
        return None;
    };
    let keys = formula.limit_keys();
    let known = match formula {
        Formula::FleschKincaid => CHECK_KEYS,
        Formula::SzigrisztPazos => SCORE_KEYS,
    };
    let f = check.table(tag, Need::Optional, known, p)?;
    let mut limits = formula.default_limits();
    if let Some(value) = f.number(keys[0], p) {
        limits.article = value;
    }
    if let Some(value) = f.number(keys[1], p) {
        limits.handout = value;
    }
    let mut wrong_kind = Vec::new();
    for key in f.keys() {
        if CHECK_KEYS.contains(&key.as_str()) || SCORE_KEYS.contains(&key.as_str()) {
            if keys.contains(&key.as_str()) {
                continue;
            }
            let kind = if formula.higher_is_easier() {
                "a score (higher reads more easily), so it takes a lowest score"
            } else {
                "a grade (lower reads more easily), so it takes a highest grade"
            };
            p.push(
                f.problem_at_key(
                    &key,
                    Code::CheckSettingsWrongFormula,
                    format!(
                        "`check.{tag}.{key}` does not fit the formula for \"{tag}\", which is {}",
                        formula.name()
                    ),
                )
                .help(format!(
                    "{} is {kind}: write {} and {}",
                    formula.name(),
                    keys[0],
                    keys[1]
                )),
            );
            wrong_kind.push(key);
        }
    }
    f.finish_allowing(&wrong_kind, p);
    Some(limits)
}

/// Checks an absolute http(s) address and splits off its path. Returns the address
/// ending in `/` and the path (also ending in `/`).
pub fn base_url_parts(url: &str) -> Result<(String, String), &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("must start with https:// or http://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err("has no host name after the scheme");
    }
    if url.contains(['?', '#', ' ', '"', '<', '>', '\\']) {
        return Err("must not hold spaces, quotes, backslashes, a query (?) or a fragment (#)");
    }
    if host.contains('@') {
        return Err("must not hold a user name or password (the part before @)");
    }
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    {
        return Err("has a host name with letters a web address cannot hold");
    }
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let plain = segment.to_ascii_lowercase().replace("%2e", ".");
        if (segment.is_empty() && !last) || plain == "." || plain == ".." {
            return Err(
                "has an empty part (//), or a . or .. part, in its path, which would send every link to another address",
            );
        }
    }
    let mut base_path = format!("/{path}");
    if !base_path.ends_with('/') {
        base_path.push('/');
    }
    let base_url = format!(
        "{}://{host}{base_path}",
        &url[..url.find("://").unwrap_or(0)]
    );
    Ok((base_url, base_path))
}

/// A simple BCP 47 check: a 2–3 letter language, then subtags of 1–8 letters or digits.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A single folder name: letters, digits, `-` and `_`, not starting with a dot.
pub(crate) fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Clinic {
    /// The first location: the one whose contacts the pages show when the clinic
    /// has one, and the one a sheet is laid out for when only one is asked for.
    pub fn first_location(&self) -> &Location {
        // Never empty: load makes a clinic with no location an error.
        &self.locations[0]
    }

    /// Whether the clinic has several locations: then each has its own sheets
    /// (the location's id in their names), its name on them, and its own group of
    /// links on the pages. A clinic that lists one location has one.
    pub fn several_locations(&self) -> bool {
        self.locations.len() > 1
    }

    /// The id that names `location`'s sheets: `None` when the clinic has one
    /// location, whose sheets need no name of their own.
    pub fn sheet_id<'l>(&self, location: &'l Location) -> Option<&'l str> {
        location.id.as_deref().filter(|_| self.several_locations())
    }
}

impl SiteConfig {
    /// The site's settings as the further language `language` shows them: its title, description and
    /// language, and the clinic's words in this language where site.toml gives
    /// them. Everything else (addresses, phones, papers) is the same.
    pub fn in_language(&self, language: &LanguageSettings) -> SiteConfig {
        let mut config = self.clone();
        config.site.title = language.title.clone();
        config.site.description = language.description.clone();
        config.site.language = language.code.clone();
        config.site.language_line = language.line;
        if let Some(name) = &language.clinic_name {
            config.clinic.name = name.clone();
        }
        let listed = config.clinic.listed_locations;
        for location in &mut config.clinic.locations {
            if !listed {
                if let Some(name) = &language.clinic_name {
                    location.name = name.clone();
                }
                if let Some(hours) = &language.hours {
                    location.hours = hours.clone();
                }
            }
            if let Some(words) = location
                .id
                .as_ref()
                .and_then(|id| language.locations.get(id))
            {
                if let Some(name) = &words.name {
                    location.name = name.clone();
                }
                if let Some(hours) = &words.hours {
                    location.hours = hours.clone();
                }
            }
        }
        config.labels = language.labels.clone();
        config
    }

    /// The warning for a site that asks for the search from a pawprint built
    /// without it; `None` when the site has the search it asks for.
    pub fn search_warning(&self) -> Option<Problem> {
        let line = self.search.not_built?;
        let problem = Problem::warning(
            FILE_NAME,
            "this pawprint was built without search, so the site has no search box",
        )
        .code(Code::SearchNotBuilt)
        .help(
            "to have the search box, install pawprint with its default features: \
             `cargo install --path .` in pawprint's folder, without \
             `--no-default-features`. To build this site without search and \
             without this warning, set `enabled = false` under `[search]` in site.toml",
        );
        Some(match line {
            Some(line) => problem.at_line(line),
            None => problem,
        })
    }

    /// Problems with the clinic's words in the further language `language`: a location id that site.toml
    /// does not list is an error; hours left in the main language are a warning.
    pub fn check_clinic_words(&self, language: &LanguageSettings) -> Vec<Problem> {
        let file = FILE_NAME;
        let mut problems = Vec::new();
        let clinic = &self.clinic;
        for id in language.locations.keys() {
            if !clinic.locations.iter().any(|l| l.id.as_ref() == Some(id)) {
                problems.push(
                    Problem::error(
                        file,
                        format!(
                            "`languages.{}.clinic.locations.{id}` names no location",
                            language.code
                        ),
                    )
                    .code(Code::LanguageUnknownLocation)
                    .at_line(language.line)
                    .help("use the id of a [[clinic.locations]] entry"),
                );
            }
        }
        let hours_missing = if clinic.listed_locations {
            clinic.locations.iter().any(|l| {
                l.id.as_ref()
                    .and_then(|id| language.locations.get(id))
                    .is_none_or(|w| w.hours.is_none())
            })
        } else {
            language.hours.is_none()
        };
        if hours_missing {
            let key = if clinic.listed_locations {
                format!("[languages.{}.clinic.locations.<id>] hours", language.code)
            } else {
                format!("[languages.{}.clinic] hours", language.code)
            };
            problems.push(
                Problem::warning(
                    file,
                    format!(
                        "the `{}` pages and sheets show the opening hours as written in [clinic]",
                        language.code
                    ),
                )
                .code(Code::LanguageHoursUntranslated)
                .at_line(language.line)
                .help(format!(
                    "write the hours in this language as {key} = [\"...\"]"
                )),
            );
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[site]
title = "Example"
base_url = "https://pets.example.test"
language = "en"
theme = "default"

[clinic]
name = "Example Clinic"
phone = "503-555-0100"
email = "hi@example.test"
address = "1 Main St"
website = "https://example.test/"
hours = ["Mon-Fri 8-6"]
"#;

    fn parse_text(text: &str) -> Result<SiteConfig, Vec<Problem>> {
        parse(&SourceFile::new("site.toml", text.to_string()))
    }

    #[test]
    fn a_value_is_placed_at_its_own_key_not_a_same_named_key_in_another_table() {
        // [labels] comes first and has keys named like [site]'s: a message about
        // [site]'s value must point at [site]'s line, not at the first `theme =`.
        let text = format!(
            "[labels]\ntheme = \"Our look\"\nlanguage = \"Tongue\"\n{}",
            GOOD.replace("theme = \"default\"", "theme = \"../default\"")
                .replace("\"en\"", "\"english!\"")
        );
        let line_of = |needle: &str| text[..text.find(needle).unwrap()].matches('\n').count() + 1;
        let problems = parse_text(&text).unwrap_err();
        let find = |code: Code| {
            problems
                .iter()
                .find(|p| p.code == Some(code))
                .unwrap_or_else(|| panic!("no {code} in {problems:#?}"))
        };
        let theme = find(Code::SiteTomlBadThemeName);
        assert_eq!(
            theme.line,
            Some(line_of("theme = \"../default\"")),
            "{theme:#?}"
        );
        assert_eq!(theme.column, Some("theme = ".len() + 1));
        let span = theme.span.as_ref().unwrap();
        assert_eq!(&text[span.start..span.end], "\"../default\"");
        let language = find(Code::SiteTomlBadLanguage);
        assert_eq!(language.line, Some(line_of("language = \"english!\"")));
    }

    #[test]
    fn reads_a_good_file_with_defaults() {
        let config = parse_text(GOOD).unwrap();
        assert_eq!(config.site.base_url, "https://pets.example.test/");
        assert_eq!(config.site.base_path, "/");
        assert_eq!(config.handout.papers, vec![Paper::Letter, Paper::A4]);
        assert_eq!(config.check.max_grade_article, 8.0);
        assert_eq!(config.check.max_grade_handout, 7.0);
        assert_eq!(config.clinic.first_location().emergency_phone, None);
    }

    #[test]
    fn several_locations_is_more_than_one_not_a_listed_one() {
        let own = parse_text(GOOD).unwrap().clinic;
        assert!(!own.several_locations());
        assert_eq!(own.first_location().id, None);
        assert_eq!(own.sheet_id(own.first_location()), None);

        let entry = |id: &str, phone: &str| {
            format!(
                "[[clinic.locations]]\nid = \"{id}\"\nname = \"{id}\"\nphone = \"{phone}\"\n\
                 email = \"{id}@example.test\"\naddress = \"1 Main St\"\nhours = [\"Mon-Fri 8-6\"]\n"
            )
        };
        let head = GOOD
            .lines()
            .filter(|l| {
                ["phone", "email", "address", "hours"]
                    .iter()
                    .all(|k| !l.starts_with(k))
            })
            .collect::<Vec<_>>()
            .join("\n");
        let one = format!("{head}\n{}", entry("downtown", "503-555-0101"));
        let one = parse_text(&one).unwrap().clinic;
        assert!(one.listed_locations);
        assert!(!one.several_locations());
        assert_eq!(one.sheet_id(one.first_location()), None);

        let two = format!(
            "{head}\n{}{}",
            entry("downtown", "503-555-0101"),
            entry("north", "503-555-0102")
        );
        let two = parse_text(&two).unwrap().clinic;
        assert!(two.several_locations());
        assert_eq!(two.first_location().id.as_deref(), Some("downtown"));
        let ids: Vec<_> = two.locations.iter().map(|l| two.sheet_id(l)).collect();
        assert_eq!(ids, [Some("downtown"), Some("north")]);
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_a_line() {
        let text = GOOD.replace("theme = ", "themme = ");
        let problems = parse_text(&text).unwrap_err();
        let all: Vec<String> = problems.iter().map(|p| p.short()).collect();
        assert!(
            all.iter().any(|m| m.starts_with("site.toml:6:1:")
                && m.contains("unknown key `site.themme`")
                && m.contains("did you mean `theme`")),
            "{all:#?}"
        );
        assert!(
            all.iter()
                .any(|m| m.contains("missing required field `site.theme`"))
        );
    }

    #[test]
    fn bad_values_are_explained() {
        let text = GOOD
            .replace("https://pets.example.test", "pets.example.test")
            .replace("\"en\"", "\"english!\"")
            + "[handout]\npapers = [\"legal\"]\n";
        let problems = parse_text(&text).unwrap_err();
        let all: Vec<String> = problems.iter().map(|p| p.short()).collect();
        assert_eq!(problems.len(), 3, "{all:#?}");
        assert!(all[0].contains("base_url") && all[0].starts_with("site.toml:4:"));
        assert!(all[1].contains("language tag"));
        assert!(all[2].contains("unknown paper \"legal\""));
    }

    #[test]
    fn every_address_gets_the_scheme_check_at_its_line() {
        let text = GOOD
            .replace("https://example.test/", "javascript:alert(document.cookie)")
            .replace("hi@example.test", "javascript:alert(1)//@x.test")
            .replace("https://pets.example.test", "JavaScript:alert(1)//")
            .replace("503-555-0100", "call us")
            + "logo = \"../../etc/passwd\"\n";
        let problems = parse_text(&text).unwrap_err();
        let all: Vec<String> = problems.iter().map(|p| p.short()).collect();
        assert_eq!(problems.len(), 5, "{all:#?}");
        let expect = [
            ("site.toml:4:12:", "`site.base_url`"),
            ("site.toml:10:", "`clinic.phone` \"call us\" has no digits"),
            ("site.toml:11:9:", "`clinic.email`"),
            (
                "site.toml:13:11:",
                "`clinic.website` \"javascript:alert(document.cookie)\" starts with `javascript:`",
            ),
            (
                "site.toml:15:8:",
                "`clinic.logo` \"../../etc/passwd\" climbs out",
            ),
        ];
        for (place, words) in expect {
            assert!(
                all.iter()
                    .any(|m| m.starts_with(place) && m.contains(words) && m.contains("help:")),
                "{place} {words}: {all:#?}"
            );
        }
    }

    #[test]
    fn each_language_gets_its_formula_and_limits() {
        let config = parse_text(GOOD).unwrap();
        let check = &config.check;
        assert!(check.languages.is_empty());
        let fk = Limits {
            article: 8.0,
            handout: 7.0,
        };
        let sp = Limits {
            article: 65.0,
            handout: 65.0,
        };
        assert_eq!(check.limits("en"), Some((Formula::FleschKincaid, fk)));
        assert_eq!(check.limits("en-GB"), Some((Formula::FleschKincaid, fk)));
        assert_eq!(check.limits("es"), Some((Formula::SzigrisztPazos, sp)));
        assert_eq!(check.limits("ES-mx"), Some((Formula::SzigrisztPazos, sp)));
        // Never the English formula for another language.
        assert_eq!(check.limits("fr"), None);
        assert_eq!(check.limits("eng"), None);
        assert_eq!(check.limits("pt-BR"), None);

        let text = format!(
            "{GOOD}\n[check]\nmax_grade_article = 6\n\n[check.es]\nmin_score_article = 70\n\n[check.es-MX]\nmin_score_handout = 75.5\n\n[check.en-GB]\nmax_grade_handout = 5\n"
        );
        let check = parse_text(&text).unwrap().check;
        let limits = |tag| check.limits(tag).unwrap().1;
        assert_eq!((limits("en").article, limits("en").handout), (6.0, 7.0));
        assert_eq!(
            (limits("en-GB").article, limits("en-GB").handout),
            (8.0, 5.0)
        );
        assert_eq!((limits("es").article, limits("es").handout), (70.0, 65.0));
        assert_eq!(
            (limits("es-AR").article, limits("es-AR").handout),
            (70.0, 65.0)
        );
        assert_eq!(
            (limits("es-MX").article, limits("es-MX").handout),
            (65.0, 75.5)
        );
    }

    #[test]
    fn a_limit_that_does_not_fit_the_language_is_an_error_at_its_line() {
        let text = format!(
            "{GOOD}\n[check]\nmin_score_article = 60\n\n[check.es]\nmax_grade_article = 6\nmin_scor_handout = 60\n\n[check.fr]\nmax_grade_article = 6\n\n[check.en]\nmin_score_handout = 60\n"
        );
        let problems = parse_text(&text).unwrap_err();
        let all: Vec<String> = problems.iter().map(|p| p.short()).collect();
        assert_eq!(problems.len(), 5, "{all:#?}");
        let expect = [
            (
                "site.toml:17:",
                "`check.min_score_article` needs a language",
                "under [check.es]",
            ),
            (
                "site.toml:20:",
                "`check.es.max_grade_article` does not fit the formula for \"es\", which is Szigriszt-Pazos",
                "write min_score_article and min_score_handout",
            ),
            (
                "site.toml:21:",
                "unknown key `check.es.min_scor_handout`",
                "did you mean `min_score_handout`?",
            ),
            (
                "site.toml:23:",
                "`[check.fr]`: pawprint has no reading-level formula for the language \"fr\"",
                "remove this table",
            ),
            (
                "site.toml:27:",
                "`check.en.min_score_handout` does not fit the formula for \"en\", which is Flesch-Kincaid grade",
                "write max_grade_article and max_grade_handout",
            ),
        ];
        for (place, words, help) in expect {
            assert!(
                all.iter()
                    .any(|m| m.starts_with(place) && m.contains(words) && m.contains(help)),
                "{place} {words}: {all:#?}"
            );
        }
        // A value that is not a table, or a table that is not a language, is an
        // unknown key.
        let text = format!("{GOOD}\n[check]\nes = 65\n\n[check.spanish]\nmin_score_article = 65\n");
        let problems = parse_text(&text).unwrap_err();
        let all: Vec<String> = problems.iter().map(|p| p.short()).collect();
        assert_eq!(problems.len(), 2, "{all:#?}");
        assert!(all[0].starts_with("site.toml:17:1:") && all[0].contains("unknown key `check.es`"));
        assert!(all[1].contains("unknown key `check.spanish`"), "{all:#?}");
        // A wrong type is one error at its line.
        let text = format!("{GOOD}\n[check.es]\nmin_score_article = \"high\"\n");
        let all: Vec<String> = parse_text(&text)
            .unwrap_err()
            .iter()
            .map(|p| p.short())
            .collect();
        assert_eq!(all.len(), 1, "{all:#?}");
        assert!(
            all[0].starts_with("site.toml:17:21:") && all[0].contains("should be a number"),
            "{all:#?}"
        );
    }

    #[test]
    fn old_mac_line_ends_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let text = GOOD.replace('\n', "\r").replace("\"en\"", "\"english!\"");
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        let problems = load(dir.path()).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, Some(5));
        assert_eq!(problems[0].code, Some(Code::SiteTomlBadLanguage));
    }

    #[test]
    fn base_url_keeps_its_path() {
        assert_eq!(
            base_url_parts("https://example.test/pets").unwrap(),
            ("https://example.test/pets/".into(), "/pets/".into())
        );
        assert!(base_url_parts("ftp://x").is_err());
        assert!(base_url_parts("https:///x").is_err());
        assert!(base_url_parts("https://example.test/").is_ok());
        for bad in [
            "https://pets.example//",
            "https://pets.example//evil.example/",
            "https://pets.example/pets//",
            "https://pets.example/./",
            "https://pets.example/a/../",
            "https://pets.example/%2E%2e/",
            "https://user:secret@pets.example/",
            "https://evil.example@pets.example/",
            "https://pets.example\\evil.example/",
            "https://pets.example%2f/",
        ] {
            assert!(base_url_parts(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_editor_forge_is_read_with_what_each_forge_needs() {
        let config = parse_text(&format!(
            "{GOOD}\n[editor]\nenabled = true\nbackend = \"gitlab\"\nrepo = \"clinic/web/pets\"\napp_id = \"abc123\"\n"
        ))
        .unwrap();
        let forge = config.editor.forge.unwrap();
        assert_eq!(forge.kind, ForgeKind::GitLab);
        assert_eq!(forge.repo, "clinic/web/pets");
        assert_eq!(forge.app_id.as_deref(), Some("abc123"));
        assert_eq!(config.editor.branch, "main");

        let config = parse_text(&format!(
            "{GOOD}\n[editor]\nenabled = true\nbackend = \"github\"\nrepo = \"clinic/pets\"\nbranch = \"site\"\nbase_url = \"https://auth.example.test\"\n"
        ))
        .unwrap();
        let forge = config.editor.forge.unwrap();
        assert_eq!(forge.kind, ForgeKind::GitHub);
        assert_eq!(forge.base_url.as_deref(), Some("https://auth.example.test"));
        assert_eq!(config.editor.branch, "site");

        // No backend: only the local way.
        let config = parse_text(&format!("{GOOD}\n[editor]\nenabled = true\n")).unwrap();
        assert_eq!(config.editor.forge, None);
    }

    #[test]
    fn a_wrong_editor_forge_is_an_error_at_its_line() {
        for (table, key, message) in [
            (
                "backend = \"gitea\"\nrepo = \"a/b\"",
                "backend",
                "is not a forge the editor knows",
            ),
            (
                "backend = \"github\"\nrepo = \"pets\"",
                "repo",
                "is not a repository's name",
            ),
            ("repo = \"a/b\"", "repo", "there is no `backend`"),
            (
                "backend = \"github\"\nrepo = \"a/b\"\napp_id = \"x\"",
                "app_id",
                "only for backend",
            ),
            (
                "backend = \"gitlab\"\nrepo = \"a/b\"\nbranch = \"my branch\"\napp_id = \"x\"",
                "branch",
                "is not a branch name",
            ),
        ] {
            let text = format!("{GOOD}\n[editor]\n{table}\n");
            let line = text[..text.find(&format!("{key} =")).unwrap()]
                .matches('\n')
                .count()
                + 1;
            let problems = parse_text(&text).unwrap_err();
            assert!(
                problems
                    .iter()
                    .any(|p| p.message.contains(message) && p.line == Some(line)),
                "{table}: {problems:#?}"
            );
        }
        // GitLab logs in with its own app id.
        let problems = parse_text(&format!(
            "{GOOD}\n[editor]\nbackend = \"gitlab\"\nrepo = \"a/b\"\n"
        ))
        .unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("`editor.app_id`")),
            "{problems:#?}"
        );
    }
}
