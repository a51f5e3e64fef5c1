//! Whole-build figures, printed as medians of several runs:
//!
//! 1. throughput: a project of 1,000 articles (copies of the shipped one), built
//!    with every handout, on all cores;
//! 2. growth: one article with a growing body (0.5 to 8 MB) and one with a growing
//!    handout list (1,000 to 10,000 items, which cannot fit and must fail clearly),
//!    to show the work stays roughly linear;
//! 3. hostile shapes (0.5 to 4 MB): small headings that all want the same id, one
//!    long line of `*a* *a* ...`, unclosed `![` brackets, and images nested in
//!    each other's alt text. The cost per MB must stay flat.
//!
//! Run: `cargo bench --bench build`

use std::path::Path;
use std::time::{Duration, Instant};

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

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/dogs/anal-gland-leakage.md"),
    )
    .unwrap();

    // 1. Throughput.
    let project = tempfile::tempdir().unwrap();
    copy_theme_and_config(project.path());
    let articles = 1000;
    for i in 0..articles {
        let dir = project.path().join(format!("content/topic-{}", i % 20));
        std::fs::create_dir_all(&dir).unwrap();
        let text = shipped.replace(
            "Why Your Dog's Anal Glands Leak",
            &format!("Why Your Dog's Anal Glands Leak, part {i}"),
        );
        std::fs::write(dir.join(format!("article-{i}.md")), text).unwrap();
    }
    let out = project.path().join("output");
    let mut report = None;
    let took = time(5, || {
        report = Some(pawprint::build(project.path(), Some(&out)).unwrap())
    });
    let report = report.unwrap();
    let threads = rayon::current_num_threads();
    println!(
        "build: {articles} articles -> {} pages + {} handouts in {:.0} ms (median of 5) on {threads} threads: {:.0} pages/s, {:.0} handouts/s",
        report.pages,
        report.handouts,
        took.as_secs_f64() * 1000.0,
        report.pages as f64 / took.as_secs_f64(),
        report.handouts as f64 / took.as_secs_f64(),
    );
    let library = pawprint::load::load(project.path()).unwrap();
    let load = time(5, || pawprint::load::load(project.path()).unwrap());
    let render = time(5, || pawprint::build::render(&library).unwrap());
    let pages = time(5, || pawprint::site::render(&library, &[]).unwrap());
    let rendered = pawprint::build::render(&library).unwrap();
    let review = time(5, || pawprint::check::review(&library, Some(&rendered)));
    println!(
        "  of which: load {:.0} ms, render {:.0} ms (the web pages alone: {:.0} ms, {:.0} pages/s), the review that keeps check's errors out {:.0} ms, writing the rest",
        load.as_secs_f64() * 1000.0,
        render.as_secs_f64() * 1000.0,
        pages.as_secs_f64() * 1000.0,
        report.pages as f64 / pages.as_secs_f64(),
        review.as_secs_f64() * 1000.0,
    );

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
            let library = pawprint::load::load(project.path()).unwrap();
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
                let library = pawprint::load::load(project.path()).unwrap();
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
            let library = pawprint::load::load(project.path()).unwrap();
            pawprint::build::render(&library).is_err()
        });
        println!(
            "  {items:>6} items: {:>7.1} ms  ({:.2} ms per 1,000 items)",
            took.as_secs_f64() * 1000.0,
            took.as_secs_f64() * 1_000_000.0 / items as f64
        );
    }
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory of this whole benchmark: {mb:.0} MB");
    }
}
