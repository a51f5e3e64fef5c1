//! `pawprint serve`, two ways:
//!
//! 1. reload: on a generated library (`benches/library/`) of 1,000 articles, and
//!    of 10,000 with `SERVE_BENCH_SIZES=1000,10000`, the time from one article
//!    saved to the reload event on an open page's event stream, and the server's
//!    peak memory;
//! 2. downloads: twenty parallel downloads of a 100 MB file, and the time the home
//!    page takes meanwhile. Prints the server's peak memory (VmHWM, Linux) and the
//!    home page's latency, per run and as medians.
//!
//! `cargo bench --bench serve`. `SERVE_BENCH=reload` or `downloads` runs one part
//! only. Set `PAWPRINT_BIN` to measure another build of the binary;
//! `SERVE_BENCH_RUNS` to change the number of runs (default 5). Talks only to
//! 127.0.0.1, and every loop ends with the downloads.

#[path = "library/mod.rs"]
mod library;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FILE_SIZE: usize = 100 * 1024 * 1024;
const DOWNLOADS: usize = 20;

fn main() {
    let runs: usize = std::env::var("SERVE_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let binary =
        std::env::var("PAWPRINT_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_pawprint").into());
    let part = std::env::var("SERVE_BENCH").unwrap_or_default();
    if part != "downloads" {
        let sizes: Vec<usize> = std::env::var("SERVE_BENCH_SIZES")
            .unwrap_or_else(|_| "1000".into())
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect();
        for articles in sizes {
            reload(&binary, articles, runs.max(5));
        }
    }
    if part == "reload" {
        return;
    }
    let project = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.toml"), project.path().join("site.toml")).unwrap();
    copy_tree(&repo.join("content"), &project.path().join("content"));
    copy_tree(&repo.join("pictures"), &project.path().join("pictures"));
    let block: Vec<u8> = (0..1024 * 1024).map(|i| (i % 251) as u8).collect();
    let mut big = std::fs::File::create(project.path().join("content/dogs/x-ray.bin")).unwrap();
    for _ in 0..FILE_SIZE / block.len() {
        big.write_all(&block).unwrap();
    }
    drop(big);
    // content/ publishes only what an article links to.
    let article = project.path().join("content/dogs/anal-gland-leakage.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{text}\n[The x-ray](x-ray.bin)\n")).unwrap();

    println!("serve: {DOWNLOADS} parallel downloads of a 100 MB file, {runs} runs, {binary}");
    let mut peaks = Vec::new();
    let mut medians = Vec::new();
    let mut worsts = Vec::new();
    for run in 1..=runs {
        let (peak_mb, latencies, took) = one_run(&binary, project.path());
        let median = median(&latencies);
        let worst = latencies.iter().copied().fold(0.0, f64::max);
        println!(
            "run {run}: peak memory {peak_mb:.0} MB; `/` answered {} times, median {median:.1} ms, slowest {worst:.1} ms; downloads took {:.1} s",
            latencies.len(),
            took.as_secs_f64()
        );
        peaks.push(peak_mb);
        medians.push(median);
        worsts.push(worst);
    }
    println!(
        "median of {runs} runs: peak memory {:.0} MB; `/` median {:.1} ms, slowest {:.1} ms",
        median(&peaks),
        median(&medians),
        median(&worsts)
    );
}

/// Times one article saved to the reload event, `runs` times, on a server of a
/// generated library of `articles` articles.
fn reload(binary: &str, articles: usize, runs: usize) {
    let shm = Path::new("/dev/shm");
    let project = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    library::write_project(project.path(), articles, library::SEED, true).unwrap();
    let started = Instant::now();
    let (mut child, port) = start(binary, project.path());
    let first = started.elapsed();
    let which = articles / 2;
    let file = project
        .path()
        .join(format!("content/{}.md", library::article_path(which)));
    let mut times = Vec::new();
    for round in 0..runs {
        let mut stream = events(port);
        let edit = Instant::now();
        std::fs::write(&file, library::edited(library::SEED, which, round)).unwrap();
        wait_for_reload(&mut stream);
        times.push(edit.elapsed().as_secs_f64() * 1000.0);
        // Let the server settle before the next save.
        std::thread::sleep(Duration::from_millis(300));
    }
    let peak = peak_kb(child.id()) as f64 / 1024.0;
    let _ = child.kill();
    let _ = child.wait();
    println!(
        "serve reload, {articles} articles: first build {:.0} ms; one article saved to its reload event: median {:.0} ms of {runs} ({}); peak memory {peak:.0} MiB",
        first.as_secs_f64() * 1000.0,
        median(&times),
        times
            .iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// Opens the event stream an open page listens on, and reads its first message
/// (the retry time), so it is ready to hear the next build.
fn events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(600)))
        .unwrap();
    write!(
        stream,
        "GET /__pawprint/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while !line.starts_with("retry:") {
        line.clear();
        assert!(reader.read_line(&mut line).unwrap() > 0, "the event stream");
    }
    reader
}

/// Reads the event stream until it says to reload.
fn wait_for_reload(stream: &mut BufReader<TcpStream>) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            stream.read_line(&mut line).unwrap() > 0,
            "the event stream ended"
        );
        if line.starts_with("data: reload") {
            return;
        }
    }
}

/// Starts a server, runs the downloads and the home page requests, and returns
/// the peak memory in MB, the home page's latencies in ms, and the downloads' time.
fn one_run(binary: &str, project: &Path) -> (f64, Vec<f64>, Duration) {
    let (mut child, port) = start(binary, project);
    let started = Instant::now();
    let downloads: Vec<_> = (0..DOWNLOADS)
        .map(|_| std::thread::spawn(move || download(port, "/dogs/x-ray.bin")))
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    let mut latencies = Vec::new();
    while !downloads.iter().all(|d| d.is_finished()) {
        let asked = Instant::now();
        let got = download(port, "/");
        assert!(got > 1000, "the home page");
        latencies.push(asked.elapsed().as_secs_f64() * 1000.0);
        std::thread::sleep(Duration::from_millis(20));
    }
    for d in downloads {
        assert_eq!(d.join().unwrap(), FILE_SIZE, "a whole download");
    }
    let took = started.elapsed();
    let peak = peak_kb(child.id()) as f64 / 1024.0;
    let _ = child.kill();
    let _ = child.wait();
    (peak, latencies, took)
}

fn start(binary: &str, project: &Path) -> (Child, u16) {
    let mut child = Command::new(binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(project)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.strip_prefix("Serving at http://127.0.0.1:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep reading so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, port)
}

/// Downloads `path` and returns how many body bytes came.
fn download(port: u16, path: &str) -> usize {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::with_capacity(256 * 1024, stream);
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        assert!(reader.read_line(&mut head).unwrap() > 0, "{head}");
    }
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let mut total = 0;
    let mut piece = vec![0; 256 * 1024];
    loop {
        let n = reader.read(&mut piece).unwrap();
        if n == 0 {
            return total;
        }
        total += n;
    }
}

fn peak_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[sorted.len() / 2]
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
