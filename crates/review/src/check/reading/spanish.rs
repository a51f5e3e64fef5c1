//! Spanish: the Szigriszt-Pazos perspicuity score with the INFLESZ scale, and a
//! syllable counter that follows the rules of Spanish spelling.
//!
//! ```text
//! score = 206.835 − 62.3 × (syllables / words) − (words / sentences)
//! ```
//!
//! Higher reads more easily. The INFLESZ scale (Barrio-Cantalejo and others, 2008)
//! names the bands: below 40 *muy difícil*, 40 to 55 *algo difícil*, 55 to 65
//! *normal*, 65 to 80 *bastante fácil*, above 80 *muy fácil*. Texts for the public
//! should reach 55; pawprint asks 65 by default.
//!
//! Spanish syllables follow rules, so they are counted by the rules (Real Academia
//! Española, *Ortografía de la lengua española*, 2010, on diphthongs, triphthongs
//! and hiatus), not guessed:
//!
//! - the strong vowels are `a e o` (and `á é ó`); the weak vowels are `i u ü`, and
//!   `y` at the end of a word (`hoy`, `ley`, `muy`) or alone (`y`);
//! - weak + strong, strong + weak and weak + weak make a diphthong, one syllable
//!   (`pie`, `cau-sa`, `ciu-dad`, `cui-da-do`); weak + strong + weak makes a
//!   triphthong, one syllable too (`buey`, `Pa-ra-guay`, `a-ve-ri-guáis`);
//! - strong + strong is a hiatus, two syllables (`po-e-ta`, `le-er`, `a-é-re-o`);
//! - an accented weak vowel (`í`, `ú`) next to a strong one breaks the diphthong
//!   (`dí-a`, `ba-úl`, `re-ír`); next to a weak vowel it does not (`des-truí`);
//! - an `h` between vowels does not break a diphthong (RAE: "la h intercalada no
//!   impide el diptongo": `prohi-bir`, `ahu-mar`, `rehu-sar`), nor make one
//!   (`al-co-hol`, `bú-ho`, `ve-hí-cu-lo`);
//! - `qu` before any vowel and `gu` before `e i é í` spell one sound: the `u` is
//!   silent (`que`, `gue-rra`, `gui-ta-rra`, `quó-rum`). With a diaeresis it is
//!   said (`pin-güi-no`, `ci-güe-ña`), and before `a o` too (`a-gua`, `an-ti-guo`).
//!
//! So each run of vowels (read across an `h` between vowels, without a silent `u`)
//! is as many syllables as it holds strong or accented weak vowels, and one when it
//! holds only weak ones. The counter leaves out one rule a spelling cannot show:
//! a prefix may keep its vowels apart (`so-bre-hu-ma-no` counts four, not five).
//! Numbers count as one syllable, as in English.

/// The INFLESZ band of a Szigriszt-Pazos score, in Spanish as the scale names it.
pub fn band(score: f64) -> &'static str {
    if score < 40.0 {
        "muy difícil"
    } else if score < 55.0 {
        "algo difícil"
    } else if score < 65.0 {
        "normal"
    } else if score <= 80.0 {
        "bastante fácil"
    } else {
        "muy fácil"
    }
}

/// The Szigriszt-Pazos score from the counts; 0 for no words.
pub fn score(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        0.0
    } else {
        206.835 - 62.3 * syllables as f64 / words as f64 - words as f64 / sentences as f64
    }
}

/// What a letter is, for counting syllables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sound {
    /// `a e o`, with or without an accent, and `í ú` (an accent makes a weak vowel
    /// the centre of its own syllable next to a strong one).
    Strong,
    /// `i u ü`, and `y` at the end of a word.
    Weak,
    /// A consonant, or a silent `u`.
    Consonant,
    /// An `h` between two vowels: read through, as if it were not there.
    Through,
}

/// Counts the syllables of one Spanish word by the rules described above: one
/// for each of its [`nuclei`], and at least one.
pub fn syllables(word: &str) -> usize {
    let nuclei = nuclei(word);
    if nuclei.is_empty() && !word.chars().any(char::is_alphabetic) {
        return usize::from(word.chars().any(|c| c.is_ascii_digit()));
    }
    nuclei.len().max(1)
}

/// The vowels at the centre of each syllable of a word, lowercased, in order: one
/// string per syllable, such as `["uey"]` for `buey`, `["e", "a"]`
/// for `guerra` (the `u` is silent), `["üi", "o"]` for `pingüino`, `["ohi", "i"]`
/// for `prohibir` (read across the `h`). A silent `u` is left out; an `h` between
/// vowels is kept where it stands.
pub fn nuclei(word: &str) -> Vec<String> {
    let letters: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.is_empty() {
        return Vec::new();
    }
    let last = letters.len() - 1;
    let is_vowel = |i: usize| {
        letters.get(i).is_some_and(|c| {
            matches!(
                c,
                'a' | 'e'
                    | 'i'
                    | 'o'
                    | 'u'
                    | 'á'
                    | 'é'
                    | 'í'
                    | 'ó'
                    | 'ú'
                    | 'ü'
                    | 'ï'
                    | 'à'
                    | 'è'
                    | 'ò'
            )
        })
    };
    let sounds: Vec<Sound> = (0..letters.len())
        .map(|i| {
            let previous = i.checked_sub(1).map(|p| letters[p]);
            let next = letters.get(i + 1).copied();
            match letters[i] {
                'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' | 'í' | 'ú' | 'ï' => {
                    Sound::Strong
                }
                'u' if previous == Some('q') && is_vowel(i + 1) => Sound::Consonant,
                'u' if previous == Some('g') && matches!(next, Some('e' | 'i' | 'é' | 'í')) => {
                    Sound::Consonant
                }
                'i' | 'u' | 'ü' => Sound::Weak,
                'y' if i == last && (last == 0 || is_vowel(i - 1)) => Sound::Weak,
                'h' if i > 0 && is_vowel(i - 1) && is_vowel(i + 1) => Sound::Through,
                _ => Sound::Consonant,
            }
        })
        .collect();
    let mut nuclei = Vec::new();
    let mut run: Vec<(char, Sound)> = Vec::new();
    for (letter, sound) in letters
        .iter()
        .zip(&sounds)
        .chain([(&' ', &Sound::Consonant)])
    {
        if *sound != Sound::Consonant {
            run.push((*letter, *sound));
            continue;
        }
        // A run of vowels ends: a new syllable starts after each strong vowel
        // that another strong vowel follows; weak vowels join their strong one.
        let strong = run.iter().filter(|(_, s)| *s == Sound::Strong).count();
        let mut nucleus = String::new();
        let mut seen = 0;
        for (letter, sound) in run.drain(..) {
            nucleus.push(letter);
            if sound == Sound::Strong {
                seen += 1;
                if seen < strong {
                    nuclei.push(std::mem::take(&mut nucleus));
                }
            }
        }
        if !nucleus.is_empty() {
            nuclei.push(nucleus);
        }
    }
    nuclei
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words with their syllables, as the Real Academia Española divides them
    /// (Diccionario de la lengua española and Diccionario panhispánico de dudas;
    /// the `h` and triphthong cases from the Ortografía of 2010).
    const TABLE: &[(&str, usize, &str)] = &[
        // Plain words of a clinic.
        ("perro", 2, "pe-rro"),
        ("gato", 2, "ga-to"),
        ("mascota", 3, "mas-co-ta"),
        ("glándulas", 3, "glán-du-las"),
        ("veterinario", 5, "ve-te-ri-na-rio"),
        ("medicamento", 5, "me-di-ca-men-to"),
        ("llame", 2, "lla-me"),
        ("síntomas", 3, "sín-to-mas"),
        // Diphthongs: weak + strong, strong + weak, weak + weak.
        ("pie", 1, "pie"),
        ("piel", 1, "piel"),
        ("bueno", 2, "bue-no"),
        ("tierra", 2, "tie-rra"),
        ("hueso", 2, "hue-so"),
        ("aire", 2, "ai-re"),
        ("causa", 2, "cau-sa"),
        ("veinte", 2, "vein-te"),
        ("jaula", 2, "jau-la"),
        ("ciudad", 2, "ciu-dad"),
        ("cuidado", 3, "cui-da-do"),
        ("infección", 3, "in-fec-ción"),
        ("anestesia", 4, "a-nes-te-sia"),
        ("paciente", 3, "pa-cien-te"),
        ("destruí", 2, "des-truí"),
        // Hiatus: strong + strong.
        ("poeta", 3, "po-e-ta"),
        ("leer", 2, "le-er"),
        ("caos", 2, "ca-os"),
        ("teatro", 3, "te-a-tro"),
        ("maestro", 3, "ma-es-tro"),
        ("aéreo", 4, "a-é-re-o"),
        ("océano", 4, "o-cé-a-no"),
        ("diarrea", 3, "dia-rre-a"),
        ("video", 3, "vi-de-o"),
        // An accented weak vowel breaks the diphthong.
        ("día", 2, "dí-a"),
        ("baúl", 2, "ba-úl"),
        ("país", 2, "pa-ís"),
        ("río", 2, "rí-o"),
        ("reír", 2, "re-ír"),
        ("oído", 3, "o-í-do"),
        ("había", 3, "ha-bí-a"),
        ("todavía", 4, "to-da-ví-a"),
        ("continúa", 4, "con-ti-nú-a"),
        // Triphthongs.
        ("buey", 1, "buey"),
        ("miau", 1, "miau"),
        ("guau", 1, "guau"),
        ("Paraguay", 3, "Pa-ra-guay"),
        ("Uruguay", 3, "U-ru-guay"),
        ("averiguáis", 4, "a-ve-ri-guáis"),
        ("limpiáis", 2, "lim-piáis"),
        ("estudiéis", 3, "es-tu-diéis"),
        // An h between vowels.
        ("prohibir", 2, "prohi-bir"),
        ("ahumar", 2, "ahu-mar"),
        ("rehusar", 2, "rehu-sar"),
        ("prohíbe", 3, "pro-hí-be"),
        ("ahí", 2, "a-hí"),
        ("alcohol", 3, "al-co-hol"),
        ("búho", 2, "bú-ho"),
        ("vehículo", 4, "ve-hí-cu-lo"),
        ("zanahoria", 4, "za-na-ho-ria"),
        ("almohada", 4, "al-mo-ha-da"),
        ("ahora", 3, "a-ho-ra"),
        ("hielo", 2, "hie-lo"),
        ("deshidratación", 5, "des-hi-dra-ta-ción"),
        ("hospital", 3, "hos-pi-tal"),
        // A silent u after q and g; a sounded ü.
        ("que", 1, "que"),
        ("queso", 2, "que-so"),
        ("quiero", 2, "quie-ro"),
        ("chequeo", 3, "che-que-o"),
        ("quórum", 2, "quó-rum"),
        ("guerra", 2, "gue-rra"),
        ("guitarra", 3, "gui-ta-rra"),
        ("seguir", 2, "se-guir"),
        ("guía", 2, "guí-a"),
        ("guion", 1, "guion"),
        ("agua", 2, "a-gua"),
        ("antiguo", 3, "an-ti-guo"),
        ("pingüino", 3, "pin-güi-no"),
        ("cigüeña", 3, "ci-güe-ña"),
        ("vergüenza", 3, "ver-güen-za"),
        ("lingüística", 4, "lin-güís-ti-ca"),
        // y: a vowel at the end of a word or alone, else a consonant.
        ("y", 1, "y"),
        ("hoy", 1, "hoy"),
        ("ley", 1, "ley"),
        ("muy", 1, "muy"),
        ("mayo", 2, "ma-yo"),
        ("ayuda", 3, "a-yu-da"),
        ("leyes", 2, "le-yes"),
        ("yema", 2, "ye-ma"),
        // Capitals, numbers.
        ("ÁCIDO", 3, "Á-CI-DO"),
        ("12", 1, "doce, counted as one like English"),
    ];

    #[test]
    fn syllables_of_a_table_of_words_with_known_counts() {
        assert!(TABLE.len() >= 50);
        let wrong: Vec<String> = TABLE
            .iter()
            .filter(|(word, expected, _)| syllables(word) != *expected)
            .map(|(word, expected, split)| {
                format!(
                    "{word} ({split}): expected {expected}, counted {}",
                    syllables(word)
                )
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn the_centre_of_each_syllable_shows_each_rule_at_work() {
        // Where the count alone cannot tell (a silent u, or a final y, joins its
        // neighbour either way), the vowels of each syllable can.
        let table: &[(&str, &[&str])] = &[
            // qu and gu before e and i: the u is silent.
            ("que", &["e"]),
            ("quiero", &["ie", "o"]),
            ("chequeo", &["e", "e", "o"]),
            ("guerra", &["e", "a"]),
            ("guitarra", &["i", "a", "a"]),
            ("guía", &["í", "a"]),
            // gu before a and o, and gü: the u is said.
            ("agua", &["a", "ua"]),
            ("antiguo", &["a", "i", "uo"]),
            ("pingüino", &["i", "üi", "o"]),
            ("cigüeña", &["i", "üe", "a"]),
            // y at the end of a word is a vowel; elsewhere a consonant.
            ("hoy", &["oy"]),
            ("buey", &["uey"]),
            ("Paraguay", &["a", "a", "uay"]),
            ("y", &["y"]),
            ("mayo", &["a", "o"]),
            // Diphthongs, hiatus, an accented weak vowel, a triphthong.
            ("cuidado", &["ui", "a", "o"]),
            ("aéreo", &["a", "é", "e", "o"]),
            ("día", &["í", "a"]),
            ("destruí", &["e", "uí"]),
            ("averiguáis", &["a", "e", "i", "uái"]),
            // An h between vowels is read across.
            ("prohibir", &["ohi", "i"]),
            ("ahumar", &["ahu", "a"]),
            ("búho", &["ú", "ho"]),
            ("deshielo", &["e", "ie", "o"]),
        ];
        for (word, expected) in table {
            assert_eq!(nuclei(word), *expected, "{word}");
            assert_eq!(syllables(word), expected.len(), "{word}");
        }
    }

    #[test]
    fn the_divisions_in_the_table_agree_with_the_counts() {
        // The table's own divisions are a second check on the counts typed in it.
        for (word, expected, split) in TABLE {
            if split.contains(',') {
                continue;
            }
            assert_eq!(split.split('-').count(), *expected, "{word}: {split}");
            assert_eq!(
                split.replace('-', "").to_lowercase(),
                word.to_lowercase(),
                "{word}"
            );
        }
    }

    #[test]
    fn the_score_and_its_band() {
        // 10 words, 2 sentences, 20 syllables:
        // 206.835 − 62.3 × 2 − 5 = 77.235.
        assert!((score(10, 2, 20) - 77.235).abs() < 1e-9);
        assert_eq!(score(0, 0, 0), 0.0);
        assert_eq!(band(39.9), "muy difícil");
        assert_eq!(band(40.0), "algo difícil");
        assert_eq!(band(54.9), "algo difícil");
        assert_eq!(band(55.0), "normal");
        assert_eq!(band(64.9), "normal");
        assert_eq!(band(65.0), "bastante fácil");
        assert_eq!(band(80.0), "bastante fácil");
        assert_eq!(band(80.1), "muy fácil");
    }
}
