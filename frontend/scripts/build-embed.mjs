// Builds the embeddable agenda (embed/agenda.ts) into public/embed/agenda.js: one minified file.
import { build } from "esbuild";

await build({
  entryPoints: ["embed/agenda.ts"],
  outfile: "public/embed/agenda.js",
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  logLevel: "info",
});
