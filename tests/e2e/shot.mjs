// Screenshots of built pages for a person to look at: each page at the given widths, one PNG per
// page and width, optionally scrolled to an element; and A4 PDFs of print sheets.
//
//   node shot.mjs OUTDIR WIDTHS PAGE[#anchor]... (PAGE is a file path; WIDTHS like 320,390,1280)
//   node shot.mjs --pdf OUTDIR PAGE...            (A4, as a browser prints it)

import path from "node:path";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
const pdf = args[0] === "--pdf";
if (pdf) args.shift();
const [out, widthsArg, ...rest] = args;
const pages = pdf ? [widthsArg, ...rest] : rest;
const widths = pdf ? [] : widthsArg.split(",").map(Number);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
for (const spec of pages) {
  const [file, anchor] = spec.split("#");
  const name = (file.replace(/[^a-zA-Z0-9]+/g, "_") + (anchor ? "_" + anchor.replace(/[^a-zA-Z0-9]+/g, "_") : "")).slice(-90);
  if (pdf) {
    const page = await browser.newPage();
    await page.goto("file://" + path.resolve(file));
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: path.join(out, name + ".pdf"), format: "A4", printBackground: true, preferCSSPageSize: true });
    await page.close();
    console.log(path.join(out, name + ".pdf"));
    continue;
  }
  for (const w of widths) {
    const page = await browser.newPage({ viewport: { width: w, height: 1100 } });
    await page.goto("file://" + path.resolve(file));
    if (anchor) await page.locator("#" + anchor).first().scrollIntoViewIfNeeded();
    if (anchor) await page.evaluate((a) => document.getElementById(a).scrollIntoView(), anchor);
    const p = path.join(out, `${name}_${w}.png`);
    await page.screenshot({ path: p });
    await page.close();
    console.log(p);
  }
}
await browser.close();
