//! The `pawprint` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build a veterinary clinic's pet-health website and printable handouts.
#[derive(Parser)]
#[command(name = "pawprint", version, about, long_about = None)]
struct Cli {
    /// The project folder (the one holding site.toml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the website and handouts into output/.
    Build {
        /// Where to write the site, instead of output/ in the project folder.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// The site's address for this build only, in place of base_url in
        /// site.toml: links, the sitemap, the feeds and the handouts' QR codes use
        /// it. For a host's preview of a change, such as --base-url "$DEPLOY_PRIME_URL".
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Make every handout anew, even those whose words, fonts, logo and
        /// settings are the same as in the last build.
        #[arg(long, conflicts_with = "gather")]
        no_reuse: bool,
        /// Make only part I of N of the handouts, such as --shard 2/4, into the
        /// --output folder: one job of a build split over machines. Gather the
        /// parts with --gather.
        #[arg(long, value_name = "I/N", requires = "output")]
        shard: Option<pawprint::shard::Shard>,
        /// Build the site from the parts that `build --shard` made, reusing their
        /// handouts: give every part's folder. Nothing is published when a part
        /// is missing or was made from other articles or settings.
        #[arg(long, value_name = "DIR", num_args = 1.., conflicts_with = "shard")]
        gather: Vec<PathBuf>,
        /// Print only warnings and errors: no progress bar, no summary line.
        #[arg(long, short)]
        quiet: bool,
        /// How to show problems: like rustc with the line of the file (full),
        /// one line each (short), or JSON for tools on standard output (json).
        #[arg(long, value_enum, default_value_t = Format::Full)]
        format: Format,
    },
    /// Check links, images, handouts and reading level; write nothing.
    Check {
        /// Treat warnings (such as a high reading level) as errors.
        #[arg(long)]
        strict: bool,
        /// Where the last build went, when `build --output` put it somewhere
        /// other than output/: the handouts it made from the same words are not
        /// laid out again, which makes `check` faster.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// How to report: like rustc with the line of the file (full, also
        /// called text), one line per problem (short), or JSON for tools (json).
        #[arg(long, value_enum, default_value_t = Format::Full)]
        format: Format,
    },
    /// Preview the site at http://127.0.0.1:1111/, rebuilding on every change.
    #[cfg(feature = "serve")]
    Serve {
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Anything but a loopback address shows the
        /// preview to other machines on the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Leave out drafts, as `build` does. Without it, drafts are shown with a
        /// "Draft" badge.
        #[arg(long)]
        no_drafts: bool,
    },
    /// Not in this pawprint: it was built without the preview server.
    #[cfg(not(feature = "serve"))]
    #[command(hide = true, disable_help_flag = true)]
    Serve {
        /// Whatever follows `serve`, which this pawprint cannot act on.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        rest: Vec<String>,
    },
    /// Start a new article, such as: pawprint new dogs/ear-infections --title "Ear infections in dogs"
    New {
        /// Where in content/ the article goes, such as dogs/ear-infections.
        path: String,
        /// The article's title.
        #[arg(long, default_value = "")]
        title: String,
        /// Start a translation of the existing article at PATH into this further
        /// language of site.toml, such as: pawprint new dogs/ear-care --lang es
        #[arg(long)]
        lang: Option<String>,
    },
    /// Start a new project in DIR: asks for the clinic's details on a terminal, or
    /// takes them as flags, such as:
    /// pawprint init my-clinic --name "Oak Hill Vets" --phone 503-555-0142 --url https://pets.oak-hill.example/ --email hello@oak-hill.example --address "2 Oak Hill Road" --host netlify
    Init {
        /// The folder to make the project in: a new or empty one (default: here).
        dir: Option<PathBuf>,
        /// The clinic's name.
        #[arg(long)]
        name: Option<String>,
        /// The clinic's main phone number, as you would dial it in its country.
        #[arg(long)]
        phone: Option<String>,
        /// The clinic's country, as two letters, such as US, CA or GB (default: US).
        #[arg(long)]
        country: Option<String>,
        /// The web address the site will have, such as https://pets.example.com/.
        #[arg(long)]
        url: Option<String>,
        /// The clinic's email address.
        #[arg(long)]
        email: Option<String>,
        /// The clinic's street address.
        #[arg(long)]
        address: Option<String>,
        /// The language of the articles: en or es (default: en).
        #[arg(long)]
        language: Option<String>,
        /// Further languages: --also es, given again for each (--also es --also fr),
        /// or as one list, --languages es,fr ("none" for none).
        #[arg(
            long,
            visible_alias = "languages",
            value_delimiter = ',',
            value_name = "CODES"
        )]
        also: Option<Vec<String>>,
        /// Where the site will be published; adds that host's files.
        #[arg(long, value_enum)]
        host: Option<pawprint::init::Host>,
        /// Take the default for every answer not given, and ask nothing.
        #[arg(long, short)]
        yes: bool,
    },
    /// The built-in theme: `pawprint theme eject` copies it into themes/ to change it.
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
    /// Say what a problem code means, such as: pawprint explain content.unused-file
    Explain {
        /// The code in the brackets of a message, such as content.unused-file.
        /// Without one, every code is listed.
        code: Option<String>,
    },
}

/// What `pawprint theme` does.
#[derive(Subcommand)]
enum ThemeAction {
    /// Copy the built-in theme into themes/NAME, to change any of its files. The
    /// project then uses that folder. It never writes over a folder that is there.
    Eject {
        /// The folder to make under themes/ (default: the theme site.toml names,
        /// or "default").
        name: Option<String>,
        /// The built-in theme to copy.
        #[arg(long, default_value = "default")]
        from: String,
    },
    /// Print one file of the built-in theme, to start your own copy of it, such as:
    /// pawprint theme show templates/404.html > templates/404.html
    /// Without a file, list the theme's files.
    Show {
        /// The file inside the theme, such as templates/404.html.
        file: Option<String>,
        /// The built-in theme to read.
        #[arg(long, default_value = "default")]
        from: String,
    },
}

/// How `build` and `check` show problems (`--format`).
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Like rustc: the message, the place, the line with a mark under it, the hints.
    #[value(alias = "text")]
    Full,
    /// One line per problem: file:line:col: error[code]: message, then its hints.
    Short,
    /// JSON for tools.
    Json,
}

impl Format {
    /// The same choice, as the problem shower knows it.
    fn show(self) -> pawprint_text::show::Format {
        match self {
            Format::Full => pawprint_text::show::Format::Full,
            Format::Short => pawprint_text::show::Format::Short,
            Format::Json => pawprint_text::show::Format::Json,
        }
    }
}

/// Colour on standard error when it is a terminal and NO_COLOR is not set.
fn stderr_colour() -> pawprint_text::show::Colour {
    use std::io::IsTerminal;
    pawprint_text::show::Colour::when(std::io::stderr().is_terminal())
}

/// Shows the one problem that stopped a command (`new`, `init`, `theme eject`)
/// on standard error, and fails.
fn failed(problem: &pawprint_text::problem::Problem) -> ExitCode {
    eprintln!("{}", problem.full(stderr_colour()));
    ExitCode::FAILURE
}

/// One problem on standard error, in `format` (JSON is written elsewhere).
fn show(problem: &pawprint_text::problem::Problem, format: Format) {
    match format {
        Format::Short => eprintln!("{}", problem.short()),
        Format::Full | Format::Json => eprintln!("{}\n", problem.full(stderr_colour())),
    }
}

/// What `build --format json` prints: whether it built, the counts and every
/// problem (the shape of `check --format json`'s problems).
fn build_json(ok: bool, problems: &[pawprint_text::problem::Problem]) -> String {
    use pawprint_text::problem::Severity;
    let count = |severity| problems.iter().filter(|p| p.severity == severity).count();
    let value = serde_json::json!({
        "ok": ok,
        "summary": {
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "notes": count(Severity::Note),
        },
        "problems": problems,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// jemalloc rather than the system's allocator: building the search index
/// allocates for every word of every article, and with jemalloc a whole build of
/// 1,000 articles takes about 10% less time (`cargo bench --bench search`).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Shows what a build (or one part of a split build) made, or why it failed, and
/// says how it ended. `built` is the build's summary line and its warnings.
fn built_or_failed(
    built: Result<(String, Vec<pawprint_text::problem::Problem>), pawprint_text::problem::Problems>,
    quiet: bool,
    format: Format,
) -> ExitCode {
    match built {
        Ok((_, warnings)) if format == Format::Json => {
            println!("{}", build_json(true, &warnings));
            ExitCode::SUCCESS
        }
        Err(problems) if format == Format::Json => {
            println!("{}", build_json(false, &problems.0));
            ExitCode::FAILURE
        }
        Ok((summary, warnings)) => {
            for warning in &warnings {
                show(warning, format);
            }
            if !quiet {
                println!("{summary}");
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems.0 {
                show(problem, format);
            }
            eprintln!(
                "Build failed: {} {}. The last good output was left as it was.",
                problems.error_count(),
                if problems.error_count() == 1 {
                    "error"
                } else {
                    "errors"
                }
            );
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            output,
            base_url,
            no_reuse,
            shard,
            gather,
            quiet,
            format,
        } => {
            let options = pawprint::build::BuildOptions {
                base_url,
                reuse: !no_reuse,
                progress: !quiet && format != Format::Json,
            };
            let whole = |report: pawprint::BuildReport| (report.summary(), report.warnings);
            let built = match (shard, output.as_deref()) {
                (Some(shard), Some(output)) => {
                    pawprint::shard::build_part(&cli.root, output, shard, options)
                        .map(|report| (report.summary(), report.warnings))
                }
                _ if !gather.is_empty() => {
                    pawprint::shard::gather(&cli.root, &gather, output.as_deref(), options)
                        .map(whole)
                }
                _ => pawprint::build::build_with(&cli.root, output.as_deref(), options).map(whole),
            };
            built_or_failed(built, quiet, format)
        }
        #[cfg(feature = "serve")]
        Command::Serve {
            port,
            bind,
            no_drafts,
        } => match pawprint::serve::run(
            &cli.root,
            bind,
            port,
            if no_drafts {
                pawprint_content::Drafts::LeaveOut
            } else {
                pawprint_content::Drafts::Show
            },
        ) {
            Ok(()) => ExitCode::SUCCESS,
            Err(problem) => {
                eprintln!("{}", problem.full(stderr_colour()));
                ExitCode::FAILURE
            }
        },
        #[cfg(not(feature = "serve"))]
        Command::Serve { .. } => {
            eprintln!(
                "error: this pawprint was built without the preview server, so it has no `serve`\n  \
                 help: install pawprint with its default features: `cargo install --path .` in \
                 pawprint's folder, without `--no-default-features`. Or look at output/ with any \
                 web server, such as `python3 -m http.server --directory output`"
            );
            ExitCode::from(2)
        }
        Command::New { path, title, lang } => {
            let today = pawprint::scaffold::today();
            let made = match &lang {
                Some(language) => {
                    pawprint::scaffold::new_translation(&cli.root, &path, language, &title, today)
                }
                None => pawprint::scaffold::new_article(&cli.root, &path, &title, today),
            };
            match made {
                Ok(created) => {
                    println!(
                        "Created {}. It is a draft: fill in every TODO, then remove `draft = true` to publish it.",
                        created.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(problem) => failed(&problem),
            }
        }
        Command::Init {
            dir,
            name,
            phone,
            country,
            url,
            email,
            address,
            language,
            also,
            host,
            yes,
        } => {
            use std::io::IsTerminal;
            let dir = cli.root.join(dir.unwrap_or_else(|| PathBuf::from(".")));
            let given = pawprint::init::Given {
                name,
                phone,
                country,
                url,
                email,
                address,
                language,
                also,
                host,
                yes,
            };
            let asking = if yes {
                pawprint::init::Asking::Defaults
            } else if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
                pawprint::init::Asking::Terminal
            } else {
                pawprint::init::Asking::Nothing
            };
            let today = pawprint::scaffold::today().to_string();
            let made = pawprint::init::check_folder(&dir)
                .and_then(|()| pawprint::init::answers(given, asking))
                .and_then(|answers| {
                    pawprint::init::write(&dir, &answers, &today).map(|written| (answers, written))
                });
            match made {
                Ok((answers, written)) => {
                    println!("Made a new pawprint project in {}:", dir.display());
                    for file in &written.files {
                        println!("  {}", file.display());
                    }
                    if !answers.defaulted.is_empty() {
                        println!(
                            "Replace the example values in site.toml before you publish: {}.",
                            answers.defaulted.join(", ")
                        );
                    }
                    println!("The starter article is a draft. Next:");
                    if dir != std::path::Path::new(".") {
                        println!("  cd {}", dir.display());
                    }
                    println!("  pawprint serve    # look at the site while you edit");
                    println!("  pawprint build    # write the site and the handouts into output/");
                    ExitCode::SUCCESS
                }
                Err(problem) => failed(&problem),
            }
        }
        Command::Theme {
            action: ThemeAction::Eject { name, from },
        } => {
            let in_use = pawprint_settings::config::load(&cli.root)
                .ok()
                .map(|config| config.site.theme);
            let name = name
                .or_else(|| in_use.clone())
                .unwrap_or_else(|| from.clone());
            match pawprint::theme::eject(&cli.root, &name, &from) {
                Ok(ejected) => {
                    println!(
                        "Copied the built-in theme \"{from}\" into {} ({} files).",
                        ejected.folder.display(),
                        ejected.files
                    );
                    if in_use.as_deref() == Some(name.as_str()) {
                        println!(
                            "site.toml names this theme, so the site now uses the folder: change any file in it. Remove the folder to go back to the built-in theme."
                        );
                    } else {
                        println!("To use it, set theme = \"{name}\" under [site] in site.toml.");
                    }
                    ExitCode::SUCCESS
                }
                Err(problem) => failed(&problem),
            }
        }
        Command::Theme {
            action: ThemeAction::Show { file, from },
        } => {
            let Some(theme) = pawprint_theme::built_in(&from) else {
                eprintln!("error: pawprint has no built-in theme called \"{from}\"");
                return ExitCode::FAILURE;
            };
            match file {
                None => {
                    for (path, _) in theme.files() {
                        println!("{path}");
                    }
                    ExitCode::SUCCESS
                }
                Some(path) => match theme.file(path.trim_start_matches("./")) {
                    Some(bytes) => {
                        use std::io::Write;
                        match std::io::stdout().write_all(bytes) {
                            Ok(()) => ExitCode::SUCCESS,
                            Err(_) => ExitCode::FAILURE,
                        }
                    }
                    None => {
                        eprintln!(
                            "error: the built-in theme has no file {path}\n  help: `pawprint theme show` lists its files"
                        );
                        ExitCode::FAILURE
                    }
                },
            }
        }
        Command::Explain { code } => match code {
            None => {
                for code in pawprint_text::problem::Code::ALL {
                    println!("{:<36} {}", code.as_str(), code.meaning());
                }
                ExitCode::SUCCESS
            }
            Some(code) => match pawprint_text::problem::explain(&code) {
                Ok(text) => {
                    println!("{text}");
                    ExitCode::SUCCESS
                }
                Err(text) => {
                    eprintln!("{text}");
                    ExitCode::FAILURE
                }
            },
        },
        Command::Check {
            strict,
            output,
            format,
        } => {
            let report = pawprint_review::check::check_with(&cli.root, strict, output.as_deref());
            match format {
                Format::Json => println!("{}", report.to_json()),
                Format::Full | Format::Short => {
                    use std::io::IsTerminal;
                    let colour = pawprint_text::show::Colour::when(std::io::stdout().is_terminal());
                    print!("{}", report.to_text_as(format.show(), colour));
                }
            }
            if report.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
