//! Every problem pawprint reports carries a stable code, a variant of
//! `problem::Code`: a misspelt code does not compile. These tests read the source,
//! so a new problem without a code, or a code no problem uses, fails here. The
//! guide's page of codes (`docs/src/reference/problem-codes.md`) is made from the
//! enum: a test fails when the committed page differs, and rewrites it when
//! `PAWPRINT_BLESS=1` is set.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pawprint_text::problem::Code;

fn source_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// Each `.rs` file under src/ and crates/ with its text, except problem.rs, which
/// defines the constructors.
fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    source_files(&root.join("src"), &mut files);
    source_files(&root.join("crates"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|f| !f.ends_with("problem.rs"))
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect()
}

/// The index just past the bracket that closes the one at `open`, skipping
/// string and character literals.
fn close_of(text: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < text.len() {
        match text[i] {
            b'"' => {
                i += 1;
                while text[i] != b'"' {
                    if text[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'\'' if text.get(i + 2) == Some(&b'\'') => i += 2,
            b'\'' if text.get(i + 1) == Some(&b'\\') => {
                i += 2;
                while text[i] != b'\'' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    panic!("no closing bracket");
}

/// The names of the methods chained after the expression ending at `end`, each
/// with the text of its arguments: `.at(3, 1).code("x")` gives `at` and `code`.
fn chain(text: &str, mut end: usize) -> Vec<(String, String)> {
    let bytes = text.as_bytes();
    let mut calls = Vec::new();
    loop {
        let rest = &text[end..];
        let trimmed = rest.trim_start();
        let Some(after_dot) = trimmed.strip_prefix('.') else {
            return calls;
        };
        let name: String = after_dot
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let open = end + (rest.len() - trimmed.len()) + 1 + name.len();
        if bytes.get(open) != Some(&b'(') {
            return calls;
        }
        let close = close_of(bytes, open);
        calls.push((name, text[open + 1..close - 1].to_string()));
        end = close;
    }
}

fn is_code_shaped(code: &str) -> bool {
    let word = |w: &str| {
        !w.is_empty()
            && w.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    };
    matches!(code.split_once('.'), Some((area, what)) if word(area) && word(what))
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// The names of the `Code` variants the source names outside problem.rs.
fn used_variants() -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for (_, text) in sources() {
        for (at, _) in text.match_indices("Code::") {
            let name: String = text[at + "Code::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            used.insert(name);
        }
    }
    used
}

#[test]
fn every_problem_built_in_the_source_has_a_code() {
    let mut missing = Vec::new();
    for (file, text) in sources() {
        for constructor in ["Problem::error(", "Problem::warning(", "Problem::note("] {
            for (at, _) in text.match_indices(constructor) {
                let open = at + constructor.len() - 1;
                let end = close_of(text.as_bytes(), open);
                if !chain(&text, end).iter().any(|(name, _)| name == "code") {
                    missing.push(format!("{}:{}", file.display(), line_of(&text, at)));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "these problems have no .code(\"area.what\"): {missing:#?}"
    );
}

#[test]
fn every_code_is_used() {
    let used = used_variants();
    let unused: Vec<_> = Code::ALL
        .iter()
        .filter(|code| !used.contains(&format!("{code:?}")))
        .collect();
    assert!(
        unused.is_empty(),
        "no problem uses these codes any more: {unused:?}"
    );
}

#[test]
fn the_codes_are_well_formed_sorted_unique_and_explained() {
    for pair in Code::ALL.windows(2) {
        assert!(
            pair[0].as_str() < pair[1].as_str(),
            "{} comes before {}, or a code has two variants",
            pair[1],
            pair[0]
        );
    }
    for code in Code::ALL {
        assert!(is_code_shaped(code.as_str()), "`{code}` is not area.what");
        for (what, text) in [("meaning", code.meaning()), ("fix", code.fix())] {
            assert!(
                text.ends_with('.') && text.len() > 1,
                "`{code}` needs a one-sentence {what}"
            );
        }
    }
}

/// Where the guide keeps its page of problem codes, made from `problem::Code`.
const CODES_PAGE: &str = "docs/src/reference/problem-codes.md";

/// The guide's page of problem codes: one table per area, in the order of
/// `problem::Code::ALL`. Each entry is a code, its meaning and its fix.
fn codes_page(codes: &[(&str, &str, &str)]) -> String {
    let mut page = String::from(
        "# Problem codes\n\
         \n\
         <!-- Made from problem::Code in crates/text/src/problem.rs by `cargo test --test suite problem_codes::`.\n\
         Do not edit this page: change the enum, then run\n\
         PAWPRINT_BLESS=1 cargo test --test suite problem_codes:: -->\n\
         \n\
         Every problem pawprint reports has a code, such as `link.broken`. The code is\n\
         shown after the kind of problem:\n\
         \n\
         ```text\n\
         error[link.broken]: link to `/nowhere/` goes to /nowhere/, which is not a page of this site\n\
         \x20 --> content/dogs/ears.md:17:5\n\
         ```\n\
         \n\
         The code stays the same when the wording of a message changes, so scripts can\n\
         match on it (see [check --format json](../check/json.md)). The first part of a\n\
         code names the area the problem belongs to. `pawprint explain CODE` prints\n\
         what a code means and what to do about it.\n",
    );
    let mut area = "";
    let cell = |text: &str| {
        text.replace('|', "\\|")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    for (code, meaning, fix) in codes {
        let (this_area, _) = code.split_once('.').unwrap_or((code, ""));
        if this_area != area {
            area = this_area;
            page.push_str(&format!(
                "\n## {area}\n\n| Code | What it means | What to do |\n|---|---|---|\n"
            ));
        }
        page.push_str(&format!(
            "| `{code}` | {} | {} |\n",
            cell(meaning),
            cell(fix)
        ));
    }
    page
}

#[test]
fn the_guide_lists_every_code_with_its_meaning() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(CODES_PAGE);
    let codes: Vec<_> = Code::ALL
        .iter()
        .map(|code| (code.as_str(), code.meaning(), code.fix()))
        .collect();
    let wanted = codes_page(&codes);
    if std::env::var("PAWPRINT_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, &wanted).unwrap();
        return;
    }
    // A checkout that turns line ends into CR LF still matches.
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_default()
        .replace("\r\n", "\n");
    assert!(
        committed == wanted,
        "{CODES_PAGE} does not match problem::Code; \
         run `PAWPRINT_BLESS=1 cargo test --test suite problem_codes::` to rewrite it"
    );
}

#[test]
fn the_codes_page_has_a_table_per_area() {
    let page = codes_page(&[
        ("link.broken", "A link goes nowhere.", "Fix it."),
        ("link.empty", "A link has | no address.", "Add one."),
        ("page.duplicate-id", "Two ids.", "Rename one."),
    ]);
    assert!(page.starts_with("# Problem codes\n"));
    let tail = &page[page.find("\n## link").unwrap()..];
    assert_eq!(
        tail,
        "\n## link\n\n| Code | What it means | What to do |\n|---|---|---|\n\
         | `link.broken` | A link goes nowhere. | Fix it. |\n\
         | `link.empty` | A link has \\| no address. | Add one. |\n\
         \n## page\n\n| Code | What it means | What to do |\n|---|---|---|\n\
         | `page.duplicate-id` | Two ids. | Rename one. |\n"
    );
}

#[test]
fn the_scanner_finds_a_problem_without_a_code() {
    let text = r#"let p = Problem::error(file, "bad (really)").at(1, 2).help("x");
let q = Problem::error(file, "ok").at(1, 2).code(Code::IoRead);"#;
    let first = close_of(text.as_bytes(), text.find('(').unwrap());
    assert!(!chain(text, first).iter().any(|(n, _)| n == "code"));
    let second_at = text.rfind("Problem::error(").unwrap() + "Problem::error".len();
    let second = close_of(text.as_bytes(), second_at);
    assert!(chain(text, second).iter().any(|(n, _)| n == "code"));
}
