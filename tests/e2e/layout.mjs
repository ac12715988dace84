// Layout sweep: opens every HTML page of a built site (not the first of each kind) at each width
// in headless Chromium and fails on what a reader would see as broken:
//
//   - the page scrolls sideways (a table inside .table-scroll may scroll on purpose);
//   - a box whose content is wider than the box and spills over its neighbours or is cut off
//     (a table cell's figures running into the next column, a clipped heading), or content
//     past the edge of the page's column (main, a print sheet) into its padding;
//   - a place name (an LAO's, a district's, a province's, from the site's data/laos.csv) broken
//     across lines although it fits on one line of its box;
//   - chart text drawn under 11 px (an SVG chart's type shrinks with its box on a phone);
//   - Thai text wrapped inside a word: each line break of a Thai text must fall where the
//     browser's own Thai word segmenter (Intl.Segmenter, ICU's dictionary) puts a word boundary
//     (a stylesheet's `overflow-wrap: anywhere` breaks words anywhere). Breaks the dictionary
//     itself allows inside the domain's compounds ("ตัวชี้|วัด") are counted and reported; a
//     break inside a word of the theme's thai-words.txt (which the build keeps whole with word
//     joiners) fails.
//
//   node layout.mjs SITE [--widths 320,390,1280] [--only REGEX] [--every N] [--limit N] [--verbose]
//
// --every N looks at every Nth page (in path order, so every kind is among them on a large site).
//
// Prints one line per problem (page, width, element, what was measured) and a summary;
// exits non-zero on any problem.

import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { walk, siteBase, serveSite } from "./site.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const siteDir = path.resolve(args.find((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1].startsWith("--"))) || "public");
const widths = opt("--widths", "320,390,1280").split(",").map(Number);
const only = new RegExp(opt("--only", "."));
const limit = Number(opt("--limit", "0"));
const every = Math.max(1, Number(opt("--every", "1")));
const verbose = args.includes("--verbose");
const TERMS_SHOWN = "ตัวชี้วัด, เป้าหมาย, ...";
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
// The words the build keeps whole (one per line, `|` where a browser would break them).
const KEEP = fs
  .readFileSync(new URL("../../themes/default/thai-words.txt", import.meta.url), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => l.replaceAll("|", ""));

// The place names of the built site (its open-data LAO list): LAO names without their type,
// district and province names. A name is one word to its reader; the browser's dictionary does
// not know most of them and may break them anywhere.
function placeNames(dir) {
  const file = path.join(dir, "data", "laos.csv");
  if (!fs.existsSync(file)) return [];
  const [head, ...rows] = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/).filter(Boolean).map(csvRow);
  const col = (n) => head.indexOf(n);
  const names = new Set();
  for (const r of rows) {
    const full = r[col("lao_name_th")] || "";
    const type = r[col("type_th")] || "";
    names.add(full.startsWith(type) ? full.slice(type.length) : full);
    names.add(r[col("district_th")] || "");
    names.add(r[col("province_th")] || "");
  }
  return [...names].filter((n) => n.length >= 4 && /[\u0E00-\u0E7F]/.test(n));
}

function csvRow(line) {
  const out = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ",") out.push(cur), (cur = "");
    else cur += c;
  }
  out.push(cur);
  return out;
}

// Runs in the page: returns the problems it sees.
function inspect({ width, keep, names }) {
  const TERMS = ["ตัวชี้วัด", "เป้าหมาย", "การพัฒนา", "อนาคต", "ดำเนินการ", "บริการ", "สาธารณะ", "ประเมิน", "มาตรฐาน", "พาณิชยกรรม", "งบประมาณ", "ท้องถิ่น"];
  const problems = [];
  const compounds = [];
  const name = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += "#" + e.id;
    else if (typeof e.className === "string" && e.className) s += "." + e.className.trim().split(/\s+/).join(".");
    const t = (e.textContent || "").trim().replace(/\s+/g, " ");
    return s + (t ? ` "${t.slice(0, 40)}"` : "");
  };
  const doc = document.documentElement;
  if (doc.scrollWidth > width + 1) {
    const wide = [...document.body.querySelectorAll("*")]
      .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest(".table-scroll"))
      .slice(0, 3)
      .map(name);
    problems.push(`page scrolls sideways: ${doc.scrollWidth} px wide; too wide: ${wide.join(", ")}`);
  }
  // Boxes whose content is wider than the box: the content spills over what is beside it
  // (overflow visible) or is cut off (hidden, clip). Scroll containers scroll on purpose.
  for (const e of document.body.querySelectorAll("td, th, p, li, h1, h2, h3, h4, dt, dd, figcaption, caption, label, button, summary, div, span, a")) {
    const cs = getComputedStyle(e);
    if (cs.display === "inline" || cs.display === "none" || cs.display === "contents") continue;
    if (cs.overflowX === "auto" || cs.overflowX === "scroll") continue;
    if (e.clientWidth === 0 || e.closest("[hidden], .vh, .sr-only, .visually-hidden")) continue;
    if (e.scrollWidth > e.clientWidth + 1) {
      // A child that is itself a scroll container (a wide table in .table-scroll) is fine.
      const culprit = [...e.children].some((c) => ["auto", "scroll"].includes(getComputedStyle(c).overflowX) && c.scrollWidth > c.clientWidth);
      if (culprit) continue;
      problems.push(`content wider than its box: ${name(e)} (${e.scrollWidth} px in ${e.clientWidth} px, overflow ${cs.overflowX})`);
    }
  }
  // Content that spills out of the page's column into its padding (a table 305 px wide in a
  // 288 px sheet at 320 px): the box does not scroll, so the check above does not see it.
  for (const col of document.querySelectorAll("main, .sheet, .pack-part")) {
    const cs = getComputedStyle(col);
    const right = col.getBoundingClientRect().right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
    for (const e of col.querySelectorAll("table, img, svg, pre, figure, ul, ol, p, h1, h2, h3, div")) {
      if (e.closest(".table-scroll, [hidden], .vh, .sr-only, .visually-hidden")) continue;
      // Inside a box that scrolls sideways on purpose (a wide table's wrapper).
      let scrolls = false;
      for (let a = e.parentElement; a && a !== col; a = a.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(a).overflowX)) scrolls = true;
      }
      if (scrolls) continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > right + 1) {
        problems.push(`content past its column's edge: ${name(e)} (right edge ${Math.round(r.right)} px, column ends at ${Math.round(right)} px)`);
        break;
      }
    }
  }
  // Chart text a reader can read: an SVG chart scales with its box, so its 12-unit type is drawn
  // smaller on a narrow phone; under 11 px it is too small to read at arm's length.
  for (const svg of document.querySelectorAll("svg.chart")) {
    const vb = svg.viewBox && svg.viewBox.baseVal;
    const w = svg.getBoundingClientRect().width;
    if (!vb || !vb.width || !w || svg.closest("[hidden], .vh, .sr-only, .visually-hidden")) continue;
    let smallest = null;
    for (const t of svg.querySelectorAll("text")) {
      const px = (parseFloat(getComputedStyle(t).fontSize) * w) / vb.width;
      if (!smallest || px < smallest.px) smallest = { px, t };
    }
    if (smallest && smallest.px < 11) {
      problems.push(`chart text too small to read: ${name(svg)} draws "${smallest.t.textContent.slice(0, 20)}" at ${smallest.px.toFixed(1)} px`);
    }
  }
  // Thai words broken across lines.
  const seg = new Intl.Segmenter("th", { granularity: "word" });
  const thai = /[\u0E00-\u0E7F]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.data;
    if (text.length < 4 || !thai.test(text)) continue;
    const el = n.parentElement;
    if (!el || el.closest("script, style, noscript, [hidden], .vh, .sr-only, .visually-hidden, svg, title")) continue;
    range.selectNodeContents(n);
    const rects = range.getClientRects();
    if (rects.length < 2) continue;
    // Offsets where a new line starts: the character's box is below the previous one's.
    const boundaries = new Set([0, text.length]);
    for (const s of seg.segment(text)) boundaries.add(s.index);
    // ICU's dictionary splits some compounds a reader takes as one word ("ตัวชี้|วัด",
    // "เป้า|หมาย"), and the browser breaks lines there; those are counted, not failed.
    // Words are found in the text without its word joiners; `at` maps back to the node's offsets.
    const at = [];
    let plain = "";
    for (let k = 0; k < text.length; k++) {
      if (text[k] !== "\u2060") {
        at.push(k);
        plain += text[k];
      }
    }
    const inside = (words) => {
      const set = new Set();
      for (const w of words) {
        for (let p = plain.indexOf(w); p >= 0; p = plain.indexOf(w, p + 1)) {
          for (let k = p + 1; k < p + w.length; k++) set.add(at[k]);
        }
      }
      return set;
    };
    const inTerm = inside(TERMS);
    const inKept = inside(keep);
    // A place name broken across lines although it would fit on one line of its box.
    const box = el.closest("p, li, td, th, h1, h2, h3, h4, dd, dt, figcaption, caption, summary, div, a, main") || el;
    const room = box.clientWidth - parseFloat(getComputedStyle(box).paddingLeft) - parseFloat(getComputedStyle(box).paddingRight);
    // A name counts where it stands as a name: after a type or office word, a space or the
    // start, and before a non-Thai character (วัดสิงห์ inside จังหวัดสิงห์บุรี does not).
    const before = /(^|[^\u0E00-\u0E7F]|จังหวัด|อำเภอ|เขต|ตำบล|นคร|เมือง|ประกาศ)$/;
    for (const w of names) {
      for (let p = plain.indexOf(w); p >= 0; p = plain.indexOf(w, p + w.length)) {
        if (!before.test(plain.slice(Math.max(0, p - 8), p)) || /[\u0E00-\u0E7F]/.test(plain[p + w.length] || "")) continue;
        range.setStart(n, at[p]);
        range.setEnd(n, at[p + w.length - 1] + 1);
        const rs = [...range.getClientRects()].filter((r) => r.width > 0);
        if (rs.length < 2 || new Set(rs.map((r) => Math.round(r.top))).size < 2) continue;
        const wide = rs.reduce((a, r) => a + r.width, 0);
        if (wide <= room) problems.push(`place name broken across lines in ${name(el)}: "${w}" (${Math.round(wide)} px, its box has ${Math.round(room)} px)`);
      }
    }
    let prevTop = null;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // Combining marks and low surrogates share their base character's box.
      if ((code >= 0x0e31 && code <= 0x0e3a && code !== 0x0e32 && code !== 0x0e33) || (code >= 0x0e47 && code <= 0x0e4e) || (code >= 0xdc00 && code <= 0xdfff)) continue;
      range.setStart(n, i);
      range.setEnd(n, i + 1);
      const r = range.getClientRects()[0];
      if (!r || r.width === 0) continue;
      if (prevTop !== null && r.top > prevTop + r.height / 2 && /\S/.test(text[i]) && /\S/.test(text[i - 1] || " ")) {
        const where = `${name(el)}: "${text.slice(Math.max(0, i - 12), i)}|${text.slice(i, i + 12)}"`;
        if (!boundaries.has(i)) problems.push(`Thai word broken across lines in ${where}`);
        else if (inKept.has(i)) problems.push(`a word of thai-words.txt broken across lines in ${where}`);
        else if (inTerm.has(i)) compounds.push(where);
      }
      prevTop = r.top;
    }
  }
  return { problems, compounds };
}

async function main() {
  if (!fs.existsSync(path.join(siteDir, "index.html"))) {
    console.error(`no built site at ${siteDir}`);
    process.exit(2);
  }
  let files = walk(siteDir).filter((f) => only.test(f)).filter((_, i) => i % every === 0);
  if (limit > 0) files = files.slice(0, limit);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const base = siteBase(siteDir);
  const NAMES = placeNames(siteDir);
  let problems = 0;
  let compoundBreaks = 0;
  let compoundPages = 0;
  const started = Date.now();
  try {
    // The checks must be able to fail: a page with each fault has to show each one.
    const probe = await browser.newPage({ viewport: { width: 320, height: 800 }, locale: "th-TH" });
    await probe.setContent(
      '<html lang="th"><body style="margin:0">' +
        '<p style="width:24px;overflow-wrap:anywhere">การประเมินมาตรฐานขั้นต่ำพาณิชยกรรม</p>' +
        '<table style="table-layout:fixed;width:100px"><tr><td style="width:50px"><div style="width:50px">5,979,100.00</div></td></tr></table>' +
        '<div style="width:400px">กว้าง</div>' +
        '<p style="width:30px">สูงกว่าค่าเป้าหมาย</p>' +
        '<div class="sheet" style="width:200px;padding:0 20px"><table style="width:215px"><tr><td>x</td></tr></table></div>' +
        '<p style="width:70px;word-break:break-all">กกกกกก เทพาลัย</p>' +
        '<svg class="chart" viewBox="0 0 360 20" style="width:200px;font-size:12px"><text x="0" y="15">ทต.</text></svg></body></html>',
    );
    const seen = (await probe.evaluate(inspect, { width: 320, keep: KEEP, names: ["เทพาลัย"] })).problems;
    await probe.close();
    const want = [/scrolls sideways/, /content wider than its box/, /Thai word broken/, /thai-words.txt broken/, /past its column's edge/, /chart text too small/, /place name broken/];
    const missed = want.filter((re) => !seen.some((p) => re.test(p)));
    if (missed.length) {
      console.log(`  FAIL the checks missed known faults on a probe page (${missed.join(", ")}); saw: ${seen.join(" | ")}`);
      problems++;
    } else console.log(`  ok   the checks find known faults on a probe page (${seen.length})`);
    for (const width of widths) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: "th-TH" });
      await serveSite(ctx, siteDir, base);
      const page = await ctx.newPage();
      let seen = 0;
      for (const file of files) {
        let found;
        try {
          const resp = await page.goto(base + file, { waitUntil: "load" });
          if (!resp || resp.status() !== 200) throw new Error(`HTTP ${resp && resp.status()}`);
          await page.evaluate(() => document.fonts.ready);
          found = await page.evaluate(inspect, { width, keep: KEEP, names: NAMES });
        } catch (e) {
          found = { problems: [`could not be opened: ${e.message.split("\n")[0]}`], compounds: [] };
        }
        for (const p of found.problems) {
          problems++;
          console.log(`  FAIL ${file} @${width}px: ${p}`);
        }
        compoundBreaks += found.compounds.length;
        if (found.compounds.length) compoundPages++;
        if (verbose) for (const c of found.compounds) console.log(`  note ${file} @${width}px: compound split by the browser's dictionary in ${c}`);
        seen++;
      }
      console.log(`  ok   ${seen} pages at ${width} px looked at`);
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  const s = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`note: ${compoundBreaks} line breaks inside a compound the browser's dictionary splits (${TERMS_SHOWN}), on ${compoundPages} page views (--verbose lists them)`);
  console.log(problems ? `\n${problems} layout problem(s) in ${files.length} pages (${s} s)` : `\nno layout problems in ${files.length} pages x ${widths.length} widths (${s} s)`);
  process.exit(problems ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
