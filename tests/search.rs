//! The site search and the front desk's handouts page: one search index per
//! language (Spanish stemmed as Spanish), the search box that is never a dead box,
//! and `/handouts/` with every sheet. What needs a browser (typing a query,
//! axe) is in `.ci/browser/check.mjs`.
#![cfg(feature = "search")]

use crate::common;
use pawprint_text::problem::Code;

use std::io::Read;
use std::path::Path;

use common::*;

/// The two-languages fixture (English `dogs/ear-care.md` and `dogs/eyes.md`, and
/// the Spanish `dogs/ear-care.es.md`), with the search on.
fn two_languages() -> tempfile::TempDir {
    let project = fixture("two-languages");
    with_search(project.path());
    project
}

/// The two-languages fixture with the search on, built once for the tests that
/// read it.
fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    built_once(&BUILT, two_languages)
}

fn build(project: &Path) -> std::path::PathBuf {
    let report = pawprint::build(project, None).unwrap_or_else(|p| panic!("{p}"));
    report.output.clone()
}

/// The unzipped index chunks of a language: Pagefind's `.pf_index` files are
/// gzipped CBOR, where each word is a text string.
fn index_bytes(bundle: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(bundle.join("index")).unwrap() {
        let zipped = std::fs::read(entry.unwrap().path()).unwrap();
        flate2::read::GzDecoder::new(&zipped[..])
            .read_to_end(&mut all)
            .unwrap();
    }
    all
}

/// True when the index holds exactly `word` (not a longer word it starts): a CBOR
/// text string of under 24 bytes is one byte, 0x60 + its length, then the text.
fn holds(index: &[u8], word: &str) -> bool {
    assert!(word.len() < 24);
    let mut wanted = vec![0x60 + word.len() as u8];
    wanted.extend_from_slice(word.as_bytes());
    index.windows(wanted.len()).any(|w| w == wanted)
}

#[test]
fn each_language_gets_its_own_index_with_its_own_stemming() {
    let out = &built().out;
    for (bundle, language) in [("pagefind", "en"), ("es/pagefind", "es")] {
        let dir = out.join(bundle);
        for file in ["pagefind.js", "pagefind-worker.js", "pagefind-entry.json"] {
            assert!(dir.join(file).is_file(), "{bundle}/{file}");
        }
        let entry = text(&dir, "pagefind-entry.json");
        let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
        let languages = entry["languages"].as_object().unwrap();
        assert_eq!(
            languages.keys().collect::<Vec<_>>(),
            [language],
            "{bundle}: {entry}"
        );
        // The articles of the language: two in English, one (a translation)
        // in Spanish; never the other language's.
        let count = if language == "en" { 2 } else { 1 };
        assert_eq!(languages[language]["page_count"], count, "{entry}");
        // The reader that stems this language.
        assert!(
            dir.join(format!("wasm.{language}.pagefind")).is_file(),
            "{bundle}"
        );
        // The ready-made interfaces the theme does not use are left out, and so is
        // the reader for text of no known language, which a forced language never
        // loads.
        assert!(!dir.join("pagefind-ui.js").exists());
        assert!(!dir.join("wasm.unknown.pagefind").exists());
    }

    // "Shaking" and "rubbing" from the signs are found by their English stems;
    // "rascando" by its Spanish one, in the Spanish index only.
    let english = index_bytes(&out.join("pagefind"));
    for stem in ["shake", "rub", "smelli", "tear"] {
        assert!(holds(&english, stem), "{stem} is not in the English index");
    }
    assert!(!holds(&english, "shaking"), "English words are not stemmed");
    let spanish = index_bytes(&out.join("es/pagefind"));
    assert!(
        holds(&spanish, "rasc"),
        "Spanish words are not stemmed as Spanish"
    );
    assert!(!holds(&spanish, "rascando"));
    assert!(
        !holds(&spanish, "shake"),
        "the English article is in the Spanish index"
    );
    assert!(
        !holds(&english, "rasc"),
        "the Spanish article is in the English index"
    );
}

#[test]
fn the_search_index_is_the_same_bytes_each_build() {
    let first = read_tree(&shipped_built().out);
    let again = shipped_copy();
    let second = read_tree(&build(again.path()));
    let index = |tree: &std::collections::BTreeMap<String, Vec<u8>>| {
        tree.iter()
            .filter(|(path, _)| path.starts_with("pagefind/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert!(index(&first).len() > 5);
    assert!(
        index(&first) == index(&second),
        "the index changed between builds"
    );
}

#[test]
fn the_search_box_is_labelled_and_hidden_without_javascript() {
    let project = two_languages();
    edit_file(
        &project.path().join("content/dogs/ear-care.es.md"),
        "tags = [\"orejas\"]\n",
        "",
    );
    let out = build(project.path());
    for (home, bundle, topics) in [
        ("index.html", "/pagefind/", "/tags/"),
        // The Spanish article has no topics here, so there is no /es/tags/
        // page: the link leads to the Spanish list of handouts instead.
        ("es/index.html", "/es/pagefind/", "/es/handouts/"),
    ] {
        let page = text(&out, home);
        // The box is hidden until search.js shows it: no dead box without script.
        let open = page
            .find("<div class=\"site-search\" id=\"search\" hidden data-search")
            .unwrap_or_else(|| panic!("{home}: no hidden search box\n{page}"));
        assert!(page[open..].contains(&format!("data-bundle=\"{bundle}\"")));
        // Its place is taken by a link to the list of topics, a page that exists.
        assert!(
            page.contains(&format!(
                "<p class=\"search-fallback\" data-search-fallback><a href=\"{topics}\">"
            )),
            "{home}"
        );
        assert!(
            out.join(topics.trim_start_matches('/'))
                .join("index.html")
                .is_file()
        );
        // A label for each field, and a live region for the results.
        assert!(page.contains("<label for=\"search-box\">"));
        assert!(page.contains("<input id=\"search-box\" name=\"q\" type=\"search\""));
        assert!(page.contains("role=\"status\" aria-live=\"polite\""));
        assert!(page.contains("<ol class=\"search-results\" id=\"search-results\"></ol>"));
    }
    // The words come from each language's words file.
    assert!(text(&out, "index.html").contains(">Search our pet health pages</label>"));
    // A field's label takes the infinitive, as Spanish forms write it.
    assert!(text(&out, "es/index.html").contains(">Buscar en nuestras páginas de salud</label>"));
}

#[test]
fn every_result_links_its_sheets_and_carries_its_species() {
    let shipped = shipped_built();
    let library = pawprint_content::load::load(&shipped.root).unwrap_or_else(|p| panic!("{p}"));
    let article = &library.articles[0];
    let record = pawprint_site::search::record(&library, article);
    // The signs count for more than the body, and the title most.
    assert!(
        record.contains("<ul data-pagefind-weight=\"8\"><li>A fishy smell from the back end</li>"),
        "{record}"
    );
    assert!(record.contains("<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"10\">Why Your Dog&#39;s Anal Glands Leak</h1>")
        || record.contains("<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"10\">Why Your Dog's Anal Glands Leak</h1>"), "{record}");
    assert!(record.contains("<p data-pagefind-meta=\"summary\""));
    assert!(record.contains("<span data-pagefind-filter=\"species\">Dogs</span>"));
    // No PDF name or label is in the record: indexed as metadata, their words
    // would match every article.
    assert!(!record.contains(".pdf"), "{record}");
    assert!(!record.contains("paper"), "{record}");

    // The box links each result's sheets by a rule (the article's folder, its
    // path with "-" for "/", the sheet's end), and each link is a file.
    let out = &shipped.out;
    let links = sheet_links(out, "index.html", "/dogs/anal-gland-leakage/");
    assert_eq!(
        links,
        [
            (
                "Handout for US Letter paper".to_string(),
                "/dogs/anal-gland-leakage/dogs-anal-gland-leakage-letter.pdf".to_string()
            ),
            (
                "Handout for A4 paper".to_string(),
                "/dogs/anal-gland-leakage/dogs-anal-gland-leakage-a4.pdf".to_string()
            ),
        ]
    );
    for (_, link) in &links {
        assert!(out.join(link.trim_start_matches('/')).is_file(), "{link}");
    }
    let spanish = sheet_links(out, "es/index.html", "/es/perros/glandulas-anales/");
    assert_eq!(spanish.len(), 2);
    for (label, link) in &spanish {
        // "Tamaño carta" and "A4", as readers in the Americas name the papers.
        assert!(label.starts_with("Hoja para imprimir: "), "{label}");
        assert!(out.join(link.trim_start_matches('/')).is_file(), "{link}");
    }

    // And the index holds none of their words: "paper" or "letter" finds nothing.
    let index = index_bytes(&out.join("pagefind"));
    for word in ["paper", "letter", "a4", "pdf"] {
        assert!(!holds(&index, word), "the index holds \"{word}\"");
    }
    assert!(holds(&index, "fishi") || holds(&index, "fishy"));
}

/// The handout links the search box of `home` gives a result at `url`: it reads
/// the box's `data-base` and `data-sheets` and follows search.js's rule.
fn sheet_links(out: &Path, home: &str, url: &str) -> Vec<(String, String)> {
    let page = text(out, home);
    let attribute = |name: &str| {
        let start = page.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + page[start..].find('"').unwrap();
        page[start..end]
            .replace("&quot;", "\"")
            .replace("&#x2F;", "/")
            .replace("&amp;", "&")
    };
    let base = attribute("data-base");
    let sheets: serde_json::Value = serde_json::from_str(&attribute("data-sheets")).unwrap();
    let path = url.strip_prefix(base.as_str()).unwrap_or(url);
    let topic = path.trim_matches('/').replace('/', "-");
    sheets
        .as_array()
        .unwrap()
        .iter()
        .map(|sheet| {
            (
                sheet["label"].as_str().unwrap().to_string(),
                format!("{url}{topic}{}", sheet["end"].as_str().unwrap()),
            )
        })
        .collect()
}

#[test]
fn the_handouts_page_lists_every_sheet_by_animal_in_each_language() {
    let out = &built().out;
    let page = text(out, "handouts/index.html");
    assert!(page.contains("<h1>All handouts</h1>"), "{page}");
    assert!(page.contains("<h2 id=\"handouts-dog\">Dogs</h2>"), "{page}");
    assert!(
        page.contains("<a href=\"/dogs/ear-care/\">Ear care for dogs</a>"),
        "{page}"
    );
    assert!(
        page.contains("<time datetime=\"2026-01-15\">January 15, 2026</time>"),
        "{page}"
    );
    // Both papers, as big buttons that open in a new tab and say so.
    for paper in ["US Letter", "A4"] {
        assert!(
            page.contains(&format!(
                "target=\"_blank\" rel=\"noopener\">{paper} <span aria-hidden=\"true\">↗</span><span class=\"visually-hidden\"> (opens in a new tab)</span></a>"
            )),
            "{paper}: {page}"
        );
    }
    // Two articles, each on two papers.
    let links = page.matches("class=\"button handout-pdf\" href=\"").count();
    assert_eq!(links, 4, "{page}");
    for href in page
        .split("class=\"button handout-pdf\" href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
    {
        assert!(out.join(href.trim_start_matches('/')).is_file(), "{href}");
        assert!(href.ends_with(".pdf"));
    }
    // The filter box: labelled, announcing its count; there from the first
    // paint (a box revealed by its script would push the list down), and hidden
    // by the style sheet in a browser that runs no script.
    assert!(page.contains("<div class=\"handout-filter\" data-handout-filter"));
    let style = text(out, "style.css");
    assert!(
        style.contains("@media (scripting: none) {\n  .handout-filter { display: none; }"),
        "{style}"
    );
    assert!(page.contains("<label for=\"handout-filter-box\">Find a handout by its title</label>"));
    assert!(page.contains("data-shown=\"{count} handouts shown\""));
    assert!(page.contains("role=\"status\" aria-live=\"polite\""));
    // In the navigation of every page, marked on its own.
    assert!(page.contains("<li><a href=\"/handouts/\" aria-current=\"page\">Handouts</a></li>"));
    assert!(text(out, "index.html").contains("<li><a href=\"/handouts/\">Handouts</a></li>"));

    // The Spanish page lists the Spanish sheets, in Spanish words.
    let spanish = text(out, "es/handouts/index.html");
    // "Hojas" alone could be any sheets of paper: the title says they are to print.
    assert!(
        spanish.contains("<h1>Todas las hojas para imprimir</h1>"),
        "{spanish}"
    );
    assert!(spanish.contains("Cuidado de las orejas"), "{spanish}");
    assert!(!spanish.contains("Ear care"), "{spanish}");
    assert!(!spanish.contains("Eye care"), "{spanish}");
    assert_eq!(
        spanish
            .matches("class=\"button handout-pdf\" href=\"/es/")
            .count(),
        2
    );
    assert!(spanish.contains(
        "<li><a href=\"/es/handouts/\" aria-current=\"page\">Hojas para imprimir</a></li>"
    ));
    // Each version links the other.
    assert!(
        page.contains(
            "hreflang=\"es\" href=\"https://pets.maple-street-vet.example/es/handouts/\""
        )
    );
}

#[test]
fn the_handouts_page_names_the_location_of_each_sheet_when_there_are_several() {
    let two = r#"[clinic]
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
name = "North clinic"
phone = "+1 503 555 0155"
email = "north@maple-street-vet.example"
address = "8 Oak Road, Springfield"
hours = ["Monday to Saturday: 9 am to 5 pm"]

"#;
    let project = with_clinic(two);
    with_search(project.path());
    let out = build(project.path());
    let page = text(&out, "handouts/index.html");
    // Two articles, for two locations, on two papers.
    assert_eq!(
        page.matches("class=\"button handout-pdf\"").count(),
        8,
        "{page}"
    );
    for label in [
        "Downtown clinic: US Letter",
        "Downtown clinic: A4",
        "North clinic: US Letter",
        "North clinic: A4",
    ] {
        assert!(page.contains(&format!(">{label} <span")), "{label}: {page}");
    }
    // The search results link the same sheets, each location's, and each one
    // is a file.
    let links = sheet_links(&out, "index.html", "/dogs/ear-care/");
    assert_eq!(links.len(), 4, "{links:?}");
    for (_, link) in &links {
        assert!(out.join(link.trim_start_matches('/')).is_file(), "{link}");
    }
    assert!(
        links
            .iter()
            .any(|(label, _)| label == "North clinic: Handout for A4 paper"),
        "{links:?}"
    );
}

#[test]
fn the_species_filter_offers_each_animal_of_the_language() {
    let cat = ARTICLE
        .edit("Ear care for dogs", "Hairballs")
        .edit("species = [\"dog\"]", "species = [\"cat\"]");
    let project = project(&[
        ("dogs/ear-care.md", ARTICLE.as_bytes()),
        ("cats/hairballs.md", cat.as_bytes()),
    ]);
    with_search(project.path());
    let out = build(project.path());
    let home = text(&out, "index.html");
    assert!(
        home.contains("<label for=\"search-species\">Animal</label>"),
        "{home}"
    );
    assert!(home.contains("<option value=\"\">All animals</option>"));
    // The choices are the names the index files the articles under.
    for name in ["Cats", "Dogs"] {
        assert!(
            home.contains(&format!("<option value=\"{name}\">{name}</option>")),
            "{home}"
        );
    }
    let filters = std::fs::read_dir(out.join("pagefind/filter"))
        .unwrap()
        .count();
    assert!(filters >= 1);
    // The handouts page groups them by animal.
    let page = text(&out, "handouts/index.html");
    let cats = page.find("<h2 id=\"handouts-cat\">Cats</h2>").unwrap();
    let dogs = page.find("<h2 id=\"handouts-dog\">Dogs</h2>").unwrap();
    assert!(cats < dogs);
    assert!(page[cats..dogs].contains("Hairballs"));
    assert!(page[dogs..].contains("Ear care for dogs"));
}

#[test]
fn a_clinic_can_turn_the_search_off() {
    let project = shipped_copy();
    let root = project.path();
    let settings = root.join("site.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{text}\n[search]\nenabled = false\n")).unwrap();
    let out = build(root);
    for home in ["index.html", "es/index.html"] {
        let page = std::fs::read_to_string(out.join(home)).unwrap();
        assert!(
            !page.contains("data-search"),
            "{home} still has a search box"
        );
        assert!(
            !page.contains("search.js"),
            "{home} still loads the search script"
        );
        // No reader of WebAssembly: the policy does not allow one.
        assert!(page.contains("script-src &#39;self&#39;;"), "{home}");
        assert!(!page.contains("wasm-unsafe-eval"), "{home}");
    }
    assert!(!out.join("pagefind").exists());
    assert!(!out.join("es/pagefind").exists());
    // The front desk's page does not depend on the search.
    assert!(out.join("handouts/index.html").is_file());

    // On again: the index and the box are back.
    std::fs::write(&settings, format!("{text}\n[search]\nenabled = true\n")).unwrap();
    let out = build(root);
    assert!(out.join("pagefind/pagefind-entry.json").is_file());
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains("data-search"));
}

#[test]
fn a_search_setting_that_is_not_true_or_false_is_an_error_at_its_line() {
    let project = shipped_copy();
    let root = project.path();
    let settings = root.join("site.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    let lines = text.lines().count();
    for (written, code) in [
        ("enabled = \"no\"", "settings.bad-flag"),
        ("enable = false", "settings.unknown-key"),
    ] {
        std::fs::write(&settings, format!("{text}\n[search]\n{written}\n")).unwrap();
        let Err(problems) = pawprint_content::load::load(root) else {
            panic!("{written} was taken")
        };
        let problem = problems
            .0
            .iter()
            .find(|p| p.code.map(Code::as_str) == Some(code))
            .unwrap_or_else(|| panic!("no {code} in {problems}"));
        assert_eq!(problem.line, Some(lines + 3), "{problem}");
    }
}

#[test]
fn words_only_in_the_body_are_found() {
    let out = &shipped_built().out;
    let index = index_bytes(&out.join("pagefind"));
    // Words only the body has (not the title, summary or handout), stemmed.
    for word in ["saccul", "anesthesia", "abscess", "impact"] {
        assert!(holds(&index, word), "the index lacks \"{word}\"");
    }
}

#[test]
fn an_index_whose_words_did_not_change_is_kept_and_made_again_when_they_do() {
    let project = two_languages();
    let first = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(first.indexes_kept, 0, "{}", first.summary());
    let made = read_tree(&first.output);

    // A change the index does not hold (the handout's blanks are not searched):
    // both languages' indexes are kept, byte for byte.
    let page = project.path().join("content/dogs/eyes.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let blanks = text.replace(
        r#"fill_in = ["Pet's name"]"#,
        r#"fill_in = ["Pet's name", "Weight"]"#,
    );
    assert_ne!(blanks, text);
    std::fs::write(&page, blanks).unwrap();
    let again = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(again.indexes_kept, 2, "{}", again.summary());
    assert!(again.summary().contains("search index unchanged"));
    let kept = read_tree(&again.output);
    let index = |tree: &std::collections::BTreeMap<String, Vec<u8>>| {
        tree.iter()
            .filter(|(path, _)| path.contains("pagefind/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert!(index(&made) == index(&kept), "a kept index changed");

    // A word added to the English body: the English index is made again and
    // finds it; the Spanish one is kept.
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nZebrafinch.\n")).unwrap();
    let third = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(third.indexes_kept, 1, "{}", third.summary());
    assert!(holds(
        &index_bytes(&third.output.join("pagefind")),
        "zebrafinch"
    ));

    // `--no-reuse` makes every index anew.
    let options = pawprint::build::BuildOptions {
        reuse: false,
        ..Default::default()
    };
    let fresh = pawprint::build::build_with(project.path(), None, options)
        .unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(fresh.indexes_kept, 0);
}
