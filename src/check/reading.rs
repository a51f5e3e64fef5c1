//! Reading level: the Flesch-Kincaid grade of English text, with the longest
//! sentences and hardest words, so an author knows what to change.
//!
//! ```text
//! grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59
//! ```
//!
//! Syllables are counted with a heuristic, as every readability tool does (a
//! dictionary would be language-bound and large):
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
//!
//! The grade of a whole article is an average, so one very hard paragraph can hide
//! in an easy article. [`far_above`] also grades single sentences (of the body) and
//! single items (of the handout) on their own, and finds those that read more than
//! [`FAR_ABOVE`] grades above the limit. Passages of fewer than
//! [`MIN_WORDS_TO_GRADE`] words are not graded alone: the formula swings wildly on
//! a few words ("Anesthesia." alone would be grade 43).

use serde::Serialize;

/// The reading level of a piece of text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    /// Flesch-Kincaid grade level (US school grade).
    pub grade: f64,
    /// Number of words.
    pub words: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of syllables.
    pub syllables: usize,
    /// The longest sentences, longest first.
    pub longest_sentences: Vec<Sentence>,
    /// The words with the most syllables, hardest first.
    pub hardest_words: Vec<HardWord>,
}

/// A sentence and where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// The sentence.
    pub text: String,
    /// How many words it has.
    pub words: usize,
    /// The line it starts on, when known.
    pub line: Option<usize>,
    /// Its own grade, measured on it alone.
    pub grade: f64,
}

/// How many grades above the limit a single sentence or handout item may read
/// before it is flagged on its own.
pub const FAR_ABOVE: f64 = 4.0;

/// The fewest words a passage needs to be graded on its own.
pub const MIN_WORDS_TO_GRADE: usize = 6;

/// How a passage is cut before it is graded alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Passage {
    /// Each sentence on its own, for the article body.
    Sentence,
    /// Each block whole (a list item, the intro), for the handout.
    Block,
}

/// The sentences or blocks of `blocks` that read more than [`FAR_ABOVE`] grades
/// above `limit` on their own, hardest first (then in order of line).
pub fn far_above<'a>(
    blocks: impl IntoIterator<Item = (&'a str, Option<usize>)>,
    passage: Passage,
    limit: f64,
) -> Vec<Sentence> {
    let mut found = Vec::new();
    for (block, line) in blocks {
        let pieces = match passage {
            Passage::Sentence => sentences(block),
            Passage::Block => vec![block.trim().to_string()],
        };
        for text in pieces {
            let reading = measure([(text.as_str(), line)]);
            if reading.words >= MIN_WORDS_TO_GRADE && reading.grade > limit + FAR_ABOVE {
                found.push(Sentence {
                    words: reading.words,
                    grade: reading.grade,
                    text,
                    line,
                });
            }
        }
    }
    found.sort_by(|a, b| b.grade.total_cmp(&a.grade).then(a.line.cmp(&b.line)));
    found
}

/// A long word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HardWord {
    /// The word, lowercased.
    pub word: String,
    /// Its syllables.
    pub syllables: usize,
}

/// Counts the syllables of one word with the heuristic described above.
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

/// Splits text into words: runs of letters, digits, apostrophes and hyphens.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Splits a block of text into sentences at `.`, `!` and `?` (and `:` or `;`
/// followed by a space are not sentence ends). The end of a block ends a sentence.
fn sentences(block: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = block.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        current.push(*c);
        let at_end = matches!(c, '.' | '!' | '?')
            && chars
                .get(i + 1)
                .is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | ')'));
        if at_end {
            // "e.g." and single capitals ("Dr.") are not sentence ends.
            let last_word = current.split_whitespace().last().unwrap_or("");
            let abbreviation = matches!(
                last_word,
                "e.g." | "i.e." | "Dr." | "Mr." | "Mrs." | "Ms." | "etc." | "vs."
            );
            if !abbreviation {
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| words(s).next().is_some())
        .collect()
}

/// Measures blocks of text (paragraphs, list items), each with its line if known.
pub fn measure<'a>(blocks: impl IntoIterator<Item = (&'a str, Option<usize>)>) -> Reading {
    let mut all_sentences = Vec::new();
    let mut word_count = 0;
    let mut syllable_count = 0;
    let mut hard: Vec<HardWord> = Vec::new();
    for (block, line) in blocks {
        for sentence in sentences(block) {
            let n = words(&sentence).count();
            let mut own_syllables = 0;
            for word in words(&sentence) {
                let s = syllables(word);
                syllable_count += s;
                own_syllables += s;
                word_count += 1;
                let lower = word.to_lowercase();
                if s >= 3 && !hard.iter().any(|h| h.word == lower) {
                    hard.push(HardWord {
                        word: lower,
                        syllables: s,
                    });
                }
            }
            all_sentences.push(Sentence {
                text: sentence,
                words: n,
                line,
                grade: fk_grade(n, 1, own_syllables),
            });
        }
    }
    let sentence_count = all_sentences.len();
    let grade = fk_grade(word_count, sentence_count, syllable_count);
    all_sentences.sort_by(|a, b| b.words.cmp(&a.words).then(a.line.cmp(&b.line)));
    all_sentences.truncate(3);
    hard.sort_by(|a, b| b.syllables.cmp(&a.syllables).then(a.word.cmp(&b.word)));
    hard.truncate(5);
    Reading {
        grade,
        words: word_count,
        sentences: sentence_count,
        syllables: syllable_count,
        longest_sentences: all_sentences,
        hardest_words: hard,
    }
}

/// The Flesch-Kincaid grade from the counts; 0 for no words.
fn fk_grade(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        0.0
    } else {
        0.39 * words as f64 / sentences as f64 + 11.8 * syllables as f64 / words as f64 - 15.59
    }
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

    #[test]
    fn the_grade_formula_on_known_examples() {
        // 6 words, 1 sentence, 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
        let r = measure([("The cat sat on the mat.", None)]);
        assert_eq!((r.words, r.sentences, r.syllables), (6, 1, 6));
        assert!((r.grade + 1.45).abs() < 1e-9, "{}", r.grade);
        // Long words in a long sentence read at a high grade.
        let r = measure([(
            "Veterinary anesthesia requires careful monitoring, because every animal reacts very differently.",
            None,
        )]);
        assert_eq!(r.words, 11);
        assert_eq!(r.sentences, 1);
        assert!(r.grade > 10.0, "{r:?}");
        // Short words and short sentences read at a low grade.
        let r = measure([(
            "Call us. We can help. Your dog will feel better soon.",
            None,
        )]);
        assert_eq!(r.sentences, 3);
        assert!(r.grade < 3.0, "{r:?}");
    }

    #[test]
    fn longest_sentences_and_hardest_words_are_listed() {
        let text = "Dogs bark. Veterinary anesthesia requires careful monitoring of every animal. Cats purr.";
        let r = measure([(text, Some(7))]);
        assert_eq!(r.sentences, 3);
        assert_eq!(r.longest_sentences[0].words, 8);
        assert_eq!(r.longest_sentences[0].line, Some(7));
        assert!(r.longest_sentences[0].text.starts_with("Veterinary"));
        // Ties are listed alphabetically.
        assert_eq!(
            r.hardest_words[0],
            HardWord {
                word: "anesthesia".into(),
                syllables: 5
            }
        );
        assert_eq!(
            r.hardest_words[1],
            HardWord {
                word: "veterinary".into(),
                syllables: 5
            }
        );
        // Abbreviations do not end sentences; list items without a full stop do.
        let r = measure([("Ask Dr. Ruiz about it.", None), ("Fishy smell", None)]);
        assert_eq!(r.sentences, 2);
    }

    #[test]
    fn one_hard_sentence_is_found_inside_an_easy_text() {
        let hard = "Veterinary dermatological examinations occasionally necessitate comprehensive microbiological investigation.";
        let easy =
            "Call us. We can help. Your dog will feel better soon. Give the pills with food.";
        let text = format!("{easy} {easy} {hard} {easy} {easy}");
        // The average passes a limit of 8...
        let whole = measure([(text.as_str(), Some(3))]);
        assert!(whole.grade <= 8.0, "{}", whole.grade);
        // ...but the one sentence is far above it, with its line and grade.
        let found = far_above([(text.as_str(), Some(3))], Passage::Sentence, 8.0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].text, hard);
        assert_eq!(found[0].line, Some(3));
        assert!(found[0].grade > 12.0);
        // Short passages are not graded alone, however long their words.
        assert!(far_above([("Anesthesia.", None)], Passage::Sentence, 8.0).is_empty());
        // A handout item is graded whole, sentences together.
        let item =
            "Inflammatory dermatological manifestations. Persistent microbiological complications.";
        assert_eq!(far_above([(item, Some(9))], Passage::Block, 7.0).len(), 1);
        assert!(far_above([(easy, Some(9))], Passage::Block, 7.0).is_empty());
    }
}
