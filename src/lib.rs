//! prakat: publishes the results of Thailand's minimum-standard assessment of local public
//! services as a static website.
//!
//! The library is a pipeline of stages, each owning one thing:
//! [`load`] (read and validate) → [`model`] → [`derive`] (verdicts, counts, medians) →
//! [`plan`] (every output) → [`render`] (in parallel) → [`write`] (staged, then swapped in).

pub mod book;
pub mod chart;
pub mod check_output;
pub mod compare;
pub mod conserve;
pub mod derive;
pub mod diag;
pub mod escape;
pub mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod numtext;
pub mod output;
pub mod plan;
pub mod render;
#[cfg(feature = "serve")]
pub mod serve;
pub mod thai;
pub mod theme;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use diag::{Diagnostics, Span};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holds data/, content/, themes/).
    pub root: PathBuf,
    /// Where the site is written; replaced as a whole on success.
    pub output: PathBuf,
}

/// Time spent in each stage.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    /// Reading and validating input.
    pub load: Duration,
    /// Verdicts, counts, medians.
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
    pub counts: conserve::Counts,
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

/// Checks the input without writing anything: the stages of [`build`] up to rendering (load,
/// derive, plan, compiling the templates), with the same diagnostics a build would give.
pub fn check(root: &Path) -> Diagnostics {
    let (site, mut diags) = load::load(root);
    let theme = load::load_theme(root, &mut diags);
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        return diags;
    };
    let (derived, d) = derive::derive(&site);
    diags.extend(d);
    let planned = plan::plan(&site, &derived, &theme);
    if let Err(d) = render::Renderer::new(&site, &derived, &theme, &planned) {
        diags.extend(d);
        return diags;
    }
    let (_, d) = book::prepare(&site);
    diags.extend(d);
    if diags.has_errors() {
        return diags;
    }
    settings_warnings(&site, &mut diags);
    diags
}

/// Warnings about the site settings that a build and a check both give.
pub(crate) fn settings_warnings(site: &model::Site, diags: &mut Diagnostics) {
    if site.settings.base_url.is_none() {
        diags.warning(
            Span::file("data/site.yaml").field("base_url"),
            "no base_url: sitemap.xml and share links cannot name absolute addresses, and the QR codes on LAO pages, printed notices, council packs and workshop posters hold only a path such as lao/5810401/2567/, which a phone cannot open; set base_url before printing them",
        );
    }
}

/// Builds the site. On any error nothing is written and the previous output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    build_with(opts, &BuildExtras::default())
}

/// Builds the site as of a given day (from `--date` or SOURCE_DATE_EPOCH), which overrides
/// `build_date` in site.yaml. The day splits workshop sessions into upcoming and past; with
/// no day at all the build reads no clock, so the same input always gives the same output.
pub fn build_as_of(opts: &BuildOptions, date: Option<thai::Date>) -> Result<BuildReport, BuildFailure> {
    build_with(opts, &BuildExtras { date, ..BuildExtras::default() })
}

/// Builds the site and checks the result before it is put in place (`prakat build --check`):
/// every internal link and anchor resolves, every page has a title, a lang and one h1. A site
/// that fails the check is not put in place, so the previous output stays as it was.
pub fn build_and_check(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    build_with(opts, &BuildExtras { check_links: true, ..BuildExtras::default() })
}

/// Like [`build`], and calls `progress(done, total)` as files are rendered and written: once
/// with `done == 0` when the outputs are known, then after each file (from many threads).
pub fn build_with_progress(
    opts: &BuildOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<BuildReport, BuildFailure> {
    build_with(opts, &BuildExtras { progress: Some(progress), ..BuildExtras::default() })
}

/// The choices a build takes beyond where to read and write.
#[derive(Default, Clone, Copy)]
pub struct BuildExtras<'a> {
    /// The day the site is built as of (splits workshop sessions into upcoming and past).
    pub date: Option<thai::Date>,
    /// Check the built site's links, anchors, titles, lang and h1 before putting it in place.
    pub check_links: bool,
    /// Called with (done, total) as files are written, from many threads.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// Which outputs to write (the whole site, or the core pages for benchmarks).
    pub scope: Scope,
    /// Whether a folder prakat did not build may be replaced, and whether to build in place.
    pub guard: output::guard::GuardOptions,
}

/// The folders a build reads under the site root: the output may be neither inside one nor
/// contain one.
pub fn input_folders(root: &Path) -> Vec<PathBuf> {
    ["data", "content", "themes"].iter().map(|f| root.join(f)).collect()
}

/// Builds the outputs in `scope`; otherwise as [`build`].
pub fn build_scoped(opts: &BuildOptions, scope: Scope) -> Result<BuildReport, BuildFailure> {
    build_with(opts, &BuildExtras { scope, ..BuildExtras::default() })
}

/// Builds with every choice spelled out.
pub fn build_with(opts: &BuildOptions, extras: &BuildExtras<'_>) -> Result<BuildReport, BuildFailure> {
    let (date, check_links, scope) = (extras.date, extras.check_links, extras.scope);
    let progress = extras.progress.unwrap_or(&|_, _| {});
    let mut times = StageTimes::default();
    let t = Instant::now();
    // Before any input is read: refuse a destructive output, and finish what a killed build
    // left half-swapped, so that a failure below leaves the previous site in place.
    let dest = match output::guard::guard(&opts.root, &input_folders(&opts.root), &opts.output, extras.guard) {
        Ok(d) => d,
        Err(why) => {
            let mut diags = Diagnostics::new();
            diags.error(Span::file(opts.output.display().to_string()).field("--output"), why);
            return Err(BuildFailure { diagnostics: diags });
        }
    };
    let (mut site, mut diags) = load::load(&opts.root);
    if let (Some(site), Some(d)) = (site.as_mut(), date) {
        site.settings.build_date = Some(d);
    }
    let theme = load::load_theme(&opts.root, &mut diags);
    times.load = t.elapsed();
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        return Err(BuildFailure { diagnostics: diags });
    };

    let t = Instant::now();
    let (derived, d) = derive::derive(&site);
    diags.extend(d);
    let (books, d) = book::prepare(&site);
    diags.extend(d);
    times.derive = t.elapsed();
    if diags.has_errors() {
        return Err(BuildFailure { diagnostics: diags });
    }

    let t = Instant::now();
    let mut planned = plan::plan(&site, &derived, &theme);
    if scope == Scope::Core {
        planned.retain(plan::is_core);
    }
    let mut renderer = match render::Renderer::new(&site, &derived, &theme, &planned) {
        Ok(r) => r.with_books(&books),
        Err(d) => {
            diags.extend(d);
            return Err(BuildFailure { diagnostics: diags });
        }
    };
    settings_warnings(&site, &mut diags);
    // Unchanged share images are copied from the site being replaced instead of drawn again.
    renderer.set_previous_output(&dest.dir);
    times.plan = t.elapsed();

    let t = Instant::now();
    let staging = match output::write::Staging::new(&dest) {
        Ok(s) => s,
        Err(e) => {
            diags.error(
                Span::file(opts.output.display().to_string()),
                format!("cannot create the staging folder for the output: {e}"),
            );
            return Err(BuildFailure { diagnostics: diags });
        }
    };
    let bytes = AtomicU64::new(0);
    let done = AtomicUsize::new(0);
    let total = planned.len();
    progress(0, total);
    // Nanoseconds spent rendering and writing, summed over threads, for --timings.
    let (render_ns, write_ns) = (AtomicU64::new(0), AtomicU64::new(0));
    let outcomes: Vec<Result<conserve::Tally, render::RenderError>> = planned
        .par_iter()
        .map(|p| {
            let t0 = Instant::now();
            let rendered = renderer.render(p);
            let t1 = Instant::now();
            render_ns.fetch_add((t1 - t0).as_nanos() as u64, Ordering::Relaxed);
            let out = rendered.and_then(|b| {
                bytes.fetch_add(b.len() as u64, Ordering::Relaxed);
                let tally = conserve::tally(p, &b);
                staging.write(&p.path, &b).map(|()| tally).map_err(|e| render::RenderError {
                    file: p.path.clone(),
                    message: format!("cannot write this file: {e}"),
                })
            });
            write_ns.fetch_add(t1.elapsed().as_nanos() as u64, Ordering::Relaxed);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            out
        })
        .collect();
    times.render_write = t.elapsed();
    times.render = Duration::from_nanos(render_ns.into_inner());
    times.write = Duration::from_nanos(write_ns.into_inner());
    let mut counts = conserve::Counts::read(site.laos.len(), site.years.iter().map(|y| (y.be, y.rows_read)));
    // One message per distinct problem: a broken template fails every page that uses it.
    let mut seen = std::collections::HashSet::new();
    let mut failed = 0usize;
    for outcome in outcomes {
        match outcome {
            Ok(tally) => counts.add(tally),
            Err(e) => {
                failed += 1;
                if seen.insert(e.file.clone()) {
                    diags.error(Span::file(e.file), e.message);
                }
            }
        }
    }
    if failed > 0 {
        if failed > seen.len() {
            diags.error(Span::file(opts.output.display().to_string()), format!("{failed} outputs failed in all"));
        }
        return Err(BuildFailure { diagnostics: diags });
    }
    // A core-only build (benchmarks) leaves the downloads out on purpose, so it cannot conserve rows.
    let lost = if scope == Scope::All { counts.differences() } else { Vec::new() };
    if !lost.is_empty() {
        for why in lost {
            diags.error(
                Span::file(opts.output.display().to_string()),
                format!("output does not hold all the input: {why}"),
            );
        }
        return Err(BuildFailure { diagnostics: diags });
    }

    if check_links {
        let problems = check_output::check_site(staging.dir());
        if !problems.is_empty() {
            for p in problems {
                diags.error(Span::file(p.page), format!("built page: {}", p.message));
            }
            return Err(BuildFailure { diagnostics: diags });
        }
    }

    let t = Instant::now();
    if let Err(e) = staging.commit() {
        diags.error(Span::file(opts.output.display().to_string()), format!("cannot put the new site in place: {e}"));
        return Err(BuildFailure { diagnostics: diags });
    }
    times.commit = t.elapsed();

    Ok(BuildReport {
        pages: planned.iter().filter(|p| matches!(p.output, plan::Output::Page(_))).count(),
        files: planned.len(),
        bytes: bytes.into_inner(),
        laos: site.laos.len(),
        rows_read: site.years.iter().map(|y| y.rows_read).sum(),
        counts,
        times,
        diagnostics: diags,
    })
}
