import { defineConfig } from "@playwright/test";

// Runs against a built frontend (`next start`) and a real backend with the demo data;
// platform/scripts/e2e.sh starts both. Debian's Chromium, never a downloaded browser.
const BASE_URL = process.env.BASE_URL || "http://127.0.0.1:3000";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/artifacts",
  timeout: 30_000,
  // Screenshot baselines (tests/e2e/visual.spec.ts) live beside their spec, one set for every
  // platform: the same Debian Chromium renders them in CI and on a developer's machine.
  snapshotPathTemplate: "{testDir}/{testFilePath}-snapshots/{arg}{ext}",
  expect: {
    timeout: 7_000,
    toHaveScreenshot: { maxDiffPixels: 100, maxDiffPixelRatio: 0.01, animations: "disabled", caret: "hide", scale: "css" },
  },
  fullyParallel: false,
  workers: Number(process.env.PLAYWRIGHT_WORKERS || 2),
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      ],
    },
  },
});
