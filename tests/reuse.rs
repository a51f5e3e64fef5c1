//! Reuse of unchanged sheets: a build copies (hard-links) the last build's PDF
//! when a sheet's inputs have the same fingerprint, and the output is the same,
//! byte for byte, with or without reuse and on any number of threads. Files are
//! written into staging as they are made, and a failed build leaves nothing.

use crate::common;

use std::path::Path;

use common::*;
use pawprint::build::{BuildOptions, build_with};

fn cats_article() -> String {
    ARTICLE
        .edit("Ear care for dogs", "Ear care for cats")
        .edit("species = [\"dog\"]", "species = [\"cat\"]")
}

/// Two articles, each with a Letter and an A4 sheet.
fn two_articles() -> tempfile::TempDir {
    project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        ("cats/ears.md", cats_article().as_bytes()),
    ])
}

fn build(root: &Path) -> pawprint::BuildReport {
    pawprint::build(root, None).unwrap_or_else(|p| panic!("{p}"))
}

fn build_fresh(root: &Path, out: &Path) -> pawprint::BuildReport {
    let options = BuildOptions {
        reuse: false,
        ..Default::default()
    };

    build_with(root, Some(out), options).unwrap_or_else(|p| panic!("{p}"))
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

const DOG_LETTER: &str = "dogs/ears/dogs-ears-letter.pdf";
const CAT_LETTER: &str = "cats/ears/cats-ears-letter.pdf";

#[test]
fn an_unchanged_sheet_is_reused_and_the_bytes_are_the_same() {
    let project = two_articles();
    let root = project.path();
    let first = build(root);
    assert_eq!((first.handouts, first.reused), (4, 0));
    let out = first.output.clone();
    let made = read_tree(&out);
    assert!(made.contains_key(".pawprint-sheets"));

    let again = build(root);
    assert_eq!((again.handouts, again.reused), (4, 4));
    assert!(
        again.summary().contains("4 handouts (4 reused)"),
        "{}",
        again.summary()
    );
    assert_eq!(read_tree(&out), made);

    // Made afresh elsewhere: the same bytes, marker and sheet list included.
    build_fresh(root, &root.join("fresh"));
    assert_eq!(read_tree(&root.join("fresh")), made);
}

#[cfg(unix)]
#[test]
fn an_edit_remakes_only_the_sheets_of_its_article() {
    let project = two_articles();
    let root = project.path();
    let out = build(root).output;
    let (dog, cat) = (inode(&out.join(DOG_LETTER)), inode(&out.join(CAT_LETTER)));
    let cat_bytes = std::fs::read(out.join(CAT_LETTER)).unwrap();

    std::fs::write(
        root.join("content/dogs/ears.md"),
        ARTICLE.edit("Clean ears stay healthy.", "Clean, dry ears stay healthy."),
    )
    .unwrap();
    let report = build(root);
    assert_eq!(report.reused, 2, "{}", report.summary());
    assert!(
        report.summary().contains("4 handouts (2 reused)"),
        "{}",
        report.summary()
    );
    // The cat's sheet is the last build's file itself, linked; the dog's is new.
    assert_eq!(inode(&out.join(CAT_LETTER)), cat);
    assert_eq!(std::fs::read(out.join(CAT_LETTER)).unwrap(), cat_bytes);
    assert_ne!(inode(&out.join(DOG_LETTER)), dog);
    // And the result is what a build from nothing makes.
    build_fresh(root, &root.join("fresh"));
    assert_eq!(read_tree(&root.join("fresh")), read_tree(&out));

    // --no-reuse makes every sheet.
    let run = pawprint(root, &["build", "--no-reuse"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let line = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(line.contains("and 4 handouts into"), "{line}");
    assert_ne!(inode(&out.join(CAT_LETTER)), cat);
}

/// The sheet made again after an edit says the new words (the reused one is
/// checked byte for byte above).
#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs pdftotext (apt install poppler-utils)"
)]
fn a_sheet_made_again_says_the_edited_words() {
    let project = two_articles();
    let root = project.path();
    build(root);
    std::fs::write(
        root.join("content/dogs/ears.md"),
        ARTICLE.edit("Clean ears stay healthy.", "Clean, dry ears stay healthy."),
    )
    .unwrap();
    let out = build(root).output;
    let dog_text = pdftotext(&out.join(DOG_LETTER), &[]);
    assert!(dog_text.contains("dry ears"), "{dog_text}");
}

#[test]
fn one_thread_or_two_give_the_same_bytes() {
    let project = two_articles();
    let root = project.path();
    let run = |threads: &str, out: &str, extra: &[&str]| {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_pawprint"))
            .args(["build", "--output", out])
            .args(extra)
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", stderr(&run));
        read_tree(&root.join(out))
    };
    let one = run("1", "one", &["--no-reuse"]);
    let two = run("2", "two", &["--no-reuse"]);
    assert_eq!(one, two);
    // Reusing on two threads what one thread made.
    assert_eq!(run("2", "one", &[]), one);
    assert_eq!(run("1", "two", &[]), two);
}

/// Builds, changes the project with `change`, and builds again: nothing may be
/// reused, and the output must be what a build from nothing makes.
fn nothing_reused_after(what: &str, change: impl Fn(&Path)) {
    let project = two_articles();
    let root = project.path();
    build(root);
    change(root);
    let report = build(root);
    assert_eq!(
        report.reused,
        0,
        "after a change to {what}: {}",
        report.summary()
    );
    build_fresh(root, &root.join("fresh"));
    assert_eq!(
        read_tree(&root.join("fresh")),
        read_tree(&report.output),
        "after a change to {what}"
    );
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.edit(from, to)).unwrap();
}

#[test]
fn a_changed_word_font_logo_or_setting_reuses_nothing() {
    nothing_reused_after("a word on the sheet", |root| {
        edit(
            &root.join("themes/default/words/en.toml"),
            "signs = \"Signs to watch for\"",
            "signs = \"Signs to look for\"",
        )
    });
    nothing_reused_after("the fonts", |root| {
        let fonts = root.join("themes/default/fonts");
        std::fs::create_dir_all(&fonts).unwrap();
        std::fs::write(fonts.join("Clinic-Regular.ttf"), notosans::ITALIC_TTF).unwrap();
        std::fs::write(fonts.join("Clinic-Bold.ttf"), notosans::BOLD_ITALIC_TTF).unwrap();
        edit(
            &root.join("themes/default/theme.toml"),
            "# font_regular = \"fonts/MyFont-Regular.ttf\"\n# font_bold = \"fonts/MyFont-Bold.ttf\"",
            "font_regular = \"fonts/Clinic-Regular.ttf\"\nfont_bold = \"fonts/Clinic-Bold.ttf\"",
        );
    });
    nothing_reused_after("the logo", |root| {
        let mut png_bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut png_bytes, 2, 2);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(&[10u8, 90, 90].repeat(4)).unwrap();
        }
        std::fs::write(root.join("themes/default/static/logo.png"), &png_bytes).unwrap();
        edit(
            &root.join("site.toml"),
            "[clinic]\n",
            "[clinic]\nlogo = \"logo.png\"\n",
        );
    });
    nothing_reused_after("the clinic's name", |root| {
        let text = std::fs::read_to_string(root.join("site.toml")).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("name = "))
            .unwrap()
            .to_string();
        edit(&root.join("site.toml"), &line, "name = \"Other Vets\"");
    });
}

#[test]
fn a_reused_sheet_changed_in_the_output_stops_the_build() {
    let project = two_articles();
    let root = project.path();
    let out = build(root).output;
    let pdf = std::fs::read(out.join(CAT_LETTER)).unwrap();
    let mine: Vec<u8> = pdf.iter().map(|_| b'x').collect();
    std::fs::write(out.join(CAT_LETTER), &mine).unwrap();
    let before = read_tree(&out);
    let err = pawprint::build(root, None).unwrap_err().to_string();
    assert!(
        err.contains(&format!("Changed since pawprint wrote them: {CAT_LETTER}")),
        "{err}"
    );
    assert_eq!(read_tree(&out), before);
    assert!(!root.join(".output.pawprint-staging").exists());
}

#[test]
fn a_failed_review_leaves_no_staging_behind() {
    let project = two_articles();
    let root = project.path();
    let out = build(root).output;
    let before = read_tree(&out);
    std::fs::write(
        root.join("content/dogs/ears.md"),
        ARTICLE.edit("Look at them each week.", "See [the guide](/nowhere/)."),
    )
    .unwrap();
    let err = pawprint::build(root, None).unwrap_err().to_string();
    assert!(err.contains("nowhere"), "{err}");
    assert_eq!(read_tree(&out), before);
    let left: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("pawprint"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn check_takes_the_last_build_from_where_output_put_it() {
    let project = two_articles();
    let root = project.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("site");
    let built = build_fresh(root, &out);
    assert!(built.handouts > 0);
    // Looking in output/, there is no last build: every sheet is laid out.
    assert_eq!(pawprint_review::check::check(root, true).handouts_reused, 0);
    // Told where the build went, check lays out none of them again.
    let report = pawprint_review::check::check_with(root, true, Some(&out));
    assert!(report.passed(), "{}", report.to_text());
    assert_eq!(report.handouts_reused, built.handouts);
    // And from the command line, with the folder relative to the project.
    let relative = tempfile::tempdir_in(root).unwrap();
    let name = relative.path().file_name().unwrap().to_owned();
    build_fresh(root, relative.path());
    let report = pawprint_review::check::check_with(root, true, Some(Path::new(&name)));
    assert_eq!(report.handouts_reused, built.handouts);
    let output = pawprint(
        root,
        &["check", "--strict", "--output", &out.to_string_lossy()],
    );
    assert!(output.status.success());
}

#[test]
fn check_lays_out_with_the_last_build_and_without_it() {
    let project = two_articles();
    let root = project.path();
    let fresh = pawprint_review::check::check(root, true);
    assert!(fresh.passed(), "{}", fresh.to_text());
    build(root);
    let after = pawprint_review::check::check(root, true);
    assert_eq!(after.to_json(), fresh.to_json());
    // A sheet that no longer fits is found, though the last build's did.
    let long = format!(
        "signs = [{}]",
        vec!["\"Head shaking and more\""; 60].join(", ")
    );
    edit(
        &root.join("content/dogs/ears.md"),
        "signs = [\"Head shaking\", \"Smelly ears\", \"Red skin in the ear\"]",
        &long,
    );
    let report = pawprint_review::check::check(root, false);
    assert!(!report.passed());
    assert!(
        report.to_text().contains("does not fit") || report.to_text().contains("signs"),
        "{}",
        report.to_text()
    );
}

#[test]
fn quiet_prints_nothing_and_no_terminal_means_no_bar() {
    let project = two_articles();
    let root = project.path();
    let run = pawprint(root, &["build", "--quiet"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(run.stdout.is_empty() && run.stderr.is_empty(), "{run:?}");
    // Not a terminal: the summary line only, never the bar.
    let run = pawprint(root, &["build", "--no-reuse"]);
    assert!(stderr(&run).is_empty(), "{}", stderr(&run));
    assert!(!String::from_utf8_lossy(&run.stdout).contains("Making handouts"));
}
