//! A clinic with several locations: a page, contacts and handouts for each, and
//! phone numbers checked where site.toml gives them.

use crate::common;

use std::path::Path;

use common::*;

/// A `[clinic]` with three locations, for [`with_clinic`].
const THREE: &str = r#"[clinic]
name = "Maple Street Animal Clinic (example)"
website = "https://www.maple-street-vet.example/"

[[clinic.locations]]
id = "downtown"
name = "Downtown clinic"
phone = "(503) 555-0142"
emergency_phone = "503.555.0199"
email = "downtown@maple-street-vet.example"
address = "120 Maple Street, Springfield"
hours = ["Monday to Friday: 8 am to 6 pm"]

[[clinic.locations]]
id = "north"
name = "North clinic"
phone = "+1 503 555 0155"
email = "north@maple-street-vet.example"
address = "8 Oak Road, Springfield"
hours = ["Monday to Saturday: 9 am to 5 pm"]

[[clinic.locations]]
id = "east"
name = "East clinic"
phone = "503 555 0177"
email = "east@maple-street-vet.example"
address = "45 Elm Avenue, Springfield"
hours = ["Monday to Friday: 7 am to 7 pm"]

"#;

fn text(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The two-languages fixture with [`THREE`] locations, built once for the tests
/// that read it.
fn three_locations() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    built_once(&BUILT, || with_clinic(THREE))
}

#[test]
fn three_locations_get_their_own_pages_and_handouts() {
    let out = &three_locations().out;
    let article = "dogs/ear-care/";
    let phones = [
        ("downtown", "(503) 555-0142", "+15035550142"),
        ("north", "(503) 555-0155", "+15035550155"),
        ("east", "(503) 555-0177", "+15035550177"),
    ];

    // One handout per location per paper, named for the location.
    assert!(!out.join(article).join("dogs-ear-care-letter.pdf").exists());
    for (id, _, _) in phones {
        for paper in ["letter", "a4"] {
            let pdf = out.join(format!("{article}dogs-ear-care-{id}-{paper}.pdf"));
            assert!(pdf.is_file(), "{pdf:?} is missing");
        }
    }

    // A page per location, with its contacts, its hours and its JSON-LD.
    for (id, national, e164) in phones {
        let page = text(out, &format!("locations/{id}/index.html"));
        assert!(
            page.contains(&format!("<a href=\"tel:{e164}\">{national}</a>")),
            "{id}"
        );
        let marker = "application/ld+json\">";
        let start = page.find(marker).unwrap() + marker.len();
        let end = start + page[start..].find("</script>").unwrap();
        let json: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
        assert_eq!(json["@type"], "VeterinaryCare");
        assert_eq!(json["telephone"], e164);
        assert_eq!(
            json["url"],
            format!("https://pets.maple-street-vet.example/locations/{id}/")
        );
    }
    assert!(text(out, "locations/north/index.html").contains("Monday to Saturday: 9 am to 5 pm"));
    assert!(text(out, "sitemap.xml").contains("/locations/east/</loc>"));

    // Every location on the locations page, and its number in the header of every
    // page (three fit there); the home page and the footer link to the list.
    let list = text(out, "locations/index.html");
    let home = text(out, "index.html");
    let tags = text(out, "tags/index.html");
    for (id, _, e164) in phones {
        assert!(list.contains(&format!("href=\"/locations/{id}/\"")), "{id}");
        assert!(list.contains(&format!("href=\"tel:{e164}\"")), "{id}");
        assert!(
            part(&tags, "<header", "</header>").contains(&format!("href=\"tel:{e164}\"")),
            "header {id}"
        );
    }
    assert!(home.contains("href=\"/locations/\""));
    let footer = part(&tags, "<footer", "</footer>");
    assert!(
        footer.contains("href=\"/locations/\"")
            && footer.contains("href=\"tel:+15035550142\"")
            && !footer.contains("tel:+15035550155"),
        "{footer}"
    );

    // Every tap-to-call link on the site is clean E.164.
    for (path, bytes) in read_tree(out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for (i, _) in html.match_indices("href=\"tel:") {
            let link = &html[i + 10..i + 10 + html[i + 10..].find('"').unwrap()];
            assert!(
                link.starts_with('+') && link[1..].bytes().all(|b| b.is_ascii_digit()),
                "{path}: tel:{link}"
            );
        }
    }

    // The article page offers the handouts grouped by location, in site.toml's order.
    let page = text(out, &format!("{article}index.html"));
    let marker = "application/ld+json\">";
    let start = page.find(marker).unwrap() + marker.len();
    let end = start + page[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    let places = json["publisher"]["department"].as_array().unwrap();
    let numbers: Vec<&str> = places
        .iter()
        .map(|p| p["telephone"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["+15035550142", "+15035550155", "+15035550177"]);
    let box_start = page.find("class=\"handout-box\"").unwrap();
    let handouts = &page[box_start..box_start + page[box_start..].find("</section>").unwrap()];
    let order: Vec<usize> = ["Downtown clinic", "North clinic", "East clinic"]
        .iter()
        .map(|name| handouts.find(&format!(">{name}</h3>")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{handouts}");
    let north = &handouts[order[1]..order[2]];
    assert!(
        north.contains("dogs-ear-care-north-letter.pdf")
            && north.contains("dogs-ear-care-north-a4.pdf")
    );
    assert!(!north.contains("dogs-ear-care-east-"));
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs pdftotext (apt install poppler-utils)"
)]
fn each_location_s_sheet_shows_its_own_numbers_only() {
    let out = three_locations().out.join("dogs/ear-care");
    let phones = [
        ("downtown", "(503) 555-0142"),
        ("north", "(503) 555-0155"),
        ("east", "(503) 555-0177"),
    ];
    for (id, national) in phones {
        for paper in ["letter", "a4"] {
            let pdf = out.join(format!("dogs-ear-care-{id}-{paper}.pdf"));
            let sheet = pdftotext(&pdf, &[]);
            assert!(sheet.contains(national), "{id} {paper}: {sheet}");
            for (other, other_phone) in phones {
                if other != id {
                    assert!(!sheet.contains(other_phone), "{id} shows {other}'s phone");
                }
            }
        }
    }
    // The downtown emergency number is on its sheets only.
    let sheet = pdftotext(&out.join("dogs-ear-care-downtown-letter.pdf"), &[]);
    assert!(sheet.contains("Emergency: (503) 555-0199"), "{sheet}");
    let sheet = pdftotext(&out.join("dogs-ear-care-north-letter.pdf"), &[]);
    assert!(!sheet.contains("Emergency"), "{sheet}");
}

#[test]
fn one_location_keeps_the_old_file_names_and_no_location_pages() {
    let project = fixture("one-language");
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let out = report.output.clone();
    assert!(out.join("dogs/ear-care/dogs-ear-care-letter.pdf").is_file());
    assert!(!out.join("locations").exists());
    let home = text(&out, "index.html");
    assert!(home.contains("<a href=\"tel:+15035550142\">(503) 555-0142</a>"));
}

/// The errors `pawprint build` reports for a project, one string each.
fn build_errors(project: &Path) -> Vec<String> {
    match pawprint::build(project, None) {
        Ok(_) => panic!("the build should fail"),
        Err(problems) => problems.0.iter().map(|p| p.short()).collect(),
    }
}

/// The line of site.toml that holds `needle`.
fn line_of(project: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(project.join("site.toml")).unwrap();
    1 + text.lines().position(|l| l.contains(needle)).unwrap()
}

#[test]
fn two_numbers_in_one_field_are_an_error_at_their_line() {
    let project = with_clinic(&THREE.edit(
        "phone = \"+1 503 555 0155\"",
        "phone = \"5035550182 5035550300\"",
    ));
    let errors = build_errors(project.path());
    let line = line_of(project.path(), "5035550182 5035550300");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(&format!("site.toml:{line}:"))
            && errors[0].contains("`clinic.locations[1].phone`")
            && errors[0].contains("holds two phone numbers")
            && errors[0].contains("help:"),
        "{errors:#?}"
    );

    // The same in the clinic's own phone, without a locations list.
    let project = fixture("one-language");
    let path = project.path().join("site.toml");
    let toml = std::fs::read_to_string(&path).unwrap().edit(
        "phone = \"503-555-0142\"",
        "phone = \"503-555-0182 / 503-555-0300\"",
    );
    std::fs::write(&path, toml).unwrap();
    let errors = build_errors(project.path());
    let line = line_of(project.path(), "503-555-0182 / 503-555-0300");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&format!("site.toml:{line}:"))
                && e.contains("holds two phone numbers")),
        "{errors:#?}"
    );
}

#[test]
fn a_number_that_cannot_be_dialled_is_an_error_at_its_line() {
    let project = with_clinic(&THREE.edit("phone = \"503 555 0177\"", "phone = \"555-0177\""));
    let errors = build_errors(project.path());
    let line = line_of(project.path(), "\"555-0177\"");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(&format!("site.toml:{line}:"))
            && errors[0].contains("is not a valid phone number in US")
            && errors[0].contains("area code"),
        "{errors:#?}"
    );
}

#[test]
fn location_ids_must_be_short_and_unique() {
    let project = with_clinic(
        &THREE
            .edit("id = \"east\"", "id = \"north\"")
            .edit("id = \"downtown\"", "id = \"Down Town\""),
    );
    let errors = build_errors(project.path());
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("\"Down Town\" is not a short name"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("two locations have the id \"north\"")),
        "{errors:#?}"
    );
}

#[test]
fn contacts_in_both_places_are_refused() {
    let project = with_clinic(&THREE.edit(
        "website = \"https://www.maple-street-vet.example/\"\n",
        "website = \"https://www.maple-street-vet.example/\"\nphone = \"503-555-0142\"\n",
    ));
    let errors = build_errors(project.path());
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("`clinic.phone` is set, and so is [[clinic.locations]]"));
}

#[test]
fn a_sheet_too_long_for_every_location_is_reported_once_per_paper() {
    let project = with_clinic(THREE);
    let path = project.path().join("content/dogs/ear-care.md");
    let tips: String = (0..40)
        .map(|i| format!("  \"Tip number {i} is a long line of advice for owners\",\n"))
        .collect();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .edit("prevention = [", &format!("prevention = [\n{tips}"));
    std::fs::write(&path, text).unwrap();
    let errors = build_errors(project.path());
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .all(|e| e.contains("does not fit") && !e.contains("clinic)"))
    );
}

/// A `[clinic]` table with `count` locations, `clinic-0` to `clinic-<count - 1>`.
fn clinic_with(count: usize) -> String {
    let mut toml = String::from(
        "[clinic]\nname = \"Maple Street Animal Clinic (example)\"\n\
         website = \"https://www.maple-street-vet.example/\"\n\n",
    );
    for i in 0..count {
        toml.push_str(&format!(
            "[[clinic.locations]]\nid = \"clinic-{i}\"\nname = \"Clinic number {i}\"\n\
             phone = \"503 555 {:04}\"\nemail = \"clinic{i}@maple-street-vet.example\"\n\
             address = \"{i} Maple Street, Springfield\"\n\
             hours = [\"Monday to Friday: 8 am to 6 pm, clinic {i}\"]\n\n",
            100 + i % 100
        ));
    }
    toml
}

/// A site-only build (`papers = []`) of the two-languages fixture, with `count` locations. Returns the project and its output folder.
fn built_with_locations(count: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let project = with_clinic(&clinic_with(count));
    let path = project.path().join("site.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    assert!(toml.contains("papers = [\"letter\", \"a4\"]"));
    std::fs::write(
        &path,
        toml.edit("papers = [\"letter\", \"a4\"]", "papers = []"),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    (project, report.output)
}

/// The bytes of every HTML page of a built site.
fn page_bytes(out: &Path) -> usize {
    read_tree(out)
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, bytes)| bytes.len())
        .sum()
}

/// The part of `html` from `start` to the end of `end`, such as the footer.
fn part<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let to = from + html[from..].find(end).unwrap_or_else(|| panic!("no {end}")) + end.len();
    &html[from..to]
}

#[test]
fn pages_grow_linearly_with_the_locations() {
    // A chain of a thousand clinics builds, in English and Spanish.
    let (_small, out) = built_with_locations(100);
    let (_big, big_out) = built_with_locations(1000);
    let (small, big) = (page_bytes(&out), page_bytes(&big_out));
    let (per_small, per_big) = (small as f64 / 100.0, big as f64 / 1000.0);
    eprintln!("pages: {small} bytes for 100 locations, {big} for 1,000");
    // Linear: a page per location and a fixed part, so the bytes per location do
    // not grow (they shrink a little, as the fixed part is shared by more). With
    // every location in every page's footer they grew tenfold.
    assert!(
        per_big <= per_small * 1.1,
        "{per_small:.0} bytes per location with 100, {per_big:.0} with 1,000"
    );

    for (home, lang, article) in [
        ("", "en", "dogs/ear-care/"),
        ("es/", "es", "es/dogs/cuidado-de-orejas/"),
    ] {
        // One page lists every location, with its contacts, hours and page.
        let list = text(&out, &format!("{home}locations/index.html"));
        for i in 0..100 {
            assert!(
                list.contains(&format!("href=\"/{home}locations/clinic-{i}/\""))
                    && list.contains(&format!("clinic{i}@maple-street-vet.example"))
                    && list.contains(&format!("8 am to 6 pm, clinic {i}<")),
                "{lang}: location {i} is missing from the locations page"
            );
        }
        let list = text(&big_out, &format!("{home}locations/index.html"));
        assert_eq!(list.matches("<h2 id=\"location-clinic-").count(), 1000);
        // Every other page has a short footer: one location (the first, or the
        // page's own) and a link to the list, not every location.
        for (page, shown) in [
            (format!("{home}index.html"), 0),
            (format!("{home}tags/index.html"), 0),
            (format!("{article}index.html"), 0),
            (format!("{home}locations/clinic-7/index.html"), 7),
        ] {
            let html = text(&out, &page);
            let footer = part(&html, "<footer", "</footer>");
            assert!(
                footer.contains(&format!("href=\"tel:+1503555{:04}\"", 100 + shown))
                    && footer.contains(&format!("href=\"/{home}locations/\"")),
                "{page}: {footer}"
            );
            // A location's page does not link to itself.
            assert_eq!(
                footer.contains(&format!("href=\"/{home}locations/clinic-{shown}/\"")),
                shown == 0,
                "{page}: {footer}"
            );
            let listed: Vec<usize> = (0..100)
                .filter(|i| *i != shown && footer.contains(&format!("Clinic number {i}<")))
                .collect();
            assert!(
                listed.is_empty() && footer.matches("href=\"tel:").count() == 1,
                "{page}: the footer lists other locations ({listed:?}): {footer}"
            );
            // The header serves every location: a link to all of them, not the
            // first location's number alone.
            let header = part(&html, "<header", "</header>");
            assert!(
                header.contains(&format!("href=\"/{home}locations/\""))
                    && !header.contains("href=\"tel:"),
                "{page}: {header}"
            );
        }
        // "Call us" on an article links to every location's number too.
        let article = text(&out, &format!("{article}index.html"));
        let call = part(&article, "<section class=\"call-us\"", "</section>");
        assert!(
            call.contains(&format!("href=\"/{home}locations/\"")) && !call.contains("tel:"),
            "{call}"
        );
    }
}
