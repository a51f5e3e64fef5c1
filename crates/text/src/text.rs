//! Plain text as people save it: line ends from any system, and the control
//! characters that web pages, feeds and PDFs have no place for.

/// Turns each lone CR (the line end of old Mac files) into a line feed, so such a
/// file reads like any other and its lines are counted as an editor counts them.
/// CR LF pairs are left as they are.
pub fn unix_line_ends(text: String) -> String {
    // Almost every file has no CR at all: one fast search, and no copy.
    if !text.as_bytes().contains(&b'\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Only ASCII bytes changed, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// How many line ends `bytes` holds: LF, CR LF, or a lone CR each count once.
pub fn count_line_ends(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' || (**b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Whether `text` may hold a character that [`is_forbidden_control`] refuses: a
/// quick scan of the bytes that never misses one. It looks for the C0 controls and
/// DEL, and for the first byte of the C1 controls (0xC2) and of U+FFFE and U+FFFF
/// (0xEF), which other characters share; only then need the text be read
/// character by character.
pub fn may_hold_forbidden_control(text: &str) -> bool {
    text.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2 || b == 0xef
    })
}

/// A control character that HTML and XML forbid.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// Text made safe inside HTML or XML markup, in element text and in quoted
/// attributes: `&`, `<`, `>` and `"` escaped, everything else kept.
pub fn escape_markup(text: &str) -> String {
    escape(text, false)
}

/// Text made safe for an XML document such as the Atom feed or the sitemap: as
/// [`escape_markup`], and `'` escaped too, and the characters XML 1.0 does not
/// allow (most control characters, U+FFFE, U+FFFF) dropped.
pub fn xml_escape(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, xml: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if xml => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if xml && ((c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

/// True for characters that take no space and show nothing (zero-width spaces and
/// joiners, the word joiner, the byte-order mark, the soft hyphen): two words that
/// differ only by one of them look the same to a reader.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}'
    )
}

/// `text` cut to its first `max` characters, with `…` when something was cut: for
/// quoting a user's words in a message.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// Turns text into a lowercase, dash-separated name fit for a web address:
/// "Anal glands & diet" becomes `anal-glands-diet`. Letters of any alphabet are kept.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// The ASCII name to suggest for a file or folder: `Glándulas` becomes `glandulas`.
/// Empty when the text has no letters or digits at all.
pub fn file_slug(text: &str) -> String {
    slug(&deunicode::deunicode(text))
}

/// `one` when `n` is 1, else `many`: "1 article", "2 articles".
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_of_every_kind() {
        assert_eq!(
            unix_line_ends("a\rb\r\nc\r\rd\r".into()),
            "a\nb\r\nc\n\nd\n"
        );
        assert_eq!(count_line_ends(b"a\rb\r\nc\nd"), 3);
        assert!(is_forbidden_control('\u{0}') && !is_forbidden_control('\t'));
    }

    #[test]
    fn shorten_cuts_at_a_character() {
        assert_eq!(shorten("chién", 3), "chi…");
        assert_eq!(shorten("chién", 5), "chién");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_markup("a <b> & \"c\" 'd'"),
            "a &lt;b&gt; &amp; &quot;c&quot; 'd'"
        );
    }

    #[test]
    fn the_quick_scan_never_misses_a_forbidden_character() {
        // Every character HTML and XML forbid, alone and inside other text.
        let forbidden = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| is_forbidden_control(*c));
        for c in forbidden {
            assert!(may_hold_forbidden_control(&format!("ab{c}cd")), "{c:?}");
        }
        assert!(!may_hold_forbidden_control(
            "Plain text,\ttabs,\r\nline ends and é ü ñ."
        ));
    }
}
