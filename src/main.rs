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
        /// Build as of this day (YYYY-MM-DD): it splits workshop sessions into upcoming and past.
        /// Overrides SOURCE_DATE_EPOCH and build_date in data/site.yaml. Without any of them the
        /// build reads no clock and lists sessions without the split, so output stays reproducible.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<prakat::thai::Date>,
        /// Check the built site before putting it in place: every internal link and anchor
        /// resolves, every page has a title, a lang and exactly one h1.
        #[arg(long)]
        check: bool,
    },
    /// Check the input without writing a site; the exit status says whether it is publishable.
    #[command(after_help = "Example:\n  prakat check --root my-site")]
    Check {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn parse_date(s: &str) -> Result<prakat::thai::Date, String> {
    prakat::thai::Date::parse_iso(s)
        .ok_or_else(|| format!("`{s}` is not a date; expected YYYY-MM-DD such as 2024-04-23"))
}

/// The build day from SOURCE_DATE_EPOCH (reproducible-builds.org), read as a Bangkok date.
fn source_date_epoch() -> Result<Option<prakat::thai::Date>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .map(|secs| Some(prakat::thai::Date::in_bangkok_at_unix(secs)))
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{v}` is not a number of seconds since 1970-01-01")),
        _ => Ok(None),
    }
}

fn print_diagnostics(d: &prakat::diag::Diagnostics) {
    for item in d.sorted() {
        eprintln!("{item}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output, quiet, date, check } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let date = match date.map_or_else(source_date_epoch, |d| Ok(Some(d))) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let opts = prakat::BuildOptions { root, output: output.clone() };
            match prakat::build_with(&opts, date, check) {
                Ok(r) => {
                    print_diagnostics(&r.diagnostics);
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
                        eprintln!("{}", r.counts.summary());
                        if check {
                            eprintln!("checked {} pages: every internal link and anchor resolves", r.pages);
                        }
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
