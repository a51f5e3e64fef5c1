//! A build split over machines: `build --shard I/N` makes the handouts of one
//! part of the articles into a folder of its own, and `build --gather DIR...`
//! takes every part's sheets, makes the site, the packs and the search, and
//! publishes as any build does. The result is the same, byte for byte, as one
//! build on one machine.
//!
//! Which part an article's sheets belong to depends on the article alone (a hash
//! of its file's path and its language), so adding an article never moves another
//! one to another part. Each part's folder holds a small file, written last, that
//! says which part of how many it is and what it was made from: a fingerprint of
//! every sheet's inputs, in every language. Gather refuses a set of parts that is
//! not whole, holds a part twice, or was made from other articles or settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use pawprint_content::{Article, Library};
use pawprint_output as output;
use pawprint_text::fingerprint::{Fingerprint, fnv64};
use pawprint_text::problem::{Code, Problem, Problems};
use pawprint_text::site_file::SheetList;

use crate::build::{BuildOptions, BuildReport};

/// The most parts a build may be split into.
pub const MOST_PARTS: u32 = 1000;

/// One part of a build split over machines: part `index` of `count`, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 1 to `count`.
    pub index: u32,
    /// How many parts in all.
    pub count: u32,
}

impl FromStr for Shard {
    type Err = String;

    /// Reads `I/N`, such as `2/4`.
    fn from_str(text: &str) -> Result<Shard, String> {
        let usage = "write the part as I/N, such as 2/4 for the second of four parts";
        let (index, count) = text
            .split_once('/')
            .ok_or_else(|| format!("\"{text}\" has no /: {usage}"))?;
        let number = |part: &str| {
            part.trim()
                .parse::<u32>()
                .map_err(|_| format!("\"{part}\" in \"{text}\" is not a whole number: {usage}"))
        };
        let (index, count) = (number(index)?, number(count)?);
        if count == 0 || count > MOST_PARTS {
            return Err(format!(
                "the number of parts must be from 1 to {MOST_PARTS}, not {count}"
            ));
        }
        if index == 0 || index > count {
            return Err(format!(
                "there is no part {index} of {count}: parts are counted from 1 to {count}"
            ));
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// The part of `count` that an article's sheets belong to: a hash of its
    /// file's path (with `/` between folders) and its language, so it does not
    /// change when other articles come or go.
    pub fn of(article: &Article, count: u32) -> u32 {
        let source: Vec<String> = article
            .source
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        let key = format!("{}\n{}", source.join("/"), article.language);
        (fnv64(key.as_bytes(), 0x7368_6172_6473_0001) % u64::from(count)) as u32 + 1
    }

    /// Whether this part makes the sheets of `article`.
    pub fn holds(&self, article: &Article) -> bool {
        Shard::of(article, self.count) == self.index
    }
}

/// The first line of a part's marker.
const MARKER_HEAD: &str = "pawprint shard v1";

/// What a part's marker ([`output::SHARD_MARKER`]) says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PartMarker {
    shard: Shard,
    /// The fingerprint of every sheet's inputs ([`inputs`]).
    inputs: String,
}

impl PartMarker {
    fn text(&self) -> String {
        format!(
            "{MARKER_HEAD}\npart {} of {}\ninputs {}\n",
            self.shard.index, self.shard.count, self.inputs
        )
    }

    fn parse(text: &str) -> Option<PartMarker> {
        let mut lines = text.lines();
        if lines.next()? != MARKER_HEAD {
            return None;
        }
        let (index, count) = lines.next()?.strip_prefix("part ")?.split_once(" of ")?;
        let shard = Shard::from_str(&format!("{index}/{count}")).ok()?;
        let inputs = lines.next()?.strip_prefix("inputs ")?.to_string();
        Some(PartMarker { shard, inputs })
    }
}

/// Every article of every language with the fingerprints of its sheets.
struct Plan<'l> {
    sheets: Vec<(&'l Article, Vec<String>)>,
    /// One fingerprint of them all: what the parts are made from.
    inputs: String,
}

impl<'l> Plan<'l> {
    fn of(library: &'l Library) -> Plan<'l> {
        let mut sheets = Vec::new();
        for edition in library.editions() {
            let prints = pawprint_handout::fingerprints(edition);
            sheets.extend(edition.articles.iter().zip(prints));
        }
        sheets.sort_by(|(a, _), (b, _)| (&a.source, &a.language).cmp(&(&b.source, &b.language)));
        let mut inputs = Fingerprint::default();
        inputs.add(b"pawprint shard inputs v1");
        for (article, prints) in &sheets {
            inputs.add(article.source.as_os_str().as_encoded_bytes());
            inputs.add(article.language.as_bytes());
            inputs.add_all(prints);
        }
        Plan {
            sheets,
            inputs: inputs.hex(),
        }
    }
}

/// What `build --shard` made.
#[derive(Debug, Clone)]
pub struct PartReport {
    /// Which part it was.
    pub shard: Shard,
    /// How many articles, translations included, were this part's.
    pub articles: usize,
    /// How many handout PDFs it holds.
    pub handouts: usize,
    /// How many of them were reused from the last run of this part.
    pub reused: usize,
    /// Where it was written.
    pub output: PathBuf,
    /// How long it took.
    pub elapsed: Duration,
    /// Problems that did not stop it.
    pub warnings: Vec<Problem>,
}

impl PartReport {
    /// The one summary line `build --shard` prints.
    pub fn summary(&self) -> String {
        use pawprint_text::text::plural;
        format!(
            "Built part {} of {}: {} {} of {} {}{} into {} in {} ms",
            self.shard.index,
            self.shard.count,
            self.handouts,
            plural(self.handouts, "handout", "handouts"),
            self.articles,
            plural(self.articles, "article", "articles"),
            match self.reused {
                0 => String::new(),
                n => format!(" ({n} reused)"),
            },
            self.output.display(),
            self.elapsed.as_millis()
        )
    }
}

/// `build --shard I/N --output DIR`: the handouts (their PDFs and pictures) of
/// the articles that are part `shard`, with their fingerprints, into `output`,
/// written and swapped in as a build is. The packs and the site are left to
/// [`gather`].
pub fn build_part(
    root: &Path,
    output: &Path,
    shard: Shard,
    options: BuildOptions,
) -> Result<PartReport, Problems> {
    let started = Instant::now();
    let (destination, folder, library) = crate::build::open(root, output, &options)?;
    let plan = Plan::of(&library);
    let previous = options.reuse.then(|| folder.previous_sheets()).flatten();
    let staging = folder.stage()?;
    let holds = |article: &Article| shard.holds(article);
    let mut sheets = SheetList::default();
    let (mut handouts, mut reused, mut articles) = (0, 0, 0);
    for edition in library.editions() {
        articles += edition.articles.iter().filter(|a| holds(a)).count();
        let made = pawprint_handout::render_share(
            edition,
            &staging,
            previous.as_ref(),
            true,
            &|| {},
            Some(&holds),
        )
        .map_err(Problems::from)?;
        handouts += made.handouts.len();
        reused += made.reused;
        sheets.sheets.extend(made.list.sheets);
    }
    let marker = PartMarker {
        shard,
        inputs: plan.inputs,
    };
    let mut warnings = library.warnings.clone();
    warnings.extend(staging.finish_part(&sheets, &marker.text())?);
    Ok(PartReport {
        shard,
        articles,
        handouts,
        reused,
        output: destination,
        elapsed: started.elapsed(),
        warnings,
    })
}

/// `build --gather DIR...`: reads every part's folder, checks that they are the
/// whole set made from this project as it is, and builds into `output` (default
/// `output/`) reusing every sheet of theirs. Nothing is published when a part is
/// missing, given twice, unfinished or made from other articles or settings.
pub fn gather(
    root: &Path,
    parts: &[PathBuf],
    output: Option<&Path>,
    options: BuildOptions,
) -> Result<BuildReport, Problems> {
    let started = Instant::now();
    let (destination, folder, library) =
        crate::build::open(root, output.unwrap_or(Path::new("output")), &options)?;
    let plan = Plan::of(&library);
    let found = read_parts(parts, &destination)?;
    let mut previous = SheetList::default();
    for (_, part) in &found {
        previous.sheets.extend(
            part.sheets
                .sheets
                .iter()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
    }
    check_whole(&plan, &found, &previous)?;
    let parts: Vec<output::Part> = found.into_iter().map(|(_, part)| part).collect();
    let staging = folder.stage_from(&parts)?;
    crate::build::finish(
        started,
        &library,
        destination,
        staging,
        Some(&previous),
        // The parts hold no search index: the gather makes each one.
        &Default::default(),
        &options,
    )
}

/// Reads each folder and its marker; every problem at once.
fn read_parts(
    dirs: &[PathBuf],
    destination: &Path,
) -> Result<Vec<(PartMarker, output::Part)>, Problems> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for dir in dirs {
        match output::read_part(dir, destination) {
            Ok(part) => match PartMarker::parse(&part.marker) {
                Some(marker) => found.push((marker, part)),
                None => problems.push(
                    Problem::error(
                        dir,
                        format!(
                            "{} is not a finished part of a split build: its {} cannot be read",
                            dir.display(),
                            output::SHARD_MARKER
                        ),
                    )
                    .code(Code::ShardNotAShard)
                    .help("build that part again with `pawprint build --shard I/N --output DIR`"),
                ),
            },
            Err(problem) => problems.push(problem),
        }
    }
    match problems.is_empty() {
        true => Ok(found),
        false => Err(Problems::from(problems)),
    }
}

/// Checks that the parts are one whole set made from `plan`, and that every sheet
/// of the plan is in one of them.
fn check_whole(
    plan: &Plan<'_>,
    found: &[(PartMarker, output::Part)],
    sheets: &SheetList,
) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let Some((first, first_part)) = found.first() else {
        return Ok(());
    };
    let count = first.shard.count;
    let rebuild = "build every part again from this project as it is now, then gather";
    for (marker, part) in found {
        if marker.shard.count != count {
            problems.push(
                Problem::error(
                    &part.dir,
                    format!(
                        "{} holds part {} of {}, but {} holds part {} of {}: the parts were split two ways",
                        part.dir.display(),
                        marker.shard.index,
                        marker.shard.count,
                        first_part.dir.display(),
                        first.shard.index,
                        count
                    ),
                )
                .code(Code::ShardMixed)
                .help("build every part with the same N in --shard I/N"),
            );
        } else if marker.inputs != plan.inputs {
            problems.push(
                Problem::error(
                    &part.dir,
                    format!(
                        "{} holds part {} of {}, made from other articles, settings or pawprint \
                         than this build",
                        part.dir.display(),
                        marker.shard.index,
                        marker.shard.count
                    ),
                )
                .code(Code::ShardMixed)
                .help(rebuild),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Problems::from(problems));
    }
    let mut by_index: BTreeMap<u32, Vec<&Path>> = BTreeMap::new();
    for (marker, part) in found {
        by_index
            .entry(marker.shard.index)
            .or_default()
            .push(&part.dir);
    }
    for (index, dirs) in &by_index {
        if let [first, second, ..] = dirs[..] {
            problems.push(
                Problem::error(
                    second,
                    format!(
                        "part {index} of {count} was given twice: in {} and in {}",
                        first.display(),
                        second.display()
                    ),
                )
                .code(Code::ShardTwice)
                .help("give each part's folder once"),
            );
        }
    }
    for index in (1..=count).filter(|i| !by_index.contains_key(i)) {
        problems.push(
            Problem::error(
                format!("part {index} of {count}"),
                format!("part {index} of {count} is missing: none of the folders given holds it"),
            )
            .code(Code::ShardMissing)
            .help(format!(
                "build it with `pawprint build --shard {index}/{count} --output DIR`, and give \
                 its folder to --gather with the others"
            )),
        );
    }
    if !problems.is_empty() {
        return Err(Problems::from(problems));
    }
    for (article, prints) in &plan.sheets {
        if prints.iter().all(|p| sheets.sheets.contains_key(p)) {
            continue;
        }
        let index = Shard::of(article, count);
        let dir = by_index
            .get(&index)
            .and_then(|dirs| dirs.first())
            .map_or_else(String::new, |dir| format!(" ({})", dir.display()));
        problems.push(
            Problem::error(
                &article.source,
                format!(
                    "the handouts of {} ({}) are not in part {index} of {count}{dir}, which should hold them",
                    article.source.display(),
                    article.language
                ),
            )
            .code(Code::ShardMissing)
            .help(format!(
                "build part {index} again with `pawprint build --shard {index}/{count} --output DIR`"
            )),
        );
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(Problems::from(problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_read_as_i_of_n() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        for bad in ["0/4", "5/4", "a/b", "1/0", "4", "/4", "1/1001", "-1/4"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_marker_reads_back_as_written() {
        let marker = PartMarker {
            shard: Shard { index: 3, count: 7 },
            inputs: "ab".repeat(32),
        };
        assert_eq!(PartMarker::parse(&marker.text()), Some(marker));
        assert_eq!(
            PartMarker::parse("pawprint shard v1\npart 0 of 2\ninputs x\n"),
            None
        );
    }
}
