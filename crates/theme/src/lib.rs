//! The themes built into pawprint. A project whose site.toml names a theme it has
//! no folder for (`themes/<name>/`) uses the built-in theme of that name, so a
//! project needs no copy of the theme. `pawprint theme eject` writes a built-in
//! theme out as a folder, for those who want to change all of it.
//!
//! The files are those of the folders beside this crate's `build.rs` (such as
//! `default/`), embedded when pawprint is compiled.

/// A theme's files: each one's path inside the theme and its bytes, sorted by path.
type Files = &'static [(&'static str, &'static [u8])];

include!(concat!(env!("OUT_DIR"), "/themes.rs"));

/// A theme built into pawprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltIn {
    name: &'static str,
    files: Files,
}

/// The names of the built-in themes, such as `default`.
pub fn names() -> impl Iterator<Item = &'static str> {
    THEMES.iter().map(|(name, _)| *name)
}

/// The built-in theme called `name`, if there is one.
pub fn built_in(name: &str) -> Option<BuiltIn> {
    THEMES
        .iter()
        .find(|(theme, _)| *theme == name)
        .map(|(name, files)| BuiltIn { name, files })
}

impl BuiltIn {
    /// The theme's name, such as `default`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Every file of the theme, by its `/`-separated path inside the theme (such
    /// as `templates/base.html`), sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&'static str, &'static [u8])> {
        self.files.iter().copied()
    }

    /// The file at `path` inside the theme, such as `words/en.toml`.
    pub fn file(&self, path: &str) -> Option<&'static [u8]> {
        self.files
            .binary_search_by(|(name, _)| (*name).cmp(path))
            .ok()
            .map(|i| self.files[i].1)
    }

    /// The files inside the folder `dir` of the theme (such as `templates`), at any
    /// depth, each by its path inside that folder and its bytes.
    pub fn files_in<'a>(
        &self,
        dir: &'a str,
    ) -> impl Iterator<Item = (&'static str, &'static [u8])> + 'a {
        let files = self.files;
        files.iter().filter_map(move |(path, bytes)| {
            path.strip_prefix(dir)
                .and_then(|rest| rest.strip_prefix('/'))
                .map(|inside| (inside, *bytes))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_built_in_with_every_file_of_its_folder() {
        let theme = built_in("default").expect("default is built in");
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("default");
        let mut on_disk = Vec::new();
        let mut stack = vec![folder.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let name = path
                        .strip_prefix(&folder)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    on_disk.push((name, std::fs::read(&path).unwrap()));
                }
            }
        }
        on_disk.sort();
        let embedded: Vec<(String, Vec<u8>)> = theme
            .files()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect();
        assert_eq!(embedded, on_disk);
        assert!(theme.file("templates/base.html").is_some());
        assert!(theme.file("templates/nope.html").is_none());
        let words: Vec<&str> = theme.files_in("words").map(|(n, _)| n).collect();
        assert_eq!(words, ["en.toml", "es.toml"]);
        assert!(
            theme
                .files_in("templates")
                .any(|(n, _)| n == "partials/search.html")
        );
    }

    #[test]
    fn an_unknown_name_is_not_built_in() {
        assert!(built_in("fancy").is_none());
        assert_eq!(names().collect::<Vec<_>>(), ["default"]);
    }
}
