//! Building the shipped project and fixture projects into temporary folders.

use crate::common;

use common::*;

/// The shipped example, built once for the tests that read it.
fn build_shipped() -> &'static Built {
    shipped_built()
}

/// The levels of the headings of an HTML page, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let level = html.as_bytes().get(i + 2)?;
            let next = html.as_bytes().get(i + 3)?;
            (level.is_ascii_digit() && (*next == b' ' || *next == b'>')).then(|| level - b'0')
        })
        .collect()
}

#[test]
fn the_shipped_project_builds_every_page() {
    let out = &build_shipped().out;
    for path in [
        "index.html",
        "404.html",
        "dogs/index.html",
        "dogs/anal-gland-leakage/index.html",
        "tags/index.html",
        "tags/scooting/index.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "style.css",
        ".pawprint-output",
    ] {
        assert!(out.join(path).is_file(), "{path} is missing");
    }
    let home = text(out, "index.html");
    assert!(home.contains("Maple Street Animal Clinic (example)"));
    assert!(home.contains("href=\"tel:+15035550142\""));
    assert!(home.contains("<h3 id=\"species-dog\">Dogs <span class=\"count\">1 topic</span></h3>"));
    assert!(home.contains("href=\"/dogs/anal-gland-leakage/\""));
    let section = text(out, "dogs/index.html");
    assert!(section.contains("href=\"/dogs/anal-gland-leakage/\""));
    assert!(
        text(out, "robots.txt")
            .contains("Sitemap: https://pets.maple-street-vet.example/sitemap.xml")
    );
}

#[test]
fn the_article_page_carries_the_front_matter() {
    let shipped = build_shipped();
    let (root, out) = (shipped.root.as_path(), &shipped.out);
    let html = text(out, "dogs/anal-gland-leakage/index.html");
    let source = std::fs::read_to_string(root.join("content/dogs/anal-gland-leakage.md")).unwrap();
    let library = pawprint_content::load::load(root).unwrap();
    let front = &library.articles[0].front;
    assert!(source.contains(&front.title));
    let escaped = |s: &str| {
        s.replace('&', "&amp;")
            .replace('\'', "&#39;")
            .replace('"', "&quot;")
    };
    for item in front
        .handout
        .signs
        .iter()
        .chain(&front.handout.prevention)
        .chain(&front.handout.call_us_if)
    {
        assert!(
            html.contains(&format!("<li>{}</li>", escaped(item))),
            "missing: {item}"
        );
    }
    // Signs appear in order in the checklist.
    let checklist = &html[html.find("class=\"signs\"").unwrap()..];
    let mut at = 0;
    for sign in &front.handout.signs {
        let found = checklist[at..].find(&escaped(sign)).expect(sign);
        at += found;
    }
    assert!(html.contains("<link rel=\"canonical\" href=\"https://pets.maple-street-vet.example/dogs/anal-gland-leakage/\">"));
    assert!(
        html.contains(
            "<meta property=\"og:title\" content=\"Why Your Dog&#39;s Anal Glands Leak\">"
        )
    );
    assert!(html.contains("<meta property=\"og:description\""));
    assert!(html.contains("class=\"call-us\""));
    assert!(html.contains("id=\"contents\""), "table of contents");
    assert!(html.contains("<time datetime=\"2026-11-20\">November 20, 2026</time>"));
    assert!(html.contains("Reviewed by Dr. Ana Ruiz"));
    assert!(html.contains("href=\"https://www.dogster.com/"), "sources");

    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(json["@type"], "MedicalWebPage");
    assert_eq!(json["dateModified"], "2026-11-20");
    assert_eq!(
        json["reviewedBy"]["name"],
        "Dr. Ana Ruiz, DVM (example reviewer)"
    );
    assert_eq!(
        json["url"],
        "https://pets.maple-street-vet.example/dogs/anal-gland-leakage/"
    );
}

/// Where `needle` first occurs in `html`, or a panic naming it.
fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("{needle} is missing"))
}

#[test]
fn the_article_page_gives_first_help_before_the_long_body() {
    let out = &build_shipped().out;
    let html = text(out, "dogs/anal-gland-leakage/index.html");
    let summary = at(&html, "<p class=\"lead\">");
    let call_us = at(&html, "<section class=\"call-us\"");
    let signs = at(&html, "<section class=\"checklist\"");
    let sheet = at(&html, "<section class=\"handout-box\"");
    let contents = at(&html, "<nav class=\"toc");
    let body = at(&html, "<div class=\"article-body\"");
    let prevention = at(&html, "<section class=\"prevention\"");
    assert!(summary < call_us, "the call-us panel follows the summary");
    assert!(
        call_us < signs && signs < sheet,
        "call us, then signs, then the sheet"
    );
    assert!(
        sheet < contents && contents < body,
        "the contents, then the body"
    );
    assert!(body < prevention, "prevention follows the body");
    assert!(html.contains("<h2 id=\"handout\">Print the one-page sheet</h2>"));
    // The table of contents twice: open for wide screens, folded for phones.
    let open = at(
        &html,
        "<nav class=\"toc toc-open\" aria-labelledby=\"contents\">",
    );
    let folded = at(
        &html,
        "<nav class=\"toc toc-folded\" aria-labelledby=\"contents-folded\">",
    );
    let details = &html[folded..body];
    assert!(
        details.contains(
            "<details>\n      <summary><h2 id=\"contents-folded\">On this page</h2></summary>"
        ),
        "{details}"
    );
    let links = |part: &str| part.matches("<a href=\"#").count();
    assert_eq!(links(&html[open..folded]), links(details));
    assert!(links(details) > 5);
    // The stylesheet shows one of the two by screen width.
    let css = text(out, "style.css");
    assert!(css.contains(".toc-folded { display: none; }"));
    assert!(css.contains("@media (max-width: 47.99rem) {\n  .toc-open { display: none; }\n  .toc-folded { display: block; }"));
}

#[test]
fn the_home_page_shows_title_and_contacts_once_and_counts_topics() {
    let cat = ARTICLE
        .edit("Ear care for dogs", "Ear care for cats")
        .edit("species = [\"dog\"]", "species = [\"cat\"]");
    let teeth = ARTICLE.edit("Ear care for dogs", "Teeth care for dogs");
    let project = project(&[
        ("dogs/ear-care.md", ARTICLE.as_bytes()),
        ("dogs/teeth.md", teeth.as_bytes()),
        ("cats/ears.md", cat.as_bytes()),
    ]);
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let home = text(&report.output, "index.html");
    let body = &home[at(&home, "<body>")..];
    assert_eq!(
        body.matches("Maple Street Pet Health Library").count(),
        1,
        "{body}"
    );
    assert_eq!(body.matches("mailto:").count(), 1, "{body}");
    assert_eq!(body.matches("120 Maple Street").count(), 1, "{body}");
    assert!(body.contains("<h1>Pet health advice</h1>"));
    assert!(
        body.contains("<h3 id=\"species-dog\">Dogs <span class=\"count\">2 topics</span></h3>")
    );
    assert!(body.contains("<h3 id=\"species-cat\">Cats <span class=\"count\">1 topic</span></h3>"));
    // Cats before Dogs, by name; each group lists its own articles.
    let cats = at(body, "species-cat");
    let dogs = at(body, "species-dog");
    assert!(cats < dogs);
    assert!(body[cats..dogs].contains("Ear care for cats"));
    assert!(body[dogs..].contains("Ear care for dogs"));
}

#[test]
fn every_page_is_accessible_in_structure() {
    let out = &build_shipped().out;
    for (path, bytes) in read_tree(out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let lang = if path.starts_with("es/") { "es" } else { "en" };
        assert!(
            html.starts_with(&format!("<!doctype html>\n<html lang=\"{lang}\">")),
            "{path}: lang"
        );
        // A page at an old address only sends readers on (see
        // languages::old_spanish_addresses_send_readers_to_the_new_ones).
        if html.contains("<meta http-equiv=\"refresh\"") {
            continue;
        }
        assert!(
            html.contains("<a class=\"skip-link\" href=\"#main\">"),
            "{path}: skip link"
        );
        assert!(html.contains("<main id=\"main\""), "{path}: main landmark");
        assert!(
            html.contains("<header") && html.contains("<footer"),
            "{path}: landmarks"
        );
        assert!(html.contains("name=\"viewport\""), "{path}: viewport");
        let levels = heading_levels(&html);
        assert_eq!(
            levels.iter().filter(|l| **l == 1).count(),
            1,
            "{path}: one h1 in {levels:?}"
        );
        assert_eq!(levels.first(), Some(&1), "{path}: h1 first in {levels:?}");
        let mut ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "{path}: an id is used twice");
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: heading jumps from h{} to h{}",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn the_sitemap_lists_every_page_and_the_feed_parses() {
    let out = &build_shipped().out;
    let sitemap = text(out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    let base = "https://pets.maple-street-vet.example/";
    // Every page but those at old addresses, which only send readers on.
    let mut pages: Vec<String> = read_tree(out)
        .iter()
        .filter(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("http-equiv=\"refresh\""))
        .filter_map(|(p, _)| p.strip_suffix("index.html"))
        .map(|p| format!("{base}{p}"))
        .collect();
    pages.sort();
    let mut listed = locs.clone();
    listed.sort();
    assert_eq!(listed, pages);

    let feed = text(out, "atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 1);
    let id = entries[0]
        .children()
        .find(|n| n.has_tag_name("id"))
        .unwrap();
    assert_eq!(
        id.text(),
        Some("https://pets.maple-street-vet.example/dogs/anal-gland-leakage/")
    );
    let updated = entries[0]
        .children()
        .find(|n| n.has_tag_name("updated"))
        .unwrap();
    assert_eq!(updated.text(), Some("2026-11-20T00:00:00Z"));
}

#[test]
fn a_second_build_gives_identical_bytes() {
    let project = shipped_copy();
    let out_a = project.path().join("a");
    let out_b = project.path().join("b");
    pawprint::build(project.path(), Some(&out_a)).unwrap();
    pawprint::build(project.path(), Some(&out_b)).unwrap();
    let a = read_tree(&out_a);
    let b = read_tree(&out_b);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between builds");
    }
}

#[test]
fn sections_use_their_index_file_and_images_are_copied() {
    let index = "+++\ntitle = \"Our dog articles\"\nsummary = \"Care for dogs.\"\n+++\nDogs are **great**.\n";
    let article = ARTICLE.edit("Ears need care.", "Ears need care. ![An ear](ear.png)");
    let project = project(&[
        ("dogs/_index.md", index.as_bytes()),
        ("dogs/ears.md", article.as_bytes()),
        ("dogs/ear.png", b"png bytes"),
    ]);
    let report = pawprint::build(project.path(), None).unwrap();
    let section = text(&report.output, "dogs/index.html");
    assert!(section.contains("<h1>Our dog articles</h1>"));
    assert!(section.contains("<strong>great</strong>"));
    let page = text(&report.output, "dogs/ears/index.html");
    assert!(page.contains("<img src=\"/dogs/ear.png\" alt=\"An ear\""));
    assert_eq!(
        std::fs::read(report.output.join("dogs/ear.png")).unwrap(),
        b"png bytes"
    );
}

#[test]
fn a_bad_fixture_fails_with_file_line_and_column() {
    let bad = ARTICLE
        .edit("title = ", "titel = ")
        .edit("updated = 2026-01-15", "updated = \"January\"")
        .edit(
            "prevention = [\"Dry the ears after a swim.\"]",
            "prevention = []",
        );
    let project = project(&[("dogs/ears.md", bad.as_bytes())]);
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("content/dogs/ears.md:2:1: error[settings.unknown-key]: unknown key `titel`"),
        "{err}"
    );
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("missing required field `title`"), "{err}");
    assert!(
        err.contains(
            "content/dogs/ears.md:5:11: error[settings.bad-date]: `updated` should be a date like 2026-11-20"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/dogs/ears.md:10:14: error[settings.wrong-count]: `handout.prevention` is an empty list"),
        "{err}"
    );
    assert!(err.contains("Build failed: 4 errors"), "{err}");
    assert!(!project.path().join("output").exists());
}

#[test]
fn broken_files_are_all_reported_together() {
    let unclosed = "+++\ntitle = \"x\"\n";
    let not_utf8: &[u8] = b"+++\ntitle = \"caf\xe9\"\n+++\n";
    let project = project(&[
        ("dogs/unclosed.md", unclosed.as_bytes()),
        ("dogs/latin1.md", not_utf8),
        ("dogs/ears.md", ARTICLE.as_bytes()),
        ("dogs/ears/index.md", ARTICLE.as_bytes()),
        ("dogs/Bad Name.md", ARTICLE.as_bytes()),
    ]);
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("content/dogs/unclosed.md:1:1: error[front-matter.not-closed]: the front matter opened with +++ on line 1 is never closed"), "{err}");
    assert!(
        err.contains(
            "content/dogs/latin1.md:2:13: error[io.not-utf8]: the file is not valid UTF-8 text"
        ),
        "{err}"
    );
    assert!(err.contains("makes the same address /dogs/ears/"), "{err}");
    assert!(
        err.contains("\"Bad Name.md\" cannot be part of a web address"),
        "{err}"
    );
    assert!(err.contains("bad-name.md"), "{err}");
}

#[test]
fn template_errors_name_the_template_line_and_column() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let template = project.path().join("themes/default/templates/tags.html");
    std::fs::write(&template, "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ tags | nope }}</p>\n{% endblock content %}\n").unwrap();
    let err = stderr(&pawprint(project.path(), &["build"]));
    assert!(
        err.contains("themes/default/templates/tags.html:3:"),
        "{err}"
    );

    std::fs::write(&template, "{% extends \"base.html\" %}\n{% block content %}\n  {% for x in %}\n{% endblock content %}\n").unwrap();
    let err = stderr(&pawprint(project.path(), &["build"]));
    assert!(
        err.contains("themes/default/templates/tags.html:3:"),
        "{err}"
    );
    assert!(
        err.contains("error[theme.template-error]: template:"),
        "{err}"
    );
}

#[test]
fn a_failed_build_leaves_the_last_good_output() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    assert!(pawprint(project.path(), &["build"]).status.success());
    let before = read_tree(&project.path().join("output"));
    std::fs::write(
        project.path().join("content/dogs/ears.md"),
        ARTICLE.edit("+++\n\n##", "\n##"),
    )
    .unwrap();
    let output = pawprint(project.path(), &["build"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("The last good output was left as it was."));
    assert_eq!(read_tree(&project.path().join("output")), before);
    let leftovers: Vec<_> = std::fs::read_dir(project.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("pawprint"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn dangerous_outputs_are_refused_and_nothing_is_touched() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let before = read_tree(project.path());
    for bad in [
        ".",
        "..",
        "content",
        "content/dogs",
        "themes/default/out",
        "/",
    ] {
        let output = pawprint(project.path(), &["build", "--output", bad]);
        assert!(!output.status.success(), "{bad} was accepted");
        assert!(
            stderr(&output).contains("refusing to build into"),
            "{bad}: {}",
            stderr(&output)
        );
    }
    assert_eq!(read_tree(project.path()), before);

    // A folder pawprint did not make is never replaced.
    let mine = project.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep").unwrap();
    let output = pawprint(project.path(), &["build", "--output", "mine"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("was not made by pawprint"));
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn root_and_output_flags_build_elsewhere() {
    let project = fixture("two-languages");
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("public");
    let output = pawprint(
        elsewhere.path(),
        &[
            "build",
            "--root",
            project.path().to_str().unwrap(),
            "--output",
            target.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("Built 3 articles in 2 languages, "),
        "{stdout}"
    );
    assert!(stdout.contains(" ms"), "{stdout}");
    assert!(target.join("dogs/ear-care/index.html").is_file());
    assert!(!project.path().join("output").exists());
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let help = pawprint(dir.path(), &["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("build"));
    let version = pawprint(dir.path(), &["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("pawprint {}", env!("CARGO_PKG_VERSION"))
    );
    let missing = pawprint(dir.path(), &["build"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("cannot read site.toml"));
}

#[test]
fn a_site_under_a_path_links_everything_under_that_path() {
    let project = project(&[(
        "dogs/ears.md",
        ARTICLE
            .edit(
                "Look at them each week.",
                "See [home](/dogs/ears/#why-ears-matter).",
            )
            .as_bytes(),
    )]);
    let config = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    std::fs::write(
        project.path().join("site.toml"),
        config.edit(
            "https://pets.maple-street-vet.example/",
            "https://www.example.test/pets",
        ),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let home = text(&report.output, "index.html");
    assert!(home.contains("href=\"/pets/dogs/ears/\""), "{home}");
    assert!(home.contains("href=\"/pets/style.css\""));
    let page = text(&report.output, "dogs/ears/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://www.example.test/pets/dogs/ears/\">")
    );
    assert!(
        page.contains("href=\"/pets/dogs/ears/#why-ears-matter\""),
        "body links get the path too"
    );
    assert!(page.contains("href=\"/pets/dogs/ears/dogs-ears-a4.pdf\""));
    assert!(
        text(&report.output, "sitemap.xml")
            .contains("<loc>https://www.example.test/pets/dogs/ears/</loc>")
    );
}

#[test]
fn every_built_page_has_a_meta_description() {
    let out = &build_shipped().out;
    let pages: Vec<String> = read_tree(out)
        .into_keys()
        .filter(|path| path.ends_with(".html"))
        .collect();
    assert!(pages.iter().any(|p| p == "404.html"), "{pages:?}");
    for page in pages {
        let html = text(out, &page);
        let start = html
            .find("<meta name=\"description\" content=\"")
            .unwrap_or_else(|| panic!("{page} has no meta description"));
        let content = &html[start + "<meta name=\"description\" content=\"".len()..];
        let content = &content[..content.find('"').unwrap()];
        assert!(content.trim().len() > 20, "{page}: description {content:?}");
    }
}

#[test]
fn the_printed_article_page_names_the_handout_address_at_the_top() {
    let out = &build_shipped().out;
    let html = text(out, "dogs/anal-gland-leakage/index.html");
    let line = html
        .find("<p class=\"print-only\">A one-page sheet of this page is at ")
        .unwrap_or_else(|| panic!("no print-only line: {html}"));
    let after = &html[line..];
    let marked =
        &after[after.find(" is at ").unwrap() + " is at ".len()..after.find("</p>").unwrap()];
    // Each part of the address is kept whole; a line may break only after a "/".
    let address = marked
        .replace("<span class=\"address\">", "")
        .replace("</span><wbr><span>", "")
        .replace("<span>", "")
        .replace("</span>", "");
    // "https://" and the host stay whole; each "/" after the host allows a break.
    assert_eq!(
        marked.matches("/</span><wbr>").count(),
        address.matches('/').count() - 2
    );
    assert!(
        address.starts_with("https://pets.maple-street-vet.example/") && address.ends_with(".pdf"),
        "{address}"
    );
    // The same file the page links for printing, and before the title.
    let path = address.trim_start_matches("https://pets.maple-street-vet.example");
    assert!(html.contains(&format!("href=\"{path}\"")), "{path}");
    assert!(line < html.find("<h1>").unwrap());
}

#[test]
fn a_section_with_no_articles_yet_is_a_warning_and_the_site_still_builds() {
    // Before: the warning was counted with the errors, so `build` said
    // "Build failed: 0 errors" while `check` passed.
    let project = project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        (
            "cats/_index.md",
            b"+++\ntitle = \"Cats\"\n+++\nSoon.\n" as &[u8],
        ),
    ]);
    let output = pawprint(project.path(), &["build"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("warning[section.no-articles]"), "{err}");
    assert!(!project.path().join("output/cats/index.html").exists());
}

#[test]
fn tags_that_one_file_system_takes_for_one_folder_share_one_page_with_a_warning() {
    let first = ARTICLE.replacen(
        "species = [\"dog\"]",
        "species = [\"dog\"]\ntags = [\"Vómito\", \"σ\"]",
        1,
    );
    let second = ARTICLE.replacen(
        "species = [\"dog\"]",
        "species = [\"dog\"]\ntags = [\"vomito\", \"ς\"]",
        1,
    );
    let project = project(&[
        ("dogs/ears.md", first.as_bytes()),
        ("dogs/eyes.md", second.as_bytes()),
    ]);
    let output = pawprint(project.path(), &["build"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("warning[tag.same-address]"), "{err}");
    let tags: Vec<String> = std::fs::read_dir(project.path().join("output/tags"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.html")
        .collect();
    assert_eq!(tags.len(), 2, "{tags:?}");
    assert!(tags.iter().all(|t| t.is_ascii()), "{tags:?}");
}

#[test]
fn a_tag_with_a_hidden_character_shares_the_page_of_the_tag_it_looks_like() {
    let tagged = |tags: &str| {
        ARTICLE.edit(
            "updated = 2026-01-15",
            &format!("updated = 2026-01-15\ntags = [{tags}]"),
        )
    };
    let project = project(&[
        ("dogs/ears.md", tagged("\"ear care\"").as_bytes()),
        ("dogs/eyes.md", tagged("\"ear\u{200B} care\"").as_bytes()),
    ]);
    let out = pawprint(project.path(), &["build", "--format", "short"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("content/dogs/eyes.md: warning[tag.invisible-character]"),
        "{err}"
    );
    let tags: Vec<String> = read_tree(&project.path().join("output"))
        .into_keys()
        .filter(|p| p.starts_with("tags/") && p.ends_with("index.html") && p != "tags/index.html")
        .collect();
    assert_eq!(tags, ["tags/ear-care/index.html"]);
}

/// The article page of the one-language fixture, whole, as its snapshot in
/// `tests/snapshots/`: any change to what the page says or how it is laid out
/// shows as a difference to review (`cargo insta review`). Rendered in memory.
#[test]
fn the_article_page_is_what_its_snapshot_shows() {
    let project = fixture("one-language");
    let library = pawprint_content::load::load(project.path()).unwrap_or_else(|p| panic!("{p}"));
    let rendered = pawprint::build::render(&library).unwrap_or_else(|p| panic!("{p}"));
    let page = rendered
        .files
        .iter()
        .find(|f| f.path == "dogs/ear-care/index.html")
        .expect("the article page");
    let pawprint_text::site_file::Contents::Bytes(bytes) = &page.contents else {
        panic!("a page is made, not copied");
    };
    insta::assert_snapshot!(String::from_utf8(bytes.clone()).unwrap());
}

#[test]
fn a_tag_page_title_and_breadcrumb_start_with_a_capital() {
    let built = shipped_built();
    for (page, title) in [
        ("tags/skin-and-coat/index.html", "Skin and coat"),
        ("es/tags/glandulas-anales/index.html", "Glándulas anales"),
    ] {
        let html = text(&built.out, page);
        assert!(
            html.contains(&format!("<title>{title} | ")),
            "{page}: {html}"
        );
        assert!(
            html.contains(&format!("<span aria-current=\"page\">{title}</span>")),
            "{page}: {html}"
        );
    }
    // Inside a sentence it stays as written.
    let html = text(&built.out, "tags/skin-and-coat/index.html");
    assert!(html.contains("“skin and coat”"), "{html}");
}

#[test]
fn the_picture_of_the_sheet_says_it_is_the_printable_sheet() {
    let built = shipped_built();
    for (page, alt) in [
        (
            "dogs/anal-gland-leakage/index.html",
            "alt=\"A picture of the printable sheet: Why Your Dog&#39;s Anal Glands Leak\"",
        ),
        (
            "es/perros/glandulas-anales/index.html",
            "alt=\"Imagen de la hoja para imprimir: ¿Por qué gotean las glándulas anales?\"",
        ),
    ] {
        let html = text(&built.out, page);
        assert!(html.contains(alt), "{page}: {html}");
    }
}
