//! English: the Flesch-Kincaid grade, and a syllable heuristic for English words.
//!
//! ```text
//! grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
//! ```
//!
//! Syllables are counted with a heuristic, as every readability tool does (a
//! dictionary would be large):
//!
//! 1. keep only letters, lowercased; a word of three letters or fewer has one;
//! 2. drop a silent final `e` (`care`), but keep `-le` after a consonant (`ta-ble`);
//! 3. drop the `-ed` of `jumped` (but not of `want-ed`, `need-ed`) and the `-es`
//!    of `lives` (but not of `box-es`, `glass-es`, `catch-es`);
//! 4. count groups of vowels (`a e i o u y`);
//! 5. add one for vowel pairs said as two sounds: `ia` (`an-es-the-si-a`),
//!    `eo` (`vid-e-o`), `ua` (`us-u-al`), `io` unless it ends the word in
//!    `-ion` (`ra-di-o`, but `in-fec-tion`), and `ie` at the end of `-ier`/`-iet` (`di-et`);
//! 6. every word has at least one syllable. Numbers count as one.
//!
//! It is right for most everyday words and off by one for some (`every` counts
//! three). The grade is a guide, not a verdict.

/// The Flesch-Kincaid grade from the counts; 0 for no words.
pub fn grade(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        0.0
    } else {
        0.39 * words as f64 / sentences as f64 + 11.8 * syllables as f64 / words as f64 - 15.59
    }
}

/// Counts the syllables of one English word with the heuristic described above.
pub fn syllables(word: &str) -> usize {
    let letters: String = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.is_empty() {
        return usize::from(word.chars().any(|c| c.is_ascii_digit()));
    }
    let chars: Vec<char> = letters.chars().collect();
    if chars.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut end = chars.len();
    let ends_with = |s: &str| letters.ends_with(s);
    let silent_ed = ends_with("ed") && !ends_with("ted") && !ends_with("ded");
    let silent_es = ends_with("es")
        && !["ses", "xes", "zes", "ches", "shes", "ges", "ces"]
            .iter()
            .any(|s| ends_with(s));
    if silent_ed || silent_es {
        end -= 2;
    } else if ends_with("e")
        && !(ends_with("le") && chars.len() > 2 && !is_vowel(chars[chars.len() - 3]))
    {
        end -= 1;
    }
    let stem = &chars[..end];
    let mut count = 0;
    let mut in_group = false;
    for (i, c) in stem.iter().enumerate() {
        // A leading `y` is a consonant (`yes`, `yellow`).
        let vowel = is_vowel(*c) && !(i == 0 && *c == 'y');
        if vowel && !in_group {
            count += 1;
        }
        in_group = vowel;
    }
    let stem_text: String = stem.iter().collect();
    for pair in ["ia", "eo", "ua"] {
        count += stem_text.matches(pair).count();
    }
    count += stem_text.matches("io").count();
    if letters.ends_with("ion") || letters.ends_with("ions") {
        count = count.saturating_sub(1);
    }
    if letters.ends_with("ier") || letters.ends_with("iet") || letters.ends_with("iets") {
        count += 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_known_words() {
        let table = [
            ("dog", 1),
            ("cat", 1),
            ("glands", 1),
            ("care", 1),
            ("poop", 1),
            ("scooting", 2),
            ("table", 2),
            ("water", 2),
            ("jumped", 1),
            ("wanted", 2),
            ("boxes", 2),
            ("lives", 1),
            ("abscess", 2),
            ("animal", 3),
            ("biopsy", 3),
            ("infection", 3),
            ("radio", 3),
            ("video", 3),
            ("usual", 3),
            ("diet", 2),
            ("yellow", 2),
            ("anesthesia", 5),
            ("veterinarian", 6),
            ("inflammatory", 5),
            ("chemotherapy", 5),
            ("oncologist", 4),
            ("the", 1),
            ("4", 1),
        ];
        let wrong: Vec<String> = table
            .iter()
            .filter(|(word, expected)| syllables(word) != *expected)
            .map(|(word, expected)| {
                format!("{word}: expected {expected}, counted {}", syllables(word))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
}
