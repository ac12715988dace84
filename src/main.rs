//! The `prakat` command: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "prakat",
    version,
    about = "Publishes the minimum-standard assessment results of Thai local administrative organizations as a static website"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from a site root into an output folder.
    #[command(
        after_help = "Examples:\n  prakat build                      # the site in the current folder, into ./public\n  prakat build --root my-site --output /var/www/results"
    )]
    Build {
        /// The site root, holding data/ (and optionally content/ and themes/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Print nothing but problems.
        #[arg(long, short)]
        quiet: bool,
        /// Also print the time spent in each stage.
        #[arg(long)]
        timings: bool,
        /// Build only the pages a general-purpose generator would make (benchmarks).
        #[arg(long, hide = true)]
        core_only: bool,
    },
    /// Check the input without writing a site; the exit status says whether it is publishable.
    #[command(after_help = "Example:\n  prakat check --root my-site")]
    Check {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn print_diagnostics(d: &prakat::diag::Diagnostics) {
    for item in d.sorted() {
        eprintln!("{item}");
    }
}

/// One line per stage, in seconds; render and write run together on every core, so their
/// figures are summed over threads.
fn print_timings(t: &prakat::StageTimes) {
    eprintln!(
        "timings: load {:.3} s, derive {:.3} s, plan {:.3} s, render+write {:.3} s (render {:.3} s and write {:.3} s summed over threads), commit {:.3} s",
        t.load.as_secs_f64(),
        t.derive.as_secs_f64(),
        t.plan.as_secs_f64(),
        t.render_write.as_secs_f64(),
        t.render.as_secs_f64(),
        t.write.as_secs_f64(),
        t.commit.as_secs_f64()
    );
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output, quiet, timings, core_only } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let scope = if core_only { prakat::Scope::Core } else { prakat::Scope::All };
            match prakat::build_scoped(&prakat::BuildOptions { root, output: output.clone() }, scope) {
                Ok(r) => {
                    print_diagnostics(&r.diagnostics);
                    if timings {
                        print_timings(&r.times);
                    }
                    if !quiet {
                        let t = &r.times;
                        let total = t.load + t.derive + t.plan + t.render_write + t.commit;
                        eprintln!(
                            "built {} pages ({} files, {:.1} MB) for {} LAOs and {} result rows in {:.2} s\nopen {}",
                            r.pages,
                            r.files,
                            r.bytes as f64 / 1e6,
                            r.laos,
                            r.rows_read,
                            total.as_secs_f64(),
                            output.join("index.html").display()
                        );
                        if !r.diagnostics.is_empty() {
                            eprintln!("{}", r.diagnostics.summary());
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(f) => {
                    print_diagnostics(&f.diagnostics);
                    eprintln!(
                        "build failed: {}; the previous site in {} was left as it was",
                        f.diagnostics.summary(),
                        output.display()
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root } => {
            let d = prakat::check(&root);
            print_diagnostics(&d);
            eprintln!("{}", d.summary());
            if d.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
    }
}
