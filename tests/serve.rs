//! `pawprint serve`: the preview server, run as the real binary on 127.0.0.1.
//!
//! Every loop here is bounded in count and time, and talks only to loopback.
#![cfg(feature = "serve")]

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::server::*;
use common::*;

impl Server {
    /// A number from the server's /proc status, such as `Threads` or `VmHWM` (kB).
    #[cfg(target_os = "linux")]
    fn status(&self, key: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix(':'))
            .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no {key} in {status}"))
    }
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// Reads one response with a `content-length` from a kept-alive connection.
fn read_response(reader: &mut BufReader<TcpStream>) -> (u16, String, Vec<u8>) {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "closed: {head}");
        if line == "\r\n" {
            break;
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let mut body = vec![0; len];
    reader.read_exact(&mut body).unwrap();
    (status, head, body)
}

#[test]
fn serve_serves_files_with_their_types_and_refuses_to_leave_the_site() {
    let project = shipped_copy();
    let server = serve(project.path());
    let (status, head, body) = request(server.port, "GET", "/dogs/anal-gland-leakage/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"));
    assert!(body.contains("<h1>Why Your Dog&#39;s Anal Glands Leak</h1>"));
    assert!(
        body.contains("<script src=\"/__pawprint/reload.js\" data-version=\""),
        "the reload script is added, as a file, when serving"
    );
    assert!(
        !body.contains("<script>"),
        "no inline script, so the page's policy holds in serve"
    );
    let (status, head, script) = request(server.port, "GET", "/__pawprint/reload.js");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/javascript"), "{head}");
    assert!(script.contains("/__pawprint/events?v="), "{script}");
    for (path, kind) in [
        ("/style.css", "text/css"),
        (
            "/dogs/anal-gland-leakage/dogs-anal-gland-leakage-a4.pdf",
            "application/pdf",
        ),
        ("/sitemap.xml", "application/xml"),
        ("/favicon.svg", "image/svg+xml"),
    ] {
        let (status, head, _) = request(server.port, "GET", path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("content-type: {kind}")),
            "{path}: {head}"
        );
        assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    }
    // HEAD tells the length of what GET sends, and sends nothing.
    let css = std::fs::read(theme_source().join("static/style.css")).unwrap();
    let (status, head, body) = request(server.port, "HEAD", "/style.css");
    assert_eq!(status, 200);
    assert!(
        head.contains(&format!("content-length: {}", css.len())),
        "{head}"
    );
    assert!(body.is_empty());
    let (_, _, page) = request(server.port, "GET", "/dogs/");
    let (status, head, body) = request(server.port, "HEAD", "/dogs/");
    assert_eq!(status, 200);
    assert!(
        head.contains(&format!("content-length: {}", page.len())),
        "{head}"
    );
    assert!(body.is_empty());

    for attack in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2e%2e/site.toml",
        "/.%2e/site.toml",
        "/dogs/..%2f..%2fsite.toml",
        "/..%5csite.toml",
        "/..\\site.toml",
        "/dogs%2fanal-gland-leakage/",
        "/%c0%ae%c0%ae/site.toml",
        "/%e0%80%ae%e0%80%ae/site.toml",
        "/style.css%00.png",
        "//site.toml",
    ] {
        let (status, _, body) = request(server.port, "GET", attack);
        assert_eq!(status, 403, "{attack}: {body}");
        assert!(!body.contains("base_url"), "{attack} leaked site.toml");
    }
    let (status, _, body) = request(server.port, "GET", "/site.toml");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the theme's 404 page");
    let (status, head, _) = request(server.port, "GET", "/dogs");
    assert_eq!(status, 301);
    assert!(head.contains("location: /dogs/"), "{head}");
    let (status, head, _) = request(server.port, "POST", "/");
    assert_eq!(status, 405);
    assert!(head.contains("allow: get, head"), "{head}");
    assert!(
        !project.path().join("output").exists(),
        "serve never writes output/"
    );
}

#[test]
fn serve_shows_drafts_with_a_badge_and_no_drafts_hides_them() {
    let draft = ARTICLE
        .replacen("+++\n", "+++\ndraft = true\n", 1)
        .edit("Ear care for dogs", "Teeth for dogs")
        // A draft's placeholders do not stop the preview.
        .edit("Ears need care.", "TODO: finish this.");
    let project = project(&[
        ("dogs/ears.md", ARTICLE.as_bytes()),
        ("dogs/teeth.md", draft.as_bytes()),
    ]);
    let server = serve(project.path());
    let (status, _, page) = request(server.port, "GET", "/dogs/teeth/");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<div class=\"draft-badge\">Draft</div>\n    <h1>Teeth for dogs</h1>"),
        "{page}"
    );
    let (_, _, home) = request(server.port, "GET", "/");
    assert!(
        home.contains("Teeth for dogs</a> <span class=\"draft-badge\">Draft</span>"),
        "{home}"
    );
    assert!(!home.contains("Ear care for dogs</a> <span"), "{home}");
    drop(server);

    let server = serve_with(project.path(), &["--no-drafts"]);
    let (status, _, _) = request(server.port, "GET", "/dogs/teeth/");
    assert_eq!(status, 404);
    let (_, _, home) = request(server.port, "GET", "/");
    assert!(
        !home.contains("Teeth") && !home.contains("draft-badge"),
        "{home}"
    );

    // A published article's broken link stops the preview, as it stops `build`.
    let broken = format!("{ARTICLE}\nSee [gone](/gone/).\n");
    std::fs::write(project.path().join("content/dogs/ears.md"), broken).unwrap();
    let (status, page) = eventually(server.port, "/", |_, body| {
        body.contains("The build failed")
    });
    assert_eq!(status, 500, "{page}");
    assert!(
        page.contains("goes to /gone/, which is not a page of this site"),
        "{page}"
    );
}

#[test]
fn serve_keeps_connections_alive() {
    let project = shipped_copy();
    let server = serve(project.path());
    let mut stream = connect(server.port);
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    for path in ["/style.css", "/", "/favicon.svg"] {
        let port = server.port;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let (status, _, body) = read_response(&mut reader);
        assert_eq!(status, 200, "{path}");
        assert!(!body.is_empty());
    }
}

#[test]
fn serve_rebuilds_on_edits_and_shows_errors_until_fixed() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let server = serve(project.path());
    let page = "/dogs/ears/";
    let (status, body) = eventually(server.port, page, |s, _| s == 200);
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Ear care for dogs</h1>"));

    let file = project.path().join("content/dogs/ears.md");
    std::fs::write(
        &file,
        ARTICLE.edit("Ear care for dogs", "Caring for your dog's ears"),
    )
    .unwrap();
    eventually(server.port, page, |s, b| {
        s == 200 && b.contains("<h1>Caring for your dog&#39;s ears</h1>")
    });

    std::fs::write(&file, ARTICLE.edit("title = ", "titel = ")).unwrap();
    let (status, body) = eventually(server.port, page, |s, _| s == 500);
    assert_eq!(status, 500);
    assert!(body.contains("The build failed"), "{body}");
    assert!(body.contains("content/dogs/ears.md:2:1"), "{body}");
    assert!(body.contains("unknown key `titel`"), "{body}");
    assert!(
        body.contains("<script src=\"/__pawprint/reload.js\""),
        "the error page reloads itself"
    );
    assert!(
        body.contains("<meta http-equiv=\"Content-Security-Policy\"")
            && !body.contains("<style")
            && !body.contains("<script>"),
        "the error page keeps the script policy: {body}"
    );
    let (status, head, _) = request(server.port, "GET", "/__pawprint/problems.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    assert_eq!(request(server.port, "GET", "/style.css").0, 503);

    std::fs::write(&file, ARTICLE).unwrap();
    eventually(server.port, page, |s, b| {
        s == 200 && b.contains("<h1>Ear care for dogs</h1>")
    });
    assert!(
        !project.path().join("output").exists(),
        "serve never writes output/"
    );
}

#[test]
fn an_open_page_hears_about_the_next_build() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let server = serve(project.path());
    let (_, _, page) = request(server.port, "GET", "/dogs/ears/");
    // The page names its build; the reload script asks for events after it.
    let version = page
        .split("<script src=\"/__pawprint/reload.js\" data-version=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page loads the reload script")
        .to_string();
    let (_, _, script) = request(server.port, "GET", "/__pawprint/reload.js");
    assert!(
        script.contains("new EventSource(\"/__pawprint/events?v=\"+encodeURIComponent(v))"),
        "{script}"
    );
    let events = format!("/__pawprint/events?v={version}");
    let port = server.port;
    let mut stream = connect(port);
    write!(
        stream,
        "GET {events} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut seen = String::new();
    while !seen.contains("retry: 500") {
        assert!(reader.read_line(&mut seen).unwrap() > 0, "{seen}");
    }
    assert!(
        seen.to_ascii_lowercase()
            .contains("content-type: text/event-stream")
    );
    std::fs::write(
        project.path().join("content/dogs/ears.md"),
        ARTICLE.edit("Ear care for dogs", "Ear care"),
    )
    .unwrap();
    while !seen.contains("data: reload") {
        assert!(reader.read_line(&mut seen).unwrap() > 0, "{seen}");
    }
}

#[test]
fn serve_under_a_base_path_and_warns_about_open_addresses() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let config = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    std::fs::write(
        project.path().join("site.toml"),
        config.edit(
            "https://pets.maple-street-vet.example/",
            "https://www.example.test/pets/",
        ),
    )
    .unwrap();
    let server = serve(project.path());
    let (status, _, body) = request(server.port, "GET", "/pets/dogs/ears/");
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/pets/style.css\""));
    assert_eq!(request(server.port, "GET", "/pets/style.css").0, 200);
    let (status, head, _) = request(server.port, "GET", "/pets");
    assert_eq!(status, 301);
    assert!(head.contains("location: /pets/"), "{head}");
    drop(server);

    // Binding every address shows the preview to the network: pawprint says so.
    let mut child = Command::new(env!("CARGO_BIN_EXE_pawprint"))
        .args(["serve", "--port", "0", "--bind", "0.0.0.0", "--root"])
        .arg(project.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let read = BufReader::new(child.stderr.take().unwrap()).read_line(&mut first);
    let _ = child.kill();
    let _ = child.wait();
    read.unwrap();
    assert!(first.starts_with("warning: serving on 0.0.0.0"), "{first}");
}

#[test]
fn a_port_in_use_gets_a_clear_message() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_pawprint"))
        .args(["serve", "--port", &port, "--root"])
        .arg(project.path())
        .output()
        .unwrap();
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains(&format!("another program is using port {port}")),
        "{message}"
    );
    assert!(message.contains("--port"), "{message}");
    assert!(
        !message.contains("site.toml"),
        "not blamed on site.toml: {message}"
    );
}

#[test]
fn many_idle_connections_neither_crash_the_server_nor_block_pages() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let mut server = serve(project.path());
    assert_eq!(request(server.port, "GET", "/").0, 200);
    #[cfg(target_os = "linux")]
    let threads_before = server.status("Threads");
    // Connections that say nothing, and some that stop halfway through a request.
    let mut idle = Vec::new();
    for n in 0..300 {
        let mut stream = connect(server.port);
        if n % 3 == 0 {
            stream.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
        }
        idle.push(stream);
    }
    let (status, _, body) = request(server.port, "GET", "/dogs/ears/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Ear care for dogs</h1>"));
    assert!(server.alive());
    // No thread per connection: the count stays small however many are open.
    #[cfg(target_os = "linux")]
    {
        let threads = server.status("Threads");
        // At most the few threads that read files may start.
        assert!(
            threads <= threads_before + 8,
            "{threads} threads for 300 idle connections, {threads_before} before"
        );
    }
    drop(idle);
    assert_eq!(request(server.port, "GET", "/").0, 200);
    assert!(server.alive());
}

#[test]
fn a_program_that_holds_every_connection_does_not_keep_pages_out() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let mut server = serve(project.path());
    let port = server.port;
    assert_eq!(request(port, "GET", "/").0, 200);
    // What one local program can do: hold 600 connections (past the cap of 512)
    // that send nothing or half a request, and open each again as soon as it is
    // closed.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (ready, holding) = mpsc::channel();
    let holder = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            let open = |n: usize| -> Option<TcpStream> {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
                if n.is_multiple_of(3) {
                    stream.write_all(b"GET / HTTP/1.1\r\nHost: 127.0").ok()?;
                }
                stream.set_nonblocking(true).ok()?;
                Some(stream)
            };
            let mut held: Vec<Option<TcpStream>> = (0..600).map(open).collect();
            ready.send(()).unwrap();
            while !stop.load(std::sync::atomic::Ordering::Acquire) {
                for (n, slot) in held.iter_mut().enumerate() {
                    let closed = match slot {
                        Some(stream) => !matches!(
                            stream.read(&mut [0; 512]),
                            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
                        ),
                        None => true,
                    };
                    if closed {
                        *slot = open(n);
                    }
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    holding.recv().unwrap();
    for n in 0..20 {
        let (status, _, body) = request(port, "GET", "/dogs/ears/");
        assert_eq!(status, 200, "request {n}: {body}");
        assert!(body.contains("<h1>Ear care for dogs</h1>"));
    }
    stop.store(true, std::sync::atomic::Ordering::Release);
    holder.join().unwrap();
    assert!(server.alive());
}

#[test]
fn a_request_sent_too_slowly_is_closed() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let mut server = serve(project.path());
    let port = server.port;
    // One connection that sends nothing, and one that sends a header line at a
    // time (slowloris): both are closed, however long they go on.
    let mut silent = connect(port);
    let mut slow = connect(port);
    slow.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n").unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut lines = 0;
    loop {
        assert!(Instant::now() < deadline, "still open after {lines} lines");
        if write!(slow, "X-Slow-{lines}: a\r\n").is_err() {
            break;
        }
        lines += 1;
        match slow.read(&mut [0; 512]) {
            Ok(0) => break,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            // An answer (such as 408) or a reset: the server ended it.
            _ => break,
        }
    }
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    // The silent one too (its read gives up after 20 seconds if it is not).
    assert_eq!(silent.read(&mut [0; 64]).ok(), Some(0));
    assert_eq!(request(port, "GET", "/").0, 200);
    assert!(server.alive());
}

#[test]
fn serve_answers_only_the_names_it_was_started_for() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let server = serve(project.path());
    let port = server.port;
    let get = |host: &str, target: &str| {
        raw_request(
            "127.0.0.1",
            port,
            format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, _, body) = get(&host, "/dogs/ears/");
        assert_eq!(status, 200, "{host}: {body}");
    }
    // A page elsewhere that points its own name at 127.0.0.1 gets nothing.
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        "localhost".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("localhost.evil.example:{port}"),
    ] {
        for target in [
            "/dogs/ears/",
            "/style.css",
            "/__pawprint/reload.js",
            "/__pawprint/events?v=1",
        ] {
            let (status, _, body) = get(&host, target);
            assert_eq!(status, 403, "{host}{target}: {body}");
            assert!(!body.contains("Ear care"), "{body}");
            assert!(
                body.contains(&format!("Open http://127.0.0.1:{port}/ instead")),
                "{body}"
            );
        }
    }
    // The host in a whole address in the request line counts, not the header.
    let (status, _, _) = raw_request(
        "127.0.0.1",
        port,
        format!(
            "GET http://evil.example:{port}/dogs/ears/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 403);
    // No host, or two: a bad request.
    for raw in [
        "GET / HTTP/1.1\r\nConnection: close\r\n\r\n".to_string(),
        "GET / HTTP/1.0\r\n\r\n".to_string(),
        format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        ),
    ] {
        let (status, _, body) = raw_request("127.0.0.1", port, &raw);
        assert_eq!(status, 400, "{raw:?}: {body}");
        assert!(!body.contains("Ear care"), "{body}");
    }
    drop(server);

    // The --bind address is answered too (any 127.x address is this computer's
    // on Linux).
    #[cfg(target_os = "linux")]
    {
        let server = serve_with(project.path(), &["--bind", "127.0.0.2"]);
        let port = server.port;
        let own = format!("GET / HTTP/1.1\r\nHost: 127.0.0.2:{port}\r\nConnection: close\r\n\r\n");
        assert_eq!(raw_request("127.0.0.2", port, &own).0, 200);
        let other = own.replace("127.0.0.2:", "evil.example:");
        let (status, _, body) = raw_request("127.0.0.2", port, &other);
        assert_eq!(status, 403);
        assert!(
            body.contains(&format!("Open http://127.0.0.2:{port}/")),
            "{body}"
        );
    }
}

/// The value of `name` in a lower-case head.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
        .map(str::trim)
}

#[test]
fn serve_sends_the_script_policy_with_every_answer() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let own = project.path().join("static");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("notes.html"),
        "<!doctype html><p>notes</p><script>alert(1)</script>",
    )
    .unwrap();
    std::fs::write(
        own.join("diagram.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
    )
    .unwrap();
    let server = serve(project.path());
    let port = server.port;
    let (status, head, page) = request(port, "GET", "/dogs/ears/");
    assert_eq!(status, 200);
    let meta = page
        .split("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page has the policy tag")
        .replace("&#39;", "'");
    assert!(meta.contains("script-src 'self'"), "{meta}");
    assert_eq!(
        header(&head, "content-security-policy"),
        Some(meta.as_str())
    );
    for (method, target) in [
        ("GET", "/"),
        ("GET", "/notes.html"),
        ("GET", "/style.css"),
        ("GET", "/__pawprint/reload.js"),
        ("GET", "/no-such-page/"),
        ("GET", "/dogs"),
        ("HEAD", "/notes.html"),
    ] {
        let (_, head, _) = request(port, method, target);
        assert_eq!(
            header(&head, "content-security-policy"),
            Some(meta.as_str()),
            "{method} {target}: {head}"
        );
    }
    // An SVG opened on its own runs no script.
    for target in ["/diagram.svg", "/favicon.svg"] {
        let (status, head, _) = request(port, "GET", target);
        assert_eq!(status, 200, "{target}");
        let policy = header(&head, "content-security-policy").unwrap_or_default();
        assert!(policy.contains("script-src 'none'"), "{target}: {head}");
        assert!(policy.contains("default-src 'none'"), "{target}: {head}");
        assert!(policy.contains("sandbox"), "{target}: {head}");
    }
    // Refusals carry it too.
    let (status, head, _) = raw_request(
        "127.0.0.1",
        port,
        "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 403);
    assert_eq!(
        header(&head, "content-security-policy"),
        Some(meta.as_str())
    );
}

#[test]
fn too_many_event_streams_get_503_and_the_server_goes_on() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let mut server = serve(project.path());
    let open_stream = |port: u16| -> (u16, BufReader<TcpStream>) {
        let mut stream = connect(port);
        write!(
            stream,
            "GET /__pawprint/events?v=1 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let status = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, reader)
    };
    // The cap is 64 open streams (one per open page).
    let mut streams = Vec::new();
    for n in 0..64 {
        let (status, reader) = open_stream(server.port);
        assert_eq!(status, 200, "stream {n}");
        streams.push(reader);
    }
    for _ in 0..5 {
        let (status, _, body) = request(server.port, "GET", "/__pawprint/events?v=1");
        assert_eq!(status, 503);
        assert!(body.contains("Too many pages are open"), "{body}");
    }
    assert_eq!(request(server.port, "GET", "/").0, 200);
    assert!(server.alive());
    // Closed pages free their places.
    drop(streams);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, _) = open_stream(server.port);
        if status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "places were not freed");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The server's peak memory must not grow by the size of a file it sends.
#[cfg(target_os = "linux")]
#[test]
fn a_big_file_is_streamed_not_read_whole() {
    const SIZE: usize = 50 * 1024 * 1024;
    let article = format!("{ARTICLE}\nSee [the x-ray](x-ray.bin).\n");
    let project = project(&[("dogs/ears.md", article.as_bytes())]);
    let big = project.path().join("content/dogs/x-ray.bin");
    let mut file = std::fs::File::create(&big).unwrap();
    let block: Vec<u8> = (0..1024 * 1024).map(|i| (i % 251) as u8).collect();
    for _ in 0..SIZE / block.len() {
        file.write_all(&block).unwrap();
    }
    drop(file);
    let server = serve(project.path());
    assert_eq!(request(server.port, "GET", "/dogs/ears/").0, 200);
    let before = server.status("VmHWM");

    let port = server.port;
    let mut stream = connect(port);
    write!(
        stream,
        "GET /dogs/x-ray.bin HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        assert!(reader.read_line(&mut head).unwrap() > 0);
    }
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-length: {SIZE}")),
        "{head}"
    );
    let mut received = 0;
    let mut piece = vec![0; 256 * 1024];
    loop {
        let n = reader.read(&mut piece).unwrap();
        if n == 0 {
            break;
        }
        assert_eq!(
            piece[0],
            (received % (1024 * 1024) % 251) as u8,
            "bytes in order"
        );
        received += n;
    }
    assert_eq!(received, SIZE);

    let grown_kb = server.status("VmHWM").saturating_sub(before);
    assert!(
        grown_kb < 16 * 1024,
        "peak memory grew by {grown_kb} kB while sending a {} kB file",
        SIZE / 1024
    );
}

#[cfg(unix)]
#[test]
fn a_file_that_becomes_a_link_is_never_served() {
    let article = format!("{ARTICLE}\n![An ear](ear.png)\n");
    let project = project(&[
        ("dogs/ears.md", article.as_bytes()),
        ("dogs/ear.png", b"picture"),
    ]);
    let secret = project.path().join("secret.txt");
    std::fs::write(&secret, "SECRET").unwrap();
    let server = serve(project.path());
    let (status, _, body) = request(server.port, "GET", "/dogs/ear.png");
    assert_eq!((status, body.as_str()), (200, "picture"));

    let picture = project.path().join("content/dogs/ear.png");
    std::fs::remove_file(&picture).unwrap();
    std::os::unix::fs::symlink(&secret, &picture).unwrap();
    // Before the rebuild (the build saw a plain file) and after it (the build skips
    // links, so the article's picture is missing and the preview shows the error
    // page), the link is never followed.
    for _ in 0..20 {
        let (status, _, body) = request(server.port, "GET", "/dogs/ear.png");
        assert!(!body.contains("SECRET"), "served the link's target");
        assert!([403, 404, 503].contains(&status), "{status}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_previews_every_language_with_its_own_404() {
    let project = shipped_copy();
    let server = serve(project.path());
    let (status, _, body) = request(server.port, "GET", "/es/perros/glandulas-anales/");
    assert_eq!(status, 200);
    assert!(body.contains("<html lang=\"es\">"), "{body}");
    assert!(body.contains("hreflang=\"en\""));
    // The page's address before the section had its Spanish name sends readers on.
    let (status, _, body) = request(server.port, "GET", "/es/dogs/glandulas-anales/");
    assert_eq!(status, 200);
    assert!(
        body.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=/es/perros/glandulas-anales/\">"
        ),
        "{body}"
    );
    let (status, _, body) = request(server.port, "GET", "/es/perros/no-existe/");
    assert_eq!(status, 404);
    assert!(
        body.contains("<html lang=\"es\">"),
        "the Spanish 404 page: {body}"
    );
    let (status, _, body) = request(server.port, "GET", "/dogs/nothing/");
    assert_eq!(status, 404);
    assert!(body.contains("<html lang=\"en\">"));
    let (status, head, _) = request(
        server.port,
        "GET",
        "/es/perros/glandulas-anales/es-perros-glandulas-anales-carta.pdf",
    );
    assert_eq!(status, 200);
    assert!(head.contains("application/pdf"), "{head}");
}

#[test]
fn serve_makes_again_only_the_sheets_whose_words_changed() {
    let project = project(&[("dogs/ears.md", ARTICLE.as_bytes())]);
    let server = serve(project.path());
    let pdf = "/dogs/ears/dogs-ears-letter.pdf";
    let (status, _, before) = request(server.port, "GET", pdf);
    assert_eq!(status, 200);
    let file = project.path().join("content/dogs/ears.md");

    // The body is not on the sheet: every sheet is kept, the same bytes.
    std::fs::write(
        &file,
        ARTICLE.edit("Look at them each week.", "Look at them often."),
    )
    .unwrap();
    let line = server.next_line("Built ");
    assert!(
        line.contains("(0 handouts made again; the rest kept)"),
        "{line}"
    );
    assert_eq!(request(server.port, "GET", pdf).2, before);

    // A sign is: both papers' sheets are made again, and the one page that
    // shows the signs is rendered again; the others are kept.
    std::fs::write(&file, ARTICLE.edit("Head shaking", "Shaking the head")).unwrap();
    let line = server.next_line("Built ");
    assert!(
        line.contains("(2 handouts made again, 1 page rendered again; the rest kept)"),
        "{line}"
    );
    let (_, _, after) = request(server.port, "GET", pdf);
    assert_ne!(after, before);
    let (_, _, page) = request(server.port, "GET", "/dogs/ears/");
    assert!(page.contains("Shaking the head"), "{page}");
    // A kept page carries the new build's number, so an open page reloads once.
    let (_, _, home) = request(server.port, "GET", "/");
    let version = |page: &str| {
        page.split("data-version=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(str::to_string)
    };
    assert_eq!(version(&home), version(&page), "{home}");
}

#[test]
fn serve_makes_the_search_index_when_a_page_first_asks_for_it() {
    let project = shipped_copy();
    let built = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let server = serve(project.path());
    // A rebuild leaves the index out: the pages do not wait for it. (The same
    // words written again: the index stays the build's.)
    let settings = project.path().join("site.toml");
    std::fs::write(&settings, std::fs::read(&settings).unwrap()).unwrap();
    let line = server.next_line("Built ");
    let files: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!(files < built.files, "{line}: the build has {}", built.files);
    // The first request makes it, for every language, with the build's bytes.
    for folder in ["pagefind/", "es/pagefind/"] {
        let (status, _, body) =
            request(server.port, "GET", &format!("/{folder}pagefind-entry.json"));
        assert_eq!(status, 200, "{folder}");
        let on_disk =
            std::fs::read_to_string(built.output.join(folder).join("pagefind-entry.json")).unwrap();
        assert_eq!(body, on_disk, "{folder}");
        let (status, head, _) = request(server.port, "GET", &format!("/{folder}pagefind.js"));
        assert_eq!(status, 200, "{folder}");
        assert!(head.contains("javascript"), "{head}");
    }
    let (status, _, _) = request(server.port, "GET", "/pagefind/no-such-file.pf_meta");
    assert_eq!(status, 404);
}

#[test]
fn a_theme_ejected_while_serve_runs_is_watched_from_then_on() {
    let project = shipped_copy();
    assert!(!project.path().join("themes").exists());
    let server = serve(project.path());
    eventually(server.port, "/style.css", |s, _| s == 200);

    let run = pawprint(project.path(), &["theme", "eject"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // The folder's arrival is a change: its files are what the preview serves.
    // (A template, not a static file: static files are read when asked for.)
    let base = project.path().join("themes/default/templates/base.html");
    edit_file(&base, "</body>", "<!-- first edit --></body>");
    eventually(server.port, "/", |s, b| {
        s == 200 && b.contains("<!-- first edit -->")
    });
    // And a later edit inside the new folder is seen too.
    edit_file(&base, "<!-- first edit -->", "<!-- second edit -->");
    eventually(server.port, "/", |s, b| {
        s == 200 && b.contains("<!-- second edit -->")
    });
}
