//! Web addresses written by people: in article links, `site.toml`, `theme.toml` and
//! front matter. One set of rules says which addresses would run a script and which
//! a field may hold, so every place that takes an address checks it the same way.

/// Addresses a web page may link to: `http` and `https`.
pub const WEB: &[&str] = &["https", "http"];

/// The scheme of an address, such as `https` or `mailto`, in lowercase, read the way
/// a browser reads it: spaces and control characters in front are skipped, and tabs
/// and line breaks anywhere are ignored (so `java\tscript:` is `javascript`).
/// `None` when the address has no scheme, such as `ear-care.md` or `/dogs/`.
pub fn scheme(address: &str) -> Option<String> {
    let cleaned = address
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut scheme = String::new();
    for c in cleaned {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || "+-.".contains(c)) => scheme.push(c),
            _ => return None,
        }
    }
    None
}

/// True when following the address would run code in the reader's browser:
/// `javascript:`, `vbscript:`, or `data:` that is not an image.
pub fn runs_script(address: &str) -> bool {
    match scheme(address).as_deref() {
        Some("javascript" | "vbscript") => true,
        Some("data") => {
            let rest: String = address
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            !rest
                .split_once(':')
                .is_some_and(|(_, rest)| rest.starts_with("image/"))
        }
        _ => false,
    }
}

/// Checks an address that a setting or a front matter field gives, such as
/// `clinic.website`. `schemes` lists the schemes it may use (see [`WEB`]). The
/// error says, in a few words, what is wrong; callers add the field and the place.
pub fn check(address: &str, schemes: &[&str]) -> Result<(), String> {
    let address = address.trim();
    if let Some(bad) = address
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"<>`\\".contains(*c))
    {
        return Err(match bad {
            c if c.is_whitespace() => "has a space or a line break in it".to_string(),
            c if c.is_control() => "has a control character in it".to_string(),
            c => format!("has a `{c}` in it"),
        });
    }
    let starts: Vec<String> = schemes
        .iter()
        .map(|s| match *s {
            "http" | "https" => format!("{s}://"),
            s => format!("{s}:"),
        })
        .collect();
    let Some(scheme) = scheme(address) else {
        return Err(format!("does not start with {}", starts.join(" or ")));
    };
    if !schemes.contains(&scheme.as_str()) {
        return Err(format!(
            "starts with `{scheme}:`, which is not allowed here; it must start with {}",
            starts.join(" or ")
        ));
    }
    let rest = &address[address.find(':').map_or(0, |i| i + 1)..];
    match scheme.as_str() {
        "http" | "https" => {
            let host = rest.strip_prefix("//").unwrap_or("");
            let host = host.split(['/', '?', '#']).next().unwrap_or("");
            if host.is_empty() {
                return Err(format!("has no site name after {scheme}://"));
            }
        }
        "mailto" => check_email(rest)?,
        "tel" if !rest.chars().any(|c| c.is_ascii_digit()) => {
            return Err("has no phone number after tel:".to_string());
        }
        _ => {}
    }
    Ok(())
}

/// Checks an email address such as `frontdesk@example-clinic.com`: one `@`, a name
/// before it, a domain with a dot after it, and nothing that could end a link.
pub fn check_email(email: &str) -> Result<(), String> {
    let email = email.trim();
    if email.to_ascii_lowercase().starts_with("mailto:") {
        return Err("starts with mailto:; write only the address".to_string());
    }
    if let Some(bad) = email
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"<>()[]\\,;:?#/`".contains(*c))
    {
        return Err(match bad {
            c if c.is_whitespace() => "has a space or a line break in it".to_string(),
            c if c.is_control() => "has a control character in it".to_string(),
            c => format!("has a `{c}` in it"),
        });
    }
    match email.split_once('@') {
        Some((name, domain))
            if !name.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.') =>
        {
            Ok(())
        }
        _ => Err("is not an email address".to_string()),
    }
}

/// Checks a file path that a setting gives, such as `clinic.logo = "logo.png"`: a
/// path relative to a folder pawprint looks in, which must not leave that folder or
/// be a web address.
pub fn check_file_path(path: &str) -> Result<(), String> {
    let path = path.trim();
    if scheme(path).is_some_and(|s| s.len() > 1) {
        return Err("is a web address, not a file".to_string());
    }
    if path.starts_with(['/', '\\']) || path.get(1..2) == Some(":") {
        return Err("is an absolute path".to_string());
    }
    if path.split(['/', '\\']).any(|part| part == "..") {
        return Err("climbs out of its folder with `..`".to_string());
    }
    if path.chars().any(char::is_control) {
        return Err("has a control character in it".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(scheme("https://x.test/").as_deref(), Some("https"));
        assert_eq!(
            scheme("  JavaScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("java\tscr\nipt:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("\u{1}javascript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("ear-care.md"), None);
        assert_eq!(scheme("/dogs/a:b"), None);
        assert_eq!(scheme("1x:y"), None);
    }

    #[test]
    fn script_addresses_are_caught() {
        for bad in [
            "javascript:alert(1)",
            " VBScript:x",
            "java\tscript:x",
            "data:text/html,<b>",
            "DATA: text/html,x",
        ] {
            assert!(runs_script(bad), "{bad:?}");
        }
        for good in [
            "https://x.test/",
            "mailto:a@b.test",
            "data:image/png;base64,AA",
            "ear.md",
        ] {
            assert!(!runs_script(good), "{good:?}");
        }
    }

    #[test]
    fn settings_take_only_the_schemes_they_allow() {
        assert!(check("https://www.example-clinic.com/", WEB).is_ok());
        assert!(check("http://x.test", WEB).is_ok());
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "mailto:a@b.test",
            "www.example.com",
            "https://",
            "https:///path",
            "https://x.test/\" onclick=\"x",
            "https://x.test/<script>",
        ] {
            assert!(check(bad, WEB).is_err(), "{bad:?}");
        }
        let contact = &["https", "http", "mailto", "tel"];
        assert!(check("mailto:frontdesk@x.test", contact).is_ok());
        assert!(check("tel:+15550142", contact).is_ok());
        assert!(check("mailto:nobody", contact).is_err());
        assert!(check("tel:call-us", contact).is_err());
    }

    #[test]
    fn emails_and_file_paths() {
        assert!(check_email("frontdesk@example-clinic.com").is_ok());
        for bad in [
            "mailto:a@b.test",
            "a b@c.test",
            "javascript:x@y.test",
            "a@b",
            "@b.test",
            "a@b.test?subject=x",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
        assert!(check_file_path("logo.png").is_ok());
        assert!(check_file_path("images/logo.png").is_ok());
        for bad in [
            "/etc/passwd",
            "C:\\logo.png",
            "../logo.png",
            "a/../../b.png",
            "https://x.test/logo.png",
            "javascript:x",
        ] {
            assert!(check_file_path(bad).is_err(), "{bad:?}");
        }
    }
}
