//! A generated library of articles in pawprint's own format, for the benchmarks:
//! about 900 words per article, a full handout block, dog, cat and rabbit
//! sections, and tags. The words are plain English, put together from a word
//! list below by a small seeded generator, so the same seed always gives the same
//! files, byte for byte.
//!
//! Shared by `benches/build.rs`, `benches/serve.rs`, `tests/generated.rs` and the
//! example `cargo run --release --example library -- N DIR`.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// The seed the benchmarks use.
pub const SEED: u64 = 13;

/// The sections: folder, species key, what the section page calls them.
pub const SECTIONS: [(&str, &str, &str); 3] = [
    ("dogs", "dog", "Dogs"),
    ("cats", "cat", "Cats"),
    ("rabbits", "rabbit", "Rabbits"),
];

/// A small linear congruential generator (Knuth's MMIX constants). Good enough to
/// vary words; not for anything that needs real randomness.
pub struct Lcg(u64);

impl Lcg {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// The next number, from the high bits (the low bits of an LCG cycle fast).
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One item of `list`.
    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const PETS: [&str; 3] = ["dog", "cat", "rabbit"];

const PARTS: &[&str] = &[
    "ear", "eye", "paw", "tail", "nose", "mouth", "tooth", "skin", "coat", "belly", "back", "leg",
    "hip", "knee", "neck", "chest", "gum", "claw", "nail", "foot", "tongue", "lip", "chin",
    "cheek", "joint", "bladder", "gut", "heart", "lung", "liver",
];

const TROUBLES: &[&str] = &[
    "itch",
    "rash",
    "lump",
    "cough",
    "limp",
    "sore",
    "swelling",
    "bump",
    "scab",
    "cut",
    "infection",
    "stiffness",
    "pain",
    "redness",
    "discharge",
    "bleeding",
    "dryness",
    "bad smell",
    "hair loss",
    "crust",
    "wound",
    "blister",
    "tear",
    "cyst",
    "twitch",
];

const NOUNS: &[&str] = &[
    "bowl", "bed", "walk", "meal", "snack", "toy", "brush", "towel", "blanket", "crate", "yard",
    "garden", "floor", "rug", "sofa", "door", "window", "car", "park", "home", "water", "food",
    "treat", "bath", "collar", "lead", "harness", "box", "cage", "hay", "bone", "ball", "stick",
    "shade", "sun", "rain", "grass", "dirt", "sand", "mud", "week", "day", "morning", "night",
    "visit", "check", "plan", "note", "list", "sign",
];

const VERBS: &[&str] = &[
    "licks",
    "sniffs",
    "chews",
    "scratches",
    "rubs",
    "drinks",
    "eats",
    "sleeps",
    "rests",
    "plays",
    "runs",
    "walks",
    "jumps",
    "hides",
    "waits",
    "naps",
    "purrs",
    "barks",
    "hops",
    "shakes",
    "stretches",
    "digs",
    "climbs",
    "sits",
    "lies",
    "grooms",
    "paces",
    "whines",
];

const ADJECTIVES: &[&str] = &[
    "soft", "warm", "cool", "dry", "wet", "clean", "fresh", "quiet", "calm", "slow", "quick",
    "small", "big", "short", "long", "thin", "thick", "red", "pink", "dark", "light", "firm",
    "gentle", "mild", "sore", "old", "young", "new", "safe", "busy",
];

const ADVERBS: &[&str] = &[
    "a lot",
    "now and then",
    "all day",
    "at night",
    "after meals",
    "in the morning",
    "more than usual",
    "less than usual",
    "on walks",
    "at home",
    "in the car",
    "once a day",
];

const OWNER_ACTIONS: &[&str] = &[
    "Look at", "Check", "Feel", "Wash", "Dry", "Brush", "Clean", "Watch", "Touch", "Smell",
];

const CALL_REASONS: &[&str] = &[
    "Your pet will not eat or drink for a day",
    "You see blood in the pee or poop",
    "Your pet cannot stand or walk",
    "The swelling grows fast or feels hot",
    "Your pet cries when you touch the area",
    "Your pet has trouble breathing",
    "Your pet is very sleepy and will not wake up well",
    "You see a deep cut or an open wound",
    "Your pet throws up more than twice",
    "Your pet has a seizure",
];

const FILL_IN: &[&str] = &[
    "Pet's name",
    "Next check",
    "Notes",
    "Medicine and dose",
    "Weight today",
    "Next visit",
];

/// A plain English sentence about a pet.
fn sentence(rng: &mut Lcg, pet: &str) -> String {
    let part = rng.pick(PARTS);
    let trouble = rng.pick(TROUBLES);
    let noun = rng.pick(NOUNS);
    let verb = rng.pick(VERBS);
    let adjective = rng.pick(ADJECTIVES);
    let adverb = rng.pick(ADVERBS);
    match rng.below(10) {
        0 => format!("Your {pet} {verb} {adverb}."),
        1 => format!("A {adjective} {noun} can help a {pet} with a {part} {trouble}."),
        2 => format!(
            "{} the {part} each {} and note any {trouble}.",
            rng.pick(OWNER_ACTIONS),
            rng.pick(&["day", "week", "morning", "night"])
        ),
        3 => format!("If your {pet} {verb} {adverb}, the {part} may be sore."),
        4 => format!("Some pets get a {trouble} on the {part} when the {noun} is not {adjective}."),
        5 => format!("Keep the {noun} {adjective}, and your {pet} will feel better."),
        6 => format!("A {part} {trouble} is not rare, and most pets get well."),
        7 => format!(
            "Tell us if the {trouble} lasts more than a {}.",
            rng.pick(&["day", "week", "few days"])
        ),
        8 => format!("Many owners see a {adjective} {trouble} first."),
        _ => format!("We can look at the {part} and tell you what to do next."),
    }
}

fn paragraph(rng: &mut Lcg, pet: &str, sentences: usize) -> String {
    let mut text = String::new();
    for i in 0..sentences {
        if i > 0 {
            // Wrap like a person's editor would, about every other sentence.
            text.push(if i % 2 == 0 { '\n' } else { ' ' });
        }
        text.push_str(&sentence(rng, pet));
    }
    text
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The path inside `content/` of article `i` (without `.md`), such as
/// `dogs/topic-00003`. Articles go round the three sections in turn.
pub fn article_path(i: usize) -> String {
    format!("{}/topic-{i:05}", SECTIONS[i % SECTIONS.len()].0)
}

/// The text of article `i` of a library made with `seed`.
pub fn article(seed: u64, i: usize) -> String {
    let mut rng = Lcg::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    let pet = PETS[i % PETS.len()];
    let species = SECTIONS[i % SECTIONS.len()].1;
    let part = rng.pick(PARTS);
    let trouble = rng.pick(TROUBLES);
    let title = format!("{} {} in {pet}s: what to watch for", capital(part), trouble);
    let mut tags: Vec<String> = vec![
        format!("{part} care"),
        (*rng.pick(TROUBLES)).to_string(),
        format!("{} care", rng.pick(NOUNS)),
    ];
    tags.dedup();
    let quoted = |items: &[String]| {
        items
            .iter()
            .map(|s| format!("  \"{s}\",\n"))
            .collect::<String>()
    };
    let signs: Vec<String> = (0..6)
        .map(|_| {
            format!(
                "{} {} on the {}",
                capital(rng.pick(ADJECTIVES)),
                rng.pick(TROUBLES),
                rng.pick(PARTS)
            )
        })
        .collect();
    let prevention: Vec<String> = (0..5)
        .map(|_| {
            format!(
                "{} the {} every {}, and keep the {} {}.",
                rng.pick(OWNER_ACTIONS),
                rng.pick(PARTS),
                rng.pick(&["day", "week", "month"]),
                rng.pick(NOUNS),
                rng.pick(ADJECTIVES)
            )
        })
        .collect();
    let first = rng.below(CALL_REASONS.len());
    let call: Vec<String> = (0..4)
        .map(|k| CALL_REASONS[(first + k * 3) % CALL_REASONS.len()].to_string())
        .collect();
    let fill: Vec<String> = (0..3)
        .map(|k| FILL_IN[(i + k * 2) % FILL_IN.len()].to_string())
        .collect();

    let mut text = String::with_capacity(7_000);
    let _ = write!(
        text,
        "+++\ntitle = \"{title}\"\nsummary = \"{} {}\"\nspecies = [\"{species}\"]\nupdated = 2026-{:02}-{:02}\nreviewed_by = \"Dr. Ana Ruiz, DVM (example reviewer)\"\ntags = [{}]\n\n[[sources]]\ntitle = \"Pet health notes, part {}\"\nurl = \"https://example.org/notes/{i}\"\n\n[handout]\nintro = \"{} {} {}\"\nsigns = [\n{}]\nprevention = [\n{}]\ncall_us_if = [\n{}]\nfill_in = [{}]\n+++\n\n",
        sentence(&mut rng, pet),
        sentence(&mut rng, pet),
        1 + rng.below(12),
        1 + rng.below(28),
        tags.iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", "),
        1 + rng.below(40),
        sentence(&mut rng, pet),
        sentence(&mut rng, pet),
        sentence(&mut rng, pet),
        quoted(&signs),
        quoted(&prevention),
        quoted(&call),
        fill.iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", "),
    );
    // About 900 words: an opening, five headed parts of four paragraphs
    // each (one with a list), and a link to an earlier article.
    text.push_str(&paragraph(&mut rng, pet, 5));
    text.push_str("\n\n");
    let headings = [
        format!("What a {part} {trouble} is"),
        "What you may notice".to_string(),
        "Why it happens".to_string(),
        "What your vet will do".to_string(),
        "How to help at home".to_string(),
    ];
    for (h, heading) in headings.iter().enumerate() {
        let _ = writeln!(text, "## {heading}\n");
        for _ in 0..4 {
            text.push_str(&paragraph(&mut rng, pet, 4));
            text.push_str("\n\n");
        }
        if h == 1 {
            for _ in 0..4 {
                let _ = writeln!(text, "- {}", sentence(&mut rng, pet));
            }
            text.push('\n');
        }
        if h == 3 && i > 0 {
            let other = rng.below(i);
            let _ = writeln!(
                text,
                "A [related article](/{}/) tells you more about this.\n",
                article_path(other)
            );
        }
    }
    text
}

/// Writes the sections and `articles` articles into `root/content/`.
pub fn write_content(root: &Path, articles: usize, seed: u64) -> std::io::Result<()> {
    for (dir, _, title) in SECTIONS {
        let folder = root.join("content").join(dir);
        std::fs::create_dir_all(&folder)?;
        std::fs::write(
            folder.join("_index.md"),
            format!(
                "+++\ntitle = \"{title}\"\nsummary = \"Plain advice on common health worries.\"\n+++\nEach page here explains one health problem in plain words.\n"
            ),
        )?;
    }
    for i in 0..articles {
        let path = root.join("content").join(format!("{}.md", article_path(i)));
        std::fs::write(path, article(seed, i))?;
    }
    Ok(())
}

/// Copies the shipped example's `site.toml` and `themes/` into `root`. With
/// `papers` false, the site makes no handouts (`papers = []`).
pub fn write_settings(root: &Path, papers: bool) -> std::io::Result<()> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let settings = std::fs::read_to_string(repo.join("site.toml"))?;
    let settings = if papers {
        settings
    } else {
        settings.replace("papers = [\"letter\", \"a4\"]", "papers = []")
    };
    std::fs::write(root.join("site.toml"), settings)?;
    Ok(())
}

/// A whole project: settings, theme and `articles` generated articles.
pub fn write_project(root: &Path, articles: usize, seed: u64, papers: bool) -> std::io::Result<()> {
    write_settings(root, papers)?;
    write_content(root, articles, seed)
}

/// A Spanish translation beside each of the first `articles` articles
/// (`name.es.md`, for the site.toml's `[languages.es]`), pinned to its original
/// so no warning is printed. Its words are the original's: the bench measures the
/// work of a second language, not its prose.
pub fn write_translations(root: &Path, articles: usize, seed: u64) -> std::io::Result<()> {
    for i in 0..articles {
        let original = article(seed, i);
        let mut fingerprint = pawprint_text::fingerprint::StableId::default();
        fingerprint.add(original.as_bytes());
        let pinned = original.replacen(
            "+++\n",
            &format!("+++\ntranslation_of = \"{}\"\n", &fingerprint.hex()[..12]),
            1,
        );
        let path = root
            .join("content")
            .join(format!("{}.es.md", article_path(i)));
        std::fs::write(path, pinned)?;
    }
    Ok(())
}

/// An edit to article `i` as an author would make it: one more sentence at the
/// end of the body. `round` makes each edit different.
pub fn edited(seed: u64, i: usize, round: usize) -> String {
    let mut text = article(seed, i);
    let _ = writeln!(text, "We checked this page again, round {round}.");
    text
}
