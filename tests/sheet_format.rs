//! The sheet format: a sheet from the last build is reused only when its
//! fingerprint matches, and the fingerprint covers the code that makes a sheet
//! through `SHEET_FORMAT` (crates/handout/src/lib.rs), not through a list of source
//! files. This test keeps that number honest: it builds the reference project in
//! tests/fixtures/reference-sheet/ and compares the bytes of its sheets (PDF, and the
//! SVG and PNG pictures of the sheet) with those recorded in its sheet-format.txt.
//!
//! When a change to the code changes a sheet on purpose: bump `SHEET_FORMAT`, then
//! record the new bytes with
//! `PAWPRINT_BLESS=1 cargo test --test suite sheet_format::`.

use std::collections::BTreeMap;

use crate::common;
use pawprint_handout::SHEET_FORMAT;
use pawprint_text::fingerprint::Fingerprint;

const RECORD: &str = "tests/fixtures/reference-sheet/sheet-format.txt";

/// What the record holds: the format the bytes were made with, and each sheet
/// file's fingerprint by path.
#[derive(Debug, PartialEq)]
struct Record {
    format: u32,
    sheets: BTreeMap<String, String>,
}

impl Record {
    fn parse(text: &str) -> Record {
        let mut format = 0;
        let mut sheets = BTreeMap::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            match line.split_once(' ') {
                Some(("format", n)) => format = n.trim().parse().expect("a format number"),
                Some((print, path)) => {
                    sheets.insert(path.to_string(), print.to_string());
                }
                None => panic!("{RECORD}: a line with no space: {line}"),
            }
        }
        Record { format, sheets }
    }

    fn text(&self) -> String {
        let mut text = String::from(
            "# The bytes of the reference sheets, made by tests/sheet_format.rs.\n\
             # Bump SHEET_FORMAT (crates/handout/src/lib.rs) when they change, then\n\
             # rewrite this file with PAWPRINT_BLESS=1 cargo test --test suite sheet_format::\n",
        );
        text.push_str(&format!("format {}\n", self.format));
        for (path, print) in &self.sheets {
            text.push_str(&format!("{print} {path}\n"));
        }
        text
    }
}

/// The reference project's sheets as this code makes them.
fn made_now() -> Record {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &common::repo().join("tests/fixtures/reference-sheet"),
        dir.path(),
    );
    std::fs::remove_file(dir.path().join("sheet-format.txt")).ok();
    let run = common::pawprint(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", common::stderr(&run));
    let mut sheets = BTreeMap::new();
    for (path, bytes) in common::read_tree(&dir.path().join("output")) {
        let sheet = [".pdf", ".svg", ".png"]
            .iter()
            .any(|end| path.ends_with(end));
        if sheet && path.starts_with("dogs/") {
            let mut print = Fingerprint::default();
            print.add(&bytes);
            sheets.insert(path, print.hex());
        }
    }
    assert!(
        sheets.len() >= 4,
        "the reference project made sheets: {sheets:?}"
    );
    Record {
        format: SHEET_FORMAT,
        sheets,
    }
}

#[test]
fn the_sheet_format_changes_when_the_sheets_do() {
    let path = common::repo().join(RECORD);
    let recorded = Record::parse(&std::fs::read_to_string(&path).unwrap_or_default());
    let now = made_now();
    if now == recorded {
        return;
    }
    let bless = std::env::var_os("PAWPRINT_BLESS").is_some();
    if now.sheets != recorded.sheets && now.format == recorded.format {
        panic!(
            "the reference sheets' bytes changed, but SHEET_FORMAT is still {}. A build \
             would reuse old sheets made by the old code. Bump SHEET_FORMAT in \
             crates/handout/src/lib.rs, then record the new bytes with \
             PAWPRINT_BLESS=1 cargo test --test suite sheet_format::\nrecorded: {:#?}\nnow: {:#?}",
            now.format, recorded.sheets, now.sheets
        );
    }
    if bless {
        std::fs::write(&path, now.text()).unwrap();
        return;
    }
    panic!(
        "{RECORD} is not up to date (format {} recorded, {} now): record it with \
         PAWPRINT_BLESS=1 cargo test --test suite sheet_format::",
        recorded.format, now.format
    );
}

#[test]
fn the_record_reads_back_as_written() {
    let record = Record {
        format: 7,
        sheets: BTreeMap::from([("a/b.pdf".to_string(), "00ff".to_string())]),
    };
    assert_eq!(Record::parse(&record.text()), record);
}
