//! `prakat serve`: builds the site into a temporary folder, serves it over HTTP on loopback,
//! watches the input and rebuilds on change, and tells open pages to reload.
//!
//! The built files are the same bytes `prakat build` writes; the only difference is a small
//! script tag added to HTML responses on the way out (never to files on disk), which listens for
//! server-sent events and reloads the page after each rebuild. A failed rebuild keeps the last good
//! site on disk and shows the diagnostics in place of every page until the input is fixed.

use std::io::{self, Write as _};
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::{BuildFailure, BuildOptions, BuildReport};

/// The folders of a site root whose changes trigger a rebuild.
pub const WATCHED: [&str; 3] = ["data", "content", "themes"];

/// How long the input must stay quiet after a change before rebuilding: editors write a file in
/// several steps, and a save of many files should give one rebuild.
const QUIET: Duration = Duration::from_millis(150);

/// URL prefix of the server's own files, out of the way of any site path.
const OWN: &str = "/__prakat/";

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

/// The outcome of one build, handed to the caller for the terminal.
pub type Outcome = Result<BuildReport, BuildFailure>;

/// What the request handlers need to know about the latest build.
struct State {
    /// Increases after every build, good or bad; pages reload when it changes.
    generation: u64,
    /// The page shown in place of the site while the last build failed.
    error_page: Option<String>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// The built site (inside the temporary folder).
    site: PathBuf,
}

/// Removes the temporary folder when serving ends, however it ends.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Builds, serves and rebuilds until the process is stopped (Ctrl-C or SIGTERM, which remove the
/// temporary folder before exiting). `started` is called once with the address actually bound;
/// `built` after every build with its outcome and duration. Returns only on a startup error.
pub fn serve(
    opts: &ServeOptions,
    started: &dyn Fn(SocketAddr),
    built: &(dyn Fn(&Outcome, Duration) + Sync),
) -> Result<(), String> {
    let server = Server::http(SocketAddr::new(opts.addr, opts.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.addr, opts.port))?;
    let bound = server.server_addr().to_ip().ok_or("the server did not bind an IP address")?;

    remove_stale_temp_dirs();
    let temp = TempDir(std::env::temp_dir().join(format!("prakat-serve-{}", std::process::id())));
    std::fs::create_dir_all(&temp.0).map_err(|e| format!("cannot create {}: {e}", temp.0.display()))?;
    let cleanup = temp.0.clone();
    ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&cleanup);
        eprintln!("stopped");
        std::process::exit(0);
    })
    .map_err(|e| format!("cannot install the Ctrl-C handler: {e}"))?;

    let build_opts = BuildOptions { root: opts.root.clone(), output: temp.0.join("public") };
    let shared = Arc::new(Shared {
        state: Mutex::new(State { generation: 0, error_page: None }),
        changed: Condvar::new(),
        site: build_opts.output.clone(),
    });
    rebuild(&build_opts, &shared, built);

    let server = Arc::new(server);
    for _ in 0..4 {
        let (server, shared) = (server.clone(), shared.clone());
        thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &shared);
            }
        });
    }
    started(bound);

    // The watcher reports absolute paths; compare them with an absolute root.
    let root = std::path::absolute(&opts.root).map_err(|e| format!("cannot resolve {}: {e}", opts.root.display()))?;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch the site root: {e}"))?;
    watch_all(&mut watcher, &root);
    loop {
        let Ok(first) = rx.recv() else { return Err("the file watcher stopped".into()) };
        let mut relevant = is_relevant(&first, &root);
        // Drain until the input has been quiet for QUIET, but rebuild within 2 s at the latest.
        let deadline = Instant::now() + Duration::from_secs(2);
        while let Ok(ev) = rx.recv_timeout(QUIET) {
            relevant |= is_relevant(&ev, &root);
            if Instant::now() > deadline {
                break;
            }
        }
        if relevant {
            // content/ or themes/ may have been created since the start.
            watch_all(&mut watcher, &root);
            rebuild(&build_opts, &shared, built);
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

/// True for a change to a watched folder's content, leaving out reads (the build's own), metadata
/// (access times) and editors' swap and backup files.
fn is_relevant(event: &notify::Result<notify::Event>, root: &Path) -> bool {
    let Ok(event) = event else { return true };
    if matches!(event.kind, EventKind::Access(_) | EventKind::Modify(notify::event::ModifyKind::Metadata(_))) {
        return false;
    }
    event.paths.iter().any(|p| {
        let Ok(rel) = p.strip_prefix(root) else { return false };
        let in_watched = rel.components().next().is_some_and(|c| WATCHED.iter().any(|w| c.as_os_str() == *w));
        let name = p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        let scratch = name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp")
            || name == "4913";
        in_watched && !scratch
    })
}

/// Builds the site into the temporary folder and moves to the next generation, which makes every
/// open page reload.
fn rebuild(opts: &BuildOptions, shared: &Shared, built: &(dyn Fn(&Outcome, Duration) + Sync)) {
    let t = Instant::now();
    let outcome = crate::build(opts);
    built(&outcome, t.elapsed());
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    state.generation += 1;
    state.error_page = outcome.as_ref().err().map(|f| error_page(f, state.generation));
    shared.changed.notify_all();
}

/// Removes temporary folders left by servers that were killed without a chance to clean up
/// (their process no longer exists). Only where /proc tells which processes run.
fn remove_stale_temp_dirs() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix("prakat-serve-").and_then(|p| p.parse::<u32>().ok())
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The page shown while the build is broken: every diagnostic as the terminal shows it.
fn error_page(f: &BuildFailure, generation: u64) -> String {
    let items: String = f
        .diagnostics
        .sorted()
        .iter()
        .map(|d| format!("<pre class=\"{:?}\">{}</pre>\n", d.severity, escape_html(&d.to_string())))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Build failed · prakat</title><style>\
body{{font-family:system-ui,sans-serif;margin:0;background:#1d1f21;color:#eee}}\
main{{max-width:60rem;margin:0 auto;padding:1rem}}h1{{color:#ff8080;font-size:1.4rem}}\
pre{{background:#000;padding:.8rem;overflow-x:auto;border-left:4px solid #ff8080;white-space:pre;font-size:.9rem}}\
pre.Warning{{border-left-color:#f0c674}}\
</style></head><body><main><h1>The site could not be built</h1>\
<p>{summary}. Fix the input and save: this page reloads by itself.</p>\n{items}</main>{script}</body></html>\n",
        summary = escape_html(&f.diagnostics.summary()),
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

/// Decodes `%XX` escapes. None for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The site-relative file path a URL path names, or None when it tries to leave the site
/// (`..`, a backslash, a drive or root inside a segment, a NUL) or cannot be decoded.
pub fn safe_relative_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
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

fn handle(request: Request, shared: &Arc<Shared>) {
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
    let (generation, error_page) = {
        let s = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        (s.generation, s.error_page.clone())
    };
    let mut file = shared.site.join(&rel);
    if file.is_dir() {
        if !path.ends_with('/') {
            // Pages link relatively, so a folder must be addressed with its slash.
            return respond(
                request,
                text_response(301, "moved\n").with_header(header("Location", &format!("{path}/"))),
            );
        }
        file.push("index.html");
    }
    // A symbolic link in the built site must not lead outside it either.
    let inside = match (file.canonicalize(), shared.site.canonicalize()) {
        (Ok(f), Ok(site)) => f.starts_with(site) && f.is_file(),
        _ => false,
    };
    let is_html = matches!(content_type(&file), t if t.starts_with("text/html"));
    if let Some(page) = error_page
        && (is_html || !inside)
    {
        return respond(request, html_response(500, page));
    }
    if !inside {
        let not_found = std::fs::read_to_string(shared.site.join("404.html"))
            .map(|p| inject(&p, generation))
            .unwrap_or_else(|_| format!("<!doctype html><title>404</title><p>Not found{}", reload_tag(generation)));
        return respond(request, html_response(404, not_found));
    }
    match std::fs::read(&file) {
        Ok(bytes) if is_html => {
            respond(request, html_response(200, inject(&String::from_utf8_lossy(&bytes), generation)))
        }
        Ok(bytes) => {
            respond(request, Response::from_data(bytes).with_header(header("Content-Type", content_type(&file))))
        }
        Err(e) => respond(request, text_response(500, &format!("cannot read the file: {e}\n"))),
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
                let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
                let (state, _) = shared
                    .changed
                    .wait_timeout_while(state, Duration::from_secs(15), |s| s.generation <= seen)
                    .unwrap_or_else(|e| e.into_inner());
                state.generation
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
        let page = error_page(&BuildFailure { diagnostics: d }, 7);
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && page.contains("bad &lt;b&gt;"));
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("1 error, 0 warnings") && page.contains("since=7"));
    }
}
