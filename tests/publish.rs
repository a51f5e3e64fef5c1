//! Publishing on a web server of one's own: the guide's nginx example, run for
//! real against a built site. It serves each language's 404 page, the right
//! content types, and the same headers as `output/_headers`. (With the search, as
//! the example's policy is a searchable site's: the module is left out without
//! the `search` feature.)

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::*;

/// The example configuration, as the guide shows it.
const EXAMPLE: &str = include_str!("../docs/src/publish/nginx.conf");

/// A plain HTTP/1.0 GET: the status, the head (lower-case names) and the body.
fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: pets.example.com\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&answer[..split]).to_lowercase();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head, answer[split + 4..].to_vec())
}

fn header<'a>(head: &'a str, name: &str) -> Vec<&'a str> {
    head.lines()
        .filter_map(|l| l.strip_prefix(&format!("{name}: ")))
        .collect()
}

struct Nginx(std::process::Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg_attr(not(has_nginx), ignore = "needs nginx (apt install nginx-light)")]
#[test]
fn the_nginx_example_serves_the_site_as_the_headers_file_says() {
    let project = shipped_copy();
    // With the editor on, so /admin/ is there with its own policy.
    let settings = project.path().join("site.toml");
    let toml = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("{toml}\n[editor]\nenabled = true\n")).unwrap();
    let run = pawprint(project.path(), &["build", "--quiet"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = project.path().join("output");

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let work = tempfile::tempdir().unwrap();
    let w = work.path().display();
    // Only the folder, the port and nginx's own paths differ from the guide's file.
    // One process, no workers, so stopping it leaves nothing running.
    let server = EXAMPLE
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
        .replace("root /var/www/pets;", &format!("root {};", out.display()));
    assert_ne!(server, EXAMPLE);
    let conf = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {w}/nginx.pid;\nerror_log {w}/error.log;\n\
         events {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n  access_log off;\n\
         client_body_temp_path {w}/body;\n  proxy_temp_path {w}/proxy;\n  fastcgi_temp_path {w}/fastcgi;\n\
         uwsgi_temp_path {w}/uwsgi;\n  scgi_temp_path {w}/scgi;\n{server}\n}}\n"
    );
    std::fs::write(work.path().join("nginx.conf"), conf).unwrap();
    let nginx = Nginx(
        std::process::Command::new("nginx")
            .args(["-e", &format!("{w}/error.log"), "-c"])
            .arg(work.path().join("nginx.conf"))
            .spawn()
            .expect("start nginx"),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nginx did not start: {}",
            std::fs::read_to_string(work.path().join("error.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let headers = text(&out, "_headers");
    let policy = headers
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .unwrap()
        .to_lowercase();
    let pdf = read_tree(&out)
        .into_keys()
        .find(|p| p.ends_with(".pdf"))
        .unwrap();
    let meta = std::fs::read_dir(out.join("pagefind"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".pf_meta"))
        .unwrap();
    let fragment = std::fs::read_dir(out.join("pagefind/fragment"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .next()
        .unwrap();
    let cases = [
        ("/", 200, "text/html"),
        ("/dogs/anal-gland-leakage/", 200, "text/html"),
        ("/es/", 200, "text/html"),
        (&format!("/{pdf}"), 200, "application/pdf"),
        ("/style.css", 200, "text/css"),
        ("/pagefind/pagefind.js", 200, "application/javascript"),
        (
            &format!("/pagefind/{meta}"),
            200,
            "application/octet-stream",
        ),
        (
            &format!("/pagefind/fragment/{fragment}"),
            200,
            "application/octet-stream",
        ),
        ("/nope/", 404, "text/html"),
        ("/es/nope/", 404, "text/html"),
    ];
    for (path, status, kind) in cases {
        let (got, head, _) = get(port, path);
        assert_eq!(got, status, "{path}: {head}");
        assert_eq!(header(&head, "content-type"), [kind], "{path}: {head}");
        assert_eq!(
            header(&head, "content-security-policy"),
            [policy.as_str()],
            "{path}"
        );
        assert_eq!(
            header(&head, "x-content-type-options"),
            ["nosniff"],
            "{path}"
        );
        assert_eq!(
            header(&head, "referrer-policy"),
            ["strict-origin-when-cross-origin"],
            "{path}"
        );
    }
    // The editor's pages get the policy of the `/admin/*` block instead.
    let editor_policy = headers
        .split("/admin/*")
        .nth(1)
        .and_then(|block| {
            block
                .lines()
                .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        })
        .unwrap()
        .to_lowercase();
    assert_ne!(editor_policy, policy);
    for path in ["/admin/", "/admin/decap-cms.js"] {
        let (got, head, _) = get(port, path);
        assert_eq!(got, 200, "{path}: {head}");
        assert_eq!(
            header(&head, "content-security-policy"),
            [editor_policy.as_str()],
            "{path}"
        );
        assert_eq!(header(&head, "x-content-type-options"), ["nosniff"]);
    }
    let (_, head, _) = get(port, &format!("/pagefind/fragment/{fragment}"));
    assert_eq!(
        header(&head, "cache-control"),
        ["public, max-age=31536000, immutable"]
    );
    // The Spanish pages have their own index, kept as long.
    let es_fragment = std::fs::read_dir(out.join("es/pagefind/fragment"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .next()
        .unwrap();
    let (_, head, _) = get(port, &format!("/es/pagefind/fragment/{es_fragment}"));
    assert_eq!(
        header(&head, "cache-control"),
        ["public, max-age=31536000, immutable"]
    );
    assert!(
        headers.contains("\n/es/pagefind/fragment/*\n  Cache-Control: "),
        "{headers}"
    );
    let (_, head, _) = get(port, "/pagefind/pagefind.js");
    assert!(header(&head, "cache-control").is_empty(), "{head}");

    // Each language's own 404 page.
    let (_, _, body) = get(port, "/nope/");
    assert_eq!(body, std::fs::read(out.join("404.html")).unwrap());
    let (_, _, body) = get(port, "/es/nope/");
    assert_eq!(body, std::fs::read(out.join("es/404.html")).unwrap());

    // Not for visitors.
    assert_eq!(get(port, "/_headers").0, 404);
    assert_eq!(get(port, "/.pawprint-output").0, 404);
    drop(nginx);
}
