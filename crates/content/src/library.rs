//! The Library: everything a build needs, loaded and checked by [`crate::load`],
//! and read by the renderers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::article::{Article, Section};
use crate::permalink::{Addresses, Alternate, Tag};
use pawprint_settings::brand::Brand;
use pawprint_settings::config::SiteConfig;
use pawprint_settings::locale::Locale;
use pawprint_settings::theme::Theme;
use pawprint_text::problem::Problem;
use pawprint_text::site_file::Asset;

/// Everything a build needs, loaded and checked.
#[derive(Debug)]
pub struct Library {
    /// The project folder.
    pub root: PathBuf,
    /// site.toml.
    pub config: SiteConfig,
    /// The theme named in site.toml (shared by every language).
    pub theme: Arc<Theme>,
    /// The words of the site's language, from the theme's words file.
    pub locale: Locale,
    /// The handout's typefaces and the clinic's logo (shared by every language).
    pub brand: Arc<Brand>,
    /// Every article to publish, sorted by path. When drafts are shown (`serve`),
    /// they are here too, marked by `front.draft`. Set once by load: find one by
    /// its path with [`Library::article`].
    pub articles: Vec<Article>,
    /// Where each of `articles` is in that list, by its path: made once by load.
    pub(crate) article_index: HashMap<String, usize>,
    /// The drafts left out of the site (`draft = true`), sorted by path. `check`
    /// still reads them; nothing is rendered from them. Empty when drafts are shown.
    pub drafts: Vec<Article>,
    /// Files in a draft's own folder (`content/dogs/x/` beside a draft
    /// `content/dogs/x/index.md`), left out of the site with the draft; sorted by path.
    pub draft_assets: Vec<Asset>,
    /// Every folder holding articles, sorted by folder name (`dir`).
    pub sections: Vec<Section>,
    /// Every tag, sorted by slug.
    pub tags: Vec<Tag>,
    /// Other files in `content/`, copied as they are.
    pub assets: Vec<Asset>,
    /// The files of the project's own `static/` folder, copied as they are.
    pub static_files: Vec<Asset>,
    /// The rule that makes every page's link and full address.
    pub addresses: Addresses,
    /// Warnings found while loading (the build goes on).
    pub warnings: Vec<Problem>,
    /// The home page of every language of the site, the main language first: for
    /// the language switcher and the `hreflang` links.
    pub languages: Vec<Alternate>,
    /// The same site in each further language of site.toml (`[languages.es]`),
    /// sorted by language code. Each is a whole library of its own: its articles
    /// (the translations, `name.es.md`), sections, tags, words (`locale`), settings
    /// in that language (`config`), and addresses under its folder (`/es/`). Empty
    /// in a translation itself, and for a site in one language.
    pub translations: Vec<Library>,
    /// The print packs of `packs/` in this language, sorted by name.
    pub packs: Vec<crate::pack::Pack>,
}

/// What a build does with drafts (articles with `draft = true`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    /// Keep them apart in [`Library::drafts`]: they reach no page, list, feed,
    /// sitemap, tag or handout. What `build` and `check` do.
    LeaveOut,
    /// Publish them with the rest, each marked as a draft: the preview of `serve`.
    Show,
}

impl Library {
    /// Every language's version of one page of this library, at `url` and
    /// `permalink`, whose versions in the other languages are `others`: this one
    /// and the others, in site.toml's order (the main language first). Empty when
    /// the page has no other version.
    pub fn versions(&self, url: &str, permalink: &str, others: &[Alternate]) -> Vec<Alternate> {
        if others.is_empty() {
            return Vec::new();
        }
        let homes = &self.languages;
        let own = homes.iter().find(|home| home.language == self.language());
        let mut all: Vec<Alternate> = own
            .map(|home| Alternate {
                url: url.to_string(),
                permalink: permalink.to_string(),
                ..home.clone()
            })
            .into_iter()
            .chain(others.iter().cloned())
            .collect();
        all.sort_by_key(|a| homes.iter().position(|h| h.language == a.language));
        all
    }

    /// This library and then each of its translations: every language of the site.
    pub fn editions(&self) -> impl Iterator<Item = &Library> {
        std::iter::once(self).chain(&self.translations)
    }

    /// The language of this library, such as `en` or `es`.
    pub fn language(&self) -> &str {
        &self.locale.language
    }

    /// The article at `path` (such as `dogs/ears/`), when it is published (or a
    /// draft shown by `serve`): a lookup in an index made once by load.
    pub fn article(&self, path: &str) -> Option<&Article> {
        self.article_index.get(path).map(|&i| &self.articles[i])
    }

    /// Whether the article at `path` (such as `dogs/ears/`) is a draft, shown or not.
    pub fn is_draft(&self, path: &str) -> bool {
        // A lookup, not a scan, since `check` asks this for every link of every
        // article. The drafts left out are sorted by path at load.
        self.drafts
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .is_ok()
            || self.article(path).is_some_and(|a| a.front.draft)
    }
}

/// A page's address before its section's translation gave the folder its own
/// name: with `slug = "perros"` in `dogs/_index.es.md`, `es/dogs/x/` is now
/// `es/perros/x/`. The site keeps a page at the old address that sends readers
/// on, so links and printed QR codes that point there still work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldAddress {
    /// The old path inside the site, such as `es/dogs/x/`.
    pub path: String,
    /// The page now: its addresses.
    pub to: crate::permalink::Address,
    /// The page's title.
    pub title: String,
    /// The page's summary (empty when it has none).
    pub summary: String,
}

impl Library {
    /// Every page of this language whose address a section's `slug` changed, at
    /// the address its file's place gives it (see [`OldAddress`]), sorted by old
    /// path. None for the main language, where sections have no `slug`, and none
    /// where a page of the site now lives.
    pub fn old_addresses(&self) -> Vec<OldAddress> {
        let folder = self.addresses.folder();
        let mut old = Vec::new();
        for section in &self.sections {
            let path = format!("{folder}{}/", section.dir);
            let front = section.front.as_ref();
            old.push(OldAddress {
                path,
                to: section.address.clone(),
                title: section.title(),
                summary: front.and_then(|f| f.summary.clone()).unwrap_or_default(),
            });
        }
        for article in &self.articles {
            let own = article.path.trim_end_matches('/').rsplit('/').next();
            let parent = article.original.trim_end_matches('/').rsplit_once('/');
            if let (Some(own), Some((parent, _))) = (own, parent) {
                old.push(OldAddress {
                    path: format!("{folder}{parent}/{own}/"),
                    to: article.address.clone(),
                    title: article.front.title.clone(),
                    summary: article.front.summary.clone(),
                });
            }
        }
        let taken = |path: &str| {
            self.article(path).is_some() || self.sections.iter().any(|s| s.path == path)
        };
        old.retain(|page| page.path != page.to.path && !taken(&page.path));
        old.sort_by(|a, b| a.path.cmp(&b.path));
        old
    }
}

/// The index of [`Library::article`]: where each article of `articles` is, by path.
pub(crate) fn index_articles(articles: &[Article]) -> HashMap<String, usize> {
    articles
        .iter()
        .enumerate()
        .map(|(i, article)| (article.path.clone(), i))
        .collect()
}

/// The folder of articles inside a project.
pub const CONTENT_DIR: &str = "content";

#[cfg(test)]
mod tests {
    #[test]
    fn every_article_is_found_by_its_path_in_every_language() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let library = crate::load::load(root).unwrap();
        assert!(library.translations.iter().any(|t| !t.articles.is_empty()));
        for edition in library.editions() {
            for article in &edition.articles {
                assert_eq!(edition.article(&article.path), Some(article));
            }
            assert_eq!(edition.article("dogs/no-such-article/"), None);
        }
        // An article of one language is not found in another's library.
        let spanish = &library.translations[0];
        let english = &library.articles[0];
        assert_ne!(spanish.articles[0].path, english.path);
        assert_eq!(spanish.article(&english.path), None);
    }
}
