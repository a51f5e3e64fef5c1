//! The content editor in the built site: with `[editor] enabled = true` the build
//! writes Decap CMS and its settings under admin/, with the editor's own script
//! policy; without it, nothing. config.yml is made from the article schema.

use crate::common;

use common::*;

/// The two-language fixture with the editor turned on, and `more` added to its
/// `[editor]` table.
fn with_editor(more: &str) -> tempfile::TempDir {
    let project = fixture("two-languages");
    let site = project.path().join("site.toml");
    let mut text = std::fs::read_to_string(&site).unwrap();
    text.push_str(&format!("\n[editor]\nenabled = true\n{more}"));
    std::fs::write(&site, text).unwrap();
    project
}

/// Builds `project` into its output folder, and returns that folder.
fn build(project: &std::path::Path) -> std::path::PathBuf {
    pawprint::build(project, None)
        .unwrap_or_else(|p| panic!("{p}"))
        .output
}

/// The editor's files, as the build writes them.
const EDITOR_FILES: &[&str] = &[
    "admin/LICENSE-decap-cms.txt",
    "admin/config.yml",
    "admin/decap-cms.js",
    "admin/decap-cms.js.LICENSE.txt",
    "admin/editor-start.js",
    "admin/editor.js",
    "admin/index.html",
];

#[test]
fn the_editor_is_built_under_admin_with_its_own_policy() {
    let project = with_editor("");
    let out = build(project.path());
    let tree = read_tree(&out);
    let admin: Vec<&str> = tree
        .keys()
        .map(String::as_str)
        .filter(|path| path.starts_with("admin/"))
        .collect();
    assert_eq!(admin, EDITOR_FILES);

    // The page: the site's language, a title, the editor's policy, the three
    // scripts as files of the site and no inline code; the review finds nothing.
    let page = text(&out, "admin/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"),
        "{page}"
    );
    assert!(
        page.contains("<title>Edit the articles · Maple Street Pet Health Library</title>"),
        "{page}"
    );
    let policy = pawprint_site::policy::editor_policy(
        &pawprint_content::load::load(project.path()).unwrap(),
    );
    assert!(
        page.contains(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"
        )),
        "{page}"
    );
    assert!(
        policy.contains("script-src 'self' 'unsafe-eval'"),
        "{policy}"
    );
    let scripts: Vec<&str> = page
        .match_indices("<script")
        .map(|(at, _)| &page[at..at + page[at..].find('>').unwrap() + 1])
        .collect();
    assert_eq!(
        scripts,
        [
            "<script src=\"editor-start.js\">",
            "<script src=\"decap-cms.js\">",
            "<script src=\"editor.js\">"
        ]
    );
    assert!(!page.contains("<style"), "{page}");
    assert_eq!(
        common::attributes::unsafe_attributes(&page, &[]),
        Vec::<String>::new()
    );
    assert!(pawprint_review::rendered::PageFaults::of(&page).is_empty());
    assert!(!page.contains(" id="), "{page}");

    // Decap's script as vendored, without its source map, with its licences.
    let decap = &tree["admin/decap-cms.js"];
    assert!(decap.len() > 5_000_000);
    assert!(!String::from_utf8_lossy(decap).contains("sourceMappingURL"));
    assert!(text(&out, "admin/LICENSE-decap-cms.txt").contains("Copyright (c) 2016 Netlify"));
    assert!(text(&out, "admin/decap-cms.js.LICENSE.txt").contains("@license"));
    assert_eq!(
        text(&out, "admin/editor-start.js")
            .matches("CMS_MANUAL_INIT = true")
            .count(),
        1
    );

    // editor.js asks serve first, then starts Decap with its backend or config.yml's.
    let script = text(&out, "admin/editor.js");
    for part in [
        "\"api\":\"/__pawprint/editor/api\"",
        "action: \"info\"",
        "credentials: \"same-origin\"",
        "answer.type === \"local_fs\"",
        "name: \"proxy\", proxy_url: SITE.api, branch: \"main\"",
        "CMS.registerPreviewTemplate(name, preview(name))",
        "CMS.registerPreviewStyle(style)",
        "action: \"sheetPreview\", params: { path: self.props.path, raw: raw }",
        "\"collections\":{\"dogs\":\"content/dogs\"}",
        "\"styles\":[\"../style.css\"]",
        "\"sheet_fits\":\"The sheet fits on one page.\"",
    ] {
        assert!(script.contains(part), "{part}");
    }

    // Not a page of the site: the sitemap leaves it out.
    assert!(!text(&out, "sitemap.xml").contains("admin"));
}

#[test]
fn config_yml_has_a_collection_per_section_with_every_field_and_the_sheet_limits() {
    let project = with_editor("");
    // A second section, with a draft only: staff still write in it.
    std::fs::create_dir_all(project.path().join("content/cats")).unwrap();
    std::fs::write(
        project.path().join("content/cats/hairballs.md"),
        ARTICLE
            .edit("species = [\"dog\"]", "species = [\"cat\"]")
            .edit("+++\n", "+++\ndraft = true\n"),
    )
    .unwrap();
    let out = build(project.path());
    let config = text(&out, "admin/config.yml");
    insta::assert_snapshot!("config_yml_two_languages", config);
    for part in [
        "  - name: \"cats\"\n    label: \"Cats\"\n",
        "  - name: \"dogs\"\n    label: \"Dogs\"\n",
        "    folder: \"content/dogs\"\n    format: \"toml-frontmatter\"\n    extension: \"md\"\n    create: true\n    slug: \"{{slug}}\"\n",
        "i18n:\n  structure: \"multiple_files\"\n  locales:\n    - \"en\"\n    - \"es\"\n  default_locale: \"en\"\n",
        "            min: 3\n            max: 10\n",
        "                - \"^.{1,100}$\"\n",
        "        default: true\n",
        "show_preview_links: false\n",
        "media_folder: \"pictures\"\n",
    ] {
        assert!(config.contains(part), "{part}\n{config}");
    }
    assert!(!config.contains("publish_mode"), "{config}");
}

#[test]
fn config_yml_speaks_the_site_language_and_names_the_forge() {
    let project = with_editor(
        "backend = \"gitlab\"\nrepo = \"clinic/pets\"\nbranch = \"site\"\napp_id = \"a1b2\"\n",
    );
    // A Spanish site: the labels and help come from the Spanish words.
    edit_file(
        &project.path().join("site.toml"),
        "language = \"en\"",
        "language = \"es\"",
    );
    std::fs::remove_file(project.path().join("content/dogs/ear-care.es.md")).unwrap();
    edit_file(
        &project.path().join("site.toml"),
        "[languages.es]\ntitle = \"Biblioteca de salud\"\ndescription = \"Consejos para su mascota.\"\n\n[languages.es.clinic]\nname = \"Clínica Veterinaria Maple Street (ejemplo)\"\nhours = [\"Lunes a viernes: 8 a 18 h\"]\n",
        "",
    );
    let out = build(project.path());
    let config = text(&out, "admin/config.yml");
    assert!(
        config.contains(
            "backend:\n  name: \"gitlab\"\n  repo: \"clinic/pets\"\n  branch: \"site\"\n  auth_type: \"pkce\"\n  app_id: \"a1b2\"\n"
        ),
        "{config}"
    );
    for part in [
        "locale: \"es\"\n",
        "label: \"Señales de alerta\"",
        "hint: \"De 3 a 10 señales cortas, cada una en su propia línea.\"",
        "\"Use 100 letras y espacios como máximo\"",
        "label: \"Perros\"\n            value: \"dog\"",
    ] {
        assert!(config.contains(part), "{part}\n{config}");
    }
    // One language: no i18n block.
    assert!(!config.contains("i18n"), "{config}");
    let page = text(&out, "admin/index.html");
    assert!(page.contains("<html lang=\"es\">"), "{page}");
    assert!(page.contains("<title>Editar los artículos · "), "{page}");
}

#[test]
fn without_the_setting_there_is_no_editor_and_no_admin_headers() {
    let project = fixture("two-languages");
    let out = build(project.path());
    assert!(!out.join("admin").exists());
    assert!(!text(&out, "_headers").contains("/admin/"));
}

#[test]
fn headers_send_the_editor_policy_for_admin_and_the_site_policy_elsewhere() {
    let plain = fixture("two-languages");
    let plain_out = build(plain.path());
    let project = with_editor("");
    let out = build(project.path());
    let headers = text(&out, "_headers");
    let library = pawprint_content::load::load(project.path()).unwrap();
    let editor = pawprint_site::policy::editor_policy(&library);
    assert!(
        headers.contains(&format!(
            "/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: {editor}; frame-ancestors 'none'\n"
        )),
        "{headers}"
    );
    // Every other page keeps its policy: the `/*` block and the pages are as
    // they are without the editor.
    let site_block = |headers: &str| headers.split("/admin/*").next().unwrap().to_string();
    assert_eq!(site_block(&headers), text(&plain_out, "_headers"));
    let pages = |tree: std::collections::BTreeMap<String, Vec<u8>>| {
        tree.into_iter()
            .filter(|(path, _)| path.ends_with(".html") && !path.starts_with("admin/"))
            .collect::<Vec<_>>()
    };
    assert_eq!(pages(read_tree(&out)), pages(read_tree(&plain_out)));
}

#[test]
fn the_editor_policy_lets_it_reach_its_forge_and_nothing_else() {
    let policy_of = |more: &str| {
        let project = with_editor(more);
        let library = pawprint_content::load::load(project.path()).unwrap();
        let policy = pawprint_site::policy::editor_policy(&library);
        let page = text(&build(project.path()), "admin/index.html");
        assert!(page.contains(&policy), "{page}");
        let part = |name: &str| {
            policy
                .split("; ")
                .find_map(|p| p.strip_prefix(&format!("{name} ")))
                .unwrap()
                .to_string()
        };
        (part("connect-src"), part("img-src"))
    };
    // The local way talks only to the site and to serve.
    assert_eq!(
        policy_of(""),
        ("'self'".to_string(), "'self' data: blob:".to_string())
    );
    let (connect, img) = policy_of("backend = \"github\"\nrepo = \"clinic/pets\"\n");
    assert_eq!(connect, "'self' https://api.github.com");
    assert_eq!(
        img,
        "'self' data: blob: https://api.github.com https://avatars.githubusercontent.com"
    );
    let (connect, _) = policy_of("backend = \"gitlab\"\nrepo = \"clinic/pets\"\napp_id = \"a1\"\n");
    assert_eq!(connect, "'self' https://gitlab.com");
    // A GitLab of the clinic's own: its login and its API, wherever they are.
    let (connect, _) = policy_of(
        "backend = \"gitlab\"\nrepo = \"clinic/pets\"\napp_id = \"a1\"\nbase_url = \"https://git.example-clinic.com\"\napi_root = \"https://api.example-clinic.com/api/v4\"\n",
    );
    assert_eq!(
        connect,
        "'self' https://api.example-clinic.com https://git.example-clinic.com"
    );
}

#[test]
fn the_same_project_builds_the_same_editor_bytes() {
    let project = with_editor("");
    let out = build(project.path());
    let first = read_tree(&out.join("admin"));
    std::fs::remove_dir_all(&out).unwrap();
    let again = build(project.path());
    assert_eq!(read_tree(&again.join("admin")), first);
}

#[test]
fn an_unknown_editor_key_is_an_error_naming_its_line() {
    let project = with_editor("enabeld = true\n");
    let output = pawprint(project.path(), &["check", "--format", "short"]);
    assert!(!output.status.success());
    let text = std::fs::read_to_string(project.path().join("site.toml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("enabeld")).unwrap() + 1;
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains(&format!(
            "site.toml:{line}:1: error[settings.unknown-key]: unknown key `editor.enabeld`\n  help: did you mean `enabled`?"
        )),
        "{out}"
    );
}
