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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { output } => match pawprint::build(&cli.root, output.as_deref()) {
            Ok(report) => {
                for warning in &report.warnings {
                    eprintln!("{warning}");
                }
                println!("{}", report.summary());
                ExitCode::SUCCESS
            }
            Err(problems) => {
                eprint!("{problems}");
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
        },
    }
}
