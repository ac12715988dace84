// Browser checks of a built prakat site, with tools nobody on the project wrote:
// axe-core (WCAG 2.2 AA) in headless Chromium driven by playwright-core.
//
//   node run.mjs [site folder, default ../../public]
//
// Serves the folder at the site's own address (answered from disk), then for each kind of page found
// (home, LAO, province, district, type, year, 404, and — when the build has them — manual
// chapters, workshop pages and the printable notice) runs axe with JavaScript on and off,
// checks 320 px width has no horizontal page scroll and that keyboard focus is visible; then
// checks the search box with JavaScript and the province → district → LAO browse without it.
// Prints what it tested and every failure; exits non-zero on any failure.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { walk, siteBase, serveSite, offsite } from "./site.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const here = path.dirname(new URL(import.meta.url).pathname);
const siteDir = path.resolve(process.argv[2] || path.join(here, "../../public"));
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

const failures = [];
function fail(msg) {
  failures.push(msg);
  console.log("  FAIL " + msg);
}
function ok(msg) {
  console.log("  ok   " + msg);
}

// ---- the site's pages, grouped by kind --------------------------------------------------


// Patterns for each kind; the first matching file of a kind is tested. Manuals, workshops and
// the notice come from other parts of the project: they are tested when the build holds them.
const KINDS = [
  ["home", /^index\.html$/],
  ["lao", /^lao\/[^/]+\/\d{4}\/index\.html$/],
  ["lao-home", /^lao\/[^/]+\/index\.html$/],
  ["province", /^province\/[^/]+\/index\.html$/],
  ["district", /^province\/[^/]+\/[^/]+\/index\.html$/],
  ["type", /^type\/[^/]+\/index\.html$/],
  ["year", /^year\/\d{4}\/index\.html$/],
  ["manual-chapter", /^(manuals?|guides?|docs)\/.+\/[^/]+\.html$/],
  ["manual-index", /^(manuals?|guides?|docs)\/(index\.html|[^/]+\/index\.html)$/],
  ["page", /^pages?\/.+\.html$/],
  ["workshop", /^workshops?\/.+\.html$/],
  ["notice", /(^|\/)(notice|prakat|announcement)(\/index)?\.html$/],
  ["text-search", /^search\/index\.html$/],
  ["not-found", /^404\.html$/],
  ["open-data", /^data\/index\.html$/],
];
const REQUIRED = ["home", "lao", "province", "open-data"];
const LATER = ["manual-chapter", "workshop", "notice"];

function pickPages(files) {
  const picked = [];
  for (const [kind, re] of KINDS) {
    // Prefer a deeper example of a manual chapter (a real chapter, not the book's index).
    const hit = files.find((f) => re.test(f) && !picked.some((p) => p.file === f));
    if (hit) picked.push({ kind, file: hit });
  }
  return picked;
}

// ---- the site, served from disk at its own address ----------------------------------
// ---- checks -----------------------------------------------------------------------------

async function runAxe(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: " + (n.failureSummary || "").replace(/\s+/g, " ")),
      count: v.nodes.length,
    }));
  }, AXE_TAGS);
}

async function checkNarrow(page, label) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  if (w > 320) {
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll("body *"))
        .filter((e) => e.getBoundingClientRect().right > 321 && !e.closest(".table-scroll"))
        .slice(0, 5)
        .map((e) => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")));
    fail(`${label}: 320 px wide page scrolls sideways (scrollWidth ${w}); too wide: ${wide.join(", ")}`);
  } else ok(`${label}: no horizontal scroll at 320 px (scrollWidth ${w})`);
}

// Tabs through the first focusable elements; each must show a visible focus indicator.
async function checkFocus(page, label, steps = 12) {
  let seen = 0;
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      const visible = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== "none");
      return { tag: e.tagName.toLowerCase(), text: (e.textContent || e.getAttribute("aria-label") || e.id || "").trim().slice(0, 30), visible };
    });
    if (!f) continue;
    seen++;
    if (!f.visible) fail(`${label}: focus on <${f.tag}> "${f.text}" has no visible outline`);
  }
  if (seen === 0) fail(`${label}: Tab reached nothing focusable`);
  else ok(`${label}: focus visible on ${seen} tab stops`);
}

async function main() {
  if (!fs.existsSync(path.join(siteDir, "index.html"))) {
    console.error(`no built site at ${siteDir} (run \`prakat build\` first)`);
    process.exit(2);
  }
  const files = walk(siteDir);
  const pages = pickPages(files);
  const kinds = pages.map((p) => p.kind);
  console.log(`site: ${siteDir} (${files.length} HTML files)`);
  console.log(`page kinds tested: ${pages.map((p) => `${p.kind} (${p.file})`).join(", ")}`);
  for (const k of REQUIRED) if (!kinds.includes(k)) fail(`no ${k} page found in the built site`);
  const absent = LATER.filter((k) => !kinds.includes(k));
  if (absent.length) console.log(`not in this build (so not tested): ${absent.join(", ")}`);
  if (process.env.E2E_REQUIRE_ALL) for (const k of absent) fail(`E2E_REQUIRE_ALL: no ${k} page found`);

  const base = siteBase(siteDir);
  console.log(`served at ${base} from disk`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    // axe must be able to fail here: a page with known faults has to show violations.
    const probe = await browser.newPage();
    await serveSite(probe.context(), siteDir, base);
    await probe.setContent('<html lang="th"><body><main><img src="x.png"><p style="color:#bbb;background:#fff">จาง</p><a href="#"></a></main></body></html>');
    const pv = (await runAxe(probe)).map((v) => v.id);
    await probe.close();
    if (!pv.includes("image-alt") || !pv.includes("color-contrast")) fail(`axe missed known faults: ${pv.join(", ")}`);
    else ok(`axe reports known faults on a probe page: ${pv.join(", ")}`);

    for (const js of [true, false]) {
      const mode = js ? "JS on" : "JS off";
      console.log(`\n== axe WCAG 2.2 AA, 320 px and focus, ${mode}`);
      // axe itself needs JavaScript, and Chromium closes the page when axe runs with scripting
      // disabled; so "JS off" for axe is the page as a no-JS browser builds it: the site's
      // scripts are not loaded and <noscript> content is part of the document.
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await serveSite(ctx, siteDir, base, !js);
      const narrow = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 320, height: 640 } });
      await serveSite(narrow, siteDir, base);
      for (const { kind, file } of pages) {
        const label = `${kind} ${mode}`;
        const page = await ctx.newPage();
        const resp = await page.goto(base + file);
        if (!resp || (resp.status() !== 200 && kind !== "not-found")) fail(`${label}: HTTP ${resp && resp.status()}`);
        const v = await runAxe(page);
        if (v.length === 0) ok(`${label}: axe found no violations`);
        for (const x of v) fail(`${label}: axe ${x.id} (${x.impact}, ${x.count} nodes): ${x.help}\n         ${x.nodes.join("\n         ")}`);
        if (["home", "lao", "province"].includes(kind)) {
          await page.goto(base + file);
          await checkFocus(page, label);
        }
        await page.close();
        const np = await narrow.newPage();
        await np.goto(base + file);
        await checkNarrow(np, label);
        // The narrow page with search results open must not scroll sideways either.
        if (js && kind === "home" && !(await np.$("#site-search-q"))) fail("home: no search box #site-search-q");
        else if (js && kind === "home") {
          await np.fill("#site-search-q", "คลองท่อมใต้");
          await np.waitForSelector("#search-results a", { timeout: 5000 }).catch(() => {});
          await checkNarrow(np, `${label} with search results`);
          const a = await runAxe(np);
          if (a.length === 0) ok(`${label} with search results: axe found no violations`);
          for (const x of a) fail(`${label} with search results: axe ${x.id}: ${x.help}\n         ${x.nodes.join("\n         ")}`);
        }
        await np.close();
      }
      await ctx.close();
      await narrow.close();
    }

    console.log("\n== search with JavaScript");
    await checkSearch(browser, base).catch((e) => fail(`search check stopped: ${e.message.split("\n")[0]}`));
    console.log("\n== full-text search of the manuals");
    await checkTextSearch(browser, base).catch((e) => fail(`text search check stopped: ${e.message.split("\n")[0]}`));
    console.log("\n== what a phone shows first");
    await checkFirst(browser, base, pages).catch((e) => fail(`order check stopped: ${e.message.split("\n")[0]}`));
    console.log("\n== the year page's table folded by area on a phone");
    await checkFold(browser, base, pages.find((p) => p.kind === "lao")).catch((e) => fail(`fold check stopped: ${e.message.split("\n")[0]}`));
    console.log("\n== compare LAOs side by side");
    await checkCompare(browser, base).catch((e) => fail(`compare check stopped: ${e.message.split("\n")[0]}`));
    console.log("\n== the 404 page opened from disk");
    await checkNotFoundFromDisk(browser).catch((e) => fail(`404 check stopped: ${e.message.split("\n")[0]}`));
    console.log("\n== browse without JavaScript");
    await checkBrowseNoJs(browser, base).catch((e) => fail(`no-JS browse check stopped: ${e.message.split("\n")[0]}`));
  } finally {
    await browser.close();
  }
  if (offsite.size) fail(`pages requested other hosts: ${[...offsite].slice(0, 5).join(", ")}`);
  else ok("no page requested anything from another host");
  console.log(failures.length ? `\n${failures.length} failure(s)` : "\nall browser checks passed");
  process.exit(failures.length ? 1 : 0);
}

// The 404 page names its fonts from the base URL (a server shows it at any depth); opened from
// disk, or where that address cannot be reached, its second, page-relative source must load,
// or a device without Thai fonts shows boxes.
async function checkNotFoundFromDisk(browser) {
  const file = path.join(siteDir, "404.html");
  if (!fs.existsSync(file)) return fail("no 404.html");
  const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
  await ctx.route(/^https?:/, (route) => route.abort());
  const page = await ctx.newPage();
  await page.goto("file://" + file);
  const faces = await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Sarabun").map((f) => f.load().catch(() => null)));
    return [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Sarabun").map((f) => `${f.weight} ${f.status}`);
  });
  if (!faces.length || faces.some((f) => !f.endsWith("loaded"))) fail(`404 from disk: Sarabun faces ${JSON.stringify(faces)}`);
  else ok(`404 from disk: its ${faces.length} font faces load from beside it`);
  await ctx.close();
}

// What matters first on a phone: the LAO lists before a province's charts, the browse list
// before the national overview, how to read before the year page's table; and a header that
// leaves most of the first screen to the page.
async function checkFirst(browser, base, pages) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 800 } });
  await serveSite(ctx, siteDir, base);
  const page = await ctx.newPage();
  const top = (sel) => page.$eval(sel, (e) => Math.round(e.getBoundingClientRect().top + scrollY)).catch(() => null);
  const rules = [
    ["province", "main section[aria-labelledby^='d-']", "#pchart-h", "a district's LAO list", "the province charts"],
    ["home", "#browse-h", "#national-h", "the browse list", "the national overview"],
    ["lao", "details.how-to-read", "#table-h", "how to read", "the indicator table"],
  ];
  for (const [kind, first, then, a, b] of rules) {
    const p = pages.find((x) => x.kind === kind);
    if (!p) continue;
    await page.goto(base + p.file);
    const [ya, yb] = [await top(first), await top(then)];
    if (ya === null || (yb !== null && ya > yb)) fail(`${kind}: ${a} (${ya} px) comes after ${b} (${yb} px) at 390 px`);
    else ok(`${kind}: ${a} at ${ya} px, before ${b} (${yb} px)`);
    const header = await page.$eval(".site-header", (h) => Math.round(h.getBoundingClientRect().height));
    if (header > 240) fail(`${kind}: the header takes ${header} px of an 800 px first screen`);
  }
  ok("the header leaves the first screen to the page (at most 240 px at 390 px)");
  await ctx.close();
}

// On a phone the year page's table starts folded by area; a heading opens its area, one
// button opens all, a link to an indicator opens its area, and print shows every row.
async function checkFold(browser, base, lao) {
  if (!lao) return fail("fold: no LAO year page");
  const ctx = await browser.newContext({ viewport: { width: 390, height: 800 } });
  await serveSite(ctx, siteDir, base);
  const page = await ctx.newPage();
  await page.goto(base + lao.file);
  await page.waitForSelector("button.fold", { timeout: 5000 });
  const shown = () => page.$$eval("table.results tr[id^='i-']", (rs) => rs.filter((r) => r.offsetParent !== null).length);
  const total = await page.$$eval("table.results tr[id^='i-']", (rs) => rs.length);
  if ((await shown()) !== 0) fail(`fold: ${await shown()} of ${total} indicator rows shown before anything is opened`);
  else ok(`fold: all ${total} indicator rows folded at first at 390 px`);
  await page.click("button.fold >> nth=0");
  const one = await shown();
  if (one === 0 || one === total) fail(`fold: opening the first area shows ${one} of ${total} rows`);
  else ok(`fold: the first area's heading opens its ${one} rows (aria-expanded ${await page.getAttribute("button.fold >> nth=0", "aria-expanded")})`);
  await page.click("button.fold-all");
  if ((await shown()) !== total) fail(`fold: 'แสดงทุกด้าน' shows ${await shown()} of ${total}`);
  else ok("fold: one button opens every area");
  const last = await page.$$eval("table.results tr[id^='i-']", (rs) => rs[rs.length - 1].id);
  await page.goto(base + lao.file + "#" + last);
  await page.waitForSelector("button.fold", { timeout: 5000 });
  const visible = await page.$eval(`[id="${last}"]`, (r) => r.offsetParent !== null);
  if (!visible) fail(`fold: a link to #${last} leaves its row hidden`);
  else ok(`fold: a link to #${last} opens its area`);
  await page.emulateMedia({ media: "print" });
  const printed = await page.$$eval("table.results tr[id^='i-']", (rs) => rs.filter((r) => getComputedStyle(r.parentElement).display !== "none").length);
  if (printed !== total) fail(`fold: print shows ${printed} of ${total} rows`);
  else ok(`fold: print shows all ${total} rows, folded or not`);
  // Nothing interactive on paper: an opened area's heading prints without its ▾.
  const marks = await page.$$eval("table.results h3 button.fold", (bs) => bs.map((b) => getComputedStyle(b, "::before").content).filter((c) => c !== "none" && c !== "normal"));
  if (marks.length) fail(`fold: print shows the fold marks ${JSON.stringify(marks.slice(0, 3))}`);
  else ok("fold: print shows no fold marks, opened areas included");
  // The council pack's QR code is there on paper although nobody scrolled down to it.
  const fresh = await ctx.newPage();
  await fresh.goto(base + lao.file);
  await fresh.emulateMedia({ media: "print" });
  await fresh.waitForLoadState("load");
  const qr = await fresh.$eval(".share-print .qr img", (i) => ({ done: i.complete && i.naturalWidth > 0, lazy: i.loading }));
  if (!qr.done) fail(`print: the QR code of the council pack is not loaded when printed (loading=${qr.lazy})`);
  else ok("print: the council pack's QR code is loaded without scrolling to it");
  await ctx.close();
}

// Compare: two LAOs from a shared link, and a third picked by typing its name; each cell says
// what the LAO's own year page says for that indicator.
async function checkCompare(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 320, height: 900 } });
  await serveSite(ctx, siteDir, base);
  const page = await ctx.newPage();
  const codes = fs.readdirSync(path.join(siteDir, "lao")).filter((c) => fs.existsSync(path.join(siteDir, "lao", c, "results.csv"))).slice(0, 2);
  await page.goto(base + `compare/index.html?lao=${codes[0]}&lao=${codes[1]}`);
  await page.waitForSelector(".compare-table", { timeout: 10000 });
  const be = (await page.$eval(".compare-table caption", (c) => c.textContent)).match(/\d{4}/)[0];
  const rows = await page.$$eval(".compare-table tbody tr:not(.area)", (rs) => rs.map((r) => [...r.children].map((c) => c.innerText.replace(/\s+/g, " ").trim())));
  if (rows.length < 5) fail(`compare: ${rows.length} indicator rows for ${codes.join(", ")}`);
  else ok(`compare ${codes.join(" and ")} in ${be}: ${rows.length} indicator rows`);
  // The first LAO's verdicts match its own year page.
  const yearPage = fs.readFileSync(path.join(siteDir, "lao", codes[0], be, "index.html"), "utf8");
  let checked = 0;
  for (const r of rows) {
    const id = r[0].split(" ")[0];
    const verdict = r[1].split(" ").slice(1).join(" ");
    if (r[1] === "ไม่ได้ประเมิน") continue;
    const at = yearPage.indexOf(`<tr id=i-${id}>`);
    const row = at < 0 ? "" : yearPage.slice(at, yearPage.indexOf("\n", at));
    const ratio = r[1].split(" ")[0].replace("%", "");
    if (!row.includes(`>${verdict}`) || (ratio !== "-" && !row.includes(`>${ratio}`))) fail(`compare: ${codes[0]} ${id} says "${r[1]}", its year page's row: ${row.slice(0, 200)}`);
    checked++;
  }
  ok(`compare: ${checked} cells of ${codes[0]} say what its year page says`);
  await checkNarrow(page, "compare with a table");
  // A name typed in the third box (as the datalist offers it) joins the table.
  const third = fs.readdirSync(path.join(siteDir, "lao")).filter((c) => fs.existsSync(path.join(siteDir, "lao", c, be, "index.html")) && !codes.includes(c))[0];
  await page.waitForFunction((c) => [...document.querySelectorAll("#compare-laos option")].some((o) => o.value.endsWith("(" + c + ")")), third, { timeout: 10000 });
  const option = await page.$eval("#compare-laos", (l, c) => [...l.options].find((o) => o.value.endsWith("(" + c + ")")).value, third);
  await page.fill("#lao-3", option);
  await page.click("#compare-form button");
  await page.waitForFunction(() => document.querySelectorAll(".compare-table thead th").length === 4, null, { timeout: 10000 });
  ok(`compare: a third LAO picked by name (${option}) adds a column`);
  const axe = await runAxe(page);
  if (axe.length === 0) ok("compare with a table: axe found no violations");
  for (const x of axe) fail(`compare: axe ${x.id}: ${x.help}\n         ${x.nodes.join("\n         ")}`);
  await ctx.close();
}

// The manuals' full-text search: Thai text found by substring, results link to real sections.
async function checkTextSearch(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
  await serveSite(ctx, siteDir, base);
  const page = await ctx.newPage();
  await page.goto(base + "search/index.html");
  await page.fill("#text-q", "กรอบการประเมิน");
  await page.waitForFunction(() => document.querySelectorAll("#text-results li").length > 0, null, { timeout: 10000 });
  const first = await page.$eval("#text-results li a", (a) => ({ href: a.getAttribute("href"), text: a.innerText }));
  const count = await page.$$eval("#text-results li", (l) => l.length);
  ok(`text search "กรอบการประเมิน" → ${count} sections, first: ${first.text}`);
  await page.click("#text-results li a");
  await page.waitForLoadState();
  const h1 = await page.$eval("h1", (h) => h.innerText).catch(() => "");
  if (!page.url().includes("/manuals/") && !page.url().includes("/pages/")) fail(`text search result opened ${page.url()}`);
  else ok(`the first result opens ${page.url().replace(base, "")} (${h1})`);
  // Words with a space between them are each found, in any order; Thai digits find Arabic ones.
  for (const q of ["ถนน ลาดยาง", "ลาดยาง ถนน", "๑.๑"]) {
    await page.goto(base + "search/index.html");
    await page.fill("#text-q", q);
    // The first query loads the index ("กำลังโหลดดัชนี…"); the answer is "พบ N ตอน" or "ไม่พบ...".
    await page.waitForFunction(() => /^(พบ|ไม่พบ)/.test(document.getElementById("text-status").textContent), null, { timeout: 10000 });
    const n = await page.$$eval("#text-results li", (l) => l.length);
    if (n === 0) fail(`text search "${q}" finds nothing`);
    else ok(`text search "${q}" → ${n} sections`);
  }
  // The workshop pages are searched too: a session by its day and channel.
  await page.goto(base + "search/index.html");
  await page.fill("#text-q", "เมษายน 2569 Webex");
  await page.waitForFunction(() => /^(พบ|ไม่พบ)/.test(document.getElementById("text-status").textContent), null, { timeout: 10000 });
  const ws = await page.$$eval("#text-results li a", (l) => l.map((a) => a.getAttribute("href")));
  if (!ws.some((h) => /workshops\/2569\/\d+\/(index\.html)?$/.test(h))) fail(`text search "เมษายน 2569 Webex" finds no workshop session: ${ws.join(", ")}`);
  else ok(`text search "เมษายน 2569 Webex" → ${ws.length} sections, sessions among them`);
  await page.goto(base + "search/index.html");
  await page.fill("#text-q", "ข้อความที่ไม่มีอยู่ในคู่มือzzq");
  await page.waitForFunction(() => /^(พบ|ไม่พบ)/.test(document.getElementById("text-status").textContent), null, { timeout: 10000 });
  const none = await page.$eval("#text-status", (e) => e.textContent);
  if (!none.startsWith("ไม่พบ")) fail(`text search without a match says: ${none}`);
  else ok(`no match is announced: ${none}`);
  await ctx.close();
}

// Each query must list the expected LAO among the first results, with type, district and province.
const QUERIES = [
  ["คลองท่อมใต้", "เทศบาลตำบลคลองท่อมใต้", 2],
  ["อบต.คลองท่อมใต้", "องค์การบริหารส่วนตำบลคลองท่อมใต้", 1],
  ["องค์การบริหารส่วนตำบลคลองท่อมใต้", "องค์การบริหารส่วนตำบลคลองท่อมใต้", 1],
  ["เทศบาลตำบลคลองท่อมใต้", "เทศบาลตำบลคลองท่อมใต้", 1],
  ["อบต. คลองท่อม", "องค์การบริหารส่วนตำบลคลองท่อมใต้", 3],
  ["ท่อมใต้", "เทศบาลตำบลคลองท่อมใต้", 2],
  ["khlong thom tai", "เทศบาลตำบลคลองท่อมใต้", 2],
  ["KHLONGTHOM", "เทศบาลตำบลคลองท่อมใต้", 6],
  ["5810401", "เทศบาลตำบลคลองท่อมใต้", 1],
  // A district name finds the LAOs in it.
  ["อำเภอคลองท่อม", "เทศบาลตำบลคลองท่อมใต้", 10],
  // The short forms people write (issue 20): ทต. ทม. กทม, ต./ตำบล before a name, อ. for a district.
  ["ทต.คลองท่อมใต้", "เทศบาลตำบลคลองท่อมใต้", 1],
  ["ทม.กระบี่", "เทศบาลเมืองกระบี่", 1],
  ["ทน.แหลมฉบัง", "เทศบาลนครแหลมฉบัง", 1],
  ["กทม", "กรุงเทพมหานคร", 1],
  ["ต.คลองท่อมใต้", "เทศบาลตำบลคลองท่อมใต้", 2],
  ["ตำบลคลองท่อมใต้", "องค์การบริหารส่วนตำบลคลองท่อมใต้", 2],
  ["อ.คลองท่อม", "เทศบาลตำบลคลองท่อมใต้", 10],
  // Thai digits, and a name with a tone mark left out, ใ typed as ไ, or one letter wrong.
  ["๕๘๑๐๔๐๑", "เทศบาลตำบลคลองท่อมใต้", 1],
  ["คลองท่อมไต้", "เทศบาลตำบลคลองท่อมใต้", 2],
  ["คลองทอมใต้", "เทศบาลตำบลคลองท่อมใต้", 2],
  ["คลองท่อมใค้", "เทศบาลตำบลคลองท่อมใต้", 2],
  // A type before a misspelt name keeps to that type; "เมือง" before a name is the town.
  ["อบต คลองทอมใต้", "องค์การบริหารส่วนตำบลคลองท่อมใต้", 1],
  ["ทต.คลองท่อมไต้", "เทศบาลตำบลคลองท่อมใต้", 1],
  ["เมืองกระบี่", "เทศบาลเมืองกระบี่", 1],
  // A district lists the LAOs named after it first (its อบจ., the town).
  ["อ.เมืองกระบี่", "องค์การบริหารส่วนจังหวัดกระบี่", 1],
];

async function checkSearch(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
  await serveSite(ctx, siteDir, base);
  const page = await ctx.newPage();
  await page.goto(base + "index.html");
  const before = await page.evaluate(() => performance.getEntriesByType("resource").some((r) => r.name.includes("search/laos.js")));
  if (before) fail("search index loaded before the box was used");
  else ok("search index not loaded until the box is used");
  await page.focus("#site-search-q");
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.includes("search/laos.js")));
  for (const [q, expect, within] of QUERIES) {
    await page.fill("#site-search-q", q);
    const items = await page.$$eval("#search-results li", (lis) => lis.map((li) => li.innerText.replace(/\s+/g, " ")));
    const at = items.findIndex((t) => t.startsWith(expect + " "));
    if (at < 0 || at >= within) fail(`search "${q}": expected ${expect} in the first ${within}, got ${JSON.stringify(items.slice(0, 4))}`);
    // The capital is named alone: "เขตพระนคร · กรุงเทพมหานคร", never "จ.กรุงเทพมหานคร".
    else if (!/(อ\.|เขต)\S+/.test(items[at]) || !/(จ\.\S+| · กรุงเทพมหานคร$)/.test(items[at]) || items[at].includes("จ.กรุงเทพ")) fail(`search "${q}": result lacks district/province: ${items[at]}`);
    else ok(`search "${q}" → #${at + 1} ${items[at]}`);
  }
  // Province name: every listed LAO is in that province.
  for (const q of ["กระบี่", "จ.กระบี่", "จังหวัดกระบี่"]) {
    await page.fill("#site-search-q", q);
    const prov = await page.$$eval("#search-results li", (lis) => lis.map((li) => li.innerText));
    if (!prov.length || prov.some((t) => !t.includes("จ.กระบี่"))) fail(`search "${q}": ${JSON.stringify(prov.slice(0, 3))}`);
    // The province's own LAO (its อบจ.) comes first, not whichever name is shortest.
    else if (!prov[0].startsWith("องค์การบริหารส่วนจังหวัดกระบี่")) fail(`search "${q}": first result ${JSON.stringify(prov[0])}, expected the อบจ.`);
    else ok(`search "${q}" → ${prov.length} results, all in จ.กระบี่, the อบจ. first`);
  }
  await page.fill("#site-search-q", "zzzxxq");
  const none = await page.textContent("#search-status");
  if (!/ไม่พบ/.test(none)) fail(`search with no match says: ${none}`);
  else ok(`no match is announced: ${none}`);

  // Keyboard: ArrowDown moves into the results, Enter opens the focused one.
  await page.fill("#site-search-q", "คลองท่อมใต้");
  await page.keyboard.press("ArrowDown");
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest("#search-results") ? document.activeElement.textContent : null);
  if (!focused) fail("ArrowDown from the search box does not reach the results");
  else ok(`ArrowDown focuses the first result: ${focused}`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  if (!/\/lao\/[^/]+\/index\.html$/.test(page.url())) fail(`Enter on a result went to ${page.url()}`);
  else ok(`Enter on a result opens ${page.url().replace(base, "")}`);

  // Enter in the box opens the best match.
  await page.goto(base + "index.html");
  await page.fill("#site-search-q", "อบต.คลองท่อมใต้");
  await page.waitForSelector("#search-results a");
  await Promise.all([page.waitForNavigation(), page.press("#site-search-q", "Enter")]);
  if (!page.url().endsWith("lao/6810408/index.html")) fail(`Enter in the box went to ${page.url()}`);
  else ok(`Enter in the box opens the best match: ${page.url().replace(base, "")}`);

  // Search time: the same work a keystroke does, timed in the page.
  await page.goto(base + "index.html");
  await page.focus("#site-search-q");
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.includes("search/laos.js")));
  await page.fill("#site-search-q", "ก");
  const timing = await page.evaluate(() => {
    const input = document.getElementById("site-search-q");
    const qs = ["คลองท่อมใต้", "อบต.คลอง", "khlong", "กระบี่", "ท่อม", "5810401", "เทศบาลตำบลบาง", "เมือง"];
    const times = [];
    for (let r = 0; r < 5; r++) for (const q of qs) {
      input.value = q;
      const t0 = performance.now();
      input.dispatchEvent(new Event("input"));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const res = performance.getEntriesByType("resource").find((r) => r.name.includes("search/laos.js"));
    return { median: times[times.length >> 1], max: times[times.length - 1], n: times.length, indexBytes: res && res.decodedBodySize };
  });
  console.log(`  figure: search keystroke (search + render list) median ${timing.median.toFixed(2)} ms, max ${timing.max.toFixed(2)} ms over ${timing.n}; index ${timing.indexBytes} bytes`);
  await ctx.close();
}

async function checkBrowseNoJs(browser, base) {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
  await serveSite(ctx, siteDir, base);
  const page = await ctx.newPage();
  await page.goto(base + "lao/5810401/index.html");
  // The header box submits to the home page's browse section.
  await page.fill("#site-search-q", "คลองท่อมใต้");
  await Promise.all([page.waitForNavigation(), page.press("#site-search-q", "Enter")]);
  const url = new URL(page.url());
  if (!url.pathname.endsWith("/index.html") || url.hash !== "#browse" || url.pathname.includes("/lao/"))
    fail(`without JS the search form went to ${page.url()}, expected the home page #browse`);
  else ok(`without JS the search form leads to ${url.pathname}${url.search}${url.hash}`);
  // province → district → LAO, by clicks.
  await page.click("#browse summary >> nth=0");
  const district = page.locator("#browse .district-list a").first();
  const dname = await district.textContent();
  await Promise.all([page.waitForNavigation(), district.click()]);
  const lao = page.locator("main a[href*='lao/']").first();
  const lname = await lao.textContent();
  await Promise.all([page.waitForNavigation(), lao.click()]);
  const h1 = await page.textContent("h1");
  if (!/\/lao\/[^/]+\/index\.html$/.test(page.url()) || !h1.includes(lname.trim()))
    fail(`browse without JS: district ${dname} → ${lname} ended at ${page.url()} with h1 ${h1}`);
  else ok(`browse without JS: province → ${dname.trim()} → ${lname.trim()} → LAO page`);
  await ctx.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
