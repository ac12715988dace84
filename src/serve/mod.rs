//! `prakat serve`: a preview of the site on loopback that follows the input as it is edited.
//!
//! The server runs the stages of a build up to rendering (load, derive, plan, compile the
//! templates) and keeps the result in memory; each request renders the one output it asks for,
//! with the same renderer `prakat build` uses. Nothing is written to disk, so a change to a
//! template costs a template compile, not a re-render of every page; a change under content/
//! re-reads the manuals and pages only, and a change under data/ reloads the whole input. HTML responses get a small script tag on the way out that listens
//! for server-sent events and reloads the page after each rebuild. While the input is broken,
//! every page shows the diagnostics instead, until a save fixes it.

use std::collections::HashMap;
use std::io::{self, Write as _};
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::diag::{Diagnostics, Span};
use crate::pipeline::{self, Input};
use crate::plan::{Output, Page, Planned};
use crate::render::Renderer;

/// The folders of a site root whose changes trigger a rebuild.
pub const WATCHED: [&str; 3] = ["data", "content", "themes"];

/// How long the input must stay quiet after a change before rebuilding: editors write a file in
/// several steps, and a save of many files should give one rebuild.
const QUIET: Duration = Duration::from_millis(150);

/// URL prefix of the server's own files, out of the way of any site path.
const OWN: &str = "/__prakat/";

/// Request-handling threads. Pages render in parallel across them.
const WORKERS: usize = 4;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to listen on; loopback unless the user asked otherwise.
    pub addr: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
}

/// What the server tells the terminal.
#[derive(Debug)]
pub enum Report<'a> {
    /// The site is ready to be served: every output is known and the templates compiled.
    Ready {
        /// HTML pages the site has.
        pages: usize,
        /// All outputs.
        files: usize,
        /// LAOs in the registry.
        laos: usize,
        /// What was read again: "the input", "the manuals and pages" or "the theme".
        reloaded: &'static str,
        /// How long it took.
        took: Duration,
        /// Warnings.
        diagnostics: &'a Diagnostics,
    },
    /// The input or the theme has errors; the browser shows them.
    Failed {
        /// Every problem.
        diagnostics: &'a Diagnostics,
    },
    /// One output could not be rendered when it was requested.
    RenderFailed {
        /// Its path.
        path: &'a str,
        /// Why.
        message: &'a str,
    },
}

/// What the event streams need: the generation, which changes after every rebuild.
struct Shared {
    generation: Mutex<u64>,
    changed: Condvar,
}

/// What a change makes the server read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reload {
    /// Only the theme (templates, CSS): the loaded input stays.
    Theme,
    /// The manuals and pages under content/: the results data and its figures stay.
    Content,
    /// Everything (data/ changed, or nothing is loaded yet).
    All,
}

/// Everything one generation of the server answers from.
struct Generation<'a> {
    number: u64,
    /// Path to output, for the site as planned; empty while the build is broken.
    index: HashMap<&'a str, &'a Planned>,
    renderer: Option<Renderer<'a>>,
    /// The page shown in place of the site while the build is broken.
    error_page: Option<String>,
}

/// Serves until the process is stopped. `started` is called once with the address actually bound;
/// `report` after every rebuild and for every output that fails to render. Returns only on a
/// startup error; Ctrl-C ends the process, and there is nothing on disk to clean up.
pub fn serve(
    opts: &ServeOptions,
    started: &dyn Fn(SocketAddr),
    report: &(dyn Fn(Report<'_>) + Sync),
) -> Result<(), String> {
    let server = Server::http(SocketAddr::new(opts.addr, opts.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.addr, opts.port))?;
    let bound = server.server_addr().to_ip().ok_or("the server did not bind an IP address")?;
    let shared = Arc::new(Shared { generation: Mutex::new(0), changed: Condvar::new() });

    // The watcher reports absolute paths; compare them with an absolute root.
    let root = std::path::absolute(&opts.root).map_err(|e| format!("cannot resolve {}: {e}", opts.root.display()))?;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch the site root: {e}"))?;
    watch_all(&mut watcher, &root);

    let mut input: Option<Input> = None;
    let mut reload = Reload::All;
    let mut number = 0;
    loop {
        let t = Instant::now();
        if let (Reload::Content, Some(inp)) = (reload, input.as_mut()) {
            // A manual or page changed: read content/ again and re-render the books; the
            // results data and everything derived from it stay as they are.
            let d = pipeline::reread_content(inp, &opts.root);
            if d.has_errors() {
                report(Report::Failed { diagnostics: &d });
                number += 1;
                let generation = empty_generation(number, error_page(&d, number));
                // Whatever changes next, read everything again: the loaded content is broken.
                serve_generation(&server, &shared, &rx, &root, &mut watcher, &generation, report);
                reload = Reload::All;
                continue;
            }
        }
        if reload == Reload::All || input.is_none() {
            input = match pipeline::read_input(&opts.root, None) {
                Ok(i) => Some(i),
                Err(d) => {
                    report(Report::Failed { diagnostics: &d });
                    number += 1;
                    let page = error_page(&d, number);
                    let generation = empty_generation(number, page);
                    if number == 1 {
                        started(bound);
                    }
                    serve_generation(&server, &shared, &rx, &root, &mut watcher, &generation, report);
                    continue;
                }
            };
        }
        let input_ref = input.as_ref().expect("loaded above");
        let mut diags = input_ref.diagnostics.clone();
        let theme = pipeline::read_theme(&opts.root, &mut diags);
        let planned = pipeline::plan_outputs(input_ref, &theme, pipeline::Scope::All);
        number += 1;
        let renderer = pipeline::compile(input_ref, &theme, &planned);
        let generation = match renderer {
            Ok(renderer) if !diags.has_errors() => {
                report(Report::Ready {
                    pages: planned.iter().filter(|p| matches!(p.output, Output::Page(_))).count(),
                    files: planned.len(),
                    laos: input_ref.site.laos.len(),
                    reloaded: match reload {
                        Reload::All => "the input",
                        Reload::Content => "the manuals and pages",
                        Reload::Theme => "the theme",
                    },
                    took: t.elapsed(),
                    diagnostics: &diags,
                });
                Generation {
                    number,
                    index: planned.iter().map(|p| (p.path.as_str(), p)).collect(),
                    renderer: Some(renderer),
                    error_page: None,
                }
            }
            outcome => {
                if let Err(d) = outcome {
                    diags.extend(d);
                }
                report(Report::Failed { diagnostics: &diags });
                empty_generation(number, error_page(&diags, number))
            }
        };
        if number == 1 {
            started(bound);
        }
        reload = serve_generation(&server, &shared, &rx, &root, &mut watcher, &generation, report);
    }
}

fn empty_generation<'a>(number: u64, error_page: String) -> Generation<'a> {
    Generation { number, index: HashMap::new(), renderer: None, error_page: Some(error_page) }
}

/// Announces a generation to the open pages, answers requests from it until the input changes,
/// and returns whether the change needs the input read again (data/ or content/) or only the
/// theme. Requests that arrive while the next generation is prepared wait in the server's queue.
fn serve_generation(
    server: &Server,
    shared: &Arc<Shared>,
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    root: &Path,
    watcher: &mut notify::RecommendedWatcher,
    generation: &Generation<'_>,
    report: &(dyn Fn(Report<'_>) + Sync),
) -> Reload {
    {
        let mut g = shared.generation.lock().unwrap_or_else(|e| e.into_inner());
        *g = generation.number;
        shared.changed.notify_all();
    }
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                while !stop.load(Ordering::Relaxed) {
                    match server.recv_timeout(Duration::from_millis(100)) {
                        Ok(Some(request)) => handle(request, generation, shared, report),
                        Ok(None) => {}
                        Err(_) => break,
                    }
                }
            });
        }
        let change = wait_for_change(rx, root, watcher);
        stop.store(true, Ordering::Relaxed);
        change
    })
}

/// Blocks until a relevant change, then until the input has been quiet for [`QUIET`] (at most
/// 2 s), and says what must be read again: everything for data/ (or when the watcher failed), the
/// manuals for content/, only the theme for themes/.
fn wait_for_change(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    root: &Path,
    watcher: &mut notify::RecommendedWatcher,
) -> Reload {
    loop {
        let Ok(first) = rx.recv() else {
            // The watcher is gone: nothing will ever change again; keep serving what there is.
            loop {
                thread::park();
            }
        };
        let mut touched = changed_folders(&first, root);
        let deadline = Instant::now() + Duration::from_secs(2);
        while let Ok(ev) = rx.recv_timeout(QUIET) {
            touched.extend(changed_folders(&ev, root));
            if Instant::now() > deadline {
                break;
            }
        }
        if !touched.is_empty() {
            // content/ or themes/ may have been created since the start.
            watch_all(watcher, root);
            return if touched.contains(&"data") {
                Reload::All
            } else if touched.contains(&"content") {
                Reload::Content
            } else {
                Reload::Theme
            };
        }
    }
}

/// Watches the root itself (to see data/, content/ or themes/ appear) and each of those folders
/// with everything under them. Only these, so a large folder beside them (public/, target/, .git/)
/// costs nothing. Watching a path twice is harmless.
fn watch_all(watcher: &mut notify::RecommendedWatcher, root: &Path) {
    let _ = watcher.watch(root, RecursiveMode::NonRecursive);
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            let _ = watcher.watch(&path, RecursiveMode::Recursive);
        }
    }
}

/// The watched folders (`data`, `content`, `themes`) a change touched, leaving out reads (the
/// server's own), metadata (access times) and editors' swap and backup files. A watcher error
/// counts as a change to data/, so everything is read again.
fn changed_folders(event: &notify::Result<notify::Event>, root: &Path) -> Vec<&'static str> {
    let Ok(event) = event else { return vec!["data"] };
    if matches!(event.kind, EventKind::Access(_) | EventKind::Modify(notify::event::ModifyKind::Metadata(_))) {
        return Vec::new();
    }
    event
        .paths
        .iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(root).ok()?;
            let first = rel.components().next()?;
            let folder = WATCHED.into_iter().find(|w| first.as_os_str() == *w)?;
            let name = p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            let scratch = name.starts_with('.')
                || name.ends_with('~')
                || name.ends_with(".swp")
                || name.ends_with(".swx")
                || name.ends_with(".tmp")
                || name == "4913";
            (!scratch).then_some(folder)
        })
        .collect()
}

/// The page shown while the build is broken: every diagnostic as the terminal shows it.
fn error_page(diagnostics: &Diagnostics, generation: u64) -> String {
    let items: String = diagnostics
        .sorted()
        .iter()
        .map(|d| {
            // The message wraps on a phone; the source line and caret keep their columns.
            let text = d.to_string();
            let (message, place) = text.split_once('\n').unwrap_or((&text, ""));
            format!(
                "<section class=\"{:?}\"><p>{}</p><pre>{}</pre></section>\n",
                d.severity,
                crate::text::escape::markup(message),
                crate::text::escape::markup(place.trim_end())
            )
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Build failed · prakat</title><style>\
body{{font-family:system-ui,sans-serif;margin:0;background:#1d1f21;color:#eee}}\
main{{max-width:60rem;margin:0 auto;padding:1rem}}h1{{color:#ff8080;font-size:1.4rem}}\
section{{background:#000;padding:.1rem .8rem;margin:1rem 0;border-left:4px solid #ff8080}}\
section.Warning{{border-left-color:#f0c674}}section p{{font-family:monospace;font-weight:bold}}\
pre{{overflow-x:auto;white-space:pre;font-size:.9rem}}\
</style></head><body><main><h1>The site could not be built</h1>\
<p>{summary}. Fix the input and save: this page reloads by itself.</p>\n{items}</main>{script}</body></html>\n",
        summary = crate::text::escape::markup(&diagnostics.summary()),
        script = reload_tag(generation),
    )
}

/// The script tag added to served HTML. It names the generation the page was served at, so a
/// rebuild that finishes before the event stream connects still reloads the page.
fn reload_tag(generation: u64) -> String {
    format!("<script src=\"{OWN}livereload.js?since={generation}\"></script>")
}

/// The live-reload script: one event stream; the server sends `reload` when the site changed.
const LIVERELOAD_JS: &str = r#"(function () {
  var since = new URL(document.currentScript.src).searchParams.get("since") || "0";
  var events = new EventSource("/__prakat/events?since=" + since);
  events.addEventListener("reload", function () { events.close(); location.reload(); });
})();
"#;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ics" => "text/calendar; charset=utf-8",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// The site-relative file path a URL path names, or None when it tries to leave the site
/// (`..`, a backslash, a drive or root inside a segment, a NUL) or cannot be decoded.
pub fn safe_relative_path(url_path: &str) -> Option<PathBuf> {
    let decoded = crate::text::escape::percent_decode(url_path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s => {
                // A segment must be one plain name (no "C:" drive prefix or the like).
                let mut parts = Path::new(s).components();
                match (parts.next(), parts.next()) {
                    (Some(Component::Normal(_)), None) => rel.push(s),
                    _ => return None,
                }
            }
        }
    }
    Some(rel)
}

fn respond<R: io::Read>(request: Request, response: Response<R>) {
    let response = response.with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

fn text_response(status: u16, text: &str) -> Response<io::Cursor<Vec<u8>>> {
    Response::from_string(text)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn html_response(status: u16, html: String) -> Response<io::Cursor<Vec<u8>>> {
    Response::from_data(html.into_bytes())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
}

/// Adds the reload script just before `</body>` (or at the end when there is none).
fn inject(html: &str, generation: u64) -> String {
    let tag = reload_tag(generation);
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

fn handle(request: Request, generation: &Generation<'_>, shared: &Arc<Shared>, report: &(dyn Fn(Report<'_>) + Sync)) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(request, text_response(405, "only GET and HEAD\n").with_header(header("Allow", "GET, HEAD")));
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let path = path.split('#').next().unwrap_or("");
    if let Some(own) = path.strip_prefix(OWN) {
        return match own {
            "livereload.js" => respond(
                request,
                Response::from_string(LIVERELOAD_JS)
                    .with_header(header("Content-Type", "text/javascript; charset=utf-8")),
            ),
            "events" => {
                let since = query.split('&').find_map(|kv| kv.strip_prefix("since=")).and_then(|v| v.parse().ok());
                event_stream(request, shared, since.unwrap_or(0))
            }
            _ => respond(request, text_response(404, "not found\n")),
        };
    }
    let Some(rel) = safe_relative_path(path) else {
        return respond(request, text_response(400, "bad path: it must stay inside the site\n"));
    };
    let rel = rel.to_string_lossy().replace('\\', "/");
    let folder_page = if rel.is_empty() { "index.html".to_string() } else { format!("{rel}/index.html") };
    let planned = match (generation.index.get(rel.as_str()), generation.index.get(folder_page.as_str())) {
        (Some(p), _) => Some(*p),
        (None, Some(p)) if path.ends_with('/') => Some(*p),
        // Pages link relatively, so a folder must be addressed with its slash.
        (None, Some(_)) => {
            return respond(
                request,
                text_response(301, "moved\n").with_header(header("Location", &format!("{path}/"))),
            );
        }
        (None, None) => None,
    };
    let (Some(renderer), None) = (&generation.renderer, &generation.error_page) else {
        let page = generation.error_page.clone().unwrap_or_default();
        return respond(request, html_response(500, page));
    };
    let Some(planned) = planned else {
        let not_found = generation
            .index
            .values()
            .find(|p| p.output == Output::Page(Page::NotFound))
            .and_then(|p| renderer.render(p).ok())
            .map(|b| inject(&String::from_utf8_lossy(&b), generation.number))
            .unwrap_or_else(|| {
                format!("<!doctype html><title>404</title><p>Not found{}", reload_tag(generation.number))
            });
        return respond(request, html_response(404, not_found));
    };
    match renderer.render(planned) {
        Ok(bytes) if matches!(planned.output, Output::Page(_)) => {
            respond(request, html_response(200, inject(&String::from_utf8_lossy(&bytes), generation.number)))
        }
        Ok(bytes) => respond(
            request,
            Response::from_data(bytes).with_header(header("Content-Type", content_type(Path::new(&planned.path)))),
        ),
        Err(e) => {
            report(Report::RenderFailed { path: &e.file, message: &e.message });
            let mut d = Diagnostics::new();
            d.error(Span::file(e.file), e.message);
            respond(request, html_response(500, error_page(&d, generation.number)));
        }
    }
}

/// Server-sent events: `reload` as soon as the generation is past `since`, then a comment every
/// 15 s (which also notices a closed tab). Runs on its own thread so it holds no worker.
fn event_stream(request: Request, shared: &Arc<Shared>, since: u64) {
    let shared = shared.clone();
    thread::spawn(move || {
        let mut out = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                    Connection: close\r\n\r\nretry: 1000\n\n";
        if out.write_all(head.as_bytes()).and_then(|_| out.flush()).is_err() {
            return;
        }
        let mut seen = since;
        loop {
            let generation = {
                let g = shared.generation.lock().unwrap_or_else(|e| e.into_inner());
                let (g, _) = shared
                    .changed
                    .wait_timeout_while(g, Duration::from_secs(15), |g| *g <= seen)
                    .unwrap_or_else(|e| e.into_inner());
                *g
            };
            let message =
                if generation > seen { format!("event: reload\ndata: {generation}\n\n") } else { ": ping\n\n".into() };
            seen = generation;
            if out.write_all(message.as_bytes()).and_then(|_| out.flush()).is_err() {
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(safe_relative_path("/lao/5810401/"), Some(PathBuf::from("lao/5810401")));
        assert_eq!(safe_relative_path("/"), Some(PathBuf::new()));
        assert_eq!(safe_relative_path("/a/./b"), Some(PathBuf::from("a/b")));
        assert_eq!(safe_relative_path("/%E0%B8%81.html"), Some(PathBuf::from("ก.html")));
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/a%2f..%2f..%2fx",
            "/a\\..\\x",
            "/%5c..",
            "/a%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(safe_relative_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn reload_script_goes_before_the_body_end() {
        assert_eq!(inject("<p>x</p></body></html>", 3), format!("<p>x</p>{}</body></html>", reload_tag(3)));
        assert!(inject("<p>x", 1).ends_with("</script>"));
    }

    #[test]
    fn error_page_escapes_the_diagnostics() {
        let mut d = crate::diag::Diagnostics::new();
        d.error(crate::diag::Span::at("data/laos.csv", 2, Some(1)).source("<script>alert(1)</script>", 3), "bad <b>");
        let page = error_page(&d, 7);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && page.contains("bad &lt;b&gt;"));
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("1 error, 0 warnings") && page.contains("since=7"));
    }
}
