// The built site as the browser checks see it: its HTML files, its address, and a browser
// context answered from the folder. Shared by run.mjs (axe, search, ...) and layout.mjs.

import fs from "node:fs";
import path from "node:path";

/** Every HTML file under `dir`, as paths relative to it, sorted. */
export function walk(dir, rel = "") {
  let out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? rel + "/" + e.name : e.name;
    if (e.isDirectory()) out = out.concat(walk(dir, r));
    else if (e.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}

// Pages are opened at the site's base_url (read from sitemap.xml) with every request answered
// from the built folder, so absolute links (the 404 page's, canonical addresses) resolve as
// they would when deployed. Any request to another host is refused and reported: no page may
// load anything from elsewhere.

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".woff2": "font/woff2", ".csv": "text/csv; charset=utf-8", ".xml": "application/xml",
  ".ics": "text/calendar", ".txt": "text/plain; charset=utf-8",
};

export function siteBase(dir) {
  const sm = path.join(dir, "sitemap.xml");
  // The home page's address is the base: the shortest <loc>.
  const locs = fs.existsSync(sm) ? [...fs.readFileSync(sm, "utf8").matchAll(/<loc>(https?:\/\/[^<]+)<\/loc>/g)].map((x) => x[1]) : [];
  const home = locs.sort((x, y) => x.length - y.length)[0];
  return home && home.endsWith("/") ? home.replace(/&amp;/g, "&") : "http://prakat.test/";
}

export const offsite = new Set();

// Answers every request of a browser context from the site folder. With `noScripts`, pages
// arrive as a browser without JavaScript builds them (see runAxe's caller).
export async function serveSite(ctx, dir, base, noScripts = false) {
  const basePath = new URL(base).pathname;
  await ctx.route("**/*", async (route) => {
    const req = route.request();
    const url = req.url();
    if (!url.startsWith(base)) {
      offsite.add(url);
      return route.abort();
    }
    if (noScripts && req.resourceType() === "script") return route.abort();
    let rel = decodeURIComponent(new URL(url).pathname).slice(basePath.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, path.normalize(rel));
    let status = 200, body;
    if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) body = fs.readFileSync(file);
    else {
      status = 404;
      body = fs.existsSync(path.join(dir, "404.html")) ? fs.readFileSync(path.join(dir, "404.html")) : Buffer.from("");
    }
    const type = status === 404 ? TYPES[".html"] : TYPES[path.extname(file)] || "application/octet-stream";
    if (noScripts && type.startsWith("text/html")) {
      body = body.toString("utf8")
        .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
        .replace(/<\/?noscript>/gi, "");
    }
    return route.fulfill({ status, headers: { "content-type": type }, body });
  });
}
