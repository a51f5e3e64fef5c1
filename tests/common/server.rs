//! A running `pawprint serve`, and plain HTTP/1.1 requests to it, for the tests
//! of the preview server and of the content editor's backend. Every wait is
//! bounded in time, and every request goes to loopback.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `pawprint serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    /// The lines it prints after its address.
    pub lines: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// True while the server process runs.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// The next line `serve` prints that contains `part`, within 20 seconds.
    pub fn next_line(&self, part: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let line = self
                .lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("serve printed no line with {part:?} in time"));
            if line.contains(part) {
                return line;
            }
        }
    }
}

/// Starts `pawprint serve` on a free port for the project at `root`.
pub fn serve(root: &Path) -> Server {
    serve_with(root, &[])
}

/// Starts `pawprint serve` with `extra` arguments, and waits for its address.
pub fn serve_with(root: &Path, extra: &[&str]) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_pawprint"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (send, receive) = mpsc::channel();
    // Own the child first, so it is killed and reaped even if a wait below fails.
    let mut server = Server {
        child,
        port: 0,
        lines: receive,
    };
    let out = server.child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while server.port == 0 {
        let line = server
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve printed its address in time");
        if let Some(rest) = line.strip_prefix("Serving at http://") {
            let address = rest.split('/').next().unwrap();
            server.port = address.rsplit(':').next().unwrap().parse().unwrap();
        }
    }
    server
}

/// Sends `raw` as it is to `ip`:`port` and returns (status, head in lower case, body).
pub fn raw_request(ip: &str, port: u16, raw: impl AsRef<[u8]>) -> (u16, String, String) {
    let raw = raw.as_ref();
    let mut stream = TcpStream::connect((ip, port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream.write_all(raw).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or_else(|| panic!("no answer to {:?}", String::from_utf8_lossy(raw)))
        .parse()
        .unwrap();
    (status, head.to_ascii_lowercase(), body.to_string())
}

/// Sends one request with `Connection: close` and returns (status, headers in
/// lower case, body).
pub fn request(port: u16, method: &str, target: &str) -> (u16, String, String) {
    raw_request(
        "127.0.0.1",
        port,
        format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    )
}

/// GETs `target` until `check` accepts the status and body, for at most ten
/// seconds; returns them.
pub fn eventually(port: u16, target: &str, check: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, _, body) = request(port, "GET", target);
        if check(status, &body) {
            return (status, body);
        }
        assert!(
            Instant::now() < deadline,
            "timed out; last response {status}: {body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
