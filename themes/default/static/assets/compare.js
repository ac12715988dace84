// prakat: 2-3 LAOs side by side. Reads each LAO's own results.csv and the year's
// indicators.csv (the open data the site already publishes), so the page costs no bytes per LAO.
// LAO names come from the search index search.js loads. Everything is written with textContent.
(function () {
  "use strict";
  var form = document.getElementById("compare-form");
  if (!form || !window.fetch) return;
  var root = form.getAttribute("data-root") || "";
  var status = document.getElementById("compare-status");
  var out = document.getElementById("compare-out");
  var list = document.getElementById("compare-laos");
  var inputs = form.querySelectorAll("input[name=lao]");
  var THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
  var MET = "สูงกว่าค่าเป้าหมาย";

  function say(text) { status.textContent = text; }
  // Whole numbers grouped by thousands, as the rest of the site writes them.
  function grouped(s) { return /^\d{4,}$/.test(s) ? s.replace(/\B(?=(\d{3})+$)/g, ",") : s; }
  function arabic(s) { return s.replace(/[๐-๙]/g, function (c) { return String(THAI_DIGITS.indexOf(c)); }); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // RFC 4180 CSV: quoted fields may hold commas, quotes and line breaks.
  function parseCsv(text) {
    text = text.replace(/^\uFEFF/, "");
    var rows = [], row = [], field = "", q = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (q) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') q = false;
        else field += c;
      } else if (c === '"') q = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += c;
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    var head = rows.shift() || [];
    return rows.filter(function (r) { return r.length === head.length; }).map(function (r) {
      var o = {};
      head.forEach(function (h, k) { o[h] = r[k]; });
      return o;
    });
  }

  function getCsv(path) {
    return fetch(root + path).then(function (r) {
      if (!r.ok) throw new Error(path);
      return r.text();
    }).then(parseCsv);
  }

  // Names: "อบต.บ้านใหม่ อ.เมือง จ.เชียงใหม่ (5010101)", one option per LAO.
  var byCode = {};
  function label(e) {
    // The capital's districts are เขต, and it is not a จังหวัด.
    var cap = e.province.th === "กรุงเทพมหานคร";
    return e.full + (cap ? " เขต" : " อ.") + e.district.th + (cap ? " " : " จ.") + e.province.th + " (" + e.code + ")";
  }
  function fillNames() {
    var laos = window.prakatLaos || [];
    var frag = document.createDocumentFragment();
    laos.forEach(function (e) {
      byCode[e.code] = e;
      var o = document.createElement("option");
      o.value = label(e);
      frag.appendChild(o);
    });
    list.textContent = "";
    list.appendChild(frag);
    inputs.forEach(function (i) {
      var c = arabic(i.value.trim());
      if (byCode[c]) i.value = label(byCode[c]);
    });
  }
  document.addEventListener("prakat:laos", fillNames);
  if (window.prakatLaos) fillNames();
  else if (window.prakatLoadLaos) window.prakatLoadLaos();

  // An input to a code: a code typed or picked from the list, or a name only one LAO has.
  function codeOf(value) {
    var v = arabic(value.trim());
    var m = v.match(/(\d{7})\)?\s*$/);
    if (m) return m[1];
    var laos = window.prakatLaos || [];
    var hits = laos.filter(function (e) {
      return e.full === v || e.type.label + e.name === v || label(e) === v;
    });
    return hits.length === 1 ? hits[0].code : null;
  }

  function compare(codes) {
    out.textContent = "";
    say("กำลังโหลดผลของ อปท. " + codes.length + " แห่ง…");
    Promise.all(codes.map(function (c) {
      return getCsv("lao/" + c + "/results.csv").catch(function () { return null; });
    })).then(function (tables) {
      var missing = codes.filter(function (c, k) { return !tables[k]; });
      if (missing.length) { say("ไม่พบผลการประเมินของรหัส " + missing.join(", ")); return; }
      var common = null;
      tables.forEach(function (t) {
        var ys = {};
        t.forEach(function (r) { ys[r.year_be] = true; });
        common = common === null ? ys : Object.keys(common).reduce(function (o, y) { if (ys[y]) o[y] = true; return o; }, {});
      });
      var years = Object.keys(common || {}).sort();
      if (!years.length) { say("อปท. ที่เลือกไม่มีปีที่มีผลการประเมินพร้อมกัน"); return; }
      var be = years[years.length - 1];
      return getCsv("data/" + be + "/indicators.csv").then(function (inds) { draw(codes, tables, be, inds); });
    }).catch(function () { say("โหลดข้อมูลไม่สำเร็จ ลองใหม่อีกครั้ง"); });
  }

  function draw(codes, tables, be, inds) {
    // One row per indicator of the year, in the catalog's order, worded for any type.
    var order = [], seen = {};
    inds.forEach(function (i) {
      if (seen[i.indicator]) return;
      seen[i.indicator] = true;
      order.push({ id: i.indicator, area: i.area_no, areaTh: i.area_th, text: (i.indicator_template_th || i.indicator_th).split("{lao}").join("อปท."), unit: i.unit });
    });
    var rows = tables.map(function (t) {
      var o = {};
      t.forEach(function (r) { if (r.year_be === be) o[r.indicator] = r; });
      return o;
    });
    var names = codes.map(function (c) {
      var e = byCode[c];
      return e ? (e.name ? e.type.label + e.name : e.full) + " จ." + e.province.th : "รหัส " + c;
    });
    var wrap = el("div", null, "table-scroll");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("aria-label", "ผลรายตัวชี้วัด ปี พ.ศ. " + be);
    var table = el("table", null, "compare-table");
    table.appendChild(el("caption", "ผลรายตัวชี้วัด ปี พ.ศ. " + be));
    var head = el("tr");
    head.appendChild(el("th", "ตัวชี้วัด")).setAttribute("scope", "col");
    codes.forEach(function (c, k) {
      var th = el("th");
      th.setAttribute("scope", "col");
      var a = el("a", names[k]);
      a.href = root + "lao/" + c + "/" + be + "/index.html";
      th.appendChild(a);
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var met = codes.map(function () { return 0; }), judged = codes.map(function () { return 0; });
    var body = null, area = null;
    order.forEach(function (ind) {
      if (!rows.some(function (r) { return r[ind.id]; })) return;
      if (ind.area !== area) {
        area = ind.area;
        body = table.appendChild(el("tbody"));
        var th = el("th", "ด้านที่ " + ind.area + " " + ind.areaTh);
        th.setAttribute("colspan", String(codes.length + 1));
        th.setAttribute("scope", "colgroup");
        body.appendChild(el("tr", null, "area")).appendChild(th);
      }
      var tr = el("tr");
      var rh = el("th", ind.id + " " + ind.text);
      rh.setAttribute("scope", "row");
      tr.appendChild(rh);
      rows.forEach(function (r, k) {
        var x = r[ind.id];
        var td = el("td");
        if (!x) { td.textContent = "ไม่ได้ประเมิน"; tr.appendChild(td); return; }
        var figure = ind.unit === "percent" ? (x.ratio_percent === "-" ? "-" : x.ratio_percent + "%") : grouped(x.delivered);
        td.appendChild(el("strong", figure));
        td.appendChild(el("br"));
        td.appendChild(el("span", x.verdict_th, x.verdict_th === MET ? "v-meets" : ""));
        if (x.verdict_th === MET) met[k]++;
        if (x.verdict_th === MET || x.verdict_th === "การพัฒนาในอนาคต" || x.verdict_th.indexOf("ไม่ได้ดำเนินการ") === 0) judged[k]++;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var foot = el("tr");
    foot.appendChild(el("th", "รวม")).setAttribute("scope", "row");
    codes.forEach(function (c, k) { foot.appendChild(el("td", MET + " " + met[k] + " จาก " + judged[k] + " ตัวชี้วัด")); });
    table.appendChild(el("tfoot")).appendChild(foot);
    wrap.appendChild(table);
    out.appendChild(wrap);
    say("เปรียบเทียบ " + codes.length + " แห่ง ปี พ.ศ. " + be + " (" + order.length + " ตัวชี้วัด)");
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var codes = [], bad = [];
    inputs.forEach(function (i, k) {
      if (!i.value.trim()) return;
      var c = codeOf(i.value);
      if (c) { if (codes.indexOf(c) < 0) codes.push(c); } else bad.push(k + 1);
    });
    if (bad.length) { say("ไม่รู้จัก อปท. แห่งที่ " + bad.join(", ") + " เลือกชื่อจากรายการหรือพิมพ์รหัส 7 หลัก"); return; }
    if (codes.length < 2) { say("เลือก อปท. อย่างน้อย 2 แห่งที่ต่างกัน"); return; }
    var q = codes.map(function (c) { return "lao=" + c; }).join("&");
    if (history.replaceState) history.replaceState(null, "", "?" + q);
    compare(codes);
  });

  // Opened from an LAO's page (?lao=CODE) or a shared link (?lao=A&lao=B).
  var given = new URLSearchParams(location.search).getAll("lao").map(function (c) { return arabic(c); })
    .filter(function (c) { return /^\d{7}$/.test(c); }).slice(0, 3);
  given.forEach(function (c, k) { inputs[k].value = byCode[c] ? label(byCode[c]) : c; });
  if (given.length >= 2) compare(given);
})();
