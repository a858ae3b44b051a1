import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("generated API types", () => {
  it("match the committed OpenAPI schema (run `npm run gen:api` after `make schema`)", () => {
    const out = join(mkdtempSync(join(tmpdir(), "api-types-")), "api-types.ts");
    execFileSync(join("node_modules", ".bin", "openapi-typescript"), ["../api/schema/openapi.yaml", "-o", out], { stdio: "pipe" });
    expect(readFileSync(out, "utf8")).toBe(readFileSync("src/lib/api-types.ts", "utf8"));
  }, 30_000);
});
