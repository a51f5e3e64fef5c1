//! `pawprint init`: a new project from flags, or from answers typed on a
//! terminal, that checks and builds at once with the built-in theme; the host
//! files; and every refusal, each of which writes nothing.

use std::path::Path;

use crate::common::*;

/// Every flag `init` needs to run without a terminal.
const FLAGS: &[&str] = &[
    "--name",
    "Oak Hill Vets",
    "--phone",
    "503-555-0142",
    "--url",
    "https://pets.oak-hill.example",
    "--email",
    "hello@oak-hill.example",
    "--address",
    "2 Oak Hill Road",
    "--country",
    "US",
    "--language",
    "en",
];

fn init(cwd: &Path, dir: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["init", dir];
    args.extend_from_slice(FLAGS);
    args.extend_from_slice(extra);
    if !extra.contains(&"--host") {
        args.extend_from_slice(&["--host", "none"]);
    }
    pawprint(cwd, &args)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = read_tree(dir).into_keys().collect();
    names.sort();
    names
}

#[test]
fn a_new_project_checks_and_builds_with_the_built_in_theme() {
    let place = tempfile::tempdir().unwrap();
    let run = init(place.path(), "oak-hill", &["--also", "es"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let root = place.path().join("oak-hill");
    assert_eq!(
        names(&root),
        [
            ".gitignore",
            "content/dogs/hot-weather.es.md",
            "content/dogs/hot-weather.md",
            "site.toml"
        ]
    );
    assert!(!root.join("themes").exists());
    assert_eq!(text(&root, ".gitignore").lines().last(), Some("/output/"));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(said.contains("pawprint serve"), "{said}");
    assert!(!said.contains("Replace the example values"), "{said}");

    let check = pawprint(&root, &["check", "--format", "short"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let report = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(report.contains("0 errors"), "{report}");
    let build = pawprint(&root, &["build", "--quiet"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(!root.join("output/dogs/hot-weather").exists(), "a draft");

    // Published: the article, its translation, their sheets; and no warning that
    // the translation is behind its original.
    for file in [
        "content/dogs/hot-weather.md",
        "content/dogs/hot-weather.es.md",
    ] {
        edit_file(&root.join(file), "draft = true\n", "");
    }
    let check = pawprint(&root, &["check", "--strict", "--format", "short"]);
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check)
    );
    let build = pawprint(&root, &["build", "--quiet"]);
    assert!(build.status.success(), "{}", stderr(&build));
    let out = root.join("output");
    let page = text(&out, "dogs/hot-weather/index.html");
    assert!(page.contains("Keep Your Dog Safe in Hot Weather"), "{page}");
    assert!(
        out.join("dogs/hot-weather/dogs-hot-weather-letter.pdf")
            .is_file()
    );
    assert!(out.join("es/dogs/calor/index.html").is_file());
    assert!(text(&out, "_headers").contains("Content-Security-Policy"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_writes_nothing() {
    let place = tempfile::tempdir().unwrap();
    let root = place.path().join("clinic");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join("notes.txt"), "mine").unwrap();
    let run = init(place.path(), "clinic", &[]);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(err.contains("is not empty (it holds notes.txt)"), "{err}");
    assert!(err.contains("init.not-empty"), "{err}");
    assert_eq!(names(&root), ["notes.txt"]);

    // A project made once is not made again over itself.
    let run = init(place.path(), "fresh", &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let before = read_tree(&place.path().join("fresh"));
    let run = init(place.path(), "fresh", &["--host", "netlify"]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains(".gitignore, content, site.toml"),
        "{}",
        stderr(&run)
    );
    assert_eq!(read_tree(&place.path().join("fresh")), before);
}

#[test]
fn further_languages_come_as_one_list_or_one_flag_each() {
    let place = tempfile::tempdir().unwrap();
    let listed = init(place.path(), "listed", &["--languages", "es"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let repeated = init(place.path(), "repeated", &["--also", "es", "--also", "es"]);
    assert!(repeated.status.success(), "{}", stderr(&repeated));
    let settings = text(&place.path().join("listed"), "site.toml");
    assert!(settings.contains("\n[languages.es]\n"), "{settings}");
    assert_eq!(
        settings,
        text(&place.path().join("repeated"), "site.toml"),
        "the same language twice is one language"
    );
    assert!(
        place
            .path()
            .join("listed/content/dogs/hot-weather.es.md")
            .is_file()
    );

    let run = init(place.path(), "twice", &["--languages", "es,en"]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("en is already the main language"),
        "{}",
        stderr(&run)
    );
    assert!(!place.path().join("twice").exists());
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_link() {
    let place = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), place.path().join("clinic")).unwrap();
    let run = init(place.path(), "clinic", &[]);
    assert!(!run.status.success());
    assert!(stderr(&run).contains("is a link"), "{}", stderr(&run));
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn without_a_terminal_a_missing_or_bad_answer_stops_before_writing() {
    let place = tempfile::tempdir().unwrap();
    // Standard input is not a terminal when a test runs the binary.
    let run = pawprint(place.path(), &["init", "clinic", "--name", "Oak Hill Vets"]);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(err.contains("init.missing-answer"), "{err}");
    assert!(
        err.contains("--phone, --url, --email, --address, --country, --language, --host"),
        "{err}"
    );
    assert!(!place.path().join("clinic").exists());

    let mut args = vec!["init", "clinic", "--host", "none"];
    args.extend_from_slice(FLAGS);
    let at = args.iter().position(|a| *a == "503-555-0142").unwrap();
    args[at] = "555-01";
    let run = pawprint(place.path(), &args);
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(err.contains("--phone \"555-01\" cannot be used"), "{err}");
    assert!(err.contains("not a valid phone number in US"), "{err}");
    assert!(!place.path().join("clinic").exists());

    let run = init(place.path(), "clinic", &["--also", "fr"]);
    assert!(
        stderr(&run).contains("--also \"fr\" cannot be used"),
        "{}",
        stderr(&run)
    );
    assert!(!place.path().join("clinic").exists());

    // With --yes, the defaults fill the gaps, and init says which to replace.
    let run = pawprint(
        place.path(),
        &["init", "clinic", "--yes", "--name", "Oak Hill Vets"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        said.contains("Replace the example values in site.toml"),
        "{said}"
    );
    assert!(said.contains("clinic.phone"), "{said}");
    assert!(!said.contains("clinic.name"), "{said}");
    let settings = text(&place.path().join("clinic"), "site.toml");
    assert!(settings.contains("name = \"Oak Hill Vets\""), "{settings}");
    assert!(
        settings.contains("Replace them before you publish"),
        "{settings}"
    );
}

#[test]
fn each_host_gets_its_own_files() {
    let place = tempfile::tempdir().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let made = |host: &str, extra: &[&str]| {
        let mut args = vec!["--host", host];
        args.extend_from_slice(extra);
        let run = init(place.path(), host, &args);
        assert!(run.status.success(), "{}", stderr(&run));
        place.path().join(host)
    };
    let github = made("github", &[]);
    let workflow = text(&github, ".github/workflows/pages.yml");
    assert!(workflow.contains(&format!(
        "cargo install --locked pawprint --version {version}"
    )));
    assert!(workflow.contains("actions/deploy-pages@"), "{workflow}");
    // The address reaches the script as a variable, never pasted into its text.
    assert!(
        workflow.contains(
            "BASE_URL: ${{ steps.pages.outputs.base_url }}\n        run: pawprint build --base-url \"$BASE_URL/\"\n"
        ),
        "{workflow}"
    );
    assert!(!workflow.contains("{version}"));

    let netlify = made("netlify", &["--also", "es"]);
    let toml_text = text(&netlify, "netlify.toml");
    toml::de::DeTable::parse(&toml_text).unwrap_or_else(|e| panic!("{e}\n{toml_text}"));
    assert!(
        toml_text.contains("\n  publish = \"output\"\n"),
        "{toml_text}"
    );
    assert!(
        toml_text.contains("pawprint build --base-url \\\"$DEPLOY_PRIME_URL/\\\""),
        "{toml_text}"
    );
    assert!(
        toml_text.contains(
            "[[redirects]]\n  from = \"/es/*\"\n  to = \"/es/404.html\"\n  status = 404\n"
        ),
        "{toml_text}"
    );

    let cloudflare = made("cloudflare", &[]);
    let wrangler = text(&cloudflare, "wrangler.toml");
    toml::de::DeTable::parse(&wrangler).unwrap_or_else(|e| panic!("{e}\n{wrangler}"));
    assert!(
        wrangler.contains("\nname = \"oak-hill-vets\"\n"),
        "{wrangler}"
    );
    assert!(
        wrangler.contains("\npages_build_output_dir = \"output\"\n"),
        "{wrangler}"
    );
    // Cloudflare refuses a wrangler.toml without one.
    assert!(
        wrangler.contains("\ncompatibility_date = \"20"),
        "{wrangler}"
    );
    let script = text(&cloudflare, "cloudflare-build.sh");
    assert!(script.contains("--base-url \"$CF_PAGES_URL/\""), "{script}");
    assert!(script.contains(&format!("--version {version}")), "{script}");

    let none = made("none", &[]);
    assert_eq!(names(&none).len(), 3, "{:?}", names(&none));
}

/// Drives `pawprint init` on a pseudo-terminal with python3's pty module, typing
/// each answer when its question shows.
#[cfg(unix)]
#[cfg_attr(not(has_python3), ignore = "needs python3 to drive a terminal")]
#[test]
fn init_asks_on_a_terminal_and_asks_again_after_a_bad_answer() {
    let place = tempfile::tempdir().unwrap();
    let driver = r#"
import os, pty, sys, time, select
binary, folder = sys.argv[1], sys.argv[2]
answers = [
    ("name", "Oak Hill Vets"),
    ("country", "us"),
    ("phone", "555-01"),            # refused: asked again
    ("phone", "503-555-0142"),
    ("web address", "https://pets.oak-hill.example"),
    ("email", "hello@oak-hill.example"),
    ("street address", "2 Oak Hill Road"),
    ("language", ""),               # the default, en
    ("Other languages", "es"),
    ("publish", "\x1b[B\x1b[B"),    # down twice: netlify
]
pid, fd = pty.fork()
if pid == 0:
    os.execv(binary, [binary, "init", folder])
seen = b""
transcript = b""
def wait_for(word):
    global seen, transcript
    deadline = time.time() + 20
    while word.lower().encode() not in seen.lower():
        if time.time() > deadline:
            sys.exit("timed out waiting for %r; saw %r" % (word, seen[-400:]))
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            seen += chunk
            transcript += chunk
for word, answer in answers:
    wait_for(word)
    seen = b""
    time.sleep(0.1)
    os.write(fd, answer.encode() + b"\r")
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write((transcript + out).decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
"#;
    let run = std::process::Command::new("python3")
        .arg("-c")
        .arg(driver)
        .arg(env!("CARGO_BIN_EXE_pawprint"))
        .arg("clinic")
        .current_dir(place.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{said}{}", stderr(&run));
    // The refused number was answered with why, and the question came again.
    assert!(said.contains("not a valid phone number in US"), "{said}");
    let root = place.path().join("clinic");
    let settings = text(&root, "site.toml");
    assert!(settings.contains("phone = \"503-555-0142\""), "{settings}");
    assert!(settings.contains("country = \"US\""), "{settings}");
    assert!(settings.contains("[languages.es]"), "{settings}");
    assert!(root.join("netlify.toml").is_file(), "{said}");
    assert!(root.join("content/dogs/hot-weather.es.md").is_file());
}
