// Full-text search of the manuals and pages (search/index.html). The index is a list of
// sections in plain text; matching is by substring after Unicode normalisation, because Thai
// has no spaces between words. Words typed with spaces between them ("ถนน ลาดยาง") must each be
// in the section, in any order; Thai digits match Arabic ones (๑.๑ finds 1.1). Results are plain
// links with a snippet around the first match.
(function () {
  "use strict";
  var form = document.querySelector("form.text-search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = document.getElementById("text-status");
  var list = document.getElementById("text-results");
  var root = form.getAttribute("data-root") || "";
  var sections = null;
  var pending = null;

  function norm(s) {
    return (s || "").normalize("NFC").replace(/[\u0e50-\u0e59]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 48);
    }).toLowerCase().replace(/\s+/g, " ").trim();
  }

  window.prakatTextIndex = function (data) {
    sections = data.map(function (s) {
      return { doc: s.doc, heading: s.heading, href: s.href, text: s.text,
               n: norm(s.doc + " " + s.heading + " " + s.text), h: norm(s.heading + " " + s.doc) };
    });
    if (pending !== null) { run(pending); pending = null; }
  };

  function load() {
    if (sections || document.getElementById("text-index-script")) return;
    var el = document.createElement("script");
    el.id = "text-index-script";
    el.src = form.getAttribute("data-index");
    document.head.appendChild(el);
  }

  function snippet(text, q) {
    var at = norm(text).indexOf(q);
    if (at < 0) return text.slice(0, 160);
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, at + q.length + 100) + "…";
  }

  function run(raw) {
    var q = norm(raw);
    list.textContent = "";
    if (!q) { status.textContent = ""; return; }
    if (!sections) { pending = raw; status.textContent = "กำลังโหลดดัชนี…"; load(); return; }
    var words = q.split(" ");
    var hits = [];
    for (var i = 0; i < sections.length; i++) {
      var s = sections[i];
      // The whole phrase first; else every word somewhere in the section.
      var at = s.n.indexOf(q);
      var all = at >= 0 || words.every(function (w) { return s.n.indexOf(w) >= 0; });
      if (!all) continue;
      var inHeading = s.h.indexOf(q) >= 0 || words.every(function (w) { return s.h.indexOf(w) >= 0; });
      hits.push({ s: s, rank: (inHeading ? 0 : 2) + (at >= 0 ? 0 : 1), i: i });
    }
    hits.sort(function (a, b) { return a.rank - b.rank || a.i - b.i; });
    status.textContent = hits.length ? "พบ " + hits.length + " ตอน" : "ไม่พบข้อความ “" + raw.trim() + "” ในคู่มือและคำอธิบาย";
    hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.s.href.replace(/\/(#|$)/, "/index.html$1");
      a.textContent = h.s.heading ? h.s.heading + " · " + h.s.doc : h.s.doc;
      var p = document.createElement("p");
      p.textContent = snippet(h.s.text, norm(h.s.text).indexOf(q) >= 0 ? q : words[0]);
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { run(input.value); });
  form.addEventListener("submit", function (e) { e.preventDefault(); run(input.value); });
  var q = new URLSearchParams(location.search).get("text");
  if (q) { input.value = q; run(q); }
})();
