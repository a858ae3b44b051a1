#!/usr/bin/env node
// JavaScript a browser downloads per route of the production build (.next, or NEXT_DIST_DIR, after `next build`):
// the shared runtime (rootMainFiles) plus the chunks of the route's layouts and page, raw and gzip.
// Usage: npm run size [-- --json]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";

const NEXT = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(join(NEXT, "BUILD_ID"))) {
  console.error(`No production build in ${NEXT}: run \`npm run build\` first.`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
const cache = new Map();
function size(file) {
  if (!cache.has(file)) {
    const buf = readFileSync(join(NEXT, file));
    cache.set(file, { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
  }
  return cache.get(file);
}
function total(files) {
  return [...files].reduce((acc, f) => {
    const s = size(f);
    return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip };
  }, { raw: 0, gzip: 0 });
}
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith("_client-reference-manifest.js")) out.push(p);
  }
  return out;
}

const appDir = join(NEXT, "server", "app");
const rows = [];
for (const file of walk(appDir).sort()) {
  const route = "/" + relative(appDir, file).split(sep).join("/").replace(/_client-reference-manifest\.js$/, "");
  globalThis.__RSC_MANIFEST = {};
  require(join(process.cwd(), file));
  const manifest = Object.values(globalThis.__RSC_MANIFEST)[0];
  if (!manifest) continue;
  const buildManifestPath = join(appDir, route.slice(1), "build-manifest.json");
  const main = existsSync(buildManifestPath) ? JSON.parse(readFileSync(buildManifestPath, "utf8")).rootMainFiles : [];
  const routeFiles = new Set();
  for (const [segment, chunks] of Object.entries(manifest.entryJSFiles ?? {})) {
    if (segment.endsWith("/layout") || segment.endsWith(route.replace(/\/(page|route)$/, "") + "/page") || segment.endsWith(route)) {
      for (const c of chunks) routeFiles.add(c);
    }
  }
  const shared = new Set(main);
  const own = new Set([...routeFiles].filter((f) => !shared.has(f)));
  if (route.endsWith("/route")) continue; // route handlers send no JavaScript
  rows.push({ route: route.replace(/\/page$/, "") || "/", shared: total(shared), own: total(own), all: total(new Set([...shared, ...own])) });
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kb = (n) => (n / 1024).toFixed(1).padStart(7);
  console.log(`${"route".padEnd(34)} ${"own kB".padStart(7)} ${"gz".padStart(7)} ${"total kB".padStart(8)} ${"gz".padStart(7)}`);
  for (const r of rows) console.log(`${r.route.padEnd(34)} ${kb(r.own.raw)} ${kb(r.own.gzip)} ${kb(r.all.raw).padStart(8)} ${kb(r.all.gzip)}`);
  const shared = rows[0]?.shared;
  if (shared) console.log(`shared by all routes (framework + runtime): ${(shared.raw / 1024).toFixed(1)} kB, ${(shared.gzip / 1024).toFixed(1)} kB gzip`);
  const embed = join("public", "embed", "agenda.js");
  if (existsSync(embed)) {
    const buf = readFileSync(embed);
    console.log(`embed/agenda.js: ${(buf.length / 1024).toFixed(1)} kB, ${(gzipSync(buf).length / 1024).toFixed(1)} kB gzip`);
  }
}
