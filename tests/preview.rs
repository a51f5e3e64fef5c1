//! The picture of the sheet: drawn from the same frame as the PDF (its words at
//! the frame's positions, in the SVG and in the PNG's pixels), shown on the
//! article page beside the handout links, and the page's `og:image`.

use crate::common;

use common::*;
use pawprint_handout::Press;
use pawprint_handout::frame::{Frame, Item};
use pawprint_handout::preview;
use pawprint_settings::paper::Paper;

/// The shipped article's frames on both papers, with its title, in each language.
fn shipped_frames() -> Vec<(String, Vec<Frame>)> {
    let library = pawprint_content::load::load(&repo()).unwrap();
    let mut all = Vec::new();
    for edition in library.editions() {
        let press = Press::new(edition);
        let frames = [Paper::Letter, Paper::A4]
            .iter()
            .map(|paper| {
                press
                    .lay_out(edition, &edition.articles[0], *paper)
                    .unwrap()
            })
            .collect();
        all.push((edition.articles[0].front.title.clone(), frames));
    }
    all
}

#[test]
fn every_text_run_of_the_frame_is_in_the_svg_at_its_place() {
    for (title, frames) in shipped_frames() {
        for frame in frames {
            let svg = preview::svg(&frame, &title);
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let texts: Vec<(f32, f32, f32, String)> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .map(|n| {
                    let number = |name: &str| n.attribute(name).unwrap().parse::<f32>().unwrap();
                    (
                        number("x"),
                        number("y"),
                        number("font-size"),
                        n.text().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            let runs: Vec<_> = frame.texts().collect();
            assert_eq!(texts.len(), runs.len(), "{}: one <text> a run", frame.paper);
            // In the frame's reading order, each at its left edge and baseline.
            for (run, (x, y, size, text)) in runs.iter().zip(&texts) {
                assert_eq!(*text, run.text);
                assert!((x - run.x).abs() < 0.01, "{}: {text} x", frame.paper);
                assert!((y - run.baseline).abs() < 0.01, "{}: {text} y", frame.paper);
                assert!((size - run.size).abs() < 0.01);
            }
            let qr = frame
                .items
                .iter()
                .find_map(|item| match item {
                    Item::Qr { dark, .. } => Some(dark.iter().filter(|d| **d).count()),
                    _ => None,
                })
                .unwrap();
            // The QR code's path is the one with its words as a title (the
            // picture's paths have theirs on their group).
            let path = doc
                .descendants()
                .find(|n| n.has_tag_name("path") && n.children().any(|c| c.has_tag_name("title")))
                .unwrap()
                .attribute("d")
                .unwrap();
            assert_eq!(path.matches('M').count(), qr, "one square a dark QR module");
        }
    }
}

/// The PNG's grey pixels, row by row.
fn grey_pixels(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!(
        info.color_type,
        png::ColorType::Grayscale,
        "no logo: all grey"
    );
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

#[test]
fn the_png_has_ink_where_the_frame_has_words_and_none_in_the_margins() {
    let library = pawprint_content::load::load(&repo()).unwrap();
    for (_, frames) in shipped_frames() {
        for frame in frames {
            let (bytes, width, height) = preview::png(&frame, &library.brand.fonts).unwrap();
            assert_eq!((width, height), preview::size_for(frame.paper));
            // The shipped sheet's drawing adds about 3 KB.
            assert!(
                bytes.len() < 64_000,
                "{}: {} bytes",
                frame.paper,
                bytes.len()
            );
            let (w, h, pixels) = grey_pixels(&bytes);
            assert_eq!((w, h), (width, height));
            let scale = w as f32 / frame.width;
            let at = |x: f32, y: f32| {
                let (px, py) = ((x * scale) as u32, (y * scale) as u32);
                pixels[(py.min(h - 1) * w + px.min(w - 1)) as usize]
            };
            for run in frame
                .texts()
                .filter(|r| r.grey < 0.5 && r.text.trim().len() > 1)
            {
                let b = run.bounds();
                let mut darkest = 255;
                let mut y = b.y;
                while y < b.bottom() {
                    let mut x = b.x;
                    while x < b.right() {
                        darkest = darkest.min(at(x, y));
                        x += 0.5 / scale;
                    }
                    y += 0.5 / scale;
                }
                assert!(darkest < 128, "{}: no ink for {:?}", frame.paper, run.text);
            }
            // The margins are blank, as on paper.
            let margin = (frame.area.y * scale) as u32 - 1;
            for y in 0..margin {
                for x in 0..w {
                    assert_eq!(pixels[(y * w + x) as usize], 255, "ink in the top margin");
                }
            }
        }
    }
}

fn attribute<'a>(tag: &'a str, name: &str) -> &'a str {
    let start = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("{name} in {tag}"))
        + name.len()
        + 3;
    &tag[start..start + tag[start..].find('"').unwrap()]
}

fn tag<'a>(html: &'a str, starts: &str) -> &'a str {
    let start = html.find(starts).unwrap_or_else(|| panic!("no {starts}"));
    &html[start..start + html[start..].find('>').unwrap()]
}

#[test]
fn the_page_shows_the_picture_and_og_image_is_a_png_that_exists() {
    let dir = shipped_copy();
    pawprint::build(dir.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let out = dir.path().join("output");
    for (page, title) in [
        (
            "dogs/anal-gland-leakage/index.html",
            "Why Your Dog&#39;s Anal Glands Leak",
        ),
        (
            "es/perros/glandulas-anales/index.html",
            "¿Por qué gotean las glándulas anales?",
        ),
    ] {
        let html = text(&out, page);
        let img = tag(&html, "<img class=\"handout-preview\"");
        // It says what it is, a picture of the sheet, and which sheet.
        let alt = attribute(img, "alt");
        assert!(alt.ends_with(&format!(": {title}")), "{alt}");
        assert!(alt.len() > title.len() + 10, "{alt}");
        assert_eq!(attribute(img, "loading"), "lazy");
        let src = attribute(img, "src").trim_start_matches('/');
        let png = std::fs::read(out.join(src)).unwrap();
        let (w, h, _) = grey_pixels(&png);
        assert_eq!(attribute(img, "width"), w.to_string());
        assert_eq!(attribute(img, "height"), h.to_string());
        // The first paper's sheet: Letter, "carta" in a Spanish file name.
        assert!(
            src.ends_with("-letter.png") || src.starts_with("es/") && src.ends_with("-carta.png"),
            "the first paper's sheet: {src}"
        );
        assert!(out.join(src.replace(".png", ".svg")).is_file());

        let og = attribute(tag(&html, "<meta property=\"og:image\""), "content");
        assert!(og.starts_with("https://") && og.ends_with(src), "{og}");
        let meta = |name: &str| {
            attribute(
                tag(&html, &format!("<meta property=\"og:image:{name}\"")),
                "content",
            )
            .to_string()
        };
        assert_eq!(meta("width"), w.to_string());
        assert_eq!(meta("height"), h.to_string());
        assert_eq!(meta("alt"), title);
        assert_eq!(meta("type"), "image/png");
    }
    // One picture per article and language: not one per paper.
    let pictures = read_tree(&out)
        .keys()
        .filter(|p| p.ends_with(".png"))
        .count();
    assert_eq!(pictures, 2);

    // Made with its sheet, and reused with it.
    let report = pawprint::build(dir.path(), None).unwrap();
    assert_eq!(report.reused, report.handouts);
    assert!(
        out.join("dogs/anal-gland-leakage/dogs-anal-gland-leakage-letter.png")
            .is_file()
    );
    let check = pawprint(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

/// Each word of the PDF with its box, as poppler reads it.
fn pdf_words(pdf: &std::path::Path) -> Vec<(f32, f32, f32, String)> {
    let html = pdftotext(pdf, &["-bbox"]);
    // roxmltree reads no DTD: start at the <html> element.
    let xml = &html[html.find("<html").unwrap()..];
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("word"))
        .map(|n| {
            let number = |name: &str| n.attribute(name).unwrap().parse::<f32>().unwrap();
            (
                number("xMin"),
                number("yMin"),
                number("yMax"),
                n.text().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs pdftotext (apt install poppler-utils)"
)]
fn the_pdf_has_each_run_of_the_pictured_frame_at_the_same_place() {
    let library = pawprint_content::load::load(&repo()).unwrap();
    let press = Press::new(&library);
    let article = &library.articles[0];
    let dir = tempfile::tempdir().unwrap();
    for (file, pdf) in press.print(&library, article).unwrap() {
        let frame = press.lay_out(&library, article, file.paper).unwrap();
        let path = dir.path().join("sheet.pdf");
        let pawprint_text::site_file::Contents::Bytes(bytes) = &pdf.contents else {
            panic!("a PDF is bytes");
        };
        std::fs::write(&path, bytes).unwrap();
        let words = pdf_words(&path);
        let svg = preview::svg(&frame, &article.front.title);
        for run in frame.texts() {
            let Some(first) = run.text.split_whitespace().next() else {
                continue;
            };
            if first.chars().count() < 2 {
                continue;
            }
            // The PDF's word starts at the run's left edge, on its line.
            let found = words.iter().any(|(x, top, bottom, word)| {
                word == first
                    && (x - run.x).abs() < 0.5
                    && *top <= run.baseline
                    && *bottom >= run.baseline
            });
            assert!(
                found,
                "{}: {first:?} of {:?} not at x {} in the PDF",
                file.paper, run.text, run.x
            );
            // And the picture has the same run at the same place.
            let text = format!(
                "<text x=\"{}\" y=\"{}\"",
                trimmed(run.x),
                trimmed(run.baseline)
            );
            assert!(
                svg.contains(&text),
                "{}: {text} for {:?}",
                file.paper,
                run.text
            );
        }
    }
}

/// A number as the SVG writes it: at most two decimals.
fn trimmed(value: f32) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The picture of the full-sheet fixture's sheet on Letter, whole, as its
/// snapshot in `tests/snapshots/`: a change to the sheet's layout shows as a
/// difference to review (`cargo insta review`).
#[test]
fn the_picture_of_a_full_sheet_is_what_its_snapshot_shows() {
    let project = fixture("full-sheet");
    let library = pawprint_content::load::load(project.path()).unwrap_or_else(|p| panic!("{p}"));
    let article = &library.articles[0];
    let frame = Press::new(&library)
        .lay_out(&library, article, Paper::Letter)
        .unwrap();
    insta::assert_snapshot!(preview::svg(&frame, &article.front.title));
}

/// A JPEG logo (RGB, grey, or CMYK saved Adobe's way, with its inks inverted) is
/// drawn into the PNG picture of the sheet as the PDF shows it: the pixels in its
/// box are its colour, not the light grey box of a logo that cannot be decoded.
#[test]
fn a_jpeg_logo_shows_in_the_png_as_in_the_pdf() {
    // The colour of every fixture: RGB (200, 30, 40), and its grey level.
    for (file, colour) in [("logo.jpg", [200, 30, 40]), ("logo-grey.jpg", [82, 82, 82])] {
        let project = shipped_copy();
        std::fs::copy(
            repo().join("tests/fixtures/jpeg-logo").join(file),
            project.path().join("logo.jpg"),
        )
        .unwrap();
        let site = project.path().join("site.toml");
        let settings = std::fs::read_to_string(&site).unwrap();
        std::fs::write(
            &site,
            settings.replacen("# logo = \"logo.png\"", "logo = \"logo.jpg\"", 1),
        )
        .unwrap();
        let library =
            pawprint_content::load::load(project.path()).unwrap_or_else(|p| panic!("{p}"));
        let frame = Press::new(&library)
            .lay_out(&library, &library.articles[0], Paper::Letter)
            .unwrap();
        let rect = frame
            .items
            .iter()
            .find_map(|item| match item {
                Item::Image { rect, .. } => Some(*rect),
                _ => None,
            })
            .expect("the sheet shows the logo");
        let (bytes, width, _) = preview::png(&frame, &library.brand.fonts).unwrap();
        let mut decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        let channels = info.color_type.samples();
        let scale = width as f32 / frame.width;
        // The middle of the logo's box, where no edge is blurred.
        let (x, y) = (
            ((rect.x + rect.w / 2.0) * scale) as usize,
            ((rect.y + rect.h / 2.0) * scale) as usize,
        );
        let at = (y * width as usize + x) * channels;
        let pixel: Vec<i32> = (0..3)
            .map(|c| i32::from(pixels[at + c.min(channels - 1)]))
            .collect();
        assert_ne!(
            pixel,
            [230, 230, 230],
            "{file}: the grey box of an undecoded logo"
        );
        for (got, want) in pixel.iter().zip(colour) {
            assert!(
                (got - want).abs() <= 24,
                "{file}: {pixel:?}, not {colour:?}"
            );
        }

        // The PDF draws the same inks: a CMYK JPEG stored inverted is decoded
        // inverted, or a viewer would print it almost black.
        let rendered = pawprint::build::render(&library).unwrap_or_else(|p| panic!("{p}"));
        let pdf = rendered
            .files
            .iter()
            .find(|f| f.path.ends_with("-letter.pdf") && !f.path.starts_with("packs/"))
            .expect("the Letter sheet");
        let pawprint_output::Contents::Bytes(bytes) = &pdf.contents else {
            panic!("a handout is made in memory");
        };
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let image = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .find(|s| {
                s.dict.get(b"Filter").and_then(lopdf::Object::as_name).ok()
                    == Some(b"DCTDecode".as_slice())
            })
            .expect("the logo");
        let decode = image.dict.get(b"Decode").ok().map(|d| format!("{d:?}"));
        assert_eq!(
            decode.is_some(),
            file == "logo-cmyk.jpg",
            "{file}: {decode:?}"
        );
    }
}
