//! Timing helpers shared by the benches: medians of several runs, and a child
//! process's own time and peak memory.

#![allow(dead_code)]

use std::process::Command;
use std::time::{Duration, Instant};

/// The median of `times` (the upper one of the two middle values).
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The median wall-clock time of `runs` calls of `f`.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
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

/// What one run of a child process took.
pub struct Run {
    /// Time on the clock, from start to exit.
    pub wall: Duration,
    /// CPU time on every thread, user and system: unlike the clock, it does not
    /// grow when other programs share the machine.
    pub cpu: Duration,
    /// The child's own peak memory (maximum resident set), in MiB.
    pub peak_mb: f64,
}

impl Run {
    /// The time on the clock and the peak memory.
    pub fn wall_and_peak(&self) -> (Duration, f64) {
        (self.wall, self.peak_mb)
    }
}

/// Runs `binary` with `args` as a child process, standard output thrown away.
/// Panics if it fails.
pub fn run(binary: &str, args: &[&std::ffi::OsStr]) -> Run {
    let started = Instant::now();
    let child = Command::new(binary)
        .args(args)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (ok, cpu, peak_kb) = wait_with_usage(child);
    let wall = started.elapsed();
    assert!(ok, "{binary} {args:?} failed");
    Run {
        wall,
        cpu,
        peak_mb: peak_kb as f64 / 1024.0,
    }
}

/// Waits for `child` and reads its own resource use: whether it succeeded, its
/// CPU time and its peak memory in KiB. `wait4` gives this one child's figures,
/// where `getrusage(RUSAGE_CHILDREN)` would give the largest of all children so
/// far.
#[cfg(target_os = "linux")]
fn wait_with_usage(child: std::process::Child) -> (bool, Duration, u64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, and wait4 writes it for a child we own and
    // have not waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    (ok, cpu, usage.ru_maxrss as u64)
}

#[cfg(not(target_os = "linux"))]
fn wait_with_usage(mut child: std::process::Child) -> (bool, Duration, u64) {
    (child.wait().unwrap().success(), Duration::ZERO, 0)
}

/// A scratch folder, in memory (/dev/shm) when the machine has one, so the disk's
/// own pace does not swamp the figures.
pub fn scratch() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}
