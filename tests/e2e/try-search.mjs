// Not a test: what the site's search box and the manuals' text search answer, for queries
// given on the command line or the ones issue 20 quotes. For notes and for looking at.
//
//   node try-search.mjs <site folder> [query ...]
//
// Prints, per query, the status line and the first three results as a reader sees them.

import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { siteBase, serveSite } from "./site.mjs";

const dir = path.resolve(process.argv[2] || "../../public");
const given = process.argv.slice(3);
const LAO_QUERIES = ["ทต.คลองท่อมใต้", "ทม.กระบี่", "ทน.นครราชสีมา", "กทม", "ต.คลองท่อมใต้", "ตำบลคลองท่อมใต้",
  "อ.คลองท่อม", "จ.กระบี่", "๕๘๑๐๔๐๑", "คลองท่อมไต้", "คลองทอมใต้"];
const TEXT_QUERIES = ["ถนน ลาดยาง", "๑.๑", "เมษายน 2569 Webex"];

const base = siteBase(dir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const ctx = await browser.newContext({ viewport: { width: 390, height: 900 } });
await serveSite(ctx, dir, base);
const page = await ctx.newPage();
const clean = (s) => s.replace(/\s+/g, " ").trim();

await page.goto(base + "index.html");
await page.focus("#site-search-q");
await page.waitForFunction(() => performance.getEntriesByType("resource").some((r) => r.name.includes("search/laos.js")));
for (const q of given.length ? given : LAO_QUERIES) {
  await page.fill("#site-search-q", q);
  await page.waitForTimeout(50);
  const status = clean(await page.textContent("#search-status"));
  const items = await page.$$eval("#search-results li", (l) => l.slice(0, 3).map((li) => li.innerText));
  console.log(`${q}\t${status}`);
  items.forEach((t, i) => console.log(`  ${i + 1}. ${clean(t)}`));
}

if (!given.length && fs.existsSync(path.join(dir, "search/index.html"))) {
  for (const q of TEXT_QUERIES) {
    await page.goto(base + "search/index.html");
    await page.fill("#text-q", q);
    await page.waitForFunction(() => /^(พบ|ไม่พบ)/.test(document.getElementById("text-status").textContent), null, { timeout: 10000 });
    const status = clean(await page.textContent("#text-status"));
    const items = await page.$$eval("#text-results li a", (l) => l.slice(0, 3).map((a) => a.innerText + " → " + a.getAttribute("href")));
    console.log(`[text] ${q}\t${status}`);
    items.forEach((t, i) => console.log(`  ${i + 1}. ${clean(t)}`));
  }
}
await browser.close();
