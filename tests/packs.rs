//! Print packs: `packs/<name>.toml` lists articles; the build binds their sheets
//! into one PDF per paper (and language), one sheet per page, from the sheets it
//! made, and a pack naming an unknown article or a draft is an error at its line.

use crate::common;
use pawprint_text::problem::Code;

use std::path::Path;

use common::*;
use lopdf::Document;

/// Three articles, each its own title, and a pack of them (in another order).
fn three_articles(pack: &str) -> tempfile::TempDir {
    let cats = ARTICLE
        .edit("Ear care for dogs", "Ear care for cats")
        .edit("species = [\"dog\"]", "species = [\"cat\"]");
    let teeth = ARTICLE.edit("Ear care for dogs", "Teeth care for dogs");
    let dir = project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        ("cats/ears.md", cats.as_bytes()),
        ("dogs/teeth.md", teeth.as_bytes()),
    ]);
    std::fs::create_dir_all(dir.path().join("packs")).unwrap();
    std::fs::write(dir.path().join("packs/new-visit.toml"), pack).unwrap();
    dir
}

const PACK: &str = "title = \"New visit\"\narticles = [\n  \"dogs/teeth\",\n  \"cats/ears\",\n  \"dogs/ears\",\n]\n";

fn build(root: &Path) -> pawprint::BuildReport {
    pawprint::build(root, None).unwrap_or_else(|p| panic!("{p}"))
}

/// The text of one page of a PDF, with poppler.
fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    pdftotext(pdf, &["-f", &page, "-l", &page])
}

/// [`three_articles`] with [`PACK`], built once for the tests that read it.
fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    built_once(&BUILT, || three_articles(PACK))
}

#[test]
fn a_pack_of_three_articles_is_one_pdf_with_three_pages() {
    let root = &built().root;
    for paper in ["letter", "a4"] {
        let path = root.join(format!("output/packs/new-visit-{paper}.pdf"));
        let doc = Document::load(&path).unwrap();
        assert_eq!(doc.get_pages().len(), 3, "{paper}");
        // The pack's title, in the Info dictionary.
        let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_object(info).unwrap().as_dict().unwrap();
        assert_eq!(info.get(b"Title").unwrap().as_str().unwrap(), b"New visit");
        check_structure(&doc);
    }
    // No pack in Spanish: none of its articles is translated.
    assert!(!root.join("output/es/packs").exists());
}

#[test]
#[cfg_attr(
    not(all(has_poppler, has_qpdf)),
    ignore = "needs pdftotext and qpdf (apt install poppler-utils qpdf)"
)]
fn a_pack_reads_in_the_pack_s_order_and_passes_qpdf_check() {
    let root = &built().root;
    for paper in ["letter", "a4"] {
        let path = root.join(format!("output/packs/new-visit-{paper}.pdf"));
        // The sheets in the pack's order, one a page.
        let titles = [
            "Teeth care for dogs",
            "Ear care for cats",
            "Ear care for dogs",
        ];
        for (i, title) in titles.iter().enumerate() {
            let text = page_text(&path, i + 1);
            assert!(text.contains(title), "page {} of {paper}: {text}", i + 1);
        }
        let out = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("this test needs qpdf (apt install qpdf)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// One Document of three Parts, each page's content and each annotation finding
/// its element through the parent tree, and every field named once.
fn check_structure(doc: &Document) {
    let catalog = doc.catalog().unwrap();
    let root = catalog
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let root = doc.get_object(root).unwrap().as_dict().unwrap();
    let top = root.get(b"K").unwrap().as_reference().unwrap();
    let top = doc.get_object(top).unwrap().as_dict().unwrap();
    assert_eq!(top.get(b"S").unwrap().as_name().unwrap(), b"Document");
    let parts = top.get(b"K").unwrap().as_array().unwrap();
    assert_eq!(parts.len(), 3);
    for part in parts {
        let part = doc
            .get_object(part.as_reference().unwrap())
            .unwrap()
            .as_dict()
            .unwrap();
        assert_eq!(part.get(b"S").unwrap().as_name().unwrap(), b"Part");
    }
    let nums = root
        .get(b"ParentTree")
        .unwrap()
        .as_dict()
        .unwrap()
        .get(b"Nums")
        .unwrap()
        .as_array()
        .unwrap();
    let keys: Vec<i64> = nums
        .iter()
        .step_by(2)
        .map(|k| k.as_i64().unwrap())
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted, keys, "parent tree keys are sorted and never twice");
    let next = root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap();
    assert!(keys.iter().all(|k| *k < next));
    let mut used = Vec::new();
    for (_, page) in doc.get_pages() {
        let page = doc.get_object(page).unwrap().as_dict().unwrap();
        used.push(page.get(b"StructParents").unwrap().as_i64().unwrap());
        for annot in page.get(b"Annots").unwrap().as_array().unwrap() {
            let annot = doc.get_object(annot.as_reference().unwrap()).unwrap();
            used.push(
                annot
                    .as_dict()
                    .unwrap()
                    .get(b"StructParent")
                    .unwrap()
                    .as_i64()
                    .unwrap(),
            );
        }
    }
    used.sort();
    assert_eq!(
        used, keys,
        "each page and annotation has its own parent-tree key"
    );
    let form = catalog.get(b"AcroForm").unwrap().as_dict().unwrap();
    let mut names: Vec<Vec<u8>> = form
        .get(b"Fields")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let f = doc
                .get_object(f.as_reference().unwrap())
                .unwrap()
                .as_dict()
                .unwrap();
            f.get(b"T").unwrap().as_str().unwrap().to_vec()
        })
        .collect();
    assert_eq!(names.len(), 3, "one Pet's name blank a sheet");
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 3, "each field has its own name");
}

#[test]
fn a_pack_is_reused_with_its_sheets_and_made_again_when_it_changes() {
    let dir = three_articles(PACK);
    build(dir.path());
    let path = dir.path().join("output/packs/new-visit-a4.pdf");
    let first = std::fs::read(&path).unwrap();
    let report = build(dir.path());
    assert_eq!(report.reused, report.handouts, "{}", report.summary());
    assert_eq!(std::fs::read(&path).unwrap(), first);
    std::fs::write(
        dir.path().join("packs/new-visit.toml"),
        PACK.edit("New visit", "First visit"),
    )
    .unwrap();
    build(dir.path());
    let doc = Document::load(&path).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_object(info).unwrap().as_dict().unwrap();
    assert_eq!(
        info.get(b"Title").unwrap().as_str().unwrap(),
        b"First visit"
    );
    assert_eq!(doc.get_pages().len(), 3);
}

#[test]
fn an_unknown_article_or_a_draft_is_an_error_at_its_line() {
    let dir = three_articles(
        "title = \"New visit\"\narticles = [\n  \"dogs/ears\",\n  \"dogs/eers\",\n  \"dogs/fleas\",\n]\n",
    );
    let draft = ARTICLE
        .edit("Ear care for dogs", "Fleas")
        .edit("updated = 2026-01-15", "updated = 2026-01-15\ndraft = true");
    std::fs::write(dir.path().join("content/dogs/fleas.md"), draft).unwrap();
    let problems = pawprint::build(dir.path(), None).unwrap_err().0;
    let found: Vec<(Option<Code>, Option<usize>, String)> = problems
        .iter()
        .filter(|p| p.file == Path::new("packs/new-visit.toml"))
        .map(|p| (p.code, p.line, p.help.clone().unwrap_or_default()))
        .collect();
    assert_eq!(found.len(), 2, "{problems:?}");
    assert_eq!(found[0].0, Some(Code::PackUnknownArticle));
    assert_eq!(found[0].1, Some(4));
    assert!(found[0].2.contains("dogs/ears"), "{}", found[0].2);
    assert_eq!(found[1].0, Some(Code::PackDraftArticle));
    assert_eq!(found[1].1, Some(5));
    assert!(
        found[1].2.contains("content/dogs/fleas.md"),
        "{}",
        found[1].2
    );
    assert!(!dir.path().join("output").exists());
}

#[test]
fn a_spanish_pack_leaves_out_an_article_with_no_translation() {
    // dogs/ear-care has a Spanish translation; dogs/eyes has none.
    let dir = fixture("two-languages");
    std::fs::create_dir_all(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("packs/new-puppy.toml"),
        "title = \"New puppy\"\narticles = [\"dogs/ear-care\", \"dogs/eyes\"]\n[titles]\nes = \"Cachorro nuevo\"\n",
    )
    .unwrap();
    let report = build(dir.path());
    let warning = report
        .warnings
        .iter()
        .find(|p| p.code == Some(Code::PackNoTranslation))
        .expect("a warning for the article with no translation");
    assert_eq!(warning.line, Some(2));
    assert!(warning.message.contains("dogs/eyes"), "{}", warning.message);
    let english = Document::load(dir.path().join("output/packs/new-puppy-a4.pdf")).unwrap();
    assert_eq!(english.get_pages().len(), 2);
    // Named apart from the English pack, as every file of the site is.
    let spanish_path = dir.path().join("output/es/packs/es-new-puppy-a4.pdf");
    let spanish = Document::load(&spanish_path).unwrap();
    assert_eq!(spanish.get_pages().len(), 1);
    let info = spanish
        .trailer
        .get(b"Info")
        .unwrap()
        .as_reference()
        .unwrap();
    let info = spanish.get_object(info).unwrap().as_dict().unwrap();
    assert_eq!(
        info.get(b"Title").unwrap().as_str().unwrap(),
        b"Cachorro nuevo"
    );
    let lang = spanish
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"es");
}

#[test]
fn the_handouts_page_lists_the_packs_in_every_language() {
    let project = shipped_copy();
    copy_tree(&repo().join("packs"), &project.path().join("packs"));
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let out = &report.output;
    for (page, pdf) in [
        ("handouts/index.html", "packs/new-puppy-letter.pdf"),
        ("handouts/index.html", "packs/new-puppy-a4.pdf"),
        ("es/handouts/index.html", "es/packs/es-new-puppy-a4.pdf"),
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains(&format!("href=\"/{pdf}\"")),
            "{page} lacks {pdf}"
        );
        assert!(out.join(pdf).is_file(), "{pdf} is missing");
    }
    let html = std::fs::read_to_string(out.join("handouts/index.html")).unwrap();
    assert!(html.contains("<h2 id=\"handouts-packs\">Packs for one visit</h2>"));
    assert!(html.contains("<p class=\"handout-entry-updated\">1 sheet</p>"));
}

#[test]
fn an_article_listed_twice_is_a_warning_at_its_line() {
    // Line 5 repeats line 3, written another way.
    let dir = three_articles(
        "title = \"New visit\"\narticles = [\n  \"dogs/teeth\",\n  \"cats/ears\",\n  \"/dogs/teeth/\",\n]\n",
    );
    let report = build(dir.path());
    let repeats: Vec<&pawprint::Problem> = report
        .warnings
        .iter()
        .filter(|p| p.code == Some(Code::PackRepeatedArticle))
        .collect();
    assert_eq!(repeats.len(), 1, "{:?}", report.warnings);
    let warning = repeats[0];
    assert_eq!(warning.file, Path::new("packs/new-visit.toml"));
    assert_eq!(warning.line, Some(5));
    assert!(
        warning.message.contains("dogs/teeth") && warning.message.contains("line 3"),
        "{}",
        warning.message
    );
    assert!(warning.help.is_some());
    // It is printed as written, in case two copies were meant.
    let doc = Document::load(dir.path().join("output/packs/new-visit-a4.pdf")).unwrap();
    assert_eq!(doc.get_pages().len(), 3);
}

/// A pack of `count` entries of one article, one a line from line 3.
fn pack_of(count: usize) -> String {
    let lines: String = (0..count).map(|_| "  \"dogs/ears\",\n").collect();
    format!("title = \"New visit\"\narticles = [\n{lines}]\n")
}

#[test]
fn a_pack_of_more_sheets_than_one_visit_needs_is_refused_at_load() {
    // Fifty sheets is the most a pack holds.
    let dir = three_articles(&pack_of(50));
    let library = pawprint_content::load::load(dir.path()).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(library.packs[0].articles.len(), 50);

    // Fifty-one is an error at the line of the 51st, found when the project is
    // read, before a sheet is made.
    let dir = three_articles(&pack_of(51));
    let problems = pawprint_content::load::load(dir.path()).unwrap_err().0;
    let found: Vec<&pawprint::Problem> = problems
        .iter()
        .filter(|p| p.code == Some(Code::PackTooManyArticles))
        .collect();
    assert_eq!(found.len(), 1, "{problems:?}");
    assert_eq!(found[0].file, Path::new("packs/new-visit.toml"));
    assert_eq!(found[0].line, Some(53));
    assert!(found[0].message.contains("50"), "{}", found[0].message);
    assert!(found[0].help.is_some());
    assert!(pawprint::build(dir.path(), None).is_err());
    assert!(!dir.path().join("output").exists());

    // A pack of 200,000 entries (9.8 GB when each was printed) is refused just as
    // fast, with one error and no flood of warnings.
    let dir = three_articles(&format!(
        "title = \"New visit\"\narticles = [{}]\n",
        vec!["\"dogs/ears\""; 200_000].join(", ")
    ));
    let problems = pawprint_content::load::load(dir.path()).unwrap_err().0;
    let about_the_pack: Vec<Code> = problems
        .iter()
        .filter(|p| p.file == Path::new("packs/new-visit.toml"))
        .filter_map(|p| p.code)
        .collect();
    assert_eq!(about_the_pack, [Code::PackTooManyArticles]);
}

#[test]
fn no_two_sheets_or_packs_of_the_site_share_a_file_name() {
    let project = shipped_copy();
    copy_tree(&repo().join("packs"), &project.path().join("packs"));
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let mut seen = std::collections::BTreeMap::new();
    for path in read_tree(&report.output).into_keys() {
        let Some(name) = path.strip_suffix(".pdf").and_then(|p| p.rsplit('/').next()) else {
            continue;
        };
        if let Some(other) = seen.insert(name.to_string(), path.clone()) {
            panic!(
                "{path} and {other} are both called {name}.pdf: a download of one replaces the other"
            );
        }
    }
    assert!(
        seen.keys().any(|n| n.starts_with("es-new-puppy")),
        "{seen:?}"
    );
}
