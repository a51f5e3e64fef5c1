//! Branding as data: the main colour from `[brand]`, the logo in the site header,
//! one template overridden from the project's `templates/` folder, and single words
//! from `[labels]`, all without copying the theme.

use crate::common;
use pawprint_text::problem::Code;

use common::*;
use pawprint_settings::brand::{self, colour};

/// A 200 × 100 RGB PNG.
fn png_logo() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 200, 100);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![40u8; 200 * 100 * 3]).unwrap();
    writer.finish().unwrap();
    out
}

/// A project with one article whose site.toml gets `extra` added at the end.
fn branded(extra: &str) -> tempfile::TempDir {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let config = project.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\n{extra}")).unwrap();
    project
}

/// The line of site.toml that starts with `start`, counting from 1.
fn line_of(project: &tempfile::TempDir, start: &str) -> usize {
    let text = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    text.lines().position(|l| l.starts_with(start)).unwrap() + 1
}

#[test]
fn the_brand_colour_and_the_logo_show_on_the_site() {
    let project = branded("[brand]\ncolor = \"#0B5C5D\"\n");
    std::fs::write(project.path().join("logo.png"), png_logo()).unwrap();
    let config = project.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.edit("[clinic]\n", "[clinic]\nlogo = \"logo.png\"\n"),
    )
    .unwrap();

    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let out = report.output;
    let css = text_of(&out, "brand/brand.css");
    assert!(
        css.starts_with(":root { --brand: #0b5c5d; --brand-dark: #"),
        "{css}"
    );
    let theme_css = text_of(&out, "style.css");
    assert!(theme_css.contains("--accent: var(--brand);"), "{theme_css}");
    assert_eq!(
        std::fs::read(out.join("brand/logo.png")).unwrap(),
        png_logo(),
        "the logo is copied into the site as it is"
    );
    for page in ["index.html", "dogs/ears/index.html", "404.html"] {
        let html = text_of(&out, page);
        let style = html.find("href=\"/style.css\"").unwrap();
        let brand = html
            .find("<link rel=\"stylesheet\" href=\"/brand/brand.css\">")
            .unwrap_or_else(|| panic!("{page}: no brand.css link"));
        assert!(style < brand, "{page}: brand.css must come after style.css");
        assert!(
            html.contains(
                "<img class=\"site-logo\" src=\"/brand/logo.png\" \
                 alt=\"Maple Street Animal Clinic (example)\" width=\"96\" height=\"48\">"
            ),
            "{page}: {html}"
        );
    }
}

#[test]
fn without_a_brand_the_site_has_no_brand_files() {
    let project = branded("");
    let out = pawprint::build(project.path(), None)
        .unwrap_or_else(|p| panic!("{p}"))
        .output;
    assert!(!out.join("brand").exists());
    let html = text_of(&out, "index.html");
    assert!(
        !html.contains("brand.css") && !html.contains("site-logo"),
        "{html}"
    );
}

#[test]
fn a_colour_that_is_hard_to_read_is_refused_with_a_colour_that_passes() {
    let project = branded("[brand]\ncolor = \"#4a9fa0\"\n");
    let problems = pawprint::build(project.path(), None).unwrap_err().0;
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p.file, std::path::Path::new("site.toml"));
    assert_eq!(p.line, Some(line_of(&project, "color")));
    assert_eq!(p.code, Some(Code::BrandLowContrast));
    // Both colours and the ratio, with the ratio never rounded up.
    let ratio = colour::contrast(
        colour::Colour::parse("#4a9fa0").unwrap(),
        colour::Colour::rgb(0xf3, 0xf6, 0xf4),
    );
    assert!(p.message.contains("#4a9fa0"), "{}", p.message);
    assert!(p.message.contains("(#f3f6f4)"), "{}", p.message);
    assert!(
        p.message.contains(&colour::ratio_text(ratio)),
        "{}",
        p.message
    );
    assert!(p.message.contains("4.5:1"), "{}", p.message);

    // The suggestion is a colour code that itself passes, and is accepted.
    let help = p.help.as_deref().unwrap();
    let start = help.find("color = \"").unwrap() + "color = \"".len();
    let suggested = &help[start..start + 7];
    let fixed = colour::Colour::parse(suggested).unwrap();
    for (_, other) in brand::MEETS {
        assert!(
            colour::contrast(fixed, *other) >= colour::AA_TEXT,
            "{suggested} with {other}"
        );
    }
    let config = project.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.edit("#4a9fa0", suggested)).unwrap();
    let out = pawprint::build(project.path(), None)
        .unwrap_or_else(|p| panic!("{p}"))
        .output;
    assert!(text_of(&out, "brand/brand.css").contains(&format!("--brand: {suggested};")));
}

#[test]
fn a_colour_that_is_not_a_colour_code_is_placed() {
    let project = branded("[brand]\ncolor = \"teal\"\n");
    let problems = pawprint::build(project.path(), None).unwrap_err().0;
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].line, Some(line_of(&project, "color")));
    assert!(
        problems[0]
            .message
            .contains("\"teal\" is not a colour code")
    );
}

#[test]
fn one_template_at_the_project_root_replaces_the_themes() {
    let project = branded("");
    let own = project.path().join("templates");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>We moved this page</h1>\n{% endblock content %}\n",
    )
    .unwrap();
    let out = pawprint::build(project.path(), None)
        .unwrap_or_else(|p| panic!("{p}"))
        .output;
    let page = text_of(&out, "404.html");
    assert!(page.contains("<h1>We moved this page</h1>"), "{page}");
    // The rest of the theme is still the theme's.
    assert!(text_of(&out, "index.html").contains("class=\"site-header\""));
    assert!(
        project
            .path()
            .join("themes/default/templates/404.html")
            .is_file()
    );

    // A file of a new name is used when a template includes it; a mistyped name,
    // which nothing uses, gets a warning naming the template it was meant for.
    std::fs::create_dir_all(own.join("partials")).unwrap();
    std::fs::write(
        own.join("partials/moved.html"),
        "<p>Try the home page.</p>\n",
    )
    .unwrap();
    std::fs::write(
        own.join("404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{% include \"partials/moved.html\" %}\n{% endblock content %}\n",
    )
    .unwrap();
    std::fs::write(own.join("artcle.html"), "<p>Not used</p>\n").unwrap();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    assert!(text_of(&report.output, "404.html").contains("<p>Try the home page.</p>"));
    let unused: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.code == Some(Code::ThemeUnusedOverride))
        .collect();
    assert_eq!(unused.len(), 1, "{:#?}", report.warnings);
    assert_eq!(
        unused[0].file,
        std::path::Path::new("templates/artcle.html")
    );
    assert!(
        unused[0]
            .help
            .as_deref()
            .unwrap()
            .contains("name this file article.html"),
        "{unused:?}"
    );
    std::fs::remove_file(own.join("artcle.html")).unwrap();

    // A mistake in the override is reported at the override's own file and line.
    std::fs::write(
        own.join("404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.title | nope }}</p>\n{% endblock content %}\n",
    )
    .unwrap();
    let err = stderr(&pawprint(project.path(), &["build"]));
    assert!(err.contains("templates/404.html:3:"), "{err}");
    assert!(!err.contains("themes/default/templates/404.html"), "{err}");
}

#[test]
fn a_label_in_site_toml_replaces_one_word() {
    let project = branded("[labels]\nskip_to_content = \"Jump to the article\"\n");
    let out = pawprint::build(project.path(), None)
        .unwrap_or_else(|p| panic!("{p}"))
        .output;
    let html = text_of(&out, "dogs/ears/index.html");
    assert!(html.contains(">Jump to the article</a>"), "{html}");
    // Words not named keep the words file's text.
    assert!(html.contains(">Home</a>"), "{html}");
}

#[test]
fn an_unknown_label_is_an_error_with_a_suggestion() {
    let project = branded("[labels]\nskip_to_contnt = \"Jump\"\nsigns = \"  \"\n");
    let problems = pawprint::build(project.path(), None).unwrap_err().0;
    assert_eq!(problems.len(), 2, "{problems:#?}");
    let unknown = problems
        .iter()
        .find(|p| p.message.contains("skip_to_contnt"))
        .unwrap();
    assert_eq!(unknown.line, Some(line_of(&project, "skip_to_contnt")));
    assert!(
        unknown.message.contains("is not a word the theme uses"),
        "{}",
        unknown.message
    );
    assert_eq!(
        unknown.help.as_deref(),
        Some("did you mean `skip_to_content`?")
    );
    let empty = problems
        .iter()
        .find(|p| p.message.contains("`labels.signs` is empty"))
        .unwrap();
    assert_eq!(empty.line, Some(line_of(&project, "signs")));
}

fn text_of(out: &std::path::Path, path: &str) -> String {
    text(out, path)
}

/// The `--name: #rrggbb` custom properties set in `block` of the theme's CSS.
fn colour_vars(block: &str) -> std::collections::HashMap<String, colour::Colour> {
    block
        .lines()
        .filter_map(|line| {
            let (name, rest) = line.trim().split_once(':')?;
            let value = rest.split(';').next()?.trim();
            let name = name.strip_prefix("--")?;
            Some((name.to_string(), colour::Colour::parse(value).ok()?))
        })
        .collect()
}

#[test]
fn focus_rings_reach_3_to_1_on_every_background_in_both_schemes() {
    let css = std::fs::read_to_string("crates/theme/default/static/style.css").unwrap();
    let light_start = css.find(":root {").unwrap();
    let light = &css[light_start..light_start + css[light_start..].find('}').unwrap()];
    let dark_start = css
        .find("@media screen and (prefers-color-scheme: dark)")
        .expect("style.css has a dark scheme for screens only");
    let dark_block = &css[dark_start..];
    let dark_block = &dark_block[..dark_block.find("}\n}").unwrap()];
    let light = colour_vars(light);
    let mut dark = light.clone();
    dark.extend(colour_vars(dark_block));
    let header = colour::Colour::rgb(0x07, 0x3f, 0x40); // the default --brand-dark
    for (scheme, vars) in [("light", &light), ("dark", &dark)] {
        let focus = vars["focus"];
        for background in ["paper", "wash", "alarm-wash"] {
            let ratio = colour::contrast(focus, vars[background]);
            assert!(
                ratio >= brand::FOCUS_MIN,
                "{scheme}: --focus {focus} on --{background} {}: {ratio:.2}",
                vars[background]
            );
        }
        let ring = vars["focus-on-brand"];
        assert!(
            colour::contrast(ring, header) >= brand::FOCUS_MIN,
            "{scheme}"
        );
        assert!(
            colour::contrast(vars["ink"], vars["paper"]) >= 7.0,
            "{scheme}"
        );
        assert!(
            colour::contrast(vars["muted"], vars["wash"]) >= 4.5,
            "{scheme}"
        );
        assert!(
            colour::contrast(vars["alarm"], vars["alarm-wash"]) >= 4.5,
            "{scheme}"
        );
    }
    // The header ring is the one pawprint checks against a [brand] colour.
    assert_eq!(light["focus-on-brand"], brand::FOCUS_ON_BRAND[0].1);
    // The dark scheme's backgrounds are the ones the brand's dark shade is made for.
    for (name, background) in brand::DARK_MEETS {
        assert!(
            [dark["paper"], dark["wash"]].contains(background),
            "{name} {background}"
        );
    }
    let default_on_dark = light["brand-on-dark"];
    for (_, background) in brand::DARK_MEETS {
        assert!(colour::contrast(default_on_dark, *background) >= colour::AA_TEXT);
    }
}

#[test]
fn the_dark_scheme_gets_a_lighter_brand_shade_that_reads_on_it() {
    for hex in ["#0b5c5d", "#8c1d18", "#1a3d8f", "#000000", "#5a2d82"] {
        let project = branded(&format!("[brand]\ncolor = \"{hex}\"\n"));
        let out = pawprint::build(project.path(), None)
            .unwrap_or_else(|p| panic!("{hex}: {p}"))
            .output;
        let css = text_of(&out, "brand/brand.css");
        let start = css.find("--brand-on-dark: ").unwrap() + "--brand-on-dark: ".len();
        let shade = colour::Colour::parse(&css[start..start + 7]).unwrap();
        let main = colour::Colour::parse(hex).unwrap();
        assert!(shade.luminance() > main.luminance(), "{hex} -> {shade}");
        for (name, background) in brand::DARK_MEETS {
            assert!(
                colour::contrast(shade, *background) >= colour::AA_TEXT,
                "{hex} -> {shade} on {name}"
            );
        }
        // The header keeps the darker shade, and its focus ring shows on it.
        let dark_start = css.find("--brand-dark: ").unwrap() + "--brand-dark: ".len();
        let dark = colour::Colour::parse(&css[dark_start..dark_start + 7]).unwrap();
        for (_, ring) in brand::FOCUS_ON_BRAND {
            assert!(colour::contrast(*ring, dark) >= brand::FOCUS_MIN, "{hex}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_logo_behind_a_linked_folder_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.png"), png_logo()).unwrap();
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    std::os::unix::fs::symlink(outside.path(), project.path().join("linkdir")).unwrap();
    let config = project.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.edit("[clinic]\n", "[clinic]\nlogo = \"linkdir/secret.png\"\n"),
    )
    .unwrap();
    let out = pawprint(project.path(), &["build"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("is a link"), "{err}");
    assert!(!project.path().join("output").exists());
}
