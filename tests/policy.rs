//! The script policy: every page pawprint builds carries a Content Security Policy
//! in a `<meta http-equiv>` tag, right after the charset, and nothing on the page
//! needs what the policy refuses (inline script, inline event handlers, `style=""`).

use crate::common;

use common::attributes::unsafe_attributes;
use common::*;

/// The one-language fixture with an aligned table and a picture from another
/// site in its article, the two things in a body that touch the policy.
fn build_with_table_and_outside_picture() -> (tempfile::TempDir, std::path::PathBuf) {
    let project = fixture("one-language");
    // The search's reader is WebAssembly, which the policy must allow.
    if cfg!(feature = "search") {
        with_search(project.path());
    }
    let article = ARTICLE.edit(
        "Ears need care. Look at them each week.\n",
        "Ears need care. Look at them each week.\n\n\
         | Day | Drops |\n|:---|---:|\n| Monday | 2 |\n\n\
         ![A clean ear](https://Pictures.example.org/ears/clean.jpg)\n",
    );
    std::fs::write(project.path().join("content/dogs/ear-care.md"), article).unwrap();
    // A section intro may show an outside picture too.
    std::fs::write(
        project.path().join("content/dogs/_index.md"),
        "+++\ntitle = \"Dogs\"\n+++\nAdvice for dogs.\n\n![A happy dog](https://intro.example.org/dog.jpg)\n",
    )
    .unwrap();
    let report = pawprint::build(project.path(), None).unwrap_or_else(|p| panic!("{p}"));
    let out = report.output.clone();
    (project, out)
}

/// The policy every built page must start its head with.
const POLICY_TAG: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

#[test]
fn every_built_page_carries_the_policy_and_needs_nothing_it_refuses() {
    let (_project, out) = build_with_table_and_outside_picture();
    let pages: Vec<(String, String)> = read_tree(&out)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect();
    assert!(
        pages.len() >= 5,
        "{:?}",
        pages.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    assert!(pages.iter().any(|(path, _)| path == "404.html"));
    for (path, html) in &pages {
        let head = html
            .split_once("<head>\n<meta charset=\"utf-8\">\n")
            .unwrap_or_else(|| panic!("{path}: the head does not start with the charset"))
            .1;
        let policy = head
            .strip_prefix(POLICY_TAG)
            .and_then(|rest| rest.split_once("\">\n"))
            .unwrap_or_else(|| {
                panic!(
                    "{path}: the policy is not the first thing after the charset:\n{}",
                    &head[..head.len().min(400)]
                )
            })
            .0
            .replace("&#39;", "'");
        // The search index's reader is WebAssembly: without the search, the
        // policy allows none.
        let scripts = match cfg!(feature = "search") {
            true => "script-src 'self' 'wasm-unsafe-eval'",
            false => "script-src 'self'",
        };
        assert!(
            policy.starts_with(&format!(
                "default-src 'self'; {scripts}; style-src 'self'; "
            )),
            "{path}: {policy}"
        );
        for part in ["object-src 'none'", "base-uri 'none'", "form-action 'self'"] {
            assert!(policy.contains(part), "{path}: {policy}");
        }
        // WebAssembly for the search index's reader, and nothing looser.
        let unsafe_parts: Vec<&str> = policy
            .split([' ', ';'])
            .filter(|part| part.contains("unsafe") && *part != "'wasm-unsafe-eval'")
            .collect();
        assert!(unsafe_parts.is_empty(), "{path}: {policy}");
        // The picture's site, and only its origin, is allowed for pictures (on the
        // English pages: the Spanish ones show none of them).
        assert!(
            path.starts_with("es/")
                || policy.contains(
                    "img-src 'self' data: https://intro.example.org https://pictures.example.org;"
                ),
            "{path}: {policy}"
        );

        // No inline script: the JSON-LD data block, and the site's own files.
        let lower = html.to_ascii_lowercase();
        let scripts = lower.matches("<script").count();
        let data = html
            .matches("<script type=\"application/ld+json\">")
            .count();
        let files = own_script_files(html);
        assert_eq!(
            scripts,
            data + files.len(),
            "{path}: a script other than JSON-LD or a file of the site"
        );
        for file in files {
            assert!(
                out.join(file.trim_start_matches('/')).is_file(),
                "{path}: {file} is not a file of the site"
            );
        }
        assert!(!lower.contains("<style"), "{path}: an inline stylesheet");
        assert_eq!(
            unsafe_attributes(html, &[]),
            Vec::<String>::new(),
            "{path}: an attribute the policy refuses"
        );
    }
    let article = &pages
        .iter()
        .find(|(path, _)| path == "dogs/ear-care/index.html")
        .unwrap()
        .1;
    assert!(
        article.contains("<th class=\"align-left\">Day</th><th class=\"align-right\">Drops</th>"),
        "{article}"
    );
    assert!(article.contains("<script type=\"application/ld+json\">"));
}

/// The addresses of the page's `<script type="module" src="/...">` tags that load a
/// file of the site and hold no code of their own.
fn own_script_files(html: &str) -> Vec<&str> {
    html.match_indices("<script type=\"module\" src=\"")
        .filter_map(|(at, tag)| {
            let rest = &html[at + tag.len()..];
            let (src, after) = rest.split_once("\">")?;
            (src.starts_with('/') && !src.starts_with("//") && after.starts_with("</script>"))
                .then_some(src)
        })
        .collect()
}

#[test]
fn the_search_and_handouts_pages_load_their_scripts_as_files() {
    let (_project, out) = build_with_table_and_outside_picture();
    assert_eq!(
        own_script_files(&text(&out, "handouts/index.html")),
        ["/handouts.js"]
    );
    let home = text(&out, "index.html");
    if cfg!(feature = "search") {
        assert_eq!(own_script_files(&home), ["/search.js"]);
        // The search index's reader is WebAssembly, which the policy allows to
        // compile.
        assert!(home.contains("script-src &#39;self&#39; &#39;wasm-unsafe-eval&#39;;"));
        assert!(out.join("pagefind/pagefind.js").is_file());
    } else {
        // A pawprint built without search: no box, no script, no index.
        assert_eq!(own_script_files(&home), [] as [&str; 0]);
        assert!(home.contains("script-src &#39;self&#39;;"));
        assert!(!out.join("pagefind").exists());
    }
}

#[test]
fn the_same_site_gives_the_same_policy() {
    let (_a, first) = build_with_table_and_outside_picture();
    let (_b, second) = build_with_table_and_outside_picture();
    assert_eq!(text(&first, "index.html"), text(&second, "index.html"));
}

/// The shipped project with `templates/base.html` replaced by the theme's own,
/// changed by `edit`.
fn with_base_override(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let project = shipped_copy();
    let base = std::fs::read_to_string(theme_source().join("templates/base.html")).unwrap();
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    std::fs::write(project.path().join("templates/base.html"), edit(&base)).unwrap();
    project
}

#[test]
fn a_template_that_drops_the_policy_or_adds_inline_script_is_warned_about() {
    let project = with_base_override(|base| {
        let start = base.find(POLICY_TAG).unwrap();
        let end = start + base[start..].find('>').unwrap() + 1;
        base.replace(&base[start..end], "<script>console.log('hi')</script>")
    });
    let out = pawprint(project.path(), &["build", "--format", "short"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("templates/base.html: warning[page.no-policy]: the page /index.html has no script policy"),
        "{err}"
    );
    assert!(err.contains("warning[page.inline-script]"), "{err}");
    // The shipped theme itself gives neither.
    let out = pawprint(shipped_copy().path(), &["build"]);
    assert!(!stderr(&out).contains("page."), "{}", stderr(&out));
}

#[test]
fn a_base_url_with_an_empty_part_is_refused_at_its_line() {
    for bad in [
        "https://pets.example//",
        "https://pets.example//evil.example/",
        "https://me:secret@pets.example/",
        "https://pets.example/a/../",
    ] {
        let project = fixture("one-language");
        let path = project.path().join("site.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text
            .lines()
            .position(|l| l.starts_with("base_url"))
            .unwrap()
            + 1;
        let start = text.find("base_url").unwrap();
        let end = start + text[start..].find('\n').unwrap();
        std::fs::write(
            &path,
            text.replace(&text[start..end], &format!("base_url = \"{bad}\"")),
        )
        .unwrap();
        let out = pawprint(project.path(), &["check", "--format", "short"]);
        assert!(!out.status.success(), "{bad}");
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(
            said.contains(&format!("site.toml:{line}:"))
                && said.contains("error[site-toml.bad-address]"),
            "{bad}: {said}"
        );
    }
}

#[test]
fn an_address_that_starts_with_two_slashes_on_a_page_is_an_error() {
    // A template that writes a link to another host, as an empty part of the
    // base path would.
    let project = with_base_override(|base| {
        base.replace("</body>", "<a href=\"//evil.example/x\">x</a></body>")
    });
    let out = pawprint(project.path(), &["build"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("error[page.host-relative-address]"), "{err}");
    assert!(err.contains("//evil.example/x"), "{err}");
}

/// The policy in a page's `<meta>` tag.
fn meta_policy(html: &str) -> &str {
    html.split_once(POLICY_TAG)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(policy, _)| policy)
        .expect("a policy tag")
}

#[test]
fn the_headers_file_sends_the_pages_own_policy_with_what_a_tag_cannot_say() {
    // Two languages, so a Spanish page must carry the same policy as an English one,
    // and a picture from another site only in the Spanish article.
    let project = fixture("two-languages");
    let spanish = std::fs::read_dir(project.path().join("content/dogs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".es.md"))
        .expect("a Spanish article");
    let source = std::fs::read_to_string(&spanish).unwrap();
    let (front, body) = source.rsplit_once("+++\n").unwrap();
    std::fs::write(
        &spanish,
        format!("{front}+++\n![Un perro](https://fotos.example.org/perro.jpg)\n\n{body}"),
    )
    .unwrap();
    let out = pawprint::build(project.path(), None)
        .unwrap_or_else(|p| panic!("{p}"))
        .output;
    let headers = text(&out, "_headers");
    let sent = headers
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .expect("a policy header");
    let pages: Vec<(String, String)> = read_tree(&out)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect();
    assert!(pages.iter().any(|(p, _)| p.starts_with("es/")));
    for (path, html) in &pages {
        assert_eq!(
            format!(
                "{}; frame-ancestors 'none'",
                meta_policy(html).replace("&#39;", "'")
            ),
            sent,
            "{path}"
        );
    }
    assert!(sent.contains("https://fotos.example.org"), "{sent}");
    assert!(headers.starts_with("# "), "{headers}");
    assert!(
        headers.contains("\n/*\n  Content-Security-Policy: "),
        "{headers}"
    );
    assert!(headers.contains("\n  X-Content-Type-Options: nosniff\n"));
    assert!(headers.contains("\n  Referrer-Policy: strict-origin-when-cross-origin\n"));

    // Off by a setting; the meta tag stays.
    let settings = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    std::fs::write(
        project.path().join("site.toml"),
        format!("{settings}\n[publish]\nheaders = false\n"),
    )
    .unwrap();
    let out = pawprint::build(project.path(), None)
        .unwrap_or_else(|p| panic!("{p}"))
        .output;
    assert!(!out.join("_headers").exists());
    assert!(text(&out, "index.html").contains(POLICY_TAG));
}

#[cfg(feature = "search")]
#[test]
fn the_search_index_files_named_by_their_hash_are_kept_a_year() {
    let project = fixture("one-language");
    with_search(project.path());
    let out = pawprint::build(project.path(), None)
        .unwrap_or_else(|p| panic!("{p}"))
        .output;
    let headers = text(&out, "_headers");
    for folder in ["fragment", "index"] {
        let rule =
            format!("/pagefind/{folder}/*\n  Cache-Control: public, max-age=31536000, immutable\n");
        assert!(headers.contains(&rule), "{headers}");
        // Every file there has a hash in its name.
        for entry in std::fs::read_dir(out.join("pagefind").join(folder)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let hash = name.split(['_', '.']).nth(1).unwrap_or_default();
            assert!(
                hash.len() >= 7 && hash.chars().all(|c| c.is_ascii_hexdigit()),
                "{name}"
            );
        }
    }
    assert!(
        !headers.contains("/pagefind/*\n"),
        "pagefind.js keeps its name, so no long cache"
    );
}

#[test]
fn a_base_url_for_one_build_reaches_links_sitemap_feed_and_sheets() {
    let project = fixture("one-language");
    let preview = "https://deploy-preview-7--clinic.netlify.app/";
    let run = pawprint(project.path(), &["build", "--quiet", "--base-url", preview]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = project.path().join("output");
    let sitemap = text(&out, "sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{preview}")), "{sitemap}");
    assert!(!sitemap.contains("<loc>https://pets"), "{sitemap}");
    assert!(text(&out, "atom.xml").contains(preview));
    let article = text(&out, "dogs/ear-care/index.html");
    assert!(
        article.contains(&format!(
            "rel=\"canonical\" href=\"{preview}dogs/ear-care/\""
        )),
        "{article}"
    );
    // The sheet's QR code and its printed address point at the preview too.
    let svg = read_tree(&out)
        .into_iter()
        .find(|(p, _)| p.ends_with("-letter.svg"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .expect("a picture of the sheet");
    assert!(
        svg.contains("deploy-preview-7--clinic.netlify.app/dogs/ear-care/"),
        "{svg}"
    );

    // A bad address is refused, and the last good output stays.
    let before = read_tree(&out);
    let run = pawprint(
        project.path(),
        &["build", "--format", "short", "--base-url", "ftp://x/"],
    );
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(
        err.contains("--base-url: error[site-toml.bad-address]"),
        "{err}"
    );
    assert_eq!(read_tree(&out), before);
}
