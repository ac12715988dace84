//! prakat: publishes the results of Thailand's minimum-standard assessment of local public
//! services as a static website.
//!
//! The library is a pipeline of stages, each owning one thing:
//! [`load`] (read and validate) → [`model`] → [`derive`] (verdicts, counts, medians) →
//! [`plan`] (every output) → [`render`] (in parallel) → [`write`] (staged, then swapped in).

pub mod derive;
pub mod diag;
pub mod load;
pub mod model;
pub mod plan;
pub mod render;
pub mod thai;
pub mod theme;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Checks the input without writing anything: load and derive, with all their diagnostics.
pub fn check(root: &Path) -> Diagnostics {
    let (site, mut diags) = load::load(root);
    let _theme = load::load_theme(root, &mut diags);
    if let Some(site) = site {
        let (_, d) = derive::derive(&site);
        diags.extend(d);
    }
    diags
}

/// Builds the site. On any error nothing is written and the previous output stays as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    build_scoped(opts, Scope::All)
}

/// Builds the outputs in `scope`; otherwise as [`build`].
pub fn build_scoped(opts: &BuildOptions, scope: Scope) -> Result<BuildReport, BuildFailure> {
    let mut times = StageTimes::default();
    let t = Instant::now();
    let (site, mut diags) = load::load(&opts.root);
    let theme = load::load_theme(&opts.root, &mut diags);
    times.load = t.elapsed();
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        return Err(BuildFailure { diagnostics: diags });
    };

    let t = Instant::now();
    let (derived, d) = derive::derive(&site);
    diags.extend(d);
    times.derive = t.elapsed();

    let t = Instant::now();
    let mut planned = plan::plan(&site, &derived, &theme);
    if scope == Scope::Core {
        planned.retain(plan::is_core);
    }
    let renderer = match render::Renderer::new(&site, &derived, &theme, &planned) {
        Ok(r) => r,
        Err(d) => {
            diags.extend(d);
            return Err(BuildFailure { diagnostics: diags });
        }
    };
    if site.settings.base_url.is_none() {
        diags.warning(Span::file("data/site.yaml").field("base_url"), "no base_url: pages link to each other relatively, but sitemap.xml and share links cannot name absolute addresses");
    }
    times.plan = t.elapsed();

    let t = Instant::now();
    let staging = match write::Staging::new(&opts.output) {
        Ok(s) => s,
        Err(e) => {
            diags.error(
                Span::file(opts.output.display().to_string()),
                format!("cannot create the staging folder beside the output: {e}"),
            );
            return Err(BuildFailure { diagnostics: diags });
        }
    };
    let bytes = AtomicU64::new(0);
    // Nanoseconds spent rendering and writing, summed over threads, for --timings.
    let (render_ns, write_ns) = (AtomicU64::new(0), AtomicU64::new(0));
    let failures: Vec<(String, String)> = planned
        .par_iter()
        .filter_map(|p| {
            let t0 = Instant::now();
            let rendered = renderer.render(p);
            let t1 = Instant::now();
            render_ns.fetch_add((t1 - t0).as_nanos() as u64, Ordering::Relaxed);
            let out = rendered.and_then(|b| {
                bytes.fetch_add(b.len() as u64, Ordering::Relaxed);
                staging.write(&p.path, &b).map_err(|e| format!("cannot write: {e}"))
            });
            write_ns.fetch_add(t1.elapsed().as_nanos() as u64, Ordering::Relaxed);
            out.err().map(|e| (p.path.clone(), e))
        })
        .collect();
    times.render_write = t.elapsed();
    times.render = Duration::from_nanos(render_ns.into_inner());
    times.write = Duration::from_nanos(write_ns.into_inner());
    if !failures.is_empty() {
        for (path, e) in failures {
            diags.error(Span::file(path), e);
        }
        return Err(BuildFailure { diagnostics: diags });
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
        rows_read: site.years.iter().map(|y| y.measures.len()).sum(),
        times,
        diagnostics: diags,
    })
}
