// Where a browser breaks each word of the theme's thai-words.txt, in the text of a built site:
// the places its Thai dictionary (ICU, as in Chromium; Node carries the same library) puts a
// word boundary inside the word, in every context the word appears in. Prints each word as the
// list should write it, and says which lines of the list differ.
//
//   node thai-words.mjs SITE [WORD...]      (WORDs are checked besides the list's)
//
// A `|` at the start or end of a line of the list (a break opportunity around a word whose
// first or last part is not a word) is for a person to decide; this prints the inner places.

import fs from "node:fs";
import { walk } from "./site.mjs";

const [siteDir, ...extra] = process.argv.slice(2);
if (!siteDir || !fs.existsSync(siteDir)) {
  console.error("usage: node thai-words.mjs SITE [WORD...]");
  process.exit(2);
}
const listed = fs
  .readFileSync(new URL("../../themes/default/thai-words.txt", import.meta.url), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));
const words = [...listed.map((l) => l.replace(/^\||\|$/g, "")), ...extra];

// Thai text as a reader sees it: tags, scripts, joiners and <wbr> gone.
const runs = new Set();
for (const file of walk(siteDir)) {
  const html = fs
    .readFileSync(`${siteDir}/${file}`, "utf8")
    .replace(/<(script|style|title)\b[\s\S]*?<\/\1>/g, "")
    .replace(/<wbr>/g, "")
    .replace(/\u2060/g, "");
  for (const run of html.replace(/<[^>]*>/g, "\n").split("\n")) if (/[\u0E00-\u0E7F]/.test(run)) runs.add(run.trim());
}

const seg = new Intl.Segmenter("th", { granularity: "word" });
let differ = 0;
for (const marked of words) {
  const w = marked.replaceAll("|", "");
  const places = new Set();
  let seen = 0;
  for (const run of [w, ...[...runs].filter((r) => r.includes(w))]) {
    const bounds = new Set([...seg.segment(run)].map((s) => s.index));
    for (let at = run.indexOf(w); at >= 0; at = run.indexOf(w, at + 1)) {
      seen++;
      for (let k = 1; k < w.length; k++) if (bounds.has(at + k)) places.add(k);
    }
  }
  let out = "";
  let last = 0;
  for (const k of [...places].sort((a, b) => a - b)) {
    out += w.slice(last, k) + "|";
    last = k;
  }
  out += w.slice(last);
  const same = out === marked;
  if (!same) differ++;
  console.log(`${same ? "  " : "! "}${out}\t(${seen} in the site${same ? "" : `; the list has ${marked}`})`);
}
console.log(`${words.length} words, ${differ} differ from the list`);
