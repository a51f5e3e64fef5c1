//! What the site search costs, at 1,000 articles:
//!
//! 1. the build time the search index adds, against a whole build without it
//!    (budget: at most 20%): the render with the index less the render without it
//!    (the index is made beside the handouts), plus writing the index's files;
//! 2. the bytes a first search downloads (budget: at most 300 KB): the search
//!    box's script, Pagefind's script and worker, its entry file, the language's
//!    WebAssembly reader, the index's meta file, every filter file, the largest
//!    index chunk and the ten largest fragments (one per result the box shows), so
//!    an upper bound;
//! 3. the whole index's size.
//!
//! The articles are the shipped one, each with its own title and a paragraph of
//! 400 words drawn from 20,000 made-up words, so the index has a real vocabulary
//! to store rather than 1,000 copies of the same words.
//!
//! Run: `cargo bench --bench search`. The budgets are checked here, not in a test.

#[path = "timing/mod.rs"]
mod timing;
use std::path::Path;
use std::time::Duration;
use timing::{median, time};

const ARTICLES: usize = 1000;
const RUNS: usize = 3;
const TIME_BUDGET: f64 = 0.20;
const BYTES_BUDGET: u64 = 300 * 1024;

fn copy_theme_and_config(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("site.toml"), to.join("site.toml")).unwrap();
    for entry in walkdir::WalkDir::new(root.join("themes")) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(root).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The CPU time this process has used so far, on every thread, user and system:
/// unlike the time on the clock, it does not grow when other programs share the
/// machine.
fn cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to fill in.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// The median CPU time of `runs` calls of `f`.
fn cpu<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = cpu_time();
                std::hint::black_box(f());
                cpu_time() - start
            })
            .collect(),
    )
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

fn main() {
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/dogs/anal-gland-leakage.md"),
    )
    .unwrap();
    let project = tempfile::tempdir().unwrap();
    copy_theme_and_config(project.path());
    let mut random = Lcg(12);
    for i in 0..ARTICLES {
        let dir = project.path().join(format!("content/topic-{}", i % 20));
        std::fs::create_dir_all(&dir).unwrap();
        // Common words often, rare words seldom, as in real text.
        let words: Vec<String> = (0..400)
            .map(|_| {
                let a = random.next() % 20_000;
                let b = random.next() % 20_000;
                word(a.min(b))
            })
            .collect();
        let text = shipped.replace(
            "Why Your Dog's Anal Glands Leak",
            &format!("Why Your Dog's Anal Glands Leak, part {i}"),
        ) + "\n\n"
            + &words.join(" ")
            + ".\n";
        std::fs::write(dir.join(format!("article-{i}.md")), text).unwrap();
    }

    let out = project.path().join("output");
    let build = time(RUNS, || {
        pawprint::build(project.path(), Some(&out)).unwrap()
    });
    let library = pawprint::load::load(project.path()).unwrap();
    let search = time(RUNS, || {
        pawprint::site::search_indexes(&library).unwrap().len()
    });
    // What the search adds to a build: the render with it, less the same render
    // without it (the handouts, then the pages), plus writing its files.
    let with = time(RUNS, || {
        pawprint::build::render(&library).unwrap().files.len()
    });
    let without = time(RUNS, || {
        let sink = pawprint::site_file::Collected::default();
        let mut handouts = Vec::new();
        for edition in library.editions() {
            let made = pawprint::handout::render(edition, &sink, None, true).unwrap();
            handouts.extend(made.handouts);
        }
        sink.into_files().len() + pawprint::site::render(&library, &handouts).unwrap().len()
    });
    let index = pawprint::site::search_indexes(&library).unwrap();
    let scratch = tempfile::tempdir_in(project.path()).unwrap();
    let write = time(RUNS, || {
        let dir = tempfile::tempdir_in(scratch.path()).unwrap();
        for file in &index {
            let path = dir.path().join(&file.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            if let pawprint::site_file::Contents::Bytes(bytes) = &file.contents {
                std::fs::write(path, bytes).unwrap();
            }
        }
        dir
    });
    let added = with.saturating_sub(without) + write;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let wall_share = added.as_secs_f64() / build.saturating_sub(added).as_secs_f64();
    println!(
        "search: {ARTICLES} articles: on the clock, a whole build takes {:.0} ms, of which the search adds {:.0} ms (render {:.0} ms with it, {:.0} ms without; writing its files {:.0} ms) = {:.1}% more than a build without it (budget {:.0}%). Made alone, the index takes {:.0} ms on one thread. Medians of {RUNS}, on {} threads.",
        ms(build),
        ms(added),
        ms(with),
        ms(without),
        ms(write),
        wall_share * 100.0,
        TIME_BUDGET * 100.0,
        ms(search),
        rayon::current_num_threads(),
    );

    // The same in CPU time, which other programs on the machine do not skew: the
    // whole build's, and the index's (made alone, on one thread).
    let build_cpu = cpu(RUNS, || {
        pawprint::build(project.path(), Some(&out)).unwrap()
    });
    let search_cpu = cpu(RUNS, || {
        pawprint::site::search_indexes(&library).unwrap().len()
    });
    let share = search_cpu.as_secs_f64() / build_cpu.saturating_sub(search_cpu).as_secs_f64();
    println!(
        "  in CPU time: a whole build {:.0} ms, of which the search index {:.0} ms = {:.1}% more than a build without it (budget {:.0}%)",
        ms(build_cpu),
        ms(search_cpu),
        share * 100.0,
        TIME_BUDGET * 100.0,
    );
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
            "the search index adds {:.1}% to the build's CPU time",
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
