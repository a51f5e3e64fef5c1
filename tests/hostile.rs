//! Property tests: hostile or broken input to the front matter parser, the
//! Markdown stage and the config loader gives a page or an error value, never a
//! panic, and no page they make carries script an author chose: no `on*`
//! attribute, no `style` attribute from content, no `javascript:` address (checked
//! with the attribute scanner in `tests/common/attributes.rs`). Case counts are kept
//! small enough for CI; `cargo fuzz` goes further (see `fuzz/` and CONTRIBUTING.md).

use crate::common;
use pawprint_text::problem::Code;

use std::path::PathBuf;

use proptest::prelude::*;

use pawprint_content::load::{Loaded, parse_markdown};
use pawprint_content::markdown::{self, Place};
use pawprint_text::source_map::SourceFile;

use common::Edit;
use common::attributes::unsafe_attributes;

const GOOD: &str = "+++\ntitle = \"T\"\nsummary = \"S.\"\nspecies = [\"dog\"]\nupdated = 2026-11-20\n\n[handout]\nintro = \"I.\"\nsigns = [\"a\", \"b\", \"c\"]\nprevention = [\"p\"]\ncall_us_if = [\"c\"]\n+++\n## Body\n\nText with a [link](x.md).\n";

fn article(bytes: Vec<u8>) -> Result<Loaded, Vec<pawprint::Problem>> {
    parse_markdown(PathBuf::from("content/dogs/x.md"), "dogs/x.md", bytes, "/")
}

/// Every problem must be placed in the file it came from.
fn problems_are_placed(result: &Result<Loaded, Vec<pawprint::Problem>>) -> bool {
    match result {
        Ok(_) => true,
        Err(problems) => {
            !problems.is_empty()
                && problems
                    .iter()
                    .all(|p| p.file == std::path::Path::new("content/dogs/x.md"))
        }
    }
}

/// Text built from pieces that front matter and Markdown care about.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "+++",
        "\n",
        "\r\n",
        "title = ",
        "\"",
        "'",
        "[",
        "]",
        "[[",
        "]]",
        "{",
        "}",
        "=",
        ",",
        "#",
        "##",
        "> ",
        "- ",
        "* ",
        "1. ",
        "```",
        "|",
        "---",
        "![a](",
        "](",
        ")",
        "<div>",
        "</",
        "&",
        "\\",
        "\u{0}",
        "é",
        "😀",
        "\u{feff}",
        "[handout]",
        "signs = [",
        "updated = 2026-02-30",
        "species = [\"dog\"]",
        "[^1]",
        "[^1]: n",
        "~~",
        "- [ ] ",
        "    ",
        "\t",
        "../",
        "%2e",
        "title = \"x\"\n",
        "\u{202e}",
        // Attempts at attributes and script addresses.
        "{onclick=alert(1)}",
        "{#x .y style=color:red onmouseover=x}",
        "{.a\"b onfocus autofocus}",
        "<frontdesk@clinic.example>",
        "<javascript:alert(1)>",
        "javascript:alert(1)",
        "jav&#x09;ascript:",
        "&#106;avascript:x",
        "](<javascript:x>)",
        " \"onclick=x\")",
        "```js onclick=x\n",
        "[^notes]",
        "[^notes]: n\n",
        "## Notes\n",
        "|:-:|",
        "[l]()",
        "?q=x",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let result = article(bytes);
        prop_assert!(problems_are_placed(&result));
    }

    #[test]
    fn tricky_text_never_panics(text in tricky_text()) {
        let result = article(text.clone().into_bytes());
        prop_assert!(problems_are_placed(&result));
        let result = article(format!("+++\n{text}\n+++\n{text}").into_bytes());
        prop_assert!(problems_are_placed(&result));
    }

    #[test]
    fn truncating_a_good_file_anywhere_never_panics(cut in 0..GOOD.len()) {
        let result = article(GOOD.as_bytes()[..cut].to_vec());
        prop_assert!(problems_are_placed(&result));
    }

    #[test]
    fn markdown_bodies_render_without_panicking(text in tricky_text(), depth in 0usize..300) {
        let nested = format!("{}{text}{}", "> ".repeat(depth), "]".repeat(depth));
        let file = SourceFile::new("content/dogs/x.md", nested.clone());
        let body = markdown::render(&file, 0..nested.len(), Place { base_path: "/", dir: "dogs", pages: "" });
        prop_assert!(body.links.iter().all(|l| l.line >= 1));
        let found = unsafe_attributes(&body.html, &[]);
        prop_assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn articles_parse_to_pages_without_author_chosen_attributes(text in tricky_text()) {
        let result = article(format!("{GOOD}{text}").into_bytes());
        if let Ok(Loaded::Article(a)) = &result {
            let found = unsafe_attributes(&a.body.html, &[]);
            prop_assert!(found.is_empty(), "{found:?}");
        }
    }

    #[test]
    fn config_text_never_panics(text in tricky_text()) {
        let file = SourceFile::new("site.toml", text);
        let _ = pawprint_settings::config::parse(&file);
    }
}

proptest! {
    // Whole pages: each case loads a project and renders its web pages.
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_built_page_has_an_author_chosen_attribute(text in tricky_text()) {
        let project = common::project(&[("dogs/x.md", format!("{GOOD}{text}").as_bytes())]);
        if let Ok(library) = pawprint_content::load::load(project.path()) {
            let files = pawprint_site::render(&library, &[]).unwrap();
            for file in files.iter().filter(|f| f.path.ends_with(".html")) {
                let html = String::from_utf8_lossy(&file.read().unwrap()).into_owned();
                let found = unsafe_attributes(&html, &[]);
                prop_assert!(found.is_empty(), "{}: {found:?}", file.path);
            }
        }
    }
}

#[test]
fn the_theme_pages_of_the_shipped_project_pass_the_attribute_scan() {
    let project = common::shipped_copy();
    let library = pawprint_content::load::load(project.path()).unwrap();
    let files = pawprint_site::render(&library, &[]).unwrap();
    let mut pages = 0;
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.read().unwrap()).into_owned();
        assert_eq!(
            unsafe_attributes(&html, &[]),
            Vec::<String>::new(),
            "{}",
            file.path
        );
        pages += 1;
    }
    assert!(pages >= 5);
}

#[test]
fn heading_attributes_cannot_run_script() {
    // The attack from issue 8: one attribute, no click needed.
    let text = format!(
        "{GOOD}\n## Welcome {{onclick=alert(1)}}\n\n## Hi {{#ok style=\"x\" onfocus=alert(1) autofocus tabindex=1}}\n"
    );
    let Ok(Loaded::Article(a)) = article(text.into_bytes()) else {
        panic!("the article did not parse")
    };
    assert_eq!(unsafe_attributes(&a.body.html, &[]), Vec::<String>::new());
    assert!(!a.body.html.contains("autofocus") && !a.body.html.contains("tabindex"));
    let lines: Vec<usize> = a.body.dropped_attributes.iter().map(|d| d.line).collect();
    assert_eq!(lines, [17, 19, 19, 19, 19]);
}

#[test]
fn the_good_article_parses() {
    assert!(matches!(
        article(GOOD.as_bytes().to_vec()),
        Ok(Loaded::Article(_))
    ));
}

#[test]
fn huge_lines_deep_nesting_and_nul_bytes() {
    let huge_line = format!("{GOOD}{}\n", "word ".repeat(400_000));
    assert!(matches!(
        article(huge_line.into_bytes()),
        Ok(Loaded::Article(_))
    ));

    let deep_lists: String = (0..2000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    assert!(matches!(
        article(format!("{GOOD}{deep_lists}").into_bytes()),
        Ok(Loaded::Article(_))
    ));

    let deep_quotes = format!("{GOOD}{} deep\n", ">".repeat(50_000));
    assert!(matches!(
        article(deep_quotes.into_bytes()),
        Ok(Loaded::Article(_))
    ));

    let deep_toml = format!(
        "+++\ntitle = {}1{}\n+++\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(article(deep_toml.into_bytes()).is_err());

    let nul = GOOD.edit("Text with", "Text\0 with\0");
    match article(nul.into_bytes()) {
        Ok(Loaded::Article(a)) => assert!(!a.body.html.contains('\0'), "NUL bytes reach the HTML"),
        other => panic!("{other:?}"),
    }
    // Control characters from TOML escapes are dropped from the text.
    let escaped = GOOD.edit("title = \"T\"", "title = \"A\\u0000B\\u0007C\"");
    match article(escaped.into_bytes()) {
        Ok(Loaded::Article(a)) => assert_eq!(a.front.title, "ABC"),
        other => panic!("{other:?}"),
    }
    let unclosed = "+++\ntitle = \"x\"\n".to_string() + &"y = 1\n".repeat(10_000);
    let problems = article(unclosed.into_bytes()).unwrap_err();
    assert_eq!(problems[0].code, Some(Code::FrontMatterNotClosed));
    let invalid_utf8 = [GOOD.as_bytes(), &[0xff, 0xfe, 0xc3]].concat();
    let problems = article(invalid_utf8).unwrap_err();
    assert_eq!(problems[0].code, Some(Code::IoNotUtf8));
}

#[test]
fn one_megabyte_of_each_slow_shape_loads() {
    // Each took tens of seconds before (issue 8): ids counted up from 1 for every
    // heading, and every position was counted in characters from the start of its
    // line. Not timed: a return to quadratic work shows as a test that hangs.
    const MB: usize = 1024 * 1024;
    let shapes = [
        "## a\n".repeat(MB / 5),
        "*a* ".repeat(MB / 4),
        "![".repeat(MB / 2),
        format!("{}a{}", "![".repeat(MB / 10), "](x.png)".repeat(MB / 10)),
    ];
    for shape in shapes {
        match article(format!("{GOOD}{shape}\n").into_bytes()) {
            Ok(Loaded::Article(a)) => assert!(a.body.html.starts_with("<h2 id=\"body\">")),
            other => panic!("{:?}", other.err()),
        }
    }
}

#[test]
fn one_long_word_in_a_handout_field_fails_clearly() {
    // A web address or a soft-hyphenated word of 40 KB in the intro, and a plain
    // word of 40 KB in the title, each took more than 90 s: every start of the
    // word was measured again for every line, and every try laid out all of it.
    // Not timed: a return to that shows as a test that hangs.
    const KB: usize = 1024;
    let cases = [
        (
            "intro",
            "handout.intro",
            format!("https://x.example/{}", "a/".repeat(20 * KB)),
        ),
        ("intro", "handout.intro", "aa\u{ad}".repeat(10 * KB)),
        ("title", "title", "a".repeat(40 * KB)),
    ];
    for (key, field, word) in cases {
        let line = common::ARTICLE
            .lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap();
        let article = common::ARTICLE.replacen(line, &format!("{key} = \"{word}\""), 1);
        let project = common::project(&[("dogs/ears.md", article.as_bytes())]);
        let problems = pawprint::build(project.path(), None).unwrap_err().0;
        let too_tall: Vec<&pawprint::Problem> = problems
            .iter()
            .filter(|p| p.code == Some(Code::HandoutDoesNotFit))
            .collect();
        assert_eq!(too_tall.len(), 2, "{key}: {problems:?}");
        for problem in too_tall {
            // More than a page too tall: the layout stopped, and says "more than".
            assert!(
                problem.message.contains(": it is more than "),
                "{key}: {}",
                problem.message
            );
            let help = problem.help.as_deref().unwrap_or_default();
            assert!(help.contains(&format!("space: {field} (")), "{key}: {help}");
            // Fields the layout never reached are not named with "0 mm".
            assert!(!help.contains("(0 mm)"), "{key}: {help}");
        }
        let report = pawprint_review::check::check(project.path(), false);
        assert!(
            report.to_text().contains("error[handout.does-not-fit]"),
            "{key}: {}",
            report.to_text()
        );
    }
}

#[test]
fn images_nested_a_hundred_thousand_deep_are_checked_and_built() {
    // `![` 100,000 times, `a`, then `](b)` 100,000 times: every image points at a
    // page, which `check` reports (once, as they are all on one line).
    let n = 100_000;
    let body = format!("{}a{}\n", "![".repeat(n), "](b)".repeat(n));
    let project = common::project(&[("dogs/ears.md", format!("{GOOD}{body}").as_bytes())]);
    let report = pawprint_review::check::check(project.path(), false);
    let problems: Vec<&pawprint::Problem> = report.problems().collect();
    assert!(
        problems
            .iter()
            .any(|p| p.code == Some(Code::ImageNotAPicture) && p.line == Some(16)),
        "{}",
        report.to_text()
    );
    let built = pawprint::build(project.path(), None).unwrap_err().0;
    assert!(
        built.iter().any(|p| p.code == Some(Code::ImageNotAPicture)),
        "{built:?}"
    );
}
