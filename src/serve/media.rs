//! The content type of each kind of file the preview serves, from `mime_guess`'s
//! table of file name endings.

/// True for the files that are web pages.
pub fn is_html(path: &str) -> bool {
    content_type(path).starts_with("text/html")
}

/// The content type for a file name: text types say they are UTF-8, and XML (the
/// sitemap, the feed) is `application/xml`, as static hosts serve it.
pub fn content_type(path: &str) -> String {
    let Some(mime) = mime_guess::from_path(path).first_raw() else {
        return "application/octet-stream".to_string();
    };
    let mime = match mime {
        "text/xml" => "application/xml",
        "application/javascript" => "text/javascript",
        other => other,
    };
    if mime.starts_with("text/") || mime == "application/xml" {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("module.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("handout-a4.pdf"), "application/pdf");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("x.PNG"), "image/png");
        assert_eq!(content_type("x.jpg"), "image/jpeg");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(
            content_type("site.webmanifest"),
            "application/manifest+json"
        );
        assert_eq!(content_type("notes"), "application/octet-stream");
    }
}
