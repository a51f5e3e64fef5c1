//! The only part of pawprint that writes the site to disk.
//!
//! A build is written whole into a staging folder beside the destination and then
//! swapped in, so a failed build leaves the last good site as it was. pawprint marks
//! its own output with a [`MARKER`] file that lists every file it wrote, with its size
//! and a hash of its bytes, and with the project it was built from. A later build
//! of the same project replaces the folder only when it holds nothing else: a file
//! that pawprint did not write, or one changed since, stops the build before
//! anything is touched. Only a complete list counts: the list of a build still
//! being written belongs in staging, never in place of the output.
//!
//! One build at a time: [`OutputDir::open`] takes a lock file beside the output, and
//! finishes or undoes a swap that an earlier build left half done when it was killed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

pub use pawprint_text::plain_file::open as open_source;
use pawprint_text::problem::{Code, Problem};
pub use pawprint_text::site_file::{Contents, FileSink, OutputFile, SHEET_LIST, SheetList};

/// The file that marks a folder as pawprint's own output, with the list of its files.
pub const MARKER: &str = ".pawprint-output";

/// The file that marks a folder as one part of a build split over machines
/// (`build --shard`): which part of how many, made from which inputs.
pub const SHARD_MARKER: &str = ".pawprint-shard";

/// The marker's new version, written beside it and then renamed over it.
const MARKER_NEXT: &str = ".pawprint-output.next";

const MARKER_TEXT: &str = "This folder was made by pawprint. Each build replaces it whole.\n\
Do not keep your own files here: pawprint stops when it finds a file it did not write.\n\
To publish a file such as CNAME or .nojekyll with the site, put it in static/ beside site.toml.\n";

/// What markers of pawprint 0.1 said, before they listed the files.
const OLD_MARKER_TEXT: &str = "This folder was made by pawprint. Each build replaces it whole.\n\
Do not keep your own files here: they would be removed by the next build.\n";

/// The line before the list of files in a marker. `writing` while a build writes
/// into staging, `complete` once every file is written. The next line names the
/// project ([`Project`]).
const LIST_WRITING: &str = "pawprint files v2 writing";
const LIST_COMPLETE: &str = "pawprint files v2 complete";

/// The same lines in markers written before they named their project.
const LIST_WRITING_V1: &str = "pawprint files v1 writing";
const LIST_COMPLETE_V1: &str = "pawprint files v1 complete";

/// How the line that names the project starts.
const PROJECT_LINE: &str = "project ";

/// How many names a "files pawprint did not write" message shows.
const NAMES_SHOWN: usize = 5;

/// Makes `output` absolute (relative to `root` when relative) and refuses places a
/// build must never replace: the project folder or a folder holding it, `content/`,
/// `themes/`, `templates/`, `static/`, `packs/` or `.git/` (or anything inside them or
/// holding them, following links),
/// and an existing file.
pub fn destination(root: &Path, output: &Path) -> Result<PathBuf, Problem> {
    let root = real_path(root);
    let out = real_path(&if output.is_absolute() {
        output.to_path_buf()
    } else {
        root.join(output)
    });
    let refuse = |why: String| {
        Err(Problem::error(
            output,
            format!("refusing to build into {}: {why}", out.display()),
        )
        .code(Code::OutputRefused)
        .help("choose another folder with --output, such as --output output"))
    };
    if root.starts_with(&out) {
        return refuse(
            "it is the project folder or holds it, and the build would replace it".into(),
        );
    }
    for protected in ["content", "themes", "templates", "static", "packs", ".git"] {
        // `content/` or `themes/` may be a link to a folder elsewhere: guard both the
        // folder as named and the folder it really is.
        let named = root.join(protected);
        let real = real_path(&named);
        if out.starts_with(&named) || out.starts_with(&real) {
            return refuse(format!(
                "it is inside {protected}/, which holds your own files"
            ));
        }
        if real.starts_with(&out) {
            return refuse(format!(
                "it holds {protected}/ (which is {}), and the build would replace it",
                real.display()
            ));
        }
    }
    if out.exists() && !out.is_dir() {
        return refuse("a file of that name exists".into());
    }
    Ok(out)
}

/// An absolute path with `.` and `..` resolved, and links resolved as far as the
/// path exists.
fn real_path(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Resolve links in the part that exists; keep the rest as written.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        existing.pop();
    }
    let mut real = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        real.push(name);
    }
    real
}

/// Which project a folder of pawprint's was built from: a fingerprint of the real
/// path of the project folder. The same project gives the same marker on every
/// build; a marker copied from another project, or left by one that builds into
/// the same place, does not count as this project's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Project(u64);

impl Project {
    fn of(root: &Path) -> Project {
        let path = real_path(root);
        Project(pawprint_text::fingerprint::fnv64(
            path.as_os_str().as_encoded_bytes(),
            0x7061_7770_7269_6e74,
        ))
    }

    fn line(self) -> String {
        format!("{PROJECT_LINE}{:016x}", self.0)
    }
}

/// What a marker says: the project its folder was built from (`None` in markers
/// written before they named it), and the list of files.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    project: Option<Project>,
    listed: Listed,
}

/// The list of files a marker records.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Listed {
    /// Every file of a finished build, with its size and hash.
    Complete(BTreeMap<String, (u64, u64)>),
    /// The files a build was about to write into staging (sizes not known yet).
    Writing(BTreeSet<String>),
    /// A marker of pawprint 0.1, which did not list its files.
    Old,
    /// A marker pawprint did not write, such as an empty file.
    Unknown,
}

impl Marker {
    fn read(dir: &Path) -> Option<Marker> {
        let text = std::fs::read(dir.join(MARKER)).ok()?;
        let text = String::from_utf8_lossy(&text);
        Some(Marker::parse(&text))
    }

    fn parse(text: &str) -> Marker {
        let unknown = Marker {
            project: None,
            listed: Listed::Unknown,
        };
        if text == OLD_MARKER_TEXT {
            return Marker {
                project: None,
                listed: Listed::Old,
            };
        }
        let Some((_, list)) = text.split_once("\n\n") else {
            return unknown;
        };
        // A build adds a line to the list before it writes each file, so a line cut
        // short by a stop names a file that was never written: only whole lines count.
        let list = &list[..list.rfind('\n').map_or(0, |end| end + 1)];
        let mut lines = list.lines();
        let (complete, named) = match lines.next().unwrap_or("") {
            LIST_COMPLETE => (true, true),
            LIST_WRITING => (false, true),
            LIST_COMPLETE_V1 => (true, false),
            LIST_WRITING_V1 => (false, false),
            _ => return unknown,
        };
        let project = if named {
            let id = lines
                .next()
                .and_then(|line| line.strip_prefix(PROJECT_LINE))
                .filter(|id| id.len() == 16)
                .and_then(|id| u64::from_str_radix(id, 16).ok());
            match id {
                Some(id) => Some(Project(id)),
                None => return unknown,
            }
        } else {
            None
        };
        let mut files = BTreeMap::new();
        let mut names = BTreeSet::new();
        for line in lines {
            let mut parts = line.splitn(3, ' ');
            let (Some(hash), Some(size), Some(path)) = (parts.next(), parts.next(), parts.next())
            else {
                return unknown;
            };
            if complete {
                let (Ok(hash), Ok(size)) = (u64::from_str_radix(hash, 16), size.parse()) else {
                    return unknown;
                };
                files.insert(path.to_string(), (size, hash));
            } else {
                names.insert(path.to_string());
            }
        }
        Marker {
            project,
            listed: if complete {
                Listed::Complete(files)
            } else {
                Listed::Writing(names)
            },
        }
    }

    /// The files of a finished build of `project`, when this marker lists them.
    fn complete_of(self, project: Project) -> Option<BTreeMap<String, (u64, u64)>> {
        match self.listed {
            Listed::Complete(files) if self.project == Some(project) => Some(files),
            _ => None,
        }
    }
}

impl Listed {
    /// Whether the list names `path`.
    fn names(&self, path: &str) -> bool {
        match self {
            Listed::Complete(files) => files.contains_key(path),
            Listed::Writing(files) => files.contains(path),
            Listed::Old | Listed::Unknown => false,
        }
    }

    /// Every folder that holds a listed file.
    fn folders(&self) -> BTreeSet<String> {
        let paths: Vec<&String> = match self {
            Listed::Complete(files) => files.keys().collect(),
            Listed::Writing(files) => files.iter().collect(),
            Listed::Old | Listed::Unknown => Vec::new(),
        };
        let mut folders = BTreeSet::new();
        for path in paths {
            let mut rest = path.as_str();
            while let Some((folder, _)) = rest.rsplit_once('/') {
                if !folders.insert(folder.to_string()) {
                    break;
                }
                rest = folder;
            }
        }
        folders
    }
}

/// The marker's text for a list of files: sorted by path, no dates, so the same
/// build of the same project writes the same bytes.
fn marker_text<'a>(
    state: &str,
    project: Project,
    lines: impl Iterator<Item = (String, &'a str)>,
) -> String {
    let mut text = format!("{MARKER_TEXT}\n{state}\n{}\n", project.line());
    for (fields, path) in lines {
        text.push_str(&fields);
        text.push(' ');
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// A 64-bit hash of a file's bytes, fed a piece at a time, 8 bytes per step: xor
/// in the word, multiply by an odd constant, rotate. Each step is a bijection, so a
/// change to any one 8-byte word always changes the hash. Not for security: it
/// notices a file that someone replaced, not one forged to match. About 8 times
/// faster than FNV-1a byte by byte, which matters as every build hashes its output.
struct Hasher {
    state: u64,
    pending: [u8; 8],
    filled: usize,
}

impl Hasher {
    fn new() -> Self {
        Hasher {
            state: 0xcbf2_9ce4_8422_2325,
            pending: [0; 8],
            filled: 0,
        }
    }

    fn word(&mut self, word: [u8; 8]) {
        self.state = (self.state ^ u64::from_le_bytes(word))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }

    fn add(&mut self, mut bytes: &[u8]) {
        if self.filled > 0 {
            let take = bytes.len().min(8 - self.filled);
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.word(self.pending);
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.word(word.try_into().unwrap_or_default());
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// The hash; the last partial word is padded with zeros (the size is kept apart).
    fn finish(mut self) -> u64 {
        if self.filled > 0 {
            self.pending[self.filled..].fill(0);
            self.word(self.pending);
        }
        self.state
    }
}

/// Hashes a file on disk without following a link, returning its size and hash.
fn hash_file(path: &Path) -> std::io::Result<(u64, u64)> {
    let mut file = open_source(path)?;
    let mut hasher = Hasher::new();
    let mut size = 0;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            return Ok((size, hasher.finish()));
        }
        hasher.add(&buffer[..read]);
        size += read as u64;
    }
}

/// Why an entry of an existing folder stops a build.
enum Stranger {
    /// pawprint did not write it.
    Foreign(String),
    /// pawprint wrote it, but it was changed since.
    Changed(String),
}

/// How closely to look at files that the list names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Look {
    /// Names only.
    Names,
    /// Names and sizes.
    Sizes,
    /// Names, sizes and the hash of every byte.
    Bytes,
}

/// The entries of `dir` that its marker's list does not account for.
fn strangers(dir: &Path, listed: &Listed, look: Look) -> Result<Vec<Stranger>, Problem> {
    let folders = listed.folders();
    let mut found = Vec::new();
    let mut to_hash = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| {
            let place = e.path().unwrap_or(dir).to_path_buf();
            Problem::error(&place, format!("cannot read {}: {e}", place.display()))
                .code(Code::IoRead)
        })?;
        let path = pawprint_settings::theme::relative_name(dir, entry.path());
        if entry.depth() == 1 && (path == MARKER || path == MARKER_NEXT) {
            continue;
        }
        let kind = entry.file_type();
        let named = listed.names(&path);
        if kind.is_dir() {
            if !folders.contains(&path) {
                found.push(Stranger::Foreign(format!("{path}/")));
                walk.skip_current_dir();
            }
        } else if !kind.is_file() || !named {
            found.push(Stranger::Foreign(path));
        } else if let Listed::Complete(files) = listed {
            let (size, hash) = files[&path];
            match look {
                Look::Names => {}
                Look::Sizes => {
                    if entry.metadata().map(|m| m.len()).ok() != Some(size) {
                        found.push(Stranger::Changed(path));
                    }
                }
                Look::Bytes => to_hash.push((path, entry.path().to_path_buf(), size, hash)),
            }
        }
    }
    let changed: Vec<Stranger> = to_hash
        .into_par_iter()
        .filter(|(_, full, size, hash)| hash_file(full).ok() != Some((*size, *hash)))
        .map(|(path, ..)| Stranger::Changed(path))
        .collect();
    found.extend(changed);
    Ok(found)
}

/// The problem for a folder that holds files pawprint did not write.
fn strangers_problem(dir: &Path, code: Code, found: &[Stranger], lead: String) -> Problem {
    let list = |pick: fn(&Stranger) -> Option<&String>| {
        let names: Vec<&String> = found.iter().filter_map(pick).collect();
        let mut text = names
            .iter()
            .take(NAMES_SHOWN)
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        if names.len() > NAMES_SHOWN {
            text.push_str(&format!(" and {} more", names.len() - NAMES_SHOWN));
        }
        (names.len(), text)
    };
    let (foreign, foreign_names) = list(|s| match s {
        Stranger::Foreign(n) => Some(n),
        Stranger::Changed(_) => None,
    });
    let (changed, changed_names) = list(|s| match s {
        Stranger::Changed(n) => Some(n),
        Stranger::Foreign(_) => None,
    });
    let mut message = lead;
    if foreign > 0 {
        message.push_str(&format!(". Not written by pawprint: {foreign_names}"));
    }
    if changed > 0 {
        message.push_str(&format!(
            ". Changed since pawprint wrote them: {changed_names}"
        ));
    }
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Problem::error(dir, message).code(code).help(format!(
        "move your files out of {name}/: a build replaces the whole folder. Or build \
         somewhere else with --output. A host's file, such as CNAME or .nojekyll, goes in \
         static/ beside site.toml, and pawprint writes it for you"
    ))
}

fn check_folder(output: &Path, project: Project, look: Look) -> Result<(), Problem> {
    if std::fs::symlink_metadata(output).is_err() || is_empty_dir(output) {
        return Ok(());
    }
    let marker = Marker::read(output);
    if let Some(marker) = &marker {
        not_ours(output, marker, project)?;
    }
    let (listed, marked) = match marker {
        Some(marker) => (marker.listed, true),
        None => (Listed::Unknown, false),
    };
    let found = strangers(output, &listed, look)?;
    if found.is_empty() && marked {
        Ok(())
    } else {
        let shown = output.display();
        let foreign = found.iter().any(|s| matches!(s, Stranger::Foreign(_)));
        let lead = if marked && !foreign {
            format!("{shown} holds files changed since pawprint wrote them, so it was not replaced")
        } else if marked {
            format!("{shown} holds files that pawprint did not write, so it was not replaced")
        } else {
            format!(
                "{shown} exists and was not made by pawprint (it has no {MARKER} file), so it will not be replaced"
            )
        };
        Err(strangers_problem(
            output,
            Code::OutputForeignFile,
            &found,
            lead,
        ))
    }
}

/// Fails when the marker of the output folder `output` is not the complete list of
/// a build of `project`: the list of a build that did not finish (which belongs in
/// staging, never here), a marker of another project, or one that names no
/// project. Such a list cannot say which files are pawprint's, so none is trusted.
fn not_ours(output: &Path, marker: &Marker, project: Project) -> Result<(), Problem> {
    let shown = output.display();
    let name = folder_name(output);
    let problem = match (&marker.listed, marker.project) {
        (Listed::Writing(_), _) => Problem::error(
            output,
            format!(
                "{shown} has the file list of a build that did not finish, so pawprint cannot \
                 tell which files there are its own, and it was not replaced"
            ),
        )
        .code(Code::OutputUnfinishedBuild)
        .help(format!(
            "pawprint never leaves an unfinished build in place of the output, so this list \
             was copied or made by hand. Move your files out of {name}/ and delete {name}/, \
             or build somewhere else with --output"
        )),
        (Listed::Old, _) | (Listed::Complete(_), None) => Problem::error(
            output,
            format!(
                "{shown} was made by an older version of pawprint, which did not note the \
                 project it was built from, so it was not replaced"
            ),
        )
        .code(Code::OutputOtherProject)
        .help(format!(
            "if {name}/ holds only the site, delete {name}/ and build again. Or build \
             somewhere else with --output"
        )),
        (Listed::Complete(_), Some(theirs)) if theirs != project => Problem::error(
            output,
            format!("{shown} was built from another project, so it was not replaced"),
        )
        .code(Code::OutputOtherProject)
        .help(format!(
            "build this project somewhere else with --output. If the site in {name}/ is no \
             longer needed, or this project's folder was moved or renamed since, delete \
             {name}/ and build again"
        )),
        _ => return Ok(()),
    };
    Err(problem)
}

/// The last part of `path`, as it is shown in messages.
fn folder_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// A step of [`OutputDir::publish_until`], after which a test may stop a build as if
/// the process had been killed there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The staging folder holds its marker with the list of files to come, and nothing else.
    StagingStarted,
    /// Every file is in staging; the marker does not list their sizes yet.
    FilesWritten,
    /// The staging folder is complete.
    Staged,
    /// The last output was moved aside to `.<name>.pawprint-old`.
    OldMovedAside,
    /// The new build is in place; the old one is still beside it.
    Swapped,
    /// Part of the old build was removed.
    RemovingOld,
    /// All of the old build but its marker was removed.
    OldEmptied,
    /// The old build's marker was removed; its empty folder is left.
    OldMarkerRemoved,
}

/// The output folder of a build, locked against other builds while this is alive.
///
/// [`OutputDir::open`] takes the lock, puts right what an interrupted build left
/// behind, and checks that the folder holds only pawprint's own files.
#[derive(Debug)]
pub struct OutputDir {
    output: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    project: Project,
    _lock: OutputLock,
}

#[derive(Debug)]
struct OutputLock {
    path: PathBuf,
    // Held open: the lock lasts as long as the handle.
    _file: File,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still held, so a build that opened it meanwhile sees that
        // its file is gone and opens a new one (see `take_lock`).
        let _ = std::fs::remove_file(&self.path);
    }
}

impl OutputDir {
    /// Locks `output` for a build of the project at `root`, finishes or undoes a
    /// half-done swap left by a build that was stopped, and checks that the folder
    /// may be replaced.
    pub fn open(root: &Path, output: &Path) -> Result<OutputDir, Problem> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let parent = output.parent().unwrap_or(Path::new("/"));
        std::fs::create_dir_all(parent)
            .map_err(|e| io_problem(parent, Code::IoWrite, "create the folder", e))?;
        let lock = take_lock(output, &parent.join(format!(".{name}.pawprint-lock")))?;
        let dir = OutputDir {
            output: output.to_path_buf(),
            staging: parent.join(format!(".{name}.pawprint-staging")),
            old: parent.join(format!(".{name}.pawprint-old")),
            project: Project::of(root),
            _lock: lock,
        };
        dir.recover()?;
        check_folder(output, dir.project, Look::Sizes)?;
        Ok(dir)
    }

    /// Where the site goes.
    pub fn path(&self) -> &Path {
        &self.output
    }

    /// Puts right what a build that was stopped half way left beside the output.
    fn recover(&self) -> Result<(), Problem> {
        let output_exists = std::fs::symlink_metadata(&self.output).is_ok();
        let old_is_whole = Marker::read(&self.old)
            .and_then(|marker| marker.complete_of(self.project))
            .is_some();
        if !output_exists && old_is_whole {
            // Stopped between the two renames: put the last good output back.
            std::fs::rename(&self.old, &self.output).map_err(|e| {
                io_problem(&self.output, Code::IoWrite, "put back the last build at", e)
            })?;
        }
        remove_own(&self.staging, self.project, None)?;
        remove_own(&self.old, self.project, None)
    }

    /// Writes `files` into staging beside the output, then swaps them in whole.
    /// Returns a warning when the new build is in place but the old one could not
    /// be removed (the next build tries again).
    pub fn publish(self, files: &[OutputFile]) -> Result<Option<Problem>, Problem> {
        self.publish_until(files, None)
    }

    /// [`OutputDir::publish`], stopping after `stop` as if the process were killed
    /// there: nothing is cleaned up. For tests of what the next build does.
    pub fn publish_until(
        self,
        files: &[OutputFile],
        stop: Option<Step>,
    ) -> Result<Option<Problem>, Problem> {
        check_paths(files)?;
        let mut staging = self.stage()?;
        if stop == Some(Step::StagingStarted) {
            staging.leave();
            return Ok(None);
        }
        files
            .par_iter()
            .try_for_each(|file| staging.put(file.clone()))?;
        staging.finish_until(None, stop)
    }

    /// The handouts of the last build in this folder, by fingerprint, when its
    /// marker lists them and nothing was changed since: a new build may reuse a
    /// sheet whose inputs are the same.
    pub fn previous_sheets(&self) -> Option<SheetList> {
        sheets_of(&self.output, self.project)
    }

    /// The last build's files at `paths` that its marker lists and that are as
    /// that build wrote them, by path: what a new build may keep (such as what a
    /// search index was made from). Missing and changed files are left out.
    pub fn previous_files(&self, paths: &[String]) -> std::collections::BTreeMap<String, Vec<u8>> {
        let Some(files) = Marker::read(&self.output).and_then(|m| m.complete_of(self.project))
        else {
            return Default::default();
        };
        paths
            .iter()
            .filter_map(|path| Some((path.clone(), listed_file(&self.output, &files, path)?)))
            .collect()
    }

    /// Starts writing a new build into staging beside the output: the staging
    /// folder and its marker, with the list of files still empty. Each file is then
    /// written as soon as a renderer hands it over ([`Staging`] is a
    /// [`FileSink`]); [`Staging::finish`] swaps the new build in. Dropped before
    /// that, the staging folder is removed and the output stays as it was.
    pub fn stage(self) -> Result<Staging, Problem> {
        // Check every byte of the old output before anything is written.
        check_folder(&self.output, self.project, Look::Bytes)?;
        let previous = Marker::read(&self.output)
            .and_then(|marker| marker.complete_of(self.project))
            .unwrap_or_default()
            .into_iter()
            .map(|(path, (size, hash))| (path, (0, size, hash)))
            .collect();
        let writer = Writer::create(
            &self.staging,
            self.project,
            vec![self.output.clone()],
            previous,
        )?;
        Ok(Staging {
            dir: self,
            writer: Some(writer),
        })
    }

    /// [`OutputDir::stage`], for a build that gathers the parts of a build split
    /// over machines: the sheets it reuses are the parts' files, not the last
    /// build's.
    pub fn stage_from(self, parts: &[Part]) -> Result<Staging, Problem> {
        check_folder(&self.output, self.project, Look::Bytes)?;
        let mut previous = BTreeMap::new();
        for (index, part) in parts.iter().enumerate() {
            for (path, (size, hash)) in &part.files {
                if path != SHEET_LIST && path != SHARD_MARKER {
                    previous.insert(path.clone(), (index, *size, *hash));
                }
            }
        }
        let dirs = parts.iter().map(|part| part.dir.clone()).collect();
        let writer = Writer::create(&self.staging, self.project, dirs, previous)?;
        Ok(Staging {
            dir: self,
            writer: Some(writer),
        })
    }
}

/// One part of a build split over machines, as `build --shard` left it in its
/// folder: its own marker's text, its sheets by fingerprint, and every file with
/// its size and hash.
#[derive(Debug, Clone)]
pub struct Part {
    /// The folder, as given.
    pub dir: PathBuf,
    /// The text of its [`SHARD_MARKER`] file.
    pub marker: String,
    /// Its sheets, by fingerprint.
    pub sheets: SheetList,
    /// Every file of it, with its size and hash.
    files: BTreeMap<String, (u64, u64)>,
}

/// Reads the folder a part of a split build (`build --shard`) was written to,
/// for a build that gathers the parts into `output`. Refuses the output folder
/// itself (or one inside it or holding it), a folder pawprint did not make, the
/// folder of a part that did not finish or of a whole build, and one with a file
/// changed since pawprint wrote it.
pub fn read_part(dir: &Path, output: &Path) -> Result<Part, Problem> {
    let shown = dir.display();
    let not_a_part = |why: String, help: &str| {
        Problem::error(
            dir,
            format!("{shown} is not a finished part of a split build: {why}"),
        )
        .code(Code::ShardNotAShard)
        .help(help.to_string())
    };
    let real = real_path(dir);
    let out = real_path(output);
    if real.starts_with(&out) || out.starts_with(&real) {
        return Err(Problem::error(
            dir,
            format!(
                "{shown} is the output folder {} or holds it or is inside it: a build replaces \
                 its output folder, so it cannot also read the parts from it",
                out.display()
            ),
        )
        .code(Code::ShardRefused)
        .help("put each part in a folder of its own, such as --output shards/1, and gather into another, such as --output public"));
    }
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return Err(not_a_part(
            "there is no such folder".into(),
            "give the folders that `build --shard I/N --output DIR` wrote",
        ));
    }
    let part_help = "build that part again with `pawprint build --shard I/N --output DIR`, and gather when every part has finished";
    let files = match Marker::read(dir).map(|m| m.listed) {
        None => {
            return Err(not_a_part(
                format!("it has no {MARKER} file, so pawprint did not make it"),
                "give the folders that `build --shard I/N --output DIR` wrote. A copy that \
                 leaves out files whose names start with a dot loses it: with GitHub's \
                 upload-artifact, set include-hidden-files: true",
            ));
        }
        Some(Listed::Complete(files)) => files,
        Some(_) => {
            return Err(not_a_part(
                "its file list is not that of a finished build".into(),
                part_help,
            ));
        }
    };
    if !files.contains_key(SHARD_MARKER) {
        return Err(not_a_part(
            format!("it has no {SHARD_MARKER} file: it holds a whole build, not a part"),
            "give the folders that `build --shard I/N --output DIR` wrote",
        ));
    }
    let found = strangers(dir, &Listed::Complete(files.clone()), Look::Bytes)?;
    if !found.is_empty() {
        let mut problem = strangers_problem(
            dir,
            Code::ShardNotAShard,
            &found,
            format!(
                "{shown} holds files changed since pawprint wrote them, or files it did not write"
            ),
        );
        problem.help = Some(part_help.into());
        return Err(problem);
    }
    let read = |name: &str| {
        let mut bytes = Vec::new();
        open_source(&dir.join(name))
            .and_then(|mut file| file.read_to_end(&mut bytes))
            .ok()
            .and_then(|_| String::from_utf8(bytes).ok())
    };
    let marker = read(SHARD_MARKER)
        .ok_or_else(|| not_a_part(format!("its {SHARD_MARKER} cannot be read"), part_help))?;
    let sheets = match files.contains_key(SHEET_LIST) {
        false => SheetList::default(),
        true => read(SHEET_LIST)
            .and_then(|text| SheetList::parse(&text))
            .ok_or_else(|| not_a_part(format!("its {SHEET_LIST} cannot be read"), part_help))?,
    };
    Ok(Part {
        dir: dir.to_path_buf(),
        marker,
        sheets,
        files,
    })
}

/// The handouts of the last build of the project at `root` in `output`, by
/// fingerprint, when its marker lists them and the list and each sheet are as that
/// build wrote them (same size; a build also compares every byte before it swaps).
/// `check` and `build` skip a sheet whose inputs have a fingerprint here.
pub fn previous_sheets(root: &Path, output: &Path) -> Option<SheetList> {
    sheets_of(output, Project::of(root))
}

fn sheets_of(output: &Path, project: Project) -> Option<SheetList> {
    let files = Marker::read(output)?.complete_of(project)?;
    let bytes = listed_file(output, &files, SHEET_LIST)?;
    let mut list = SheetList::parse(std::str::from_utf8(&bytes).ok()?)?;
    list.sheets.retain(|_, sheet| {
        files
            .get(&sheet.path)
            .is_some_and(|(size, _)| *size == sheet.size)
            && std::fs::symlink_metadata(output.join(&sheet.path))
                .is_ok_and(|m| m.is_file() && m.len() == sheet.size)
    });
    Some(list)
}

/// The bytes of the last build's file at `path`, when its marker lists the file
/// and the file is as that build wrote it (same size and hash).
fn listed_file(
    output: &Path,
    files: &std::collections::BTreeMap<String, (u64, u64)>,
    path: &str,
) -> Option<Vec<u8>> {
    let listed = *files.get(path)?;
    if !is_safe_relative(path) {
        return None;
    }
    // Read once, then checked against the marker.
    let mut bytes = Vec::new();
    open_source(&output.join(path))
        .and_then(|mut file| file.read_to_end(&mut bytes))
        .ok()?;
    let mut hasher = Hasher::new();
    hasher.add(&bytes);
    ((bytes.len() as u64, hasher.finish()) == listed).then_some(bytes)
}

/// A new build being written into staging beside the output. Renderers hand it
/// each file as soon as it is made, and it writes the file at once: see
/// [`OutputDir::stage`].
pub struct Staging {
    dir: OutputDir,
    /// `None` once finished or left for a test.
    writer: Option<Writer>,
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Not finished: the build failed. The output was not touched.
        if self.writer.take().is_some() {
            let _ = remove_own(&self.dir.staging, self.dir.project, None);
        }
    }
}

impl FileSink for Staging {
    fn put(&self, file: OutputFile) -> Result<(), Problem> {
        self.writer().put(file, false)
    }

    fn keep(&self, path: &str, previous: &str) -> Result<(), Problem> {
        self.writer().keep(path, previous)
    }

    fn kept_bytes(&self, previous: &str) -> Option<Vec<u8>> {
        self.writer().kept_bytes(previous)
    }
}

impl Staging {
    fn writer(&self) -> &Writer {
        self.writer
            .as_ref()
            .expect("a staging folder takes files until it is finished")
    }

    /// Leaves the staging folder as it is, as if the process were killed.
    fn leave(&mut self) {
        self.writer = None;
    }

    /// Writes `sheets` (the handouts' fingerprints, for the next build), completes
    /// the marker with every file's size and hash, and swaps the new build in
    /// whole. Returns a warning when the new build is in place but the old one
    /// could not be removed (the next build tries again).
    pub fn finish(self, sheets: Option<&SheetList>) -> Result<Option<Problem>, Problem> {
        self.finish_until(sheets, None)
    }

    /// [`Staging::finish`] for one part of a build split over machines: writes
    /// its [`SHARD_MARKER`] with `marker` as the last file, then the sheet list,
    /// and swaps the part in whole, so a part that did not finish is never in its
    /// folder.
    pub fn finish_part(self, sheets: &SheetList, marker: &str) -> Result<Option<Problem>, Problem> {
        self.writer()
            .put(OutputFile::bytes(SHEET_LIST, sheets.to_text()), true)?;
        self.writer()
            .put(OutputFile::bytes(SHARD_MARKER, marker), true)?;
        self.finish_until(None, None)
    }

    /// [`Staging::finish`], stopping after `stop` as if the process were killed
    /// there: nothing is cleaned up. For tests of what the next build does.
    pub(crate) fn finish_until(
        mut self,
        sheets: Option<&SheetList>,
        stop: Option<Step>,
    ) -> Result<Option<Problem>, Problem> {
        let at = |step: Step| stop == Some(step);
        if let Some(sheets) = sheets {
            self.writer()
                .put(OutputFile::bytes(SHEET_LIST, sheets.to_text()), true)?;
        }
        if at(Step::FilesWritten) {
            self.leave();
            return Ok(None);
        }
        let writer = self.writer.take().expect("finished once");
        let dir = &self.dir;
        if let Err(problem) = writer.complete() {
            let _ = remove_own(&dir.staging, dir.project, None);
            return Err(problem);
        }
        if at(Step::Staged) {
            return Ok(None);
        }
        dir.swap(stop)
    }
}

impl OutputDir {
    /// Moves the last build aside, the complete staging folder in, and removes the
    /// last build.
    fn swap(&self, stop: Option<Step>) -> Result<Option<Problem>, Problem> {
        let at = |step: Step| stop == Some(step);
        let moved_aside = if std::fs::symlink_metadata(&self.output).is_err() {
            false
        } else if Marker::read(&self.output).is_some() {
            std::fs::rename(&self.output, &self.old).map_err(|e| {
                io_problem(
                    &self.output,
                    Code::IoWrite,
                    "move aside the last build at",
                    e,
                )
            })?;
            true
        } else {
            std::fs::remove_dir(&self.output).map_err(|e| {
                io_problem(&self.output, Code::IoWrite, "replace the empty folder", e)
            })?;
            false
        };
        if at(Step::OldMovedAside) {
            return Ok(None);
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.output) {
            // Put the last good build back.
            if moved_aside {
                let _ = std::fs::rename(&self.old, &self.output);
            }
            let _ = remove_own(&self.staging, self.project, None);
            return Err(io_problem(
                &self.output,
                Code::IoWrite,
                "move the new build to",
                e,
            ));
        }
        if at(Step::Swapped) {
            return Ok(None);
        }
        // The new build is in place: a failure here does not undo it.
        Ok(remove_own(&self.old, self.project, stop)
            .err()
            .map(|problem| {
                let mut warning = Problem::warning(
                    problem.file,
                    format!(
                        "the new build is in place, but the last one was not removed: {}",
                        problem.message
                    ),
                )
                .code(Code::OutputOldNotRemoved);
                warning.help =
                    Some("the next build tries again; or delete the folder yourself".into());
                warning
            }))
    }
}

/// Writes a complete marker, beside the old one and then renamed over it, so a
/// marker is never half written.
fn write_marker(
    dir: &Path,
    project: Project,
    files: &BTreeMap<String, (u64, u64)>,
) -> Result<(), Problem> {
    let complete = marker_text(
        LIST_COMPLETE,
        project,
        files
            .iter()
            .map(|(path, (size, hash))| (format!("{hash:016x} {size}"), path.as_str())),
    );
    let next = dir.join(MARKER_NEXT);
    std::fs::write(&next, complete)
        .and_then(|()| std::fs::rename(&next, dir.join(MARKER)))
        .map_err(|e| io_problem(dir, Code::IoWrite, "write into", e))
}

/// Takes the lock file beside the output, or says which build holds it.
fn take_lock(output: &Path, path: &Path) -> Result<OutputLock, Problem> {
    loop {
        let mut file = open_lock(path)?;
        // Removed by the build that held it, between the opening and now: open
        // the file again.
        if links(&file) == Some(0) {
            continue;
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(path).unwrap_or_default();
                let holder = holder.trim();
                let process = if holder.is_empty() {
                    String::new()
                } else {
                    format!(" (process {holder})")
                };
                let name = output
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                return Err(Problem::error(
                    output,
                    format!("another pawprint build is writing {name}/{process}"),
                )
                .code(Code::OutputLocked)
                .help("wait for it to finish, then build again"));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(io_problem(path, Code::IoWrite, "lock", e));
            }
        }
        // The build that held it may have removed the file as it finished. Then this
        // lock guards nothing: open the file again.
        if !same_file(&file, path) {
            continue;
        }
        file.set_len(0)
            .and_then(|()| file.write_all(format!("{}\n", std::process::id()).as_bytes()))
            .map_err(|e| io_problem(path, Code::IoWrite, "write", e))?;
        return Ok(OutputLock {
            path: path.to_path_buf(),
            _file: file,
        });
    }
}

/// Opens (or creates) the lock file without following a link, and refuses anything
/// but a plain file that has no other name: a link there would have pawprint write
/// wherever it leads, and a hard link would have it overwrite another file.
fn open_lock(path: &Path) -> Result<File, Problem> {
    let in_the_way = |what: &str| {
        Problem::error(path, format!("{} is in the way: {what}", path.display()))
            .code(Code::OutputInTheWay)
            .help(format!(
                "pawprint keeps its lock file there while it builds. Check that {} is \
                 nothing of yours, then remove it and build again",
                path.display()
            ))
    };
    let is_link = || std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // NOFOLLOW: a link, even one that leads nowhere, is not opened (and so its
        // target is never created). NONBLOCK: a named pipe does not wait.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if is_link() {
        return Err(in_the_way(
            "it is a link, and pawprint does not follow one there",
        ));
    }
    let file = options.open(path).map_err(|e| {
        if is_link() {
            in_the_way("it is a link, and pawprint does not follow one there")
        } else {
            io_problem(path, Code::IoWrite, "create the lock file", e)
        }
    })?;
    let plain = file.metadata().is_ok_and(|m| m.is_file());
    if !plain {
        return Err(in_the_way(
            "it is not a plain file (it is a folder, a pipe or a device)",
        ));
    }
    if links(&file).is_some_and(|n| n > 1) {
        return Err(in_the_way(
            "it is a file that also has another name (a hard link), so pawprint will not write into it",
        ));
    }
    Ok(file)
}

/// How many names the open file has; `None` where that cannot be told.
#[cfg(unix)]
fn links(file: &File) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    file.metadata().ok().map(|m| m.nlink())
}

#[cfg(not(unix))]
fn links(_file: &File) -> Option<u64> {
    None
}

/// True when `path` itself (not where a link leads) is the open `file`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// Writes `files`, a build of the project at `root`, to staging beside `output`,
/// then swaps it in whole. Takes the lock for the time it takes: see [`OutputDir`].
pub fn publish(
    root: &Path,
    output: &Path,
    files: &[OutputFile],
) -> Result<Option<Problem>, Problem> {
    OutputDir::open(root, output)?.publish(files)
}

/// Checks the paths of the files, before anything is written.
fn check_paths(files: &[OutputFile]) -> Result<(), Problem> {
    let mut seen = BTreeSet::new();
    for file in files {
        check_path(&file.path, false)?;
        if !seen.insert(file.path.to_lowercase()) {
            return Err(same_path(&file.path));
        }
    }
    Ok(())
}

/// Checks one path of the site: inside it, and not a name pawprint keeps for
/// itself (unless `own`).
fn check_path(path: &str, own: bool) -> Result<(), Problem> {
    if !is_safe_relative(path) {
        return Err(
            Problem::error(path, "an output path leaves the site folder")
                .code(Code::OutputBadPath)
                .help("this is a bug in a renderer or theme file name; please report it"),
        );
    }
    if path == MARKER
        || path == MARKER_NEXT
        || ((path == SHEET_LIST || path == SHARD_MARKER) && !own)
    {
        return Err(Problem::error(
            path,
            "a file of the site has the name pawprint gives its own marker",
        )
        .code(Code::OutputMarkerName)
        .help("rename that file"));
    }
    Ok(())
}

fn same_path(path: &str) -> Problem {
    Problem::error(path, "two files of the site have this same path")
        .code(Code::OutputSamePath)
        .help("a file in static/ or the theme's static/ may have the name of a page; rename it")
}

/// Removes a folder that a build of `project` made (staging, or an old build moved
/// aside), its marker last. Refuses when the folder holds anything its marker does
/// not list, or when its marker is another project's.
fn remove_own(dir: &Path, project: Project, stop: Option<Step>) -> Result<(), Problem> {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return Ok(());
    };
    let in_the_way = |what: String| {
        Problem::error(dir, format!("{} is in the way: {what}", dir.display()))
            .code(Code::OutputInTheWay)
            .help(
                "pawprint uses this name while it builds. Look inside and keep what is yours, \
             then delete it",
            )
    };
    if !meta.is_dir() {
        return Err(in_the_way("it is not a folder that pawprint made".into()));
    }
    let Some(marker) = Marker::read(dir) else {
        if is_empty_dir(dir) {
            return std::fs::remove_dir(dir)
                .map_err(|e| io_problem(dir, Code::IoWrite, "remove", e));
        }
        return Err(in_the_way("it has no pawprint marker".into()));
    };
    // A marker cut short while staging started: nothing else was written yet.
    let only_marker = std::fs::read_dir(dir)
        .map_err(|e| io_problem(dir, Code::IoRead, "read", e))?
        .flatten()
        .all(|e| e.file_name() == MARKER || e.file_name() == MARKER_NEXT);
    if !only_marker {
        let shown = dir.display();
        let listing = matches!(marker.listed, Listed::Complete(_) | Listed::Writing(_));
        match marker.project {
            Some(theirs) if listing && theirs != project => {
                return Err(in_the_way(
                    "it was left by a build of another project, so pawprint cannot tell its files are this build's".into(),
                ));
            }
            None if listing => {
                return Err(in_the_way(
                    "it was left by an older version of pawprint, which did not note the project it was built from".into(),
                ));
            }
            _ => {}
        }
        let listed = marker.listed;
        let found = strangers(dir, &listed, Look::Names)?;
        if !found.is_empty() || matches!(listed, Listed::Old | Listed::Unknown) {
            let lead = if found.is_empty() {
                format!(
                    "{shown} is in the way: its marker does not list its files, so pawprint cannot tell they are its own"
                )
            } else {
                format!("{shown} is in the way: it holds files that pawprint did not write")
            };
            let mut problem = strangers_problem(dir, Code::OutputInTheWay, &found, lead);
            problem.help = Some(
                "pawprint was stopped while it built, and left this folder. Move your files \
                 out of it, then delete it"
                    .into(),
            );
            return Err(problem);
        }
    }

    // Files first, then folders deepest first, then the marker, then the folder: a
    // build stopped half way leaves a folder that still shows it is pawprint's.
    let mut folders = Vec::new();
    let mut removed = 0;
    for entry in walkdir::WalkDir::new(dir).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| io_problem(dir, Code::IoRead, "read", e.into()))?;
        let top = entry.depth() == 1;
        if top && (entry.file_name() == MARKER || entry.file_name() == MARKER_NEXT) {
            continue;
        }
        if entry.file_type().is_dir() {
            folders.push(entry.path().to_path_buf());
        } else {
            std::fs::remove_file(entry.path())
                .map_err(|e| io_problem(entry.path(), Code::IoWrite, "remove", e))?;
            removed += 1;
            if removed == 1 && stop == Some(Step::RemovingOld) {
                return Ok(());
            }
        }
    }
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    for folder in folders {
        std::fs::remove_dir(&folder)
            .map_err(|e| io_problem(&folder, Code::IoWrite, "remove", e))?;
    }
    if stop == Some(Step::OldEmptied) {
        return Ok(());
    }
    let _ = std::fs::remove_file(dir.join(MARKER_NEXT));
    std::fs::remove_file(dir.join(MARKER))
        .map_err(|e| io_problem(dir, Code::IoWrite, "remove the marker of", e))?;
    if stop == Some(Step::OldMarkerRemoved) {
        return Ok(());
    }
    std::fs::remove_dir(dir).map_err(|e| io_problem(dir, Code::IoWrite, "remove", e))
}

/// Writes files into a fresh folder as they come, from many threads at once. The
/// folder's marker is written first; each file's path is added to its list before
/// the file is written, so a build stopped at any moment leaves a folder whose
/// marker names everything in it. [`Writer::complete`] then lists every file's
/// size and hash.
struct Writer {
    dir: PathBuf,
    /// The project being built, named in the marker.
    project: Project,
    /// The folders of the last build (one, or the parts of a build split over
    /// machines), and their files by path with the folder they are in (its index)
    /// and their sizes and hashes, for [`Writer::keep`].
    previous_dirs: Vec<PathBuf>,
    previous: BTreeMap<String, (usize, u64, u64)>,
    state: std::sync::Mutex<WriterState>,
}

struct WriterState {
    /// The marker, open for adding a line per file.
    marker: File,
    /// Each path taken, in lower case: two files must not differ only in case.
    taken: BTreeSet<String>,
    folders: BTreeSet<PathBuf>,
    written: BTreeMap<String, (u64, u64)>,
}

impl Writer {
    fn create(
        dir: &Path,
        project: Project,
        previous_dirs: Vec<PathBuf>,
        previous: BTreeMap<String, (usize, u64, u64)>,
    ) -> Result<Writer, Problem> {
        std::fs::create_dir(dir).map_err(|e| io_problem(dir, Code::IoWrite, "create", e))?;
        let planned = marker_text(LIST_WRITING, project, std::iter::empty());
        let written = std::fs::write(dir.join(MARKER), planned)
            .and_then(|()| OpenOptions::new().append(true).open(dir.join(MARKER)));
        let marker = written.map_err(|e| io_problem(dir, Code::IoWrite, "write into", e))?;
        Ok(Writer {
            dir: dir.to_path_buf(),
            project,
            previous_dirs,
            previous,
            state: std::sync::Mutex::new(WriterState {
                marker,
                taken: BTreeSet::new(),
                folders: BTreeSet::new(),
                written: BTreeMap::new(),
            }),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, WriterState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Checks `path`, adds it to the marker's list and makes its folder; returns
    /// where the file goes. `own` allows pawprint's own names.
    fn claim(&self, path: &str, own: bool) -> Result<PathBuf, Problem> {
        check_path(path, own)?;
        let mut state = self.state();
        if !state.taken.insert(path.to_lowercase()) {
            return Err(same_path(path));
        }
        state
            .marker
            .write_all(format!("- - {path}\n").as_bytes())
            .map_err(|e| io_problem(&self.dir, Code::IoWrite, "write into", e))?;
        let target = self.dir.join(path);
        if let Some(folder) = Path::new(path)
            .parent()
            .filter(|f| !f.as_os_str().is_empty())
            && !state.folders.contains(folder)
        {
            let full = self.dir.join(folder);
            std::fs::create_dir_all(&full)
                .map_err(|e| io_problem(&full, Code::IoWrite, "create", e))?;
            let mut known = Some(folder);
            while let Some(f) = known.filter(|f| !f.as_os_str().is_empty()) {
                state.folders.insert(f.to_path_buf());
                known = f.parent();
            }
        }
        Ok(target)
    }

    /// Writes one file.
    fn put(&self, file: OutputFile, own: bool) -> Result<(), Problem> {
        let target = self.claim(&file.path, own)?;
        let write = |bytes: &[u8]| {
            std::fs::write(&target, bytes)
                .map(|()| {
                    let mut hasher = Hasher::new();
                    hasher.add(bytes);
                    (bytes.len() as u64, hasher.finish())
                })
                .map_err(|e| io_problem(&target, Code::IoWrite, "write", e))
        };
        let written = match &file.contents {
            Contents::Bytes(bytes) => write(bytes)?,
            Contents::BuiltIn(bytes) => write(bytes)?,
            Contents::Copy(source) => copy_file(source, &target)?,
        };
        self.state().written.insert(file.path, written);
        Ok(())
    }

    /// Puts the last build's file `previous` in as `path`: a hard link where the
    /// file system allows, else a copy. Its size and hash are the ones the last
    /// build listed; before the swap, every byte of the last build is compared
    /// with them.
    fn keep(&self, path: &str, previous: &str) -> Result<(), Problem> {
        let listed = is_safe_relative(previous)
            .then(|| self.previous.get(previous).copied())
            .flatten();
        let Some(listed) = listed else {
            return Err(Problem::error(
                previous,
                "the last build does not list this file, so it cannot be reused",
            )
            .code(Code::OutputBadPath)
            .help(
                "this is a bug in pawprint; please report it. `build --no-reuse` gets round it",
            ));
        };
        let (folder, size, hash) = listed;
        let listed = (size, hash);
        let target = self.claim(path, false)?;
        let previous_dir = &self.previous_dirs[folder];
        let source = previous_dir.join(previous);
        if std::fs::hard_link(&source, &target).is_err() {
            let copied = copy_file(&source, &target)?;
            if copied != listed {
                return Err(strangers_problem(
                    previous_dir,
                    Code::OutputForeignFile,
                    &[Stranger::Changed(previous.to_string())],
                    format!(
                        "{} holds files changed since pawprint wrote them, so it was not replaced",
                        previous_dir.display()
                    ),
                ));
            }
        }
        self.state().written.insert(path.to_string(), listed);
        Ok(())
    }

    /// The bytes of the last build's file `previous`, when they are as that build
    /// listed them.
    fn kept_bytes(&self, previous: &str) -> Option<Vec<u8>> {
        let (folder, size, hash) = *is_safe_relative(previous)
            .then(|| self.previous.get(previous))
            .flatten()?;
        let mut bytes = Vec::new();
        open_source(&self.previous_dirs[folder].join(previous))
            .and_then(|mut file| file.read_to_end(&mut bytes))
            .ok()?;
        let mut hasher = Hasher::new();
        hasher.add(&bytes);
        ((bytes.len() as u64, hasher.finish()) == (size, hash)).then_some(bytes)
    }

    /// Lists every file with its size and hash in the marker: the folder is a
    /// complete build. Returns the list.
    fn complete(self) -> Result<BTreeMap<String, (u64, u64)>, Problem> {
        let state = self.state.into_inner().unwrap_or_else(|e| e.into_inner());
        drop(state.marker);
        write_marker(&self.dir, self.project, &state.written)?;
        Ok(state.written)
    }
}

/// Writes every file under `dir` (created fresh, with the marker first), as a
/// finished build of the project at `root`, without the swap.
#[cfg(test)]
fn write_tree(root: &Path, dir: &Path, files: &[OutputFile]) -> Result<(), Problem> {
    check_paths(files)?;
    let writer = Writer::create(dir, Project::of(root), Vec::new(), BTreeMap::new())?;
    files
        .par_iter()
        .try_for_each(|file| writer.put(file.clone(), false))?;
    writer.complete().map(|_| ())
}

/// Copies a plain file (see [`open_source`]) and returns its size and hash.
fn copy_file(source: &Path, target: &Path) -> Result<(u64, u64), Problem> {
    let mut from = open_source(source).map_err(|e| {
        Problem::error(source, format!("cannot copy {}: {e}", source.display())).code(Code::IoRead)
    })?;
    let mut to = File::create(target).map_err(|e| io_problem(target, Code::IoWrite, "write", e))?;
    let mut hasher = Hasher::new();
    let mut size = 0;
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let read = from
            .read(&mut buffer)
            .map_err(|e| io_problem(source, Code::IoRead, "read", e))?;
        if read == 0 {
            return Ok((size, hasher.finish()));
        }
        hasher.add(&buffer[..read]);
        to.write_all(&buffer[..read])
            .map_err(|e| io_problem(target, Code::IoWrite, "write", e))?;
        size += read as u64;
    }
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        // The marker lists one path a line.
        && !path.chars().any(char::is_control)
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

fn io_problem(path: &Path, code: Code, action: &str, error: std::io::Error) -> Problem {
    Problem::error(path, format!("cannot {action} {}: {error}", path.display())).code(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_relative_paths_only() {
        assert!(is_safe_relative("dogs/index.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a//b"));
        assert!(!is_safe_relative("a\\b"));
        assert!(!is_safe_relative("a\nb"));
    }

    #[test]
    fn dangerous_destinations_are_refused() {
        let project = tempfile::tempdir().unwrap();
        let root = project.path();
        std::fs::create_dir_all(root.join("content/dogs")).unwrap();
        std::fs::create_dir_all(root.join("themes")).unwrap();
        for bad in [
            ".",
            "..",
            "content",
            "content/dogs/out",
            "themes/x",
            ".git",
            "static/out",
            "templates",
            "templates/out",
            "packs",
        ] {
            assert!(
                destination(root, Path::new(bad)).is_err(),
                "{bad} should be refused"
            );
        }
        let abs_parent = root.parent().unwrap();
        assert!(destination(root, abs_parent).is_err());
        assert!(destination(root, Path::new("output")).is_ok());
        assert!(destination(root, Path::new("content/../public")).is_ok());
    }

    #[test]
    fn publish_swaps_and_never_removes_foreign_folders() {
        let place = tempfile::tempdir().unwrap();
        let out = place.path().join("site");
        let root = place.path();
        publish(root, &out, &[OutputFile::bytes("a/index.html", "one")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "one"
        );
        publish(root, &out, &[OutputFile::bytes("b.txt", "two")]).unwrap();
        assert!(!out.join("a").exists());
        assert!(out.join(MARKER).is_file());
        // Nothing is left beside it.
        let names: Vec<_> = std::fs::read_dir(place.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("site")]);

        let foreign = place.path().join("mine");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "keep me").unwrap();
        assert!(publish(root, &foreign, &[OutputFile::bytes("x.html", "x")]).is_err());
        assert_eq!(
            std::fs::read_to_string(foreign.join("notes.txt")).unwrap(),
            "keep me"
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_plain_files_are_opened_for_copying() {
        let place = tempfile::tempdir().unwrap();
        let plain = place.path().join("plain.png");
        std::fs::write(&plain, "png").unwrap();
        assert!(open_source(&plain).is_ok());
        let link = place.path().join("link.png");
        std::os::unix::fs::symlink(&plain, &link).unwrap();
        let err = open_source(&link).unwrap_err().to_string();
        assert!(err.contains("is not a plain file"), "{err}");
        assert!(open_source(place.path()).is_err());
        // A named pipe: opening it must neither wait for a writer nor be copied.
        let pipe = place.path().join("pipe.png");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(open_source(&pipe).is_err());
        }
    }

    #[test]
    fn the_hash_is_the_same_in_any_pieces_and_notices_any_change() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = {
            let mut h = Hasher::new();
            h.add(&bytes);
            h.finish()
        };
        for cut in [1, 3, 7, 8, 9, 64, 999] {
            let mut h = Hasher::new();
            for piece in bytes.chunks(cut) {
                h.add(piece);
            }
            assert_eq!(h.finish(), whole, "pieces of {cut}");
        }
        for at in [0, 5, 8, 500, 999] {
            let mut changed = bytes.clone();
            changed[at] ^= 0x80;
            let mut h = Hasher::new();
            h.add(&changed);
            assert_ne!(h.finish(), whole, "change at {at}");
        }
    }

    #[test]
    fn the_marker_reads_back_as_written() {
        let place = tempfile::tempdir().unwrap();
        let out = place.path().join("site");
        let files = [
            OutputFile::bytes("a b/c d.html", "one"),
            OutputFile::bytes("e.txt", ""),
        ];
        write_tree(place.path(), &out, &files).unwrap();
        let project = Project::of(place.path());
        let marker = Marker::read(&out).unwrap();
        assert_eq!(marker.project, Some(project));
        let folders = marker.listed.folders();
        let Some(listed) = marker.complete_of(project) else {
            panic!("no complete list");
        };
        let mut hasher = Hasher::new();
        hasher.add(b"one");
        assert_eq!(listed["a b/c d.html"], (3, hasher.finish()));
        assert_eq!(listed["e.txt"], (0, Hasher::new().finish()));
        assert_eq!(folders, BTreeSet::from(["a b".to_string()]));
        assert_eq!(Marker::read(&out).unwrap().complete_of(Project(1)), None);
        std::fs::write(out.join(MARKER), "").unwrap();
        assert_eq!(Marker::read(&out).unwrap().listed, Listed::Unknown);
    }

    #[test]
    fn duplicate_paths_are_refused_before_writing() {
        let place = tempfile::tempdir().unwrap();
        let out = place.path().join("site");
        let files = [
            OutputFile::bytes("A.html", "1"),
            OutputFile::bytes("a.html", "2"),
        ];
        assert!(publish(place.path(), &out, &files).is_err());
        assert!(!out.exists());
    }
}
