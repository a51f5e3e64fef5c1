//! The handout PDFs, read back with lopdf.

use crate::common;
use pawprint_text::problem::Code;

use common::*;
use lopdf::{Document, Object};

const URL: &str = "https://pets.maple-street-vet.example/dogs/anal-gland-leakage/";

/// The shipped example, built once for the tests that read its sheets.
fn built() -> &'static Built {
    shipped_built()
}

fn load(out: &std::path::Path, paper: &str) -> (Vec<u8>, Document) {
    let bytes = std::fs::read(out.join(format!(
        "dogs/anal-gland-leakage/dogs-anal-gland-leakage-{paper}.pdf"
    )))
    .unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    (bytes, doc)
}

fn numbers(object: &Object) -> Vec<f32> {
    object
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            n.as_float()
                .or_else(|_| n.as_i64().map(|i| i as f32))
                .unwrap()
        })
        .collect()
}

fn text_string(doc: &Document, dict: &lopdf::Dictionary, key: &[u8]) -> String {
    let object = dict.get(key).unwrap();
    let object = match object {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    };
    let bytes = object.as_str().unwrap();
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}

#[test]
fn one_page_with_the_right_paper_size() {
    // Two papers, in English and in Spanish.
    assert_eq!(built().handouts, 4);
    let out = &built().out;
    for (paper, size) in [("a4", [595.28, 841.89]), ("letter", [612.0, 792.0])] {
        let (_, doc) = load(out, paper);
        let pages = doc.get_pages();
        assert_eq!(pages.len(), 1, "{paper}");
        let page = doc.get_dictionary(pages[&1]).unwrap();
        let media = numbers(page.get(b"MediaBox").unwrap());
        assert_eq!(media[0], 0.0);
        assert_eq!(media[1], 0.0);
        assert!((media[2] - size[0]).abs() < 0.01, "{paper}: {media:?}");
        assert!((media[3] - size[1]).abs() < 0.01, "{paper}: {media:?}");
    }
}

#[test]
fn fonts_are_embedded_and_subset() {
    let out = &built().out;
    for paper in ["a4", "letter"] {
        let (_, doc) = load(out, paper);
        let mut fonts = 0;
        for object in doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(Object::as_name).ok()
                != Some(b"FontDescriptor".as_slice())
            {
                continue;
            }
            fonts += 1;
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "{paper}: font not embedded"
            );
            let name = dict.get(b"FontName").unwrap().as_name().unwrap();
            let name = String::from_utf8_lossy(name);
            let (tag, rest) = name
                .split_once('+')
                .unwrap_or_else(|| panic!("{name} has no subset tag"));
            assert!(
                tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()),
                "{name}"
            );
            assert!(rest.starts_with("NotoSans"), "{name}");
        }
        // The sheet's regular and bold cuts, and the regular face for what is typed
        // into the blanks.
        assert_eq!(fonts, 3, "{paper}: regular, bold and the typed text's");
    }
}

#[test]
fn language_link_metadata_and_size() {
    let shipped = built();
    let out = &shipped.out;
    let library = pawprint_content::load::load(&shipped.root).unwrap();
    let front = &library.articles[0].front;
    for paper in ["a4", "letter"] {
        let (bytes, doc) = load(out, paper);
        // About 27 KB, and 13 KB more for the typeface of what is typed into the
        // blanks (every Latin-1 letter, embedded so a filled sheet prints as shown).
        assert!(bytes.len() <= 45 * 1024, "{paper}: {} bytes", bytes.len());
        let catalog = doc.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en");

        let page = doc.get_dictionary(doc.get_pages()[&1]).unwrap();
        let uris: Vec<String> = page
            .get(b"Annots")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|o| doc.get_dictionary(o.as_reference().unwrap()).ok())
            .filter(|d| {
                d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Link".as_slice())
            })
            .map(|d| {
                let action = d.get(b"A").unwrap().as_dict().unwrap();
                String::from_utf8(action.get(b"URI").unwrap().as_str().unwrap().to_vec()).unwrap()
            })
            .collect();
        assert!(
            !uris.is_empty() && uris.iter().all(|u| u == URL),
            "{paper}: {uris:?}"
        );

        let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_dictionary(info_id).unwrap();
        assert_eq!(text_string(&doc, info, b"Title"), front.title);
        assert_eq!(
            text_string(&doc, info, b"Author"),
            "Maple Street Animal Clinic (example)"
        );
        assert_eq!(text_string(&doc, info, b"Subject"), front.summary);
        assert!(text_string(&doc, info, b"CreationDate").starts_with("D:20261120"));
        assert!(text_string(&doc, info, b"ModDate").starts_with("D:20261120"));
        let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
        assert_eq!(id.len(), 2);
        assert_eq!(id[0].as_str().unwrap().len(), 16);
    }
    // Each paper's file has its own document id.
    let (_, a4) = load(out, "a4");
    let (_, letter) = load(out, "letter");
    assert_ne!(
        a4.trailer.get(b"ID").unwrap(),
        letter.trailer.get(b"ID").unwrap()
    );
}

#[test]
fn handouts_are_byte_identical_on_a_second_build() {
    let project = shipped_copy();
    pawprint::build(project.path(), Some(&project.path().join("one"))).unwrap();
    pawprint::build(project.path(), Some(&project.path().join("two"))).unwrap();
    for paper in ["a4", "letter"] {
        let path = format!("dogs/anal-gland-leakage/dogs-anal-gland-leakage-{paper}.pdf");
        let one = std::fs::read(project.path().join("one").join(&path)).unwrap();
        let two = std::fs::read(project.path().join("two").join(&path)).unwrap();
        assert!(one == two, "{path} differs between builds");
    }
}

#[test]
fn the_article_page_links_to_each_handout_that_exists() {
    let out = &built().out;
    let html = text(out, "dogs/anal-gland-leakage/index.html");
    assert!(html.contains("href=\"/dogs/anal-gland-leakage/dogs-anal-gland-leakage-letter.pdf\""));
    assert!(html.contains("href=\"/dogs/anal-gland-leakage/dogs-anal-gland-leakage-a4.pdf\""));
    assert!(html.contains("Handout for US Letter paper"));
    assert!(html.contains("Handout for A4 paper"));

    // With only A4 configured, only A4 is made and linked.
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let config = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    std::fs::write(
        project.path().join("site.toml"),
        config.edit("papers = [\"letter\", \"a4\"]", "papers = [\"a4\"]"),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap();
    assert!(report.output.join("dogs/ears/dogs-ears-a4.pdf").is_file());
    assert!(
        !report
            .output
            .join("dogs/ears/dogs-ears-letter.pdf")
            .exists()
    );
    let html = text(&report.output, "dogs/ears/index.html");
    assert!(html.contains("dogs-ears-a4.pdf"));
    assert!(!html.contains("dogs-ears-letter.pdf"));

    // With no papers, no handout section at all.
    std::fs::write(
        project.path().join("site.toml"),
        config.edit("papers = [\"letter\", \"a4\"]", "papers = []"),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap();
    assert_eq!(report.handouts, 0);
    assert!(!text(&report.output, "dogs/ears/index.html").contains("handout-box"));
}

#[test]
fn a_handout_that_cannot_fit_fails_the_build_and_keeps_the_last_output() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    assert!(pawprint(project.path(), &["build"]).status.success());
    let before = read_tree(&project.path().join("output"));

    let long_item = "Put a warm, damp cloth on the area for a few minutes, then dry it well and look again for any change. ";
    let prevention: Vec<String> = (0..14)
        .map(|_| format!("\"{}\"", long_item.repeat(2).trim()))
        .collect();
    let article = ARTICLE.edit(
        "prevention = [\"Dry the ears after a swim.\"]",
        &format!("prevention = [{}]", prevention.join(", ")),
    );
    std::fs::write(project.path().join("content/dogs/ears.md"), article).unwrap();
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains(
            "content/dogs/ears.md:7:1: error[handout.does-not-fit]: the handout does not fit on one US Letter page: it is "
        ),
        "{err}"
    );
    assert!(
        err.contains("the handout does not fit on one A4 page"),
        "{err}"
    );
    // The smallest type is what still prints at 12 pt when the sheet is fitted
    // to the other paper: 12.8 pt on A4, 12.4 pt on Letter.
    assert!(
        err.contains(" mm too tall, even with 12.8 pt text and tight spacing"),
        "{err}"
    );
    // On Letter the overflow is in inches too; A4 stays in mm.
    assert!(
        err.contains(" inches) too tall, even with 12.4 pt text"),
        "{err}"
    );
    assert_eq!(err.matches(" inches) too tall").count(), 1, "{err}");
    assert!(
        err.contains("shorten the fields taking the most space: handout.prevention ("),
        "{err}"
    );
    assert_eq!(read_tree(&project.path().join("output")), before);
}

#[test]
fn a_logo_is_placed_in_the_header() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    // A 4 × 2 PNG with transparency.
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, 4, 2);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(
                &[10u8, 90, 90, 255]
                    .repeat(7)
                    .into_iter()
                    .chain([0, 0, 0, 0])
                    .collect::<Vec<u8>>(),
            )
            .unwrap();
    }
    std::fs::write(
        project.path().join("themes/default/static/logo.png"),
        &png_bytes,
    )
    .unwrap();
    let config = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    std::fs::write(
        project.path().join("site.toml"),
        config.edit("[clinic]\n", "[clinic]\nlogo = \"logo.png\"\n"),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let bytes = std::fs::read(report.output.join("dogs/ears/dogs-ears-a4.pdf")).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let images: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice())
        })
        .collect();
    assert_eq!(images.len(), 2, "the logo and its transparency mask");
    let logo = images
        .iter()
        .find(|s| s.dict.has(b"SMask"))
        .expect("the logo has a soft mask");
    assert_eq!(logo.dict.get(b"Width").unwrap().as_i64().unwrap(), 4);

    // A missing logo is a clear error.
    std::fs::write(
        project.path().join("site.toml"),
        config.edit("[clinic]\n", "[clinic]\nlogo = \"nope.png\"\n"),
    )
    .unwrap();
    let err = stderr(&pawprint(project.path(), &["build"]));
    assert!(err.contains("clinic.logo \"nope.png\" not found"), "{err}");
}

#[test]
fn a_theme_can_name_its_own_fonts() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let fonts = project.path().join("themes/default/fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    // Any TTF will do; the bold and italic Noto faces stand in for a clinic's own.
    std::fs::write(fonts.join("Clinic-Regular.ttf"), notosans::ITALIC_TTF).unwrap();
    std::fs::write(fonts.join("Clinic-Bold.ttf"), notosans::BOLD_ITALIC_TTF).unwrap();
    let theme = project.path().join("themes/default/theme.toml");
    let toml = std::fs::read_to_string(&theme).unwrap();
    std::fs::write(
        &theme,
        toml.edit(
            "# font_regular = \"fonts/MyFont-Regular.ttf\"\n# font_bold = \"fonts/MyFont-Bold.ttf\"",
            "font_regular = \"fonts/Clinic-Regular.ttf\"\nfont_bold = \"fonts/Clinic-Bold.ttf\"",
        ),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let doc = Document::load_mem(
        &std::fs::read(report.output.join("dogs/ears/dogs-ears-letter.pdf")).unwrap(),
    )
    .unwrap();
    let names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice())
        })
        .map(|d| {
            String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).into_owned()
        })
        .collect();
    // Regular and bold, and the regular again for what is typed into the blanks.
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names.iter().all(|n| n.contains("Italic")),
        "the theme's fonts are used: {names:?}"
    );

    // A missing font file is a clear error in theme.toml.
    std::fs::remove_file(fonts.join("Clinic-Bold.ttf")).unwrap();
    let err = stderr(&pawprint(project.path(), &["build", "--format", "short"]));
    let line = line_starting(&std::fs::read_to_string(&theme).unwrap(), "font_bold =");
    assert!(
        err.contains(&format!(
            "themes/default/theme.toml:{line}:13: error[theme.font-not-found]: font file"
        )),
        "{err}"
    );
    assert!(
        err.contains("font file \"fonts/Clinic-Bold.ttf\" not found in the theme folder"),
        "{err}"
    );
}

/// The 1-based line of the first line of `text` that starts with `start`.
fn line_starting(text: &str, start: &str) -> usize {
    1 + text
        .lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

#[test]
fn a_bad_logo_or_font_is_reported_at_its_line_with_the_content_problems() {
    let broken = ARTICLE.edit("summary = ", "sumary = ");
    let project = project(&[("dogs/ears.md", broken.as_bytes())]);
    let config = std::fs::read_to_string(project.path().join("site.toml"))
        .unwrap()
        .edit("[clinic]\n", "[clinic]\nlogo = \"nope.png\"\n");
    std::fs::write(project.path().join("site.toml"), &config).unwrap();
    let fonts = project.path().join("themes/default/fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::write(fonts.join("Clinic-Regular.ttf"), b"not a font at all").unwrap();
    std::fs::write(fonts.join("Clinic-Bold.ttf"), notosans::BOLD_TTF).unwrap();
    let theme_path = project.path().join("themes/default/theme.toml");
    let theme = std::fs::read_to_string(&theme_path).unwrap().edit(
        "# font_regular = \"fonts/MyFont-Regular.ttf\"\n# font_bold = \"fonts/MyFont-Bold.ttf\"",
        "font_regular = \"fonts/Clinic-Regular.ttf\"\nfont_bold = \"fonts/Clinic-Bold.ttf\"",
    );
    std::fs::write(&theme_path, &theme).unwrap();

    let problems = pawprint_content::load::load(project.path()).unwrap_err().0;
    let found = |file: &str, code: Code| {
        problems
            .iter()
            .find(|p| p.file == std::path::Path::new(file) && p.code == Some(code))
            .unwrap_or_else(|| panic!("no {file} problem {code} in {problems:#?}"))
    };
    // The content problem and the logo and font problems come together.
    assert!(
        found("content/dogs/ears.md", Code::SettingsUnknownKey)
            .message
            .contains("sumary")
    );
    let logo = found("site.toml", Code::LogoNotFound);
    assert!(
        logo.message.contains("clinic.logo \"nope.png\" not found"),
        "{logo:?}"
    );
    assert_eq!(logo.line, Some(line_starting(&config, "logo =")));
    let font = found("themes/default/theme.toml", Code::ThemeBadFont);
    assert!(
        font.message
            .contains("cannot use the handout font \"fonts/Clinic-Regular.ttf\": not a font file"),
        "{font:?}"
    );
    assert_eq!(font.line, Some(line_starting(&theme, "font_regular =")));

    // A file that is neither PNG nor JPEG is placed at the same line.
    std::fs::write(project.path().join("nope.png"), b"GIF89a").unwrap();
    let problems = pawprint_content::load::load(project.path()).unwrap_err().0;
    let logo = problems
        .iter()
        .find(|p| p.code == Some(Code::LogoBadPicture))
        .unwrap_or_else(|| panic!("{problems:#?}"));
    assert!(
        logo.message.contains("neither a PNG nor a JPEG"),
        "{logo:?}"
    );
    assert_eq!(logo.file, std::path::Path::new("site.toml"));
    assert_eq!(logo.line, Some(line_starting(&config, "logo =")));
}

#[test]
fn handouts_are_rendered_from_what_load_read_without_opening_files() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let config = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    std::fs::write(
        project.path().join("site.toml"),
        config.edit("[clinic]\n", "[clinic]\nlogo = \"logo.jpg\"\n"),
    )
    .unwrap();
    // SOI, then a baseline frame header: 3 components, 20 × 10 pixels.
    let mut jpeg = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x0A, 0x00, 0x14, 0x03,
    ];
    jpeg.extend([0u8; 12]);
    std::fs::write(project.path().join("logo.jpg"), &jpeg).unwrap();
    let fonts = project.path().join("themes/default/fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::write(fonts.join("Clinic-Regular.ttf"), notosans::ITALIC_TTF).unwrap();
    std::fs::write(fonts.join("Clinic-Bold.ttf"), notosans::BOLD_ITALIC_TTF).unwrap();
    let theme = project.path().join("themes/default/theme.toml");
    let toml = std::fs::read_to_string(&theme).unwrap();
    std::fs::write(
        &theme,
        toml.edit(
            "# font_regular = \"fonts/MyFont-Regular.ttf\"\n# font_bold = \"fonts/MyFont-Bold.ttf\"",
            "font_regular = \"fonts/Clinic-Regular.ttf\"\nfont_bold = \"fonts/Clinic-Bold.ttf\"",
        ),
    )
    .unwrap();
    let library = pawprint_content::load::load(project.path()).unwrap_or_else(|p| panic!("{p}"));

    // Once loaded, the logo and the fonts may vanish from disk: rendering does not
    // look for them.
    std::fs::remove_file(project.path().join("logo.jpg")).unwrap();
    std::fs::remove_dir_all(&fonts).unwrap();
    let rendered = pawprint::build::render(&library).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(rendered.handouts.len(), 2);
    let pdf = rendered
        .files
        .iter()
        .find(|f| f.path == "dogs/ears/dogs-ears-a4.pdf")
        .expect("the A4 handout");
    let pawprint_output::Contents::Bytes(bytes) = &pdf.contents else {
        panic!("a handout is made in memory");
    };
    let doc = Document::load_mem(bytes).unwrap();
    let jpeg_streams = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Filter").and_then(Object::as_name).ok() == Some(b"DCTDecode"))
        .count();
    assert_eq!(jpeg_streams, 1, "the logo is in the PDF");
}

#[test]
fn a_character_the_font_lacks_is_reported_at_the_line_of_its_field() {
    for (field, from, to, line_start) in [
        (
            "title",
            "title = \"Ear care for dogs\"",
            "title = \"Ear care for dogs 🐕\"",
            "title =",
        ),
        (
            "reviewed_by",
            "updated = 2026-01-15",
            "updated = 2026-01-15\nreviewed_by = \"Dr. Ana Ruiz 🩺\"",
            "reviewed_by =",
        ),
        (
            "handout.signs",
            "\"Smelly ears\"",
            "\"Smelly ears 👃\"",
            "signs =",
        ),
        (
            "handout.call_us_if",
            "call_us_if = [\"The ear bleeds\"]",
            "call_us_if = [\n  \"The ear bleeds ☎\",\n]",
            "call_us_if =",
        ),
    ] {
        let article = ARTICLE.edit(from, to);
        let project = project(&[("dogs/ears.md", article.as_bytes())]);
        let library =
            pawprint_content::load::load(project.path()).unwrap_or_else(|p| panic!("{p}"));
        let Err(problems) = pawprint::build::render(&library) else {
            panic!("{field}: the handout was made");
        };
        let problems = problems.0;
        assert!(
            !problems.is_empty()
                && problems.iter().all(|p| {
                    p.code == Some(Code::HandoutMissingGlyph)
                        && p.message.ends_with(&format!(" in {field}"))
                        && p.line == Some(line_starting(&article, line_start))
                }),
            "{field}: {problems:#?}"
        );
    }
}

#[test]
fn large_print_has_its_own_sheet_on_both_sides_of_the_paper_when_one_is_not_enough() {
    let project = fixture("full-sheet");
    let theme = project.path().join("themes/default/theme.toml");
    let text = std::fs::read_to_string(&theme).unwrap();
    std::fs::write(&theme, text.edit("body_size = 13", "body_size = 22")).unwrap();
    // A short article fits on one side of large-print paper; the full sheet needs
    // both sides.
    let short = ARTICLE;
    std::fs::write(project.path().join("content/dogs/ears.md"), short).unwrap();
    let site = project.path().join("site.toml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(
        &site,
        text.edit(
            "papers = [\"letter\", \"a4\"]",
            "papers = [\"letter\", \"letter-large\"]",
        ),
    )
    .unwrap();
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let pages = |path: &std::path::Path| lopdf::Document::load(path).unwrap().get_pages().len();
    let full = project.path().join("output/dogs/anal-glands");
    assert_eq!(pages(&full.join("dogs-anal-glands-letter-large.pdf")), 2);
    assert_eq!(pages(&full.join("dogs-anal-glands-letter.pdf")), 1);
    let out = project.path().join("output/dogs/ears");
    assert_eq!(pages(&out.join("dogs-ears-letter-large.pdf")), 1);
    assert!(out.join("dogs-ears-letter.pdf").is_file());
    // The pages and the front desk's list say which sheet prints on both sides.
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("dogs-ears-letter-large.pdf"), "{page}");
    assert!(page.contains("large-print US Letter"), "{page}");
    assert!(!page.contains("print on both sides"), "{page}");
    let page = std::fs::read_to_string(full.join("index.html")).unwrap();
    assert!(page.contains("KB, print on both sides)"), "{page}");
    let list = std::fs::read_to_string(project.path().join("output/handouts/index.html")).unwrap();
    assert_eq!(
        list.matches("large-print US Letter (print on both sides)")
            .count(),
        1,
        "{list}"
    );

    // Too long even for two sides: the message says which side, by how much, a
    // positive amount, in mm and inches.
    let article = project.path().join("content/dogs/anal-glands.md");
    let long = std::fs::read_to_string(&article).unwrap();
    let more = "Your dog may lick or chew at its bottom, often after a meal or a walk. ";
    let long = long.replacen("intro = \"", &format!("intro = \"{}", more.repeat(12)), 1);
    std::fs::write(&article, long).unwrap();
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    let err = stderr(&output);
    assert!(!output.status.success(), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("large-print US Letter sheet"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains("content/dogs/anal-glands.md:"), "{line}");
    assert!(
        line.contains(
            "does not fit on the two sides of one large-print US Letter sheet: its front is "
        ),
        "{line}"
    );
    assert!(line.contains("even with 16 pt text"), "{line}");
    let amount: f32 = line
        .split("its front is ")
        .nth(1)
        .and_then(|rest| rest.split(" mm").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!(amount > 0.0, "{line}");
    assert!(line.contains(" inches) too tall"), "{line}");
    assert!(err.contains("handout.intro ("), "{err}");
    assert!(!err.contains("ears.md"), "the short article fits: {err}");
}

/// Each page of a two-sided sheet has its own key in the structure tree's parent
/// tree, its links and fields are on the back, and every annotation's key is in
/// the tree.
fn two_sided_structure(doc: &lopdf::Document, name: &str) {
    let pages = doc.get_pages();
    let mut keys_used = Vec::new();
    for (number, id) in &pages {
        let page = doc.get_dictionary(*id).unwrap();
        let key = page.get(b"StructParents").unwrap().as_i64().unwrap();
        assert_eq!(key, i64::from(*number) - 1, "{name}");
        let annots = page.get(b"Annots").and_then(|a| a.as_array());
        match number {
            1 => assert!(
                annots.map_or(true, |a| a.is_empty()),
                "{name}: the front has no links or fields"
            ),
            _ => {
                for annot in annots.unwrap() {
                    let annot = doc.get_dictionary(annot.as_reference().unwrap()).unwrap();
                    keys_used.push(annot.get(b"StructParent").unwrap().as_i64().unwrap());
                }
            }
        }
    }
    // Two links and three blanks, keyed after the two pages.
    assert_eq!(keys_used, vec![2, 3, 4, 5, 6], "{name}");
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(
            catalog
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap();
    let tree = root.get(b"ParentTree").unwrap().as_dict().unwrap();
    let nums = tree.get(b"Nums").unwrap().as_array().unwrap();
    let keys: Vec<i64> = nums
        .iter()
        .step_by(2)
        .map(|k| k.as_i64().unwrap())
        .collect();
    assert_eq!(keys, vec![0, 1, 2, 3, 4, 5, 6], "{name}");
    assert_eq!(root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(), 7);
}

#[test]
fn the_shipped_article_builds_in_large_print_in_both_languages() {
    let project = shipped_copy();
    let site = project.path().join("site.toml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(
        &site,
        text.edit(
            "papers = [\"letter\", \"a4\"]",
            "papers = [\"letter-large\", \"a4-large\"]",
        ),
    )
    .unwrap();
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("warning["), "{err}");
    let out = project.path().join("output");
    let mut sheets = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        // Spanish sheets name large print in Spanish: `-letra-grande.pdf`.
        let large = name.ends_with("-large.pdf") || name.ends_with("-letra-grande.pdf");
        if large && !entry.path().to_string_lossy().contains("packs") {
            let doc = lopdf::Document::load(entry.path()).unwrap();
            assert_eq!(doc.get_pages().len(), 2, "{name}");
            two_sided_structure(&doc, &name);
            sheets += 1;
        }
    }
    assert_eq!(sheets, 4, "two papers in two languages");
    let spanish = std::fs::read_to_string(out.join("es/handouts/index.html")).unwrap();
    assert!(spanish.contains("(imprima por los dos lados)"), "{spanish}");
}

#[test]
fn stepping_the_type_down_says_which_size_and_why() {
    let project = shipped_copy();
    eject_theme(project.path());
    let theme = project.path().join("themes/default/theme.toml");
    let text = std::fs::read_to_string(&theme).unwrap();
    std::fs::write(&theme, text.edit("body_size = 13", "body_size = 22")).unwrap();
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning[")).collect();
    // One line per article: the English one and its Spanish translation.
    assert_eq!(warnings.len(), 2, "one line per article: {err}");
    assert!(warnings[1].contains("anal-gland-leakage.es.md:"), "{err}");
    assert!(
        warnings[0].contains(
            "anal-gland-leakage.md:13:1: warning[handout.smaller-type]: the handout is set in smaller type so that it fits on one page: "
        ),
        "{err}"
    );
    assert!(
        warnings[0].contains(" pt, not 22 pt, on US Letter"),
        "{err}"
    );
    assert!(warnings[0].contains(" pt, not 22 pt, on A4"), "{err}");
    // `check` says the same.
    let checked = pawprint(project.path(), &["check", "--format", "short"]);
    let out = String::from_utf8_lossy(&checked.stdout);
    assert!(
        out.contains("13:1: warning[handout.smaller-type]: the handout is set in smaller type"),
        "{out}"
    );

    // Above 24 pt is refused at its line, pointing to the large-print papers.
    std::fs::write(&theme, text.edit("body_size = 13", "body_size = 30")).unwrap();
    let output = pawprint(project.path(), &["build", "--format", "short"]);
    let err = stderr(&output);
    assert!(!output.status.success());
    let line = text
        .lines()
        .position(|l| l.starts_with("body_size"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "theme.toml:{line}:13: error[theme.bad-body-size]: handout.body_size 30 is out of range"
        )),
        "{err}"
    );
    assert!(err.contains("\"letter-large\" or \"a4-large\""), "{err}");

    // At the theme's own size the sheet fits, and nothing is said.
    std::fs::write(&theme, text).unwrap();
    let output = pawprint(project.path(), &["build"]);
    assert!(!stderr(&output).contains("smaller type"));
}

/// The Letter sheet of an article, whatever its file is called.
fn letter_sheet(folder: &std::path::Path) -> std::path::PathBuf {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".pdf") && name.contains("letter") && !name.contains("large")
        })
        .unwrap_or_else(|| panic!("no Letter sheet in {}", folder.display()))
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs pdftotext (apt install poppler-utils)"
)]
fn soft_hyphens_long_addresses_and_over_long_words_read_back_right() {
    let long_word = "withoutspaces".repeat(8);
    let article = ARTICLE
        .edit("\"Smelly ears\"", "\"Ear scratch\\u00ADing at night\"")
        .edit(
            "\"Dry the ears after a swim.\"",
            &format!("\"Use {long_word} cream.\""),
        );
    let project = project(&[("dogs/anal-gland-leakage.md", article.as_bytes())]);
    let site = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    let base = "https://www.example-animal-hospital.com/pet-health-library/";
    std::fs::write(
        project.path().join("site.toml"),
        site.edit("https://pets.maple-street-vet.example/", base),
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let sheet = letter_sheet(&report.output.join("dogs/anal-gland-leakage"));
    let (text, layout) = (pdftotext(&sheet, &[]), pdftotext(&sheet, &["-layout"]));
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();

    // The soft hyphen is gone, and shows no hyphen where the line does not break.
    assert!(!text.contains('\u{ad}'), "{text}");
    assert!(
        text.contains("Ear scratching at night") || text.contains("Ear scratch-\ning"),
        "{text}"
    );

    // The address breaks only after a `/` or before a `.`, and adds nothing.
    let url = format!("{base}dogs/anal-gland-leakage/");
    let start = lines
        .iter()
        .position(|l| l.contains("https://www."))
        .unwrap_or_else(|| panic!("no address in:\n{text}"));
    let mut joined = String::new();
    let mut end = start;
    while !joined.ends_with(&url) {
        joined.push_str(lines[end]);
        end += 1;
        assert!(end <= lines.len(), "the address is not whole:\n{text}");
    }
    assert!(
        end - start >= 2,
        "the address should need two lines:\n{text}"
    );
    for pair in lines[start..end].windows(2) {
        assert!(
            (pair[0].ends_with('/') || pair[1].starts_with('.')) && !pair[0].ends_with('-'),
            "a break between {:?} and {:?}",
            pair[0],
            pair[1]
        );
    }

    // The over-long word is marked with a hyphen where it breaks, so a reader
    // (and pdftotext, which joins such lines) reads one word, not two.
    assert!(text.contains(&format!("{long_word} cream.")), "{text}");
    let lines: Vec<&str> = layout.lines().map(str::trim).collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("withoutspaces"))
        .unwrap_or_else(|| panic!("{layout}"));
    assert!(lines[first].ends_with('-'), "{layout}");
    let mut word = String::new();
    for line in &lines[first..] {
        match line.strip_suffix('-') {
            Some(piece) => word.push_str(piece),
            None => {
                word.push_str(line);
                break;
            }
        }
    }
    assert_eq!(word, format!("{long_word} cream."), "{layout}");
}

#[test]
fn embedded_fonts_give_their_real_cap_height() {
    let out = &built().out;
    let (_, doc) = load(out, "letter");
    let fonts = pawprint_settings::brand::typeface::FontSet::noto_sans();
    let mut seen = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let name = String::from_utf8_lossy(dict.get(b"FontName").unwrap().as_name().unwrap());
        let face = if name.ends_with("-Bold") {
            &fonts.bold
        } else {
            &fonts.regular
        };
        let cap = dict.get(b"CapHeight").unwrap().as_i64().unwrap();
        let ascent = dict.get(b"Ascent").unwrap().as_i64().unwrap();
        let expected = (f32::from(face.cap_height) * 1000.0 / f32::from(face.units_per_em)).round();
        assert_eq!(cap, expected as i64, "{name}");
        assert!(
            cap < ascent && (600..800).contains(&cap),
            "{name}: {cap} vs {ascent}"
        );
        seen += 1;
    }
    // Regular and bold, and the typed text's regular.
    assert_eq!(seen, 3);
}

#[test]
fn a_saved_sheet_is_named_for_its_topic_and_paper_and_no_two_share_a_name() {
    // Two articles called `ears` in two sections: each sheet still has its own name.
    let cats = ARTICLE.edit("species = [\"dog\"]", "species = [\"cat\"]");
    let site = project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        ("cats/ears.md", cats.as_bytes()),
    ]);
    let output = pawprint(site.path(), &["build"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = site.path().join("output");
    let mut names = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "pdf") {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(name.is_ascii(), "{name}");
            names.push(name);
        }
    }
    names.sort();
    assert_eq!(
        names,
        [
            "cats-ears-a4.pdf",
            "cats-ears-letter.pdf",
            "dogs-ears-a4.pdf",
            "dogs-ears-letter.pdf"
        ]
    );
    let page = std::fs::read_to_string(out.join("cats/ears/index.html")).unwrap();
    assert!(
        page.contains("href=\"/cats/ears/cats-ears-letter.pdf\""),
        "{page}"
    );

    // Two paths that would give one name are an error, with its code.
    let clash = project(&[
        ("dogs/ear-care.md", ARTICLE.as_bytes()),
        ("dogs-ear/care.md", ARTICLE.as_bytes()),
    ]);
    let output = pawprint(clash.path(), &["build"]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("error[content.same-handout-name]"), "{err}");
    assert!(err.contains("dogs-ear-care-letter.pdf"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_logo_that_is_a_link_is_refused_at_load_with_its_line() {
    // Before: `check` followed the link and passed, then `build` refused to copy it
    // with no site.toml line. Now load reads it as the output copies it.
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("real.png"), b"not read").unwrap();
    std::os::unix::fs::symlink(
        elsewhere.path().join("real.png"),
        project.path().join("themes/default/static/logo.png"),
    )
    .unwrap();
    let config = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    std::fs::write(
        project.path().join("site.toml"),
        config.edit("[clinic]\n", "[clinic]\nlogo = \"logo.png\"\n"),
    )
    .unwrap();
    let line = line_starting(
        &std::fs::read_to_string(project.path().join("site.toml")).unwrap(),
        "logo =",
    );
    for command in ["check", "build"] {
        let output = pawprint(project.path(), &[command, "--format", "short"]);
        assert!(!output.status.success(), "{command} accepted a linked logo");
        let said = format!(
            "{}{}",
            stderr(&output),
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(said.contains("is not a plain file"), "{command}: {said}");
        assert!(
            said.contains(&format!("{line}:8: error[io.read]")),
            "{command}: {said}"
        );
    }
}

/// `check` lays out every location's sheet, as `build` does: a second location
/// whose long name and address push its sheet past the page is found by both.
#[test]
fn check_finds_a_sheet_that_only_another_location_overflows() {
    let long = "and a long name of the place ".repeat(40);
    let clinic = format!(
        r#"[clinic]
name = "Maple Street Animal Clinic (example)"
website = "https://www.maple-street-vet.example/"

[[clinic.locations]]
id = "downtown"
name = "Downtown clinic"
phone = "(503) 555-0142"
email = "downtown@maple-street-vet.example"
address = "120 Maple Street, Springfield"
hours = ["Monday to Friday: 8 am to 6 pm"]

[[clinic.locations]]
id = "north"
name = "North clinic {long}"
phone = "+1 503 555 0155"
email = "north@maple-street-vet.example"
address = "8 Oak Road, Springfield {long}"
hours = ["Monday to Saturday: 9 am to 5 pm"]

"#
    );
    let project = common::with_clinic(&clinic);
    for command in ["check", "build"] {
        let out = common::pawprint(project.path(), &[command]);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            common::stderr(&out)
        );
        assert!(!out.status.success(), "{command}: {said}");
        assert!(
            said.contains("handout.does-not-fit") && said.contains("the sheet for North clinic"),
            "{command}: {said}"
        );
    }
}
