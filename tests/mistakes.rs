//! Projects with mistakes in them: each fixture folder with an `expected.txt`
//! (`tests/fixtures/<case>/expected.txt`) is checked with `pawprint check
//! --format json`, which must find exactly the problems listed there.
//!
//! `expected.txt` holds one problem a line, as `file:line code`, then, each
//! after ` - `, words its message or help must hold. Lines starting with `#` are
//! notes.
//!
//! ```text
//! site.toml:9 settings.unknown-key - unknown key `site.langauge` - did you mean `language`?
//! ```

use crate::common;

use std::collections::BTreeSet;

use common::*;

/// One problem: file, line (0 when it has none) and code.
type Place = (String, usize, String);

/// The fixtures that have an `expected.txt`, by name.
fn failing_fixtures() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.txt").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

/// The problems `expected.txt` lists, with the words each message must hold.
fn expected(case: &str) -> Vec<(Place, Vec<String>)> {
    let text = std::fs::read_to_string(fixtures().join(case).join("expected.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.split(" - ");
            let problem = parts.next().unwrap();
            let words = parts.map(str::to_string).collect();
            let (place, code) = problem
                .split_once(' ')
                .unwrap_or_else(|| panic!("{case}/expected.txt: {l:?} is not `file:line code`"));
            let (file, line) = place.rsplit_once(':').unwrap_or((place, "0"));
            let line = line
                .parse()
                .unwrap_or_else(|_| panic!("{case}/expected.txt: {line:?} is not a line"));
            ((file.to_string(), line, code.trim().to_string()), words)
        })
        .collect()
}

#[test]
fn each_project_with_mistakes_gets_exactly_the_problems_it_expects() {
    let cases = failing_fixtures();
    assert!(cases.len() >= 2, "{cases:?}");
    for case in cases {
        let project = fixture(&case);
        let output = pawprint(project.path(), &["check", "--format", "json"]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!output.status.success(), "{case}: check passed: {stdout}");
        let json: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{case}: {e}: {stdout}{}", stderr(&output)));
        let mut found: Vec<(Place, String)> = Vec::new();
        for file in json["files"].as_array().unwrap() {
            for problem in file["problems"].as_array().unwrap() {
                found.push((
                    (
                        file["file"].as_str().unwrap().to_string(),
                        problem["line"].as_u64().unwrap_or(0) as usize,
                        problem["code"].as_str().unwrap().to_string(),
                    ),
                    problem["message"].as_str().unwrap_or_default().to_string()
                        + " "
                        + problem["help"].as_str().unwrap_or_default(),
                ));
            }
        }
        let expected = expected(&case);
        let want: BTreeSet<&Place> = expected.iter().map(|(p, _)| p).collect();
        let got: BTreeSet<&Place> = found.iter().map(|(p, _)| p).collect();
        assert_eq!(got, want, "{case}: the problems check found");
        for (place, words) in &expected {
            let said = &found.iter().find(|(p, _)| p == place).unwrap().1;
            for words in words {
                assert!(
                    said.contains(words.as_str()),
                    "{case}: {place:?} says {said:?}"
                );
            }
        }
    }
}
