//! The pages at old addresses: where a section's translation gives its folder its
//! own name (`slug = "perros"`), each of its pages moves (`/es/dogs/x/` to
//! `/es/perros/x/`), and a small page at the old address sends readers on. Links
//! from other sites and the QR codes on sheets already printed keep working.
//!
//! The page sends readers on by `<meta http-equiv="refresh">`, which every static
//! host serves as it is, with no script (the site's script policy holds), and
//! names the new address as its canonical one, so search engines list that one.
//! A reader whose browser does not follow it gets a link.

use pawprint_content::Library;
use pawprint_content::library::OldAddress;
use pawprint_text::site_file::OutputFile;
use pawprint_text::text::escape_markup;

/// The pages at every old address of `library` (one language).
pub fn pages(library: &Library, policy: &str) -> Vec<OutputFile> {
    library
        .old_addresses()
        .iter()
        .map(|old| page(library, old, policy))
        .collect()
}

/// The page at one old address.
fn page(library: &Library, old: &OldAddress, policy: &str) -> OutputFile {
    let title = escape_markup(&old.title);
    let url = escape_markup(&old.to.url);
    let summary = match old.summary.trim() {
        "" => escape_markup(&old.title),
        summary => escape_markup(summary),
    };
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n\
<meta name=\"robots\" content=\"noindex\">\n\
<meta name=\"description\" content=\"{summary}\">\n\
<link rel=\"canonical\" href=\"{permalink}\">\n\
<title>{title}</title>\n</head>\n<body>\n\
<main><p><a href=\"{url}\">{title}</a></p></main>\n</body>\n</html>\n",
        lang = escape_markup(library.language()),
        policy = escape_markup(policy),
        permalink = escape_markup(&old.to.permalink),
    );
    OutputFile::bytes(format!("{}index.html", old.path), html)
}
