//! Whole-build figures, printed as medians of several runs:
//!
//! 1. scale: a generated library (`benches/library/`: about 900 words per
//!    article, a full handout, dog, cat and rabbit sections, tags) of 1,000
//!    articles, and of 10,000 when `BUILD_BENCH_SIZES=1000,10000`. For each: a cold
//!    full build, a site-only build (`papers = []`), both again with the search
//!    off (`[search] enabled = false`), a rebuild into the same output after
//!    editing one article, and `check`. Each runs the release binary as a
//!    child process, and its peak memory is that child's own (`wait4`), so one
//!    case's peak never hides another's. Output goes to /dev/shm when it is there.
//!    Then, in this process, where the time of one build goes (load, render, review);
//! 2. growth: one article with a growing body (0.5 to 8 MB) and one with a growing
//!    handout list (1,000 to 10,000 items, which cannot fit and must fail clearly),
//!    to show the work stays roughly linear;
//! 3. hostile shapes (0.5 to 4 MB): small headings that all want the same id, one
//!    long line of `*a* *a* ...`, unclosed `![` brackets, and images nested in
//!    each other's alt text. The cost per MB must stay flat;
//! 4. one long word in a handout field (4 to 256 KB): a web address or a word
//!    full of soft hyphens in `intro`, a plain word in the title; and images
//!    nested in each other's alt text pointing at a page (`](b)`, 25,000 to
//!    200,000 deep), which `check` reports once per image. Each through `check`
//!    in this process (load, lay out, review); the cost per KB (or per 1,000
//!    images) above the shipped article must stay flat or fall.
//!
//! Run: `cargo bench --bench build`. `BUILD_BENCH_RUNS` sets the runs per case
//! (default 5), `BUILD_BENCH_GROWTH=0` skips parts 2 to 4, `PAWPRINT_BIN` measures
//! another build of the binary, and `BUILD_BENCH_SIZES=` (empty) skips part 1.

#[path = "library/mod.rs"]
mod library;

#[path = "timing/mod.rs"]
mod timing;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use timing::{median, run, scratch, time};

fn copy_theme_and_config(to: &Path) {
    library::write_settings(to, true).unwrap();
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // Without its picture (the projects made here have no pictures/ folder).
    let shipped: String = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/dogs/anal-gland-leakage.md"),
    )
    .unwrap()
    .lines()
    .filter(|line| !line.starts_with("picture"))
    .map(|line| format!("{line}\n"))
    .collect();
    let runs: usize = std::env::var("BUILD_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let sizes: Vec<usize> = std::env::var("BUILD_BENCH_SIZES")
        .unwrap_or_else(|_| "1000".into())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    let binary =
        std::env::var("PAWPRINT_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_pawprint").into());

    // 1. Scale.
    for &articles in &sizes {
        scale(&binary, articles, runs);
    }
    if std::env::var("BUILD_BENCH_GROWTH").as_deref() == Ok("0") {
        return;
    }

    // 2. Growth.
    let project = tempfile::tempdir().unwrap();
    copy_theme_and_config(project.path());
    let dir = project.path().join("content/dogs");
    std::fs::create_dir_all(&dir).unwrap();
    let (front, _) = shipped.split_at(shipped.find("\n+++\n").unwrap() + 5);
    let paragraph = "Look at the glands each week, and call us if you see leaking or scooting. "
        .repeat(12)
        + "\n\n";
    println!("growth of one article's body (load + render, median of 3):");
    for mb in [0.5, 1.0, 2.0, 4.0, 8.0] {
        let body = paragraph.repeat((mb * 1024.0 * 1024.0 / paragraph.len() as f64) as usize);
        std::fs::write(dir.join("big.md"), format!("{front}{body}")).unwrap();
        let took = time(3, || {
            let library = pawprint_content::load::load(project.path()).unwrap();
            pawprint::build::render(&library).unwrap().files.len()
        });
        println!(
            "  {mb:>4} MB: {:>7.1} ms  ({:.1} ms per MB)",
            took.as_secs_f64() * 1000.0,
            took.as_secs_f64() * 1000.0 / mb
        );
    }
    std::fs::remove_file(dir.join("big.md")).unwrap();
    println!("growth of hostile shapes (load + render, median of 3):");
    type Shape = fn(usize) -> String;
    let shapes: [(&str, Shape); 4] = [
        ("`## a` headings", |bytes| "## a\n".repeat(bytes / 5)),
        ("one line of `*a* `", |bytes| "*a* ".repeat(bytes / 4)),
        ("unclosed `![`", |bytes| "![".repeat(bytes / 2)),
        ("nested images", |bytes| {
            let n = bytes / 10;
            format!("{}a{}", "![".repeat(n), "](x.png)".repeat(n))
        }),
    ];
    for (name, shape) in shapes {
        let mut per_mb = Vec::new();
        for mb in [0.5, 1.0, 2.0, 4.0] {
            let body = shape((mb * 1024.0 * 1024.0) as usize);
            std::fs::write(dir.join("shape.md"), format!("{front}{body}\n")).unwrap();
            let took = time(3, || {
                let library = pawprint_content::load::load(project.path()).unwrap();
                pawprint::build::render(&library).is_ok()
            });
            per_mb.push(format!(
                "{mb} MB {:.0} ms ({:.0} ms/MB)",
                took.as_secs_f64() * 1000.0,
                took.as_secs_f64() * 1000.0 / mb
            ));
        }
        println!("  {name:<20} {}", per_mb.join(", "));
    }
    std::fs::remove_file(dir.join("shape.md")).unwrap();
    println!("growth of one handout list (load + render, which fails: the handout cannot fit):");
    for items in [1000, 2000, 4000, 8000, 10000] {
        let list: Vec<String> = (0..items)
            .map(|i| format!("\"Tip number {i} for owners\""))
            .collect();
        let text = shipped.replacen(
            "prevention = [",
            &format!("prevention = [{}, ", list.join(", ")),
            1,
        );
        std::fs::write(dir.join("list.md"), text).unwrap();
        let took = time(3, || {
            let library = pawprint_content::load::load(project.path()).unwrap();
            pawprint::build::render(&library).is_err()
        });
        println!(
            "  {items:>6} items: {:>7.1} ms  ({:.2} ms per 1,000 items)",
            took.as_secs_f64() * 1000.0,
            took.as_secs_f64() * 1_000_000.0 / items as f64
        );
    }
    std::fs::remove_file(dir.join("list.md")).unwrap();
    long_words(project.path(), &shipped);
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory of this whole benchmark: {mb:.0} MB");
    }
}

/// Part 4: one long word in a handout field, and images nested in alt text that
/// `check` reports, each through `check` (median of 3), as the cost above the
/// shipped article.
fn long_words(project: &Path, shipped: &str) {
    let path = project.join("content/dogs/long.md");
    let check = || {
        let report = pawprint_review::check::check(project, false);
        report.files.len()
    };
    std::fs::write(&path, shipped).unwrap();
    let base = time(3, check);
    println!(
        "growth of one long word in a handout field (`check`, median of 3; the shipped article alone: {:.0} ms):",
        base.as_secs_f64() * 1000.0
    );
    type Field = fn(usize) -> String;
    let fields: [(&str, &str, Field); 3] = [
        ("web address in intro", "intro", |bytes| {
            format!(
                "https://x.example/{}",
                "a/".repeat(bytes.saturating_sub(18) / 2)
            )
        }),
        ("soft hyphens in intro", "intro", |bytes| {
            "aa\u{ad}".repeat(bytes / 4)
        }),
        ("plain word in the title", "title", |bytes| {
            "a".repeat(bytes)
        }),
    ];
    for (name, key, word) in fields {
        let mut figures = Vec::new();
        for kb in [4, 16, 64, 256] {
            let line = shipped
                .lines()
                .find(|l| l.starts_with(&format!("{key} = ")))
                .unwrap();
            let text = shipped.replacen(line, &format!("{key} = \"{}\"", word(kb * 1024)), 1);
            std::fs::write(&path, text).unwrap();
            let took = time(3, check).saturating_sub(base);
            figures.push(format!(
                "{kb} KB +{:.0} ms ({:.2} ms/KB)",
                took.as_secs_f64() * 1000.0,
                took.as_secs_f64() * 1000.0 / kb as f64
            ));
        }
        println!("  {name:<24} {}", figures.join(", "));
    }
    let (front, _) = shipped.split_at(shipped.find("\n+++\n").unwrap() + 5);
    let mut figures = Vec::new();
    for n in [25_000, 50_000, 100_000, 200_000] {
        let body = format!("{}a{}", "![".repeat(n), "](b)".repeat(n));
        std::fs::write(&path, format!("{front}{body}\n")).unwrap();
        let took = time(3, check).saturating_sub(base);
        figures.push(format!(
            "{}k +{:.0} ms ({:.2} ms per 1,000)",
            n / 1000,
            took.as_secs_f64() * 1000.0,
            took.as_secs_f64() * 1_000_000.0 / n as f64
        ));
    }
    println!("  {:<24} {}", "images nested, `](b)`", figures.join(", "));
    std::fs::remove_file(&path).unwrap();
}

/// One case's figures: the median time and the highest peak memory of its runs.
struct Figures {
    times: Vec<Duration>,
    peaks_mb: Vec<f64>,
}

impl Figures {
    fn new() -> Figures {
        Figures {
            times: Vec::new(),
            peaks_mb: Vec::new(),
        }
    }

    fn add(&mut self, (took, peak_mb): (Duration, f64)) {
        self.times.push(took);
        self.peaks_mb.push(peak_mb);
    }

    fn median(&self) -> Duration {
        median(self.times.clone())
    }

    fn line(&self, name: &str) -> String {
        let mut peaks = self.peaks_mb.clone();
        peaks.sort_by(f64::total_cmp);
        format!(
            "  {name:<28} {:>8.0} ms   peak {:>5.0} MiB   (median of {}; times {})",
            median(self.times.clone()).as_secs_f64() * 1000.0,
            peaks[peaks.len() / 2],
            self.times.len(),
            self.times
                .iter()
                .map(|t| format!("{:.0}", t.as_secs_f64() * 1000.0))
                .collect::<Vec<_>>()
                .join(" ")
        )
    }
}

/// The scale figures for a generated library of `articles` articles.
fn scale(binary: &str, articles: usize, runs: usize) {
    let project = scratch();
    let root = project.path().join("library");
    std::fs::create_dir_all(&root).unwrap();
    let generated = Instant::now();
    library::write_project(&root, articles, library::SEED, true).unwrap();
    let out: PathBuf = project.path().join("output");
    let arg = |s: &str| std::ffi::OsString::from(s);
    let build_args = [
        arg("build"),
        arg("--root"),
        root.clone().into_os_string(),
        arg("--output"),
        out.clone().into_os_string(),
    ];
    let build_args: Vec<&std::ffi::OsStr> = build_args.iter().map(|a| a.as_os_str()).collect();
    let check_args = [arg("check"), arg("--root"), root.clone().into_os_string()];
    let check_args: Vec<&std::ffi::OsStr> = check_args.iter().map(|a| a.as_os_str()).collect();
    println!(
        "scale: {articles} generated articles ({} ms to write), {runs} runs per case, output in {}",
        generated.elapsed().as_millis(),
        project.path().display()
    );

    let (mut cold, mut edit, mut site, mut check) = (
        Figures::new(),
        Figures::new(),
        Figures::new(),
        Figures::new(),
    );
    let (mut cold_unsearched, mut site_unsearched) = (Figures::new(), Figures::new());
    let search_off = |papers: bool| {
        library::write_settings(&root, papers).unwrap();
        let settings = root.join("site.toml");
        let text = std::fs::read_to_string(&settings).unwrap();
        std::fs::write(&settings, format!("{text}\n[search]\nenabled = false\n")).unwrap();
    };
    let edited = root.join(format!(
        "content/{}.md",
        library::article_path(articles / 2)
    ));
    for round in 0..runs {
        // Interleaved, so a busy moment of the machine spreads over every case.
        let _ = std::fs::remove_dir_all(&out);
        cold.add(run(binary, &build_args).wall_and_peak());
        std::fs::write(&edited, library::edited(library::SEED, articles / 2, round)).unwrap();
        edit.add(run(binary, &build_args).wall_and_peak());
        check.add(run(binary, &check_args).wall_and_peak());
        library::write_settings(&root, false).unwrap();
        let _ = std::fs::remove_dir_all(&out);
        site.add(run(binary, &build_args).wall_and_peak());
        // The same two with the search turned off: what the index costs.
        search_off(true);
        let _ = std::fs::remove_dir_all(&out);
        cold_unsearched.add(run(binary, &build_args).wall_and_peak());
        search_off(false);
        let _ = std::fs::remove_dir_all(&out);
        site_unsearched.add(run(binary, &build_args).wall_and_peak());
        library::write_settings(&root, true).unwrap();
    }
    println!("{}", cold.line("cold full build"));
    println!("{}", cold_unsearched.line("  the same, search off"));
    println!("{}", site.line("site only (papers = [])"));
    println!("{}", site_unsearched.line("  the same, search off"));
    println!("{}", edit.line("rebuild after one edit"));
    println!("{}", check.line("check"));

    // The same library in two languages: every article translated. A site in two
    // languages may cost up to twice a site in one.
    std::fs::write(&edited, library::article(library::SEED, articles / 2)).unwrap();
    library::write_translations(&root, articles, library::SEED).unwrap();
    let mut two = Figures::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&out);
        two.add(run(binary, &build_args).wall_and_peak());
    }
    println!("{}", two.line("cold full build, English + Spanish"));
    println!(
        "  two languages cost {:.2}x one (goal: at most 2x)",
        two.median().as_secs_f64() / cold.median().as_secs_f64()
    );
    for i in 0..articles {
        let path = root.join(format!("content/{}.es.md", library::article_path(i)));
        std::fs::remove_file(path).unwrap();
    }

    // Where one build's time goes, in this process.
    let library = pawprint_content::load::load(&root).unwrap();
    let load = time(runs, || pawprint_content::load::load(&root).unwrap());
    let render = time(runs, || pawprint::build::render(&library).unwrap());
    let pages = time(runs, || pawprint_site::render(&library, &[]).unwrap());
    let rendered = pawprint::build::render(&library).unwrap();
    let page_count = rendered
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    let review = time(runs, || {
        pawprint_review::check::review(&library, Some(&rendered))
    });
    println!(
        "  of which: load {:.0} ms, render {:.0} ms (the {page_count} web pages alone: {:.0} ms, {:.0} pages/s), the review that keeps check's errors out {:.0} ms, writing the rest; {} threads",
        load.as_secs_f64() * 1000.0,
        render.as_secs_f64() * 1000.0,
        pages.as_secs_f64() * 1000.0,
        page_count as f64 / pages.as_secs_f64(),
        review.as_secs_f64() * 1000.0,
        rayon::current_num_threads(),
    );
}
