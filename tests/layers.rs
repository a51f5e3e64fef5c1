//! Keeps the shape of the code: every module imports only from its own layer or the
//! layers below it, and no modules import each other in a loop.
//!
//! The layers, lowest first (see ARCHITECTURE.md):
//! text helpers → settings → content → load → renderers → output → commands.
//!
//! The test reads the source files under `src/` and collects every `crate::` and
//! `super::` path outside `#[cfg(test)]` code. Each top-level module must be listed
//! in [`LAYERS`]; a submodule not listed takes the layer of its parent. A new
//! top-level module fails the test until it is given a layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module (by its path under `crate::`) and its layer. Lower layers never import
/// higher ones.
const LAYERS: &[(&str, u8, &str)] = &[
    // 0: text helpers
    ("problem", 0, "text"),
    ("source_map", 0, "text"),
    ("date", 0, "text"),
    ("fingerprint", 0, "text"),
    ("text", 0, "text"),
    ("address", 0, "text"),
    ("phone", 0, "text"),
    ("site_file", 0, "text"),
    ("plain_file", 0, "text"),
    // 1: settings
    ("fields", 1, "settings"),
    ("config", 1, "settings"),
    ("language", 1, "settings"),
    ("location", 1, "settings"),
    ("paper", 1, "settings"),
    ("theme", 1, "settings"),
    ("locale", 1, "settings"),
    ("brand", 1, "settings"),
    ("brand::logo", 1, "settings"),
    ("brand::typeface", 1, "settings"),
    // 2: content
    ("content", 2, "content"),
    ("content::article", 2, "content"),
    ("content::front_matter", 2, "content"),
    ("content::markdown", 2, "content"),
    ("content::library", 2, "content"),
    ("content::permalink", 2, "content"),
    // 3: load
    ("load", 3, "load"),
    // 4: renderers
    ("rendered", 4, "renderers"),
    ("site", 4, "renderers"),
    ("site::feed", 4, "renderers"),
    ("site::metadata", 4, "renderers"),
    ("site::pages", 4, "renderers"),
    ("handout", 4, "renderers"),
    ("handout::frame", 4, "renderers"),
    ("handout::layout", 4, "renderers"),
    ("handout::pdf", 4, "renderers"),
    ("handout::qr", 4, "renderers"),
    ("handout::wrap", 4, "renderers"),
    // 5: output
    ("output", 5, "output"),
    // 6: commands
    ("build", 6, "commands"),
    ("check", 6, "commands"),
    ("check::reading", 6, "commands"),
    ("serve", 6, "commands"),
    ("scaffold", 6, "commands"),
    ("lib", 6, "commands"),
];

/// Module path (`handout::layout`, `lib` for the crate root) of a file under `src/`.
fn module_of(relative: &Path) -> String {
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs").to_string();
    if stem != "mod" {
        parts.push(stem);
    }
    if parts.is_empty() || parts == ["main"] {
        return "lib".into();
    }
    parts.join("::")
}

/// The source without `#[cfg(test)]` items: from that attribute to the end of the
/// item it marks (a brace-balanced block or a `;`-ended line).
fn without_tests(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Removes `//` comments (doc comments included) so that prose naming a module does
/// not count as an import.
fn without_comments(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path named after `crate::`, with `use crate::{a, b::c}` groups expanded.
fn crate_paths(source: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = source.as_bytes();
    let mut from = 0;
    while let Some(found) = source[from..].find("crate::") {
        let start = from + found;
        from = start + "crate::".len();
        if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
            continue;
        }
        expand(&source[from..], Vec::new(), &mut paths);
    }
    paths
}

/// Reads one path (or `{...}` group) at the start of `text`, prefixed by `prefix`.
fn expand(text: &str, prefix: Vec<String>, paths: &mut Vec<Vec<String>>) {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('{') {
        let mut depth = 1usize;
        let mut piece_start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        expand(&inner[piece_start..i], prefix.clone(), paths);
                        return;
                    }
                }
                ',' if depth == 1 => {
                    expand(&inner[piece_start..i], prefix.clone(), paths);
                    piece_start = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let mut path = prefix;
    let mut rest = text;
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        path.push(rest[..end].to_string());
        rest = &rest[end..];
        if let Some(next) = rest.strip_prefix("::") {
            if next.trim_start().starts_with('{') {
                expand(next, path, paths);
                return;
            }
            rest = next;
        } else {
            break;
        }
    }
    if !path.is_empty() {
        paths.push(path);
    }
}

/// The longest known module that `path` starts with.
fn resolve(path: &[String], known: &BTreeSet<&str>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|candidate| known.contains(candidate.as_str()))
}

/// The layer of a module: its own entry in [`LAYERS`], or its nearest parent's.
fn layer_of(module: &str) -> Option<(u8, &'static str)> {
    let parts: Vec<&str> = module.split("::").collect();
    (1..=parts.len()).rev().find_map(|n| {
        let prefix = parts[..n].join("::");
        LAYERS
            .iter()
            .find(|(m, _, _)| *m == prefix)
            .map(|(_, layer, name)| (*layer, *name))
    })
}

/// Every module under `src/`, with its file.
fn modules() -> Vec<(String, std::path::PathBuf)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("read src/");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = entry.path().strip_prefix(&src).unwrap().to_path_buf();
        let module = module_of(&relative);
        assert!(
            layer_of(&module).is_some(),
            "src/{} (module `{module}`) has no layer: add it to LAYERS in tests/layers.rs",
            relative.display()
        );
        found.push((module, entry.path().to_path_buf()));
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let all = modules();
    let known: BTreeSet<&str> = all.iter().map(|(m, _)| m.as_str()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, path) in &all {
        let module = module.clone();
        let relative = path
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
            .unwrap();
        let source = without_comments(&without_tests(
            &std::fs::read_to_string(path).expect("read a source file"),
        ));
        let is_parent = relative.ends_with("mod.rs") || module == "lib";
        let mut targets = BTreeSet::new();
        for path in crate_paths(&source) {
            if let Some(target) = resolve(&path, &known) {
                targets.insert(target);
            }
        }
        // `super::x` inside a submodule names a sibling or the parent.
        let parent: Vec<String> = {
            let mut p: Vec<String> = module.split("::").map(String::from).collect();
            if !is_parent {
                p.pop();
            }
            p
        };
        for found in source.match_indices("super::") {
            let rest = &source[found.0 + "super::".len()..];
            if rest.starts_with('*') {
                continue;
            }
            let mut paths = Vec::new();
            expand(rest, parent.clone(), &mut paths);
            for path in paths {
                if let Some(target) = resolve(&path, &known) {
                    targets.insert(target);
                }
            }
        }
        targets.remove(&module);
        if is_parent {
            // A folder's mod.rs may name its own children (`pub mod`, `pub use`).
            let prefix = format!("{module}::");
            targets.retain(|t| !t.starts_with(&prefix) || module == "lib");
        }
        if module == "lib" {
            // The crate root only declares modules and re-exports.
            targets.clear();
        }
        edges.insert(module, targets);
    }
    edges
}

#[test]
fn modules_import_only_downward() {
    let mut upward = Vec::new();
    for (from, targets) in graph() {
        let (from_layer, from_name) = layer_of(&from).unwrap();
        for to in targets {
            let (to_layer, to_name) = layer_of(&to).unwrap();
            if to_layer > from_layer {
                upward.push(format!(
                    "{from} ({from_name}) imports {to} ({to_name}), a higher layer"
                ));
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

#[test]
fn no_import_loops() {
    let edges = graph();
    // Tarjan-free: a module is in a loop when it can reach itself.
    let mut loops = BTreeMap::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((node, trail)) = stack.pop() {
            for next in edges.get(&node).into_iter().flatten() {
                if next == start {
                    let mut cycle = trail.clone();
                    cycle.push(start.clone());
                    let mut key = cycle[..cycle.len() - 1].to_vec();
                    key.sort();
                    loops.entry(key).or_insert_with(|| cycle.join(" → "));
                } else if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    let found: Vec<String> = loops.into_values().collect();
    assert!(found.is_empty(), "import loops:\n{}", found.join("\n"));
}

#[test]
fn the_checker_sees_grouped_and_nested_imports() {
    let paths = crate_paths("use crate::a::{b, c::{d, e}};\nlet x = crate::f::g(1);");
    let names: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(names, ["a::b", "a::c::d", "a::c::e", "f::g"]);
    let stripped = without_tests("use crate::x;\n#[cfg(test)]\nmod tests { use crate::y; }\n");
    assert!(stripped.contains("crate::x") && !stripped.contains("crate::y"));
}
