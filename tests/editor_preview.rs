//! What the content editor asks before a file is saved: the whole project checked
//! as if the file held the new words, and the sheet it would print. Nothing is
//! written to the project.

use crate::common;

use common::*;
use pawprint_review::editor::sheet_preview;

#[test]
fn the_sheet_of_the_words_being_edited_is_drawn_and_fits() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let before = read_tree(project.path());
    let edited = ARTICLE.edit("Head shaking", "Shaking the head a lot");
    let preview = sheet_preview(project.path(), "dogs/ears.md", edited.as_bytes());
    assert!(preview.fits, "{}", preview.message);
    let svg = preview.svg.expect("a drawing");
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("Shaking"), "the new sign is drawn");
    assert!(!svg.contains(">Head shaking<"));
    assert!(!preview.paper.is_empty());
    // A file that is not on disk yet: a new article.
    let new = ARTICLE.edit("Ear care for dogs", "Paw care for dogs");
    let preview = sheet_preview(project.path(), "dogs/paws.md", new.as_bytes());
    assert!(preview.fits, "{}", preview.message);
    assert!(preview.svg.unwrap().contains("Paw care"));
    assert_eq!(read_tree(project.path()), before, "nothing is written");
}

#[test]
fn a_sheet_that_would_not_fit_or_a_broken_file_says_why_and_draws_nothing() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let many: Vec<String> = (1..=40)
        .map(|i| format!("\"Sign number {i}, which goes on for quite a few words\""))
        .collect();
    let long = ARTICLE.edit(
        "signs = [\"Head shaking\", \"Smelly ears\", \"Red skin in the ear\"]",
        &format!("signs = [{}]", many.join(", ")),
    );
    let preview = sheet_preview(project.path(), "dogs/ears.md", long.as_bytes());
    assert!(!preview.fits);
    assert!(preview.svg.is_none());
    assert!(
        preview.message.contains("content/dogs/ears.md"),
        "{}",
        preview.message
    );

    let broken = ARTICLE.edit("summary = ", "sumary = ");
    let preview = sheet_preview(project.path(), "dogs/ears.md", broken.as_bytes());
    assert!(!preview.fits && preview.svg.is_none());
    assert!(
        preview.message.contains("content/dogs/ears.md:3"),
        "{}",
        preview.message
    );
    assert!(preview.message.contains("sumary"), "{}", preview.message);
}

#[test]
fn a_file_is_checked_with_the_whole_project_before_it_is_saved() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let before = read_tree(project.path());
    let good = ARTICLE.edit("Smelly ears", "Ears that smell bad");
    let report =
        pawprint_review::check::check_as_if(project.path(), "dogs/ears.md", good.as_bytes());
    assert!(report.passed(), "{}", report.to_text());

    // A link to a page that does not exist is an error of this file, found only
    // by checking it with the rest of the project.
    let linked = format!("{ARTICLE}\n[More](../cats/nothing-here.md)\n");
    let report =
        pawprint_review::check::check_as_if(project.path(), "dogs/new.md", linked.as_bytes());
    assert!(!report.passed());
    let errors: Vec<String> = report
        .problems()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("content/dogs/new.md") && e.contains("nothing-here")),
        "{errors:?}"
    );
    assert_eq!(read_tree(project.path()), before, "nothing is written");
}
