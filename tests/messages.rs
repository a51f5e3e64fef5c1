//! Whole messages as people see them (`--format full`, the default): the place,
//! the line of the file with a mark under it, a second place, and the hints.
//! Snapshots are in tests/snapshots/; `cargo insta review` shows a change.

use std::path::Path;

use crate::common::*;
use pawprint_text::problem::Code;

/// The first problem with `code` that `check` finds in the project, shown in
/// full without colour.
fn shown(root: &Path, code: Code) -> String {
    let report = pawprint_review::check::check(root, false);
    report
        .problems()
        .find(|p| p.code == Some(code))
        .unwrap_or_else(|| panic!("no {code}: {}", report.to_text()))
        .to_string()
}

#[test]
fn an_unknown_key_in_site_toml() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let site = project.path().join("site.toml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(
        &site,
        text.replacen("[site]\n", "[site]\nlanguaje = \"en\"\n", 1),
    )
    .unwrap();
    insta::assert_snapshot!(shown(project.path(), Code::SettingsUnknownKey));
}

#[test]
fn a_typo_in_front_matter() {
    let bad = ARTICLE.replace("summary = ", "sumary = ");
    let project = project(&[("dogs/ears.md", bad.as_bytes())]);
    insta::assert_snapshot!(shown(project.path(), Code::SettingsUnknownKey));
}

#[test]
fn a_location_id_used_twice_shows_both_places() {
    let location = |id: &str, phone: &str| {
        format!(
            "[[clinic.locations]]\nid = \"{id}\"\nname = \"A clinic\"\nphone = \"{phone}\"\n\
             email = \"a@vet.example\"\naddress = \"1 Oak Road\"\nhours = [\"Monday: 9 am to 5 pm\"]\n\n"
        )
    };
    let project = with_clinic(&format!(
        "[clinic]\nname = \"Maple Street Animal Clinic\"\nwebsite = \"https://vet.example/\"\n\n{}{}",
        location("north", "503 555 0142"),
        location("north", "503 555 0155"),
    ));
    insta::assert_snapshot!(shown(project.path(), Code::LocationDuplicateId));
}

#[test]
fn an_article_listed_twice_in_a_pack_shows_both_places() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    std::fs::create_dir_all(project.path().join("packs")).unwrap();
    std::fs::write(
        project.path().join("packs/new-visit.toml"),
        "title = \"New visit\"\narticles = [\n  \"dogs/ears\",\n  \"/dogs/ears/\",\n]\n",
    )
    .unwrap();
    insta::assert_snapshot!(shown(project.path(), Code::PackRepeatedArticle));
}

#[test]
fn a_sheet_that_does_not_fit() {
    let long = "Check the ear every day and tell us what you see there. ".repeat(12);
    let items: Vec<String> = (0..8).map(|_| format!("\"{}\"", long.trim())).collect();
    let article = ARTICLE.replace(
        "prevention = [\"Dry the ears after a swim.\"]",
        &format!("prevention = [{}]", items.join(", ")),
    );
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    insta::assert_snapshot!(shown(project.path(), Code::HandoutDoesNotFit));
}

#[test]
fn a_broken_link_in_markdown() {
    let article = format!("{ARTICLE}\nSee [the teeth page](/dogs/teeth/).\n");
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    insta::assert_snapshot!(shown(project.path(), Code::LinkBroken));
}

#[test]
fn a_key_written_twice_in_front_matter_shows_both_places() {
    let twice = ARTICLE.replace(
        "species = [\"dog\"]\n",
        "species = [\"dog\"]\ntitle = \"Ears\"\n",
    );
    let project = project(&[("dogs/ears.md", twice.as_bytes())]);
    insta::assert_snapshot!(shown(project.path(), Code::SettingsTomlSyntax));
}
