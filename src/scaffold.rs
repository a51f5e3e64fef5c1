//! `pawprint new dogs/ear-infections --title "..."`: a new article with every front
//! matter field, short comments, and placeholders that `check` flags until they
//! are replaced. It starts as a draft, so it never reaches the public site by
//! accident.

use std::path::{Path, PathBuf};

use pawprint_content::front_matter::{is_file_slug, rename_hint};
use pawprint_content::library::CONTENT_DIR;
use pawprint_review::check::PLACEHOLDER;
use pawprint_text::date::Date;
use pawprint_text::problem::{Code, Problem};
use pawprint_text::text::slug;

/// Creates the article file and returns its path. Refuses to overwrite a file or to
/// write outside `content/`.
pub fn new_article(
    root: &Path,
    wanted: &str,
    title: &str,
    today: Date,
) -> Result<PathBuf, Problem> {
    let rel = article_path(wanted)?;
    let content = root.join(CONTENT_DIR);
    let target = content.join(&rel);
    let shown = PathBuf::from(CONTENT_DIR).join(&rel);
    if target.exists() {
        return Err(Problem::error(
            &shown,
            "this article already exists; pawprint new never overwrites a file",
        )
        .code(Code::NewAlreadyExists)
        .help("choose another name, or edit the file that is there"));
    }
    if !root.join(pawprint_settings::config::FILE_NAME).is_file() {
        return Err(Problem::error(
            pawprint_settings::config::FILE_NAME,
            "this is not a pawprint project (there is no site.toml)",
        )
        .code(Code::NewNoProject)
        .help("run pawprint new in the project folder, or pass --root DIR"));
    }
    let section = rel
        .parent()
        .and_then(|p| p.iter().next())
        .map(|s| s.to_string_lossy().into_owned());
    let species = species_for(root, section.as_deref());
    // A title is one line: line breaks and tabs in it become single spaces.
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = if title.is_empty() {
        format!("{PLACEHOLDER}: the title")
    } else {
        title
    };
    let text = template(&title, &species, today);
    write_new(&content, &target, shown, &text)
}

/// Writes `text` as the new file `target` inside `content` (shown in messages as
/// `shown`): never through a link out of `content/`, and never over a file.
fn write_new(
    content: &Path,
    target: &Path,
    shown: PathBuf,
    text: &str,
) -> Result<PathBuf, Problem> {
    stays_in_content(content, target, &shown)?;
    std::fs::create_dir_all(target.parent().unwrap_or(content)).map_err(|e| {
        Problem::error(&shown, format!("cannot create the folder: {e}")).code(Code::IoWrite)
    })?;
    // Check again now that the folders exist: one may have been swapped for a link.
    stays_in_content(content, target, &shown)?;
    // `create_new` fails if the file appeared in the meantime: never overwrite.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .map_err(|e| {
            Problem::error(&shown, format!("cannot create the file: {e}")).code(Code::IoWrite)
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| {
        Problem::error(&shown, format!("cannot write the file: {e}")).code(Code::IoWrite)
    })?;
    Ok(shown)
}

/// `pawprint new dogs/ear-care --lang es`: starts the Spanish translation of an
/// article as `content/dogs/ear-care.es.md`, a draft with the original's structure
/// (every field, each heading) and a TODO for each part to translate. Its
/// `translation_of` is filled in, so `check` says when the original changes.
pub fn new_translation(
    root: &Path,
    wanted: &str,
    language: &str,
    title: &str,
    today: Date,
) -> Result<PathBuf, Problem> {
    let rel = article_path(wanted)?;
    let content = root.join(CONTENT_DIR);
    let original_shown = PathBuf::from(CONTENT_DIR).join(&rel);
    let config = pawprint_settings::config::load(root).map_err(|found| {
        found.into_iter().next().unwrap_or_else(|| {
            Problem::error(
                pawprint_settings::config::FILE_NAME,
                "cannot read site.toml",
            )
            .code(Code::NewNoProject)
        })
    })?;
    if !config.languages.iter().any(|l| l.code == language) {
        let listed: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        return Err(Problem::error(
            pawprint_settings::config::FILE_NAME,
            format!("`{language}` is not a further language of this site"),
        )
        .code(Code::NewUnknownLanguage)
        .help(if listed.is_empty() {
            format!("add a [languages.{language}] table with its title to site.toml first (see \"Languages\" in the guide, docs/src/languages.md)")
        } else {
            format!("the site's further languages are: {}", listed.join(", "))
        }));
    }
    let bytes = std::fs::read(content.join(&rel)).map_err(|_| {
        Problem::error(&original_shown, "there is no article here to translate")
            .code(Code::NewNoOriginal)
            .help("give the path of an article of the site's main language, such as dogs/ear-care")
    })?;
    let rel_text = rel.to_string_lossy().replace('\\', "/");
    let original = match pawprint_content::load::parse_markdown(
        original_shown.clone(),
        &rel_text,
        bytes.clone(),
        &config.site.base_path,
    ) {
        Ok(pawprint_content::load::Loaded::Article(article)) => article,
        Ok(_) => {
            return Err(
                Problem::error(&original_shown, "this is not an article").code(Code::NewNoOriginal)
            );
        }
        Err(found) => {
            return Err(found.into_iter().next().unwrap_or_else(|| {
                Problem::error(&original_shown, "the article has problems")
                    .code(Code::NewNoOriginal)
            }));
        }
    };
    let target_rel = rel.with_extension(format!("{language}.md"));
    let target = content.join(&target_rel);
    let shown = PathBuf::from(CONTENT_DIR).join(&target_rel);
    if target.exists() {
        return Err(Problem::error(
            &shown,
            "this translation already exists; pawprint new never overwrites a file",
        )
        .code(Code::NewAlreadyExists)
        .help("edit the file that is there"));
    }
    let body_text = pawprint_content::load::decode_text(original_shown, bytes)
        .ok()
        .and_then(|file| {
            pawprint_content::front_matter::split(&file)
                .ok()
                .map(|parts| file.text[parts.body].to_string())
        })
        .unwrap_or_default();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = translation_template(&original, &title, &body_text, today);
    write_new(&content, &target, shown, &text)
}

/// The text of a new translation of `original`: its fields with a TODO for each
/// one to translate (the original's words beside it, to work from), its headings,
/// and a TODO for each paragraph.
fn translation_template(
    original: &pawprint_content::Article,
    title: &str,
    body: &str,
    today: Date,
) -> String {
    let front = &original.front;
    let todo = |text: &str| toml_escape(&format!("{PLACEHOLDER}: {text}"));
    let list = |items: &[String]| -> String {
        items
            .iter()
            .map(|item| format!("  \"{}\",\n", todo(item)))
            .collect()
    };
    let title = if title.is_empty() {
        todo(&front.title)
    } else {
        toml_escape(title)
    };
    let quoted = |items: &[String]| -> String {
        items
            .iter()
            .map(|s| format!("\"{}\"", toml_escape(s)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "+++\n# A translation of {source}. Replace every TODO with your own words in this\n# language (the original's words follow each TODO, to work from).\n# A draft is left out of `pawprint build`. Remove this line to publish it.\ndraft = true\n# The version of the original this translation was made from. `pawprint check`\n# warns when the original changes; after you update the translation, set it to\n# the value that warning gives.\ntranslation_of = \"{fingerprint}\"\n# Optional: the last part of this page's address in this language.\n# slug = \"\"\ntitle = \"{title}\"\nsummary = \"{summary}\"\nspecies = [{species}]\nupdated = {today}\n",
        source = original.source.display(),
        fingerprint = original.fingerprint,
        summary = todo(&front.summary),
        species = quoted(&front.species),
    );
    if let Some(reviewer) = &front.reviewed_by {
        text.push_str(&format!("reviewed_by = \"{}\"\n", toml_escape(reviewer)));
    }
    text.push_str(&format!(
        "# Topic words in this language.\ntags = [\n{}]\n",
        list(&front.tags)
    ));
    for source in &front.sources {
        text.push_str(&format!(
            "\n[[sources]]\ntitle = \"{}\"\nurl = \"{}\"\n",
            toml_escape(&source.title),
            toml_escape(&source.url)
        ));
    }
    let handout = &front.handout;
    text.push_str(&format!(
        "\n[handout]\nintro = \"{}\"\nsigns = [\n{}]\nprevention = [\n{}]\ncall_us_if = [\n{}]\nfill_in = [\n{}]\n+++\n",
        todo(&handout.intro),
        list(&handout.signs),
        list(&handout.prevention),
        list(&handout.call_us_if),
        list(&handout.fill_in),
    ));
    // The body: each heading kept with a TODO, each paragraph or list a TODO that
    // quotes how it starts.
    let mut in_block = false;
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            in_block = false;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            let level = 1 + rest.chars().take_while(|c| *c == '#').count();
            let words = rest.trim_start_matches('#').trim();
            text.push_str(&format!("\n{} {PLACEHOLDER}: {words}\n", "#".repeat(level)));
            in_block = false;
        } else if !in_block {
            let start: String = trimmed.chars().take(60).collect();
            text.push_str(&format!(
                "\n{PLACEHOLDER}: translate the part that starts \"{start}…\"\n"
            ));
            in_block = true;
        }
    }
    text
}

/// Refuses a target whose folders lead outside the real `content/` folder through a
/// symbolic link (`content/dogs -> /somewhere/else`). Every part of the path that
/// exists is resolved to its real place; each must stay inside `content/` as it
/// really is (which may itself be a link, to a folder the user chose).
fn stays_in_content(content: &Path, target: &Path, shown: &Path) -> Result<(), Problem> {
    let Ok(real_content) = content.canonicalize() else {
        // No content/ yet: nothing inside it can be a link.
        return Ok(());
    };
    let Ok(inside) = target.strip_prefix(content) else {
        return Ok(());
    };
    let mut path = content.to_path_buf();
    for part in inside.components() {
        path.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            // This part does not exist yet, so neither do the ones below it.
            return Ok(());
        };
        let leaves = match path.canonicalize() {
            Ok(real) => !real.starts_with(&real_content),
            // A link that points nowhere.
            Err(_) => meta.file_type().is_symlink(),
        };
        if leaves {
            return Err(Problem::error(
                shown,
                format!(
                    "cannot create the article: {} is a link to a place outside content/",
                    display_relative(content, &path).display()
                ),
            ).code(Code::NewOutsideContent)
            .help("pawprint new only writes inside content/; pick another folder, or replace the link with a real folder"));
        }
    }
    Ok(())
}

fn display_relative(content: &Path, path: &Path) -> PathBuf {
    Path::new(CONTENT_DIR).join(path.strip_prefix(content).unwrap_or(path))
}

/// Reads `dogs/ear-infections` (or `…/ear-infections.md`, or `content/…`) as a path
/// inside `content/`, refusing anything that would leave it.
fn article_path(wanted: &str) -> Result<PathBuf, Problem> {
    let refuse = |why: &str| {
        Err(Problem::error(
            wanted,
            format!("cannot create an article at \"{wanted}\": {why}"),
        )
        .code(Code::NewBadPath)
        .help("give a path inside content/, such as dogs/ear-infections"))
    };
    let trimmed = wanted.trim();
    if trimmed.is_empty() {
        return refuse("the path is empty");
    }
    if Path::new(trimmed).is_absolute() || trimmed.starts_with(['/', '\\']) || trimmed.contains(':')
    {
        return refuse("it is an absolute path");
    }
    if trimmed.ends_with(['/', '\\']) {
        return refuse("it names a folder; add the article's name, such as dogs/ear-infections");
    }
    let mut parts: Vec<&str> = trimmed
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.first() == Some(&CONTENT_DIR) {
        parts.remove(0);
    }
    if parts.contains(&"..") {
        return refuse("it leaves content/");
    }
    let Some(last) = parts.pop() else {
        return refuse("it names no file");
    };
    let stem = last.strip_suffix(".md").unwrap_or(last);
    for part in parts.iter().copied().chain([stem]) {
        if !is_file_slug(part) || part == "index" || part == "_index" {
            let what = if part == stem { "article" } else { "folder" };
            return Err(Problem::error(
                wanted,
                format!("\"{part}\" cannot be part of a web address"),
            )
            .code(Code::NewBadName)
            .help(rename_hint(what, part, "")));
        }
    }
    let mut path: PathBuf = parts.iter().collect();
    path.push(format!("{stem}.md"));
    Ok(path)
}

/// The species for a new article: the species (from the words file) whose name matches the
/// folder ("dogs" → `dog`), or the folder name without a final `s`.
fn species_for(root: &Path, section: Option<&str>) -> String {
    let Some(section) = section else {
        return "dog".to_string();
    };
    if let Ok(config) = pawprint_settings::config::load(root)
        && let Some(theme) = pawprint_settings::theme::ThemeSource::of(root, &config)
        && let Ok(words) = pawprint_settings::locale::load(root, &theme, &config.site.language)
        && let Some((key, _)) = words.species.iter().find(|(_, name)| slug(name) == section)
    {
        return key.clone();
    }
    section.strip_suffix('s').unwrap_or(section).to_string()
}

/// Writes text as the inside of a TOML basic string (`"..."`): quotes, backslashes
/// and control characters such as a line break are escaped, so the file parses.
fn toml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn template(title: &str, species: &str, today: Date) -> String {
    let title = toml_escape(title);
    let species = toml_escape(species);
    format!(
        r#"+++
# A draft is left out of `pawprint build`: no page, no handout, no list.
# `pawprint serve` shows it with a "Draft" badge. Remove this line to publish it.
draft = true
# The article's title, as owners would search for it.
title = "{title}"
# One or two sentences: shown under the title, in lists and in search results.
summary = "{P}: say what this article helps owners with, in one or two sentences."
# The animals it is about. The home page groups articles by these.
species = ["{species}"]
# The date of the last change (YYYY-MM-DD).
updated = {today}
# Optional: who checked the facts, such as "Dr. Ana Ruiz, DVM".
reviewed_by = "{P}: the reviewing veterinarian"
# Optional: topic words; each gets a page listing its articles.
tags = []

# Optional: where the facts come from. Copy this block for each source.
# [[sources]]
# title = "The source's title"
# url = "https://..."

# The printed one-page handout. Keep every item short and plain.
[handout]
# A short opening paragraph.
intro = "{P}: two or three short sentences for the top of the sheet."
# 3 to 10 signs for owners to tick at home.
signs = [
  "{P}: first sign",
  "{P}: second sign",
  "{P}: third sign",
]
# What owners can do to help prevent the problem.
prevention = [
  "{P}: first piece of advice",
]
# Red flags: when to call the clinic right away.
call_us_if = [
  "{P}: first red flag",
]
# Optional: blanks to write in, such as "Pet's name" or "Next check-up".
fill_in = ["Pet's name", "Next check-up"]
+++

{P}: write the article here, in plain words. Short sentences help every reader.

## {P}: first heading
"#,
        P = PLACEHOLDER
    )
}

/// Today's date where the computer is (its own time zone), for the `updated`
/// field of a new article: in the evening in the Americas, UTC is already tomorrow.
pub fn today() -> Date {
    date_in(jiff::Timestamp::now(), &jiff::tz::TimeZone::system())
}

/// The calendar date at `moment` in the time zone `zone`.
fn date_in(moment: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> Date {
    let date = moment.to_zoned(zone.clone()).date();
    let year = u16::try_from(date.year()).unwrap_or(1970);
    Date::new(year, date.month() as u8, date.day() as u8).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_local_date() {
        use jiff::tz::{Offset, TimeZone};
        // 02:00 UTC on 8 December is still the evening of the 7th in New York.
        let moment: jiff::Timestamp = "2026-12-08T02:00:00Z".parse().unwrap();
        let new_york = TimeZone::fixed(Offset::from_hours(-5).unwrap());
        assert_eq!(date_in(moment, &new_york).to_string(), "2026-12-07");
        assert_eq!(date_in(moment, &TimeZone::UTC).to_string(), "2026-12-08");
        let tokyo = TimeZone::fixed(Offset::from_hours(9).unwrap());
        assert_eq!(date_in(moment, &tokyo).to_string(), "2026-12-08");
    }

    #[test]
    fn paths_stay_inside_content() {
        assert_eq!(
            article_path("dogs/ear-infections").unwrap(),
            PathBuf::from("dogs/ear-infections.md")
        );
        assert_eq!(
            article_path("content/dogs/ears.md").unwrap(),
            PathBuf::from("dogs/ears.md")
        );
        assert_eq!(
            article_path("./cats/fleas").unwrap(),
            PathBuf::from("cats/fleas.md")
        );
        for bad in [
            "../x",
            "dogs/../../x",
            "/etc/x",
            "C:\\x",
            "",
            "dogs/",
            "Dogs/Ears",
            "dogs/_index",
        ] {
            assert!(article_path(bad).is_err(), "{bad:?} should be refused");
        }
    }
}
