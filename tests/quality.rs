//! Proof against real-world use: every internal link resolves, feed and sitemap
//! point at real files, hostile text is escaped everywhere, paths stay safe, and
//! very large input gives a page or a clear error.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

const BASE: &str = "https://pets.maple-street-vet.example/";

/// Every value of `attribute="..."` in an HTML page.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// Checks that every internal `href` and `src` in the built site names a file in it,
/// and that every `#fragment` names an id on the target page.
fn assert_links_resolve(out: &Path) -> usize {
    let files = read_tree(out);
    let pages: BTreeMap<&String, String> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8_lossy(bytes).into_owned()))
        .collect();
    let mut checked = 0;
    for (page, html) in &pages {
        for link in attribute_values(html, "href")
            .into_iter()
            .chain(attribute_values(html, "src"))
        {
            let link = link.replace("&amp;", "&");
            let lower = link.to_ascii_lowercase();
            if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:")
                || lower.starts_with("tel:")
            {
                continue;
            }
            checked += 1;
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let target = if path.is_empty() {
                page.to_string()
            } else {
                let path = path
                    .strip_prefix('/')
                    .unwrap_or_else(|| panic!("{page}: relative link {link}"));
                if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                }
            };
            assert!(
                files.contains_key(&target),
                "{page}: {link} points to {target}, which is not in the site"
            );
            if let Some(id) = fragment {
                let html = &pages[&target];
                assert!(
                    html.contains(&format!(" id=\"{id}\"")),
                    "{page}: {link}: no id {id} on {target}"
                );
            }
        }
    }
    checked
}

#[test]
fn every_internal_link_in_the_shipped_site_resolves() {
    let checked = assert_links_resolve(&shipped_built().out);
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn links_between_articles_sections_tags_and_images_resolve() {
    let ears = ARTICLE.edit(
        "Ears need care. Look at them each week.",
        "Ears need care. See [teeth](../dogs/teeth.md#brushing), [cats](/cats/) and [top](#why-ears-matter).\n\n![An ear](ear.png)",
    );
    let teeth = ARTICLE
        .edit("Ear care for dogs", "Teeth")
        .edit("## Why ears matter", "## Brushing")
        .edit(
            "species = [\"dog\"]",
            "species = [\"dog\", \"cat\"]\ntags = [\"Mouth & Teeth\"]",
        );
    let cats = ARTICLE
        .edit("Ear care for dogs", "Cat ears")
        .edit("species = [\"dog\"]", "species = [\"cat\"]");
    let project = project(&[
        ("dogs/ears.md", ears.as_bytes()),
        ("dogs/teeth.md", teeth.as_bytes()),
        ("cats/ears/index.md", cats.as_bytes()),
        (
            "cats/_index.md",
            b"+++\ntitle = \"Cats\"\n+++\nSee [dog ears](../dogs/ears.md).\n",
        ),
        ("dogs/ear.png", b"png"),
    ]);
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    assert!(report.output.join("tags/mouth-teeth/index.html").is_file());
    let checked = assert_links_resolve(&report.output);
    assert!(checked > 100, "only {checked} links checked");
    let check = pawprint(project.path(), &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn feed_and_sitemap_urls_are_absolute_and_point_to_files() {
    let files = read_tree(&shipped_built().out);
    let to_file = |url: &str| -> String {
        let path = url
            .strip_prefix(BASE)
            .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
        if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        }
    };
    let mut urls = Vec::new();
    for name in ["sitemap.xml", "atom.xml"] {
        let xml = text(&shipped_built().out, name);
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        for node in doc.descendants() {
            if node.has_tag_name("loc") || (name == "atom.xml" && node.has_tag_name("id")) {
                urls.push(node.text().unwrap().to_string());
            }
            if node.has_tag_name("link") {
                urls.push(node.attribute("href").unwrap().to_string());
            }
        }
    }
    assert!(urls.len() >= 10);
    for url in urls {
        assert!(url.starts_with(BASE), "{url}");
        assert!(files.contains_key(&to_file(&url)), "{url} has no file");
    }
}

const HOSTILE: &str = "<script>alert(\"x\")</script> & 'co'";

#[test]
fn hostile_text_is_escaped_in_html_feed_and_sitemap_and_literal_in_the_pdf() {
    let title = HOSTILE.replace('"', "\\\"");
    let article = ARTICLE
        .edit(
            "title = \"Ear care for dogs\"",
            &format!("title = \"{title}\""),
        )
        .edit(
            "summary = \"How to keep ears clean.\"",
            &format!("summary = \"{title}\"\ntags = [\"{title}\"]"),
        )
        .edit("\"Head shaking\"", &format!("\"{title}\""));
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let config = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    std::fs::write(
        project.path().join("site.toml"),
        config.edit(
            "name = \"Maple Street Animal Clinic (example)\"",
            &format!("name = \"{title}\""),
        ),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let out = &report.output;
    for (path, bytes) in read_tree(out) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.contains("<script>alert"),
            "{path} has the raw script tag"
        );
        assert!(!text.contains("& 'co'"), "{path} has a raw ampersand");
    }
    let page = text(out, "dogs/ears/index.html");
    assert!(
        page.contains(
            "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2F;script&gt; &amp; &#39;co&#39;</h1>"
        ) || page.contains(
            "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</h1>"
        ),
        "{page}"
    );
    // The JSON-LD still holds the exact text once parsed.
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + page[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(json["name"], HOSTILE);
    // XML parsers read back the exact text.
    let feed = text(out, "atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    assert!(titles.contains(&HOSTILE), "{titles:?}");
    let authors: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("name"))
        .filter_map(|n| n.text())
        .collect();
    assert!(authors.contains(&HOSTILE));
    roxmltree::Document::parse(&text(out, "sitemap.xml")).unwrap();
    // The PDF shows it literally.
    let pdf =
        lopdf::Document::load_mem(&std::fs::read(out.join("dogs/ears/dogs-ears-a4.pdf")).unwrap())
            .unwrap();
    let words = pdf.extract_text(&[1]).unwrap();
    assert!(words.contains(HOSTILE), "{words}");
}

#[test]
fn raw_html_in_a_body_is_shown_as_text_and_keeps_the_page_whole() {
    let article = ARTICLE.edit(
        "Ears need care.",
        "Ears <b>need</b> care.\n\n<div class=\"x\">\n\nUnclosed.",
    );
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let report = pawprint::build(project.path(), None).unwrap();
    assert_eq!(report.warnings.len(), 2, "{:?}", report.warnings);
    assert!(
        report.warnings[0]
            .message
            .contains("raw HTML is shown as text")
    );
    let page = text(&report.output, "dogs/ears/index.html");
    assert!(page.contains("Ears &lt;b&gt;need&lt;/b&gt; care."));
    assert!(page.contains("&lt;div class=\"x\"&gt;"), "{page}");
    assert!(!page.contains("<div class=\"x\">"));
    assert!(page.contains("</main>") && page.trim_end().ends_with("</html>"));
}

#[test]
fn script_addresses_are_left_out_with_a_warning() {
    let article = ARTICLE.edit(
        "Ears need care.",
        "Ears need [care](javascript:alert(document.cookie)).",
    );
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let report = pawprint::build(project.path(), None).unwrap();
    let page = text(&report.output, "dogs/ears/index.html");
    assert!(!page.to_lowercase().contains("javascript:"));
    assert!(page.contains("<a href=\"#\">care</a>"));
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].short().contains("content/dogs/ears.md:17:11: warning[link.unsafe]: the address `javascript:alert(document.cookie)` would run a script"));
    // check passes (it is only a warning) but fails when strict.
    assert!(pawprint(project.path(), &["check"]).status.success());
    assert!(
        !pawprint(project.path(), &["check", "--strict"])
            .status
            .success()
    );
}

#[test]
fn names_that_differ_only_in_case_are_rejected() {
    let project = project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        ("dogs/Photo.png", b"a"),
        ("dogs/photo.png", b"b"),
        ("dogs/Ears.md", ARTICLE.as_bytes()),
    ]);
    let err = stderr(&pawprint(project.path(), &["build", "--format", "short"]));
    assert!(
        err.contains("this makes the same address /dogs/photo.png as content/dogs/Photo.png"),
        "{err}"
    );
    assert!(
        err.contains("\"Ears.md\" cannot be part of a web address"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_in_content_are_not_followed() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        ARTICLE.edit("Ear care", "Secret"),
    )
    .unwrap();
    std::fs::create_dir(outside.path().join("folder")).unwrap();
    std::fs::write(
        outside.path().join("folder/more.md"),
        ARTICLE.edit("Ear care", "More secret"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        project.path().join("content/dogs/secret.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("folder"),
        project.path().join("content/cats"),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap();
    assert_eq!(report.articles, 1);
    assert!(!report.output.join("dogs/secret").exists());
    assert!(!report.output.join("cats").exists());
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("skipped a symbolic link"))
    );
}

#[test]
fn a_huge_article_builds_and_a_huge_list_is_a_clear_error() {
    // About 5 MB of body text: a page, built.
    let paragraph =
        "Look at the ears each week and call us if they smell or look red. ".repeat(20) + "\n\n";
    let body = paragraph.repeat(5 * 1024 * 1024 / paragraph.len());
    let big = ARTICLE.edit("Ears need care. Look at them each week.\n", &body);
    assert!(big.len() > 5_000_000);
    let project = project(&[("dogs/ears.md", big.as_bytes())]);
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    assert!(
        std::fs::metadata(report.output.join("dogs/ears/index.html"))
            .unwrap()
            .len()
            > 5_000_000
    );

    // 10,000 prevention items: the handout cannot fit, and the build says so.
    let items: Vec<String> = (0..10_000).map(|i| format!("\"Tip {i}\"")).collect();
    let many = ARTICLE.edit(
        "prevention = [\"Dry the ears after a swim.\"]",
        &format!("prevention = [{}]", items.join(", ")),
    );
    let project = common::project(&[("dogs/ears.md", many.as_bytes())]);
    let err = stderr(&pawprint(project.path(), &["build", "--format", "short"]));
    assert!(
        err.contains("the handout does not fit on one US Letter page"),
        "{err}"
    );
    assert!(err.contains("handout.prevention ("), "{err}");
}

#[test]
fn addresses_in_site_toml_theme_and_front_matter_get_the_scheme_check() {
    // Before: `clinic.website = "javascript:..."` reached every page's footer.
    let site_toml = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let site = std::fs::read_to_string(site_toml.path().join("site.toml")).unwrap();
    let site = site.edit(
        "website = \"https://www.maple-street-vet.example/\"",
        "website = \"javascript:alert(document.cookie)\"",
    );
    std::fs::write(site_toml.path().join("site.toml"), &site).unwrap();
    let output = pawprint(site_toml.path(), &["build", "--format", "short"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    let line = 1 + site
        .lines()
        .position(|l| l.starts_with("website = "))
        .unwrap();
    assert!(
        err.contains(&format!("site.toml:{line}:11: error[settings.bad-value]: `clinic.website` \"javascript:alert(document.cookie)\" starts with `javascript:`")),
        "{err}"
    );
    assert!(err.contains("help: write the full address"), "{err}");
    assert!(!site_toml.path().join("output").exists());

    // A source's url is checked at its own line, not the first `url` line.
    let article = ARTICLE.edit(
        "\n[handout]",
        "\n[[sources]]\ntitle = \"Good\"\nurl = \"https://example.org/\"\n\n[[sources]]\ntitle = \"Bad\"\nurl = \" JavaScript:alert(1)\"\n\n[handout]",
    );
    let sources = project(&[("dogs/ears.md", article.as_bytes())]);
    let err = stderr(&pawprint(sources.path(), &["build", "--format", "short"]));
    assert!(
        err.contains("content/dogs/ears.md:13:7: error[settings.bad-value]: `sources[1].url` \"JavaScript:alert(1)\" starts with `javascript:`"),
        "{err}"
    );

    // Theme files are paths inside the theme folder, never outside it.
    let fonts = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let theme = fonts.path().join("themes/default/theme.toml");
    let text = std::fs::read_to_string(&theme).unwrap().edit(
        "# font_regular = \"fonts/MyFont-Regular.ttf\"\n# font_bold = \"fonts/MyFont-Bold.ttf\"",
        "font_regular = \"/etc/passwd.ttf\"\nfont_bold = \"../../x.ttf\"",
    );
    std::fs::write(&theme, text).unwrap();
    let err = stderr(&pawprint(fonts.path(), &["build", "--format", "short"]));
    assert!(
        err.contains("`handout.font_regular` \"/etc/passwd.ttf\" is an absolute path"),
        "{err}"
    );
    assert!(
        err.contains("`handout.font_bold` \"../../x.ttf\" climbs out of its folder"),
        "{err}"
    );
}

#[test]
fn names_that_are_one_file_on_macos_or_windows_are_rejected() {
    // Before: each pair built as two pages, which are one file on macOS and Windows.
    let project = project(&[
        ("dogs/scooting.md", ARTICLE.as_bytes()),
        ("dogs/ſcooting.md", ARTICLE.as_bytes()),
        ("cats/σ.md", ARTICLE.as_bytes()),
        ("cats/ς.md", ARTICLE.as_bytes()),
        ("glándulas/leaks.md", ARTICLE.as_bytes()),
        ("dogs/-.md", ARTICLE.as_bytes()),
        ("dogs/Oído Sano.png", b"x"),
        ("dogs/Photo.png", b"x"),
    ]);
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    for expected in [
        "content/dogs/ſcooting.md: error[content.bad-name]: the file name \"ſcooting.md\" cannot be part of a web address\n  help: rename the file to \"scooting.md\"",
        "content/cats/σ.md: error[content.bad-name]: the file name \"σ.md\" cannot be part of a web address\n  help: rename the file to \"s.md\"",
        "content/cats/ς.md: error[content.bad-name]: the file name \"ς.md\" cannot be part of a web address",
        "the folder name \"glándulas\" cannot be part of a web address\n  help: rename the folder to \"glandulas\"",
        // Not `.md`, which would be a hidden file.
        "content/dogs/-.md: error[content.bad-name]: the file name \"-.md\" cannot be part of a web address\n  help: give the file a name with letters or digits, such as \"ear-care.md\"",
        "content/dogs/Oído Sano.png: error[content.non-ascii-name]: the file name \"Oído Sano.png\" has letters outside a-z\n  help: rename the file to \"oido-sano.png\"",
    ] {
        assert!(err.contains(expected), "{expected}\n---\n{err}");
    }
    assert!(!err.contains("Photo.png"), "{err}");
    assert!(!err.contains("scooting.md:"), "{err}");

    // `new` takes the same names and suggests the ASCII one.
    let output = pawprint(project.path(), &["new", "dogs/glándulas", "--title", "x"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("rename the article to \"glandulas\""),
        "{}",
        stderr(&output)
    );
}

fn load_article(bytes: Vec<u8>) -> Result<pawprint_content::load::Loaded, Vec<pawprint::Problem>> {
    pawprint_content::load::parse_markdown(
        "content/dogs/ears.md".into(),
        "dogs/ears.md",
        bytes,
        "/",
    )
}

#[test]
fn control_characters_are_dropped_from_front_matter_and_shown_in_the_body() {
    use pawprint_content::load::Loaded;
    // Before: raw ones became U+FFFD in the title, though escapes were dropped.
    let text = ARTICLE
        .edit(
            "title = \"Ear care for dogs\"",
            "title = \"Ear\u{0} care\u{7} for dogs\u{1b}\"",
        )
        .edit("summary = \"How", "summary = \"\u{0}How")
        .edit("Ears need care.", "Ears need\u{0} care.");
    match load_article(text.clone().into_bytes()) {
        Ok(Loaded::Article(a)) => {
            assert_eq!(a.front.title, "Ear care for dogs");
            assert_eq!(a.front.summary, "How to keep ears clean.");
            assert!(
                a.body.html.contains("Ears need\u{fffd} care."),
                "{}",
                a.body.html
            );
            assert_eq!(a.body_line, 14);
        }
        other => panic!("{other:?}"),
    }
    // Lines stay right after a dropped character.
    let bad = text.edit("updated = 2026-01-15", "updated = \"soon\"");
    let problems = load_article(bad.into_bytes()).unwrap_err();
    assert_eq!(problems[0].line, Some(5), "{problems:?}");
}

#[test]
fn old_mac_line_ends_are_read_with_the_right_lines() {
    use pawprint_content::load::Loaded;
    // Before: "the file does not start with front matter".
    let cr = ARTICLE.replace('\n', "\r");
    match load_article(cr.clone().into_bytes()) {
        Ok(Loaded::Article(a)) => {
            assert_eq!(a.front.title, "Ear care for dogs");
            assert_eq!(a.front.handout.signs.len(), 3);
            assert_eq!(a.body_line, 14);
            assert!(a.body.html.contains("<h2"), "{}", a.body.html);
        }
        other => panic!("{other:?}"),
    }
    let bad = cr.edit("signs = [", "signs = 3 + [");
    let problems = load_article(bad.into_bytes()).unwrap_err();
    assert_eq!(problems[0].line, Some(9), "{problems:?}");
    // A raw HTML warning in the body is placed at its line too.
    let project = project(&[(
        "dogs/ears.md",
        ARTICLE
            .edit("Ears need care.", "<div>x</div>")
            .replace('\n', "\r")
            .as_bytes(),
    )]);
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(report.warnings[0].line, Some(17), "{:?}", report.warnings);
}
