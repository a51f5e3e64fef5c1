//! Keeps the workspace publishable, and its packages in step: every crate can go
//! to crates.io with only its sources, our crates are named with their version,
//! the Debian package's files exist, and CI's dist is the one the release
//! workflow names. CI goes further (`.ci/from_crates.sh`, `.ci/deb.sh`): it
//! packages, installs and runs them.

use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

/// The repository's root folder.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every Cargo.toml of the workspace: the root one first, then each of crates/.
fn manifests() -> Vec<PathBuf> {
    let mut manifests = vec![root().join("Cargo.toml")];
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root().join("crates"))
        .expect("crates/")
        .map(|entry| entry.expect("crates/ entry").path().join("Cargo.toml"))
        .filter(|path| path.is_file())
        .collect();
    crates.sort();
    manifests.extend(crates);
    manifests
}

/// The table at `key` of `table`, if it is one.
fn table<'a>(table: &DeTable<'a>, key: &str) -> Option<DeTable<'a>> {
    match table.get(key).map(|v| v.get_ref()) {
        Some(DeValue::Table(inner)) => Some(inner.clone()),
        _ => None,
    }
}

/// The string at `key` of `table`, if it is one.
fn string(table: &DeTable<'_>, key: &str) -> Option<String> {
    match table.get(key).map(|v| v.get_ref()) {
        Some(DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// The strings of the array at `key` of `table`.
fn strings(table: &DeTable<'_>, key: &str) -> Vec<String> {
    match table.get(key).map(|v| v.get_ref()) {
        Some(DeValue::Array(items)) => items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Reads and parses a TOML file, and calls `check` with its top table.
fn with_toml(path: &Path, check: impl FnOnce(&DeTable<'_>)) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let parsed = DeTable::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    check(parsed.get_ref());
}

#[test]
fn every_crate_can_be_published_with_its_sources_only() {
    for manifest in manifests() {
        let shown = manifest.strip_prefix(root()).unwrap().display().to_string();
        with_toml(&manifest, |top| {
            let package = table(top, "package").expect("[package]");
            assert!(
                !package.contains_key("publish"),
                "{shown}: `publish` keeps the crate off crates.io"
            );
            if let Some(workspace) = table(top, "workspace") {
                let shared = table(&workspace, "package").expect("[workspace.package]");
                assert!(
                    !shared.contains_key("publish"),
                    "{shown}: [workspace.package] publish"
                );
            }
            for key in ["description", "license", "documentation"] {
                assert!(package.contains_key(key), "{shown}: no `{key}`");
            }
            // Only what is listed goes into the .crate: the sources and the licences.
            let include = strings(&package, "include");
            assert!(
                include.contains(&"/src/".to_string()),
                "{shown}: include lacks /src/"
            );
            for licence in ["/LICENSE-MIT", "/LICENSE-APACHE"] {
                assert!(
                    include.contains(&licence.to_string()),
                    "{shown}: include lacks {licence}"
                );
                let file = manifest.parent().unwrap().join(&licence[1..]);
                assert!(file.is_file(), "{shown}: no {}", file.display());
            }
            for listed in &include {
                assert!(
                    !listed.starts_with("/tests") && !listed.starts_with("/docs"),
                    "{shown}: the package would carry {listed}"
                );
            }
            if package.contains_key("build")
                || manifest.parent().unwrap().join("build.rs").is_file()
            {
                assert!(
                    include.contains(&"/build.rs".to_string()),
                    "{shown}: include lacks /build.rs"
                );
            }
        });
    }
    // The built-in theme is compiled from its folders: its package carries them.
    with_toml(&root().join("crates/theme/Cargo.toml"), |top| {
        let package = table(top, "package").unwrap();
        assert!(strings(&package, "include").contains(&"/default/".to_string()));
    });
}

#[test]
fn our_crates_are_named_with_the_workspace_version() {
    with_toml(&root().join("Cargo.toml"), |top| {
        let workspace = table(top, "workspace").unwrap();
        let version = string(&table(&workspace, "package").unwrap(), "version").unwrap();
        let dependencies = table(&workspace, "dependencies").unwrap();
        let mut ours = 0;
        for (name, spec) in dependencies.iter() {
            let name = name.get_ref();
            if !name.starts_with("pawprint") {
                continue;
            }
            ours += 1;
            let DeValue::Table(spec) = spec.get_ref() else {
                panic!("{name}: not a table with a path and a version");
            };
            assert!(spec.contains_key("path"), "{name}: no path");
            assert_eq!(
                string(spec, "version").as_deref(),
                Some(version.as_str()),
                "{name}: the version of a path dependency must be the workspace's, {version}"
            );
        }
        assert_eq!(
            ours,
            manifests().len() - 1,
            "one [workspace.dependencies] line per crate"
        );
    });
}

#[test]
fn the_debian_package_files_exist() {
    with_toml(&root().join("Cargo.toml"), |top| {
        let package = table(top, "package").unwrap();
        let metadata = table(&package, "metadata").expect("[package.metadata]");
        let deb = table(&metadata, "deb").expect("[package.metadata.deb]");
        for key in ["maintainer", "section", "priority", "extended-description"] {
            assert!(deb.contains_key(key), "[package.metadata.deb] has no {key}");
        }
        let DeValue::Array(assets) = deb.get("assets").expect("assets").get_ref() else {
            panic!("assets is not an array");
        };
        let mut binary = false;
        for asset in assets {
            let DeValue::Array(asset) = asset.get_ref() else {
                panic!("an asset is not [source, target, mode]");
            };
            let DeValue::String(source) = asset[0].get_ref() else {
                panic!("an asset's source is not a string");
            };
            if source == "target/release/pawprint" {
                binary = true;
            } else {
                assert!(
                    root().join(source.as_ref()).is_file(),
                    "the .deb's {source} is missing"
                );
            }
        }
        assert!(binary, "the .deb lacks the binary");
    });
}

#[test]
fn ci_runs_the_dist_the_release_workflow_names() {
    let mut wanted = None;
    with_toml(&root().join("dist-workspace.toml"), |top| {
        wanted = string(&table(top, "dist").expect("[dist]"), "cargo-dist-version");
    });
    let wanted = wanted.expect("cargo-dist-version");
    let requirements = std::fs::read_to_string(root().join(".ci/requirements.txt")).unwrap();
    let pinned = requirements
        .lines()
        .find_map(|line| line.strip_prefix("astral-dev-toolchain-cargo-dist=="))
        .expect(".ci/requirements.txt pins dist");
    assert_eq!(pinned, wanted, "CI's dist and dist-workspace.toml's differ");
    let workflow = std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    assert!(
        workflow.contains(&format!("cargo-dist/releases/download/v{wanted}/")),
        "release.yml installs another dist than {wanted}: run `dist init`"
    );
}
