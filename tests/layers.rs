//! Keeps the shape of the workspace: each crate depends only on the crates of the
//! layers below it. The compiler already refuses a loop between crates; this test
//! keeps the order of the layers (ARCHITECTURE.md) and makes a new crate take a
//! place in it.
//!
//! The layers, lowest first:
//! text → settings → content → handout → site → output → review → the tool.

use std::collections::BTreeMap;
use std::path::Path;

use toml::de::{DeTable, DeValue};

/// Each crate of the workspace, lowest layer first. A crate may depend on the
/// crates before it in this list, never on those after it.
const LAYERS: &[&str] = &[
    "pawprint-theme",
    "pawprint-text",
    "pawprint-settings",
    "pawprint-content",
    "pawprint-handout",
    "pawprint-site",
    "pawprint-output",
    "pawprint-review",
    "pawprint",
];

/// The workspace's crates, each with the `pawprint*` crates it depends on, read
/// from the Cargo.toml files (normal dependencies and build dependencies).
fn crates() -> BTreeMap<String, Vec<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut manifests = vec![root.join("Cargo.toml")];
    for entry in std::fs::read_dir(root.join("crates")).expect("crates/") {
        let path = entry.expect("crates/ entry").path().join("Cargo.toml");
        if path.is_file() {
            manifests.push(path);
        }
    }
    let mut crates = BTreeMap::new();
    for manifest in manifests {
        let text = std::fs::read_to_string(&manifest).expect("Cargo.toml");
        let value = DeTable::parse(&text).expect("Cargo.toml parses");
        let value = value.get_ref();
        fn table<'a>(t: &DeTable<'a>, key: &str) -> Option<DeTable<'a>> {
            match t.get(key).map(|v| v.get_ref()) {
                Some(DeValue::Table(inner)) => Some(inner.clone()),
                _ => None,
            }
        }
        let package = table(value, "package").expect("[package]");
        let name = match package.get("name").map(|v| v.get_ref()) {
            Some(DeValue::String(name)) => name.to_string(),
            _ => panic!("{} has no package name", manifest.display()),
        };
        let mut uses = Vec::new();
        let mut tables = vec![
            table(value, "dependencies"),
            table(value, "build-dependencies"),
        ];
        if let Some(targets) = table(value, "target") {
            for target in targets.values() {
                if let DeValue::Table(target) = target.get_ref() {
                    tables.push(table(target, "dependencies"));
                    tables.push(table(target, "build-dependencies"));
                }
            }
        }
        for dependencies in tables.into_iter().flatten() {
            for key in dependencies.keys() {
                if key.get_ref().starts_with("pawprint") {
                    uses.push(key.get_ref().to_string());
                }
            }
        }
        crates.insert(name, uses);
    }
    crates
}

#[test]
fn every_crate_has_a_layer() {
    for name in crates().keys() {
        assert!(
            LAYERS.contains(&name.as_str()),
            "the crate {name} has no layer: add it to LAYERS in tests/layers.rs and to \
             ARCHITECTURE.md"
        );
    }
    assert_eq!(crates().len(), LAYERS.len(), "a crate in LAYERS is gone");
}

#[test]
fn crates_depend_only_downward() {
    let place = |name: &str| LAYERS.iter().position(|l| *l == name);
    for (name, uses) in crates() {
        let here = place(&name).expect("a layer");
        for used in uses {
            let there =
                place(&used).unwrap_or_else(|| panic!("{name} uses {used}, which has no layer"));
            assert!(
                there < here,
                "{name} depends on {used}, a layer above it (or its own): move what it \
                 needs down, or the code up"
            );
        }
    }
}

#[test]
fn the_tool_is_the_top() {
    let crates = crates();
    let tool = &crates["pawprint"];
    for name in LAYERS.iter().filter(|l| **l != "pawprint") {
        assert!(
            tool.iter().any(|u| u == name),
            "the tool does not use {name}"
        );
    }
}
