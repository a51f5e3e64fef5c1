//! The sheet's picture: laid out inside the margins, shrunk before the sheet
//! fails, named when it fails, and drawn by the PDF, SVG and PNG painters.

use std::sync::Arc;

use pawprint_content::Library;
use pawprint_content::picture::{Picture, read_svg};
use pawprint_settings::paper::Paper;

use crate::Press;
use crate::frame::{Frame, Item, Rect};
use crate::layout::{self, LayoutError, MM, PICTURE_MAX, SheetText, smallest_picture};

/// A wide drawing: a mid-grey disc on the left, a thick line on the right.
const DRAWING: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
<circle cx="50" cy="50" r="40" fill="#888888" stroke="#000" stroke-width="4"/>
<path d="M110 90 L190 10" fill="none" stroke="#000" stroke-width="6"/>
</svg>"##;

const ALT: &str = "A grey disc and a line.";

fn picture() -> Arc<Picture> {
    Arc::new(Picture {
        name: "test.svg".into(),
        alt: ALT.into(),
        path: "pictures/test.svg".into(),
        bytes: Arc::new(DRAWING.as_bytes().to_vec()),
        drawing: Arc::new(read_svg(DRAWING.as_bytes()).unwrap()),
    })
}

fn library() -> &'static Library {
    pawprint_content::fixture::test_fixture("full-sheet")
}

/// The full sheet's words, with the picture.
fn with_picture(library: &Library) -> SheetText {
    let mut text = crate::sheet_text(
        library,
        &library.articles[0],
        &library.config.clinic.locations[0],
    );
    text.picture = Some(picture());
    text
}

fn lay_out(text: &SheetText, paper: Paper) -> Result<Frame, LayoutError> {
    let library = library();
    let press = Press::new(library);
    let qr = crate::qr::encode(&text.url).unwrap();
    layout::lay_out(text, press.fonts, press.body_size, None, &qr, paper)
}

fn picture_rect(frame: &Frame) -> Rect {
    let rects: Vec<Rect> = frame
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Picture { rect, .. } => Some(*rect),
            _ => None,
        })
        .collect();
    assert_eq!(rects.len(), 1, "one picture on the sheet");
    rects[0]
}

#[test]
fn the_picture_is_inside_the_margins_and_overlaps_nothing() {
    let library = library();
    let text = with_picture(library);
    for paper in [Paper::Letter, Paper::A4] {
        let frame = lay_out(&text, paper).unwrap();
        let rect = picture_rect(&frame);
        assert!(
            rect.h >= smallest_picture(&picture().drawing) - 0.01 && rect.h <= PICTURE_MAX + 0.01,
            "{paper}: {} mm tall",
            rect.h / MM
        );
        // The drawing keeps its shape.
        assert!((rect.w / rect.h - 2.0).abs() < 0.01);
        assert!(frame.inside_margins(), "{paper}");
        assert!(frame.overlapping_texts().is_empty(), "{paper}");
        for item in &frame.items {
            if matches!(item, Item::Picture { .. } | Item::Link { .. }) {
                continue;
            }
            assert!(
                !rect.overlaps(&item.bounds()),
                "{paper}: the picture overlaps {item:?}"
            );
        }
        // In reading order, after the lists and before the call-us panel.
        let at = |wanted: fn(&Item) -> bool| frame.items.iter().position(wanted).unwrap();
        let picture = at(|i| matches!(i, Item::Picture { .. }));
        let last_advice = frame
            .items
            .iter()
            .rposition(|i| matches!(i, Item::Text(t) if matches!(t.part, crate::frame::Part::Prevention(_))))
            .unwrap();
        let panel = at(|i| matches!(i, Item::Panel { .. }));
        assert!(last_advice < picture && picture < panel);
    }
}

#[test]
fn a_short_sheet_shows_the_picture_at_its_largest() {
    let library = library();
    let mut text = with_picture(library);
    text.intro = "Look at your dog's ears each week.".into();
    text.signs.truncate(3);
    text.prevention.truncate(1);
    text.call_us_if.truncate(1);
    text.fill_in.truncate(1);
    let frame = lay_out(&text, Paper::A4).unwrap();
    let rect = picture_rect(&frame);
    assert!((rect.h - PICTURE_MAX).abs() < 0.01, "{} mm", rect.h / MM);
}

#[test]
fn the_picture_shrinks_first_and_then_the_sheet_fails_naming_it() {
    let library = library();
    let base = with_picture(library);
    let sentence = "Watch your dog closely every day and write what you see. ";
    let (mut shrunk, mut failed) = (false, None);
    for repeat in 0..30 {
        let mut text = base.clone();
        text.intro = format!("{} {}", base.intro, sentence.repeat(repeat));
        match lay_out(&text, Paper::A4) {
            Ok(frame) => {
                let h = picture_rect(&frame).h;
                // Smaller than its largest, and the type at the size the sheet
                // has without the picture: the picture gave up room first.
                let mut plain = text.clone();
                plain.picture = None;
                let without = lay_out(&plain, Paper::A4).unwrap();
                if h < PICTURE_MAX - MM && frame.body_size == without.body_size {
                    shrunk = true;
                }
                assert!(
                    h >= smallest_picture(&picture().drawing) - 0.01,
                    "{} mm",
                    h / MM
                );
            }
            Err(error) => {
                failed = Some((repeat, error));
                break;
            }
        }
    }
    assert!(shrunk, "the picture never shrank before the type did");
    let Some((repeat, error)) = failed else {
        panic!("the sheet never failed")
    };
    let LayoutError::DoesNotFit {
        overflow,
        picture: named,
        fields,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(named.as_ref().map(|p| p.0.as_str()), Some("test.svg"));
    assert!(*overflow > 0.0);
    let (_, height) = fields
        .iter()
        .find(|(field, _)| *field == "handout.picture")
        .expect("the picture's room is counted");
    assert!(*height >= smallest_picture(&picture().drawing));
    // The author is told which picture, and by how many millimetres.
    let mut article = library.articles[0].clone();
    article.picture = Some(picture_of(&with_picture(library)));
    let problem = crate::layout_problem(&article, error.clone());
    let message = problem.to_string();
    assert!(
        message.contains("the picture \"test.svg\" at its smallest (20 mm tall)")
            && message.contains(&format!("{:.1} mm too tall", overflow / MM))
            && message.contains("or remove the picture"),
        "{message}"
    );
    // Without the picture, the same words still fit, or fail by no more.
    let mut plain = base.clone();
    plain.intro = format!("{} {}", base.intro, sentence.repeat(repeat));
    plain.picture = None;
    if let Err(LayoutError::DoesNotFit { overflow: less, .. }) = lay_out(&plain, Paper::A4) {
        assert!(less <= *overflow);
    }
}

fn picture_of(text: &SheetText) -> Arc<Picture> {
    text.picture.clone().unwrap()
}

#[test]
fn the_pdf_tags_the_picture_as_a_figure_with_its_alternative_text() {
    let library = library();
    let press = Press::new(library);
    let mut article = library.articles[0].clone();
    article.picture = Some(picture());
    let pdfs = press.print(library, &article).unwrap();
    let pawprint_text::site_file::Contents::Bytes(bytes) = &pdfs[0].1.contents else {
        panic!("a PDF in memory")
    };
    let pdf = lopdf::Document::load_mem(bytes).unwrap();
    let figures: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Figure"))
        .filter_map(|dict| dict.get(b"Alt").ok())
        .filter_map(|alt| alt.as_str().ok())
        .map(|alt| String::from_utf8_lossy(alt).into_owned())
        .collect();
    assert!(figures.iter().any(|alt| alt == ALT), "{figures:?}");
    // Drawn as vectors: the disc is four curves, in the page's content.
    let page = pdf.get_pages()[&1];
    let content = pdf.get_page_content(page);
    let text = String::from_utf8_lossy(&content);
    assert!(text.matches(" c\n").count() >= 4, "no curves in the page");
    assert!(
        text.contains("/Figure <</MCID"),
        "the drawing is marked as the figure"
    );
}

#[test]
fn both_pictures_of_the_sheet_draw_it() {
    let library = library();
    let press = Press::new(library);
    let text = with_picture(library);
    let frame = lay_out(&text, Paper::Letter).unwrap();
    let rect = picture_rect(&frame);
    let preview = crate::preview::draw(&frame, press.fonts, &press.glyphs, "T").unwrap();
    assert!(
        preview.svg.contains(&format!("<title>{ALT}</title>"))
            && preview.svg.contains("fill=\"#888888\""),
        "{}",
        preview.svg
    );
    // The disc's middle is grey in the PNG, and white without the picture.
    let grey_at = |png: &[u8]| {
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut pixels).unwrap();
        let scale = info.width as f32 / frame.width;
        let (x, y) = (
            ((rect.x + rect.w / 4.0) * scale) as usize,
            ((rect.y + rect.h / 2.0) * scale) as usize,
        );
        let channels = info.line_size / info.width as usize;
        pixels[y * info.line_size + x * channels]
    };
    let drawn = grey_at(&preview.png);
    assert!((0x70..=0xa0).contains(&drawn), "{drawn:#x}");
    let mut bare = frame.clone();
    bare.items
        .retain(|item| !matches!(item, Item::Picture { .. }));
    let plain = crate::preview::draw(&bare, press.fonts, &press.glyphs, "T").unwrap();
    assert_eq!(grey_at(&plain.png), 0xff);
}

#[test]
fn a_tall_drawing_is_not_shrunk_to_a_sliver() {
    let sized = |w: u32, h: u32| {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#000\"/></svg>"
        );
        smallest_picture(&read_svg(svg.as_bytes()).unwrap()) / MM
    };
    // Twice as wide as tall: 20 mm tall (40 mm wide); square: 30 mm; very tall:
    // no more than the largest size.
    assert!((sized(200, 100) - 20.0).abs() < 0.01);
    assert!((sized(100, 100) - 30.0).abs() < 0.01);
    assert!((sized(100, 400) - PICTURE_MAX / MM).abs() < 0.01);
}

#[test]
fn a_two_sided_large_print_sheet_has_the_picture_on_its_front() {
    let library = library();
    let text = with_picture(library);
    for paper in [Paper::LetterLarge, Paper::A4Large] {
        let frame = lay_out(&text, paper).unwrap();
        assert_eq!(frame.sides(), 2, "{paper}");
        let rect = picture_rect(&frame);
        assert!(frame.inside_margins(), "{paper}");
        for item in frame
            .items
            .iter()
            .filter(|i| !matches!(i, Item::Picture { .. }))
        {
            assert!(!rect.overlaps(&item.bounds()), "{paper}: overlaps {item:?}");
        }
        let back = frame.back.as_ref().unwrap();
        assert!(
            !back.items.iter().any(|i| matches!(i, Item::Picture { .. })),
            "{paper}: a picture on the back"
        );
    }
}
