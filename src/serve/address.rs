//! Turning the path of a request into the name of a file of the site, and refusing
//! every path that could climb out of it.

/// Decodes a request path and refuses anything that could leave the site or name a
/// file in a roundabout way, with 403:
///
/// - a `.` or `..` part, plain or percent-encoded (`%2e%2e`);
/// - a slash or backslash written as `%2f` or `%5c`, and any backslash;
/// - bytes that are not UTF-8 once decoded, such as the overlong `%c0%ae` for `.`;
/// - NUL and other control characters;
/// - empty parts (`//`).
///
/// A path that does not start with `/`, or a broken escape such as `%zz`, is a bad
/// request (400). Returns the path without its leading `/`.
pub fn safe_path(raw: &str) -> Result<String, u16> {
    let Some(rest) = raw.strip_prefix('/') else {
        return Err(if raw.contains("..") { 403 } else { 400 });
    };
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let byte = bytes
                .get(i + 1..i + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or(400u16)?;
            // An encoded separator hides a folder step from anything that looks at
            // the raw path; no file of the site needs one.
            if byte == b'/' || byte == b'\\' {
                return Err(403);
            }
            decoded.push(byte);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    // Overlong and other invalid UTF-8 forms are a classic way to spell `..`.
    let path = String::from_utf8(decoded).map_err(|_| 403u16)?;
    if path.contains('\\') || path.chars().any(char::is_control) {
        return Err(403);
    }
    if path.is_empty() {
        return Ok(path);
    }
    let parts: Vec<&str> = path.split('/').collect();
    let last = parts.len() - 1;
    for (n, part) in parts.iter().enumerate() {
        // Only the last part may be empty: `dogs/` names the folder's page.
        if *part == "." || *part == ".." || (part.is_empty() && n != last) {
            return Err(403);
        }
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_encoded_names_are_decoded() {
        assert_eq!(safe_path("/"), Ok(String::new()));
        assert_eq!(safe_path("/dogs/a%20b/"), Ok("dogs/a b/".into()));
        assert_eq!(safe_path("/style.css"), Ok("style.css".into()));
        assert_eq!(safe_path("/a%2ecss"), Ok("a.css".into()));
        assert_eq!(safe_path("/caf%C3%A9/"), Ok("café/".into()));
    }

    #[test]
    fn every_way_out_of_the_site_is_refused() {
        for bad in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/.%2e/site.toml",
            "/dogs/%2e%2e/%2e%2e/site.toml",
            "/..%2fsite.toml",
            "/%2e%2e%2fsite.toml",
            "/dogs%2fanal-gland-leakage/",
            "/dogs%2Fanal-gland-leakage/",
            "/a%5c..%5csite.toml",
            "/a\\..\\site.toml",
            "/a%00b",
            "/a%0ab",
            "/./x",
            "//etc/passwd",
            "/dogs//x",
            // Overlong UTF-8 for `.` and `/`.
            "/%c0%ae%c0%ae/site.toml",
            "/%e0%80%ae%e0%80%ae/site.toml",
            "/..%c0%afsite.toml",
            "/%ff",
        ] {
            assert_eq!(safe_path(bad), Err(403), "{bad}");
        }
        for bad in ["site.toml", "*", "/%zz", "/%2", "/%"] {
            assert_eq!(safe_path(bad), Err(400), "{bad}");
        }
    }
}
