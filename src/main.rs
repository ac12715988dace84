//! The `prakat` command: parses arguments and calls the library.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "prakat",
    version,
    about = "Publishes the minimum-standard assessment results of Thai local administrative organizations as a static website"
)]
#[cfg_attr(
    feature = "serve",
    command(
        after_help = "Examples:\n  prakat init my-site            # a new site that builds at once\n  prakat serve --root my-site    # preview at http://127.0.0.1:1111/, rebuilt on every change\n  prakat check --root my-site    # is the data publishable? (exit status 0 or 1)\n  prakat build --root my-site    # write the site into my-site/public"
    )
)]
#[cfg_attr(
    not(feature = "serve"),
    command(
        after_help = "Examples:\n  prakat init my-site            # a new site that builds at once\n  prakat check --root my-site    # is the data publishable? (exit status 0 or 1)\n  prakat build --root my-site    # write the site into my-site/public\n\nThis prakat was built without the `serve` feature (no preview server)."
    )
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from a site root into an output folder.
    #[command(
        after_help = "Examples:\n  prakat build                      # the site in the current folder, into ./public\n  prakat build --root my-site --output /var/www/results\n  prakat build --quiet              # print only problems (for scripts and cron)\n  prakat build --timings            # and how long each stage took\n\nThe output is replaced as a whole. prakat refuses an output that is the site root, inside data/,\ncontent/ or themes/, contains the root, is / or your home folder, is a file, or is a folder with\nfiles it did not write (it leaves a .prakat-output file in every site it builds; --force replaces\nsuch a folder). A symbolic link to the output stays a link."
    )]
    Build(BuildArgs),
    /// Check the input without writing a site; the exit status says whether it is publishable.
    #[command(
        after_help = "Gives the same messages as `prakat build`, and writes nothing.\nExit status: 0 when the site can be published (warnings allowed), 1 when there is an error.\nThe review lists findings for a person to look at; they never change the exit status.\n\nExamples:\n  prakat check                      # the site in the current folder\n  prakat check --root my-site && prakat build --root my-site\n  prakat check --review --review-csv review.csv   # what to look at before publishing"
    )]
    Check {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also list what is valid but probably wrong, for the office to look at before
        /// publishing: delivered above base, a base that jumped since the year before, figures
        /// copied from the year before, LAOs without results.
        #[arg(long)]
        review: bool,
        /// With --review: write every finding to this CSV file (UTF-8 with BOM, for Excel).
        #[arg(long, value_name = "FILE", requires = "review")]
        review_csv: Option<PathBuf>,
    },
    /// Preview the site in a browser, rebuilt and reloaded whenever the input changes.
    #[cfg(feature = "serve")]
    #[command(
        after_help = "The site is served from memory (nothing is written, ROOT/public is left alone) on 127.0.0.1\nonly, unless --bind says otherwise; each page is rendered when it is requested. Changes under\ndata/, content/ and themes/ are picked up and open pages reload. A failed build is shown in the\nbrowser and in the terminal until it is fixed. Stop with Ctrl-C.\n\nExamples:\n  prakat serve                      # http://127.0.0.1:1111/\n  prakat serve --root my-site --port 8000\n  prakat serve --bind 0.0.0.0       # let phones on the same network see the preview"
    )]
    Serve {
        /// The site root.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Anything but loopback makes the preview visible to other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
    /// Read the office's export (.csv, .xlsx) or saved per-LAO reports (.html) into a site root.
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Start a new site: settings, a tiny data set, one manual chapter and the theme's templates.
    #[command(
        after_help = "The new site builds at once. Its templates are copies of the built-in theme's: edit them to\nchange the pages, or delete one to use the built-in version again.\n\nExamples:\n  prakat init my-site && prakat serve --root my-site\n  prakat init . --force             # into the current folder, even if it has files"
    )]
    Init {
        /// The folder to create the site in (created if missing; must be empty unless --force).
        dir: PathBuf,
        /// Write into a folder that already has files (files of the same name are replaced).
        #[arg(long)]
        force: bool,
    },
}

const IMPORT_HELP: &str = "\
Reads the files people hold and writes them as a site root's data:
  - the office's export: a flat table (CSV in UTF-8 or windows-874, or .xlsx) with the official
    Thai column names (รหัส อปท., ชื่อ อปท., ประเภท อปท., จังหวัด, อำเภอ, ด้าน, ตัวชี้วัด, เกณฑ์ชี้วัด,
    ค่าเป้าหมาย (%), กรอบการประเมิน (1), การจัดบริการสาธารณะ (2), (2) เทียบกับ (1) %, ผลการประเมิน)
    in any order, extra columns, title rows above the header; a row per LAO and indicator, or a
    row per LAO with columns per indicator (`1.1 (1)`, `1.1 (2)`);
  - the per-LAO public report (สรุปผลประเมินการจัดบริการสาธารณะ ...) saved from a browser as HTML.
When ROOT does not exist it becomes a new site that builds at once (registry, catalog and results
made from the files). When it exists, the files' year is added to it, or their LAOs' rows replaced:
an LAO is found by its code, else by its type and name (and province) in data/laos.csv; the
indicators by id, by area and number, or by wording in that year's catalog. Everything is checked
first: on any problem nothing is written.

Examples:
  prakat import export-2567.xlsx --into my-site           # a new site from the office's export
  prakat import results.csv --into my-site --year 2567    # a file that does not say its year
  prakat import report.html --into my-site --lao 6810408  # a saved report: the LAO's code
  prakat import report.html --into new-site --lao 6810408 --province กระบี่ --district คลองท่อม
  prakat import data.csv --into my-site --map 'LAO ID=code' --map 'KPI=indicator'
  prakat build --root my-site                             # then publish it";

/// What `prakat import` takes.
#[derive(clap::Args)]
struct ImportArgs {
    /// The files to read: .csv, .xlsx, or .html / .htm (a saved report).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The site root to write into (created when missing).
    #[arg(long, value_name = "ROOT")]
    into: PathBuf,
    /// The year (พ.ศ.) of files that do not name it, such as 2567.
    #[arg(long, value_name = "BE")]
    year: Option<u16>,
    /// The LAO's code, for a file that names the LAO without one (a saved report).
    #[arg(long, value_name = "CODE")]
    lao: Option<String>,
    /// The province of an LAO that is not in the registry yet (a saved report into a new root).
    #[arg(long)]
    province: Option<String>,
    /// The district of an LAO that is not in the registry yet.
    #[arg(long)]
    district: Option<String>,
    /// Replace rows whose figures differ from the rows already in the root.
    #[arg(long)]
    force: bool,
    /// A column whose name prakat does not know, as COLUMN=ROLE (roles: code, name, type,
    /// province, district, year, area, mission, indicator, text, target, base, delivered,
    /// ratio, verdict, ignore). Repeat for more columns.
    #[arg(long, value_name = "COLUMN=ROLE", value_parser = parse_map)]
    map: Vec<(String, prakat::load::export::Role)>,
}

fn parse_map(s: &str) -> Result<(String, prakat::load::export::Role), String> {
    let (col, role) =
        s.rsplit_once('=').ok_or_else(|| format!("`{s}` is not COLUMN=ROLE; expected such as 'LAO ID=code'"))?;
    let role = prakat::load::export::Role::parse(role).ok_or_else(|| {
        let keys: Vec<&str> = prakat::load::export::ROLES.iter().map(|r| r.key()).collect();
        format!("unknown role `{role}`; expected one of {}", keys.join(", "))
    })?;
    Ok((col.trim().to_string(), role))
}

fn import(args: ImportArgs) -> ExitCode {
    let opts = prakat::import::ImportOptions {
        files: args.files,
        into: args.into.clone(),
        year: args.year,
        lao: args.lao,
        province: args.province,
        district: args.district,
        force: args.force,
        map: args.map,
    };
    match prakat::import::import(&opts) {
        Ok(r) => {
            print_diagnostics(&r.diagnostics);
            for f in &r.written {
                eprintln!("wrote {}", args.into.join(f).display());
            }
            for (be, (laos, rows)) in &r.years {
                eprintln!("{be}: {rows} result rows of {laos} LAOs");
            }
            // A few LAOs (saved reports): each one's rows.
            if r.per_lao.len() <= 20 {
                for ((be, code), rows) in &r.per_lao {
                    eprintln!("  {be} LAO {code}: {rows} rows");
                }
            }
            let written: usize = r.years.values().map(|(_, n)| n).sum();
            eprintln!(
                "imported {} rows read = {} rows written{}{}",
                r.rows_read,
                written,
                if r.laos_added > 0 {
                    format!("; {} LAOs added to data/laos.csv", r.laos_added)
                } else {
                    String::new()
                },
                if r.replaced > 0 { format!("; {} rows replaced", r.replaced) } else { String::new() }
            );
            if let Some((d, file, line)) = &r.as_of {
                eprintln!("data/site.yaml: data_as_of {} (ข้อมูล ณ วันที่ {}, {file} line {line})", d.iso(), d.thai());
            }
            eprintln!("next: prakat build --root {}", args.into.display());
            ExitCode::SUCCESS
        }
        Err(d) => {
            print_diagnostics(&d);
            eprintln!("import failed: {}; nothing was written to {}", d.summary(), args.into.display());
            ExitCode::FAILURE
        }
    }
}

/// What `prakat build` takes.
#[derive(clap::Args)]
struct BuildArgs {
    /// The site root, holding data/ (and optionally content/ and themes/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long)]
    output: Option<PathBuf>,
    /// Print nothing but problems (no progress bar, no summary).
    #[arg(long, short)]
    quiet: bool,
    /// Build as of this day (YYYY-MM-DD): it splits workshop sessions into upcoming and past.
    /// Overrides SOURCE_DATE_EPOCH and build_date in data/site.yaml. Without any of them the
    /// build reads no clock and lists sessions without the split, so output stays reproducible.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<prakat::text::dates::Date>,
    /// Check the built site before putting it in place: every internal link and anchor
    /// resolves, every page has a title, a lang and exactly one h1.
    #[arg(long)]
    check: bool,
    /// Also print the time each stage took (load, derive, plan, render and write, commit).
    #[arg(long)]
    timings: bool,
    /// Replace an output folder that has files prakat did not write (never the site root,
    /// an input folder, the home folder or /).
    #[arg(long)]
    force: bool,
    /// Write the new site inside the output folder and replace its files one by one, for an
    /// output whose parent folder you cannot write to (slower, and not in one step).
    #[arg(long)]
    in_place: bool,
    /// Also write a gzip (.gz) and a Brotli (.br) copy beside every text file, for a web server
    /// that sends them as they are (nginx gzip_static / brotli_static, Caddy precompressed).
    #[arg(long)]
    precompress: bool,
    /// Also write manifest.sha256: every file with its SHA-256, so a deploy uploads only the
    /// files that changed since the last build (`sha256sum -c manifest.sha256` checks a copy).
    #[arg(long)]
    manifest: bool,
    /// Build only the pages a general-purpose generator would make (benchmarks).
    #[arg(long, hide = true)]
    core_only: bool,
}

/// True when stderr is a terminal that takes colours (NO_COLOR, https://no-color.org, turns them off).
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn parse_date(s: &str) -> Result<prakat::text::dates::Date, String> {
    prakat::text::dates::Date::parse_iso(s)
        .ok_or_else(|| format!("`{s}` is not a date; expected YYYY-MM-DD such as 2024-04-23"))
}

/// The build day from SOURCE_DATE_EPOCH (reproducible-builds.org), read as a Bangkok date.
fn source_date_epoch() -> Result<Option<prakat::text::dates::Date>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .map(|secs| Some(prakat::text::dates::Date::in_bangkok_at_unix(secs)))
            .map_err(|_| format!("SOURCE_DATE_EPOCH `{v}` is not a number of seconds since 1970-01-01")),
        _ => Ok(None),
    }
}

fn print_diagnostics(d: &prakat::diag::Diagnostics) {
    let colour = colour();
    for item in d.sorted() {
        eprintln!("{}", item.render(colour));
    }
}

/// The closing summary of a successful build: pages, files, bytes, time.
fn print_summary(r: &prakat::BuildReport, took: Duration) {
    eprintln!(
        "built {} pages ({} files, {:.1} MB) for {} LAOs and {} result rows in {:.2} s",
        r.pages,
        r.files,
        r.bytes as f64 / 1e6,
        r.laos,
        r.rows_read,
        took.as_secs_f64(),
    );
}

/// A progress bar on stderr for a build that takes more than a moment: it appears only after
/// half a second, only on a terminal, and never with --quiet.
#[cfg(feature = "progress")]
struct Progress {
    bar: indicatif::ProgressBar,
    start: Instant,
    enabled: bool,
}

#[cfg(feature = "progress")]
impl Progress {
    fn new(quiet: bool) -> Self {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Progress { bar, start: Instant::now(), enabled: !quiet && std::io::stderr().is_terminal() }
    }

    fn update(&self, done: usize, total: usize) {
        if done == 0 {
            self.bar.set_length(total as u64);
        }
        if self.enabled && self.bar.is_hidden() && self.start.elapsed() > Duration::from_millis(500) {
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.bar.set_position(done as u64);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(not(feature = "progress"))]
struct Progress;

#[cfg(not(feature = "progress"))]
impl Progress {
    fn new(_quiet: bool) -> Self {
        Progress
    }
    fn update(&self, _done: usize, _total: usize) {}
    fn finish(&self) {}
}

fn build(args: BuildArgs) -> ExitCode {
    let BuildArgs { root, output, quiet, timings, date, check, force, in_place, precompress, manifest, core_only } =
        args;
    let scope = if core_only { prakat::Scope::Core } else { prakat::Scope::All };
    let guard = prakat::output::guard::GuardOptions { force, in_place };
    let output = output.unwrap_or_else(|| root.join("public"));
    let date = match date.map_or_else(source_date_epoch, |d| Ok(Some(d))) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let start = Instant::now();
    let progress = Progress::new(quiet);
    let report = |done, total| progress.update(done, total);
    let config =
        prakat::Config { root, output: output.clone(), date, check_links: check, scope, guard, precompress, manifest };
    let outcome = prakat::build(&config, &report);
    progress.finish();
    match outcome {
        Ok(r) => {
            print_diagnostics(&r.diagnostics);
            if timings {
                print_timings(&r.times);
            }
            if !quiet {
                print_summary(&r, start.elapsed());
                eprintln!("{}", r.counts.summary());
                if check {
                    eprintln!("checked {} pages: every internal link and anchor resolves", r.pages);
                }
                eprintln!("open {}", output.join("index.html").display());
                if !r.diagnostics.is_empty() {
                    eprintln!("{}", r.diagnostics.summary());
                }
            }
            ExitCode::SUCCESS
        }
        Err(f) => {
            print_diagnostics(&f.diagnostics);
            // A failed build never creates the output, so whatever is there is the previous site
            // (put back first if a killed build had left it aside).
            if std::fs::symlink_metadata(&output).is_ok() {
                eprintln!("build failed: {}; {} was left as it was", f.diagnostics.summary(), output.display());
            } else {
                eprintln!("build failed: {}; nothing was written to {}", f.diagnostics.summary(), output.display());
            }
            ExitCode::FAILURE
        }
    }
}

fn check(root: &Path, review: bool, review_csv: Option<PathBuf>) -> ExitCode {
    if review {
        let r = prakat::pipeline::review(&prakat::Config::new(root));
        print_diagnostics(&r.diagnostics);
        if !r.diagnostics.has_errors() {
            const SHOWN: usize = 10;
            let total: usize = r.kinds.iter().map(|(_, l)| l.len()).sum();
            eprintln!("review: {total} findings to look at before publishing");
            for (title, lines) in &r.kinds {
                eprintln!("\n{} ({}):", title, lines.len());
                for l in lines.iter().take(SHOWN) {
                    eprintln!("  {l}");
                }
                if lines.len() > SHOWN {
                    eprintln!(
                        "  ... and {} more{}",
                        lines.len() - SHOWN,
                        if review_csv.is_some() { " (all in the CSV)" } else { " (--review-csv FILE lists them all)" }
                    );
                }
            }
            if let Some(path) = review_csv {
                if let Err(e) = std::fs::write(&path, &r.csv) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                eprintln!("\nwrote {} ({total} findings)", path.display());
            }
        }
        return if r.diagnostics.has_errors() {
            eprintln!("not publishable: {}", r.diagnostics.summary());
            ExitCode::FAILURE
        } else {
            eprintln!("publishable: {}", r.diagnostics.summary());
            ExitCode::SUCCESS
        };
    }
    let d = prakat::check(&prakat::Config::new(root));
    print_diagnostics(&d);
    if d.has_errors() {
        eprintln!("not publishable: {}", d.summary());
        ExitCode::FAILURE
    } else {
        eprintln!("publishable: {}", d.summary());
        ExitCode::SUCCESS
    }
}

#[cfg(feature = "serve")]
fn serve(root: PathBuf, port: u16, bind: std::net::IpAddr) -> ExitCode {
    let opts = prakat::serve::ServeOptions { root, addr: bind, port };
    let started = |addr: std::net::SocketAddr| {
        if !bind.is_loopback() {
            eprintln!("warning: listening on {bind}, so other machines can see this preview");
        }
        eprintln!("serving http://{addr}/ (watching data/, content/, themes/; Ctrl-C to stop)");
    };
    let report = |r: prakat::serve::Report<'_>| match r {
        prakat::serve::Report::Ready { pages, files, laos, reloaded, took, diagnostics } => {
            print_diagnostics(diagnostics);
            let what = format!("read {reloaded}");
            eprintln!(
                "{what} in {:.2} s: {pages} pages ({files} files) for {laos} LAOs, rendered when requested",
                took.as_secs_f64()
            );
            if !diagnostics.is_empty() {
                eprintln!("{}", diagnostics.summary());
            }
        }
        prakat::serve::Report::Failed { diagnostics } => {
            print_diagnostics(diagnostics);
            eprintln!("build failed: {}; the browser shows these problems until they are fixed", diagnostics.summary());
        }
        prakat::serve::Report::RenderFailed { path, message } => {
            eprintln!("error: cannot render {path}: {message}");
        }
    };
    match prakat::serve::serve(&opts, &started, &report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init(dir: &Path, force: bool) -> ExitCode {
    match prakat::init::init(dir, force) {
        Ok(files) => {
            eprintln!("wrote a new site in {} ({} files)", dir.display(), files.len());
            eprintln!("next: prakat serve --root {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
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
    match Cli::parse().command {
        Command::Build(args) => build(args),
        Command::Check { root, review, review_csv } => check(&root, review, review_csv),
        #[cfg(feature = "serve")]
        Command::Serve { root, port, bind } => serve(root, port, bind),
        Command::Init { dir, force } => init(&dir, force),
        Command::Import(args) => import(args),
    }
}
