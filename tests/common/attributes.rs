//! A small HTML attribute scanner, for asserting that no page carries script an
//! author could choose: no `on*` attribute, no `style` attribute from content, no
//! `javascript:` (or `vbscript:`, or non-image `data:`) address.
//!
//! It follows the HTML tokenizer closely enough for pawprint's pages: tags with
//! quoted, unquoted and bare attributes; comments, `<!DOCTYPE>` and `<?...>`
//! skipped; the text inside `<script>`, `<style>`, `<textarea>` and `<title>`
//! read as text up to the matching end tag, as a browser does. Attribute values
//! have character references decoded before they are judged.
//!
//! Shared by `tests/` (as `mod common`) and `fuzz/` (by path).
#![allow(dead_code)]

/// One attribute of one start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The element's name, lowercase.
    pub element: String,
    /// The attribute's name, lowercase.
    pub name: String,
    /// The value, with character references decoded.
    pub value: String,
    /// The byte offset of the tag in the page.
    pub at: usize,
}

/// Every attribute of every start tag in `html`, in page order.
pub fn attributes(html: &str) -> Vec<Attribute> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = find(bytes, i, b'<') {
        i = lt + 1;
        let Some(&next) = bytes.get(i) else { break };
        if html[i..].starts_with("!--") {
            i = html[i + 3..]
                .find("-->")
                .map_or(bytes.len(), |e| i + 3 + e + 3);
            continue;
        }
        if next == b'!' || next == b'?' {
            i = find(bytes, i, b'>').map_or(bytes.len(), |e| e + 1);
            continue;
        }
        if next == b'/' {
            // An end tag: its attributes (if any) are ignored by browsers.
            i = find(bytes, i, b'>').map_or(bytes.len(), |e| e + 1);
            continue;
        }
        if !next.is_ascii_alphabetic() {
            continue; // `<` as text
        }
        let start = i;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let element = html[start..i].to_ascii_lowercase();
        // Attributes, up to `>`.
        loop {
            while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            let name_start = i;
            i += 1; // a name may start with `=`
            while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let name = html[name_start..i].to_ascii_lowercase();
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && is_space(bytes[i]) {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let end = find(bytes, i + 1, q).unwrap_or(bytes.len());
                        value = decode(&html[i + 1..end]);
                        i = (end + 1).min(bytes.len());
                    }
                    _ => {
                        let s = i;
                        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                            i += 1;
                        }
                        value = decode(&html[s..i]);
                    }
                }
            }
            out.push(Attribute {
                element: element.clone(),
                name,
                value,
                at: lt,
            });
        }
        if matches!(element.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{element}");
            let lower = html[i..].to_ascii_lowercase();
            i = lower.find(&close).map_or(bytes.len(), |e| i + e);
        }
    }
    out
}

fn find(bytes: &[u8], from: usize, b: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&c| c == b)
        .map(|p| from + p)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&colon;`, `&tab;`,
/// `&newline;` and numeric references; others are kept as written.
fn decode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(number) = name.strip_prefix('#') {
            let n = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            n.map(|n| char::from_u32(n).unwrap_or('\u{fffd}'))
        } else {
            match name.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Attributes that hold an address.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "srcset",
    "xlink:href",
    "ping",
];

/// Whether an address would run script: its scheme, once a browser strips
/// leading controls and spaces and every tab and newline, is `javascript:` or
/// `vbscript:`, or `data:` other than an image.
pub fn is_script_address(value: &str) -> bool {
    let cleaned: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    cleaned.starts_with("javascript:")
        || cleaned.starts_with("vbscript:")
        || (cleaned.starts_with("data:") && !cleaned.starts_with("data:image/"))
}

/// Every attribute in `html` that could run script or restyle the page at an
/// author's choice, described for a failure message. A `style` attribute counts
/// too: the page's script policy refuses every one, table cells included. `theme_styles` lists the
/// `style` values the theme itself writes (none in the default theme).
pub fn unsafe_attributes(html: &str, theme_styles: &[&str]) -> Vec<String> {
    attributes(html)
        .into_iter()
        .filter(|a| {
            a.name.starts_with("on")
                || (a.name == "style" && !theme_styles.contains(&a.value.as_str()))
                || (URL_ATTRIBUTES.contains(&a.name.as_str()) && is_script_address(&a.value))
        })
        .map(|a| {
            let start = a.at;
            let end = html[start..]
                .char_indices()
                .nth(120)
                .map_or(html.len(), |(i, _)| start + i);
            format!(
                "<{} {}=\"{}\"> at byte {start}: {}",
                a.element,
                a.name,
                a.value,
                &html[start..end]
            )
        })
        .collect()
}

#[cfg(test)]
mod scanner_tests {
    use super::*;

    #[test]
    fn finds_what_a_browser_would_run() {
        let bad = [
            "<h2 onclick=alert(1)>x</h2>",
            "<h2 id=a ONCLICK='x'>",
            "<a href=\"jav&#x09;ascript:alert(1)\">",
            "<a href=\" &#1;javascript&colon;x\">",
            "<img src=x onerror=alert(1)>",
            "<img/src=x onerror=alert(1)>",
            "<p style=\"color:red\">",
            "<td style=\"text-align: center\">",
            "<a href='data:text/html,hi'>",
            "<svg><a xlink:href=\"javascript:x\">",
        ];
        for html in bad {
            assert!(!unsafe_attributes(html, &[]).is_empty(), "missed {html}");
        }
        let good = [
            "<h2 id=\"on-the-go\" class=\"note\">onclick=x</h2>",
            "<p>&lt;a onclick=x&gt;</p>",
            "<!-- <a onclick=x> -->",
            "<script type=\"application/ld+json\">{\"a\":\"<b onclick=x>\"}</script>",
            "<a href=\"/dogs/javascript:x\" title=\"onclick=x\">",
            "<img src=\"data:image/png;base64,AA\" alt=\"x\">",
            "<a href=\"mailto:a@b.c\">",
        ];
        for html in good {
            assert_eq!(unsafe_attributes(html, &[]), Vec::<String>::new(), "{html}");
        }
    }
}
