// Builds the embeddable agenda (embed/agenda.ts) into public/embed/agenda.js: one minified file,
// with the design tokens (src/styles/tokens.css) inside as text. Fails when the file grows past
// its budget (gzip), so partner pages stay light.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const OUT = "public/embed/agenda.js";
const TOKENS = fileURLToPath(new URL("../src/styles/tokens.css", import.meta.url));

/** `import css from "embed:tokens.css"`: the site's design tokens as a string. */
const tokens = {
  name: "tokens",
  setup(b) {
    b.onResolve({ filter: /^embed:tokens\.css$/ }, () => ({ path: TOKENS, namespace: "tokens" }));
    b.onLoad({ filter: /.*/, namespace: "tokens" }, () => ({
      // Comments out, white space squeezed: the same declarations, fewer bytes.
      contents: readFileSync(TOKENS, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\s+/g, " ")
        .replace(/\s*([{}:;,])\s*/g, "$1")
        .trim(),
      loader: "text",
    }));
  },
};
const BUDGET_GZIP = 8 * 1024;

await build({
  entryPoints: ["embed/agenda.ts"],
  outfile: OUT,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  plugins: [tokens],
  legalComments: "none",
  logLevel: "info",
});

const code = readFileSync(OUT);
const gzip = gzipSync(code, { level: 9 }).length;
console.log(`${OUT}: ${(code.length / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzip (budget ${BUDGET_GZIP / 1024} kB gzip)`);
if (gzip > BUDGET_GZIP) {
  console.error(`${OUT} is over its budget: ${gzip} > ${BUDGET_GZIP} bytes gzip`);
  process.exit(1);
}
