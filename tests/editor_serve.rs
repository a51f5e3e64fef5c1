//! `pawprint serve` as the content editor's local backend: `POST
//! /__pawprint/editor/api`, run as the real binary on 127.0.0.1 against a copy of
//! the shipped project with `[editor] enabled = true`.
//!
//! Every loop here is bounded in count and time, and talks only to loopback.
#![cfg(feature = "serve")]

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::server::*;
use common::*;
use serde_json::{Value, json};

const API: &str = "/__pawprint/editor/api";

impl Server {
    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

/// The shipped project with the editor turned on.
fn editable() -> tempfile::TempDir {
    let project = shipped_copy();
    let settings = project.path().join("site.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{text}\n[editor]\nenabled = true\n")).unwrap();
    project
}

/// POSTs `body` to the editor's API with `headers` (each a whole `Name: value`
/// line) besides Host; returns the status and the answer as JSON.
fn post_with(port: u16, headers: &[String], body: &str) -> (u16, Value) {
    let mut raw = format!("POST {API} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
    for header in headers {
        raw.push_str(header);
        raw.push_str("\r\n");
    }
    raw.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    let (status, head, body) = raw_request("127.0.0.1", port, raw);
    let answer = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("{status}: not JSON ({e}): {head}\n{body}"));
    (status, answer)
}

/// The headers the editor page sends: its origin, JSON, and the cookie.
fn editor_headers(server: &Server, cookie: &str) -> Vec<String> {
    vec![
        format!("Origin: {}", server.origin()),
        "Content-Type: application/json; charset=utf-8".to_string(),
        format!("Cookie: {cookie}"),
    ]
}

/// Calls `action` as the editor page does.
fn call(server: &Server, cookie: &str, action: &str, params: Value) -> (u16, Value) {
    let body = json!({ "branch": "main", "action": action, "params": params }).to_string();
    post_with(server.port, &editor_headers(server, cookie), &body)
}

/// Opens a page under admin/ (a stand-in page in the project's static/ folder)
/// and returns the `name=value` of the cookie it sets, with its head.
fn editor_cookie(project: &Path, server: &Server) -> (String, String) {
    let (status, head, _) = request(server.port, "GET", "/admin/probe.html");
    assert_eq!(status, 200, "{head}");
    let _ = project;
    let line = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap_or_else(|| panic!("no cookie: {head}"))
        .to_string();
    (line.split(';').next().unwrap().to_string(), head)
}

/// A stand-in for the editor's page.
const PROBE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Editor</title></head><body><main><h1>Editor</h1></main></body></html>\n";

/// An editable project with a stand-in page under admin/ (the built editor's
/// pages are made elsewhere), and serve running on it.
fn started() -> (tempfile::TempDir, Server, String) {
    let project = editable();
    let admin = project.path().join("static/admin");
    std::fs::create_dir_all(&admin).unwrap();
    std::fs::write(admin.join("probe.html"), PROBE).unwrap();
    let server = serve(project.path());
    let (cookie, _) = editor_cookie(project.path(), &server);
    (project, server, cookie)
}

/// A new article as Decap writes it: dates as strings, arrays on one line.
fn decap_article(title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nsummary = \"Ear mites are tiny bugs that live in the ear.\"\nspecies = [\"dog\"]\nupdated = \"2026-12-01\"\n\n[handout]\nintro = \"Ear mites are common in puppies.\"\nsigns = [\"Scratching the ears\", \"Shaking the head\", \"Dark wax in the ear\"]\nprevention = [\"Check the ears each week\", \"Treat every pet in the home\"]\ncall_us_if = [\"The ear is red or sore\"]\nfill_in = [\"Pet's name\"]\n+++\nEar mites are common in puppies. They make the ears itch.\n"
    )
}

/// Every file under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    files
}

#[test]
fn serve_says_where_the_editor_is() {
    let project = editable();
    let server = serve(project.path());
    let line = server
        .lines
        .recv_timeout(Duration::from_secs(20))
        .expect("serve says where the editor is");
    assert_eq!(
        line,
        format!(
            "The content editor is at {}/admin/: what it saves goes into this project",
            server.origin()
        )
    );
}

#[test]
fn info_lists_and_reads_the_articles_with_the_main_language_named() {
    let (project, server, cookie) = started();
    // `info` needs no cookie: it only says that there is a local backend.
    let body = json!({"action": "info", "params": {"branch": "main"}}).to_string();
    let (status, info) = post_with(
        server.port,
        &[
            format!("Origin: {}", server.origin()),
            "Content-Type: application/json".to_string(),
        ],
        &body,
    );
    assert_eq!(status, 200, "{info}");
    let folder = project.path().file_name().unwrap().to_string_lossy();
    assert_eq!(
        info,
        json!({"repo": folder, "publish_modes": ["simple"], "type": "local_fs"})
    );

    let (status, list) = call(
        &server,
        &cookie,
        "entriesByFolder",
        json!({"branch": "main", "folder": "content/dogs", "extension": "md", "depth": 1}),
    );
    assert_eq!(status, 200, "{list}");
    let paths: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "content/dogs/anal-gland-leakage.en.md",
            "content/dogs/anal-gland-leakage.es.md"
        ],
        "both languages, the main one named as the editor names it, and no _index"
    );
    let shipped = text(project.path(), "content/dogs/anal-gland-leakage.md");
    assert_eq!(list[0]["data"], shipped);
    let id = list[0]["file"]["id"].as_str().unwrap();
    assert!(
        id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{id}"
    );

    let (status, entry) = call(
        &server,
        &cookie,
        "getEntry",
        json!({"branch": "main", "path": "content/dogs/anal-gland-leakage.en.md"}),
    );
    assert_eq!(status, 200, "{entry}");
    assert_eq!(entry["data"], shipped);
    assert_eq!(
        entry["file"]["path"],
        "content/dogs/anal-gland-leakage.en.md"
    );
    assert_eq!(entry["file"]["id"], id);
    // A new entry's name is free: no file, and no error.
    let (status, entry) = call(
        &server,
        &cookie,
        "getEntry",
        json!({"branch": "main", "path": "content/dogs/ear-mites.en.md"}),
    );
    assert_eq!(status, 200, "{entry}");
    assert_eq!(
        entry,
        json!({"data": null, "file": {"path": "content/dogs/ear-mites.en.md", "id": null}})
    );
    let (status, files) = call(
        &server,
        &cookie,
        "entriesByFiles",
        json!({"branch": "main", "files": [{"path": "content/dogs/_index.en.md", "label": "Dogs"}]}),
    );
    assert_eq!(status, 200, "{files}");
    assert_eq!(
        files[0]["data"],
        text(project.path(), "content/dogs/_index.md")
    );
    assert_eq!(files[0]["file"]["label"], "Dogs");

    let (status, media) = call(
        &server,
        &cookie,
        "getMedia",
        json!({"branch": "main", "mediaFolder": "pictures"}),
    );
    assert_eq!(status, 200, "{media}");
    assert_eq!(media[0]["path"], "pictures/anal-glands.svg");
    assert_eq!(media[0]["encoding"], "base64");

    let (status, answer) = call(&server, &cookie, "unpublishedEntries", json!({}));
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .contains("unpublishedEntries")
    );
}

#[test]
fn a_saved_article_is_written_whole_and_the_next_build_shows_it() {
    let (project, server, cookie) = started();
    let raw = decap_article("Ear mites in dogs");
    let (status, answer) = call(
        &server,
        &cookie,
        "persistEntry",
        json!({"branch": "main", "dataFiles": [{"path": "content/dogs/ear-mites.en.md", "slug": "ear-mites", "raw": raw}],
               "assets": [], "options": {"newEntry": true, "commitMessage": "Create", "collectionName": "dogs"}}),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer, json!({"message": "entry persisted"}));
    // The main language's file keeps pawprint's own name, and no temporary file
    // is left beside it.
    assert_eq!(text(project.path(), "content/dogs/ear-mites.md"), raw);
    assert_eq!(
        files_under(&project.path().join("content/dogs")),
        [
            "_index.es.md",
            "_index.md",
            "anal-gland-leakage.es.md",
            "anal-gland-leakage.md",
            "ear-mites.md"
        ]
    );
    // Dates written as strings and lists on one line load as any article does.
    let (status, page) = eventually(server.port, "/dogs/ear-mites/", |status, _| status == 200);
    assert_eq!(status, 200);
    assert!(page.contains("Ear mites in dogs"), "{page}");

    // An article and its translation, both new, are checked together: the
    // translation finds its original among the files being saved.
    let spanish = "+++\ntitle = \"Ácaros del oído en perros\"\nsummary = \"Los ácaros son bichos muy pequeños que viven en el oído.\"\nspecies = [\"dog\"]\nupdated = \"2026-12-01\"\n\n[handout]\nintro = \"Los ácaros son comunes en los cachorros.\"\nsigns = [\"Se rasca las orejas\", \"Sacude la cabeza\", \"Cera oscura en el oído\"]\nprevention = [\"Revise las orejas cada semana\", \"Trate a todas las mascotas de la casa\"]\ncall_us_if = [\"La oreja está roja o le duele\"]\nfill_in = [\"Nombre de la mascota\"]\n+++\nLos ácaros son comunes en los cachorros.\n";
    let (status, answer) = call(
        &server,
        &cookie,
        "persistEntry",
        json!({"branch": "main", "dataFiles": [
            {"path": "content/dogs/ear-wax.en.md", "slug": "ear-wax", "raw": decap_article("Ear wax in dogs")},
            {"path": "content/dogs/ear-wax.es.md", "slug": "ear-wax", "raw": spanish}], "assets": []}),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(project.path().join("content/dogs/ear-wax.md").exists());
    assert_eq!(text(project.path(), "content/dogs/ear-wax.es.md"), spanish);
    std::fs::remove_file(project.path().join("content/dogs/ear-wax.md")).unwrap();
    std::fs::remove_file(project.path().join("content/dogs/ear-wax.es.md")).unwrap();

    // Edited again: the file is replaced, and the page follows.
    let raw = decap_article("Ear mites in puppies");
    let (status, answer) = persist(
        &server,
        &cookie,
        json!({"path": "content/dogs/ear-mites.en.md", "slug": "ear-mites", "raw": raw}),
    );
    assert_eq!(status, 200, "{answer}");
    eventually(server.port, "/dogs/ear-mites/", |_, body| {
        body.contains("Ear mites in puppies")
    });

    // A picture goes into the picture folder, checked as a sheet's picture.
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"none\" stroke=\"#000\"/></svg>\n";
    let content = encode(svg.as_bytes());
    let (status, answer) = call(
        &server,
        &cookie,
        "persistMedia",
        json!({"branch": "main", "asset": {"path": "pictures/mite.svg", "content": content, "encoding": "base64"}}),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["path"], "pictures/mite.svg");
    assert_eq!(text(project.path(), "pictures/mite.svg"), svg);
    let script =
        encode(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
    let (status, answer) = call(
        &server,
        &cookie,
        "persistMedia",
        json!({"branch": "main", "asset": {"path": "pictures/bad.svg", "content": script, "encoding": "base64"}}),
    );
    assert_eq!(status, 422, "{answer}");
    assert!(!project.path().join("pictures/bad.svg").exists());

    // Deleting removes files, never folders.
    let (status, answer) = call(
        &server,
        &cookie,
        "deleteFiles",
        json!({"branch": "main", "paths": ["content/dogs"], "options": {}}),
    );
    assert_eq!(status, 403, "{answer}");
    let (status, answer) = call(
        &server,
        &cookie,
        "deleteFiles",
        json!({"branch": "main", "paths": ["content/dogs/ear-mites.en.md", "pictures/mite.svg"], "options": {}}),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(!project.path().join("content/dogs/ear-mites.md").exists());
    assert!(!project.path().join("pictures/mite.svg").exists());
    eventually(server.port, "/dogs/ear-mites/", |status, _| status == 404);
}

/// Saves one file through `persistEntry`, as the editor saves an entry.
fn persist(server: &Server, cookie: &str, file: Value) -> (u16, Value) {
    call(
        server,
        cookie,
        "persistEntry",
        json!({"branch": "main", "dataFiles": [file], "assets": []}),
    )
}

/// Standard base64 with padding, as the editor sends pictures.
fn encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn an_article_with_errors_is_not_written_and_the_editor_is_told_the_line() {
    let (project, server, cookie) = started();
    let raw = decap_article("Ear mites").replace(
        "species = [\"dog\"]\n",
        "species = [\"dog\"]\nsigns_typo = 3\n",
    );
    let (status, answer) = persist(
        &server,
        &cookie,
        json!({"path": "content/dogs/ear-mites.en.md", "slug": "ear-mites", "raw": raw}),
    );
    assert_eq!(status, 422, "{answer}");
    let error = answer["error"].as_str().unwrap();
    assert!(
        error.contains("content/dogs/ear-mites.md:5"),
        "names the file and the line: {error}"
    );
    assert!(error.contains("signs_typo"), "{error}");
    assert!(!project.path().join("content/dogs/ear-mites.md").exists());
    // Checked as `check` checks it, with the rest of the project: a species the
    // theme does not know.
    let raw = decap_article("Ear mites").replace("species = [\"dog\"]", "species = [\"dragon\"]");
    let (status, answer) = persist(
        &server,
        &cookie,
        json!({"path": "content/dogs/ear-mites.en.md", "slug": "ear-mites", "raw": raw}),
    );
    assert_eq!(status, 422, "{answer}");
    let error = answer["error"].as_str().unwrap();
    assert!(error.contains("content/dogs/ear-mites.md:4"), "{error}");
    assert!(error.contains("dragon"), "{error}");
    assert!(!project.path().join("content/dogs/ear-mites.md").exists());
    // A bad name is an error too: it could not be a web address.
    let (status, answer) = persist(
        &server,
        &cookie,
        json!({"path": "content/dogs/Ear Mites.en.md", "raw": decap_article("Ear mites")}),
    );
    assert_eq!(status, 422, "{answer}");
    assert!(!project.path().join("content/dogs/Ear Mites.md").exists());
}

#[test]
fn only_the_editor_page_may_write() {
    let (project, server, cookie) = started();
    let body = json!({"branch": "main", "action": "persistEntry", "params": {"branch": "main",
        "dataFiles": [{"path": "content/dogs/x.md", "raw": decap_article("X")}], "assets": []}})
    .to_string();
    let origin = format!("Origin: {}", server.origin());
    let kind = "Content-Type: application/json".to_string();
    let with_cookie = format!("Cookie: {cookie}");
    for (headers, want) in [
        // No cookie: another page of the site, or a program that guessed the path.
        (vec![origin.clone(), kind.clone()], 403),
        (
            vec![
                origin.clone(),
                kind.clone(),
                "Cookie: pawprint_editor=0000".into(),
            ],
            403,
        ),
        // Another site, even with the cookie (a browser would not send it).
        (
            vec![
                "Origin: http://evil.example".into(),
                kind.clone(),
                with_cookie.clone(),
            ],
            403,
        ),
        (
            vec![
                "Origin: http://127.0.0.1:1".into(),
                kind.clone(),
                with_cookie.clone(),
            ],
            403,
        ),
        (vec![kind.clone(), with_cookie.clone()], 403),
        // A form's kind of body.
        (
            vec![
                origin.clone(),
                "Content-Type: text/plain".into(),
                with_cookie.clone(),
            ],
            415,
        ),
    ] {
        let (status, answer) = post_with(server.port, &headers, &body);
        assert_eq!(status, want, "{headers:?}: {answer}");
        assert!(answer["error"].is_string(), "{answer}");
    }
    assert!(!project.path().join("content/dogs/x.md").exists());
    // Another host name (DNS rebinding) is refused before anything else.
    let raw = format!(
        "POST {API} HTTP/1.1\r\nHost: evil.example:{port}\r\nOrigin: http://evil.example:{port}\r\nContent-Type: application/json\r\nCookie: {cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len(),
        port = server.port
    );
    let (status, _, _) = raw_request("127.0.0.1", server.port, raw);
    assert_eq!(status, 403);
    assert!(!project.path().join("content/dogs/x.md").exists());
    // Too big.
    let big = format!(
        "POST {API} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{origin}\r\n{kind}\r\n{with_cookie}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        17 * 1024 * 1024,
        port = server.port
    );
    let (status, _, _) = raw_request("127.0.0.1", server.port, big);
    assert_eq!(status, 413);
    // With all three, it writes.
    let (status, answer) = post_with(server.port, &[origin, kind, with_cookie], &body);
    assert_eq!(status, 200, "{answer}");
    assert!(project.path().join("content/dogs/x.md").exists());
}

#[test]
fn paths_outside_content_and_links_are_refused() {
    let (project, server, cookie) = started();
    let outside = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), project.path().join("content/linked")).unwrap();
    let site_toml = text(project.path(), "site.toml");
    let mut attempts = vec![
        "content/../site.md",
        "content/dogs/../../x.md",
        "../x.md",
        "/tmp/x.md",
        "content\\dogs\\x.md",
        "content/dogs/x.html",
        "themes/x.md",
        "site.toml",
    ];
    if cfg!(unix) {
        attempts.push("content/linked/x.md");
    }
    for path in attempts {
        let (status, answer) = persist(
            &server,
            &cookie,
            json!({"path": path, "raw": decap_article("X")}),
        );
        assert_eq!(status, 403, "{path}: {answer}");
        assert!(answer["error"].is_string(), "{answer}");
        let (status, answer) = call(
            &server,
            &cookie,
            "getEntry",
            json!({"branch": "main", "path": path}),
        );
        assert_eq!(status, 403, "{path}: {answer}");
    }
    let (status, answer) = call(
        &server,
        &cookie,
        "deleteFiles",
        json!({"branch": "main", "paths": ["site.toml"]}),
    );
    assert_eq!(status, 403, "{answer}");
    let (status, answer) = call(
        &server,
        &cookie,
        "persistMedia",
        json!({"branch": "main", "asset": {"path": "content/x.svg", "content": "", "encoding": "base64"}}),
    );
    assert_eq!(status, 403, "{answer}");
    assert!(
        files_under(outside.path()).is_empty(),
        "nothing written outside"
    );
    assert_eq!(text(project.path(), "site.toml"), site_toml);
    assert!(!project.path().join("x.md").exists());
    assert!(!project.path().parent().unwrap().join("x.md").exists());
}

#[test]
fn the_editor_pages_get_the_token_and_their_own_policy_and_other_pages_keep_theirs() {
    let (_project, server, _cookie) = started();
    let (status, head, _) = request(server.port, "GET", "/admin/probe.html");
    assert_eq!(status, 200);
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap();
    let token = cookie
        .strip_prefix("pawprint_editor=")
        .unwrap()
        .split(';')
        .next()
        .unwrap();
    assert!(
        token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()),
        "{token}"
    );
    assert!(
        cookie.ends_with("; httponly; samesite=strict; path=/__pawprint/"),
        "{cookie}"
    );
    assert!(
        head.contains(
            "content-security-policy: default-src 'self'; script-src 'self' 'unsafe-eval';"
        ),
        "{head}"
    );
    // The editor's pages do not reload themselves after a save; the site's do.
    for page in ["/admin/", "/admin/probe.html"] {
        let (status, _, body) = request(server.port, "GET", page);
        assert_eq!(status, 200, "{page}");
        assert!(!body.contains("/__pawprint/reload.js"), "{page}: {body}");
    }
    let (status, head, body) = request(server.port, "GET", "/dogs/");
    assert!(body.contains("/__pawprint/reload.js"), "{body}");
    assert_eq!(status, 200);
    assert!(!head.contains("set-cookie"), "{head}");
    assert!(head.contains("content-security-policy: "), "{head}");
    assert!(!head.contains("'unsafe-eval'"), "{head}");
}

#[test]
fn with_the_editor_off_there_is_no_backend_and_no_token() {
    let project = shipped_copy();
    let admin = project.path().join("static/admin");
    std::fs::create_dir_all(&admin).unwrap();
    std::fs::write(admin.join("probe.html"), PROBE).unwrap();
    let server = serve(project.path());
    let body = json!({"action": "info", "params": {}}).to_string();
    let raw = format!(
        "POST {API} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len(),
        port = server.port
    );
    let (status, _, _) = raw_request("127.0.0.1", server.port, raw);
    assert_eq!(status, 404);
    let (status, head, _) = request(server.port, "GET", "/admin/probe.html");
    assert_eq!(status, 200);
    assert!(!head.contains("set-cookie"), "{head}");
    assert!(!head.contains("'unsafe-eval'"), "{head}");
}

#[test]
fn under_a_base_path_the_editor_pages_are_under_it_and_the_backend_stays_at_the_root() {
    let project = editable();
    edit_file(
        &project.path().join("site.toml"),
        "base_url = \"https://pets.maple-street-vet.example/\"",
        "base_url = \"https://pets.maple-street-vet.example/library/\"",
    );
    let admin = project.path().join("static/admin");
    std::fs::create_dir_all(&admin).unwrap();
    std::fs::write(admin.join("probe.html"), PROBE).unwrap();
    let server = serve(project.path());
    let (status, head, _) = request(server.port, "GET", "/library/admin/probe.html");
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("set-cookie: pawprint_editor="), "{head}");
    assert!(head.contains("'unsafe-eval'"), "{head}");
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let (status, head, _) = request(server.port, "GET", "/library/dogs/");
    assert_eq!(status, 200, "{head}");
    assert!(!head.contains("set-cookie"), "{head}");
    let (status, answer) = call(
        &server,
        &cookie,
        "getEntry",
        json!({"branch": "main", "path": "content/dogs/anal-gland-leakage.en.md"}),
    );
    assert_eq!(status, 200, "{answer}");
    assert!(answer["data"].as_str().unwrap().starts_with("+++"));
}

#[test]
fn the_sheet_preview_draws_the_words_in_the_form_and_says_whether_they_fit() {
    let (project, server, cookie) = started();
    let before = files_under(&project.path().join("content"));
    let raw = decap_article("Ear mites");
    let (status, answer) = call(
        &server,
        &cookie,
        "sheetPreview",
        json!({"path": "content/dogs/ear-mites.en.md", "raw": raw}),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["fits"], true, "{answer}");
    let svg = answer["svg"].as_str().unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains("Scratching"),
        "{svg}"
    );
    // Too many signs for one page: no drawing, and the reason.
    let many: Vec<String> = (1..=40)
        .map(|i| format!("\"Sign number {i}, which goes on for quite a few words\""))
        .collect();
    let long = raw.replace(
        "signs = [\"Scratching the ears\", \"Shaking the head\", \"Dark wax in the ear\"]",
        &format!("signs = [{}]", many.join(", ")),
    );
    let (status, answer) = call(
        &server,
        &cookie,
        "sheetPreview",
        json!({"path": "content/dogs/ear-mites.en.md", "raw": long}),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["fits"], false, "{answer}");
    assert!(answer["svg"].is_null());
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("content/dogs/ear-mites.md"),
        "{answer}"
    );
    // Only for the editor's page, and nothing is written.
    let (status, _) = call(
        &server,
        "pawprint_editor=guess",
        "sheetPreview",
        json!({"path": "content/dogs/ear-mites.en.md", "raw": decap_article("Ear mites")}),
    );
    assert_eq!(status, 403);
    assert_eq!(files_under(&project.path().join("content")), before);
}
