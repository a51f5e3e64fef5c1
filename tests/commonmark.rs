//! The 652 examples of the CommonMark 0.31.2 spec, run through pawprint's article
//! pipeline (front matter, then the Markdown body as a page shows it).
//!
//! The examples come from the npm package `commonmark-spec` (licence CC-BY-SA
//! 4.0, so they are not kept in this repository). When `spec.json` is not in the
//! target folder yet, the test makes it: `npm pack` fetches the package, and
//! `node` runs the package's own example extractor (turning `→` back into tabs,
//! as the spec's own test runner does). Without npm and node the test is ignored,
//! and says why (in CI, where `.ci/run` installs them, it always runs).
//!
//! An example passes when pawprint's HTML equals the spec's after [`normalize`].
//! [`BY_DESIGN`] lists the examples that differ on purpose, each with its reason;
//! any other difference fails the test, and so does a listed example that no
//! longer differs (take it off the list).

use std::path::{Path, PathBuf};
use std::process::Command;

use pawprint_content::load::{Loaded, parse_markdown};

const VERSION: &str = "0.31.2";

/// Raw HTML in Markdown is shown as text, never used as HTML (ARCHITECTURE.md, "Decisions").
const RAW_HTML: &str = "raw HTML is shown as text";
/// Every heading gets an id for links and the table of contents.
const HEADING_IDS: &str = "headings get ids";
/// The page title is the only `<h1>`: a body that uses `#` moves down a level.
const HEADING_SHIFT: &str = "`#` headings move down one level (and get ids)";
/// Relative and absolute paths become site addresses (`/uri` -> `/uri/`,
/// `foo` -> `/dogs/foo/`), and script addresses become `#`.
const LINKS: &str = "link and image addresses are resolved to site addresses";
/// The examples that differ from the spec on purpose.
const BY_DESIGN: &[(usize, &str)] = &[
    (10, HEADING_SHIFT),
    (21, RAW_HTML),
    (22, LINKS),
    (23, LINKS),
    (31, RAW_HTML),
    (32, LINKS),
    (33, LINKS),
    (59, HEADING_IDS),
    (62, HEADING_SHIFT),
    (66, HEADING_SHIFT),
    (67, HEADING_SHIFT),
    (68, HEADING_SHIFT),
    (71, HEADING_IDS),
    (72, HEADING_SHIFT),
    (73, HEADING_IDS),
    (74, HEADING_IDS),
    (75, HEADING_SHIFT),
    (76, HEADING_SHIFT),
    (77, HEADING_IDS),
    (78, HEADING_SHIFT),
    (79, HEADING_SHIFT),
    (80, HEADING_SHIFT),
    (81, HEADING_SHIFT),
    (82, HEADING_SHIFT),
    (83, HEADING_SHIFT),
    (84, HEADING_SHIFT),
    (86, HEADING_IDS),
    (89, HEADING_IDS),
    (90, HEADING_IDS),
    (91, HEADING_IDS),
    (95, HEADING_IDS),
    (96, HEADING_IDS),
    (102, HEADING_IDS),
    (103, HEADING_IDS),
    (115, HEADING_SHIFT),
    (141, HEADING_SHIFT),
    (148, RAW_HTML),
    (149, RAW_HTML),
    (150, RAW_HTML),
    (151, RAW_HTML),
    (152, RAW_HTML),
    (153, RAW_HTML),
    (154, RAW_HTML),
    (155, RAW_HTML),
    (156, RAW_HTML),
    (157, RAW_HTML),
    (158, RAW_HTML),
    (159, RAW_HTML),
    (160, RAW_HTML),
    (161, RAW_HTML),
    (162, RAW_HTML),
    (163, RAW_HTML),
    (164, RAW_HTML),
    (165, RAW_HTML),
    (166, RAW_HTML),
    (167, RAW_HTML),
    (168, RAW_HTML),
    (169, RAW_HTML),
    (170, RAW_HTML),
    (171, RAW_HTML),
    (172, RAW_HTML),
    (173, RAW_HTML),
    (174, RAW_HTML),
    (175, RAW_HTML),
    (176, RAW_HTML),
    (177, RAW_HTML),
    (178, RAW_HTML),
    (179, RAW_HTML),
    (180, RAW_HTML),
    (181, RAW_HTML),
    (182, RAW_HTML),
    (183, RAW_HTML),
    (184, RAW_HTML),
    (185, RAW_HTML),
    (186, RAW_HTML),
    (187, RAW_HTML),
    (188, RAW_HTML),
    (189, RAW_HTML),
    (190, RAW_HTML),
    (191, RAW_HTML),
    (192, LINKS),
    (193, LINKS),
    (194, LINKS),
    (195, LINKS),
    (196, LINKS),
    (198, LINKS),
    (201, RAW_HTML),
    (202, LINKS),
    (203, LINKS),
    (204, LINKS),
    (205, LINKS),
    (206, LINKS),
    (214, HEADING_SHIFT),
    (215, HEADING_SHIFT),
    (216, LINKS),
    (217, LINKS),
    (218, LINKS),
    (227, HEADING_SHIFT),
    (228, HEADING_SHIFT),
    (229, HEADING_SHIFT),
    (230, HEADING_SHIFT),
    (232, HEADING_SHIFT),
    (300, HEADING_SHIFT),
    (308, RAW_HTML),
    (309, RAW_HTML),
    (344, RAW_HTML),
    (404, LINKS),
    (419, LINKS),
    (422, LINKS),
    (433, LINKS),
    (473, LINKS),
    (474, LINKS),
    (475, RAW_HTML),
    (476, RAW_HTML),
    (477, RAW_HTML),
    (482, LINKS),
    (483, LINKS),
    (484, LINKS),
    (489, LINKS),
    (491, RAW_HTML),
    (492, LINKS),
    (494, RAW_HTML),
    (495, LINKS),
    (496, LINKS),
    (498, LINKS),
    (499, LINKS),
    (500, LINKS),
    (502, LINKS),
    (503, LINKS),
    (504, LINKS),
    (505, LINKS),
    (506, LINKS),
    (507, LINKS),
    (509, LINKS),
    (510, LINKS),
    (512, LINKS),
    (514, LINKS),
    (515, LINKS),
    (516, LINKS),
    (517, LINKS),
    (518, LINKS),
    (519, LINKS),
    (520, LINKS),
    (521, LINKS),
    (522, LINKS),
    (524, RAW_HTML),
    (527, LINKS),
    (528, LINKS),
    (529, LINKS),
    (530, LINKS),
    (531, LINKS),
    (532, LINKS),
    (533, LINKS),
    (534, LINKS),
    (535, LINKS),
    (536, RAW_HTML),
    (539, LINKS),
    (540, LINKS),
    (541, LINKS),
    (542, LINKS),
    (543, LINKS),
    (544, LINKS),
    (549, LINKS),
    (550, LINKS),
    (553, LINKS),
    (554, LINKS),
    (555, LINKS),
    (556, LINKS),
    (557, LINKS),
    (558, LINKS),
    (559, LINKS),
    (560, LINKS),
    (561, LINKS),
    (562, LINKS),
    (564, LINKS),
    (565, LINKS),
    (566, LINKS),
    (568, LINKS),
    (569, LINKS),
    (570, LINKS),
    (571, LINKS),
    (572, LINKS),
    (573, LINKS),
    (574, LINKS),
    (575, LINKS),
    (576, LINKS),
    (577, LINKS),
    (578, LINKS),
    (580, LINKS),
    (581, LINKS),
    (582, LINKS),
    (583, LINKS),
    (584, LINKS),
    (585, LINKS),
    (586, LINKS),
    (587, LINKS),
    (588, LINKS),
    (589, LINKS),
    (591, LINKS),
    (593, LINKS),
    (613, RAW_HTML),
    (614, RAW_HTML),
    (615, RAW_HTML),
    (616, RAW_HTML),
    (617, RAW_HTML),
    (623, RAW_HTML),
    (625, RAW_HTML),
    (626, RAW_HTML),
    (627, RAW_HTML),
    (628, RAW_HTML),
    (629, RAW_HTML),
    (630, RAW_HTML),
    (631, RAW_HTML),
    (642, RAW_HTML),
    (643, RAW_HTML),
    (646, HEADING_IDS),
    (647, HEADING_IDS),
];

#[derive(serde::Deserialize)]
struct Example {
    markdown: String,
    html: String,
    number: usize,
    section: String,
}

/// `spec.json`, fetched with npm when it is not there yet. The test that reads it
/// is ignored where npm or node is missing (see build.rs); with them, a failure
/// to fetch the package (no network, say) fails the test.
fn spec_json() -> PathBuf {
    fetch_spec_json().unwrap_or_else(|why| {
        panic!(
            "could not make the CommonMark examples ({why}). This test needs npm and node \
             (`.ci/run` installs them) and the npm registry, once: the examples are kept \
             in the target folder."
        )
    })
}

fn fetch_spec_json() -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("commonmark-spec-{VERSION}"));
    let json = dir.join("spec.json");
    if json.is_file() {
        return Ok(json);
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let pack = Command::new("npm")
        .args([
            "pack",
            &format!("commonmark-spec@{VERSION}"),
            "--silent",
            "--pack-destination",
        ])
        .arg(&dir)
        .output()
        .map_err(|e| format!("npm: {e}"))?;
    if !pack.status.success() {
        return Err(format!(
            "npm pack: {}",
            String::from_utf8_lossy(&pack.stderr)
        ));
    }
    let tarball = dir.join(format!("commonmark-spec-{VERSION}.tgz"));
    let untar = Command::new("tar")
        .arg("xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&dir)
        .status()
        .map_err(|e| format!("tar: {e}"))?;
    if !untar.success() {
        return Err("tar".into());
    }
    let partial = dir.join(format!("spec.json.{}", std::process::id()));
    let script = "const fs = require('fs'); \
         const tests = require(process.argv[1]).tests.map(t => ({ \
           markdown: t.markdown.replace(/\\u2192/g, '\\t'), \
           html: t.html.replace(/\\u2192/g, '\\t'), \
           number: t.number, section: t.section })); \
         fs.writeFileSync(process.argv[2], JSON.stringify(tests, null, 1));";
    let node = Command::new("node")
        .args(["-e", script])
        .arg(dir.join("package"))
        .arg(&partial)
        .output()
        .map_err(|e| format!("node: {e}"))?;
    if !node.status.success() {
        return Err(format!("node: {}", String::from_utf8_lossy(&node.stderr)));
    }
    std::fs::rename(&partial, &json).map_err(|e| e.to_string())?;
    Ok(json)
}

const FRONT: &str = "+++\ntitle = \"T\"\nsummary = \"S.\"\nspecies = [\"dog\"]\nupdated = 2026-11-20\n\n[handout]\nintro = \"I.\"\nsigns = [\"a\", \"b\", \"c\"]\nprevention = [\"p\"]\ncall_us_if = [\"c\"]\n+++\n";

/// The body HTML pawprint makes for `markdown`, as an article in `content/dogs/`.
fn pawprint_html(markdown: &str) -> String {
    let result = parse_markdown(
        PathBuf::from("content/dogs/x.md"),
        "dogs/x.md",
        format!("{FRONT}{markdown}").into_bytes(),
        "/",
    );
    match result {
        Ok(Loaded::Article(article)) => article.body.html,
        Ok(_) => panic!("not an article"),
        Err(problems) => panic!("{problems:?}"),
    }
}

/// What does not change what a page shows, as the spec's own test runner does:
/// line breaks next to tags, `<br />` for `<br>`, and `&quot;` for `"` (which
/// pulldown-cmark leaves as it is in text).
fn normalize(html: &str) -> String {
    html.trim()
        .replace(">\n", ">")
        .replace("\n<", "<")
        .replace(" />", ">")
        .replace("&quot;", "\"")
}

#[test]
#[cfg_attr(not(has_npm), ignore = "needs npm and node (apt install nodejs npm)")]
fn commonmark_examples_match_the_spec_except_by_design() {
    let spec = spec_json();
    let text = std::fs::read_to_string(spec).unwrap();
    let examples: Vec<Example> = serde_json::from_str(&text).unwrap();
    assert_eq!(
        examples.len(),
        652,
        "commonmark-spec {VERSION} has 652 examples"
    );

    let mut unexpected = Vec::new();
    let mut listed_but_equal = Vec::new();
    let mut passed = 0;
    for example in &examples {
        let ours = pawprint_html(&example.markdown);
        let same = normalize(&ours) == normalize(&example.html);
        let listed = BY_DESIGN.iter().find(|(n, _)| *n == example.number);
        match (same, listed) {
            (true, None) => passed += 1,
            (true, Some(_)) => listed_but_equal.push(example.number),
            (false, Some(_)) => {}
            (false, None) => unexpected.push(format!(
                "example {} ({}):\n--- markdown\n{}--- spec\n{}--- pawprint\n{}",
                example.number, example.section, example.markdown, example.html, ours
            )),
        }
    }
    println!(
        "{passed} of {} examples match the spec; {} differ by design",
        examples.len(),
        BY_DESIGN.len()
    );
    assert!(
        unexpected.is_empty(),
        "{} examples differ from the spec and are not listed as by design:\n\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        listed_but_equal.is_empty(),
        "these examples now match the spec: take them off BY_DESIGN: {listed_but_equal:?}"
    );
}
