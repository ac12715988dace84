//! The pipeline: the one place where the stages are wired together. `build`, `check` and
//! `serve` (and any later command) call these functions and nothing below them in sequence.
//!
//! ```text
//! guard (output) -> load -> derive, content -> plan -> render (parallel) -> write (staged) -> swap
//! ```
//!
//! [`prepare`] reads and derives everything a render needs; [`compile`] lists the outputs and
//! compiles the templates; [`build`] adds the output guard before and the staged write after.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::content::book::{self, Books};
use crate::derive::{self, Derived};
use crate::diag::{Diagnostics, Span};
use crate::load;
use crate::model::Site;
use crate::model::theme::Theme;
use crate::output::{self, check as site_check, conserve, guard, write};
use crate::paths;
use crate::plan::{self, Planned};
use crate::render::{RenderError, Renderer};
use crate::text::dates::Date;

/// Everything a command says about one run.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root (holds data/, content/, themes/).
    pub root: PathBuf,
    /// Where the site is written; replaced as a whole on success. `ROOT/public` by default.
    pub output: PathBuf,
    /// The day the site is built as of (from `--date` or SOURCE_DATE_EPOCH), which takes the
    /// place of `build_date` in site.yaml; it splits workshop sessions into upcoming and past.
    pub date: Option<Date>,
    /// Check the built site's links, anchors, titles, lang and h1 before putting it in place.
    pub check_links: bool,
    /// Which outputs to write.
    pub scope: Scope,
    /// Whether a folder prakat did not build may be replaced, and whether to build in place.
    pub guard: guard::GuardOptions,
    /// Write a gzip and a Brotli copy beside every text file, for servers that send them.
    pub precompress: bool,
    /// Write `manifest.sha256`: every file with its SHA-256.
    pub manifest: bool,
}

impl Config {
    /// A whole-site build of `root` into `root/public`, with no other choice made.
    pub fn new(root: impl Into<PathBuf>) -> Config {
        let root = root.into();
        Config {
            output: root.join("public"),
            root,
            date: None,
            check_links: false,
            scope: Scope::All,
            guard: guard::GuardOptions::default(),
            precompress: false,
            manifest: false,
        }
    }

    /// The same, written to `output`.
    pub fn with_output(mut self, output: impl Into<PathBuf>) -> Config {
        self.output = output.into();
        self
    }
}

/// Which outputs a build writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    /// The whole site.
    #[default]
    All,
    /// Only the outputs a general-purpose generator would make from the same data (see
    /// [`plan::is_core`]); for benchmarks against such tools, not for publishing.
    Core,
}

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    /// Reading and validating input (and the theme).
    pub load: Duration,
    /// Verdicts, counts, medians, and the manuals as books.
    pub derive: Duration,
    /// Listing outputs and compiling templates.
    pub plan: Duration,
    /// Rendering and writing files to staging (wall time; both run together, in parallel).
    pub render_write: Duration,
    /// Of which rendering, summed over all threads.
    pub render: Duration,
    /// Of which writing files, summed over all threads.
    pub write: Duration,
    /// Swapping the staged site into place.
    pub commit: Duration,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Total bytes written.
    pub bytes: u64,
    /// LAOs in the registry.
    pub laos: usize,
    /// Result rows read, over all years.
    pub rows_read: usize,
    /// What was read and what was written, counted from the written bytes; a build whose
    /// counts differ fails, so a successful build's counts agree.
    pub counts: conserve::Ledger,
    /// Time per stage.
    pub times: StageTimes,
    /// Warnings.
    pub diagnostics: Diagnostics,
}

/// Why a build did not produce a site.
#[derive(Debug, Clone)]
pub struct BuildFailure {
    /// Every problem found (errors and warnings).
    pub diagnostics: Diagnostics,
}

/// The input read and derived: what rendering needs besides the theme.
pub struct Input {
    /// The validated input.
    pub site: Site,
    /// Verdicts, counts and medians.
    pub derived: Derived,
    /// The manuals and pages as books.
    pub books: Books,
    /// Warnings so far.
    pub diagnostics: Diagnostics,
}

/// The input and the theme, ready to be planned and rendered.
pub struct Prepared {
    /// The input, read and derived.
    pub input: Input,
    /// The theme (built-in files with the site's overrides).
    pub theme: Theme,
    /// How long loading and deriving took.
    pub times: StageTimes,
}

/// The folders a build reads under the site root: the output may be neither inside one nor
/// contain one.
pub fn input_folders(root: &Path) -> Vec<PathBuf> {
    ["data", "content", "themes"].iter().map(|f| root.join(f)).collect()
}

/// Loads and derives the input: `Err` with every problem when there is an error.
pub fn read_input(root: &Path, date: Option<Date>) -> Result<Input, Diagnostics> {
    let (site, diags) = load::load(root, date);
    let Some(site) = site.filter(|_| !diags.has_errors()) else { return Err(diags) };
    derive_input(site, diags)
}

fn derive_input(site: Site, mut diags: Diagnostics) -> Result<Input, Diagnostics> {
    let (derived, d) = derive::derive(&site);
    diags.extend(d);
    let (books, d) = book::prepare(&site);
    diags.extend(d);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Input { site, derived, books, diagnostics: diags })
}

/// Reads `content/` again and re-makes the books, keeping the results data and everything
/// derived from it (`serve`, after a manual was edited). The problems found, if any.
pub fn reread_content(input: &mut Input, root: &Path) -> Diagnostics {
    let mut d = Diagnostics::new();
    input.site.content = load::content::load(root, &mut d);
    let (books, bd) = book::prepare(&input.site);
    d.extend(bd);
    input.books = books;
    d
}

/// Reads the theme: the built-in files with the site's overrides.
pub fn read_theme(root: &Path, diags: &mut Diagnostics) -> Theme {
    load::load_theme(root, diags)
}

/// Reads the input and the theme, reporting the problems of both.
pub fn prepare(cfg: &Config) -> Result<Prepared, Diagnostics> {
    let mut times = StageTimes::default();
    let t = Instant::now();
    let (site, mut diags) = load::load(&cfg.root, cfg.date);
    let theme = read_theme(&cfg.root, &mut diags);
    times.load = t.elapsed();
    let Some(site) = site.filter(|_| !diags.has_errors()) else { return Err(diags) };
    let t = Instant::now();
    let input = derive_input(site, diags)?;
    times.derive = t.elapsed();
    Ok(Prepared { input, theme, times })
}

/// Every output of the site (or of `scope`), in a fixed order.
pub fn plan_outputs(input: &Input, theme: &Theme, scope: Scope) -> Vec<Planned> {
    let mut planned = plan::plan(&input.site, &input.derived, theme);
    if scope == Scope::Core {
        planned.retain(plan::is_core);
    }
    planned
}

/// One error for each output path that two sources would both write.
fn collisions(site: &Site, planned: &[Planned], output: &Path) -> Diagnostics {
    let mut d = Diagnostics::new();
    for (a, b) in plan::collisions(planned) {
        let (a, b) = (&planned[a], &planned[b]);
        d.error(
            Span::file(output.join(&a.path).display().to_string()),
            format!(
                "two outputs at `{}`: {} and {}; expected one file per path: rename or remove one of them",
                a.path,
                plan::source_of(site, a),
                plan::source_of(site, b)
            ),
        );
    }
    d
}

/// Compiles the templates into a renderer for `planned`.
pub fn compile<'a>(input: &'a Input, theme: &'a Theme, planned: &'a [Planned]) -> Result<Renderer<'a>, Diagnostics> {
    Renderer::new(&input.site, &input.derived, theme, planned).map(|r| r.with_books(&input.books))
}

/// Checks the input without writing anything: every stage of [`build`] up to rendering, with
/// the same diagnostics a build would give.
pub fn check(cfg: &Config) -> Diagnostics {
    match prepare(cfg) {
        Ok(p) => check_prepared(cfg, &p),
        Err(d) => d,
    }
}

/// [`check`] on input already read.
fn check_prepared(cfg: &Config, prepared: &Prepared) -> Diagnostics {
    let Prepared { input, theme, .. } = prepared;
    let planned = plan_outputs(input, theme, cfg.scope);
    let mut diags = input.diagnostics.clone();
    diags.extend(collisions(&input.site, &planned, &cfg.output));
    if let Err(d) = compile(input, theme, &planned) {
        diags.extend(d);
    }
    diags
}

/// How a failed write's message starts (the operating system's reason follows).
const WRITE_FAILED: &str = "cannot write this file: ";

/// The office's review of valid but doubtful data ([`crate::derive::review`]).
pub struct Review {
    /// What `check` says (the review runs only on input that loads).
    pub diagnostics: Diagnostics,
    /// Per kind of finding: its title and one line per finding.
    pub kinds: Vec<(&'static str, Vec<String>)>,
    /// Every finding as CSV for Excel.
    pub csv: String,
}

/// Checks the input as [`check`] does, then lists what is probably wrong though valid.
pub fn review(cfg: &Config) -> Review {
    let prepared = match prepare(cfg) {
        Ok(p) => p,
        Err(diagnostics) => return Review { diagnostics, kinds: Vec::new(), csv: String::new() },
    };
    let mut out = Review { diagnostics: check_prepared(cfg, &prepared), kinds: Vec::new(), csv: String::new() };
    let site = &prepared.input.site;
    let findings = crate::derive::review::review(site, &prepared.input.derived);
    for kind in crate::derive::review::Kind::ALL {
        let lines: Vec<String> =
            findings.iter().filter(|f| f.kind == kind).map(|f| crate::derive::review::line(site, f)).collect();
        out.kinds.push((kind.title(), lines));
    }
    out.csv = crate::render::data::review_csv(site, &findings);
    out
}

/// Builds the site. On any error nothing is written and the previous output stays as it was.
/// `progress(done, total)` is called once with `done == 0` when the outputs are known, then
/// after each file (from many threads).
pub fn build(cfg: &Config, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<BuildReport, BuildFailure> {
    let fail = |diagnostics| Err(BuildFailure { diagnostics });
    let output_span = || Span::file(cfg.output.display().to_string());
    // Before any input is read: refuse a destructive output, and finish what a killed build
    // left half-swapped, so that a failure below leaves the previous site in place.
    let dest = match guard::guard(&cfg.root, &input_folders(&cfg.root), &cfg.output, cfg.guard) {
        Ok(d) => d,
        Err(why) => {
            let mut diags = Diagnostics::new();
            diags.error(output_span().field("--output"), why);
            return fail(diags);
        }
    };
    let prepared = match prepare(cfg) {
        Ok(p) => p,
        Err(d) => return fail(d),
    };
    let Prepared { input, theme, mut times } = prepared;
    let mut diags = input.diagnostics.clone();

    let t = Instant::now();
    let planned = plan_outputs(&input, &theme, cfg.scope);
    let clashes = collisions(&input.site, &planned, &cfg.output);
    if clashes.has_errors() {
        diags.extend(clashes);
        return fail(diags);
    }
    let mut renderer = match compile(&input, &theme, &planned) {
        Ok(r) => r,
        Err(d) => {
            diags.extend(d);
            return fail(diags);
        }
    };
    // Unchanged share images are copied from the site being replaced instead of drawn again.
    renderer.set_previous_output(write::previous_output(&dest.dir));
    times.plan = t.elapsed();

    let t = Instant::now();
    let staging = match write::Staging::new(&dest) {
        Ok(s) => s,
        Err(e) => {
            diags.error(output_span(), format!("cannot create the staging folder for the output: {e}"));
            return fail(diags);
        }
    };
    let deploy = Deploy { precompress: cfg.precompress, manifest: cfg.manifest };
    let rendered = render_all(&renderer, &planned, &staging, deploy, progress);
    times.render_write = t.elapsed();
    times.render = rendered.render;
    times.write = rendered.write;
    let site = &input.site;
    let mut counts = conserve::Ledger::read(site.laos.len(), site.years.iter().map(|y| (y.be, y.rows_read)));
    // One message per cause: a broken template fails every page that uses it, and a full disk
    // every file written after it (the same message for every output, so keyed by the message).
    let mut causes: Vec<(String, RenderError, usize)> = Vec::new();
    let mut failed = 0usize;
    for outcome in rendered.outcomes {
        match outcome {
            Ok(tally) => counts.add(tally),
            Err(e) => {
                failed += 1;
                let key = if e.message.starts_with(WRITE_FAILED) { e.message.clone() } else { e.file.clone() };
                match causes.iter_mut().find(|(k, _, _)| *k == key) {
                    Some((_, _, n)) => *n += 1,
                    None => causes.push((key, e, 1)),
                }
            }
        }
    }
    if failed > 0 {
        for (_, e, n) in causes {
            let more =
                if n > 1 { format!(" (and {} more outputs with the same problem)", n - 1) } else { String::new() };
            diags.error(Span::file(e.file), format!("{}{more}", e.message));
        }
        return fail(diags);
    }
    // A core-only build (benchmarks) leaves the downloads out on purpose, so it cannot conserve rows.
    let lost = if cfg.scope == Scope::All { counts.differences() } else { Vec::new() };
    if !lost.is_empty() {
        for why in lost {
            diags.error(output_span(), format!("output does not hold all the input: {why}"));
        }
        return fail(diags);
    }
    if cfg.manifest {
        let manifest = output::deploy::manifest(rendered.hashes);
        if let Err(e) = staging.write(paths::MANIFEST, &manifest) {
            diags.error(output_span(), format!("{WRITE_FAILED}{e}"));
            return fail(diags);
        }
    }
    if cfg.check_links {
        let problems = site_check::check_site(staging.dir());
        if !problems.is_empty() {
            for p in problems {
                diags.error(Span::file(p.page), format!("built page: {}", p.message));
            }
            return fail(diags);
        }
    }

    let t = Instant::now();
    if let Err(e) = staging.commit() {
        diags.error(output_span(), format!("cannot put the new site in place: {e}"));
        return fail(diags);
    }
    times.commit = t.elapsed();

    Ok(BuildReport {
        pages: planned.iter().filter(|p| matches!(p.output, plan::Output::Page(_))).count(),
        files: planned.len(),
        bytes: rendered.bytes,
        laos: site.laos.len(),
        rows_read: site.years.iter().map(|y| y.rows_read).sum(),
        counts,
        times,
        diagnostics: diags,
    })
}

/// What a build writes beside each output for a deploy.
#[derive(Clone, Copy)]
struct Deploy {
    precompress: bool,
    manifest: bool,
}

/// What rendering and writing every output gave.
struct Rendered {
    outcomes: Vec<Result<conserve::Tally, RenderError>>,
    /// (path, SHA-256) of every file written, when a manifest is asked for.
    hashes: Vec<(String, String)>,
    bytes: u64,
    render: Duration,
    write: Duration,
}

/// Renders every output on all cores and writes each into staging as soon as it is rendered,
/// so writing never waits for a whole stage to finish.
fn render_all(
    renderer: &Renderer<'_>,
    planned: &[Planned],
    staging: &write::Staging,
    deploy: Deploy,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Rendered {
    let hashes = std::sync::Mutex::new(Vec::new());
    let bytes = AtomicU64::new(0);
    let done = AtomicUsize::new(0);
    let total = planned.len();
    progress(0, total);
    // Nanoseconds spent rendering and writing, summed over threads, for --timings.
    let (render_ns, write_ns) = (AtomicU64::new(0), AtomicU64::new(0));
    let outcomes = planned
        .par_iter()
        .map(|p| {
            let t0 = Instant::now();
            let rendered = renderer.render(p);
            let t1 = Instant::now();
            render_ns.fetch_add((t1 - t0).as_nanos() as u64, Ordering::Relaxed);
            let out = rendered.and_then(|b| {
                bytes.fetch_add(b.len() as u64, Ordering::Relaxed);
                let tally = conserve::tally(p, &b);
                let mut files = vec![(p.path.clone(), b)];
                if deploy.precompress && output::deploy::compressible(&p.path) {
                    let (gz, br) = (output::deploy::gzip(&files[0].1), output::deploy::brotli(&files[0].1));
                    files.push((paths::precompressed_path(&p.path, "gz"), gz));
                    files.push((paths::precompressed_path(&p.path, "br"), br));
                }
                for (path, bytes) in &files {
                    staging
                        .write(path, bytes)
                        .map_err(|e| RenderError { file: path.clone(), message: format!("{WRITE_FAILED}{e}") })?;
                }
                if deploy.manifest {
                    let mine: Vec<(String, String)> =
                        files.iter().map(|(path, bytes)| (path.clone(), output::deploy::sha256_hex(bytes))).collect();
                    hashes.lock().unwrap_or_else(|e| e.into_inner()).extend(mine);
                }
                Ok(tally)
            });
            write_ns.fetch_add(t1.elapsed().as_nanos() as u64, Ordering::Relaxed);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            out
        })
        .collect();
    Rendered {
        outcomes,
        hashes: hashes.into_inner().unwrap_or_else(|e| e.into_inner()),
        bytes: bytes.into_inner(),
        render: Duration::from_nanos(render_ns.into_inner()),
        write: Duration::from_nanos(write_ns.into_inner()),
    }
}
