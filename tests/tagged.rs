//! The accessible sheet (PDF/UA-1), read back with lopdf: every piece of text
//! on the page is tagged or an artifact, the structure tree reads the sheet's
//! words in the sheet's order, every figure has alternative text, each link is
//! described and sits in its `Link` element, and the fill-in blanks are form
//! fields named by their labels.

use crate::common;

use std::collections::BTreeMap;

use common::*;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use pawprint_settings::paper::Paper;

/// One built sheet: its paper, its bytes, the words it should read in order and
/// the labels of its blanks.
type Sheet = (String, Vec<u8>, Vec<String>, Vec<String>);

/// The full-sheet fixture in Spanish: a Spanish words file (the English one
/// with the handout's words translated) and blanks with accented labels, so
/// every name and description goes into the PDF as UTF-16.
fn in_spanish(project: &std::path::Path) {
    edit_file(
        &project.join("site.toml"),
        "language = \"en\"",
        "language = \"es\"",
    );
    let words = project.join("themes/default/words");
    let mut es = std::fs::read_to_string(words.join("en.toml")).unwrap();
    for (en, spanish) in [
        ("\"Signs to watch for\"", "\"Señales a vigilar\""),
        ("\"How to help prevent it\"", "\"Cómo ayudar a prevenirlo\""),
        ("\"Call us right away if\"", "\"Llámenos enseguida si\""),
        ("\"Read more\"", "\"Lea más\""),
        (
            "\"QR code: link to the full article at {address}\"",
            "\"Código QR: enlace al artículo completo en {address}\"",
        ),
    ] {
        assert!(es.contains(en), "{en} is not in en.toml");
        es = es.edit(en, spanish);
    }
    std::fs::write(words.join("es.toml"), es).unwrap();
    let article = project.join("content/dogs/anal-glands.md");
    let text = std::fs::read_to_string(&article).unwrap().edit(
        r#"fill_in = ["Pet's name", "Next gland check", "Notes"]"#,
        r#"fill_in = ["Nombre de la mascota", "Próxima revisión", "Notas"]"#,
    );
    std::fs::write(article, text).unwrap();
}

/// Each sheet of the full-sheet fixture (changed by `prepare`), with the words
/// it should read.
fn sheets(prepare: fn(&std::path::Path)) -> (tempfile::TempDir, Vec<Sheet>) {
    let project = fixture("full-sheet");
    prepare(project.path());
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let sheets = sheets_of(project.path(), &report.output);
    (project, sheets)
}

/// The sheets of the full-sheet fixture as it is, built once for the tests
/// that read them.
fn plain_sheets() -> Vec<Sheet> {
    static PLAIN: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    let built = built_once(&PLAIN, || fixture("full-sheet"));
    sheets_of(&built.root, &built.out)
}

/// Each sheet of the project at `root`, built into `out`, with the words it
/// should read.
fn sheets_of(root: &std::path::Path, out: &std::path::Path) -> Vec<Sheet> {
    let library = pawprint_content::load::load(root).unwrap();
    let article = &library.articles[0];
    let text = pawprint_handout::sheet_text(&library, article, &library.config.clinic.locations[0]);
    let mut words = vec![
        text.clinic_name.clone(),
        text.contact_line.clone(),
        text.title.clone(),
        text.intro.clone(),
        text.signs_heading.clone(),
    ];
    words.extend(text.signs.iter().cloned());
    words.push(text.prevention_heading.clone());
    words.extend(text.prevention.iter().map(|p| format!("• {p}")));
    words.push(text.call_us_heading.clone());
    words.extend(text.call_us_if.iter().map(|c| format!("• {c}")));
    words.push(text.call_us_phone.clone());
    words.extend(text.fill_in.iter().cloned());
    words.extend([
        text.read_more.clone(),
        text.updated.clone(),
        text.disclaimer.clone(),
    ]);
    let mut sheets = Vec::new();
    for paper in [Paper::A4, Paper::Letter] {
        // A Spanish site names its papers in Spanish in its file names.
        let name = library.locale.paper_file_key(paper);
        let path = out.join(format!("dogs/anal-glands/dogs-anal-glands-{name}.pdf"));
        let paper = paper.key();
        let bytes = std::fs::read(path).unwrap();
        sheets.push((
            paper.to_string(),
            bytes,
            words.clone(),
            text.fill_in.clone(),
        ));
    }
    sheets
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    }
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a Dictionary {
    resolve(doc, object).as_dict().unwrap()
}

fn text_string(bytes: &[u8]) -> String {
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

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each font's glyph codes to text, from its `/ToUnicode` map.
fn unicode_maps(doc: &Document, page: ObjectId) -> BTreeMap<Vec<u8>, BTreeMap<u16, String>> {
    let page = doc.get_dictionary(page).unwrap();
    let resources = dict(doc, page.get(b"Resources").unwrap());
    let fonts = dict(doc, resources.get(b"Font").unwrap());
    let mut maps = BTreeMap::new();
    for (name, font) in fonts.iter() {
        let font = dict(doc, font);
        let stream = resolve(doc, font.get(b"ToUnicode").unwrap())
            .as_stream()
            .unwrap();
        let cmap = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
        let mut map = BTreeMap::new();
        let mut in_chars = false;
        for line in cmap.lines() {
            if line.ends_with("beginbfchar") {
                in_chars = true;
            } else if line == "endbfchar" {
                in_chars = false;
            } else if in_chars {
                let hex: Vec<&str> = line
                    .split(['<', '>', ' '])
                    .filter(|s| !s.is_empty())
                    .collect();
                let code = u16::from_str_radix(hex[0], 16).unwrap();
                let units: Vec<u16> = hex[1]
                    .as_bytes()
                    .chunks(4)
                    .map(|c| u16::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
                    .collect();
                map.insert(code, String::from_utf16(&units).unwrap());
            }
        }
        assert!(!map.is_empty(), "no character map for font {name:?}");
        maps.insert(name.clone(), map);
    }
    maps
}

/// The text of each MCID, after checking that every text-showing operator is
/// inside a tagged (MCID) or artifact marked-content sequence.
fn marked_text(
    doc: &Document,
    page: ObjectId,
    paper: &str,
) -> (BTreeMap<i64, Vec<String>>, Vec<i64>) {
    let maps = unicode_maps(doc, page);
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    // The open marked-content sequences: Some(mcid), or None for an artifact
    // (and for any sequence with neither, which must not hold text).
    let mut open: Vec<(Option<i64>, bool)> = Vec::new();
    let mut font: Vec<u8> = Vec::new();
    let mut texts: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut shown = 0;
    let mut mcids = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BMC" => open.push((None, op.operands[0].as_name().unwrap() == b"Artifact")),
            "BDC" => {
                let tag = op.operands[0].as_name().unwrap();
                let mcid = resolve(doc, &op.operands[1])
                    .as_dict()
                    .ok()
                    .and_then(|d| d.get(b"MCID").ok())
                    .and_then(|m| m.as_i64().ok());
                mcids.extend(mcid);
                open.push((mcid, tag == b"Artifact"));
            }
            "EMC" => {
                open.pop().expect("EMC without a sequence");
            }
            "Tf" => font = op.operands[0].as_name().unwrap().to_vec(),
            "Tj" | "TJ" | "'" | "\"" => {
                shown += 1;
                let inside = open
                    .iter()
                    .rev()
                    .find(|(mcid, artifact)| mcid.is_some() || *artifact);
                let Some((mcid, _)) = inside else {
                    panic!("{paper}: text shown outside any tagged or artifact sequence: {op:?}");
                };
                let Some(mcid) = mcid else { continue };
                let map = &maps[&font];
                let mut text = String::new();
                let strings: Vec<&Object> = match op.operator.as_str() {
                    "TJ" => op.operands[0].as_array().unwrap().iter().collect(),
                    _ => vec![op.operands.last().unwrap()],
                };
                for string in strings {
                    if let Ok(bytes) = string.as_str() {
                        for pair in bytes.chunks(2) {
                            let code = u16::from_be_bytes([pair[0], pair[1]]);
                            text.push_str(&map[&code]);
                        }
                    }
                }
                texts.entry(*mcid).or_default().push(text);
            }
            _ => {}
        }
    }
    assert!(
        open.is_empty(),
        "{paper}: a marked-content sequence is left open"
    );
    assert!(shown > 20, "{paper}: only {shown} text operators");
    (texts, mcids)
}

/// What the tree walk found.
#[derive(Default)]
struct Walk {
    /// Structure types in reading order.
    kinds: Vec<String>,
    /// The text of the MCIDs, in the tree's order.
    text: Vec<String>,
    /// Each figure's alternative text.
    figures: Vec<Option<String>>,
    /// Annotations found as kids, with the type of their element.
    annotations: Vec<(ObjectId, String)>,
}

fn walk(
    doc: &Document,
    element: &Dictionary,
    texts: &BTreeMap<i64, Vec<String>>,
    found: &mut Walk,
) {
    let kind = String::from_utf8(element.get(b"S").unwrap().as_name().unwrap().to_vec()).unwrap();
    found.kinds.push(kind.clone());
    if kind == "Figure" {
        found.figures.push(
            element
                .get(b"Alt")
                .ok()
                .map(|a| text_string(a.as_str().unwrap())),
        );
    }
    let kids = match element.get(b"K") {
        Ok(Object::Array(kids)) => kids.clone(),
        Ok(kid) => vec![kid.clone()],
        Err(_) => Vec::new(),
    };
    for kid in &kids {
        match kid {
            Object::Integer(mcid) => {
                found
                    .text
                    .extend(texts.get(mcid).cloned().unwrap_or_default());
            }
            Object::Reference(id) => walk(doc, doc.get_dictionary(*id).unwrap(), texts, found),
            Object::Dictionary(objr) => {
                assert_eq!(objr.get(b"Type").unwrap().as_name().unwrap(), b"OBJR");
                let annotation = objr.get(b"Obj").unwrap().as_reference().unwrap();
                found.annotations.push((annotation, kind.clone()));
            }
            other => panic!("unexpected kid {other:?}"),
        }
    }
}

#[test]
fn every_text_is_tagged_and_the_tree_reads_the_sheet_in_order_on_a4_and_letter() {
    let sheets = plain_sheets();
    check_sheets(
        sheets,
        "en",
        "QR code: link to the full article at https://",
        &["pets-name", "next-gland-check", "notes"],
    );
}

#[test]
fn the_spanish_sheet_is_tagged_the_same_way_with_its_own_words() {
    let (_project, sheets) = sheets(in_spanish);
    check_sheets(
        sheets,
        "es",
        "Código QR: enlace al artículo completo en https://",
        &["nombre-de-la-mascota", "proxima-revision", "notas"],
    );
}

/// Every check of the tagged sheet, for the sheets of one language.
fn check_sheets(sheets: Vec<Sheet>, language: &str, qr_alt: &str, field_names: &[&str]) {
    for (paper, bytes, expected, labels) in sheets {
        let doc = Document::load_mem(&bytes).unwrap();
        let page = doc.get_pages()[&1];
        let (texts, mcids) = marked_text(&doc, page, &paper);
        // MCIDs are 0, 1, 2 … in page order, each used once.
        assert_eq!(
            mcids,
            (0..mcids.len() as i64).collect::<Vec<_>>(),
            "{paper}"
        );

        let catalog = doc.catalog().unwrap();
        let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
        let document = dict(&doc, root.get(b"K").unwrap());
        let mut found = Walk::default();
        walk(&doc, document, &texts, &mut found);
        assert_eq!(found.kinds[0], "Document", "{paper}");

        // The words from the tree, in the tree's order, are the sheet's words.
        assert_eq!(
            words(&found.text.join(" ")),
            words(&expected.join(" ")),
            "{paper}: the tree does not read the sheet's words in order"
        );
        // Every MCID on the page is in the tree, exactly once.
        let in_tree: usize = found.text.len();
        let on_page: usize = texts.values().map(Vec::len).sum();
        assert_eq!(
            in_tree, on_page,
            "{paper}: some tagged text is not in the tree"
        );

        for kind in [
            "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Sect", "Link", "Figure", "Form",
        ] {
            assert!(found.kinds.iter().any(|k| k == kind), "{paper}: no {kind}");
        }
        let signs_heading = found.kinds.iter().position(|k| k == "H2").unwrap();
        assert!(found.kinds[..signs_heading].contains(&"H1".to_string()));

        // Every figure has alternative text, naming the article's address.
        assert!(!found.figures.is_empty());
        for alt in &found.figures {
            let alt = alt.as_deref().unwrap_or_default();
            assert!(alt.starts_with(qr_alt), "{paper}: figure alt {alt:?}");
        }

        // Each annotation: described, in its element, and found again through
        // the parent tree.
        let page_dict = doc.get_dictionary(page).unwrap();
        assert_eq!(page_dict.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        let parent_key = page_dict.get(b"StructParents").unwrap().as_i64().unwrap();
        let nums = dict(&doc, root.get(b"ParentTree").unwrap())
            .get(b"Nums")
            .unwrap()
            .as_array()
            .unwrap();
        let parents: BTreeMap<i64, &Object> = nums
            .chunks(2)
            .map(|pair| (pair[0].as_i64().unwrap(), &pair[1]))
            .collect();
        // A number tree's keys are in ascending order, each once.
        let keys: Vec<i64> = nums
            .iter()
            .step_by(2)
            .map(|k| k.as_i64().unwrap())
            .collect();
        assert_eq!(
            keys,
            parents.keys().copied().collect::<Vec<_>>(),
            "{paper}: parent tree order"
        );
        let mcid_parents = parents[&parent_key].as_array().unwrap();
        assert_eq!(mcid_parents.len(), mcids.len(), "{paper}: parent tree");
        let annots: Vec<ObjectId> = page_dict
            .get(b"Annots")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_reference().unwrap())
            .collect();
        assert_eq!(
            annots.len(),
            2 + labels.len(),
            "{paper}: 2 links and the blanks"
        );
        let mut fields = Vec::new();
        for id in &annots {
            let annotation = doc.get_dictionary(*id).unwrap();
            let (_, kind) = found
                .annotations
                .iter()
                .find(|(a, _)| a == id)
                .unwrap_or_else(|| panic!("{paper}: annotation {id:?} is not in the tree"));
            let key = annotation.get(b"StructParent").unwrap().as_i64().unwrap();
            let parent = doc
                .get_dictionary(parents[&key].as_reference().unwrap())
                .unwrap();
            assert_eq!(
                parent.get(b"S").unwrap().as_name().unwrap(),
                kind.as_bytes()
            );
            match annotation.get(b"Subtype").unwrap().as_name().unwrap() {
                b"Link" => {
                    assert_eq!(kind, "Link");
                    let contents =
                        text_string(annotation.get(b"Contents").unwrap().as_str().unwrap());
                    assert!(contents.contains("https://"), "{paper}: {contents:?}");
                }
                b"Widget" => {
                    assert_eq!(kind, "Form");
                    fields.push(annotation);
                }
                other => panic!("unexpected annotation {other:?}"),
            }
        }

        // The blanks are text fields named by their labels; only the one with a
        // full row (Notes) takes several lines; each prints.
        let form = dict(&doc, catalog.get(b"AcroForm").unwrap());
        assert_eq!(
            form.get(b"Fields").unwrap().as_array().unwrap().len(),
            labels.len()
        );
        let read = |f: &Dictionary, key: &[u8]| text_string(f.get(key).unwrap().as_str().unwrap());
        let names: Vec<String> = fields.iter().map(|f| read(f, b"T")).collect();
        assert_eq!(names, field_names, "{paper}");
        let accessible: Vec<String> = fields.iter().map(|f| read(f, b"TU")).collect();
        assert_eq!(accessible, labels, "{paper}");
        for (i, field) in fields.iter().enumerate() {
            assert_eq!(field.get(b"FT").unwrap().as_name().unwrap(), b"Tx");
            assert_eq!(field.get(b"F").unwrap().as_i64().unwrap() & 4, 4);
            assert!(
                field.get(b"MK").is_err(),
                "{paper}: a field has a border or colour"
            );
            let flags = field.get(b"Ff").and_then(Object::as_i64).unwrap_or(0);
            assert_eq!(
                flags & (1 << 12) != 0,
                i == 2,
                "{paper}: multiline flag of {i}"
            );
        }
        typed_text_uses_the_embedded_font(&doc, form, &fields, &paper);

        // Catalog and metadata.
        let marked = dict(&doc, catalog.get(b"MarkInfo").unwrap());
        assert!(marked.get(b"Marked").unwrap().as_bool().unwrap());
        let viewer = dict(&doc, catalog.get(b"ViewerPreferences").unwrap());
        assert!(viewer.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
        assert_eq!(
            catalog.get(b"Lang").unwrap().as_str().unwrap(),
            language.as_bytes()
        );
        let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
        let title = text_string(resolve(&doc, info.get(b"Title").unwrap()).as_str().unwrap());
        let xmp = resolve(&doc, catalog.get(b"Metadata").unwrap())
            .as_stream()
            .unwrap();
        let xmp = String::from_utf8(xmp.content.clone()).unwrap();
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
        let xml_title = title.replace('&', "&amp;").replace('<', "&lt;");
        assert!(
            xmp.contains(&format!(
                "<rdf:li xml:lang=\"x-default\">{xml_title}</rdf:li>"
            )),
            "{paper}: XMP title is not {title:?}"
        );
    }
}

/// What is typed into the blanks is drawn with the sheet's own face, embedded:
/// the form's `/DA` and every field's name one font of the form's `/DR`, an
/// embedded TrueType font in WinAnsiEncoding with every Latin character a person
/// may type in English or Spanish; each field's look uses it; no font of the file
/// is left to the viewer (no Helvetica).
fn typed_text_uses_the_embedded_font(
    doc: &Document,
    form: &Dictionary,
    fields: &[&Dictionary],
    paper: &str,
) {
    let font_name = |da: &[u8]| -> Vec<u8> {
        let da = String::from_utf8_lossy(da).to_string();
        let name = da
            .split_whitespace()
            .next()
            .unwrap()
            .trim_start_matches('/');
        name.as_bytes().to_vec()
    };
    let name = font_name(form.get(b"DA").unwrap().as_str().unwrap());
    let resources = dict(doc, form.get(b"DR").unwrap());
    let fonts = dict(doc, resources.get(b"Font").unwrap());
    let font_ref = fonts.get(&name).unwrap().as_reference().unwrap();
    let font = doc.get_dictionary(font_ref).unwrap();
    assert_eq!(
        font.get(b"Subtype").unwrap().as_name().unwrap(),
        b"TrueType"
    );
    assert_eq!(
        font.get(b"Encoding").unwrap().as_name().unwrap(),
        b"WinAnsiEncoding"
    );
    let base = font.get(b"BaseFont").unwrap().as_name().unwrap();
    assert!(base.ends_with(b"+NotoSans"), "{paper}: {base:?}");
    let descriptor = dict(doc, font.get(b"FontDescriptor").unwrap());
    let program = resolve(doc, descriptor.get(b"FontFile2").unwrap())
        .as_stream()
        .unwrap();
    let mut program = program.clone();
    program.decompress().unwrap();
    let face = pawprint_settings::brand::typeface::FontFace::parse(
        std::sync::Arc::from(program.content.as_slice()),
        "typed",
    )
    .unwrap();
    for c in "Ñandú, ¿qué? “Rex” – 5 € àéîõü ç".chars() {
        assert!(face.has(c), "{paper}: the typed-text font lacks {c:?}");
    }
    for field in fields {
        assert_eq!(
            font_name(field.get(b"DA").unwrap().as_str().unwrap()),
            name,
            "{paper}"
        );
        let look = dict(doc, field.get(b"AP").unwrap());
        let look = resolve(doc, look.get(b"N").unwrap()).as_stream().unwrap();
        let look_fonts = dict(
            doc,
            dict(doc, look.dict.get(b"Resources").unwrap())
                .get(b"Font")
                .unwrap(),
        );
        assert_eq!(
            look_fonts.get(&name).unwrap().as_reference().unwrap(),
            font_ref,
            "{paper}"
        );
    }
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && let Ok(base) = dict.get(b"BaseFont").and_then(Object::as_name)
        {
            assert!(!base.ends_with(b"Helvetica"), "{paper}: Helvetica is left");
            // A composite (Type0) font is embedded through its descendant.
            let composite =
                dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice());
            assert!(
                composite || dict.get(b"FontDescriptor").is_ok(),
                "{paper}: a font that is not embedded: {base:?}"
            );
        }
    }
}

/// `pdfinfo` (poppler) sees a tagged file with a form.
#[test]
#[cfg_attr(not(has_poppler), ignore = "needs pdfinfo (apt install poppler-utils)")]
fn pdfinfo_says_tagged_and_form() {
    let sheets = plain_sheets();
    for (paper, bytes, ..) in sheets {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.pdf");
        std::fs::write(&path, bytes).unwrap();
        let output = std::process::Command::new("pdfinfo")
            .arg(&path)
            .output()
            .expect("this test needs pdfinfo (apt install poppler-utils)");
        let info = String::from_utf8_lossy(&output.stdout);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{paper}: {info}"
        );
        assert!(
            info.lines()
                .any(|l| l.starts_with("Form:") && l.ends_with("AcroForm")),
            "{paper}: {info}"
        );
    }
}
