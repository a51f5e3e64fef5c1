//! Reading level: how easy a text is to read, by a formula made for its language,
//! with the longest sentences and hardest words, so an author knows what to change.
//!
//! - English (`en`, `en-*`): the Flesch-Kincaid grade, a US school grade; lower
//!   reads more easily ([`english`]).
//! - Spanish (`es`, `es-*`): the Szigriszt-Pazos score on the INFLESZ scale, 0 to
//!   100; higher reads more easily ([`spanish`]).
//!
//! Any other language gets no result: a formula and its syllable rules are made
//! for one language, and the English one says nothing true about French.
//!
//! Words are runs of letters, digits, apostrophes and hyphens. Sentences end at
//! `.`, `!` and `?` (not after `Dr.`, `e.g.`, `Sra.` and the like), and every block
//! (a paragraph, a list item) ends one.
//!
//! The result for a whole article is an average, so one very hard paragraph can
//! hide in an easy article. [`far_beyond`] also measures single sentences (of the
//! body) and single items (of the handout) on their own, and finds those that read
//! far harder than the limit: more than [`FAR_ABOVE`] grades above it, or more than
//! [`FAR_BELOW`] points below it. Passages of fewer than [`MIN_WORDS_TO_GRADE`]
//! words are not measured alone: the formulas swing wildly on a few words
//! ("Anesthesia." alone would be grade 43).

pub mod english;
pub mod spanish;

use serde::Serialize;

pub use pawprint_settings::config::Formula;

/// The reading level of a piece of text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    /// The formula's result: a Flesch-Kincaid grade or a Szigriszt-Pazos score.
    pub score: f64,
    /// The INFLESZ band of a Szigriszt-Pazos score, such as "bastante fácil".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<&'static str>,
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
    /// Its own result, measured on it alone.
    pub score: f64,
}

/// A long word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HardWord {
    /// The word, lowercased.
    pub word: String,
    /// Its syllables.
    pub syllables: usize,
}

/// How many grades above a Flesch-Kincaid limit a single sentence or handout item
/// may read before it is flagged on its own.
pub(crate) const FAR_ABOVE: f64 = 4.0;

/// How many points below a Szigriszt-Pazos limit a single sentence or handout item
/// may read before it is flagged on its own. One grade is worth about five points
/// (62.3 ÷ 11.8 on the syllable term), so this matches [`FAR_ABOVE`].
pub(crate) const FAR_BELOW: f64 = 20.0;

/// The fewest words a passage needs to be measured on its own.
pub(crate) const MIN_WORDS_TO_GRADE: usize = 6;

/// How a passage is cut before it is measured alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Passage {
    /// Each sentence on its own, for the article body.
    Sentence,
    /// Each block whole (a list item, the intro), for the handout.
    Block,
}

/// The syllables of one word, by the rules of the formula's language.
pub fn syllables(formula: Formula, word: &str) -> usize {
    match formula {
        Formula::FleschKincaid => english::syllables(word),
        Formula::SzigrisztPazos => spanish::syllables(word),
    }
}

/// The formula's result from the counts; 0 for no words.
pub fn score(formula: Formula, words: usize, sentences: usize, syllables: usize) -> f64 {
    match formula {
        Formula::FleschKincaid => english::grade(words, sentences, syllables),
        Formula::SzigrisztPazos => spanish::score(words, sentences, syllables),
    }
}

/// A result as messages show it, naming the formula: "grade 5.8 (Flesch-Kincaid)"
/// or "Szigriszt-Pazos 71.3 (bastante fácil)".
pub fn describe(formula: Formula, score: f64) -> String {
    match formula {
        Formula::FleschKincaid => format!("grade {score:.1} (Flesch-Kincaid)"),
        Formula::SzigrisztPazos => {
            format!("{} {score:.1} ({})", formula.name(), spanish::band(score))
        }
    }
}

/// True when `score` reads harder than `limit` allows.
pub(crate) fn harder_than(formula: Formula, score: f64, limit: f64) -> bool {
    if formula.higher_is_easier() {
        score < limit
    } else {
        score > limit
    }
}

/// How far past the limit a single passage may read before it is flagged.
pub(crate) fn far_margin(formula: Formula) -> f64 {
    if formula.higher_is_easier() {
        FAR_BELOW
    } else {
        FAR_ABOVE
    }
}

/// The sentences or blocks of `blocks` that read far harder than `limit` on their
/// own (by [`far_margin`]), hardest first (then in order of line).
pub(crate) fn far_beyond<'a>(
    formula: Formula,
    blocks: impl IntoIterator<Item = (&'a str, Option<usize>)>,
    passage: Passage,
    limit: f64,
) -> Vec<Sentence> {
    let far = if formula.higher_is_easier() {
        limit - FAR_BELOW
    } else {
        limit + FAR_ABOVE
    };
    let mut found = Vec::new();
    for (block, line) in blocks {
        let pieces = match passage {
            Passage::Sentence => sentences(block),
            Passage::Block => vec![block.trim().to_string()],
        };
        for text in pieces {
            let reading = measure(formula, [(text.as_str(), line)]);
            if reading.words >= MIN_WORDS_TO_GRADE && harder_than(formula, reading.score, far) {
                found.push(Sentence {
                    words: reading.words,
                    score: reading.score,
                    text,
                    line,
                });
            }
        }
    }
    // Hardest first: highest grade, or lowest score.
    let sign = if formula.higher_is_easier() {
        1.0
    } else {
        -1.0
    };
    found.sort_by(|a, b| {
        (sign * a.score)
            .total_cmp(&(sign * b.score))
            .then(a.line.cmp(&b.line))
    });
    found
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
            // "e.g.", "Dr." and the Spanish "Dra.", "Sra.", "Ud." are not sentence ends.
            let last_word = current.split_whitespace().last().unwrap_or("");
            let abbreviation = matches!(
                last_word,
                "e.g."
                    | "i.e."
                    | "Dr."
                    | "Mr."
                    | "Mrs."
                    | "Ms."
                    | "etc."
                    | "vs."
                    | "Dra."
                    | "Sr."
                    | "Sra."
                    | "Srta."
                    | "Ud."
                    | "Uds."
                    | "ej."
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

/// Measures blocks of text (paragraphs, list items), each with its line if known,
/// with `formula`.
pub fn measure<'a>(
    formula: Formula,
    blocks: impl IntoIterator<Item = (&'a str, Option<usize>)>,
) -> Reading {
    let mut all_sentences = Vec::new();
    let mut word_count = 0;
    let mut syllable_count = 0;
    let mut hard: Vec<HardWord> = Vec::new();
    for (block, line) in blocks {
        for sentence in sentences(block) {
            let n = words(&sentence).count();
            let mut own_syllables = 0;
            for word in words(&sentence) {
                let s = syllables(formula, word);
                syllable_count += s;
                own_syllables += s;
                word_count += 1;
                if s >= 3 {
                    let lower = word.to_lowercase();
                    if !hard.iter().any(|h| h.word == lower) {
                        hard.push(HardWord {
                            word: lower,
                            syllables: s,
                        });
                    }
                }
            }
            all_sentences.push(Sentence {
                text: sentence,
                words: n,
                line,
                score: score(formula, n, 1, own_syllables),
            });
        }
    }
    let sentence_count = all_sentences.len();
    let result = score(formula, word_count, sentence_count, syllable_count);
    all_sentences.sort_by(|a, b| b.words.cmp(&a.words).then(a.line.cmp(&b.line)));
    all_sentences.truncate(3);
    hard.sort_by(|a, b| b.syllables.cmp(&a.syllables).then(a.word.cmp(&b.word)));
    hard.truncate(5);
    Reading {
        score: result,
        band: (formula == Formula::SzigrisztPazos).then(|| spanish::band(result)),
        words: word_count,
        sentences: sentence_count,
        syllables: syllable_count,
        longest_sentences: all_sentences,
        hardest_words: hard,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Formula = Formula::FleschKincaid;
    const ES: Formula = Formula::SzigrisztPazos;

    #[test]
    fn the_grade_formula_on_known_examples() {
        // 6 words, 1 sentence, 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
        let r = measure(EN, [("The cat sat on the mat.", None)]);
        assert_eq!((r.words, r.sentences, r.syllables), (6, 1, 6));
        assert!((r.score + 1.45).abs() < 1e-9, "{}", r.score);
        // Long words in a long sentence read at a high grade.
        let r = measure(
            EN,
            [(
                "Veterinary anesthesia requires careful monitoring, because every animal reacts very differently.",
                None,
            )],
        );
        assert_eq!(r.words, 11);
        assert_eq!(r.sentences, 1);
        assert!(r.score > 10.0, "{r:?}");
        // Short words and short sentences read at a low grade.
        let r = measure(
            EN,
            [(
                "Call us. We can help. Your dog will feel better soon.",
                None,
            )],
        );
        assert_eq!(r.sentences, 3);
        assert!(r.score < 3.0, "{r:?}");
    }

    #[test]
    fn longest_sentences_and_hardest_words_are_listed() {
        let text = "Dogs bark. Veterinary anesthesia requires careful monitoring of every animal. Cats purr.";
        let r = measure(EN, [(text, Some(7))]);
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
        let r = measure(
            EN,
            [("Ask Dr. Ruiz about it.", None), ("Fishy smell", None)],
        );
        assert_eq!(r.sentences, 2);
    }

    #[test]
    fn one_hard_sentence_is_found_inside_an_easy_text() {
        let hard = "Veterinary dermatological examinations occasionally necessitate comprehensive microbiological investigation.";
        let easy =
            "Call us. We can help. Your dog will feel better soon. Give the pills with food.";
        let text = format!("{easy} {easy} {hard} {easy} {easy}");
        // The average passes a limit of 8...
        let whole = measure(EN, [(text.as_str(), Some(3))]);
        assert!(whole.score <= 8.0, "{}", whole.score);
        // ...but the one sentence is far above it, with its line and grade.
        let found = far_beyond(EN, [(text.as_str(), Some(3))], Passage::Sentence, 8.0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].text, hard);
        assert_eq!(found[0].line, Some(3));
        assert!(found[0].score > 12.0);
        // Short passages are not graded alone, however long their words.
        assert!(far_beyond(EN, [("Anesthesia.", None)], Passage::Sentence, 8.0).is_empty());
        // A handout item is graded whole, sentences together.
        let item =
            "Inflammatory dermatological manifestations. Persistent microbiological complications.";
        assert_eq!(
            far_beyond(EN, [(item, Some(9))], Passage::Block, 7.0).len(),
            1
        );
        assert!(far_beyond(EN, [(easy, Some(9))], Passage::Block, 7.0).is_empty());
    }

    #[test]
    fn the_szigriszt_pazos_score_of_a_passage_counted_by_hand() {
        // Counted by hand, syllable by syllable:
        // Su pe-rro tie-ne dos glán-du-las jun-to al a-no: 8 words, 14 syllables.
        // A ve-ces se lle-nan y hue-len mal: 7 words, 10 syllables.
        // Lla-me a la clí-ni-ca si su pe-rro se a-rras-tra por el sue-lo:
        // 12 words, 19 syllables.
        // 206.835 − 62.3 × 43 / 27 − 27 / 3 = 98.616...
        let text = "Su perro tiene dos glándulas junto al ano. A veces se llenan y huelen mal. \
                    ¿Llame a la clínica si su perro se arrastra por el suelo!";
        let r = measure(ES, [(text, Some(4))]);
        assert_eq!((r.words, r.sentences, r.syllables), (27, 3, 43));
        let expected = 206.835 - 62.3 * 43.0 / 27.0 - 27.0 / 3.0;
        assert!((r.score - expected).abs() < 1e-9, "{}", r.score);
        assert_eq!(r.band, Some("muy fácil"));
        assert_eq!(describe(ES, r.score), "Szigriszt-Pazos 98.6 (muy fácil)");
        // The same text by the English rules counts other syllables: the formula
        // and the syllable rules go together.
        assert_ne!(measure(EN, [(text, None)]).syllables, 43);
        assert_eq!(measure(EN, [(text, None)]).band, None);
    }

    #[test]
    fn one_hard_spanish_sentence_is_found_inside_an_easy_text() {
        let easy = "Su perro tiene dos glándulas junto al ano. A veces se llenan y huelen mal.";
        // La in-fla-ma-ción cró-ni-ca de las glán-du-las pe-ria-na-les re-quie-re
        // tra-ta-mien-to far-ma-co-ló-gi-co pro-lon-ga-do: 11 words, 34 syllables,
        // 206.835 − 62.3 × 34 / 11 − 11 = 3.27 (muy difícil).
        let hard = "La inflamación crónica de las glándulas perianales requiere tratamiento farmacológico prolongado.";
        let text = format!("{easy} {easy} {hard} {easy} {easy}");
        let whole = measure(ES, [(text.as_str(), Some(3))]);
        assert!(!harder_than(ES, whole.score, 65.0), "{}", whole.score);
        let found = far_beyond(ES, [(text.as_str(), Some(3))], Passage::Sentence, 65.0);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].text, hard);
        assert_eq!((found[0].words, found[0].line), (11, Some(3)));
        let expected = 206.835 - 62.3 * 34.0 / 11.0 - 11.0;
        assert!(
            (found[0].score - expected).abs() < 1e-9,
            "{}",
            found[0].score
        );
        // Harder means a lower score here: a passage 20 points under the limit is
        // flagged, one a little under it is not.
        assert!(harder_than(ES, 64.0, 65.0) && !harder_than(ES, 66.0, 65.0));
        assert!(harder_than(EN, 9.0, 8.0) && !harder_than(EN, 7.0, 8.0));
        assert!(far_beyond(ES, [(easy, Some(1))], Passage::Block, 65.0).is_empty());
    }
}
