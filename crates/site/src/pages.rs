//! The HTML pages: home, articles, sections, tags and 404, each rendered from the
//! theme's Tera template with a context built here.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::metadata;
use pawprint_content::permalink::{Addresses, Alternate, Tag};
use pawprint_content::{Article, Library, Section};
use pawprint_handout::HandoutFile;
use pawprint_settings::location::Location;
use pawprint_text::problem::Problem;
use pawprint_text::site_file::{FileSink, OutputFile};

/// What every page's template gets.
#[derive(Serialize)]
struct Common<'a> {
    site: &'a pawprint_settings::config::SiteSettings,
    clinic: ClinicView<'a>,
    labels: &'a BTreeMap<String, String>,
    brand: BrandView,
    nav: Vec<Link>,
    /// This language's home page, tag index and feed.
    home_url: String,
    tags_url: String,
    /// This language's list of every handout, for the front desk.
    handouts_url: String,
    feed_url: String,
    /// Every language of the site, for the language switcher (empty for a site in
    /// one language).
    languages: &'a [Alternate],
    generator: &'static str,
    /// The Content Security Policy, for the `<meta http-equiv>` tag.
    policy: String,
    /// The language and territory for Open Graph, such as `en_US` or `es_US`.
    og_locale: String,
}

/// `text` with its first letter in capitals and the rest as it is, so "skin and
/// coat" becomes "Skin and coat" and "FIV tests" keeps its capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The Open Graph locale of a page in `language` (a language tag such as `es` or
/// `fr-CA`) on a site in `country`: the language, then the tag's own region, or
/// else the site's country (`es` in the US is `es_US`).
fn og_locale(language: &str, country: &str) -> String {
    let mut parts = language.split('-');
    let primary = parts.next().unwrap_or(language).to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .unwrap_or(country)
        .to_ascii_uppercase();
    format!("{primary}_{region}")
}

/// The clinic, with the contacts of its first location (the phones in national
/// format), ready-made `tel:` and `mailto:` links, and every location.
#[derive(Serialize)]
struct ClinicView<'a> {
    #[serde(flatten)]
    clinic: &'a pawprint_settings::config::Clinic,
    phone: &'a str,
    email: &'a str,
    address: &'a str,
    hours: &'a [String],
    emergency_phone: Option<&'a str>,
    phone_href: String,
    emergency_phone_href: Option<String>,
    email_href: String,
    locations: Vec<LocationView<'a>>,
    /// The page that lists every location, when site.toml lists locations.
    locations_url: Option<String>,
}

/// A location, with its links and, when site.toml lists locations, its page.
#[derive(Serialize, Clone)]
struct LocationView<'a> {
    #[serde(flatten)]
    location: &'a Location,
    email_href: String,
    /// The location's page, when it has one.
    url: Option<String>,
}

/// The handouts of one location, for the article page.
#[derive(Serialize)]
struct HandoutGroup {
    name: String,
    id: String,
    files: Vec<HandoutView>,
}

/// The clinic's look in the header: its own stylesheet and its logo, when set.
#[derive(Serialize)]
struct BrandView {
    /// The link to `brand.css`, which sets the main colour.
    css: Option<String>,
    /// The logo in the header.
    logo: Option<LogoView>,
}

/// The logo as the header shows it: its link and its size on screen, so the page
/// does not move when the picture arrives.
#[derive(Serialize)]
struct LogoView {
    url: String,
    alt: String,
    width: u32,
    height: u32,
}

/// The logo's height in the header, in CSS pixels; its width follows, up to
/// [`LOGO_MAX_WIDTH`].
const LOGO_HEIGHT: u32 = 48;
/// The widest the header's logo may be, in CSS pixels.
const LOGO_MAX_WIDTH: u32 = 192;

/// The logo's size on screen: [`LOGO_HEIGHT`] tall, narrower when that would make
/// it wider than [`LOGO_MAX_WIDTH`], and never larger than the picture itself.
fn logo_size(width: u32, height: u32) -> (u32, u32) {
    let (w, h) = (f64::from(width.max(1)), f64::from(height.max(1)));
    let scale = (f64::from(LOGO_HEIGHT) / h)
        .min(f64::from(LOGO_MAX_WIDTH) / w)
        .min(1.0);
    (
        ((w * scale).round() as u32).max(1),
        ((h * scale).round() as u32).max(1),
    )
}

/// A titled link.
#[derive(Serialize, Clone)]
struct Link {
    title: String,
    url: String,
}

/// An article as listed on home, section and tag pages.
#[derive(Serialize, Clone)]
struct Listing {
    title: String,
    summary: String,
    url: String,
    updated: String,
    updated_iso: String,
    draft: bool,
}

/// The page being rendered.
#[derive(Serialize)]
struct PageView {
    kind: &'static str,
    title: String,
    description: String,
    url: String,
    permalink: String,
    /// The page in every language that has it, this one included, for the
    /// `hreflang` links; empty when no other language has it.
    alternates: Vec<Alternate>,
    /// The page in the site's main language, for `hreflang="x-default"`.
    x_default: Option<String>,
    /// One link per other language of the site: to this page's translation, or to
    /// that language's home page when there is none.
    switch: Vec<SwitchLink>,
}

/// A link of the language switcher.
#[derive(Serialize)]
struct SwitchLink {
    /// The language tag, for `lang` and `hreflang`.
    language: String,
    /// The language's name in that language, such as "Español".
    name: String,
    url: String,
    /// True when the link goes to this page's own translation.
    translated: bool,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    title: &'a str,
    summary: &'a str,
    url: String,
    permalink: String,
    updated: String,
    updated_iso: String,
    reviewed_by: Option<&'a str>,
    species: Vec<String>,
    tags: Vec<Link>,
    sources: &'a [pawprint_content::front_matter::Source],
    handout: &'a pawprint_content::front_matter::HandoutText,
    toc: Vec<TocNode>,
    body: &'a str,
    handouts: Vec<HandoutView>,
    /// The handouts grouped by location; empty when the clinic has one location.
    handout_groups: Vec<HandoutGroup>,
    /// The picture of the sheet, shown beside the handout links and as `og:image`.
    preview: Option<PreviewView>,
    /// The drawing `handout.picture` names, shown under the signs.
    picture: Option<PictureView>,
    section: Option<Link>,
    draft: bool,
}

/// The picture of an article's sheet, for the page.
#[derive(Serialize)]
struct PreviewView {
    /// The PNG, for `<img>`.
    url: String,
    /// Its full address, for `og:image`.
    permalink: String,
    width: u32,
    height: u32,
}

/// The article's drawing, for an `<img>` whose size is known before it loads.
#[derive(Serialize)]
struct PictureView {
    url: String,
    alt: String,
    /// The drawing's own size, in CSS pixels: the page keeps its shape.
    width: u32,
    height: u32,
}

/// A table-of-contents entry with the entries nested under it.
#[derive(Serialize)]
struct TocNode {
    id: String,
    title: String,
    children: Vec<TocNode>,
}

/// Nests third-level headings under the second-level heading before them.
fn toc_tree(entries: &[pawprint_content::markdown::TocEntry]) -> Vec<TocNode> {
    let mut tree: Vec<TocNode> = Vec::new();
    for entry in entries {
        let node = TocNode {
            id: entry.id.clone(),
            title: entry.title.clone(),
            children: Vec::new(),
        };
        match tree.last_mut() {
            Some(parent) if entry.level > 2 => parent.children.push(node),
            _ => tree.push(node),
        }
    }
    tree
}

#[derive(Serialize, Clone)]
struct HandoutView {
    paper: String,
    paper_key: &'static str,
    url: String,
    /// The full address, for the line at the top of the printed article page.
    permalink: String,
    size_kb: u64,
    /// True for a large-print sheet printed on both sides of the paper.
    two_sided: bool,
}

#[derive(Serialize)]
struct SpeciesGroup {
    key: String,
    name: String,
    articles: Vec<Listing>,
}

/// The front desk's list of every handout, inside each language's folder.
pub(crate) const HANDOUTS_PAGE: &str = "handouts/";

/// An article on the handouts page: its title, its sheets and when it changed.
#[derive(Serialize)]
struct HandoutEntry {
    title: String,
    url: String,
    updated: String,
    updated_iso: String,
    draft: bool,
    /// One link per sheet: each paper, and each location when there are several.
    pdfs: Vec<PdfLink>,
}

/// A print pack on the handouts page: its title, how many sheets, and its PDFs.
#[derive(Serialize)]
struct PackEntry {
    title: String,
    sheets: usize,
    pdfs: Vec<PdfLink>,
}

/// A link to one handout PDF.
#[derive(Serialize)]
struct PdfLink {
    /// The paper's name, such as "A4".
    paper: String,
    /// The location's name, when the clinic has several; else empty.
    location: String,
    url: String,
    /// True for a large-print sheet printed on both sides of the paper.
    two_sided: bool,
}

/// The handouts of one animal, for the handouts page.
#[derive(Serialize)]
struct HandoutSpecies {
    key: String,
    name: String,
    entries: Vec<HandoutEntry>,
}

/// What the search box on the home page needs.
#[derive(Serialize)]
struct SearchView {
    /// The folder of this language's search index, such as `/es/pagefind/`.
    bundle: String,
    /// The species filter's choices: each animal's name, as the index holds it.
    species: Vec<String>,
    /// Where the box sends readers when JavaScript is off: the list of topics, or
    /// the list of handouts when no article has topics.
    fallback_url: String,
    /// The site's own path (`/` or `/pets/`), where each result's topic name starts.
    base_path: String,
    /// Each result's handout links, as JSON: `[{"label": ..., "end": "-a4.pdf"}]`
    /// (see [`crate::search::sheet_links`]).
    sheets: String,
}

/// One page to render.
enum Job<'a> {
    Home,
    NotFound,
    Article(&'a Article, Vec<&'a HandoutFile>),
    Section(&'a Section),
    TagIndex(Vec<TagLink>),
    Tag(&'a Tag),
    /// A listed location, and its id.
    Location(&'a Location, &'a str),
    Locations,
    Handouts,
}

/// A tag as listed on the tag index.
#[derive(Serialize)]
struct TagLink {
    name: String,
    url: String,
    count: usize,
}

/// What each page of a site was rendered from: a hash of its template's name, its
/// path and every value its template was given, by the page's path. A page whose
/// values hash the same as in the last render is the same page, so `serve` keeps
/// it rather than render it again: an edit renders only the pages it touches (the
/// article, its translations, its section and tags, and the lists that show its
/// title). The keys hold only while the templates are the same: whoever keeps
/// them forgets them when the theme or site.toml changes.
#[derive(Debug, Clone, Default)]
pub struct PageKeys(HashMap<String, Key>);

/// One page's key: a BLAKE3 hash.
type Key = [u8; 32];

impl PageKeys {
    /// How many pages the keys are for.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds the keys of `other` (another language's pages).
    pub fn extend(&mut self, other: PageKeys) {
        self.0.extend(other.0);
    }
}

/// Renders every HTML page of the site, handing each to `sink` as soon as it is
/// made. A page whose key is the same in `previous` is not rendered: the sink is
/// told to keep the last one ([`FileSink::keep`]). Returns the pages' paths and
/// their keys.
pub fn render(
    library: &Library,
    handouts: &[HandoutFile],
    policy: &str,
    sink: &dyn FileSink,
    previous: Option<&PageKeys>,
) -> Result<(Vec<String>, PageKeys), Vec<Problem>> {
    let site = Site::new(library, policy, previous);
    let mut jobs = vec![Job::Home, Job::NotFound, Job::Handouts];
    let mut by_article: BTreeMap<&str, Vec<&HandoutFile>> = BTreeMap::new();
    for handout in handouts {
        by_article
            .entry(&handout.article)
            .or_default()
            .push(handout);
    }
    let by_article_all = by_article.clone();
    for article in &library.articles {
        let files = by_article.remove(article.path.as_str()).unwrap_or_default();
        jobs.push(Job::Article(article, files));
    }
    jobs.extend(library.sections.iter().map(Job::Section));
    if library.config.clinic.listed_locations {
        jobs.push(Job::Locations);
        jobs.extend(
            library
                .config
                .clinic
                .locations
                .iter()
                .filter_map(|location| Some(Job::Location(location, location.id.as_deref()?))),
        );
    }
    if !library.tags.is_empty() {
        let index = library
            .tags
            .iter()
            .map(|tag| TagLink {
                name: tag.name.clone(),
                url: tag.address.url.clone(),
                count: tag.articles.len(),
            })
            .collect();
        jobs.push(Job::TagIndex(index));
        jobs.extend(library.tags.iter().map(Job::Tag));
    }
    let results: Vec<Result<(String, Key), Vec<Problem>>> = jobs
        .par_iter()
        .map(|job| {
            let page = match job {
                Job::Home => site.home(),
                Job::NotFound => site.not_found(),
                Job::Article(article, files) => site.article(article, files),
                Job::Section(section) => site.section(section),
                Job::TagIndex(tags) => site.tag_index(tags),
                Job::Tag(tag) => site.tag(tag),
                Job::Location(location, id) => site.location(location, id),
                Job::Locations => site.locations(),
                Job::Handouts => site.handouts(&by_article_all),
            }?;
            match page.made {
                Some(file) => sink.put(file),
                None => sink.keep(&page.path, &page.path),
            }
            .map_err(|problem| vec![problem])?;
            Ok((page.path, page.key))
        })
        .collect();
    let mut files = Vec::new();
    let mut keys = PageKeys::default();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok((path, key)) => {
                keys.0.insert(path.clone(), key);
                files.push(path);
            }
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() {
        Ok((files, keys))
    } else {
        Err(problems)
    }
}

/// Shared state for rendering one site.
struct Site<'a> {
    library: &'a Library,
    common: tera::Context,
    /// The hash of what `common` was made from, the start of every page's key.
    common_key: blake3::Hash,
    /// The last render's keys, when its pages may be kept.
    previous: Option<&'a PageKeys>,
}

/// One page: rendered, or the last render's, kept because its key is the same.
struct Page {
    path: String,
    key: Key,
    /// `None` when the last render's page is kept.
    made: Option<OutputFile>,
}

/// A value handed to a template: hashed for the page's key, and turned into the
/// template's value only when the page is rendered.
trait Var: Sync {
    /// Writes the value, as JSON, into the page's key.
    fn hash_into(&self, key: &mut KeyWriter);
    /// The value as the template sees it.
    fn value(&self) -> tera::Value;
}

impl<T: Serialize + Sync> Var for T {
    fn hash_into(&self, key: &mut KeyWriter) {
        // The JSON is written whole, then hashed in one go: serde writes in
        // many small pieces, and the hasher is fastest on long runs.
        key.json.clear();
        if serde_json::to_writer(&mut key.json, self).is_err() {
            // A value that cannot be written as JSON marks the key, so its
            // page is never taken for another.
            key.hasher.update(b"\0unwritable");
        }
        key.hasher.update(&key.json);
    }

    fn value(&self) -> tera::Value {
        tera::Value::from_serializable(self)
    }
}

/// A page's key as it is made: the hasher, and room for each value's JSON.
#[derive(Default)]
struct KeyWriter {
    hasher: blake3::Hasher,
    json: Vec<u8>,
}

impl<'a> Site<'a> {
    fn new(library: &'a Library, policy: &str, previous: Option<&'a PageKeys>) -> Self {
        let config = &library.config;
        let clinic = &config.clinic;
        let first = clinic.first_location();
        let nav = library
            .sections
            .iter()
            .filter(|s| !s.dir.contains('/'))
            .map(|s| Link {
                title: s.title(),
                url: s.address.url.clone(),
            })
            .collect();
        let common = Common {
            site: &config.site,
            clinic: ClinicView {
                clinic,
                phone: &first.phone.national,
                email: &first.email,
                address: &first.address,
                hours: &first.hours,
                emergency_phone: first.emergency_phone.as_ref().map(|p| p.national.as_str()),
                phone_href: first.phone.href.clone(),
                emergency_phone_href: first.emergency_phone.as_ref().map(|p| p.href.clone()),
                email_href: format!("mailto:{}", first.email),
                locations: clinic
                    .locations
                    .iter()
                    .map(|location| LocationView {
                        location,
                        email_href: format!("mailto:{}", location.email),
                        // A listed location (it has an id) has its own page.
                        url: location
                            .id
                            .as_deref()
                            .map(|id| library.addresses.url(&library.addresses.location_path(id))),
                    })
                    .collect(),
                locations_url: clinic
                    .listed_locations
                    .then(|| library.addresses.url(&library.addresses.locations_path())),
            },
            labels: &library.locale.labels,
            brand: BrandView {
                css: library
                    .brand
                    .colours
                    .map(|_| library.addresses.url(&crate::brand_css_path())),
                logo: library.brand.logo.as_ref().map(|logo| {
                    let (width, height) = logo_size(logo.width, logo.height);
                    LogoView {
                        url: library.addresses.url(&crate::logo_path(logo)),
                        alt: clinic.name.clone(),
                        width,
                        height,
                    }
                }),
            },
            nav,
            home_url: library.addresses.url(&library.addresses.home_path()),
            tags_url: library.addresses.url(&library.addresses.page_path("tags/")),
            handouts_url: library
                .addresses
                .url(&library.addresses.page_path(HANDOUTS_PAGE)),
            feed_url: library
                .addresses
                .permalink(&library.addresses.page_path("atom.xml")),
            languages: if library.languages.len() > 1 {
                &library.languages
            } else {
                &[]
            },
            generator: concat!("pawprint ", env!("CARGO_PKG_VERSION")),
            policy: policy.to_string(),
            og_locale: og_locale(&config.site.language, &config.site.country),
        };
        let mut common_key = KeyWriter::default();
        common.hash_into(&mut common_key);
        Site {
            library,
            common: tera::Context::from_serialize(&common).unwrap_or_default(),
            common_key: common_key.hasher.finalize(),
            previous,
        }
    }

    /// The link to the page of the tag written `name`, made at load.
    fn tag_url(&self, name: &str) -> String {
        let tag_slug = Addresses::tag_slug(name);
        let tags = &self.library.tags;
        tags.binary_search_by(|t| t.slug.cmp(&tag_slug))
            .map(|i| tags[i].address.url.clone())
            .unwrap_or_default()
    }

    fn listing(&self, article: &Article) -> Listing {
        Listing {
            title: article.front.title.clone(),
            summary: article.front.summary.clone(),
            url: article.address.url.clone(),
            updated: self.library.locale.format_date(&article.front.updated),
            updated_iso: article.front.updated.to_string(),
            draft: article.front.draft,
        }
    }

    fn page(&self, kind: &'static str, title: String, description: String, path: &str) -> PageView {
        let address = self.library.addresses.address(path);
        PageView {
            kind,
            title,
            description,
            url: address.url,
            permalink: address.permalink,
            alternates: Vec::new(),
            x_default: None,
            switch: self.switch(&[]),
        }
    }

    /// `page`, which the other languages have at `others`: its `hreflang` links and
    /// its language switcher.
    fn in_languages(&self, mut page: PageView, others: &[Alternate]) -> PageView {
        page.switch = self.switch(others);
        if others.is_empty() {
            return page;
        }
        let all = self.library.versions(&page.url, &page.permalink, others);
        page.x_default = self
            .library
            .languages
            .first()
            .and_then(|main| all.iter().find(|a| a.language == main.language))
            .map(|a| a.permalink.clone());
        page.alternates = all;
        page
    }

    /// The language switcher: each other language, linking to the page's version
    /// in `others`, or to that language's home page.
    fn switch(&self, others: &[Alternate]) -> Vec<SwitchLink> {
        let languages = &self.library.languages;
        if languages.len() < 2 {
            return Vec::new();
        }
        languages
            .iter()
            .filter(|l| l.language != self.library.language())
            .map(|home| {
                let version = others.iter().find(|o| o.language == home.language);
                SwitchLink {
                    language: home.language.clone(),
                    name: home.name.clone(),
                    url: version.unwrap_or(home).url.clone(),
                    translated: version.is_some(),
                }
            })
            .collect()
    }

    /// The other languages' versions of a page every language has at the same path
    /// inside its folder (home, locations).
    fn everywhere(&self, page: &str) -> Vec<Alternate> {
        self.library
            .languages
            .iter()
            .filter(|l| l.language != self.library.language())
            .map(|home| Alternate {
                url: format!("{}{page}", home.url),
                permalink: format!("{}{page}", home.permalink),
                ..home.clone()
            })
            .collect()
    }

    /// Renders `template` into the page at `output`, with the common values and
    /// `vars`; or keeps the last render's page when its key is the same.
    fn render(
        &self,
        template: &str,
        output: String,
        vars: &[(&'static str, &dyn Var)],
    ) -> Result<Page, Vec<Problem>> {
        let mut key = KeyWriter::default();
        key.hasher.update(self.common_key.as_bytes());
        for part in [template, &output] {
            key.hasher.update(&(part.len() as u64).to_le_bytes());
            key.hasher.update(part.as_bytes());
        }
        for (name, var) in vars {
            key.hasher.update(b"\0");
            key.hasher.update(name.as_bytes());
            key.hasher.update(b"\0");
            var.hash_into(&mut key);
        }
        let key = *key.hasher.finalize().as_bytes();
        if self.previous.and_then(|keys| keys.0.get(&output)) == Some(&key) {
            return Ok(Page {
                path: output,
                key,
                made: None,
            });
        }
        let mut context = self.common.clone();
        for (name, var) in vars {
            context.insert_value(*name, var.value());
        }
        let theme = &self.library.theme;
        theme
            .templates
            .render(template, &context)
            .map(|html| Page {
                made: Some(OutputFile::bytes(output.clone(), html)),
                path: output,
                key,
            })
            .map_err(|e| {
                pawprint_settings::theme::template_problems(
                    &self.library.root,
                    &theme.template_files,
                    template,
                    &e,
                )
            })
    }

    fn home(&self) -> Result<Page, Vec<Problem>> {
        let mut groups: BTreeMap<String, Vec<&Article>> = BTreeMap::new();
        for article in &self.library.articles {
            for species in &article.front.species {
                groups.entry(species.clone()).or_default().push(article);
            }
        }
        let mut species: Vec<SpeciesGroup> = groups
            .into_iter()
            .map(|(key, mut articles)| {
                articles.sort_by(|a, b| a.front.title.cmp(&b.front.title));
                SpeciesGroup {
                    name: self.library.locale.species_name(&key),
                    articles: articles.iter().map(|a| self.listing(a)).collect(),
                    key,
                }
            })
            .collect();
        species.sort_by(|a, b| a.name.cmp(&b.name));
        let site = &self.library.config.site;
        let home = self.library.addresses.home_path();
        let description = site
            .description
            .clone()
            .unwrap_or_else(|| self.library.locale.label("home_description").to_string());
        let page = self.page("home", site.title.clone(), description, &home);
        let page = self.in_languages(page, &self.everywhere(""));
        self.render(
            "home.html",
            format!("{home}index.html"),
            &[
                ("page", &page),
                ("search", &self.search_view(&species)),
                ("species_groups", &species),
            ],
        )
    }

    /// The search box's settings for this language; `None` when site.toml turns
    /// the search off.
    fn search_view(&self, species: &[SpeciesGroup]) -> Option<SearchView> {
        if !self.library.config.search.enabled {
            return None;
        }
        let addresses = &self.library.addresses;
        let fallback = if self.library.tags.is_empty() {
            HANDOUTS_PAGE
        } else {
            "tags/"
        };
        Some(SearchView {
            bundle: addresses.url(&crate::search::folder(self.library)),
            species: species.iter().map(|group| group.name.clone()).collect(),
            fallback_url: addresses.url(&addresses.page_path(fallback)),
            base_path: self.library.config.site.base_path.clone(),
            sheets: serde_json::Value::Array(
                crate::search::sheet_links(self.library)
                    .into_iter()
                    .map(|(label, end)| serde_json::json!({ "label": label, "end": end }))
                    .collect(),
            )
            .to_string(),
        })
    }

    /// The front desk's page: every article that has sheets, by animal, with a
    /// link to each sheet.
    fn handouts(
        &self,
        by_article: &BTreeMap<&str, Vec<&HandoutFile>>,
    ) -> Result<Page, Vec<Problem>> {
        let words = &self.library.locale;
        let several = self.library.config.clinic.several_locations();
        let mut groups: BTreeMap<&str, Vec<&Article>> = BTreeMap::new();
        for article in &self.library.articles {
            if by_article.contains_key(article.path.as_str()) {
                for species in &article.front.species {
                    groups.entry(species).or_default().push(article);
                }
            }
        }
        let entry = |article: &Article| HandoutEntry {
            title: article.front.title.clone(),
            url: article.address.url.clone(),
            updated: words.format_date(&article.front.updated),
            updated_iso: article.front.updated.to_string(),
            draft: article.front.draft,
            pdfs: by_article[article.path.as_str()]
                .iter()
                .map(|h| PdfLink {
                    paper: words.paper_name(h.paper).to_string(),
                    two_sided: h.sides > 1,
                    location: if several {
                        self.library
                            .config
                            .clinic
                            .locations
                            .iter()
                            .find(|l| l.id.is_some() && l.id == h.location)
                            .map(|l| l.name.clone())
                            .unwrap_or_default()
                    } else {
                        String::new()
                    },
                    url: self.library.addresses.url(&h.path),
                })
                .collect(),
        };
        let mut species: Vec<HandoutSpecies> = groups
            .into_iter()
            .map(|(key, mut articles)| {
                articles.sort_by(|a, b| a.front.title.cmp(&b.front.title));
                HandoutSpecies {
                    name: words.species_name(key),
                    entries: articles.into_iter().map(entry).collect(),
                    key: key.to_string(),
                }
            })
            .collect();
        species.sort_by(|a, b| a.name.cmp(&b.name));
        let path = self.library.addresses.page_path(HANDOUTS_PAGE);
        let page = self.page(
            "handouts",
            words.label("handouts_title").to_string(),
            words.label("handouts_description").to_string(),
            &path,
        );
        let page = self.in_languages(page, &self.everywhere(HANDOUTS_PAGE));
        let count = self
            .library
            .articles
            .iter()
            .filter(|a| by_article.contains_key(a.path.as_str()))
            .count();
        let packs = self.pack_entries();
        self.render(
            "handouts.html",
            format!("{path}index.html"),
            &[
                ("page", &page),
                ("handout_species", &species),
                ("handout_count", &count),
                ("handout_packs", &packs),
            ],
        )
    }

    /// The print packs of this language that have sheets, each with one link per
    /// paper (and per location when there are several).
    fn pack_entries(&self) -> Vec<PackEntry> {
        let library = self.library;
        let words = &library.locale;
        let clinic = &library.config.clinic;
        let several = clinic.several_locations();
        library
            .packs
            .iter()
            .filter(|pack| !pack.articles.is_empty())
            .map(|pack| PackEntry {
                title: pack.title.clone(),
                sheets: pack.articles.len(),
                pdfs: clinic
                    .locations
                    .iter()
                    .flat_map(|location| {
                        library.config.handout.papers.iter().map(move |paper| {
                            let id = clinic.sheet_id(location);
                            PdfLink {
                                paper: words.paper_name(*paper).to_string(),
                                // A pack says how many sheets it holds, not how
                                // they print.
                                two_sided: false,
                                location: if several {
                                    location.name.clone()
                                } else {
                                    String::new()
                                },
                                url: library.addresses.url(&pawprint_handout::pack_path(
                                    library, &pack.name, id, *paper,
                                )),
                            }
                        })
                    })
                    .collect(),
            })
            .collect()
    }

    fn not_found(&self) -> Result<Page, Vec<Problem>> {
        let page = self.page(
            "404",
            self.library.locale.label("not_found_title").to_string(),
            self.library.locale.label("not_found_text").to_string(),
            &self.library.addresses.page_path("404.html"),
        );
        let path = self.library.addresses.page_path("404.html");
        self.render("404.html", path, &[("page", &page)])
    }

    fn article(&self, article: &Article, handouts: &[&HandoutFile]) -> Result<Page, Vec<Problem>> {
        let front = &article.front;
        let words = &self.library.locale;
        let section = article
            .section
            .as_ref()
            .and_then(|dir| {
                self.library
                    .sections
                    .binary_search_by(|s| s.dir.cmp(dir))
                    .ok()
            })
            .map(|i| &self.library.sections[i])
            .map(|s| Link {
                title: s.title(),
                url: s.address.url.clone(),
            });
        let view = ArticleView {
            title: &front.title,
            summary: &front.summary,
            url: article.address.url.clone(),
            permalink: article.address.permalink.clone(),
            updated: words.format_date(&front.updated),
            updated_iso: front.updated.to_string(),
            reviewed_by: front.reviewed_by.as_deref(),
            species: front
                .species
                .iter()
                .map(|s| words.species_name(s))
                .collect(),
            tags: front
                .tags
                .iter()
                .map(|t| Link {
                    title: t.clone(),
                    url: self.tag_url(t),
                })
                .collect(),
            sources: &front.sources,
            handout: &front.handout,
            toc: toc_tree(&article.body.toc),
            body: &article.body.html,
            handouts: handouts.iter().map(|h| self.handout_view(h)).collect(),
            handout_groups: self.handout_groups(handouts),
            preview: handouts
                .iter()
                .find_map(|h| h.preview.as_ref())
                .map(|p| PreviewView {
                    url: self.library.addresses.url(&p.png),
                    permalink: self.library.addresses.permalink(&p.png),
                    width: p.width,
                    height: p.height,
                }),
            picture: article.picture.as_ref().map(|p| PictureView {
                url: self.library.addresses.url(&p.path),
                alt: p.alt.clone(),
                width: p.drawing.width.round().max(1.0) as u32,
                height: p.drawing.height.round().max(1.0) as u32,
            }),
            section,
            draft: front.draft,
        };
        let page = self.page(
            "article",
            front.title.clone(),
            front.summary.clone(),
            &article.address.path,
        );
        let page = self.in_languages(page, &article.translations);
        let json_ld = metadata::article_json_ld(self.library, article);
        self.render(
            "article.html",
            format!("{}index.html", article.address.path),
            &[("page", &page), ("article", &view), ("json_ld", &json_ld)],
        )
    }

    fn handout_view(&self, handout: &HandoutFile) -> HandoutView {
        HandoutView {
            paper: self.library.locale.paper_name(handout.paper).to_string(),
            paper_key: handout.paper.key(),
            url: self.library.addresses.url(&handout.path),
            permalink: self.library.addresses.permalink(&handout.path),
            // A sheet only laid out (`check`) has no size: its page is read for
            // links, never written.
            size_kb: handout.size.map_or(0, |size| size.div_ceil(1024)),
            two_sided: handout.sides > 1,
        }
    }

    /// The article's handouts by location, in site.toml's order of locations.
    fn handout_groups(&self, handouts: &[&HandoutFile]) -> Vec<HandoutGroup> {
        let clinic = &self.library.config.clinic;
        if !clinic.several_locations() {
            return Vec::new();
        }
        clinic
            .locations
            .iter()
            .filter_map(|location| {
                Some(HandoutGroup {
                    name: location.name.clone(),
                    id: location.id.clone()?,
                    files: handouts
                        .iter()
                        .filter(|h| h.location == location.id)
                        .map(|h| self.handout_view(h))
                        .collect(),
                })
            })
            .filter(|group| !group.files.is_empty())
            .collect()
    }

    /// The page of the listed location `location`, whose id is `id`.
    fn location(&self, location: &Location, id: &str) -> Result<Page, Vec<Problem>> {
        let path = self.library.addresses.location_path(id);
        let clinic = &self.library.config.clinic;
        let page = self.page(
            "location",
            location.name.clone(),
            format!("{}: {}", clinic.name, location.address),
            &path,
        );
        let page = self.in_languages(page, &self.everywhere(&format!("locations/{id}/")));
        let view = LocationView {
            location,
            email_href: format!("mailto:{}", location.email),
            url: Some(page.url.clone()),
        };
        let json_ld = metadata::location_json_ld(self.library, location, &page.permalink);
        self.render(
            "location.html",
            format!("{path}index.html"),
            &[("page", &page), ("location", &view), ("json_ld", &json_ld)],
        )
    }

    /// The page that lists every location, with its contacts and hours: the one
    /// place every location is shown, so that pages do not grow with their number.
    fn locations(&self) -> Result<Page, Vec<Problem>> {
        let words = &self.library.locale;
        let path = self.library.addresses.locations_path();
        let page = self.page(
            "locations",
            words.label("our_locations").to_string(),
            words.label("locations_description").to_string(),
            &path,
        );
        let page = self.in_languages(page, &self.everywhere("locations/"));
        self.render(
            "locations.html",
            format!("{path}index.html"),
            &[("page", &page)],
        )
    }

    fn section(&self, section: &Section) -> Result<Page, Vec<Problem>> {
        let mut articles: Vec<Listing> = self
            .library
            .articles
            .iter()
            .filter(|a| a.section.as_ref() == Some(&section.dir))
            .map(|a| self.listing(a))
            .collect();
        articles.sort_by(|a, b| a.title.cmp(&b.title));
        let title = section.title();
        let summary = section
            .front
            .as_ref()
            .and_then(|f| f.summary.clone())
            .unwrap_or_default();
        // A section without a summary still gets a description, for search engines.
        let description = if summary.trim().is_empty() {
            self.library.locale.label("home_description").to_string()
        } else {
            summary.clone()
        };
        let page = self.page("section", title.clone(), description, &section.path);
        let page = self.in_languages(page, &section.translations);
        let view = serde_json::json!({
            "title": title,
            "summary": summary,
            "intro": section.intro.as_ref().map(|b| b.html.clone()),
            "articles": articles,
        });
        self.render(
            "section.html",
            format!("{}index.html", section.path),
            &[("page", &page), ("section", &view)],
        )
    }

    fn tag(&self, tag: &Tag) -> Result<Page, Vec<Problem>> {
        let description = self
            .library
            .locale
            .label("tag_description")
            .replace("{tag}", &tag.name);
        // A tag is written in lower case inside sentences; as a page's title (and
        // in the breadcrumb) it starts with a capital, as every title does.
        let title = capitalised(&tag.name);
        let page = self.page("tag", title.clone(), description, &tag.address.path);
        let articles: Vec<Listing> = tag
            .articles
            .iter()
            .map(|i| self.listing(&self.library.articles[*i]))
            .collect();
        let view = serde_json::json!({
            "name": tag.name,
            "title": title,
            "slug": tag.slug,
            "articles": articles,
        });
        self.render(
            "tag.html",
            format!("{}index.html", tag.address.path),
            &[("page", &page), ("tag", &view)],
        )
    }

    fn tag_index(&self, tags: &[TagLink]) -> Result<Page, Vec<Problem>> {
        let page = self.page(
            "tags",
            self.library.locale.label("tags_title").to_string(),
            self.library.locale.label("tags_description").to_string(),
            &self.library.addresses.page_path("tags/"),
        );
        self.render(
            "tags.html",
            self.library.addresses.page_path("tags/index.html"),
            &[("page", &page), ("tags", &tags)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_title_starts_with_a_capital_and_keeps_the_rest() {
        assert_eq!(capitalised("skin and coat"), "Skin and coat");
        assert_eq!(capitalised("glándulas anales"), "Glándulas anales");
        assert_eq!(capitalised("FIV tests"), "FIV tests");
        assert_eq!(capitalised("élan"), "Élan");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn the_open_graph_locale_has_a_territory() {
        assert_eq!(og_locale("en", "US"), "en_US");
        assert_eq!(og_locale("es", "US"), "es_US");
        assert_eq!(og_locale("fr-CA", "US"), "fr_CA");
        assert_eq!(og_locale("es", "mx"), "es_MX");
    }

    #[test]
    fn the_header_logo_keeps_its_shape_within_bounds() {
        assert_eq!(logo_size(400, 200), (96, 48));
        assert_eq!(logo_size(1000, 100), (192, 19));
        assert_eq!(logo_size(20, 10), (20, 10));
        assert_eq!(logo_size(0, 0), (1, 1));
    }
}
