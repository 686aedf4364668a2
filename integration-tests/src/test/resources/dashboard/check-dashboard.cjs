// Opens the dashboard in headless Chromium (Playwright, Debian's chromium) and reports, as one JSON line on stdout,
// what a user would see: whether it loaded, the row of an expected request, and every console error.
// Usage: node check-dashboard.cjs URL REQUEST_ID USER_DATA_DIR   (PLAYWRIGHT_CORE and CHROMIUM in the environment)
"use strict";
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

const [url, requestId, userDataDir] = process.argv.slice(2);

(async () => {
  const problems = [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const result = { loaded: false, row: null, backendHealth: null, consoleErrors: problems };
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
    page.on("pageerror", (error) => problems.push(String(error)));
    page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on("response", (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`); });
    await page.goto(url, { waitUntil: "load", timeout: 30000 });
    await page.waitForSelector("body[data-loaded=true]", { timeout: 30000 });
    result.loaded = true;
    const row = page.locator(`tr[data-request-id="${requestId}"]`);
    await row.waitFor({ timeout: 30000 });
    result.row = (await row.innerText()).replace(/\s+/g, " ").trim();
    result.backendHealth = (await page.locator("#backends tbody tr").first().innerText()).replace(/\s+/g, " ").trim();
    result.connection = await page.locator("#connection").innerText();
    // One more poll, so that errors of a later refresh are caught too.
    await page.waitForResponse((response) => response.url().endsWith("/dashboard/api/state"), { timeout: 30000 });
    await page.waitForFunction(() => document.getElementById("connection").textContent === "live");
  } catch (error) {
    result.failure = String(error);
  } finally {
    await context.close();
  }
  process.stdout.write(JSON.stringify(result) + "\n");
})();
