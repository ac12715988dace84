// prakat LAO search: enhances the header search form. Without JavaScript the form leads to the
// province → district browse on the home page; with it, typing shows matching LAOs at once.
// The index (search/laos.js) is loaded only when the box is first focused or typed into.
(function () {
  "use strict";
  var form = document.querySelector("form.site-search");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var root = form.getAttribute("data-root") || "";
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var MAX = 20;
  var entries = null; // prepared index
  var loading = false;
  var pending = false;

  // Thai has no spaces between words and visitors type names with or without spaces, dots or
  // case, and in Thai or Arabic digits: compare on NFC text with spaces and dots removed,
  // Thai digits as Arabic ones, lower-cased (for English).
  function norm(s) {
    return (s || "").normalize("NFC").replace(/[\u0e50-\u0e59]/g, function (d) {
      return String.fromCharCode(d.charCodeAt(0) - 0x0e50 + 48);
    }).toLowerCase().replace(/[\s.\u200b]+/g, "");
  }

  // The same without tone marks and the signs above a letter, with ใ read as ไ: what a quick
  // typist on a phone gets wrong most (คลองทอมใต้, คลองท่อมไต้).
  function loose(n) { return n.replace(/[\u0e47-\u0e4c]/g, "").replace(/\u0e43/g, "\u0e44"); }

  // True when a and b differ by at most one letter put in, left out or changed.
  function nearly(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++; else if (b.length > a.length) j++; else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  // The short forms people write for LAO types (the dots are gone by the time this is read).
  // "เมือง" before a name is how people say a town (เมืองกระบี่ for เทศบาลเมืองกระบี่), but it also
  // begins names (อบต.เมืองเก่า), so that reading ranks below a name typed whole.
  var ALIASES = [
    ["ทต", ["subdistrict_municipality"]], ["ทม", ["town_municipality"]], ["ทน", ["city_municipality"]],
    ["กทม", ["bangkok"]], ["อบต", ["sao"]], ["อบจ", ["pao"]], ["เมือง", ["town_municipality"], -5]
  ];

  window.prakatSearchIndex = function (ix) {
    var types = ix.types.map(function (t) {
      return { key: t[0], label: t[1], prefix: t[2], en: t[3], nLabel: norm(t[1]), nPrefix: norm(t[2]) };
    });
    var provinces = ix.provinces.map(function (p) { return { th: p[0], n: norm(p[0]), nEn: norm(p[1]) }; });
    var districts = ix.districts.map(function (d) {
      return { p: d[0], th: d[1], n: norm(d[1]), nEn: norm(d[2]) };
    });
    entries = ix.laos.map(function (l) {
      var t = types[l[1]], d = districts[l[4]], p = provinces[d.p];
      // Bangkok and Pattaya are named by their type alone.
      var full = l[2] && l[2].indexOf(t.prefix) !== 0 ? t.prefix + l[2] : (l[2] || t.prefix);
      var nName = norm(l[2] || t.prefix);
      return {
        code: l[0], type: t, name: l[2], full: full, en: l[3],
        nName: nName, lName: loose(nName), nEn: norm(l[3]), district: d, province: p
      };
    });
    entries.types = types;
    loading = false;
    if (pending) { pending = false; update(); }
    // The compare page names LAOs from the same index.
    window.prakatLaos = entries;
    document.dispatchEvent(new Event("prakat:laos"));
  };

  window.prakatLoadLaos = function () { load(); };
  function load() {
    if (entries || loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search/laos.js";
    s.onerror = function () { loading = false; say("โหลดดัชนีค้นหาไม่สำเร็จ ใช้รายชื่อตามจังหวัดแทนได้"); };
    document.head.appendChild(s);
  }

  // How well a normalised text matches a field: exact, prefix, substring, none.
  function grade(field, q, exact, prefix, sub) {
    if (!q || !field) return 0;
    if (field === q) return exact;
    var i = field.indexOf(q);
    return i === 0 ? prefix : i > 0 ? sub : 0;
  }

  // The query may begin with a type (อบต., องค์การบริหารส่วนตำบล, เทศบาล, ...): split it off.
  function splitType(q) {
    var best = null, rest = q;
    entries.types.forEach(function (t) {
      [t.nPrefix, t.nLabel].forEach(function (p) {
        if (p && q.indexOf(p) === 0 && (!best || p.length > best.len)) { best = { key: t.key, len: p.length }; }
      });
    });
    ALIASES.forEach(function (a) {
      if (q.indexOf(a[0]) === 0 && (!best || a[0].length > best.len)) { best = { keys: a[1], len: a[0].length, bonus: a[2] }; }
    });
    if (best) return { keys: best.keys || [best.key], rest: q.slice(best.len), bonus: best.bonus || 0 };
    if (q.indexOf("เทศบาล") === 0) {
      return { keys: ["city_municipality", "town_municipality", "subdistrict_municipality"], rest: q.slice(6) };
    }
    return { keys: null, rest: rest };
  }

  function stripWord(q, word) { return q.indexOf(word) === 0 ? q.slice(word.length) : q; }

  // A query term, split once: a possible type before the name; "ต."/"ตำบล" before a name (LAOs
  // are mostly named after their ตำบล); "อ."/"อำเภอ"/"เขต" for a district and "จ."/"จังหวัด"
  // for a province, matched against those fields only.
  function term(raw) {
    var r = (raw || "").normalize("NFC").trim(), q = norm(r);
    var only = null, bare = q;
    if (/^(ต\.|ตำบล)/.test(r)) bare = stripWord(stripWord(q, "ตำบล"), "ต");
    if (/^(อ\.|อำเภอ|เขต)/.test(r)) only = "district";
    if (/^(จ\.|จังหวัด)/.test(r)) only = "province";
    var qd = /^อ\./.test(r) ? q.slice(1) : stripWord(stripWord(q, "อำเภอ"), "เขต");
    var qp = /^จ\./.test(r) ? q.slice(1) : stripWord(q, "จังหวัด");
    var sp = splitType(q);
    return { q: bare, code: /^[0-9a-z_-]+$/.test(q), sp: sp, qd: qd, qp: qp, only: only, l: loose(bare), lRest: sp.keys ? loose(sp.rest) : "" };
  }

  // Score one LAO against one term; 0 means no match. Name first, then district, then province.
  function score(e, t) {
    var q = t.q, s = 0;
    if (t.only === "district") return placeFirst(e, e.district.n, grade(e.district.n, t.qd, 45, 40, 30));
    if (t.only === "province") return placeFirst(e, e.province.n, grade(e.province.n, t.qp, 25, 20, 12));
    if (t.code && e.code.toLowerCase().indexOf(q) === 0) s = e.code.toLowerCase() === q ? 100 : 70;
    s = Math.max(s, grade(e.nName, q, 95, 85, 60), grade(e.nEn, q, 90, 80, 55));
    if (t.sp.keys) {
      var ok = t.sp.keys.indexOf(e.type.key) >= 0;
      var r = t.sp.rest ? grade(e.nName, t.sp.rest, 98, 88, 62) : (ok ? 10 : 0);
      if (r) s = Math.max(s, ok ? r + 2 + t.sp.bonus : r - 40);
    }
    s = Math.max(s, grade(e.district.n, t.qd, 45, 40, 30), grade(e.district.nEn, q, 45, 40, 30));
    s = Math.max(s, grade(e.province.n, t.qp, 25, 20, 12), grade(e.province.nEn, q, 25, 20, 12));
    return s;
  }

  // A place's LAOs named after it (จ.กระบี่, อ.เมืองกระบี่: its อบจ., the town กระบี่) before
  // the rest of the place.
  function placeFirst(e, place, g) {
    return g && (place === e.nName || place === "เมือง" + e.nName) ? g + 5 : g;
  }

  // A name that matches once tone marks are set aside, or with one letter wrong or missing:
  // found after every exact match.
  function fuzzy(e, t) {
    var f = near(e, t.l);
    // With a type typed before it (อบต บ้านไหม่): the name after the type, in that type.
    var r = t.lRest && t.sp.keys.indexOf(e.type.key) >= 0 ? near(e, t.lRest) : 0;
    if (r) f = Math.max(f, r + 2);
    return f;
  }
  function near(e, l) {
    if (l.length < 3) return 0;
    var g = grade(e.lName, l, 50, 45, 35);
    if (g) return g;
    if (l.length < 5) return 0;
    // The whole name, or its beginning as long as what was typed.
    return nearly(e.lName, l) || nearly(e.lName.slice(0, l.length), l) ? 30 : 0;
  }

  function search(text) {
    var q = norm(text);
    if (!q) return [];
    var whole = term(text);
    var terms = (text || "").normalize("NFC").split(/\s+/).filter(Boolean).map(term);
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var e = entries[i];
      var s = score(e, whole);
      // Spaces typed between parts ("คลองท่อม กระบี่") mean: every part matches something.
      if (!s && terms.length > 1) {
        var sum = 0;
        for (var j = 0; j < terms.length; j++) {
          var t = score(e, terms[j]);
          if (!t) { sum = 0; break; }
          sum += t;
        }
        s = sum / terms.length / 2;
      }
      if (s > 0) hits.push({ e: e, s: s });
    }
    if (!hits.length) {
      for (var k = 0; k < entries.length; k++) {
        var f = fuzzy(entries[k], whole);
        if (f > 0) hits.push({ e: entries[k], s: f });
      }
    }
    hits.sort(function (a, b) {
      return b.s - a.s || a.e.nName.length - b.e.nName.length || (a.e.full < b.e.full ? -1 : a.e.full > b.e.full ? 1 : 0);
    });
    return hits;
  }

  function say(text) { status.textContent = text; }

  function update() {
    var text = input.value;
    if (!entries) { pending = true; load(); if (text.trim()) say("กำลังโหลดดัชนีค้นหา…"); return; }
    list.textContent = "";
    if (!text.trim()) { say(""); list.hidden = true; return; }
    var hits = search(text);
    var frag = document.createDocumentFragment();
    hits.slice(0, MAX).forEach(function (h) {
      var e = h.e;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + "lao/" + encodeURIComponent(e.code) + "/index.html";
      a.textContent = e.full;
      var meta = document.createElement("span");
      meta.className = "sr-meta";
      // The capital's districts are เขต, and it is not a จังหวัด; everywhere else อ. and จ.
      var cap = e.province.th === "กรุงเทพมหานคร";
      meta.textContent = e.type.label + " · " + (cap ? "เขต" : "อ.") + e.district.th + " · " + (cap ? "" : "จ.") + e.province.th;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(meta);
      frag.appendChild(li);
    });
    list.appendChild(frag);
    list.hidden = hits.length === 0;
    say(hits.length === 0 ? "ไม่พบ อปท. ที่ตรงกับ “" + text.trim() + "”"
      : hits.length > MAX ? "พบ " + hits.length + " แห่ง แสดง " + MAX + " แห่งแรก"
      : "พบ " + hits.length + " แห่ง");
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", update);
  // Enter opens the best match; with none the visitor stays and reads the message.
  form.addEventListener("submit", function (ev) {
    if (!entries) { return; }
    ev.preventDefault();
    update();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  // Arrow keys move between the input and the result links; Escape clears.
  form.addEventListener("keydown", function (ev) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && links.length) {
      ev.preventDefault();
      links[Math.min(i + 1, links.length - 1)].focus();
    } else if (ev.key === "ArrowUp" && i >= 0) {
      ev.preventDefault();
      if (i === 0) input.focus(); else links[i - 1].focus();
    } else if (ev.key === "Escape") {
      input.value = "";
      update();
      input.focus();
    }
  });
  // A query carried over from a no-JavaScript submit (?q=...) is searched at once.
  var carried = new URLSearchParams(window.location.search).get("q");
  if (carried) { input.value = carried; pending = true; load(); }
})();
