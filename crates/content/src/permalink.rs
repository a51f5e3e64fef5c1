//! Where each page lives: the one rule that turns a page's path inside the site into
//! the link used on pages (`/pets/dogs/ear-care/`) and the full address used in the
//! sitemap, the feed, the JSON-LD and the handout's QR code
//! (`https://clinic.example/pets/dogs/ear-care/`).
//!
//! Load computes every article's, section's and tag's addresses once with
//! [`Addresses`]; everything else reads them. A language prefix (`/es/`) is a change
//! to [`Addresses::address`] alone.

use pawprint_settings::config::SiteSettings;
use pawprint_text::text::{file_slug, slug};

/// A page's addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Address {
    /// The path inside the site, ending in `/`: `dogs/ear-care/` (empty for home).
    pub path: String,
    /// The link used on pages: `base_path` + path, such as `/dogs/ear-care/`.
    pub url: String,
    /// The full address: `base_url` + path.
    pub permalink: String,
}

/// The rule for addresses of one site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addresses {
    base_path: String,
    base_url: String,
    /// The language folder, such as `es/`; empty for the site's main language.
    folder: String,
}

/// A page in another language (or in its own), for the language switcher and the
/// `hreflang` links.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Alternate {
    /// The language tag, such as `es`.
    pub language: String,
    /// The language's name in that language, such as "Español".
    pub name: String,
    /// The page's link.
    pub url: String,
    /// The page's full address.
    pub permalink: String,
}

impl Addresses {
    /// The rule for the site in `site.toml`, in its main language.
    pub fn new(site: &SiteSettings) -> Self {
        Addresses {
            base_path: site.base_path.clone(),
            base_url: site.base_url.clone(),
            folder: String::new(),
        }
    }

    /// The rule for the pages of a further language, under `<code>/`.
    pub fn for_language(&self, code: &str) -> Self {
        Addresses {
            folder: format!("{code}/"),
            ..self.clone()
        }
    }

    /// The language folder pages live under, such as `es/`; empty for the main
    /// language.
    pub fn folder(&self) -> &str {
        &self.folder
    }

    /// The path of the home page (empty for the main language, `es/` for Spanish).
    pub fn home_path(&self) -> String {
        self.folder.clone()
    }

    /// The path of a page of this language: `page` with the language folder in
    /// front, such as `es/tags/` for `tags/`.
    pub fn page_path(&self, page: &str) -> String {
        format!("{}{page}", self.folder)
    }

    /// The addresses of the page (or file) at `path` inside the site.
    pub fn address(&self, path: &str) -> Address {
        Address {
            path: path.to_string(),
            url: format!("{}{path}", self.base_path),
            permalink: format!("{}{path}", self.base_url),
        }
    }

    /// The link used on pages for `path` (`base_path` + path).
    pub fn url(&self, path: &str) -> String {
        self.address(path).url
    }

    /// The full address of `path` (`base_url` + path).
    pub fn permalink(&self, path: &str) -> String {
        self.address(path).permalink
    }

    /// The path of a handout file: in the article's folder, and named for the topic
    /// (the article's whole path), the location when there are several, and the
    /// paper, so that a sheet saved or emailed says what it is and no two sheets of
    /// the site share a name: `dogs/ear-care/dogs-ear-care-letter.pdf`,
    /// `dogs/ear-care/dogs-ear-care-north-a4-large.pdf`.
    pub fn handout_path(article_path: &str, location: Option<&str>, paper_key: &str) -> String {
        format!(
            "{article_path}{}{}",
            Self::topic_name(article_path),
            Self::sheet_end(location, paper_key)
        )
    }

    /// The end of a sheet's file name after its topic or pack name: the location
    /// when the clinic has several, then the paper, such as `-a4.pdf` or
    /// `-downtown-a4.pdf`. The search box puts it after a result's topic name.
    pub fn sheet_end(location: Option<&str>, paper_key: &str) -> String {
        match location {
            Some(location) => format!("-{location}-{paper_key}.pdf"),
            None => format!("-{paper_key}.pdf"),
        }
    }

    /// The part of a handout's file name that names its topic: the article's path
    /// with `-` for `/`, such as `dogs-ear-care`.
    pub fn topic_name(article_path: &str) -> String {
        article_path.trim_matches('/').replace('/', "-")
    }

    /// The address part of a tag: plain ASCII, so that tags which one file system
    /// would take for one folder (`σ` and `ς`, `ſcooting` and `scooting`) are one
    /// tag: `vómito` becomes `vomito`. A tag with no letters or digits in ASCII
    /// keeps its Unicode slug.
    pub fn tag_slug(name: &str) -> String {
        let plain = file_slug(name);
        if plain.is_empty() { slug(name) } else { plain }
    }

    /// The path of the page that lists every location of the clinic: `locations/`.
    pub fn locations_path(&self) -> String {
        self.page_path("locations/")
    }

    /// The path of a clinic location's page: `locations/<id>/`.
    pub fn location_path(&self, id: &str) -> String {
        self.page_path(&format!("locations/{id}/"))
    }

    /// The path of a tag's page: `tags/<slug>/`.
    pub fn tag_path(&self, tag_slug: &str) -> String {
        self.page_path(&format!("tags/{tag_slug}/"))
    }
}

/// A tag and the articles that carry it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Tag {
    /// The tag as first written (by article path order).
    pub name: String,
    /// Its address part, such as `anal-glands`.
    pub slug: String,
    /// Its page's addresses (`tags/<slug>/`).
    pub address: Address,
    /// The indexes into [`crate::Library::articles`] of the articles that
    /// carry it, sorted by title.
    pub articles: Vec<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_address() {
        let rule = Addresses {
            base_path: "/pets/".into(),
            base_url: "https://clinic.example/pets/".into(),
            folder: String::new(),
        };
        let a = rule.address("dogs/ear-care/");
        assert_eq!(a.url, "/pets/dogs/ear-care/");
        assert_eq!(a.permalink, "https://clinic.example/pets/dogs/ear-care/");
        assert_eq!(rule.url(""), "/pets/");
        assert_eq!(Addresses::tag_slug("σ"), Addresses::tag_slug("ς"));
        assert_eq!(Addresses::tag_slug("ſcooting"), "scooting");
        assert_eq!(Addresses::tag_slug("Vómito"), "vomito");
        assert_eq!(
            Addresses::handout_path("dogs/ear-care/", None, "letter"),
            "dogs/ear-care/dogs-ear-care-letter.pdf"
        );
        assert_eq!(
            Addresses::handout_path("dogs/ear-care/", Some("north"), "a4-large"),
            "dogs/ear-care/dogs-ear-care-north-a4-large.pdf"
        );
        assert_eq!(
            rule.permalink(&rule.tag_path("scooting")),
            "https://clinic.example/pets/tags/scooting/"
        );
        let spanish = rule.for_language("es");
        assert_eq!(
            spanish.url(&spanish.tag_path("vomito")),
            "/pets/es/tags/vomito/"
        );
        assert_eq!(spanish.location_path("north"), "es/locations/north/");
        assert_eq!(spanish.locations_path(), "es/locations/");
        assert_eq!(spanish.home_path(), "es/");
    }
}
