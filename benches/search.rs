//! What the site search costs, at 1,000 articles, on two libraries:
//!
//! - **the sample's kind**: the shipped article 1,000 times, each with its own
//!   title (about 1,400 words, 420 of them different, as a clinic writes);
//! - **harder**: the same, each with a paragraph of 400 more words drawn from
//!   20,000 made-up words (about 1,800 words, 800 different): twice the different
//!   words an article, and a big vocabulary for the index to store.
//!
//! 1. the time the search adds to a whole build (budget: at most 20%, checked on
//!    the sample's kind; the harder library's figure is printed beside it): cold
//!    full builds (`pawprint build --no-reuse`, both papers, pictures, packs) of
//!    the same project with the search on and off (`[search] enabled = false`),
//!    one after the other, as child processes. Checked on the time on the clock,
//!    the time a clinic waits; the CPU time (every thread) and peak memory of each
//!    build are printed beside it;
//! 2. the bytes a first search downloads (budget: at most 300 KB, checked on the
//!    harder library, whose index is bigger): the search box's script,
//!    Pagefind's script and worker, its entry file, the language's WebAssembly
//!    reader, the index's meta file, every filter file, the largest index chunk
//!    and the ten largest fragments (one per result the box shows), so an upper
//!    bound;
//! 3. the whole index's size, on the harder library.
//!
//! Run: `cargo bench --bench search` (`SEARCH_BENCH_RUNS` sets the runs of each
//! build, default 5). The budgets are checked here, not in a test: the bench exits
//! with an error when one is missed.

#[path = "timing/mod.rs"]
mod timing;
use std::path::Path;
use std::time::Duration;
use timing::{median, run, scratch};

const ARTICLES: usize = 1000;
const TIME_BUDGET: f64 = 0.20;
const BYTES_BUDGET: u64 = 300 * 1024;

fn copy_config(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("site.toml"), to.join("site.toml")).unwrap();
}

/// A made-up word for each number: syllables, so the words look like words to
/// the stemmer and do not share a stem.
fn word(mut n: usize) -> String {
    const SYLLABLES: &[&str] = &[
        "ba", "ke", "lo", "mi", "nu", "pa", "re", "si", "to", "vu", "dra", "fen", "gor", "hil",
        "jas", "kum", "lep", "mor", "nis", "pol",
    ];
    let mut out = String::new();
    for _ in 0..4 {
        out.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    out
}

/// A small, fixed pseudo-random sequence, so every run indexes the same words.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

/// A project of [`ARTICLES`] copies of the shipped article, each with its own
/// title, and with `more_words`, a paragraph of 400 made-up words each.
fn library(shipped: &str, more_words: bool) -> tempfile::TempDir {
    let project = scratch();
    copy_config(project.path());
    let mut random = Lcg(12);
    let title = |i: usize| {
        shipped.replace(
            "Why Your Dog's Anal Glands Leak",
            &format!("Why Your Dog's Anal Glands Leak, part {i}"),
        )
    };
    for i in 0..ARTICLES {
        let dir = project.path().join(format!("content/topic-{}", i % 20));
        std::fs::create_dir_all(&dir).unwrap();
        if !more_words {
            std::fs::write(dir.join(format!("article-{i}.md")), title(i)).unwrap();
            continue;
        }
        // Common words often, rare words seldom, as in real text.
        let words: Vec<String> = (0..400)
            .map(|_| {
                let a = random.next() % 20_000;
                let b = random.next() % 20_000;
                word(a.min(b))
            })
            .collect();
        let text = title(i) + "\n\n" + &words.join(" ") + ".\n";
        std::fs::write(dir.join(format!("article-{i}.md")), text).unwrap();
    }

    project
}

/// Builds the project at `root` cold, `runs` times with the search and `runs`
/// times without, prints the figures under `name`, and returns how much longer
/// on the clock a build with the search takes (0.2 for 20%).
fn added_time(name: &str, root: &Path, runs: usize) -> f64 {
    let binary = env!("CARGO_BIN_EXE_pawprint");
    let settings = root.join("site.toml");
    let on = std::fs::read_to_string(&settings).unwrap();
    let off = format!("{on}\n[search]\nenabled = false\n");
    let args = [
        std::ffi::OsString::from("build"),
        "--quiet".into(),
        "--no-reuse".into(),
        "--root".into(),
        root.into(),
    ];
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let (mut with, mut without) = (Vec::new(), Vec::new());
    // One after the other, so a slower spell of the machine falls on both.
    for _ in 0..runs {
        std::fs::write(&settings, &off).unwrap();
        without.push(run(binary, &args));
        std::fs::write(&settings, &on).unwrap();
        with.push(run(binary, &args));
    }
    let wall = |runs: &[timing::Run]| median(runs.iter().map(|r| r.wall).collect());
    let cpu = |runs: &[timing::Run]| median(runs.iter().map(|r| r.cpu).collect());
    let peak = |runs: &[timing::Run]| {
        let mut peaks: Vec<f64> = runs.iter().map(|r| r.peak_mb).collect();
        peaks.sort_by(f64::total_cmp);
        peaks[peaks.len() / 2]
    };
    let added = |on: Duration, off: Duration| on.as_secs_f64() / off.as_secs_f64() - 1.0;
    let share = added(wall(&with), wall(&without));
    let cpu_share = added(cpu(&with), cpu(&without));
    let s = |d: Duration| d.as_secs_f64();
    println!(
        "search, {ARTICLES} articles, {name}: cold full builds, medians of {runs}: {:.2} s with the search, {:.2} s without: the search adds {:.1}% on the clock",
        s(wall(&with)),
        s(wall(&without)),
        share * 100.0,
    );
    println!(
        "  CPU time (every thread): {:.2} s with, {:.2} s without: +{:.1}%; peak memory {:.0} MiB with, {:.0} MiB without",
        s(cpu(&with)),
        s(cpu(&without)),
        cpu_share * 100.0,
        peak(&with),
        peak(&without),
    );
    share
}

fn main() {
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/dogs/anal-gland-leakage.md"),
    )
    .unwrap();
    let runs: usize = std::env::var("SEARCH_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let sample = library(&shipped, false);
    let share = added_time("the sample's kind", sample.path(), runs);
    let project = library(&shipped, true);
    let harder = added_time("harder", project.path(), runs);
    println!(
        "  the budget ({:.0}%) is checked on the sample's kind: {:.1}%; the harder library: {:.1}%",
        TIME_BUDGET * 100.0,
        share * 100.0,
        harder * 100.0
    );
    let out = project.path().join("output");
    let bundle = out.join("pagefind");
    let mut total = 0;
    let (mut fixed, mut filters, mut chunks, mut fragments) = (0, 0, Vec::new(), Vec::new());
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&bundle) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let size = entry.metadata().unwrap().len();
        let name = entry.file_name().to_string_lossy().to_string();
        total += size;
        count += 1;
        if name == "pagefind.js"
            || name == "pagefind-worker.js"
            || name == "pagefind-entry.json"
            || name.ends_with(".pf_meta")
            || name == "wasm.en.pagefind"
        {
            fixed += size;
        } else if name.ends_with(".pf_filter") {
            filters += size;
        } else if name.ends_with(".pf_index") {
            chunks.push(size);
        } else if name.ends_with(".pf_fragment") {
            fragments.push(size);
        }
    }
    let script = std::fs::metadata(out.join("search.js")).unwrap().len();
    chunks.sort_unstable_by(|a, b| b.cmp(a));
    fragments.sort_unstable_by(|a, b| b.cmp(a));
    let first = script
        + fixed
        + filters
        + chunks.first().copied().unwrap_or(0)
        + fragments.iter().take(10).sum::<u64>();
    println!(
        "  a first search downloads at most {:.0} KB (budget {:.0} KB): search.js {:.1} KB, Pagefind's script, worker, entry, reader and meta {:.0} KB, filters {:.1} KB, one index chunk {:.1} KB, ten fragments {:.1} KB",
        first as f64 / 1024.0,
        BYTES_BUDGET as f64 / 1024.0,
        script as f64 / 1024.0,
        fixed as f64 / 1024.0,
        filters as f64 / 1024.0,
        chunks.first().copied().unwrap_or(0) as f64 / 1024.0,
        fragments.iter().take(10).sum::<u64>() as f64 / 1024.0,
    );
    println!(
        "  the whole index: {:.0} KB in {count} files ({} index chunks, {} fragments)",
        total as f64 / 1024.0,
        chunks.len(),
        fragments.len()
    );
    let mut over = Vec::new();
    if share > TIME_BUDGET {
        over.push(format!(
            "the search adds {:.1}% to a whole build's time",
            share * 100.0
        ));
    }
    if first > BYTES_BUDGET {
        over.push(format!("a first search downloads {first} bytes"));
    }
    if over.is_empty() {
        println!("  both budgets are met");
    } else {
        eprintln!("over budget: {}", over.join("; "));
        std::process::exit(1);
    }
}
