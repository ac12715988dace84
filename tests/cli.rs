//! The command line, run as a user runs it: the real binary, its exit status and its stderr.

use std::fs;
use std::process::Command;

use crate::common::*;

fn prakat() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prakat"));
    // Diagnostics are compared as text: no colours, whatever the environment says.
    c.env("NO_COLOR", "1");
    c
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// An empty scratch folder, removed when dropped.
fn empty_scratch(tag: &str) -> Scratch {
    let root = std::env::temp_dir().join(format!("prakat-test-{}-cli-{tag}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    Scratch { root }
}

#[test]
fn init_writes_a_site_that_builds_at_once() {
    let s = empty_scratch("init");
    let site = s.root.join("my-site");
    let o = prakat().arg("init").arg(&site).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "data/site.yaml",
        "data/laos.csv",
        "data/2567/catalog.yaml",
        "data/2567/results.csv",
        "content/manuals/guide/_index.md",
        "content/manuals/guide/01-start.md",
        "themes/default/templates/base.html",
        "themes/default/templates/lao.html",
    ] {
        assert!(site.join(f).is_file(), "init did not write {f}");
    }
    let chapter = fs::read_to_string(site.join("content/manuals/guide/01-start.md")).unwrap();
    assert!(chapter.starts_with("---\ntitle: ") && chapter.contains("\norder: 1\n"), "{chapter}");

    let o = prakat().args(["build", "--quiet", "--root"]).arg(&site).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let home = fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains("(ตัวอย่าง)"), "the new site's title is on its home page");
    assert!(site.join("public/lao/5990102/index.html").is_file());

    // An edited template is the one used: init's templates override the built-in ones.
    let base = site.join("themes/default/templates/base.html");
    let text = fs::read_to_string(&base).unwrap().replacen("</body>", "<p>my-own-footer</p></body>", 1);
    fs::write(&base, text).unwrap();
    let o = prakat().args(["build", "--quiet", "--root"]).arg(&site).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read_to_string(site.join("public/index.html")).unwrap().contains("my-own-footer"));
}

#[test]
fn init_refuses_a_folder_with_files_unless_forced() {
    let s = empty_scratch("init-full");
    s.write("notes.txt", "mine");
    let o = prakat().arg("init").arg(&s.root).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not empty") && stderr(&o).contains("--force"), "{}", stderr(&o));
    assert!(!s.root.join("data").exists(), "nothing was written");

    let o = prakat().arg("init").arg("--force").arg(&s.root).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(s.root.join("data/laos.csv").is_file());
    assert_eq!(s.read("notes.txt"), "mine", "other files are left alone");
}

/// A site from `prakat init` (data fully covered by results, so no warnings but base_url's).
fn init_site(tag: &str) -> Scratch {
    let s = empty_scratch(tag);
    let o = prakat().arg("init").arg("--force").arg(&s.root).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    s
}

#[test]
fn check_passes_good_input_and_writes_nothing() {
    let s = init_site("check-good");
    s.append("data/site.yaml", "base_url: \"https://www.example.go.th/results/\"");
    let o = s.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "publishable: 0 errors, 0 warnings\n");
    assert!(!s.public().exists(), "check writes no site");

    // Warnings do not stop publishing, and are counted in the closing line.
    let o = prakat().args(["check", "--root"]).arg(&init_site("check-warn").root).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    let (diagnostics, closing) = err.trim_end().rsplit_once("\n\n").expect("diagnostics, then a closing line");
    let blocks: Vec<&str> = diagnostics.split("\n\n").collect();
    assert!(!blocks.is_empty());
    for b in &blocks {
        assert!(
            b.starts_with("warning: no base_url") && b.ends_with("\n --> data/site.yaml (field `base_url`)"),
            "{b}"
        );
    }
    let plural = if blocks.len() == 1 { "" } else { "s" };
    assert_eq!(closing, format!("publishable: 0 errors, {} warning{plural}", blocks.len()));
}

#[test]
fn check_reports_bad_input_like_rustc() {
    let s = scratch("tiny");
    s.append("data/2567/results.csv", "6810408,2.2,5,4,");
    s.append("data/2567/results.csv", "3200408,1.2,ห้า,4,");
    let laos = s.read("data/laos.csv").replace("6200707,sao,บางพระ", "6200707,เทศบาลใหญ่,บางพระ");
    s.write("data/laos.csv", &laos);
    let o = prakat().args(["check", "--root"]).arg(&s.root).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "bad input is not publishable");
    // Carets sit under the field on a terminal: ห้า is 3 characters but 2 columns wide, and
    // เทศบาลใหญ่ 10 characters but 9 columns; the column after the colon counts characters.
    let expected = "\
error: unknown indicator `2.2`; expected an id from this year's catalog.yaml
  --> data/2567/results.csv:11:9 (field `indicator`)
   |
11 | 6810408,2.2,5,4,
   |         ^^^

error: `ห้า` is not a number; expected a number from 0 to 999,999,999,999, or `-` for not applicable
  --> data/2567/results.csv:12:13 (field `base`)
   |
12 | 3200408,1.2,ห้า,4,
   |             ^^

error: unknown LAO type `เทศบาลใหญ่`; expected one of pao, city_municipality, town_municipality, subdistrict_municipality, sao, bangkok, pattaya (or the Thai label such as อบต.)
 --> data/laos.csv:6:9 (field `type`)
  |
6 | 6200707,เทศบาลใหญ่,บางพระ,,ชลบุรี,Chon Buri,ศรีราชา,Si Racha,
  |         ^^^^^^^^^

not publishable: 3 errors, 0 warnings
";
    assert_eq!(stderr(&o), expected);
    assert!(!s.public().exists(), "check writes no site");

    // build gives the same messages.
    let b = prakat().args(["build", "--root"]).arg(&s.root).output().unwrap();
    assert_eq!(b.status.code(), Some(1));
    let diagnostics = expected.rsplit_once("not publishable").unwrap().0;
    assert!(stderr(&b).starts_with(diagnostics), "{}", stderr(&b));
}

#[test]
fn build_closes_with_a_summary_and_quiet_prints_nothing() {
    let s = scratch("tiny");
    let o = s.run(&["build"]);
    assert!(o.status.success());
    let err = stderr(&o);
    let summary = err.lines().find(|l| l.starts_with("built ")).unwrap_or_else(|| panic!("no summary: {err}"));
    assert!(summary.contains(" pages (") && summary.contains(" files, ") && summary.ends_with(" s"), "{summary}");
    assert!(!err.contains('\u{1b}'), "no progress bar or colour when stderr is not a terminal: {err:?}");
    let o = s.run(&["build", "--quiet"]);
    assert!(o.status.success());
    // Only the problems (warnings, if the fixture has any) remain: no summary, no closing count.
    let quiet = stderr(&o);
    assert!(!quiet.contains("built ") && !quiet.contains("open ") && !quiet.contains(" errors, "), "{quiet}");
    assert!(err.starts_with(&quiet), "quiet prints what the full run prints first:\n{quiet}\n---\n{err}");
}

#[test]
fn every_command_has_help_with_examples_and_there_is_a_version() {
    let o = prakat().arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), format!("prakat {}\n", env!("CARGO_PKG_VERSION")));
    let mut commands = vec!["build", "check", "init"];
    if cfg!(feature = "serve") {
        commands.push("serve");
    }
    for cmd in commands {
        let o = prakat().args([cmd, "--help"]).output().unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success() && text.contains("Example") && text.contains(&format!("prakat {cmd}")),
            "{cmd}: {text}"
        );
    }
}

#[cfg(feature = "serve")]
mod serve {
    use super::*;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::path::{Path, PathBuf};
    use std::process::{Child, Stdio};
    use std::sync::mpsc;
    use std::time::{Duration, Instant};

    /// The server process; killed on drop so a failing test leaves no process or port behind.
    struct Server {
        child: Child,
        addr: String,
        log: mpsc::Receiver<String>,
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    impl Server {
        fn start(root: &Path, tmp: &Path) -> Server {
            let mut child = prakat()
                .args(["serve", "--port", "0", "--root"])
                .arg(root)
                .env("TMPDIR", tmp)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let (tx, log) = mpsc::channel();
            let err = child.stderr.take().unwrap();
            std::thread::spawn(move || {
                for line in BufReader::new(err).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
            let mut server = Server { child, addr: String::new(), log };
            let deadline = Instant::now() + Duration::from_secs(60);
            while server.addr.is_empty() {
                let line = server
                    .log
                    .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                    .expect("the server announced its address within 60 s");
                if let Some(rest) = line.strip_prefix("serving http://") {
                    server.addr = rest.split('/').next().unwrap().to_string();
                }
            }
            server
        }

        /// GET over a fresh loopback connection: (status, body).
        fn get(&self, path: &str) -> (u16, String) {
            let mut s = TcpStream::connect(&self.addr).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            write!(s, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
            let mut raw = Vec::new();
            let _ = s.read_to_end(&mut raw);
            let text = String::from_utf8_lossy(&raw).into_owned();
            let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
            let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
            (status, body)
        }

        /// Polls `path` (at most 60 s, every 100 ms) until `ok` holds for the response.
        fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
            let deadline = Instant::now() + Duration::from_secs(60);
            loop {
                let (status, body) = self.get(path);
                if ok(status, &body) {
                    return body;
                }
                assert!(Instant::now() < deadline, "{what}: still {status} after 60 s:\n{body}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }

    #[test]
    fn serve_answers_rebuilds_shows_errors_recovers_and_stops_cleanly() {
        // TMPDIR points into the scratch site so the test can see that serve writes nothing.
        let s = scratch("tiny");
        let tmp = s.root.join("tmp");
        fs::create_dir_all(&tmp).unwrap();
        let mut server = Server::start(&s.root, &tmp);
        assert!(server.addr.starts_with("127.0.0.1:"), "loopback by default: {}", server.addr);

        let (status, home) = server.get("/");
        assert_eq!(status, 200);
        assert!(home.contains("ผลการประเมินทดสอบ"), "{home}");
        assert!(home.contains("/__prakat/livereload.js?since=1\"></script></body>"), "reload script injected");
        let (status, js) = server.get("/__prakat/livereload.js");
        assert!(status == 200 && js.contains("EventSource"));
        let (status, _) = server.get("/lao/5810401/");
        assert_eq!(status, 200);
        assert_eq!(server.get("/%2e%2e/%2e%2e/etc/passwd").0, 400, "path traversal is refused");
        assert_eq!(server.get("/../Cargo.toml").0, 400, "path traversal is refused");
        assert_eq!(server.get("/no/such/page.html").0, 404);

        // The event stream announces the next build to a page served before it.
        let mut events = TcpStream::connect(&server.addr).unwrap();
        events.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(events, "GET /__prakat/events?since=1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();

        // A change is rebuilt and served.
        s.write("data/site.yaml", &s.read("data/site.yaml").replace("ผลการประเมินทดสอบ", "ชื่อใหม่ของเว็บไซต์"));
        server.wait_for("/", "the new title", |st, b| st == 200 && b.contains("ชื่อใหม่ของเว็บไซต์"));
        let mut seen = Vec::new();
        let mut buf = [0u8; 256];
        while !String::from_utf8_lossy(&seen).contains("event: reload") {
            let n = events.read(&mut buf).expect("a reload event within 60 s");
            assert!(n > 0, "event stream closed early: {}", String::from_utf8_lossy(&seen));
            seen.extend_from_slice(&buf[..n]);
        }
        drop(events);

        // A broken input shows the diagnostics instead of the page; fixing it recovers.
        let good = s.read("data/2567/results.csv");
        s.append("data/2567/results.csv", "5810401,<b>9.9</b>,1,1,");
        let page = server.wait_for("/lao/5810401/", "the error page", |st, _| st == 500);
        assert!(page.contains("unknown indicator `&lt;b&gt;9.9&lt;/b&gt;`"), "{page}");
        assert!(page.contains("data/2567/results.csv:11:9"), "{page}");
        assert!(!page.contains("<b>9.9"), "diagnostics are escaped");
        s.write("data/2567/results.csv", &good);
        server.wait_for("/lao/5810401/", "recovery", |st, b| st == 200 && b.contains("คลองท่อมใต้"));
        assert!(!s.public().exists(), "serve never writes the site's public/");

        // A template of the site's own replaces the built-in one, without reading the data again.
        s.write("themes/default/templates/404.html", "<!doctype html><p>หาไม่พบ-แม่แบบใหม่</p></body>");
        server.wait_for("/no/such/page", "the new template", |st, b| st == 404 && b.contains("หาไม่พบ-แม่แบบใหม่"));
        // A template that does not compile is an error shown in the browser, and fixing it recovers.
        s.write("themes/default/templates/404.html", "{% if %}");
        let page = server.wait_for("/", "the template error", |st, _| st == 500);
        assert!(page.contains("themes/default/templates/"), "{page}");
        fs::remove_file(s.root.join("themes/default/templates/404.html")).unwrap();
        server.wait_for("/no/such/page", "the built-in template again", |st, b| st == 404 && !b.contains("แม่แบบใหม่"));
        // A new page under content/ is served after reading only the manuals and pages again.
        s.write("content/pages/about.md", "---\ntitle: เกี่ยวกับการประเมิน\norder: 1\n---\n\nหน้าใหม่-เนื้อหาทดสอบ\n");
        server
            .wait_for("/pages/about/index.html", "the new page", |st, b| st == 200 && b.contains("หน้าใหม่-เนื้อหาทดสอบ"));
        // The server may answer with the new page a moment before its log line arrives.
        let mut log: Vec<String> = server.log.try_iter().collect();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while !log.iter().any(|l| l.starts_with("read the manuals and pages in "))
            && std::time::Instant::now() < deadline
        {
            if let Ok(line) = server.log.recv_timeout(Duration::from_millis(200)) {
                log.push(line);
            }
        }
        assert!(log.iter().any(|l| l.starts_with("read the theme in ")), "theme-only rebuilds: {log:?}");
        assert!(log.iter().any(|l| l.starts_with("read the manuals and pages in ")), "content-only rebuilds: {log:?}");

        // Nothing was written anywhere: pages are rendered from memory.
        let written: Vec<PathBuf> = fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().path()).collect();
        assert!(written.is_empty(), "serve wrote temporary files: {written:?}");

        // SIGTERM (what Ctrl-C and service managers send) ends it; the port is free again.
        match Command::new("kill").arg(server.child.id().to_string()).status() {
            Ok(status) => assert!(status.success()),
            Err(_) => server.child.kill().unwrap(), // no kill(1) here: SIGKILL must do
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        let exit = loop {
            if let Some(exit) = server.child.try_wait().unwrap() {
                break exit;
            }
            assert!(Instant::now() < deadline, "the server did not stop within 30 s");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(!exit.success(), "ended by the signal: {exit:?}");
        TcpListener::bind(&server.addr).expect("the port is released");
    }

    #[test]
    fn serve_starts_on_broken_input_and_recovers_when_it_is_fixed() {
        let s = scratch("tiny");
        let good = s.read("data/laos.csv");
        s.write("data/laos.csv", "code,type\n");
        let server = Server::start(&s.root, &std::env::temp_dir());
        let page = server.wait_for("/", "the error page", |st, _| st == 500);
        assert!(page.contains("data/laos.csv"), "{page}");
        s.write("data/laos.csv", &good);
        server.wait_for("/", "recovery", |st, b| st == 200 && b.contains("ผลการประเมินทดสอบ"));
    }
}
