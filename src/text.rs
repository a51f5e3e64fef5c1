//! Plain text as people save it: line ends from any system, and the control
//! characters that web pages, feeds and PDFs have no place for.

/// Turns each lone CR (the line end of old Mac files) into a line feed, so such a
/// file reads like any other and its lines are counted as an editor counts them.
/// CR LF pairs are left as they are.
pub fn unix_line_ends(text: String) -> String {
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

/// A control character that HTML and XML forbid.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
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
}
