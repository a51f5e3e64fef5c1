//! The Atom feed (`atom.xml`), the sitemap (`sitemap.xml`) and `robots.txt`.

use std::collections::HashMap;
use std::fmt::Write;

use pawprint_content::Library;
use pawprint_content::permalink::Alternate;

use pawprint_text::text::xml_escape;

/// The Atom feed of every article, newest first.
pub fn atom(library: &Library) -> String {
    let site = &library.config.site;
    let clinic = &library.config.clinic;
    let mut articles: Vec<_> = library.articles.iter().collect();
    articles.sort_by(|a, b| {
        b.front
            .updated
            .cmp(&a.front.updated)
            .then(a.path.cmp(&b.path))
    });
    let updated = articles.first().map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |a| a.front.updated.rfc3339(),
    );

    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{title}</title>\n  <id>{base}</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{base}\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{feed}\"/>\n  <updated>{updated}</updated>\n  <author><name>{author}</name></author>\n",
        lang = xml_escape(&library.locale.language),
        title = xml_escape(&site.title),
        base = xml_escape(&library.addresses.permalink(&library.addresses.home_path())),
        feed = xml_escape(
            &library
                .addresses
                .permalink(&library.addresses.page_path("atom.xml"))
        ),
        author = xml_escape(&clinic.name),
    );
    for article in articles {
        let url = &article.address.permalink;
        let _ = write!(
            xml,
            "  <entry>\n    <title>{title}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    <updated>{updated}</updated>\n    <summary>{summary}</summary>\n",
            title = xml_escape(&article.front.title),
            url = xml_escape(url),
            updated = article.front.updated.rfc3339(),
            summary = xml_escape(&article.front.summary),
        );
        for tag in &article.front.tags {
            let _ = writeln!(xml, "    <category term=\"{}\"/>", xml_escape(tag));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// One page for the sitemap: its path and, for articles, when it last changed.
pub struct SitemapEntry {
    /// The page's path inside the site.
    pub path: String,
    /// `YYYY-MM-DD`, when known.
    pub lastmod: Option<String>,
    /// The page in every language that has it, itself included (empty when only
    /// one language has it).
    pub alternates: Vec<Alternate>,
}

/// What the sitemap knows of each page, by its path, in every language: when it
/// last changed (articles) and its versions in every language that has it. Pages
/// that only one language has are left out.
pub fn page_versions(library: &Library) -> HashMap<String, (Option<String>, Vec<Alternate>)> {
    let mut pages = HashMap::new();
    let homes = &library.languages;
    let with_own = |edition: &Library,
                    address: &pawprint_content::permalink::Address,
                    others: &[Alternate]| {
        edition.versions(&address.url, &address.permalink, others)
    };
    for edition in library.editions() {
        for article in &edition.articles {
            pages.insert(
                article.address.path.clone(),
                (
                    Some(article.front.updated.to_string()),
                    with_own(edition, &article.address, &article.translations),
                ),
            );
        }
        for section in &edition.sections {
            pages.insert(
                section.address.path.clone(),
                (
                    None,
                    with_own(edition, &section.address, &section.translations),
                ),
            );
        }
        if homes.len() > 1 {
            pages.insert(edition.addresses.home_path(), (None, homes.clone()));
        }
    }
    pages
}

/// The sitemap of the given pages.
pub fn sitemap(library: &Library, entries: &[SitemapEntry]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        let _ = write!(
            xml,
            "  <url>\n    <loc>{}</loc>\n",
            xml_escape(&library.addresses.permalink(&entry.path))
        );
        if let Some(lastmod) = &entry.lastmod {
            let _ = writeln!(xml, "    <lastmod>{lastmod}</lastmod>");
        }
        for alternate in &entry.alternates {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml_escape(&alternate.language),
                xml_escape(&alternate.permalink)
            );
        }
        // The main language's version is the one for readers of any other language.
        if let Some(main) = entry.alternates.iter().find(|a| {
            library
                .languages
                .first()
                .is_some_and(|m| m.language == a.language)
        }) {
            let _ = writeln!(
                xml,
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                xml_escape(&main.permalink)
            );
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be indexed; the sitemap is named.
pub fn robots(library: &Library) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        library.addresses.permalink("sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml_escape("<b>\"Tom\" & 'Jerry'\u{0}\u{7}</b>"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;"
        );
    }
}
