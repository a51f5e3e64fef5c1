//! The sheet's picture: named under `[handout]` with its alternative text, read
//! safely from `pictures/`, shown on the article page as an `<img>` and reported
//! by `check`; a translation says what it shows in its own language.

use crate::common::*;

/// A small line drawing, wider than tall.
const DRAWING: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80">
<circle cx="40" cy="40" r="30" fill="#fff" stroke="#000" stroke-width="4"/>
<path d="M80 70 L110 10" fill="none" stroke="#000" stroke-width="4"/>
</svg>
"##;

/// The one-language article with `lines` added at the end of its `[handout]`.
fn article_with(lines: &str) -> String {
    ARTICLE.edit(
        "fill_in = [\"Pet's name\"]\n",
        &format!("fill_in = [\"Pet's name\"]\n{lines}"),
    )
}

/// A project whose one article has `lines` in its `[handout]`, and the drawing
/// `pictures/ear.svg` holding `svg`.
fn with_picture(lines: &str, svg: &str) -> tempfile::TempDir {
    let article = article_with(lines);
    let project = project(&[("dogs/ear-care.md", article.as_bytes())]);
    std::fs::create_dir_all(project.path().join("pictures")).unwrap();
    std::fs::write(project.path().join("pictures/ear.svg"), svg).unwrap();
    project
}

fn check_output(project: &std::path::Path) -> String {
    let output = pawprint(project, &["check", "--format", "short"]);
    String::from_utf8_lossy(&output.stdout).into_owned() + &stderr(&output)
}

#[test]
fn the_picture_needs_its_words_and_a_name_inside_pictures() {
    let cases = [
        (
            "picture = \"ear.svg\"\n",
            ":13:11: error[picture.alt-missing]: the picture \"ear.svg\" has no `picture_alt`",
        ),
        (
            "picture_alt = \"An ear.\"\n",
            ":13:15: error[picture.alt-alone]: `handout.picture_alt` is set, but there is no `picture`",
        ),
        (
            "picture = \"../site.svg\"\npicture_alt = \"An ear.\"\n",
            ":13:11: error[picture.bad-name]: `handout.picture` \"../site.svg\" leaves the pictures/ folder",
        ),
        (
            "picture = \"ear.png\"\npicture_alt = \"An ear.\"\n",
            ":13:11: error[picture.bad-name]: `handout.picture` \"ear.png\" is not an SVG file",
        ),
        (
            "picture = \"nose.svg\"\npicture_alt = \"A nose.\"\n",
            ":13:11: error[picture.not-found]: the picture \"nose.svg\" is not in the pictures/ folder",
        ),
        (
            "picture = \"ear.svg\"\npicture_alt = \" \"\n",
            ":14:15: error[picture.alt-missing]: `handout.picture_alt` is empty",
        ),
    ];
    for (lines, expected) in cases {
        let project = with_picture(lines, DRAWING);
        let out = check_output(project.path());
        assert!(out.contains(expected), "{lines}: {out}");
        let build = pawprint(project.path(), &["build", "--format", "short"]);
        assert!(!build.status.success(), "{lines}");
    }
}

#[test]
fn an_unsafe_or_undrawable_picture_is_refused_at_its_line() {
    let lines = "picture = \"ear.svg\"\npicture_alt = \"An ear.\"\n";
    let cases = [
        (
            DRAWING.edit("<circle", "<script>alert(1)</script>\n<circle"),
            "pictures/ear.svg:2: error[picture.unsafe]: the sheet's picture has a <script> element",
        ),
        (
            DRAWING.edit(
                "<circle",
                "<image href=\"https://evil.example/x.png\" width=\"9\" height=\"9\"/>\n<circle",
            ),
            "pictures/ear.svg:2: error[picture.cannot-draw]: the sheet's picture has a picture inside it",
        ),
        (
            DRAWING.edit("<circle", "<use href=\"file:///etc/passwd#x\"/>\n<circle"),
            "pictures/ear.svg:2: error[picture.unsafe]: the sheet's picture links to \"file:///etc/passwd#x\"",
        ),
        (
            DRAWING.edit("<circle", "<text x=\"1\" y=\"9\">Ear</text>\n<circle"),
            "pictures/ear.svg:2: error[picture.cannot-draw]: the sheet's picture has words in it",
        ),
        (
            format!("{DRAWING}<!-- {} -->\n", "x".repeat(600 * 1024)),
            "pictures/ear.svg: error[picture.unsafe]: the sheet's picture is 601 KB",
        ),
        (
            DRAWING
                .edit("<circle", &format!("{}<circle", "<g>".repeat(70)))
                .edit("</svg>", &format!("{}</svg>", "</g>".repeat(70))),
            "error[picture.unsafe]: the sheet's picture cannot be used: its shapes are nested more than 64 deep",
        ),
    ];
    for (svg, expected) in cases {
        let project = with_picture(lines, &svg);
        let out = check_output(project.path());
        assert!(out.contains(expected), "{expected}\n{out}");
    }
}

#[cfg(unix)]
#[test]
fn a_picture_reached_through_a_link_is_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.svg"), DRAWING).unwrap();
    let project = with_picture(
        "picture = \"out/secret.svg\"\npicture_alt = \"An ear.\"\n",
        DRAWING,
    );
    std::os::unix::fs::symlink(outside.path(), project.path().join("pictures/out")).unwrap();
    let out = check_output(project.path());
    assert!(
        out.contains("pictures/out/secret.svg: error[picture.unsafe]: the sheet's picture cannot be read: the folder")
            && out.contains("is a link"),
        "{out}"
    );
}

#[test]
fn the_page_shows_the_picture_sized_and_the_site_holds_its_file() {
    let project = with_picture(
        "picture = \"ear.svg\"\npicture_alt = \"A dog's ear, seen from the side.\"\n",
        DRAWING,
    );
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let html = text(&report.output, "dogs/ear-care/index.html");
    assert!(
        html.contains("<img class=\"article-picture\" src=\"/pictures/ear.svg\" width=\"120\" height=\"80\" alt=\"A dog&#39;s ear, seen from the side.\">"),
        "{html}"
    );
    // Never inline: the page holds no <svg> of the drawing.
    assert!(!html.contains("M80 70"), "the drawing is inlined");
    assert_eq!(
        std::fs::read(report.output.join("pictures/ear.svg")).unwrap(),
        DRAWING.as_bytes()
    );
    // The sheet has it too: check says how big it prints.
    let out = check_output(project.path());
    assert!(
        out.contains(":13:11: note[picture.size]: the picture \"ear.svg\" prints ")
            && out.contains(" mm on US Letter"),
        "{out}"
    );
}

#[test]
fn a_translation_says_what_the_picture_shows_in_its_own_language() {
    let project = fixture("two-languages");
    let lines = "picture = \"ear.svg\"\npicture_alt = \"A dog's ear.\"\n";
    std::fs::create_dir_all(project.path().join("pictures")).unwrap();
    std::fs::write(project.path().join("pictures/ear.svg"), DRAWING).unwrap();
    let english = project.path().join("content/dogs/ear-care.md");
    let spanish = project.path().join("content/dogs/ear-care.es.md");
    let fill_in = "fill_in = [\"Pet's name\"";
    let original = std::fs::read_to_string(&english).unwrap();
    let line_end = original[original.find(fill_in).unwrap()..]
        .find('\n')
        .unwrap();
    let at = original.find(fill_in).unwrap() + line_end + 1;
    std::fs::write(
        &english,
        format!("{}{lines}{}", &original[..at], &original[at..]),
    )
    .unwrap();
    // No picture in the translation: a warning says the original has one.
    let out = check_output(project.path());
    assert!(
        out.contains(
            "warning[picture.not-in-translation]: the original's sheet has the picture \"ear.svg\""
        ),
        "{out}"
    );
    // The same words as the original's: an error at the translation's line.
    let spanish_fill_in = "fill_in = [\"Nombre de la mascota\", \"Próxima revisión\"]\n";
    edit_file(
        &spanish,
        spanish_fill_in,
        &format!("{spanish_fill_in}{lines}"),
    );
    let out = check_output(project.path());
    assert!(
        out.contains("content/dogs/ear-care.es.md:17:15: error[picture.alt-not-translated]"),
        "{out}"
    );
    // In Spanish, with the same drawing: both pages show it, each with its words.
    edit_file(
        &spanish,
        "picture_alt = \"A dog's ear.\"",
        "picture_alt = \"La oreja de un perro.\"",
    );
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let page = text(&report.output, "es/dogs/cuidado-de-orejas/index.html");
    assert!(
        page.contains(
            "src=\"/pictures/ear.svg\" width=\"120\" height=\"80\" alt=\"La oreja de un perro.\""
        ),
        "{page}"
    );
}
