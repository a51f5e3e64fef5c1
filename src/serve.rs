//! `pawprint serve`: builds the site in memory, serves it on the local machine, and
//! rebuilds when `content/`, `themes/` or `site.toml` change. Open pages reload
//! themselves (server-sent events). A failed build does not stop the server: pages
//! show the list of problems until they are fixed.
//!
//! Only files of the built site are served, from memory: there is no path on disk
//! to climb out of, and `output/` is never touched.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::output::Contents;
use crate::problem::{Problem, Problems};

/// The address open pages listen on for "rebuilt" events.
const EVENTS: &str = "/__pawprint/events";

/// A built site held in memory.
struct Site {
    files: HashMap<String, Contents>,
    base_path: String,
}

/// What the server is serving now.
struct Live {
    /// Goes up by one with every build, good or bad.
    version: u64,
    site: Result<Site, Problems>,
}

struct Shared {
    live: Mutex<Live>,
    changed: Condvar,
}

/// Builds the project at `root` into memory.
fn build_in_memory(root: &Path) -> Result<Site, Problems> {
    let library = crate::content::load(root)?;
    let rendered = crate::build::render(&library)?;
    Ok(Site {
        files: rendered
            .files
            .into_iter()
            .map(|f| (f.path, f.contents))
            .collect(),
        base_path: library.config.site.base_path.clone(),
    })
}

/// Serves the project at `root` on `bind:port` until the process is stopped.
pub fn run(root: &Path, bind: IpAddr, port: u16) -> Result<(), Problem> {
    // The watcher reports absolute paths; compare them with an absolute root.
    let root = &root
        .canonicalize()
        .map_err(|e| Problem::error(root, format!("cannot open the project folder: {e}")))?;
    let listener = TcpListener::bind(SocketAddr::new(bind, port)).map_err(|e| {
        Problem::error(
            crate::config::FILE_NAME,
            format!("cannot listen on {bind}:{port}: {e}"),
        )
        .help("choose another port with --port")
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Problem::error("serve", e.to_string()))?;
    if !bind.is_loopback() {
        eprintln!(
            "warning: serving on {bind}, so other machines on your network can see this preview. \
             Use the default 127.0.0.1 to keep it on this computer."
        );
    }
    let started = Instant::now();
    let first = build_in_memory(root);
    report_build(&first, started.elapsed());
    let shared = Arc::new(Shared {
        live: Mutex::new(Live {
            version: 1,
            site: first,
        }),
        changed: Condvar::new(),
    });
    let shown = if bind.is_unspecified() {
        SocketAddr::new(IpAddr::from([127, 0, 0, 1]), address.port())
    } else {
        address
    };
    println!("Serving at http://{shown}/ (press Ctrl+C to stop)");
    let _ = std::io::stdout().flush();

    let watcher = watch(root.to_path_buf(), Arc::clone(&shared))?;
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
    drop(watcher);
    Ok(())
}

fn report_build(result: &Result<Site, Problems>, took: Duration) {
    match result {
        Ok(site) => println!(
            "Built {} files in {} ms",
            site.files.len(),
            took.as_millis()
        ),
        Err(problems) => {
            eprint!("{problems}");
            println!(
                "Build failed with {} {} in {} ms; the browser shows them until they are fixed",
                problems.error_count(),
                if problems.error_count() == 1 {
                    "error"
                } else {
                    "errors"
                },
                took.as_millis()
            );
        }
    }
    let _ = std::io::stdout().flush();
}

/// Watches the project and rebuilds after changes settle.
fn watch(root: PathBuf, shared: Arc<Shared>) -> Result<notify::RecommendedWatcher, Problem> {
    use notify::{RecursiveMode, Watcher};
    let (sender, receiver) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(sender)
        .map_err(|e| Problem::error("serve", format!("cannot watch for changes: {e}")))?;
    for (path, mode) in [
        (root.join("content"), RecursiveMode::Recursive),
        (root.join("themes"), RecursiveMode::Recursive),
        (root.clone(), RecursiveMode::NonRecursive),
    ] {
        if path.exists() {
            watcher
                .watch(&path, mode)
                .map_err(|e| Problem::error(&path, format!("cannot watch for changes: {e}")))?;
        }
    }
    let relevant = {
        let root = root.clone();
        move |event: &notify::Event| {
            // Reading files (as every build does) is not a change.
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return false;
            }
            event.paths.iter().any(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let hidden = name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp");
                !hidden
                    && (p.starts_with(root.join("content"))
                        || p.starts_with(root.join("themes"))
                        || *p == root.join(crate::config::FILE_NAME))
            })
        }
    };
    std::thread::spawn(move || {
        while let Ok(event) = receiver.recv() {
            if !event.as_ref().is_ok_and(&relevant) {
                continue;
            }
            // Debounce: wait until the files have been quiet for a moment.
            while receiver.recv_timeout(Duration::from_millis(120)).is_ok() {}
            let started = Instant::now();
            let site = build_in_memory(&root);
            report_build(&site, started.elapsed());
            let mut live = shared.live.lock().unwrap_or_else(|e| e.into_inner());
            live.version += 1;
            live.site = site;
            shared.changed.notify_all();
        }
    });
    Ok(watcher)
}

/// One HTTP request: GET or HEAD of a file of the site, or the events stream.
fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.by_ref().take(8192).read_line(&mut request_line)?;
    // Read and ignore the headers.
    let mut total = 0;
    loop {
        let mut line = String::new();
        let n = reader.by_ref().take(8192).read_line(&mut line)?;
        total += n;
        if n == 0 || line == "\r\n" || line == "\n" || total > 64 * 1024 {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"Only GET and HEAD are supported.\n",
            head,
        );
    }
    let raw_path = target.split(['?', '#']).next().unwrap_or("");
    if raw_path == EVENTS {
        let seen = target
            .split_once("?v=")
            .and_then(|(_, v)| v.parse::<u64>().ok())
            .unwrap_or(0);
        return events(stream, shared, seen);
    }
    let path = match safe_path(raw_path) {
        Ok(path) => path,
        Err(status) => {
            let body: &[u8] = if status == 403 {
                b"Refused: that path leaves the site.\n"
            } else {
                b"Bad request.\n"
            };
            return respond(&mut stream, status, "text/plain; charset=utf-8", body, head);
        }
    };

    let live = shared.live.lock().unwrap_or_else(|e| e.into_inner());
    let version = live.version;
    let site = match &live.site {
        Ok(site) => site,
        Err(problems) => {
            let page = error_page(problems, version);
            drop(live);
            if looks_like_page(&path) {
                return respond(
                    &mut stream,
                    500,
                    "text/html; charset=utf-8",
                    page.as_bytes(),
                    head,
                );
            }
            return respond(
                &mut stream,
                503,
                "text/plain; charset=utf-8",
                b"The build failed.\n",
                head,
            );
        }
    };
    let inside = match path.strip_prefix(site.base_path.trim_start_matches('/')) {
        Some(rest) if site.base_path != "/" => rest.to_string(),
        _ => path.clone(),
    };
    let key = if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.clone()
    };
    if let Some(contents) = site.files.get(&key) {
        let bytes = read_contents(contents);
        drop(live);
        return match bytes {
            Some(bytes) => serve_file(&mut stream, 200, &key, bytes, version, head),
            None => respond(
                &mut stream,
                500,
                "text/plain; charset=utf-8",
                b"Cannot read that file.\n",
                head,
            ),
        };
    }
    if site.files.contains_key(&format!("{inside}/index.html")) {
        drop(live);
        let location = format!("/{path}/");
        let response = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return stream.write_all(response.as_bytes());
    }
    let not_found = site.files.get("404.html").and_then(read_contents);
    drop(live);
    match not_found {
        Some(bytes) => serve_file(&mut stream, 404, "404.html", bytes, version, head),
        None => respond(
            &mut stream,
            404,
            "text/plain; charset=utf-8",
            b"Not found.\n",
            head,
        ),
    }
}

fn read_contents(contents: &Contents) -> Option<Vec<u8>> {
    match contents {
        Contents::Bytes(bytes) => Some(bytes.clone()),
        Contents::Copy(path) => std::fs::read(path).ok(),
    }
}

/// Decodes a request path and refuses anything that could leave the site: `..`
/// (plain or percent-encoded), backslashes, NUL bytes, and absolute forms.
/// Returns the path without its leading `/`, or an HTTP status.
pub fn safe_path(raw: &str) -> Result<String, u16> {
    if !raw.starts_with('/') || raw.starts_with("//") {
        return Err(if raw.contains("..") { 403 } else { 400 });
    }
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or(400u16)?;
            let hex = std::str::from_utf8(hex).map_err(|_| 400u16)?;
            decoded.push(u8::from_str_radix(hex, 16).map_err(|_| 400u16)?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(decoded).map_err(|_| 400u16)?;
    if path.contains('\\') || path.contains('\0') || path.contains("//") {
        return Err(403);
    }
    if path.split('/').any(|part| part == ".." || part == ".") {
        return Err(403);
    }
    Ok(path[1..].to_string())
}

fn looks_like_page(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    path.is_empty() || path.ends_with('/') || name.ends_with(".html") || !name.contains('.')
}

/// The content type for a file name.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The script added to served pages (never to `build` output): reload when the
/// site is rebuilt.
fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var s=new EventSource(\"{EVENTS}?v={version}\");s.onmessage=function(){{s.close();location.reload();}};}})();</script>"
    )
}

fn serve_file(
    stream: &mut TcpStream,
    status: u16,
    name: &str,
    bytes: Vec<u8>,
    version: u64,
    head: bool,
) -> std::io::Result<()> {
    let kind = content_type(name);
    if kind.starts_with("text/html") {
        let mut html = String::from_utf8_lossy(&bytes).into_owned();
        let script = reload_script(version);
        match html.rfind("</body>") {
            Some(at) => html.insert_str(at, &script),
            None => html.push_str(&script),
        }
        return respond(stream, status, kind, html.as_bytes(), head);
    }
    respond(stream, status, kind, &bytes, head)
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "Service Unavailable",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Server-sent events: one `reload` message when a build newer than the page's
/// finishes.
fn events(mut stream: TcpStream, shared: &Shared, seen: u64) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n",
    )?;
    stream.flush()?;
    let mut live = shared.live.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if seen != 0 && live.version != seen {
            drop(live);
            stream.write_all(b"data: reload\n\n")?;
            return stream.flush();
        }
        let (guard, timeout) = shared
            .changed
            .wait_timeout(live, Duration::from_secs(15))
            .unwrap_or_else(|e| e.into_inner());
        live = guard;
        if timeout.timed_out() {
            drop(live);
            // A comment keeps the connection open and finds closed ones.
            stream.write_all(b": still here\n\n")?;
            stream.flush()?;
            live = shared.live.lock().unwrap_or_else(|e| e.into_inner());
        }
    }
}

/// The page shown in place of every page while the build is broken.
fn error_page(problems: &Problems, version: u64) -> String {
    let escape = crate::site::feed::xml_escape;
    let mut items = String::new();
    for p in &problems.0 {
        items.push_str(&format!(
            "<li><code>{}</code><br><strong>{}</strong>{}</li>\n",
            escape(&p.location()),
            escape(&p.message),
            p.help
                .as_deref()
                .map(|h| format!(
                    "<br><span class=\"help\">{}</span>",
                    escape(h).replace('\n', "<br>")
                ))
                .unwrap_or_default()
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Build failed | pawprint</title>\n<style>body{{font:1.15rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b2630}}h1{{color:#8c1d18}}li{{margin:0 0 1rem}}code{{background:#f3f4f4;padding:0 .25rem}}.help{{color:#3f4d58}}</style></head>\n<body>\n<main>\n<h1>The build failed</h1>\n<p>Fix these problems and save; this page reloads by itself.</p>\n<ol class=\"problems\">\n{items}</ol>\n</main>\n{}</body>\n</html>\n",
        reload_script(version)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_cannot_leave_the_site() {
        assert_eq!(safe_path("/"), Ok(String::new()));
        assert_eq!(safe_path("/dogs/a%20b/"), Ok("dogs/a b/".into()));
        for bad in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/dogs/%2e%2e/%2e%2e/site.toml",
            "/..%2fsite.toml",
            "/%2e%2e%2fsite.toml",
            "/a%5c..%5csite.toml",
            "/a%00b",
            "/./x",
        ] {
            assert_eq!(safe_path(bad), Err(403), "{bad}");
        }
        for bad in ["site.toml", "//etc/passwd", "http://x/", "/%zz", "/%ff"] {
            assert!(safe_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("handout-a4.pdf"), "application/pdf");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("x.PNG"), "image/png");
        assert_eq!(content_type("x.jpg"), "image/jpeg");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
    }
}
