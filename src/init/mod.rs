//! `pawprint init [DIR]`: starts a new project. It asks, on a terminal, for what a
//! clinic knows (its name, phone number, country, web address, languages and web
//! host), or takes the answers as flags, and writes a commented `site.toml`, a
//! starter article as a draft, a `.gitignore`, and the chosen host's files. The
//! theme is built in, so there is no theme folder.
//!
//! It writes only into an empty or new folder, never through a link, and writes
//! nothing at all when an answer is missing or wrong.

mod starter;

use std::io::Write;
use std::path::{Path, PathBuf};

use pawprint_settings::config::base_url_parts;
use pawprint_text::address;
use pawprint_text::phone;
use pawprint_text::problem::{Code, Problem};

/// Where the site will be published: each host gets its own files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Host {
    /// GitHub Pages: a workflow that builds and publishes on every push.
    Github,
    /// Netlify: netlify.toml.
    Netlify,
    /// Cloudflare Pages: wrangler.toml and a build script.
    Cloudflare,
    /// No host files: copy output/ to any web server.
    None,
}

impl Host {
    const ALL: [Host; 4] = [Host::None, Host::Github, Host::Netlify, Host::Cloudflare];

    fn name(self) -> &'static str {
        match self {
            Host::Github => "github",
            Host::Netlify => "netlify",
            Host::Cloudflare => "cloudflare",
            Host::None => "none",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Host::Github => "github: GitHub Pages",
            Host::Netlify => "netlify: Netlify",
            Host::Cloudflare => "cloudflare: Cloudflare Pages",
            Host::None => "none: I will copy output/ to a web server myself",
        }
    }
}

/// The GitHub Pages workflow that `--host github` writes.
pub const GITHUB_WORKFLOW: &str = include_str!("hosts/github-pages.yml");
/// The Netlify settings that `--host netlify` writes.
pub const NETLIFY_TOML: &str = include_str!("hosts/netlify.toml");
/// The Cloudflare Pages settings that `--host cloudflare` writes.
pub const WRANGLER_TOML: &str = include_str!("hosts/wrangler.toml");
/// The Cloudflare Pages build script that `--host cloudflare` writes.
pub const CLOUDFLARE_BUILD: &str = include_str!("hosts/cloudflare-build.sh");

/// The answers as flags, each `None` when not given.
#[derive(Debug, Default, Clone)]
pub struct Given {
    /// `--name`: the clinic's name.
    pub name: Option<String>,
    /// `--phone`: the clinic's main phone number.
    pub phone: Option<String>,
    /// `--country`: two letters, such as US.
    pub country: Option<String>,
    /// `--url`: the address the site will live at.
    pub url: Option<String>,
    /// `--email`: the clinic's email address.
    pub email: Option<String>,
    /// `--address`: the clinic's street address.
    pub address: Option<String>,
    /// `--language`: the language of the articles.
    pub language: Option<String>,
    /// `--also`: further languages (empty and given: none).
    pub also: Option<Vec<String>>,
    /// `--host`: where the site will be published.
    pub host: Option<Host>,
    /// `--yes`: take the default for every answer not given.
    pub yes: bool,
}

/// The checked answers a project is written from.
#[derive(Debug, Clone)]
pub struct Answers {
    /// The clinic's name.
    pub name: String,
    /// Its main phone number, as typed.
    pub phone: String,
    /// Its country, two capital letters.
    pub country: String,
    /// The site's address, ending in `/`.
    pub url: String,
    /// The clinic's email address.
    pub email: String,
    /// The clinic's street address.
    pub address: String,
    /// The main language.
    pub language: String,
    /// Further languages.
    pub also: Vec<String>,
    /// The web host.
    pub host: Host,
    /// The answers that were defaults, not the clinic's own, by site.toml key: the
    /// clinic must replace them before publishing.
    pub defaulted: Vec<&'static str>,
}

const DEFAULT_NAME: &str = "Your Animal Clinic";
const DEFAULT_PHONE: &str = "503-555-0100";
const DEFAULT_COUNTRY: &str = "US";
const DEFAULT_URL: &str = "https://pets.example.com/";
const DEFAULT_EMAIL: &str = "frontdesk@example.com";
const DEFAULT_ADDRESS: &str = "1 Main Street, Your Town";

/// The languages the built-in theme has words for, such as `["en", "es"]`.
pub fn languages() -> Vec<String> {
    pawprint_theme::built_in("default")
        .map(|theme| {
            theme
                .files_in("words")
                .filter_map(|(name, _)| name.strip_suffix(".toml"))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Checks the folder a project would be written into: a new folder, or an empty
/// one, that is not a link.
pub fn check_folder(dir: &Path) -> Result<(), Problem> {
    let shown = dir.display().to_string();
    match std::fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(meta) if meta.file_type().is_symlink() => Err(Problem::error(
            &shown,
            format!("{shown} is a link, and pawprint init never writes through a link"),
        )
        .code(Code::InitLink)
        .help("give the folder the link points to, or a new folder")),
        Ok(meta) if !meta.is_dir() => Err(Problem::error(
            &shown,
            format!("{shown} is a file, not a folder"),
        )
        .code(Code::InitNotEmpty)
        .help("give the name of a new folder, such as `pawprint init my-clinic`")),
        Ok(_) => {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .map_err(|e| {
                    Problem::error(&shown, format!("cannot read {shown}: {e}")).code(Code::IoRead)
                })?
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if names.is_empty() {
                return Ok(());
            }
            names.sort();
            let count = names.len();
            names.truncate(5);
            let more = if count > 5 {
                format!(" and {} more", count - 5)
            } else {
                String::new()
            };
            Err(Problem::error(
                &shown,
                format!(
                    "{shown} is not empty (it holds {}{more}), so nothing was written",
                    names.join(", ")
                ),
            )
            .code(Code::InitNotEmpty)
            .help("give the name of a new folder, such as `pawprint init my-clinic`"))
        }
    }
}

/// One answer, checked: its flag, its question, its default and its check.
struct Question {
    flag: &'static str,
    prompt: &'static str,
    default: Option<String>,
}

/// How answers not given as flags are found.
pub enum Asking<'a> {
    /// Ask on the terminal.
    Terminal,
    /// No terminal: take the defaults (`--yes`), or stop at the first missing one.
    Defaults,
    /// No terminal and no `--yes`.
    Nothing,
    /// For tests: answers by flag name, as a person would type them.
    #[doc(hidden)]
    Typed(&'a dyn Fn(&str) -> Option<String>),
}

/// Checks the given answers and finds the others: asks for them on a terminal,
/// takes the defaults with `--yes`, or names every missing flag.
pub fn answers(given: Given, asking: Asking<'_>) -> Result<Answers, Problem> {
    let asking = match asking {
        Asking::Terminal if given.yes => Asking::Defaults,
        other => other,
    };
    // With no terminal and no --yes, every missing answer is named at once.
    if matches!(asking, Asking::Nothing) {
        let mut missing = Vec::new();
        if given.name.is_none() {
            missing.push("--name");
        }
        if given.phone.is_none() {
            missing.push("--phone");
        }
        if given.url.is_none() {
            missing.push("--url");
        }
        if given.email.is_none() {
            missing.push("--email");
        }
        if given.address.is_none() {
            missing.push("--address");
        }
        if given.country.is_none() {
            missing.push("--country");
        }
        if given.language.is_none() {
            missing.push("--language");
        }
        if given.host.is_none() {
            missing.push("--host");
        }
        if !missing.is_empty() {
            return Err(Problem::error(
                "pawprint init",
                format!(
                    "there is no terminal to ask on, and these answers were not given: {}",
                    missing.join(", ")
                ),
            )
            .code(Code::InitMissingAnswer)
            .help(
                "give them as flags, such as --name \"Maple Street Animal Clinic\" --phone 503-555-0142, or add --yes to take the defaults",
            ));
        }
    }
    let mut defaulted = Vec::new();
    // `example`: the site.toml key to name when its default is only an example
    // that the clinic must replace (a made-up phone number, say).
    let mut ask = |question: Question,
                   example: Option<&'static str>,
                   given: Option<String>,
                   check: &dyn Fn(&str) -> Result<String, String>|
     -> Result<String, Problem> {
        if let Some(value) = given {
            return check(&value).map_err(|why| bad_answer(question.flag, &value, &why));
        }
        let value = match &asking {
            Asking::Terminal => prompt(&question, check)?,
            Asking::Typed(answer) => answer(question.flag)
                .or_else(|| question.default.clone())
                .unwrap_or_default(),
            Asking::Defaults | Asking::Nothing => {
                defaulted.extend(example);
                question.default.clone().unwrap_or_default()
            }
        };
        check(&value).map_err(|why| bad_answer(question.flag, &value, &why))
    };
    let name = ask(
        Question {
            flag: "--name",
            prompt: "The clinic's name",
            default: Some(DEFAULT_NAME.to_string()),
        },
        Some("clinic.name"),
        given.name,
        &check_name,
    )?;
    let country = ask(
        Question {
            flag: "--country",
            prompt: "The clinic's country, as two letters (US, CA, GB, ...)",
            default: Some(DEFAULT_COUNTRY.to_string()),
        },
        None,
        given.country,
        &check_country,
    )?;
    let phone_default = (country == DEFAULT_COUNTRY).then(|| DEFAULT_PHONE.to_string());
    let phone = ask(
        Question {
            flag: "--phone",
            prompt: "The clinic's main phone number",
            default: phone_default,
        },
        Some("clinic.phone"),
        given.phone,
        &|typed: &str| {
            let region = phone::country_id(&country)
                .ok_or_else(|| format!("{country} is not a country pawprint knows"))?;
            phone::parse(typed, region)
                .map(|p| p.typed)
                .map_err(|why| format!("it {why}; write it as you would dial it in {country}"))
        },
    )?;
    let url = ask(
        Question {
            flag: "--url",
            prompt: "The web address the site will have",
            default: Some(DEFAULT_URL.to_string()),
        },
        Some("site.base_url"),
        given.url,
        &check_url,
    )?;
    let email = ask(
        Question {
            flag: "--email",
            prompt: "The clinic's email address",
            default: Some(DEFAULT_EMAIL.to_string()),
        },
        Some("clinic.email"),
        given.email,
        &|typed: &str| {
            address::check_email(typed)
                .map(|()| typed.trim().to_string())
                .map_err(|why| format!("the email address {why}"))
        },
    )?;
    let street = ask(
        Question {
            flag: "--address",
            prompt: "The clinic's street address",
            default: Some(DEFAULT_ADDRESS.to_string()),
        },
        Some("clinic.address"),
        given.address,
        &check_name,
    )?;
    let known = languages();
    let language = ask(
        Question {
            flag: "--language",
            prompt: "The language of your articles (en or es)",
            default: Some("en".to_string()),
        },
        None,
        given.language,
        &|typed: &str| check_language(typed, &known),
    )?;
    let also_text = ask(
        Question {
            flag: "--also",
            prompt: "Other languages, separated by commas (such as es), or none",
            default: Some("none".to_string()),
        },
        None,
        given.also.map(|list| list.join(",")),
        &|typed: &str| check_also(typed, &language, &known).map(|list| list.join(",")),
    )?;
    let also: Vec<String> = also_text
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let host = match (given.host, &asking) {
        (Some(host), _) => host,
        (None, Asking::Terminal) => {
            let items: Vec<&str> = Host::ALL.iter().map(|h| h.describe()).collect();
            let chosen = dialoguer::Select::with_theme(&dialoguer::theme::ColorfulTheme::default())
                .with_prompt("Where will you publish the site?")
                .items(&items)
                .default(0)
                .interact()
                .map_err(prompt_problem)?;
            Host::ALL[chosen]
        }
        (None, Asking::Typed(answer)) => answer("--host")
            .and_then(|h| Host::ALL.into_iter().find(|x| x.name() == h))
            .unwrap_or(Host::None),
        (None, _) => Host::None,
    };
    Ok(Answers {
        name,
        phone,
        country,
        url,
        email,
        address: street,
        language,
        also,
        host,
        defaulted,
    })
}

/// Asks one question on the terminal, again until the answer passes `check`.
fn prompt(
    question: &Question,
    check: &dyn Fn(&str) -> Result<String, String>,
) -> Result<String, Problem> {
    let theme = dialoguer::theme::ColorfulTheme::default();
    let mut input = dialoguer::Input::<String>::with_theme(&theme)
        .with_prompt(question.prompt)
        .validate_with(|typed: &String| check(typed).map(|_| ()));
    if let Some(default) = &question.default {
        input = input.default(default.clone());
    }
    input.interact_text().map_err(prompt_problem)
}

fn prompt_problem(error: dialoguer::Error) -> Problem {
    Problem::error("pawprint init", format!("cannot read the answer: {error}"))
        .code(Code::InitMissingAnswer)
        .help("answer on a terminal, or give every answer as a flag")
}

fn bad_answer(flag: &str, value: &str, why: &str) -> Problem {
    Problem::error(
        "pawprint init",
        format!("{flag} \"{value}\" cannot be used: {why}"),
    )
    .code(Code::InitBadAnswer)
}

fn check_name(typed: &str) -> Result<String, String> {
    let text = typed.trim();
    if text.is_empty() {
        Err("it is empty".to_string())
    } else if text.chars().any(char::is_control) {
        Err("it holds a line break or another control character".to_string())
    } else if text.chars().count() > 120 {
        Err("it is longer than 120 letters".to_string())
    } else {
        Ok(text.to_string())
    }
}

fn check_country(typed: &str) -> Result<String, String> {
    let code = typed.trim().to_ascii_uppercase();
    if code.len() == 2 && phone::country_id(&code).is_some() {
        Ok(code)
    } else {
        Err("use the two letters of a country, such as US, CA or GB".to_string())
    }
}

fn check_url(typed: &str) -> Result<String, String> {
    let url = typed.trim();
    address::check(url, address::WEB)
        .and_then(|()| base_url_parts(url).map_err(str::to_string))
        .map(|(url, _)| url)
        .map_err(|why| format!("the address {why}; write it in full, such as {DEFAULT_URL}"))
}

fn check_language(typed: &str, known: &[String]) -> Result<String, String> {
    let code = typed.trim().to_ascii_lowercase();
    if known.contains(&code) {
        Ok(code)
    } else {
        Err(format!(
            "pawprint's theme has words for {}",
            known.join(" and ")
        ))
    }
}

fn check_also(typed: &str, main: &str, known: &[String]) -> Result<Vec<String>, String> {
    let typed = typed.trim();
    if typed.is_empty() || typed.eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    let mut codes = Vec::new();
    for part in typed.split([',', ' ']).filter(|p| !p.is_empty()) {
        let code = check_language(part, known)?;
        if code == main {
            return Err(format!("{code} is already the main language"));
        }
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// What [`write`] wrote, relative to the new project's folder.
pub struct Written {
    /// Every file, in the order written.
    pub files: Vec<PathBuf>,
}

/// Writes the new project into `dir` (new or empty), from `answers`. `today` is
/// the starter article's date, such as `2026-12-07`. On any failure, what it wrote
/// is removed again and nothing is left.
pub fn write(dir: &Path, answers: &Answers, today: &str) -> Result<Written, Problem> {
    check_folder(dir)?;
    let files = project_files(answers, today)?;
    let made_dir = std::fs::symlink_metadata(dir).is_err();
    std::fs::create_dir_all(dir).map_err(|e| write_problem(dir, e))?;
    let mut written: Vec<PathBuf> = Vec::new();
    let mut folders: Vec<PathBuf> = Vec::new();
    let result = (|| {
        for (path, text) in &files {
            let folder = make_folders(dir, path.parent().unwrap_or(Path::new("")), &mut folders)?;
            let target = folder.join(path.file_name().unwrap_or_default());
            // `create_new` writes over nothing, and follows no link at the end.
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&target)
                .map_err(|e| write_problem(&target, e))?;
            written.push(target.clone());
            file.write_all(text.as_bytes())
                .map_err(|e| write_problem(&target, e))?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => Ok(Written {
            files: files.into_iter().map(|(path, _)| path).collect(),
        }),
        Err(problem) => {
            // Only what this run made.
            for file in written.iter().rev() {
                let _ = std::fs::remove_file(file);
            }
            for folder in folders.iter().rev() {
                let _ = std::fs::remove_dir(folder);
            }
            if made_dir {
                let _ = std::fs::remove_dir(dir);
            }
            Err(problem)
        }
    }
}

/// The folder `inside` (such as `content/dogs`) of the new project at `dir`, made
/// one part at a time: a part that is not there is made (and added to `made`), a
/// part that is a plain folder is used, and a link, or anything else that is not
/// a folder, is refused. Nothing is ever written through a link, even one put
/// there after the folder was found empty.
fn make_folders(dir: &Path, inside: &Path, made: &mut Vec<PathBuf>) -> Result<PathBuf, Problem> {
    let mut at = dir.to_path_buf();
    for part in inside.components() {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.is_dir() && !meta.file_type().is_symlink() => {}
            Ok(_) => {
                let shown = at.display().to_string();
                return Err(Problem::error(
                    &shown,
                    format!(
                        "{shown} is a link or a file, and pawprint init never writes through one"
                    ),
                )
                .code(Code::InitLink)
                .help("run pawprint init again in a new folder"));
            }
            Err(_) => {
                std::fs::create_dir(&at).map_err(|e| write_problem(&at, e))?;
                made.push(at.clone());
            }
        }
    }
    Ok(at)
}

fn write_problem(path: &Path, error: std::io::Error) -> Problem {
    let shown = path.display().to_string();
    Problem::error(&shown, format!("cannot write {shown}: {error}")).code(Code::IoWrite)
}

/// A TOML basic string holding `text` (checked answers hold no control
/// characters).
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Every file of the new project, by its path inside it, with its text.
fn project_files(answers: &Answers, today: &str) -> Result<Vec<(PathBuf, String)>, Problem> {
    let mut files = vec![
        (PathBuf::from("site.toml"), site_toml(answers)),
        (
            PathBuf::from(".gitignore"),
            "# What `pawprint build` writes: made again by every build.\n/output/\n".to_string(),
        ),
    ];
    let main = starter::starter(&answers.language).ok_or_else(|| {
        bad_answer(
            "--language",
            &answers.language,
            "pawprint has no starter article in it",
        )
    })?;
    let folder = PathBuf::from("content").join(main.section);
    let main_path = folder.join(format!("{}.md", main.slug));
    let main_text = main.file(today, None);
    // The translation is made from the original as it is once published, with
    // its `draft` line deleted, so that publishing it brings no warning that the
    // translation is behind.
    let published = main_text.replacen("\ndraft = true\n", "\n", 1);
    let fingerprint = match pawprint_content::load::parse_markdown(
        main_path.clone(),
        &format!("{}/{}.md", main.section, main.slug),
        published.into_bytes(),
        "/",
    ) {
        Ok(pawprint_content::load::Loaded::Article(article)) => article.fingerprint,
        _ => {
            return Err(Problem::error(
                main_path.display().to_string(),
                "the starter article cannot be read back",
            )
            .code(Code::InitBadAnswer)
            .help("this is a bug in pawprint; please report it"));
        }
    };
    files.push((main_path, main_text));
    for code in &answers.also {
        if let Some(other) = starter::starter(code) {
            files.push((
                folder.join(format!("{}.{code}.md", main.slug)),
                other.file(today, Some((&fingerprint, other.slug))),
            ));
        }
    }
    let version = env!("CARGO_PKG_VERSION");
    match answers.host {
        Host::Github => files.push((
            PathBuf::from(".github/workflows/pages.yml"),
            GITHUB_WORKFLOW.replace("{version}", version),
        )),
        Host::Netlify => {
            let redirects: String = answers
                .also
                .iter()
                .map(|code| {
                    format!(
                        "[[redirects]]\n  from = \"/{code}/*\"\n  to = \"/{code}/404.html\"\n  status = 404\n"
                    )
                })
                .collect();
            let redirects = if redirects.is_empty() {
                "# (This site has one language.)\n".to_string()
            } else {
                redirects
            };
            files.push((
                PathBuf::from("netlify.toml"),
                NETLIFY_TOML
                    .replace("{version}", version)
                    .replace("{redirects}\n", &redirects),
            ));
        }
        Host::Cloudflare => {
            files.push((
                PathBuf::from("wrangler.toml"),
                WRANGLER_TOML.replace("{name}", &project_name(&answers.name)),
            ));
            files.push((
                PathBuf::from("cloudflare-build.sh"),
                CLOUDFLARE_BUILD.replace("{version}", version),
            ));
        }
        Host::None => {}
    }
    Ok(files)
}

/// A host's project name from the clinic's name: small ASCII letters, digits and
/// dashes (Cloudflare takes no others), so "Clínica Sol" becomes `clinica-sol`.
fn project_name(name: &str) -> String {
    let slug = pawprint_text::text::file_slug(name);
    if slug.is_empty() {
        "pet-health".to_string()
    } else {
        slug.chars()
            .take(58)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    }
}

/// The site's title in `language`.
fn site_title(name: &str, language: &str) -> String {
    match language {
        "es" => format!("{name}: la salud de su mascota"),
        _ => format!("{name}: Pet Health Library"),
    }
}

/// The clinic's opening hours to start from, in `language`.
fn sample_hours(language: &str) -> &'static str {
    match language {
        "es" => {
            "hours = [\n  \"De lunes a viernes: de 8 a. m. a 6 p. m.\",\n  \"Sábados: de 9 a. m. a 1 p. m.\",\n  \"Domingos: cerrado\",\n]"
        }
        _ => {
            "hours = [\n  \"Monday to Friday: 8 am to 6 pm\",\n  \"Saturday: 9 am to 1 pm\",\n  \"Sunday: closed\",\n]"
        }
    }
}

/// The new project's site.toml: every answer, with a comment on each setting.
fn site_toml(answers: &Answers) -> String {
    let mut text = String::from(
        "# The settings of your pet-health site and its handouts. Every setting is\n\
         # explained in the guide's \"site.toml\" page. `pawprint check` checks this file.\n",
    );
    if !answers.defaulted.is_empty() {
        text.push_str(&format!(
            "#\n# Some values below are examples, not yours: {}.\n\
             # Replace them before you publish. The example phone number reaches no one.\n",
            answers.defaulted.join(", ")
        ));
    }
    text.push_str(&format!(
        "\n[site]\n\
         # The name of the website, shown at the top of every page.\n\
         title = {title}\n\
         # The full address the site will live at. Links in the sitemap, the feeds,\n\
         # the search and the QR code on each handout use it.\n\
         base_url = {url}\n\
         # The language of your articles: \"en\" or \"es\".\n\
         language = {language}\n\
         # The look and the fixed words of the site: \"default\" is built into pawprint.\n\
         theme = \"default\"\n\
         # The country your phone numbers are in. A number that does not start with +\n\
         # is read as a number of this country.\n\
         country = {country}\n\
         \n\
         [clinic]\n\
         # Shown on every page and at the top of every handout.\n\
         name = {name}\n\
         phone = {phone}\n\
         # Optional: a number for emergencies when the clinic is closed.\n\
         # emergency_phone = \"\"\n\
         email = {email}\n\
         address = {address}\n\
         # Your clinic's own website (here, the same as the site's address).\n\
         website = {url}\n\
         # Your opening hours, one line each. These are examples: write your own.\n\
         {hours}\n\
         # Optional: a PNG or JPEG logo in this folder, for the pages and the handouts.\n\
         # logo = \"logo.png\"\n\
         \n\
         # Optional: your main colour, for the header, links and buttons.\n\
         # [brand]\n\
         # color = \"#0b5c5d\"\n",
        title = quoted(&site_title(&answers.name, &answers.language)),
        url = quoted(&answers.url),
        language = quoted(&answers.language),
        country = quoted(&answers.country),
        name = quoted(&answers.name),
        phone = quoted(&answers.phone),
        email = quoted(&answers.email),
        address = quoted(&answers.address),
        hours = sample_hours(&answers.language),
    ));
    for code in &answers.also {
        text.push_str(&format!(
            "\n# A further language: its pages live under /{code}/, and an article's\n\
             # translation sits beside it as name.{code}.md.\n\
             [languages.{code}]\n\
             title = {title}\n\
             \n\
             [languages.{code}.clinic]\n\
             {hours}\n",
            title = quoted(&site_title(&answers.name, code)),
            hours = sample_hours(code),
        ));
    }
    text.push_str(
        "\n[handout]\n\
         # One printable PDF per article for each paper: \"letter\", \"a4\", and\n\
         # \"letter-large\" or \"a4-large\" for large print.\n",
    );
    let papers = match answers.country.as_str() {
        "US" | "CA" | "MX" | "PH" | "CL" | "CO" | "VE" | "CR" | "GT" | "PR" => "[\"letter\"]",
        _ => "[\"a4\"]",
    };
    text.push_str(&format!("papers = {papers}\n"));
    text.push_str(
        "\n[check]\n\
         # `pawprint check` warns when an article or a handout reads above these school\n\
         # grades. Health-literacy guidance asks for about grade 6.\n\
         max_grade_article = 8\n\
         max_grade_handout = 7\n",
    );
    if !cfg!(feature = "search") {
        text.push_str(
            "\n[search]\n\
             # This pawprint was built without the site search, so the site has none.\n\
             enabled = false\n",
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given() -> Given {
        Given {
            name: Some("Oak Hill Vets".into()),
            phone: Some("503-555-0142".into()),
            country: Some("us".into()),
            url: Some("https://pets.oak-hill.example".into()),
            email: Some("hello@oak-hill.example".into()),
            address: Some("2 Oak Hill Road".into()),
            language: Some("en".into()),
            host: Some(Host::None),
            ..Given::default()
        }
    }

    #[test]
    fn flags_are_checked_and_tidied() {
        let answers = answers(given(), Asking::Nothing).unwrap();
        assert_eq!(answers.country, "US");
        assert_eq!(answers.url, "https://pets.oak-hill.example/");
        assert_eq!(answers.language, "en");
        assert!(answers.also.is_empty());
        assert_eq!(answers.host, Host::None);
        assert!(answers.defaulted.is_empty(), "{:?}", answers.defaulted);
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_made_new_and_never_through_a_link() {
        let project = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), project.path().join("content")).unwrap();
        let mut made = Vec::new();
        let problem =
            make_folders(project.path(), Path::new("content/dogs"), &mut made).unwrap_err();
        assert_eq!(problem.code, Some(Code::InitLink));
        assert!(made.is_empty());
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);

        let folder =
            make_folders(project.path(), Path::new(".github/workflows"), &mut made).unwrap();
        assert_eq!(folder, project.path().join(".github/workflows"));
        assert_eq!(made.len(), 2);
        // A folder made before is used again, not made twice.
        make_folders(project.path(), Path::new(".github"), &mut made).unwrap();
        assert_eq!(made.len(), 2);
    }

    #[test]
    fn a_cloudflare_project_name_is_plain_ascii() {
        assert_eq!(
            project_name("Clínica Veterinaria Sol"),
            "clinica-veterinaria-sol"
        );
        assert_eq!(project_name("***"), "pet-health");
        assert_eq!(project_name(&"ab ".repeat(30)).len(), 58);
        assert_eq!(
            project_name(&"a b ".repeat(40)).len(),
            57,
            "no dash at the end"
        );
    }

    #[test]
    fn a_bad_phone_number_is_refused_with_its_flag() {
        let mut bad = given();
        bad.phone = Some("555-01".into());
        let problem = answers(bad, Asking::Nothing).unwrap_err();
        assert_eq!(problem.code, Some(Code::InitBadAnswer));
        assert!(
            problem.message.contains("--phone \"555-01\""),
            "{}",
            problem.message
        );
        assert!(
            problem.message.contains("not a valid phone number"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn every_missing_answer_is_named_without_a_terminal() {
        let problem = answers(
            Given {
                name: Some("Oak Hill Vets".into()),
                ..Given::default()
            },
            Asking::Nothing,
        )
        .unwrap_err();
        assert_eq!(problem.code, Some(Code::InitMissingAnswer));
        for flag in ["--phone", "--url", "--email", "--address"] {
            assert!(problem.message.contains(flag), "{}", problem.message);
        }
        assert!(!problem.message.contains("--name"), "{}", problem.message);
    }

    #[test]
    fn yes_takes_the_defaults_and_remembers_which() {
        let answers = answers(
            Given {
                yes: true,
                ..Given::default()
            },
            Asking::Terminal,
        )
        .unwrap();
        assert_eq!(answers.name, DEFAULT_NAME);
        assert_eq!(answers.phone, DEFAULT_PHONE);
        assert!(answers.defaulted.contains(&"clinic.phone"));
        assert!(site_toml(&answers).contains("clinic.phone"));
    }

    #[test]
    fn languages_must_have_words_and_differ_from_the_main_one() {
        let known = languages();
        assert_eq!(known, ["en", "es"]);
        assert_eq!(check_also("es", "en", &known).unwrap(), ["es"]);
        assert_eq!(
            check_also("none", "en", &known).unwrap(),
            Vec::<String>::new()
        );
        assert!(check_also("en", "en", &known).is_err());
        assert!(
            check_also("fr", "en", &known)
                .unwrap_err()
                .contains("en and es")
        );
    }

    #[test]
    fn typed_answers_are_checked_as_flags_are() {
        let typed = |flag: &str| match flag {
            "--name" => Some("  Oak Hill Vets ".to_string()),
            "--phone" => Some("(503) 555-0142".to_string()),
            "--also" => Some("es".to_string()),
            "--host" => Some("netlify".to_string()),
            _ => None,
        };
        let answers = answers(Given::default(), Asking::Typed(&typed)).unwrap();
        assert_eq!(answers.name, "Oak Hill Vets");
        assert_eq!(answers.also, ["es"]);
        assert_eq!(answers.host, Host::Netlify);
    }
}
