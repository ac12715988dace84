import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage({ viewport: { width: 390, height: 800 } });
for (const f of process.argv.slice(2)) {
  await p.goto("file://" + f);
  const r = await p.evaluate(() => {
    const y = (s) => { const e = document.querySelector(s); return e ? Math.round(e.getBoundingClientRect().top + scrollY) : null; };
    return { height: document.documentElement.scrollHeight, header: y("main") , h2s: [...document.querySelectorAll("main h2")].map((h) => h.textContent.trim().slice(0, 30) + "@" + Math.round(h.getBoundingClientRect().top + scrollY)) };
  });
  console.log(f, JSON.stringify(r));
}
await b.close();
