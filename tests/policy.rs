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
