// Figures, not a test: how big the LAO search index is and how long a keystroke's search takes
// in headless Chromium, for a built site (e.g. one built from national-scale data).
//
//   node bench-search.mjs <site folder> [CPU slowdown, e.g. 4 for an old phone]
//
// Prints the index size (raw, gzip -9), the time from first focus to the index being ready,
// and per-keystroke times (search + rendering the result list) measured with performance.now().

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { siteBase, serveSite } from "./site.mjs";

const dir = path.resolve(process.argv[2] || "../../public");
const index = fs.readFileSync(path.join(dir, "search/laos.js"));
console.log(`index search/laos.js: ${index.length} bytes raw, ${zlib.gzipSync(index, { level: 9 }).length} bytes gzip -9`);

const base = siteBase(dir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
await serveSite(ctx, dir, base);
const page = await ctx.newPage();
const slowdown = Number(process.argv[3] || 1);
if (slowdown > 1) {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: slowdown });
  console.log(`CPU slowed down ${slowdown}×`);
}
await page.goto(base + "index.html");
const ready = await page.evaluate(() => new Promise((resolve) => {
  const input = document.getElementById("site-search-q");
  const t0 = performance.now();
  input.focus();
  input.value = "ก";
  input.dispatchEvent(new Event("input"));
  const list = document.getElementById("search-results");
  const poll = () => (list.children.length ? resolve(performance.now() - t0) : setTimeout(poll, 1));
  poll();
}));
console.log(`focus → index loaded, parsed and first results shown: ${ready.toFixed(1)} ms`);
const t = await page.evaluate(() => {
  const input = document.getElementById("site-search-q");
  const qs = ["ก", "บ้าน", "หนองบัว", "อบต.หนอง", "เทศบาลตำบลบาง", "องค์การบริหารส่วนตำบลคลอง", "ban", "khlong thom", "1002", "อำเภอ", "จังหวัด", "สวนใหญ่ทอง", "zzz"];
  const all = [];
  const per = {};
  for (let r = 0; r < 7; r++) for (const q of qs) {
    input.value = q;
    const t0 = performance.now();
    input.dispatchEvent(new Event("input"));
    const dt = performance.now() - t0;
    all.push(dt);
    (per[q] = per[q] || []).push(dt);
  }
  all.sort((a, b) => a - b);
  const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  return {
    n: all.length, median: med(all), p90: all[Math.floor(all.length * 0.9)], max: all[all.length - 1],
    per: Object.fromEntries(Object.entries(per).map(([q, a]) => [q, +med(a).toFixed(2)])),
    shown: document.getElementById("search-status").textContent,
  };
});
console.log(`keystroke (search + list): median ${t.median.toFixed(2)} ms, p90 ${t.p90.toFixed(2)} ms, max ${t.max.toFixed(2)} ms over ${t.n} keystrokes`);
console.log("median per query (ms):", JSON.stringify(t.per));
await browser.close();
